//! The lead's programme: the programme view (`a`), where the blocks still
//! to come are edited while the meeting runs, and a programme changed on
//! disk, taken in. Driven by key events and messages, as the event loop
//! drives the app; the clock must keep its place by block ids.

use std::path::PathBuf;

mod common;
mod sizes;

use common::text_of;
use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use oogst::clock::ClockState;
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::tui::lead::View;
use oogst::tui::lead_app::{Effect, LeadApp, Msg, Screen};
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

struct Lead {
    app: LeadApp,
    now: Timestamp,
    effects: Vec<Effect>,
}

impl Lead {
    fn open(programme: Programme, now: Timestamp, lang: Lang, theme: Theme) -> Lead {
        let clock = ClockState::new(&programme, DAY, &tz(), now);
        let app = LeadApp::new(
            programme,
            clock,
            lang,
            theme,
            tz(),
            Some(PathBuf::from("/srv/sessies/cop")),
            None,
            now,
        );
        Lead {
            app,
            now,
            effects: Vec::new(),
        }
    }

    fn update(&mut self, msg: Msg) {
        let fx = self.app.update(msg, self.now);
        self.effects.extend(fx);
        if self.app.holds_a_key() {
            let wake = self.app.next_change(self.now);
            let fx = self.app.update(Msg::Tick, wake);
            self.effects.extend(fx);
        }
    }

    fn key(&mut self, code: KeyCode) -> &mut Lead {
        self.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self
    }

    fn keys(&mut self, codes: &[KeyCode]) -> &mut Lead {
        for c in codes {
            self.key(*c);
        }
        self
    }

    fn press(&mut self, c: char) -> &mut Lead {
        self.key(KeyCode::Char(c))
    }

    fn typed(&mut self, s: &str) -> &mut Lead {
        for c in s.chars() {
            self.press(c);
            self.now += SignedDuration::from_millis(150);
        }
        self
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

    /// The id of the clock's current block.
    fn current_id(&self) -> String {
        self.app.programme.blocks[self.app.clock.current].id.clone()
    }

    fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
}

/// The case presentation, started at 10:12, seen at 10:20:30.
fn running_case(lang: Lang, theme: Theme) -> Lead {
    let mut lead = Lead::open(Programme::demo(), at(10, 12, 0), lang, theme);
    lead.press(' ');
    lead.now = at(10, 20, 30);
    lead.update(Msg::Tick);
    lead.take_effects();
    lead
}

#[test]
fn the_programme_view_80x24() {
    let mut lead = running_case(Lang::En, Theme::COLOR);
    lead.press('a');
    assert_eq!(lead.app.screen, Screen::Programme);
    insta::assert_snapshot!(lead.render(80, 24).backend());
}

#[test]
fn the_programme_view_in_dutch_without_colour() {
    let mut lead = running_case(Lang::Nl, Theme::NO_COLOR);
    lead.press('a');
    // To the breakout: its questions and rooms.
    lead.key(KeyCode::PageDown);
    let screen = lead.screen(80, 24);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("loopt nu"), "{screen}");
    assert!(screen.contains("Vraag 5"), "{screen}");
}

#[test]
fn a_coming_rounds_questions_changed_are_applied_and_written() {
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    let deadline = lead.app.clock.current(lead.now).unwrap().deadline;
    lead.press('a');
    // The breakout: its second question, a line at the end.
    lead.key(KeyCode::PageDown);
    lead.keys(&[KeyCode::Down; 6]).key(KeyCode::Enter);
    lead.key(KeyCode::End)
        .typed(" (en bij jullie?)")
        .key(KeyCode::Enter);
    let fx = lead.take_effects();
    assert!(fx.contains(&Effect::WriteProgramme), "{fx:?}");
    assert!(fx.contains(&Effect::SaveState) && fx.contains(&Effect::WriteClock));
    let b = lead.app.programme.block("samen-in-gesprek").unwrap();
    assert!(
        b.questions[1].ends_with("(en bij jullie?)"),
        "{:?}",
        b.questions
    );
    assert!(lead.app.programme.source.contains("(en bij jullie?)"));
    // The clock did not move.
    assert_eq!(lead.current_id(), "casus");
    assert_eq!(lead.app.clock.current(lead.now).unwrap().deadline, deadline);
    let screen = lead.screen(100, 30);
    assert!(
        screen.contains("Programme updated; the rooms see it at once"),
        "{screen}"
    );
    // A new question, typed and kept: applied again.
    lead.keys(&[KeyCode::Down; 4])
        .key(KeyCode::Enter)
        .typed("Wat nog?");
    assert!(lead.take_effects().is_empty(), "typing is not yet an edit");
    lead.key(KeyCode::Enter).key(KeyCode::Esc);
    assert!(lead.take_effects().contains(&Effect::WriteProgramme));
    let b = lead.app.programme.block("samen-in-gesprek").unwrap();
    assert_eq!(b.questions.len(), 6);
    // Esc: back to the clock.
    lead.key(KeyCode::Esc);
    assert_eq!(lead.app.screen, Screen::Lead);
}

