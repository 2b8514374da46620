//! The merge laws of SPEC §5, over random sessions.
//!
//! A session here is a few room files of version 1 and 2, in several
//! rounds and rooms (room names that differ in case and accents only
//! included), whose notes share a handful of ids: the same id in several
//! rooms and rounds, and copies of one note that tie on `updated`
//! (written three ways), deletion, text length and text while they differ
//! in `created`, `question`, `by`, `star` or room. Stale copies (a file
//! with some of its notes missing) and the same file twice are in the
//! mix, with and without a programme (given beside the files, or among
//! them), so version 1 files belong to its first breakout or to a round
//! without a block.
//!
//! For each session:
//! - any order and any repetition of the files gives byte-identical
//!   output in every format (JSON, Markdown and HTML by question and by
//!   room, CSV);
//! - exactly the winner by the order of §5 survives per (round, room,
//!   id): the test computes it on its own, from the files it wrote;
//! - the summary adds up: every note copy read is a live note of the
//!   harvest, a tombstone, or a collapsed duplicate.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use oogst::export::{self, By, Format};
use oogst::i18n::Lang;
use oogst::merge::{Inputs, Options, Report, Version, merge};
use oogst::programme::Programme;
use oogst::room::{question_key, room_key};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Two rounds, whose rooms and questions overlap.
const PROGRAMME: &str = r#"{
  "format": "oogst-programme", "version": 1, "id": "s", "title": "Sessie", "date": "2021-01-21",
  "blocks": [
    {"id": "opening", "kind": "plenary", "title": "Opening", "start": "10:00", "minutes": 10},
    {"id": "r1", "kind": "breakout", "title": "Ronde 1", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2"], "questions": ["Q1", "Q2", "Q3"]},
    {"id": "r2", "kind": "breakout", "title": "Ronde 2", "minutes": 30,
     "rooms": ["Kamer 2", "Kamer 3"], "questions": ["Q2", "Q4"]}
  ]
}"#;

/// Few ids, so that copies meet: oogst's own forms, a counter of
/// version 1, and an id without a writer.
const IDS: [&str; 5] = [
    "w1-01JHX3Q8W2M5T7V9",
    "w1-000001",
    "w2-000001",
    "w3-01JHX3RB0C4D6F8H",
    "los",
];
/// Texts that tie on length (`é` is two bytes, as `ab`).
const TEXTS: [&str; 6] = ["", "a", "b", "ab", "ba", "é"];
const PEOPLE: [&str; 3] = ["Anna", "Bas", "anna"];
/// Room names, some of them one room (case and accents ignored).
const ROOMS: [&str; 8] = [
    "Kamer 1", "kamer 1", "Kamer 2", "KAMER 2", "Kamer 3", "Kámer 3", "Kamer 10", "Zaal",
];
/// Questions, some of them one question (NFC and spaces around ignored).
const QUESTIONS: [&str; 9] = [
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Q5",
    " Q5",
    "Qe\u{301}",
    "Q\u{e9}",
    "Q6",
];
/// The programme's two rounds and one it does not know.
const BLOCKS: [&str; 3] = ["r1", "r2", "r9"];
const WRITERS: [&str; 3] = ["w1", "w2", "w3"];

/// One copy of a note in a file. Indexes are into the tables above.
#[derive(Clone, Debug)]
struct NoteCopy {
    id: usize,
    /// The question's text (the file lists it somewhere).
    question: usize,
    by: Option<usize>,
    text: usize,
    /// Second after 10:00 UTC, and which of three ways it is written.
    created: (u8, u8),
    updated: (u8, u8),
    deleted: bool,
    star: bool,
}

#[derive(Clone, Debug)]
struct DraftSpec {
    /// The question's text (the file lists it somewhere).
    question: usize,
    /// See [`FileSpec::draft_text`].
    text: usize,
    editing: Option<usize>,
    aside: bool,
    updated: Option<u8>,
}

#[derive(Clone, Debug)]
struct FileSpec {
    version: u8,
    block: usize,
    room: usize,
    writer: usize,
    hosts: Vec<usize>,
    questions: Vec<usize>,
    notes: Vec<NoteCopy>,
    draft: Option<DraftSpec>,
}

