//! The harvest: every room file merged into one document.
//!
//! Merging is a union of notes keyed by note id. Where files hold the same
//! id, the copy with the later `updated` wins; on a tie a tombstone wins,
//! then the longer text, then the greater text — a total order, so the
//! same files in any order, once or twice, give the same harvest. Nothing
//! is dropped silently: every file that is skipped, and why, is reported.
//!
//! Files are read whole and parsed in place, on every core: strings that
//! need no unescaping are borrowed from the file's text, not copied.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::check::io_error;
use crate::i18n::Lang;
use crate::par::parallel_map;
use crate::programme::{FileError, Problem, ProblemKind, Programme, check_header};

pub const FORMAT: &str = "oogst-harvest";

/// One input file. Its text is read when the merge parses it, on the
/// same core, while it is still in the cache.
pub struct Input {
    /// As the user gave it (or as found in a folder), for messages and `sources`.
    pub name: String,
    path: Option<PathBuf>,
    text: OnceLock<Result<String, String>>,
}

impl Input {
    fn given(name: String, text: String) -> Input {
        Input {
            name,
            path: None,
            text: OnceLock::from(Ok(text)),
        }
    }

    fn on_disk(path: PathBuf) -> Input {
        Input {
            name: path.display().to_string(),
            path: Some(path),
            text: OnceLock::new(),
        }
    }

    /// The text, read now if it was not yet; or why it cannot be read.
    fn text(&self, lang: Lang) -> Result<&str, &str> {
        let read = self.text.get_or_init(|| match &self.path {
            Some(p) => read_limited(p, lang),
            None => Ok(String::new()),
        });
        read.as_deref().map_err(String::as_str)
    }
}

/// What was read: room files (and others, recognised later), and the
/// programmes found among or beside them.
pub struct Inputs {
    pub files: Vec<Input>,
    pub programmes: Vec<Programme>,
}

/// Whether a file in a session folder is somebody's temporary file, which
/// readers leave alone: oogst's own (`.name.XXXXXX`), Syncthing's
/// (`.syncthing.*.tmp`, `~syncthing~*`), editors' (`*~`).
pub(crate) fn is_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~syncthing~")
        || name.ends_with('~')
        || name.ends_with(".tmp")
}

/// All `.json` files in `dir` and below, in a stable order.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_temporary(&name) {
            continue;
        }
        let path = e.path();
        let kind = e.file_type()?;
        if kind.is_dir() {
            json_files(&path, out)?;
        } else if name.to_ascii_lowercase().ends_with(".json") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_limited(path: &Path, lang: Lang) -> Result<String, String> {
    crate::check::read_text(path, lang)
}

/// Every `.json` file in `dir` and below that is not somebody's
/// temporary file, in a stable order.
pub fn json_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    json_files(dir, &mut out)?;
    Ok(out)
}

/// Reads the inputs: files as given (`-` is standard input), folders
/// searched for `.json` files; programmes among them or beside them (in
/// an input's folder or the folder above, where a session folder's
/// `programme.json` sits next to `rooms/`). Reading uses every core.
pub fn read_inputs(paths: &[PathBuf], lang: Lang) -> Result<Inputs, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut beside: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stdin: Option<String> = None;
    for p in paths {
        if p.as_os_str() == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| format!("<stdin>: {}", io_error(&e, lang)))?;
            stdin = Some(text);
            continue;
        }
        let meta =
            std::fs::metadata(p).map_err(|e| format!("{}: {}", p.display(), io_error(&e, lang)))?;
        if meta.is_dir() {
            json_files(p, &mut files)
                .map_err(|e| format!("{}: {}", p.display(), io_error(&e, lang)))?;
            beside.insert(p.join("programme.json"));
            if let Some(parent) = p.parent() {
                beside.insert(parent.join("programme.json"));
            }
        } else {
            files.push(p.clone());
            for up in p.ancestors().skip(1).take(2) {
                beside.insert(up.join("programme.json"));
            }
        }
    }
    // The same file given twice (or found twice) is read once.
    let mut seen = BTreeSet::new();
    files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));

    let mut inputs = Inputs {
        files: files.into_iter().map(Input::on_disk).collect(),
        programmes: Vec::new(),
    };
    if let Some(text) = stdin {
        inputs.files.push(Input::given("<stdin>".into(), text));
    }
    for path in beside {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.contains(&canonical) || !path.is_file() {
            continue;
        }
        if let Ok(text) = read_limited(&path, lang)
            && let Ok(p) = Programme::parse(&text, &path.display().to_string())
        {
            inputs.programmes.push(p);
        }
    }
    Ok(inputs)
}

#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    format: Option<Cow<'a, str>>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
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

#[derive(Deserialize)]
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

