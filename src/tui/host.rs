//! The host's screen: the questions with their counts, the selected
//! question's notes, the note being written, and the lead's clock and
//! message in the header. Drawing only reads the state (but for the list's
//! scroll position, which it keeps so the list moves no more than needed).

use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use super::chrome::{self, Header, KeyHint, Status};
use super::host_alerts::Flash;
use super::host_app::{HostApp, HostOverlay};
use super::keys;
use super::keys::HostCommand;
use super::theme::Theme;
use super::widgets::{self, countdown};
use crate::clock::Countdown;
use crate::i18n::{Catalog, fill};
use crate::room::{Note, SignalKind};
use crate::text;

/// Below this the screen says "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From here on the full view; below it the compact one.
const FULL_WIDTH: u16 = 50;
const FULL_HEIGHT: u16 = 16;
/// How long the lead may stay silent before the clock counts as stale.
const STALE: SignedDuration = SignedDuration::from_secs(30);

/// The host's whole screen at `now` (real time).
pub struct HostView<'a> {
    pub app: &'a HostApp,
    pub now: Timestamp,
}

impl Widget for HostView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let app = self.app;
        let t = app.lang.t();
        if !widgets::fits(area, buf, app.theme, t.too_small, (MIN_WIDTH, MIN_HEIGHT)) {
            return;
        }
        let full = area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT;
        let clock_lines = self.clock_lines(usize::from(area.width));
        let has_message = app.clock.as_ref().is_some_and(|c| c.message.is_some());
        // Small screens keep the lead's message: one line of it.
        let clock_rows = match (full, has_message && area.height >= 8) {
            (true, _) => clock_lines.len(),
            (false, true) => 1,
            (false, false) => 0,
        };
        let input_rows = if full {
            self.input_height(area.width) + 2
        } else {
            2
        };
        let question_rows = if full {
            let n = u16::try_from(app.doc.questions.len()).unwrap_or(u16::MAX);
            n.min(area.height / 4).max(1)
        } else {
            0
        };
        let [
            header,
            clock,
            questions,
            current,
            notes,
            input,
            status,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::try_from(clock_rows).unwrap_or(0)),
            Constraint::Length(question_rows),
            Constraint::Length(if full {
                self.question_height(area.width) + 1
            } else {
                1
            }),
            Constraint::Min(1),
            Constraint::Length(input_rows),
            Constraint::Length(u16::from(full)),
            Constraint::Length(1),
        ])
        .areas(area);
        self.header(header, buf, full);
        let flashing = app.flashing(self.now);
        let time_flash = flashing
            .iter()
            .any(|f| matches!(f, Flash::TwoMinutes | Flash::TimeUp));
        let message_flash = flashing.contains(&Flash::Message);
        if full {
            let message_rows = clock_lines.len().saturating_sub(1);
            Paragraph::new(clock_lines).render(clock, buf);
            // What the flash is about lights up with the header.
            if time_flash {
                invert_row(buf, clock, 0);
            }
            if message_flash {
                for row in 1..=message_rows {
                    invert_row(buf, clock, row);
                }
            }
            self.question_list(questions, buf);
        } else if clock_rows == 1 {
            Paragraph::new(clock_lines.into_iter().skip(1).take(1).collect::<Vec<_>>())
                .render(clock, buf);
            if message_flash {
                invert_row(buf, clock, 0);
            }
        }
        self.current_question(current, buf, full);
        self.notes(notes, buf);
        self.input(input, buf, full);
        if full {
            self.status(status, buf);
        }
        let mode = app.mode();
        let signal = app.doc.signal_kind();
        let bell = app.alerts.bell;
        // A signal given says how to withdraw it; the bell says how it is.
        let words = |c: HostCommand| match c {
            HostCommand::Done if signal == Some(SignalKind::Done) => Some(t.key_not_done),
            HostCommand::NeedHelp if signal == Some(SignalKind::Help) => Some(t.key_no_help),
            HostCommand::Bell => Some(if bell { t.bell_on } else { t.bell_off }),
            _ => None,
        };
        chrome::footer(
            footer,
            buf,
            app.theme,
            &keys::host_footer(t, mode, app.rounds > 1, words),
            &KeyHint {
                keys: "F1",
                what: t.key_help,
            },
        );
        if app.overlay == HostOverlay::Help {
            widgets::help(area, buf, app.theme, t, &keys::host_help(t));
        }
    }
}

