use super::*;
use crate::files::ProblemKind;
use crate::files::parse_time;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

const T1: &str = "2021-01-21T11:07:12.000+01:00";
const T2: &str = "2021-01-21T11:09:40.500+01:00";

/// A time as a file holds it.
fn tt(s: &str) -> crate::files::TimeText {
    crate::files::TimeText::read(s).expect("a valid time")
}

fn room() -> RoomDoc {
    RoomDoc::new(
        "s",
        "samen-in-gesprek",
        "Kamer 3",
        "Anna",
        "k7f2q9",
        vec!["Q1".into(), "Q2".into()],
    )
}

fn v1(notes: &str) -> String {
    format!(
        r#"{{"format":"oogst-room","version":1,"session":"s","room":"R","host":"H",
            "writer":"w","questions":["Q"],"notes":[{notes}]}}"#
    )
}

#[test]
fn ids_carry_the_writer_and_a_ulid_like_part() {
    let mut r = room();
    let a = r.add(1, "een", &tt(T1));
    let b = r.add(2, "twee", &tt(T1));
    for id in [&a, &b] {
        let (writer, part) = id.split_once('-').unwrap();
        assert_eq!(writer, "k7f2q9");
        assert_eq!(part.len(), 16, "{id}");
        assert!(part.bytes().all(|c| CROCKFORD.contains(&c)), "{id}");
    }
    assert_ne!(a, b);
    // The first ten characters are the time: later notes sort later.
    let later = r.add(1, "drie", &tt("2021-01-21T11:08:12.000+01:00"));
    assert!(later[7..17] > a[7..17], "{later} {a}");
    assert_eq!(r.count(1), 2);
    assert_eq!(r.count(2), 1);
    assert_eq!(r.note(&a).unwrap().by, "Anna");
}

#[test]
fn ids_never_meet_across_files_rounds_and_restarts() {
    // The same writer in two rooms, two rounds, files set aside and
    // started again, all in the same millisecond: no id twice.
    let mut seen = std::collections::HashSet::new();
    for file in 0..50 {
        let mut r = RoomDoc::new(
            "s",
            &format!("b{}", file % 2),
            "R",
            "H",
            "w",
            vec!["Q".into()],
        );
        for _ in 0..40 {
            assert!(seen.insert(r.add(1, "x", &tt(T1))));
        }
    }
}

#[test]
fn a_crafted_id_wraps_no_counter() {
    // Today's oogst counted from the highest number: this id made the
    // next note's number wrap around to an id in use.
    let text = v1(
        r#"{"id":"w-18446744073709551615","question":1,"text":"t","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:00:00Z"},
           {"id":"w-000001","question":1,"text":"u","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:00:00Z"}"#,
    );
    let mut doc = RoomDoc::parse(&text, "r.json").unwrap();
    let id = doc.add(1, "nieuw", &tt(T1));
    assert!(id.starts_with("w-") && id.len() == 18, "{id}");
    assert_eq!(doc.notes.iter().filter(|n| n.id == id).count(), 1);
    assert_eq!(doc.count(1), 3);
}

#[test]
fn delete_leaves_a_tombstone_and_undo_brings_it_back() {
    let mut r = room();
    let id = r.add(1, "Rollen zijn onduidelijk", &tt(T1));
    let change = r.delete(&id, &tt(T2)).unwrap();
    let n = r.note(&id).unwrap();
    assert!(n.deleted);
    assert_eq!(n.text, "");
    assert_eq!(n.updated, T2);
    assert_eq!(r.count(1), 0);
    assert_eq!(
        r.delete(&id, &tt(T2)),
        None,
        "a tombstone is not deleted twice"
    );
    r.undo(change, &tt("2021-01-21T11:10:00.000+01:00"));
    let n = r.note(&id).unwrap();
    assert!(!n.deleted);
    assert_eq!(n.text, "Rollen zijn onduidelijk");
    assert_eq!(n.updated, "2021-01-21T11:10:00.000+01:00");
}

#[test]
fn edit_and_undo() {
    let mut r = room();
    let id = r.add(1, "eerst", &tt(T1));
    assert_eq!(
        r.edit(&id, "eerst", &tt(T2)),
        None,
        "no change, nothing to undo"
    );
    let change = r.edit(&id, "daarna", &tt(T2)).unwrap();
    assert_eq!(r.note(&id).unwrap().text, "daarna");
    assert_eq!(r.note(&id).unwrap().created, T1);
    r.undo(change, &tt(T2));
    assert_eq!(r.note(&id).unwrap().text, "eerst");
}

