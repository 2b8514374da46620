//! A room's notes: what one host typed for the learning questions.
//!
//! One file per host laptop per room. Notes are never removed: a deleted
//! note stays as a tombstone, so that merging an older copy cannot bring it
//! back. Every note id starts with the writer id, so ids from different
//! laptops never collide.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::programme::{FileError, Problem, ProblemKind, parse_typed};

pub const FORMAT: &str = "oogst-room";

/// One note, or the tombstone of one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    /// 1-based, into the file's `questions`.
    pub question: usize,
    pub text: String,
    pub created: String,
    pub updated: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Fields of a newer oogst, kept as they are.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What the host is still typing, and where, so a restart brings it back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The selected question, 1-based.
    pub question: usize,
    #[serde(default)]
    pub text: String,
    /// The note being edited, if the draft is an edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<String>,
    /// While a note is edited: the new note that was being written, set
    /// aside until the edit is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aside: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomDoc {
    pub format: String,
    pub version: u64,
    pub session: String,
    pub room: String,
    pub host: String,
    pub writer: String,
    pub questions: Vec<String>,
    pub notes: Vec<Note>,
    #[serde(default)]
    pub draft: Draft,
    /// Fields of a newer oogst, kept as they are.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A change that `Ctrl-Z` can take back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added { id: String },
    Edited { id: String, before: String },
    Deleted { id: String, before: String },
}

/// RFC 3339 with the local offset, to the millisecond, so that two edits
/// in one second still have an order: `2021-01-21T11:07:12.345+01:00`.
pub fn stamp(now: Timestamp, tz: &TimeZone) -> String {
    let ms = now.as_millisecond();
    let ts = Timestamp::from_millisecond(ms).unwrap_or(now);
    ts.display_with_offset(tz.to_offset(ts)).to_string()
}

/// A note's text as stored: line breaks as `\n`, no control characters a
/// note has no use for (escape sequences lose their ESC and stay visible
/// as text; bidi overrides and marks, which could reorder what a reader
/// sees, go too). Tabs become spaces; everything else is kept as typed.
pub fn clean_note_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || crate::text::is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

impl RoomDoc {
    pub fn new(
        session: &str,
        room: &str,
        host: &str,
        writer: &str,
        questions: Vec<String>,
    ) -> RoomDoc {
        RoomDoc {
            format: FORMAT.to_string(),
            version: crate::programme::VERSION,
            session: session.to_string(),
            room: room.to_string(),
            host: host.to_string(),
            writer: writer.to_string(),
            questions,
            notes: Vec::new(),
            draft: Draft {
                question: 1,
                ..Draft::default()
            },
            extra: serde_json::Map::new(),
        }
    }

    /// Reads and checks a room file: notes must point at a question (1-based).
    pub fn parse(text: &str, file: &str) -> Result<RoomDoc, FileError> {
        let doc: RoomDoc = parse_typed(text, file, FORMAT, "room")?;
        let problems: Vec<Problem> = doc
            .notes
            .iter()
            .filter(|n| n.question == 0 || n.question > doc.questions.len())
            .map(|n| {
                Problem::at(ProblemKind::NoSuchQuestion {
                    note: n.id.clone(),
                    question: n.question,
                    questions: doc.questions.len(),
                })
            })
            .collect();
        if problems.is_empty() {
            Ok(doc)
        } else {
            Err(FileError {
                file: file.to_string(),
                problems,
            })
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).expect("a room serialises");
        v.push(b'\n');
        v
    }

    /// The live notes of question `q` (1-based), in the order they were added.
    pub fn notes_of(&self, q: usize) -> impl Iterator<Item = &Note> {
        self.notes
            .iter()
            .filter(move |n| n.question == q && !n.deleted)
    }

    pub fn count(&self, q: usize) -> usize {
        self.notes_of(q).count()
    }

    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    fn note_mut(&mut self, id: &str) -> Option<&mut Note> {
        self.notes.iter_mut().find(|n| n.id == id)
    }

