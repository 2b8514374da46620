use super::folder::LiveFolder;
use super::*;
use crate::files::{Unreadable, shown};
use crate::merge::{Inputs, Options, merge, read_inputs};

const PROGRAMME: &str = r#"{
  "format": "oogst-programme", "version": 1, "id": "s", "title": "Sessie",
  "blocks": [
    {"id": "r1", "kind": "breakout", "title": "Ronde 1", "start": "10:00", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2", "Kamer 3"], "questions": ["Q1", "Q2"]},
    {"id": "r2", "kind": "breakout", "title": "Ronde 2", "minutes": 30,
     "rooms": ["Kamer 1"], "questions": ["Q3"]}
  ]
}"#;

fn programme() -> Programme {
    Programme::parse(PROGRAMME, "programme.json").unwrap()
}

fn note(id: &str, q: usize, text: &str, at: &str) -> String {
    format!(
        r#"{{"id": "{id}", "question": {q}, "text": "{text}", "created": "2021-01-21T11:{at}:00+01:00", "updated": "2021-01-21T11:{at}:00+01:00"}}"#
    )
}

fn room_file(
    block: &str,
    room: &str,
    writer: &str,
    questions: &[&str],
    notes: &[String],
) -> String {
    format!(
        r#"{{"format": "oogst-room", "version": 2, "session": "s", "block": "{block}", "room": "{room}",
            "writer": "{writer}", "hosts": ["H {writer}"], "questions": {}, "notes": [{}]}}"#,
        serde_json::to_string(questions).unwrap(),
        notes.join(", ")
    )
}

