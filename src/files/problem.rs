//! The problem model: what can be wrong with a file, and where. Words
//! for people are made of it only in [`crate::i18n`].

/// A file that could not be used, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub problems: Vec<Problem>,
}

/// One problem, with where it is: a line and column, a block, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line_col: Option<(usize, usize)>,
    /// 1-based block number and its title.
    pub block: Option<(usize, String)>,
    pub kind: ProblemKind,
}

/// What is wrong. Rendered for people by [`crate::i18n`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Nothing in the file (or only spaces).
    Empty,
    /// Not JSON at all, or cut short. `detail` is the parser's own words.
    Malformed {
        detail: String,
        truncated: bool,
    },
    /// A field of the wrong type, or a missing one. `path` is like `blocks[2].minutes`.
    Shape {
        path: String,
        detail: String,
    },
    /// A time that is not RFC 3339 with an offset in the years 0001–9999.
    BadStamp {
        path: String,
        found: String,
    },
    /// A value outside what the field allows.
    OutOfRange {
        path: String,
        found: String,
        allowed: String,
    },
    /// The `format` field is missing or names another kind of file.
    WrongFormat {
        found: Option<String>,
        expected: &'static str,
    },
    /// A room file's note (or draft) points at a question the file does not have.
    NoSuchQuestion {
        note: String,
        question: usize,
        questions: usize,
    },
    /// A field a version of the format needs.
    Missing {
        field: &'static str,
        version: u64,
    },
    /// `check` does not know this `format`.
    UnknownFormat {
        found: String,
        known: &'static [&'static str],
    },
    /// Made by a newer oogst.
    NewerVersion {
        what: &'static str,
        found: u64,
        supported: u64,
    },
    /// The `version` field is missing or not a whole number.
    BadVersion,
    BadId {
        id: String,
    },
    EmptyTitle,
    BadDate {
        found: String,
    },
    NoBlocks,
    UnknownKind {
        found: String,
    },
    BadTime {
        field: &'static str,
        found: String,
    },
    FirstNeedsStart,
    NoLength,
    ZeroMinutes,
    TooLong {
        minutes: u64,
    },
    LengthMismatch {
        minutes: u64,
        start: super::DayTime,
        end: super::DayTime,
    },
    EndNotAfterStart {
        start: super::DayTime,
        end: super::DayTime,
    },
    PastMidnight {
        start: super::DayTime,
        minutes: u64,
    },
    Overlap {
        start: super::DayTime,
        previous_end: super::DayTime,
    },
    NoQuestions,
    NoRooms,
    EmptyQuestion {
        number: usize,
    },
    EmptyRoom {
        number: usize,
    },
    DuplicateRoom {
        name: String,
    },
    /// A block `id` that is not letters, digits, `-` and `_`.
    BadBlockId {
        id: String,
    },
    /// Two blocks with one `id` (case ignored, as folder names are on
    /// some systems).
    DuplicateBlockId {
        id: String,
    },
    /// A field a block does not have; probably `nearest` was meant.
    UnknownField {
        field: String,
        nearest: Option<&'static str>,
    },
}

impl FileError {
    pub fn single(file: &str, problem: Problem) -> FileError {
        FileError {
            file: file.to_string(),
            problems: vec![problem],
        }
    }
}

impl Problem {
    pub fn at(kind: ProblemKind) -> Problem {
        Problem {
            line_col: None,
            block: None,
            kind,
        }
    }

    /// JSON that does not parse, with serde_json's line and column.
    pub fn malformed(e: &serde_json::Error) -> Problem {
        Problem {
            line_col: Some((e.line(), e.column())),
            block: None,
            kind: ProblemKind::Malformed {
                detail: strip_position(&e.to_string()),
                truncated: e.is_eof(),
            },
        }
    }

    /// A field of the wrong type or shape, at its path.
    pub fn shape(e: &serde_json::Error, path: String, block: Option<(usize, String)>) -> Problem {
        let detail = strip_position(&e.to_string());
        let kind = match refusal_in(&detail) {
            Some((Refusal::BadTime, found)) => ProblemKind::BadStamp {
                path,
                found: found.to_string(),
            },
            Some((Refusal::UnknownKind, found)) => ProblemKind::UnknownKind {
                found: found.to_string(),
            },
            None => ProblemKind::Shape { path, detail },
        };
        Problem {
            line_col: Some((e.line(), e.column())),
            block,
            kind,
        }
    }

    /// A time at `path` that is not RFC 3339 with an offset.
    pub fn bad_time(path: String, value: &str) -> Problem {
        Problem::at(ProblemKind::BadStamp {
            path,
            found: value.to_string(),
        })
    }
}

/// A value that a typed field refuses while it is read, in words of the
/// problem model (serde carries only a message, so the refusal travels in
/// it, marked, and [`Problem::shape`] takes it back out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    BadTime,
    UnknownKind,
}

const MARK: char = '\u{1}';

/// The serde error by which a field's reader refuses `found`.
pub fn refuse<E: serde::de::Error>(why: Refusal, found: &str) -> E {
    let tag = match why {
        Refusal::BadTime => "time",
        Refusal::UnknownKind => "kind",
    };
    E::custom(format!("{MARK}{tag}{MARK}{found}"))
}

fn refusal_in(detail: &str) -> Option<(Refusal, &str)> {
    let rest = detail.strip_prefix(MARK)?;
    let (tag, found) = rest.split_once(MARK)?;
    let why = match tag {
        "time" => Refusal::BadTime,
        "kind" => Refusal::UnknownKind,
        _ => return None,
    };
    Some((why, found))
}

/// serde_json appends " at line X column Y"; we say where ourselves.
fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}
