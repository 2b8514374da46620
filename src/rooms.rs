//! What the lead's rooms dashboard shows: a row per room of the round the
//! lead's clock is in, as the programme lists them.
//!
//! The dashboard looks at `rooms/` (files of version 1) and `rooms/*/`
//! (a folder per round) and reads every room file through the one reader
//! ([`crate::room::read`]), again only when the file changed (its modified
//! time, length and inode). A file that cannot be read now (half synced)
//! keeps its last good copy, and so does a file that is gone for a moment
//! (a sync engine removes a file before it puts the new one there); either
//! warns on its room's row.
//!
//! All files of one room — several hosts, a stale copy, a sync engine's
//! `*.sync-conflict-*` copy — fold into one row: its hosts are the union,
//! its notes the union by note id with the merge's rules (so a copy never
//! counts twice), each under the programme's question with the same text.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::files::{self, FileStamp, Links, MISSING_GRACE, Stamp, parse_time};
use crate::programme::{Block, Programme};
use crate::room::{self, NoteForm, Version, question_key, room_key};

/// What a room tells the lead: the room file's own kinds.
pub use crate::room::SignalKind as Signal;

/// What the dashboard shows: the round the lead's clock is in, a line
/// per room of it, and what lies elsewhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rooms {
    /// The round's breakout id (`None`: the programme has no breakout).
    pub block: Option<String>,
    /// The round's questions: the programme's, then any that only room
    /// files know.
    pub questions: Vec<String>,
    pub rooms: Vec<RoomLine>,
    /// What the rooms of this round leave out, if anything.
    pub elsewhere: Option<Elsewhere>,
}

/// One room of the round: every file of it folded into one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomLine {
    /// As the programme spells it (else as its files do; else, for a file
    /// that could never be read, the file's name).
    pub room: String,
    /// Whether the programme lists the room in this round.
    pub listed: bool,
    /// Everyone who hosted it or typed a note, by their first note.
    pub hosts: Vec<String>,
    /// Live notes per question of the round.
    pub counts: Vec<usize>,
    /// How many files fold into this row; none: no host yet.
    pub files: usize,
    /// How many of them could be read (now, or before: their last good
    /// copy counts).
    pub read: usize,
    /// When a file of the room last changed on disk (a host's every
    /// keystroke reaches it within a second).
    pub changed: Option<Timestamp>,
    /// Why files of the room cannot be read now, one per file.
    pub problems: Vec<FileProblem>,
    /// The room's newest signal, and when it was given.
    pub signal: Option<(Signal, Timestamp)>,
    /// The newest message of the lead that a host of the room has shown
    /// (the message's time).
    pub seen: Option<Timestamp>,
}

/// Why a room file counts with its last good copy, or not at all (words
/// for it: `Lang::file_problem`). File names are as the dashboard names
/// them (below `rooms/`), made safe to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Gone from the folder for a moment; its last copy still counts.
    Missing(String),
    /// It cannot be read as it is now.
    Unreadable(files::ReadError),
    /// It can be read, but not used.
    Invalid(files::FileError),
}

impl RoomLine {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// What the rows leave out: rooms of other rounds, files of another session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Elsewhere {
    /// Other rounds with room files, their rooms and their live notes.
    pub rounds: usize,
    pub rooms: usize,
    pub notes: usize,
    /// Room files of another session.
    pub other_session: usize,
}

/// A note as the dashboard keeps it.
#[derive(Clone, Debug)]
struct KeptNote {
    id: String,
    /// 1-based, into the file's questions.
    question: usize,
    by: String,
    text: String,
    created: String,
    updated: String,
    created_at: Stamp,
    updated_at: Stamp,
    deleted: bool,
    star: bool,
}

/// What the dashboard keeps of a room file it could read.
#[derive(Clone, Debug)]
struct Kept {
    session: String,
    /// The round; `None` for version 1 (the programme's first breakout).
    block: Option<String>,
    room: String,
    hosts: Vec<String>,
    questions: Vec<String>,
    notes: Vec<KeptNote>,
    signal: Option<(Signal, Timestamp)>,
    seen: Option<Timestamp>,
}

