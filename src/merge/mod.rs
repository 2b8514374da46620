//! The harvest: every room file merged into one document.
//!
//! Merging is a union of notes keyed by (round, room, note id) within one
//! session. Where files hold the same key, the copy with the later
//! `updated` wins; on a tie a tombstone wins, then the longer text, then
//! the copy whose canonical form sorts last — a total order, so the same
//! files in any order, once or twice, give the same harvest. Questions
//! are matched by their text, rooms by their name (case and accents
//! ignored). Nothing is dropped silently: every file that is skipped, and
//! why, is reported, and every note read is in the harvest or counted.
//!
//! A large merge is mostly memory traffic, so it touches as little as it
//! can: every core reads its files through one buffer, parses them with
//! the room reader's hand-written fast path, and keeps of each file only
//! its notes' strings, side by side in one store, and their times as
//! instants. The union then moves only small references, and the
//! documents look each string up as they write it.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::files::{
    FileError, Problem, ProblemKind, ReadError, Special, Stamp, Unreadable, parse_time,
};
use crate::par::parallel_map;
use crate::programme::Programme;
use crate::room::{self, Checked, Classified, question_key, room_key};

pub mod live;
mod read;

pub(crate) use read::is_temporary;
pub use read::{Input, Inputs, json_files_in, read_inputs};
pub use room::Version;

pub const FORMAT: &str = "oogst-harvest";
/// The version this oogst writes, and the highest `check` reads.
pub const VERSION: u64 = 2;

/// A note as the merge keeps it: its strings one after the other in its
/// file's [`Room::store`] (`created`, `updated` unless it is the same,
/// `id`, `text`), and when it was created as an instant. Small, for a
/// large merge keeps a great many: when a note was updated is read again
/// from its string in the rare case that two copies of it meet.
#[derive(Clone, Debug, PartialEq)]
struct Note {
    created_at: Stamp,
    /// Where its strings start in the store (a file is at most 64 MiB,
    /// and its store no larger).
    at: u32,
    id_len: u32,
    text_len: u32,
    /// Into the file's `bys`.
    by: u32,
    /// 1-based, into the file's `questions`.
    question: u32,
    /// A time is at most 35 bytes (see [`parse_time`]).
    created_len: u8,
    /// 0: the same as `created`.
    updated_len: u8,
    deleted: bool,
    star: bool,
}

const _: () = assert!(std::mem::size_of::<Note>() <= 48);

/// A room file's draft, as kept.
#[derive(Clone, Debug, PartialEq)]
struct KeptDraft {
    /// 1-based, into the file's `questions`.
    question: usize,
    text: String,
    /// The new note set aside while a note is edited.
    aside: String,
    /// The note being edited, if the text is an edit.
    editing: Option<String>,
    updated: Option<Stamp>,
}

/// A room file as the merge keeps it: all that the harvest needs, in a
/// few allocations (the file's text itself is not kept).
#[derive(Clone, Debug, PartialEq)]
struct Room {
    /// Which input it is.
    file: usize,
    session: String,
    /// The round: the file's `block`; `None` for version 1 (the first breakout).
    block: Option<String>,
    room: String,
    writer: String,
    hosts: Vec<String>,
    /// The notes' `by`, each once.
    bys: Vec<String>,
    questions: Vec<String>,
    /// Every note's strings, one after the other.
    store: String,
    notes: Vec<Note>,
    draft: Option<KeptDraft>,
    /// Whether every note's id is this file's writer's (as oogst writes
    /// them): then the whole file goes to one thread of the union.
    uniform: bool,
    /// Whether the notes' ids ascend (as a writer makes them), so that no
    /// two are the same.
    ascending: bool,
    /// How many of its notes are tombstones.
    deleted: usize,
    /// The questions (1-based, by place) its notes that are not
    /// tombstones answer.
    live_questions: Vec<bool>,
}

impl Room {
    fn slice(&self, at: u32, len: u32) -> &str {
        let at = at as usize;
        self.store.get(at..at + len as usize).unwrap_or("")
    }

    fn created(&self, n: &Note) -> &str {
        self.slice(n.at, n.created_len.into())
    }

    fn updated(&self, n: &Note) -> &str {
        match n.updated_len {
            0 => self.created(n),
            len => self.slice(n.at + u32::from(n.created_len), len.into()),
        }
    }

    fn id(&self, n: &Note) -> &str {
        let at = n.at + u32::from(n.created_len) + u32::from(n.updated_len);
        self.slice(at, n.id_len)
    }

    fn text(&self, n: &Note) -> &str {
        let at = n.at + u32::from(n.created_len) + u32::from(n.updated_len) + n.id_len;
        self.slice(at, n.text_len)
    }

    /// All of a note's strings, one after the other.
    fn strings(&self, n: &Note) -> &str {
        let len = u32::from(n.created_len) + u32::from(n.updated_len) + n.id_len + n.text_len;
        self.slice(n.at, len)
    }

    /// When a note was updated (its time was read before: it is one).
    fn updated_at(&self, n: &Note) -> Stamp {
        if n.updated_len == 0 {
            n.created_at
        } else {
            parse_time(self.updated(n)).unwrap_or(n.created_at)
        }
    }

    /// Keeps what the merge needs of a file the room reader accepted.
    fn keep(file: usize, c: &Checked) -> Room {
        let v = &c.view;
        let bytes: usize = v
            .notes
            .iter()
            .map(|n| {
                n.id.len()
                    + n.text.len()
                    + n.created.len()
                    + if n.updated != n.created {
                        n.updated.len()
                    } else {
                        0
                    }
            })
            .sum();
        let mut store = String::with_capacity(bytes);
        let mut bys: Vec<String> = Vec::new();
        let prefix_ok = |id: &str| {
            id.len() > v.writer.len()
                && id.as_bytes()[v.writer.len()] == b'-'
                && id.starts_with(v.writer.as_ref())
                && id.as_bytes()[v.writer.len() + 1..]
                    .iter()
                    .all(|&b| b != b'-')
        };
        let mut uniform = true;
        let mut ascending = true;
        let mut deleted = 0;
        let mut live_questions = vec![false; v.questions.len()];
        let mut notes = Vec::with_capacity(v.notes.len());
        for (i, (n, created_at)) in v
            .notes
            .iter()
            .zip(c.times.iter().map(|t| t.created))
            .enumerate()
        {
            let by = c.by(n);
            let by = match bys.iter().position(|b| b == by) {
                Some(i) => i,
                None => {
                    bys.push(by.to_string());
                    bys.len() - 1
                }
            };
            uniform &= prefix_ok(&n.id);
            ascending &= i == 0 || v.notes[i - 1].id < n.id;
            if n.deleted {
                deleted += 1;
            } else if let Some(q) = live_questions.get_mut(n.question.wrapping_sub(1)) {
                *q = true;
            }
            let at = store.len() as u32;
            store.push_str(&n.created);
            // A note never edited was updated when it was created.
            let updated_len = if n.updated == n.created {
                0
            } else {
                store.push_str(&n.updated);
                n.updated.len() as u8
            };
            store.push_str(&n.id);
            store.push_str(&n.text);
            notes.push(Note {
                created_at,
                at,
                id_len: n.id.len() as u32,
                text_len: n.text.len() as u32,
                by: by as u32,
                question: n.question as u32,
                created_len: n.created.len() as u8,
                updated_len,
                deleted: n.deleted,
                star: n.star,
            });
        }
        Room {
            file,
            uniform,
            ascending,
            deleted,
            live_questions,
            session: v.session.to_string(),
            block: v.block.as_ref().map(|b| b.to_string()),
            room: v.room.to_string(),
            writer: v.writer.to_string(),
            hosts: c.hosts().into_iter().map(str::to_string).collect(),
            bys,
            questions: v.questions.iter().map(|q| q.to_string()).collect(),
            store,
            notes,
            draft: v.draft.as_ref().map(|d| KeptDraft {
                question: d.question,
                text: d.text.to_string(),
                aside: d.aside.as_deref().unwrap_or("").to_string(),
                editing: d.editing.as_ref().map(|e| e.to_string()),
                updated: d.updated.as_deref().and_then(parse_time),
            }),
        }
    }

