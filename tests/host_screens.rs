//! The host's screen, driven as a host drives it: keys and pastes in,
//! frames out through `TestBackend`, and the room document checked.

mod common;
mod sizes;

use common::text_of;
use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use oogst::clock::ClockDoc;
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::room::RoomDoc;
use oogst::tui::host::HostView;
use oogst::tui::host_app::{BURST, HostApp};
use oogst::tui::host_shell::{Effect, Msg};
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

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

struct Host {
    app: HostApp,
    now: Timestamp,
}

impl Host {
    fn open(lang: Lang, theme: Theme) -> Host {
        let p = Programme::demo();
        let questions = p.breakout().unwrap().questions.clone();
        let doc = RoomDoc::new(
            &p.id,
            "samen-in-gesprek",
            "Kamer 3",
            "Anna",
            "k7f2q9",
            questions,
        );
        Host {
            app: HostApp::new(doc, p.breakout().unwrap().title.clone(), lang, theme, tz()),
            now: at(11, 5, 0),
        }
    }

    fn new() -> Host {
        Host::open(Lang::En, Theme::COLOR)
    }

    fn send(&mut self, msg: Msg) -> Vec<Effect> {
        self.now += SignedDuration::from_secs(1);
        self.app.update(msg, self.now)
    }

    fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(code, modifiers)))
    }

    fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        self.key_with(code, KeyModifiers::NONE)
    }

    fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Types a note and presses Enter.
    fn note(&mut self, s: &str) {
        self.typed(s);
        self.key(KeyCode::Enter);
    }

    fn render(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| {
                f.render_widget(
                    HostView {
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

    fn texts(&self, q: usize) -> Vec<String> {
        self.app.doc.notes_of(q).map(|n| n.text.clone()).collect()
    }
}

/// A clock file as the lead writes it during the breakout.
fn clock(written: &str, message: Option<&str>) -> Msg {
    let message = message.map_or("null".to_string(), |m| {
        format!(r#"{{"text":"{m}","at":"2021-01-21T11:57:00+01:00"}}"#)
    });
    let json = format!(
        r#"{{"format":"oogst-clock","version":1,"session":"cop-gebiedsgericht-2021-01-21",
        "block":{{"index":4,"kind":"breakout","title":"Samen in gesprek",
          "started":"2021-01-21T11:02:10+01:00","planned_end":"2021-01-21T12:00:00+01:00",
          "projected_end":"2021-01-21T12:02:10+01:00"}},
        "paused":false,"message":{message},"written":"{written}","rehearsal":null}}"#
    );
    Msg::Clock(Some(Box::new(
        ClockDoc::parse(&json, "clock.json").unwrap(),
    )))
}

/// A room with notes in Dutch, with emoji and a long one.
fn busy() -> Host {
    let mut h = Host::new();
    h.note("Rollen tussen inwoners en gemeente zijn onduidelijk");
    h.note("Wie is eigenaar van de opgave? 🤔");
    h.note(&"Lange notitie over gebiedsgericht werken en participatie in de wijk. ".repeat(5));
    h.key(KeyCode::Tab);
    h.note("Herkenbaar: ook bij ons in Zuid");
    h.key(KeyCode::BackTab);
    h.typed("Half getypt");
    h
}

#[test]
fn host_view_120x40() {
    insta::assert_snapshot!(busy().render(120, 40).backend());
}

#[test]
fn host_view_80x24_with_clock_and_message() {
    let mut h = busy();
    h.now = at(11, 57, 20);
    h.send(clock("2021-01-21T11:57:20+01:00", Some("Nog 5 minuten")));
    // Steady: after the flash of the new message.
    h.now = at(11, 57, 31);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Samen in gesprek"), "{screen}");
    assert!(screen.contains("04:39 left"), "{screen}");
    assert!(screen.contains("“Nog 5 minuten”"), "{screen}");
    insta::assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn host_view_30x8() {
    let mut h = busy();
    h.send(clock("2021-01-21T11:05:00+01:00", None));
    insta::assert_snapshot!(h.render(30, 8).backend());
}

#[test]
fn the_header_without_a_clock_says_so() {
    let h = busy();
    assert!(h.screen(100, 30).contains("no clock from the lead"));
}

#[test]
fn a_quiet_lead_is_shown_as_stale() {
    let mut h = busy();
    h.send(clock("2021-01-21T11:05:00+01:00", None));
    h.now = at(11, 6, 0);
    let screen = h.screen(100, 30);
    assert!(screen.contains("clock not updated for 1 min"), "{screen}");
}

#[test]
fn over_time_and_paused_are_said_in_words() {
    let mut h = busy();
    h.now = at(12, 3, 10);
    h.send(clock("2021-01-21T12:03:00+01:00", None));
    let screen = h.screen(100, 30);
    assert!(screen.contains("+01:01 over time"), "{screen}");
}

#[test]
fn a_new_message_from_the_lead_is_announced() {
    let mut h = busy();
    h.send(clock("2021-01-21T11:05:00+01:00", Some("Eerste")));
    h.send(clock("2021-01-21T11:06:00+01:00", Some("Nog 5 minuten")));
    assert!(
        h.screen(100, 30)
            .contains("New message from the lead: “Nog 5 minuten”")
    );
}

#[test]
fn enter_adds_to_the_selected_question_and_tab_switches() {
    let mut h = Host::new();
    assert_eq!(h.app.question(), 1);
    h.note("een");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.note("drie");
    h.key(KeyCode::BackTab);
    h.note("twee");
    assert_eq!(h.texts(1), ["een"]);
    assert_eq!(h.texts(2), ["twee"]);
    assert_eq!(h.texts(3), ["drie"]);
    // Wraps around.
    h.key(KeyCode::BackTab);
    h.key(KeyCode::BackTab);
    assert_eq!(h.app.question(), 5);
    // An empty Enter adds nothing.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.doc.notes.len(), 3);
}

#[test]
fn every_change_asks_for_a_save() {
    let mut h = Host::new();
    assert_eq!(h.key(KeyCode::Char('a')), [Effect::SaveState], "the draft");
    assert_eq!(
        h.key(KeyCode::Enter),
        [Effect::SaveNow],
        "the note, at once"
    );
    assert_eq!(
        h.key(KeyCode::Tab),
        [Effect::SaveState],
        "the selected question"
    );
    assert!(
        h.key(KeyCode::Up).is_empty(),
        "moving around changes nothing"
    );
    assert_eq!(
        h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL),
        [Effect::SaveState, Effect::Quit]
    );
    assert_eq!(h.send(Msg::Stop), [Effect::SaveState, Effect::Quit]);
}

#[test]
fn alt_enter_breaks_the_line_and_a_paste_stays_one_draft() {
    let mut h = Host::new();
    h.typed("eerste regel");
    h.key_with(KeyCode::Enter, KeyModifiers::ALT);
    h.typed("tweede");
    assert_eq!(h.app.doc.draft.text, "eerste regel\ntweede");
    h.key(KeyCode::Enter);
    assert_eq!(h.texts(1), ["eerste regel\ntweede"]);

    h.send(Msg::Paste(
        "Uit Teams:\r\n- punt één\n- punt\ttwee\u{1b}[31m".into(),
    ));
    assert_eq!(h.app.doc.notes.len(), 1, "a paste is never sent as notes");
    assert_eq!(
        h.app.doc.draft.text,
        "Uit Teams:\n- punt één\n- punt twee[31m"
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.texts(1)[1], "Uit Teams:\n- punt één\n- punt twee[31m");
}

impl Host {
    /// Keys as a terminal without bracketed paste delivers a paste: all at
    /// once, `gap` apart; `Tick`s as the event loop sends them after.
    fn burst(&mut self, keys: &str, gap: SignedDuration) {
        for c in keys.chars() {
            self.now += gap;
            let code = match c {
                '\r' | '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            // As crossterm reads them: capitals with Shift.
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.app
                .update(Msg::Key(KeyEvent::new(code, modifiers)), self.now);
        }
    }

    /// Time passes (the event loop's tick).
    fn tick(&mut self, after: SignedDuration) -> Vec<Effect> {
        self.now += after;
        self.app.update(Msg::Tick, self.now)
    }
}

#[test]
fn a_paste_that_comes_as_keystrokes_stays_one_draft() {
    let micro = SignedDuration::from_micros(50);
    let mut h = Host::new();
    h.typed("Al getypt: ");
    h.burst("Uit Teams:\r- punt één\r\r- punt\ttwee", micro);
    h.tick(BURST * 2);
    assert!(
        h.app.doc.notes.is_empty(),
        "no note added: {:?}",
        h.texts(1)
    );
    assert_eq!(h.app.question(), 1, "no question switch");
    assert_eq!(
        h.app.doc.draft.text,
        "Al getypt: Uit Teams:\n- punt één\n\n- punt twee"
    );
    // The host adds it as one note, with Enter, as always.
    h.key(KeyCode::Enter);
    assert_eq!(
        h.texts(1),
        ["Al getypt: Uit Teams:\n- punt één\n\n- punt twee"]
    );
    // The screen shows it as one note.
    assert!(h.screen(80, 24).contains("- punt twee"));
}

#[test]
fn an_enter_at_the_end_of_a_burst_adds_the_note() {
    let micro = SignedDuration::from_micros(50);
    let mut h = Host::new();
    // Nothing follows the Enter: it is the host's (or a script's) Enter.
    h.burst("Eerste\r", micro);
    // Held for a moment, the event loop wakes the app when that is up.
    let wake = h.app.next_change(h.now) - h.now;
    assert!(wake <= BURST + SignedDuration::from_millis(1), "{wake:?}");
    assert!(h.texts(1).is_empty());
    let fx = h.tick(wake);
    assert_eq!(h.texts(1), ["Eerste"]);
    assert_eq!(fx.first(), Some(&Effect::SaveNow));
    assert_eq!(h.app.doc.draft.text, "");
    // The same for a Tab: the next question.
    h.burst("Twee\t", micro);
    h.tick(wake);
    assert_eq!(h.app.question(), 2);
    assert_eq!(h.app.doc.draft.text, "Twee");
    // A key after the burst's time: the Enter first, then the key.
    h.burst("Drie\r", micro);
    h.now += BURST * 2;
    h.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        h.now,
    );
    assert_eq!(h.texts(2), ["TweeDrie"]);
    assert_eq!(h.app.doc.draft.text, "x");
    // Ctrl-C right behind an Enter: no paste holds a Ctrl-C, so the
    // Enter was the host's and the note is added before quitting.
    h.burst("\r", BURST * 2);
    h.burst("Vijf\r", micro);
    h.now += micro;
    let fx = h.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        h.now,
    );
    assert_eq!(h.texts(2), ["TweeDrie", "x", "Vijf"]);
    assert!(fx.contains(&Effect::Quit), "{fx:?}");
}

#[test]
fn the_same_keys_typed_slowly_add_notes_and_switch_questions() {
    let mut h = Host::new();
    // 40 ms apart: a fast typist, not a paste.
    h.burst("een\rtwee\tdrie\r", SignedDuration::from_millis(40));
    h.tick(SignedDuration::from_millis(40));
    assert!(SignedDuration::from_millis(40) > BURST);
    assert_eq!(h.texts(1), ["een"]);
    assert_eq!(h.texts(2), ["tweedrie"]);
    assert_eq!(h.app.question(), 2);
    assert_eq!(h.app.doc.draft.text, "");
}

#[test]
fn pick_edit_delete_and_undo() {
    let mut h = Host::new();
    h.note("een");
    h.note("twee");
    h.note("drie");
    h.typed("half");
    // Up from the input picks the newest note, then older ones.
    h.key(KeyCode::Up);
    assert_eq!(h.app.selected_note, Some(2));
    h.key(KeyCode::Up);
    assert_eq!(h.app.selected_note, Some(1));
    insta::assert_snapshot!("picked_note", h.render(80, 24).backend());
    // Enter edits it; the half-typed draft waits.
    let second = h.app.doc.notes[1].id.clone();
    h.key(KeyCode::Enter);
    assert_eq!(h.app.editing(), Some(second.as_str()));
    assert_eq!(h.app.doc.draft.text, "twee");
    h.typed("de");
    insta::assert_snapshot!("editing_note", h.render(80, 24).backend());
    h.key(KeyCode::Enter);
    assert_eq!(h.texts(1), ["een", "tweede", "drie"]);
    assert_eq!(h.app.doc.draft.text, "half", "the draft is back");
    // Delete, then undo it.
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    assert_eq!(h.app.selected_note, Some(0));
    h.key(KeyCode::Delete);
    assert_eq!(h.texts(1), ["tweede", "drie"]);
    assert!(h.app.doc.notes[0].deleted, "kept as a tombstone");
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(h.texts(1), ["een", "tweede", "drie"]);
    // Undo the edit too.
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(h.texts(1), ["een", "twee", "drie"]);
    // Then the notes added, newest first (they become tombstones).
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(h.texts(1), ["een", "twee"]);
    assert!(h.app.doc.notes[2].deleted);
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(h.texts(1).is_empty());
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(h.screen(100, 30).contains("Nothing to undo"));
}

#[test]
fn esc_cancels_an_edit_and_an_emptied_edit_deletes() {
    let mut h = Host::new();
    h.note("blijft");
    h.note("gaat weg");
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    h.typed(" toch niet");
    h.key(KeyCode::Esc);
    assert_eq!(h.texts(1), ["blijft", "gaat weg"]);
    assert_eq!(h.app.editing(), None);
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    for _ in 0.."gaat weg".len() {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.texts(1), ["blijft"]);
    h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(h.texts(1), ["blijft", "gaat weg"]);
}

#[test]
fn question_marks_are_typed_and_help_is_f1() {
    let mut h = Host::new();
    h.key(KeyCode::Char('?'));
    let help = h.screen(80, 24);
    assert!(
        help.contains("Ctrl-Z") && help.contains("PgUp/PgDn"),
        "{help}"
    );
    insta::assert_snapshot!("host_help", h.render(80, 24).backend());
    h.key(KeyCode::Esc);
    h.typed("Waarom?");
    assert_eq!(h.app.doc.draft.text, "Waarom?");
    h.key(KeyCode::F(1));
    assert!(h.screen(80, 24).contains("PgUp/PgDn"));
}

#[test]
fn two_hundred_notes_scroll() {
    let mut h = Host::new();
    for i in 1..=200 {
        h.note(&format!("Notitie {i}"));
    }
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Notitie 200") && !screen.contains("Notitie 150"),
        "{screen}"
    );
    insta::assert_snapshot!("two_hundred_notes", h.render(80, 24).backend());
    for _ in 0..60 {
        h.key(KeyCode::Up);
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("Notitie 141"), "{screen}");
    h.key(KeyCode::PageUp);
    assert!(h.screen(80, 24).contains("Notitie 131"));
    for _ in 0..20 {
        h.key(KeyCode::PageUp);
    }
    assert!(h.screen(80, 24).contains("Notitie 1 "));
    assert_eq!(h.app.selected_note, Some(0));
}