#[test]
fn stored_text_keeps_what_a_note_can_use() {
    assert_eq!(clean_note_text("a\r\nb\rc\td"), "a\nb\nc d");
    assert_eq!(clean_note_text("x\u{1b}[31my\u{7}\u{9b}z"), "x[31myz");
    let keep = "Één 👩‍👩‍👧 مرحبا e\u{301} 日本語";
    assert_eq!(clean_note_text(keep), keep);
    assert_eq!(clean_note_text("a\u{202E}b\u{200F}c\u{2066}d"), "abcd");
}

#[test]
fn the_file_matches_the_spec() {
    let mut r = room();
    let id = r.add(
        1,
        "Rollen tussen inwoners en gemeente zijn onduidelijk",
        &tt(T1),
    );
    r.edit(
        &id,
        "Rollen tussen inwoners en gemeente zijn onduidelijk!",
        &tt(T2),
    );
    let gone = r.add(1, "weg", &tt(T1));
    r.delete(&gone, &tt(T2));
    let v: serde_json::Value = serde_json::from_slice(&r.to_json()).unwrap();
    assert_eq!(v["format"], "oogst-room");
    assert_eq!(v["version"], 2);
    assert_eq!(v["block"], "samen-in-gesprek");
    assert_eq!(v["hosts"], serde_json::json!(["Anna"]));
    assert_eq!(v["notes"][0]["id"], id.as_str());
    assert_eq!(v["notes"][0]["question"], 1);
    assert_eq!(v["notes"][0]["by"], "Anna");
    assert!(v["notes"][0].get("deleted").is_none());
    assert_eq!(v["notes"][1]["deleted"], true);
    assert_eq!(v["notes"][1]["text"], "");
    assert_eq!(v["signal"], serde_json::Value::Null);
    assert_eq!(v["seen"], serde_json::Value::Null);
    let text = String::from_utf8(r.to_json()).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"oogst-room\",\n  \"version\": 2,"));
    // The hand reader takes oogst's own layout, with no help from serde.
    let (view, version) = scan::room(&text).expect("the fast path reads oogst's layout");
    assert_eq!(version, 2);
    assert_eq!(view.notes.len(), 2);
    assert_eq!(RoomDoc::parse(&text, "r.json").unwrap(), r);
}

#[test]
fn unknown_fields_are_kept() {
    let text = r#"{"format":"oogst-room","version":1,"session":"s","room":"R","host":"H",
        "writer":"w","questions":["Q"],"colour":"groen",
        "notes":[{"id":"w-000001","question":1,"text":"t","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:00:00Z","tags":["x"]}],
        "draft":{"question":1,"text":"","mood":1}}"#;
    let doc = RoomDoc::parse(text, "r.json").unwrap();
    assert_eq!(doc.extra["colour"], "groen");
    assert_eq!(doc.notes[0].extra["tags"][0], "x");
    assert_eq!(doc.draft.extra["mood"], 1);
    assert_eq!(doc.hosts, ["H"]);
    assert_eq!(
        doc.notes[0].by, "H",
        "a version 1 note is its file's host's"
    );
    assert_eq!(doc.block, None, "version 1: the first breakout");
    let again = RoomDoc::parse(std::str::from_utf8(&doc.to_json()).unwrap(), "r.json").unwrap();
    assert_eq!(again, doc);
}

#[test]
fn notes_and_drafts_must_point_at_a_question() {
    let note = r#"{"id":"w-000001","question":2,"text":"t","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:00:00Z"}"#;
    let e = RoomDoc::parse(&v1(note), "r.json").unwrap_err();
    assert!(matches!(
        e.problems[0].kind,
        ProblemKind::NoSuchQuestion {
            question: 2,
            questions: 1,
            ..
        }
    ));
    let draft = v1("").replace("\"notes\":[]", "\"notes\":[], \"draft\": {\"question\": 0}");
    assert!(RoomDoc::parse(&draft, "r.json").is_err());
}

#[test]
fn times_are_checked_by_every_reader() {
    for bad in ["yesterday", "2021-01-21 11:00:00", "2021-01-21T11:00:00"] {
        let note = format!(
            r#"{{"id":"w-1","question":1,"text":"t","created":"{bad}","updated":"2021-01-21T11:00:00Z"}}"#
        );
        let e = read(&v1(&note), "r.json").unwrap_err();
        assert!(
            matches!(&e.problems[0].kind, ProblemKind::BadStamp { path, .. } if path == "notes[0].created"),
            "{e:?}"
        );
    }
    // The year 9999 is a year.
    let note = r#"{"id":"w-1","question":1,"text":"t","created":"9999-12-31T23:59:59+00:00","updated":"9999-12-31T23:59:59+00:00"}"#;
    assert!(read(&v1(note), "r.json").is_ok());
}