/// An instant written one of three ways: `Z`, `+01:00`, with a fraction.
fn time((s, form): (u8, u8)) -> String {
    match form % 3 {
        0 => format!("2021-01-21T10:00:0{s}Z"),
        1 => format!("2021-01-21T11:00:0{s}+01:00"),
        _ => format!("2021-01-21T10:00:0{s}.000Z"),
    }
}

fn note_strategy() -> impl Strategy<Value = NoteCopy> {
    (
        0..IDS.len(),
        0..QUESTIONS.len(),
        prop::option::of(0..PEOPLE.len()),
        0..TEXTS.len(),
        (0u8..3, 0u8..3),
        (0u8..3, 0u8..3),
        prop::bool::weighted(0.3),
        any::<bool>(),
    )
        .prop_map(
            |(id, question, by, text, created, updated, deleted, star)| NoteCopy {
                id,
                question,
                by,
                text,
                created,
                updated,
                deleted,
                star,
            },
        )
}

impl NoteCopy {
    /// This copy with one field changed (`field`), to `value`: a copy
    /// that ties with it on all but that.
    fn changed(&self, field: u8, value: u8) -> NoteCopy {
        let mut n = self.clone();
        let v = usize::from(value);
        match field % 8 {
            0 => n.created = (value % 3, value / 3 % 3),
            1 => n.question = v % QUESTIONS.len(),
            2 => n.by = (v % 4 < 3).then_some(v % 4),
            3 => n.star = !n.star,
            // The same instant, written another way.
            4 => n.updated.1 = value % 3,
            5 => n.text = v % TEXTS.len(),
            6 => n.deleted = !n.deleted,
            _ => n.updated = (value % 3, value / 3 % 3),
        }
        n
    }
}

fn draft_strategy() -> impl Strategy<Value = DraftSpec> {
    (
        prop::sample::select(vec![0usize, 1, 4, 5]),
        0usize..4,
        prop::option::of(0..IDS.len()),
        any::<bool>(),
        prop::option::of(0u8..2),
    )
        .prop_map(|(question, text, editing, aside, updated)| DraftSpec {
            question,
            text,
            editing,
            aside,
            updated,
        })
}

impl DraftSpec {
    /// This draft with one field changed (`field`), to `value`.
    fn changed(&self, field: u8, value: u8) -> DraftSpec {
        let mut d = self.clone();
        let v = usize::from(value);
        match field % 5 {
            0 => d.editing = (v % 6 < IDS.len()).then_some(v % 6),
            1 => d.question = [0, 1, 4, 5][v % 4],
            2 => d.aside = !d.aside,
            3 => d.updated = (v % 3 < 2).then_some(value % 3),
            _ => d.text = v % 4,
        }
        d
    }
}

/// A note of a file: one of the session's notes, as it is, or with one
/// field changed.
type CopyOf = (prop::sample::Index, Option<(u8, u8)>);

fn file_strategy() -> impl Strategy<Value = (FileSpec, Vec<CopyOf>)> {
    (
        1u8..=2,
        0..BLOCKS.len(),
        0..ROOMS.len(),
        0..WRITERS.len(),
        prop::collection::vec(0..PEOPLE.len(), 0..3),
        prop::collection::vec(0..QUESTIONS.len(), 0..4),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::option::of((0u8..8, any::<u8>())),
            ),
            0..6,
        ),
        prop::option::weighted(0.5, draft_strategy()),
    )
        .prop_map(
            |(version, block, room, writer, hosts, questions, notes, draft)| {
                let file = FileSpec {
                    version,
                    block,
                    room,
                    writer,
                    hosts,
                    questions,
                    notes: Vec::new(),
                    draft,
                };
                (file, notes)
            },
        )
}

