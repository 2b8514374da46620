//! One reader per format (SPEC §4): `oogst check`, `oogst merge` and the
//! host agree on every room file, whatever its bytes.
//!
//! Valid room files of version 1 and 2 are written in many layouts
//! (pretty and compact, oogst's order of fields and others, strings and
//! keys with escapes, unknown fields, drafts, stars, tombstones, signals,
//! receipts), then changed: structured mutations (a nested look-alike
//! `{"format": "oogst-clock", "version": 9}`, `"oogst\u002droom"`, a
//! duplicate key known or unknown at any depth, every number form of
//! `version`, bad times, a bad `draft` or `signal`, another format, a
//! missing field, a value of another type, a note twice, deep nesting),
//! a leading byte-order mark or text after the JSON, and random byte
//! edits (inserted, deleted or replaced, inside multi-byte characters
//! too). The readers take text: bytes that are no longer UTF-8 are
//! repaired with U+FFFD before they are read (a file on disk that is not
//! UTF-8 is refused by the one file reader under all of them; the last
//! test says so).
//!
//! For each input:
//! - `check_text` accepts it ⇔ `merge` of that one file reads it as a
//!   room file without error ⇔ `RoomDoc::parse` accepts it; when they
//!   refuse, they give the same problem, and `merge --keep-going` skips
//!   the file by name.
//! - The one exception is a file whose top-level `format` (read as
//!   every reader reads it) names no room file: then the merge passes it
//!   over (a session file, or listed as skipped; SPEC §2 and §5), the
//!   host's reader refuses it as another format, and `check` judges it as
//!   that format (nothing more is asserted of `check` there).
//! - When they accept, they read the same content: the harvest's live
//!   notes (id, text, question by its text, by, star), drafts, session,
//!   round and room are the host's, and `check` counts those notes,
//!   tombstones and drafts.

use oogst::check::{Verdict, check_text};
use oogst::files::{head, strip_bom};
use oogst::merge::{Inputs, Options, merge};
use oogst::room::{RoomDoc, question_key};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

// ---------------------------------------------------------------------------
// JSON as written: any key order, duplicates, numbers and escapes as
// they stand in the text.

#[derive(Clone, Debug)]
enum J {
    /// Written as it is: a number, a literal, or anything at all.
    Raw(String),
    Str(String),
    Arr(Vec<J>),
    /// Keys that start with `"` are written as they are (escapes and all).
    Obj(Vec<(String, J)>),
}

fn s(v: &str) -> J {
    J::Str(v.to_string())
}

fn raw(v: &str) -> J {
    J::Raw(v.to_string())
}

fn obj(fields: &[(&str, J)]) -> J {
    J::Obj(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

#[derive(Clone, Copy, Debug)]
struct Layout {
    pretty: bool,
    /// 0: only what JSON needs; 1: every non-ASCII character as `\u`;
    /// 2: also `o`, `-` and `/` (so `"oogst\u002droom"` and such).
    escape: u8,
    /// Whether keys are escaped the same way (a hand reader gives up
    /// on those and leaves the file to serde_json).
    keys_escaped: bool,
}

fn quote(text: &str, mode: u8) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if mode >= 1 && !c.is_ascii() => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
            'o' | '-' if mode >= 2 => out.push_str(&format!("\\u{:04x}", c as u32)),
            '/' if mode >= 2 => out.push_str("\\/"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render(j: &J, l: Layout, indent: usize, out: &mut String) {
    let line = |indent: usize, out: &mut String| {
        if l.pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(indent));
        }
    };
    match j {
        J::Raw(v) => out.push_str(v),
        J::Str(v) => out.push_str(&quote(v, l.escape)),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                line(indent + 1, out);
                render(item, l, indent + 1, out);
            }
            if !items.is_empty() {
                line(indent, out);
            }
            out.push(']');
        }
        J::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                line(indent + 1, out);
                if k.starts_with('"') {
                    out.push_str(k);
                } else {
                    out.push_str(&quote(k, if l.keys_escaped { l.escape } else { 0 }));
                }
                out.push_str(if l.pretty { ": " } else { ":" });
                render(v, l, indent + 1, out);
            }
            if !fields.is_empty() {
                line(indent, out);
            }
            out.push('}');
        }
    }
}

