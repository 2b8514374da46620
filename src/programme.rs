//! The meeting's programme: its blocks, their planned times, and the
//! questions and rooms of its breakouts. Parsing validates everything and
//! reports each problem with the file, the place and the block it concerns.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The built-in demo programme: the reference meeting of the spec.
pub const DEMO_JSON: &str = include_str!("../assets/programme.json");
/// Where the demo is said to come from in messages.
pub const DEMO_NAME: &str = "programme.json (built in)";
/// The file format this oogst reads and writes.
pub const FORMAT: &str = "oogst-programme";
pub const VERSION: u64 = 1;

/// What a block is for. The clock treats a walk-in specially (it counts
/// down to its planned end); the screens give each kind its own mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    WalkIn,
    Plenary,
    Case,
    Questions,
    Breakout,
    Break,
    Closing,
}

/// Written by its English name; read by its English or Dutch name.
impl serde::Serialize for BlockKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for BlockKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<BlockKind, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        BlockKind::from_name(&name)
            .ok_or_else(|| crate::files::refuse(crate::files::Refusal::UnknownKind, &name))
    }
}

impl BlockKind {
    pub const ALL: [BlockKind; 7] = [
        BlockKind::WalkIn,
        BlockKind::Plenary,
        BlockKind::Case,
        BlockKind::Questions,
        BlockKind::Breakout,
        BlockKind::Break,
        BlockKind::Closing,
    ];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::WalkIn => "walk-in",
            BlockKind::Plenary => "plenary",
            BlockKind::Case => "case",
            BlockKind::Questions => "questions",
            BlockKind::Breakout => "breakout",
            BlockKind::Break => "break",
            BlockKind::Closing => "closing",
        }
    }

    /// The Dutch word a programme may use instead.
    pub fn dutch_name(self) -> &'static str {
        match self {
            BlockKind::WalkIn => "inloop",
            BlockKind::Plenary => "plenair",
            BlockKind::Case => "casus",
            BlockKind::Questions => "vragen",
            BlockKind::Breakout => "deelsessie",
            BlockKind::Break => "pauze",
            BlockKind::Closing => "afsluiting",
        }
    }

    /// A kind by its name in files, English or Dutch.
    pub fn from_name(s: &str) -> Option<BlockKind> {
        BlockKind::ALL
            .into_iter()
            .find(|k| k.name() == s || k.dutch_name() == s)
    }

    /// The valid names, for error messages.
    pub fn valid_names() -> String {
        BlockKind::ALL.map(BlockKind::name).join(", ")
    }

    /// The Dutch names, for error messages.
    pub fn dutch_names() -> String {
        BlockKind::ALL.map(BlockKind::dutch_name).join(", ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's lasting name: given in the file, or made from its
    /// title. Saved clocks and room files refer to blocks by it.
    pub id: String,
    pub kind: BlockKind,
    pub title: String,
    /// Planned start (given, or the previous block's end).
    pub start: DayTime,
    pub end: DayTime,
    /// Whether `start` was written in the file: a fixed start absorbs delay.
    pub fixed_start: bool,
    pub rooms: Vec<String>,
    pub questions: Vec<String>,
}

impl Block {
    pub fn minutes(&self) -> u32 {
        u32::from(self.end.minutes() - self.start.minutes())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Programme {
    pub id: String,
    pub title: String,
    pub date: Option<jiff::civil::Date>,
    pub blocks: Vec<Block>,
    /// The JSON as read, so that copies of it (the session folder's
    /// `programme.json`) keep whatever else the author wrote in it.
    pub source: String,
    /// What is probably a mistake but does not stop the programme (an
    /// unknown field in a block).
    pub warnings: Vec<Problem>,
}

impl Programme {
    /// The built-in demo programme.
    pub fn demo() -> Programme {
        Programme::parse(DEMO_JSON, DEMO_NAME).expect("the built-in programme is valid")
    }

    /// The first breakout block: the round of room files of version 1.
    pub fn breakout(&self) -> Option<&Block> {
        self.breakouts().next()
    }

    /// The breakout blocks (the rounds), in order.
    pub fn breakouts(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind == BlockKind::Breakout)
    }

    /// The block with this id.
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id)
    }

    /// The round (breakout) that goes with block `at` of the lead's
    /// clock: that block if it is a breakout, else the next breakout
    /// after it, else the last one. Past the end: the last one.
    pub fn round_at(&self, at: usize) -> Option<&Block> {
        self.blocks
            .iter()
            .skip(at)
            .find(|b| b.kind == BlockKind::Breakout)
            .or_else(|| self.breakouts().last())
    }

    /// The round by the plan at time of day `t` (when no clock says where
    /// the meeting is): the first breakout not yet over, else the last.
    pub fn round_by_time(&self, t: DayTime) -> Option<&Block> {
        self.breakouts()
            .find(|b| b.end > t)
            .or_else(|| self.breakouts().last())
    }

    /// Parses and validates `text`, read from `file` (named in errors).
    pub fn parse(text: &str, file: &str) -> Result<Programme, FileError> {
        Programme::parse_draft(text, file).result
    }

    /// [`Programme::parse`], and the planned times of every block as
    /// written (skipped ones too), where they could be worked out: what
    /// the programme editor shows beside a draft that is not valid yet.
    pub fn parse_draft(text: &str, file: &str) -> Parsed {
        let raw: RawProgramme =
            match crate::files::parse_typed(text, file, FORMAT, "programme", VERSION) {
                Ok((raw, _)) => raw,
                Err(e) => {
                    return Parsed {
                        result: Err(e),
                        times: Vec::new(),
                    };
                }
            };
        let mut problems = Vec::new();
        let mut times = Vec::new();
        let mut programme = validate(raw, text, &mut problems, &mut times);
        programme.warnings = unknown_block_fields(crate::files::strip_bom(text));
        let result = if problems.is_empty() {
            Ok(programme)
        } else {
            Err(FileError {
                file: file.to_string(),
                problems,
            })
        };
        Parsed { result, times }
    }

    /// A short fingerprint of what the clock depends on (blocks and their
    /// times), so a saved clock state is only resumed for the same plan.
    pub fn fingerprint(&self) -> String {
        // FNV-1a: stable across builds and platforms, unlike `DefaultHasher`.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(self.id.as_bytes());
        for b in &self.blocks {
            eat(b.kind.name().as_bytes());
            eat(b.title.as_bytes());
            eat(&b.start.minutes().to_le_bytes());
            eat(&b.end.minutes().to_le_bytes());
            eat(&[u8::from(b.fixed_start)]);
        }
        format!("{h:016x}")
    }
}

