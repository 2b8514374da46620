//! The harvest: every room file merged into one document.
//!
//! Merging is a union of notes keyed by note id. Where files hold the same
//! id, the copy with the later `updated` wins; on a tie a tombstone wins,
//! then the longer text, then the greater text — a total order, so the
//! same files in any order, once or twice, give the same harvest. Nothing
//! is dropped silently: every file that is skipped, and why, is reported.
//!
//! A large merge is mostly memory traffic, so it touches as little as it
//! can: every core reads its files through one buffer, parses them by
//! hand ([`scan`]), and keeps of each file only its notes' strings, side by
//! side in one store, and their times as instants. The union then moves
//! only small references, and the documents look each string up as they
//! write it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::par::parallel_map_owned;
use crate::programme::{FileError, Problem, ProblemKind, Programme, check_header};

mod read;
mod scan;

pub(crate) use read::is_temporary;
pub use read::{Input, Inputs, json_files_in, read_inputs};

pub const FORMAT: &str = "oogst-harvest";

#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    format: Option<Cow<'a, str>>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct RoomView<'a> {
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(borrow)]
    room: Cow<'a, str>,
    #[serde(borrow)]
    host: Cow<'a, str>,
    #[serde(borrow)]
    writer: Cow<'a, str>,
    #[serde(borrow)]
    questions: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    notes: Vec<NoteView<'a>>,
}

/// A note as it is read from a room file.
#[derive(Debug, PartialEq, Deserialize)]
struct NoteView<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    question: usize,
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(borrow)]
    created: Cow<'a, str>,
    #[serde(borrow)]
    updated: Cow<'a, str>,
    #[serde(default)]
    deleted: bool,
}

/// A note of the harvest, as documents show it and the JSON has it. Its
/// strings are looked up only when asked for (a document mostly needs
/// the text alone).
#[derive(Clone, Copy, Debug)]
pub struct HarvestNote<'h> {
    file: &'h Room,
    note: &'h Note,
}

impl<'h> HarvestNote<'h> {
    pub fn id(&self) -> &'h str {
        self.file.str(self.note.id)
    }

    pub fn question(&self) -> usize {
        self.note.question
    }

    pub fn text(&self) -> &'h str {
        self.file.str(self.note.text)
    }

    pub fn created(&self) -> &'h str {
        self.file.str(self.note.created)
    }

    pub fn updated(&self) -> &'h str {
        self.file.str(self.note.updated)
    }
}

impl Serialize for HarvestNote<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("HarvestNote", 5)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("question", &self.question())?;
        st.serialize_field("text", self.text())?;
        st.serialize_field("created", self.created())?;
        st.serialize_field("updated", self.updated())?;
        st.end()
    }
}

/// Where a string is in its room file's [`Room::store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    at: u32,
    len: u32,
}

/// A note as the merge keeps it: its strings in the file's store, its
/// times as instants.
#[derive(Clone, Debug)]
struct Note {
    id: Span,
    text: Span,
    created: Span,
    updated: Span,
    created_at: Timestamp,
    question: usize,
    /// The number in an id of oogst's form, `writer-000017`.
    seq: Option<u32>,
    deleted: bool,
}

/// A room file as the merge keeps it: all that the harvest needs, in a
/// few allocations (the file's text itself is not kept).
#[derive(Clone, Debug)]
struct Room {
    /// Which input it is.
    file: usize,
    session: String,
    room: String,
    host: String,
    writer: String,
    questions: Vec<String>,
    /// Every note's strings, one after the other.
    store: String,
    notes: Vec<Note>,
    /// Whether every note's id is this file's writer and a number (as
    /// oogst writes them): then the whole file goes to one thread of the union.
    uniform: bool,
}

impl Room {
    fn str(&self, s: Span) -> &str {
        let at = s.at as usize;
        self.store.get(at..at + s.len as usize).unwrap_or("")
    }

