//! The programme editor drawn: the header, the form (a line per field, a
//! problem under the line it concerns, the field being typed in its
//! place), the status line and the footer of keys. Only reads the state
//! (the scroll position is remembered in a `Cell`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Context, Editor, FieldRow, Row, TopRow};
use crate::i18n::fill;
use crate::programme::BlockKind;
use crate::programme_edit::{Field, List, Located, Place, Top};
use crate::text;
use crate::tui::chrome::{self, Header, KeyHint, Status};
use crate::tui::keys;
use crate::tui::runtime::Toast;
use crate::tui::widgets;

/// Below this the screen says "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From here on a block's line has its times and kind.
const WIDE: usize = 56;
/// The column of labels of fields.
const LABEL: usize = 12;
/// At most this many lines for a field being typed in.
const MAX_INPUT: usize = 4;

/// The whole editor screen.
pub struct EditorView<'a> {
    pub editor: &'a Editor,
    /// What the top bar names.
    pub title: Option<&'a str>,
    /// The top bar's right side (the lead's clock; the file and whether it
    /// is saved).
    pub right: Vec<Span<'a>>,
    /// What the status line says when no error or notice does; `None`:
    /// whether the draft is valid, or its first problem.
    pub status: Option<(String, Style)>,
    pub save_error: Option<&'a str>,
    pub toast: Option<&'a Toast>,
    pub help: bool,
}

/// A piece of the form: its line(s), and the field being typed in it.
struct Item {
    row: Option<Row>,
    lines: Vec<Line<'static>>,
    /// The field typed in: its lines' value column holds the text area.
    input: bool,
}

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let ed = self.editor;
        let t = ed.lang.t();
        let th = ed.theme;
        if !widgets::fits(area, buf, th, t.too_small, (MIN_WIDTH, MIN_HEIGHT)) {
            return;
        }
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let badge = if ed.checked.is_valid() {
            Span::styled(format!("{} ", t.edit_valid), th.good())
        } else {
            let n = ed.checked.problems.len();
            let words = if n == 1 {
                t.edit_problem_one.to_string()
            } else {
                fill(t.edit_problems, &[("n", &n.to_string())])
            };
            Span::styled(format!("{words} "), th.alert())
        };
        let mut right = self.right;
        right.push(badge);
        Header::new(th, self.title).right(right).render(header, buf);
        ed.form(body, buf);
        let otherwise = self.status.unwrap_or_else(|| ed.summary());
        Status {
            theme: th,
            t,
            save_error: self.save_error,
            toast: self.toast,
            otherwise,
        }
        .render(status, buf);
        chrome::footer(
            footer,
            buf,
            th,
            &keys::editor_footer(ed.view(), t),
            &KeyHint {
                keys: "?",
                what: t.key_help,
            },
        );
        if self.help {
            help(area, buf, th, t, &keys::editor_help(ed.view(), t));
        }
    }
}

/// The help: every key of the editor and what it does, as wide as the
/// longest line needs (moving a block has four keys).
fn help(
    area: Rect,
    buf: &mut Buffer,
    th: crate::tui::theme::Theme,
    t: &crate::i18n::Catalog,
    rows: &[(String, &str)],
) {
    let key_w = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
    let what_w = rows.iter().map(|(_, w)| text::width(w)).max().unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(text::fit(keys, key_w + 2), th.key()),
                Span::raw(what.to_string()),
            ])
        })
        .chain([
            Line::default(),
            Line::from(Span::styled(t.help_close.to_string(), th.dim())),
        ])
        .collect();
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let width = u16::try_from(key_w + 2 + what_w + 2)
        .unwrap_or(u16::MAX)
        .max(64);
    let inner = widgets::popup(area, buf, th, t.help_title, width, height);
    Paragraph::new(lines).render(inner, buf);
}

impl Editor {
    /// The status line's words when nothing else is said: what the field
    /// typed in asks for, else whether the draft is valid (or its first
    /// problem, with its block).
    pub fn summary(&self) -> (String, Style) {
        let t = self.lang.t();
        let th = self.theme;
        if let Some(typing) = &self.typing {
            return (self.hint(typing.row).to_string(), th.dim());
        }
        match self.checked.problems.first() {
            None => (t.edit_valid.to_string(), th.good()),
            Some(l) => {
                let mut s = String::from("⚠ ");
                if let Some((n, title)) = &l.problem.block {
                    s.push_str(&fill(
                        t.problem_block,
                        &[("n", &n.to_string()), ("title", &text::one_line(title))],
                    ));
                }
                s.push_str(&self.problem_words(l));
                (s, th.alert())
            }
        }
    }