impl HostView<'_> {
    /// The top bar: the round; the room and the host at the right, the
    /// room's signal to the lead before them, and on small screens (no
    /// clock row) the time left. While a flash is on, the bar is in
    /// reverse video and says why first ("NEW MESSAGE", "2 MIN LEFT",
    /// "TIME IS UP"): visible without colour too.
    fn header(&self, area: Rect, buf: &mut Buffer, full: bool) {
        let app = self.app;
        let t = app.lang.t();
        let th = app.theme;
        let host = if app.doc.host().trim().is_empty() {
            t.host_no_name.to_string()
        } else {
            text::one_line(app.doc.host()).into_owned()
        };
        let flashing = app.flashing(self.now);
        let mut right: Vec<Span> = Vec::new();
        if !flashing.is_empty() {
            // The most urgent first.
            let words: Vec<&str> = flashing
                .iter()
                .rev()
                .map(|f| match f {
                    Flash::Message => t.host_flash_message,
                    Flash::TwoMinutes => t.host_flash_two_minutes,
                    Flash::TimeUp => t.host_flash_time_up,
                })
                .collect();
            right.push(Span::styled(
                format!("▶ {} ◀", words.join(" · ")),
                th.strong(),
            ));
            right.push(Span::raw("  "));
        }
        if let Some(kind) = app.doc.signal_kind() {
            let words = match kind {
                SignalKind::Done => t.host_signal_done,
                SignalKind::Help => t.host_signal_help,
            };
            right.push(Span::styled(format!(" {words} "), signal_style(th, kind)));
            right.push(Span::raw("  "));
        }
        let time_flash = flashing
            .iter()
            .any(|f| matches!(f, Flash::TwoMinutes | Flash::TimeUp));
        if !full && !time_flash {
            // No clock row: the countdown goes up here (while the time
            // flashes, its words say what the time is).
            if let Some((c, _)) = self.remaining() {
                let time = match c {
                    Countdown::Left(left) => countdown(left),
                    Countdown::Over(_) => time_words(c, t),
                };
                right.push(Span::styled(format!("{time}  "), th.strong()));
            }
        }
        right.push(Span::styled(
            format!("{} · {host} ", text::one_line(&app.doc.room)),
            th.strong(),
        ));
        let width = usize::from(area.width);
        let max = if flashing.is_empty() {
            width / 2 + 4
        } else {
            width.saturating_sub(2)
        };
        let title = if app.rounds > 1 && app.round > 0 {
            let of = fill(
                t.host_round_of,
                &[
                    ("n", &app.round.to_string()),
                    ("of", &app.rounds.to_string()),
                ],
            );
            format!("{} · {of}", text::one_line(&app.title))
        } else {
            app.title.clone()
        };
        Header::new(th, Some(&title))
            .right(cut_spans(right, max))
            .render(area, buf);
        if !flashing.is_empty() {
            invert_row(buf, area, 0);
        }
    }

    /// The lead's countdown and its style, if there is a running block.
    fn remaining(&self) -> Option<(Countdown, Style)> {
        let th = self.app.theme;
        let c = self.app.clock.as_ref()?.countdown(self.now)?;
        let style = match c {
            Countdown::Over(_) => th.alert(),
            Countdown::Left(left) if left <= SignedDuration::from_secs(120) => th.warn(),
            Countdown::Left(_) => th.good(),
        };
        Some((c, style))
    }

    /// The lead's clock: the block and its time left, the message, and a
    /// warning when the lead has gone quiet.
    fn clock_lines(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let t = app.lang.t();
        let th = app.theme;
        let Some(clock) = &app.clock else {
            return vec![Line::from(Span::styled(
                t.host_no_clock.to_string(),
                th.dim(),
            ))];
        };
        let mut first = vec![Span::styled("⏱ ", th.label())];
        if let Some(r) = &clock.rehearsal {
            let speed = r.speed.to_string();
            first.push(Span::styled(
                format!("{} ", fill(t.rehearsal, &[("speed", &speed)])),
                th.rehearsal(),
            ));
            first.push(Span::raw(" "));
        }
        match (&clock.block, self.remaining()) {
            (Some(block), Some((c, style))) => {
                first.push(Span::styled(
                    format!("{} · ", text::one_line(&block.title)),
                    th.strong(),
                ));
                first.push(Span::styled(time_words(c, t), style));
                if clock.paused {
                    first.push(Span::styled(
                        format!(" · {}", t.host_clock_paused),
                        th.warn(),
                    ));
                }
            }
            _ => first.push(Span::styled(t.host_clock_waiting.to_string(), th.dim())),
        }
        if let Some(age) = Some(clock.age(self.now)).filter(|a| *a > STALE) {
            first.push(Span::styled(
                format!(
                    " · ⚠ {}",
                    fill(t.host_clock_stale, &[("dur", &app.lang.duration(age))])
                ),
                th.warn(),
            ));
        }
        let mut lines = vec![Line::from(first)];
        if let Some(m) = &clock.message {
            let at =
                m.at.at()
                    .to_zoned_datetime(app.tz.clone())
                    .strftime(" · %H:%M")
                    .to_string();
            // How long ago, on the lead's clock (a rehearsal's too).
            let age = clock.lead_now(self.now) - m.at.at();
            let age = if age < SignedDuration::from_mins(1) {
                t.host_message_just_now.to_string()
            } else {
                let whole = SignedDuration::from_mins(age.as_mins());
                fill(t.host_message_age, &[("dur", &app.lang.duration(whole))])
            };
            let message = format!(
                "✉ {}: “{}”{at} · {age}",
                t.host_message,
                text::one_line(&m.text)
            );
            // A long message wraps, up to three lines.
            let wrapped = textwrap::wrap(&message, width.max(1));
            let many = wrapped.len() > 3;
            for (i, line) in wrapped.into_iter().take(3).enumerate() {
                let line = if many && i == 2 {
                    format!("{line}…")
                } else {
                    line.into_owned()
                };
                lines.push(Line::from(Span::styled(
                    text::truncate(&line, width).into_owned(),
                    th.warn(),
                )));
            }
        }
        lines
    }

    /// One line per question, with its count; the selected one marked.
    fn question_list(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let th = app.theme;
        let n = app.doc.questions.len();
        let rows = usize::from(area.height);
        let q = app.question();
        let first = q
            .saturating_sub(rows.div_ceil(2))
            .min(n.saturating_sub(rows));
        let width = usize::from(area.width);
        let lines: Vec<Line> = (first..n.min(first + rows))
            .map(|i| {
                let number = i + 1;
                let count = format!(" {:>3}", app.doc.count(number));
                let mark = if number == q { "▶ " } else { "  " };
                let label = format!("{mark}{number}. {}", text::one_line(&app.doc.questions[i]));
                let label = text::fit(&label, width.saturating_sub(count.len()));
                let line = Line::from(vec![
                    Span::raw(label),
                    Span::styled(count, if number == q { th.strong() } else { th.dim() }),
                ]);
                if number == q {
                    line.style(th.selected())
                } else {
                    line.style(th.text())
                }
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }

    fn question_height(&self, width: u16) -> u16 {
        let text = self.question_text();
        let rows = textwrap::wrap(&text, usize::from(width).max(1)).len();
        u16::try_from(rows).unwrap_or(1).clamp(1, 3)
    }

    fn question_text(&self) -> String {
        let app = self.app;
        let q = app.question();
        let question = app
            .doc
            .questions
            .get(q - 1)
            .map(String::as_str)
            .unwrap_or("");
        format!(
            "{} · {}",
            fill(
                app.lang.t().host_question,
                &[
                    ("n", &q.to_string()),
                    ("of", &app.doc.questions.len().to_string())
                ]
            ),
            text::one_line(question)
        )
    }

    /// The selected question in full (compact: one line with its count).
    fn current_question(&self, area: Rect, buf: &mut Buffer, full: bool) {
        let app = self.app;
        let th = app.theme;
        if area.is_empty() {
            return;
        }
        if full {
            let rows = area.height.saturating_sub(1);
            Paragraph::new(self.question_text())
                .style(th.label().add_modifier(ratatui::style::Modifier::BOLD))
                .wrap(Wrap { trim: true })
                .render(
                    Rect {
                        height: rows,
                        ..area
                    },
                    buf,
                );
            let rule = Rect {
                y: area.y + rows,
                height: 1,
                ..area
            };
            Paragraph::new("─".repeat(usize::from(area.width)))
                .style(th.border())
                .render(rule, buf);
        } else {
            let q = app.question();
            let head = format!(
                "{q}/{} ({}) {}",
                app.doc.questions.len(),
                app.doc.count(q),
                text::one_line(
                    app.doc
                        .questions
                        .get(q - 1)
                        .map(String::as_str)
                        .unwrap_or("")
                )
            );
            Status {
                theme: th,
                t: app.lang.t(),
                save_error: app.save_error.as_deref(),
                toast: app.toast.as_ref(),
                otherwise: (
                    head,
                    th.label().add_modifier(ratatui::style::Modifier::BOLD),
                ),
            }
            .render(area, buf);
        }
    }

    /// A note as screen lines: a bullet, wrapped by display width, its time
    /// at the right of its first line.
    fn note_lines(&self, note: &Note, width: usize, picked: bool) -> Vec<Line<'static>> {
        let app = self.app;
        let th = app.theme;
        let time = note
            .created
            .at()
            .to_zoned_datetime(app.tz.clone())
            .strftime("%H:%M")
            .to_string();
        let show_time = width >= 40;
        let text_width = if show_time {
            width.saturating_sub(7)
        } else {
            width
        }
        .max(4);
        let editing = app.editing() == Some(note.id.as_str());
        let bullet = match (editing, picked) {
            (true, _) => "✎ ",
            (_, true) => "▶ ",
            _ => "• ",
        };
        // A key takeaway: a star after the bullet.
        let star = if note.star { "★ " } else { "" };
        let indent = format!("{bullet}{star}");
        let safe = text::multi_line(&note.text);
        let options = textwrap::Options::new(text_width)
            .initial_indent(&indent)
            .subsequent_indent("  ");
        let wrapped = textwrap::wrap(&safe, options);
        wrapped
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let line = text::fit(&l, text_width);
                let mut spans = match line.strip_prefix(&indent) {
                    Some(rest) if i == 0 && note.star => vec![
                        Span::raw(bullet),
                        Span::styled(star, th.warn()),
                        Span::raw(rest.to_string()),
                    ],
                    _ => vec![Span::raw(line)],
                };
                if show_time && i == 0 {
                    spans.push(Span::styled(format!(" {time:>6}"), th.dim()));
                }
                Line::from(spans)
            })
            .collect()
    }

    fn notes(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let th = app.theme;
        if area.is_empty() {
            return;
        }
        let notes: Vec<&Note> = app.doc.notes_of(app.question()).collect();
        if notes.is_empty() {
            Paragraph::new(app.lang.t().host_no_notes)
                .style(th.dim())
                .wrap(Wrap { trim: true })
                .render(area, buf);
            app.scroll.set(0);
            return;
        }
        let width = usize::from(area.width);
        // Each note is wrapped once per frame, however often it is measured.
        let cache: std::cell::RefCell<std::collections::HashMap<usize, Vec<Line<'static>>>> =
            Default::default();
        let lines_of = |i: usize| -> Vec<Line<'static>> {
            cache
                .borrow_mut()
                .entry(i)
                .or_insert_with(|| self.note_lines(notes[i], width, app.selected_note == Some(i)))
                .clone()
        };
        let last = notes.len() - 1;
        // Which note must be seen: the picked one, else the newest.
        let (anchor, at_bottom) = match app.selected_note {
            Some(i) => (i.min(last), false),
            None => (last, true),
        };
        // The first note shown, for `height` rows: as the scroll was, but
        // far enough down that the anchor is seen whole.
        let first_for = |height: usize| {
            let mut lowest_first = anchor;
            let mut used = lines_of(anchor).len();
            while lowest_first > 0 {
                let h = lines_of(lowest_first - 1).len();
                if used + h > height {
                    break;
                }
                used += h;
                lowest_first -= 1;
            }
            if at_bottom {
                lowest_first
            } else {
                app.scroll.get().clamp(lowest_first, anchor)
            }
        };
        let mut height = usize::from(area.height);
        let mut first = first_for(height);
        let mut out: Vec<Line> = Vec::with_capacity(height);
        if first > 0 && height > 2 {
            // Say that there is more above, and make room for saying so.
            height -= 1;
            first = first_for(height);
            out.push(Line::from(Span::styled(
                fill(app.lang.t().host_more_above, &[("n", &first.to_string())]),
                th.dim(),
            )));
            height += 1;
        }
        app.scroll.set(first);
        for (i, note) in notes.iter().enumerate().skip(first) {
            if out.len() >= height {
                break;
            }
            let picked = app.selected_note == Some(i);
            let editing = app.editing() == Some(note.id.as_str());
            for line in lines_of(i) {
                out.push(if picked {
                    line.style(th.selected())
                } else if editing {
                    line.style(th.warn())
                } else {
                    line
                });
            }
        }
        out.truncate(height);
        Paragraph::new(out).render(area, buf);
    }

    /// Rows the input needs for what is typed, 1 to 6.
    fn input_height(&self, width: u16) -> u16 {
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let rows: usize = self
            .app
            .input
            .lines()
            .iter()
            .map(|l| textwrap::wrap(l, inner).len().max(1))
            .sum();
        u16::try_from(rows).unwrap_or(6).clamp(1, 6)
    }

    fn input(&self, area: Rect, buf: &mut Buffer, full: bool) {
        let app = self.app;
        let t = app.lang.t();
        let th = app.theme;
        if area.is_empty() {
            return;
        }
        let title = match app.editing().and_then(|id| app.doc.note(id)) {
            Some(note) => format!(
                "{} · {}",
                fill(t.host_question_short, &[("n", &note.question.to_string())]),
                t.host_editing
            ),
            None => fill(t.host_new_note, &[("n", &app.question().to_string())]),
        };
        let focused = app.selected_note.is_none();
        let border = if app.editing().is_some() {
            th.warn()
        } else if focused {
            th.label()
        } else {
            th.border()
        };
        let inner = if full {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Rounded)
                .border_style(border)
                .title(Span::styled(
                    format!(
                        " {} ",
                        text::truncate(&title, usize::from(area.width).saturating_sub(4))
                    ),
                    border,
                ));
            let inner = block.inner(area);
            block.render(area, buf);
            inner
        } else {
            let [rule, inner] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            Paragraph::new(
                text::truncate(&format!("── {title} ──"), usize::from(rule.width)).into_owned(),
            )
            .style(border)
            .render(rule, buf);
            inner
        };
        app.input.render(inner, buf);
    }

    /// The line above the footer: a save error, a notice, or when the
    /// notes were last saved.
    fn status(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.lang.t();
        let th = app.theme;
        let otherwise = match app.saved_at {
            Some(at) => {
                let time = at
                    .to_zoned_datetime(app.tz.clone())
                    .strftime("%H:%M:%S")
                    .to_string();
                (fill(t.host_saved, &[("time", &time)]), th.dim())
            }
            None => (String::new(), th.dim()),
        };
        Status {
            theme: th,
            t,
            save_error: app.save_error.as_deref(),
            toast: app.toast.as_ref(),
            otherwise,
        }
        .render(area, buf);
    }
}