#[test]
fn long_notes_wrap_by_display_width() {
    let mut h = Host::new();
    h.note("日本語のテキストはとても長いので折り返す必要があります。日本語のテキストはとても長いので折り返す必要があります。");
    h.note("Emoji 👩‍👩‍👧👍🏽 en e\u{301}e\u{301}n accent en مرحبا بالعالم rechts-naar-links");
    let screen = h.screen(60, 20);
    for line in screen.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }
    insta::assert_snapshot!("wide_text", h.render(60, 20).backend());
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let p = Programme::demo();
    let doc = RoomDoc::new(
        &p.id,
        "samen-in-gesprek",
        "Kamer \u{1b}[2J",
        "Anna\u{202E}",
        "k7f2q9",
        vec!["Vraag \u{1b}]0;pwned\u{7}?".into()],
    );
    let mut h = Host {
        app: HostApp::new(doc, "Titel\u{9b}".into(), Lang::En, Theme::COLOR, tz()),
        now: at(11, 0, 0),
    };
    // A tampered file's note, and one typed.
    h.app.doc.add(
        1,
        "x",
        &oogst::files::TimeText::read("2021-01-21T11:00:00+01:00").unwrap(),
    );
    h.app.doc.notes[0].text = "gevaar\u{1b}[31m\u{202E}rood\u{7}".into();
    h.note("ok");
    for (w, hgt) in [(120, 40), (80, 24), (30, 8)] {
        let screen = h.screen(w, hgt);
        assert!(
            !screen
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202E}'),
            "{screen:?}"
        );
    }
    assert!(h.screen(120, 40).contains("gevaar␛[31mrood␇"));
    // The stored text stays as it was.
    assert_eq!(h.app.doc.notes[0].text, "gevaar\u{1b}[31m\u{202E}rood\u{7}");
}

