//! The live harvest (the lead's `h`), driven as a user drives it: the
//! lead opens it, room files land (fed as the folder's looks would bring
//! them, at fixed times), keys move through it; rendered through
//! `TestBackend` and compared with snapshots or with what a person would
//! see.

use std::path::PathBuf;

mod common;
mod sizes;

use common::text_of;
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use oogst::clock::ClockState;
use oogst::i18n::Lang;
use oogst::merge::live::{Change, read};
use oogst::programme::Programme;
use oogst::tui::lead::View;
use oogst::tui::lead_app::{Effect, LeadApp, Msg, Screen};
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const DAY: Date = date(2021, 1, 21);
const BLOCK: &str = "samen-in-gesprek";
const SESSION: &str = "cop-gebiedsgericht-2021-01-21";

fn tz() -> TimeZone {
    TimeZone::fixed(tz::offset(1))
}

fn at(h: i8, m: i8, s: i8) -> Timestamp {
    DAY.at(h, m, s, 0)
        .to_zoned_datetime(tz())
        .unwrap()
        .timestamp()
}

/// A note of a room file: question (1-based), text, star, minute past 11.
type N<'a> = (usize, &'a str, bool, u8);

/// A room file of the demo's breakout, as a host writes it.
fn room(room: &str, writer: &str, host: &str, notes: &[N], draft: Option<(usize, &str)>) -> String {
    let demo = Programme::demo();
    let questions = &demo.block(BLOCK).unwrap().questions;
    let notes: Vec<serde_json::Value> = notes
        .iter()
        .enumerate()
        .map(|(i, (q, text, star, minute))| {
            let time = format!("2021-01-21T11:{minute:02}:{:02}+01:00", i % 60);
            serde_json::json!({
                "id": format!("{writer}-01JHX3Q8W2M5T{i:03}"), "question": q, "by": host,
                "text": text, "star": star, "created": time, "updated": time,
            })
        })
        .collect();
    let mut doc = serde_json::json!({
        "format": "oogst-room", "version": 2, "session": SESSION, "block": BLOCK,
        "room": room, "writer": writer, "hosts": [host], "questions": questions,
        "notes": notes, "signal": null,
    });
    if let Some((q, text)) = draft {
        doc["draft"] = serde_json::json!({"question": q, "text": text});
    }
    serde_json::to_string_pretty(&doc).unwrap()
}

struct Lead {
    app: LeadApp,
    now: Timestamp,
}

impl Lead {
    fn open(programme: Programme, lang: Lang, theme: Theme) -> Lead {
        let now = at(11, 20, 0);
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
        let mut lead = Lead { app, now };
        // The breakout runs.
        lead.press(' ');
        let fx = lead.press('h');
        assert!(fx.contains(&Effect::WatchHarvest), "{fx:?}");
        lead
    }

    /// Ten seconds on: the notice of the block's start has gone.
    fn later(&mut self) {
        self.now += jiff::SignedDuration::from_secs(10);
        self.app.update(Msg::Tick, self.now);
    }

    fn demo() -> Lead {
        Lead::open(Programme::demo(), Lang::En, Theme::COLOR)
    }

    fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        self.app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), self.now)
    }

    fn press(&mut self, c: char) -> Vec<Effect> {
        self.key(KeyCode::Char(c))
    }

    /// Room files landing, as the folder's look brings them.
    fn land(&mut self, files: &[(&str, String)]) {
        let changes = files
            .iter()
            .map(|(name, text)| (name.to_string(), Change::Now(read(name, Ok(text)))))
            .collect();
        self.app.update(Msg::Harvest(changes), self.now);
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

fn four_rooms(lead: &mut Lead) {
    lead.land(&[
        (
            "rooms/samen-in-gesprek/Kamer_1--anna01.json",
            room(
                "Kamer 1",
                "anna01",
                "Anna",
                &[
                    (
                        1,
                        "Rollen tussen inwoners en gemeente zijn onduidelijk",
                        false,
                        7,
                    ),
                    (1, "Vertrouwen kost tijd, en tijd is er niet", true, 9),
                    (1, "Wie is eigenaar van de opgave?", false, 12),
                    (2, "Herkenbaar: wij hebben ook zo'n wijkteam", false, 14),
                ],
                Some((1, "De gemeente luistert pas als")),
            ),
        ),
        (
            "rooms/samen-in-gesprek/Kamer_2--bas002.json",
            room(
                "Kamer 2",
                "bas002",
                "Bas",
                &[
                    (1, "Inwoners voelen zich niet gehoord 🙁", false, 8),
                    (1, "Geld is geoormerkt voor één jaar — te kort", true, 10),
                ],
                None,
            ),
        ),
        (
            "rooms/samen-in-gesprek/Kamer_4--chen03.json",
            room(
                "Kamer 4",
                "chen03",
                "陈静",
                &[(1, "社区参与需要时间 — participatie kost tijd", false, 11)],
                None,
            ),
        ),
    ]);
}

/// A programme of one breakout with `rooms` rooms (and a second round).
fn programme_with_rooms(rooms: usize) -> Programme {
    let names: Vec<String> = (1..=rooms).map(|i| format!("Tafel {i}")).collect();
    let text = serde_json::json!({
        "format": "oogst-programme", "version": 1, "id": SESSION,
        "title": "Werkplaats opgavegericht organiseren", "date": "2021-01-21",
        "blocks": [
            {"id": BLOCK, "kind": "breakout", "title": "Ronde 1: klant en wijk",
             "start": "11:00", "minutes": 45, "rooms": names,
             "questions": [
                 "Welke uitdagingen hoor je in het verhaal van Duiven?",
                 "Wat daarvan herken je in je eigen praktijksituatie?"
             ]},
            {"id": "ronde-2", "kind": "breakout", "title": "Ronde 2: organisatie",
             "minutes": 30, "rooms": ["Tafel 1"], "questions": ["Wat neem je mee?"]}
        ]
    });
    Programme::parse(&text.to_string(), "programme.json").unwrap()
}

fn file(room: &str, writer: &str) -> String {
    format!("rooms/{BLOCK}/{}--{writer}.json", room.replace(' ', "_"))
}

#[test]
fn the_live_harvest_at_120x40() {
    let mut lead = Lead::demo();
    four_rooms(&mut lead);
    insta::assert_snapshot!(lead.render(120, 40).backend());
}

#[test]
fn the_live_harvest_at_80x24() {
    let mut lead = Lead::demo();
    four_rooms(&mut lead);
    let screen = lead.screen(80, 24);
    // Key takeaways first, marked; a draft marked as not added; a room
    // without a host says so.
    let star = screen.find("★ Vertrouwen kost tijd").unwrap();
    let plain = screen.find("• Rollen tussen inwoners").unwrap();
    assert!(star < plain, "{screen}");
    assert!(
        screen.contains("✎ De gemeente luistert pas als (draft, not added)"),
        "{screen}"
    );
    assert!(screen.contains("Kamer 3  no host yet"), "{screen}");
    insta::assert_snapshot!(lead.render(80, 24).backend());
}

#[test]
fn one_room() {
    let mut lead = Lead::open(programme_with_rooms(1), Lang::En, Theme::COLOR);
    lead.land(&[(
        &file("Tafel 1", "anna01"),
        room(
            "Tafel 1",
            "anna01",
            "Anna",
            &[
                (
                    1,
                    "Bewoners zijn eigenaar, de gemeente faciliteert",
                    true,
                    5,
                ),
                (1, "Korte lijnen met de wijkagent", false, 6),
            ],
            None,
        ),
    )]);
    insta::assert_snapshot!(lead.render(80, 24).backend());
}

fn seven_rooms() -> Lead {
    let mut lead = Lead::open(programme_with_rooms(7), Lang::En, Theme::COLOR);
    let files: Vec<(String, String)> = (1..=7)
        .filter(|i| *i != 5)
        .map(|i| {
            let name = format!("Tafel {i}");
            let writer = format!("host{i:02}");
            let texts: Vec<String> = (0..i.min(4))
                .map(|n| format!("Inzicht {n} van tafel {i}: samenwerken vraagt vertrouwen"))
                .collect();
            let notes: Vec<N> = texts
                .iter()
                .enumerate()
                .map(|(n, t)| (1, t.as_str(), n == 1, 10 + n as u8))
                .collect();
            let host = format!("Host {i}");
            (
                file(&name, &writer),
                room(&name, &writer, &host, &notes, None),
            )
        })
        .collect();
    let refs: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    lead.land(&refs);
    lead
}

#[test]
fn seven_rooms_at_120x40_and_a_page_down() {
    let mut lead = seven_rooms();
    insta::assert_snapshot!("seven_rooms_120x40", lead.render(120, 40).backend());
    lead.key(KeyCode::PageDown);
    let screen = lead.screen(120, 40);
    assert!(screen.contains("Tafel 7"), "{screen}");
    insta::assert_snapshot!("seven_rooms_page_down", lead.render(120, 40).backend());
}

#[test]
fn seven_rooms_at_80x24() {
    insta::assert_snapshot!(seven_rooms().render(80, 24).backend());
}

#[test]
fn a_note_of_3000_characters_wraps_and_scrolls() {
    let mut lead = Lead::open(programme_with_rooms(2), Lang::En, Theme::COLOR);
    let long: String = (0..340)
        .map(|i| format!("woord{:03} ", i % 1000))
        .collect::<String>()
        .trim_end()
        .to_string()
        + " EINDE";
    assert!(long.chars().count() >= 3000);
    lead.land(&[
        (
            &file("Tafel 1", "anna01"),
            room("Tafel 1", "anna01", "Anna", &[(1, &long, false, 5)], None),
        ),
        (
            &file("Tafel 2", "bas002"),
            room(
                "Tafel 2",
                "bas002",
                "Bas",
                &[(1, "Kort en krachtig", true, 6)],
                None,
            ),
        ),
    ]);
    lead.later();
    insta::assert_snapshot!(lead.render(80, 24).backend());
    let screen = lead.screen(80, 24);
    assert!(
        screen.contains("↓ 29 more lines · 2 notes from 2 rooms"),
        "{screen}"
    );
    // The end of it, and the next room, by scrolling.
    lead.key(KeyCode::End);
    let screen = lead.screen(80, 24);
    assert!(screen.contains("EINDE"), "{screen}");
    assert!(screen.contains("★ Kort en krachtig"), "{screen}");
    lead.key(KeyCode::Home);
    assert!(lead.screen(80, 24).contains("woord000"));
}

#[test]
fn key_takeaways_only() {
    let mut lead = Lead::demo();
    four_rooms(&mut lead);
    lead.press('s');
    let screen = lead.screen(80, 24);
    assert!(screen.contains("★ key takeaways only"), "{screen}");
    assert!(!screen.contains("Rollen tussen"), "{screen}");
    assert!(!screen.contains("(draft, not added)"), "{screen}");
    assert!(
        screen.contains("no key takeaways for this question yet"),
        "{screen}"
    );
    insta::assert_snapshot!(lead.render(80, 24).backend());
    lead.press('s');
    assert!(lead.screen(80, 24).contains("Rollen tussen"));
}

#[test]
fn in_dutch_without_colour() {
    let mut lead = Lead::open(Programme::demo(), Lang::Nl, Theme::NO_COLOR);
    four_rooms(&mut lead);
    let terminal = lead.render(100, 30);
    let screen = text_of(terminal.backend().buffer());
    assert!(screen.contains("Vraag 1 van 5"), "{screen}");
    assert!(screen.contains("(concept, niet toegevoegd)"), "{screen}");
    assert!(screen.contains("nog geen gespreksleider"), "{screen}");
    for cell in terminal.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn questions_and_rounds_by_their_keys() {
    let mut lead = Lead::demo();
    four_rooms(&mut lead);
    lead.key(KeyCode::Right);
    let screen = lead.screen(100, 30);
    assert!(screen.contains("Question 2 of 5"), "{screen}");
    assert!(screen.contains("Wat daarvan herken je"), "{screen}");
    assert!(
        screen.contains("• Herkenbaar: wij hebben ook zo'n wijkteam"),
        "{screen}"
    );
    assert!(!screen.contains("Vertrouwen kost tijd"), "{screen}");
    lead.press('5');
    assert!(lead.screen(100, 30).contains("Question 5 of 5"));
    lead.key(KeyCode::Right);
    assert!(
        lead.screen(100, 30).contains("Question 5 of 5"),
        "no further"
    );
    lead.press('9');
    assert!(
        lead.screen(100, 30).contains("Question 5 of 5"),
        "no question 9"
    );
    lead.key(KeyCode::Left);
    assert!(lead.screen(100, 30).contains("Question 4 of 5"));

    // Tab: the next round, from its first question; and back.
    let mut lead = Lead::open(programme_with_rooms(2), Lang::En, Theme::COLOR);
    lead.key(KeyCode::Right);
    lead.key(KeyCode::Tab);
    let screen = lead.screen(100, 30);
    assert!(
        screen.contains("Ronde 2: organisatie · Round 2 of 2"),
        "{screen}"
    );
    assert!(screen.contains("Question 1 of 1"), "{screen}");
    lead.key(KeyCode::BackTab);
    assert!(
        lead.screen(100, 30)
            .contains("Ronde 1: klant en wijk · Round 1 of 2")
    );
}

#[test]
fn esc_goes_back_where_the_lead_came_from() {
    let mut lead = Lead::demo();
    assert_eq!(lead.app.screen, Screen::Harvest);
    lead.key(KeyCode::Esc);
    assert_eq!(lead.app.screen, Screen::Lead);
    lead.press('d');
    lead.press('h');
    assert_eq!(lead.app.screen, Screen::Harvest);
    lead.key(KeyCode::Esc);
    assert_eq!(lead.app.screen, Screen::Dashboard);
    // `d` from the harvest: the dashboard.
    lead.press('h');
    lead.press('d');
    assert_eq!(lead.app.screen, Screen::Dashboard);
}

/// Notes that land in rooms above the one the reader is at move nothing:
/// the room at the top stays at the top.
#[test]
fn notes_that_land_keep_the_scroll_position() {
    let mut lead = seven_rooms();
    // What the lead sees first.
    lead.render(80, 24);
    let top_room = |lead: &Lead| {
        let screen = lead.screen(80, 24);
        let rooms: Vec<String> = screen
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix('▌').map(str::to_string))
            .collect();
        (screen, rooms)
    };
    for _ in 0..14 {
        lead.key(KeyCode::Down);
    }
    let (before, rooms) = top_room(&lead);
    let first = rooms[0].clone();
    assert!(!first.starts_with("Tafel 1"), "{before}");
    // Tafel 1 gets three more notes.
    let texts = ["Nieuw 1", "Nieuw 2", "Nieuw 3"];
    let notes: Vec<N> = texts.iter().map(|t| (1, *t, false, 30)).collect();
    lead.land(&[(
        &file("Tafel 1", "host01"),
        room("Tafel 1", "host01", "Host 1", &notes, None),
    )]);
    let (after, rooms) = top_room(&lead);
    assert_eq!(rooms[0], first, "{before}\n{after}");
    // Every line of the rooms as it was.
    let rooms_of = |s: &str| {
        s.lines()
            .skip(4)
            .take(18)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(rooms_of(&before), rooms_of(&after), "{before}\n{after}");
    // Scrolling up shows them.
    lead.key(KeyCode::Home);
    assert!(lead.screen(80, 24).contains("Nieuw 3"));
}

#[test]
fn a_file_that_cannot_be_read_now_keeps_its_notes_and_says_so() {
    let mut lead = Lead::demo();
    four_rooms(&mut lead);
    lead.later();
    let name = "rooms/samen-in-gesprek/Kamer_2--bas002.json";
    lead.land(&[(name, "{\"format\": \"oogst-room\", \"vers".to_string())]);
    let screen = lead.screen(120, 40);
    assert!(screen.contains("Geld is geoormerkt"), "{screen}");
    assert!(
        screen.contains(
            "⚠ samen-in-gesprek/Kamer_2--bas002.json cannot be read now; its last good copy counts"
        ),
        "{screen}"
    );
    // Gone for a moment: the same.
    lead.app.update(
        Msg::Harvest(vec![(name.to_string(), Change::Missing)]),
        lead.now,
    );
    let screen = lead.screen(120, 40);
    assert!(screen.contains("Geld is geoormerkt"), "{screen}");
    assert!(screen.contains("gone from the folder"), "{screen}");
    // Gone for good: its notes go.
    lead.app.update(
        Msg::Harvest(vec![(name.to_string(), Change::Removed)]),
        lead.now,
    );
    let screen = lead.screen(120, 40);
    assert!(!screen.contains("Geld is geoormerkt"), "{screen}");
    assert!(!screen.contains("⚠"), "{screen}");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut lead = Lead::demo();
    lead.land(&[(
        "rooms/samen-in-gesprek/x.json",
        room(
            "Kamer 1\u{1b}[2J",
            "evil01",
            "Mal\u{202e}lory\u{9b}31m",
            &[(1, "a\u{1b}]0;pwned\u{7}b\u{202e}c\nd\te", true, 5)],
            Some((1, "\u{1b}[31mrood")),
        ),
    )]);
    for (w, h) in [(120, 40), (80, 24), (30, 8)] {
        let terminal = lead.render(w, h);
        for cell in terminal.backend().buffer().content() {
            for c in cell.symbol().chars() {
                assert!(
                    !c.is_control() && !oogst::text::is_bidi_control(c),
                    "{c:?} at {w}x{h}"
                );
            }
        }
    }
    let screen = lead.screen(120, 40);
    assert!(
        screen
            .lines()
            .any(|l| l.trim_end().ends_with("★ a␛]0;pwned␇bc")),
        "{screen}"
    );
    assert!(screen.contains("Kamer 1␛[2J  Mallory�31m"), "{screen}");
}

#[test]
fn small_terminals_never_panic() {
    let mut lead = seven_rooms();
    lead.press('s');
    lead.press('s');
    for (w, h) in sizes::sizes(&[20, 30, 40, 60, 61], &[6, 10, 12, 16, 24, 30]) {
        let screen = lead.screen(w, h);
        if w >= 20 && h >= 6 {
            assert!(screen.contains("Tafel"), "{w}x{h}\n{screen}");
        }
    }
    // Help, over the harvest.
    lead.press('?');
    for (w, h) in [(120, 40), (80, 24), (20, 6), (10, 3)] {
        lead.render(w, h);
    }
}

#[test]
fn the_help_lists_the_harvest_keys() {
    let mut lead = Lead::demo();
    lead.press('?');
    let screen = lead.screen(80, 30);
    for (keys, what) in [
        ("←/→", "previous / next question"),
        ("1/2/3/4/5/6/7/8/9", "that question (1–9)"),
        ("s", "key takeaways only / all notes"),
        ("Tab/Shift-Tab", "next / previous round"),
        ("Esc", "back"),
    ] {
        let line = format!("{keys:<19}{what}");
        assert!(screen.contains(&line), "{line:?}\n{screen}");
    }
    insta::assert_snapshot!(lead.render(80, 30).backend());
    // Any key closes it; Esc only closes it.
    lead.key(KeyCode::Esc);
    assert_eq!(lead.app.screen, Screen::Harvest);
    assert!(!lead.screen(80, 30).contains("Keys"));
}

/// One table drives dispatch, footer and help: every key of it does what
/// it says; any other key does nothing at all.
mod key_table {
    use super::*;
    use oogst::tui::keys::{self, HARVEST, HARVEST_LEAD, HarvestCommand as C, Place};
    use oogst::tui::lead_app::Overlay;

    fn send(lead: &mut Lead, event: KeyEvent) -> Vec<Effect> {
        lead.app.update(Msg::Key(event), lead.now)
    }

    #[test]
    fn every_key_of_the_table_runs_its_command() {
        for row in HARVEST.iter() {
            if matches!(row.places[HARVEST_LEAD], Place::Off) {
                continue;
            }
            for key in row.keys {
                let mut lead = seven_rooms();
                let before = lead.screen(80, 24);
                let event = key.event();
                // Scrolling goes by what the lead saw: a frame first.
                lead.render(80, 24);
                assert_eq!(
                    keys::command(&HARVEST, HARVEST_LEAD, &event),
                    Some(row.command)
                );
                // From question 2, so that ← moves.
                if event.code == KeyCode::Left {
                    lead.key(KeyCode::Right);
                }
                let at_two = lead.screen(80, 24);
                let fx = send(&mut lead, event);
                let after = lead.screen(80, 24);
                let ok = match row.command {
                    C::Question => after != at_two,
                    C::Number => {
                        after.contains(&format!(
                            "Question {} of 2",
                            key.event().code.as_char().unwrap()
                        )) || key.event().code.as_char().unwrap() > '2'
                    }
                    C::Scroll | C::Page | C::Ends => {
                        // Down from the top moves; up from the top stays.
                        let mut again = seven_rooms();
                        again.render(80, 24);
                        send(&mut again, KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
                        let bottom = again.screen(80, 24);
                        send(&mut again, event);
                        let moved = again.screen(80, 24) != bottom;
                        let forward =
                            matches!(event.code, KeyCode::Down | KeyCode::PageDown | KeyCode::End);
                        forward || moved
                    }
                    C::Stars => after.contains("★ key takeaways only"),
                    C::Round => after.contains("Ronde 2: organisatie"),
                    C::Back => lead.app.screen == Screen::Lead,
                    C::Dashboard => lead.app.screen == Screen::Dashboard,
                    C::Help => matches!(lead.app.overlay, Overlay::Help),
                    C::Quit => matches!(lead.app.overlay, Overlay::ConfirmQuit),
                    C::SaveQuit => fx.contains(&Effect::Quit),
                };
                assert!(ok, "{key:?} should {:?}\n{before}\n{after}", row.command);
            }
        }
    }

    #[test]
    fn no_other_key_does_anything() {
        let codes: Vec<KeyCode> = (' '..='~')
            .map(KeyCode::Char)
            .chain([
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Insert,
                KeyCode::F(2),
                KeyCode::F(12),
            ])
            .collect();
        let before = seven_rooms().screen(80, 24);
        for code in codes {
            for mods in [KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT] {
                let event = KeyEvent::new(code, mods);
                if keys::command(&HARVEST, HARVEST_LEAD, &event).is_some() {
                    continue;
                }
                let mut lead = seven_rooms();
                let fx = send(&mut lead, event);
                assert!(fx.is_empty(), "{event:?} gave {fx:?}");
                assert_eq!(lead.app.screen, Screen::Harvest, "{event:?}");
                assert_eq!(lead.screen(80, 24), before, "{event:?}");
            }
        }
    }
}

/// A room that says it is done, or needs help, says so on its heading,
/// in words.
#[test]
fn signals_of_the_rooms_are_on_their_headings() {
    let mut lead = Lead::demo();
    let with = |text: String, kind: &str, at: &str| {
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["signal"] = serde_json::json!({"kind": kind, "at": at});
        doc.to_string()
    };
    let anna = room("Kamer 1", "anna01", "Anna", &[(1, "Klaar", false, 5)], None);
    let bas = room("Kamer 2", "bas002", "Bas", &[(1, "Hulp", false, 6)], None);
    lead.land(&[
        (
            &file("Kamer 1", "anna01"),
            with(anna, "done", "2021-01-21T11:15:00+01:00"),
        ),
        (
            &file("Kamer 2", "bas002"),
            with(bas, "help", "2021-01-21T11:16:00+01:00"),
        ),
    ]);
    let screen = lead.screen(80, 24);
    let line = |room: &str| {
        screen
            .lines()
            .find(|l| l.contains(room))
            .unwrap()
            .to_string()
    };
    assert!(line("▌Kamer 1").contains("✓ done"), "{screen}");
    assert!(line("▌Kamer 2").contains("⚑ needs help"), "{screen}");
}