/// The session's notes, files holding copies of them, then stale copies
/// of some files: some of a file's notes (a mask), its questions in
/// another order (a programme edited since), perhaps its draft with one
/// field changed. (A
/// mask of all ones, one question and no other draft: the same file
/// under another name.)
fn session_strategy() -> impl Strategy<Value = Vec<FileSpec>> {
    (
        prop::collection::vec(note_strategy(), 1..5),
        prop::collection::vec(file_strategy(), 1..6),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<u8>(),
                any::<u64>(),
                prop::option::of((0u8..5, any::<u8>())),
            ),
            0..3,
        ),
    )
        .prop_map(|(bases, files, stale)| {
            let mut files: Vec<FileSpec> = files
                .into_iter()
                .map(|(mut f, copies)| {
                    f.notes = copies
                        .into_iter()
                        .map(|(i, change)| {
                            let base = &bases[i.index(bases.len())];
                            match change {
                                Some((field, value)) => base.changed(field, value),
                                None => base.clone(),
                            }
                        })
                        .collect();
                    f.list_every_question();
                    f
                })
                .collect();
            for (i, mask, seed, draft) in stale {
                let mut copy: FileSpec = files[i.index(files.len())].clone();
                let mut k = 0;
                copy.notes.retain(|_| {
                    k += 1;
                    mask & (1 << (k % 8)) != 0
                });
                let order = permutation(copy.questions.len(), seed);
                copy.questions = order.iter().map(|&q| copy.questions[q]).collect();
                if let Some((field, value)) = draft {
                    let d = copy.draft.take().unwrap_or(DraftSpec {
                        question: copy.questions[0],
                        text: 1,
                        editing: None,
                        aside: false,
                        updated: None,
                    });
                    copy.draft = Some(d.changed(field, value));
                }
                copy.list_every_question();
                files.push(copy);
            }
            files
        })
}

impl FileSpec {
    /// Adds the questions the notes and the draft use to the file's list.
    fn list_every_question(&mut self) {
        let used = self.notes.iter().map(|n| n.question);
        let used: Vec<usize> = used.chain(self.draft.iter().map(|d| d.question)).collect();
        for q in used {
            if !self.questions.contains(&q) {
                self.questions.push(q);
            }
        }
        if self.questions.is_empty() {
            self.questions.push(0);
        }
    }

    fn questions(&self) -> Vec<&'static str> {
        self.questions.iter().map(|&q| QUESTIONS[q]).collect()
    }

    /// The number of question `q` (a text) in this file.
    fn number(&self, q: usize) -> usize {
        self.questions.iter().position(|&x| x == q).unwrap() + 1
    }

    /// The round the file belongs to (SPEC §3): its block; version 1,
    /// the programme's first breakout (without one, a round of no block).
    fn round(&self, programme: bool) -> Option<String> {
        match (self.version, programme) {
            (2, _) => Some(BLOCKS[self.block].to_string()),
            (_, true) => Some("r1".to_string()),
            (_, false) => None,
        }
    }

    /// A draft's text: `""`, `a` or `b`; or (3) the text of the note
    /// it edits in this file, unchanged (else `a`).
    fn draft_text(&self, d: &DraftSpec) -> &'static str {
        let edited = d
            .editing
            .and_then(|e| self.notes.iter().rev().find(|n| n.id == e));
        match (d.text, edited) {
            (3, Some(n)) => TEXTS[n.text],
            (3, None) => "a",
            (t, _) => TEXTS[t],
        }
    }

    /// Version 1's one host.
    fn host(&self) -> &'static str {
        self.hosts.last().map_or("Host", |&h| PEOPLE[h])
    }

    /// Who typed a note: its `by`, else the file's (last) host.
    fn by(&self, n: &NoteCopy) -> &'static str {
        match (self.version, n.by) {
            (1, _) => self.host(),
            (_, Some(b)) => PEOPLE[b],
            (_, None) => self.hosts.last().map_or("", |&h| PEOPLE[h]),
        }
    }

    fn text(&self) -> String {
        let questions = self.questions();
        let notes: Vec<Value> = self
            .notes
            .iter()
            .map(|n| {
                let mut o = serde_json::Map::new();
                o.insert("id".into(), IDS[n.id].into());
                o.insert("question".into(), self.number(n.question).into());
                if let (2, Some(b)) = (self.version, n.by) {
                    o.insert("by".into(), PEOPLE[b].into());
                }
                o.insert("text".into(), TEXTS[n.text].into());
                o.insert("created".into(), time(n.created).into());
                o.insert("updated".into(), time(n.updated).into());
                if n.deleted {
                    o.insert("deleted".into(), true.into());
                }
                if n.star {
                    o.insert("star".into(), true.into());
                }
                Value::Object(o)
            })
            .collect();
        let mut doc = json!({
            "format": "oogst-room", "version": self.version, "session": "s",
            "room": ROOMS[self.room], "writer": WRITERS[self.writer],
            "questions": questions, "notes": notes,
        });
        if self.version == 2 {
            doc["block"] = BLOCKS[self.block].into();
            let hosts: Vec<&str> = self.hosts.iter().map(|&h| PEOPLE[h]).collect();
            doc["hosts"] = hosts.into();
        } else {
            doc["host"] = self.host().into();
        }
        if let Some(d) = &self.draft {
            let mut o = json!({"question": self.number(d.question), "text": self.draft_text(d)});
            if let Some(e) = d.editing {
                o["editing"] = IDS[e].into();
            }
            if d.aside {
                o["aside"] = "opzij".into();
            }
            if let Some(u) = d.updated {
                o["updated"] = time((u, 0)).into();
            }
            doc["draft"] = o;
        }
        serde_json::to_string_pretty(&doc).unwrap()
    }
}