    fn by(&self, n: &Note) -> &str {
        self.bys.get(n.by as usize).map_or("", String::as_str)
    }

    fn question(&self, q: usize) -> &str {
        self.questions
            .get(q.wrapping_sub(1))
            .map_or("", String::as_str)
    }

    /// The host now: the last of `hosts`.
    fn host(&self) -> &str {
        self.hosts.last().map_or("", String::as_str)
    }

    /// A note's canonical form, for the last tie-break of the merge order.
    fn canonical(&self, n: &Note) -> String {
        room::NoteForm {
            id: self.id(n),
            question: self.question(n.question as usize),
            by: self.by(n),
            text: self.text(n),
            created: self.created(n),
            updated: self.updated(n),
            deleted: n.deleted,
            star: n.star,
        }
        .canonical()
    }
}

/// Where a note is: which room file, which of its notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NoteRef {
    file: u32,
    index: u32,
}

/// A note of the harvest, as documents show it and the JSON has it. Its
/// strings are looked up only when asked for (a document mostly needs
/// the text alone).
#[derive(Clone, Copy, Debug)]
pub struct HarvestNote<'h> {
    file: &'h Room,
    note: &'h Note,
    /// Its strings, as [`Room::strings`] has them.
    strings: &'h str,
    /// 1-based, into the round's questions.
    question: usize,
}

impl<'h> HarvestNote<'h> {
    /// `len` bytes of its strings from `at`.
    fn part(&self, at: u32, len: u32) -> &'h str {
        let at = at as usize;
        self.strings.get(at..at + len as usize).unwrap_or("")
    }

    pub fn id(&self) -> &'h str {
        let n = self.note;
        let at = u32::from(n.created_len) + u32::from(n.updated_len);
        self.part(at, n.id_len)
    }

    pub fn question(&self) -> usize {
        self.question
    }

    pub fn text(&self) -> &'h str {
        let n = self.note;
        let at = u32::from(n.created_len) + u32::from(n.updated_len) + n.id_len;
        self.part(at, n.text_len)
    }

    pub fn by(&self) -> &'h str {
        self.file.by(self.note)
    }

    pub fn star(&self) -> bool {
        self.note.star
    }

    pub fn created(&self) -> &'h str {
        self.part(0, self.note.created_len.into())
    }

    pub fn updated(&self) -> &'h str {
        match self.note.updated_len {
            0 => self.created(),
            len => self.part(self.note.created_len.into(), len.into()),
        }
    }
}

impl Serialize for HarvestNote<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("HarvestNote", 7)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("question", &self.question())?;
        st.serialize_field("text", self.text())?;
        st.serialize_field("by", self.by())?;
        st.serialize_field("star", &self.star())?;
        st.serialize_field("created", self.created())?;
        st.serialize_field("updated", self.updated())?;
        st.end()
    }
}

/// What a host was still typing, not added as a note ("concept").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HarvestDraft {
    /// 1-based, into the round's questions.
    pub question: usize,
    pub text: String,
    pub by: String,
}

#[derive(Clone, Debug)]
pub struct HarvestRoom {
    pub room: String,
    pub hosts: Vec<String>,
    pub drafts: Vec<HarvestDraft>,
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

    /// The drafts of question `q` (1-based).
    pub fn drafts_of(&self, q: usize) -> impl Iterator<Item = &HarvestDraft> {
        self.drafts.iter().filter(move |d| d.question == q)
    }

    /// Whether the room has anything (a note or a draft) for question `q`.
    pub fn has(&self, q: usize) -> bool {
        self.count_of(q) > 0 || self.drafts_of(q).next().is_some()
    }

    fn range_of(&self, q: usize) -> std::ops::Range<usize> {
        match (self.starts.get(q.wrapping_sub(1)), self.starts.get(q)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }
}

/// One breakout round of the harvest.
#[derive(Clone, Debug)]
pub struct HarvestRound {
    /// The breakout's id; `None` for files of version 1 when no programme
    /// says which breakout was the first.
    pub block: Option<String>,
    /// The breakout's title, from the programme.
    pub title: Option<String>,
    pub questions: Vec<String>,
    pub rooms: Vec<HarvestRoom>,
}

impl HarvestRound {
    pub fn note_count(&self) -> usize {
        self.rooms.iter().map(HarvestRoom::note_count).sum()
    }

    pub fn draft_count(&self) -> usize {
        self.rooms.iter().map(|r| r.drafts.len()).sum()
    }

    /// How many notes (and drafts) answer question `q` in every room.
    pub fn count_of(&self, q: usize) -> usize {
        self.rooms.iter().map(|r| r.count_of(q)).sum()
    }

    /// The round's name for people: its title, else its block id.
    pub fn name(&self) -> Option<&str> {
        self.title.as_deref().or(self.block.as_deref())
    }
}

/// The merged harvest; serialised, it is the `oogst-harvest` document.
#[derive(Clone, Debug)]
pub struct Harvest {
    pub session: String,
    pub title: Option<String>,
    /// The programme's date.
    pub date: Option<jiff::civil::Date>,
    pub rounds: Vec<HarvestRound>,
    pub sources: Vec<String>,
    /// Every room file as kept; the rooms point into them.
    files: Vec<Room>,
}

impl Harvest {
    pub fn note_count(&self) -> usize {
        self.rounds.iter().map(HarvestRound::note_count).sum()
    }

    pub fn draft_count(&self) -> usize {
        self.rounds.iter().map(HarvestRound::draft_count).sum()
    }

    pub fn room_count(&self) -> usize {
        self.rounds.iter().map(|r| r.rooms.len()).sum()
    }

    /// A room's notes, in order.
    pub fn notes<'h>(&'h self, room: &'h HarvestRoom) -> Notes<'h> {
        self.notes_in(room, 0..room.notes.len())
    }

