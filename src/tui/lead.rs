//! The lead's screens: the lead view (programme and current block), the
//! presenter clock, the rooms dashboard, and the overlays on top of them.
//! Drawing only reads the state.

use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use super::keys;
use super::lead_app::{LeadApp, Overlay, Screen};
use super::theme::Theme;
use super::widgets::{self, BigText, KeyHint, countdown};
use crate::clock::{Current, Phase, Schedule};
use crate::i18n::{Catalog, fill};
use crate::text;

mod dashboard;

/// Below this the screen says "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From here on the full lead view; below it the compact one.
const FULL_WIDTH: u16 = 60;
const FULL_HEIGHT: u16 = 16;
/// From here on programme and current block side by side.
const WIDE_WIDTH: u16 = 150;

/// The whole screen of the lead app at `now`.
pub struct View<'a> {
    pub app: &'a LeadApp,
    pub now: Timestamp,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let app = self.app;
        let t = app.lang.t();
        if !widgets::fits(area, buf, app.theme, t.too_small, (MIN_WIDTH, MIN_HEIGHT)) {
            return;
        }
        let ctx = Ctx::new(app, self.now);
        match app.screen {
            Screen::Lead if area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT => {
                ctx.lead_full(area, buf)
            }
            Screen::Lead => ctx.lead_compact(area, buf),
            Screen::Presenter => ctx.presenter(area, buf),
            Screen::Dashboard => ctx.dashboard(area, buf),
        }
        ctx.overlay(area, buf);
    }
}

/// What every part of the screen needs, computed once per frame.
struct Ctx<'a> {
    app: &'a LeadApp,
    t: &'static Catalog,
    th: Theme,
    now: Timestamp,
    current: Option<Current>,
    schedule: Schedule,
}

impl<'a> Ctx<'a> {
    fn new(app: &'a LeadApp, now: Timestamp) -> Ctx<'a> {
        Ctx {
            app,
            t: app.lang.t(),
            th: app.theme,
            now,
            current: app.clock.current(now),
            schedule: app.clock.schedule(now),
        }
    }

    fn hm(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.app.tz.clone())
            .strftime("%H:%M")
            .to_string()
    }

    fn span(&self, ts: Option<Timestamp>, end: Option<Timestamp>) -> String {
        match (ts, end) {
            (Some(s), Some(e)) => format!("{}–{}", self.hm(s), self.hm(e)),
            (Some(s), None) => format!("{}–", self.hm(s)),
            _ => "–".to_string(),
        }
    }

    fn countdown_style(&self, c: &Current) -> Style {
        match c.phase {
            Phase::Waiting => self.th.dim().add_modifier(ratatui::style::Modifier::BOLD),
            Phase::Paused => self.th.label().add_modifier(ratatui::style::Modifier::BOLD),
            _ if c.over_time() => self.th.alert(),
            _ if c.nearly_over() => self.th.warn(),
            _ => self.th.good().add_modifier(ratatui::style::Modifier::BOLD),
        }
    }

    /// One word for where the current block stands; never colour alone.
    fn state_word(&self, c: &Current) -> (String, Style) {
        let t = self.t;
        match c.phase {
            Phase::Waiting => (format!("▷ {}", t.waiting), self.th.dim()),
            Phase::Paused => (format!("‖ {}", t.paused), self.th.label()),
            _ if c.over_time() => (format!("■ {}", t.over_time), self.th.alert()),
            _ if c.nearly_over() => (format!("▶ {}", t.nearly_over), self.th.warn()),
            _ => (format!("▶ {}", t.running), self.th.good()),
        }
    }

