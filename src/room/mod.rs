//! A room's notes: what one host laptop typed in one room in one round.
//!
//! One file per host laptop per room per breakout round (`rooms/BLOCK/`).
//! Notes are never removed: a deleted note stays as a tombstone, so that
//! merging an older copy cannot bring it back. A note's id is the writer
//! id and a part made of the time and random bits, so ids never meet:
//! not across rooms, rounds, restarts or files set aside.
//!
//! Every reader reads a room file through [`classify`] (or [`read`]):
//! `check`, `merge`, the host and the lead's dashboard agree on every file.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::files::{FileError, Stamp, TimeText, strip_bom};

mod history;
mod names;
pub mod open;
mod read;
pub(crate) mod scan;

pub use history::{History, Reversal, Reverted, Step};
pub(crate) use names::CROCKFORD;
pub use names::{
    FileRole, SET_ASIDE, block_dir, file_name, file_suffix, question_key, room_key, v1_file_name,
};
pub use read::{
    Checked, Classified, DraftView, NoteTimes, NoteView, RoomView, SeenView, SignalView, classify,
    read, recycle,
};

pub const FORMAT: &str = "oogst-room";
/// The version this oogst writes, and the highest it reads.
pub const VERSION: u64 = 2;

// ---------------------------------------------------------------------------
// Note ids.

/// A note id: the writer id, `-`, and 16 characters of Crockford base 32
/// holding 48 bits of milliseconds and 32 random bits, as a ULID does.
/// Made without coordination, so that no other note ever has it.
pub fn new_note_id(writer: &str, now: Stamp) -> String {
    let ms = (now.0.div_euclid(1_000_000)).clamp(0, (1 << 48) - 1) as u128;
    let random = u128::from(getrandom::u32().unwrap_or_else(|_| fallback_random()));
    let n = (ms << 32) | random;
    let mut id = String::with_capacity(writer.len() + 17);
    id.push_str(writer);
    id.push('-');
    for i in (0..16).rev() {
        id.push(CROCKFORD[((n >> (i * 5)) & 31) as usize] as char);
    }
    id
}

/// Random bits when the system has none to give (it always has).
fn fallback_random() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    nanos ^ COUNTER.fetch_add(0x9e37_79b9, Ordering::Relaxed) ^ std::process::id()
}

// The merge order of two copies of one note.

/// One copy of a note as the merge weighs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version<'t> {
    pub updated: Stamp,
    pub deleted: bool,
    pub text: &'t str,
}

impl Version<'_> {
    /// The merge order up to the last tie-break: later `updated`, then a
    /// tombstone, then the longer text. `Equal` leaves it to the copies'
    /// canonical forms ([`NoteForm::canonical`]).
    pub fn order(&self, other: &Version) -> std::cmp::Ordering {
        let key = |v: &Version| (v.updated, v.deleted, v.text.len());
        key(self).cmp(&key(other))
    }

    /// Whether this copy beats `other` in the merge order, total: on a
    /// tie, the copy whose canonical form sorts last (`form` makes a
    /// copy's canonical form; it is made only for a tie).
    pub fn beats(&self, other: &Version, form: impl Fn(bool) -> String) -> bool {
        match self.order(other) {
            std::cmp::Ordering::Equal => form(true) > form(false),
            o => o == std::cmp::Ordering::Greater,
        }
    }
}

/// A room's hosts in the harvest's order: by the time of their first
/// note (those without a note last), then name; blank names left out.
pub fn hosts_in_order<'a>(
    first: impl IntoIterator<Item = (&'a str, Option<Stamp>)>,
) -> Vec<&'a str> {
    let mut hosts: Vec<(Option<Stamp>, &str)> = first
        .into_iter()
        .filter(|(h, _)| !h.trim().is_empty())
        .map(|(h, t)| (t, h))
        .collect();
    hosts.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.1.cmp(b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(b.1),
    });
    hosts.into_iter().map(|(_, h)| h).collect()
}

