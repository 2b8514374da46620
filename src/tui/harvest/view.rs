//! The live harvest, drawn: the round and the question at the top, large
//! and clear; below it every room of the round under its name (bold),
//! its key takeaways first and marked ★, then its other notes, then what
//! its host is still typing, marked as not added. Readable from the back
//! of a room at 120×40 (room between the parts, a margin, nothing but
//! the notes); at 80×24 the same, closer together; at tiny sizes what
//! fits, and "too small" below that. Every text from a file goes through
//! [`text`]'s sanitising; every state is said in words or signs, never
//! by colour alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{HarvestScreen, RoundId, ShownRoom};
use crate::files::{FileError, ReadError};
use crate::i18n::{Lang, fill};
use crate::merge::live::Trouble;
use crate::rooms::Signal;
use crate::text;
use crate::tui::chrome::{self, Header, KeyHint, Status};
use crate::tui::keys;
use crate::tui::runtime::Toast;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, BigText};

/// Below this the screen says "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this height on, room to breathe: blank lines around the question
/// and between rooms, the question on up to four lines.
const ROOMY: u16 = 30;
/// From this height on, a blank line between rooms.
const SPACED: u16 = 16;
/// The widest a line of notes gets (wider reads badly from afar).
const MAX_TEXT: usize = 110;

/// The live harvest's screen.
pub struct HarvestView<'a> {
    pub screen: &'a HarvestScreen,
    pub lang: Lang,
    pub theme: Theme,
    /// The breakout of the clock: the round shown until one is chosen.
    pub clock_round: Option<&'a str>,
    /// The programme's title, for the top bar.
    pub title: Option<&'a str>,
    /// What the top bar says at the right (the clock).
    pub right: Vec<Span<'a>>,
    /// [`keys::HARVEST_LEAD`] or [`keys::HARVEST_WATCH`].
    pub keys: usize,
    pub save_error: Option<&'a str>,
    pub toast: Option<&'a Toast>,
    /// Shown instead of the harvest (waiting for the programme, say).
    pub notice: Option<&'a str>,
    pub help: bool,
}

impl Widget for HarvestView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let t = self.lang.t();
        let th = self.theme;
        if !widgets::fits(area, buf, th, t.too_small, (MIN_WIDTH, MIN_HEIGHT)) {
            return;
        }
        let status_rows = u16::from(area.height >= 10);
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        // What the right of the top bar says, from its end (the time),
        // as far as it fits beside the app's name.
        let room = usize::from(area.width).saturating_sub(8);
        let mut right = self.right.clone();
        while right.iter().map(|s| text::width(&s.content)).sum::<usize>() > room {
            right.remove(0);
        }
        Header::new(th, self.title).right(right).render(header, buf);
        chrome::footer(
            footer,
            buf,
            th,
            &keys::harvest_footer(self.keys, t),
            &KeyHint {
                keys: "?",
                what: t.key_help,
            },
        );
        let margin = match area.width {
            60.. => 2,
            30.. => 1,
            _ => 0,
        };
        let body = Rect {
            x: body.x.saturating_add(margin),
            width: body.width.saturating_sub(margin.saturating_mul(2)),
            ..body
        };
        let otherwise = self.draw_body(body, area.height, buf);
        Status {
            theme: th,
            t,
            save_error: self.save_error,
            toast: self.toast,
            otherwise,
        }
        .render(status, buf);
        if self.help {
            widgets::help(area, buf, th, t, &keys::harvest_help(self.keys, t));
        }
    }
}

/// Lines of the rooms, and where each room starts.
struct Lines {
    lines: Vec<Line<'static>>,
    tops: Vec<(String, usize)>,
}