#[test]
fn no_color_means_no_colour() {
    let mut h = Host::open(Lang::Nl, Theme::NO_COLOR);
    h.note("Notitie");
    h.send(clock("2021-01-21T11:05:00+01:00", Some("Nog even")));
    h.now += SignedDuration::from_secs(10);
    let terminal = h.render(100, 30);
    for cell in terminal.backend().buffer().content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    insta::assert_snapshot!("host_no_color_dutch", terminal.backend());
}

/// Puts the host into one of its states.
type Prepare = Box<dyn Fn(&mut Host)>;

#[test]
fn any_size_renders_without_panic() {
    let states: Vec<Prepare> = vec![
        Box::new(|_| {}),
        Box::new(|h| {
            h.key(KeyCode::Up);
        }),
        Box::new(|h| {
            h.key(KeyCode::Up);
            h.key(KeyCode::Enter);
        }),
        Box::new(|h| {
            h.key(KeyCode::F(1));
        }),
        Box::new(|h| {
            h.send(Msg::Paste("日本語\n👩‍👩‍👧\n".repeat(20)));
        }),
    ];
    let sizes = sizes::sizes(&[1, 19, 20, 49, 50], &[1, 5, 6, 15, 16]);
    for prepare in states {
        let mut h = busy();
        h.send(clock("2021-01-21T11:05:00+01:00", Some("Nog 5 minuten")));
        prepare(&mut h);
        for &(w, hgt) in &sizes {
            h.render(w, hgt);
        }
    }
    assert!(busy().screen(19, 5).contains("Terminal too"));
}

#[test]
fn an_edit_in_progress_keeps_the_note_being_written_in_the_file() {
    let mut h = Host::new();
    h.note("bestaand");
    h.typed("half nieuw");
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    h.typed("!");
    // What a crash now would leave on disk, read back.
    let saved =
        RoomDoc::parse(std::str::from_utf8(&h.app.doc.to_json()).unwrap(), "r.json").unwrap();
    assert_eq!(
        saved.draft.editing.as_deref(),
        Some(h.app.doc.notes[0].id.as_str())
    );
    assert_eq!(saved.draft.text, "bestaand!");
    assert_eq!(saved.draft.aside.as_deref(), Some("half nieuw"));
    // Restarted from it, finishing the edit brings the new note back.
    let mut again = Host {
        app: HostApp::new(saved, "T".into(), Lang::En, Theme::COLOR, tz()),
        now: h.now,
    };
    again.key(KeyCode::Enter);
    assert_eq!(again.texts(1), ["bestaand!"]);
    assert_eq!(again.app.doc.draft.text, "half nieuw");
}

#[test]
fn a_note_may_start_with_a_question_mark() {
    let mut h = Host::new();
    h.key(KeyCode::Char('?'));
    assert!(h.screen(80, 24).contains("PgUp/PgDn"), "help opened");
    h.typed("Wie betaalt dit");
    assert_eq!(h.app.doc.draft.text, "?Wie betaalt dit");
}

#[test]
fn the_footer_follows_what_the_host_does() {
    let mut h = Host::new();
    h.note("een");
    assert!(h.screen(100, 30).contains("Enter add"));
    h.key(KeyCode::Up);
    assert!(h.screen(100, 30).contains("Del delete"));
    h.key(KeyCode::Enter);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Enter keep") && screen.contains("Esc cancel the edit"),
        "{screen}"
    );
    assert!(screen.contains("question 1 · editing a note"), "{screen}");
}

#[test]
fn notes_above_the_list_are_announced() {
    let mut h = Host::new();
    for i in 1..=30 {
        h.note(&format!("Notitie {i}"));
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("more above"), "{screen}");
}

#[test]
fn small_screens_keep_the_lead_message_and_say_over_time() {
    let mut h = busy();
    h.now = at(12, 3, 10);
    h.send(clock(
        "2021-01-21T12:03:00+01:00",
        Some("Kom terug naar de plenaire zaal"),
    ));
    let screen = h.screen(40, 12);
    assert!(screen.contains("Kom terug"), "{screen}");
    assert!(screen.contains("over time"), "{screen}");
}

#[test]
fn a_long_message_from_the_lead_wraps() {
    let mut h = busy();
    let long = "Beste gespreksleiders: we lopen uit, rond over tien minuten af met vraag 5 en zet de belangrijkste punten klaar, daarna gaan we terug naar de plenaire zaal";
    h.send(clock("2021-01-21T11:05:00+01:00", Some(long)));
    let screen = h.screen(100, 30);
    assert!(screen.contains("plenaire zaal"), "{screen}");
}

mod shell {
    //! The screens around note-taking: waiting, picking, rounds, a quit
    //! that could save nothing — driven by messages, drawn through
    //! `TestBackend`.