impl Kept {
    fn of(c: &room::Checked) -> Kept {
        let v = &c.view;
        let time = |s: &str| parse_time(s).and_then(Stamp::to_timestamp);
        Kept {
            session: v.session.to_string(),
            block: v.block.as_ref().map(|b| b.to_string()),
            room: v.room.to_string(),
            hosts: c.hosts().into_iter().map(str::to_string).collect(),
            questions: v.questions.iter().map(|q| q.to_string()).collect(),
            notes: v
                .notes
                .iter()
                .zip(&c.times)
                .map(|(n, t)| KeptNote {
                    id: n.id.to_string(),
                    question: n.question,
                    by: c.by(n).to_string(),
                    text: n.text.to_string(),
                    created: n.created.to_string(),
                    updated: n.updated.to_string(),
                    created_at: t.created,
                    updated_at: t.updated,
                    deleted: n.deleted,
                    star: n.star,
                })
                .collect(),
            signal: v
                .signal
                .as_ref()
                .and_then(|s| Some((Signal::of(&s.kind)?, time(&s.at)?))),
            seen: v.seen.as_ref().and_then(|s| time(&s.message)),
        }
    }

    fn question(&self, q: usize) -> &str {
        self.questions
            .get(q.wrapping_sub(1))
            .map_or("", String::as_str)
    }

    /// A note's canonical form, the merge's last tie-break.
    fn canonical(&self, n: &KeptNote) -> String {
        NoteForm {
            id: &n.id,
            question: self.question(n.question),
            by: &n.by,
            text: &n.text,
            created: &n.created,
            updated: &n.updated,
            deleted: n.deleted,
            star: n.star,
        }
        .canonical()
    }
}

/// A `.json` entry of `rooms/` or of a round's folder in it.
#[derive(Clone, Debug)]
struct Entry {
    /// Its name below `rooms/`: `NAME.json` or `FOLDER/NAME.json`.
    name: String,
    /// The folder below `rooms/` it is in; `None` for `rooms/` itself.
    folder: Option<String>,
    stamp: FileStamp,
    /// When the file last changed (its modified time); not for an entry
    /// that is not a plain file.
    changed: Option<Timestamp>,
    /// The last copy that could be read.
    good: Option<Kept>,
    /// Why the file as it is now cannot be read.
    problem: Option<FileProblem>,
    /// Since when the file is gone (its last good copy is kept a while).
    missing_since: Option<Timestamp>,
}

impl Entry {
    /// The file's own name (without its folder).
    fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// What is wrong with the file now.
    fn problem(&self) -> Option<FileProblem> {
        if self.missing_since.is_some() {
            let name = crate::text::for_message(&self.name);
            return Some(FileProblem::Missing(name.into_owned()));
        }
        self.problem.clone()
    }
}

/// Watches `rooms/` for the dashboard.
#[derive(Default)]
pub struct RoomsWatch {
    files: BTreeMap<PathBuf, Entry>,
    /// What was last handed out.
    sent: Option<Rooms>,
}

/// Whether an entry's name is one to read: a `.json` file that is not
/// somebody's temporary file.
fn is_json(name: &str) -> bool {
    !crate::merge::is_temporary(name) && name.to_ascii_lowercase().ends_with(".json")
}

/// Reads one room file through the one reader.
fn read_file(path: &Path, name: &str) -> Result<Kept, FileProblem> {
    let shown = crate::text::for_message(name);
    let text = files::read_text(path, Links::Refuse).map_err(|e| {
        // Named as the dashboard names it.
        FileProblem::Unreadable(files::ReadError {
            file: shown.to_string(),
            ..e
        })
    })?;
    let checked = room::read(&text, &shown).map_err(FileProblem::Invalid)?;
    Ok(Kept::of(&checked))
}