impl HarvestView<'_> {
    /// The body; what the status line says when nothing else does.
    fn draw_body(&self, body: Rect, height: u16, buf: &mut Buffer) -> (String, Style) {
        let t = self.lang.t();
        let th = self.theme;
        let screen = self.screen;
        let w = usize::from(body.width);
        let plain = |s: &str, style: Style, area: Rect, buf: &mut Buffer| {
            let lines: Vec<Line> = textwrap::wrap(&text::one_line(s), w.max(1))
                .into_iter()
                .map(|l| Line::from(Span::styled(l.into_owned(), style)))
                .collect();
            widgets::wrapped(area, buf, lines);
        };
        let round = match (self.notice, screen.round(self.clock_round)) {
            (Some(notice), _) => {
                plain(notice, th.dim(), body, buf);
                return (String::new(), th.dim());
            }
            (None, Some(round)) => round,
            (None, None) if !screen.read => {
                plain(t.dash_reading, th.dim(), body, buf);
                return (String::new(), th.dim());
            }
            (None, None) => {
                plain(t.harvest_no_round, th.dim(), body, buf);
                return (String::new(), th.dim());
            }
        };
        let roomy = height >= ROOMY;
        let questions = screen.questions(&round);
        let q = screen.question(&round);
        let question = questions.get(q.wrapping_sub(1)).copied();

        // The round and which question, then the question itself.
        let mut y = body.y.saturating_add(u16::from(roomy));
        let bottom = body.y.saturating_add(body.height);
        let row = |y: &mut u16| {
            let r = Rect::new(body.x, *y, body.width, u16::from(*y < bottom));
            *y = y.saturating_add(1);
            r
        };
        self.round_line(&round, q, questions.len(), row(&mut y), buf);
        if roomy {
            y = y.saturating_add(1);
        }
        let text = question.map_or_else(
            || t.harvest_no_questions.to_string(),
            |q| text::one_line(q).into_owned(),
        );
        let style = if question.is_some() {
            th.strong()
        } else {
            th.dim()
        };
        // On a large screen the question's number in big digits beside
        // it, as on a slide; else the question on a line or two.
        let number = q.to_string();
        let digits_w = u16::try_from(number.len() * 8).unwrap_or(u16::MAX);
        let big = roomy && body.width >= 60 && question.is_some();
        let (text_x, text_w, rows) = if big {
            let gap = digits_w.saturating_add(3);
            (
                body.x.saturating_add(gap),
                w.saturating_sub(usize::from(gap)),
                4,
            )
        } else {
            let rows = match body.height {
                0..12 => 1,
                12..24 => 2,
                _ => 3,
            };
            (body.x, w, rows)
        };
        let mut wrapped: Vec<String> = textwrap::wrap(&text, text_w.max(1))
            .into_iter()
            .map(|l| l.into_owned())
            .collect();
        if wrapped.len() > rows {
            wrapped.truncate(rows);
            if let Some(last) = wrapped.last_mut() {
                *last = text::truncate(&format!("{last}…"), text_w).into_owned();
            }
        }
        if big {
            let block = Rect::new(body.x, y, digits_w, 4).intersection(body);
            BigText::new(&number).style(th.key()).render(block, buf);
            let first = y.saturating_add(u16::try_from((4 - wrapped.len()) / 2).unwrap_or(0));
            for (i, line) in wrapped.into_iter().enumerate() {
                let ly = first.saturating_add(u16::try_from(i).unwrap_or(0));
                if ly < bottom {
                    let line = Line::from(Span::styled(line, style));
                    buf.set_line(text_x, ly, &line, u16::try_from(text_w).unwrap_or(0));
                }
            }
            y = y.saturating_add(4);
        } else {
            for line in wrapped {
                let line = Line::from(Span::styled(line, style));
                buf.set_line(body.x, row(&mut y).y, &line, body.width);
            }
        }
        if roomy {
            y = y.saturating_add(1);
        }
        let rule = row(&mut y);
        if rule.height > 0 {
            let line = "─".repeat(w);
            buf.set_string(rule.x, rule.y, line, th.border());
        }
        let rooms_area = Rect::new(body.x, y.min(bottom), body.width, bottom.saturating_sub(y));

        // The rooms, from the line the reader is at.
        let spaced = height >= SPACED;
        let Lines { lines, tops } = self.room_lines(&round, q, w, spaced);
        let total = lines.len();
        let shown = usize::from(rooms_area.height);
        let top = screen.first_line(tops, total, shown);
        for (i, line) in lines.iter().skip(top).take(shown).enumerate() {
            let y = rooms_area
                .y
                .saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
            buf.set_line(rooms_area.x, y, line, rooms_area.width);
        }

        // The status line: a file that cannot be read now, else what the
        // question has and what is below.
        if let Some(words) = self.trouble() {
            return (words, th.warn());
        }
        let (notes, rooms) = self.counts(&round, q);
        let mut summary = fill(
            t.harvest_summary,
            &[
                ("notes", &self.lang.count_notes(notes)),
                ("rooms", &self.lang.count_rooms(rooms)),
            ],
        );
        let below = total.saturating_sub(top + shown);
        if below > 0 {
            let lines = if below == 1 {
                t.harvest_line_one
            } else {
                t.harvest_lines
            };
            let more = fill(
                t.harvest_more_below,
                &[("n", &below.to_string()), ("lines", lines)],
            );
            summary = format!("{more} · {summary}");
        }
        (summary, th.dim())
    }

    /// `Ronde 1 · Samen in gesprek` at the left, `Vraag 2 van 5` at the right.
    fn round_line(
        &self,
        round: &RoundId,
        q: usize,
        questions: usize,
        area: Rect,
        buf: &mut Buffer,
    ) {
        if area.height == 0 {
            return;
        }
        let t = self.lang.t();
        let th = self.theme;
        let screen = self.screen;
        let rounds = screen.rounds();
        let (block, harvest) = screen.parts(round);
        let name = block
            .map(|b| b.title.clone())
            .or_else(|| harvest.and_then(|h| h.name().map(str::to_string)))
            .unwrap_or_else(|| t.doc_first_round.to_string());
        let mut left = text::one_line(&name).into_owned();
        if rounds.len() > 1 {
            let n = rounds.iter().position(|r| r == round).map_or(1, |i| i + 1);
            let of = fill(
                t.dash_round_of,
                &[("n", &n.to_string()), ("of", &rounds.len().to_string())],
            );
            left = format!("{left} · {of}");
        }
        let mut right = vec![Span::styled(
            fill(
                t.harvest_question_of,
                &[("n", &q.to_string()), ("of", &questions.to_string())],
            ),
            th.key(),
        )];
        if screen.stars_only() {
            right.insert(
                0,
                Span::styled(format!("{}   ", t.harvest_stars_only), th.warn()),
            );
        }
        let right_w: usize = right.iter().map(|s| text::width(&s.content)).sum();
        let w = usize::from(area.width);
        // The question's number wins the room; the round's name is cut.
        let left_w = w.saturating_sub(right_w + 2);
        if right_w <= w {
            let x = area
                .x
                .saturating_add(u16::try_from(w - right_w).unwrap_or(0));
            buf.set_line(x, area.y, &Line::from(right), area.width);
        }
        if left_w > 0 {
            let left = text::truncate(&left, left_w).into_owned();
            buf.set_line(
                area.x,
                area.y,
                &Line::from(Span::styled(left, th.label())),
                area.width,
            );
        }
    }

    /// How many notes answer question `q` in the round, and in how many rooms.
    fn counts(&self, round: &RoundId, q: usize) -> (usize, usize) {
        let rooms = self.screen.rooms(round);
        let counts: Vec<usize> = rooms
            .iter()
            .filter_map(|r| r.room.map(|r| r.count_of(q)))
            .collect();
        (
            counts.iter().sum(),
            counts.iter().filter(|&&n| n > 0).count(),
        )
    }

    /// What is wrong with the room files now, in words: how many, and the first.
    fn trouble(&self) -> Option<String> {
        let lang = self.lang;
        let t = lang.t();
        let mut problems = self.screen.live.problems();
        let (name, first) = problems.next()?;
        let count = 1 + problems.count();
        let file = short_name(name);
        let first = match first {
            Trouble::Missing => fill(t.dash_missing, &[("file", &text::for_message(&file))]),
            Trouble::NotRoom(_) => fill(t.harvest_not_room, &[("file", &text::for_message(&file))]),
            Trouble::Unreadable(e) => {
                let error = lang.read_error(&ReadError {
                    file: file.clone(),
                    ..e.clone()
                });
                last_good(t.harvest_last_good, &file, &error)
            }
            Trouble::Invalid(e) => {
                let error = lang.file_error(&FileError {
                    file: file.clone(),
                    ..e.clone()
                });
                last_good(t.harvest_last_good, &file, &error)
            }
        };
        let more = match count {
            1 => String::new(),
            n => fill(t.harvest_trouble_more, &[("n", &(n - 1).to_string())]),
        };
        Some(fill(
            t.harvest_trouble,
            &[("first", &first), ("more", &more)],
        ))
    }

    /// Every room of the round at question `q`, as lines `w` wide.
    fn room_lines(&self, round: &RoundId, q: usize, w: usize, spaced: bool) -> Lines {
        let t = self.lang.t();
        let th = self.theme;
        let screen = self.screen;
        let harvest = screen.live.harvest();
        let mut out = Lines {
            lines: Vec::new(),
            tops: Vec::new(),
        };
        let indent = if w >= 40 { 2 } else { 1 };
        let text_w = w.min(MAX_TEXT).saturating_sub(indent + 2).max(1);
        for (i, shown) in screen.rooms(round).into_iter().enumerate() {
            if i > 0 && spaced {
                out.lines.push(Line::default());
            }
            let room = shown.room;
            out.lines.push(self.room_heading(round, &shown, q, w));
            out.tops.push((shown.key, out.lines.len() - 1));
            let mut shown = 0;
            if let Some(room) = room {
                let notes: Vec<_> = harvest.notes_of(room, q).collect();
                let starred = notes.iter().filter(|n| n.star());
                let others = notes.iter().filter(|n| !n.star() && !screen.stars_only());
                for n in starred.chain(others) {
                    let (mark, style) = if n.star() {
                        ("★ ", th.warn())
                    } else {
                        ("• ", th.dim())
                    };
                    let body = if n.star() { th.strong() } else { th.text() };
                    note_lines(
                        &mut out.lines,
                        indent,
                        text_w,
                        (mark, style),
                        n.text(),
                        body,
                        None,
                    );
                    shown += 1;
                }
                if !screen.stars_only() {
                    for d in room.drafts_of(q) {
                        let style = th.dim().add_modifier(Modifier::ITALIC);
                        let tag = format!("({})", t.doc_draft);
                        note_lines(
                            &mut out.lines,
                            indent,
                            text_w,
                            ("✎ ", th.dim()),
                            &d.text,
                            style,
                            Some(tag),
                        );
                        shown += 1;
                    }
                }
            }
            if shown == 0 {
                let words = if screen.stars_only() {
                    t.harvest_no_stars
                } else {
                    t.harvest_no_notes
                };
                let line = format!("{}– {words}", " ".repeat(indent));
                out.lines.push(Line::from(Span::styled(
                    text::truncate(&line, w).into_owned(),
                    th.dim().add_modifier(Modifier::ITALIC),
                )));
            }
        }
        out
    }

    /// A room's name (bold) and hosts at the left; its signal and how many
    /// notes it has for the question at the right.
    fn room_heading(
        &self,
        round: &RoundId,
        shown: &ShownRoom,
        q: usize,
        w: usize,
    ) -> Line<'static> {
        let t = self.lang.t();
        let th = self.theme;
        let (name, listed, room) = (shown.name, shown.listed, shown.room);
        let mut right: Vec<Span<'static>> = Vec::new();
        if let Some((signal, _)) = self.screen.live.signal(round.as_deref(), name) {
            let (words, style) = match signal {
                Signal::Done => (t.dash_done, th.good()),
                Signal::Help => (t.dash_help, th.alert()),
            };
            right.push(Span::styled(words.to_string(), style));
        }
        if let Some(n) = room.map(|r| r.count_of(q)).filter(|&n| n > 0) {
            if !right.is_empty() {
                right.push(Span::raw("  "));
            }
            right.push(Span::styled(self.lang.count_notes(n), th.dim()));
        }
        let hosts = match room.map(|r| r.hosts.as_slice()).filter(|h| !h.is_empty()) {
            Some(hosts) => hosts
                .iter()
                .map(|h| text::one_line(h).into_owned())
                .collect::<Vec<_>>()
                .join(", "),
            None => t.dash_no_host.to_string(),
        };
        let mut left = vec![
            Span::styled("▌", th.label()),
            Span::styled(
                text::one_line(name).into_owned(),
                th.strong().patch(th.label()),
            ),
            Span::styled(format!("  {hosts}"), th.dim()),
        ];
        if !listed {
            left.push(Span::styled(format!("  ({})", t.dash_not_listed), th.dim()));
        }
        fit_line(left, right, w)
    }
}