    /// A room's notes in `range` of its notes in order (a part of
    /// [`Harvest::notes`], to write a large room in pieces).
    pub fn notes_in<'h>(
        &'h self,
        room: &'h HarvestRoom,
        range: std::ops::Range<usize>,
    ) -> Notes<'h> {
        let end = range.end.min(room.notes.len());
        let start = range.start.min(end);
        Notes {
            files: &self.files,
            refs: &room.notes[start..end],
            starts: &room.starts,
            question: 1,
            at: 0,
            base: start,
            looked: [None; LOOK_AHEAD],
            from: 0,
            to: 0,
        }
    }

    /// A room's notes for question `q` (1-based), in order.
    pub fn notes_of<'h>(&'h self, room: &'h HarvestRoom, q: usize) -> Notes<'h> {
        let range = room.range_of(q);
        Notes {
            files: &self.files,
            refs: &room.notes[range.clone()],
            starts: &[],
            question: q,
            at: 0,
            base: range.start,
            looked: [None; LOOK_AHEAD],
            from: 0,
            to: 0,
        }
    }
}

/// How many notes [`Notes`] looks up at a time. A large harvest's notes
/// lie all over memory (each in its own file's store), and they are
/// written in another order than they are stored: looked up one by one as
/// they are written, each would wait for memory in turn; looked up
/// sixteen together, the waits overlap.
const LOOK_AHEAD: usize = 16;

/// A note looked up: its file, itself, its strings.
type Looked<'h> = (&'h Room, &'h Note, &'h str);

/// Notes in order.
pub struct Notes<'h> {
    files: &'h [Room],
    refs: &'h [NoteRef],
    /// Where each question starts (all of a room's notes), or empty (one
    /// question's notes).
    starts: &'h [usize],
    question: usize,
    at: usize,
    base: usize,
    /// The notes of `refs[from..to]`, looked up (`None` where a reference
    /// leads nowhere, which ends the notes).
    looked: [Option<Looked<'h>>; LOOK_AHEAD],
    from: usize,
    to: usize,
}

impl Notes<'_> {
    /// Looks up the next [`LOOK_AHEAD`] notes from `at`: first every note
    /// (one small loop, so that the processor has all of them on the way
    /// at once), then every note's strings (the same).
    fn look_up(&mut self) {
        let files = self.files;
        let refs = self.refs.get(self.at..).unwrap_or_default();
        let refs = &refs[..refs.len().min(LOOK_AHEAD)];
        let mut notes: [Option<(&Room, &Note)>; LOOK_AHEAD] = [None; LOOK_AHEAD];
        for (slot, r) in notes.iter_mut().zip(refs) {
            *slot = files
                .get(r.file as usize)
                .and_then(|f| Some((f, f.notes.get(r.index as usize)?)));
        }
        for (slot, n) in self.looked.iter_mut().zip(notes) {
            *slot = n.map(|(f, n)| (f, n, f.strings(n)));
        }
        self.from = self.at;
        self.to = self.at + refs.len();
    }
}

impl<'h> Iterator for Notes<'h> {
    type Item = HarvestNote<'h>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.to {
            self.look_up();
        }
        let (file, note, strings) = (*self.looked.get(self.at - self.from)?)?;
        // Across questions: the question of this place.
        while self
            .starts
            .get(self.question)
            .is_some_and(|&end| self.base + self.at >= end)
        {
            self.question += 1;
        }
        self.at += 1;
        Some(HarvestNote {
            file,
            note,
            strings,
            question: self.question,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.refs.len().saturating_sub(self.at);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Notes<'_> {}

impl Serialize for Harvest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Round<'h>(&'h Harvest, &'h HarvestRound);
        struct Room<'h>(&'h Harvest, &'h HarvestRoom);
        struct RoomNotes<'h>(&'h Harvest, &'h HarvestRoom);
        impl Serialize for Round<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let rooms: Vec<Room> = self.1.rooms.iter().map(|r| Room(self.0, r)).collect();
                let mut st = s.serialize_struct("HarvestRound", 4)?;
                st.serialize_field("block", &self.1.block)?;
                st.serialize_field("title", &self.1.title)?;
                st.serialize_field("questions", &self.1.questions)?;
                st.serialize_field("rooms", &rooms)?;
                st.end()
            }
        }
        impl Serialize for Room<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("HarvestRoom", 4)?;
                st.serialize_field("room", &self.1.room)?;
                st.serialize_field("hosts", &self.1.hosts)?;
                st.serialize_field("notes", &RoomNotes(self.0, self.1))?;
                st.serialize_field("drafts", &self.1.drafts)?;
                st.end()
            }
        }
        impl Serialize for RoomNotes<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.notes(self.1))
            }
        }
        let rounds: Vec<Round> = self.rounds.iter().map(|r| Round(self, r)).collect();
        let mut st = s.serialize_struct("Harvest", 8)?;
        st.serialize_field("format", FORMAT)?;
        st.serialize_field("version", &VERSION)?;
        st.serialize_field("session", &self.session)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("date", &self.date.map(|d| d.to_string()))?;
        st.serialize_field("rounds", &rounds)?;
        st.serialize_field("sources", &self.sources)?;
        st.end()
    }
}

// ---------------------------------------------------------------------------
// A harvest read back, for `oogst check`.

/// A harvest read back (for `oogst check`): every field of the spec, each
/// note pointing at one of its round's questions, with real times.
/// Version 1 (one list of questions and rooms) is read too.
pub struct HarvestFile {
    pub session: String,
    pub title: Option<String>,
    pub rounds: Vec<HarvestFileRound>,
}

#[derive(Deserialize)]
pub struct HarvestFileRound {
    #[serde(default)]
    pub block: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub questions: Vec<String>,
    pub rooms: Vec<HarvestFileRoom>,
}

#[derive(Deserialize)]
pub struct HarvestFileRoom {
    pub room: String,
    pub hosts: Vec<String>,
    pub notes: Vec<HarvestFileNote>,
    #[serde(default)]
    pub drafts: Vec<HarvestFileDraft>,
}

#[derive(Deserialize)]
pub struct HarvestFileNote {
    pub id: String,
    pub question: usize,
    pub text: String,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub star: bool,
    pub created: String,
    pub updated: String,
}

#[derive(Deserialize)]
pub struct HarvestFileDraft {
    pub question: usize,
    pub text: String,
    pub by: String,
}

#[derive(Deserialize)]
struct HarvestV1 {
    session: String,
    title: Option<String>,
    questions: Vec<String>,
    rooms: Vec<HarvestFileRoom>,
}

#[derive(Deserialize)]
struct HarvestV2 {
    session: String,
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    rounds: Vec<HarvestFileRound>,
    #[allow(dead_code)]
    sources: Vec<String>,
}

