//! The live harvest is the batch merge, whatever happens to the files.
//!
//! A session of a few file names, each of which in turn gets a room file
//! (new, or a newer or older copy: copies of a handful of notes with
//! their times, texts, deletions and stars varied, so that copies meet,
//! tie and lose), a copy of another name's file (a sync engine's conflict
//! copy), a file of another session, something that is no JSON (a file
//! half written), or goes missing for a moment, or goes for good. After
//! every step the live harvest, updated with that one file, must be the
//! batch merge of the files as they stand (each name's last good copy),
//! byte for byte in the JSON export.

use oogst::export::{self, By, Format};
use oogst::i18n::Lang;
use oogst::merge::live::{Change, LiveHarvest, read};
use oogst::merge::{Harvest, Inputs, Options, merge};
use oogst::programme::Programme;
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

const NAMES: [&str; 5] = [
    "rooms/r1/Kamer_1--w1.json",
    "rooms/r1/Kamer_1--w2.json",
    "rooms/r1/Kamer_1--w1.sync-conflict-20210121-110000-ABCDEFG.json",
    "rooms/r2/Kamer_3--w3.json",
    "rooms/Kamer_1--w1.json",
];
const IDS: [&str; 5] = [
    "w1-01JHX3Q8W2M5T7V9",
    "w1-01JHX3Q8W2M5T7VA",
    "w2-000001",
    "w3-01JHX3RB0C4D6F8H",
    "los",
];
/// Texts that tie on length (`é` is two bytes, as `ab`).
const TEXTS: [&str; 6] = ["", "a", "b", "ab", "ba", "é"];
const PEOPLE: [&str; 3] = ["Anna", "Bas", "anna"];
const ROOMS: [&str; 6] = [
    "Kamer 1", "kamer 1", "Kamer 2", "Kámer 3", "Kamer 10", "Zaal",
];
const QUESTIONS: [&str; 6] = ["Q1", "Q2", "Q4", "Q5", " Q5", "Q6"];
const BLOCKS: [&str; 3] = ["r1", "r2", "r9"];
const WRITERS: [&str; 3] = ["w1", "w2", "w3"];

#[derive(Clone, Debug)]
struct NoteCopy {
    id: usize,
    question: usize,
    by: Option<usize>,
    text: usize,
    created: u8,
    updated: u8,
    deleted: bool,
    star: bool,
}

#[derive(Clone, Debug)]
struct DraftSpec {
    question: usize,
    text: usize,
    editing: Option<usize>,
    aside: bool,
}

#[derive(Clone, Debug)]
struct FileSpec {
    version: u8,
    session: &'static str,
    block: usize,
    room: usize,
    writer: usize,
    hosts: Vec<usize>,
    notes: Vec<NoteCopy>,
    draft: Option<DraftSpec>,
}

/// What happens to one file.
#[derive(Clone, Debug)]
enum Op {
    Put(FileSpec),
    /// The current copy of another name (if it has one).
    CopyOf(usize),
    Garbage,
    Missing,
    Removed,
}

fn time(s: u8) -> String {
    match s % 3 {
        0 => format!("2021-01-21T10:00:0{}Z", s / 3),
        1 => format!("2021-01-21T11:00:0{}+01:00", s / 3),
        _ => format!("2021-01-21T10:00:0{}.000Z", s / 3),
    }
}

