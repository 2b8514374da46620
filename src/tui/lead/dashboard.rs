//! The rooms dashboard: a row per room of the round the lead's clock is
//! in, as the programme lists them (a room without a host says so), the
//! rooms the programme does not list after them, and what other rounds
//! hold below. Every name from a file is made safe for the screen; every
//! state is said in words, never by colour alone.

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Ctx;
use crate::clock::Phase;
use crate::i18n::fill;
use crate::programme::{Block, BlockKind};
use crate::rooms::{RoomLine, Rooms, Signal};
use crate::text;
use crate::tui::keys;

/// A room of a running round that has not changed for this long is quiet.
const QUIET: SignedDuration = SignedDuration::from_mins(5);
/// The narrowest the last column (when a room last changed, and its
/// warnings) gets while other columns are shown; and the most that its
/// warnings ask for before the other columns give way.
const STATUS_MIN: usize = 14;
const STATUS_MAX: usize = 32;
/// The widest a room's or its hosts' column gets.
const NAME_MAX: usize = 24;
/// From this height on, a blank line under the summary.
const ROOMY: u16 = 12;

/// The table's columns, in terminal columns; each but the last is
/// followed by a gap (two before the last).
struct Columns {
    /// The gap after the room and after its hosts.
    gap: usize,
    room: usize,
    /// `None`: not shown (too narrow).
    hosts: Option<usize>,
    /// How many question columns are shown, and how wide each is.
    questions: usize,
    count: usize,
    /// `None`: not shown (too narrow).
    total: Option<usize>,
    status: usize,
}

impl Columns {
    /// The whole row.
    fn width(&self) -> usize {
        self.room
            + self.gap
            + self.hosts.map_or(0, |h| h + self.gap)
            + self.questions * self.count
            + self.total.map_or(0, |t| t + 2)
            + self.status
    }
}

