//! `oogst edit`'s screens, driven as a facilitator drives them: build the
//! app, feed it key events, render through `TestBackend`, and compare with
//! a snapshot or assert what a person would see and what would be written.

use std::path::PathBuf;

mod common;
mod sizes;

use common::text_of;
use jiff::Timestamp;
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::programme_edit::Draft;
use oogst::tui::editor::app::{EditApp, EditFiles, Effect, Msg};
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Timestamp {
    "2026-11-30T09:00:00Z".parse().unwrap()
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 30)
}

fn files() -> EditFiles {
    EditFiles::new(PathBuf::from("/srv/sessies/workshop.json"))
}

struct Edit {
    app: EditApp,
    now: Timestamp,
    effects: Vec<Effect>,
}

impl Edit {
    /// A file that does not exist yet: the picker.
    fn new_file(lang: Lang, theme: Theme) -> Edit {
        Edit {
            app: EditApp::picking(files(), lang, theme, today()),
            now: now(),
            effects: Vec::new(),
        }
    }

    /// A file holding `text`.
    fn open(text: &str, lang: Lang, theme: Theme) -> Edit {
        let draft = match Programme::parse(text, "workshop.json") {
            Ok(p) => Draft::from_programme(&p),
            Err(_) => Draft::from_json(text, "workshop.json").unwrap(),
        };
        let saved = Some(draft.to_json());
        Edit {
            app: EditApp::editing(files(), draft, saved, lang, theme, today()),
            now: now(),
            effects: Vec::new(),
        }
    }

    fn template(name: &str, lang: Lang, theme: Theme) -> Edit {
        let text = oogst::templates::find(name).unwrap().text(today());
        Edit::open(&text, lang, theme)
    }

    fn send(&mut self, event: KeyEvent) {
        let fx = self.app.update(Msg::Key(event), self.now);
        self.effects.extend(fx);
        // A key held to be told from a paste acts when its time is up.
        if self.app.holds_a_key() {
            let wake = self.app.next_change(self.now);
            let fx = self.app.update(Msg::Tick, wake);
            self.effects.extend(fx);
        }
    }

