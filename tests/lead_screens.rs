//! The lead's screens, driven as a user drives them: build the app, feed it
//! key events at given instants, render through `TestBackend`, and compare
//! with a snapshot or assert what a person would see.

use std::path::PathBuf;

mod common;
mod sizes;

use common::text_of;
use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use oogst::clock::ClockState;
use oogst::files::{FileError, Problem, ProblemKind, ReadError, Special, Unreadable};
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::rooms::{Elsewhere, FileProblem, RoomLine, Rooms, Signal};
use oogst::tui::burst::BURST;
use oogst::tui::lead::View;
use oogst::tui::lead_app::{Effect, LeadApp, Msg};
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

struct Lead {
    app: LeadApp,
    now: Timestamp,
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
        Lead { app, now }
    }

    fn demo(now: Timestamp) -> Lead {
        Lead::open(Programme::demo(), now, Lang::En, Theme::COLOR)
    }

    /// Moves the clock to `t` (a tick, as the event loop sends).
    fn at(&mut self, t: Timestamp) -> Vec<Effect> {
        self.now = t;
        self.app.update(Msg::Tick, t)
    }

    /// A key as a person presses it: an Enter right after typed text
    /// is held for a moment (it might be a paste's), then acts as itself
    /// at the moment it was pressed.
    fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        let mut fx = self
            .app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), self.now);
        if self.app.holds_a_key() {
            let wake = self.app.next_change(self.now);
            fx.extend(self.app.update(Msg::Tick, wake));
        }
        fx
    }

    fn press(&mut self, c: char) -> Vec<Effect> {
        self.key(KeyCode::Char(c))
    }

    fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.press(c);
        }
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

/// The case presentation, started at 10:12, seen at 10:20:30.
fn running_case() -> Lead {
    let mut lead = Lead::demo(at(10, 12, 0));
    lead.press(' ');
    lead.at(at(10, 20, 30));
    lead
}

#[test]
fn lead_view_120x40() {
    insta::assert_snapshot!(running_case().render(120, 40).backend());
}

#[test]
fn lead_view_80x24() {
    insta::assert_snapshot!(running_case().render(80, 24).backend());
}

#[test]
fn lead_view_30x8() {
    insta::assert_snapshot!(running_case().render(30, 8).backend());
}

#[test]
fn lead_view_in_dutch() {
    let mut lead = Lead::open(Programme::demo(), at(10, 12, 0), Lang::Nl, Theme::COLOR);
    lead.press(' ');
    lead.at(at(10, 20, 30));
    insta::assert_snapshot!(lead.render(100, 30).backend());
}

#[test]
fn waiting_before_the_start() {
    let lead = Lead::demo(at(9, 40, 0));
    let screen = lead.screen(80, 24);
    assert!(screen.contains("not started"), "{screen}");
    assert!(screen.contains("space: start"), "{screen}");
    insta::assert_snapshot!(lead.render(80, 24).backend());
}