impl RoomsWatch {
    /// Looks at `rooms` again (reading only files that changed) and sums
    /// up the round of block `at` of the lead's clock; the rows when they
    /// differ from those handed out last. `real` is the wall clock, for
    /// how long a file that went away is kept.
    pub fn scan(
        &mut self,
        rooms: &Path,
        programme: &Programme,
        at: usize,
        real: Timestamp,
    ) -> Option<Rooms> {
        self.look(rooms, real);
        let rows = self.rows(programme, at);
        if self.sent.as_ref() == Some(&rows) {
            return None;
        }
        self.sent = Some(rows.clone());
        Some(rows)
    }

    /// The round of what was handed out last.
    pub fn round(&self) -> Option<&str> {
        self.sent.as_ref()?.block.as_deref()
    }

    /// Reads what changed in `rooms/` and `rooms/*/`; forgets files that
    /// have been gone for a while.
    fn look(&mut self, rooms: &Path, real: Timestamp) {
        let mut present = HashSet::new();
        for (entry, name) in entries(rooms) {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // A link to a folder is a link: not followed.
            if kind.is_dir() {
                for (inner, file) in entries(&entry.path()) {
                    if is_json(&file) {
                        self.visit(&inner, format!("{name}/{file}"), Some(&name));
                        present.insert(inner.path());
                    }
                }
            } else if is_json(&name) {
                self.visit(&entry, name, None);
                present.insert(entry.path());
            }
        }
        self.files.retain(|path, e| {
            if present.contains(path) {
                e.missing_since = None;
                return true;
            }
            if e.good.is_none() {
                return false;
            }
            let since = *e.missing_since.get_or_insert(real);
            real.duration_since(since) < MISSING_GRACE
        });
    }

    /// Reads the file of `entry` if it changed since it was last read.
    fn visit(&mut self, entry: &std::fs::DirEntry, name: String, folder: Option<&str>) {
        let path = entry.path();
        // The entry's own metadata: a link's, not what it points to.
        let Ok(meta) = entry.metadata() else {
            return;
        };
        let stamp = FileStamp::of(&meta);
        if self.files.get(&path).is_some_and(|e| e.stamp == stamp) {
            return;
        }
        let read = read_file(&path, &name);
        let e = self.files.entry(path).or_insert_with(|| Entry {
            name,
            folder: folder.map(str::to_string),
            stamp,
            changed: None,
            good: None,
            problem: None,
            missing_since: None,
        });
        e.stamp = stamp;
        e.changed = meta
            .is_file()
            .then(|| meta.modified().ok())
            .flatten()
            .and_then(|t| Timestamp::try_from(t).ok());
        match read {
            Ok(kept) => {
                e.good = Some(kept);
                e.problem = None;
            }
            Err(why) => e.problem = Some(why),
        }
    }