#[test]
fn a_break_inserted_after_the_running_block_keeps_the_clock_by_id() {
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    let started = lead.app.clock.blocks[2].started;
    lead.press('a');
    // The cursor starts at the first block that may change: the questions.
    lead.key(KeyCode::Up);
    lead.press('p');
    // A quarter of an hour runs into the breakout's fixed start at 11:00:
    // not applied until it fits.
    assert!(lead.take_effects().is_empty());
    assert!(
        lead.screen(100, 30)
            .contains("Not applied yet: solve 1 problem first")
    );
    for _ in 0..10 {
        lead.press('-');
    }
    let fx = lead.take_effects();
    assert!(fx.contains(&Effect::WriteProgramme), "{fx:?}");
    let titles: Vec<&str> = lead
        .app
        .programme
        .blocks
        .iter()
        .map(|b| b.title.as_str())
        .collect();
    assert_eq!(titles[3], "Break");
    assert_eq!(lead.current_id(), "casus");
    assert_eq!(lead.app.clock.blocks[2].started, started);
    assert_eq!(lead.app.clock.blocks.len(), 6);
    // Its id is made once and lasts.
    assert_eq!(lead.app.programme.blocks[3].id, "break");
    lead.key(KeyCode::Down).key(KeyCode::Enter);
    lead.keys(&[KeyCode::Backspace; 10])
        .typed("Koffie ☕")
        .key(KeyCode::Enter);
    assert_eq!(lead.app.programme.blocks[3].title, "Koffie ☕");
    assert_eq!(lead.app.programme.blocks[3].id, "break");
}

#[test]
fn what_ran_and_what_runs_stay_as_they_were() {
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    lead.press('a');
    // Up to the running case, and to the walk-in before it.
    lead.key(KeyCode::PageUp);
    assert!(lead.screen(100, 30).contains("running now"));
    lead.press('+');
    assert!(
        lead.screen(120, 30)
            .contains("make the running block longer or shorter with + and −"),
        "{}",
        lead.screen(120, 30)
    );
    lead.key(KeyCode::PageUp).key(KeyCode::Delete);
    assert_eq!(lead.app.programme.blocks.len(), 5);
    assert!(lead.take_effects().is_empty());
    assert!(lead.screen(100, 30).contains("past"));
}

#[test]
fn an_edit_with_a_problem_waits_until_it_is_solved() {
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    lead.press('a');
    // The questions block: 10:30 is before the case ends.
    lead.keys(&[KeyCode::Down; 3])
        .key(KeyCode::Enter)
        .typed("10:30");
    lead.key(KeyCode::Enter);
    assert!(
        !lead.take_effects().contains(&Effect::WriteProgramme),
        "not applied"
    );
    let screen = lead.screen(100, 30);
    assert!(
        screen.contains("starts at 10:30, before the previous block ends at 10:40"),
        "{screen}"
    );
    assert!(screen.contains("Not applied yet"), "{screen}");
    assert!(lead.app.programme.blocks[3].fixed_start.eq(&false));
    lead.key(KeyCode::Enter)
        .keys(&[KeyCode::Backspace; 5])
        .typed("10:45")
        .key(KeyCode::Enter);
    assert!(lead.take_effects().contains(&Effect::WriteProgramme));
    assert_eq!(lead.app.programme.blocks[3].start.to_string(), "10:45");
}

