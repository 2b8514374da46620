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
                    (1, "Rollen tussen inwoners en gemeente zijn onduidelijk", false, 7),
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

#[test]
fn scratch() {
    let mut lead = Lead::demo();
    four_rooms(&mut lead);
    println!("{}", lead.screen(120, 40));
    println!("{}", lead.screen(80, 24));
    println!("{}", lead.screen(40, 12));
}