    /// Keeps what the merge needs of `view`: each note's strings copied
    /// once into one store, its times read.
    fn keep(file: usize, view: RoomView) -> Result<Room, Problem> {
        let edited = |n: &NoteView| n.updated != n.created;
        let bytes: usize = view
            .notes
            .iter()
            .map(|n| {
                n.id.len()
                    + n.text.len()
                    + n.created.len()
                    + if edited(n) { n.updated.len() } else { 0 }
            })
            .sum();
        let mut store = String::with_capacity(bytes);
        let mut put = |s: &str| {
            let at = store.len();
            store.push_str(s);
            // A file is at most 64 MiB, and its store no larger.
            Span {
                at: at as u32,
                len: s.len() as u32,
            }
        };
        let mut notes = Vec::with_capacity(view.notes.len());
        for n in &view.notes {
            let time = |field: &str, s: &str| {
                read_time(s)
                    .ok_or_else(|| Problem::bad_time(format!("notes[id={}].{field}", n.id), s))
            };
            let created_at = time("created", &n.created)?;
            // A note never edited was updated when it was created.
            let (created, updated) = match edited(n) {
                false => {
                    let s = put(&n.created);
                    (s, s)
                }
                true => {
                    // Checked now; read again only if another copy of the note turns up.
                    time("updated", &n.updated)?;
                    (put(&n.created), put(&n.updated))
                }
            };
            notes.push(Note {
                id: put(&n.id),
                text: put(&n.text),
                created,
                updated,
                created_at,
                question: n.question,
                seq: sequence_number(&n.id, &view.writer),
                deleted: n.deleted,
            });
        }
        Ok(Room {
            file,
            uniform: notes.iter().all(|n| n.seq.is_some()),
            session: view.session.into_owned(),
            room: view.room.into_owned(),
            host: view.host.into_owned(),
            writer: view.writer.into_owned(),
            questions: view.questions.into_iter().map(Cow::into_owned).collect(),
            store,
            notes,
        })
    }

    /// When a note was last changed (its `updated` was checked when read).
    fn updated_at(&self, n: &Note) -> Timestamp {
        if n.updated == n.created {
            return n.created_at;
        }
        read_time(self.str(n.updated)).unwrap_or(n.created_at)
    }

    /// Whether the file has question `q` (1-based).
    fn has_question(&self, q: usize) -> bool {
        (1..=self.questions.len()).contains(&q)
    }

    fn id(&self, index: usize) -> &str {
        self.str(self.notes[index].id)
    }
}

/// Where a note is: which room file, which of its notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NoteRef {
    file: u32,
    index: u32,
}

impl NoteRef {
    /// An empty slot of the union.
    const NONE: NoteRef = NoteRef {
        file: u32::MAX,
        index: u32::MAX,
    };
}

#[derive(Clone, Debug)]
pub struct HarvestRoom {
    pub room: String,
    pub hosts: Vec<String>,
    /// The room's notes by question, then time, then id.
    notes: Vec<NoteRef>,
    /// Where each question's notes start in `notes`, and where the last ends.
    starts: Vec<usize>,
}

impl HarvestRoom {
    pub fn note_count(&self) -> usize {
        self.notes.len()
    }

    /// How many notes answer question `q` (1-based).
    pub fn count_of(&self, q: usize) -> usize {
        self.range_of(q).len()
    }

    fn range_of(&self, q: usize) -> std::ops::Range<usize> {
        match (self.starts.get(q.wrapping_sub(1)), self.starts.get(q)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }
}

/// The merged harvest; serialised, it is the `oogst-harvest` document.
#[derive(Clone, Debug)]
pub struct Harvest {
    pub format: &'static str,
    pub version: u64,
    pub session: String,
    pub title: Option<String>,
    pub questions: Vec<String>,
    pub rooms: Vec<HarvestRoom>,
    pub sources: Vec<String>,
    /// The programme's date, for the documents (not in the JSON).
    pub date: Option<jiff::civil::Date>,
    /// Every room file as kept; the rooms point into them.
    files: Vec<Room>,
}

impl Harvest {
    pub fn note_count(&self) -> usize {
        self.rooms.iter().map(HarvestRoom::note_count).sum()
    }