    /// The rows of the round of block `at` from what was read.
    pub fn rows(&self, programme: &Programme, at: usize) -> Rooms {
        let Some(round) = programme.round_at(at) else {
            return Rooms::default();
        };
        let first = programme.breakout().map(|b| b.id.as_str());
        let mut places: BTreeMap<(&str, Place), Vec<&Entry>> = BTreeMap::new();
        let mut elsewhere = Elsewhere::default();
        for e in self.files.values() {
            match &e.good {
                Some(k) if k.session != programme.id => elsewhere.other_session += 1,
                Some(k) => {
                    let Some(block) = k.block.as_deref().or(first) else {
                        continue;
                    };
                    let place = Place::Room(room_key(&k.room));
                    places.entry((block, place)).or_default().push(e);
                }
                // Never read: where its name puts it. A copy oogst set
                // aside itself and nobody can read is passed over.
                None if room::FileRole::of(Path::new(&e.name)) == room::FileRole::SetAside => {}
                None => {
                    let block = match &e.folder {
                        None => programme.breakout(),
                        Some(dir) => programme
                            .breakouts()
                            .find(|b| room::block_dir(&b.id) == *dir),
                    };
                    let Some(block) = block else { continue };
                    let place = match guess_room(block, e) {
                        Some(name) => Place::Room(room_key(name)),
                        None => Place::File(e.name.clone()),
                    };
                    places.entry((&block.id, place)).or_default().push(e);
                }
            }
        }

        // The round's rooms: the programme's, then the others.
        let mut listed: Vec<(Place, String)> = Vec::new();
        for name in &round.rooms {
            let place = Place::Room(room_key(name));
            if !listed.iter().any(|(p, _)| *p == place) {
                listed.push((place, name.clone()));
            }
        }
        let mut others: Vec<(Place, String)> = places
            .iter()
            .filter(|((block, place), _)| {
                *block == round.id && !listed.iter().any(|(p, _)| p == place)
            })
            .map(|((_, place), files)| (place.clone(), shown_name(place, files)))
            .collect();
        others.sort_by(|a, b| natord::compare(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));

        // The union of each room's notes; the questions only files know.
        let mut rooms: Vec<(String, bool, Vec<&Entry>, Vec<Winner>)> = Vec::new();
        for (listed, (place, name)) in listed
            .into_iter()
            .map(|r| (true, r))
            .chain(others.into_iter().map(|r| (false, r)))
        {
            let files = places.remove(&(&round.id, place)).unwrap_or_default();
            let won = union(&files);
            rooms.push((name, listed, files, won));
        }
        let questions = round_questions(round, rooms.iter().flat_map(|r| &r.3));
        let index: HashMap<String, usize> = questions
            .iter()
            .enumerate()
            .rev()
            .map(|(i, q)| (question_key(q).into_owned(), i))
            .collect();

        let mut rows = Rooms {
            block: Some(round.id.clone()),
            questions: questions.clone(),
            rooms: Vec::with_capacity(rooms.len()),
            elsewhere: None,
        };
        for (name, listed, files, won) in rooms {
            let mut counts = vec![0; questions.len()];
            for (k, n) in &won {
                if let Some(&q) = index.get(question_key(k.question(n.question)).as_ref()) {
                    counts[q] += 1;
                }
            }
            let good = || files.iter().filter_map(|e| e.good.as_ref());
            rows.rooms.push(RoomLine {
                room: name,
                listed,
                hosts: hosts(good(), &won),
                counts,
                files: files.len(),
                read: good().count(),
                changed: files.iter().filter_map(|e| e.changed).max(),
                problems: files.iter().filter_map(|e| e.problem()).collect(),
                signal: good()
                    .filter_map(|k| k.signal)
                    .max_by_key(|&(kind, at)| (at, kind == Signal::Help)),
                seen: good().filter_map(|k| k.seen).max(),
            });
        }

        // Other rounds: their rooms that have a file read, and notes.
        let mut rounds = BTreeSet::new();
        for ((block, _), files) in &places {
            if files.iter().any(|e| e.good.is_some()) {
                rounds.insert(*block);
                elsewhere.rooms += 1;
                elsewhere.notes += union(files).len();
            }
        }
        elsewhere.rounds = rounds.len();
        if elsewhere != Elsewhere::default() {
            rows.elsewhere = Some(elsewhere);
        }
        rows
    }
}

/// The entries of a folder that are not somebody's temporary files, with
/// their names.
fn entries(dir: &Path) -> Vec<(std::fs::DirEntry, String)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    read.flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (e, name)
        })
        .filter(|(_, name)| !crate::merge::is_temporary(name))
        .collect()
}

/// Where the files of a round go: a room (by its key), or, for a file
/// that was never read and whose name says no room, a place of its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Room(String),
    File(String),
}

/// A room's name where the programme does not give it: the files' own
/// spelling (the same whatever their order), else the file's name.
fn shown_name(place: &Place, files: &[&Entry]) -> String {
    let spelt = files
        .iter()
        .filter_map(|e| e.good.as_ref().map(|k| k.room.as_str()))
        .min();
    match (spelt, place) {
        (Some(name), _) => name.to_string(),
        (None, Place::File(name)) => name.clone(),
        (None, Place::Room(_)) => files.first().map_or(String::new(), |e| e.name.clone()),
    }
}