/// A copy of a note, every field as text, for its canonical form.
#[derive(Clone, Copy, Debug)]
pub struct NoteForm<'a> {
    pub id: &'a str,
    /// The question's text (what it means, whatever its number in a file).
    pub question: &'a str,
    pub by: &'a str,
    pub text: &'a str,
    pub created: &'a str,
    pub updated: &'a str,
    pub deleted: bool,
    pub star: bool,
}

impl NoteForm<'_> {
    /// The canonical form: the note's JSON with sorted keys. Compared
    /// only when two copies tie on everything else: the one that sorts
    /// last wins, so the order of copies is total.
    pub fn canonical(&self) -> String {
        let s = |v: &str| serde_json::to_string(v).unwrap_or_default();
        format!(
            "{{\"by\":{},\"created\":{},\"deleted\":{},\"id\":{},\"question\":{},\"star\":{},\"text\":{},\"updated\":{}}}",
            s(self.by),
            s(self.created),
            self.deleted,
            s(self.id),
            s(&question_key(self.question)),
            self.star,
            s(self.text),
            s(self.updated)
        )
    }
}

// The host's own room file.

/// One note, or the tombstone of one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: String,
    /// 1-based, into the file's `questions`.
    pub question: usize,
    /// Who typed it.
    pub by: String,
    pub text: String,
    pub created: TimeText,
    pub updated: TimeText,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// One of the room's key takeaways.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub star: bool,
    /// Fields of a newer oogst, kept as they are.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Note {
    /// This copy as the merge weighs it.
    pub fn version(&self) -> Version<'_> {
        Version {
            updated: self.updated.stamp(),
            deleted: self.deleted,
            text: &self.text,
        }
    }
}

/// What the host is still typing, and where, so a restart brings it back
/// and the harvest has it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The selected question, 1-based.
    pub question: usize,
    pub text: String,
    /// The note being edited, if the draft is an edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editing: Option<String>,
    /// While a note is edited: the new note that was being written, set
    /// aside until the edit is done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aside: Option<String>,
    /// When the text last changed (the newest of several copies' drafts wins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<TimeText>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What the room tells the lead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub at: TimeText,
}

/// When this host first showed the lead's latest message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Seen {
    pub message: TimeText,
    pub at: TimeText,
}

/// A room file as the host holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomDoc {
    pub session: String,
    /// The round. `None` only for a version 1 file that was read.
    pub block: Option<String>,
    pub room: String,
    pub writer: String,
    pub hosts: Vec<String>,
    pub questions: Vec<String>,
    pub notes: Vec<Note>,
    pub draft: Draft,
    pub signal: Option<Signal>,
    pub seen: Option<Seen>,
    /// Fields of a newer oogst, kept as they are.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The file as written: version 2, fields in this order.
#[derive(Serialize)]
struct RoomOut<'d> {
    format: &'static str,
    version: u64,
    session: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    block: &'d Option<String>,
    room: &'d str,
    writer: &'d str,
    /// Only in a file without a round (version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<&'d str>,
    hosts: &'d [String],
    questions: &'d [String],
    notes: &'d [Note],
    draft: &'d Draft,
    signal: &'d Option<Signal>,
    seen: &'d Option<Seen>,
    #[serde(flatten)]
    extra: &'d serde_json::Map<String, serde_json::Value>,
}

/// A change that `Ctrl-Z` can take back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added {
        id: String,
    },
    Edited {
        id: String,
        before: String,
    },
    Deleted {
        id: String,
        before: String,
    },
    /// The note's star was set or taken away: `before`, what it was.
    Starred {
        id: String,
        before: bool,
    },
}

impl Change {
    /// The note it changed.
    pub fn id(&self) -> &str {
        match self {
            Change::Added { id }
            | Change::Edited { id, .. }
            | Change::Deleted { id, .. }
            | Change::Starred { id, .. } => id,
        }
    }
}

/// What a room tells the lead (`signal.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalKind {
    /// "We are done."
    Done,
    /// "We need help."
    Help,
}