    /// A room's notes, in order.
    pub fn notes<'h>(&'h self, room: &'h HarvestRoom) -> Notes<'h> {
        Notes {
            files: &self.files,
            refs: &room.notes,
            at: 0,
        }
    }

    /// A room's notes for question `q` (1-based), in order.
    pub fn notes_of<'h>(&'h self, room: &'h HarvestRoom, q: usize) -> Notes<'h> {
        Notes {
            files: &self.files,
            refs: &room.notes[room.range_of(q)],
            at: 0,
        }
    }
}

/// Notes in order. Each is fetched from memory a few notes ahead, so that
/// writing a large harvest does not wait on memory note by note.
pub struct Notes<'h> {
    files: &'h [Room],
    refs: &'h [NoteRef],
    at: usize,
}

impl<'h> Notes<'h> {
    fn get(&self, at: usize) -> Option<(&'h Room, &'h Note)> {
        let r = self.refs.get(at)?;
        let file = self.files.get(r.file as usize)?;
        Some((file, file.notes.get(r.index as usize)?))
    }
}

/// How far ahead a note and its text are fetched.
const AHEAD: usize = 8;

impl<'h> Iterator for Notes<'h> {
    type Item = HarvestNote<'h>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((_, n)) = self.get(self.at + 2 * AHEAD) {
            prefetch((n as *const Note).cast());
        }
        if let Some((f, n)) = self.get(self.at + AHEAD)
            && let Some(text) = f.store.as_bytes().get(n.text.at as usize..)
        {
            prefetch(text.as_ptr());
        }
        let (file, note) = self.get(self.at)?;
        self.at += 1;
        Some(HarvestNote { file, note })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.refs.len().saturating_sub(self.at);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Notes<'_> {}

/// Asks the processor to bring `p`'s cache line in (a hint, never a load).
#[inline(always)]
fn prefetch(p: *const u8) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    // SAFETY: SSE is enabled at build time (it is part of x86-64's
    // baseline), and a prefetch is a hint: it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = p;
}

impl Serialize for Harvest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Room<'h>(&'h Harvest, &'h HarvestRoom);
        struct RoomNotes<'h>(&'h Harvest, &'h HarvestRoom);
        impl Serialize for Room<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("HarvestRoom", 3)?;
                st.serialize_field("room", &self.1.room)?;
                st.serialize_field("hosts", &self.1.hosts)?;
                st.serialize_field("notes", &RoomNotes(self.0, self.1))?;
                st.end()
            }
        }
        impl Serialize for RoomNotes<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.notes(self.1))
            }
        }
        let rooms: Vec<Room> = self.rooms.iter().map(|r| Room(self, r)).collect();
        let mut st = s.serialize_struct("Harvest", 7)?;
        st.serialize_field("format", self.format)?;
        st.serialize_field("version", &self.version)?;
        st.serialize_field("session", &self.session)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("questions", &self.questions)?;
        st.serialize_field("rooms", &rooms)?;
        st.serialize_field("sources", &self.sources)?;
        st.end()
    }
}