/// A note of the harvest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HarvestNote<'a> {
    pub id: Cow<'a, str>,
    pub question: usize,
    pub text: Cow<'a, str>,
    pub created: Cow<'a, str>,
    pub updated: Cow<'a, str>,
    /// `created` as an instant, for the order (not in the JSON).
    #[serde(skip)]
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HarvestRoom<'a> {
    pub room: Cow<'a, str>,
    pub hosts: Vec<Cow<'a, str>>,
    pub notes: Vec<HarvestNote<'a>>,
}

/// The merged harvest; serialised, it is the `oogst-harvest` document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Harvest<'a> {
    pub format: &'static str,
    pub version: u64,
    pub session: String,
    pub title: Option<String>,
    pub questions: Vec<String>,
    pub rooms: Vec<HarvestRoom<'a>>,
    pub sources: Vec<String>,
    /// The programme's date, for the documents (not in the JSON).
    #[serde(skip)]
    pub date: Option<jiff::civil::Date>,
}

impl Harvest<'_> {
    pub fn note_count(&self) -> usize {
        self.rooms.iter().map(|r| r.notes.len()).sum()
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

/// A parsed room file.
struct Room<'a> {
    file: usize,
    view: RoomView<'a>,
    /// Per note: created and updated as instants.
    times: Vec<(Timestamp, Timestamp)>,
    /// Whether every note's id starts with this file's writer (as oogst
    /// writes them): then the whole file goes to one thread of the union.
    uniform: bool,
}

/// The part of a note id before its number: its writer.
fn writer_of(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(w, _)| w)
}

/// What one input turned out to be.
enum Parsed<'a> {
    Room(Room<'a>),
    /// Another format (a programme, a clock, …), skipped by its `format`.
    Other(String),
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

fn parse_file<'a>(i: usize, input: &'a Input, lang: Lang) -> Parsed<'a> {
    let name = &input.name;
    let text = match input.text(lang) {
        Ok(t) => t,
        Err(why) => return Parsed::Unreadable(why.to_string()),
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
        return Parsed::Other(format);
    }
    let header = serde_json::json!({"format": format, "version": version});
    if let Err(kind) = check_header(&header, crate::room::FORMAT, "room") {
        return fail(Problem::at(kind));
    }
    // The fast way first; only a file that fails is read again to say
    // which field is wrong.
    let view: RoomView = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => match serde_path_to_error::deserialize::<_, RoomView>(
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
    let mut times = Vec::with_capacity(view.notes.len());
    for n in &view.notes {
        // oogst's own form quickly; anything else through jiff.
        let time = |field: &str, s: &str| {
            fast_timestamp(s)
                .or_else(|| s.parse().ok())
                .ok_or_else(|| Problem::bad_time(format!("notes[id={}].{field}", n.id), s))
        };
        match (time("created", &n.created), time("updated", &n.updated)) {
            (Ok(c), Ok(u)) => times.push((c, u)),
            (Err(p), _) | (_, Err(p)) => return fail(p),
        }
    }
    let uniform = view.notes.iter().all(|n| writer_of(&n.id) == view.writer);
    Parsed::Room(Room {
        file: i,
        view,
        times,
        uniform,
    })
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
struct Shard<'a> {
    notes: Vec<Vec<HarvestNote<'a>>>,
    copies: usize,
    unique: usize,
    tombstones: usize,
}