impl HarvestFile {
    pub fn parse(text: &str, file: &str) -> Result<HarvestFile, FileError> {
        let fail = |p: Problem| Err(FileError::single(file, p));
        // The version first, then the shape of that version.
        let head = crate::files::head(crate::files::strip_bom(text))
            .map_err(|p| FileError::single(file, *p))?;
        let version = crate::files::check_head(&head, FORMAT, "harvest", VERSION)
            .map_err(|k| FileError::single(file, Problem::at(k)))?;
        let h = if version == 1 {
            let (v1, _): (HarvestV1, u64) =
                crate::files::parse_typed(text, file, FORMAT, "harvest", VERSION)?;
            HarvestFile {
                session: v1.session,
                title: v1.title,
                rounds: vec![HarvestFileRound {
                    block: None,
                    title: None,
                    questions: v1.questions,
                    rooms: v1.rooms,
                }],
            }
        } else {
            let (v2, _): (HarvestV2, u64) =
                crate::files::parse_typed(text, file, FORMAT, "harvest", VERSION)?;
            if let Some(d) = &v2.date
                && (d.len() != 10 || d.parse::<jiff::civil::Date>().is_err())
            {
                return fail(Problem::at(ProblemKind::BadDate { found: d.clone() }));
            }
            HarvestFile {
                session: v2.session,
                title: v2.title,
                rounds: v2.rounds,
            }
        };
        for (ri, round) in h.rounds.iter().enumerate() {
            let questions = round.questions.len();
            for (mi, room) in round.rooms.iter().enumerate() {
                let bad = room
                    .notes
                    .iter()
                    .map(|n| (n.id.clone(), n.question))
                    .chain(room.drafts.iter().map(|d| ("draft".into(), d.question)))
                    .find(|(_, q)| *q == 0 || *q > questions);
                if let Some((note, question)) = bad {
                    return fail(Problem::at(ProblemKind::NoSuchQuestion {
                        note,
                        question,
                        questions,
                    }));
                }
                for (ni, n) in room.notes.iter().enumerate() {
                    for (field, value) in [("created", &n.created), ("updated", &n.updated)] {
                        if parse_time(value).is_none() {
                            let path = format!("rounds[{ri}].rooms[{mi}].notes[{ni}].{field}");
                            return fail(Problem::bad_time(path, value));
                        }
                    }
                }
            }
        }
        Ok(h)
    }

    pub fn note_count(&self) -> usize {
        self.rounds
            .iter()
            .flat_map(|r| &r.rooms)
            .map(|r| r.notes.len())
            .sum()
    }

    pub fn room_count(&self) -> usize {
        self.rounds.iter().map(|r| r.rooms.len()).sum()
    }
}

// ---------------------------------------------------------------------------
// The merge.

/// What the merge did, for the summary on stderr.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub files_read: usize,
    pub rounds: usize,
    pub rooms: usize,
    pub hosts: usize,
    pub notes: usize,
    /// Drafts in the harvest (or, with `--no-drafts`, left out).
    pub drafts: usize,
    pub drafts_left_out: bool,
    /// Copies of a note beyond the first (the same note in two files).
    pub duplicates: usize,
    /// Notes deleted (their newest copy is a tombstone).
    pub tombstones: usize,
    /// `programme.json`, `clock.json`, `lead-state*.json`: used or passed over.
    pub session_files: usize,
    /// Room files of another session, left out (`--session`, the lead's export).
    pub other_session: usize,
    /// Files left out, and why: other formats, other sessions, files that
    /// are not plain files, and with `--keep-going` files that could not
    /// be used.
    pub skipped: Vec<(String, Skip)>,
}

/// Why a file was left out of a merge (words for it: `Lang::skip`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Not a plain file (a link, a FIFO, …) found in a folder.
    NotPlain(Special),
    /// JSON of another format (its `format`, made safe to show).
    OtherFormat(String),
    /// JSON that is no oogst file.
    NotOogst,
    /// A room file of another session (its session, made safe to show).
    OtherSession(String),
    /// It could not be read (`--keep-going`).
    Unreadable(ReadError),
    /// It could not be used (`--keep-going`, or oogst set it aside).
    Invalid(FileError),
}

/// One reason a merge could not be made (words: `Lang::merge_error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeProblem {
    /// A file could not be read.
    Unreadable(ReadError),
    /// A file could not be used.
    Invalid(FileError),
    /// Room files of several sessions and no `--session` (the sessions,
    /// made safe to show).
    MixedSessions(Vec<String>),
}

#[derive(Clone, Debug)]
pub struct Options {
    pub session: Option<String>,
    pub keep_going: bool,
    /// Whether drafts are in the harvest (`--no-drafts`: not).
    pub drafts: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            session: None,
            keep_going: false,
            drafts: true,
        }
    }
}

/// Why a merge could not be made: every problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub Vec<MergeProblem>);

/// What one input turned out to be.
enum Parsed {
    Room(Box<Room>),
    /// A file of the session that is not a room file (a programme, with
    /// its text; a clock or lead state).
    Session(Option<String>),
    /// Another format, or no oogst file at all.
    Other(Skip),
    Invalid(FileError),
    /// Not a plain file: passed over, never waited on.
    NotPlain(Special),
    /// The file could not be read.
    Unreadable(ReadError),
}

fn parse_file(i: usize, input: &Input, text: Result<&str, ReadError>) -> Parsed {
    let text = match text {
        Ok(t) => t,
        Err(ReadError {
            why: Unreadable::NotPlain(what),
            ..
        }) if !input.named() => return Parsed::NotPlain(what),
        Err(e) => return Parsed::Unreadable(e),
    };
    match room::classify(text) {
        Ok(Classified::Room(c)) => {
            let kept = Room::keep(i, &c);
            room::recycle(*c);
            Parsed::Room(Box::new(kept))
        }
        Ok(Classified::Other(head)) => match head.format.as_deref() {
            Some(crate::programme::FORMAT) => Parsed::Session(Some(text.to_string())),
            Some(crate::clock::CLOCK_FORMAT | crate::lead_state::FORMAT) => Parsed::Session(None),
            Some(other) => Parsed::Other(Skip::OtherFormat(
                crate::text::for_message(other).into_owned(),
            )),
            None => Parsed::Other(Skip::NotOogst),
        },
        Err(p) => Parsed::Invalid(FileError::single(&input.name, *p)),
    }
}

/// A round being put together.
struct RoundPlan<'p> {
    block: Option<String>,
    programme_block: Option<&'p crate::programme::Block>,
    /// Question keys of the programme's questions, by place.
    programme_questions: FxHashMap<String, u32>,
    /// Rooms by key: their place.
    rooms: FxHashMap<String, u32>,
    /// Each room's shown name.
    room_names: Vec<String>,
}