/// A harvest read back (for `oogst check`): every field of the spec, and
/// each note pointing at one of its questions with real times.
#[derive(Deserialize)]
pub struct HarvestFile {
    pub session: String,
    pub title: Option<String>,
    pub questions: Vec<String>,
    pub rooms: Vec<HarvestFileRoom>,
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
pub struct HarvestFileRoom {
    pub room: String,
    pub hosts: Vec<String>,
    pub notes: Vec<HarvestFileNote>,
}

#[derive(Deserialize)]
pub struct HarvestFileNote {
    pub id: String,
    pub question: usize,
    pub text: String,
    pub created: String,
    pub updated: String,
}

impl HarvestFile {
    pub fn parse(text: &str, file: &str) -> Result<HarvestFile, FileError> {
        let h: HarvestFile = crate::programme::parse_typed(text, file, FORMAT, "harvest")?;
        for n in h.rooms.iter().flat_map(|r| &r.notes) {
            if n.question == 0 || n.question > h.questions.len() {
                return Err(FileError::single(
                    file,
                    Problem::at(ProblemKind::NoSuchQuestion {
                        note: n.id.clone(),
                        question: n.question,
                        questions: h.questions.len(),
                    }),
                ));
            }
            for (field, value) in [("created", &n.created), ("updated", &n.updated)] {
                if value.parse::<Timestamp>().is_err() {
                    let path = format!("notes[id={}].{field}", n.id);
                    return Err(FileError::single(file, Problem::bad_time(path, value)));
                }
            }
        }
        Ok(h)
    }
}

/// What the merge did, for the summary on stderr.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub files_read: usize,
    pub rooms: usize,
    pub hosts: usize,
    pub notes: usize,
    /// Copies of a note beyond the first (the same note in two files).
    pub duplicates: usize,
    pub tombstones: usize,
    /// Files left out, and why: other formats, other sessions, and with
    /// `--keep-going` files that could not be used.
    pub skipped: Vec<(String, String)>,
    /// Notes left out of files that were otherwise merged.
    pub notes_left_out: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub session: Option<String>,
    pub keep_going: bool,
}

/// The number of an id `writer-NNNNNN` (oogst's form: six digits).
fn sequence_number(id: &str, writer: &str) -> Option<u32> {
    let digits = id.strip_prefix(writer)?.strip_prefix('-')?.as_bytes();
    (digits.len() == 6 && digits.iter().all(u8::is_ascii_digit)).then(|| {
        digits
            .iter()
            .fold(0u32, |a, d| a * 10 + u32::from(d - b'0'))
    })
}

/// The part of a note id before its number: its writer.
fn writer_of(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(w, _)| w)
}

/// What one input turned out to be.
enum Parsed {
    Room(Room),
    /// Another format (a programme, a clock, …), skipped by its `format`;
    /// and the text, for a programme.
    Other(String, Option<String>),
    Invalid(FileError),
    /// The file could not be read (why, with its name).
    Unreadable(String),
}

/// The value of `"field":` near the start of the text, up to the next
/// `,` or `}`: oogst writes `format` and `version` first, so most files
/// need no separate look at their head.
fn quick_field<'t>(text: &'t str, field: &str) -> Option<&'t str> {
    let head = &text[..text.floor_char_boundary(256)];
    let key = format!("\"{field}\"");
    let at = head.find(&key)? + key.len();
    let rest = head[at..].trim_start().strip_prefix(':')?.trim_start();
    let end = rest.find([',', '}', '\n'])?;
    Some(rest[..end].trim())
}

fn parse_file(i: usize, input: &Input, text: Result<&str, String>) -> Parsed {
    let name = &input.name;
    let text = match text {
        Ok(t) => t,
        Err(why) => return Parsed::Unreadable(why),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |p: Problem| Parsed::Invalid(FileError::single(name, p));
    if text.trim().is_empty() {
        return fail(Problem::at(ProblemKind::Empty));
    }
    let quick = quick_field(text, "format")
        .and_then(|f| f.strip_prefix('"')?.strip_suffix('"'))
        .zip(quick_field(text, "version"));
    let (format, version): (String, Option<serde_json::Value>) = match quick {
        Some((f, v)) => (f.to_string(), serde_json::from_str(v).ok()),
        None => match serde_json::from_str::<Head>(text) {
            Ok(h) => (h.format.map(Cow::into_owned).unwrap_or_default(), h.version),
            Err(e) if e.is_data() => (String::new(), None),
            Err(e) => return fail(Problem::malformed(&e)),
        },
    };
    if format != crate::room::FORMAT {
        let programme = (format == crate::programme::FORMAT).then(|| text.to_string());
        return Parsed::Other(format, programme);
    }
    let header = serde_json::json!({"format": format, "version": version});
    if let Err(kind) = check_header(&header, crate::room::FORMAT, "room") {
        return fail(Problem::at(kind));
    }
    // oogst's own layout by hand; anything else through serde_json, and
    // only a file that fails there is read again to say which field is wrong.
    let view: RoomView = match scan::room(text) {
        Some(v) => v,
        None => match serde_path_to_error::deserialize::<_, RoomView>(
            &mut serde_json::Deserializer::from_str(text),
        ) {
            Ok(v) => v,
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                if inner.is_syntax() || inner.is_eof() {
                    return fail(Problem::malformed(&inner));
                }
                return fail(Problem::shape(&inner, path, None));
            }
        },
    };
    match Room::keep(i, view) {
        Ok(room) => Parsed::Room(room),
        Err(p) => fail(p),
    }
}