    fn key(&mut self, code: KeyCode) -> &mut Edit {
        self.send(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    fn keys(&mut self, codes: &[KeyCode]) -> &mut Edit {
        for c in codes {
            self.key(*c);
        }
        self
    }

    fn ctrl(&mut self, c: char) -> &mut Edit {
        self.send(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    fn typed(&mut self, s: &str) -> &mut Edit {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
            // A person types slower than a paste.
            self.now += jiff::SignedDuration::from_millis(150);
        }
        self
    }

    fn render(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| f.render_widget(&self.app, f.area()))
            .unwrap();
        terminal
    }

    fn screen(&self, w: u16, h: u16) -> String {
        text_of(self.render(w, h).backend().buffer())
    }

    fn draft(&self) -> &Draft {
        &self.app.editor().expect("the editor is open").draft
    }

    /// To the line of block `n` (0-based) from the top.
    fn goto_block(&mut self, n: usize) -> &mut Edit {
        self.key(KeyCode::Home);
        for _ in 0..=n {
            self.key(KeyCode::PageDown);
        }
        self
    }

    fn saved(&self) -> Option<&str> {
        self.effects.iter().rev().find_map(|e| match e {
            Effect::Save(json) => Some(json.as_str()),
            _ => None,
        })
    }
}

#[test]
fn the_template_picker() {
    let edit = Edit::new_file(Lang::En, Theme::COLOR);
    insta::assert_snapshot!(edit.render(80, 24).backend());
}

#[test]
fn the_template_picker_in_dutch_without_colour() {
    let mut edit = Edit::new_file(Lang::Nl, Theme::NO_COLOR);
    edit.key(KeyCode::Down);
    let screen = edit.screen(80, 24);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("workshop.json bestaat nog niet"));
    assert!(screen.contains("Vakgemeenschap: de perspectieven klant, wijk, organisatie"));
}

#[test]
fn a_template_picked_opens_in_the_editor_dated_today_and_not_saved() {
    let mut edit = Edit::new_file(Lang::En, Theme::NO_COLOR);
    edit.key(KeyCode::Char('4'));
    assert_eq!(edit.draft().id, "vakgemeenschap-2026-11-30");
    let screen = edit.screen(80, 24);
    assert!(
        screen.contains("Bijeenkomst van de vakgemeenschap"),
        "{screen}"
    );
    assert!(screen.contains("not saved"), "{screen}");
    // Quitting asks: nothing is saved yet.
    edit.key(KeyCode::Char('q'));
    assert!(edit.screen(80, 24).contains("Save them to"));
    assert!(edit.effects.is_empty());
}

#[test]
fn the_editor_with_a_problem_in_place() {
    let mut edit = Edit::template("cop-online", Lang::En, Theme::COLOR);
    edit.goto_block(4);
    // Down to the length; typed over with words.
    edit.keys(&[KeyCode::Down; 4]).key(KeyCode::Enter);
    edit.keys(&[KeyCode::Backspace; 2])
        .typed("tien")
        .key(KeyCode::Enter);
    assert_eq!(edit.draft().blocks[4].length, "tien");
    insta::assert_snapshot!(edit.render(80, 24).backend());
    let screen = edit.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Length") && l.contains("tien"))
        .expect("the length line");
    assert!(
        lines[at + 1].contains("\"tien\" is not a length; type minutes (45) or an end time"),
        "under the field it concerns:\n{screen}"
    );
    // Not saved as the file; saved again once it is fixed.
    edit.ctrl('s');
    assert_eq!(edit.saved(), None);
    assert!(
        edit.screen(80, 24)
            .contains("Not saved: solve 1 problem first")
    );
    edit.key(KeyCode::Enter)
        .keys(&[KeyCode::Backspace; 4])
        .typed("45")
        .key(KeyCode::Enter)
        .ctrl('s');
    let saved = edit.saved().expect("saved once valid");
    let p = Programme::parse(saved, "p").unwrap();
    assert_eq!(p.block("samen-in-gesprek").unwrap().minutes(), 45);
}

#[test]
fn the_editor_in_dutch_without_colour_with_wide_text() {
    let mut edit = Edit::template("leren-en-doen", Lang::Nl, Theme::NO_COLOR);
    edit.goto_block(3);
    // Past title, kind, start, length, id and two questions: "+ add".
    edit.keys(&[KeyCode::Down; 8]).key(KeyCode::Enter);
    edit.typed("Wat neem je mee? 🌱 中文").key(KeyCode::Enter);
    // The next new question opens at once; Esc leaves it.
    edit.key(KeyCode::Esc);
    // Past five tables: "+ add a room".
    edit.keys(&[KeyCode::Down; 6])
        .key(KeyCode::Enter)
        .typed("tafel 1");
    let screen = edit.screen(80, 24);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("staat er twee keer in"), "{screen}");
    assert!(screen.contains("Wat neem je mee? 🌱 中文"), "{screen}");
}

#[test]
fn a_breakout_with_five_questions_typed_one_enter_after_another() {
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    // A new block at the end, its title typed at once.
    edit.key(KeyCode::End)
        .key(KeyCode::Enter)
        .typed("Samen aan de slag");
    edit.key(KeyCode::Tab);
    // On the kind: a breakout, three kinds on.
    edit.keys(&[KeyCode::Right; 3]);
    let screen = edit.screen(80, 24);
    assert!(
        screen.contains("a breakout needs at least one learning question"),
        "{screen}"
    );
    // Down past start, length and id to "+ add a question".
    edit.keys(&[KeyCode::Down; 4]).key(KeyCode::Enter);
    for q in ["Een?", "Twee?", "Drie?", "Vier?", "Vijf?"] {
        edit.typed(q).key(KeyCode::Enter);
    }
    edit.key(KeyCode::Esc);
    edit.key(KeyCode::Down)
        .key(KeyCode::Enter)
        .typed("Kamer A")
        .key(KeyCode::Enter);
    edit.key(KeyCode::Esc);
    let block = edit.draft().blocks.last().unwrap().clone();
    assert_eq!(
        block.questions,
        ["Een?", "Twee?", "Drie?", "Vier?", "Vijf?"]
    );
    assert_eq!(block.rooms, ["Kamer A"]);
    assert_eq!(block.kind, "deelsessie", "Dutch, as the template");
    edit.ctrl('s');
    let p = Programme::parse(edit.saved().unwrap(), "p").unwrap();
    let b = p
        .block("samen-aan-de-slag")
        .expect("its id, made from its title");
    assert_eq!(b.questions.len(), 5);
    // Ctrl-Z takes the last change back, Ctrl-Y makes it again.
    edit.ctrl('z');
    assert!(edit.draft().blocks.last().unwrap().rooms.is_empty());
    edit.ctrl('y');
    assert_eq!(edit.draft().blocks.last().unwrap().rooms, ["Kamer A"]);
}

