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

use std::borrow::Cow;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::files::{
    self, FileError, Head, Problem, ProblemKind, Stamp, check_head, parse_time, strip_bom,
};

pub mod open;
pub(crate) mod scan;

pub const FORMAT: &str = "oogst-room";
/// The version this oogst writes, and the highest it reads.
pub const VERSION: u64 = 2;

// ---------------------------------------------------------------------------
// A room file as every reader reads it.

/// A room file as read: every field of every version, strings borrowed
/// from the text where they have no escapes.
#[derive(Debug, PartialEq, Deserialize)]
pub struct RoomView<'a> {
    #[serde(borrow)]
    pub session: Cow<'a, str>,
    /// The round (version 2); a version 1 file belongs to the first breakout.
    #[serde(borrow, default)]
    pub block: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub room: Cow<'a, str>,
    #[serde(borrow)]
    pub writer: Cow<'a, str>,
    /// Version 1's one host.
    #[serde(borrow, default)]
    pub host: Option<Cow<'a, str>>,
    /// Version 2: everyone who hosted the file, in order.
    #[serde(borrow, default)]
    pub hosts: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow)]
    pub questions: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub notes: Vec<NoteView<'a>>,
    #[serde(borrow, default)]
    pub draft: Option<DraftView<'a>>,
    #[serde(borrow, default)]
    pub signal: Option<SignalView<'a>>,
    #[serde(borrow, default)]
    pub seen: Option<SeenView<'a>>,
}

/// A note as it is read from a room file.
#[derive(Debug, PartialEq, Deserialize)]
pub struct NoteView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    pub question: usize,
    #[serde(borrow, default)]
    pub by: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(borrow)]
    pub created: Cow<'a, str>,
    #[serde(borrow)]
    pub updated: Cow<'a, str>,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub star: bool,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct DraftView<'a> {
    pub question: usize,
    #[serde(borrow, default)]
    pub text: Cow<'a, str>,
    #[serde(borrow, default)]
    pub editing: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub aside: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub updated: Option<Cow<'a, str>>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct SignalView<'a> {
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub at: Cow<'a, str>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct SeenView<'a> {
    #[serde(borrow)]
    pub message: Cow<'a, str>,
    #[serde(borrow)]
    pub at: Cow<'a, str>,
}

/// A note's times, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteTimes {
    pub created: Stamp,
    pub updated: Stamp,
}

/// A room file that every reader accepts: what it says, its version, and
/// each note's times.
#[derive(Debug)]
pub struct Checked<'a> {
    pub view: RoomView<'a>,
    pub version: u64,
    pub times: Vec<NoteTimes>,
}

impl<'a> Checked<'a> {
    /// The file's hosts, in order: version 2's `hosts`, version 1's `host`.
    pub fn hosts(&self) -> Vec<&str> {
        let mut hosts: Vec<&str> = Vec::new();
        let all = self.view.hosts.iter().flatten().chain(&self.view.host);
        for h in all {
            if !hosts.contains(&h.as_ref()) {
                hosts.push(h);
            }
        }
        hosts
    }

    /// Who typed a note: its `by`, else the file's (last) host.
    pub fn by<'s>(&'s self, note: &'s NoteView) -> &'s str {
        match &note.by {
            Some(by) => by,
            None => self
                .view
                .hosts
                .as_ref()
                .and_then(|h| h.last())
                .or(self.view.host.as_ref())
                .map_or("", |h| h.as_ref()),
        }
    }
}

/// What a file turned out to be.
#[derive(Debug)]
pub enum Classified<'a> {
    Room(Box<Checked<'a>>),
    /// Another kind of file (or no oogst file at all), by its head.
    Other(Head),
}

/// Reads `text`: a room file (checked), or another kind of file. The one
/// reader of room files: `check`, `merge`, the host and the dashboard all
/// come here. A byte-order mark is accepted.
pub fn classify(text: &str) -> Result<Classified<'_>, Box<Problem>> {
    let text = strip_bom(text);
    // oogst's own layout by hand (quickly); anything it is unsure of
    // through serde_json, which has the last word.
    if let Some((view, version)) = scan::room(text) {
        return check_view(view, version).map(|c| Classified::Room(Box::new(c)));
    }
    let head = files::head(text)?;
    if head.format.as_deref() != Some(FORMAT) {
        return Ok(Classified::Other(head));
    }
    let version =
        check_head(&head, FORMAT, "room", VERSION).map_err(|k| Box::new(Problem::at(k)))?;
    let mut de = serde_json::Deserializer::from_str(text);
    let view = match serde_path_to_error::deserialize::<_, RoomView>(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(Box::new(Problem::malformed(&inner)));
            }
            return Err(Box::new(Problem::shape(&inner, path, None)));
        }
    };
    check_view(view, version).map(|c| Classified::Room(Box::new(c)))
}