impl<'p> RoundPlan<'p> {
    /// The round of `block`: the programme's questions and rooms, if the
    /// programme has that block.
    fn new(block: Option<String>, programme: Option<&'p Programme>) -> RoundPlan<'p> {
        let programme_block = block
            .as_deref()
            .and_then(|id| programme.and_then(|p| p.block(id)));
        let mut plan = RoundPlan {
            block,
            programme_block,
            programme_questions: FxHashMap::default(),
            rooms: FxHashMap::default(),
            room_names: Vec::new(),
        };
        if let Some(b) = programme_block {
            for (i, q) in b.questions.iter().enumerate() {
                plan.programme_questions
                    .entry(question_key(q).into_owned())
                    .or_insert(i as u32);
            }
            for r in &b.rooms {
                let key = room_key(r);
                if !plan.rooms.contains_key(&key) {
                    plan.rooms.insert(key, plan.room_names.len() as u32);
                    plan.room_names.push(r.clone());
                }
            }
        }
        plan
    }

    /// Adds the rooms the programme does not list (by key: the name
    /// shown) after its own, in natural order ("Kamer 2" before "Kamer 10").
    fn add_others(&mut self, others: BTreeMap<String, String>) {
        let mut others: Vec<(String, String)> = others.into_iter().collect();
        others.sort_by(|a, b| natord::compare(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));
        for (key, name) in others {
            self.rooms.insert(key, self.room_names.len() as u32);
            self.room_names.push(name);
        }
    }

    /// The round's questions: the programme's, then those only its files
    /// know that a note or draft uses (`used`, by a file's questions in
    /// place), each placed where it first stands in any file of the
    /// round (then by text), not in the file whose copy of a note won, so
    /// that copies that tie on everything the order weighs give one
    /// harvest. With the extra questions' places among them, by key.
    fn questions<'r>(
        &self,
        files: impl Iterator<Item = (&'r Room, &'r [bool])> + Clone,
    ) -> (Vec<String>, FxHashMap<String, u32>) {
        let mut extra: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (r, used) in files.clone() {
            for (q, _) in used.iter().enumerate().filter(|(_, u)| **u) {
                let key = question_key(r.question(q + 1));
                if !self.programme_questions.contains_key(key.as_ref()) {
                    extra
                        .entry(key.into_owned())
                        .or_insert((usize::MAX, String::new()));
                }
            }
        }
        if !extra.is_empty() {
            for (r, _) in files {
                for (i, text) in r.questions.iter().enumerate() {
                    if let Some(seen) = extra.get_mut(question_key(text).as_ref())
                        && (i + 1, text.as_str()) < (seen.0, seen.1.as_str())
                    {
                        *seen = (i + 1, text.clone());
                    }
                }
            }
        }
        let mut questions: Vec<String> = self
            .programme_block
            .map(|b| b.questions.clone())
            .unwrap_or_default();
        let mut sorted: Vec<(String, (usize, String))> = extra.into_iter().collect();
        sorted.sort_by(|a, b| (a.1.0, &a.0).cmp(&(b.1.0, &b.0)));
        let mut index = FxHashMap::default();
        for (key, (_, text)) in sorted {
            index.insert(key, questions.len() as u32);
            questions.push(text);
        }
        (questions, index)
    }

    /// A file's questions as the round's (0-based; `u32::MAX` for one the
    /// round does not have: no note or draft of it is in the harvest).
    fn question_map(&self, r: &Room, extra_index: &FxHashMap<String, u32>) -> Vec<u32> {
        r.questions
            .iter()
            .map(|q| {
                let key = question_key(q);
                self.programme_questions
                    .get(key.as_ref())
                    .or_else(|| extra_index.get(key.as_ref()))
                    .copied()
                    .unwrap_or(u32::MAX)
            })
            .collect()
    }
}

/// The rounds of `keys` in the harvest's order: the programme's breakouts
/// in its order, then blocks it does not know in natural order (and the
/// round of no block, files of version 1 without a programme, first).
fn round_order(
    programme: Option<&Programme>,
    mut keys: BTreeSet<Option<String>>,
) -> Vec<Option<String>> {
    let mut order: Vec<Option<String>> = Vec::new();
    if let Some(p) = programme {
        for b in p.breakouts() {
            if keys.remove(&Some(b.id.clone())) {
                order.push(Some(b.id.clone()));
            }
        }
    }
    let mut rest: Vec<Option<String>> = keys.into_iter().collect();
    rest.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => natord::compare(a, b).then_with(|| a.cmp(b)),
        (a, b) => a.is_some().cmp(&b.is_some()),
    });
    order.extend(rest);
    order
}

/// Which of a file's questions (by place) its notes that won and are
/// not tombstones answer; in a round the programme does not know
/// (`known` false), every question the file has.
fn used_questions(r: &Room, live: &Winners, known: bool) -> Vec<bool> {
    let mut used = vec![false; r.questions.len()];
    if !known {
        used.fill(true);
    } else if let Winners::These(these) = live {
        for &i in these {
            if let Some(u) = used.get_mut(r.notes[i as usize].question as usize - 1) {
                *u = true;
            }
        }
    } else {
        used.clone_from(&r.live_questions);
    }
    used
}

/// The drafts of the harvest, as (place, file, the file's question,
/// text): of each writer in each place the newest copy's draft, every
/// non-empty text of it (the note set aside while editing, too); an
/// edit that still reads as the note it edits is no draft. Copies that
/// tie on the time are weighed by all that the harvest shows of them
/// (the note an edit is of decides whether it is shown), so that the
/// order of the files does not choose. `files` are (file, place); `live`
/// the notes of each file (by index into `rooms`) that won.
fn pick_drafts(
    rooms: &[Room],
    files: &[(usize, u32)],
    live: &[Winners],
) -> Vec<(u32, usize, usize, String)> {
    let mut draft_copies: FxHashMap<(u32, &str), usize> = FxHashMap::default();
    for &(f, place) in files {
        let r = &rooms[f];
        if r.draft.is_none() {
            continue;
        }
        let slot = draft_copies.entry((place, r.writer.as_str())).or_insert(f);
        let key = |r: &Room| {
            let d = r.draft.as_ref().expect("a file with a draft");
            (
                d.updated,
                question_key(r.question(d.question)).into_owned(),
                d.text.clone(),
                d.aside.clone(),
                r.host().to_string(),
                d.editing.clone(),
            )
        };
        if *slot != f && key(r) > key(&rooms[*slot]) {
            *slot = f;
        }
    }
    // The winning text of each note a draft with text edits, to tell an
    // edit from what it edits.
    let mut winning_text: FxHashMap<(u32, &str), &str> = draft_copies
        .iter()
        .filter_map(|(&(place, _), &f)| {
            let d = rooms[f].draft.as_ref()?;
            let editing = d.editing.as_deref()?;
            (!d.text.trim().is_empty()).then_some(((place, editing), ""))
        })
        .collect();
    if !winning_text.is_empty() {
        let mut found = Vec::new();
        for &(f, place) in files {
            let r = &rooms[f];
            for i in live[f].of(r) {
                let n = &r.notes[i as usize];
                if winning_text.contains_key(&(place, r.id(n))) {
                    found.push(((place, r.id(n)), r.text(n)));
                }
            }
        }
        // Only notes that won are there (a draft may edit a note deleted since).
        winning_text = found.into_iter().collect();
    }
    let mut drafts: Vec<(u32, usize, usize, String)> = Vec::new();
    for (&(place, _), &f) in &draft_copies {
        let r = &rooms[f];
        let Some(d) = &r.draft else { continue };
        if !d.aside.trim().is_empty() {
            drafts.push((place, f, d.question, d.aside.clone()));
        }
        let is_edit_unchanged = d
            .editing
            .as_deref()
            .is_some_and(|id| winning_text.get(&(place, id)).is_some_and(|t| *t == d.text));
        if !d.text.trim().is_empty() && !is_edit_unchanged {
            drafts.push((place, f, d.question, d.text.clone()));
        }
    }
    drafts
}