impl Ctx<'_> {
    pub(super) fn dashboard(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let app = self.app;
        let [body, footer] = self.with_header(area, buf);
        let [body, status] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
        let parts = &app.rooms;
        // The round of the rows (the clock's when they were made, a moment
        // ago at most), else the clock's.
        let round = parts
            .block
            .as_deref()
            .and_then(|id| app.programme.block(id))
            .or_else(|| app.programme.round_at(app.clock.current));
        let heading = match round {
            Some(b) => fill(t.dash_heading, &[("round", &text::one_line(&b.title))]),
            None => t.dashboard_title.to_string(),
        };
        let room_for_heading = usize::from(body.width).saturating_sub(4);
        let inner = self.framed(
            body,
            buf,
            text::truncate(&heading, room_for_heading).into_owned(),
        );
        self.status_row(status, buf);
        self.footer(footer, buf, keys::DASHBOARD_VIEW);
        if inner.is_empty() {
            return;
        }
        let w = usize::from(inner.width);
        let lines = match (round, &app.session_dir) {
            (None, _) => vec![self.dim_line(t.dash_no_round, w)],
            (_, None) => vec![self.dim_line(t.no_session_folder, w)],
            (Some(_), Some(_)) if !app.rooms_read => vec![self.dim_line(t.dash_reading, w)],
            (Some(round), Some(dir)) => {
                let dir = dir.display().to_string();
                self.dashboard_lines(round, parts, &dir, inner)
            }
        };
        Paragraph::new(lines).render(inner, buf);
    }

    fn dim_line(&self, s: &str, w: usize) -> Line<'static> {
        Line::from(Span::styled(
            text::truncate(&text::one_line(s), w).into_owned(),
            self.th.dim(),
        ))
    }

    /// Whether `round` runs now (rooms of it can go quiet).
    fn round_runs(&self, round: &Block) -> bool {
        let app = self.app;
        self.current.is_some_and(|c| c.phase == Phase::Running)
            && app
                .programme
                .blocks
                .get(app.clock.current)
                .is_some_and(|b| b.kind == BlockKind::Breakout && b.id == round.id)
    }

    fn dashboard_lines(
        &self,
        round: &Block,
        parts: &Rooms,
        dir: &str,
        inner: Rect,
    ) -> Vec<Line<'static>> {
        let t = self.t;
        let lang = self.app.lang;
        let w = usize::from(inner.width);
        let h = usize::from(inner.height);
        let rooms: Vec<&RoomLine> = parts.rooms.iter().collect();

        // What the round has: rooms with a host, hosts, notes.
        let active = rooms.iter().filter(|r| r.read > 0).count();
        let hosts: usize = rooms.iter().map(|r| r.hosts.len()).sum();
        let notes: usize = rooms.iter().map(|r| r.total()).sum();
        let mut summary = fill(
            t.dash_summary,
            &[
                ("rooms", &lang.count_rooms(active)),
                ("hosts", &lang.count_hosts(hosts)),
                ("notes", &lang.count_notes(notes)),
            ],
        );
        let breakouts: Vec<&Block> = self.app.programme.breakouts().collect();
        if breakouts.len() > 1
            && let Some(i) = breakouts.iter().position(|b| b.id == round.id)
        {
            let of = fill(
                t.dash_round_of,
                &[
                    ("n", &(i + 1).to_string()),
                    ("of", &breakouts.len().to_string()),
                ],
            );
            summary = format!("{of} · {summary}");
        }
        let mut lines = vec![Line::from(Span::styled(
            text::truncate(&summary, w).into_owned(),
            self.th.strong(),
        ))];
        if inner.height >= ROOMY {
            lines.push(Line::default());
        }

        let quiet_ok = self.round_runs(round);
        let cols = self.columns(w, parts.questions.len(), &rooms, quiet_ok);
        lines.push(self.table_head(&cols, w));
        let mut table: Vec<(Line<'static>, bool)> = Vec::new();
        let (listed, unlisted): (Vec<&RoomLine>, Vec<&RoomLine>) =
            rooms.iter().partition(|r| r.listed);
        for r in listed {
            table.push((self.room_row(r, &cols, quiet_ok), true));
        }
        if !unlisted.is_empty() {
            let label = text::truncate(t.dash_not_listed, w).into_owned();
            table.push((Line::from(Span::styled(label, self.th.label())), false));
            for r in unlisted {
                table.push((self.room_row(r, &cols, quiet_ok), true));
            }
        }
        let room_left = h.saturating_sub(lines.len());
        if table.len() > room_left {
            // What does not fit is counted, never silently cut.
            let shown = room_left.saturating_sub(1);
            let hidden = table[shown..].iter().filter(|(_, room)| *room).count();
            lines.extend(table.into_iter().take(shown).map(|(l, _)| l));
            let more = fill(t.dash_more, &[("n", &hidden.to_string())]);
            lines.push(self.dim_line(&more, w));
            return lines;
        }
        lines.extend(table.into_iter().map(|(l, _)| l));

        // Below the table, as far as there is room: how to start, what
        // other rounds hold, what cannot be read.
        let mut below: Vec<Line<'static>> = Vec::new();
        for problem in rooms.iter().flat_map(|r| &r.problems) {
            let s = format!("⚠ {}", text::one_line(&lang.file_problem(problem)));
            below.push(Line::from(Span::styled(
                text::truncate(&s, w).into_owned(),
                self.th.alert(),
            )));
        }
        if active == 0 {
            below.push(self.dim_line(t.dash_none, w));
            below.push(self.dim_line(&fill(t.dash_start_hint, &[("dir", dir)]), w));
        }
        if let Some(e) = &parts.elsewhere {
            let mut said = Vec::new();
            if e.rooms > 0 {
                said.push(fill(
                    t.dash_other_rounds,
                    &[
                        ("rooms", &lang.count_rooms(e.rooms)),
                        ("notes", &lang.count_notes(e.notes)),
                    ],
                ));
            }
            if e.other_session > 0 {
                let files = lang.count_files(e.other_session);
                said.push(fill(t.dash_other_session, &[("files", &files)]));
            }
            below.push(self.dim_line(&said.join(" · "), w));
        }
        if !below.is_empty() && lines.len() + 1 < h {
            lines.push(Line::default());
        }
        let room_left = h.saturating_sub(lines.len());
        lines.extend(below.into_iter().take(room_left));

        // The questions the columns stand for, when they all fit.
        if cols.questions > 0 && lines.len() + 1 + parts.questions.len() <= h {
            lines.push(Line::default());
            for (i, q) in parts.questions.iter().enumerate() {
                let mut s = format!("{}{} {}", t.dash_q, i + 1, text::one_line(q));
                if i >= round.questions.len() {
                    s = format!("{s} {}", t.dash_question_extra);
                }
                lines.push(self.dim_line(&s, w));
            }
        }
        lines
    }

    /// How wide each column is at width `w`: every column if they fit
    /// (names as wide as they need, up to a limit); else names squeezed;
    /// else without the questions; else the room and its state alone.
    fn columns(&self, w: usize, questions: usize, rooms: &[&RoomLine], quiet_ok: bool) -> Columns {
        let t = self.t;
        // Room for every room's warnings (its signal, unreadable, quiet).
        let status_need = rooms
            .iter()
            .map(|r| {
                let urgent: Vec<String> = self
                    .room_state(r, quiet_ok)
                    .into_iter()
                    .filter(|(_, _, urgent)| *urgent)
                    .map(|(s, _, _)| s)
                    .collect();
                text::width(&urgent.join("  "))
            })
            .max()
            .unwrap_or(0)
            .clamp(STATUS_MIN, STATUS_MAX);
        let count = (text::width(t.dash_q) + questions.max(1).to_string().len() + 1).max(3);
        let total = text::width(t.dash_total).max(3) + 1;
        let room_need = rooms
            .iter()
            .map(|r| text::width(&text::one_line(&r.room)))
            .chain([text::width(t.dash_room)])
            .max()
            .unwrap_or(0)
            .clamp(4, NAME_MAX);
        // A room without a host says so across the columns it leaves empty.
        let host_need = rooms
            .iter()
            .filter(|r| r.read > 0)
            .map(|r| text::width(&hosts_text(r)))
            .chain([text::width(t.dash_host)])
            .max()
            .unwrap_or(0)
            .clamp(4, NAME_MAX);
        let fixed = total + 2 + status_need;
        let with = |qs: usize, gap: usize| -> Option<Columns> {
            let space = w.checked_sub(qs * count + fixed + 2 * gap)?;
            if space < 16 {
                return None;
            }
            let room = room_need.min(space.saturating_sub(host_need).max(space / 2));
            let hosts = host_need.min(space - room);
            let status = w - (room + hosts + 2 * gap + qs * count + total + 2);
            Some(Columns {
                gap,
                room,
                hosts: Some(hosts),
                questions: qs,
                count,
                total: Some(total),
                status,
            })
        };
        // Two columns between names where they fit whole, else one.
        let roomy = room_need + host_need + 4 + questions * count + fixed <= w;
        let gap = if roomy { 2 } else { 1 };
        with(questions, gap)
            .or_else(|| with(0, 1))
            .unwrap_or_else(|| {
                let room = room_need.min(w / 2);
                Columns {
                    gap: 1,
                    room,
                    hosts: None,
                    questions: 0,
                    count,
                    total: None,
                    status: w.saturating_sub(room + 1),
                }
            })
    }

    fn table_head(&self, cols: &Columns, w: usize) -> Line<'static> {
        let t = self.t;
        let gap = " ".repeat(cols.gap);
        let mut s = text::fit(t.dash_room, cols.room) + &gap;
        if let Some(hw) = cols.hosts {
            s += &(text::fit(t.dash_host, hw) + &gap);
        }
        for q in 1..=cols.questions {
            s += &format!("{:>width$}", format!("{}{q}", t.dash_q), width = cols.count);
        }
        if let Some(tw) = cols.total {
            s += &format!("{:>tw$}  ", t.dash_total);
        }
        s += t.dash_changed;
        Line::from(Span::styled(
            text::truncate(&s, w).into_owned(),
            self.th.dim(),
        ))
    }

    fn room_row(&self, r: &RoomLine, cols: &Columns, quiet_ok: bool) -> Line<'static> {
        let t = self.t;
        let hosted = r.read > 0;
        let name_style = if hosted {
            self.th.strong()
        } else {
            self.th.text()
        };
        let gap = " ".repeat(cols.gap);
        let mut spans = vec![Span::styled(
            text::fit(&text::one_line(&r.room), cols.room) + &gap,
            name_style,
        )];
        if !hosted {
            // No file of the room, or none that could be read: the words
            // may take the rest of the row.
            let room = cols.width().saturating_sub(cols.room + cols.gap);
            let said = if r.files == 0 {
                vec![(t.dash_no_host.to_string(), self.th.dim(), true)]
            } else {
                self.room_state(r, quiet_ok)
            };
            spans.extend(state_spans(said, room));
            return Line::from(spans);
        }
        if let Some(hw) = cols.hosts {
            spans.push(Span::styled(
                text::fit(&hosts_text(r), hw) + &gap,
                self.th.text(),
            ));
        }
        for q in 0..cols.questions {
            let n = r.counts.get(q).copied().unwrap_or(0);
            let style = if n == 0 {
                self.th.dim()
            } else {
                self.th.text()
            };
            spans.push(Span::styled(
                format!("{n:>width$}", width = cols.count),
                style,
            ));
        }
        if let Some(tw) = cols.total {
            spans.push(Span::styled(
                format!("{:>tw$}  ", r.total()),
                self.th.strong(),
            ));
        }
        spans.extend(state_spans(self.room_state(r, quiet_ok), cols.status));
        let line = Line::from(spans);
        // A call for help the lead has not seen: the row flashes.
        let calling = self.app.help_calls().any(|c| c.room == r.room);
        if calling && self.app.flash_lit(self.now) {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        }
    }

    /// What the last column says of a room with a host, most urgent first:
    /// its signal, files that cannot be read, quiet or when it last
    /// changed, and whether it has seen the lead's latest message. Each
    /// with its style and whether it is a warning.
    fn room_state(&self, r: &RoomLine, quiet_ok: bool) -> Vec<(String, Style, bool)> {
        let t = self.t;
        let lang = self.app.lang;
        let mut said = Vec::new();
        match r.signal {
            Some((Signal::Help, _)) => said.push((t.dash_help.to_string(), self.th.alert(), true)),
            Some((Signal::Done, _)) => said.push((t.dash_done.to_string(), self.th.good(), true)),
            None => {}
        }
        if !r.problems.is_empty() {
            said.push((t.dash_unreadable.to_string(), self.th.alert(), true));
        }
        match r.changed.map(|c| self.now.duration_since(c)) {
            Some(a) if quiet_ok && a >= QUIET => {
                let s = fill(t.dash_quiet, &[("dur", &lang.duration(a))]);
                said.push((s, self.th.warn(), true));
            }
            Some(a) if a < SignedDuration::from_secs(60) => {
                said.push((t.dash_just_now.to_string(), self.th.dim(), false));
            }
            Some(a) => {
                let s = fill(t.dash_ago, &[("dur", &lang.duration(a))]);
                said.push((s, self.th.dim(), false));
            }
            None => {}
        }
        // The receipt of the lead's message, while there is one.
        if let Some(m) = self.app.clock.message.as_ref().filter(|_| r.read > 0) {
            if r.seen.is_some_and(|s| s.as_second() >= m.at.as_second()) {
                said.push((t.dash_seen.to_string(), self.th.dim(), false));
            } else {
                said.push((t.dash_not_seen.to_string(), self.th.warn(), false));
            }
        }
        said
    }
}

/// What is said of a room in `room` columns: warnings are cut if they
/// must be; the rest is shown whole or not at all.
fn state_spans(said: Vec<(String, Style, bool)>, mut room: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (s, style, urgent)) in said.into_iter().enumerate() {
        let s = if i == 0 { s } else { format!("  {s}") };
        if room == 0 || (!urgent && text::width(&s) > room) {
            break;
        }
        let cut = text::truncate(&s, room).into_owned();
        room = room.saturating_sub(text::width(&cut));
        spans.push(Span::styled(cut, style));
    }
    spans
}

/// A room's hosts, made safe for the screen.
fn hosts_text(r: &RoomLine) -> String {
    r.hosts
        .iter()
        .map(|h| text::one_line(h).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}
