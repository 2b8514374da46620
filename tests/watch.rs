//! `oogst watch [DIR]`: the live harvest and the lead's clock, read-only.
//!
//! The screen, fed with messages at fixed times (snapshots); the command
//! line (what it says outside a session folder); and the real binary in
//! a pseudo-terminal on a session folder whose room files change while
//! it runs, after which nothing it could have written to has changed.

mod common;

#[cfg(unix)]
use std::collections::BTreeMap;
#[cfg(unix)]
use std::path::Path;
use std::path::PathBuf;

use assert_cmd::Command;
use common::text_of;
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use oogst::clock::{ClockDoc, ClockDocMessage, ClockState, TimeSource};
use oogst::i18n::Lang;
use oogst::merge::live::{Change, read};
use oogst::programme::Programme;
use oogst::tui::theme::Theme;
use oogst::tui::watch::{Effect, Msg, WatchApp, WatchView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const DAY: Date = date(2021, 1, 21);
const BLOCK: &str = "samen-in-gesprek";

fn tz() -> TimeZone {
    TimeZone::fixed(tz::offset(1))
}

fn at(h: i8, m: i8, s: i8) -> Timestamp {
    DAY.at(h, m, s, 0)
        .to_zoned_datetime(tz())
        .unwrap()
        .timestamp()
}

/// A room file of the demo's breakout with `notes` (question, text, star).
fn room_file(room: &str, writer: &str, host: &str, notes: &[(usize, &str, bool)]) -> String {
    let demo = Programme::demo();
    let notes: Vec<serde_json::Value> = notes
        .iter()
        .enumerate()
        .map(|(i, (q, text, star))| {
            let time = format!("2021-01-21T11:{:02}:00+01:00", 10 + i);
            serde_json::json!({
                "id": format!("{writer}-01JHX3Q8W2M5{i:04}"), "question": q, "by": host,
                "text": text, "star": star, "created": time, "updated": time,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "format": "oogst-room", "version": 2, "session": demo.id, "block": BLOCK,
        "room": room, "writer": writer, "hosts": [host],
        "questions": demo.block(BLOCK).unwrap().questions, "notes": notes,
    }))
    .unwrap()
}

/// The lead's clock at `now`: the breakout started at 11:02, a message.
fn clock(now: Timestamp) -> ClockDoc {
    let programme = Programme::demo();
    let mut state = ClockState::new(&programme, DAY, &tz(), at(11, 2, 0));
    state.apply(oogst::clock::Action::StartPause, at(11, 2, 0));
    let mut doc = ClockDoc::build(&programme, &state, now, now, &TimeSource::real(), &tz());
    doc.message = Some(ClockDocMessage {
        text: "Nog 5 minuten".into(),
        at: doc.written.clone(),
    });
    doc
}

fn watching(lang: Lang, theme: Theme) -> WatchApp {
    let mut app = WatchApp::new(PathBuf::from("/srv/sessies/cop"), lang, theme, tz());
    let now = at(11, 40, 0);
    app.update(Msg::Programme(Box::new(Programme::demo())), now);
    app.update(Msg::Clock(Box::new(clock(at(11, 39, 55)))), now);
    let files = [
        (
            "Kamer 1",
            "anna01",
            "Anna",
            vec![
                (1, "Rollen zijn onduidelijk", false),
                (1, "Vertrouwen kost tijd", true),
            ],
        ),
        (
            "Kamer 3",
            "bas002",
            "Bas",
            vec![(1, "Eén loket voor de wijk 🏘", true)],
        ),
    ];
    let changes = files
        .iter()
        .map(|(room, writer, host, notes)| {
            let name = format!("/srv/sessies/cop/rooms/{BLOCK}/{room}--{writer}.json");
            let text = room_file(room, writer, host, notes);
            let change = Change::Now(read(&name, Ok(&text)));
            (name, change)
        })
        .collect();
    app.update(Msg::Harvest(changes), now);
    app
}

fn render(app: &WatchApp, now: Timestamp, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| f.render_widget(WatchView { app, now }, f.area()))
        .unwrap();
    terminal
}

#[test]
fn watching_at_120x40() {
    let app = watching(Lang::En, Theme::COLOR);
    let terminal = render(&app, at(11, 40, 0), 120, 40);
    let screen = text_of(terminal.backend().buffer());
    assert!(screen.contains("read-only"), "{screen}");
    assert!(
        screen.contains("⏱ Samen in gesprek · 22:00 left"),
        "{screen}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn watching_at_80x24_in_dutch() {
    let app = watching(Lang::Nl, Theme::NO_COLOR);
    insta::assert_snapshot!(render(&app, at(11, 40, 0), 80, 24).backend());
}

#[test]
fn a_lead_gone_quiet_is_said() {
    let app = watching(Lang::En, Theme::COLOR);
    let screen = text_of(render(&app, at(11, 42, 0), 120, 40).backend().buffer());
    assert!(screen.contains("⚠ clock not updated for 2 min"), "{screen}");
}

#[test]
fn before_the_lead_there_is_nothing_but_waiting() {
    let app = WatchApp::new(
        PathBuf::from("/srv/sessies/cop"),
        Lang::En,
        Theme::COLOR,
        tz(),
    );
    let terminal = render(&app, at(10, 0, 0), 80, 24);
    let screen = text_of(terminal.backend().buffer());
    assert!(
        screen.contains("Waiting for the lead's programme (programme.json) in /srv/sessies/cop"),
        "{screen}"
    );
    assert!(screen.contains("no clock from the lead"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn keys_move_and_q_quits_and_nothing_else_is_there() {
    let mut app = watching(Lang::En, Theme::COLOR);
    let now = at(11, 40, 0);
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    assert!(app.update(key(KeyCode::Right), now).is_empty());
    let screen = text_of(render(&app, now, 80, 24).backend().buffer());
    assert!(screen.contains("Question 2 of 5"), "{screen}");
    // No way back, no dashboard: a watcher has nowhere else to go.
    assert!(app.update(key(KeyCode::Esc), now).is_empty());
    assert!(app.update(key(KeyCode::Char('d')), now).is_empty());
    assert!(app.update(key(KeyCode::Char(' ')), now).is_empty());
    assert_eq!(
        text_of(render(&app, now, 80, 24).backend().buffer()),
        screen
    );
    app.update(key(KeyCode::Char('?')), now);
    let help = text_of(render(&app, now, 80, 30).backend().buffer());
    assert!(help.contains("previous / next question"), "{help}");
    assert!(!help.contains("│d "), "{help}");
    assert_eq!(app.update(key(KeyCode::Char('q')), now), [Effect::Quit]);
    let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(app.update(ctrl_c, now), [Effect::Quit]);
    for (w, h) in [(0, 0), (10, 3), (20, 6), (33, 9), (200, 60)] {
        render(&app, now, w, h);
    }
}

#[test]
fn outside_a_session_folder_it_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    Command::cargo_bin("oogst")
        .unwrap()
        .current_dir(tmp.path())
        .args(["watch", "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "is not a session folder (there is no programme.json in it). \
             Give the session folder: oogst watch DIR",
        ));
    Command::cargo_bin("oogst")
        .unwrap()
        .args(["watch", "--lang", "nl"])
        .arg(tmp.path().join("nergens"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nergens"));
}

/// Every file below `root`: its bytes and when it was last modified.
#[cfg(unix)]
fn everything(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut all = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let meta = std::fs::symlink_metadata(&dir).unwrap();
        all.insert(dir.clone(), (Vec::new(), meta.modified().unwrap()));
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                dirs.push(e.path());
            } else {
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                all.insert(e.path(), (bytes, meta.modified().unwrap()));
            }
        }
    }
    all
}

/// The real binary, in the session folder (no DIR: the current folder),
/// with its home, config, data, runtime and temporary folders all in one
/// temporary folder: while it runs, hosts' files come, change and go;
/// it shows them; afterwards every file and folder it could have written
/// to is as the test left it.
#[cfg(unix)]
#[test]
fn watching_writes_nothing_anywhere() {
    use common::{Folders, Live, wait_for, write_clock};
    let f = Folders::new(&Programme::demo().source);
    let root = f.dir.parent().unwrap().to_path_buf();
    let home = root.join("home");
    let tmp = root.join("tmp");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    let rooms = f.dir.join("rooms").join(BLOCK);
    std::fs::create_dir_all(&rooms).unwrap();
    write_clock(&f.dir, &Programme::demo(), "Nog 5 minuten");
    let anna = rooms.join("Kamer_1--anna01.json");
    std::fs::write(
        &anna,
        room_file("Kamer 1", "anna01", "Anna", &[(1, "Eerste notitie", false)]),
    )
    .unwrap();
    let bas = rooms.join("Kamer_2--bas002.json");
    std::fs::write(
        &bas,
        room_file("Kamer 2", "bas002", "Bas", &[(1, "Van Bas", true)]),
    )
    .unwrap();

    let start = everything(&root);
    let mut env: Vec<(&str, &str)> = f
        .env
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (home_s, tmp_s) = (home.display().to_string(), tmp.display().to_string());
    env.extend([("HOME", home_s.as_str()), ("TMPDIR", tmp_s.as_str())]);
    let mut live = Live::spawn_bin_in(
        Path::new(env!("CARGO_BIN_EXE_oogst")),
        &["watch", "--lang", "en"],
        &env,
        Some(&f.dir),
    );
    wait_for("the notes on screen", || {
        let s = live.screen();
        s.contains("Eerste notitie") && s.contains("★ Van Bas")
    });
    assert!(live.screen().contains("read-only"), "{}", live.screen());

    // Hosts type on: a note, a new room, a file gone.
    let write = |path: &Path, text: String| {
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, path).unwrap();
    };
    write(
        &anna,
        room_file(
            "Kamer 1",
            "anna01",
            "Anna",
            &[(1, "Eerste notitie", false), (1, "Tweede notitie", false)],
        ),
    );
    let chen = rooms.join("Kamer_4--chen03.json");
    write(
        &chen,
        room_file("Kamer 4", "chen03", "陈静", &[(1, "社区参与", false)]),
    );
    wait_for("the new notes on screen", || {
        let s = live.screen();
        s.contains("Tweede notitie") && s.contains("社区参与")
    });
    std::fs::remove_file(&bas).unwrap();
    write_clock(&f.dir, &Programme::demo(), "Nog 2 minuten");
    // The folder as the test leaves it.
    std::thread::sleep(std::time::Duration::from_millis(600));
    let before = everything(&root);
    // Moving about the screen, then quitting.
    live.send(b"\x1b[C");
    live.send(b"s");
    live.send(b"\t");
    std::thread::sleep(std::time::Duration::from_millis(600));
    live.send(b"q");
    assert_eq!(live.wait_exit(), 0);
    assert!(common::restored(&live.output()));
    let after = everything(&root);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(v))
        .map(|(p, _)| p)
        .chain(before.keys().filter(|p| !after.contains_key(*p)))
        .collect();
    assert!(changed.is_empty(), "written while watching: {changed:?}");
    // From the start: only what the test wrote (and the folders it wrote in).
    let ours = [
        anna.clone(),
        bas.clone(),
        chen.clone(),
        f.dir.join("clock.json"),
        rooms.clone(),
        f.dir.clone(),
    ];
    let since_start: Vec<&PathBuf> = after
        .iter()
        .filter(|(p, v)| start.get(*p) != Some(v))
        .map(|(p, _)| p)
        .chain(start.keys().filter(|p| !after.contains_key(*p)))
        .filter(|p| !ours.contains(p))
        .collect();
    assert!(
        since_start.is_empty(),
        "written by oogst watch: {since_start:?}"
    );
    // Nothing of oogst's own anywhere: no writer id, no data, no lock.
    for path in after.keys() {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            !["writer-id", "host-name", "oogst"].contains(&name.as_ref())
                && !name.ends_with(".lock"),
            "{path:?}"
        );
    }
}