/// A room of the harvest put together from its files (`files_here`, by
/// index into `rooms`): the notes that won (`live`, by file) by the
/// round's question (`question_map`, by file; `questions` in the round),
/// then time, then id; and its hosts: every file's, and whoever typed a
/// note, with the time of their first note in the room.
fn build_place<'r>(
    rooms: &'r [Room],
    files_here: &[usize],
    live: &[Winners],
    question_map: &[Vec<u32>],
    questions: usize,
) -> Place<'r> {
    let id = |r: NoteRef| {
        let room = &rooms[r.file as usize];
        room.id(&room.notes[r.index as usize])
    };
    let mut lists: Vec<Vec<(i128, NoteRef)>> = vec![Vec::new(); questions];
    let mut hosts: BTreeMap<&str, Option<Stamp>> = BTreeMap::new();
    for &f in files_here {
        let r = &rooms[f];
        for h in &r.hosts {
            hosts.entry(h.as_str()).or_insert(None);
        }
        let mut first: Vec<Option<Stamp>> = vec![None; r.bys.len()];
        for index in live[f].of(r) {
            let n = &r.notes[index as usize];
            let q = question_map[f][n.question as usize - 1];
            if let Some(list) = lists.get_mut(q as usize) {
                let file = f as u32;
                list.push((n.created_at.0, NoteRef { file, index }));
                if let Some(t) = first.get_mut(n.by as usize) {
                    *t = Some(t.map_or(n.created_at, |t| t.min(n.created_at)));
                }
            }
        }
        for (by, t) in r.bys.iter().zip(first) {
            if let Some(t) = t {
                let first = hosts.entry(by.as_str()).or_insert(None);
                *first = Some(first.map_or(t, |f| f.min(t)));
            }
        }
    }
    // No two notes of a room have one id, so no two are equal in that
    // order. They come file by file, each file's in the order they were
    // made: runs in order, which are merged.
    let mut notes = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    let mut starts = vec![0];
    let mut scratch = Vec::new();
    for mut list in lists {
        sort_by_runs(&mut list, &mut scratch, |a, b| {
            a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1)))
        });
        notes.extend(list.iter().map(|&(_, r)| r));
        starts.push(notes.len());
    }
    Place {
        notes,
        starts,
        hosts,
    }
}

/// A draft of file `r` (its question `q`, numbered in the file) as the
/// harvest shows it, added to its room's `drafts`; its host to the room's.
fn add_draft<'r>(
    r: &'r Room,
    question_map: &[u32],
    q: usize,
    text: String,
    hosts: &mut BTreeMap<&'r str, Option<Stamp>>,
    drafts: &mut Vec<HarvestDraft>,
) {
    let by = r.host();
    hosts.entry(by).or_insert(None);
    let question = question_map[q - 1] as usize + 1;
    drafts.push(HarvestDraft {
        question,
        text,
        by: by.to_string(),
    });
}

/// A room's drafts in the harvest's order: by question, host, text.
fn sort_drafts(drafts: &mut [HarvestDraft]) {
    drafts.sort_by(|a, b| (a.question, &a.by, &a.text).cmp(&(b.question, &b.by, &b.text)));
}