/// The union of the notes whose id hashes to `k` of `of`: the newest copy
/// of each, live ones sorted into their rooms.
fn union_shard<'r, 'a>(
    rooms: &'r [Room<'a>],
    room_of_file: &[usize],
    room_count: usize,
    k: usize,
    of: usize,
) -> Shard<'a> {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    // Ids as oogst writes them, `writer-000017`, are found by writer and
    // number in plain arrays; any other id through a hash map.
    let mut writers: FxHashMap<&'r str, usize> = FxHashMap::default();
    let mut slots: Vec<Vec<Option<Copy<'r, 'a>>>> = Vec::new();
    let mut best: FxHashMap<&'r str, Copy<'r, 'a>> =
        FxHashMap::with_capacity_and_hasher(16, hasher);
    let mut copies = 0;
    // A note's thread follows from its writer, so all copies of it meet.
    let shard = |writer: &str| (hasher.hash_one(writer.as_bytes()) as usize) % of;
    for (file, r) in rooms.iter().enumerate() {
        let whole_file = r.uniform || of == 1;
        if whole_file && of > 1 && shard(&r.view.writer) != k {
            continue;
        }
        let writer_slot = r.uniform.then(|| {
            let next = slots.len();
            let w = *writers.entry(r.view.writer.as_ref()).or_insert(next);
            if w == next {
                slots.push(Vec::new());
            }
            w
        });
        for (n, &(created, updated)) in r.view.notes.iter().zip(&r.times) {
            if n.question == 0 || n.question > r.view.questions.len() {
                continue;
            }
            if !whole_file && shard(writer_of(&n.id)) != k {
                continue;
            }
            copies += 1;
            let candidate = Copy {
                note: n,
                file,
                created,
                updated,
            };
            let number = writer_slot.and_then(|w| {
                let digits = &n.id.as_bytes()[r.view.writer.len() + 1..];
                (digits.len() == 6 && digits.iter().all(u8::is_ascii_digit)).then(|| {
                    (
                        w,
                        digits
                            .iter()
                            .fold(0usize, |a, d| a * 10 + usize::from(d - b'0')),
                    )
                })
            });
            let current = match number {
                Some((w, seq)) => {
                    let list = &mut slots[w];
                    if list.len() <= seq {
                        list.resize_with(seq + 1, || None);
                    }
                    &mut list[seq]
                }
                None => {
                    match best.get_mut(n.id.as_ref()) {
                        Some(current) if candidate.beats(current) => *current = candidate,
                        Some(_) => {}
                        None => {
                            best.insert(n.id.as_ref(), candidate);
                        }
                    }
                    continue;
                }
            };
            match current {
                Some(c) if candidate.beats(c) => *c = candidate,
                Some(_) => {}
                None => *current = Some(candidate),
            }
        }
    }
    let winners: Vec<Copy<'r, 'a>> = slots
        .into_iter()
        .flatten()
        .flatten()
        .chain(best.into_values())
        .collect();
    let unique = winners.len();
    let mut tombstones = 0;
    let mut per_room = vec![0usize; room_count];
    for copy in &winners {
        per_room[room_of_file[copy.file]] += 1;
    }
    let mut notes: Vec<Vec<HarvestNote<'a>>> =
        per_room.into_iter().map(Vec::with_capacity).collect();
    for copy in winners {
        if copy.note.deleted {
            tombstones += 1;
            continue;
        }
        let n = copy.note;
        notes[room_of_file[copy.file]].push(HarvestNote {
            id: n.id.clone(),
            question: n.question,
            text: n.text.clone(),
            created: n.created.clone(),
            updated: n.updated.clone(),
            created_at: copy.created,
        });
    }
    Shard {
        notes,
        copies,
        unique,
        tombstones,
    }
}

/// Why a merge could not be made: every problem, one per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub Vec<String>);

/// The candidate copy of a note while merging.
struct Copy<'r, 'a> {
    note: &'r NoteView<'a>,
    /// Which room file it came from (its index among the room files).
    file: usize,
    created: Timestamp,
    updated: Timestamp,
}

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

impl Copy<'_, '_> {
    fn version(&self) -> Version<'_> {
        Version {
            updated: self.updated,
            deleted: self.note.deleted,
            text: &self.note.text,
        }
    }

    fn beats(&self, other: &Copy) -> bool {
        self.version().beats(&other.version())
    }
}