pub use crate::files::{DayTime, FileError, Problem, ProblemKind};

/// What [`Programme::parse_draft`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub result: Result<Programme, FileError>,
    /// Per block as written (1-based block `n` at `n - 1`): its planned
    /// start and end, or `None` where they are wrong or depend on a time
    /// that is. Empty when the file's shape is wrong.
    pub times: Vec<Option<(DayTime, DayTime)>>,
}

#[derive(Deserialize)]
struct RawProgramme {
    id: String,
    title: String,
    #[serde(default)]
    date: Option<String>,
    blocks: Vec<RawBlock>,
}

#[derive(Deserialize)]
struct RawBlock {
    #[serde(default)]
    id: Option<String>,
    kind: String,
    title: String,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    minutes: Option<u64>,
    #[serde(default)]
    rooms: Vec<String>,
    #[serde(default)]
    questions: Vec<String>,
    /// Left out of today's plan, kept in the file (the programme editor's
    /// "skip"): the clock, the hosts and the harvest pass it over.
    #[serde(default)]
    skip: bool,
}

/// Whether a programme id can name a folder on every file system.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The fields a block has.
pub(crate) const BLOCK_FIELDS: [&str; 9] = [
    "id",
    "kind",
    "title",
    "start",
    "end",
    "minutes",
    "rooms",
    "questions",
    "skip",
];

/// Words people write for a block's fields, and the field they mean.
const FIELD_WORDS: [(&str, &str); 22] = [
    ("begin", "start"),
    ("from", "start"),
    ("van", "start"),
    ("starttijd", "start"),
    ("eind", "end"),
    ("einde", "end"),
    ("tot", "end"),
    ("until", "end"),
    ("to", "end"),
    ("duur", "minutes"),
    ("duration", "minutes"),
    ("length", "minutes"),
    ("minuten", "minutes"),
    ("mins", "minutes"),
    ("kamers", "rooms"),
    ("vragen", "questions"),
    ("titel", "title"),
    ("name", "title"),
    ("naam", "title"),
    ("soort", "kind"),
    ("type", "kind"),
    ("rounds", "rooms"),
];

