//! A programme being edited: a draft of its blocks that a form changes
//! one operation at a time, checked by the same rules as `oogst check`
//! (the draft is written as JSON and read by [`Programme::parse_draft`]),
//! each problem at the block and field it concerns ([`check`]), and
//! written as a clean `programme.json` ([`Draft::to_json`]).
//!
//! Fields hold the text as typed (a length of "tien" stays "tien" and is
//! the parser's to refuse), so a draft never loses what was typed and
//! needs no rules of its own. Blocks keep their ids; a new block gets one
//! made from its title when the draft is first saved ([`Draft::fix_ids`]).
//! Fields of the file the editor does not know are kept as they were.

pub mod check;
pub mod follow;
mod write;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::files::FileError;
use crate::programme::{BLOCK_FIELDS, BlockKind, DayTime, Programme};

pub use check::{Checked, Field, Located, Place, Top};

/// A programme as the editor holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DD`, or empty: no date.
    pub date: String,
    pub blocks: Vec<DraftBlock>,
    /// Top-level fields this editor does not know, written back as they were.
    pub extra: Map<String, Value>,
    /// How many blocks at the start may not change: the lead's blocks
    /// that ran, and the running one (it changes through `+`/`-`).
    pub frozen: usize,
    /// The programme's id and date stay as they are (the lead's session
    /// is named by the id).
    pub fixed_top: bool,
}

/// One block of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftBlock {
    /// Its lasting id; `None` for a new block (made from its title when
    /// the draft is saved).
    pub id: Option<String>,
    /// The kind as written (English or Dutch, or whatever the file says).
    pub kind: String,
    pub title: String,
    /// `HH:MM`, or empty: when the previous block ends.
    pub start: String,
    /// Minutes (`45`), or an end time (`12:00`), as typed.
    pub length: String,
    pub rooms: Vec<String>,
    pub questions: Vec<String>,
    /// Left out of today's plan, kept in the file.
    pub skip: bool,
    /// Fields of the block this editor does not know.
    pub extra: Map<String, Value>,
}

/// A list of a breakout: its rooms or its questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Rooms,
    Questions,
}

/// Why an operation was not done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The block ran already (or runs now): the lead changes the running
    /// block with `+`/`-`.
    RanAlready,
    /// The programme's id and date are the session's.
    FixedForSession,
    NoSuchBlock,
    NoSuchItem,
    /// Nothing to move past: the first or last (that may move).
    AtTheEdge,
    /// A block is at least a minute long.
    Minimum,
    /// Its length is not minutes or an end time yet: nothing to add to.
    NotANumber,
}

impl DraftBlock {
    /// A new block of `kind` (written in Dutch or English), `minutes` long.
    pub fn new(kind: BlockKind, dutch: bool, title: &str, minutes: u32) -> DraftBlock {
        DraftBlock {
            id: None,
            kind: kind_word(kind, dutch).to_string(),
            title: title.to_string(),
            start: String::new(),
            length: minutes.to_string(),
            rooms: Vec::new(),
            questions: Vec::new(),
            skip: false,
            extra: Map::new(),
        }
    }

    /// The kind, if it is one oogst knows.
    pub fn kind(&self) -> Option<BlockKind> {
        BlockKind::from_name(self.kind.trim())
    }

    /// Whether its kind is written in Dutch.
    pub fn dutch(&self) -> bool {
        self.kind()
            .is_some_and(|k| k.dutch_name() == self.kind.trim())
    }

    /// The length as minutes, when it is given so.
    pub fn minutes(&self) -> Option<u64> {
        let s = self.length.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    }

    /// The length as an end time, when it is given so.
    pub fn end(&self) -> Option<DayTime> {
        DayTime::parse(self.length.trim())
    }

    pub fn list(&self, list: List) -> &Vec<String> {
        match list {
            List::Rooms => &self.rooms,
            List::Questions => &self.questions,
        }
    }

    fn list_mut(&mut self, list: List) -> &mut Vec<String> {
        match list {
            List::Rooms => &mut self.rooms,
            List::Questions => &mut self.questions,
        }
    }
}

/// The word for `kind` in a file: Dutch or English.
pub fn kind_word(kind: BlockKind, dutch: bool) -> &'static str {
    if dutch {
        kind.dutch_name()
    } else {
        kind.name()
    }
}