/// The room of `block` that the name of a file that could never be read
/// points to: the hash that oogst puts in a round's file names, or the
/// slug of a version 1 name.
fn guess_room<'b>(block: &'b Block, e: &Entry) -> Option<&'b str> {
    let file = e.file_name();
    block
        .rooms
        .iter()
        .find(|r| {
            let hash = room::file_suffix(r, "");
            let v1 = room::v1_file_name(r, "");
            let v1 = v1.trim_end_matches(".json");
            file.contains(&hash) || (e.folder.is_none() && file.starts_with(v1))
        })
        .map(String::as_str)
}

/// A note that won the union, with its file.
type Winner<'a> = (&'a Kept, &'a KeptNote);

/// The live notes of one room's files: of every note id the copy the
/// merge would keep (later `updated`, then a tombstone, then the longer
/// text, then the canonical form), tombstones left out.
fn union<'a>(files: &[&'a Entry]) -> Vec<Winner<'a>> {
    let mut best: HashMap<&str, Winner> = HashMap::new();
    for k in files.iter().filter_map(|e| e.good.as_ref()) {
        for n in &k.notes {
            match best.get(n.id.as_str()) {
                Some(&held) if !beats((k, n), held) => {}
                _ => {
                    best.insert(&n.id, (k, n));
                }
            }
        }
    }
    let mut live: Vec<Winner> = best.into_values().filter(|(_, n)| !n.deleted).collect();
    live.sort_by(|a, b| (a.1.created_at, &a.1.id).cmp(&(b.1.created_at, &b.1.id)));
    live
}

/// Whether copy `a` of a note beats copy `b`: the merge order, total.
fn beats(a: Winner, b: Winner) -> bool {
    fn version(n: &KeptNote) -> Version<'_> {
        Version {
            updated: n.updated_at,
            deleted: n.deleted,
            text: &n.text,
        }
    }
    version(a.1).beats(&version(b.1), |first| {
        let (k, n) = if first { a } else { b };
        k.canonical(n)
    })
}

/// The round's questions: the programme's, then those only room files
/// know that a live note uses (by where they stand in their file, then
/// text), as the merge orders them.
fn round_questions<'a>(round: &Block, notes: impl Iterator<Item = &'a Winner<'a>>) -> Vec<String> {
    let known: HashSet<String> = round
        .questions
        .iter()
        .map(|q| question_key(q).into_owned())
        .collect();
    let mut extra: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (k, n) in notes {
        let text = k.question(n.question);
        let key = question_key(text);
        if known.contains(key.as_ref()) {
            continue;
        }
        let seen = extra
            .entry(key.into_owned())
            .or_insert_with(|| (n.question, text.to_string()));
        if (n.question, text) < (seen.0, seen.1.as_str()) {
            *seen = (n.question, text.to_string());
        }
    }
    let mut extra: Vec<(String, (usize, String))> = extra.into_iter().collect();
    extra.sort_by(|a, b| (a.1.0, &a.0).cmp(&(b.1.0, &b.0)));
    let mut questions = round.questions.clone();
    questions.extend(extra.into_iter().map(|(_, (_, text))| text));
    questions
}

/// A room's hosts: every file's, and whoever typed a live note; by the
/// time of their first note, then name.
fn hosts<'a>(files: impl Iterator<Item = &'a Kept>, won: &[Winner]) -> Vec<String> {
    let mut first: BTreeMap<&str, Option<Stamp>> = BTreeMap::new();
    for k in files {
        for h in &k.hosts {
            first.entry(h).or_insert(None);
        }
    }
    for (_, n) in won {
        let t = first.entry(&n.by).or_insert(None);
        *t = Some(t.map_or(n.created_at, |t| t.min(n.created_at)));
    }
    room::hosts_in_order(first)
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests;