fn json(h: &Harvest) -> String {
    let mut out = Vec::new();
    crate::export::json::write(h, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The batch merge of `files`, as JSON.
fn batch(files: &[(&str, &str)]) -> String {
    let inputs = Inputs::from_texts(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
        vec![programme()],
    );
    let opts = Options {
        session: Some("s".into()),
        ..Options::default()
    };
    json(&merge(&inputs, &opts).unwrap().0)
}

fn now(name: &str, text: &str) -> (String, Change) {
    (name.to_string(), Change::Now(read(name, Ok(text))))
}

#[test]
fn file_by_file_it_is_the_batch_merge() {
    let a = room_file(
        "r1",
        "Kamer 1",
        "wa",
        &["Q1", "Q2"],
        &[note("wa-1", 1, "een", "01")],
    );
    let b = room_file(
        "r1",
        "kamer 1",
        "wb",
        &["Q2", "Extra?"],
        &[note("wb-1", 1, "twee", "02"), note("wb-2", 2, "drie", "03")],
    );
    let c = room_file(
        "r2",
        "Zaal",
        "wc",
        &["Q3"],
        &[note("wc-1", 1, "vier", "04")],
    );
    let mut live = LiveHarvest::new("s", Some(programme()));
    live.apply([now("a.json", &a)]);
    assert_eq!(json(live.harvest()), batch(&[("a.json", &a)]));
    live.apply([now("b.json", &b)]);
    assert_eq!(
        json(live.harvest()),
        batch(&[("a.json", &a), ("b.json", &b)])
    );
    live.apply([now("c.json", &c)]);
    let all = batch(&[("a.json", &a), ("b.json", &b), ("c.json", &c)]);
    assert_eq!(json(live.harvest()), all);
    assert!(all.contains("Extra?"), "{all}");
    // b goes: its question only it knew goes with it.
    live.apply([("b.json".to_string(), Change::Removed)]);
    let two = batch(&[("a.json", &a), ("c.json", &c)]);
    assert_eq!(json(live.harvest()), two);
    assert!(!two.contains("Extra?"));
    assert_eq!(live.files(), 2);
}

#[test]
fn a_file_gone_for_a_moment_or_unreadable_keeps_its_last_good_copy() {
    let a = room_file(
        "r1",
        "Kamer 2",
        "wa",
        &["Q1"],
        &[note("wa-1", 1, "een", "01")],
    );
    let mut live = LiveHarvest::new("s", Some(programme()));
    live.apply([now("a.json", &a)]);
    let before = json(live.harvest());
    live.apply([("a.json".to_string(), Change::Missing)]);
    assert_eq!(json(live.harvest()), before);
    assert_eq!(
        live.problems().collect::<Vec<_>>(),
        [("a.json", &Trouble::Missing)]
    );
    // Half written by a sync engine: not valid JSON.
    live.apply([now("a.json", "{\"format\": \"oogst-ro")]);
    assert_eq!(json(live.harvest()), before);
    assert!(matches!(
        live.problems().next(),
        Some(("a.json", Trouble::Invalid(_)))
    ));
    let error = ReadError {
        file: "a.json".into(),
        why: Unreadable::NotUtf8 { at: 3 },
    };
    live.apply([(
        "a.json".to_string(),
        Change::Now(Read::Unreadable(error.clone())),
    )]);
    assert_eq!(json(live.harvest()), before);
    assert_eq!(
        live.problems().collect::<Vec<_>>(),
        [("a.json", &Trouble::Unreadable(error))]
    );
    // Good again.
    let newer = room_file(
        "r1",
        "Kamer 2",
        "wa",
        &["Q1"],
        &[note("wa-1", 1, "één", "05")],
    );
    live.apply([now("a.json", &newer)]);
    assert_eq!(live.problems().count(), 0);
    assert_eq!(json(live.harvest()), batch(&[("a.json", &newer)]));
}

#[test]
fn files_of_another_session_and_other_json_stay_out() {
    let a = room_file(
        "r1",
        "Kamer 1",
        "wa",
        &["Q1"],
        &[note("wa-1", 1, "een", "01")],
    );
    let other = a.replace("\"session\": \"s\"", "\"session\": \"t\"");
    let mut live = LiveHarvest::new("s", Some(programme()));
    live.apply([
        now("a.json", &a),
        now("b.json", &other),
        now("c.json", r#"{"format": "oogst-clock", "version": 1}"#),
    ]);
    assert_eq!(json(live.harvest()), batch(&[("a.json", &a)]));
    assert_eq!(live.other_session(), 1);
    assert_eq!(live.problems().count(), 0);
    // A file that turns into another session's leaves.
    live.apply([now("a.json", &other)]);
    assert_eq!(live.harvest().note_count(), 0);
    assert_eq!(live.other_session(), 2);
}

#[test]
fn signals_are_the_newest_of_the_rooms_files() {
    let with = |signal: &str, writer: &str| {
        room_file("r1", "Kamer 1", writer, &["Q1"], &[])
            .replace("\"notes\"", &format!("\"signal\": {signal}, \"notes\""))
    };
    let mut live = LiveHarvest::new("s", Some(programme()));
    live.apply([
        now(
            "a.json",
            &with(
                r#"{"kind": "done", "at": "2021-01-21T11:10:00+01:00"}"#,
                "wa",
            ),
        ),
        now(
            "b.json",
            &with(
                r#"{"kind": "help", "at": "2021-01-21T11:12:00+01:00"}"#,
                "wb",
            ),
        ),
    ]);
    let (kind, _) = live.signal(Some("r1"), "KAMER 1").unwrap();
    assert_eq!(kind, Signal::Help);
    assert_eq!(live.signal(Some("r1"), "Kamer 2"), None);
}

#[test]
fn a_new_programme_puts_everything_together_again() {
    // Version 1: the first breakout's, once there is a programme.
    let v1 = r#"{"format": "oogst-room", "version": 1, "session": "s", "room": "Kamer 1",
        "host": "Bas", "writer": "w1", "questions": ["Q1"], "notes": [{"id": "w1-000001",
        "question": 1, "text": "oud", "created": "2021-01-21T10:06:00+01:00",
        "updated": "2021-01-21T10:06:00+01:00"}]}"#;
    let mut live = LiveHarvest::new("s", None);
    live.apply([now("v1.json", v1)]);
    assert_eq!(live.harvest().rounds[0].block, None);
    live.set_programme(Some(programme()));
    assert_eq!(json(live.harvest()), batch(&[("v1.json", v1)]));
    assert_eq!(live.harvest().rounds[0].block.as_deref(), Some("r1"));
}

#[test]
fn the_folder_tells_what_changed_and_the_harvest_is_the_merge_of_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let rooms = tmp.path().join("rooms");
    let r1 = rooms.join("r1");
    std::fs::create_dir_all(&r1).unwrap();
    std::fs::write(tmp.path().join("programme.json"), PROGRAMME).unwrap();
    let a = room_file(
        "r1",
        "Kamer 1",
        "wa",
        &["Q1"],
        &[note("wa-1", 1, "een", "01")],
    );
    let b = room_file(
        "r1",
        "Kamer 2",
        "wb",
        &["Q1"],
        &[note("wb-1", 1, "twee", "02")],
    );
    std::fs::write(r1.join("a.json"), &a).unwrap();
    std::fs::write(r1.join("b.json"), &b).unwrap();
    std::fs::write(r1.join(".a.json.tmp"), "{").unwrap();
    let mut folder = LiveFolder::new(rooms.clone());
    let mut live = LiveHarvest::new("s", Some(programme()));
    let t0: Timestamp = "2021-01-21T10:00:00Z".parse().unwrap();
    let changes = folder.look(t0);
    assert_eq!(changes.len(), 2);
    live.apply(changes);
    let merged = |live: &LiveHarvest| {
        let inputs = read_inputs(std::slice::from_ref(&rooms)).unwrap();
        let opts = Options {
            session: Some("s".into()),
            ..Options::default()
        };
        let h = merge(&inputs, &opts).unwrap().0;
        assert_eq!(json(live.harvest()), json(&h));
    };
    merged(&live);
    // Nothing changed: nothing read.
    assert!(folder.look(t0).is_empty());
    // One file changes: only it is read.
    let a2 = room_file(
        "r1",
        "Kamer 1",
        "wa",
        &["Q1"],
        &[
            note("wa-1", 1, "een", "01"),
            note("wa-2", 1, "nog een", "03"),
        ],
    );
    std::fs::write(r1.join("a.json"), &a2).unwrap();
    let changes = folder.look(t0);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].0, shown(&r1.join("a.json")));
    live.apply(changes);
    merged(&live);
    // b goes: missing, its copy kept; then back; then gone for good.
    std::fs::remove_file(r1.join("b.json")).unwrap();
    let changes = folder.look(t0);
    assert!(matches!(changes[..], [(_, Change::Missing)]));
    live.apply(changes);
    assert_eq!(live.harvest().note_count(), 3);
    std::fs::write(r1.join("b.json"), &b).unwrap();
    live.apply(folder.look(t0));
    assert_eq!(live.problems().count(), 0);
    merged(&live);
    std::fs::remove_file(r1.join("b.json")).unwrap();
    live.apply(folder.look(t0));
    assert!(folder.look(t0 + SignedDuration::from_secs(29)).is_empty());
    live.apply(folder.look(t0 + folder::MISSING_GRACE));
    assert_eq!(live.problems().count(), 0);
    merged(&live);
}

use jiff::{SignedDuration, Timestamp};
