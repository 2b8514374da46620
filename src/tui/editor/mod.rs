//! The programme editor as a form: the programme's lines (the meeting,
//! then a line per block; the selected block opens into its fields, its
//! questions and its rooms), a field typed in a `TextArea` in its place,
//! and every problem under the line it concerns, checked as one types.
//! The same form serves `oogst edit` ([`app`]) and the lead's programme
//! view (`a`); the app around it decides what a change does (saved with
//! Ctrl-S, or applied to the running meeting at once).

pub mod app;
pub mod picker;
mod view;

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keys::{self, EditorCommand as Command};
use super::theme::Theme;
use crate::i18n::{Lang, fill};
use crate::programme::BlockKind;
use crate::programme_edit::{Checked, Draft, DraftBlock, List, Refused};

pub use view::EditorView;

/// Where the editor is: the lead's programme view, or `oogst edit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    File,
    Lead,
}

/// The meeting's own lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopRow {
    Title,
    Date,
    Id,
}

/// A field line of the selected block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRow {
    Title,
    Kind,
    Start,
    Length,
    Id,
    Question(usize),
    AddQuestion,
    Room(usize),
    AddRoom,
    /// A question being added at this place (while typed).
    NewQuestion(usize),
    NewRoom(usize),
}

/// A line of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Top(TopRow),
    /// A block's own line (its times, kind and title).
    Block(usize),
    Field(usize, FieldRow),
    /// `+ add a block`, at the end.
    AddBlock,
}

impl Row {
    /// The block this line belongs to.
    pub fn block(self) -> Option<usize> {
        match self {
            Row::Block(i) | Row::Field(i, _) => Some(i),
            Row::Top(_) | Row::AddBlock => None,
        }
    }
}

/// A field being typed in.
pub struct Typing {
    pub row: Row,
    pub area: TextArea<'static>,
    /// The draft before the typing, for Esc.
    before: Draft,
    /// A question or room being added (not in the draft while empty).
    new_item: bool,
    /// A new block (at its index) whose title is typed: Esc takes it
    /// back, a title left empty is the block's own.
    inserted: Option<(usize, DraftBlock)>,
}

/// What a key did, for the app around the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Nothing,
    /// The draft changed, and the change is done (a field kept, a block
    /// inserted, …): the lead applies it when the draft is valid. With
    /// what to say of it, if anything.
    Changed(Option<String>),
    /// Something to say to the user (alert: a refusal).
    Notice(String, bool),
    /// A key the app handles: save, back, quit, help, save and quit.
    Command(Command),
}

/// The programme editor's state.
pub struct Editor {
    pub draft: Draft,
    pub checked: Checked,
    /// The file's name, as problems name it.
    pub file: String,
    pub cursor: Row,
    pub typing: Option<Typing>,
    history: Vec<(Draft, Row)>,
    future: Vec<(Draft, Row)>,
    pub context: Context,
    pub lang: Lang,
    pub theme: Theme,
    /// The block that runs now (the lead's), shown as such.
    pub running: Option<usize>,
    /// The first line drawn (kept so that the cursor stays in view).
    pub scroll: Cell<usize>,
}

/// Minutes of a new block and of a new break.
const NEW_BLOCK_MINUTES: u32 = 15;
const NEW_BREAK_MINUTES: u32 = 15;
/// How many steps back Ctrl-Z goes.
const HISTORY: usize = 200;

impl Editor {
    pub fn new(draft: Draft, file: &str, context: Context, lang: Lang, theme: Theme) -> Editor {
        let checked = draft.check(file);
        // The first block that may change, else the meeting's title.
        let cursor = if draft.frozen < draft.blocks.len() {
            Row::Block(draft.frozen)
        } else {
            Row::Top(TopRow::Title)
        };
        Editor {
            draft,
            checked,
            file: file.to_string(),
            cursor,
            typing: None,
            history: Vec::new(),
            future: Vec::new(),
            context,
            lang,
            theme,
            running: None,
            scroll: Cell::new(0),
        }
    }