/// The countdown in words: "12:30 left", "+02:10 over".
fn time_words(c: Countdown, t: &Catalog) -> String {
    match c {
        Countdown::Left(left) => fill(t.host_clock_left, &[("time", &countdown(left))]),
        Countdown::Over(over) => fill(t.host_clock_over, &[("time", &countdown(-over))]),
    }
}

/// The style of the room's signal in the top bar: help stands out most.
/// Without colour, help comes out of the bar's reverse video; the words
/// say which signal it is.
fn signal_style(th: Theme, kind: SignalKind) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    match (th.color, kind) {
        (true, SignalKind::Help) => bold.fg(Color::White).bg(Color::Red),
        (true, SignalKind::Done) => bold.fg(Color::Black).bg(Color::Green),
        (false, SignalKind::Help) => bold.remove_modifier(Modifier::REVERSED),
        (false, SignalKind::Done) => bold,
    }
}

/// Row `row` of `area` in reverse video (what was reversed comes out of
/// it) and bold: the flash, with or without colour.
fn invert_row(buf: &mut Buffer, area: Rect, row: usize) {
    let area = area.intersection(buf.area);
    let Ok(row) = u16::try_from(row) else {
        return;
    };
    if row >= area.height {
        return;
    }
    let y = area.y.saturating_add(row);
    for x in area.x..area.right() {
        if let Some(cell) = buf.cell_mut((x, y)) {
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            cell.modifier.toggle(Modifier::REVERSED);
            if !reversed {
                cell.modifier.insert(Modifier::BOLD);
            }
        }
    }
}

/// `spans` cut to at most `max` columns (the last one that does not fit
/// ends in `…`), each keeping its style.
fn cut_spans(spans: Vec<Span<'_>>, max: usize) -> Vec<Span<'_>> {
    let mut left = max;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if left == 0 {
            break;
        }
        let w = text::width(&span.content);
        if w <= left {
            left -= w;
            out.push(span);
        } else {
            let cut = text::truncate(&span.content, left).into_owned();
            out.push(Span::styled(cut, span.style));
            break;
        }
    }
    out
}
