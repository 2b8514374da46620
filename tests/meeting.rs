//! A meeting as it really goes: two hosts on one laptop (one config dir,
//! so one writer id) in two rooms, two breakout rounds that the lead's
//! clock moves through, the programme edited between the rounds, a file
//! of today's oogst (version 1) beside them — and then the merge, which
//! must hold every note typed, under its round and its question.

// Unix only: these drive the real binary through a Unix pseudo-terminal,
// byte by byte, and stop it with Unix signals. Windows' pseudo-console
// (ConPTY) redraws the screen its own way and has no signals to send.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Live, wait_for};

const PROGRAMME: &str = r#"{
  "format": "oogst-programme", "version": 1,
  "id": "cop-twee-rondes", "title": "Twee rondes", "date": "2021-01-21",
  "blocks": [
    {"id": "opening", "kind": "plenary", "title": "Opening", "start": "09:00", "minutes": 10},
    {"id": "ronde-1", "kind": "breakout", "title": "Ronde 1", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2"], "questions": ["Wat speelt er?", "Wat herken je?"]},
    {"id": "pauze", "kind": "break", "title": "Pauze", "minutes": 10},
    {"id": "ronde-2", "kind": "breakout", "title": "Ronde 2", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2"], "questions": ["Wat gaan we doen?", "Wie doet mee?"]}
  ]
}"#;

type Meeting = common::Folders;

impl Meeting {
    fn host(&self, room: &str, name: &str) -> Live {
        self.spawn_host(&["--room", room, "--name", name])
    }

    /// The lead's clock: `block` running (as `oogst lead` writes it).
    fn clock(&self, index: usize, block: &str, title: &str) {
        let now = jiff::Timestamp::now();
        let tz = jiff::tz::TimeZone::system();
        let t =
            |d: i64| oogst::clock::document::rfc3339(now + jiff::SignedDuration::from_secs(d), &tz);
        let clock = format!(
            r#"{{"format":"oogst-clock","version":1,"session":"cop-twee-rondes",
            "block":{{"index":{index},"id":"{block}","kind":"breakout","title":"{title}","started":"{}",
            "planned_end":"{}","projected_end":"{}"}},"paused":false,
            "message":null,"written":"{}","rehearsal":null}}"#,
            t(-60),
            t(1700),
            t(1700),
            t(0),
        );
        let tmp = self.dir.join(".clock.json.tmp");
        std::fs::write(&tmp, clock).unwrap();
        std::fs::rename(tmp, self.dir.join("clock.json")).unwrap();
    }

    /// Live note texts of every file of `round`.
    fn texts(&self, round: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("rooms").join(round)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in entries.flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let doc = oogst::room::RoomDoc::parse(&text, "r").unwrap();
            out.extend(
                doc.notes
                    .iter()
                    .filter(|n| !n.deleted)
                    .map(|n| n.text.clone()),
            );
        }
        out.sort();
        out
    }
}

fn typed(live: &mut Live, text: &str) {
    for chunk in text.as_bytes().chunks(5) {
        live.send(chunk);
        // Keys right behind an Enter would be a paste.
        let pause = if chunk.ends_with(b"\r") { 40 } else { 10 };
        std::thread::sleep(Duration::from_millis(pause));
    }
}