#[test]
fn newer_versions_are_refused_by_name() {
    let text = r#"{"format":"oogst-room","version":3}"#;
    let e = RoomDoc::parse(text, "r.json").unwrap_err();
    assert_eq!(
        crate::i18n::Lang::En.file_error(&e),
        "r.json: made by a newer oogst: room file version 3; this oogst reads up to version 2"
    );
}

#[test]
fn every_form_of_a_version_is_read_alike() {
    for (version, ok) in [
        ("1", true),
        ("1.0", true),
        ("1e0", true),
        ("2", false), // version 2 needs `block` and `hosts`
        ("0", false),
        ("-1", false),
        ("\"1\"", false),
    ] {
        let text = v1("").replace("\"version\":1", &format!("\"version\":{version}"));
        assert_eq!(read(&text, "r.json").is_ok(), ok, "{version}");
    }
}

#[test]
fn what_no_reader_can_read_is_refused_everywhere() {
    for text in [
        format!("{} }}", v1("")),
        v1("").replace("\"room\":\"R\"", "\"room\":\"R\", \"room\": \"S\""),
        v1("")
            .replace("\"colour\"", "x")
            .replace("\"questions\"", "\"x\":1, \"x\":2, \"questions\""),
        v1("").replace(
            "\"notes\":[]",
            "\"notes\":[], \"draft\": {\"text\": \"zonder vraag\"}",
        ),
        v1("").replace(
            "\"notes\":[]",
            "\"notes\":[], \"signal\": {\"kind\": \"klaar\", \"at\": \"2021-01-21T11:00:00Z\"}",
        ),
    ] {
        assert!(read(&text, "r.json").is_err(), "{text}");
    }
    // A byte-order mark is accepted.
    assert!(read(&format!("\u{feff}{}", v1("")), "r.json").is_ok());
}

#[test]
fn room_names_never_meet_in_a_file_name() {
    let names = [
        "Kamer 1",
        "Kamer_1",
        "Kamer/1",
        "Kamer-1",
        "Kamer  1",
        "../Kamer 1",
        "..",
        "/",
        "",
        "CON",
        "con",
        &format!("{}A", "x".repeat(70)),
        &format!("{}B", "x".repeat(70)),
    ];
    let mut seen = std::collections::HashMap::new();
    for n in names {
        let f = file_name(n, "k7f2q9");
        if let Some(other) = seen.insert(f.to_lowercase(), n) {
            // Only names the merge takes for one room may share a file.
            assert_eq!(
                room_key(other),
                room_key(n),
                "{other:?} and {n:?} share {f}"
            );
        }
        assert!(
            !f.contains('/') && !f.contains('\\') && !f.starts_with('.'),
            "{f}"
        );
        assert!(f.ends_with("--k7f2q9.json"), "{f}");
        assert!(f.chars().count() < 80, "{f}");
    }
    // Case, accents and Unicode forms: one room, one hash.
    let nfc = "Zaal Één";
    let nfd: String = nfc.nfd().collect();
    assert_eq!(room_key(nfc), room_key(&nfd));
    assert_eq!(room_key("KAMER 1"), room_key(" kamer 1 "));
    assert_eq!(room_key("Kámer 1"), room_key("Kamer 1"));
    assert_eq!(file_suffix(nfc, "w"), file_suffix(&nfd, "w"));
    assert_eq!(
        file_name("Kamer 2", "k7f2q9").split('-').next(),
        Some("Kamer_2")
    );
    assert_eq!(block_dir("con"), "con_");
    assert_eq!(block_dir("samen-in-gesprek"), "samen-in-gesprek");
    assert_eq!(block_dir("../x"), "___x");
    assert_eq!(v1_file_name("Kamer 2", "k7f2q9"), "Kamer_2--k7f2q9.json");
}

#[test]
fn a_renamed_host_is_added_never_erased() {
    let mut r = room();
    r.set_host("Carla");
    r.set_host("Carla");
    assert_eq!(r.hosts, ["Anna", "Carla"]);
    let id = r.add(1, "x", &tt(T1));
    assert_eq!(r.note(&id).unwrap().by, "Carla");
    r.set_host("Anna");
    assert_eq!(r.hosts, ["Carla", "Anna"]);
}