    use super::*;
    use oogst::tui::host_pick::ShellView;
    use oogst::tui::host_shell::{HostShell, ShellOptions};

    const TWO_ROUNDS: &str = r#"{"format":"oogst-programme","version":1,"id":"twee","title":"Twee rondes",
        "blocks":[{"id":"open","kind":"plenair","title":"Opening","start":"10:00","minutes":10},
        {"id":"r1","kind":"deelsessie","title":"Ronde 1: uitdagingen","minutes":30,"rooms":["Kamer 1","Kamer 2","Zaal Één 🌳"],"questions":["Wat speelt er?"]},
        {"id":"r2","kind":"deelsessie","title":"Ronde 2: oplossingen","minutes":30,"rooms":["Tafel A","Kamer 1"],"questions":["Wat gaan we doen?"]}]}"#;

    fn shell(lang: Lang, room: Option<&str>, programme: bool) -> HostShell {
        let opts = ShellOptions {
            programme: programme.then(|| Programme::parse(TWO_ROUNDS, "p.json").unwrap()),
            dir: "/home/anna/Sync/cop-sessie".into(),
            room: room.map(str::to_string),
            name: "Anna".into(),
            lang,
            theme: Theme::NO_COLOR,
            tz: tz(),
        };
        HostShell::new(opts, None, at(9, 30, 0)).0
    }

    fn draw(s: &HostShell, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| {
                f.render_widget(
                    ShellView {
                        shell: s,
                        now: at(9, 30, 0),
                    },
                    f.area(),
                )
            })
            .unwrap();
        terminal
    }

    fn key(s: &mut HostShell, code: KeyCode) -> Vec<Effect> {
        s.update(
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            at(9, 30, 0),
        )
    }

    #[test]
    fn waiting_for_the_programme() {
        let mut s = shell(Lang::Nl, Some("Kamer 1"), false);
        s.update(
            Msg::ProgrammeProblem(
                "programme.json:3:1: het bestand houdt midden in de JSON op".into(),
            ),
            at(9, 30, 0),
        );
        insta::assert_snapshot!("waiting_for_the_programme", draw(&s, 80, 24).backend());
        // `?` shows this screen's keys; any key closes them.
        key(&mut s, KeyCode::Char('?'));
        let help = text_of(draw(&s, 80, 24).backend().buffer());
        assert!(help.contains("Ctrl-C/Ctrl-Q"), "{help}");
        assert!(
            !help.contains("Enter"),
            "only the waiting screen's keys: {help}"
        );
        key(&mut s, KeyCode::Char('x'));
        assert!(!text_of(draw(&s, 80, 24).backend().buffer()).contains("Ctrl-C/Ctrl-Q"));
    }

    #[test]
    fn picking_a_room() {
        let mut s = shell(Lang::Nl, Some("kamr 2"), true);
        insta::assert_snapshot!("picking_a_room", draw(&s, 80, 24).backend());
        // "Another room…", typed, then asked for.
        for _ in 0..4 {
            key(&mut s, KeyCode::Down);
        }
        key(&mut s, KeyCode::Enter);
        for c in "Buitenlucht ☀".chars() {
            key(&mut s, KeyCode::Char(c));
        }
        insta::assert_snapshot!("typing_another_room", draw(&s, 80, 24).backend());
        key(&mut s, KeyCode::Enter);
        insta::assert_snapshot!("a_new_room_asked_for", draw(&s, 80, 24).backend());
        let fx = key(&mut s, KeyCode::Char('y'));
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::OpenRoom(o) if o.room == "Buitenlucht ☀"))
        );
    }

    #[test]
    fn the_rounds_and_a_quit_that_saves_nothing() {
        let mut s = shell(Lang::En, Some("Kamer 1"), true);
        let fx = s.update(Msg::Tick, at(9, 30, 0));
        assert!(fx.is_empty());
        // The room opens (as the event loop reports it).
        let p = Programme::parse(TWO_ROUNDS, "p.json").unwrap();
        let block = p.block("r1").unwrap();
        let doc = RoomDoc::new(&p.id, "r1", "Kamer 1", "Anna", "w", block.questions.clone());
        s.update(
            Msg::RoomOpened(Ok((Box::new(doc), Vec::new()))),
            at(9, 30, 0),
        );
        key(&mut s, KeyCode::F(2));
        insta::assert_snapshot!("rounds", draw(&s, 80, 24).backend());
        key(&mut s, KeyCode::Esc);
        s.update(
            Msg::CannotSave(
                "/data/rescue/x.json: the disk is full; /tmp/oogst-rescue/x.json: the disk is full"
                    .into(),
            ),
            at(9, 30, 0),
        );
        insta::assert_snapshot!("cannot_save", draw(&s, 80, 24).backend());
        assert_eq!(key(&mut s, KeyCode::Char('y')), [Effect::QuitAnyway]);
    }

    /// The picker's key table drives its dispatch, footer and help.
    #[test]
    fn every_key_of_the_pickers_table_works_and_is_in_its_help() {
        use oogst::tui::host_shell::{Phase, ShellOverlay};
        use oogst::tui::keys::{self, PICK, PickCommand as C};
        let t = Lang::En.t();
        // "kamr 2": the picker of round 1, nothing chosen yet.
        let picker = || shell(Lang::En, Some("kamr 2"), true);
        let mut help = picker();
        key(&mut help, KeyCode::Char('?'));
        let screen = text_of(draw(&help, 80, 24).backend().buffer());
        assert!(screen.contains("? help"), "{screen}");
        for row in PICK.iter() {
            let names: Vec<String> = row.keys.iter().map(|k| k.name(t)).collect();
            assert!(
                screen.contains(&names.join("/")) && screen.contains((row.help)(t)),
                "{row:?} not in\n{screen}",
                row = names
            );
            for k in row.keys {
                assert_eq!(keys::command(&PICK, 0, &k.event()), Some(row.command));
                let mut s = picker();
                let fx = s.update(Msg::Key(k.event()), at(9, 30, 0));
                let selected = |s: &HostShell| match &s.phase {
                    Phase::Picking(p) => Some(p.selected),
                    _ => None,
                };
                let opens = fx.iter().any(|e| matches!(e, Effect::OpenRoom(_)));
                let did = match row.command {
                    C::Browse => selected(&s) == Some(usize::from(k.code == KeyCode::Down)),
                    C::Ends => selected(&s) == Some(if k.code == KeyCode::End { 4 } else { 0 }),
                    // Lines 1 to 5 open a room (or ask); 6 to 9 are none.
                    C::Number => {
                        let KeyCode::Char(c) = k.code else { panic!() };
                        opens || c > '3' && fx.is_empty()
                    }
                    C::Choose => opens,
                    // Nowhere to go back to from the first picker.
                    C::Back => fx.is_empty() && selected(&s) == Some(0),
                    C::Round => s.overlay != ShellOverlay::None,
                    C::Help => s.overlay == ShellOverlay::Help,
                    C::SaveQuit => fx.contains(&Effect::Quit),
                };
                assert!(did, "{k:?} should {:?}: {fx:?}", row.command);
            }
        }
        // Any other key does nothing.
        let before = text_of(draw(&picker(), 80, 24).backend().buffer());
        let others = ('!'..='~').map(KeyCode::Char).chain([
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Tab,
            KeyCode::Delete,
        ]);
        for code in others {
            for mods in [KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT] {
                let event = KeyEvent::new(code, mods);
                if keys::command(&PICK, 0, &event).is_some() {
                    continue;
                }
                let mut s = picker();
                let fx = s.update(Msg::Key(event), at(9, 30, 0));
                assert!(fx.is_empty(), "{event:?}: {fx:?}");
                let after = text_of(draw(&s, 80, 24).backend().buffer());
                assert_eq!(after, before, "{event:?}");
            }
        }
    }

    /// The list of rounds (F2): its table drives its keys and its line of
    /// keys; any other key closes it.
    #[test]
    fn the_rounds_keys_come_from_their_table() {
        use oogst::tui::host_shell::ShellOverlay;
        use oogst::tui::keys::{self, ROUNDS, RoundsCommand as C};
        let t = Lang::En.t();
        // Picking in round 1 (no room yet), the rounds open on it.
        let rounds = || {
            let mut s = shell(Lang::En, Some("kamr 2"), true);
            key(&mut s, KeyCode::F(2));
            assert_eq!(s.overlay, ShellOverlay::Rounds { selected: 0 });
            s
        };
        let screen = text_of(draw(&rounds(), 80, 24).backend().buffer());
        assert!(
            screen.contains("↑/↓ choose · Enter go to that round · Esc back"),
            "{screen}"
        );
        assert_eq!(
            keys::rounds_line(t),
            "↑/↓ choose · Enter go to that round · Esc back"
        );
        for row in ROUNDS.iter() {
            for k in row.keys {
                assert_eq!(keys::command(&ROUNDS, 0, &k.event()), Some(row.command));
                let mut s = rounds();
                let fx = s.update(Msg::Key(k.event()), at(9, 30, 0));
                let did = match row.command {
                    C::Browse => {
                        s.overlay
                            == ShellOverlay::Rounds {
                                selected: usize::from(k.code == KeyCode::Down),
                            }
                    }
                    // Round 1 is open already: the list closes, nothing moves.
                    C::Go | C::Close => s.overlay == ShellOverlay::None && fx.is_empty(),
                    C::SaveQuit => fx.contains(&Effect::Quit),
                };
                assert!(did, "{k:?} should {:?}: {fx:?}", row.command);
            }
        }
        for code in ('!'..='~')
            .map(KeyCode::Char)
            .chain([KeyCode::Tab, KeyCode::F(1)])
        {
            let event = KeyEvent::new(code, KeyModifiers::NONE);
            let mut s = rounds();
            let fx = s.update(Msg::Key(event), at(9, 30, 0));
            assert!(
                fx.is_empty() && s.overlay == ShellOverlay::None,
                "{event:?}"
            );
        }
    }

    #[test]
    fn no_size_breaks_the_screens_around_note_taking() {
        let mut states = vec![
            shell(Lang::En, None, false),
            shell(Lang::Nl, Some("x"), true),
        ];
        let mut typing = shell(Lang::En, None, true);
        for _ in 0..3 {
            key(&mut typing, KeyCode::Down);
        }
        key(&mut typing, KeyCode::Enter);
        states.push(typing);
        for s in &states {
            for (w, h) in crate::sizes::sizes(&[1, 19, 20], &[1, 5, 6]) {
                draw(s, w, h);
            }
        }
    }
}