    /// The next id of this writer: one past the highest it has used.
    fn next_id(&self) -> String {
        let prefix = format!("{}-", self.writer);
        let last = self
            .notes
            .iter()
            .filter_map(|n| n.id.strip_prefix(&prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{}{:06}", prefix, last + 1)
    }

    /// Adds a note to question `q`; returns its id.
    pub fn add(&mut self, q: usize, text: &str, now: &str) -> String {
        let id = self.next_id();
        self.notes.push(Note {
            id: id.clone(),
            question: q,
            text: clean_note_text(text),
            created: now.to_string(),
            updated: now.to_string(),
            deleted: false,
            extra: serde_json::Map::new(),
        });
        id
    }

    /// Changes a live note's text; the change, for undo.
    pub fn edit(&mut self, id: &str, text: &str, now: &str) -> Option<Change> {
        let note = self.note_mut(id).filter(|n| !n.deleted)?;
        let text = clean_note_text(text);
        if note.text == text {
            return None;
        }
        let before = std::mem::replace(&mut note.text, text);
        note.updated = now.to_string();
        Some(Change::Edited {
            id: id.to_string(),
            before,
        })
    }

    /// Makes a live note a tombstone; the change, for undo.
    pub fn delete(&mut self, id: &str, now: &str) -> Option<Change> {
        let note = self.note_mut(id).filter(|n| !n.deleted)?;
        let before = std::mem::take(&mut note.text);
        note.deleted = true;
        note.updated = now.to_string();
        Some(Change::Deleted {
            id: id.to_string(),
            before,
        })
    }

    /// Takes a change back. It counts as a newer change, so the undone
    /// version is the one a merge keeps; an added note becomes a tombstone.
    pub fn undo(&mut self, change: Change, now: &str) -> Option<String> {
        let (id, before) = match change {
            Change::Added { id } => {
                self.delete(&id, now)?;
                return Some(id);
            }
            Change::Edited { id, before } | Change::Deleted { id, before } => (id, before),
        };
        let note = self.note_mut(&id)?;
        note.text = before;
        note.deleted = false;
        note.updated = now.to_string();
        Some(id)
    }
}

/// A room name made safe as part of a file name on every file system:
/// letters and digits (any script) kept, spaces and everything else `_`,
/// no `--` (which separates room and writer), at most 60 characters.
pub fn safe_file_part(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        let c = if c.is_alphanumeric() || c == '-' {
            c
        } else {
            '_'
        };
        if c == '-' && out.ends_with('-') {
            out.pop();
            out.push('_');
            continue;
        }
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let out: String = out
        .trim_matches(|c| c == '_' || c == '-')
        .chars()
        .take(60)
        .collect();
    let reserved = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "LPT1", "LPT2", "LPT3",
    ];
    if out.is_empty() {
        "room".to_string()
    } else if reserved.iter().any(|r| r.eq_ignore_ascii_case(&out)) {
        format!("{out}_")
    } else {
        out
    }
}

/// `rooms/ROOM--WRITER.json`, relative to the session folder.
pub fn file_name(room: &str, writer: &str) -> String {
    format!("{}--{}.json", safe_file_part(room), writer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T1: &str = "2021-01-21T11:07:12.000+01:00";
    const T2: &str = "2021-01-21T11:09:40.500+01:00";

    fn room() -> RoomDoc {
        RoomDoc::new(
            "s",
            "Kamer 3",
            "Anna",
            "k7f2q9",
            vec!["Q1".into(), "Q2".into()],
        )
    }

    #[test]
    fn ids_carry_the_writer_and_count_up() {
        let mut r = room();
        assert_eq!(r.add(1, "een", T1), "k7f2q9-000001");
        assert_eq!(r.add(2, "twee", T1), "k7f2q9-000002");
        // Notes of another writer (a merged-in copy) do not disturb the count.
        r.notes.push(Note {
            id: "zzzzzz-000099".into(),
            ..r.notes[0].clone()
        });
        assert_eq!(r.add(1, "drie", T1), "k7f2q9-000003");
        assert_eq!(r.count(1), 3);
        assert_eq!(r.count(2), 1);
    }

    #[test]
    fn delete_leaves_a_tombstone_and_undo_brings_it_back() {
        let mut r = room();
        let id = r.add(1, "Rollen zijn onduidelijk", T1);
        let change = r.delete(&id, T2).unwrap();
        let n = r.note(&id).unwrap();
        assert!(n.deleted);
        assert_eq!(n.text, "");
        assert_eq!(n.updated, T2);
        assert_eq!(r.count(1), 0);
        assert_eq!(r.delete(&id, T2), None, "a tombstone is not deleted twice");
        r.undo(change, "2021-01-21T11:10:00.000+01:00");
        let n = r.note(&id).unwrap();
        assert!(!n.deleted);
        assert_eq!(n.text, "Rollen zijn onduidelijk");
        assert_eq!(n.updated, "2021-01-21T11:10:00.000+01:00");
    }

    #[test]
    fn edit_and_undo() {
        let mut r = room();
        let id = r.add(1, "eerst", T1);
        assert_eq!(r.edit(&id, "eerst", T2), None, "no change, nothing to undo");
        let change = r.edit(&id, "daarna", T2).unwrap();
        assert_eq!(r.note(&id).unwrap().text, "daarna");
        assert_eq!(r.note(&id).unwrap().created, T1);
        r.undo(change, T2);
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
        let id = r.add(1, "Rollen tussen inwoners en gemeente zijn onduidelijk", T1);
        r.edit(
            &id,
            "Rollen tussen inwoners en gemeente zijn onduidelijk!",
            T2,
        );
        let gone = r.add(1, "weg", T1);
        r.delete(&gone, T2);
        let v: serde_json::Value = serde_json::from_slice(&r.to_json()).unwrap();
        assert_eq!(v["format"], "oogst-room");
        assert_eq!(v["version"], 1);
        assert_eq!(v["notes"][0]["id"], "k7f2q9-000001");
        assert_eq!(v["notes"][0]["question"], 1);
        assert!(v["notes"][0].get("deleted").is_none());
        assert_eq!(v["notes"][1]["deleted"], true);
        assert_eq!(v["notes"][1]["text"], "");
        let text = String::from_utf8(r.to_json()).unwrap();
        assert!(text.starts_with("{\n  \"format\": \"oogst-room\",\n  \"version\": 1,"));
    }

    #[test]
    fn unknown_fields_are_kept() {
        let text = r#"{"format":"oogst-room","version":1,"session":"s","room":"R","host":"H",
            "writer":"w","questions":["Q"],"colour":"groen",
            "notes":[{"id":"w-000001","question":1,"text":"t","created":"c","updated":"u","tags":["x"]}]}"#;
        let doc = RoomDoc::parse(text, "r.json").unwrap();
        assert_eq!(doc.extra["colour"], "groen");
        assert_eq!(doc.notes[0].extra["tags"][0], "x");
        assert_eq!(doc.draft, Draft::default());
        let again = RoomDoc::parse(std::str::from_utf8(&doc.to_json()).unwrap(), "r.json").unwrap();
        assert_eq!(again, doc);
    }

    #[test]
    fn notes_must_point_at_a_question() {
        let text = r#"{"format":"oogst-room","version":1,"session":"s","room":"R","host":"H",
            "writer":"w","questions":["Q"],
            "notes":[{"id":"w-000001","question":2,"text":"t","created":"c","updated":"u"}]}"#;
        let e = RoomDoc::parse(text, "r.json").unwrap_err();
        assert!(matches!(
            e.problems[0].kind,
            ProblemKind::NoSuchQuestion {
                question: 2,
                questions: 1,
                ..
            }
        ));
    }