#[test]
fn questions_follow_the_programme_by_text() {
    let mut r = room();
    let a = r.add(1, "bij Q1", &tt(T1));
    let b = r.add(2, "bij Q2", &tt(T1));
    r.draft.question = 2;
    // Reordered, one renamed, one new.
    assert!(r.set_questions(&["Q2".into(), "Q3".into()]));
    assert_eq!(r.questions, ["Q2", "Q3", "Q1"]);
    assert_eq!(r.note(&a).unwrap().question, 3);
    assert_eq!(r.note(&b).unwrap().question, 1);
    assert_eq!(r.draft.question, 1);
    assert!(!r.set_questions(&["Q2".into(), "Q3".into()]));
}

#[test]
fn a_disk_copy_is_absorbed_by_the_merge_rules() {
    let mut ours = room();
    let kept = ours.add(1, "van ons", &tt(T1));
    let mut disk = ours.clone();
    let only_disk = disk.add(2, "alleen op schijf", &tt(T1));
    disk.edit(&kept, "nieuwer op schijf", &tt(T2));
    disk.set_host("Bas");
    // Ours is older on `kept`: the disk's newer copy wins; nothing is lost.
    assert!(ours.absorb(&disk));
    assert_eq!(ours.note(&kept).unwrap().text, "nieuwer op schijf");
    assert_eq!(ours.note(&only_disk).unwrap().text, "alleen op schijf");
    assert_eq!(ours.hosts, ["Bas", "Anna"], "our host stays the host now");
    assert!(!ours.absorb(&disk), "twice changes nothing");
    // An older copy put back changes nothing.
    let mut old = room();
    old.notes = vec![Note {
        text: "oud".into(),
        ..ours.note(&kept).unwrap().clone()
    }];
    old.notes[0].updated = tt(T1);
    assert!(!ours.absorb(&old));
}

#[derive(Clone, Debug)]
enum Op {
    Add(usize, String),
    Edit(usize, String),
    Delete(usize),
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1usize..3, "\\PC{0,20}").prop_map(|(q, t)| Op::Add(q, t)),
        2 => (0usize..50, "\\PC{0,20}").prop_map(|(i, t)| Op::Edit(i, t)),
        2 => (0usize..50).prop_map(Op::Delete),
        1 => Just(Op::Undo),
    ]
}

proptest! {
    /// Whatever the host does: ids stay unique and carry the writer,
    /// nothing is ever removed from the file, and the file reads back
    /// as it was written.
    #[test]
    fn the_room_model_keeps_its_promises(ops in proptest::collection::vec(op(), 0..60)) {
        let mut r = room();
        let mut undo: Vec<Change> = Vec::new();
        let mut seen = 0;
        for (step, op) in ops.into_iter().enumerate() {
            let now = tt(&format!("2021-01-21T11:{:02}:{:02}+01:00", step / 60, step % 60));
            let pick = |i: usize, r: &RoomDoc| r.notes.get(i % r.notes.len().max(1)).map(|n| n.id.clone());
            match op {
                Op::Add(q, t) => { r.add(q, &t, &now); }
                Op::Edit(i, t) => if let Some(id) = pick(i, &r) { undo.extend(r.edit(&id, &t, &now)); },
                Op::Delete(i) => if let Some(id) = pick(i, &r) { undo.extend(r.delete(&id, &now)); },
                Op::Undo => if let Some(c) = undo.pop() { r.undo(c, &now); },
            }
            prop_assert!(r.notes.len() >= seen, "a note was removed");
            seen = r.notes.len();
        }
        let mut ids: Vec<&str> = r.notes.iter().map(|n| n.id.as_str()).collect();
        prop_assert!(ids.iter().all(|id| id.starts_with("k7f2q9-")));
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), r.notes.len());
        prop_assert!(r.notes.iter().all(|n| !n.deleted || n.text.is_empty()));
        let back = RoomDoc::parse(std::str::from_utf8(&r.to_json()).unwrap(), "r.json").unwrap();
        prop_assert_eq!(back, r);
    }
}