/// Merges the room files of `inputs` into one harvest.
pub fn merge<'a>(
    inputs: &'a Inputs,
    opts: &Options,
    lang: Lang,
) -> Result<(Harvest<'a>, Report), MergeError> {
    let t = lang.t();
    let mut report = Report::default();
    let mut errors: Vec<String> = Vec::new();
    let parsed = parallel_map(
        &inputs.files.iter().enumerate().collect::<Vec<_>>(),
        |(i, input)| parse_file(*i, input, lang),
    );
    let mut rooms: Vec<Room> = Vec::new();
    // Programmes among the inputs give the title and the questions.
    let mut programmes: Vec<Programme> = Vec::new();
    for (p, input) in parsed.into_iter().zip(&inputs.files) {
        match p {
            Parsed::Room(r) => rooms.push(r),
            Parsed::Unreadable(why) if opts.keep_going => {
                report.skipped.push((input.name.clone(), why))
            }
            Parsed::Unreadable(why) => errors.push(why),
            Parsed::Other(format) if format == crate::programme::FORMAT => {
                match Programme::parse(input.text(lang).unwrap_or(""), &input.name) {
                    Ok(p) => programmes.push(p),
                    Err(e) => report
                        .skipped
                        .push((input.name.clone(), lang.file_error(&e))),
                }
            }
            Parsed::Other(format) => {
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
    let sessions: BTreeSet<&str> = rooms.iter().map(|r| r.view.session.as_ref()).collect();
    let session = match (&opts.session, sessions.len()) {
        (Some(s), _) => s.clone(),
        (None, 0) => inputs
            .programmes
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
        let keep = r.view.session == session;
        if !keep {
            let why = crate::i18n::fill(t.merge_other_session, &[("session", &r.view.session)]);
            report
                .skipped
                .push((inputs.files[r.file].name.clone(), why));
        }
        keep
    });

    // Notes pointing at a question their file does not have.
    let mut bad_notes: Vec<String> = Vec::new();
    for r in &rooms {
        for n in &r.view.notes {
            if n.question == 0 || n.question > r.view.questions.len() {
                bad_notes.push(lang.problem_line(
                    &inputs.files[r.file].name,
                    &Problem::at(ProblemKind::NoSuchQuestion {
                        note: n.id.to_string(),
                        question: n.question,
                        questions: r.view.questions.len(),
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
    programmes.extend(inputs.programmes.iter().cloned());
    let programme = programmes
        .iter()
        .find(|p| p.id == session)
        .or_else(|| programmes.first().filter(|_| rooms.is_empty()));
    let questions: Vec<String> = match programme.and_then(|p| p.breakout()) {
        Some(b)
            if b.questions.len()
                >= rooms
                    .iter()
                    .map(|r| r.view.questions.len())
                    .max()
                    .unwrap_or(0) =>
        {
            b.questions.clone()
        }
        _ => rooms
            .iter()
            .map(|r| &r.view.questions)
            .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)))
            .map(|q| q.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
    };

    // Rooms by name; each room file knows its room's place.
    let mut room_of_name: FxHashMap<&str, usize> = FxHashMap::default();
    let mut names: Vec<Cow<'a, str>> = Vec::new();
    let mut hosts: Vec<BTreeMap<Cow<'a, str>, Option<Timestamp>>> = Vec::new();
    let mut room_of_file: Vec<usize> = Vec::with_capacity(rooms.len());
    for r in &rooms {
        let next = names.len();
        let i = *room_of_name.entry(r.view.room.as_ref()).or_insert(next);
        if i == next {
            names.push(r.view.room.clone());
            hosts.push(BTreeMap::new());
        }
        room_of_file.push(i);
        // A host's first appearance: the earliest note they took here.
        let first = r.times.iter().map(|(c, _)| *c).min();
        let host = hosts[i].entry(r.view.host.clone()).or_insert(first);
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
    let shards: Vec<Shard<'a>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|k| {
                let (rooms, room_of_file, names) = (&rooms, &room_of_file, &names);
                s.spawn(move || union_shard(rooms, room_of_file, names.len(), k, threads))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a merge worker does not panic"))
            .collect()
    });
    let mut notes: Vec<Vec<HarvestNote<'a>>> = Vec::new();
    let mut copies = 0;
    let mut unique = 0;
    for shard in shards {
        copies += shard.copies;
        unique += shard.unique;
        report.tombstones += shard.tombstones;
        if notes.is_empty() {
            notes = shard.notes;
        } else {
            for (all, mine) in notes.iter_mut().zip(shard.notes) {
                all.extend(mine);
            }
        }
    }
    report.duplicates = copies - unique;
    report.files_read = rooms.len();
    // Each room's notes by question, then time, then id; rooms side by side.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = notes.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for chunk in notes.chunks_mut(per) {
            s.spawn(move || {
                for list in chunk {
                    list.sort_unstable_by(|a, b| {
                        (a.question, a.created_at, &a.id).cmp(&(b.question, b.created_at, &b.id))
                    });
                }
            });
        }
    });
    let mut harvest_rooms: Vec<HarvestRoom> = names
        .into_iter()
        .zip(hosts)
        .zip(notes)
        .map(|((room, hosts), notes)| {
            let mut hosts: Vec<(Option<Timestamp>, Cow<str>)> =
                hosts.into_iter().map(|(h, t)| (t, h)).collect();
            hosts.sort_by(|a, b| match (a.0, b.0) {
                (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.1.cmp(&b.1)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.1.cmp(&b.1),
            });
            HarvestRoom {
                room,
                hosts: hosts
                    .into_iter()
                    .map(|(_, h)| h)
                    .filter(|h| !h.trim().is_empty())
                    .collect(),
                notes,
            }
        })
        .collect();
    harvest_rooms
        .sort_by(|a, b| natord::compare(&a.room, &b.room).then_with(|| a.room.cmp(&b.room)));

    let mut sources: Vec<String> = rooms
        .iter()
        .map(|r| inputs.files[r.file].name.clone())
        .collect();
    sources.sort();
    sources.dedup();
    report.rooms = harvest_rooms.len();
    report.hosts = harvest_rooms.iter().map(|r| r.hosts.len()).sum();
    report.notes = harvest_rooms.iter().map(|r| r.notes.len()).sum();
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
    };
    Ok((harvest, report))
}

impl Inputs {
    /// Inputs from texts in memory (for tests and the lead's export).
    pub fn from_texts(files: Vec<(String, String)>, programmes: Vec<Programme>) -> Inputs {
        Inputs {
            files: files
                .into_iter()
                .map(|(name, text)| Input::given(name, text))
                .collect(),
            programmes,
        }
    }
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
