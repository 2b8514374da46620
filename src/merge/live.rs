//! The harvest of a session, kept up to date one room file at a time.
//!
//! [`LiveHarvest`] holds what the batch merge ([`super::merge`]) would
//! make of the room files it has been told of, and when one file changes
//! (or appears, or goes) it takes in that file alone and puts together
//! again only what the file touches: the room it is in (the union of
//! that room's files, its notes in order, its hosts and drafts) and, when
//! the round's questions change (a question only room files know), the
//! round. The steps are the batch merge's own functions, so both give the
//! same harvest, byte for byte (a property test holds them to it).
//!
//! A file that goes missing keeps its last good copy until it is told to
//! be removed ([`Change::Removed`]: [`folder::LiveFolder`] waits a while,
//! as a sync engine removes a file before it puts the new one in its
//! place); a file that becomes unreadable keeps its last good copy too,
//! and is reported ([`LiveHarvest::problems`]).
//!
//! Pure: no file is read here. What a file holds comes in as a [`Read`],
//! made off the drawing thread by [`read`].

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::{
    Harvest, HarvestRoom, HarvestRound, Room, RoundPlan, Winners, add_draft, alone_files,
    build_place, pick_drafts, round_order, sort_drafts, union_shard, used_questions,
};
use crate::files::{FileError, ReadError, Stamp, parse_time};
use crate::programme::Programme;
use crate::room::{self, Classified, room_key};
use crate::rooms::Signal;

pub mod folder;

/// A room file as read, ready to be taken in.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveFile {
    room: Box<Room>,
    /// The room's signal to the lead, and when it was given.
    signal: Option<(Signal, Stamp)>,
}

impl LiveFile {
    /// The session the file belongs to.
    pub fn session(&self) -> &str {
        &self.room.session
    }
}

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    Room(LiveFile),
    /// Another kind of file (its format, if it has one): not a room file.
    Other(Option<String>),
    /// It could not be read.
    Unreadable(ReadError),
    /// It is no valid room file.
    Invalid(FileError),
}

/// Reads the text of file `name` (or why it could not be read) as the
/// merge reads it: through the one reader of room files.
pub fn read(name: &str, text: Result<&str, ReadError>) -> Read {
    let text = match text {
        Ok(t) => t,
        Err(e) => return Read::Unreadable(e),
    };
    match room::classify(text) {
        Ok(Classified::Room(c)) => {
            let signal = c.view.signal.as_ref().and_then(|s| {
                let kind = match s.kind.as_ref() {
                    "done" => Signal::Done,
                    "help" => Signal::Help,
                    _ => return None,
                };
                Some((kind, parse_time(&s.at)?))
            });
            let kept = Room::keep(0, &c);
            room::recycle(*c);
            Read::Room(LiveFile {
                room: Box::new(kept),
                signal,
            })
        }
        Ok(Classified::Other(head)) => Read::Other(head.format),
        Err(p) => Read::Invalid(FileError::single(name, *p)),
    }
}

/// What happened to a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// It is there (new, or changed), and this is what it holds.
    Now(Read),
    /// It is not there now (a sync engine may be putting a new copy in
    /// its place): its last good copy stays.
    Missing,
    /// It has gone for good: it leaves the harvest.
    Removed,
}

/// Why a file's last good copy (if any) stands in for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trouble {
    Unreadable(ReadError),
    Invalid(FileError),
    /// It is not there now.
    Missing,
    /// It holds another kind of file now (its format, if it has one).
    NotRoom(Option<String>),
}

/// A room of a round: the round's block (`None`: files of version 1
/// without a programme) and the room's key ([`room_key`]).
type PlaceKey = (Option<String>, String);

/// A room as kept between changes.
#[derive(Default)]
struct PlaceState {
    /// Its files (slots), in order.
    files: Vec<usize>,
    /// Its drafts: (slot, the file's question, text).
    drafts: Vec<(usize, usize, String)>,
    /// Its name as its files spell it (the first, in order).
    spelling: String,
    /// It changed, and is put together again.
    dirty: bool,
}