/// Done with a room file that was read on this thread: the allocation of
/// its notes is kept for the next one read here (a merge reads a thousand
/// on each core).
pub fn recycle(c: Checked<'_>) {
    scan::recycle(c.view.notes);
}

/// Reads a room file, refusing any other kind.
pub fn read<'t>(text: &'t str, file: &str) -> Result<Checked<'t>, FileError> {
    match classify(text) {
        Ok(Classified::Room(r)) => Ok(*r),
        Ok(Classified::Other(head)) => {
            let kind = check_head(&head, FORMAT, "room", VERSION).err().unwrap_or(
                ProblemKind::WrongFormat {
                    found: head.format,
                    expected: FORMAT,
                },
            );
            Err(FileError::single(file, Problem::at(kind)))
        }
        Err(p) => Err(FileError::single(file, *p)),
    }
}

/// What every room file must be beyond its shape: the fields its version
/// needs, notes and the draft pointing at one of its questions, real
/// times, a known signal.
fn check_view(view: RoomView<'_>, version: u64) -> Result<Checked<'_>, Box<Problem>> {
    let problem = |kind| Box::new(Problem::at(kind));
    let missing = |field| Err(problem(ProblemKind::Missing { field, version }));
    if version >= 2 && view.block.is_none() {
        return missing("block");
    }
    if version >= 2 && view.hosts.is_none() {
        return missing("hosts");
    }
    if version < 2 && view.host.is_none() {
        return missing("host");
    }
    let questions = view.questions.len();
    let time = |path: &dyn Fn() -> String, s: &str| {
        parse_time(s).ok_or_else(|| Box::new(Problem::bad_time(path(), s)))
    };
    let mut times = Vec::with_capacity(view.notes.len());
    for (i, n) in view.notes.iter().enumerate() {
        if n.question == 0 || n.question > questions {
            return Err(problem(ProblemKind::NoSuchQuestion {
                note: n.id.to_string(),
                question: n.question,
                questions,
            }));
        }
        let created = time(&|| format!("notes[{i}].created"), &n.created)?;
        let updated = if n.updated == n.created {
            created
        } else {
            time(&|| format!("notes[{i}].updated"), &n.updated)?
        };
        times.push(NoteTimes { created, updated });
    }
    if let Some(d) = &view.draft {
        // An empty draft may stand at question 1 of a file without
        // questions (as a new file holds it); one with text, like a note,
        // answers a question the file has.
        let empty = d.text.is_empty() && d.aside.as_deref().is_none_or(str::is_empty);
        let most = if empty { questions.max(1) } else { questions };
        if d.question == 0 || d.question > most {
            return Err(problem(ProblemKind::NoSuchQuestion {
                note: "draft".into(),
                question: d.question,
                questions,
            }));
        }
        if let Some(u) = &d.updated {
            time(&|| "draft.updated".into(), u)?;
        }
    }
    if let Some(s) = &view.signal {
        if !matches!(s.kind.as_ref(), "done" | "help") {
            return Err(problem(ProblemKind::OutOfRange {
                path: "signal.kind".into(),
                found: s.kind.to_string(),
                allowed: "\"done\", \"help\"".into(),
            }));
        }
        time(&|| "signal.at".into(), &s.at)?;
    }
    if let Some(s) = &view.seen {
        time(&|| "seen.message".into(), &s.message)?;
        time(&|| "seen.at".into(), &s.at)?;
    }
    Ok(Checked {
        view,
        version,
        times,
    })
}

// ---------------------------------------------------------------------------
// Names: rooms, questions, files.

/// A room's name as the merge matches it: Unicode NFC, case and accents
/// ignored, spaces around it too. `Kamer 1`, `kamer 1` and `Kámer 1` are
/// one room; `Kamer_1` and `Kamer/1` are others.
pub fn room_key(name: &str) -> String {
    let bare: String = name
        .trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    bare.to_lowercase().nfc().collect()
}

/// A question as the merge matches it: Unicode NFC, spaces around it trimmed.
pub fn question_key(q: &str) -> Cow<'_, str> {
    let t = q.trim();
    if unicode_normalization::is_nfc(t) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.nfc().collect())
    }
}

/// Crockford's base 32, lower case (file names on case-insensitive file
/// systems) — and upper case for note ids, as ULIDs write it.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A short hash of a room's key, eight characters: what keeps two rooms
/// whose readable names look alike apart in file names.
fn room_hash(name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in room_key(name).as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..8)
        .map(|i| CROCKFORD[((h >> (i * 5)) & 31) as usize].to_ascii_lowercase() as char)
        .collect()
}