/// A time of a room file: oogst's own form quickly, anything else through jiff.
fn read_time(s: &str) -> Option<Timestamp> {
    fast_timestamp(s).or_else(|| s.parse().ok())
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the form oogst writes, read
/// without the general parser (a merge reads hundreds of thousands).
/// Anything else (or anything out of range) is left to jiff.
pub fn fast_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo)
        || d < 1
        || d > month_days[(mo - 1) as usize]
        || h > 23
        || mi > 59
        || sec > 59
    {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0i64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = num(start..i)? * 10i64.pow(9 - digits as u32);
    }
    let offset = match b.get(i..)? {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' { -o } else { o }
        }
        _ => return None,
    };
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
    let (y, mo) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset;
    Timestamp::new(secs, nanos as i32).ok()
}

/// What one thread of the union found.
struct Shard {
    /// Per room and question, the live notes that won, with when they were made.
    notes: Vec<Vec<Vec<(Made, NoteRef)>>>,
    copies: usize,
    unique: usize,
    tombstones: usize,
}

/// When a note was made, as one number (nanoseconds since 1970), which
/// sorts faster than an instant.
type Made = i128;

/// How many of a writer's note numbers the union keeps in an array.
const SLOTS_PER_WRITER: u32 = 4096;

/// The union of the notes whose writer hashes to `k` of `of`: the newest
/// copy of each, live ones sorted into their rooms.
fn union_shard(
    rooms: &[Room],
    room_of_file: &[usize],
    (room_count, question_count): (usize, usize),
    k: usize,
    of: usize,
) -> Shard {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    // Ids as oogst writes them, `writer-000017`, are found by writer and
    // number in plain arrays; any other id through a hash map.
    let mut writers: FxHashMap<&str, usize> = FxHashMap::default();
    let mut slots: Vec<Vec<NoteRef>> = Vec::new();
    let mut best: FxHashMap<&str, NoteRef> = FxHashMap::with_capacity_and_hasher(16, hasher);
    let mut copies = 0;
    // A note's thread follows from its writer, so all copies of it meet.
    let shard = |writer: &str| (hasher.hash_one(writer.as_bytes()) as usize) % of;
    let beats = |a: NoteRef, b: NoteRef| version(rooms, a).beats(&version(rooms, b));
    for (file, r) in rooms.iter().enumerate() {
        let whole_file = r.uniform || of == 1;
        if whole_file && of > 1 && shard(&r.writer) != k {
            continue;
        }
        let mut file_writer = None;
        for (index, n) in r.notes.iter().enumerate() {
            if !r.has_question(n.question) {
                continue;
            }
            if !whole_file && shard(writer_of(r.str(n.id))) != k {
                continue;
            }
            copies += 1;
            let candidate = NoteRef {
                file: file as u32,
                index: index as u32,
            };
            let mut slot_of = |writer| {
                let next = slots.len();
                let w = *writers.entry(writer).or_insert(next);
                if w == next {
                    slots.push(Vec::new());
                }
                w
            };
            // The file's own writer (nearly always), else the id's.
            let number = match n.seq {
                Some(seq) => Some((*file_writer.get_or_insert_with(|| slot_of(&r.writer)), seq)),
                None => {
                    let id = r.str(n.id);
                    let w = writer_of(id);
                    sequence_number(id, w).map(|seq| (slot_of(w), seq))
                }
            };
            // Past the first thousands (never seen in a meeting, but a
            // crafted file could say `-999999`) ids go to the map, so a
            // writer's array stays small.
            let current = match number.filter(|&(_, seq)| seq < SLOTS_PER_WRITER) {
                Some((w, seq)) => {
                    let list = &mut slots[w];
                    let seq = seq as usize;
                    if list.len() <= seq {
                        list.resize(seq + 1, NoteRef::NONE);
                    }
                    &mut list[seq]
                }
                None => best.entry(r.str(n.id)).or_insert(NoteRef::NONE),
            };
            if *current == NoteRef::NONE || beats(candidate, *current) {
                *current = candidate;
            }
        }
    }
    let mut unique = 0;
    let mut tombstones = 0;
    let mut notes = vec![vec![Vec::new(); question_count]; room_count];
    let winners = slots.iter().flatten().chain(best.values());
    for &w in winners.filter(|&&w| w != NoteRef::NONE) {
        unique += 1;
        let r = &rooms[w.file as usize];
        let n = &r.notes[w.index as usize];
        if n.deleted {
            tombstones += 1;
            continue;
        }
        // Each question of the file is one of the harvest's.
        if let Some(list) = notes[room_of_file[w.file as usize]].get_mut(n.question - 1) {
            list.push((n.created_at.as_nanosecond(), w));
        }
    }
    Shard {
        notes,
        copies,
        unique,
        tombstones,
    }
}