/// What is wrong with `file` (`error`: its first line, without the
/// file's name in front), and that its last good copy counts.
fn last_good(template: &str, file: &str, error: &str) -> String {
    let line = error.lines().next().unwrap_or_default();
    let why = line
        .strip_prefix(file)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(line);
    fill(
        template,
        &[("file", &text::for_message(file)), ("why", why)],
    )
}

/// `left` and `right` on one line `w` wide: `right` at the right when it
/// fits beside `left` (cut first), else dropped.
fn fit_line(left: Vec<Span<'static>>, right: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let right_w: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let right = if right_w + 2 <= w / 2 {
        right
    } else {
        Vec::new()
    };
    let right_w: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let room = w.saturating_sub(if right_w > 0 { right_w + 2 } else { 0 });
    let mut spans = Vec::new();
    let mut used = 0;
    for s in left {
        let cut = text::truncate(&s.content, room.saturating_sub(used)).into_owned();
        used += text::width(&cut);
        if !cut.is_empty() {
            spans.push(Span::styled(cut, s.style));
        }
        if used >= room {
            break;
        }
    }
    if right_w > 0 {
        spans.push(Span::raw(" ".repeat(w.saturating_sub(used + right_w))));
        spans.extend(right);
    }
    Line::from(spans)
}

/// A note's lines: its mark, then its text wrapped to `width` beside it
/// (line breaks kept), and `tag` after it.
fn note_lines(
    lines: &mut Vec<Line<'static>>,
    indent: usize,
    width: usize,
    (mark, mark_style): (&str, Style),
    note: &str,
    style: Style,
    tag: Option<String>,
) {
    let clean = text::multi_line(note);
    let full = match &tag {
        Some(tag) => format!("{} {tag}", clean.trim_end()),
        None => clean.trim_end().to_string(),
    };
    let pad = " ".repeat(indent);
    let wrapped = textwrap::wrap(&full, width);
    let mark_w = text::width(mark);
    for (i, part) in wrapped.iter().enumerate() {
        let part = text::truncate(part, width).into_owned();
        let first = if i == 0 {
            Span::styled(format!("{pad}{mark}"), mark_style)
        } else {
            Span::raw(" ".repeat(indent + mark_w))
        };
        lines.push(Line::from(vec![first, Span::styled(part, style)]));
    }
    if wrapped.is_empty() {
        lines.push(Line::from(Span::styled(format!("{pad}{mark}"), mark_style)));
    }
}

/// A file's name below its `rooms/` folder (`samen-in-gesprek/Kamer_1--w.json`),
/// as the dashboard names it; the whole name where there is none.
fn short_name(name: &str) -> String {
    let path = std::path::Path::new(name);
    let parts: Vec<_> = path.components().collect();
    match parts.iter().rposition(|c| c.as_os_str() == "rooms") {
        Some(i) if i + 1 < parts.len() => parts[i + 1..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => name.to_string(),
    }
}
