//! One lead per session, on the lead's screen: a lead that sees another,
//! newer lead write `clock.json` stops writing, says so in a steady
//! banner and follows that lead's clock; an older lead's clock it writes
//! over. Driven as the event loop drives it: `clock.json` read from disk
//! comes in as a message, keys as key events, at fixed instants.

mod common;

use std::path::PathBuf;

use common::text_of;
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use oogst::clock::{Action, ClockDoc, ClockLead, ClockState, TimeSource};
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::tui::lead::View;
use oogst::tui::lead_app::{Effect, LeadApp, Msg};
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

const DAY: Date = date(2021, 1, 21);

fn tz() -> TimeZone {
    TimeZone::fixed(tz::offset(1))
}

fn at(h: i8, m: i8, s: i8) -> Timestamp {
    DAY.at(h, m, s, 0)
        .to_zoned_datetime(tz())
        .unwrap()
        .timestamp()
}

/// This lead: started at 10:00 on `PC-BAS`.
fn me() -> ClockLead {
    ClockLead::start("b4s001", Some("PC-BAS".into()), at(10, 0, 0), None, 1)
}

/// The lead on `PC-ANNA` that took over at 10:24 (after this one).
fn anna() -> ClockLead {
    ClockLead::start(
        "k7f2q9",
        Some("PC-ANNA".into()),
        at(10, 24, 0),
        Some(&me()),
        2,
    )
}

struct Lead {
    app: LeadApp,
    now: Timestamp,
}

impl Lead {
    /// The demo programme, the case presentation started at 10:12 by this
    /// lead, at 10:20.
    fn running(lang: Lang, theme: Theme) -> Lead {
        let programme = Programme::demo();
        let clock = ClockState::new(&programme, DAY, &tz(), at(10, 12, 0));
        let app = LeadApp::new(
            programme,
            clock,
            lang,
            theme,
            tz(),
            Some(PathBuf::from("/srv/sessies/cop")),
            None,
            at(10, 12, 0),
        )
        .leading_as(me());
        let mut lead = Lead {
            app,
            now: at(10, 12, 0),
        };
        lead.press(' ');
        lead.at(at(10, 20, 0));
        lead
    }

    fn at(&mut self, t: Timestamp) -> Vec<Effect> {
        self.now = t;
        self.app.update(Msg::Tick, t)
    }

    fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        self.app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), self.now)
    }

    fn press(&mut self, c: char) -> Vec<Effect> {
        self.key(KeyCode::Char(c))
    }

    /// `clock.json` as read from disk at real time `real` (no rehearsal:
    /// real time is the clock's).
    fn reads(&mut self, doc: &ClockDoc, real: Timestamp) -> Vec<Effect> {
        self.now = real;
        self.app.update(
            Msg::ClockOnDisk {
                doc: Box::new(doc.clone()),
                real,
            },
            real,
        )
    }

    fn render(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| {
                f.render_widget(
                    View {
                        app: &self.app,
                        now: self.now,
                    },
                    f.area(),
                )
            })
            .unwrap();
        terminal
    }

    fn screen(&self, w: u16, h: u16) -> String {
        text_of(self.render(w, h).backend().buffer())
    }
}

/// Anna's clock at `written`: the case presentation, started at 10:12,
/// a minute added, paused at 10:25, with a message; as she writes it.
fn annas_clock(written: Timestamp) -> ClockDoc {
    let p = Programme::demo();
    let mut c = ClockState::new(&p, DAY, &tz(), at(10, 12, 0));
    c.apply(Action::StartPause, at(10, 12, 0));
    c.apply(Action::Extend, at(10, 24, 10));
    c.apply(Action::StartPause, at(10, 25, 0));
    c.apply(
        Action::Message(Some("Pauze, we gaan 10:35 verder".into())),
        at(10, 25, 0),
    );
    let mut doc = ClockDoc::build(&p, &c, written, written, &TimeSource::real(), &tz());
    doc.lead = Some(anna());
    doc
}

/// This lead, taken over by Anna at 10:25:30.
fn taken_over(lang: Lang, theme: Theme) -> Lead {
    let mut lead = Lead::running(lang, theme);
    let fx = lead.reads(&annas_clock(at(10, 25, 30)), at(10, 25, 31));
    assert_eq!(fx, [Effect::Bell, Effect::Follow]);
    lead.at(at(10, 26, 0));
    lead
}