/// The host's key table drives dispatch, the footer and the help: every
/// key it lists runs its command in the modes it is there, and is in the
/// help; in the table's modes other keys are typing only.
mod key_table {
    use super::*;
    use oogst::room::SignalKind;
    use oogst::tui::host_app::HostOverlay;
    use oogst::tui::keys::{self, HOST, HostCommand as C, HostMode, Place};

    /// Two notes in question 1, then the host in `mode`.
    fn host_in(mode: HostMode, command: C) -> Host {
        let mut h = Host::new();
        h.note("een");
        h.note("twee");
        if command == C::Redo {
            // Something to redo: the second note, undone.
            h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
        }
        match mode {
            HostMode::Typing if command == C::Add => h.typed("drie"),
            HostMode::Typing => {}
            HostMode::Picked => {
                h.key(KeyCode::Up);
            }
            HostMode::Editing => {
                h.key(KeyCode::Up);
                h.key(KeyCode::Enter);
            }
        }
        assert_eq!(h.app.mode(), mode);
        h
    }

    fn live(h: &Host) -> usize {
        h.app.doc.notes.iter().filter(|n| !n.deleted).count()
    }

    #[test]
    fn every_key_of_the_table_runs_its_command_and_is_in_the_help() {
        let t = Lang::En.t();
        let mut help = Host::new();
        help.key(KeyCode::F(1));
        let help = help.screen(80, 24);
        for row in HOST.iter() {
            let names: Vec<String> = row.keys.iter().map(|k| k.name(t)).collect();
            let line = format!("{:<23}{}", names.join("/"), (row.help)(t));
            assert!(help.contains(&line), "{line:?} not in\n{help}");
            for mode in [HostMode::Typing, HostMode::Picked, HostMode::Editing] {
                if matches!(row.places[mode as usize], Place::Off) {
                    continue;
                }
                for key in row.keys {
                    let event = key.event();
                    assert_eq!(
                        keys::command(&HOST, mode as usize, &event),
                        Some(row.command),
                        "{mode:?} {key:?}"
                    );
                    let mut h = host_in(mode, row.command);
                    let (notes, question, picked) =
                        (live(&h), h.app.question(), h.app.selected_note);
                    let fx = h.send(Msg::Key(event));
                    let did = match row.command {
                        C::Add => live(&h) == notes + 1,
                        C::Keep => h.app.editing().is_none() && live(&h) == notes,
                        C::Newline => h.app.doc.draft.text.contains('\n'),
                        C::Question => h.app.question() != question,
                        // The shell's (tests/host_screens.rs: shell::).
                        C::Round => true,
                        C::SaveQuit => fx.contains(&Effect::Quit),
                        // Down while typing moves in the note being written.
                        C::Select => {
                            h.app.selected_note != picked
                                || (mode != HostMode::Picked && key.code == KeyCode::Down)
                        }
                        C::Edit => h.app.editing().is_some(),
                        C::Delete => live(&h) == notes - 1,
                        // Esc while typing has nothing to leave.
                        C::Back => h.app.mode() == HostMode::Typing,
                        C::Undo => live(&h) == notes - 1,
                        C::Redo => live(&h) == notes + 1,
                        C::Star => h.app.doc.notes.iter().any(|n| n.star),
                        C::Done => h.app.doc.signal_kind() == Some(SignalKind::Done),
                        C::NeedHelp => h.app.doc.signal_kind() == Some(SignalKind::Help),
                        C::Bell => !h.app.alerts.bell,
                        // PgDn pages on from a picked note only.
                        C::Page => {
                            h.app.selected_note != picked
                                || (picked.is_none() && key.code == KeyCode::PageDown)
                        }
                        // `?` is help on an empty box only (else typed).
                        C::Help => {
                            h.app.overlay == HostOverlay::Help
                                || (mode != HostMode::Typing && key.code != KeyCode::F(1))
                        }
                    };
                    assert!(did, "{mode:?}: {key:?} should {:?}; {fx:?}", row.command);
                }
            }
        }
    }