/// A time as people type it, in the file's form: `9.30` and `9:30` are
/// `09:30`. Anything else is left as typed (for the parser to refuse).
pub fn normalise_time(s: &str) -> String {
    let s = s.trim();
    let t = s.replacen('.', ":", 1);
    match DayTime::parse(&t) {
        Some(d) => d.to_string(),
        None => s.to_string(),
    }
}

/// A length as people type it: `45`, `45 min`, `45 minuten` are 45
/// minutes; a time (`12:00`, `12.00`) is an end. Anything else as typed.
pub fn normalise_length(s: &str) -> String {
    let s = s.trim();
    let lower = s.to_lowercase();
    for unit in ["minuten", "minutes", "minuut", "minute", "min.", "min", "m"] {
        if let Some(n) = lower.strip_suffix(unit) {
            let n = n.trim();
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                return n.to_string();
            }
        }
    }
    if s.contains([':', '.']) {
        return normalise_time(s);
    }
    s.to_string()
}

/// A value of a file as the text a field holds.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn texts_of(v: Option<&Value>) -> Vec<String> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(text_of).collect(),
        Some(other) => vec![text_of(other)],
    }
}

const TOP_FIELDS: [&str; 6] = ["format", "version", "id", "title", "date", "blocks"];

impl Draft {
    /// The draft of a programme file's text, as leniently as can be: a
    /// value of the wrong type becomes the text of its field (for the
    /// checks to point at). Refused: text that is not JSON, not a
    /// programme, or a programme of a newer oogst (the problems say why,
    /// with line and column).
    pub fn from_json(text: &str, file: &str) -> Result<Draft, FileError> {
        let fail = |p| FileError::single(file, p);
        let text = crate::files::strip_bom(text);
        let head = crate::files::head(text).map_err(|p| fail(*p))?;
        crate::files::check_head(
            &head,
            crate::programme::FORMAT,
            "programme",
            crate::programme::VERSION,
        )
        .map_err(|k| fail(crate::files::Problem::at(k)))?;
        let Ok(Value::Object(top)) = serde_json::from_str::<Value>(text) else {
            // `head` read it as an object with a format: cannot happen.
            return Err(fail(crate::files::Problem::at(
                crate::files::ProblemKind::Empty,
            )));
        };
        let get = |k: &str| top.get(k).map(text_of).unwrap_or_default();
        let blocks = match top.get("blocks") {
            Some(Value::Array(blocks)) => blocks.iter().map(block_of).collect(),
            _ => Vec::new(),
        };
        let extra = top
            .iter()
            .filter(|(k, _)| !TOP_FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Draft {
            id: get("id"),
            title: get("title"),
            date: get("date"),
            blocks,
            extra,
            frozen: 0,
            fixed_top: false,
        })
    }

    /// The draft of a valid programme: as its file has it, with every
    /// block's id as the programme has it (made from a title or not), so
    /// that editing a title never changes a block's id.
    pub fn from_programme(programme: &Programme) -> Draft {
        let mut draft = Draft::from_json(&programme.source, "programme.json").unwrap_or(Draft {
            id: programme.id.clone(),
            title: programme.title.clone(),
            date: programme.date.map(|d| d.to_string()).unwrap_or_default(),
            blocks: Vec::new(),
            extra: Map::new(),
            frozen: 0,
            fixed_top: false,
        });
        let mut planned = programme.blocks.iter();
        for b in draft.blocks.iter_mut().filter(|b| !b.skip) {
            if let Some(p) = planned.next() {
                b.id = Some(p.id.clone());
            }
        }
        draft
    }

    /// Whether blocks are written in Dutch here: as the nearest block
    /// before `at` (or any) is.
    pub fn dutch_at(&self, at: usize) -> bool {
        let before = self.blocks.get(..at).unwrap_or(&self.blocks);
        before
            .iter()
            .rev()
            .chain(self.blocks.iter())
            .find(|b| b.kind().is_some())
            .is_some_and(DraftBlock::dutch)
    }

    /// Checks the draft by the rules of `oogst check`, as if read from `file`.
    pub fn check(&self, file: &str) -> Checked {
        check::check(self, file)
    }

    /// The programme as a file: the fields in a fixed order, a block a
    /// line (a breakout's questions one a line), as `oogst init` writes.
    pub fn to_json(&self) -> String {
        write::programme(self)
    }

    /// Gives every block without an id the id `programme` (this draft,
    /// read) made for it, so it lasts from the first save on.
    pub fn fix_ids(&mut self, programme: &Programme) {
        let mut planned = programme.blocks.iter();
        for b in self.blocks.iter_mut() {
            if b.skip {
                continue;
            }
            let Some(p) = planned.next() else { break };
            if b.id.is_none() {
                b.id = Some(p.id.clone());
            }
        }
    }