    /// A problem in words, for its place (no file, no block: it is there).
    fn problem_words(&self, l: &Located) -> String {
        let length = match l.place {
            Place::Block(i, Field::Length) => self.draft.blocks.get(i).map(|b| b.length.as_str()),
            _ => None,
        };
        self.lang.form_problem(&l.problem.kind, length)
    }

    /// Where a problem is shown: the line of its place, if the form has one.
    fn row_of(&self, place: Place) -> Option<Row> {
        let open = self.open_block();
        match place {
            Place::Top(Top::Title) => Some(Row::Top(TopRow::Title)),
            Place::Top(Top::Date) if self.context == Context::File => Some(Row::Top(TopRow::Date)),
            Place::Top(Top::Id) if self.context == Context::File => Some(Row::Top(TopRow::Id)),
            Place::Top(Top::Blocks) => Some(Row::AddBlock),
            Place::Top(_) => None,
            Place::Block(i, _) if open != Some(i) => Some(Row::Block(i)),
            Place::Block(i, f) => Some(match f {
                Field::Block => Row::Block(i),
                Field::Id if self.context == Context::File => Row::Field(i, FieldRow::Id),
                Field::Id => Row::Block(i),
                Field::Kind => Row::Field(i, FieldRow::Kind),
                Field::Title => Row::Field(i, FieldRow::Title),
                Field::Start => Row::Field(i, FieldRow::Start),
                Field::Length => Row::Field(i, FieldRow::Length),
                Field::Rooms => Row::Field(i, FieldRow::AddRoom),
                Field::Questions => Row::Field(i, FieldRow::AddQuestion),
                Field::Room(n) | Field::Question(n) => {
                    let rooms = matches!(f, Field::Room(_));
                    match self.new_item() {
                        Some((b, list, at, true))
                            if b == i && at == n && rooms == (list == List::Rooms) =>
                        {
                            Row::Field(
                                i,
                                if rooms {
                                    FieldRow::NewRoom(n)
                                } else {
                                    FieldRow::NewQuestion(n)
                                },
                            )
                        }
                        _ if rooms => Row::Field(i, FieldRow::Room(n)),
                        _ => Row::Field(i, FieldRow::Question(n)),
                    }
                }
            }),
        }
    }