/// The paths (indexes of children) of every object in `j`.
fn objects(j: &J, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    match j {
        J::Obj(fields) => {
            out.push(path.clone());
            for (i, (_, v)) in fields.iter().enumerate() {
                path.push(i);
                objects(v, path, out);
                path.pop();
            }
        }
        J::Arr(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i);
                objects(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The paths of every string that is one of [`TIMES`].
fn times(j: &J, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    match j {
        J::Str(v) if TIMES.contains(&v.as_str()) => out.push(path.clone()),
        J::Obj(fields) => {
            for (i, (_, v)) in fields.iter().enumerate() {
                path.push(i);
                times(v, path, out);
                path.pop();
            }
        }
        J::Arr(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i);
                times(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'j>(j: &'j mut J, path: &[usize]) -> &'j mut J {
    match path.split_first() {
        None => j,
        Some((&i, rest)) => match j {
            J::Obj(fields) => at_mut(&mut fields[i].1, rest),
            J::Arr(items) => at_mut(&mut items[i], rest),
            _ => unreachable!("a path leads through objects and arrays"),
        },
    }
}

/// The top-level field `key`, if the file has it.
fn field<'j>(j: &'j mut J, key: &str) -> Option<&'j mut J> {
    match j {
        J::Obj(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Sets the top-level field `key` (adds it where it is missing).
fn set(j: &mut J, key: &str, value: J) {
    match field(j, key) {
        Some(v) => *v = value,
        None => {
            if let J::Obj(fields) = j {
                fields.push((key.to_string(), value));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Valid room files.

/// Times every reader reads (RFC 3339 with an offset, years 0001–9999).
const TIMES: [&str; 8] = [
    "2021-01-21T11:07:12+01:00",
    "2021-01-21T11:07:12.345+01:00",
    "2021-01-21T10:07:12Z",
    "2021-01-21t10:09:40z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59.999999999-23:59",
    "0001-01-01T00:00:00+23:59",
    "2024-02-29T12:00:00-05:30",
];

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#[derive(Clone, Debug)]
struct NoteSpec {
    question: usize,
    by: Option<String>,
    text: String,
    created: usize,
    updated: usize,
    deleted: bool,
    star: bool,
    unknown: bool,
}

#[derive(Clone, Debug)]
struct DraftSpec {
    question: usize,
    text: String,
    editing: Option<usize>,
    aside: Option<String>,
    updated: Option<usize>,
}

#[derive(Clone, Debug)]
struct RoomSpec {
    version: u8,
    session: String,
    block: String,
    room: String,
    writer: String,
    hosts: Vec<String>,
    questions: Vec<String>,
    notes: Vec<NoteSpec>,
    /// Absent, `null`, or a draft.
    draft: Option<Option<DraftSpec>>,
    /// Absent, `null`, or (help?, time).
    signal: Option<Option<(bool, usize)>>,
    /// Absent, `null`, or (message time, shown time).
    seen: Option<Option<(usize, usize)>>,
    unknown: bool,
    /// Another order of fields than oogst's.
    order: Option<u64>,
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z ]{0,8}",
        2 => "\\PC{0,8}",
        1 => prop::sample::select(vec![
            "\"", "\\", "a\nb", "tab\there", "\u{1b}[31m", "é", "e\u{301}", "🤝", "\u{2028}",
            "\u{feff}", "oogst-room", "\u{0}", "  ", "/",
        ])
        .prop_map(String::from),
    ]
}

fn note_strategy() -> impl Strategy<Value = NoteSpec> {
    (
        0usize..4,
        prop::option::of(text_strategy()),
        text_strategy(),
        0..TIMES.len(),
        0..TIMES.len(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(question, by, text, created, updated, deleted, star, unknown)| NoteSpec {
                question,
                by,
                text,
                created,
                updated,
                deleted,
                star,
                unknown,
            },
        )
}

fn draft_strategy() -> impl Strategy<Value = DraftSpec> {
    (
        0usize..4,
        text_strategy(),
        prop::option::of(0usize..4),
        prop::option::of(text_strategy()),
        prop::option::of(0..TIMES.len()),
    )
        .prop_map(|(question, text, editing, aside, updated)| DraftSpec {
            question,
            text,
            editing,
            aside,
            updated,
        })
}

fn room_strategy() -> impl Strategy<Value = RoomSpec> {
    (
        (
            1u8..=2,
            text_strategy(),
            "[a-z0-9-]{1,8}",
            text_strategy(),
            "[a-z0-9]{1,6}",
            prop::collection::vec(text_strategy(), 0..3),
            prop::collection::vec(text_strategy(), 0..4),
        ),
        (
            prop::collection::vec(note_strategy(), 0..5),
            prop::option::of(prop::option::of(draft_strategy())),
            prop::option::of(prop::option::of((any::<bool>(), 0..TIMES.len()))),
            prop::option::of(prop::option::of((0..TIMES.len(), 0..TIMES.len()))),
            any::<bool>(),
            prop::option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |(
                (version, session, block, room, writer, hosts, questions),
                (notes, draft, signal, seen, unknown, order),
            )| RoomSpec {
                version,
                session,
                block,
                room,
                writer,
                hosts,
                // Notes need a question to point at.
                notes: if questions.is_empty() {
                    Vec::new()
                } else {
                    notes
                },
                questions,
                draft,
                signal,
                seen,
                unknown,
                order,
            },
        )
}

/// A permutation of `fields` from `seed`.
fn shuffled<T>(fields: &mut [T], mut seed: u64) {
    for i in (1..fields.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        fields.swap(i, (seed >> 33) as usize % (i + 1));
    }
}

impl RoomSpec {
    fn id(&self, i: usize) -> String {
        if self.version == 1 {
            return format!("{}-{:06}", self.writer, i + 1);
        }
        let n = 0x0190_5A3C_2B10_u64 << 16 | (i as u64 * 7919);
        let part: String = (0..16)
            .rev()
            .map(|k| CROCKFORD[((u128::from(n) >> (k * 5)) & 31) as usize] as char)
            .collect();
        format!("{}-{part}", self.writer)
    }

    /// A 1-based question number for `q` (the draft may point at 1 when
    /// the file has no questions, as the host writes it).
    fn number(&self, q: usize) -> usize {
        q % self.questions.len().max(1) + 1
    }

    fn tree(&self) -> J {
        let mut notes = Vec::new();
        for (i, n) in self.notes.iter().enumerate() {
            let mut f = vec![
                ("id".to_string(), J::Str(self.id(i))),
                (
                    "question".into(),
                    J::Raw(self.number(n.question).to_string()),
                ),
            ];
            if let (2, Some(by)) = (self.version, &n.by) {
                f.push(("by".into(), J::Str(by.clone())));
            }
            f.push(("text".into(), J::Str(n.text.clone())));
            f.push(("created".into(), s(TIMES[n.created])));
            f.push(("updated".into(), s(TIMES[n.updated])));
            if n.deleted {
                f.push(("deleted".into(), raw("true")));
            }
            if n.star {
                f.push(("star".into(), raw("true")));
            }
            if n.unknown {
                f.push(("tags".into(), J::Arr(vec![s("x"), raw("-0.5")])));
            }
            if let Some(seed) = self.order {
                shuffled(&mut f, seed ^ i as u64);
            }
            notes.push(J::Obj(f));
        }
        let mut f: Vec<(String, J)> = vec![
            ("format".into(), s("oogst-room")),
            ("version".into(), J::Raw(self.version.to_string())),
            ("session".into(), J::Str(self.session.clone())),
        ];
        if self.version == 2 {
            f.push(("block".into(), J::Str(self.block.clone())));
        }
        f.push(("room".into(), J::Str(self.room.clone())));
        f.push(("writer".into(), J::Str(self.writer.clone())));
        if self.version == 2 {
            let hosts = self.hosts.iter().map(|h| J::Str(h.clone())).collect();
            f.push(("hosts".into(), J::Arr(hosts)));
        } else {
            let host = self.hosts.first().cloned().unwrap_or_default();
            f.push(("host".into(), J::Str(host)));
        }
        let questions = self.questions.iter().map(|q| J::Str(q.clone())).collect();
        f.push(("questions".into(), J::Arr(questions)));
        f.push(("notes".into(), J::Arr(notes)));
        match &self.draft {
            None => {}
            Some(None) => f.push(("draft".into(), raw("null"))),
            Some(Some(d)) => {
                let mut o = vec![
                    (
                        "question".to_string(),
                        J::Raw(self.number(d.question).to_string()),
                    ),
                    ("text".into(), J::Str(d.text.clone())),
                ];
                if let Some(e) = d.editing {
                    let id = if e < self.notes.len() {
                        self.id(e)
                    } else {
                        "elders-000001".into()
                    };
                    o.push(("editing".into(), J::Str(id)));
                }
                if let Some(a) = &d.aside {
                    o.push(("aside".into(), J::Str(a.clone())));
                }
                if let Some(u) = d.updated {
                    o.push(("updated".into(), s(TIMES[u])));
                }
                f.push(("draft".into(), J::Obj(o)));
            }
        }
        match self.signal {
            None => {}
            Some(None) => f.push(("signal".into(), raw("null"))),
            Some(Some((help, at))) => f.push((
                "signal".into(),
                obj(&[
                    ("kind", s(if help { "help" } else { "done" })),
                    ("at", s(TIMES[at])),
                ]),
            )),
        }
        match self.seen {
            None => {}
            Some(None) => f.push(("seen".into(), raw("null"))),
            Some(Some((message, at))) => f.push((
                "seen".into(),
                obj(&[("message", s(TIMES[message])), ("at", s(TIMES[at]))]),
            )),
        }
        if self.unknown {
            f.push((
                "future".into(),
                J::Arr(vec![
                    raw("1"),
                    raw("-2.5"),
                    raw("null"),
                    raw("true"),
                    obj(&[("a", s("b"))]),
                ]),
            ));
        }
        if let Some(seed) = self.order {
            shuffled(&mut f, seed);
        }
        J::Obj(f)
    }
}

// ---------------------------------------------------------------------------
// Mutations.

/// Every number form of `version`, and some that are no number.
const VERSIONS: [&str; 19] = [
    "1",
    "1.0",
    "1e0",
    "10e-1",
    "2",
    "2.0",
    "3",
    "0",
    "-1",
    "\"1\"",
    "1.5",
    "1e400",
    "0.1e1",
    "2E0",
    "-0",
    "null",
    "18446744073709551616",
    "1.0000000000000001",
    "[1]",
];

/// Times no reader reads (one of them is fine: year 9999).
const BAD_TIMES: [&str; 12] = [
    "\"yesterday\"",
    "\"9999-12-31T23:59:59Z\"",
    "\"0000-01-01T00:00:00Z\"",
    "\"2021-01-21T11:07:12\"",
    "\"2021-01-21 11:07:12+01:00\"",
    "\"2021-02-29T11:07:12Z\"",
    "\"2021-01-21T11:07:12.1234567890Z\"",
    "\"10000-01-01T00:00:00Z\"",
    "\"2021-01-21T24:00:00Z\"",
    "\"\"",
    "0",
    "null",
];

/// Values of another type (or none), numbers in every form, strings
/// with a lone surrogate or a pair.
const VALUES: [&str; 15] = [
    "null",
    "0",
    "1.5",
    "\"\"",
    "[]",
    "{}",
    "true",
    "\"x\"",
    "-0",
    "1E+2",
    "12345678901234567890",
    "\"\\ud83e\"",
    "\"\\udd1dx\"",
    "\"\\ud83e\\udd1d\"",
    "\"\\u00e9\\/\"",
];

/// Whole documents that are no object.
const ROOTS: [&str; 5] = [
    "[]",
    "\"oogst-room\"",
    "1",
    "null",
    "[{\"format\": \"oogst-room\", \"version\": 2}]",
];

fn bad_drafts() -> Vec<J> {
    vec![
        raw("\"x\""),
        raw("[]"),
        raw("{}"),
        obj(&[("question", raw("0")), ("text", s("x"))]),
        obj(&[("question", raw("99")), ("text", s("x"))]),
        obj(&[("question", raw("1")), ("text", raw("5"))]),
        obj(&[("question", s("1")), ("text", s("x"))]),
        obj(&[("question", raw("1.0")), ("text", s("x"))]),
        obj(&[("question", raw("-1")), ("text", s("x"))]),
        obj(&[("text", s("x"))]),
        obj(&[
            ("question", raw("1")),
            ("text", s("x")),
            ("updated", s("yesterday")),
        ]),
        obj(&[
            ("question", raw("1")),
            ("text", s("x")),
            ("editing", raw("5")),
        ]),
        obj(&[("question", raw("1")), ("text", raw("null"))]),
        // Fine, and fine with no questions only while it is empty.
        obj(&[("question", raw("1")), ("text", s("x"))]),
        obj(&[("question", raw("1")), ("aside", s("opzij"))]),
        obj(&[("question", raw("1"))]),
    ]
}

fn bad_signals() -> Vec<J> {
    vec![
        obj(&[("kind", s("maybe")), ("at", s(TIMES[0]))]),
        obj(&[("kind", s("DONE")), ("at", s(TIMES[0]))]),
        obj(&[("kind", s("done"))]),
        obj(&[("at", s(TIMES[0]))]),
        obj(&[("kind", s("done")), ("at", s("yesterday"))]),
        obj(&[("kind", raw("1")), ("at", s(TIMES[0]))]),
        raw("\"done\""),
        raw("[]"),
        // Fine.
        obj(&[("kind", s("help")), ("at", s(TIMES[4]))]),
        raw("null"),
    ]
}

/// `format` values: other formats, no string, near misses.
const FORMATS: [&str; 10] = [
    "\"oogst-clock\"",
    "\"oogst-programme\"",
    "\"oogst-harvest\"",
    "\"oogst-lead-state\"",
    "\"iets-anders\"",
    "\"oogst-room \"",
    "\"Oogst-room\"",
    "5",
    "null",
    "{\"format\": \"oogst-room\"}",
];

#[derive(Clone, Debug)]
enum Mutation {
    /// `{"format": "oogst-clock", "version": 9}` in some object, under
    /// a key of its own (or as the object's own `format` and `version`
    /// when it is nested).
    LookAlike(Index, bool),
    EscapedFormat,
    /// A key of some object again, with the same value or another.
    Duplicate(Index, Index, bool),
    /// A known key again, written with an escape (`"ro\u006fm"`).
    EscapedDuplicate(Index, Index),
    Version(usize),
    BadTime(Index, usize),
    Draft(usize),
    Signal(usize),
    Format(usize),
    NoFormat,
    Remove(Index, Index),
    Retype(Index, Index, usize),
    /// A note twice (the same id), as it is or with another text and time.
    NoteTwice(Index, Option<(String, usize, bool)>),
    /// Arrays or objects nested this deep in an unknown field.
    Deep(usize, bool),
    NoQuestions,
    /// The whole document replaced by one that is no object.
    Root(usize),
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<bool>()).prop_map(|(i, own)| Mutation::LookAlike(i, own)),
        Just(Mutation::EscapedFormat),
        (any::<Index>(), any::<Index>(), any::<bool>())
            .prop_map(|(o, k, same)| Mutation::Duplicate(o, k, same)),
        (any::<Index>(), any::<Index>()).prop_map(|(o, k)| Mutation::EscapedDuplicate(o, k)),
        (0..VERSIONS.len()).prop_map(Mutation::Version),
        (any::<Index>(), 0..BAD_TIMES.len()).prop_map(|(i, t)| Mutation::BadTime(i, t)),
        (0..bad_drafts().len()).prop_map(Mutation::Draft),
        (0..bad_signals().len()).prop_map(Mutation::Signal),
        (0..FORMATS.len()).prop_map(Mutation::Format),
        Just(Mutation::NoFormat),
        (any::<Index>(), any::<Index>()).prop_map(|(o, k)| Mutation::Remove(o, k)),
        (any::<Index>(), any::<Index>(), 0..VALUES.len())
            .prop_map(|(o, k, v)| Mutation::Retype(o, k, v)),
        (
            any::<Index>(),
            prop::option::of((text_strategy(), 0..TIMES.len(), any::<bool>()))
        )
            .prop_map(|(i, other)| Mutation::NoteTwice(i, other)),
        (
            prop::sample::select(vec![10usize, 63, 64, 65, 100, 126, 127, 128, 200]),
            any::<bool>()
        )
            .prop_map(|(n, arrays)| Mutation::Deep(n, arrays)),
        Just(Mutation::NoQuestions),
        (0..ROOTS.len()).prop_map(Mutation::Root),
    ]
}

impl Mutation {
    fn apply(&self, doc: &mut J) {
        if !matches!(doc, J::Obj(_)) {
            // No object left to change (after `Root`).
            return;
        }
        let all_objects = |doc: &J| {
            let mut out = Vec::new();
            objects(doc, &mut Vec::new(), &mut out);
            out
        };
        match self {
            Mutation::LookAlike(i, own) => {
                let paths = all_objects(doc);
                let path = i.get(&paths).clone();
                let nested = !path.is_empty();
                if let J::Obj(fields) = at_mut(doc, &path) {
                    let look = obj(&[("format", s("oogst-clock")), ("version", raw("9"))]);
                    if *own && nested && !fields.iter().any(|(k, _)| k == "format") {
                        fields.insert(0, ("format".into(), s("oogst-clock")));
                        fields.push(("version".into(), raw("9")));
                    } else {
                        let at = fields.len() / 2;
                        fields.insert(at, ("x".into(), look));
                    }
                }
            }
            Mutation::EscapedFormat => set(doc, "format", raw("\"oogst\\u002droom\"")),
            Mutation::Duplicate(o, k, same) => {
                let paths = all_objects(doc);
                if let J::Obj(fields) = at_mut(doc, pick(o, &paths)) {
                    if fields.is_empty() {
                        fields.push(("x".into(), raw("1")));
                    }
                    let (key, value) = k.get(fields).clone();
                    let value = if *same { value } else { raw("null") };
                    let at = k.index(fields.len() + 1);
                    fields.insert(at, (key, value));
                }
            }
            Mutation::EscapedDuplicate(o, k) => {
                let paths = all_objects(doc);
                if let J::Obj(fields) = at_mut(doc, pick(o, &paths))
                    && !fields.is_empty()
                {
                    let (key, value) = k.get(fields).clone();
                    if key.starts_with('"') {
                        return;
                    }
                    let mut escaped = String::from("\"");
                    for unit in key.encode_utf16() {
                        escaped.push_str(&format!("\\u{unit:04x}"));
                    }
                    escaped.push('"');
                    fields.push((escaped, value));
                }
            }
            Mutation::Version(v) => set(doc, "version", raw(VERSIONS[*v])),
            Mutation::BadTime(i, t) => {
                let mut paths = Vec::new();
                times(doc, &mut Vec::new(), &mut paths);
                if !paths.is_empty() {
                    *at_mut(doc, pick(i, &paths)) = raw(BAD_TIMES[*t]);
                }
            }
            Mutation::Draft(d) => set(doc, "draft", bad_drafts()[*d].clone()),
            Mutation::Signal(k) => set(doc, "signal", bad_signals()[*k].clone()),
            Mutation::Format(f) => set(doc, "format", raw(FORMATS[*f])),
            Mutation::NoFormat => {
                if let J::Obj(fields) = doc {
                    fields.retain(|(k, _)| k != "format");
                }
            }
            Mutation::Remove(o, k) => {
                let paths = all_objects(doc);
                if let J::Obj(fields) = at_mut(doc, pick(o, &paths))
                    && !fields.is_empty()
                {
                    fields.remove(k.index(fields.len()));
                }
            }
            Mutation::Retype(o, k, v) => {
                let paths = all_objects(doc);
                if let J::Obj(fields) = at_mut(doc, pick(o, &paths))
                    && !fields.is_empty()
                {
                    let at = k.index(fields.len());
                    fields[at].1 = raw(VALUES[*v]);
                }
            }
            Mutation::NoteTwice(i, other) => {
                if let Some(J::Arr(notes)) = field(doc, "notes")
                    && !notes.is_empty()
                {
                    let mut copy = i.get(notes).clone();
                    if let (Some((text, updated, deleted)), J::Obj(f)) = (other, &mut copy) {
                        for (k, v) in f.iter_mut() {
                            match k.as_str() {
                                "text" => *v = J::Str(text.clone()),
                                "updated" => *v = s(TIMES[*updated]),
                                _ => {}
                            }
                        }
                        f.retain(|(k, _)| k != "deleted");
                        if *deleted {
                            f.push(("deleted".into(), raw("true")));
                        }
                    }
                    let at = i.index(notes.len() + 1);
                    notes.insert(at, copy);
                }
            }
            Mutation::Deep(n, arrays) => {
                let deep = if *arrays {
                    format!("{}{}", "[".repeat(*n), "]".repeat(*n))
                } else {
                    format!("{}1{}", "{\"a\":".repeat(*n), "}".repeat(*n))
                };
                if let J::Obj(fields) = doc {
                    fields.push(("deep".into(), J::Raw(deep)));
                }
            }
            Mutation::NoQuestions => set(doc, "questions", raw("[]")),
            Mutation::Root(r) => *doc = raw(ROOTS[*r]),
        }
    }
}

/// A change to the bytes: insert, delete or replace one, anywhere.
#[derive(Clone, Debug)]
enum Edit {
    Insert(Index, u8),
    Delete(Index),
    Replace(Index, u8),
}

/// Bytes that mean something to JSON, and bytes of (and not of) UTF-8.
const BYTES: [u8; 26] = [
    b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b'0', b'1', b'.', b'e', b'-', b' ', b'\n',
    b'a', b'u', 0x00, 0x7f, 0x80, 0xbf, 0xc3, 0xe2, 0xef, 0xf0, 0xff,
];

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let byte = prop_oneof![
        3 => prop::sample::select(BYTES.to_vec()),
        1 => any::<u8>(),
    ];
    prop_oneof![
        (any::<Index>(), byte.clone()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), byte).prop_map(|(i, b)| Edit::Replace(i, b)),
    ]
}

impl Edit {
    fn apply(&self, bytes: &mut Vec<u8>) {
        match self {
            Edit::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
            Edit::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i.index(bytes.len()));
            }
            Edit::Replace(i, b) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            _ => {}
        }
    }
}

const PREFIXES: [&str; 6] = [
    "",
    "\u{feff}",
    "\u{feff}\u{feff}",
    " \n",
    "\u{feff} ",
    "\u{200b}",
];
const SUFFIXES: [&str; 10] = [
    "", "}", "x", " \n\t", "{}", "\u{feff}", "\u{0}", ",", "]", "\n\n",
];

#[derive(Clone, Debug)]
struct Case {
    room: RoomSpec,
    layout: Layout,
    mutations: Vec<Mutation>,
    prefix: usize,
    suffix: usize,
    edits: Vec<Edit>,
}

impl Case {
    fn text(&self) -> String {
        let mut doc = self.room.tree();
        for m in &self.mutations {
            m.apply(&mut doc);
        }
        let mut text = PREFIXES[self.prefix].to_string();
        render(&doc, self.layout, 0, &mut text);
        text.push_str(SUFFIXES[self.suffix]);
        if self.edits.is_empty() {
            return text;
        }
        let mut bytes = text.into_bytes();
        for e in &self.edits {
            e.apply(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

fn case_strategy() -> impl Strategy<Value = Case> {
    let layout = (any::<bool>(), 0u8..3, prop::bool::weighted(0.2)).prop_map(
        |(pretty, escape, keys_escaped)| Layout {
            pretty,
            escape,
            keys_escaped,
        },
    );
    let weighted = |n: usize| {
        prop_oneof![
            6 => Just(0usize),
            1 => 0..n,
        ]
    };
    (
        room_strategy(),
        layout,
        prop_oneof![
            2 => Just(Vec::new()),
            3 => prop::collection::vec(mutation_strategy(), 1..3),
        ],
        weighted(PREFIXES.len()),
        weighted(SUFFIXES.len()),
        prop_oneof![
            3 => Just(Vec::new()),
            1 => prop::collection::vec(edit_strategy(), 1..4),
        ],
    )
        .prop_map(|(room, layout, mutations, prefix, suffix, edits)| Case {
            room,
            layout,
            mutations,
            prefix,
            suffix,
            edits,
        })
}

// ---------------------------------------------------------------------------
// The readers.

/// A live note as a reader shows it: id, question (matched as the merge
/// matches it), text, by, star.
type Shown = (String, String, String, String, bool);

/// A draft as the harvest shows it: question, text, by.
type ShownDraft = (String, String, String);

/// What a reader read of a room file.
#[derive(Debug, PartialEq)]
struct Content {
    session: String,
    block: Option<String>,
    room: String,
    notes: Vec<Shown>,
    drafts: Vec<ShownDraft>,
}

/// What the host's reader read.
fn host_content(doc: &RoomDoc) -> Content {
    let question = |q: usize| question_key(&doc.questions[q - 1]).into_owned();
    let mut notes: Vec<Shown> = doc
        .notes
        .iter()
        .filter(|n| !n.deleted)
        .map(|n| {
            (
                n.id.clone(),
                question(n.question),
                n.text.clone(),
                n.by.clone(),
                n.star,
            )
        })
        .collect();
    notes.sort();
    // Every non-empty draft (and what was set aside for an edit), but an
    // edit that changed nothing: that is the note itself.
    let d = &doc.draft;
    let mut drafts = Vec::new();
    if let Some(aside) = d.aside.as_deref().filter(|a| !a.trim().is_empty()) {
        drafts.push((question(d.question), aside.to_string(), doc.host().into()));
    }
    let unchanged_edit = d.editing.as_deref().is_some_and(|id| {
        doc.notes
            .iter()
            .any(|n| n.id == id && !n.deleted && n.text == d.text)
    });
    if !d.text.trim().is_empty() && !unchanged_edit {
        drafts.push((question(d.question), d.text.clone(), doc.host().into()));
    }
    drafts.sort();
    Content {
        session: doc.session.clone(),
        block: doc.block.clone(),
        room: doc.room.clone(),
        notes,
        drafts,
    }
}

/// What the merge read, from its harvest document.
fn harvest_content(json: &str) -> Result<Content, TestCaseError> {
    let v: Value = serde_json::from_str(json).unwrap();
    let rounds = v["rounds"].as_array().unwrap();
    prop_assert_eq!(rounds.len(), 1, "one file, one round");
    let round = &rounds[0];
    let rooms = round["rooms"].as_array().unwrap();
    prop_assert_eq!(rooms.len(), 1, "one file, one room");
    let room = &rooms[0];
    let questions: Vec<&str> = round["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    let question =
        |n: &Value| question_key(questions[n.as_u64().unwrap() as usize - 1]).into_owned();
    let str_of = |n: &Value| n.as_str().unwrap().to_string();
    let mut notes: Vec<Shown> = room["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                str_of(&n["id"]),
                question(&n["question"]),
                str_of(&n["text"]),
                str_of(&n["by"]),
                n["star"].as_bool().unwrap(),
            )
        })
        .collect();
    notes.sort();
    let mut drafts: Vec<ShownDraft> = room["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                question(&d["question"]),
                str_of(&d["text"]),
                str_of(&d["by"]),
            )
        })
        .collect();
    drafts.sort();
    Ok(Content {
        session: str_of(&v["session"]),
        block: round["block"].as_str().map(str::to_string),
        room: str_of(&room["room"]),
        notes,
        drafts,
    })
}

/// The three readers on `text`: the same verdict, the same content.
fn same_reading(text: &str) -> Result<(), TestCaseError> {
    let checked = check_text(text, "f.json");
    let host = RoomDoc::parse(text, "f.json");
    let inputs = Inputs::from_texts(vec![("f.json".into(), text.into())], Vec::new());
    let merged = merge(&inputs, &Options::default());

    let another_format =
        matches!(head(strip_bom(text)), Ok(h) if h.format.as_deref() != Some("oogst-room"));
    if another_format {
        // Not a room file by its top-level `format`: the merge passes it
        // over (SPEC §2, §5), the host refuses it, `check` judges it as
        // what it says it is.
        let (_, report) = match merged {
            Ok(m) => m,
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "merge refused another format: {e:?}"
                )));
            }
        };
        prop_assert_eq!(report.files_read, 0);
        prop_assert_eq!(report.session_files + report.skipped.len(), 1);
        prop_assert!(host.is_err(), "the host read another format as a room");
        return Ok(());
    }
    match (checked, host, merged) {
        (Ok(verdict), Ok(doc), Ok((h, report))) => {
            prop_assert_eq!(report.files_read, 1);
            let mut json = Vec::new();
            oogst::export::json::write(&h, &mut json).unwrap();
            let merged = harvest_content(std::str::from_utf8(&json).unwrap())?;
            let host = host_content(&doc);
            // `check` counts what the others read: notes, deleted, drafts.
            let Verdict::Room {
                notes,
                deleted,
                drafts,
                ..
            } = verdict
            else {
                return Err(TestCaseError::fail(format!("not a room: {verdict:?}")));
            };
            prop_assert_eq!(
                (notes, deleted, drafts),
                (host.notes.len(), report.tombstones, host.drafts.len()),
                "what check counts, against what the others read"
            );
            prop_assert_eq!(merged, host);
        }
        (Err(c), Err(d), Err(m)) => {
            prop_assert_eq!(&c, &d, "check and the host refuse it for one reason");
            prop_assert_eq!(
                &m.0[0],
                &oogst::merge::MergeProblem::Invalid(c.clone()),
                "and the merge says so too"
            );
            // With --keep-going the merge skips it by name.
            let opts = Options {
                keep_going: true,
                ..Options::default()
            };
            let (_, report) = match merge(&inputs, &opts) {
                Ok(m) => m,
                Err(e) => {
                    let why = format!("--keep-going refused: {e:?}");
                    return Err(TestCaseError::fail(why));
                }
            };
            prop_assert_eq!(report.files_read, 0);
            prop_assert_eq!(report.skipped.len(), 1);
            prop_assert_eq!(&report.skipped[0].0, "f.json");
        }
        (c, d, m) => {
            return Err(TestCaseError::fail(format!(
                "the readers disagree:\n check: {:?}\n host: {:?}\n merge: {:?}",
                c,
                d.map(|_| "a room"),
                m.map(|(_, r)| r)
            )));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn check_merge_and_host_read_every_file_alike(case in case_strategy()) {
        same_reading(&case.text())?;
    }
}

/// The cases of the issue, one by one.
#[test]
fn the_cases_of_the_issue() {
    let room = r#"{"format": "oogst-room", "version": 2, "session": "s", "block": "b",
        "room": "Kamer 1", "writer": "w", "hosts": ["Anna"], "questions": ["Q"],
        "notes": [{"id": "w-1", "question": 1, "text": "een", "created": "2021-01-21T11:07:12+01:00",
                   "updated": "2021-01-21T11:07:12+01:00"}]"#;
    for (tail, what) in [
        (r#"}"#, "valid"),
        (
            r#", "x": {"format": "oogst-clock", "version": 9}}"#,
            "a nested look-alike",
        ),
        (r#", "x": {"version": 3}}"#, "a nested version"),
        (r#"} }"#, "a stray }"),
        (r#"}x"#, "text after the JSON"),
        (r#", "draft": {"question": 0, "text": "x"}}"#, "a bad draft"),
        (
            r#", "signal": {"kind": "maybe", "at": "2021-01-21T11:07:12+01:00"}}"#,
            "a bad signal",
        ),
    ] {
        let text = format!("{room}{tail}");
        same_reading(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        same_reading(&format!("\u{feff}{text}")).unwrap_or_else(|e| panic!("BOM, {what}: {e}"));
        let escaped = text.replacen("\"oogst-room\"", "\"oogst\\u002droom\"", 1);
        same_reading(&escaped).unwrap_or_else(|e| panic!("escaped, {what}: {e}"));
    }
    for version in VERSIONS {
        let text =
            format!("{room}}}").replacen("\"version\": 2", &format!("\"version\": {version}"), 1);
        same_reading(&text).unwrap_or_else(|e| panic!("version {version}: {e}"));
    }
    for time in BAD_TIMES {
        let text = format!("{room}}}").replacen("\"2021-01-21T11:07:12+01:00\"", time, 1);
        same_reading(&text).unwrap_or_else(|e| panic!("time {time}: {e}"));
    }
}

/// One of `paths`.
fn pick<'p>(i: &Index, paths: &'p [Vec<usize>]) -> &'p [usize] {
    let path: &Vec<usize> = i.get(paths);
    path
}

/// Bytes that are not UTF-8 (a character cut in two) never reach a
/// format's reader: `check` and the host read files through
/// `files::read_text`, the merge through `read_inputs`, and all refuse.
#[test]
fn a_file_that_is_not_utf8_is_refused_by_every_reader() {
    let text = r#"{"format": "oogst-room", "version": 2, "session": "s", "block": "b",
        "room": "Kamer 1", "writer": "w", "hosts": ["Anna"], "questions": ["Q"],
        "notes": [{"id": "w-1", "question": 1, "text": "café", "created": "2021-01-21T11:07:12+01:00",
                   "updated": "2021-01-21T11:07:12+01:00"}]}"#;
    let mut bytes = text.as_bytes().to_vec();
    let cut = text.find('é').unwrap() + 1;
    bytes.remove(cut);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.json");
    std::fs::write(&path, &bytes).unwrap();
    let read = oogst::files::read_text(&path, oogst::files::Links::Follow);
    assert!(read.is_err(), "{read:?}");
    let inputs = oogst::merge::read_inputs(std::slice::from_ref(&path)).unwrap();
    assert!(merge(&inputs, &Options::default()).is_err());
    // The same file with the character whole is read by all.
    std::fs::write(&path, text).unwrap();
    let read = oogst::files::read_text(&path, oogst::files::Links::Follow).unwrap();
    same_reading(&read).unwrap();
    let inputs = oogst::merge::read_inputs(std::slice::from_ref(&path)).unwrap();
    assert_eq!(merge(&inputs, &Options::default()).unwrap().1.notes, 1);
}