/// A round's questions, and the places of those only room files know.
#[derive(Default, PartialEq, Eq)]
struct RoundQuestions {
    questions: Vec<String>,
    extra: FxHashMap<String, u32>,
}

/// The harvest of one session, kept up to date file by file.
pub struct LiveHarvest {
    session: String,
    /// The session's programme (one of another session is not used).
    programme: Option<Programme>,
    harvest: Harvest,
    /// By slot (as `harvest.files`): the file's name (empty: a free slot),
    /// its room, the notes of it that won, the questions its notes and
    /// draft use, its questions as its round's, its signal.
    names: Vec<String>,
    place_of: Vec<Option<PlaceKey>>,
    winners: Vec<Winners>,
    used: Vec<Vec<bool>>,
    question_maps: Vec<Vec<u32>>,
    signals: Vec<Option<(Signal, Stamp)>>,
    free: Vec<usize>,
    by_name: FxHashMap<String, usize>,
    places: BTreeMap<PlaceKey, PlaceState>,
    rounds: FxHashMap<Option<String>, RoundQuestions>,
    /// Each room of the harvest, by round and in order, as `harvest.rounds` holds them.
    layout: Vec<Vec<PlaceKey>>,
    problems: BTreeMap<String, Trouble>,
    /// Room files of another session, by name.
    other_session: BTreeSet<String>,
    /// The set of files changed since `sources` was made.
    sources_stale: bool,
}

impl LiveHarvest {
    /// An empty harvest of `session`; `programme` gives its rounds,
    /// titles, questions and rooms when it is that session's.
    pub fn new(session: &str, programme: Option<Programme>) -> LiveHarvest {
        let programme = programme.filter(|p| p.id == session);
        LiveHarvest {
            session: session.to_string(),
            harvest: Harvest {
                session: session.to_string(),
                title: programme.as_ref().map(|p| p.title.clone()),
                date: programme.as_ref().and_then(|p| p.date),
                rounds: Vec::new(),
                sources: Vec::new(),
                files: Vec::new(),
            },
            programme,
            names: Vec::new(),
            place_of: Vec::new(),
            winners: Vec::new(),
            used: Vec::new(),
            question_maps: Vec::new(),
            signals: Vec::new(),
            free: Vec::new(),
            by_name: FxHashMap::default(),
            places: BTreeMap::new(),
            rounds: FxHashMap::default(),
            layout: Vec::new(),
            problems: BTreeMap::new(),
            other_session: BTreeSet::new(),
            sources_stale: false,
        }
    }

    /// The harvest as it stands: what `merge` would make of the files.
    pub fn harvest(&self) -> &Harvest {
        &self.harvest
    }

    pub fn session(&self) -> &str {
        &self.session
    }

    pub fn programme(&self) -> Option<&Programme> {
        self.programme.as_ref()
    }

    /// Files whose last good copy stands in for them (or that could never
    /// be read), and why, by name.
    pub fn problems(&self) -> impl Iterator<Item = (&str, &Trouble)> {
        self.problems.iter().map(|(n, t)| (n.as_str(), t))
    }

    /// How many room files of the session the harvest holds.
    pub fn files(&self) -> usize {
        self.by_name.len()
    }

    /// How many room files of another session were left out.
    pub fn other_session(&self) -> usize {
        self.other_session.len()
    }

    /// The newest signal of the room `name` of round `block`.
    pub fn signal(&self, block: Option<&str>, name: &str) -> Option<(Signal, Stamp)> {
        let key = (block.map(str::to_string), room_key(name));
        let place = self.places.get(&key)?;
        place
            .files
            .iter()
            .filter_map(|&slot| self.signals[slot])
            .max_by_key(|&(kind, at)| (at, kind == Signal::Help))
    }