    /// Whether block `i` may change.
    pub fn editable(&self, i: usize) -> Result<(), Refused> {
        if i >= self.blocks.len() {
            Err(Refused::NoSuchBlock)
        } else if i < self.frozen {
            Err(Refused::RanAlready)
        } else {
            Ok(())
        }
    }

    fn block_mut(&mut self, i: usize) -> Result<&mut DraftBlock, Refused> {
        self.editable(i)?;
        Ok(&mut self.blocks[i])
    }

    pub fn set_programme_title(&mut self, title: &str) {
        self.title = title.to_string();
    }

    pub fn set_programme_id(&mut self, id: &str) -> Result<(), Refused> {
        if self.fixed_top {
            return Err(Refused::FixedForSession);
        }
        self.id = id.trim().to_string();
        Ok(())
    }

    /// A new date; an id that ends with the old date (a template's does)
    /// ends with the new one, so two meetings have two session folders.
    pub fn set_date(&mut self, date: &str) -> Result<(), Refused> {
        if self.fixed_top {
            return Err(Refused::FixedForSession);
        }
        let date = date.trim().to_string();
        if !self.date.is_empty()
            && !date.is_empty()
            && let Some(stem) = self.id.strip_suffix(&self.date)
        {
            self.id = format!("{stem}{date}");
        }
        self.date = date;
        Ok(())
    }

    pub fn set_title(&mut self, i: usize, title: &str) -> Result<(), Refused> {
        self.block_mut(i)?.title = title.to_string();
        Ok(())
    }

    /// Another kind, written in the language the block's kind was written
    /// in (for an unknown word: as the blocks around it).
    pub fn set_kind(&mut self, i: usize, kind: BlockKind) -> Result<(), Refused> {
        self.editable(i)?;
        let dutch = match self.blocks[i].kind() {
            Some(_) => self.blocks[i].dutch(),
            None => self.dutch_at(i),
        };
        self.blocks[i].kind = kind_word(kind, dutch).to_string();
        Ok(())
    }

    /// The next (or previous) kind in [`BlockKind::ALL`]; the new kind.
    pub fn cycle_kind(&mut self, i: usize, forward: bool) -> Result<BlockKind, Refused> {
        self.editable(i)?;
        let all = BlockKind::ALL;
        let next = match self.blocks[i].kind() {
            None => all[0],
            Some(k) => {
                let at = all.iter().position(|x| *x == k).unwrap_or(0);
                let n = all.len();
                all[if forward {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                }]
            }
        };
        self.set_kind(i, next)?;
        Ok(next)
    }

    /// A fixed start (`HH:MM`), or none (empty).
    pub fn set_start(&mut self, i: usize, start: &str) -> Result<(), Refused> {
        self.block_mut(i)?.start = normalise_time(start);
        Ok(())
    }

    /// Minutes, or an end time.
    pub fn set_length(&mut self, i: usize, length: &str) -> Result<(), Refused> {
        self.block_mut(i)?.length = normalise_length(length);
        Ok(())
    }

    /// `delta` minutes longer (shorter when negative): the minutes, or
    /// the end time. A block keeps at least a minute; a length that is
    /// not a number or time yet is left alone.
    pub fn change_minutes(&mut self, i: usize, delta: i64) -> Result<(), Refused> {
        let b = self.block_mut(i)?;
        if let Some(m) = b.minutes() {
            let m = i64::try_from(m).unwrap_or(i64::MAX);
            let new = m.saturating_add(delta);
            if new < 1 {
                return Err(Refused::Minimum);
            }
            b.length = new.min(24 * 60).to_string();
            return Ok(());
        }
        if let Some(end) = b.end() {
            let start = DayTime::parse(b.start.trim());
            let new = i64::from(end.minutes()).saturating_add(delta);
            let floor = start.map_or(1, |s| i64::from(s.minutes()) + 1);
            if new < floor {
                return Err(Refused::Minimum);
            }
            let new = u16::try_from(new.min(24 * 60)).unwrap_or(24 * 60);
            if let Some(t) = DayTime::from_minutes(new) {
                b.length = t.to_string();
            }
            return Ok(());
        }
        Err(Refused::NotANumber)
    }