    #[test]
    fn other_keys_only_type() {
        let mut codes: Vec<KeyCode> = ('!'..='~').map(KeyCode::Char).collect();
        codes.extend([
            KeyCode::Backspace,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Insert,
            KeyCode::Delete,
            KeyCode::Down,
            KeyCode::PageDown,
        ]);
        codes.extend((3..=12).map(KeyCode::F));
        for code in codes {
            for mods in [KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT] {
                let event = KeyEvent::new(code, mods);
                if keys::command(&HOST, HostMode::Typing as usize, &event).is_some() {
                    continue;
                }
                let mut h = host_in(HostMode::Typing, C::Help);
                let fx = h.send(Msg::Key(event));
                assert_eq!(live(&h), 2, "{event:?}");
                assert_eq!(h.app.question(), 1, "{event:?}");
                assert_eq!(h.app.selected_note, None, "{event:?}");
                assert_eq!(h.app.overlay, HostOverlay::None, "{event:?}");
                assert!(!fx.contains(&Effect::Quit), "{event:?}");
            }
        }
    }
}

/// The rooms talk back and the host hears the lead (issue 11): stars,
/// signals, the receipt of a message, the flash and the bell, and undo
/// and redo that say what they did. Fed with fixed times.
mod live {
    use super::*;
    use oogst::room::SignalKind;
    use ratatui::style::Modifier;

    /// A clock file of the breakout ending (projected) at `end`, written
    /// at `written`, with a message sent at `sent` (or none); `speed`: a
    /// rehearsal's (`real` written then).
    fn clock_doc(written: &str, message: Option<(&str, &str)>, end: &str) -> Msg {
        clock_with(written, message, end, "null")
    }

