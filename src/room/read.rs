//! A room file as every reader reads it: `check`, `merge`, the host and
//! the lead's dashboard all come through [`classify`] (or [`read`]), so
//! they agree on every file.

use std::borrow::Cow;

use serde::Deserialize;

use super::{FORMAT, VERSION, scan};
use crate::files::{
    self, FileError, Head, Problem, ProblemKind, Stamp, check_head, parse_time, strip_bom,
};

/// A room file as read: every field of every version, strings borrowed
/// from the text where they have no escapes.
#[derive(Debug, PartialEq, Deserialize)]
pub struct RoomView<'a> {
    #[serde(borrow)]
    pub session: Cow<'a, str>,
    /// The round (version 2); a version 1 file belongs to the first breakout.
    #[serde(borrow, default)]
    pub block: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub room: Cow<'a, str>,
    #[serde(borrow)]
    pub writer: Cow<'a, str>,
    /// Version 1's one host.
    #[serde(borrow, default)]
    pub host: Option<Cow<'a, str>>,
    /// Version 2: everyone who hosted the file, in order.
    #[serde(borrow, default)]
    pub hosts: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow)]
    pub questions: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub notes: Vec<NoteView<'a>>,
    #[serde(borrow, default)]
    pub draft: Option<DraftView<'a>>,
    #[serde(borrow, default)]
    pub signal: Option<SignalView<'a>>,
    #[serde(borrow, default)]
    pub seen: Option<SeenView<'a>>,
}

/// A note as it is read from a room file.
#[derive(Debug, PartialEq, Deserialize)]
pub struct NoteView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    pub question: usize,
    #[serde(borrow, default)]
    pub by: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(borrow)]
    pub created: Cow<'a, str>,
    #[serde(borrow)]
    pub updated: Cow<'a, str>,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub star: bool,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct DraftView<'a> {
    pub question: usize,
    #[serde(borrow, default)]
    pub text: Cow<'a, str>,
    #[serde(borrow, default)]
    pub editing: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub aside: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub updated: Option<Cow<'a, str>>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct SignalView<'a> {
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub at: Cow<'a, str>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct SeenView<'a> {
    #[serde(borrow)]
    pub message: Cow<'a, str>,
    #[serde(borrow)]
    pub at: Cow<'a, str>,
}

/// A note's times, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteTimes {
    pub created: Stamp,
    pub updated: Stamp,
}

/// A room file that every reader accepts: what it says, its version, and
/// each note's times.
#[derive(Debug)]
pub struct Checked<'a> {
    pub view: RoomView<'a>,
    pub version: u64,
    pub times: Vec<NoteTimes>,
}

impl<'a> Checked<'a> {
    /// The file's hosts, in order: version 2's `hosts`, version 1's `host`.
    pub fn hosts(&self) -> Vec<&str> {
        let mut hosts: Vec<&str> = Vec::new();
        let all = self.view.hosts.iter().flatten().chain(&self.view.host);
        for h in all {
            if !hosts.contains(&h.as_ref()) {
                hosts.push(h);
            }
        }
        hosts
    }

    /// Who typed a note: its `by`, else the file's (last) host.
    pub fn by<'s>(&'s self, note: &'s NoteView) -> &'s str {
        match &note.by {
            Some(by) => by,
            None => self
                .view
                .hosts
                .as_ref()
                .and_then(|h| h.last())
                .or(self.view.host.as_ref())
                .map_or("", |h| h.as_ref()),
        }
    }
}

/// What a file turned out to be.
#[derive(Debug)]
pub enum Classified<'a> {
    Room(Box<Checked<'a>>),
    /// Another kind of file (or no oogst file at all), by its head.
    Other(Head),
}