#[test]
fn blocks_are_inserted_removed_skipped_and_moved_by_key() {
    let mut edit = Edit::template("kennisgemeenschap", Lang::En, Theme::NO_COLOR);
    let titles =
        |e: &Edit| -> Vec<String> { e.draft().blocks.iter().map(|b| b.title.clone()).collect() };
    let before = titles(&edit);
    edit.goto_block(2).key(KeyCode::Char('p'));
    assert_eq!(edit.draft().blocks[3].title, "Break");
    assert_eq!(edit.draft().blocks[3].kind, "pauze");
    edit.key(KeyCode::Delete);
    assert_eq!(titles(&edit), before);
    assert!(
        edit.screen(100, 30)
            .contains("‘Break’ removed · Ctrl-Z puts it back")
    );
    edit.goto_block(1);
    edit.send(KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT));
    assert_eq!(edit.draft().blocks[2].title, before[1]);
    edit.send(KeyEvent::new(KeyCode::Up, KeyModifiers::ALT));
    assert_eq!(titles(&edit), before);
    edit.key(KeyCode::Char('s'));
    assert!(edit.draft().blocks[1].skip);
    let screen = edit.screen(100, 30);
    assert!(screen.contains("skipped"), "{screen}");
    edit.key(KeyCode::Char('+')).key(KeyCode::Char('+'));
    assert_eq!(edit.draft().blocks[1].length, "12");
    edit.ctrl('s');
    let p = Programme::parse(edit.saved().unwrap(), "p").unwrap();
    assert!(p.block("welkom").is_none(), "skipped: not in the plan");
    assert!(edit.saved().unwrap().contains("\"skip\": true"));
}

#[test]
fn a_paste_goes_into_the_field_as_one_line() {
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.goto_block(0).key(KeyCode::Enter);
    edit.keys(&[KeyCode::Backspace; 40]);
    let fx = edit
        .app
        .update(Msg::Paste("Welkom\r\nen \u{1b}[2Jkoffie".into()), edit.now);
    assert!(fx.is_empty());
    edit.key(KeyCode::Enter);
    assert_eq!(edit.draft().blocks[0].title, "Welkom  en ␛[2Jkoffie");
    // A paste that comes as keys: its Enter does not keep half the field.
    edit.key(KeyCode::Enter).keys(&[KeyCode::Backspace; 40]);
    for c in "Een".chars() {
        edit.app.update(
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            edit.now,
        );
    }
    edit.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        edit.now,
    );
    edit.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        edit.now,
    );
    edit.key(KeyCode::Enter);
    assert_eq!(edit.draft().blocks[0].title, "Een x");
}

#[test]
fn quitting_with_problems_asks_and_keeps_the_draft_beside_the_file() {
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.goto_block(0)
        .keys(&[KeyCode::Down; 3])
        .key(KeyCode::Enter)
        .keys(&[KeyCode::Backspace; 5])
        .typed("25:00")
        .key(KeyCode::Enter);
    edit.key(KeyCode::Char('q'));
    let screen = edit.screen(80, 24);
    assert!(
        screen.contains("The programme still has 1 problem and cannot be saved as"),
        "{screen}"
    );
    // Esc: back to editing; then yes: the draft beside the file.
    edit.key(KeyCode::Esc);
    assert!(edit.effects.is_empty());
    edit.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    assert!(matches!(edit.effects[0], Effect::SaveDraft(ref json) if json.contains("25:00")));
    assert_eq!(edit.effects[1], Effect::Quit);
    // Named as the system writes paths (a backslash before the name on Windows).
    let draft = std::path::Path::new("/srv/sessies").join("workshop.draft.json");
    let note = edit.app.exit_note.as_deref().unwrap();
    assert!(note.contains(&draft.display().to_string()), "{note}");
}