    #[test]
    fn newer_versions_are_refused_by_name() {
        let text = r#"{"format":"oogst-room","version":2}"#;
        let e = RoomDoc::parse(text, "r.json").unwrap_err();
        assert_eq!(
            crate::i18n::Lang::En.file_error(&e),
            "r.json: made by a newer oogst: room file version 2; this oogst reads version 1"
        );
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(file_name("Kamer 2", "k7f2q9"), "Kamer_2--k7f2q9.json");
        assert_eq!(safe_file_part("../../etc/passwd"), "etc_passwd");
        assert_eq!(safe_file_part("a--b"), "a_b");
        assert_eq!(safe_file_part("Zaal Ü/é:*?"), "Zaal_Ü_é");
        assert_eq!(safe_file_part("   "), "room");
        assert_eq!(safe_file_part("con"), "con_");
        assert_eq!(safe_file_part(&"x".repeat(200)).len(), 60);
    }

    #[test]
    fn stamps_carry_the_offset_and_milliseconds() {
        let tz = TimeZone::fixed(jiff::tz::offset(1));
        let t: Timestamp = "2021-01-21T10:07:12.345678Z".parse().unwrap();
        assert_eq!(stamp(t, &tz), "2021-01-21T11:07:12.345+01:00");
        let whole: Timestamp = "2021-01-21T10:07:12Z".parse().unwrap();
        assert_eq!(stamp(whole, &tz), "2021-01-21T11:07:12+01:00");
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
                let now = format!("2021-01-21T11:{:02}:{:02}+01:00", step / 60, step % 60);
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
}