#[test]
fn a_programme_changed_on_disk_is_taken_in_by_block_ids() {
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    let remaining = lead.app.clock.current(lead.now).unwrap().remaining;
    // Someone put a block before the case and shortened the questions.
    let edited = Programme::demo()
        .source
        .replace(
            "{\n      \"id\": \"casus\"",
            "{\"id\": \"wethouder\", \"kind\": \"plenary\", \"title\": \"Woord van de wethouder\", \"minutes\": 5},\n    {\n      \"id\": \"casus\"",
        )
        .replace(
            "\"title\": \"Ruimte voor vragen\",\n      \"minutes\": 15",
            "\"title\": \"Ruimte voor vragen\",\n      \"minutes\": 10",
        );
    let p = Programme::parse(&edited, "programme.json").unwrap();
    assert_eq!(p.blocks.len(), 6);
    lead.update(Msg::ProgrammeOnDisk(Box::new(Ok(p))));
    assert_eq!(
        lead.current_id(),
        "casus",
        "the clock keeps its place by id"
    );
    assert_eq!(lead.app.clock.current, 3);
    assert_eq!(
        lead.app.clock.current(lead.now).unwrap().remaining,
        remaining
    );
    let fx = lead.take_effects();
    assert!(fx.contains(&Effect::SaveState) && fx.contains(&Effect::WriteClock));
    let screen = lead.screen(160, 40);
    assert!(
        screen.contains(
            "programme.json changed: ‘Woord van de wethouder’ added; ‘Ruimte voor vragen’: time"
        ),
        "{screen}"
    );

    // A file that is not valid is not taken in; the lead is told where.
    let broken = edited.replacen("\"minutes\": 10", "\"minutes\": 10,", 1);
    let err = Programme::parse(&broken, "programme.json").unwrap_err();
    let before = lead.app.programme.clone();
    lead.update(Msg::ProgrammeOnDisk(Box::new(Err(err))));
    assert_eq!(lead.app.programme, before);
    assert!(lead.take_effects().is_empty());
    let screen = lead.screen(160, 40);
    assert!(screen.contains("programme.json:"), "{screen}");
    assert!(
        screen.contains("— not taken in; the programme stays as it was"),
        "{screen}"
    );

    // Another session's programme neither.
    let other = Programme::parse(
        &edited.replace("cop-gebiedsgericht-2021-01-21", "iets-anders"),
        "programme.json",
    )
    .unwrap();
    lead.update(Msg::ProgrammeOnDisk(Box::new(Ok(other))));
    assert_eq!(lead.app.programme, before);
    assert!(lead.screen(160, 40).contains("belongs to another session"));
}

#[test]
fn the_programme_view_follows_a_change_on_disk() {
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    lead.press('a');
    let edited = Programme::demo()
        .source
        .replace("Ruimte voor vragen", "Vragen aan Duiven");
    let p = Programme::parse(&edited, "programme.json").unwrap();
    lead.update(Msg::ProgrammeOnDisk(Box::new(Ok(p))));
    assert!(lead.screen(100, 30).contains("Vragen aan Duiven"));
}

#[test]
fn a_lead_taken_over_cannot_open_the_programme_to_edit() {
    use oogst::clock::{ClockDoc, ClockLead, TimeSource};
    let me = ClockLead::start("b4s001", Some("PC-BAS".into()), at(10, 0, 0), None, 1);
    let anna = ClockLead::start(
        "k7f2q9",
        Some("PC-ANNA".into()),
        at(10, 24, 0),
        Some(&me),
        2,
    );
    let mut lead = running_case(Lang::En, Theme::NO_COLOR);
    lead.app.lead = Some(me);
    // The programme view is open when Anna takes over.
    lead.press('a');
    let mut doc = ClockDoc::build(
        &lead.app.programme,
        &lead.app.clock,
        at(10, 25, 0),
        at(10, 25, 0),
        &TimeSource::real(),
        &tz(),
    );
    doc.lead = Some(anna);
    lead.now = at(10, 25, 1);
    lead.update(Msg::ClockOnDisk {
        doc: Box::new(doc),
        real: at(10, 25, 1),
    });
    assert!(lead.app.is_read_only());
    lead.take_effects();
    // A key there: back to the clock, and it says why; nothing changed.
    lead.press('p');
    assert_eq!(lead.app.screen, Screen::Lead);
    assert_eq!(lead.app.programme.blocks.len(), 5);
    assert!(lead.take_effects().is_empty());
    lead.press('a');
    assert_eq!(lead.app.screen, Screen::Lead);
    assert!(lead.screen(120, 30).contains("PC-ANNA"));
    // A programme changed on disk (by the other lead) is still taken in,
    // and nothing is written.
    let edited = Programme::demo()
        .source
        .replace("Ruimte voor vragen", "Vragen aan Duiven");
    let p = Programme::parse(&edited, "programme.json").unwrap();
    lead.update(Msg::ProgrammeOnDisk(Box::new(Ok(p))));
    assert_eq!(lead.app.programme.blocks[3].title, "Vragen aan Duiven");
    assert!(
        lead.take_effects()
            .iter()
            .all(|e| !matches!(e, Effect::SaveState | Effect::WriteClock))
    );
}

#[test]
fn every_size_draws_without_panic() {
    let mut lead = running_case(Lang::Nl, Theme::COLOR);
    lead.press('a');
    lead.key(KeyCode::PageDown).keys(&[KeyCode::Down; 5]);
    lead.key(KeyCode::Enter)
        .typed(&"een lange vraag ".repeat(12));
    for (w, h) in sizes::sizes(&[19, 20, 56, 70], &[5, 6, 24]) {
        lead.render(w, h);
    }
    lead.key(KeyCode::Esc).press('?');
    for (w, h) in sizes::sizes(&[19, 20, 56, 70], &[5, 6, 24]) {
        lead.render(w, h);
    }
}