    /// A new programme (of this session, else none): everything is put
    /// together again (a version 1 file's round is the first breakout).
    pub fn set_programme(&mut self, programme: Option<Programme>) {
        let programme = programme.filter(|p| p.id == self.session);
        if programme.as_ref().map(|p| &p.source) == self.programme.as_ref().map(|p| &p.source) {
            return;
        }
        self.harvest.title = programme.as_ref().map(|p| p.title.clone());
        self.harvest.date = programme.as_ref().and_then(|p| p.date);
        self.programme = programme;
        let slots: Vec<usize> = self.by_name.values().copied().collect();
        for slot in slots {
            self.unplace(slot);
            self.place(slot);
        }
        self.rounds.clear();
        self.refresh();
    }

    /// Takes in what happened to files (by name), then puts together what
    /// they touch.
    pub fn apply(&mut self, changes: impl IntoIterator<Item = (String, Change)>) {
        for (name, change) in changes {
            self.take(name, change);
        }
        self.refresh();
    }

    fn take(&mut self, name: String, change: Change) {
        let kept = self.by_name.contains_key(&name);
        let set_aside = room::FileRole::of(std::path::Path::new(&name)) == room::FileRole::SetAside;
        let trouble = match change {
            Change::Now(Read::Room(file)) => {
                self.problems.remove(&name);
                if file.room.session != self.session {
                    self.remove(&name);
                    self.other_session.insert(name);
                } else {
                    self.other_session.remove(&name);
                    self.put(name, file);
                }
                return;
            }
            Change::Removed => {
                self.problems.remove(&name);
                self.other_session.remove(&name);
                self.remove(&name);
                return;
            }
            Change::Missing if kept => Trouble::Missing,
            Change::Missing => {
                self.problems.remove(&name);
                self.other_session.remove(&name);
                return;
            }
            Change::Now(Read::Other(format)) if kept => Trouble::NotRoom(format),
            // Other JSON among the room files is no concern of the harvest.
            Change::Now(Read::Other(_)) => {
                self.problems.remove(&name);
                return;
            }
            // A copy oogst set aside itself, that nobody can read: passed over.
            Change::Now(Read::Unreadable(_) | Read::Invalid(_)) if set_aside && !kept => return,
            Change::Now(Read::Unreadable(e)) => Trouble::Unreadable(e),
            Change::Now(Read::Invalid(e)) => Trouble::Invalid(e),
        };
        self.problems.insert(name, trouble);
    }

    /// Puts `file` in the slot of `name` (a new one if it has none).
    fn put(&mut self, name: String, file: LiveFile) {
        let slot = match self.by_name.get(&name) {
            Some(&slot) => {
                self.unplace(slot);
                slot
            }
            None => {
                let slot = self.free.pop().unwrap_or_else(|| {
                    self.harvest.files.push(empty_room());
                    self.names.push(String::new());
                    self.place_of.push(None);
                    self.winners.push(Winners::These(Vec::new()));
                    self.used.push(Vec::new());
                    self.question_maps.push(Vec::new());
                    self.signals.push(None);
                    self.harvest.files.len() - 1
                });
                self.by_name.insert(name.clone(), slot);
                self.sources_stale = true;
                slot
            }
        };
        let mut room = *file.room;
        room.file = slot;
        self.harvest.files[slot] = room;
        self.names[slot] = name;
        self.signals[slot] = file.signal;
        self.place(slot);
    }

    /// Takes the file of `name` out of the harvest.
    fn remove(&mut self, name: &str) {
        let Some(slot) = self.by_name.remove(name) else {
            return;
        };
        self.unplace(slot);
        self.harvest.files[slot] = empty_room();
        self.names[slot].clear();
        self.winners[slot] = Winners::These(Vec::new());
        self.used[slot] = Vec::new();
        self.question_maps[slot] = Vec::new();
        self.signals[slot] = None;
        self.free.push(slot);
        self.sources_stale = true;
    }

    /// Puts the file of `slot` in its room (which changed, then).
    fn place(&mut self, slot: usize) {
        let r = &self.harvest.files[slot];
        let first = self
            .programme
            .as_ref()
            .and_then(|p| p.breakout())
            .map(|b| b.id.clone());
        let key = (r.block.clone().or(first), room_key(&r.room));
        let place = self.places.entry(key.clone()).or_default();
        let at = place.files.partition_point(|&s| s < slot);
        place.files.insert(at, slot);
        place.dirty = true;
        self.place_of[slot] = Some(key);
    }