/// The number of single-character edits between `a` and `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The known field `field` probably means.
fn nearest_field(field: &str) -> Option<&'static str> {
    let lower = field.trim().to_lowercase();
    if let Some((_, f)) = FIELD_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(f);
    }
    BLOCK_FIELDS
        .iter()
        .map(|f| (edit_distance(&lower, f), *f))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, f)| f)
}

/// A warning for every field a block does not have.
fn unknown_block_fields(text: &str) -> Vec<Problem> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let Some(blocks) = value.get("blocks").and_then(|b| b.as_array()) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Some(fields) = b.as_object() else {
            continue;
        };
        let title = fields
            .get("title")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        for key in fields
            .keys()
            .filter(|k| !BLOCK_FIELDS.contains(&k.as_str()))
        {
            warnings.push(Problem {
                line_col: None,
                block: Some((i + 1, title.clone())),
                kind: ProblemKind::UnknownField {
                    field: key.clone(),
                    nearest: nearest_field(key),
                },
            });
        }
    }
    warnings
}

/// Whether a block id given in a file is letters, digits, `-` and `_`.
fn valid_block_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= 64
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A block id made from a title: lower case, accents dropped, letters
/// and digits kept, anything else one `-`.
fn id_from_title(title: &str, kind: Option<BlockKind>) -> String {
    let mut id = String::new();
    for c in title.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        kind.map_or("block", BlockKind::name).to_string()
    } else {
        id
    }
}