    /// A block's id (`oogst edit` only: in the lead, room files refer to it).
    pub fn set_block_id(&mut self, i: usize, id: &str) -> Result<(), Refused> {
        if self.fixed_top {
            return Err(Refused::FixedForSession);
        }
        let id = id.trim();
        self.block_mut(i)?.id = (!id.is_empty()).then(|| id.to_string());
        Ok(())
    }

    /// Puts `block` at `at` (after the blocks that ran); its index.
    pub fn insert(&mut self, at: usize, block: DraftBlock) -> Result<usize, Refused> {
        if at > self.blocks.len() {
            return Err(Refused::NoSuchBlock);
        }
        if at < self.frozen {
            return Err(Refused::RanAlready);
        }
        self.blocks.insert(at, block);
        Ok(at)
    }

    /// Takes block `i` out; it is given back (to put back, or to say).
    pub fn remove(&mut self, i: usize) -> Result<DraftBlock, Refused> {
        self.editable(i)?;
        Ok(self.blocks.remove(i))
    }

    /// Skips block `i` (or brings it back); whether it is skipped now.
    pub fn toggle_skip(&mut self, i: usize) -> Result<bool, Refused> {
        let b = self.block_mut(i)?;
        b.skip = !b.skip;
        Ok(b.skip)
    }

    /// Moves block `i` one place up (earlier) or down; its new index.
    pub fn move_block(&mut self, i: usize, down: bool) -> Result<usize, Refused> {
        self.editable(i)?;
        let j = if down {
            i + 1
        } else {
            i.checked_sub(1).ok_or(Refused::AtTheEdge)?
        };
        if j >= self.blocks.len() || j < self.frozen {
            return Err(Refused::AtTheEdge);
        }
        self.blocks.swap(i, j);
        Ok(j)
    }

    /// Adds `text` to a list of block `i`, at `at` (its end at most); its index.
    pub fn add_item(
        &mut self,
        i: usize,
        list: List,
        at: usize,
        text: &str,
    ) -> Result<usize, Refused> {
        let items = self.block_mut(i)?.list_mut(list);
        let at = at.min(items.len());
        items.insert(at, text.to_string());
        Ok(at)
    }

    pub fn set_item(&mut self, i: usize, list: List, n: usize, text: &str) -> Result<(), Refused> {
        let item = self
            .block_mut(i)?
            .list_mut(list)
            .get_mut(n)
            .ok_or(Refused::NoSuchItem)?;
        *item = text.to_string();
        Ok(())
    }

    pub fn remove_item(&mut self, i: usize, list: List, n: usize) -> Result<String, Refused> {
        let items = self.block_mut(i)?.list_mut(list);
        if n >= items.len() {
            return Err(Refused::NoSuchItem);
        }
        Ok(items.remove(n))
    }

    /// Moves item `n` of a list one place up or down; its new index.
    pub fn move_item(
        &mut self,
        i: usize,
        list: List,
        n: usize,
        down: bool,
    ) -> Result<usize, Refused> {
        let items = self.block_mut(i)?.list_mut(list);
        if n >= items.len() {
            return Err(Refused::NoSuchItem);
        }
        let m = if down {
            n + 1
        } else {
            n.checked_sub(1).ok_or(Refused::AtTheEdge)?
        };
        if m >= items.len() {
            return Err(Refused::AtTheEdge);
        }
        items.swap(n, m);
        Ok(m)
    }
}

/// A block of a file, as leniently as can be.
fn block_of(v: &Value) -> DraftBlock {
    let Value::Object(fields) = v else {
        return DraftBlock {
            id: None,
            kind: String::new(),
            title: text_of(v),
            start: String::new(),
            length: String::new(),
            rooms: Vec::new(),
            questions: Vec::new(),
            skip: false,
            extra: Map::new(),
        };
    };
    let get = |k: &str| fields.get(k).map(text_of).unwrap_or_default();
    let length = match (fields.get("minutes"), fields.get("end")) {
        (Some(m), _) if !m.is_null() => text_of(m),
        (_, Some(e)) => text_of(e),
        _ => String::new(),
    };
    DraftBlock {
        id: fields.get("id").filter(|v| !v.is_null()).map(text_of),
        kind: get("kind"),
        title: get("title"),
        start: get("start"),
        length,
        rooms: texts_of(fields.get("rooms")),
        questions: texts_of(fields.get("questions")),
        skip: fields.get("skip") == Some(&Value::Bool(true)),
        extra: fields
            .iter()
            .filter(|(k, _)| !BLOCK_FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}