/// The harvest JSON of the session folder.
fn harvest(dir: &Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oogst"))
        .args(["merge", "--lang", "en", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every (round, room, question, text) in a harvest.
fn notes_of(h: &serde_json::Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for round in h["rounds"].as_array().unwrap() {
        let questions = round["questions"].as_array().unwrap();
        for room in round["rooms"].as_array().unwrap() {
            for n in room["notes"].as_array().unwrap() {
                let q = n["question"].as_u64().unwrap() as usize;
                out.push((
                    round["block"].as_str().unwrap().to_string(),
                    room["room"].as_str().unwrap().to_string(),
                    questions[q - 1].as_str().unwrap().to_string(),
                    n["text"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn two_hosts_on_one_laptop_two_rounds_every_note_in_the_harvest() {
    let m = Meeting::new(PROGRAMME);
    // The lead's clock first: without it a host goes by the time of day,
    // and the programme's times would make the test depend on the hour.
    m.clock(1, "ronde-1", "Ronde 1");
    // A file of today's oogst (version 1) by this laptop's writer, with
    // the counter ids it used: they meet the new ids of nothing.
    let mut a = m.host("Kamer 1", "Anna");
    wait_for("Anna's room", || a.screen().contains("Kamer 1 · Anna"));
    let writer = std::fs::read_to_string(Path::new(&m.env[0].1).join("oogst/writer-id"))
        .unwrap()
        .trim()
        .to_string();
    let v1 = format!(
        r#"{{"format":"oogst-room","version":1,"session":"cop-twee-rondes","room":"Kamer 2","host":"Bas",
        "writer":"{writer}","questions":["Wat herken je?","Wat speelt er?"],
        "notes":[{{"id":"{writer}-000001","question":2,"text":"Uit het oude bestand",
        "created":"2021-01-21T09:15:00+01:00","updated":"2021-01-21T09:15:00+01:00"}}]}}"#
    );
    std::fs::write(m.dir.join(format!("rooms/Kamer_2--{writer}.json")), v1).unwrap();

    let mut b = m.host("Kamer 2", "Bas");
    wait_for("Bas's room", || b.screen().contains("Kamer 2 · Bas"));
    wait_for("round 1 on both", || {
        a.screen().contains("oogst · Ronde 1") && b.screen().contains("oogst · Ronde 1")
    });
    typed(&mut a, "A1 speelt\r");
    typed(&mut b, "B1 speelt\r");
    a.send(b"\t");
    typed(&mut a, "A1 herken\r");
    wait_for("round 1 notes on disk", || m.texts("ronde-1").len() == 4);

    // Between the rounds the programme changes: round 2's questions are
    // swapped and one is reworded.
    let edited = PROGRAMME.replace(
        r#""questions": ["Wat gaan we doen?", "Wie doet mee?"]"#,
        r#""questions": ["Wie doet er mee?", "Wat gaan we doen?"]"#,
    );
    std::fs::write(m.dir.join("programme.json"), edited).unwrap();
    typed(&mut b, "B1 half");
    m.clock(3, "ronde-2", "Ronde 2");
    wait_for("Anna in round 2", || a.screen().contains("oogst · Ronde 2"));
    // Bas was typing: he stays until his note is added.
    std::thread::sleep(Duration::from_millis(1200));
    assert!(b.screen().contains("oogst · Ronde 1"), "{}", b.screen());
    typed(&mut b, " af\r");
    wait_for("Bas in round 2", || b.screen().contains("oogst · Ronde 2"));
    assert!(a.screen().contains("Wie doet er mee?"), "{}", a.screen());
    typed(&mut a, "A2 doet mee\r");
    b.send(b"\t");
    typed(&mut b, "B2 gaan we doen\r");
    // Anna goes back to round 1 by hand for a last note.
    a.send(b"\x1bOQ");
    wait_for("the rounds", || a.screen().contains("Rounds"));
    a.send(b"\x1b[A\r");
    wait_for("Anna back in round 1", || {
        a.screen().contains("oogst · Ronde 1")
    });
    typed(&mut a, "A1 nagekomen\r");
    wait_for("all notes on disk", || {
        m.texts("ronde-1").len() == 6 && m.texts("ronde-2").len() == 2
    });
    a.send(b"\x03");
    b.send(b"\x03");
    assert_eq!(a.wait_exit(), 0);
    assert_eq!(b.wait_exit(), 0);

    let h = harvest(&m.dir);
    let r = |round: &str, room: &str, q: &str, t: &str| {
        (
            round.to_string(),
            room.to_string(),
            q.to_string(),
            t.to_string(),
        )
    };
    let mut want = vec![
        r("ronde-1", "Kamer 1", "Wat speelt er?", "A1 speelt"),
        r("ronde-1", "Kamer 1", "Wat herken je?", "A1 herken"),
        // Back in round 1, Anna is at the question she was at.
        r("ronde-1", "Kamer 1", "Wat herken je?", "A1 nagekomen"),
        r("ronde-1", "Kamer 2", "Wat speelt er?", "B1 speelt"),
        r("ronde-1", "Kamer 2", "Wat speelt er?", "B1 half af"),
        r(
            "ronde-1",
            "Kamer 2",
            "Wat speelt er?",
            "Uit het oude bestand",
        ),
        r("ronde-2", "Kamer 1", "Wie doet er mee?", "A2 doet mee"),
        r("ronde-2", "Kamer 2", "Wat gaan we doen?", "B2 gaan we doen"),
    ];
    want.sort();
    assert_eq!(notes_of(&h), want);
    let hosts: Vec<&str> = h["rounds"][0]["rooms"][1]["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(hosts, ["Bas"]);
}