    /// The key view of the table [`keys::EDITOR`] the editor is in.
    pub fn view(&self) -> usize {
        match (&self.typing, self.context) {
            (Some(_), _) => keys::EDIT_TYPING,
            (None, Context::File) => keys::EDIT_FILE,
            (None, Context::Lead) => keys::EDIT_LEAD,
        }
    }

    /// The block whose fields are open: that of the cursor.
    pub fn open_block(&self) -> Option<usize> {
        self.cursor.block()
    }

    /// Whether block `i`'s questions and rooms are shown (a breakout, or
    /// a block that has some).
    fn has_lists(b: &DraftBlock) -> bool {
        b.kind() == Some(BlockKind::Breakout) || !b.rooms.is_empty() || !b.questions.is_empty()
    }

    /// The lines of the form, in order.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Top(TopRow::Title)];
        if self.context == Context::File {
            rows.extend([Row::Top(TopRow::Date), Row::Top(TopRow::Id)]);
        }
        let open = self.open_block();
        for (i, b) in self.draft.blocks.iter().enumerate() {
            rows.push(Row::Block(i));
            if open != Some(i) {
                continue;
            }
            let mut fields = vec![
                FieldRow::Title,
                FieldRow::Kind,
                FieldRow::Start,
                FieldRow::Length,
            ];
            if self.context == Context::File {
                fields.push(FieldRow::Id);
            }
            if Editor::has_lists(b) {
                let new = self.new_item();
                fields.extend(self.list_rows(i, List::Questions, b.questions.len(), new));
                fields.push(FieldRow::AddQuestion);
                fields.extend(self.list_rows(i, List::Rooms, b.rooms.len(), new));
                fields.push(FieldRow::AddRoom);
            }
            rows.extend(fields.into_iter().map(|f| Row::Field(i, f)));
        }
        rows.push(Row::AddBlock);
        rows
    }

    /// The question or room being added: its block, list, place, and
    /// whether the draft has it yet (it has once it has text).
    pub fn new_item(&self) -> Option<(usize, List, usize, bool)> {
        let typing = self.typing.as_ref().filter(|t| t.new_item)?;
        let (i, list, n) = match typing.row {
            Row::Field(i, FieldRow::NewQuestion(n)) => (i, List::Questions, n),
            Row::Field(i, FieldRow::NewRoom(n)) => (i, List::Rooms, n),
            _ => return None,
        };
        let typed = !typing.area.lines().join(" ").trim().is_empty();
        Some((i, list, n, typed))
    }

    /// The lines of a list of block `i` (`len` items in the draft), with
    /// the item being added in its place.
    fn list_rows(
        &self,
        i: usize,
        list: List,
        len: usize,
        new: Option<(usize, List, usize, bool)>,
    ) -> Vec<FieldRow> {
        let item = |n| match list {
            List::Questions => FieldRow::Question(n),
            List::Rooms => FieldRow::Room(n),
        };
        let adding = |n| match list {
            List::Questions => FieldRow::NewQuestion(n),
            List::Rooms => FieldRow::NewRoom(n),
        };
        let mut rows: Vec<FieldRow> = (0..len).map(item).collect();
        if let Some((b, l, n, typed)) = new
            && b == i
            && l == list
        {
            if typed && n < rows.len() {
                rows[n] = adding(n);
            } else if !typed {
                rows.insert(n.min(rows.len()), adding(n));
            }
        }
        rows
    }

    /// The number a list's line shows: an item after one being added
    /// (not yet in the draft) counts it.
    pub fn item_number(&self, row: Row) -> usize {
        let (i, list, n) = match row {
            Row::Field(i, FieldRow::Question(n)) => (i, List::Questions, n),
            Row::Field(i, FieldRow::Room(n)) => (i, List::Rooms, n),
            Row::Field(_, FieldRow::NewQuestion(n) | FieldRow::NewRoom(n)) => return n + 1,
            _ => return 0,
        };
        match self.new_item() {
            Some((b, l, at, false)) if b == i && l == list && at <= n => n + 2,
            _ => n + 1,
        }
    }

    /// The cursor on a line that exists (after a block or item went).
    fn settle_cursor(&mut self) {
        let fits = match self.cursor {
            Row::Top(_) | Row::AddBlock => true,
            Row::Block(i) => i < self.draft.blocks.len(),
            Row::Field(i, f) => self.draft.blocks.get(i).is_some_and(|b| match f {
                FieldRow::Question(n) => n < b.questions.len(),
                FieldRow::Room(n) => n < b.rooms.len(),
                FieldRow::NewQuestion(_) | FieldRow::NewRoom(_) => self.typing.is_some(),
                _ => true,
            }),
        };
        if fits && self.rows().contains(&self.cursor) {
            return;
        }
        self.cursor = match self.cursor {
            Row::Field(i, FieldRow::Question(_) | FieldRow::NewQuestion(_))
                if i < self.draft.blocks.len() =>
            {
                Row::Field(i, FieldRow::AddQuestion)
            }
            Row::Field(i, FieldRow::Room(_) | FieldRow::NewRoom(_))
                if i < self.draft.blocks.len() =>
            {
                Row::Field(i, FieldRow::AddRoom)
            }
            Row::Block(i) | Row::Field(i, _) if i < self.draft.blocks.len() => Row::Block(i),
            _ if self.draft.blocks.is_empty() => Row::AddBlock,
            _ => Row::Block(self.draft.blocks.len() - 1),
        };
    }

    /// Checks the draft again.
    fn recheck(&mut self) {
        self.checked = self.draft.check(&self.file);
    }

    /// Remembers the draft as it was before a change (for Ctrl-Z).
    fn remember(&mut self, before: Draft, row: Row) {
        self.history.push((before, row));
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        self.future.clear();
    }

    /// A change by one operation: done, remembered, checked.
    fn change<T>(
        &mut self,
        op: impl FnOnce(&mut Draft) -> Result<T, Refused>,
    ) -> Result<T, Refused> {
        let before = self.draft.clone();
        let row = self.cursor;
        let done = op(&mut self.draft)?;
        if self.draft != before {
            self.remember(before, row);
        }
        self.recheck();
        Ok(done)
    }

    /// The draft is replaced from outside (the lead took in a programme
    /// changed on disk): what was typed is let go, the history too.
    pub fn replace(&mut self, draft: Draft) {
        self.draft = draft;
        self.typing = None;
        self.history.clear();
        self.future.clear();
        self.recheck();
        self.settle_cursor();
    }

    /// Whether the draft differs from `draft` (a change not yet applied).
    pub fn differs_from(&self, draft: &Draft) -> bool {
        self.draft.blocks != draft.blocks
            || self.draft.title != draft.title
            || self.draft.id != draft.id
            || self.draft.date != draft.date
            || self.draft.extra != draft.extra
    }

    fn refused(&self, why: Refused) -> Outcome {
        Outcome::Notice(self.lang.refused(why).to_string(), true)
    }

    /// A key, in browsing or in typing.
    pub fn on_key(&mut self, key: &KeyEvent) -> Outcome {
        let command = keys::editor_command(self.view(), key);
        if self.typing.is_some() {
            return self.on_typing_key(command, key);
        }
        let Some(command) = command else {
            return Outcome::Nothing;
        };
        match self.run(command, key) {
            Ok(outcome) => outcome,
            Err(why) => self.refused(why),
        }
    }

    /// Text pasted: into the field being typed in (one line), else nothing.
    pub fn on_paste(&mut self, text: &str) -> Outcome {
        let Some(typing) = &mut self.typing else {
            return Outcome::Nothing;
        };
        let line: String = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        typing
            .area
            .insert_str(crate::text::one_line(&line).as_ref());
        self.typed();
        Outcome::Nothing
    }

    /// Runs a command of browsing.
    fn run(&mut self, command: Command, key: &KeyEvent) -> Result<Outcome, Refused> {
        let down = matches!(key.code, KeyCode::Down | KeyCode::PageDown | KeyCode::End);
        match command {
            Command::Browse => self.browse(if down { 1 } else { -1 }),
            Command::Page => self.page(down),
            Command::Ends => {
                let rows = self.rows();
                let to = if down { rows.last() } else { rows.first() };
                self.cursor = to.copied().unwrap_or(Row::AddBlock);
            }
            Command::Edit => return self.edit(),
            Command::Kind => {
                let forward = key.code == KeyCode::Right;
                if let Row::Field(i, FieldRow::Kind) | Row::Block(i) = self.cursor {
                    self.change(|d| d.cycle_kind(i, forward))?;
                    self.settle_cursor();
                    return Ok(Outcome::Changed(None));
                }
            }
            Command::Minutes => {
                let delta = if matches!(key.code, KeyCode::Char('-' | '_')) {
                    -1
                } else {
                    1
                };
                let Some(i) = self.cursor.block() else {
                    return Ok(Outcome::Nothing);
                };
                self.change(|d| d.change_minutes(i, delta))?;
                return Ok(Outcome::Changed(None));
            }
            Command::Insert => return self.insert(),
            Command::Break => {
                let at = self.insert_at();
                let dutch = self.draft.dutch_at(at);
                let t = self.lang.t();
                let block =
                    DraftBlock::new(BlockKind::Break, dutch, t.edit_new_break, NEW_BREAK_MINUTES);
                let at = self.change(|d| d.insert(at, block))?;
                self.cursor = Row::Block(at);
                return Ok(Outcome::Changed(None));
            }
            Command::Remove => return self.remove(),
            Command::Skip => {
                let Some(i) = self.cursor.block() else {
                    return Ok(Outcome::Nothing);
                };
                let skipped = self.change(|d| d.toggle_skip(i))?;
                let t = self.lang.t();
                let title = crate::text::one_line(&self.draft.blocks[i].title).into_owned();
                let words = if skipped {
                    t.edit_skipped_toast
                } else {
                    t.edit_unskipped
                };
                return Ok(Outcome::Changed(Some(fill(words, &[("title", &title)]))));
            }
            Command::Move => return self.move_here(key.code == KeyCode::Down),
            Command::Undo => return Ok(self.undo()),
            Command::Redo => return Ok(self.redo()),
            Command::Save
            | Command::Back
            | Command::Quit
            | Command::Help
            | Command::SaveQuit
            | Command::Keep
            | Command::NextField
            | Command::Cancel => return Ok(Outcome::Command(command)),
        }
        Ok(Outcome::Nothing)
    }

    /// One line up or down.
    fn browse(&mut self, step: isize) {
        let rows = self.rows();
        let at = rows.iter().position(|r| *r == self.cursor).unwrap_or(0);
        let to = at
            .saturating_add_signed(step)
            .min(rows.len().saturating_sub(1));
        self.cursor = rows[to];
    }

    /// To the previous or next block's line.
    fn page(&mut self, down: bool) {
        let n = self.draft.blocks.len();
        self.cursor = match (self.cursor.block(), down) {
            (None, true) if matches!(self.cursor, Row::Top(_)) && n > 0 => Row::Block(0),
            (None, _) if n == 0 => Row::AddBlock,
            (None, true) => Row::AddBlock,
            (None, false) if matches!(self.cursor, Row::AddBlock) => Row::Block(n - 1),
            (None, false) => Row::Top(TopRow::Title),
            (Some(i), true) if i + 1 < n => Row::Block(i + 1),
            (Some(_), true) => Row::AddBlock,
            (Some(i), false) if self.cursor != Row::Block(i) => Row::Block(i),
            (Some(0), false) => Row::Top(TopRow::Title),
            (Some(i), false) => Row::Block(i - 1),
        };
    }

    /// Where a new block goes: below the selected one (after the blocks
    /// that ran), at the end from `+ add a block`, first from the meeting.
    fn insert_at(&self) -> usize {
        let at = match self.cursor {
            Row::Block(i) | Row::Field(i, _) => i + 1,
            Row::AddBlock => self.draft.blocks.len(),
            Row::Top(_) => 0,
        };
        at.max(self.draft.frozen).min(self.draft.blocks.len())
    }

    /// Enter: types in the field; the kind turns to the next; `+ add` adds.
    fn edit(&mut self) -> Result<Outcome, Refused> {
        match self.cursor {
            Row::Field(i, FieldRow::Kind) => {
                self.change(|d| d.cycle_kind(i, true))?;
                self.settle_cursor();
                Ok(Outcome::Changed(None))
            }
            Row::Field(i, FieldRow::AddQuestion) => {
                let n = self.draft.blocks.get(i).map_or(0, |b| b.questions.len());
                self.start_new_item(i, List::Questions, n)
            }
            Row::Field(i, FieldRow::AddRoom) => {
                let n = self.draft.blocks.get(i).map_or(0, |b| b.rooms.len());
                self.start_new_item(i, List::Rooms, n)
            }
            Row::AddBlock => self.insert(),
            Row::Block(i) => {
                self.draft.editable(i)?;
                self.cursor = Row::Field(i, FieldRow::Title);
                self.start_typing(false)
            }
            Row::Top(_) | Row::Field(..) => self.start_typing(false),
        }
    }

    /// `i`: a new question or room below the selected one, else a new
    /// block below the selected block (its title typed at once).
    fn insert(&mut self) -> Result<Outcome, Refused> {
        match self.cursor {
            Row::Field(i, FieldRow::Question(n)) => {
                return self.start_new_item(i, List::Questions, n + 1);
            }
            Row::Field(i, FieldRow::AddQuestion) => {
                let n = self.draft.blocks.get(i).map_or(0, |b| b.questions.len());
                return self.start_new_item(i, List::Questions, n);
            }
            Row::Field(i, FieldRow::Room(n)) => return self.start_new_item(i, List::Rooms, n + 1),
            Row::Field(i, FieldRow::AddRoom) => {
                let n = self.draft.blocks.get(i).map_or(0, |b| b.rooms.len());
                return self.start_new_item(i, List::Rooms, n);
            }
            _ => {}
        }
        let at = self.insert_at();
        let dutch = self.draft.dutch_at(at);
        let t = self.lang.t();
        let block = DraftBlock::new(
            BlockKind::Plenary,
            dutch,
            t.edit_new_block,
            NEW_BLOCK_MINUTES,
        );
        // The new block and its title are one change: typed at once, Esc
        // takes the block back, Enter on nothing typed keeps its own title.
        let before = self.draft.clone();
        let at = self.draft.insert(at, block.clone())?;
        self.recheck();
        self.cursor = Row::Field(at, FieldRow::Title);
        self.start_typing(false)?;
        if let Some(typing) = &mut self.typing {
            typing.area = TextArea::default();
            typing.area.set_wrap_mode(WrapMode::WordOrGlyph);
            typing
                .area
                .set_cursor_line_style(ratatui::style::Style::new());
            typing
                .area
                .set_placeholder_text(self.lang.t().edit_hint_title);
            typing.area.set_placeholder_style(self.theme.dim());
            typing.before = before;
            typing.inserted = Some((at, block));
        }
        Ok(Outcome::Nothing)
    }

    /// Del: the question or room, else the block.
    fn remove(&mut self) -> Result<Outcome, Refused> {
        let t = self.lang.t();
        let (words, text) = match self.cursor {
            Row::Field(i, FieldRow::Question(n)) => (
                t.edit_item_removed,
                (
                    "text",
                    self.change(|d| d.remove_item(i, List::Questions, n))?,
                ),
            ),
            Row::Field(i, FieldRow::Room(n)) => (
                t.edit_item_removed,
                ("text", self.change(|d| d.remove_item(i, List::Rooms, n))?),
            ),
            Row::Block(i) | Row::Field(i, _) => (
                t.edit_removed,
                ("title", self.change(|d| d.remove(i))?.title),
            ),
            Row::Top(_) | Row::AddBlock => return Err(Refused::NoSuchItem),
        };
        self.settle_cursor();
        let shown = crate::text::truncate(&crate::text::one_line(&text.1), 40).into_owned();
        Ok(Outcome::Changed(Some(fill(words, &[(text.0, &shown)]))))
    }

    /// Shift-Up/Down: the question or room, else the block, one place on.
    fn move_here(&mut self, down: bool) -> Result<Outcome, Refused> {
        match self.cursor {
            Row::Field(i, FieldRow::Question(n)) => {
                let to = self.change(|d| d.move_item(i, List::Questions, n, down))?;
                self.cursor = Row::Field(i, FieldRow::Question(to));
            }
            Row::Field(i, FieldRow::Room(n)) => {
                let to = self.change(|d| d.move_item(i, List::Rooms, n, down))?;
                self.cursor = Row::Field(i, FieldRow::Room(to));
            }
            Row::Block(i) | Row::Field(i, _) => {
                let to = self.change(|d| d.move_block(i, down))?;
                self.cursor = Row::Block(to);
            }
            Row::Top(_) | Row::AddBlock => return Err(Refused::NoSuchItem),
        }
        Ok(Outcome::Changed(None))
    }

    fn undo(&mut self) -> Outcome {
        let Some((draft, row)) = self.history.pop() else {
            return Outcome::Notice(self.lang.t().edit_nothing_to_undo.to_string(), false);
        };
        let now = std::mem::replace(&mut self.draft, draft);
        self.future.push((now, self.cursor));
        self.cursor = row;
        self.recheck();
        self.settle_cursor();
        Outcome::Changed(Some(self.lang.t().edit_undone.to_string()))
    }

    fn redo(&mut self) -> Outcome {
        let Some((draft, row)) = self.future.pop() else {
            return Outcome::Notice(self.lang.t().edit_nothing_to_redo.to_string(), false);
        };
        let now = std::mem::replace(&mut self.draft, draft);
        self.history.push((now, self.cursor));
        self.cursor = row;
        self.recheck();
        self.settle_cursor();
        Outcome::Changed(Some(self.lang.t().edit_redone.to_string()))
    }

    /// The text of the field on `row`, as the draft has it.
    fn field_text(&self, row: Row) -> String {
        let d = &self.draft;
        let b = |i: usize| d.blocks.get(i);
        match row {
            Row::Top(TopRow::Title) => d.title.clone(),
            Row::Top(TopRow::Date) => d.date.clone(),
            Row::Top(TopRow::Id) => d.id.clone(),
            Row::Field(i, f) => {
                let Some(b) = b(i) else {
                    return String::new();
                };
                match f {
                    FieldRow::Title => b.title.clone(),
                    FieldRow::Start => b.start.clone(),
                    FieldRow::Length => b.length.clone(),
                    FieldRow::Id => b.id.clone().unwrap_or_default(),
                    FieldRow::Question(n) => b.questions.get(n).cloned().unwrap_or_default(),
                    FieldRow::Room(n) => b.rooms.get(n).cloned().unwrap_or_default(),
                    FieldRow::Kind
                    | FieldRow::AddQuestion
                    | FieldRow::AddRoom
                    | FieldRow::NewQuestion(_)
                    | FieldRow::NewRoom(_) => String::new(),
                }
            }
            Row::Block(i) => b(i).map(|b| b.title.clone()).unwrap_or_default(),
            Row::AddBlock => String::new(),
        }
    }

    /// What the field on `row` asks for, shown while it is empty.
    fn hint(&self, row: Row) -> &'static str {
        let t = self.lang.t();
        match row {
            Row::Top(TopRow::Date) => t.edit_hint_date,
            Row::Top(TopRow::Id) | Row::Field(_, FieldRow::Id) => t.edit_hint_id,
            Row::Field(_, FieldRow::Start) => t.edit_hint_start,
            Row::Field(_, FieldRow::Length) => t.edit_hint_length,
            Row::Field(
                _,
                FieldRow::Question(_) | FieldRow::AddQuestion | FieldRow::NewQuestion(_),
            ) => t.edit_hint_question,
            Row::Field(_, FieldRow::Room(_) | FieldRow::AddRoom | FieldRow::NewRoom(_)) => {
                t.edit_hint_room
            }
            _ => t.edit_hint_title,
        }
    }

    /// Starts typing in the field under the cursor (checked first: a
    /// field that may not change is not opened).
    fn start_typing(&mut self, new_item: bool) -> Result<Outcome, Refused> {
        let row = self.cursor;
        match row {
            Row::Top(TopRow::Date | TopRow::Id) if self.draft.fixed_top => {
                return Err(Refused::FixedForSession);
            }
            Row::Field(_, FieldRow::Id) if self.draft.fixed_top => {
                return Err(Refused::FixedForSession);
            }
            Row::Field(i, _) | Row::Block(i) => self.draft.editable(i)?,
            Row::Top(_) | Row::AddBlock => {}
        }
        // Text from a file is shown as safe text; what is typed is kept.
        let text = crate::text::one_line(&self.field_text(row)).into_owned();
        let mut area = TextArea::new(vec![text]);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.set_placeholder_text(self.hint(row));
        area.set_placeholder_style(self.theme.dim());
        area.move_cursor(CursorMove::End);
        self.typing = Some(Typing {
            row,
            area,
            before: self.draft.clone(),
            new_item,
            inserted: None,
        });
        Ok(Outcome::Nothing)
    }

    /// Starts typing a new question or room at `n` of block `i`.
    fn start_new_item(&mut self, i: usize, list: List, n: usize) -> Result<Outcome, Refused> {
        self.draft.editable(i)?;
        self.cursor = Row::Field(
            i,
            match list {
                List::Questions => FieldRow::NewQuestion(n),
                List::Rooms => FieldRow::NewRoom(n),
            },
        );
        self.start_typing(true)
    }

    /// The text typed so far, put into the draft (checked as one types).
    fn typed(&mut self) {
        let Some(typing) = &self.typing else { return };
        let text = typing.area.lines().join(" ");
        let row = typing.row;
        let mut draft = typing.before.clone();
        let new_item = typing.new_item;
        if let Some((at, block)) = &typing.inserted {
            let _ = draft.insert(*at, block.clone());
            if text.trim().is_empty() {
                self.draft = draft;
                self.recheck();
                return;
            }
        }
        let _ = match row {
            Row::Top(TopRow::Title) => {
                draft.set_programme_title(&text);
                Ok(())
            }
            Row::Top(TopRow::Date) => draft.set_date(&text),
            Row::Top(TopRow::Id) => draft.set_programme_id(&text),
            Row::Field(i, FieldRow::Title) | Row::Block(i) => draft.set_title(i, &text),
            Row::Field(i, FieldRow::Start) => draft.set_start(i, &text),
            Row::Field(i, FieldRow::Length) => draft.set_length(i, &text),
            Row::Field(i, FieldRow::Id) => draft.set_block_id(i, &text),
            Row::Field(i, FieldRow::NewQuestion(n)) if new_item => {
                if text.trim().is_empty() {
                    Ok(())
                } else {
                    draft.add_item(i, List::Questions, n, &text).map(drop)
                }
            }
            Row::Field(i, FieldRow::NewRoom(n)) if new_item => {
                if text.trim().is_empty() {
                    Ok(())
                } else {
                    draft.add_item(i, List::Rooms, n, &text).map(drop)
                }
            }
            Row::Field(i, FieldRow::Question(n)) => draft.set_item(i, List::Questions, n, &text),
            Row::Field(i, FieldRow::Room(n)) => draft.set_item(i, List::Rooms, n, &text),
            Row::Field(
                _,
                FieldRow::Kind
                | FieldRow::AddQuestion
                | FieldRow::AddRoom
                | FieldRow::NewQuestion(_)
                | FieldRow::NewRoom(_),
            )
            | Row::AddBlock => Ok(()),
        };
        self.draft = draft;
        self.recheck();
    }

    /// A key while typing in a field.
    fn on_typing_key(&mut self, command: Option<Command>, key: &KeyEvent) -> Outcome {
        match command {
            Some(Command::Keep) => self.keep(true),
            Some(Command::NextField) => {
                let outcome = self.keep(false);
                // Shift-Tab (BackTab) goes back a line.
                let step = if key.code == KeyCode::BackTab { -1 } else { 1 };
                self.browse(step);
                outcome
            }
            Some(Command::Cancel) => {
                if let Some(typing) = self.typing.take() {
                    self.draft = typing.before;
                    self.recheck();
                    self.settle_cursor();
                }
                Outcome::Nothing
            }
            Some(Command::SaveQuit) => {
                self.keep(false);
                Outcome::Command(Command::SaveQuit)
            }
            _ => {
                let Some(typing) = &mut self.typing else {
                    return Outcome::Nothing;
                };
                // One line: a line break is never typed into a field.
                if key.code == KeyCode::Enter
                    || (key.code == KeyCode::Char('m')
                        && key.modifiers.contains(KeyModifiers::CONTROL))
                    || (key.code == KeyCode::Char('j')
                        && key.modifiers.contains(KeyModifiers::CONTROL))
                {
                    return Outcome::Nothing;
                }
                if typing.area.input(*key) {
                    self.typed();
                }
                Outcome::Nothing
            }
        }
    }

    /// Enter (or Tab): the field as typed is kept. A new question or room
    /// with text opens the next new one (`more`), so a list is typed one
    /// Enter after another; an empty one is let go.
    fn keep(&mut self, more: bool) -> Outcome {
        let Some(typing) = self.typing.take() else {
            return Outcome::Nothing;
        };
        self.recheck();
        let changed = self.draft != typing.before;
        if changed {
            self.remember(typing.before, typing.row);
        }
        self.settle_cursor();
        let added = match typing.row {
            Row::Field(i, FieldRow::NewQuestion(n)) => Some((i, List::Questions, n)),
            Row::Field(i, FieldRow::NewRoom(n)) => Some((i, List::Rooms, n)),
            _ => None,
        };
        match added {
            // Added: on its line; with Enter, the next one is typed.
            Some((i, list, n)) if changed => {
                self.cursor = Row::Field(
                    i,
                    match list {
                        List::Questions => FieldRow::Question(n),
                        List::Rooms => FieldRow::Room(n),
                    },
                );
                if more {
                    let _ = self.start_new_item(i, list, n + 1);
                }
            }
            // Nothing typed: back on the `+ add` line.
            Some((i, List::Questions, _)) => self.cursor = Row::Field(i, FieldRow::AddQuestion),
            Some((i, List::Rooms, _)) => self.cursor = Row::Field(i, FieldRow::AddRoom),
            None => {}
        }
        if changed {
            Outcome::Changed(None)
        } else {
            Outcome::Nothing
        }
    }

    /// Whether a field is being typed in.
    pub fn is_typing(&self) -> bool {
        self.typing.is_some()
    }
}
