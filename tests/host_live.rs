//! The host's real binary in a pseudo-terminal: type notes, then kill it
//! in every way there is, and find everything on disk.

// Unix only: these drive the real binary through a Unix pseudo-terminal,
// byte by byte, and stop it with Unix signals. Windows' pseudo-console
// (ConPTY) redraws the screen its own way and has no signals to send.
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::{Live, contains, json, restored, wait_for};

/// A session folder with the demo programme (without it the host waits
/// for it) and the host's own config, data and runtime folders.
type Setup = common::Folders;

impl Setup {
    fn new_demo() -> Setup {
        Setup::new(oogst::programme::DEMO_JSON)
    }

    fn host(&self, extra: &[&str]) -> Live {
        let mut args = vec!["--room", "Kamer 2"];
        args.extend(extra);
        self.spawn_host(&args)
    }

    /// The room file, once there is one.
    fn room(&self) -> Option<serde_json::Value> {
        let rooms = self.dir.join("rooms/samen-in-gesprek");
        let entry = std::fs::read_dir(rooms).ok()?.flatten().find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("Kamer_2-") && name.ends_with(".json") && !name.contains(".corrupt-")
        })?;
        json(&entry.path())
    }

    fn live_texts(&self) -> Vec<String> {
        self.room()
            .map(|r| {
                r["notes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|n| n.get("deleted").is_none())
                    .map(|n| n["text"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn ready(live: &Live, s: &Setup) {
    wait_for("the first frame and the room file", || {
        s.room().is_some() && live.screen().contains("Kamer 2")
    });
}

/// Types `text` the way a person does: a few keys at a time, and a pause
/// after Enter (keys right behind an Enter are a paste: see
/// `a_paste_as_keystrokes_is_one_draft`).
fn type_slowly(live: &mut Live, text: &str) {
    for chunk in text.as_bytes().chunks(4) {
        live.send(chunk);
        let pause = if chunk.ends_with(b"\r") { 40 } else { 15 };
        std::thread::sleep(Duration::from_millis(pause));
    }
}

#[test]
fn sigkill_a_second_after_the_last_keystroke_loses_nothing() {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Bas"]);
    ready(&live, &s);
    type_slowly(&mut live, "Rollen zijn onduidelijk\r");
    type_slowly(&mut live, "Eigenaarschap 🤔 ontbreekt\r");
    live.send(b"\t");
    type_slowly(&mut live, "Ook bij ons\r");
    type_slowly(&mut live, "Nog niet af");
    std::thread::sleep(Duration::from_secs(1));
    live.signal("KILL");
    live.wait_exit();
    assert_eq!(
        s.live_texts(),
        [
            "Rollen zijn onduidelijk",
            "Eigenaarschap 🤔 ontbreekt",
            "Ook bij ons"
        ]
    );
    let room = s.room().unwrap();
    assert_eq!(room["draft"]["text"], "Nog niet af");
    assert_eq!(room["draft"]["question"], 2);
    assert_eq!(room["hosts"], serde_json::json!(["Bas"]));

    // A restart brings back the notes, the question and the draft.
    let mut again = s.host(&[]);
    ready(&again, &s);
    wait_for("the draft on screen", || {
        again.screen().contains("Nog niet af")
    });
    again.send(b" en nu wel\r");
    again.send(b"\x03");
    assert_eq!(again.wait_exit(), 0);
    assert!(restored(&again.output()));
    assert_eq!(s.live_texts().last().unwrap(), "Nog niet af en nu wel");
    assert_eq!(
        s.room().unwrap()["hosts"],
        serde_json::json!(["Bas"]),
        "the name was remembered"
    );
}

fn typed_then(signal: &str) {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Anna"]);
    ready(&live, &s);
    live.send(b"Eerste notitie\r");
    std::thread::sleep(Duration::from_millis(40));
    // The draft goes out with the signal, not waiting for the autosave.
    live.send(b"half");
    // Once the host has the keys (a busy machine may be slow to hand
    // them over): the note in the list, the draft in the box.
    wait_for("the note and the draft on screen", || {
        let screen = live.screen();
        screen.contains("Eerste notitie") && screen.contains("half")
    });
    live.signal(signal);
    assert_eq!(live.wait_exit(), 0);
    assert!(
        restored(&live.output()),
        "terminal not restored after {signal}"
    );
    assert_eq!(s.live_texts(), ["Eerste notitie"]);
    assert_eq!(s.room().unwrap()["draft"]["text"], "half");
}

/// A terminal without bracketed paste (Windows' console, some SSH
/// clients) delivers a paste as keystrokes: it stays one draft, never
/// notes or a question switch.
#[test]
fn a_paste_as_keystrokes_is_one_draft() {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Anna"]);
    ready(&live, &s);
    live.send(b"Regel een\rRegel twee\r\tnog");
    wait_for("the draft on screen", || live.screen().contains("nog"));
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
    assert!(s.live_texts().is_empty(), "{:?}", s.live_texts());
    let room = s.room().unwrap();
    assert_eq!(room["draft"]["text"], "Regel een\nRegel twee\n nog");
    assert_eq!(room["draft"]["question"], 1);
}

#[test]
fn sigterm_saves_and_restores() {
    typed_then("TERM");
}

#[test]
fn sighup_saves_and_restores() {
    typed_then("HUP");
}

#[test]
fn a_crash_saves_the_notes_and_the_draft() {
    let s = Setup::new_demo();
    let env: Vec<(String, String)> = s.env.clone();
    let dir = s.dir.display().to_string();
    let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    env.push(("OOGST_TEST_PANIC", "1"));
    let mut live = Live::spawn(
        &[
            "host", "--lang", "en", "--dir", &dir, "--room", "Kamer 2", "--name", "C",
        ],
        &env,
    );
    ready(&live, &s);
    live.send(b"Bewaard\r");
    std::thread::sleep(Duration::from_millis(40));
    live.send(b"ook dit");
    std::thread::sleep(Duration::from_millis(50));
    live.send(b"\x1b[24~");
    assert_eq!(live.wait_exit(), 101);
    assert!(restored(&live.output()));
    assert!(contains(&live.output(), b"Your notes are saved in"));
    assert_eq!(s.live_texts(), ["Bewaard"]);
    assert_eq!(s.room().unwrap()["draft"]["text"], "ook dit");
}

#[test]
fn the_first_time_a_name_is_needed() {
    let s = Setup::new_demo();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oogst"))
        .args(["host", "--lang", "en", "--room", "Kamer 1", "--dir"])
        .arg(&s.dir)
        .envs(s.env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--name"));
}

#[test]
fn the_lead_clock_and_message_reach_the_host() {
    let s = Setup::new_demo();
    std::fs::create_dir_all(&s.dir).unwrap();
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
    let t = |d: i64| oogst::clock::document::rfc3339(now + jiff::SignedDuration::from_secs(d), &tz);
    let clock = format!(
        r#"{{"format":"oogst-clock","version":1,"session":"cop-gebiedsgericht-2021-01-21",
        "block":{{"index":4,"id":"samen-in-gesprek","kind":"breakout","title":"Samen in gesprek","started":"{}",
        "planned_end":"{}","projected_end":"{}"}},"paused":false,
        "message":{{"text":"Nog 5 minuten","at":"{}"}},"written":"{}","rehearsal":null}}"#,
        t(-60),
        t(600),
        t(600),
        t(0),
        t(0)
    );
    std::fs::write(s.dir.join("clock.json"), clock).unwrap();
    let mut live = s.host(&["--name", "D"]);
    ready(&live, &s);
    wait_for("the lead's message", || {
        live.screen().contains("Nog 5 minuten")
    });
    wait_for("the breakout's time", || {
        live.screen().contains("Samen in gesprek")
    });
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
}

/// A note added with Enter is on disk within 100 ms: killed 100 ms after
/// Enter, nothing is lost.
#[test]
fn sigkill_a_tenth_of_a_second_after_enter_loses_nothing() {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Bas"]);
    ready(&live, &s);
    for (i, note) in ["Eerste", "Tweede", "Derde"].iter().enumerate() {
        live.send(note.as_bytes());
        std::thread::sleep(Duration::from_millis(30));
        live.send(b"\r");
        // From when the host has the note (it shows in the list, the box
        // is empty again): a busy machine may be slow to hand it the key.
        wait_for("the note in the list", || {
            let screen = live.screen();
            screen.matches(note).count() == 1 && !screen.contains(&format!("│ {note}"))
        });
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            s.live_texts().len(),
            i + 1,
            "{note} on disk 100 ms after Enter"
        );
    }
    live.signal("KILL");
    live.wait_exit();
    assert_eq!(s.live_texts(), ["Eerste", "Tweede", "Derde"]);
}

/// A sync engine (or a backup) puts an older copy of the room file back,
/// or removes it, while the host types: within a second the file holds
/// everything again.
#[test]
fn an_older_copy_put_back_or_a_removed_file_is_mended_within_a_second() {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Bas"]);
    ready(&live, &s);
    live.send(b"Eerste\r");
    wait_for("the first note", || s.live_texts().len() == 1);
    let path = std::fs::read_dir(s.dir.join("rooms/samen-in-gesprek"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let old = std::fs::read(&path).unwrap();
    live.send(b"Tweede\r");
    wait_for("the second note", || s.live_texts().len() == 2);
    // Once the host has written all it had to (a busy machine may be
    // slow with the draft's save after the note's)…
    let mut last = std::fs::read(&path).unwrap();
    let mut quiet_since = std::time::Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(600) {
        std::thread::sleep(Duration::from_millis(50));
        let now = std::fs::read(&path).unwrap();
        if now != last {
            (last, quiet_since) = (now, std::time::Instant::now());
        }
    }
    // …the older copy goes back in place, as a sync engine does it.
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, &old).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    assert_eq!(s.live_texts(), ["Eerste"]);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.live_texts(), ["Eerste", "Tweede"], "the union is back");
    // A note only the disk copy has (another laptop's, merged in by hand)
    // is kept too.
    let mut doc =
        oogst::room::RoomDoc::parse(&std::fs::read_to_string(&path).unwrap(), "r").unwrap();
    let at = oogst::files::TimeText::read("2021-01-21T11:30:00+01:00").unwrap();
    doc.add(1, "Van de schijf", &at);
    std::fs::write(&tmp, doc.to_json()).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    wait_for("the disk's note on screen", || {
        live.screen().contains("Van de schijf")
    });
    std::fs::remove_file(&path).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.live_texts(), ["Eerste", "Tweede", "Van de schijf"]);
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
    assert_eq!(s.live_texts(), ["Eerste", "Tweede", "Van de schijf"]);
}

/// In a session folder without a programme the host waits for the lead's
/// (never the demo), then opens its room when it arrives.
#[test]
fn the_host_waits_for_the_programme() {
    let s = Setup::new_demo();
    std::fs::remove_file(s.dir.join("programme.json")).unwrap();
    let mut live = s.host(&["--name", "Bas"]);
    wait_for("the waiting screen", || {
        live.screen().contains("Waiting for the programme")
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !s.dir.join("rooms").exists(),
        "nothing written while waiting"
    );
    std::fs::write(s.dir.join("programme.json"), oogst::programme::DEMO_JSON).unwrap();
    ready(&live, &s);
    live.send(b"Nu wel\r");
    wait_for("the note", || s.live_texts() == ["Nu wel"]);
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
}

/// When the room file cannot be written and the host quits, the notes go
/// to a rescue copy in the data dir, and the message on exit says where.
#[cfg(unix)]
#[test]
fn quitting_when_nothing_can_be_saved_leaves_a_rescue_copy() {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Bas"]);
    ready(&live, &s);
    live.send(b"Bewaard\r");
    wait_for("the note", || s.live_texts().len() == 1);
    // The round's folder becomes a file: every write fails from now on.
    let folder = s.dir.join("rooms/samen-in-gesprek");
    std::fs::rename(&folder, s.dir.join("weg")).unwrap();
    std::fs::write(&folder, "geen map").unwrap();
    live.send(b"Niet te bewaren\r");
    wait_for("the failure on screen", || {
        live.screen().contains("SAVING FAILED")
    });
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
    wait_for("the message on exit", || {
        String::from_utf8_lossy(&live.output()).contains("Your notes are safe in")
    });
    let data = s
        .env
        .iter()
        .find(|(k, _)| k == "XDG_DATA_HOME")
        .unwrap()
        .1
        .clone();
    let rescue = std::fs::read_dir(std::path::Path::new(&data).join("oogst/rescue"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let doc = oogst::room::RoomDoc::parse(&std::fs::read_to_string(rescue).unwrap(), "r").unwrap();
    let texts: Vec<&str> = doc.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Bewaard", "Niet te bewaren"]);
}

/// The room talks back, on disk: the receipt of the lead's message (and
/// the flash and bell on screen), a help signal by `F4`, a star by `*`,
/// and undo and redo of it, each in the room file within a second.
#[test]
fn the_room_talks_back_on_disk() {
    let s = Setup::new_demo();
    let mut live = s.host(&["--name", "Bas"]);
    ready(&live, &s);
    let programme = oogst::programme::Programme::demo();
    common::write_clock(&s.dir, &programme, "Nog 5 minuten");
    let clock = json(&s.dir.join("clock.json")).unwrap();
    let sent = clock["message"]["at"].as_str().unwrap().to_string();
    wait_for("the receipt in the room file", || {
        s.room()
            .is_some_and(|r| r["seen"]["message"].as_str() == Some(sent.as_str()))
    });
    wait_for("the flash", || live.screen().contains("NEW MESSAGE"));
    assert!(contains(&live.output(), b"\x07"), "the bell rang");
    // F4 (as an xterm sends it): "we need help".
    live.send(b"\x1bOS");
    wait_for("the help signal in the room file", || {
        s.room()
            .is_some_and(|r| r["signal"]["kind"].as_str() == Some("help"))
    });
    type_slowly(&mut live, "Vertrouwen kost tijd\r");
    std::thread::sleep(Duration::from_millis(100));
    live.send(b"\x1b[A");
    std::thread::sleep(Duration::from_millis(50));
    live.send(b"*");
    let star = |s: &Setup| s.room().and_then(|r| r["notes"][0]["star"].as_bool());
    wait_for("the star in the room file", || star(&s) == Some(true));
    // Ctrl-Z takes it back, Ctrl-Y puts it back: each on disk.
    live.send(b"\x1a");
    wait_for("the star undone", || star(&s).is_none());
    wait_for("undo saying what it did", || {
        live.screen().contains("Star taken away")
    });
    live.send(b"\x19");
    wait_for("the star redone", || star(&s) == Some(true));
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
    assert_eq!(s.live_texts(), ["Vertrouwen kost tijd"]);
}