#[test]
fn a_note_twice_in_one_file_is_read_as_the_merge_reads_it() {
    // The same id twice in one file: the host holds the copy the merge
    // keeps (the newer), once, where the first stood.
    let note = |text: &str, updated: &str, deleted: bool| {
        format!(
            r#"{{"id":"w-000001","question":1,"text":"{text}","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:{updated}:00Z","deleted":{deleted}}}"#
        )
    };
    let other = r#"{"id":"w-000002","question":1,"text":"ander","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:00:00Z"}"#;
    let text = v1(&[
        note("oud", "01", false),
        other.into(),
        note("nieuw", "02", false),
    ]
    .join(","));
    let doc = RoomDoc::parse(&text, "r.json").unwrap();
    let texts: Vec<&str> = doc.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["nieuw", "ander"]);
    // A tombstone that ties on time wins, from either side.
    for notes in [
        [note("x", "01", false), note("", "01", true)],
        [note("", "01", true), note("x", "01", false)],
    ] {
        let doc = RoomDoc::parse(&v1(&notes.join(",")), "r.json").unwrap();
        assert_eq!(doc.notes.len(), 1);
        assert!(doc.notes[0].deleted);
    }
}

#[test]
fn a_draft_with_text_answers_a_question_the_file_has() {
    // A file without questions: its empty draft at question 1 is how a
    // new file holds it; text there answers no question, and every reader
    // refuses it (the merge used to index past the end and panic).
    let none = |draft: &str| {
        v1("")
            .replace(r#""questions":["Q"]"#, r#""questions":[]"#)
            .replace(r#""notes":[]"#, &format!(r#""notes":[], "draft": {draft}"#))
    };
    assert!(RoomDoc::parse(&none(r#"{"question": 1, "text": ""}"#), "r.json").is_ok());
    for draft in [
        r#"{"question": 1, "text": "x"}"#,
        r#"{"question": 1, "text": "", "aside": "opzij"}"#,
    ] {
        let text = none(draft);
        let e = RoomDoc::parse(&text, "r.json").unwrap_err();
        assert!(
            matches!(
                e.problems[0].kind,
                ProblemKind::NoSuchQuestion {
                    question: 1,
                    questions: 0,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(crate::check::check_text(&text, "r.json").is_err());
        let inputs = crate::merge::Inputs::from_texts(vec![("r.json".into(), text)], Vec::new());
        let opts = crate::merge::Options::default();
        assert!(crate::merge::merge(&inputs, &opts).is_err());
    }
}

#[test]
fn a_file_set_aside_is_known_by_its_name() {
    use std::path::Path;
    let role = |n: &str| FileRole::of(Path::new(n));
    assert_eq!(
        role("rooms/r/Kamer_1-abc--w1.corrupt-20210121T110000.json"),
        FileRole::SetAside
    );
    assert_eq!(
        role("Kamer_1--w1.corrupt-20210121T110000-2.json"),
        FileRole::SetAside
    );
    // A room may be called anything: only oogst's own pattern counts.
    assert_eq!(
        role("rooms/r/Kamer.corrupt-werk-abc--w1.json"),
        FileRole::Room
    );
    assert_eq!(role("Kamer_1--w1.corrupt-2021.json"), FileRole::Room);
    assert_eq!(
        role("Kamer_1--w1.corrupt-20210121T110000-.json"),
        FileRole::Room
    );
    assert_eq!(role("Kamer_1--w1.json"), FileRole::Room);
    // What the host's opener writes is what is recognised.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Kamer_1--w1.json");
    std::fs::write(&path, "{").unwrap();
    let t: jiff::Timestamp = "2021-01-21T10:00:00Z".parse().unwrap();
    let aside = crate::session_dir::move_aside(&path, SET_ASIDE, t).unwrap();
    assert_eq!(FileRole::of(&aside), FileRole::SetAside);
    std::fs::write(&path, "{").unwrap();
    let again = crate::session_dir::move_aside(&path, SET_ASIDE, t).unwrap();
    assert_eq!(FileRole::of(&again), FileRole::SetAside);
}

// Stars, signals, receipts, undo and redo (issue 11).

const T3: &str = "2021-01-21T11:12:00.000+01:00";
const T4: &str = "2021-01-21T11:13:00.000+01:00";

fn live(r: &RoomDoc) -> Vec<(String, String, bool)> {
    r.notes
        .iter()
        .filter(|n| !n.deleted)
        .map(|n| (n.id.clone(), n.text.clone(), n.star))
        .collect()
}

#[test]
fn a_star_is_a_change_of_the_note() {
    let mut r = room();
    let id = r.add(1, "Vertrouwen kost tijd", &tt(T1));
    let change = r.toggle_star(&id, &tt(T2)).unwrap();
    assert_eq!(
        change,
        Change::Starred {
            id: id.clone(),
            before: false
        }
    );
    let n = r.note(&id).unwrap();
    assert!(n.star);
    assert_eq!(
        n.updated, T2,
        "starring moves `updated` on, as an edit does"
    );
    assert_eq!(n.created, T1);
    // In the file as `"star": true`, read back by every reader.
    let text = String::from_utf8(r.to_json()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["notes"][0]["star"], true);
    assert!(scan::room(&text).is_some(), "the fast reader takes it");
    assert_eq!(RoomDoc::parse(&text, "r.json").unwrap(), r);
    // Again: the star goes (and the field with it).
    r.toggle_star(&id, &tt(T3)).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&r.to_json()).unwrap();
    assert!(v["notes"][0].get("star").is_none());
    // A tombstone has no star to give.
    r.delete(&id, &tt(T4)).unwrap();
    assert_eq!(r.toggle_star(&id, &tt(T4)), None);
}

#[test]
fn a_change_is_always_later_than_the_copy_it_changes() {
    // A clock set back, or two changes in one millisecond: the change
    // still comes after the note's last one, in `now`'s offset.
    assert_eq!(tt(T1).later(&tt(T2)), T2);
    assert_eq!(tt(T2).later(&tt(T1)), "2021-01-21T11:09:40.501+01:00");
    assert_eq!(tt(T2).later(&tt(T2)), "2021-01-21T11:09:40.501+01:00");
    assert_eq!(
        tt(T2).later(&tt("2021-01-21T09:00:00.000Z")),
        "2021-01-21T10:09:40.501+00:00"
    );
    let mut r = room();
    let id = r.add(1, "x", &tt(T2));
    r.toggle_star(&id, &tt(T1)).unwrap();
    let updated = &r.note(&id).unwrap().updated;
    assert!(updated.stamp() > parse_time(T2).unwrap(), "{updated}");
}

#[test]
fn a_starred_copy_beats_an_older_unstarred_one_in_the_merge() {
    let mut ours = room();
    let id = ours.add(1, "Vertrouwen kost tijd", &tt(T1));
    let older = ours.clone();
    ours.toggle_star(&id, &tt(T2)).unwrap();
    // The merge, in either order: the starred (newer) copy is the one.
    let file = |r: &RoomDoc| String::from_utf8(r.to_json()).unwrap();
    for files in [
        vec![("a.json", file(&older)), ("b.json", file(&ours))],
        vec![("a.json", file(&ours)), ("b.json", file(&older))],
    ] {
        let inputs = crate::merge::Inputs::from_texts(
            files.into_iter().map(|(n, t)| (n.to_string(), t)).collect(),
            Vec::new(),
        );
        let (h, _) = crate::merge::merge(&inputs, &crate::merge::Options::default()).unwrap();
        let room = &h.rounds[0].rooms[0];
        let notes: Vec<_> = h.notes(room).collect();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].star(), "the star is kept");
    }
    // And the host takes in a starred copy over its older one, never the
    // other way round.
    let mut stale = older.clone();
    assert!(stale.absorb(&ours));
    assert!(stale.note(&id).unwrap().star);
    let mut starred = ours.clone();
    assert!(!starred.absorb(&older));
    assert!(starred.note(&id).unwrap().star);
    // Unstarred later wins too: the newest word counts.
    let mut unstarred = ours.clone();
    unstarred.toggle_star(&id, &tt(T3)).unwrap();
    let mut copy = ours.clone();
    assert!(copy.absorb(&unstarred));
    assert!(!copy.note(&id).unwrap().star);
}

#[test]
fn a_signal_is_given_switched_and_withdrawn() {
    let mut r = room();
    assert_eq!(r.signal_kind(), None);
    assert_eq!(
        r.toggle_signal(SignalKind::Done, &tt(T1)),
        Some(SignalKind::Done)
    );
    let v: serde_json::Value = serde_json::from_slice(&r.to_json()).unwrap();
    assert_eq!(v["signal"], serde_json::json!({"kind": "done", "at": T1}));
    // The other signal takes its place.
    assert_eq!(
        r.toggle_signal(SignalKind::Help, &tt(T2)),
        Some(SignalKind::Help)
    );
    let text = String::from_utf8(r.to_json()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["signal"], serde_json::json!({"kind": "help", "at": T2}));
    let checked = read(&text, "r.json").unwrap();
    assert_eq!(checked.view.signal.as_ref().unwrap().kind, "help");
    assert_eq!(RoomDoc::parse(&text, "r.json").unwrap(), r);
    // The same key again withdraws it.
    assert_eq!(r.toggle_signal(SignalKind::Help, &tt(T3)), None);
    let v: serde_json::Value = serde_json::from_slice(&r.to_json()).unwrap();
    assert_eq!(v["signal"], serde_json::Value::Null);
}

#[test]
fn a_receipt_is_written_once_per_message() {
    let mut r = room();
    let sent = "2021-01-21T11:57:00+01:00";
    assert!(r.mark_seen(&tt(sent), &tt(T1)));
    assert!(
        !r.mark_seen(&tt(sent), &tt(T2)),
        "shown again: the first showing counts"
    );
    // The same instant written otherwise is the same message.
    assert!(!r.mark_seen(&tt("2021-01-21T10:57:00Z"), &tt(T2)));
    let text = String::from_utf8(r.to_json()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["seen"], serde_json::json!({"message": sent, "at": T1}));
    assert!(scan::room(&text).is_some());
    assert_eq!(RoomDoc::parse(&text, "r.json").unwrap(), r);
    // A new message (another time) gets a new receipt.
    let next = "2021-01-21T11:58:30+01:00";
    assert!(r.mark_seen(&tt(next), &tt(T3)));
    assert_eq!(r.seen.as_ref().unwrap().message, next);
    assert_eq!(r.seen.as_ref().unwrap().at, T3);
}

#[test]
fn undo_and_redo_are_steps_of_their_own() {
    let mut r = room();
    let mut h = History::default();
    let a = r.add(1, "Vertrouwen kost tijd", &tt(T1));
    h.record(Change::Added { id: a.clone() });
    h.record(r.edit(&a, "Vertrouwen kost veel tijd", &tt(T1)).unwrap());
    h.record(r.toggle_star(&a, &tt(T1)).unwrap());
    let b = r.add(2, "Weg ermee", &tt(T1));
    h.record(Change::Added { id: b.clone() });
    h.record(r.delete(&b, &tt(T1)).unwrap());
    let done = live(&r);
    let undo = |r: &mut RoomDoc, h: &mut History, now: &TimeText| h.undo(r, now).unwrap();
    // Each undo says what it did, to which note.
    let steps: Vec<(Reversal, String)> = [T2, T2, T2, T2, T2]
        .into_iter()
        .map(|t| {
            let s = undo(&mut r, &mut h, &tt(t));
            assert_eq!(s.step, Step::Undo);
            (s.what, s.text)
        })
        .collect();
    assert_eq!(
        steps,
        [
            (Reversal::Restored, "Weg ermee".to_string()),
            (Reversal::Removed, "Weg ermee".into()),
            (Reversal::Unstarred, "Vertrouwen kost veel tijd".into()),
            (Reversal::Reworded, "Vertrouwen kost tijd".into()),
            (Reversal::Removed, "Vertrouwen kost tijd".into()),
        ]
    );
    assert!(!h.can_undo());
    assert_eq!(h.undo(&mut r, &tt(T2)), None);
    // Nothing left out of the file: both notes are tombstones.
    assert_eq!(r.notes.len(), 2);
    assert!(r.notes.iter().all(|n| n.deleted && n.text.is_empty()));
    assert!(
        r.notes.iter().all(|n| n.updated.as_str() > T1),
        "each step is a change of its own"
    );
    // Redo brings everything back as it was, as live notes with a later
    // `updated`.
    let redone: Vec<Reversal> = (0..5)
        .map(|_| h.redo(&mut r, &tt(T3)).unwrap().what)
        .collect();
    assert_eq!(
        redone,
        [
            Reversal::Restored,
            Reversal::Reworded,
            Reversal::Starred,
            Reversal::Restored,
            Reversal::Removed
        ]
    );
    assert_eq!(live(&r), done);
    // Three steps of one note in one millisecond: each a millisecond on.
    assert_eq!(
        r.note(&a).unwrap().updated.as_str(),
        "2021-01-21T11:12:00.002+01:00"
    );
    assert_eq!(h.redo(&mut r, &tt(T3)), None);
    // A new change after an undo: what was undone can no longer be redone.
    h.undo(&mut r, &tt(T4)).unwrap();
    assert!(h.can_redo());
    h.record(r.toggle_star(&a, &tt(T4)).unwrap());
    assert!(!h.can_redo());
}

#[test]
fn a_step_that_no_longer_applies_is_passed_over() {
    let mut r = room();
    let mut h = History::default();
    let a = r.add(1, "een", &tt(T1));
    h.record(Change::Added { id: a.clone() });
    let b = r.add(1, "twee", &tt(T1));
    h.record(Change::Added { id: b.clone() });
    h.record(r.toggle_star(&b, &tt(T1)).unwrap());
    // A copy from the disk took the note away meanwhile.
    let mut disk = r.clone();
    disk.delete(&b, &tt(T2));
    r.absorb(&disk);
    let s = h.undo(&mut r, &tt(T3)).unwrap();
    assert_eq!((s.id.as_str(), s.what), (a.as_str(), Reversal::Removed));
}

#[derive(Clone, Debug)]
enum Act {
    Add(usize, String),
    Edit(usize, String),
    Delete(usize),
    Star(usize),
    Undo,
    Redo,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        3 => (1usize..3, "\\PC{1,12}").prop_map(|(q, t)| Act::Add(q, t)),
        2 => (0usize..50, "\\PC{1,12}").prop_map(|(i, t)| Act::Edit(i, t)),
        1 => (0usize..50).prop_map(Act::Delete),
        2 => (0usize..50).prop_map(Act::Star),
        2 => Just(Act::Undo),
        2 => Just(Act::Redo),
    ]
}

proptest! {
    /// Whatever the host does, undoes and redoes: a note's `updated`
    /// only moves on (three steps share a second, so the clock does not
    /// help), nothing leaves the file, tombstones keep no text, undoing
    /// every change leaves no live note, and redoing them all brings back
    /// exactly the notes there were.
    #[test]
    fn undo_and_redo_keep_their_promises(acts in proptest::collection::vec(act(), 0..60)) {
        let mut r = room();
        let mut h = History::default();
        let mut made = 0usize;
        for (step, act) in acts.into_iter().enumerate() {
            let now = tt(&format!("2021-01-21T11:{:02}:{:02}.000+01:00", step / 180, (step / 3) % 60));
            let before: Vec<(String, TimeText)> =
                r.notes.iter().map(|n| (n.id.clone(), n.updated.clone())).collect();
            let pick = |i: usize, r: &RoomDoc| {
                let ids: Vec<String> = r.notes.iter().filter(|n| !n.deleted).map(|n| n.id.clone()).collect();
                (!ids.is_empty()).then(|| ids[i % ids.len()].clone())
            };
            match act {
                Act::Add(q, t) => {
                    let id = r.add(q, &t, &now);
                    h.record(Change::Added { id });
                }
                Act::Edit(i, t) => if let Some(c) = pick(i, &r).and_then(|id| r.edit(&id, &t, &now)) { h.record(c) },
                Act::Delete(i) => if let Some(c) = pick(i, &r).and_then(|id| r.delete(&id, &now)) { h.record(c) },
                Act::Star(i) => if let Some(c) = pick(i, &r).and_then(|id| r.toggle_star(&id, &now)) { h.record(c) },
                Act::Undo => { h.undo(&mut r, &now); }
                Act::Redo => { h.redo(&mut r, &now); }
            }
            prop_assert!(r.notes.len() >= before.len(), "a note was removed");
            for (id, updated) in &before {
                let n = r.note(id).unwrap();
                prop_assert!(n.updated == *updated || n.updated.stamp() > updated.stamp(),
                    "{} went back from {} to {}", id, updated, n.updated);
            }
            made += 1;
        }
        prop_assert!(r.notes.iter().all(|n| !n.deleted || n.text.is_empty()));
        // Redo what can be, then undo everything: no live note is left.
        while h.redo(&mut r, &tt("2021-01-21T12:00:00.000+01:00")).is_some() {}
        let all = live(&r);
        let mut undone = 0;
        while h.undo(&mut r, &tt("2021-01-21T12:01:00.000+01:00")).is_some() { undone += 1; }
        prop_assert!(undone <= made);
        prop_assert_eq!(live(&r), Vec::new());
        // Redo everything: the same notes, texts and stars as before.
        while h.redo(&mut r, &tt("2021-01-21T12:02:00.000+01:00")).is_some() {}
        let mut back = live(&r);
        let mut all = all;
        back.sort();
        all.sort();
        prop_assert_eq!(back, all);
        let again = RoomDoc::parse(std::str::from_utf8(&r.to_json()).unwrap(), "r.json").unwrap();
        prop_assert_eq!(again, r);
    }
}