/// Merges the room files of `inputs` into one harvest.
pub fn merge(inputs: &Inputs, opts: &Options) -> Result<(Harvest, Report), MergeError> {
    let mut report = Report::default();
    let mut errors: Vec<MergeProblem> = Vec::new();
    let parsed = inputs.read_each(parse_file);
    let (files, given_programmes) = (&inputs.files, &inputs.programmes);
    let mut rooms: Vec<Room> = Vec::new();
    let mut programmes: Vec<Programme> = Vec::new();
    report.skipped.extend(
        inputs
            .passed_over
            .iter()
            .map(|(name, what)| (name.clone(), Skip::NotPlain(*what))),
    );
    for (p, input) in parsed.into_iter().zip(files) {
        let name = || crate::text::for_message(&input.name).into_owned();
        match p {
            Parsed::Room(r) => rooms.push(*r),
            Parsed::Session(programme) => {
                report.session_files += 1;
                if let Some(text) = programme
                    && let Ok(p) = Programme::parse(&text, &input.name)
                {
                    programmes.push(p);
                }
            }
            Parsed::Other(why) => report.skipped.push((name(), why)),
            Parsed::NotPlain(what) => report.skipped.push((name(), Skip::NotPlain(what))),
            Parsed::Unreadable(e) if opts.keep_going => {
                report.skipped.push((name(), Skip::Unreadable(e)))
            }
            Parsed::Unreadable(e) => errors.push(MergeProblem::Unreadable(e)),
            // oogst set the file aside itself: skip it, say so.
            Parsed::Invalid(e)
                if opts.keep_going
                    || room::FileRole::of(std::path::Path::new(&input.name))
                        == room::FileRole::SetAside =>
            {
                report.skipped.push((name(), Skip::Invalid(e)));
            }
            Parsed::Invalid(e) => errors.push(MergeProblem::Invalid(e)),
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
            .iter()
            .chain(&programmes)
            .next()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        (None, 1) => sessions
            .iter()
            .next()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        (None, _) => {
            let list = sessions
                .iter()
                .map(|s| crate::text::for_message(s).into_owned())
                .collect();
            return Err(MergeError(vec![MergeProblem::MixedSessions(list)]));
        }
    };
    rooms.retain(|r| {
        let keep = r.session == session;
        if !keep {
            report.other_session += 1;
            let why = Skip::OtherSession(crate::text::for_message(&r.session).into_owned());
            report.skipped.push((
                crate::text::for_message(&files[r.file].name).into_owned(),
                why,
            ));
        }
        keep
    });

    // The programme gives rounds, titles, questions and rooms: the one
    // given (the session folder's, the lead's own) before any found among
    // the inputs.
    let programmes: Vec<Programme> = given_programmes.iter().cloned().chain(programmes).collect();
    let programme = programmes.iter().find(|p| p.id == session);
    let first_breakout = programme.and_then(|p| p.breakout()).map(|b| b.id.clone());

    // Rounds: the programme's breakouts in order, then blocks it does not
    // know (natural order); files of version 1 belong to the first breakout.
    let round_of = |r: &Room| r.block.clone().or_else(|| first_breakout.clone());
    let order = round_order(programme, rooms.iter().map(round_of).collect());
    let round_index: FxHashMap<Option<String>, u32> = order
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), i as u32))
        .collect();
    let mut plans: Vec<RoundPlan> = order
        .iter()
        .map(|block| RoundPlan::new(block.clone(), programme))
        .collect();
    let programme_rooms: Vec<usize> = plans.iter().map(|p| p.room_names.len()).collect();

    // Rooms by key within their round; each file knows its room's place
    // (round and room in one number).
    // (Each name's key once: files of one room spell it alike.)
    let mut key_of_name: FxHashMap<&str, String> = FxHashMap::default();
    let room_keys: Vec<String> = rooms
        .iter()
        .map(|r| {
            key_of_name
                .entry(r.room.as_str())
                .or_insert_with(|| room_key(&r.room))
                .clone()
        })
        .collect();
    let mut other_names: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); plans.len()];
    for (r, key) in rooms.iter().zip(&room_keys) {
        let round = round_index[&round_of(r)] as usize;
        if !plans[round].rooms.contains_key(key) {
            // A room the programme does not list: shown as the files spell
            // it (the same spelling whatever the order of the files).
            let name = other_names[round]
                .entry(key.clone())
                .or_insert_with(|| r.room.clone());
            if r.room < *name {
                *name = r.room.clone();
            }
        }
    }
    for (plan, others) in plans.iter_mut().zip(&mut other_names) {
        plan.add_others(std::mem::take(others));
    }
    // A place for every (round, room): rounds one after the other.
    let mut room_base = Vec::with_capacity(plans.len());
    let mut places = 0usize;
    for p in &plans {
        room_base.push(places);
        places += p.room_names.len();
    }
    let place_of_file: Vec<u32> = rooms
        .iter()
        .zip(&room_keys)
        .map(|(r, key)| {
            let round = round_index[&round_of(r)] as usize;
            (room_base[round] + plans[round].rooms[key] as usize) as u32
        })
        .collect();
    let round_of_place: Vec<usize> = (0..plans.len())
        .flat_map(|i| std::iter::repeat_n(i, plans[i].room_names.len()))
        .collect();

    // The union by (place, id). A note's id starts with its writer's, so
    // copies of a note can only be in files of one writer in one room:
    // a file alone with its writer in its room, whose ids all differ (as
    // oogst writes them), keeps every note as it is. The other files'
    // notes are weighed by `union_shard`, on every core.
    let all_files: Vec<(usize, u32)> = place_of_file.iter().copied().enumerate().collect();
    let alone = alone_files(&rooms, &all_files);
    let mut live: Vec<Winners> = alone
        .iter()
        .map(|&a| {
            if a {
                Winners::AllLive
            } else {
                Winners::These(Vec::new())
            }
        })
        .collect();
    let mut copies = 0;
    let mut live_count = 0;
    for (r, _) in rooms.iter().zip(&alone).filter(|(_, a)| **a) {
        copies += r.notes.len();
        live_count += r.notes.len() - r.deleted;
        report.tombstones += r.deleted;
    }
    if alone.iter().any(|a| !a) {
        let others: Vec<(usize, u32)> = all_files
            .iter()
            .copied()
            .filter(|&(f, _)| !alone[f])
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let shards: Vec<Shard> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|k| {
                    let (rooms, others) = (&rooms, &others);
                    s.spawn(move || union_shard(rooms, others, k, threads))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a merge worker does not panic"))
                .collect()
        });
        for shard in shards {
            copies += shard.copies;
            report.tombstones += shard.tombstones;
            live_count += shard.live.len();
            for w in shard.live {
                if let Winners::These(these) = &mut live[w.file as usize] {
                    these.push(w.index);
                }
            }
        }
        for w in &mut live {
            if let Winners::These(these) = w {
                these.sort_unstable();
            }
        }
    }
    report.duplicates = copies - live_count - report.tombstones;

    let mut drafts = pick_drafts(&rooms, &all_files, &live);
    report.drafts = drafts.len();
    report.drafts_left_out = !opts.drafts;
    if !opts.drafts {
        drafts.clear();
    }

    // Questions by text: each round's are the programme's, then those only
    // room files know that a note or draft uses (by where they stand in
    // their files, then text). Each file's questions once, not each note's.
    let mut used: Vec<Vec<bool>> = rooms
        .iter()
        .enumerate()
        .map(|(f, r)| {
            let plan = &plans[round_of_place[place_of_file[f] as usize]];
            used_questions(r, &live[f], plan.programme_block.is_some())
        })
        .collect();
    for &(_, f, q, _) in &drafts {
        if let Some(u) = used[f].get_mut(q - 1) {
            *u = true;
        }
    }
    let mut files_of_round: Vec<Vec<usize>> = vec![Vec::new(); plans.len()];
    for (f, &place) in place_of_file.iter().enumerate() {
        files_of_round[round_of_place[place as usize]].push(f);
    }
    let mut round_questions: Vec<Vec<String>> = Vec::with_capacity(plans.len());
    let mut extra_index: Vec<FxHashMap<String, u32>> = Vec::with_capacity(plans.len());
    for (plan, files) in plans.iter().zip(&files_of_round) {
        let (questions, index) =
            plan.questions(files.iter().map(|&f| (&rooms[f], used[f].as_slice())));
        round_questions.push(questions);
        extra_index.push(index);
    }
    drop(used);
    // Each file's questions as the round's (0-based); only those used.
    let question_map: Vec<Vec<u32>> = rooms
        .iter()
        .enumerate()
        .map(|(f, r)| {
            let round = round_of_place[place_of_file[f] as usize];
            plans[round].question_map(r, &extra_index[round])
        })
        .collect();

    // Each room's notes by question, then time, then id, and its hosts.
    let mut files_of_place: Vec<Vec<usize>> = vec![Vec::new(); places];
    for (f, &place) in place_of_file.iter().enumerate() {
        files_of_place[place as usize].push(f);
    }
    let place_ids: Vec<usize> = (0..places).collect();
    let places_done: Vec<Place> = parallel_map(&place_ids, |&place| {
        let questions = round_questions[round_of_place[place]].len();
        build_place(
            &rooms,
            &files_of_place[place],
            &live,
            &question_map,
            questions,
        )
    });
    drop(live);
    let mut hosts: Vec<BTreeMap<&str, Option<Stamp>>> = Vec::with_capacity(places);
    let mut ordered: Vec<(Vec<NoteRef>, Vec<usize>)> = Vec::with_capacity(places);
    for p in places_done {
        hosts.push(p.hosts);
        ordered.push((p.notes, p.starts));
    }
    // Drafts per place, as the harvest shows them.
    let mut place_drafts: Vec<Vec<HarvestDraft>> = vec![Vec::new(); places];
    for (place, f, q, text) in drafts {
        let (hosts, drafts) = (
            &mut hosts[place as usize],
            &mut place_drafts[place as usize],
        );
        add_draft(&rooms[f], &question_map[f], q, text, hosts, drafts);
    }
    for d in &mut place_drafts {
        sort_drafts(d);
    }

    let mut harvest_rounds: Vec<HarvestRound> = plans
        .iter()
        .zip(round_questions)
        .map(|(plan, questions)| HarvestRound {
            block: plan.block.clone(),
            title: plan.programme_block.map(|b| b.title.clone()),
            rooms: Vec::with_capacity(plan.room_names.len()),
            questions,
        })
        .collect();
    let mut place_hosts = hosts.into_iter();
    let mut place_drafts = place_drafts.into_iter();
    for (place, (notes, starts)) in ordered.into_iter().enumerate() {
        let round = round_of_place[place];
        let name = plans[round].room_names[place - room_base[round]].clone();
        let hosts = room::hosts_in_order(place_hosts.next().unwrap_or_default());
        harvest_rounds[round].rooms.push(HarvestRoom {
            room: name,
            hosts: hosts.into_iter().map(str::to_string).collect(),
            drafts: place_drafts.next().unwrap_or_default(),
            notes,
            starts,
        });
    }
    // A room of the programme with no file stays out of the harvest.
    for (round, listed) in harvest_rounds.iter_mut().zip(&programme_rooms) {
        let mut i = 0;
        round.rooms.retain(|r| {
            i += 1;
            i > *listed || r.note_count() > 0 || !r.drafts.is_empty() || !r.hosts.is_empty()
        });
    }

    let mut sources: Vec<String> = rooms.iter().map(|r| files[r.file].name.clone()).collect();
    sources.sort();
    sources.dedup();
    report.files_read = rooms.len();
    report.rounds = harvest_rounds.len();
    report.rooms = harvest_rounds.iter().map(|r| r.rooms.len()).sum();
    report.hosts = harvest_rounds
        .iter()
        .flat_map(|r| &r.rooms)
        .map(|r| r.hosts.len())
        .sum();
    report.notes = harvest_rounds.iter().map(HarvestRound::note_count).sum();
    // By name; the same file twice keeps its order of finding.
    report.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    let harvest = Harvest {
        session,
        title: programme.map(|p| p.title.clone()),
        date: programme.and_then(|p| p.date),
        rounds: harvest_rounds,
        sources,
        files: rooms,
    };
    Ok((harvest, report))
}