/// The readable part of a room's file name: letters and digits (any
/// script) kept, anything else `_`, at most 40 characters. Readers never
/// rely on it: the room's identity is inside the file.
fn room_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().nfc() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('_');
    if out.is_empty() {
        "room".to_string()
    } else {
        out.to_string()
    }
}

/// `ROOM--WRITER.json` in a round's folder: a readable slug and a hash of
/// the room's key, so that two rooms never share a file name on any file
/// system, case-insensitive ones included.
pub fn file_name(room: &str, writer: &str) -> String {
    format!("{}-{}--{writer}.json", room_slug(room), room_hash(room))
}

/// The end of every file name [`file_name`] gives this room and writer
/// (and of the alternatives the host picks when a name is taken).
pub fn file_suffix(room: &str, writer: &str) -> String {
    format!("-{}--{writer}", room_hash(room))
}

/// The folder of a round in `rooms/`: the block's id, made safe where a
/// system reserves the name.
pub fn block_dir(block: &str) -> String {
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    let safe: String = block
        .nfc()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() || safe.starts_with('.') {
        format!("_{safe}")
    } else if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&safe)) {
        format!("{safe}_")
    } else {
        safe
    }
}

/// A version 1 file name, `rooms/ROOM--WRITER.json`, as oogst wrote it
/// before rounds (to find a host's earlier file of the first round).
pub fn v1_file_name(room: &str, writer: &str) -> String {
    let mut out = String::new();
    for c in room.trim().chars() {
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
    let out = if out.is_empty() {
        "room".to_string()
    } else if reserved.iter().any(|r| r.eq_ignore_ascii_case(&out)) {
        format!("{out}_")
    } else {
        out
    };
    format!("{out}--{writer}.json")
}

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

// ---------------------------------------------------------------------------
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
    /// canonical forms ([`canonical`]).
    pub fn order(&self, other: &Version) -> std::cmp::Ordering {
        let key = |v: &Version| (v.updated, v.deleted, v.text.len());
        key(self).cmp(&key(other))
    }
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

// ---------------------------------------------------------------------------
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
    pub created: String,
    pub updated: String,
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
            updated: parse_time(&self.updated).unwrap_or(Stamp(i128::MIN)),
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
    pub updated: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What the room tells the lead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub kind: String,
    pub at: String,
}

/// When this host first showed the lead's latest message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Seen {
    pub message: String,
    pub at: String,
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
                .map(|(i, n)| Note {
                    id: n.id.to_string(),
                    question: n.question,
                    by: c.by(n).to_string(),
                    text: n.text.to_string(),
                    created: n.created.to_string(),
                    updated: n.updated.to_string(),
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
                    updated: d.updated.as_ref().map(|s| s.to_string()),
                    extra: unknown(value.as_ref().and_then(|v| v.get("draft")), &DRAFT_FIELDS),
                },
                None => Draft {
                    question: 1,
                    ..Draft::default()
                },
            },
            signal: v.signal.as_ref().map(|s| Signal {
                kind: s.kind.to_string(),
                at: s.at.to_string(),
            }),
            seen: v.seen.as_ref().map(|s| Seen {
                message: s.message.to_string(),
                at: s.at.to_string(),
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
    fn new_id(&self, now: &str) -> String {
        let at = parse_time(now).unwrap_or(Stamp(0));
        loop {
            let id = new_note_id(&self.writer, at);
            if self.note(&id).is_none() {
                return id;
            }
        }
    }

    /// Adds a note to question `q` by the host now; returns its id.
    pub fn add(&mut self, q: usize, text: &str, now: &str) -> String {
        let id = self.new_id(now);
        self.notes.push(Note {
            id: id.clone(),
            question: q,
            by: self.host().to_string(),
            text: clean_note_text(text),
            created: now.to_string(),
            updated: now.to_string(),
            deleted: false,
            star: false,
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
        match a.version().order(&b.version()) {
            std::cmp::Ordering::Equal => {
                let form = |n: &Note| {
                    let q = self.questions.get(n.question.wrapping_sub(1));
                    NoteForm {
                        id: &n.id,
                        question: q.map_or("", String::as_str),
                        by: &n.by,
                        text: &n.text,
                        created: &n.created,
                        updated: &n.updated,
                        deleted: n.deleted,
                        star: n.star,
                    }
                    .canonical()
                };
                form(a) > form(b)
            }
            o => o == std::cmp::Ordering::Greater,
        }
    }
}

#[cfg(test)]
mod tests;