#[test]
fn the_read_only_view_says_so_in_a_steady_banner_80x24() {
    let lead = taken_over(Lang::En, Theme::NO_COLOR);
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    assert!(
        screen.starts_with(
            " READ-ONLY · led from PC-ANNA since 10:25 · this screen only follows the clock"
        ),
        "{screen}"
    );
    // How to lead here again: on the status line, for as long as it is so.
    assert!(
        screen.contains("To lead from here again: quit (q), then start with --take-over"),
        "{screen}"
    );
    // Anna's clock: paused, her minute added, her message.
    assert!(screen.contains("PAUSED"), "{screen}");
    assert!(screen.contains("“Pauze, we gaan 10:35 verder”"), "{screen}");
    // Without colour the banner is reverse video, across the screen.
    let buf = terminal.backend().buffer();
    for x in 0..80 {
        assert!(
            buf[(x, 0)].modifier.contains(Modifier::REVERSED),
            "({x}, 0)"
        );
    }
    // The keys that would change the clock are not offered.
    for gone in ["space", "n next", "m message", "re-plan", "resume"] {
        assert!(!screen.contains(gone), "{gone}:\n{screen}");
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_banner_stays_and_follows_every_screen() {
    let mut lead = taken_over(Lang::En, Theme::COLOR);
    // Still there minutes later: steady, not a notice that goes.
    lead.at(at(10, 40, 0));
    assert!(
        lead.screen(120, 40)
            .contains("READ-ONLY · led from PC-ANNA since 10:25")
    );
    // Presenter clock: one short line; dashboard: the banner too.
    lead.press('f');
    let screen = lead.screen(80, 24);
    assert!(
        screen.starts_with(" READ-ONLY · led from PC-ANNA since 10:25 "),
        "{screen}"
    );
    assert!(!screen.contains("follows"), "{screen}");
    lead.press('d');
    assert!(lead.screen(80, 24).starts_with(" READ-ONLY"));
    lead.key(KeyCode::Esc);
    // In Dutch; and small screens never panic.
    let lead = taken_over(Lang::Nl, Theme::NO_COLOR);
    let screen = lead.screen(80, 24);
    assert!(
        screen.starts_with(" ALLEEN KIJKEN · geleid vanaf PC-ANNA sinds 10:25 · dit scherm"),
        "{screen}"
    );
    assert!(screen.contains("--take-over"), "{screen}");
    for (w, h) in [(20, 6), (20, 7), (30, 8), (60, 16), (60, 17), (200, 60)] {
        lead.screen(w, h);
    }
}

#[test]
fn keys_that_would_change_the_clock_answer_with_a_message_and_write_nothing() {
    let mut lead = taken_over(Lang::En, Theme::COLOR);
    let before = lead.app.clock.clone();
    for c in [' ', 'n', 'p', '+', '-', 'r', 'm', 'e'] {
        assert_eq!(lead.press(c), [], "{c}");
        assert_eq!(lead.app.clock, before, "{c}");
        let screen = lead.screen(100, 30);
        assert!(
            screen.contains("Read-only: the clock is led from PC-ANNA now"),
            "{c}:\n{screen}"
        );
    }
    // The heartbeat and every way out write nothing either.
    assert_eq!(lead.app.update(Msg::Heartbeat, lead.now), []);
    assert_eq!(lead.app.update(Msg::Stop, lead.now), [Effect::Quit]);
    // `?`, `f`, `d` still work; `q` quits at once (the clock is not ours to stop).
    lead.press('?');
    let help = lead.screen(100, 30);
    assert!(help.contains("Keys"), "{help}");
    // The help lists only the keys that still do something.
    assert!(
        help.contains("big clock") && help.contains("rooms"),
        "{help}"
    );
    for clock_key in ["next block", "re-plan", "message to the rooms"] {
        assert!(!help.contains(clock_key), "{clock_key}: {help}");
    }
    lead.key(KeyCode::Esc);
    assert_eq!(lead.press('q'), [Effect::Quit]);
}

#[test]
fn a_message_being_typed_when_taken_over_is_kept_not_sent() {
    let mut lead = Lead::running(Lang::En, Theme::COLOR);
    lead.press('m');
    for c in "Nog 5 min".chars() {
        lead.press(c);
    }
    lead.reads(&annas_clock(at(10, 25, 30)), at(10, 25, 31));
    lead.now = at(10, 26, 0);
    assert_eq!(lead.key(KeyCode::Enter), []);
    let screen = lead.screen(100, 30);
    assert!(screen.contains("Nog 5 min"), "{screen}");
    assert!(screen.contains("Read-only"), "{screen}");
}

#[test]
fn it_follows_the_other_leads_clock_as_it_goes() {
    let mut lead = taken_over(Lang::En, Theme::COLOR);
    // Anna resumes at 10:30 and moves on at 10:45: the message ends with
    // her block.
    let p = Programme::demo();
    let mut c = ClockState::new(&p, DAY, &tz(), at(10, 12, 0));
    c.apply(Action::StartPause, at(10, 12, 0));
    c.apply(Action::Next, at(10, 45, 0));
    let mut doc = ClockDoc::build(
        &p,
        &c,
        at(10, 45, 0),
        at(10, 45, 0),
        &TimeSource::real(),
        &tz(),
    );
    doc.lead = Some(anna());
    assert_eq!(lead.reads(&doc, at(10, 45, 1)), [Effect::Follow]);
    lead.at(at(10, 50, 0));
    assert_eq!(lead.app.clock.current, 3);
    assert_eq!(lead.app.clock.message, None);
    let screen = lead.screen(100, 30);
    assert!(screen.contains("Ruimte voor vragen"), "{screen}");
    assert!(screen.contains("10:00"), "{screen}");
    // A third lead takes over from Anna: the banner names it.
    let third = ClockLead::start(
        "c3c3c3",
        Some("BEAMER".into()),
        at(10, 51, 0),
        Some(&anna()),
        3,
    );
    doc.lead = Some(third);
    lead.reads(&doc, at(10, 51, 1));
    assert!(lead.screen(100, 30).contains("led from BEAMER"));
}

#[test]
fn a_rehearsal_is_followed_at_its_own_speed() {
    let mut lead = Lead::running(Lang::En, Theme::COLOR);
    let p = Programme::demo();
    let real = at(15, 0, 0);
    let source = TimeSource::rehearsal(real, at(11, 0, 0), 30.0);
    let c = ClockState::new(&p, DAY, &tz(), at(11, 0, 0));
    let mut doc = ClockDoc::build(&p, &c, at(11, 0, 0), real, &source, &tz());
    doc.lead = Some(ClockLead::start("k7f2q9", None, real, Some(&me()), 2));
    assert_eq!(lead.reads(&doc, real), [Effect::Bell, Effect::Follow]);
    let ro = lead.app.read_only.as_ref().unwrap();
    assert_eq!(ro.source, source);
    assert_eq!(lead.app.speed, Some(30.0));
    // A writer id alone says who it is.
    lead.now = at(11, 0, 0);
    let screen = lead.screen(120, 40);
    assert!(
        screen.contains("led from another machine (writer k7f2q9)"),
        "{screen}"
    );
}

#[test]
fn an_older_or_own_clock_is_no_reason_to_stop() {
    let mut lead = Lead::running(Lang::En, Theme::COLOR);
    let p = Programme::demo();
    let mut doc = annas_clock(at(10, 20, 0));
    // Its own: nothing to do.
    doc.lead = Some(me());
    assert_eq!(lead.reads(&doc, at(10, 20, 1)), []);
    // An older lead's (one that has not yet seen it was taken over), or
    // a clock without a lead: written over at once.
    doc.lead = Some(ClockLead::start("k7f2q9", None, at(9, 0, 0), None, 0));
    assert_eq!(lead.reads(&doc, at(10, 20, 1)), [Effect::WriteClock]);
    doc.lead = None;
    assert_eq!(lead.reads(&doc, at(10, 20, 1)), [Effect::WriteClock]);
    // A newer lead's clock of long ago: nobody leads there now.
    doc.lead = Some(anna());
    assert_eq!(lead.reads(&doc, at(10, 21, 0)), [Effect::WriteClock]);
    assert!(!lead.app.is_read_only());
    // Still leading: the keys work and write.
    assert!(lead.press('+').contains(&Effect::WriteClock));
    let _ = p;
}

#[test]
fn without_a_lead_identity_the_clock_on_disk_is_not_judged() {
    let programme = Programme::demo();
    let clock = ClockState::new(&programme, DAY, &tz(), at(10, 12, 0));
    let mut app = LeadApp::new(
        programme,
        clock,
        Lang::En,
        Theme::COLOR,
        tz(),
        None,
        None,
        at(10, 12, 0),
    );
    let msg = Msg::ClockOnDisk {
        doc: Box::new(annas_clock(at(10, 25, 30))),
        real: at(10, 25, 31),
    };
    assert_eq!(app.update(msg, at(10, 25, 31)), []);
    assert!(!app.is_read_only());
}