/// (round, room key, id)
type Key = (Option<String>, String, String);

/// A live note as the harvest shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Shown {
    /// The question it answers, as matched (NFC, trimmed).
    question: String,
    text: String,
    by: String,
    star: bool,
    created: String,
    updated: String,
}

/// A copy's place in the order of SPEC §5: later `updated` (the
/// instant), then a tombstone, then the longer text, then the canonical
/// form (the note's JSON with sorted keys; its question as the text it
/// means, since numbers differ between files) that sorts last.
type Rank = (u8, bool, usize, String);

fn rank(f: &FileSpec, n: &NoteCopy) -> Rank {
    let question = question_key(QUESTIONS[n.question]).into_owned();
    let mut form: BTreeMap<&str, Value> = BTreeMap::new();
    form.insert("by", f.by(n).into());
    form.insert("created", time(n.created).into());
    form.insert("deleted", n.deleted.into());
    form.insert("id", IDS[n.id].into());
    form.insert("question", question.into());
    form.insert("star", n.star.into());
    form.insert("text", TEXTS[n.text].into());
    form.insert("updated", time(n.updated).into());
    (
        n.updated.0,
        n.deleted,
        TEXTS[n.text].len(),
        serde_json::to_string(&form).unwrap(),
    )
}

/// What the harvest must hold, worked out from the files alone.
struct Expected {
    live: BTreeMap<Key, Shown>,
    tombstones: usize,
    keys: usize,
}

fn expected(files: &[&FileSpec], programme: bool) -> Expected {
    let mut best: BTreeMap<Key, (Rank, &FileSpec, &NoteCopy)> = BTreeMap::new();
    for f in files {
        for n in &f.notes {
            let key = (
                f.round(programme),
                room_key(ROOMS[f.room]),
                IDS[n.id].into(),
            );
            let r = rank(f, n);
            match best.get(&key) {
                Some((old, _, _)) if *old >= r => {}
                _ => {
                    best.insert(key, (r, f, n));
                }
            }
        }
    }
    let keys = best.len();
    let mut live = BTreeMap::new();
    let mut tombstones = 0;
    for (key, (_, f, n)) in best {
        if n.deleted {
            tombstones += 1;
            continue;
        }
        let question = QUESTIONS[n.question];
        live.insert(
            key,
            Shown {
                question: question_key(question).into_owned(),
                text: TEXTS[n.text].into(),
                by: f.by(n).into(),
                star: n.star,
                created: time(n.created),
                updated: time(n.updated),
            },
        );
    }
    Expected {
        live,
        tombstones,
        keys,
    }
}

/// The live notes of a harvest document, by key.
fn shown(json: &str) -> Result<BTreeMap<Key, Shown>, TestCaseError> {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut out = BTreeMap::new();
    for round in v["rounds"].as_array().unwrap() {
        let block = round["block"].as_str().map(str::to_string);
        let questions = round["questions"].as_array().unwrap();
        for room in round["rooms"].as_array().unwrap() {
            let room_name = room_key(room["room"].as_str().unwrap());
            for n in room["notes"].as_array().unwrap() {
                let q = n["question"].as_u64().unwrap() as usize;
                let key = (
                    block.clone(),
                    room_name.clone(),
                    n["id"].as_str().unwrap().to_string(),
                );
                let note = Shown {
                    question: question_key(questions[q - 1].as_str().unwrap()).into_owned(),
                    text: n["text"].as_str().unwrap().into(),
                    by: n["by"].as_str().unwrap().into(),
                    star: n["star"].as_bool().unwrap(),
                    created: n["created"].as_str().unwrap().into(),
                    updated: n["updated"].as_str().unwrap().into(),
                };
                let again = out.insert(key.clone(), note);
                prop_assert!(again.is_none(), "{key:?} twice in the harvest");
            }
        }
    }
    Ok(out)
}