/// A note as the union weighs it.
fn version<'r>(rooms: &'r [Room], at: NoteRef) -> Version<'r> {
    let r = &rooms[at.file as usize];
    let n = &r.notes[at.index as usize];
    Version {
        updated: r.updated_at(n),
        deleted: n.deleted,
        text: r.str(n.text),
    }
}

/// Why a merge could not be made: every problem, one per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub Vec<String>);

/// One copy of a note as the merge weighs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version<'t> {
    pub updated: Timestamp,
    pub deleted: bool,
    pub text: &'t str,
}

impl Version<'_> {
    /// The merge order: later `updated`, then a tombstone, then the longer
    /// text, then the greater text. A total order, so every tie is broken
    /// the same way whatever the order of the files.
    pub fn beats(&self, other: &Version) -> bool {
        let key = |v: &Version| (v.updated, v.deleted, v.text.len());
        match key(self).cmp(&key(other)) {
            std::cmp::Ordering::Equal => self.text > other.text,
            o => o == std::cmp::Ordering::Greater,
        }
    }
}

/// Merges the room files of `inputs` into one harvest.
pub fn merge(inputs: &Inputs, opts: &Options, lang: Lang) -> Result<(Harvest, Report), MergeError> {
    let t = lang.t();
    let mut report = Report::default();
    let mut errors: Vec<String> = Vec::new();
    let parsed = inputs.read_each(lang, parse_file);
    let (files, given_programmes) = (&inputs.files, &inputs.programmes);
    let mut rooms: Vec<Room> = Vec::new();
    // Programmes among the inputs give the title and the questions.
    let mut programmes: Vec<Programme> = Vec::new();
    for (p, input) in parsed.into_iter().zip(files) {
        match p {
            Parsed::Room(r) => rooms.push(r),
            Parsed::Unreadable(why) if opts.keep_going => {
                report.skipped.push((input.name.clone(), why))
            }
            Parsed::Unreadable(why) => errors.push(why),
            Parsed::Other(format, Some(text)) if format == crate::programme::FORMAT => {
                match Programme::parse(&text, &input.name) {
                    Ok(p) => programmes.push(p),
                    Err(e) => report
                        .skipped
                        .push((input.name.clone(), lang.file_error(&e))),
                }
            }
            Parsed::Other(format, _) => {
                let why = if format.is_empty() {
                    t.merge_not_oogst.to_string()
                } else {
                    crate::i18n::fill(t.merge_other_format, &[("format", &format)])
                };
                report.skipped.push((input.name.clone(), why));
            }
            // oogst set a `.corrupt-` file aside itself: skip it, say so.
            Parsed::Invalid(e) if opts.keep_going || input.name.contains(".corrupt-") => {
                report
                    .skipped
                    .push((input.name.clone(), lang.file_error(&e)));
            }
            Parsed::Invalid(e) => errors.push(lang.file_error(&e)),
        }
    }
    if !errors.is_empty() {
        return Err(MergeError(errors));
    }

    // One session at a time.
    let sessions: BTreeSet<&str> = rooms.iter().map(|r| r.session.as_str()).collect();
    let session = match (&opts.session, sessions.len()) {
        (Some(s), _) => s.clone(),
        (None, 0) => given_programmes
            .first()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        (None, 1) => sessions
            .iter()
            .next()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        (None, _) => {
            let list = sessions.iter().copied().collect::<Vec<_>>().join(", ");
            return Err(MergeError(vec![crate::i18n::fill(
                t.merge_mixed_sessions,
                &[("sessions", &list)],
            )]));
        }
    };
    rooms.retain(|r| {
        let keep = r.session == session;
        if !keep {
            let why = crate::i18n::fill(t.merge_other_session, &[("session", &r.session)]);
            report.skipped.push((files[r.file].name.clone(), why));
        }
        keep
    });

    // Notes pointing at a question their file does not have.
    let mut bad_notes: Vec<String> = Vec::new();
    for r in &rooms {
        for n in &r.notes {
            if !r.has_question(n.question) {
                bad_notes.push(lang.problem_line(
                    &files[r.file].name,
                    &Problem::at(ProblemKind::NoSuchQuestion {
                        note: r.str(n.id).to_string(),
                        question: n.question,
                        questions: r.questions.len(),
                    }),
                ));
            }
        }
    }
    if !bad_notes.is_empty() && !opts.keep_going {
        return Err(MergeError(bad_notes));
    }
    report.notes_left_out = bad_notes;

    // Questions: the programme's, else the longest list the rooms have.
    programmes.extend(given_programmes.iter().cloned());
    let programme = programmes
        .iter()
        .find(|p| p.id == session)
        .or_else(|| programmes.first().filter(|_| rooms.is_empty()));
    let questions: Vec<String> = match programme.and_then(|p| p.breakout()) {
        Some(b)
            if b.questions.len() >= rooms.iter().map(|r| r.questions.len()).max().unwrap_or(0) =>
        {
            b.questions.clone()
        }
        _ => rooms
            .iter()
            .map(|r| &r.questions)
            .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)))
            .map(|q| q.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
    };

    // Rooms by name; each room file knows its room's place.
    let mut room_of_name: FxHashMap<&str, usize> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut hosts: Vec<BTreeMap<&str, Option<Timestamp>>> = Vec::new();
    let mut room_of_file: Vec<usize> = Vec::with_capacity(rooms.len());
    for r in &rooms {
        let next = names.len();
        let i = *room_of_name.entry(r.room.as_str()).or_insert(next);
        if i == next {
            names.push(r.room.clone());
            hosts.push(BTreeMap::new());
        }
        room_of_file.push(i);
        // A host's first appearance: the earliest note they took here.
        let first = r.notes.iter().map(|n| n.created_at).min();
        let host = hosts[i].entry(r.host.as_str()).or_insert(first);
        *host = match (*host, first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    // The union by id, on every core: each thread keeps the ids whose hash
    // falls to it, so no id is weighed in two places, and sorts its
    // winners into rooms.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let shards: Vec<Shard> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|k| {
                let (rooms, room_of_file, names) = (&rooms, &room_of_file, &names);
                let counts = (names.len(), questions.len());
                s.spawn(move || union_shard(rooms, room_of_file, counts, k, threads))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a merge worker does not panic"))
            .collect()
    });
    let mut notes: Vec<Vec<Vec<(Made, NoteRef)>>> = Vec::new();
    let mut copies = 0;
    let mut unique = 0;
    for shard in shards {
        copies += shard.copies;
        unique += shard.unique;
        report.tombstones += shard.tombstones;
        if notes.is_empty() {
            notes = shard.notes;
        } else {
            for (all, mine) in notes
                .iter_mut()
                .flatten()
                .zip(shard.notes.into_iter().flatten())
            {
                all.extend(mine);
            }
        }
    }
    report.duplicates = copies - unique;
    report.files_read = rooms.len();
    // Each room's answers to each question by time, then id; rooms side by
    // side. A writer's notes come in the order they were made, so the
    // lists are runs already in order, which a stable sort merges quickly.
    let id = |r: NoteRef| rooms[r.file as usize].id(r.index as usize);
    let ordered: Vec<(Vec<NoteRef>, Vec<usize>)> = parallel_map_owned(notes, |questions| {
        let mut refs = Vec::with_capacity(questions.iter().map(Vec::len).sum());
        let mut starts = vec![0];
        for mut list in questions {
            list.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1))));
            refs.extend(list.iter().map(|&(_, r)| r));
            starts.push(refs.len());
        }
        (refs, starts)
    });
    let mut harvest_rooms: Vec<HarvestRoom> = names
        .into_iter()
        .zip(hosts)
        .zip(ordered)
        .map(|((room, hosts), (notes, starts))| {
            let mut hosts: Vec<(Option<Timestamp>, &str)> =
                hosts.into_iter().map(|(h, t)| (t, h)).collect();
            hosts.sort_by(|a, b| match (a.0, b.0) {
                (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.1.cmp(b.1)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.1.cmp(b.1),
            });
            HarvestRoom {
                room,
                hosts: hosts
                    .into_iter()
                    .map(|(_, h)| h)
                    .filter(|h| !h.trim().is_empty())
                    .map(str::to_string)
                    .collect(),
                notes,
                starts,
            }
        })
        .collect();
    harvest_rooms
        .sort_by(|a, b| natord::compare(&a.room, &b.room).then_with(|| a.room.cmp(&b.room)));

    let mut sources: Vec<String> = rooms.iter().map(|r| files[r.file].name.clone()).collect();
    sources.sort();
    sources.dedup();
    report.rooms = harvest_rooms.len();
    report.hosts = harvest_rooms.iter().map(|r| r.hosts.len()).sum();
    report.notes = harvest_rooms.iter().map(HarvestRoom::note_count).sum();
    report.skipped.sort();
    let harvest = Harvest {
        format: FORMAT,
        version: crate::programme::VERSION,
        session,
        title: programme.map(|p| p.title.clone()),
        questions,
        rooms: harvest_rooms,
        sources,
        date: programme.and_then(|p| p.date),
        files: rooms,
    };
    Ok((harvest, report))
}

#[cfg(test)]
mod tests {
    use super::fast_timestamp;
    use jiff::Timestamp;

    #[test]
    fn the_fast_reader_agrees_with_jiff() {
        for s in [
            "2021-01-21T11:07:12+01:00",
            "2021-01-21T11:07:12.5+01:00",
            "2021-01-21T11:07:12.345+01:00",
            "2021-01-21T11:07:12.123456789-05:30",
            "2021-01-21T00:00:00Z",
            "2024-02-29T23:59:59+14:00",
            "1999-12-31T23:59:59.999Z",
            "2400-03-01T12:00:00+00:00",
        ] {
            assert_eq!(
                fast_timestamp(s),
                Some(s.parse::<Timestamp>().unwrap()),
                "{s}"
            );
        }
        for s in [
            "2021-02-29T11:07:12+01:00",
            "2021-01-21 11:07:12+01:00",
            "2021-01-21T24:00:00Z",
            "2021-01-21T11:07:12",
            "2021-01-21T11:07:12.+01:00",
            "2021-13-01T00:00:00Z",
            "gisteren",
        ] {
            assert_eq!(fast_timestamp(s), None, "{s}");
        }
    }
}