#[test]
fn over_time_is_red_and_says_so() {
    let mut lead = running_case();
    lead.at(at(10, 45, 12));
    let terminal = lead.render(120, 40);
    let screen = text_of(terminal.backend().buffer());
    assert!(screen.contains("OVER TIME"), "{screen}");
    assert!(screen.contains("deadline was 10:42"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
    // The big digits are drawn in red.
    let buf = terminal.backend().buffer();
    let digit_cells = buf
        .content()
        .iter()
        .filter(|c| matches!(c.symbol(), "█" | "▀" | "▄"))
        .collect::<Vec<_>>();
    assert!(!digit_cells.is_empty());
    assert!(digit_cells.iter().all(|c| c.fg == Color::Red));
    // In the compact view the countdown itself shows the plus sign.
    assert!(lead.screen(30, 8).contains("+03:12"));
}

#[test]
fn the_last_two_minutes_turn_amber() {
    let mut lead = running_case();
    lead.at(at(10, 40, 30));
    let terminal = lead.render(120, 40);
    assert!(text_of(terminal.backend().buffer()).contains("nearly over"));
    let buf = terminal.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .filter(|c| c.symbol() == "█")
            .all(|c| c.fg == Color::Yellow)
    );
}

#[test]
fn no_color_uses_no_colour_at_all() {
    let mut lead = Lead::open(Programme::demo(), at(10, 12, 0), Lang::En, Theme::NO_COLOR);
    lead.press(' ');
    lead.at(at(10, 45, 12));
    let terminal = lead.render(120, 40);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let screen = text_of(buf);
    assert!(screen.contains("OVER TIME"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn presenter_clock() {
    let mut lead = running_case();
    lead.press('f');
    insta::assert_snapshot!("presenter_120x40", lead.render(120, 40).backend());
    insta::assert_snapshot!("presenter_80x24", lead.render(80, 24).backend());
    lead.at(at(10, 45, 12));
    let screen = lead.screen(80, 24);
    assert!(screen.contains("OVER TIME"), "{screen}");
    // Esc goes back to the lead view.
    lead.key(KeyCode::Esc);
    assert!(lead.screen(80, 24).contains("Programme"));
}

#[test]
fn presenter_keys_still_run_the_clock() {
    let mut lead = Lead::demo(at(10, 12, 0));
    lead.press('f');
    lead.press(' ');
    lead.at(at(10, 13, 0));
    lead.press('+');
    assert_eq!(
        lead.app.clock.current(lead.now).unwrap().remaining,
        SignedDuration::from_mins(30)
    );
}

#[test]
fn help_overlay_lists_every_key() {
    let mut lead = running_case();
    lead.press('?');
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    for key in ["space", "+/-", "Ctrl-C", "Esc", "b ", "r "] {
        assert!(screen.contains(key), "{key} missing:\n{screen}");
    }
    insta::assert_snapshot!(terminal.backend());
    // Any key closes it; `?` and Esc are only closing.
    lead.press('?');
    assert!(!lead.screen(80, 24).contains("Ctrl-C"));
}

#[test]
fn quit_asks_while_a_block_runs() {
    let mut lead = running_case();
    assert!(lead.press('q').is_empty());
    insta::assert_snapshot!(lead.render(80, 24).backend());
    assert!(lead.press('n').is_empty(), "n means carry on here");
    assert_eq!(
        lead.app.clock.current, 2,
        "and does not move to the next block"
    );
    lead.press('q');
    let fx = lead.press('y');
    assert!(fx.contains(&Effect::Quit));
    assert!(fx.contains(&Effect::SaveState));
}

#[test]
fn quit_without_a_running_block_is_at_once() {
    let mut lead = Lead::demo(at(10, 12, 0));
    assert!(lead.press('q').contains(&Effect::Quit));
}

#[test]
fn ctrl_c_saves_and_quits_from_anywhere() {
    let mut lead = running_case();
    lead.press('m');
    let fx = lead.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        lead.now,
    );
    assert_eq!(fx, [Effect::SaveState, Effect::WriteClock, Effect::Quit]);
}

#[test]
fn a_message_to_the_rooms() {
    let mut lead = running_case();
    lead.press('m');
    lead.typed("Nog 5 minuten 👍");
    insta::assert_snapshot!("message_input", lead.render(80, 24).backend());
    let fx = lead.key(KeyCode::Enter);
    assert!(fx.contains(&Effect::WriteClock));
    let m = lead.app.clock.message.as_ref().unwrap();
    assert_eq!(m.text, "Nog 5 minuten 👍");
    assert_eq!(m.at, at(10, 20, 30));
    let screen = lead.screen(80, 24);
    assert!(screen.contains("“Nog 5 minuten 👍”"), "{screen}");
    // Esc cancels without sending.
    lead.press('m');
    lead.typed("weg");
    lead.key(KeyCode::Esc);
    assert_eq!(
        lead.app.clock.message.as_ref().unwrap().text,
        "Nog 5 minuten 👍"
    );
}

/// A terminal without bracketed paste types a pasted message as keys:
/// its line breaks must not send half of it and run the rest as the
/// lead's keys (`n` next block, `q` quit, space pause…).
#[test]
fn a_message_pasted_as_keystrokes_stays_one_message() {
    let mut lead = running_case();
    let block = lead.app.clock.current;
    lead.press('m');
    let burst = |lead: &mut Lead, text: &str| {
        let mut fx = Vec::new();
        for c in text.chars() {
            lead.now += SignedDuration::from_micros(50);
            let code = if c == '\r' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            fx.extend(
                lead.app
                    .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), lead.now),
            );
        }
        fx
    };
    let fx = burst(
        &mut lead,
        "Nog 5 minuten\rdan koffie, quit niet\r\rna de pauze",
    );
    lead.now += BURST * 2;
    let fx2 = lead.app.update(Msg::Tick, lead.now);
    assert!(
        !fx.iter()
            .chain(&fx2)
            .any(|e| *e == Effect::Quit || *e == Effect::WriteClock),
        "nothing sent, nothing run: {fx:?} {fx2:?}"
    );
    assert_eq!(lead.app.clock.current, block, "no block skipped");
    assert!(lead.app.clock.message.is_none());
    // The lead sends it with Enter, as always: one line.
    lead.now += SignedDuration::from_secs(1);
    lead.key(KeyCode::Enter);
    assert_eq!(
        lead.app.clock.message.as_ref().unwrap().text,
        "Nog 5 minuten dan koffie, quit niet  na de pauze"
    );
    // A paste that ends in a line break sends itself once the burst is over.
    lead.press('m');
    burst(&mut lead, "Terug naar de zaal\r");
    assert!(lead.app.holds_a_key());
    let wake = lead.app.next_change(lead.now);
    assert!(wake <= lead.now + BURST + SignedDuration::from_millis(1));
    lead.app.update(Msg::Tick, wake);
    assert_eq!(
        lead.app.clock.message.as_ref().unwrap().text,
        "Terug naar de zaal"
    );
}

#[test]
fn a_pasted_message_stays_one_clean_line() {
    let mut lead = running_case();
    lead.press('m');
    lead.app.update(
        Msg::Paste("Kom terug\nnaar de\u{1b}[31m plenaire zaal".into()),
        lead.now,
    );
    lead.key(KeyCode::Enter);
    assert_eq!(
        lead.app.clock.message.as_ref().unwrap().text,
        "Kom terug naar de[31m plenaire zaal"
    );
}

#[test]
fn keys_move_through_the_programme() {
    let mut lead = Lead::demo(at(9, 45, 0));
    lead.press(' ');
    lead.at(at(10, 0, 0));
    lead.press('n');
    assert!(lead.screen(120, 40).contains("Next block started: Opening"));
    lead.at(at(10, 11, 0));
    lead.press('n');
    lead.press('+');
    lead.press('+');
    lead.press('-');
    lead.at(at(10, 12, 0));
    let screen = lead.screen(120, 40);
    assert!(screen.contains("extended 1 min"), "{screen}");
    assert!(screen.contains("ends 10:42"), "{screen}");
    lead.press('p');
    assert_eq!(lead.app.clock.current, 1);
    assert!(lead.screen(120, 40).contains("Back to: Opening"));
}

/// `r` shows what it would do first: nothing changes until Enter, and
/// Esc leaves the day as it was; `u` undoes what Enter did.
#[test]
fn replan_is_a_proposal_first() {
    let mut lead = Lead::demo(at(10, 20, 0));
    lead.press(' ');
    assert!(lead.screen(120, 40).contains("programme runs 5 min late"));
    assert!(lead.press('r').is_empty(), "nothing written yet");
    let screen = lead.screen(120, 40);
    for words in [
        "Re-plan the rest of the day",
        "The programme runs 5 min late and would end at 12:05.",
        "Ruimte voor vragen",
        "15 min  → 10 min",
        "■ protected",
        "New end 12:00: on time",
        "Enter apply",
        "Esc leave as it is",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    assert_eq!(lead.app.clock.blocks[3].minutes, 15);
    // Too narrow for the notes: a mark before the title says "protected".
    let narrow = lead.screen(50, 14);
    assert!(narrow.contains("■ Samen in gesprek"), "{narrow}");
    // Esc: the day as it was.
    assert!(lead.key(KeyCode::Esc).is_empty());
    assert_eq!(lead.app.clock.blocks[3].minutes, 15);
    assert!(lead.screen(120, 40).contains("programme runs 5 min late"));
    // Enter applies it.
    lead.press('r');
    let fx = lead.key(KeyCode::Enter);
    assert!(fx.contains(&Effect::SaveState) && fx.contains(&Effect::WriteClock));
    assert_eq!(lead.app.clock.blocks[3].minutes, 10);
    let screen = lead.screen(120, 40);
    assert!(
        screen.contains("Re-planned: 1 block changed, the programme ends at 12:00 · u undoes it"),
        "{screen}"
    );
    assert!(screen.contains("◆ programme on time"), "{screen}");
    // u: as it was before the re-plan; U: the re-plan again.
    lead.press('u');
    assert_eq!(lead.app.clock.blocks[3].minutes, 15);
    assert!(
        lead.screen(120, 40)
            .contains("Undone: re-plan (U redoes it)")
    );
    lead.press('U');
    assert_eq!(lead.app.clock.blocks[3].minutes, 10);
    assert!(
        lead.screen(120, 40)
            .contains("Redone: re-plan (u undoes it)")
    );
    // SPEC: a second `r` right after a re-plan undoes it; later, `r` is
    // the proposal again.
    lead.press('u');
    lead.press('r');
    lead.key(KeyCode::Enter);
    assert_eq!(lead.app.clock.blocks[3].minutes, 10);
    lead.press('r');
    assert_eq!(lead.app.clock.blocks[3].minutes, 15, "r right after undoes");
    assert!(lead.screen(120, 40).contains("Undone: re-plan"));
    lead.press('r');
    assert!(lead.screen(120, 40).contains("Re-plan the rest of the day"));
}

/// Re-planned late, then the case ends early: the questions, shortened
/// and now running, get their minutes back with `r`.
#[test]
fn replan_gives_time_back_when_early() {
    let mut lead = Lead::demo(at(10, 27, 0));
    lead.press(' ');
    lead.press('r');
    lead.key(KeyCode::Enter);
    lead.at(at(10, 39, 0));
    lead.press('n');
    lead.at(at(10, 40, 0));
    lead.press('r');
    let screen = lead.screen(120, 40);
    for words in [
        "Ruimte voor vragen",
        "8 min   → 15 min",
        "10:39–10:54",
        "▶ running · gets time back",
        "New end 12:00: on time",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    lead.key(KeyCode::Enter);
    assert!(lead.screen(120, 40).contains("ends 10:54"));
}

/// An afternoon with a break before a work session that starts at 14:30.
const AFTERNOON: &str = r#"{
  "format": "oogst-programme", "version": 1, "id": "middag", "title": "Kennismiddag",
  "date": "2021-01-21",
  "blocks": [
    {"id": "inloop", "kind": "walk-in", "title": "Inloop met koffie", "start": "13:00", "minutes": 15},
    {"id": "opening", "kind": "plenary", "title": "Opening", "minutes": 10},
    {"id": "lezing", "kind": "case", "title": "Lezing: opgavegericht werken", "minutes": 30},
    {"id": "vragen", "kind": "questions", "title": "Vragen aan de spreker", "minutes": 15},
    {"id": "pauze", "kind": "break", "title": "Pauze", "minutes": 15},
    {"id": "werksessie", "kind": "breakout", "title": "Werksessie per coalitie", "start": "14:30",
     "minutes": 45, "rooms": ["Noord", "Zuid"], "questions": ["Wat pakken we op?"]},
    {"id": "terug", "kind": "plenary", "title": "Terugkoppeling", "minutes": 20},
    {"id": "afsluiting", "kind": "closing", "title": "Afsluiting", "minutes": 10}
  ]
}"#;

/// The proposal with the work session protected (as it comes) and the
/// break set by hand: the questions give what the break keeps.
#[test]
fn the_proposal_with_a_protected_and_an_adjusted_block() {
    let programme = Programme::parse(AFTERNOON, "programme.json").unwrap();
    let mut lead = Lead::open(programme, at(13, 39, 0), Lang::En, Theme::COLOR);
    lead.press(' ');
    lead.press('r');
    let screen = lead.screen(100, 30);
    assert!(screen.contains("■ protected"), "{screen}");
    // Down to the break, two minutes more than proposed.
    let first = lead.screen(100, 30);
    lead.key(KeyCode::Down);
    lead.press('+');
    lead.key(KeyCode::Right);
    let screen = lead.screen(100, 30);
    assert_ne!(screen, first);
    assert!(screen.contains("✎ set by hand"), "{screen}");
    assert!(screen.contains("■ protected"), "{screen}");
    insta::assert_snapshot!("replan_proposal", lead.render(100, 30).backend());
    // Applied as shown.
    let plan = match &lead.app.overlay {
        oogst::tui::lead_app::Overlay::Replan(o) => o.proposal.plan.clone(),
        _ => panic!("the proposal is open"),
    };
    lead.key(KeyCode::Enter);
    let minutes: Vec<i64> = lead.app.clock.blocks.iter().map(|b| b.minutes).collect();
    assert_eq!(minutes, plan);
}

/// In Dutch, without colour, at 80×24: the words say what colour says.
#[test]
fn the_proposal_in_dutch_without_colour() {
    let programme = Programme::parse(AFTERNOON, "programme.json").unwrap();
    let mut lead = Lead::open(programme, at(13, 39, 0), Lang::Nl, Theme::NO_COLOR);
    lead.press(' ');
    lead.press('r');
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    for words in [
        "Rest van de dag herplannen",
        "■ beschermd",
        "Nieuw einde 15:45: op schema",
        "Enter toepassen",
        "Esc laten zoals het is",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    insta::assert_snapshot!("replan_proposal_dutch_80x24", terminal.backend());
}

#[test]
fn replan_when_even_the_floors_are_not_enough() {
    let mut lead = Lead::demo(at(10, 12, 0));
    lead.at(at(11, 30, 0));
    lead.press(' ');
    lead.press('r');
    let screen = lead.screen(120, 40);
    // The breakout protected: only the questions give, to their floor.
    assert!(
        screen.contains(
            "New end 13:08: still 1 h 08 min late · every block that may give time is at its minimum"
        ),
        "{screen}"
    );
    // Not protected, the breakout gives half: still 38 minutes over.
    lead.key(KeyCode::Down);
    lead.press(' ');
    let screen = lead.screen(120, 40);
    assert!(
        screen.contains("New end 12:38: still 38 min late · every block that may give time"),
        "{screen}"
    );
    // r: back to the proposal as it came.
    lead.press('r');
    assert!(lead.screen(120, 40).contains("New end 13:08"));
}

/// Nothing still to come: `r` says so, and opens nothing.
#[test]
fn replan_on_the_last_block_says_there_is_nothing_to_come() {
    let mut lead = Lead::demo(at(11, 0, 0));
    lead.press(' ');
    lead.press('r');
    assert!(matches!(
        lead.app.overlay,
        oogst::tui::lead_app::Overlay::None
    ));
    assert!(lead.screen(120, 40).contains("No blocks left to shorten"));
}

/// An accidental `n`: the notice says how to take it back, and `u` gives
/// the case back with its elapsed time intact.
#[test]
fn an_accidental_next_is_one_key_from_undone() {
    let mut lead = running_case();
    let before = lead.screen(80, 24);
    lead.at(at(10, 25, 0));
    lead.press('n');
    let screen = lead.screen(80, 24);
    assert!(
        screen.contains("Next block started: Ruimte voor vragen · u undoes it"),
        "{screen}"
    );
    lead.at(at(10, 25, 30));
    let fx = lead.press('u');
    assert!(fx.contains(&Effect::SaveState) && fx.contains(&Effect::WriteClock));
    let c = lead.app.clock.current(lead.now).unwrap();
    assert_eq!(c.index, 2);
    // Started at 10:12, 30 minutes: 16:30 left at 10:25:30.
    assert_eq!(c.remaining, SignedDuration::from_secs(16 * 60 + 30));
    let screen = lead.screen(80, 24);
    assert!(
        screen.contains("Undone: next block (U redoes it) · now: Presenteren casus"),
        "{screen}"
    );
    // The same screen as before, five minutes on.
    lead.at(at(10, 20, 30));
    let _ = before;
    // U: the questions again, started when `n` was pressed.
    lead.at(at(10, 26, 0));
    lead.press('U');
    assert_eq!(lead.app.clock.current, 3);
    assert_eq!(lead.app.clock.blocks[3].started, Some(at(10, 25, 0)));
    lead.press('U');
    assert!(lead.screen(80, 24).contains("Nothing to redo"));
}

/// A block over time while a gap still absorbs the delay: the lateness
/// line says the block runs over, never "on time" in green beside a red
/// countdown.
#[test]
fn the_lateness_line_while_over_time() {
    let mut lead = running_case();
    lead.at(at(10, 45, 12));
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    assert!(
        screen.contains("◆ block 3 min over time · programme still on time"),
        "{screen}"
    );
    // No part of the line is green.
    let buf = terminal.backend().buffer();
    let lines: Vec<&str> = screen.lines().collect();
    let y = lines.iter().position(|l| l.contains("◆ block")).unwrap();
    for x in 0..buf.area.width {
        let cell = buf.cell((x, y as u16)).unwrap();
        assert_ne!(cell.fg, Color::Green, "{x}: {cell:?}");
    }
    insta::assert_snapshot!("lateness_over_time_80x24", terminal.backend());
    // Within the first minute over: over time, without a number.
    lead.at(at(10, 42, 20));
    assert!(
        lead.screen(80, 24)
            .contains("◆ block over time · programme still on time")
    );
    // Late too: both.
    lead.at(at(10, 52, 0));
    assert!(
        lead.screen(80, 24)
            .contains("◆ block 10 min over time · programme runs 7 min late"),
        "{}",
        lead.screen(80, 24)
    );
}

/// Seventeen blocks at 80×24: the programme gives way, the countdown,
/// what comes next, the lateness line and the message stay.
#[test]
fn a_long_programme_on_a_small_screen() {
    let titles = [
        "Inloop",
        "Welkom",
        "Kennismaken",
        "Lezing",
        "Vragen",
        "Pauze",
        "Ronde 1",
        "Terugkoppeling 1",
        "Koffie",
        "Ronde 2",
        "Terugkoppeling 2",
        "Lunch",
        "Wandeling",
        "Ronde 3",
        "Oogst",
        "Vooruitblik",
        "Afsluiting",
    ];
    let blocks: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let start = if i == 0 { r#","start":"09:00""# } else { "" };
            format!(r#"{{"kind":"plenary","title":"{t}","minutes":15{start}}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"format":"oogst-programme","version":1,"id":"lang","title":"Een lange dag",
            "blocks":[{}]}}"#,
        blocks.join(",")
    );
    let programme = Programme::parse(&json, "p.json").unwrap();
    assert_eq!(programme.blocks.len(), 17);
    let mut lead = Lead::open(programme, at(9, 0, 0), Lang::En, Theme::COLOR);
    lead.press(' ');
    for i in 1..=8 {
        lead.at(at(9, 0, 0) + SignedDuration::from_mins(i * 15 + 2));
        lead.press('n');
    }
    lead.press('m');
    lead.typed("Nog 5 minuten");
    lead.key(KeyCode::Enter);
    lead.at(at(11, 10, 0));
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    for words in [
        "Next: Ronde 2",
        "◆ programme runs 2 min late",
        "“Nog 5 minuten”",
        "▶ 11:00–11:15 Koffie",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    // The big digits are there.
    assert!(screen.contains('█'), "{screen}");
    insta::assert_snapshot!("long_programme_80x24", terminal.backend());
    // And at the smallest full view.
    let screen = lead.screen(60, 16);
    for words in [
        "Next: Ronde 2",
        "◆ programme runs 2 min late",
        "Message to the rooms",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
}

#[test]
fn the_end_of_the_programme() {
    let mut lead = Lead::demo(at(11, 0, 0));
    lead.press(' ');
    lead.at(at(12, 4, 0));
    lead.press('n');
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    assert!(screen.contains("The programme is over"), "{screen}");
    assert!(screen.contains("programme ended 4 min late"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
    lead.press('f');
    assert!(lead.screen(80, 24).contains("The programme is over"));
}

#[test]
fn the_bell_rings_once_at_the_deadline() {
    let mut lead = running_case();
    assert!(!lead.at(at(10, 41, 59)).contains(&Effect::Bell));
    assert_eq!(lead.at(at(10, 42, 0)), [Effect::Bell]);
    assert!(!lead.at(at(10, 42, 1)).contains(&Effect::Bell));
    assert!(!lead.at(at(10, 50, 0)).contains(&Effect::Bell));
    // Extended past the deadline, it rings again when the new one comes.
    for _ in 0..10 {
        lead.press('+');
    }
    assert!(!lead.at(at(10, 51, 0)).contains(&Effect::Bell));
    assert_eq!(lead.at(at(10, 52, 0)), [Effect::Bell]);
}

#[test]
fn the_bell_can_be_switched_off() {
    let mut lead = running_case();
    lead.press('b');
    assert!(lead.screen(120, 40).contains("bell off"));
    assert!(!lead.at(at(10, 42, 0)).contains(&Effect::Bell));
}

/// Puts the app into one of its states.
type Prepare = Box<dyn Fn(&mut Lead)>;

#[test]
fn small_terminals_say_so_and_never_panic() {
    let lead = running_case();
    let screen = lead.screen(19, 5);
    assert!(screen.contains("Terminal too small") || screen.contains("Terminal too sm"));
    lead.screen(1, 1);
    lead.screen(0, 0);
    let mut states: Vec<Prepare> = vec![
        Box::new(|_| {}),
        Box::new(|l| {
            l.press('f');
        }),
        Box::new(|l| {
            l.press('d');
        }),
        Box::new(|l| {
            l.press('?');
        }),
        Box::new(|l| {
            l.press('m');
            l.typed("日本語のメッセージ 👩‍👩‍👧 مرحبا");
        }),
        Box::new(|l| {
            l.press('q');
        }),
        // The re-plan proposal, a block set by hand.
        Box::new(|l| {
            l.press('r');
            l.press('+');
        }),
    ];
    let sizes = sizes::sizes(&[1, 2, 19, 20, 59, 60, 149, 150], &[1, 5, 6, 15, 16]);
    for prepare in states.drain(..) {
        let mut lead = running_case();
        prepare(&mut lead);
        lead.at(at(10, 45, 0));
        for &(w, h) in &sizes {
            lead.render(w, h);
        }
    }
}

#[test]
fn hostile_programme_text_never_reaches_the_terminal() {
    let json = Programme::demo()
        .source
        .replace(
            "Ruimte voor vragen",
            r"Vragen\u001b]0;pwned\u0007\u001b[2J\u202Etekst",
        )
        .replace("Samen in gesprek", "Samen 👩‍👩‍👧 in gesprek مرحبا 日本語");
    let programme = Programme::parse(&json, "p.json").unwrap();
    let mut lead = Lead::open(programme, at(10, 40, 0), Lang::En, Theme::COLOR);
    lead.press(' ');
    for (w, h) in [(120, 40), (80, 24), (30, 8)] {
        let screen = lead.screen(w, h);
        assert!(
            !screen.chars().any(|c| c.is_control() && c != '\n'),
            "{screen:?}"
        );
        assert!(!screen.contains('\u{202E}'));
    }
    assert!(lead.screen(120, 40).contains("Vragen␛]0;pwned␇␛[2Jtekst"));
}

#[test]
fn long_programmes_scroll_to_keep_the_current_block_visible() {
    let blocks: Vec<String> = (0..30)
        .map(|i| format!(r#"{{"kind":"plenary","title":"Blok {i}","minutes":10}}"#))
        .collect();
    let json = format!(
        r#"{{"format":"oogst-programme","version":1,"id":"lang","title":"Lange dag",
            "blocks":[{{"kind":"walk-in","title":"Start","start":"08:00","minutes":5}},{}]}}"#,
        blocks.join(",")
    );
    let programme = Programme::parse(&json, "p.json").unwrap();
    let mut lead = Lead::open(programme, at(8, 0, 0), Lang::En, Theme::COLOR);
    lead.press(' ');
    for i in 0..20 {
        lead.at(at(8, 5, 0) + SignedDuration::from_mins(i * 10));
        lead.press('n');
    }
    let screen = lead.screen(80, 24);
    assert!(
        screen.contains("▶ ") && screen.contains("Blok 19"),
        "{screen}"
    );
}

#[test]
fn rehearsal_badge_shows_the_speed() {
    let programme = Programme::demo();
    let clock = ClockState::new(&programme, DAY, &tz(), at(10, 8, 0));
    let app = LeadApp::new(
        programme,
        clock,
        Lang::Nl,
        Theme::COLOR,
        tz(),
        None,
        Some(30.0),
        at(10, 8, 0),
    );
    let lead = Lead {
        app,
        now: at(10, 8, 0),
    };
    let screen = lead.screen(100, 30);
    assert!(screen.contains("OEFENEN ×30"), "{screen}");
    assert!(screen.contains("geen sessiemap"), "{screen}");
}

#[test]
fn opened_after_a_programme_that_never_ran_suggests_a_rehearsal() {
    let lead = Lead::demo(at(15, 0, 0));
    let screen = lead.screen(100, 30);
    assert!(screen.contains("The programme is over"), "{screen}");
    assert!(
        screen.contains("You can always rehearse: oogst lead --at 09:40 --speed 30"),
        "{screen}"
    );
}

// ---------------------------------------------------------------------------
// The rooms dashboard, fed the rows a scan of the session folder gives.

/// The demo's round with its five questions, and these rooms.
fn demo_round(rooms: Vec<RoomLine>, elsewhere: Option<Elsewhere>) -> Msg {
    let programme = Programme::demo();
    let b = programme.breakout().unwrap();
    Msg::Rooms(Box::new(Rooms {
        block: Some(b.id.clone()),
        questions: b.questions.clone(),
        rooms,
        elsewhere,
    }))
}

/// A room with a host (or several), its notes per question, and when it
/// last changed.
fn hosted(room: &str, hosts: &[&str], counts: &[usize], changed: Timestamp) -> RoomLine {
    RoomLine {
        room: room.into(),
        listed: true,
        hosts: hosts.iter().map(|h| h.to_string()).collect(),
        counts: counts.to_vec(),
        files: hosts.len().max(1),
        read: hosts.len().max(1),
        changed: Some(changed),
        ..RoomLine::default()
    }
}

/// A room of the programme that no host has started yet.
fn no_host(room: &str, questions: usize) -> RoomLine {
    RoomLine {
        room: room.into(),
        listed: true,
        counts: vec![0; questions],
        ..RoomLine::default()
    }
}

/// The demo's breakout, started at 11:00, seen at 11:20 on the
/// dashboard with a message sent at 11:15: every kind of row.
fn busy_dashboard(lang: Lang, theme: Theme) -> Lead {
    let mut lead = Lead::open(Programme::demo(), at(11, 0, 0), lang, theme);
    lead.press(' ');
    lead.at(at(11, 15, 0));
    lead.press('m');
    lead.typed("Nog 5 minuten");
    lead.key(KeyCode::Enter);
    lead.press('d');
    lead.at(at(11, 20, 0));
    let mut first = hosted(
        "Kamer 1",
        &["Anna", "Bas"],
        &[5, 1, 0, 2, 0],
        at(11, 19, 40),
    );
    first.files = 3;
    first.read = 3;
    first.seen = Some(at(11, 15, 0));
    first.signal = Some((Signal::Done, at(11, 19, 0)));
    let quiet = hosted("Kamer 2", &["Chris 👩‍👩‍👧"], &[0, 4, 1, 0, 0], at(11, 9, 0));
    let mut broken = hosted("Kamer 4", &["Dirk"], &[1, 0, 0, 0, 0], at(11, 18, 0));
    broken.problems = vec![FileProblem::Invalid(FileError::single(
        "samen-in-gesprek/Kamer_4-7x2k9m4q--d1rk.json",
        Problem {
            line_col: Some((1, 31)),
            block: None,
            kind: ProblemKind::Malformed {
                detail: "EOF while parsing a string".into(),
                truncated: true,
            },
        },
    ))];
    broken.signal = Some((Signal::Help, at(11, 19, 30)));
    let mut hall = hosted("Gang", &["Eva"], &[0, 0, 0, 0, 2], at(11, 19, 0));
    hall.listed = false;
    // A FIFO with a room file's name: never read, never waited on.
    let fifo = RoomLine {
        room: "x.json".into(),
        files: 1,
        problems: vec![FileProblem::Unreadable(ReadError {
            file: "x.json".into(),
            why: Unreadable::NotPlain(Special::Fifo),
        })],
        counts: vec![0; 5],
        ..RoomLine::default()
    };
    lead.app.update(
        demo_round(
            vec![first, quiet, no_host("Kamer 3", 5), broken, hall, fifo],
            Some(Elsewhere {
                other_session: 1,
                ..Elsewhere::default()
            }),
        ),
        lead.now,
    );
    lead
}

#[test]
fn the_rooms_dashboard_80x24() {
    let lead = busy_dashboard(Lang::En, Theme::COLOR);
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    for words in [
        "Rooms · Samen in gesprek",
        "4 rooms · 5 hosts · 16 notes",
        "Anna, Bas",
        "no host yet",
        "Not in the programme",
        "⚠ quiet 11 min",
        "⚠ unreadable",
        "⚑ needs help",
        "✓ done",
        "✉ seen",
        "1 file of another session not shown",
        "⚠ samen-in-gesprek/Kamer_4-7x2k9m4q--d1rk.json:1:31: the file ends",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    insta::assert_snapshot!("rooms_dashboard_80x24", terminal.backend());
}

#[test]
fn the_rooms_dashboard_120x40() {
    let lead = busy_dashboard(Lang::En, Theme::COLOR);
    insta::assert_snapshot!("rooms_dashboard_120x40", lead.render(120, 40).backend());
}

#[test]
fn the_rooms_dashboard_in_dutch_without_colour() {
    let lead = busy_dashboard(Lang::Nl, Theme::NO_COLOR);
    let terminal = lead.render(80, 24);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let screen = text_of(buf);
    for words in [
        "Kamers · Samen in gesprek",
        "nog geen gespreksleider",
        "Niet in het programma",
        "⚠ stil 11 min",
        "⚠ onleesbaar",
        "⚑ hulp nodig",
        "1 bestand van een andere sessie niet getoond",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    insta::assert_snapshot!("rooms_dashboard_dutch_no_color", terminal.backend());
}

#[test]
fn the_rooms_dashboard_on_small_terminals() {
    let lead = busy_dashboard(Lang::En, Theme::COLOR);
    // Narrower: the questions go first, then the hosts; the state of
    // each room stays, and what does not fit is counted.
    insta::assert_snapshot!("rooms_dashboard_60x16", lead.render(60, 16).backend());
    insta::assert_snapshot!("rooms_dashboard_40x12", lead.render(40, 12).backend());
    let screen = lead.screen(40, 12);
    assert!(
        screen.contains("… 2 more (make the window taller)"),
        "{screen}"
    );
    for (w, h) in sizes::sizes(&[39, 40, 41, 59, 60, 61], &[11, 12, 13, 15, 16, 17]) {
        lead.render(w, h);
    }
}

#[test]
fn names_from_files_never_reach_the_terminal_raw() {
    let mut lead = Lead::demo(at(11, 5, 0));
    lead.press(' ');
    lead.press('d');
    let mut evil = hosted(
        "Kamer\u{1b}]0;pwned\u{7} 1",
        &["Eve\u{1b}[2J\u{202E}lin"],
        &[1, 0, 0, 0, 0],
        at(11, 4, 0),
    );
    evil.problems = vec![FileProblem::Missing("x\u{1b}[31m.json \u{9b}kapot".into())];
    lead.app.update(demo_round(vec![evil], None), lead.now);
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let screen = lead.screen(w, h);
        assert!(
            !screen.chars().any(|c| c.is_control() && c != '\n'),
            "{screen:?}"
        );
        assert!(!screen.contains('\u{202E}'), "{screen}");
    }
    let screen = lead.screen(120, 40);
    assert!(screen.contains("Kamer␛]0;pwned␇ 1"), "{screen}");
    assert!(screen.contains("Eve␛[2Jlin"), "{screen}");
    assert!(screen.contains("x␛[31m.json �kapot"), "{screen}");
}

#[test]
fn before_any_host_the_dashboard_says_how_to_start() {
    let mut lead = Lead::demo(at(10, 50, 0));
    lead.press('d');
    assert!(lead.screen(80, 24).contains("Reading the room files…"));
    lead.app.update(
        demo_round(
            ["Kamer 1", "Kamer 2", "Kamer 3", "Kamer 4"]
                .map(|r| no_host(r, 5))
                .to_vec(),
            None,
        ),
        lead.now,
    );
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    assert!(
        screen.contains("Hosts start with: oogst host --dir /srv/sessies/cop"),
        "{screen}"
    );
    insta::assert_snapshot!("rooms_dashboard_before_any_host", terminal.backend());
}

/// Two rounds, with different rooms and questions.
const TWO_ROUNDS: &str = r#"{
  "format": "oogst-programme", "version": 1, "id": "twee-rondes", "title": "Twee rondes",
  "date": "2021-01-21",
  "blocks": [
    {"id": "opening", "kind": "plenary", "title": "Opening", "start": "10:00", "minutes": 10},
    {"id": "ronde-1", "kind": "breakout", "title": "Eerste ronde: verkennen", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2"], "questions": ["A?", "B?"]},
    {"id": "pauze", "kind": "break", "title": "Pauze", "minutes": 10},
    {"id": "ronde-2", "kind": "breakout", "title": "Tweede ronde: oplossen", "minutes": 30,
     "rooms": ["Tafel A", "Tafel B", "Tafel C"], "questions": ["C?", "D?", "E?"]}
  ]
}"#;

#[test]
fn the_dashboard_shows_the_round_of_its_rows() {
    let programme = Programme::parse(TWO_ROUNDS, "programme.json").unwrap();
    let mut lead = Lead::open(programme, at(10, 45, 0), Lang::En, Theme::COLOR);
    lead.press(' ');
    lead.press('d');
    // The break before round 2: the rows are round 2's.
    assert_eq!(lead.app.clock.current, 2);
    let questions = vec!["C?".to_string(), "D?".into(), "E?".into(), "Nieuw?".into()];
    lead.app.update(
        Msg::Rooms(Box::new(Rooms {
            block: Some("ronde-2".into()),
            questions,
            rooms: vec![
                hosted("Tafel A", &["Anna"], &[2, 0, 1, 1], at(10, 50, 0)),
                no_host("Tafel B", 4),
                no_host("Tafel C", 4),
            ],
            elsewhere: Some(Elsewhere {
                rounds: 1,
                rooms: 2,
                notes: 14,
                other_session: 0,
            }),
        })),
        lead.now,
    );
    let terminal = lead.render(80, 24);
    let screen = text_of(terminal.backend().buffer());
    for words in [
        "Rooms · Tweede ronde: oplossen",
        "Round 2 of 2 · 1 room · 1 host · 4 notes",
        "Q1 Q2 Q3 Q4",
        "Other rounds: 2 rooms · 14 notes",
        "Q4 Nieuw? (not in the programme)",
    ] {
        assert!(screen.contains(words), "{words}\n{screen}");
    }
    // A room of the break is never quiet: its round does not run.
    assert!(!screen.contains("quiet"), "{screen}");
    insta::assert_snapshot!("rooms_dashboard_second_round", terminal.backend());
}

#[test]
fn e_asks_for_the_harvest_and_says_where_it_went() {
    let mut lead = Lead::demo(at(12, 5, 0));
    assert_eq!(lead.press('e'), [Effect::Export]);
    // The notice of the export, as it comes back.
    lead.app.update(
        Msg::Exported(Ok("Harvest written (1 file of another session left out): \
             /srv/sessies/cop/harvest.md, /srv/sessies/cop/harvest.html"
            .into())),
        lead.now,
    );
    assert!(
        lead.screen(120, 40)
            .contains("Harvest written (1 file of another session left out): /srv/sessies/cop/")
    );
    lead.app
        .update(Msg::Exported(Err("rooms: file not found".into())), lead.now);
    assert!(
        lead.screen(120, 40)
            .contains("Making the harvest failed: rooms: file not found")
    );
}

/// One table per screen drives dispatch, the footer and the help: every key
/// the table lists runs its command and is in the help; no other key does
/// anything.
mod key_table {
    use super::*;
    use oogst::tui::keys::{
        self, DASHBOARD_VIEW, Key, LEAD, LEAD_VIEW, LeadCommand as C, PRESENTER_VIEW, Place,
    };
    use oogst::tui::lead_app::{Overlay, Screen};

    const VIEWS: [(usize, Screen, Option<char>); 3] = [
        (LEAD_VIEW, Screen::Lead, None),
        (PRESENTER_VIEW, Screen::Presenter, Some('f')),
        (DASHBOARD_VIEW, Screen::Dashboard, Some('d')),
    ];

    /// The lead at 10:20 (a block waiting to start) on `screen`, got there
    /// by its key.
    fn lead_on(lang: Lang, to: Option<char>) -> Lead {
        let mut lead = Lead::open(Programme::demo(), at(10, 20, 0), lang, Theme::NO_COLOR);
        if let Some(c) = to {
            lead.press(c);
        }
        lead
    }

    fn send(lead: &mut Lead, event: KeyEvent) -> Vec<Effect> {
        lead.app.update(Msg::Key(event), lead.now)
    }

    /// Whether what `command` does is what happened.
    fn did(command: C, lead: &Lead, fx: &[Effect]) -> bool {
        let clock = fx.contains(&Effect::SaveState) && fx.contains(&Effect::WriteClock);
        match command {
            C::StartPause | C::Next | C::Previous | C::Extend | C::Shorten | C::Bell => {
                clock && !fx.contains(&Effect::Quit)
            }
            // The proposal first; Enter applies it.
            C::Replan => matches!(lead.app.overlay, Overlay::Replan(_)) && fx.is_empty(),
            // Nothing done yet: nothing to undo or redo, and it says so.
            C::Undo | C::Redo => fx.is_empty() && lead.app.toast.is_some(),
            C::Message => matches!(lead.app.overlay, Overlay::Message(_)),
            C::Help => matches!(lead.app.overlay, Overlay::Help),
            C::Presenter => lead.app.screen == Screen::Presenter,
            C::Dashboard => lead.app.screen == Screen::Dashboard,
            C::Harvest => lead.app.screen == Screen::Harvest && fx == [Effect::WatchHarvest],
            C::LeadView => lead.app.screen == Screen::Lead,
            C::Export => fx == [Effect::Export],
            C::Quit | C::SaveQuit => fx.contains(&Effect::Quit),
            C::Programme => lead.app.screen == Screen::Programme,
        }
    }

    #[test]
    fn every_key_of_the_table_runs_its_command_and_is_in_the_help() {
        for (view, screen, to) in VIEWS {
            let mut help = lead_on(Lang::En, to);
            help.press('?');
            let help = help.screen(80, 30);
            for row in LEAD.iter() {
                if matches!(row.places[view], Place::Off) {
                    continue;
                }
                let t = Lang::En.t();
                let names: Vec<String> = row.keys.iter().map(|k| k.name(t)).collect();
                // The help's keys take the width of the widest, and two more.
                let widest = keys::lead_help(view, t, false)
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                let line = format!("{:<w$}{}", names.join("/"), (row.help)(t), w = widest + 2);
                assert!(help.contains(&line), "{screen:?}: {line:?} not in\n{help}");
                for key in row.keys {
                    let mut lead = lead_on(Lang::En, to);
                    assert_eq!(lead.app.screen, screen);
                    let event = key.event();
                    assert_eq!(keys::command(&LEAD, view, &event), Some(row.command));
                    let fx = send(&mut lead, event);
                    assert!(
                        did(row.command, &lead, &fx),
                        "{screen:?}: {key:?} should {:?}; {fx:?}",
                        row.command
                    );
                }
            }
        }
    }

    /// Every key and modifier a sweep can think of.
    fn sweep() -> Vec<KeyEvent> {
        let mut codes: Vec<KeyCode> = (' '..='~')
            .chain("éß€ëЖ".chars())
            .map(KeyCode::Char)
            .collect();
        codes.extend([
            KeyCode::Esc,
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]);
        codes.extend((1..=12).map(KeyCode::F));
        let mods = [
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ];
        codes
            .iter()
            .flat_map(|&c| mods.iter().map(move |&m| KeyEvent::new(c, m)))
            .collect()
    }

    #[test]
    fn no_other_key_does_anything() {
        for (view, screen, to) in VIEWS {
            let before = lead_on(Lang::En, to).screen(80, 24);
            for event in sweep() {
                if keys::command(&LEAD, view, &event).is_some() {
                    continue;
                }
                let mut lead = lead_on(Lang::En, to);
                let fx = send(&mut lead, event);
                assert!(fx.is_empty(), "{screen:?}: {event:?} gave {fx:?}");
                assert_eq!(lead.app.screen, screen, "{event:?}");
                assert!(matches!(lead.app.overlay, Overlay::None), "{event:?}");
                assert_eq!(lead.screen(80, 24), before, "{screen:?}: {event:?}");
            }
        }
    }

    #[test]
    fn keys_are_written_as_people_read_them() {
        let t = Lang::Nl.t();
        assert_eq!(Key::ch(' ').name(t), "spatie");
        assert_eq!(Key::ctrl('c').name(t), "Ctrl-C");
        assert_eq!(Key::code(KeyCode::F(1)).name(t), "F1");
        assert!(Key::ctrl('c').matches(&KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        )));
        assert!(Key::ch('?').matches(&KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT)));
        assert!(!Key::ch('n').matches(&KeyEvent::new(KeyCode::Char('n'), KeyModifiers::ALT)));
    }

    /// The footer at 80 and 60 columns, in both languages: `?` always, and
    /// the keys that matter most.
    #[test]
    fn the_footer_shows_help_and_the_most_important_keys() {
        let mut footers = String::new();
        for lang in [Lang::En, Lang::Nl] {
            let t = lang.t();
            for (view, screen, to) in VIEWS {
                for (w, h) in [(80, 24), (60, 16)] {
                    let lead = lead_on(lang, to);
                    let screen_text = lead.screen(w, h);
                    let footer = screen_text.lines().last().unwrap().to_string();
                    assert!(footer.ends_with("? help"), "{footer:?}");
                    // The footer's keys by priority: the first two at 60
                    // columns, three at 80.
                    let mut hints = keys::lead_footer(view, t, t.bell_on);
                    hints.sort_by_key(|(p, _)| *p);
                    let n = if w == 80 { 3 } else { 2 };
                    for (_, hint) in hints.iter().take(n) {
                        let shown = format!("{} {}", hint.keys, hint.what);
                        assert!(
                            footer.contains(&shown),
                            "{screen:?} {w}: {shown:?} in {footer:?}"
                        );
                    }
                    footers.push_str(&format!("{lang:?} {screen:?} {w}: {footer}\n"));
                }
            }
        }
        insta::assert_snapshot!(footers);
    }
}

/// Whether the row that shows `room` is in reverse video.
fn row_reversed(terminal: &Terminal<TestBackend>, room: &str) -> bool {
    let buf = terminal.backend().buffer();
    let lines: Vec<String> = text_of(buf).lines().map(str::to_string).collect();
    let y = lines
        .iter()
        .position(|l| l.contains(room))
        .unwrap_or_else(|| panic!("no row of {room}"));
    let x = lines[y].find(room).unwrap();
    let x = lines[y][..x].chars().count() as u16;
    buf.cell((x, y as u16))
        .unwrap()
        .modifier
        .contains(ratatui::style::Modifier::REVERSED)
}

#[test]
fn a_call_for_help_rings_flashes_and_stays_until_the_lead_has_seen_it() {
    let mut lead = Lead::open(Programme::demo(), at(11, 0, 0), Lang::En, Theme::NO_COLOR);
    lead.press(' ');
    lead.at(at(11, 10, 0));
    let help = |at_: Timestamp| {
        let mut r = hosted("Kamer 2", &["Chris"], &[1, 0, 0, 0, 0], at_);
        r.signal = Some((Signal::Help, at_));
        demo_round(
            vec![hosted("Kamer 1", &["Anna"], &[2, 0, 0, 0, 0], at_), r],
            None,
        )
    };
    // The call lands while the lead looks at the clock: the bell rings
    // once, and the lead view names the room.
    let fx = lead.app.update(help(at(11, 9, 50)), lead.now);
    assert!(fx.contains(&Effect::Bell), "{fx:?}");
    let fx = lead.app.update(help(at(11, 9, 50)), lead.now);
    assert!(
        !fx.contains(&Effect::Bell),
        "the same call rings once: {fx:?}"
    );
    assert!(
        lead.screen(80, 24)
            .contains("⚑ Help needed: Kamer 2 · d rooms"),
        "{}",
        lead.screen(80, 24)
    );
    // On the dashboard its row flashes: lit every other second, in
    // reverse video (no colour needed), the other rows steady.
    lead.press('d');
    let lit = lead.render(80, 24);
    assert!(row_reversed(&lit, "Kamer 2"));
    assert!(!row_reversed(&lit, "Kamer 1"));
    lead.at(at(11, 10, 1));
    assert!(!row_reversed(&lead.render(80, 24), "Kamer 2"));
    lead.at(at(11, 10, 2));
    assert!(row_reversed(&lead.render(80, 24), "Kamer 2"));
    assert!(lead.screen(80, 24).contains("any key: seen"));
    // A key on the dashboard: seen. The row is steady, the call still
    // says "needs help", the lead view no longer names it.
    lead.key(KeyCode::Down);
    let screen = lead.screen(80, 24);
    assert!(!row_reversed(&lead.render(80, 24), "Kamer 2"));
    assert!(screen.contains("⚑ needs help"), "{screen}");
    assert!(!screen.contains("Help needed"), "{screen}");
    lead.key(KeyCode::Esc);
    assert!(!lead.screen(80, 24).contains("Help needed"));
    // A new call of the same room rings again; with the bell off, not.
    let fx = lead.app.update(help(at(11, 12, 0)), lead.now);
    assert!(fx.contains(&Effect::Bell), "{fx:?}");
    assert!(lead.screen(80, 24).contains("Help needed: Kamer 2"));
    lead.press('b');
    let fx = lead.app.update(help(at(11, 13, 0)), lead.now);
    assert!(!fx.contains(&Effect::Bell), "{fx:?}");
}