/// A message about a file without the file's name in front (the skip
/// list names it already).
/// Sorts `list` by `order`: the runs already in order (a room's notes,
/// file by file) are merged pairwise, as the last passes of a merge sort
/// do, with `scratch` for room; a list of many short runs is sorted
/// outright. `order` ranks no two items alike, so the order is the one.
fn sort_by_runs<T: Copy>(
    list: &mut Vec<T>,
    scratch: &mut Vec<T>,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    use std::cmp::Ordering::Greater;
    // Where each run starts, and where the last ends.
    let mut bounds = vec![0];
    bounds.extend((1..list.len()).filter(|&i| order(&list[i - 1], &list[i]) == Greater));
    bounds.push(list.len());
    if bounds.len() > 2 + list.len() / 8 {
        list.sort_unstable_by(order);
        return;
    }
    let mut merged = Vec::with_capacity(bounds.len() / 2 + 2);
    while bounds.len() > 2 {
        scratch.clear();
        merged.clear();
        merged.push(0);
        // Runs a..b and b..c, two by two.
        for run in bounds.windows(3).step_by(2) {
            let (mut a, mut b) = (&list[run[0]..run[1]], &list[run[1]..run[2]]);
            while let (Some(x), Some(y)) = (a.first(), b.first()) {
                if order(y, x) == Greater {
                    scratch.push(*x);
                    a = &a[1..];
                } else {
                    scratch.push(*y);
                    b = &b[1..];
                }
            }
            scratch.extend_from_slice(a);
            scratch.extend_from_slice(b);
            merged.push(run[2]);
        }
        // An odd number of runs: the last as it is.
        if bounds.len() % 2 == 0 {
            scratch.extend_from_slice(&list[bounds[bounds.len() - 2]..]);
            merged.push(list.len());
        }
        std::mem::swap(list, scratch);
        std::mem::swap(&mut bounds, &mut merged);
    }
}

/// The notes of a file that won the union and are not tombstones.
enum Winners {
    /// All that are not tombstones (a file alone with its writer in its room).
    AllLive,
    /// These, in order.
    These(Vec<u32>),
}

impl Winners {
    fn of<'r>(&'r self, r: &'r Room) -> impl Iterator<Item = u32> + 'r {
        let all = matches!(self, Winners::AllLive)
            .then(|| (0..r.notes.len() as u32).filter(|&i| !r.notes[i as usize].deleted));
        let these = match self {
            Winners::These(these) => these.as_slice(),
            Winners::AllLive => &[],
        };
        all.into_iter().flatten().chain(these.iter().copied())
    }
}

/// What one thread of the union found.
struct Shard {
    /// The live notes that won.
    live: Vec<NoteRef>,
    copies: usize,
    tombstones: usize,
}

/// A room of the harvest (a round's room), as put together.
struct Place<'r> {
    /// Its notes by question, then time, then id.
    notes: Vec<NoteRef>,
    /// Where each question's notes start in `notes`, and where the last ends.
    starts: Vec<usize>,
    /// Its hosts, with the time of their first note.
    hosts: BTreeMap<&'r str, Option<Stamp>>,
}

/// Which of `files` (file, place) hold no copy of another file's note,
/// nor one note twice: those alone with their writer in their room (a
/// note's id starts with its writer's), whose ids ascend, and whose
/// writer's ids no file of mixed ids in that room holds. In the order of
/// `files`.
fn alone_files(rooms: &[Room], files: &[(usize, u32)]) -> Vec<bool> {
    let mut writers: FxHashMap<(u32, &str), usize> = FxHashMap::default();
    let mut mixed: FxHashSet<(u32, &str)> = FxHashSet::default();
    for &(f, place) in files {
        let r = &rooms[f];
        if r.uniform {
            *writers.entry((place, r.writer.as_str())).or_default() += 1;
        } else {
            mixed.extend(r.notes.iter().map(|n| (place, writer_of(r.id(n)))));
        }
    }
    files
        .iter()
        .map(|&(f, place)| {
            let r = &rooms[f];
            let key = (place, r.writer.as_str());
            r.uniform && r.ascending && writers[&key] == 1 && !mixed.contains(&key)
        })
        .collect()
}

/// The part of a note id before its last `-`: its writer.
fn writer_of(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(w, _)| w)
}

/// The union of the notes of `files` (file, place) whose writer hashes
/// to `k` of `of`: the newest copy of each.
fn union_shard(rooms: &[Room], files: &[(usize, u32)], k: usize, of: usize) -> Shard {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    let shard = |writer: &str| (hasher.hash_one(writer.as_bytes()) as usize) % of;
    let total: usize = files.iter().map(|&(f, _)| rooms[f].notes.len()).sum();
    let mut best: FxHashMap<(u32, &str), NoteRef> =
        FxHashMap::with_capacity_and_hasher(total / of + 16, hasher);
    let mut copies = 0;
    for &(file, place) in files {
        let r = &rooms[file];
        let whole_file = r.uniform || of == 1;
        if whole_file && of > 1 && shard(&r.writer) != k {
            continue;
        }
        for (index, n) in r.notes.iter().enumerate() {
            let id = r.id(n);
            if !whole_file && shard(writer_of(id)) != k {
                continue;
            }
            copies += 1;
            let candidate = NoteRef {
                file: file as u32,
                index: index as u32,
            };
            match best.entry((place, id)) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(candidate);
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    if beats(rooms, candidate, *e.get()) {
                        e.insert(candidate);
                    }
                }
            }
        }
    }
    let mut live = Vec::with_capacity(best.len());
    let mut tombstones = 0;
    for w in best.into_values() {
        if rooms[w.file as usize].notes[w.index as usize].deleted {
            tombstones += 1;
        } else {
            live.push(w);
        }
    }
    Shard {
        live,
        copies,
        tombstones,
    }
}

/// Whether copy `a` of a note beats copy `b`: the merge order, total.
fn beats(rooms: &[Room], a: NoteRef, b: NoteRef) -> bool {
    let version = |r: NoteRef| {
        let f = &rooms[r.file as usize];
        let n = &f.notes[r.index as usize];
        Version {
            updated: f.updated_at(n),
            deleted: n.deleted,
            text: f.text(n),
        }
    };
    version(a).beats(&version(b), |first| {
        let r = if first { a } else { b };
        let f = &rooms[r.file as usize];
        f.canonical(&f.notes[r.index as usize])
    })
}

#[cfg(test)]
mod tests;