fn validate(
    raw: RawProgramme,
    source: &str,
    problems: &mut Vec<Problem>,
    times: &mut Vec<Option<(DayTime, DayTime)>>,
) -> Programme {
    let mut top = |kind| problems.push(Problem::at(kind));
    if !valid_id(&raw.id) {
        top(ProblemKind::BadId { id: raw.id.clone() });
    }
    if raw.title.trim().is_empty() {
        top(ProblemKind::EmptyTitle);
    }
    let date = raw
        .date
        .as_deref()
        .and_then(|d| match d.parse::<jiff::civil::Date>() {
            Ok(date) if d.len() == 10 => Some(date),
            _ => {
                top(ProblemKind::BadDate {
                    found: d.to_string(),
                });
                None
            }
        });
    if raw.blocks.is_empty() {
        top(ProblemKind::NoBlocks);
    }

    // Ids: those given are checked and unique (case ignored: they name
    // folders); the others are made from titles, `-2`, `-3` for repeats.
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (i, rb) in raw.blocks.iter().enumerate() {
        let Some(id) = &rb.id else { continue };
        let here = Some((i + 1, rb.title.clone()));
        if !valid_block_id(id) {
            problems.push(Problem {
                line_col: None,
                block: here,
                kind: ProblemKind::BadBlockId { id: id.clone() },
            });
        } else if !taken.insert(id.to_lowercase()) {
            problems.push(Problem {
                line_col: None,
                block: here,
                kind: ProblemKind::DuplicateBlockId { id: id.clone() },
            });
        }
    }
    let ids: Vec<String> = raw
        .blocks
        .iter()
        .map(|rb| match &rb.id {
            Some(id) => id.clone(),
            None => {
                let base = id_from_title(&rb.title, BlockKind::from_name(&rb.kind));
                let mut id = base.clone();
                let mut n = 1;
                while !taken.insert(id.to_lowercase()) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                id
            }
        })
        .collect();

    let mut blocks = Vec::with_capacity(raw.blocks.len());
    let mut previous_end: Option<DayTime> = None;
    let all_skipped = !raw.blocks.is_empty() && raw.blocks.iter().all(|b| b.skip);
    for ((i, rb), id) in raw.blocks.into_iter().enumerate().zip(ids) {
        let here = (i + 1, rb.title.clone());
        let mut report = |kind| {
            problems.push(Problem {
                line_col: None,
                block: Some(here.clone()),
                kind,
            })
        };
        let kind = BlockKind::from_name(&rb.kind);
        if kind.is_none() {
            report(ProblemKind::UnknownKind {
                found: rb.kind.clone(),
            });
        }
        if rb.title.trim().is_empty() {
            report(ProblemKind::EmptyTitle);
        }
        let mut time = |field: &'static str, s: &Option<String>| {
            s.as_ref().and_then(|s| {
                let t = DayTime::parse(s);
                if t.is_none() {
                    report(ProblemKind::BadTime {
                        field,
                        found: s.clone(),
                    });
                }
                t
            })
        };
        let given_start = time("start", &rb.start);
        let given_end = time("end", &rb.end);
        let bad_start = rb.start.is_some() && given_start.is_none();
        let bad_end = rb.end.is_some() && given_end.is_none();

        let start = match (given_start, previous_end) {
            (Some(s), Some(prev)) if s < prev => {
                report(ProblemKind::Overlap {
                    start: s,
                    previous_end: prev,
                });
                Some(s)
            }
            (Some(s), _) => Some(s),
            (None, Some(prev)) if !bad_start => Some(prev),
            (None, None) if i == 0 && !bad_start => {
                report(ProblemKind::FirstNeedsStart);
                None
            }
            _ => None,
        };
        let end = match (start, rb.minutes, given_end) {
            (_, Some(0), _) => {
                report(ProblemKind::ZeroMinutes);
                None
            }
            (_, Some(m), _) if m > 24 * 60 => {
                report(ProblemKind::TooLong { minutes: m });
                None
            }
            (Some(s), Some(m), end) => {
                let computed = u64::from(s.minutes()) + m;
                match DayTime::from_minutes(u16::try_from(computed).unwrap_or(u16::MAX)) {
                    None => {
                        report(ProblemKind::PastMidnight {
                            start: s,
                            minutes: m,
                        });
                        None
                    }
                    Some(e) => match end {
                        Some(given) if given != e => {
                            report(ProblemKind::LengthMismatch {
                                minutes: m,
                                start: s,
                                end: given,
                            });
                            None
                        }
                        _ => Some(e),
                    },
                }
            }
            (Some(s), None, Some(e)) => {
                if e <= s {
                    report(ProblemKind::EndNotAfterStart { start: s, end: e });
                    None
                } else {
                    Some(e)
                }
            }
            (_, None, None) if !bad_end => {
                report(ProblemKind::NoLength);
                None
            }
            _ => None,
        };

        if kind == Some(BlockKind::Breakout) {
            if rb.questions.is_empty() {
                report(ProblemKind::NoQuestions);
            }
            if rb.rooms.is_empty() {
                report(ProblemKind::NoRooms);
            }
        }
        for (n, q) in rb.questions.iter().enumerate() {
            if q.trim().is_empty() {
                report(ProblemKind::EmptyQuestion { number: n + 1 });
            }
        }
        // Rooms that the merge would take for one (case, accents and
        // Unicode forms ignored) are one room.
        for (n, r) in rb.rooms.iter().enumerate() {
            if r.trim().is_empty() {
                report(ProblemKind::EmptyRoom { number: n + 1 });
            } else if rb.rooms[..n]
                .iter()
                .any(|o| crate::room::room_key(o) == crate::room::room_key(r))
            {
                report(ProblemKind::DuplicateRoom { name: r.clone() });
            }
        }

        times.push(start.zip(end));
        // Later blocks are checked against this block's end even when it
        // was wrong, so that one mistake is reported once. A skipped
        // block keeps its place in time (its time becomes a gap); only
        // the plan that runs leaves it out.
        previous_end = end.or(start).or(previous_end);
        if rb.skip {
            continue;
        }
        if let (Some(kind), Some(start), Some(end)) = (kind, start, end) {
            blocks.push(Block {
                id,
                kind,
                title: rb.title,
                start,
                end,
                fixed_start: given_start.is_some(),
                rooms: rb.rooms,
                questions: rb.questions,
            });
        }
    }

    // A programme whose every block is skipped has nothing to run.
    if all_skipped {
        problems.push(Problem::at(ProblemKind::NoBlocks));
    }
    Programme {
        id: raw.id,
        title: raw.title,
        date,
        blocks,
        source: source.to_string(),
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_json(extra: &str) -> String {
        format!(
            r#"{{"format":"oogst-programme","version":1,"id":"t","title":"T","blocks":[{extra}]}}"#
        )
    }

    fn problems(json: &str) -> Vec<Problem> {
        Programme::parse(json, "p.json").unwrap_err().problems
    }

    fn kinds(json: &str) -> Vec<ProblemKind> {
        problems(json).into_iter().map(|p| p.kind).collect()
    }

    #[test]
    fn demo_is_the_reference_meeting() {
        let p = Programme::demo();
        assert_eq!(p.id, "cop-gebiedsgericht-2021-01-21");
        let times: Vec<String> = p
            .blocks
            .iter()
            .map(|b| format!("{}-{} {}", b.start, b.end, b.kind.name()))
            .collect();
        assert_eq!(
            times,
            [
                "09:45-10:00 walk-in",
                "10:00-10:10 plenary",
                "10:10-10:40 case",
                "10:40-10:55 questions",
                "11:00-12:00 breakout"
            ]
        );
        let breakout = p.breakout().unwrap();
        assert_eq!(breakout.questions.len(), 5);
        assert_eq!(breakout.rooms.len(), 4);
        assert!(breakout.fixed_start);
        assert!(!p.blocks[1].fixed_start);
    }

    #[test]
    fn daytime_parsing() {
        assert_eq!(DayTime::parse("09:45").unwrap().to_string(), "09:45");
        assert_eq!(DayTime::parse("9:05").unwrap().to_string(), "09:05");
        assert_eq!(DayTime::parse("24:00"), Some(DayTime::MIDNIGHT_END));
        for bad in [
            "24:01", "10:60", "1000", "10:5", "-1:00", "ab:cd", "", "10:00:00", "+1:00",
        ] {
            assert_eq!(DayTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let p =
            problems("{\n  \"format\": \"oogst-programme\",\n  \"version\": 1,\n  \"id\" \"x\"\n}");
        assert_eq!(p[0].line_col, Some((4, 8)));
        assert!(matches!(
            p[0].kind,
            ProblemKind::Malformed {
                truncated: false,
                ..
            }
        ));
    }

    #[test]
    fn truncated_json_is_recognised() {
        let p = problems(&Programme::demo().source[..300]);
        assert!(matches!(
            p[0].kind,
            ProblemKind::Malformed {
                truncated: true,
                ..
            }
        ));
    }

    #[test]
    fn wrong_format_and_newer_version() {
        assert_eq!(
            kinds(r#"{"format":"oogst-room","version":1}"#),
            [ProblemKind::WrongFormat {
                found: Some("oogst-room".into()),
                expected: FORMAT
            }]
        );
        assert_eq!(
            kinds(r#"{"format":"oogst-programme","version":2}"#),
            [ProblemKind::NewerVersion {
                what: "programme",
                found: 2,
                supported: 1
            }]
        );
        assert_eq!(
            kinds(r#"{"format":"oogst-programme"}"#),
            [ProblemKind::BadVersion]
        );
        assert_eq!(
            kinds("[]"),
            [ProblemKind::WrongFormat {
                found: None,
                expected: FORMAT
            }]
        );
    }

    #[test]
    fn byte_order_marks_empty_files_and_versions() {
        let demo = Programme::demo().source;
        assert!(Programme::parse(&format!("\u{feff}{demo}"), "p").is_ok());
        assert_eq!(kinds(""), [ProblemKind::Empty]);
        assert_eq!(kinds(" \n "), [ProblemKind::Empty]);
        let v0 = demo.replace("\"version\": 1", "\"version\": 0");
        assert_eq!(kinds(&v0), [ProblemKind::BadVersion]);
        let v1 = demo.replace("\"version\": 1", "\"version\": 1.0");
        assert!(Programme::parse(&v1, "p").is_ok());
        let half = demo.replace("\"version\": 1", "\"version\": 1.5");
        assert_eq!(kinds(&half), [ProblemKind::BadVersion]);
    }

    #[test]
    fn wrong_types_name_the_path_and_block() {
        let p = problems(&block_json(
            r#"{"kind":"plenary","title":"Open","start":"10:00","minutes":"tien"}"#,
        ));
        assert_eq!(p[0].block, Some((1, "Open".into())));
        match &p[0].kind {
            ProblemKind::Shape { path, .. } => assert_eq!(path, "blocks[0].minutes"),
            other => panic!("{other:?}"),
        }
        assert!(p[0].line_col.is_some());
        let p = problems(&block_json(
            r#"{"kind":"plenary","start":"10:00","minutes":5}"#,
        ));
        assert!(
            matches!(&p[0].kind, ProblemKind::Shape { detail, .. } if detail.contains("title"))
        );
    }

    #[test]
    fn unknown_kind_names_the_block() {
        let p = problems(&block_json(
            r#"{"kind":"lunch","title":"Lunch","start":"12:00","minutes":30}"#,
        ));
        assert_eq!(p[0].block, Some((1, "Lunch".into())));
        assert_eq!(
            p[0].kind,
            ProblemKind::UnknownKind {
                found: "lunch".into()
            }
        );
    }

    #[test]
    fn bad_times() {
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"25:00","minutes":5}"#
            )),
            [ProblemKind::BadTime {
                field: "start",
                found: "25:00".into()
            }]
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00","end":"half elf"}"#
            )),
            [ProblemKind::BadTime {
                field: "end",
                found: "half elf".into()
            }]
        );
    }

    #[test]
    fn first_block_needs_a_start_and_every_block_a_length() {
        assert_eq!(
            kinds(&block_json(r#"{"kind":"plenary","title":"A","minutes":5}"#)),
            [ProblemKind::FirstNeedsStart]
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00"}"#
            )),
            [ProblemKind::NoLength]
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00","minutes":0}"#
            )),
            [ProblemKind::ZeroMinutes]
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00","minutes":2000}"#
            )),
            [ProblemKind::TooLong { minutes: 2000 }]
        );
    }

    #[test]
    fn end_must_follow_start_and_agree_with_minutes() {
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00","end":"09:50"}"#
            )),
            [ProblemKind::EndNotAfterStart {
                start: DayTime::parse("10:00").unwrap(),
                end: DayTime::parse("09:50").unwrap()
            }]
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00","end":"10:30","minutes":20}"#
            )),
            [ProblemKind::LengthMismatch {
                minutes: 20,
                start: DayTime::parse("10:00").unwrap(),
                end: DayTime::parse("10:30").unwrap()
            }]
        );
        assert!(
            Programme::parse(
                &block_json(
                    r#"{"kind":"plenary","title":"A","start":"10:00","end":"10:30","minutes":30}"#
                ),
                "p"
            )
            .is_ok()
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"plenary","title":"A","start":"23:30","minutes":45}"#
            )),
            [ProblemKind::PastMidnight {
                start: DayTime::parse("23:30").unwrap(),
                minutes: 45
            }]
        );
    }

    #[test]
    fn overlaps_are_refused_and_gaps_allowed() {
        let p = problems(&block_json(
            r#"{"kind":"plenary","title":"A","start":"10:00","minutes":30},
               {"kind":"case","title":"B","start":"10:20","minutes":10}"#,
        ));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].block, Some((2, "B".into())));
        assert_eq!(
            p[0].kind,
            ProblemKind::Overlap {
                start: DayTime::parse("10:20").unwrap(),
                previous_end: DayTime::parse("10:30").unwrap()
            }
        );
        let ok = Programme::parse(
            &block_json(
                r#"{"kind":"plenary","title":"A","start":"10:00","minutes":30},
                   {"kind":"case","title":"B","start":"10:45","minutes":10},
                   {"kind":"closing","title":"C","minutes":5}"#,
            ),
            "p",
        )
        .unwrap();
        assert_eq!(ok.blocks[2].start.to_string(), "10:55");
        assert!(!ok.blocks[2].fixed_start);
    }

    #[test]
    fn breakouts_need_questions_and_rooms() {
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"breakout","title":"B","start":"10:00","minutes":30}"#
            )),
            [ProblemKind::NoQuestions, ProblemKind::NoRooms]
        );
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"breakout","title":"B","start":"10:00","minutes":30,
                    "questions":["Waarom?"," "],"rooms":["Kamer 1","","Kamer 1"]}"#
            )),
            [
                ProblemKind::EmptyQuestion { number: 2 },
                ProblemKind::EmptyRoom { number: 2 },
                ProblemKind::DuplicateRoom {
                    name: "Kamer 1".into()
                }
            ]
        );
    }

    #[test]
    fn top_level_checks() {
        let json = r#"{"format":"oogst-programme","version":1,"id":"../etc","title":" ","date":"21-01-2021","blocks":[]}"#;
        assert_eq!(
            kinds(json),
            [
                ProblemKind::BadId {
                    id: "../etc".into()
                },
                ProblemKind::EmptyTitle,
                ProblemKind::BadDate {
                    found: "21-01-2021".into()
                },
                ProblemKind::NoBlocks
            ]
        );
    }

    #[test]
    fn unknown_fields_are_accepted() {
        let json = r#"{"format":"oogst-programme","version":1,"id":"t","title":"T","venue":"Teams",
            "blocks":[{"kind":"plenary","title":"A","start":"10:00","minutes":5,"colour":"red"}]}"#;
        assert!(Programme::parse(json, "p").is_ok());
    }

    #[test]
    fn several_problems_are_reported_together() {
        let p = problems(&block_json(
            r#"{"kind":"lunch","title":"A","start":"10:00","minutes":5},
               {"kind":"plenary","title":"B","start":"09:00","minutes":5}"#,
        ));
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].block, Some((2, "B".into())));
    }

    #[test]
    fn blocks_have_lasting_ids() {
        let p = Programme::parse(
            &block_json(
                r#"{"kind":"inloop","title":"Welkom & koffie","start":"09:00","minutes":15},
                   {"kind":"plenair","title":"Welkom & koffie","minutes":15},
                   {"id":"ronde-1","kind":"deelsessie","title":"Ronde","minutes":30,"rooms":["A"],"questions":["Q"]},
                   {"kind":"deelsessie","title":"Ronde 1","minutes":30,"rooms":["A"],"questions":["Q"]},
                   {"kind":"pauze","title":"☕","minutes":5}"#,
            ),
            "p",
        )
        .unwrap();
        let ids: Vec<&str> = p.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "welkom-koffie",
                "welkom-koffie-2",
                "ronde-1",
                "ronde-1-2",
                "break"
            ]
        );
        assert_eq!(p.breakouts().count(), 2);
        assert_eq!(p.blocks[1].kind, BlockKind::Plenary, "Dutch kinds");
        assert_eq!(Programme::demo().breakout().unwrap().id, "samen-in-gesprek");
    }

    #[test]
    fn block_ids_are_checked() {
        assert_eq!(
            kinds(&block_json(
                r#"{"id":"a b","kind":"plenary","title":"A","start":"10:00","minutes":5},
                   {"id":"X","kind":"plenary","title":"B","minutes":5},
                   {"id":"x","kind":"plenary","title":"C","minutes":5}"#
            )),
            [
                ProblemKind::BadBlockId { id: "a b".into() },
                ProblemKind::DuplicateBlockId { id: "x".into() }
            ]
        );
    }

    #[test]
    fn unknown_block_fields_are_warnings_with_the_field_meant() {
        let p = Programme::parse(
            &block_json(
                r#"{"kind":"plenary","title":"A","begin":"10:00","start":"10:00","minutes":5,"minuten":5,"kleur":"rood"}"#,
            ),
            "p",
        )
        .unwrap();
        let fields: Vec<(String, Option<&str>)> = p
            .warnings
            .iter()
            .map(|w| match &w.kind {
                ProblemKind::UnknownField { field, nearest } => (field.clone(), *nearest),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            fields,
            [
                ("begin".to_string(), Some("start")),
                ("kleur".to_string(), None),
                ("minuten".to_string(), Some("minutes"))
            ]
        );
        assert_eq!(p.warnings[0].block, Some((1, "A".into())));
    }

    #[test]
    fn rooms_that_the_merge_takes_for_one_are_one() {
        assert_eq!(
            kinds(&block_json(
                r#"{"kind":"breakout","title":"B","start":"10:00","minutes":30,
                    "questions":["Q"],"rooms":["Kamer 1","kamer 1 ","Kámer 1","Kamer_1"]}"#
            )),
            [
                ProblemKind::DuplicateRoom {
                    name: "kamer 1 ".into()
                },
                ProblemKind::DuplicateRoom {
                    name: "Kámer 1".into()
                }
            ]
        );
    }

    #[test]
    fn the_round_follows_the_clock_else_the_plan() {
        let p = Programme::parse(
            &block_json(
                r#"{"id":"open","kind":"plenary","title":"A","start":"10:00","minutes":10},
                   {"id":"r1","kind":"breakout","title":"R1","minutes":30,"rooms":["K"],"questions":["Q"]},
                   {"id":"mid","kind":"plenary","title":"M","minutes":10},
                   {"id":"r2","kind":"breakout","title":"R2","minutes":30,"rooms":["K"],"questions":["Q"]},
                   {"id":"end","kind":"closing","title":"E","minutes":10}"#,
            ),
            "p",
        )
        .unwrap();
        let at = |i| p.round_at(i).map(|b| b.id.as_str());
        assert_eq!(
            [at(0), at(1), at(2), at(3), at(4), at(9)],
            [
                Some("r1"),
                Some("r1"),
                Some("r2"),
                Some("r2"),
                Some("r2"),
                Some("r2")
            ]
        );
        let by = |t: &str| {
            p.round_by_time(DayTime::parse(t).unwrap())
                .map(|b| b.id.as_str())
        };
        assert_eq!(
            [by("09:00"), by("10:39"), by("10:40"), by("12:00")],
            [Some("r1"), Some("r1"), Some("r2"), Some("r2")]
        );
    }

    #[test]
    fn a_skipped_block_is_left_out_of_the_plan_and_keeps_its_time() {
        let json = block_json(
            r#"{"id":"a","kind":"inloop","title":"A","start":"09:45","end":"10:00","skip":true},
               {"id":"b","kind":"plenary","title":"B","minutes":10},
               {"id":"c","kind":"case","title":"C","minutes":30,"skip":true},
               {"id":"d","kind":"closing","title":"D","minutes":5}"#,
        );
        let parsed = Programme::parse_draft(&json, "p");
        let p = parsed.result.unwrap();
        let ids: Vec<&str> = p.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["b", "d"]);
        assert_eq!(p.blocks[0].start.to_string(), "10:00");
        // The skipped case keeps its half hour: D starts after it.
        assert_eq!(p.blocks[1].start.to_string(), "10:40");
        let t = |s| DayTime::parse(s).unwrap();
        assert_eq!(
            parsed.times,
            [
                Some((t("09:45"), t("10:00"))),
                Some((t("10:00"), t("10:10"))),
                Some((t("10:10"), t("10:40"))),
                Some((t("10:40"), t("10:45")))
            ]
        );
        // Nothing left to run is no programme.
        let all =
            block_json(r#"{"kind":"plenary","title":"A","start":"10:00","minutes":5,"skip":true}"#);
        assert_eq!(kinds(&all), [ProblemKind::NoBlocks]);
        // A skipped block is checked as any other (it may come back).
        let bad = block_json(
            r#"{"kind":"plenary","title":"A","start":"10:00","minutes":5},
               {"kind":"breakout","title":"B","minutes":5,"skip":true}"#,
        );
        assert_eq!(
            kinds(&bad),
            [ProblemKind::NoQuestions, ProblemKind::NoRooms]
        );
        assert!(p.warnings.is_empty(), "skip is a field of a block");
    }

    #[test]
    fn the_times_of_a_draft_are_there_where_they_can_be_worked_out() {
        let json = block_json(
            r#"{"kind":"plenary","title":"A","start":"10:00","minutes":30},
               {"kind":"case","title":"B","minutes":0},
               {"kind":"closing","title":"C","minutes":5}"#,
        );
        let parsed = Programme::parse_draft(&json, "p");
        assert!(parsed.result.is_err());
        assert!(parsed.times[0].is_some());
        assert_eq!(parsed.times[1], None);
        // C follows the start of the wrong block (one mistake, told once).
        assert_eq!(
            parsed.times[2],
            Some((
                DayTime::parse("10:30").unwrap(),
                DayTime::parse("10:35").unwrap()
            ))
        );
        let shape = Programme::parse_draft(&block_json(r#"{"kind":5}"#), "p");
        assert!(shape.times.is_empty());
    }

    #[test]
    fn fingerprint_follows_the_plan() {
        let a = Programme::demo();
        let mut b = a.clone();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.blocks[1].end = DayTime::parse("10:11").unwrap();
        assert_ne!(a.fingerprint(), b.fingerprint());
    }
}