/// How the programme reaches the merge.
#[derive(Clone, Copy, Debug)]
enum Plan {
    None,
    Beside,
    Among,
}

const DOCUMENTS: [(Format, By); 6] = [
    (Format::Json, By::Question),
    (Format::Md, By::Question),
    (Format::Md, By::Room),
    (Format::Html, By::Question),
    (Format::Html, By::Room),
    (Format::Csv, By::Question),
];

/// Every document of the merge of `files`, and its summary.
fn documents(files: &[(String, String)], plan: Plan) -> (Vec<String>, Report) {
    let mut files = files.to_vec();
    let mut programmes = Vec::new();
    match plan {
        Plan::None => {}
        Plan::Beside => programmes.push(Programme::parse(PROGRAMME, "programme.json").unwrap()),
        Plan::Among => files.push(("programme.json".into(), PROGRAMME.into())),
    }
    let inputs = Inputs::from_texts(files, programmes);
    let (h, report) = merge(&inputs, &Options::default()).unwrap();
    let docs = DOCUMENTS
        .iter()
        .map(|&(format, by)| {
            let mut out = Vec::new();
            export::write(&h, format, by, Lang::En, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        })
        .collect();
    (docs, report)
}

/// A permutation of `0..n` from `seed`.
fn permutation(n: usize, mut seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        order.swap(i, (seed >> 33) as usize % (i + 1));
    }
    order
}

fn same_documents(a: &[String], b: &[String], what: &str) -> Result<(), TestCaseError> {
    for ((x, y), (format, by)) in a.iter().zip(b).zip(DOCUMENTS) {
        prop_assert!(
            x == y,
            "{what} changed the {format:?} by {by:?}:\n{x}\n---\n{y}"
        );
    }
    Ok(())
}

/// The summary adds up, for `copies` note copies read.
fn counts_add_up(
    report: &Report,
    copies: usize,
    want: &Expected,
    docs: &[String],
) -> Result<(), TestCaseError> {
    let live = shown(&docs[0])?.len();
    prop_assert_eq!(report.notes, live);
    prop_assert_eq!(report.notes, want.live.len());
    prop_assert_eq!(report.tombstones, want.tombstones);
    prop_assert_eq!(report.duplicates, copies - want.keys);
    prop_assert_eq!(
        report.notes + report.tombstones + report.duplicates,
        copies,
        "every copy read is a live note, a tombstone or a duplicate"
    );
    Ok(())
}

