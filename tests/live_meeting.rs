//! The live meeting of issue 11, with the real binary: a lead and three
//! hosts on one session folder, each in its own pseudo-terminal. A note
//! typed in a room shows in the lead's live harvest within a second; a
//! call for help reaches the lead's dashboard; the lead's message comes
//! back as a receipt from every room; a second lead does not start.

// Unix only: these drive the real binary through a Unix pseudo-terminal.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Folders, Live, json, wait_for};

const PROGRAMME: &str = r#"{
  "format": "oogst-programme", "version": 1,
  "id": "cop-live", "title": "Live", "date": "2021-01-21",
  "blocks": [
    {"id": "opening", "kind": "plenary", "title": "Opening", "start": "10:30", "minutes": 30},
    {"id": "ronde", "kind": "breakout", "title": "Samen in gesprek", "start": "11:00", "minutes": 60,
     "rooms": ["Kamer 1", "Kamer 2", "Kamer 3"],
     "questions": ["Welke uitdagingen hoor je?", "Wat neem je mee?"]},
    {"id": "terug", "kind": "plenary", "title": "Terugkoppeling", "minutes": 15}
  ]
}"#;

/// The block `clock.json` says runs, if any.
fn running(dir: &Path) -> Option<String> {
    let clock = json(&dir.join("clock.json"))?;
    Some(clock["block"]["id"].as_str()?.to_string())
}

/// The rooms whose file has a receipt for a message.
fn receipts(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir.join("rooms").join("ronde")) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| json(&e.path()))
        .filter(|doc| doc["seen"]["message"].is_string())
        .count()
}

#[test]
fn three_rooms_and_a_lead() {
    let f = Folders::new(PROGRAMME);
    let dir = f.dir.display().to_string();
    // The lead, at the start of the breakout, starts it.
    let mut lead = f.spawn_in(
        Path::new(env!("CARGO_BIN_EXE_oogst")),
        "lead",
        &["--at", "11:00"],
        &[],
    );
    wait_for("the lead's screen", || {
        lead.screen().contains("Samen in gesprek")
    });
    lead.send(b" ");
    wait_for("the breakout in clock.json", || {
        running(&f.dir).as_deref() == Some("ronde")
    });

    // Three hosts, one per room.
    let mut hosts: Vec<Live> = ["Anna", "Bas", "Chris"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let room = format!("Kamer {}", i + 1);
            f.spawn_host(&["--room", &room, "--name", name])
        })
        .collect();
    for h in &hosts {
        wait_for("a host's screen", || {
            h.screen().contains("Welke uitdagingen")
        });
    }

    // The live harvest: a note typed in Kamer 2 shows within a second.
    lead.send(b"h");
    wait_for("the live harvest", || lead.screen().contains("Kamer 2"));
    hosts[1].send("Vertrouwen kost tijd 🤝".as_bytes());
    std::thread::sleep(Duration::from_millis(100));
    let typed = Instant::now();
    hosts[1].send(b"\r");
    wait_for("the note in the lead's live harvest", || {
        lead.screen().contains("Vertrouwen kost tijd")
    });
    let took = typed.elapsed();
    assert!(
        took <= Duration::from_secs(1),
        "a note took {took:?} to reach the lead's live harvest"
    );

    // A call for help (F4) reaches the lead's dashboard.
    lead.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(200));
    lead.send(b"d");
    hosts[2].send(b"\x1bOS");
    wait_for("the call for help on the dashboard", || {
        lead.screen().contains("needs help")
    });
    assert!(
        lead.screen().contains("Help needed: Kamer 3"),
        "{}",
        lead.screen()
    );

    // The lead's message: every room shows it, and its receipt comes back.
    lead.send(b"m");
    std::thread::sleep(Duration::from_millis(200));
    lead.send(b"Nog 5 minuten");
    std::thread::sleep(Duration::from_millis(100));
    lead.send(b"\r");
    for h in &hosts {
        wait_for("the message in a room", || {
            h.screen().contains("Nog 5 minuten")
        });
    }
    wait_for("a receipt from every room", || receipts(&f.dir) == 3);
    wait_for("the receipts on the dashboard", || {
        lead.screen().matches("✉ seen").count() == 3
    });

    // A second lead on this folder does not start: not on this computer
    // (the lead's lock), not on another (the clock is fresh).
    let mut here = f.spawn_in(Path::new(env!("CARGO_BIN_EXE_oogst")), "lead", &[], &[]);
    assert_eq!(here.wait_exit(), 1);
    let said = String::from_utf8_lossy(&here.output()).into_owned();
    assert!(said.contains("already"), "{said}");
    let other = tempfile::tempdir().unwrap();
    let config = other.path().display().to_string();
    let mut elsewhere = Live::spawn(
        &["lead", "--lang", "en", "--dir", &dir],
        &[
            ("XDG_CONFIG_HOME", &config),
            ("XDG_DATA_HOME", &config),
            ("XDG_RUNTIME_DIR", &config),
        ],
    );
    assert_eq!(elsewhere.wait_exit(), 1);
    let said = String::from_utf8_lossy(&elsewhere.output()).into_owned();
    assert!(said.contains("--take-over"), "{said}");
    assert_eq!(
        running(&f.dir).as_deref(),
        Some("ronde"),
        "the clock is the lead's"
    );

    // Everyone leaves; every note is on disk.
    for h in &mut hosts {
        h.send(b"\x03");
        assert_eq!(h.wait_exit(), 0);
    }
    lead.send(b"\x03");
    assert_eq!(lead.wait_exit(), 0);
}