    /// The form, scrolled so that the cursor's line is in view.
    fn form(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let width = usize::from(area.width);
        let rows = self.rows();
        let mut items: Vec<Item> = Vec::new();
        // Problems that have no line of their own go first.
        let placed: Vec<(Row, &Located)> = self
            .checked
            .problems
            .iter()
            .filter_map(|l| Some((self.row_of(l.place)?, l)))
            .collect();
        for l in self
            .checked
            .problems
            .iter()
            .filter(|l| self.row_of(l.place).is_none())
        {
            items.push(Item {
                row: None,
                lines: self.problem_lines(l, 2, width),
                input: false,
            });
        }
        for row in &rows {
            items.push(self.item(*row, width));
            let here: Vec<&Located> = placed
                .iter()
                .filter(|(r, _)| r == row)
                .map(|(_, l)| *l)
                .collect();
            // A closed block says its first problem (and how many more).
            let closed = matches!(row, Row::Block(i) if self.open_block() != Some(*i));
            let shown = if closed {
                &here[..here.len().min(1)]
            } else {
                &here[..]
            };
            for l in shown {
                let mut lines = self.problem_lines(l, 4, width);
                if closed
                    && here.len() > 1
                    && let Some(last) = lines.last_mut()
                {
                    last.spans.push(Span::styled(
                        format!(" (+{})", here.len() - 1),
                        self.theme.alert(),
                    ));
                }
                items.push(Item {
                    row: Some(*row),
                    lines,
                    input: false,
                });
            }
        }
        // The cursor's line and its problems in view.
        let mut first = None;
        let mut last = 0;
        let mut y = 0usize;
        for item in &items {
            if item.row == Some(self.cursor) {
                first.get_or_insert(y);
                last = y + item.lines.len().max(1) - 1;
            }
            y += item.lines.len();
        }
        let total = y;
        let height = usize::from(area.height);
        let mut scroll = self.scroll.get().min(total.saturating_sub(height));
        if let Some(first) = first {
            if first < scroll {
                scroll = first;
            }
            if last >= scroll + height {
                scroll = (last + 1).saturating_sub(height).min(first);
            }
        }
        self.scroll.set(scroll);
        let mut y = 0usize;
        for item in &items {
            for (k, line) in item.lines.iter().enumerate() {
                let at = y + k;
                if at < scroll || at >= scroll + height {
                    continue;
                }
                let row_area = Rect::new(
                    area.x,
                    area.y + u16::try_from(at - scroll).unwrap_or(0),
                    area.width,
                    1,
                );
                let selected = item.row == Some(self.cursor) && k == 0 && !item.input;
                let mut p = Paragraph::new(line.clone());
                if selected {
                    p = p.style(self.theme.selected());
                }
                p.render(row_area, buf);
            }
            if item.input
                && let Some(typing) = &self.typing
            {
                let top = y.max(scroll);
                let bottom = (y + item.lines.len()).min(scroll + height);
                if bottom > top {
                    let x = u16::try_from(LABEL + 4).unwrap_or(u16::MAX).min(area.width);
                    let input = Rect::new(
                        area.x + x,
                        area.y + u16::try_from(top - scroll).unwrap_or(0),
                        area.width - x,
                        u16::try_from(bottom - top).unwrap_or(0),
                    );
                    buf.set_style(input, self.theme.selected());
                    typing.area.render(input, buf);
                }
            }
            y += item.lines.len();
        }
    }

