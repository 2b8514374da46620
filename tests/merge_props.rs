//! The merge laws, over random sessions: notes edited and deleted over
//! time on several laptops, files copied at different moments (stale
//! copies), the same file twice, in any order.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use oogst::i18n::Lang;
use oogst::merge::{Inputs, Options, Version, merge};
use oogst::programme::Programme;
use oogst::room::{Note, RoomDoc};
use proptest::prelude::*;

const QUESTIONS: usize = 3;

/// One edit in a note's life: at second `at`, its text (or a delete).
#[derive(Clone, Debug)]
struct Step {
    at: u32,
    text: String,
    deleted: bool,
}

/// A writer (laptop) in a room, and its notes' histories.
#[derive(Clone, Debug)]
struct Writer {
    id: String,
    room: String,
    host: String,
    notes: Vec<(usize, Vec<Step>)>,
}

fn base() -> Timestamp {
    "2021-01-21T10:00:00Z".parse().unwrap()
}

fn stamp(at: u32) -> String {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    oogst::room::stamp(base() + SignedDuration::from_secs(i64::from(at)), &tz)
}

fn writer_strategy(i: usize) -> impl Strategy<Value = Writer> {
    let step = (1u32..40, "[a-z ]{0,12}", prop::bool::weighted(0.2));
    let note = (1usize..=QUESTIONS, prop::collection::vec(step, 1..5));
    (0usize..3, prop::collection::vec(note, 0..8)).prop_map(move |(room, notes)| Writer {
        id: format!("w{i}x"),
        room: format!("Kamer {}", room + 1),
        host: format!("Host {i}"),
        notes: notes
            .into_iter()
            .map(|(q, steps)| {
                // Times go up within a note's life; the first step creates it.
                let mut at = 0;
                let steps = steps
                    .into_iter()
                    .enumerate()
                    .map(|(k, (gap, text, deleted))| {
                        at += gap;
                        Step {
                            at,
                            text: if deleted { String::new() } else { text },
                            deleted: deleted && k > 0,
                        }
                    })
                    .collect();
                (q, steps)
            })
            .collect(),
    })
}

/// The writer's room file as it was at second `t`.
fn snapshot(w: &Writer, t: u32) -> String {
    let mut doc = RoomDoc::new(
        "s",
        "ronde",
        &w.room,
        &w.host,
        &w.id,
        (1..=QUESTIONS).map(|q| format!("Vraag {q}")).collect(),
    );
    for (k, (q, steps)) in w.notes.iter().enumerate() {
        let seen: Vec<&Step> = steps.iter().filter(|s| s.at <= t).collect();
        let (Some(first), Some(last)) = (seen.first(), seen.last()) else {
            continue;
        };
        doc.notes.push(Note {
            id: format!("{}-{:06}", w.id, k + 1),
            question: *q,
            by: w.host.clone(),
            star: false,
            text: last.text.clone(),
            created: stamp(first.at),
            updated: stamp(last.at),
            deleted: last.deleted,
            extra: Default::default(),
        });
    }
    String::from_utf8(doc.to_json()).unwrap()
}

fn session_strategy() -> impl Strategy<Value = (Vec<Writer>, Vec<(usize, u32)>)> {
    (1usize..4)
        .prop_flat_map(|n| {
            let writers: Vec<_> = (0..n).map(writer_strategy).collect();
            (writers, prop::collection::vec((0..n, 0u32..200), 1..7))
        })
        .prop_map(|(writers, snaps)| (writers, snaps))
}

fn harvest_json(files: &[(String, String)]) -> String {
    let inputs = Inputs::from_texts(files.to_vec(), Vec::<Programme>::new());
    let (h, _) = merge(&inputs, &Options::default(), Lang::En).unwrap();
    let mut out = Vec::new();
    oogst::export::json::write(&h, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Any order, any repetition: byte-identical output. And exactly the
    /// newest copy of every note survives: no live note lost, no tombstone
    /// brought back.
    #[test]
    fn merging_is_a_union_by_newest_copy((writers, snaps) in session_strategy(), seed in any::<u64>()) {
        // File names are fixed per snapshot, as copies on disk would be.
        let files: Vec<(String, String)> = snaps
            .iter()
            .enumerate()
            .map(|(i, (w, t))| (format!("copy{i}/{}.json", writers[*w].id), snapshot(&writers[*w], *t)))
            .collect();
        let once = harvest_json(&files);

        let mut shuffled = files.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(&harvest_json(&shuffled), &once, "order changed the output");
        let mut twice = files.clone();
        twice.extend(files.iter().cloned());
        prop_assert_eq!(&harvest_json(&twice), &once, "repetition changed the output");

        // What should survive: per note, the newest step any copy holds,
        // if that step is not a delete.
        let mut want: BTreeMap<String, String> = BTreeMap::new();
        for writer in &writers {
            for (k, (_, steps)) in writer.notes.iter().enumerate() {
                let id = format!("{}-{:06}", writer.id, k + 1);
                if let Some(t) = newest_time(&writers, &snaps, &id) {
                    let step = steps.iter().find(|s| s.at == t).unwrap();
                    if !step.deleted {
                        want.insert(id, step.text.clone());
                    }
                }
            }
        }
        let got: serde_json::Value = serde_json::from_str(&once).unwrap();
        let mut live: BTreeMap<String, String> = BTreeMap::new();
        for room in got["rounds"].as_array().unwrap().iter().flat_map(|r| r["rooms"].as_array().unwrap()) {
            for n in room["notes"].as_array().unwrap() {
                live.insert(n["id"].as_str().unwrap().into(), n["text"].as_str().unwrap().into());
            }
        }
        prop_assert_eq!(live, want);
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
    Version {
        updated: oogst::files::Stamp::from_timestamp(base() + SignedDuration::from_secs(v.0)),
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

/// The time of the newest step of note `id` that any snapshot holds.
fn newest_time(writers: &[Writer], snaps: &[(usize, u32)], id: &str) -> Option<u32> {
    snaps
        .iter()
        .filter_map(|(w, t)| {
            let writer = &writers[*w];
            writer.notes.iter().enumerate().find_map(|(k, (_, steps))| {
                (format!("{}-{:06}", writer.id, k + 1) == id)
                    .then(|| steps.iter().rfind(|s| s.at <= *t).map(|s| s.at))
                    .flatten()
            })
        })
        .max()
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