    /// Takes the file of `slot` out of its room (which changed, then).
    fn unplace(&mut self, slot: usize) {
        let Some(key) = self.place_of[slot].take() else {
            return;
        };
        if let Some(place) = self.places.get_mut(&key) {
            place.files.retain(|&s| s != slot);
            place.dirty = true;
        }
    }

    /// Puts together again the rooms that changed, and their rounds'
    /// questions; then the harvest's rounds, in order.
    fn refresh(&mut self) {
        // A file missing or unreadable for a moment changes nothing.
        if !self.sources_stale && !self.places.values().any(|p| p.dirty) {
            return;
        }
        let files = &self.harvest.files;
        let programme = self.programme.as_ref();
        // Each room that changed: the union of its files, its drafts, the
        // questions its files use, its name as they spell it.
        let mut gone: Vec<PlaceKey> = Vec::new();
        let mut touched: BTreeSet<Option<String>> = BTreeSet::new();
        for (key, place) in self.places.iter_mut().filter(|(_, p)| p.dirty) {
            touched.insert(key.0.clone());
            if place.files.is_empty() {
                gone.push(key.clone());
                continue;
            }
            let here: Vec<(usize, u32)> = place.files.iter().map(|&s| (s, 0)).collect();
            let alone = alone_files(files, &here);
            let others: Vec<(usize, u32)> = here
                .iter()
                .zip(&alone)
                .filter(|(_, a)| !**a)
                .map(|(&f, _)| f)
                .collect();
            for (&(slot, _), &a) in here.iter().zip(&alone) {
                self.winners[slot] = if a {
                    Winners::AllLive
                } else {
                    Winners::These(Vec::new())
                };
            }
            if !others.is_empty() {
                for w in union_shard(files, &others, 0, 1).live {
                    if let Winners::These(these) = &mut self.winners[w.file as usize] {
                        these.push(w.index);
                    }
                }
                for &(slot, _) in &others {
                    if let Winners::These(these) = &mut self.winners[slot] {
                        these.sort_unstable();
                    }
                }
            }
            place.drafts = pick_drafts(files, &here, &self.winners)
                .into_iter()
                .map(|(_, f, q, text)| (f, q, text))
                .collect();
            let known = key
                .0
                .as_deref()
                .is_some_and(|id| programme.and_then(|p| p.block(id)).is_some());
            for &slot in &place.files {
                self.used[slot] = used_questions(&files[slot], &self.winners[slot], known);
            }
            for &(slot, q, _) in &place.drafts {
                if let Some(u) = self.used[slot].get_mut(q - 1) {
                    *u = true;
                }
            }
            place.spelling = place
                .files
                .iter()
                .map(|&s| files[s].room.as_str())
                .min()
                .unwrap_or_default()
                .to_string();
        }
        for key in gone {
            self.places.remove(&key);
        }

        // The rounds, in order, with their rooms; the questions of each
        // round a changed room is in.
        let order = round_order(programme, self.places.keys().map(|k| k.0.clone()).collect());
        let mut plans: Vec<RoundPlan> = Vec::with_capacity(order.len());
        // How many rooms of each round the programme lists.
        let mut listed: Vec<usize> = Vec::with_capacity(order.len());
        for block in &order {
            let mut plan = RoundPlan::new(block.clone(), programme);
            listed.push(plan.room_names.len());
            let others: BTreeMap<String, String> = self
                .places
                .iter()
                .filter(|(k, _)| k.0 == *block && !plan.rooms.contains_key(&k.1))
                .map(|(k, p)| (k.1.clone(), p.spelling.clone()))
                .collect();
            plan.add_others(others);
            if touched.contains(block) || !self.rounds.contains_key(block) {
                let of_round = || {
                    self.places
                        .iter()
                        .filter(move |(k, _)| k.0 == *block)
                        .flat_map(|(_, p)| &p.files)
                        .map(|&s| (&files[s], self.used[s].as_slice()))
                };
                let (questions, extra) = plan.questions(of_round());
                let now = RoundQuestions { questions, extra };
                if self.rounds.get(block) != Some(&now) {
                    // Other questions: every room of the round anew.
                    for (_, p) in self.places.iter_mut().filter(|(k, _)| k.0 == *block) {
                        p.dirty = true;
                    }
                    self.rounds.insert(block.clone(), now);
                }
            }
            plans.push(plan);
        }
        self.rounds.retain(|k, _| order.contains(k));

        // Each room that changed, put together: its files' questions as
        // the round's, its notes in order, its hosts and drafts.
        let mut made: FxHashMap<PlaceKey, HarvestRoom> = FxHashMap::default();
        for (key, place) in self.places.iter_mut().filter(|(_, p)| p.dirty) {
            place.dirty = false;
            let (plan, round) = match order.iter().position(|b| *b == key.0) {
                Some(i) => (&plans[i], &self.rounds[&key.0]),
                None => continue,
            };
            for &slot in &place.files {
                self.question_maps[slot] = plan.question_map(&files[slot], &round.extra);
            }
            let p = build_place(
                files,
                &place.files,
                &self.winners,
                &self.question_maps,
                round.questions.len(),
            );
            let mut hosts = p.hosts;
            let mut drafts = Vec::new();
            for (slot, q, text) in &place.drafts {
                let map = &self.question_maps[*slot];
                add_draft(
                    &files[*slot],
                    map,
                    *q,
                    text.clone(),
                    &mut hosts,
                    &mut drafts,
                );
            }
            sort_drafts(&mut drafts);
            made.insert(
                key.clone(),
                HarvestRoom {
                    room: String::new(),
                    hosts: room::hosts_in_order(hosts)
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    drafts,
                    notes: p.notes,
                    starts: p.starts,
                },
            );
        }

        // The harvest's rounds: the rooms that did not change as they
        // were (moved, not copied), those that did anew. A room of the
        // programme with nothing in it stays out, as in the batch merge.
        let mut kept: FxHashMap<PlaceKey, HarvestRoom> = FxHashMap::default();
        for (round, keys) in std::mem::take(&mut self.harvest.rounds)
            .into_iter()
            .zip(std::mem::take(&mut self.layout))
        {
            kept.extend(keys.into_iter().zip(round.rooms));
        }
        for ((plan, block), listed) in plans.iter().zip(&order).zip(listed) {
            let mut rooms = Vec::new();
            let mut keys = Vec::new();
            for (i, name) in plan.room_names.iter().enumerate() {
                let key: PlaceKey = (block.clone(), room_key(name));
                // A room of the programme without a file has nothing in it.
                if !self.places.contains_key(&key) {
                    continue;
                }
                let Some(mut room) = made.remove(&key).or_else(|| kept.remove(&key)) else {
                    continue;
                };
                if i < listed
                    && room.note_count() == 0
                    && room.drafts.is_empty()
                    && room.hosts.is_empty()
                {
                    continue;
                }
                room.room.clone_from(name);
                rooms.push(room);
                keys.push(key);
            }
            self.harvest.rounds.push(HarvestRound {
                block: block.clone(),
                title: plan.programme_block.map(|b| b.title.clone()),
                questions: self.rounds[block].questions.clone(),
                rooms,
            });
            self.layout.push(keys);
        }

        if self.sources_stale {
            self.sources_stale = false;
            let mut sources: Vec<String> = self.by_name.keys().cloned().collect();
            sources.sort();
            self.harvest.sources = sources;
        }
    }
}

/// A free slot's room: nothing in it.
fn empty_room() -> Room {
    Room {
        file: 0,
        session: String::new(),
        block: None,
        room: String::new(),
        writer: String::new(),
        hosts: Vec::new(),
        bys: Vec::new(),
        questions: Vec::new(),
        store: String::new(),
        notes: Vec::new(),
        draft: None,
        uniform: false,
        ascending: false,
        deleted: 0,
        live_questions: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