fn note_strategy() -> impl Strategy<Value = NoteCopy> {
    (
        0..IDS.len(),
        0..QUESTIONS.len(),
        prop::option::of(0..PEOPLE.len()),
        0..TEXTS.len(),
        0u8..9,
        0u8..9,
        prop::bool::weighted(0.25),
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

fn file_strategy() -> impl Strategy<Value = FileSpec> {
    (
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.9),
        0..BLOCKS.len(),
        0..ROOMS.len(),
        0..WRITERS.len(),
        prop::collection::vec(0..PEOPLE.len(), 0..3),
        prop::collection::vec(note_strategy(), 0..6),
        prop::option::weighted(
            0.4,
            (
                0..QUESTIONS.len(),
                0usize..3,
                prop::option::of(0..IDS.len()),
                any::<bool>(),
            )
                .prop_map(|(question, text, editing, aside)| DraftSpec {
                    question,
                    text,
                    editing,
                    aside,
                }),
        ),
    )
        .prop_map(
            |(v2, ours, block, room, writer, hosts, notes, draft)| FileSpec {
                version: if v2 { 2 } else { 1 },
                session: if ours { "s" } else { "t" },
                block,
                room,
                writer,
                hosts,
                notes,
                draft,
            },
        )
}

fn op_strategy() -> impl Strategy<Value = (usize, Op)> {
    (
        0..NAMES.len(),
        prop_oneof![
            6 => file_strategy().prop_map(Op::Put),
            1 => (0..NAMES.len()).prop_map(Op::CopyOf),
            1 => Just(Op::Garbage),
            1 => Just(Op::Missing),
            1 => Just(Op::Removed),
        ],
    )
}

impl FileSpec {
    fn text(&self) -> String {
        // The questions the notes and the draft use, in the order they
        // first come.
        let mut questions: Vec<usize> = Vec::new();
        let used = self.notes.iter().map(|n| n.question);
        for q in used.chain(self.draft.iter().map(|d| d.question)) {
            if !questions.contains(&q) {
                questions.push(q);
            }
        }
        if questions.is_empty() {
            questions.push(0);
        }
        let number = |q: usize| questions.iter().position(|&x| x == q).unwrap() + 1;
        let host = self.hosts.last().map_or("Host", |&h| PEOPLE[h]);
        let notes: Vec<Value> = self
            .notes
            .iter()
            .map(|n| {
                let mut o = serde_json::Map::new();
                o.insert("id".into(), IDS[n.id].into());
                o.insert("question".into(), number(n.question).into());
                if let (2, Some(b)) = (self.version, n.by) {
                    o.insert("by".into(), PEOPLE[b].into());
                }
                o.insert("text".into(), TEXTS[n.text].into());
                o.insert("created".into(), time(n.created).into());
                o.insert("updated".into(), time(n.updated.max(n.created)).into());
                if n.deleted {
                    o.insert("deleted".into(), true.into());
                }
                if n.star {
                    o.insert("star".into(), true.into());
                }
                Value::Object(o)
            })
            .collect();
        let questions: Vec<&str> = questions.iter().map(|&q| QUESTIONS[q]).collect();
        let mut doc = json!({
            "format": "oogst-room", "version": self.version, "session": self.session,
            "room": ROOMS[self.room], "writer": WRITERS[self.writer],
            "questions": questions, "notes": notes,
        });
        if self.version == 2 {
            doc["block"] = BLOCKS[self.block].into();
            let hosts: Vec<&str> = self.hosts.iter().map(|&h| PEOPLE[h]).collect();
            doc["hosts"] = hosts.into();
        } else {
            doc["host"] = host.into();
        }
        if let Some(d) = &self.draft {
            let text = match d.text {
                0 => "",
                1 => "concept",
                // The text of the note it edits, unchanged (else its own).
                _ => d
                    .editing
                    .and_then(|e| self.notes.iter().rev().find(|n| n.id == e))
                    .map_or("bewerkt", |n| TEXTS[n.text]),
            };
            let mut o = json!({"question": number(d.question), "text": text});
            if let Some(e) = d.editing {
                o["editing"] = IDS[e].into();
            }
            if d.aside {
                o["aside"] = "opzij".into();
            }
            doc["draft"] = o;
        }
        serde_json::to_string_pretty(&doc).unwrap()
    }
}

fn json_of(h: &Harvest) -> String {
    let mut out = Vec::new();
    export::write(h, Format::Json, By::Question, Lang::En, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The batch merge of `files` (name, text) of session `s`.
fn batch(files: &[(String, String)], programme: Option<&Programme>) -> String {
    let inputs = Inputs::from_texts(files.to_vec(), programme.into_iter().cloned().collect());
    let opts = Options {
        session: Some("s".into()),
        ..Options::default()
    };
    json_of(&merge(&inputs, &opts).unwrap().0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_order_of_updates_is_the_batch_merge_of_the_files_as_they_stand(
        with_programme in any::<bool>(),
        ops in prop::collection::vec(op_strategy(), 1..14),
    ) {
        let programme = with_programme
            .then(|| Programme::parse(PROGRAMME, "programme.json").unwrap());
        let mut live = LiveHarvest::new("s", programme.clone());
        // Each name's last good copy, if any.
        let mut files: Vec<Option<String>> = vec![None; NAMES.len()];
        for (step, (i, op)) in ops.iter().enumerate() {
            let name = NAMES[*i].to_string();
            let change = match op {
                Op::Put(spec) => {
                    let text = spec.text();
                    files[*i] = Some(text.clone());
                    Change::Now(read(&name, Ok(&text)))
                }
                Op::CopyOf(other) => match files[*other].clone() {
                    Some(text) => {
                        files[*i] = Some(text.clone());
                        Change::Now(read(&name, Ok(&text)))
                    }
                    None => continue,
                },
                Op::Garbage => Change::Now(read(&name, Ok("{\"format\": \"oogst-room\", \"ver"))),
                Op::Missing => Change::Missing,
                Op::Removed => {
                    files[*i] = None;
                    Change::Removed
                }
            };
            live.apply([(name, change)]);
            let standing: Vec<(String, String)> = NAMES
                .iter()
                .zip(&files)
                .filter_map(|(n, t)| Some((n.to_string(), t.clone()?)))
                .collect();
            let want = batch(&standing, programme.as_ref());
            let got = json_of(live.harvest());
            prop_assert!(got == want, "step {step} ({op:?} {}):\n{got}\n---\n{want}", NAMES[*i]);
        }
    }
}