    fn clock_with(written: &str, message: Option<(&str, &str)>, end: &str, rehearsal: &str) -> Msg {
        let message = message.map_or("null".to_string(), |(text, sent)| {
            format!(r#"{{"text":"{text}","at":"2021-01-21T{sent}+01:00"}}"#)
        });
        let json = format!(
            r#"{{"format":"oogst-clock","version":1,"session":"cop-gebiedsgericht-2021-01-21",
            "block":{{"index":4,"id":"samen-in-gesprek","kind":"breakout","title":"Samen in gesprek",
              "started":"2021-01-21T11:02:10+01:00","planned_end":"2021-01-21T12:00:00+01:00",
              "projected_end":"2021-01-21T{end}+01:00"}},
            "paused":false,"message":{message},"written":"2021-01-21T{written}+01:00","rehearsal":{rehearsal}}}"#
        );
        Msg::Clock(Some(Box::new(
            ClockDoc::parse(&json, "clock.json").unwrap(),
        )))
    }

    fn with_notes(lang: Lang, theme: Theme) -> Host {
        let mut h = Host::open(lang, theme);
        h.note("Vertrouwen kost tijd");
        h.note("Rollen tussen inwoners en gemeente zijn onduidelijk 🤝 日本語");
        h
    }

    /// Whether every cell of row `y` is in reverse video (`true`) or none is.
    fn reversed(t: &Terminal<TestBackend>, y: u16) -> Option<bool> {
        let buf = t.backend().buffer();
        let row: Vec<bool> = (0..buf.area.width)
            .map(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
            .collect();
        if row.iter().all(|r| *r) {
            Some(true)
        } else if row.iter().all(|r| !*r) {
            Some(false)
        } else {
            None
        }
    }

    fn at_time(hms: &str) -> Timestamp {
        format!("2021-01-21T{hms}+01:00").parse().unwrap()
    }

    fn set(h: &mut Host, hms: &str) {
        h.now = at_time(hms);
    }

    /// Sends `msg` at exactly `hms`.
    fn send_at(h: &mut Host, hms: &str, msg: Msg) -> Vec<Effect> {
        h.now = at_time(hms);
        h.app.update(msg, h.now)
    }

    #[test]
    fn a_new_message_flashes_rings_and_gets_its_receipt() {
        let mut h = with_notes(Lang::En, Theme::COLOR);
        send_at(&mut h, "11:50:00", clock_doc("11:50:00", None, "12:02:10"));
        let fx = send_at(
            &mut h,
            "11:57:02",
            clock_doc("11:57:01", Some(("Nog 5 minuten", "11:57:00")), "12:02:10"),
        );
        assert!(fx.contains(&Effect::Bell), "{fx:?}");
        assert!(
            fx.contains(&Effect::SaveNow),
            "the receipt is saved: {fx:?}"
        );
        let seen = h.app.doc.seen.clone().unwrap();
        assert_eq!(seen.message, "2021-01-21T11:57:00+01:00");
        assert_eq!(seen.at, "2021-01-21T11:57:02+01:00");
        let t = h.render(80, 24);
        assert_eq!(
            reversed(&t, 0),
            Some(true),
            "the header is in reverse video"
        );
        assert_eq!(reversed(&t, 1), Some(false), "the time is steady");
        assert_eq!(reversed(&t, 2), Some(true), "the message lights up");
        insta::assert_snapshot!("flash_new_message", t.backend());
        // The flash ends at an instant the event loop wakes for.
        assert!(h.app.next_change(h.now) <= at_time("11:57:08"));
        set(&mut h, "11:57:08");
        let fx = h.send(Msg::Tick);
        assert!(!fx.contains(&Effect::Bell));
        let t = h.render(80, 24);
        assert_eq!(reversed(&t, 0), Some(false));
        assert_eq!(reversed(&t, 2), Some(false));
        insta::assert_snapshot!("after_the_flash", t.backend());
        // The same message read again: no flash, no new receipt.
        let fx = h.send(clock_doc(
            "11:57:20",
            Some(("Nog 5 minuten", "11:57:00")),
            "12:02:10",
        ));
        assert!(fx.is_empty(), "{fx:?}");
        assert_eq!(h.app.doc.seen.as_ref(), Some(&seen));
        // A new message is: another receipt.
        let fx = h.send(clock_doc(
            "11:58:00",
            Some(("Kom terug naar de plenaire zaal", "11:58:00")),
            "12:02:10",
        ));
        assert!(fx.contains(&Effect::Bell) && fx.contains(&Effect::SaveNow));
        assert_eq!(
            h.app.doc.seen.as_ref().unwrap().message,
            "2021-01-21T11:58:00+01:00"
        );
    }

    #[test]
    fn two_minutes_left_and_time_up_flash_and_ring() {
        let mut h = with_notes(Lang::En, Theme::NO_COLOR);
        let c = || clock_doc("11:59:00", None, "12:02:10");
        assert!(!send_at(&mut h, "11:59:00", c()).contains(&Effect::Bell));
        // The lead's heartbeat, then the ticks of the clock's seconds: at
        // 2:00 left, the flash.
        let fresh = |w: &str| clock_doc(w, None, "12:02:10");
        assert!(!send_at(&mut h, "12:00:05", fresh("12:00:05")).contains(&Effect::Bell));
        assert!(!send_at(&mut h, "12:00:09", Msg::Tick).contains(&Effect::Bell));
        assert!(send_at(&mut h, "12:00:10", Msg::Tick).contains(&Effect::Bell));
        let t = h.render(80, 24);
        let screen = text_of(t.backend().buffer());
        assert!(screen.contains("▶ 2 MIN LEFT ◀"), "{screen}");
        assert!(screen.contains("02:00 left"), "{screen}");
        // Without colour: the bar comes out of its reverse video, the
        // time line goes into it.
        assert_eq!(reversed(&t, 0), Some(false));
        assert_eq!(reversed(&t, 1), Some(true));
        insta::assert_snapshot!("flash_two_minutes_no_color", t.backend());
        // Steady again after a few seconds, the time still in words.
        send_at(&mut h, "12:00:20", Msg::Tick);
        let t = h.render(80, 24);
        assert_eq!(reversed(&t, 0), Some(true), "the bar as it always is");
        assert_eq!(reversed(&t, 1), Some(false));
        assert!(!text_of(t.backend().buffer()).contains("2 MIN LEFT"));
        // Time up.
        assert!(!send_at(&mut h, "12:02:05", fresh("12:02:05")).contains(&Effect::Bell));
        assert!(send_at(&mut h, "12:02:10", Msg::Tick).contains(&Effect::Bell));
        let screen = h.screen(80, 24);
        assert!(screen.contains("▶ TIME IS UP ◀"), "{screen}");
        assert!(screen.contains("+00:00 over time"), "{screen}");
        insta::assert_snapshot!("flash_time_up", h.render(80, 24).backend());
        // Once.
        assert!(!send_at(&mut h, "12:02:30", Msg::Tick).contains(&Effect::Bell));
    }

    #[test]
    fn the_flash_in_dutch_and_small() {
        let mut h = with_notes(Lang::Nl, Theme::NO_COLOR);
        send_at(&mut h, "12:01:00", clock_doc("12:01:00", None, "12:02:10"));
        send_at(
            &mut h,
            "12:02:10",
            clock_doc("12:02:10", Some(("Afronden!", "12:02:10")), "12:02:10"),
        );
        let screen = h.screen(80, 24);
        assert!(
            screen.contains("▶ TIJD IS OM · NIEUW BERICHT ◀"),
            "{screen}"
        );
        // Small screens keep the words in the header.
        insta::assert_snapshot!("flash_dutch_40x10", h.render(40, 10).backend());
        for (w, ht) in [(20, 6), (30, 8), (50, 16), (24, 7)] {
            let t = h.render(w, ht);
            assert_eq!(reversed(&t, 0), Some(false), "{w}x{ht}");
        }
    }

    #[test]
    fn the_bell_can_be_turned_off_and_the_flash_stays() {
        let mut h = with_notes(Lang::En, Theme::COLOR);
        h.key(KeyCode::F(5));
        assert!(!h.app.alerts.bell);
        assert!(
            h.screen(80, 24)
                .contains("Bell off: the top of the screen still lights up")
        );
        assert!(
            h.screen(160, 40).contains("F5 bell off"),
            "{}",
            h.screen(160, 40)
        );
        let fx = h.send(clock_doc(
            "11:05:00",
            Some(("Hallo", "11:05:00")),
            "12:02:10",
        ));
        assert!(!fx.contains(&Effect::Bell), "{fx:?}");
        assert_eq!(reversed(&h.render(80, 24), 0), Some(true));
        // Ctrl-G (the terminal's bell character) too; the note box keeps
        // what was typed.
        h.typed("b");
        h.key_with(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert!(h.app.alerts.bell);
        assert_eq!(h.app.doc.draft.text, "b");
        // With a note picked nothing is typed: there `b` is the bell, as
        // on the lead's screen; in the box it stays a letter.
        h.key(KeyCode::Backspace);
        h.key(KeyCode::Up);
        h.typed("b");
        assert!(!h.app.alerts.bell);
        assert_eq!(h.app.doc.draft.text, "");
        h.key(KeyCode::Esc);
        h.typed("b");
        assert!(!h.app.alerts.bell);
        assert_eq!(h.app.doc.draft.text, "b");
    }

    #[test]
    fn the_message_shows_its_age() {
        let mut h = with_notes(Lang::En, Theme::COLOR);
        send_at(
            &mut h,
            "11:57:05",
            clock_doc("11:57:05", Some(("Nog 5 minuten", "11:57:00")), "12:02:10"),
        );
        assert!(h.screen(100, 30).contains("· 11:57 · just now"));
        set(&mut h, "12:00:10");
        assert!(h.screen(100, 30).contains("· 11:57 · 3 min ago"));
        // The screen changes by itself when the age turns a minute.
        set(&mut h, "11:59:30");
        assert!(h.app.next_change(h.now) <= at_time("12:00:00"));
        let mut nl = with_notes(Lang::Nl, Theme::COLOR);
        send_at(
            &mut nl,
            "12:00:10",
            clock_doc("11:59:00", Some(("Nog 5 minuten", "11:57:00")), "12:02:10"),
        );
        assert!(nl.screen(100, 30).contains("· 11:57 · 3 min geleden"));
    }

    #[test]
    fn a_rehearsals_message_ages_on_the_rehearsals_clock() {
        // At 30 times: one real minute after writing is half an hour on.
        let mut h = with_notes(Lang::En, Theme::COLOR);
        send_at(
            &mut h,
            "09:00:00",
            clock_with(
                "11:00:00",
                Some(("Welkom", "11:00:00")),
                "12:02:10",
                r#"{"speed":30,"real":"2021-01-21T09:00:00+01:00"}"#,
            ),
        );
        set(&mut h, "09:01:00");
        let screen = h.screen(100, 30);
        assert!(screen.contains("· 11:00 · 30 min ago"), "{screen}");
        // The receipt is in the rehearsal's time, as the message is.
        assert_eq!(
            h.app.doc.seen.as_ref().unwrap().at,
            "2021-01-21T11:00:00+01:00"
        );
    }

    #[test]
    fn a_receipt_is_always_a_time_every_reader_takes() {
        // A rehearsal's clock far out of range: the lead's time at the
        // host's now falls before the year 1. The receipt takes the
        // host's own time, and the room file stays readable.
        let json = r#"{"format":"oogst-clock","version":1,"session":"cop-gebiedsgericht-2021-01-21",
            "block":null,"paused":false,"message":{"text":"Oud","at":"0001-01-01T00:00:00Z"},
            "written":"0001-01-01T00:00:00Z","rehearsal":{"speed":10000,"real":"2021-01-21T11:00:00+01:00"}}"#;
        let mut h = Host::new();
        send_at(
            &mut h,
            "10:00:00",
            Msg::Clock(Some(Box::new(ClockDoc::parse(json, "clock.json").unwrap()))),
        );
        let seen = h.app.doc.seen.clone().unwrap();
        assert_eq!(seen.message, "0001-01-01T00:00:00Z");
        assert_eq!(seen.at, "2021-01-21T10:00:00+01:00");
        let text = String::from_utf8(h.app.doc.to_json()).unwrap();
        assert!(RoomDoc::parse(&text, "r.json").is_ok());
        h.screen(80, 24);
    }

    #[test]
    fn a_star_marks_a_key_takeaway_and_undo_takes_it_back() {
        let mut h = with_notes(Lang::En, Theme::COLOR);
        // `*` while typing is a `*`.
        h.typed("*");
        assert_eq!(h.app.doc.draft.text, "*");
        h.key(KeyCode::Backspace);
        h.key(KeyCode::Up);
        h.key(KeyCode::Up);
        let fx = h.key(KeyCode::Char('*'));
        assert_eq!(fx, [Effect::SaveNow], "on disk at once");
        let note = h.app.doc.notes[0].clone();
        assert!(note.star);
        assert!(note.updated.stamp() > note.created.stamp());
        let screen = h.screen(80, 24);
        assert!(
            screen.contains("★ Key takeaway: “Vertrouwen kost tijd” — Ctrl-Z undoes it"),
            "{screen}"
        );
        insta::assert_snapshot!("starred_note", h.render(80, 24).backend());
        h.key(KeyCode::Esc);
        assert!(h.screen(80, 24).contains("• ★ Vertrouwen kost tijd"));
        h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert!(!h.app.doc.notes[0].star);
        assert!(
            h.screen(80, 24)
                .contains("Star taken away: “Vertrouwen kost tijd” — Ctrl-Y puts it back")
        );
        h.key_with(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert!(h.app.doc.notes[0].star);
        assert!(
            h.screen(80, 24)
                .contains("Star back again: “Vertrouwen kost tijd” — Ctrl-Z takes it away")
        );
    }

    #[test]
    fn undo_says_what_it_did_and_redo_puts_it_back() {
        let mut h = with_notes(Lang::En, Theme::COLOR);
        let first = h.app.doc.notes[0].id.clone();
        let second = h.app.doc.notes[1].id.clone();
        let fx = h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(fx, [Effect::SaveNow]);
        let gone = h.app.doc.note(&second).unwrap().clone();
        assert!(gone.deleted && gone.text.is_empty(), "a tombstone");
        let screen = h.screen(100, 30);
        assert!(
            screen.contains("Note removed: “Rollen tussen inwoners…” — Ctrl-Y puts it back"),
            "{screen}"
        );
        h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
        insta::assert_snapshot!("undo_message", h.render(80, 24).backend());
        assert_eq!(h.app.doc.count(1), 0);
        // Redo: back as live notes, each with a later `updated`.
        h.key_with(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert!(
            h.screen(80, 24)
                .contains("Note back again: “Vertrouwen kost tijd” — Ctrl-Z removes it")
        );
        h.key_with(KeyCode::Char('y'), KeyModifiers::CONTROL);
        let back = h.app.doc.note(&second).unwrap();
        assert_eq!(
            back.text,
            "Rollen tussen inwoners en gemeente zijn onduidelijk 🤝 日本語"
        );
        assert!(back.updated.stamp() > gone.updated.stamp());
        assert_eq!(h.app.doc.count(1), 2);
        assert_eq!(h.app.doc.notes[0].id, first);
        h.key_with(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert!(h.screen(80, 24).contains("Nothing to redo"));
        // Undo an edit, in Dutch.
        let mut nl = with_notes(Lang::Nl, Theme::COLOR);
        nl.key(KeyCode::Up);
        nl.key(KeyCode::Up);
        nl.key(KeyCode::Enter);
        nl.typed(", veel tijd");
        nl.key(KeyCode::Enter);
        nl.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(nl.texts(1)[0], "Vertrouwen kost tijd");
        let screen = nl.screen(100, 30);
        assert!(
            screen.contains(
                "Wijziging teruggedraaid: “Vertrouwen kost tijd” — Ctrl-Y voert haar weer uit"
            ),
            "{screen}"
        );
    }

    #[test]
    fn a_quote_is_made_safe_and_short() {
        let mut h = Host::new();
        h.app.update(
            Msg::Paste("Kwaad\u{1b}[2J bedoeld\u{202e}tekst die heel lang doorgaat".into()),
            h.now,
        );
        h.key(KeyCode::Enter);
        h.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
        let screen = h.screen(100, 30);
        assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
        assert!(
            screen.contains("Note removed: “Kwaad[2J bedoeldtekst d…” — Ctrl-Y puts it back"),
            "{screen}"
        );
    }

    #[test]
    fn signals_to_the_lead_show_in_the_header_and_the_file() {
        let mut h = with_notes(Lang::En, Theme::COLOR);
        // Typed text stays typed text: the signals are function keys.
        h.typed("klaar");
        let fx = h.key(KeyCode::F(4));
        assert_eq!(fx, [Effect::SaveNow], "on disk at once");
        assert_eq!(h.app.doc.draft.text, "klaar");
        assert_eq!(h.app.doc.signal_kind(), Some(SignalKind::Help));
        let v: serde_json::Value = serde_json::from_slice(&h.app.doc.to_json()).unwrap();
        assert_eq!(v["signal"]["kind"], "help");
        let at = oogst::room::stamp(h.now, &tz());
        assert_eq!(v["signal"]["at"], at.as_str());
        let screen = h.screen(100, 30);
        assert!(
            screen.contains(" ⚑ help asked   Kamer 3 · Anna "),
            "{screen}"
        );
        assert!(screen.contains("F4 cancel help"), "{screen}");
        insta::assert_snapshot!("signal_help", h.render(100, 30).backend());
        // Done instead; then withdrawn.
        h.key(KeyCode::F(3));
        assert_eq!(h.app.doc.signal_kind(), Some(SignalKind::Done));
        assert!(h.screen(100, 30).contains(" ✔ done   Kamer 3 · Anna "));
        assert!(h.screen(100, 30).contains("F3 not done"));
        h.key(KeyCode::F(3));
        assert_eq!(h.app.doc.signal_kind(), None);
        let v: serde_json::Value = serde_json::from_slice(&h.app.doc.to_json()).unwrap();
        assert_eq!(v["signal"], serde_json::Value::Null);
        assert!(h.screen(100, 30).contains("Signal to the lead withdrawn"));
        // Without colour the words say it; small screens keep it.
        let mut nl = with_notes(Lang::Nl, Theme::NO_COLOR);
        nl.key(KeyCode::F(4));
        insta::assert_snapshot!("signal_help_no_color_dutch", nl.render(60, 12).backend());
        assert!(nl.screen(30, 8).contains("⚑ hulp"), "{}", nl.screen(30, 8));
    }

    #[test]
    fn the_header_says_the_round_of_several() {
        let mut h = Host::new();
        h.app.rounds = 2;
        h.app.round = 1;
        let screen = h.screen(100, 30);
        assert!(
            screen.contains(" oogst · Samen in gesprek · round 1 of 2 "),
            "{screen}"
        );
        assert!(screen.contains("Kamer 3 · Anna"));
    }

    #[test]
    fn no_size_breaks_the_live_states() {
        let mut h = with_notes(Lang::Nl, Theme::COLOR);
        h.key(KeyCode::F(4));
        h.key(KeyCode::Up);
        h.key(KeyCode::Char('*'));
        send_at(&mut h, "12:00:00", clock_doc("12:00:00", None, "12:02:10"));
        send_at(
            &mut h,
            "12:02:10",
            clock_doc(
                "12:02:10",
                Some(("Tijd! 日本語 🤝", "12:02:10")),
                "12:02:10",
            ),
        );
        for w in 0..=90 {
            for ht in 0..=26 {
                h.render(w, ht);
            }
        }
    }
}