    /// A problem's line(s), from column `indent`, wrapped.
    fn problem_lines(&self, l: &Located, indent: usize, width: usize) -> Vec<Line<'static>> {
        let words = format!("⚠ {}", text::one_line(&self.problem_words(l)));
        let room = width.saturating_sub(indent).max(3);
        // A hanging indent: the words under the words, not under the ⚠.
        textwrap::wrap(&words, textwrap::Options::new(room).subsequent_indent("  "))
            .into_iter()
            .map(|part| {
                Line::from(vec![
                    Span::raw(" ".repeat(indent)),
                    Span::styled(part.into_owned(), self.theme.alert()),
                ])
            })
            .collect()
    }

    /// The line(s) of `row`.
    fn item(&self, row: Row, width: usize) -> Item {
        let th = self.theme;
        let t = self.lang.t();
        let typing = self.typing.as_ref().filter(|ty| ty.row == row);
        let value_width = width.saturating_sub(LABEL + 4).max(1);
        let label = |s: &str, indent: usize| {
            Span::styled(
                text::fit(s, LABEL + 4 - indent),
                th.label().add_modifier(Modifier::BOLD),
            )
        };
        let field = |indent: usize, name: &str, value: Span<'static>| Item {
            row: Some(row),
            lines: vec![Line::from(vec![
                Span::raw(" ".repeat(indent)),
                label(name, indent),
                value,
            ])],
            input: false,
        };
        let value = |s: &str, style: Style| {
            Span::styled(
                text::truncate(&text::one_line(s), value_width).into_owned(),
                style,
            )
        };
        if let Some(typing) = typing {
            let name = self.label_of(row);
            let indent = if matches!(row, Row::Top(_)) { 2 } else { 4 };
            let text: String = typing.area.lines().join(" ");
            let lines = textwrap::wrap(&text, value_width.saturating_sub(1).max(1))
                .len()
                .clamp(1, MAX_INPUT);
            let mut out = vec![Line::from(vec![
                Span::raw(" ".repeat(indent)),
                label(&name, indent),
            ])];
            out.extend((1..lines).map(|_| Line::default()));
            return Item {
                row: Some(row),
                lines: out,
                input: true,
            };
        }
        match row {
            Row::Top(top) => {
                let d = &self.draft;
                let fixed = self.draft.fixed_top && top != TopRow::Title;
                let style = if fixed { th.dim() } else { th.text() };
                let v = match top {
                    TopRow::Title => value(&d.title, th.strong()),
                    TopRow::Date if d.date.trim().is_empty() => value(t.edit_no_date, th.dim()),
                    TopRow::Date => value(&d.date, style),
                    TopRow::Id => value(&d.id, th.dim()),
                };
                field(2, &self.label_of(row), v)
            }
            Row::Block(i) => Item {
                row: Some(row),
                lines: vec![self.block_line(i, width)],
                input: false,
            },
            Row::AddBlock => Item {
                row: Some(row),
                lines: vec![Line::from(Span::styled(
                    format!("  {}", t.edit_add_block),
                    th.key(),
                ))],
                input: false,
            },
            Row::Field(i, f) => {
                let Some(b) = self.draft.blocks.get(i) else {
                    return Item {
                        row: Some(row),
                        lines: vec![Line::default()],
                        input: false,
                    };
                };
                let frozen = i < self.draft.frozen;
                let plain = if frozen { th.dim() } else { th.text() };
                let v = match f {
                    FieldRow::Title => value(&b.title, if frozen { th.dim() } else { th.strong() }),
                    FieldRow::Kind => {
                        let kind = match b.kind() {
                            Some(k) => self.lang.kind_name(k).to_string(),
                            None => b.kind.clone(),
                        };
                        let arrows = if frozen { "" } else { "  ←/→" };
                        value(&format!("{kind}{arrows}"), plain)
                    }
                    FieldRow::Start if b.start.trim().is_empty() => {
                        value(t.edit_start_follows, th.dim())
                    }
                    FieldRow::Start => value(
                        &fill(t.edit_start_fixed, &[("time", b.start.trim())]),
                        plain,
                    ),
                    FieldRow::Length => value(&self.length_words(i), plain),
                    FieldRow::Id => match (&b.id, self.checked.programme.as_ref()) {
                        (Some(id), _) => value(id, th.dim()),
                        (None, Some(p)) => {
                            let made = self.made_id(p, i).unwrap_or_default();
                            value(&fill(t.edit_id_new, &[("id", &made)]), th.dim())
                        }
                        (None, None) => value(t.edit_id_new_later, th.dim()),
                    },
                    FieldRow::Question(n) => {
                        value(b.questions.get(n).map_or("", String::as_str), plain)
                    }
                    FieldRow::Room(n) => value(b.rooms.get(n).map_or("", String::as_str), plain),
                    // Typed in: drawn above (never reached).
                    FieldRow::NewQuestion(_) | FieldRow::NewRoom(_) => value("", plain),
                    FieldRow::AddQuestion | FieldRow::AddRoom => {
                        let words = if f == FieldRow::AddQuestion {
                            t.edit_add_question
                        } else {
                            t.edit_add_room
                        };
                        return Item {
                            row: Some(row),
                            lines: vec![Line::from(Span::styled(
                                format!("    {words}"),
                                if frozen { th.dim() } else { th.key() },
                            ))],
                            input: false,
                        };
                    }
                };
                field(4, &self.label_of(row), v)
            }
        }
    }

    /// The id the checked programme made for new block `i`.
    fn made_id(&self, p: &crate::programme::Programme, i: usize) -> Option<String> {
        if self.draft.blocks.get(i)?.skip {
            return None;
        }
        let planned = self.draft.blocks[..i].iter().filter(|b| !b.skip).count();
        p.blocks.get(planned).map(|b| b.id.clone())
    }

    /// A field's label.
    fn label_of(&self, row: Row) -> String {
        let t = self.lang.t();
        match row {
            Row::Top(TopRow::Title) => t.edit_field_programme_title.to_string(),
            Row::Top(TopRow::Date) => t.edit_field_date.to_string(),
            Row::Top(TopRow::Id) => t.edit_field_programme_id.to_string(),
            Row::Field(_, FieldRow::Title) | Row::Block(_) => t.edit_field_title.to_string(),
            Row::Field(_, FieldRow::Kind) => t.edit_field_kind.to_string(),
            Row::Field(_, FieldRow::Start) => t.edit_field_start.to_string(),
            Row::Field(_, FieldRow::Length) => t.edit_field_length.to_string(),
            Row::Field(_, FieldRow::Id) => t.edit_field_id.to_string(),
            Row::Field(_, FieldRow::Question(_) | FieldRow::NewQuestion(_)) => fill(
                t.edit_field_question,
                &[("n", &self.item_number(row).to_string())],
            ),
            Row::Field(_, FieldRow::Room(_) | FieldRow::NewRoom(_)) => fill(
                t.edit_field_room,
                &[("n", &self.item_number(row).to_string())],
            ),
            Row::Field(_, FieldRow::AddQuestion) => t.edit_field_questions.to_string(),
            Row::Field(_, FieldRow::AddRoom) => t.edit_field_rooms.to_string(),
            Row::AddBlock => String::new(),
        }
    }

    /// A block's length in words: `45 min`, or `until 12:00 (45 min)`.
    fn length_words(&self, i: usize) -> String {
        let t = self.lang.t();
        let b = &self.draft.blocks[i];
        let minutes = self
            .checked
            .times
            .get(i)
            .copied()
            .flatten()
            .map(|(s, e)| e.minutes().saturating_sub(s.minutes()));
        match (b.minutes(), b.end(), minutes) {
            (Some(m), _, _) => fill(t.edit_minutes, &[("n", &m.to_string())]),
            (None, Some(end), Some(m)) => format!(
                "{} ({})",
                fill(t.edit_until, &[("time", &end.to_string())]),
                fill(t.edit_minutes, &[("n", &m.to_string())])
            ),
            (None, Some(end), None) => fill(t.edit_until, &[("time", &end.to_string())]),
            (None, None, _) => b.length.clone(),
        }
    }

    /// A block's own line: open or closed, its times, length, kind and
    /// title, and what is so of it (skipped, ran, runs now, a problem).
    fn block_line(&self, i: usize, width: usize) -> Line<'static> {
        let th = self.theme;
        let t = self.lang.t();
        let b = &self.draft.blocks[i];
        let frozen = i < self.draft.frozen;
        let open = self.open_block() == Some(i);
        let mut spans = vec![Span::styled(if open { "▾ " } else { "▸ " }, th.label())];
        let dim = frozen || b.skip;
        let base = if dim { th.dim() } else { th.text() };
        if width >= WIDE {
            let times = match self.checked.times.get(i).copied().flatten() {
                Some((s, e)) => format!("{s}–{e}"),
                None => "  –  ".to_string(),
            };
            spans.push(Span::styled(text::fit(&times, 13), base));
        }
        let minutes = self
            .checked
            .times
            .get(i)
            .copied()
            .flatten()
            .map(|(s, e)| e.minutes().saturating_sub(s.minutes()));
        let length = match (minutes, b.minutes()) {
            (Some(m), _) => fill(t.edit_minutes, &[("n", &m.to_string())]),
            (None, Some(m)) => fill(t.edit_minutes, &[("n", &m.to_string())]),
            (None, None) => text::one_line(&b.length).into_owned(),
        };
        spans.push(Span::styled(
            format!("{:>7}  ", text::truncate(&length, 7)),
            base,
        ));
        if width >= WIDE {
            let kind = match b.kind() {
                Some(k) => self.lang.kind_name(k).to_string(),
                None => text::one_line(&b.kind).into_owned(),
            };
            let style = if b.kind() == Some(BlockKind::Breakout) && !dim {
                th.label()
            } else {
                base
            };
            spans.push(Span::styled(text::fit(&kind, 12), style));
        }
        let mut marks: Vec<Span<'static>> = Vec::new();
        let problems = self.checked.of_block(i).count();
        if problems > 0 {
            marks.push(Span::styled(" ⚠", th.alert()));
        }
        if b.skip {
            marks.push(Span::styled(format!(" · {}", t.edit_skipped), th.warn()));
        }
        if self.running == Some(i) {
            marks.push(Span::styled(format!(" · {}", t.edit_running), th.good()));
        } else if frozen {
            marks.push(Span::styled(format!(" · {}", t.edit_ran), th.dim()));
        }
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum::<usize>()
            + marks.iter().map(|s| text::width(&s.content)).sum::<usize>();
        let room = width.saturating_sub(used);
        let mut title_style = if dim { th.dim() } else { th.strong() };
        if b.skip {
            title_style = title_style.add_modifier(Modifier::CROSSED_OUT);
        }
        spans.push(Span::styled(
            text::truncate(&text::one_line(&b.title), room).into_owned(),
            title_style,
        ));
        spans.extend(marks);
        Line::from(spans)
    }
}