/// Reads `text`: a room file (checked), or another kind of file. The one
/// reader of room files: `check`, `merge`, the host and the dashboard all
/// come here. A byte-order mark is accepted.
pub fn classify(text: &str) -> Result<Classified<'_>, Box<Problem>> {
    let text = strip_bom(text);
    // oogst's own layout by hand (quickly); anything it is unsure of
    // through serde_json, which has the last word.
    if let Some((view, version)) = scan::room(text) {
        return check_view(view, version).map(|c| Classified::Room(Box::new(c)));
    }
    let head = files::head(text)?;
    if head.format.as_deref() != Some(FORMAT) {
        return Ok(Classified::Other(head));
    }
    let version =
        check_head(&head, FORMAT, "room", VERSION).map_err(|k| Box::new(Problem::at(k)))?;
    let mut de = serde_json::Deserializer::from_str(text);
    let view = match serde_path_to_error::deserialize::<_, RoomView>(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(Box::new(Problem::malformed(&inner)));
            }
            return Err(Box::new(Problem::shape(&inner, path, None)));
        }
    };
    check_view(view, version).map(|c| Classified::Room(Box::new(c)))
}

/// Done with a room file that was read on this thread: the allocation of
/// its notes is kept for the next one read here (a merge reads a thousand
/// on each core).
pub fn recycle(c: Checked<'_>) {
    scan::recycle(c.view.notes);
}

/// Reads a room file, refusing any other kind.
pub fn read<'t>(text: &'t str, file: &str) -> Result<Checked<'t>, FileError> {
    match classify(text) {
        Ok(Classified::Room(r)) => Ok(*r),
        Ok(Classified::Other(head)) => {
            let kind = check_head(&head, FORMAT, "room", VERSION).err().unwrap_or(
                ProblemKind::WrongFormat {
                    found: head.format,
                    expected: FORMAT,
                },
            );
            Err(FileError::single(file, Problem::at(kind)))
        }
        Err(p) => Err(FileError::single(file, *p)),
    }
}

/// What every room file must be beyond its shape: the fields its version
/// needs, notes and the draft pointing at one of its questions, real
/// times, a known signal.
fn check_view(view: RoomView<'_>, version: u64) -> Result<Checked<'_>, Box<Problem>> {
    let problem = |kind| Box::new(Problem::at(kind));
    let missing = |field| Err(problem(ProblemKind::Missing { field, version }));
    if version >= 2 && view.block.is_none() {
        return missing("block");
    }
    if version >= 2 && view.hosts.is_none() {
        return missing("hosts");
    }
    if version < 2 && view.host.is_none() {
        return missing("host");
    }
    let questions = view.questions.len();
    let time = |path: &dyn Fn() -> String, s: &str| {
        parse_time(s).ok_or_else(|| Box::new(Problem::bad_time(path(), s)))
    };
    let mut times = Vec::with_capacity(view.notes.len());
    for (i, n) in view.notes.iter().enumerate() {
        if n.question == 0 || n.question > questions {
            return Err(problem(ProblemKind::NoSuchQuestion {
                note: n.id.to_string(),
                question: n.question,
                questions,
            }));
        }
        let created = time(&|| format!("notes[{i}].created"), &n.created)?;
        let updated = if n.updated == n.created {
            created
        } else {
            time(&|| format!("notes[{i}].updated"), &n.updated)?
        };
        times.push(NoteTimes { created, updated });
    }
    if let Some(d) = &view.draft {
        // An empty draft may stand at question 1 of a file without
        // questions (as a new file holds it); one with text, like a note,
        // answers a question the file has.
        let empty = d.text.is_empty() && d.aside.as_deref().is_none_or(str::is_empty);
        let most = if empty { questions.max(1) } else { questions };
        if d.question == 0 || d.question > most {
            return Err(problem(ProblemKind::NoSuchQuestion {
                note: "draft".into(),
                question: d.question,
                questions,
            }));
        }
        if let Some(u) = &d.updated {
            time(&|| "draft.updated".into(), u)?;
        }
    }
    if let Some(s) = &view.signal {
        if !matches!(s.kind.as_ref(), "done" | "help") {
            return Err(problem(ProblemKind::OutOfRange {
                path: "signal.kind".into(),
                found: s.kind.to_string(),
                allowed: "\"done\", \"help\"".into(),
            }));
        }
        time(&|| "signal.at".into(), &s.at)?;
    }
    if let Some(s) = &view.seen {
        time(&|| "seen.message".into(), &s.message)?;
        time(&|| "seen.at".into(), &s.at)?;
    }
    Ok(Checked {
        view,
        version,
        times,
    })
}
