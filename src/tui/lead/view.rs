//! The lead view: the current block with its countdown, what comes next,
//! how late the programme runs and the message to the rooms, beside or
//! above the programme; on small terminals the essentials, one a line.

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Ctx, WIDE_WIDTH};
use crate::clock::{Current, Phase};
use crate::i18n::fill;
use crate::text;
use crate::tui::keys;
use crate::tui::widgets::{self, BigText, countdown};

impl Ctx<'_> {
    /// The line under the countdown: state, and when it ends (and the
    /// key for what comes next, unless another lead took over).
    fn status_line(&self, c: &Current) -> Line<'static> {
        let t = self.t;
        let leads = !self.app.is_read_only();
        let (word, style) = self.state_word(c);
        let mut spans = vec![Span::styled(word, style)];
        let mut more = |s: String, st: Style| {
            spans.push(Span::styled(" · ", self.th.dim()));
            spans.push(Span::styled(s, st));
        };
        match (c.phase, c.deadline) {
            (Phase::Waiting, _) => {
                more(self.app.lang.duration(c.timebox), self.th.text());
                if leads {
                    more(t.press_space_to_start.to_string(), self.th.key());
                }
            }
            (Phase::Paused, _) if leads => more(t.key_resume.to_string(), self.th.key()),
            (Phase::Paused, _) => {}
            (_, Some(deadline)) if c.over_time() => {
                more(
                    fill(t.deadline_was, &[("time", &self.hm(deadline))]),
                    self.th.text(),
                );
                if leads {
                    more(t.next_hint.to_string(), self.th.key());
                }
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

    /// How late or early the whole programme runs (or ran). While the
    /// current block runs over time it says so first, so that the line
    /// never calls the day on time in green beside a red countdown (a gap
    /// after the block may still absorb the delay: "still on time").
    fn late_line(&self) -> Line<'static> {
        let t = self.t;
        let late = self.schedule.late;
        let over = self.app.clock.is_over();
        let dur = self.app.lang.duration(late);
        // Re-planning ends within a minute of the planned end: that is on time.
        let minute = SignedDuration::from_secs(60);
        let block_over = self
            .current
            .filter(Current::over_time)
            .map(|c| -c.remaining);
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
        } else if block_over.is_some() {
            (t.late_still_on_time.to_string(), self.th.warn())
        } else {
            let s = if over { t.ended_on_time } else { t.on_time };
            (s.to_string(), self.th.good())
        };
        let mut spans = Vec::new();
        if let Some(by) = block_over {
            let words = if by >= minute {
                fill(t.late_block_over, &[("dur", &self.app.lang.duration(by))])
            } else {
                t.late_block_over_now.to_string()
            };
            spans.push(Span::styled(format!("◆ {words}"), self.th.alert()));
            // Early, beside a block over time, is no reason for green.
            let style = if style == self.th.good() {
                self.th.warn()
            } else {
                style
            };
            spans.push(Span::styled(format!(" · {s}"), style));
        } else {
            spans.push(Span::styled(format!("◆ {s}"), style));
        }
        if late >= minute && !over && !self.app.is_read_only() {
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

    pub(super) fn lead_full(&self, area: Rect, buf: &mut Buffer) {
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
            // The programme gives way: the current block keeps the rows for
            // its big countdown, what comes next, the lateness line and the
            // message; the programme takes what is left (scrolled around
            // the current block), or nothing when that is too little.
            let wanted = (rows + 3).min(body.height / 2).max(4);
            let left = body
                .height
                .saturating_sub(self.current_panel_height(body.width));
            let table = if left < 4 { 0 } else { wanted.min(left) };
            let [current, programme] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(table)]).areas(body);
            self.current_panel(current, buf);
            if table > 0 {
                self.programme_table(programme, buf);
            }
        }
        self.status_row(status, buf);
        self.footer(footer, buf, keys::LEAD_VIEW);
    }

    /// The rows the current block's panel needs at `width`: its frame,
    /// the title, the smallest big countdown and the lines below it (the
    /// blank lines between them only where there is room).
    fn current_panel_height(&self, width: u16) -> u16 {
        let inner = usize::from(width.saturating_sub(2));
        let title = self
            .current
            .and_then(|c| self.app.programme.blocks.get(c.index))
            .map_or(0, |b| text::width(&text::one_line(&b.title)));
        let title_rows = if title > inner { 2 } else { 1 };
        // Status, gauge, next, lateness, message.
        let below = 5;
        2 + title_rows + BigText::height_at(1) + below
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

    /// For small terminals: the essentials, one per line.
    pub(super) fn lead_compact(&self, area: Rect, buf: &mut Buffer) {
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
}