fn plan_strategy() -> impl Strategy<Value = Plan> {
    prop_oneof![Just(Plan::None), Just(Plan::Beside), Just(Plan::Among)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_merge_is_a_union_by_the_order_of_copies(
        specs in session_strategy(),
        plan in plan_strategy(),
        seed in any::<u64>(),
        again in any::<u64>(),
    ) {
        let programme = !matches!(plan, Plan::None);
        let files: Vec<(String, String)> = specs
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("f{i}.json"), f.text()))
            .collect();
        let copies: usize = specs.iter().map(|f| f.notes.len()).sum();
        let (docs, report) = documents(&files, plan);

        // Exactly the winner of each (round, room, id), if it is live.
        let all: Vec<&FileSpec> = specs.iter().collect();
        let want = expected(&all, programme);
        prop_assert_eq!(&shown(&docs[0])?, &want.live);
        counts_add_up(&report, copies, &want, &docs)?;

        // Any order.
        let order = permutation(files.len(), seed);
        let shuffled: Vec<(String, String)> = order.iter().map(|&i| files[i].clone()).collect();
        let (docs2, _) = documents(&shuffled, plan);
        same_documents(&docs, &docs2, "the order of the files")?;
        let reversed: Vec<(String, String)> = files.iter().rev().cloned().collect();
        same_documents(&docs, &documents(&reversed, plan).0, "the reverse order")?;

        // Any repetition: some files again (same name, same text), in
        // another order; the summary counts every copy read.
        let mut twice = shuffled.clone();
        let mut extra = 0;
        for (k, &i) in permutation(files.len(), again).iter().enumerate() {
            if again >> (k % 64) & 1 == 1 || k == 0 {
                twice.push(files[i].clone());
                extra += specs[i].notes.len();
            }
        }
        let (docs3, report3) = documents(&twice, plan);
        same_documents(&docs, &docs3, "repeating files")?;
        counts_add_up(&report3, copies + extra, &want, &docs3)?;
    }

    /// The order copies are weighed in is total: ties are broken the same
    /// way from either side, so picking the newest is commutative,
    /// associative and idempotent.
    #[test]
    fn the_merge_order_is_total(
        a in (0i64..5, any::<bool>(), "[ab]{0,3}"),
        b in (0i64..5, any::<bool>(), "[ab]{0,3}"),
        c in (0i64..5, any::<bool>(), "[ab]{0,3}"),
    ) {
        let (a, b, c) = (version(&a), version(&b), version(&c));
        prop_assert_eq!(max(a, b), max(b, a));
        prop_assert_eq!(max(max(a, b), c), max(a, max(b, c)));
        prop_assert_eq!(max(a, a), a);
        prop_assert!(!(beats(a, b) && beats(b, a)));
    }
}

fn version(v: &(i64, bool, String)) -> Version<'_> {
    let base: Timestamp = "2021-01-21T10:00:00Z".parse().unwrap();
    Version {
        updated: oogst::files::Stamp::from_timestamp(base + SignedDuration::from_secs(v.0)),
        deleted: v.1,
        text: v.2.as_str(),
    }
}

/// Whether `x` wins over `y` (up to the canonical form, which the
/// harvest tests cover: these copies have none).
fn beats(x: Version, y: Version) -> bool {
    match x.order(&y) {
        std::cmp::Ordering::Equal => x.text > y.text,
        o => o == std::cmp::Ordering::Greater,
    }
}

/// The newer of two copies.
fn max<'t>(x: Version<'t>, y: Version<'t>) -> Version<'t> {
    if beats(y, x) { y } else { x }
}

fn harvest_json(files: &[(String, String)]) -> String {
    let (docs, _) = documents(files, Plan::None);
    docs.into_iter().next().unwrap()
}

/// A note copied into another writer's file (by hand, or by another
/// tool) still meets its original: one note, the newest copy. So does a
/// note with a number far beyond what a meeting writes.
#[test]
fn a_note_copied_into_another_writers_file_meets_its_original() {
    let note = |id: &str, text: &str, at: &str| {
        format!(
            r#"{{"id": "{id}", "question": 1, "text": "{text}", "created": "2021-01-21T10:00:00Z", "updated": "2021-01-21T10:{at}:00Z"}}"#
        )
    };
    let file = |writer: &str, notes: &[String]| {
        format!(
            r#"{{"format": "oogst-room", "version": 1, "session": "s", "room": "Kamer 1", "host": "H", "writer": "{writer}", "questions": ["Q"], "notes": [{}]}}"#,
            notes.join(", ")
        )
    };
    let own = file(
        "w1x",
        &[
            note("w1x-000001", "oud", "01"),
            note("w1x-999999", "hoog oud", "01"),
        ],
    );
    let other = file(
        "w2x",
        &[
            note("w2x-000001", "eigen", "01"),
            note("w1x-000001", "nieuw", "05"),
            note("vrij", "zonder nummer", "01"),
            note("w1x-999999", "hoog nieuw", "05"),
        ],
    );
    for files in [
        vec![
            ("a.json".to_string(), own.clone()),
            ("b.json".to_string(), other.clone()),
        ],
        vec![("b.json".to_string(), other), ("a.json".to_string(), own)],
    ] {
        let json = harvest_json(&files);
        let h: serde_json::Value = serde_json::from_str(&json).unwrap();
        let texts: Vec<&str> = h["rounds"][0]["rooms"][0]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        for (new, old) in [("nieuw", "oud"), ("hoog nieuw", "hoog oud")] {
            assert!(texts.contains(&new) && !texts.contains(&old), "{texts:?}");
        }
    }
}