impl SignalKind {
    /// As the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Done => "done",
            SignalKind::Help => "help",
        }
    }

    /// As the file writes it; `None` for anything else.
    pub fn of(s: &str) -> Option<SignalKind> {
        match s {
            "done" => Some(SignalKind::Done),
            "help" => Some(SignalKind::Help),
            _ => None,
        }
    }
}

/// RFC 3339 with the local offset, to the millisecond, so that two edits
/// in one second still have an order: `2021-01-21T11:07:12.345+01:00`.
pub fn stamp(now: Timestamp, tz: &TimeZone) -> TimeText {
    TimeText::millis(now, tz)
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

const TOP_FIELDS: [&str; 13] = [
    "format",
    "version",
    "session",
    "block",
    "room",
    "writer",
    "host",
    "hosts",
    "questions",
    "notes",
    "draft",
    "signal",
    "seen",
];
const NOTE_FIELDS: [&str; 8] = [
    "id", "question", "by", "text", "created", "updated", "deleted", "star",
];
const DRAFT_FIELDS: [&str; 5] = ["question", "text", "editing", "aside", "updated"];

/// The fields of `value` (an object) that oogst does not know.
fn unknown(
    value: Option<&serde_json::Value>,
    known: &[&str],
) -> serde_json::Map<String, serde_json::Value> {
    value
        .and_then(|v| v.as_object())
        .map(|o| {
            o.iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

impl RoomDoc {
    pub fn new(
        session: &str,
        block: &str,
        room: &str,
        host: &str,
        writer: &str,
        questions: Vec<String>,
    ) -> RoomDoc {
        RoomDoc {
            session: session.to_string(),
            block: Some(block.to_string()),
            room: room.to_string(),
            writer: writer.to_string(),
            hosts: vec![host.to_string()],
            questions,
            notes: Vec::new(),
            draft: Draft {
                question: 1,
                ..Draft::default()
            },
            signal: None,
            seen: None,
            extra: serde_json::Map::new(),
        }
    }

    /// Reads a room file through the one reader, keeping whatever fields
    /// of a newer oogst it holds.
    pub fn parse(text: &str, file: &str) -> Result<RoomDoc, FileError> {
        let checked = read(text, file)?;
        Ok(RoomDoc::from_checked(&checked, strip_bom(text)))
    }

    /// The document of a file that [`read`] accepted; `text` is the
    /// file's text (for fields of a newer oogst).
    pub fn from_checked(c: &Checked, text: &str) -> RoomDoc {
        let value: Option<serde_json::Value> = serde_json::from_str(text).ok();
        let notes_value = value
            .as_ref()
            .and_then(|v| v.get("notes"))
            .and_then(|n| n.as_array());
        let v = &c.view;
        let mut doc = RoomDoc {
            session: v.session.to_string(),
            block: v.block.as_ref().map(|b| b.to_string()),
            room: v.room.to_string(),
            writer: v.writer.to_string(),
            hosts: c.hosts().into_iter().map(str::to_string).collect(),
            questions: v.questions.iter().map(|q| q.to_string()).collect(),
            notes: v
                .notes
                .iter()
                .enumerate()
                .zip(&c.times)
                .map(|((i, n), t)| Note {
                    id: n.id.to_string(),
                    question: n.question,
                    by: c.by(n).to_string(),
                    text: n.text.to_string(),
                    created: TimeText::known(&n.created, t.created),
                    updated: TimeText::known(&n.updated, t.updated),
                    deleted: n.deleted,
                    star: n.star,
                    extra: unknown(notes_value.and_then(|a| a.get(i)), &NOTE_FIELDS),
                })
                .collect(),
            draft: match &v.draft {
                Some(d) => Draft {
                    question: d.question,
                    text: d.text.to_string(),
                    editing: d.editing.as_ref().map(|s| s.to_string()),
                    aside: d.aside.as_ref().map(|s| s.to_string()),
                    updated: d.updated.as_deref().and_then(TimeText::read),
                    extra: unknown(value.as_ref().and_then(|v| v.get("draft")), &DRAFT_FIELDS),
                },
                None => Draft {
                    question: 1,
                    ..Draft::default()
                },
            },
            // A kind of a newer oogst is no signal this one can give.
            signal: v.signal.as_ref().and_then(|s| {
                Some(Signal {
                    kind: SignalKind::of(&s.kind)?,
                    at: TimeText::read(&s.at)?,
                })
            }),
            seen: v.seen.as_ref().and_then(|s| {
                Some(Seen {
                    message: TimeText::read(&s.message)?,
                    at: TimeText::read(&s.at)?,
                })
            }),
            extra: unknown(value.as_ref(), &TOP_FIELDS),
        };
        doc.one_copy_of_each_note();
        doc
    }

    /// A file that holds a note twice (the same id: copied in by hand or
    /// by another tool) is read as the merge reads it: the copy that wins
    /// by the merge order, in the place of the first. The host then shows,
    /// edits and writes back the note the harvest has.
    fn one_copy_of_each_note(&mut self) {
        let mut first: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(self.notes.len());
        let notes = std::mem::take(&mut self.notes);
        let mut kept: Vec<Note> = Vec::with_capacity(notes.len());
        for n in notes {
            match first.get(&n.id) {
                Some(&i) => {
                    if self.copy_beats(&n, &kept[i]) {
                        kept[i] = n;
                    }
                }
                None => {
                    first.insert(n.id.clone(), kept.len());
                    kept.push(n);
                }
            }
        }
        self.notes = kept;
    }

    /// The file's bytes: version 2 (a document read from a version 1
    /// file, which has no round, stays version 1 with its `host`).
    pub fn to_json(&self) -> Vec<u8> {
        let out = RoomOut {
            format: FORMAT,
            version: if self.block.is_some() { VERSION } else { 1 },
            session: &self.session,
            block: &self.block,
            room: &self.room,
            writer: &self.writer,
            host: self.block.is_none().then(|| self.host()),
            hosts: &self.hosts,
            questions: &self.questions,
            notes: &self.notes,
            draft: &self.draft,
            signal: &self.signal,
            seen: &self.seen,
            extra: &self.extra,
        };
        let mut v = serde_json::to_vec_pretty(&out).expect("a room serialises");
        v.push(b'\n');
        v
    }

    /// What the harvest shows of this file's draft (SPEC §5 Drafts): the
    /// new note set aside while a note is edited, and the text being
    /// typed, each when it is not blank; but not an edit that changes
    /// nothing (that is the note itself).
    pub fn harvest_drafts(&self) -> Vec<&str> {
        let d = &self.draft;
        let mut out = Vec::new();
        if let Some(aside) = d.aside.as_deref().filter(|a| !a.trim().is_empty()) {
            out.push(aside);
        }
        let unchanged_edit = d
            .editing
            .as_deref()
            .and_then(|id| self.note(id))
            .is_some_and(|n| !n.deleted && n.text == d.text);
        if !d.text.trim().is_empty() && !unchanged_edit {
            out.push(&d.text);
        }
        out
    }

    /// The host now: the last of `hosts`.
    pub fn host(&self) -> &str {
        self.hosts.last().map_or("", String::as_str)
    }

    /// Makes `name` the host now; an earlier host is never erased.
    pub fn set_host(&mut self, name: &str) {
        if self.host() != name {
            self.hosts.retain(|h| h != name);
            self.hosts.push(name.to_string());
        }
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

    /// A new id of this writer, unlike any in the file.
    fn new_id(&self, now: &TimeText) -> String {
        let at = now.stamp();
        loop {
            let id = new_note_id(&self.writer, at);
            if self.note(&id).is_none() {
                return id;
            }
        }
    }

    /// Adds a note to question `q` by the host now; returns its id.
    pub fn add(&mut self, q: usize, text: &str, now: &TimeText) -> String {
        let id = self.new_id(now);
        self.notes.push(Note {
            id: id.clone(),
            question: q,
            by: self.host().to_string(),
            text: clean_note_text(text),
            created: now.clone(),
            updated: now.clone(),
            deleted: false,
            star: false,
            extra: serde_json::Map::new(),
        });
        id
    }

    /// Changes a live note's text; the change, for undo.
    pub fn edit(&mut self, id: &str, text: &str, now: &TimeText) -> Option<Change> {
        let note = self.note_mut(id).filter(|n| !n.deleted)?;
        let text = clean_note_text(text);
        if note.text == text {
            return None;
        }
        let before = std::mem::replace(&mut note.text, text);
        note.updated = note.updated.later(now);
        Some(Change::Edited {
            id: id.to_string(),
            before,
        })
    }

    /// Makes a live note a tombstone; the change, for undo.
    pub fn delete(&mut self, id: &str, now: &TimeText) -> Option<Change> {
        let note = self.note_mut(id).filter(|n| !n.deleted)?;
        let before = std::mem::take(&mut note.text);
        note.deleted = true;
        note.updated = note.updated.later(now);
        Some(Change::Deleted {
            id: id.to_string(),
            before,
        })
    }

    /// Stars a live note (one of the room's key takeaways), or takes its
    /// star away; the change, for undo. It is a change of the note like
    /// an edit: its `updated` moves on, so the starred copy is the one
    /// the merge keeps.
    pub fn toggle_star(&mut self, id: &str, now: &TimeText) -> Option<Change> {
        let note = self.note_mut(id).filter(|n| !n.deleted)?;
        let before = note.star;
        note.star = !before;
        note.updated = note.updated.later(now);
        Some(Change::Starred {
            id: id.to_string(),
            before,
        })
    }

    /// What the room signals to the lead now.
    pub fn signal_kind(&self) -> Option<SignalKind> {
        self.signal.as_ref().map(|s| s.kind)
    }

    /// Gives the signal `kind` (in place of any other), or withdraws it
    /// when the room gives it already; what the room signals afterwards.
    pub fn toggle_signal(&mut self, kind: SignalKind, now: &TimeText) -> Option<SignalKind> {
        if self.signal_kind() == Some(kind) {
            self.signal = None;
        } else {
            self.signal = Some(Signal {
                kind,
                at: now.clone(),
            });
        }
        self.signal_kind()
    }

    /// Records that this host showed the lead's message sent at `message`
    /// (the clock file's time) at `now`, unless that message has its
    /// receipt already; whether it is new. A message of another time is
    /// another message, and gets a receipt of its own.
    pub fn mark_seen(&mut self, message: &TimeText, now: &TimeText) -> bool {
        let already = self
            .seen
            .as_ref()
            .is_some_and(|s| s.message.stamp() == message.stamp());
        if already {
            return false;
        }
        self.seen = Some(Seen {
            message: message.clone(),
            at: now.clone(),
        });
        true
    }

    /// Puts a note back as it was before `change`, as a change of its own
    /// at `now` (tombstones stay tombstones: an added note taken back is
    /// one); the change that puts it back again (for redo, or for undo
    /// after a redo) and what was done. `None` when it no longer applies
    /// (the note is gone, or is not as the change left it).
    pub fn revert(&mut self, change: Change, now: &TimeText) -> Option<(Change, Reversal)> {
        match change {
            Change::Added { id } => {
                let Change::Deleted { id, before } = self.delete(&id, now)? else {
                    return None;
                };
                Some((Change::Deleted { id, before }, Reversal::Removed))
            }
            Change::Deleted { id, before } => {
                let note = self.note_mut(&id).filter(|n| n.deleted)?;
                note.text = before;
                note.deleted = false;
                note.updated = note.updated.later(now);
                Some((Change::Added { id }, Reversal::Restored))
            }
            Change::Edited { id, before } => {
                let note = self.note_mut(&id).filter(|n| !n.deleted)?;
                let after = std::mem::replace(&mut note.text, before);
                note.updated = note.updated.later(now);
                Some((Change::Edited { id, before: after }, Reversal::Reworded))
            }
            Change::Starred { id, before } => {
                let note = self.note_mut(&id).filter(|n| !n.deleted)?;
                let after = std::mem::replace(&mut note.star, before);
                note.updated = note.updated.later(now);
                let what = if before {
                    Reversal::Starred
                } else {
                    Reversal::Unstarred
                };
                Some((Change::Starred { id, before: after }, what))
            }
        }
    }

    /// Takes a change back. It counts as a newer change, so the undone
    /// version is the one a merge keeps; an added note becomes a tombstone.
    /// The note's id, when it applied (see [`RoomDoc::revert`]).
    pub fn undo(&mut self, change: Change, now: &TimeText) -> Option<String> {
        let id = change.id().to_string();
        self.revert(change, now).map(|_| id)
    }

    /// The question number of `text` in this file, adding it at the end
    /// if the file does not have it (matched as the merge matches).
    pub fn question_number(&mut self, text: &str) -> usize {
        let key = question_key(text);
        match self.questions.iter().position(|q| question_key(q) == key) {
            Some(i) => i + 1,
            None => {
                self.questions.push(text.to_string());
                self.questions.len()
            }
        }
    }

    /// Makes `questions` (the programme's, for this round) the file's
    /// questions: notes keep the question text they were typed under, so
    /// a question no longer in the list stays (after the others) as long
    /// as a note or the draft uses it. Returns whether anything changed.
    pub fn set_questions(&mut self, questions: &[String]) -> bool {
        let old = std::mem::replace(&mut self.questions, questions.to_vec());
        let used = |q: usize, doc: &RoomDoc| {
            doc.notes.iter().any(|n| n.question == q)
                || (doc.draft.question == q && !doc.draft.text.is_empty())
        };
        let mut map = vec![0; old.len()];
        for (i, q) in old.iter().enumerate() {
            let key = question_key(q);
            map[i] = match self.questions.iter().position(|n| question_key(n) == key) {
                Some(j) => j + 1,
                None if used(i + 1, self) => {
                    self.questions.push(q.clone());
                    self.questions.len()
                }
                None => 0,
            };
        }
        let new_number = |q: usize| map.get(q.wrapping_sub(1)).copied().unwrap_or(0);
        for n in &mut self.notes {
            n.question = new_number(n.question).max(1);
        }
        self.draft.question = new_number(self.draft.question).max(1);
        self.questions != old
    }

    /// Takes in what `other` (a copy of this file found on disk) holds
    /// that this one lacks, by the merge's rules: the newer copy of each
    /// note wins, notes only the other has are added, hosts are joined.
    /// Returns whether anything changed.
    pub fn absorb(&mut self, other: &RoomDoc) -> bool {
        let mut changed = false;
        for h in &other.hosts {
            if !self.hosts.contains(h) {
                self.hosts
                    .insert(self.hosts.len().saturating_sub(1), h.clone());
                changed = true;
            }
        }
        for theirs in &other.notes {
            let text = other
                .questions
                .get(theirs.question.wrapping_sub(1))
                .cloned()
                .unwrap_or_default();
            let question = self.question_number(&text);
            let mut copy = theirs.clone();
            copy.question = question;
            match self.notes.iter().position(|n| n.id == theirs.id) {
                None => {
                    self.notes.push(copy);
                    changed = true;
                }
                Some(i) => {
                    let ours = &self.notes[i];
                    if self.copy_beats(&copy, ours) {
                        self.notes[i] = copy;
                        changed = true;
                    }
                }
            }
        }
        changed
    }

    /// Whether note copy `a` wins over `b` (both of this file's questions).
    fn copy_beats(&self, a: &Note, b: &Note) -> bool {
        let form = |n: &Note| {
            let q = self.questions.get(n.question.wrapping_sub(1));
            NoteForm {
                id: &n.id,
                question: q.map_or("", String::as_str),
                by: &n.by,
                text: &n.text,
                created: n.created.as_str(),
                updated: n.updated.as_str(),
                deleted: n.deleted,
                star: n.star,
            }
            .canonical()
        };
        a.version()
            .beats(&b.version(), |first| form(if first { a } else { b }))
    }
}

#[cfg(test)]
mod tests;