    /// The line under the countdown: state, and when it ends.
    fn status_line(&self, c: &Current) -> Line<'static> {
        let t = self.t;
        let (word, style) = self.state_word(c);
        let mut spans = vec![Span::styled(word, style)];
        let mut more = |s: String, st: Style| {
            spans.push(Span::styled(" · ", self.th.dim()));
            spans.push(Span::styled(s, st));
        };
        match (c.phase, c.deadline) {
            (Phase::Waiting, _) => {
                more(self.app.lang.duration(c.timebox), self.th.text());
                more(t.press_space_to_start.to_string(), self.th.key());
            }
            (Phase::Paused, _) => more(t.key_resume.to_string(), self.th.key()),
            (_, Some(deadline)) if c.over_time() => {
                more(
                    fill(t.deadline_was, &[("time", &self.hm(deadline))]),
                    self.th.text(),
                );
                more(t.next_hint.to_string(), self.th.key());
            }
            (_, Some(deadline)) => more(
                fill(t.ends_at, &[("time", &self.hm(deadline))]),
                self.th.text(),
            ),
            _ => {}
        }
        let extra_min = c.extra.as_secs() / 60;
        if extra_min > 0 {
            more(
                fill(t.extended_by, &[("min", &extra_min.to_string())]),
                self.th.dim(),
            );
        } else if extra_min < 0 {
            more(
                fill(t.shortened_by, &[("min", &(-extra_min).to_string())]),
                self.th.dim(),
            );
        }
        Line::from(spans)
    }

    /// A bar of elapsed time: heavy for what has passed, light for what is left.
    fn gauge(&self, c: &Current, width: u16) -> Line<'static> {
        let width = usize::from(width);
        let total = c.timebox.as_secs_f64();
        let ratio = if c.phase == Phase::Waiting || total <= 0.0 {
            0.0
        } else {
            (1.0 - c.remaining.as_secs_f64() / total).clamp(0.0, 1.0)
        };
        let filled = ((ratio * width as f64).round() as usize).min(width);
        let style = if c.over_time() {
            self.th.alert()
        } else if c.nearly_over() {
            self.th.warn()
        } else {
            self.th.good()
        };
        Line::from(vec![
            Span::styled("━".repeat(filled), style),
            Span::styled("─".repeat(width - filled), self.th.dim()),
        ])
    }

    fn next_line(&self) -> Option<Line<'static>> {
        let i = self.app.clock.current + 1;
        let block = self.app.programme.blocks.get(i)?;
        let slot = self.schedule.slots.get(i)?;
        let minutes = self.app.clock.blocks.get(i)?.minutes;
        Some(Line::from(vec![
            Span::styled(format!("{}: ", self.t.next), self.th.label()),
            Span::styled(text::one_line(&block.title).into_owned(), self.th.strong()),
            Span::styled(
                format!(
                    " · {} ({})",
                    self.span(slot.start, slot.end),
                    self.app.lang.duration(SignedDuration::from_mins(minutes))
                ),
                self.th.dim(),
            ),
        ]))
    }

    /// How late or early the whole programme runs (or ran).
    fn late_line(&self) -> Line<'static> {
        let t = self.t;
        let late = self.schedule.late;
        let over = self.app.clock.is_over();
        let dur = self.app.lang.duration(late);
        // Re-planning ends within a minute of the planned end: that is on time.
        let minute = SignedDuration::from_secs(60);
        let (s, style) = if late >= minute {
            let tpl = if over { t.ended_late } else { t.runs_late };
            let style = if late >= SignedDuration::from_mins(5) {
                self.th.alert()
            } else {
                self.th.warn()
            };
            (fill(tpl, &[("dur", &dur)]), style)
        } else if late <= -minute {
            let tpl = if over { t.ended_early } else { t.runs_early };
            (fill(tpl, &[("dur", &dur)]), self.th.good())
        } else {
            let s = if over { t.ended_on_time } else { t.on_time };
            (s.to_string(), self.th.good())
        };
        let mut spans = vec![Span::styled(format!("◆ {s}"), style)];
        if late >= minute && !over {
            spans.push(Span::styled(format!("  r {}", t.key_replan), self.th.dim()));
        }
        Line::from(spans)
    }

    fn message_line(&self) -> Line<'static> {
        let t = self.t;
        let mut spans = vec![Span::styled(
            format!("{}: ", t.message_to_rooms),
            self.th.label(),
        )];
        match &self.app.clock.message {
            Some(m) => {
                spans.push(Span::styled(
                    format!("“{}”", text::one_line(&m.text)),
                    self.th.strong(),
                ));
                spans.push(Span::styled(format!(" · {}", self.hm(m.at)), self.th.dim()));
            }
            None => spans.push(Span::styled(t.no_message.to_string(), self.th.dim())),
        }
        Line::from(spans)
    }

    fn header(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        buf.set_style(area, self.th.bar());
        let mut right = Vec::new();
        if let Some(speed) = app.speed {
            let speed = format!("{speed}");
            right.push(Span::styled(
                format!(" {} ", fill(self.t.rehearsal, &[("speed", &speed)])),
                self.th.rehearsal(),
            ));
            right.push(Span::raw(" "));
        }
        if let Some(date) = app.programme.date
            && area.width >= 90
        {
            right.push(Span::raw(format!("{} · ", app.lang.date(date))));
        }
        right.push(Span::styled(
            format!("{} ", self.hm(self.now)),
            self.th.strong(),
        ));
        let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
        let left_room = usize::from(area.width).saturating_sub(right_width + 1);
        let title = format!(" oogst · {}", text::one_line(&app.programme.title));
        let left = Line::from(Span::styled(
            text::truncate(&title, left_room).into_owned(),
            self.th.strong(),
        ));
        left.render(area, buf);
        Line::from(right)
            .alignment(Alignment::Right)
            .render(area, buf);
    }

    /// The line above the footer: a notice, a save error, or where the
    /// session folder is.
    fn status_row(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let (s, style) = if let Some(err) = &self.app.save_error {
            (fill(t.save_failed, &[("error", err)]), self.th.alert())
        } else if let Some(toast) = &self.app.toast {
            let style = if toast.alert {
                self.th.warn()
            } else {
                self.th.label()
            };
            (format!("» {}", toast.text), style)
        } else {
            match &self.app.session_dir {
                Some(dir) => (
                    format!("{}: {}", t.session_folder, dir.display()),
                    self.th.dim(),
                ),
                None => (t.no_session_folder.to_string(), self.th.dim()),
            }
        };
        Paragraph::new(text::truncate(&text::one_line(&s), usize::from(area.width)).into_owned())
            .style(style)
            .render(area, buf);
    }

    fn footer(&self, area: Rect, buf: &mut Buffer, view: usize) {
        let t = self.t;
        let bell = if self.app.clock.bell {
            t.bell_on
        } else {
            t.bell_off
        };
        let hints = keys::lead_footer(view, t, bell);
        widgets::footer(
            area,
            buf,
            self.th,
            &hints,
            &KeyHint {
                keys: "?",
                what: t.key_help,
            },
        );
    }

    fn lead_full(&self, area: Rect, buf: &mut Buffer) {
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.header(header, buf);
        let rows = u16::try_from(self.app.programme.blocks.len()).unwrap_or(u16::MAX);
        if area.width >= WIDE_WIDTH {
            let left = (area.width * 45 / 100).clamp(60, 90);
            let [programme, current] =
                Layout::horizontal([Constraint::Length(left), Constraint::Min(0)]).areas(body);
            self.programme_table(programme, buf);
            self.current_panel(current, buf);
        } else {
            let table = (rows + 3).min(body.height / 2).max(4);
            let [current, programme] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(table)]).areas(body);
            self.current_panel(current, buf);
            self.programme_table(programme, buf);
        }
        self.status_row(status, buf);
        self.footer(footer, buf, keys::LEAD_VIEW);
    }

    fn framed(&self, area: Rect, buf: &mut Buffer, title: String) -> Rect {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(self.th.border())
            .title(Span::styled(format!(" {title} "), self.th.label()));
        let inner = block.inner(area);
        block.render(area, buf);
        inner
    }

    fn programme_table(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let inner = self.framed(area, buf, t.programme.to_string());
        if inner.is_empty() {
            return;
        }
        let w = usize::from(inner.width);
        let with_planned = w >= 52;
        let status_w = match w {
            90.. => 18,
            60.. => 12,
            _ => 7,
        };
        let times_w = 11;
        let fixed = 2 + times_w + 1 + status_w + if with_planned { 12 } else { 0 };
        let title_w = w.saturating_sub(fixed).max(4);

        let mut header = vec![Span::raw("  ")];
        if with_planned {
            header.push(Span::raw(text::fit(t.planned, 12)));
        }
        header.push(Span::raw(text::fit("", title_w)));
        header.push(Span::raw(text::fit(
            &format!("{} / {}", t.actual, t.expected),
            times_w + 1 + status_w,
        )));
        let mut lines = vec![Line::from(header).style(self.th.dim())];

        let visible = usize::from(inner.height).saturating_sub(1);
        let n = self.app.programme.blocks.len();
        let first = self
            .app
            .clock
            .current
            .saturating_sub(visible.saturating_sub(1) / 2)
            .min(n.saturating_sub(visible));
        for i in first..n.min(first + visible) {
            lines.push(self.programme_row(i, with_planned, title_w, times_w, status_w));
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn programme_row(
        &self,
        i: usize,
        with_planned: bool,
        title_w: usize,
        times_w: usize,
        status_w: usize,
    ) -> Line<'static> {
        let t = self.t;
        let block = &self.app.programme.blocks[i];
        let run = &self.app.clock.blocks[i];
        let slot = &self.schedule.slots[i];
        let is_current = i == self.app.clock.current;
        let mut spans = vec![Span::styled(
            if is_current { "▶ " } else { "  " },
            self.th.key(),
        )];
        if with_planned {
            spans.push(Span::styled(
                format!("{}–{} ", block.start, block.end),
                self.th.dim(),
            ));
        }
        let title_style = match slot.phase {
            Phase::Done | Phase::Skipped => self.th.dim(),
            _ if is_current => self.th.strong(),
            _ => self.th.text(),
        };
        spans.push(Span::styled(
            text::fit(&text::one_line(&block.title), title_w.saturating_sub(1)) + " ",
            title_style,
        ));
        let times_style = match slot.phase {
            Phase::Done => self.th.text(),
            Phase::ToCome | Phase::Waiting => self.th.label(),
            _ => self.th.strong(),
        };
        spans.push(Span::styled(
            text::fit(&self.span(slot.start, slot.end), times_w + 1),
            times_style,
        ));
        let (status, style) = match slot.phase {
            Phase::Done => ("✓".to_string(), self.th.good()),
            Phase::Skipped => (t.skipped.to_string(), self.th.dim()),
            Phase::Running | Phase::Paused | Phase::Waiting => match &self.current {
                Some(c) => self.state_word(c),
                None => (String::new(), self.th.text()),
            },
            Phase::ToCome => {
                let shift = slot
                    .start
                    .map_or(SignedDuration::ZERO, |s| s - run.planned_start);
                let minutes = (shift.as_secs() as f64 / 60.0).round() as i64;
                match minutes {
                    m if m > 0 => (format!("+{m} min"), self.th.warn()),
                    m if m < 0 => (format!("−{} min", -m), self.th.good()),
                    _ => (String::new(), self.th.text()),
                }
            }
        };
        spans.push(Span::styled(text::fit(&status, status_w), style));
        let line = Line::from(spans);
        if is_current {
            line.style(self.th.selected())
        } else {
            line
        }
    }

    fn current_panel(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let app = self.app;
        let Some(c) = self.current else {
            let inner = self.framed(area, buf, t.now.to_string());
            let never_ran = app.clock.blocks.iter().all(|b| b.started.is_none());
            let mut lines = vec![
                Line::from(Span::styled(t.programme_over.to_string(), self.th.strong())),
                Line::default(),
            ];
            if !never_ran {
                lines.extend([self.late_line(), Line::default()]);
            }
            lines.extend([Line::from(Span::styled(
                t.programme_over_hint.to_string(),
                self.th.dim(),
            ))]);
            // Opened after a programme that never ran: say how to try it.
            if let (true, Some(first)) = (never_ran, app.programme.blocks.first()) {
                let minutes = first.start.minutes().saturating_sub(5);
                let at = crate::programme::DayTime::from_minutes(minutes).unwrap_or(first.start);
                lines.push(Line::from(Span::styled(
                    fill(t.rehearse_hint, &[("time", &at.to_string())]),
                    self.th.key(),
                )));
            }
            widgets::wrapped(inner, buf, lines);
            return;
        };
        let block = &app.programme.blocks[c.index];
        let title = format!("{} · {}", t.now, app.lang.kind_name(block.kind));
        let inner = self.framed(area, buf, title);
        if inner.is_empty() {
            return;
        }
        let title_text = text::one_line(&block.title).into_owned();
        let title_rows = if text::width(&title_text) > usize::from(inner.width) {
            2
        } else {
            1
        };
        let block_title = Paragraph::new(title_text)
            .style(self.th.strong())
            .wrap(Wrap { trim: true });
        let mut below: Vec<Line> = [
            Some(self.status_line(&c)),
            Some(self.gauge(&c, inner.width)),
            self.next_line(),
            Some(self.late_line()),
            Some(self.message_line()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let below_rows = u16::try_from(below.len()).unwrap_or(0);
        let room = inner.height.saturating_sub(title_rows + below_rows);
        let digits = countdown(c.remaining);
        let style = self.countdown_style(&c);
        let big = BigText::new(&digits)
            .style(style) // Sized for the widest countdown up to 99 minutes, so the digits
            // keep their size as time runs on and over.
            .reference("+88:88");
        let big_rows = big
            .scale(Rect {
                height: room,
                ..inner
            })
            .map_or(0, |(_, ky)| BigText::height_at(ky));
        // What is left: a blank line under the title, one above what comes
        // next, the rest evenly around the digits.
        let mut spare = room.saturating_sub(big_rows);
        let mut take = |n: u16| {
            let got = n.min(spare);
            spare -= got;
            got
        };
        let gap_title = take(1);
        let gap_next = take(1);
        let (above, beneath) = (spare / 2, spare - spare / 2);
        if gap_next > 0 && below.len() > 2 {
            below.insert(2, Line::default());
        }
        if big_rows == 0 {
            below.insert(0, Line::from(Span::styled(digits.clone(), style)));
        }
        let [title_area, _, big_area, _, rest] = Layout::vertical([
            Constraint::Length(title_rows),
            Constraint::Length(gap_title + above),
            Constraint::Length(big_rows),
            Constraint::Length(beneath),
            Constraint::Min(0),
        ])
        .areas(inner);
        block_title.render(title_area, buf);
        if big_rows > 0 {
            big.render(big_area, buf);
        }
        let lines = below;
        Paragraph::new(lines).render(rest, buf);
    }

    /// Draws the top bar; returns the body and the footer row below it.
    fn with_header(&self, area: Rect, buf: &mut Buffer) -> [Rect; 2] {
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        self.header(header, buf);
        [body, footer]
    }

    /// For small terminals: the essentials, one per line.
    fn lead_compact(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let [body, footer] = self.with_header(area, buf);
        let width = usize::from(body.width);
        let toast = self.app.toast.as_ref().map(|toast| {
            Line::from(Span::styled(
                text::truncate(&format!("» {}", toast.text), width).into_owned(),
                self.th.label(),
            ))
        });
        let mut lines = Vec::new();
        match self.current {
            Some(c) => {
                let block = &self.app.programme.blocks[c.index];
                lines.push(Line::from(Span::styled(
                    text::truncate(&text::one_line(&block.title), width).into_owned(),
                    self.th.strong(),
                )));
                let (word, style) = self.state_word(&c);
                lines.push(Line::from(vec![
                    Span::styled(countdown(c.remaining), self.countdown_style(&c)),
                    Span::raw("  "),
                    Span::styled(word, style),
                ]));
                let mut status = self.status_line(&c);
                status.spans.drain(..status.spans.len().min(2));
                if !status.spans.is_empty() {
                    lines.push(status);
                }
                lines.extend(toast);
                lines.extend(self.next_line());
            }
            None => {
                lines.push(Line::from(Span::styled(
                    t.programme_over.to_string(),
                    self.th.strong(),
                )));
                lines.extend(toast);
            }
        }
        lines.push(self.late_line());
        lines.push(self.message_line());
        // Room to spare: the blocks after the next one.
        let later = (self.app.clock.current + 2)..self.app.programme.blocks.len();
        if lines.len() + 1 < usize::from(body.height) && !later.is_empty() {
            lines.push(Line::default());
            for i in later {
                let start = self.schedule.slots[i]
                    .start
                    .map(|s| self.hm(s))
                    .unwrap_or_default();
                let title = text::one_line(&self.app.programme.blocks[i].title).into_owned();
                lines.push(Line::from(Span::styled(
                    text::truncate(&format!("{start} {title}"), width).into_owned(),
                    self.th.dim(),
                )));
            }
        }
        // One line each: what does not fit is cut, not wrapped away.
        let lines: Vec<Line> = lines.into_iter().take(usize::from(body.height)).collect();
        Paragraph::new(lines).render(body, buf);
        self.footer(footer, buf, keys::LEAD_VIEW);
    }

    /// Title and countdown, as big as the screen allows.
    fn presenter(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let [top, _, big, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let Some(c) = self.current else {
            Paragraph::new(t.programme_over)
                .style(self.th.strong())
                .alignment(Alignment::Center)
                .render(
                    Rect {
                        y: big.y + big.height / 2,
                        height: 1,
                        ..big
                    },
                    buf,
                );
            self.footer(footer, buf, keys::PRESENTER_VIEW);
            return;
        };
        let block = &self.app.programme.blocks[c.index];
        Paragraph::new(
            text::truncate(&text::one_line(&block.title), usize::from(top.width)).into_owned(),
        )
        .style(self.th.strong())
        .alignment(Alignment::Center)
        .render(top, buf);
        let digits = countdown(c.remaining);
        let style = self.countdown_style(&c);
        let margin = Rect {
            x: big.x + 1,
            width: big.width.saturating_sub(2),
            ..big
        };
        let widget = BigText::new(&digits).style(style);
        if widget.scale(margin).is_some() {
            widget.render(margin, buf);
        } else {
            Paragraph::new(digits.clone())
                .style(style)
                .alignment(Alignment::Center)
                .render(
                    Rect {
                        y: big.y + big.height / 2,
                        height: 1.min(big.height),
                        ..big
                    },
                    buf,
                );
        }
        // Over time, paused, nearly over: said in words too.
        let (word, word_style) = self.state_word(&c);
        let show =
            c.over_time() || c.nearly_over() || matches!(c.phase, Phase::Paused | Phase::Waiting);
        if show {
            Paragraph::new(word)
                .style(word_style)
                .alignment(Alignment::Center)
                .render(status, buf);
        }
        self.footer(footer, buf, keys::PRESENTER_VIEW);
    }

    fn overlay(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        match &self.app.overlay {
            Overlay::None => {}
            Overlay::Help => {
                let view = keys::lead_view(self.app.screen);
                widgets::help(area, buf, self.th, t, &keys::lead_help(view, t));
            }
            Overlay::ConfirmQuit => {
                let inner = widgets::popup(area, buf, self.th, t.quit_title, 56, 6);
                let lines = vec![
                    Line::from(Span::styled(t.quit_question.to_string(), self.th.strong())),
                    Line::default(),
                    Line::from(Span::styled(t.yes_no.to_string(), self.th.key())),
                ];
                widgets::wrapped(inner, buf, lines);
            }
            Overlay::Message(area_widget) => {
                let inner = widgets::popup(area, buf, self.th, t.message_prompt, 72, 6);
                let [input, _, hint] = Layout::vertical([
                    Constraint::Length(2),
                    Constraint::Length(1),
                    Constraint::Length(1),
                ])
                .areas(inner);
                area_widget.render(input, buf);
                Paragraph::new(
                    text::truncate(t.message_hint, usize::from(hint.width)).into_owned(),
                )
                .style(self.th.dim())
                .render(hint, buf);
            }
        }
    }
}
