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
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::check::io_error;
use crate::i18n::Lang;
use crate::programme::{FileError, Problem, ProblemKind, Programme, check_header};

pub const FORMAT: &str = "oogst-harvest";

/// One input file, read whole.
pub struct Input {
    /// As the user gave it (or as found in a folder), for messages and `sources`.
    pub name: String,
    pub text: String,
}

/// What was read: room files (and others, recognised later), and the
/// programmes found among or beside them.
pub struct Inputs {
    pub files: Vec<Input>,
    pub programmes: Vec<Programme>,
    /// Files that could not even be read, with why.
    pub unreadable: Vec<(String, String)>,
}

/// Whether a file in a session folder is somebody's temporary file, which
/// readers leave alone: oogst's own (`.name.XXXXXX`), Syncthing's
/// (`.syncthing.*.tmp`, `~syncthing~*`), editors' (`*~`).
fn is_temporary(name: &str) -> bool {
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

    let results = parallel_map(&files, |p| (p.display().to_string(), read_limited(p, lang)));
    let mut inputs = Inputs {
        files: Vec::with_capacity(files.len() + 1),
        programmes: Vec::new(),
        unreadable: Vec::new(),
    };
    for (name, r) in results {
        match r {
            Ok(text) => inputs.files.push(Input { name, text }),
            Err(why) => inputs.unreadable.push((name, why)),
        }
    }
    if let Some(text) = stdin {
        inputs.files.push(Input {
            name: "<stdin>".into(),
            text,
        });
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

/// Runs `f` over `items` on every core, keeping the order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a merge worker does not panic"))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
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
}

/// What one input turned out to be.
enum Parsed<'a> {
    Room(Room<'a>),
    /// Another format (a programme, a clock, …), skipped by its `format`.
    Other(String),
    Invalid(FileError),
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

fn malformed(e: &serde_json::Error) -> Problem {
    Problem {
        line_col: Some((e.line(), e.column())),
        block: None,
        kind: ProblemKind::Malformed {
            detail: strip_position(&e.to_string()),
            truncated: e.is_eof(),
        },
    }
}

fn parse_file<'a>(i: usize, input: &'a Input) -> Parsed<'a> {
    let name = &input.name;
    let text = input.text.strip_prefix('\u{feff}').unwrap_or(&input.text);
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
            Err(e) => return fail(malformed(&e)),
        },
    };
    if format != crate::room::FORMAT {
        return Parsed::Other(format);
    }
    let header = serde_json::json!({"format": format, "version": version});
    if let Err(kind) = check_header(&header, crate::room::FORMAT, "room") {
        return fail(Problem::at(kind));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let view: RoomView = match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return fail(malformed(&inner));
            }
            return fail(Problem {
                line_col: Some((inner.line(), inner.column())),
                block: None,
                kind: ProblemKind::Shape {
                    path,
                    detail: strip_position(&inner.to_string()),
                },
            });
        }
    };
    let mut times = Vec::with_capacity(view.notes.len());
    for n in &view.notes {
        let parse = |field: &'static str, s: &str| {
            s.parse::<Timestamp>().map_err(|_| {
                Problem::at(ProblemKind::Shape {
                    path: format!("notes[id={}].{field}", n.id),
                    detail: format!("\"{s}\" is not an RFC 3339 time with offset"),
                })
            })
        };
        match (parse("created", &n.created), parse("updated", &n.updated)) {
            (Ok(c), Ok(u)) => times.push((c, u)),
            (Err(p), _) | (_, Err(p)) => return fail(p),
        }
    }
    Parsed::Room(Room {
        file: i,
        view,
        times,
    })
}

fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// Why a merge could not be made: every problem, one per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub Vec<String>);

/// The candidate copy of a note while merging.
struct Copy<'r, 'a> {
    note: &'r NoteView<'a>,
    room: &'r Room<'a>,
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
    for (name, why) in &inputs.unreadable {
        if opts.keep_going {
            report.skipped.push((name.clone(), why.clone()));
        } else {
            errors.push(why.clone());
        }
    }

    let parsed = parallel_map(
        &inputs.files.iter().enumerate().collect::<Vec<_>>(),
        |(i, input)| parse_file(*i, input),
    );
    let mut rooms: Vec<Room> = Vec::new();
    // Programmes among the inputs give the title and the questions.
    let mut programmes: Vec<Programme> = Vec::new();
    for (p, input) in parsed.into_iter().zip(&inputs.files) {
        match p {
            Parsed::Room(r) => rooms.push(r),
            Parsed::Other(format) if format == crate::programme::FORMAT => {
                match Programme::parse(&input.text, &input.name) {
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

    // The union by id.
    let mut best: HashMap<&str, Copy> =
        HashMap::with_capacity(rooms.iter().map(|r| r.view.notes.len()).sum());
    let mut copies = 0usize;
    for r in &rooms {
        for (n, &(created, updated)) in r.view.notes.iter().zip(&r.times) {
            if n.question == 0 || n.question > r.view.questions.len() {
                continue;
            }
            copies += 1;
            let candidate = Copy {
                note: n,
                room: r,
                created,
                updated,
            };
            match best.get_mut(n.id.as_ref()) {
                Some(current) if candidate.beats(current) => *current = candidate,
                Some(_) => {}
                None => {
                    best.insert(n.id.as_ref(), candidate);
                }
            }
        }
    }
    report.duplicates = copies - best.len();
    report.files_read = rooms.len();

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

    // Rooms, with hosts in order of their first note, and live notes.
    struct Building<'a> {
        hosts: BTreeMap<Cow<'a, str>, Option<Timestamp>>,
        notes: Vec<(Timestamp, HarvestNote<'a>)>,
    }
    let mut by_room: BTreeMap<Cow<'a, str>, Building<'a>> = BTreeMap::new();
    for r in &rooms {
        let b = by_room
            .entry(r.view.room.clone())
            .or_insert_with(|| Building {
                hosts: BTreeMap::new(),
                notes: Vec::new(),
            });
        let first = r.times.iter().map(|(c, _)| *c).min();
        let host = b.hosts.entry(r.view.host.clone()).or_insert(first);
        *host = match (*host, first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    for copy in best.values() {
        if copy.note.deleted {
            report.tombstones += 1;
            continue;
        }
        let room = copy.room.view.room.as_ref();
        if let Some(b) = by_room.get_mut(room) {
            let n = copy.note;
            b.notes.push((
                copy.created,
                HarvestNote {
                    id: n.id.clone(),
                    question: n.question,
                    text: n.text.clone(),
                    created: n.created.clone(),
                    updated: n.updated.clone(),
                },
            ));
        }
    }
    let mut harvest_rooms: Vec<HarvestRoom> = by_room
        .into_iter()
        .map(|(room, mut b)| {
            b.notes
                .sort_by(|(ca, a), (cb, b)| (a.question, ca, &a.id).cmp(&(b.question, cb, &b.id)));
            let mut hosts: Vec<(Option<Timestamp>, Cow<str>)> =
                b.hosts.into_iter().map(|(h, t)| (t, h)).collect();
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
                notes: b.notes.into_iter().map(|(_, n)| n).collect(),
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
                .map(|(name, text)| Input { name, text })
                .collect(),
            programmes,
            unreadable: Vec::new(),
        }
    }
}