#[test]
fn quitting_without_changes_does_not_ask_and_a_signal_keeps_what_was_typed() {
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.key(KeyCode::Esc);
    assert_eq!(edit.effects, [Effect::Quit]);
    // Typing when the terminal goes: kept beside the file, which only
    // changes when the user says so.
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.goto_block(0).key(KeyCode::Enter).typed(" 🙂");
    let fx = edit.app.update(Msg::Stop, edit.now);
    assert!(
        matches!(&fx[0], Effect::SaveDraft(json) if json.contains("🙂")),
        "{fx:?}"
    );
    assert_eq!(fx.last(), Some(&Effect::Quit));
    // Ctrl-C saves and quits at once: a valid programme as the file...
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.goto_block(0)
        .key(KeyCode::Enter)
        .typed(" 🙂")
        .key(KeyCode::Enter);
    edit.ctrl('c');
    assert!(matches!(&edit.effects[0], Effect::Save(json) if json.contains("🙂")));
    assert_eq!(edit.effects.last(), Some(&Effect::Quit));
    // ... one with a problem beside it.
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.goto_block(0)
        .key(KeyCode::Enter)
        .keys(&[KeyCode::Backspace; 60]);
    edit.ctrl('c');
    assert!(
        matches!(&edit.effects[0], Effect::SaveDraft(_)),
        "{:?}",
        edit.effects
    );
}

#[test]
fn the_help_lists_the_keys_of_the_editor() {
    let mut edit = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    edit.key(KeyCode::Char('?'));
    let screen = edit.screen(80, 30);
    insta::assert_snapshot!(screen);
    for row in oogst::tui::keys::EDITOR.iter() {
        if matches!(
            row.places[oogst::tui::keys::EDIT_FILE],
            oogst::tui::keys::Place::Off
        ) && matches!(
            row.places[oogst::tui::keys::EDIT_TYPING],
            oogst::tui::keys::Place::Off
        ) {
            continue;
        }
        let what = (row.help)(Lang::En.t());
        assert!(screen.contains(what), "{what} not in\n{screen}");
    }
    // Any key closes it.
    edit.key(KeyCode::Esc);
    assert!(!edit.screen(80, 30).contains("Esc or ?: close"));
}

#[test]
fn hostile_text_from_a_file_never_reaches_the_terminal() {
    let text = oogst::templates::find("workshop")
        .unwrap()
        .text(today())
        .replace(
            "Welkom en de uitnodigende vraag",
            "Welkom\\u001b]0;pwned\\u0007\u{202e}x",
        )
        .replace("Groep 1", "Groep\\u001b[2J 1");
    let mut edit = Edit::open(&text, Lang::En, Theme::NO_COLOR);
    edit.goto_block(1).keys(&[KeyCode::Down; 8]);
    for (w, h) in [(80, 24), (40, 12), (120, 40)] {
        let buf = edit.render(w, h).backend().buffer().clone();
        for cell in buf.content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c.is_control() || c == '\u{202e}'),
                "{:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn every_size_draws_without_panic() {
    let sizes = sizes::sizes(&[19, 20, 55, 56, 70], &[5, 6, 7, 24]);
    let picker = Edit::new_file(Lang::Nl, Theme::COLOR);
    let mut typing = Edit::template("cop-online", Lang::En, Theme::COLOR);
    typing
        .goto_block(4)
        .keys(&[KeyCode::Down; 5])
        .key(KeyCode::Enter)
        .typed(&"lang ".repeat(40));
    let mut help = Edit::template("vakgemeenschap", Lang::Nl, Theme::NO_COLOR);
    help.key(KeyCode::Char('?'));
    let mut asking = Edit::template("workshop", Lang::En, Theme::NO_COLOR);
    asking.key(KeyCode::Char('s')).key(KeyCode::Char('q'));
    for edit in [&picker, &typing, &help, &asking] {
        for &(w, h) in &sizes {
            edit.render(w, h);
        }
    }
}
