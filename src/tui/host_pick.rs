//! The host's screens around note-taking: waiting for the programme,
//! picking the room, the list of rounds, and the question before a quit
//! that could save nothing.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::{self, Header, KeyHint};
use super::host::{HostView, MIN_HEIGHT, MIN_WIDTH};
use super::host_shell::{Choice, HostShell, Phase, Picker, ShellOverlay};
use super::keys;
use super::widgets;
use crate::i18n::fill;
use crate::text;

/// The host's whole screen at `now`.
pub struct ShellView<'a> {
    pub shell: &'a HostShell,
    pub now: Timestamp,
}

impl Widget for ShellView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let s = self.shell;
        let t = s.lang.t();
        match &s.phase {
            Phase::Writing(app) => HostView { app, now: self.now }.render(area, buf),
            _ if !widgets::fits(area, buf, s.theme, t.too_small, (MIN_WIDTH, MIN_HEIGHT)) => {
                return;
            }
            Phase::Waiting => self.waiting(area, buf),
            Phase::Picking(p) => self.picking(p, area, buf),
        }
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return;
        }
        match &s.overlay {
            ShellOverlay::None => {}
            ShellOverlay::Help => {
                let table: &[_] = match s.phase {
                    Phase::Waiting => &keys::WAIT,
                    _ => &keys::PICK,
                };
                let rows = keys::help(table, &[0], t);
                widgets::help(area, buf, s.theme, t, &rows);
            }
            ShellOverlay::Rounds { selected } => self.rounds(*selected, area, buf),
            ShellOverlay::CannotSave(why) => {
                let problem = fill(t.host_cannot_save, &[("why", &text::one_line(why))]);
                let width = area.width.min(72);
                let inner_width = usize::from(width.saturating_sub(2)).max(1);
                let rows = |s: &str| textwrap::wrap(s, inner_width).len();
                // ratatui wraps long words otherwise than textwrap: room to spare.
                let height = rows(&problem) + 1 + rows(t.host_cannot_save_ask) + 4;
                let lines = vec![
                    Line::from(Span::styled(problem, s.theme.alert())),
                    Line::default(),
                    Line::from(Span::styled(
                        t.host_cannot_save_ask.to_string(),
                        s.theme.strong(),
                    )),
                ];
                let height = u16::try_from(height).unwrap_or(u16::MAX);
                let inner =
                    widgets::popup(area, buf, s.theme, t.host_cannot_save_title, width, height);
                widgets::wrapped(inner, buf, lines);
            }
        }
    }
}

impl ShellView<'_> {
    /// The top bar: the round (once known) and the host.
    fn header(&self, area: Rect, buf: &mut Buffer, round: Option<&str>) {
        let s = self.shell;
        let right = format!("{} ", text::one_line(&s.name));
        Header::new(s.theme, round)
            .right_text(right, usize::from(area.width) / 2)
            .render(area, buf);
    }

    /// The message at the bottom: a notice, if there is one.
    fn notice(&self) -> Option<Line<'static>> {
        let s = self.shell;
        let toast = s.toast.as_ref()?;
        Some(Line::from(Span::styled(
            format!("» {}", text::one_line(&toast.text)),
            if toast.alert {
                s.theme.warn()
            } else {
                s.theme.label()
            },
        )))
    }

    fn waiting(&self, area: Rect, buf: &mut Buffer) {
        let s = self.shell;
        let t = s.lang.t();
        let th = s.theme;
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.header(header, buf, None);
        let mut lines = vec![
            Line::default(),
            Line::from(Span::styled(
                format!("⏳ {}", t.host_waiting_title),
                th.strong(),
            )),
            Line::default(),
            Line::from(Span::raw(fill(
                if s.programme_problem.is_some() {
                    t.host_waiting_unreadable
                } else {
                    t.host_waiting_body
                },
                &[("dir", &text::one_line(&s.dir))],
            ))),
        ];
        if let Some(why) = &s.programme_problem {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!("⚠ {}", text::one_line(why)),
                th.warn(),
            )));
        }
        lines.extend(self.notice());
        let body = Rect {
            x: body.x.saturating_add(1),
            width: body.width.saturating_sub(2),
            ..body
        };
        widgets::wrapped(body, buf, lines);
        chrome::footer(
            footer,
            buf,
            th,
            &keys::wait_footer(t),
            &KeyHint {
                keys: "?",
                what: t.key_help,
            },
        );
    }

    fn picking(&self, p: &Picker, area: Rect, buf: &mut Buffer) {
        let s = self.shell;
        let t = s.lang.t();
        let th = s.theme;
        let round = s
            .programme
            .as_ref()
            .and_then(|pr| pr.block(&p.block))
            .map(|b| b.title.as_str());
        let [header, question, list, bottom, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Min(1),
            Constraint::Length(3),
            Constraint::Length(1),
        ])
        .areas(area);
        self.header(header, buf, round);
        let inset = |r: Rect| Rect {
            x: r.x.saturating_add(1),
            width: r.width.saturating_sub(2),
            ..r
        };
        Paragraph::new(Line::from(Span::styled(
            t.host_pick_title.to_string(),
            th.strong(),
        )))
        .render(inset(question), buf);
        let width = usize::from(list.width.saturating_sub(2));
        let rows = usize::from(list.height);
        let first = p.selected.saturating_sub(rows.saturating_sub(1));
        let lines: Vec<Line> = p
            .choices
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, c)| {
                let label = match c {
                    Choice::Room(r) => text::one_line(r).into_owned(),
                    Choice::Elsewhere(round, r) => {
                        let title = s
                            .programme
                            .as_ref()
                            .and_then(|pr| pr.block(round))
                            .map_or(round.as_str(), |b| b.title.as_str());
                        fill(
                            t.host_pick_elsewhere,
                            &[
                                ("room", &text::one_line(r)),
                                ("round", &text::one_line(title)),
                            ],
                        )
                    }
                    Choice::New(n) => fill(t.host_pick_new, &[("room", &text::one_line(n))]),
                    Choice::Other => t.host_pick_other.to_string(),
                };
                let number = if i < 9 {
                    format!("{} ", i + 1)
                } else {
                    "  ".to_string()
                };
                let mark = if i == p.selected { "▶ " } else { "  " };
                let line = text::fit(&format!("{mark}{number}{label}"), width);
                if i == p.selected {
                    Line::from(Span::styled(line, th.selected()))
                } else {
                    Line::from(Span::styled(line, th.text()))
                }
            })
            .collect();
        Paragraph::new(lines).render(inset(list), buf);
        // Below the list: the name being typed, the question, or a problem.
        let bottom = inset(bottom);
        if let Some(area) = &p.typing {
            let [label, input] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(bottom);
            Paragraph::new(t.host_pick_other_label)
                .style(th.label())
                .render(label, buf);
            area.render(input, buf);
        } else if let Some(name) = &p.confirm {
            let ask = fill(t.host_pick_confirm, &[("room", &text::one_line(name))]);
            Paragraph::new(ask)
                .style(th.warn())
                .wrap(Wrap { trim: true })
                .render(bottom, buf);
        } else if let Some(why) = &p.problem {
            Paragraph::new(format!("⚠ {}", text::one_line(why)))
                .style(th.alert())
                .wrap(Wrap { trim: true })
                .render(bottom, buf);
        } else if let Some(line) = self.notice() {
            Paragraph::new(line)
                .wrap(Wrap { trim: true })
                .render(bottom, buf);
        }
        let hints = keys::pick_footer(t, p.previous.is_some());
        chrome::footer(
            footer,
            buf,
            th,
            &hints,
            &KeyHint {
                keys: "?",
                what: t.key_help,
            },
        );
    }

    fn rounds(&self, selected: usize, area: Rect, buf: &mut Buffer) {
        let s = self.shell;
        let t = s.lang.t();
        let th = s.theme;
        let Some(p) = &s.programme else { return };
        let now = s.round_now(self.now).map(|b| b.id.clone());
        let current = s.current_round();
        let mut lines: Vec<Line> = p
            .breakouts()
            .enumerate()
            .map(|(i, b)| {
                let mut label = format!("{}–{}  {}", b.start, b.end, text::one_line(&b.title));
                if now.as_deref() == Some(b.id.as_str()) {
                    label.push_str(&format!("  · {}", t.host_round_now));
                }
                if current == Some(b.id.as_str()) {
                    label.push_str(&format!("  · {}", t.host_round_open));
                }
                let mark = if i == selected { "▶ " } else { "  " };
                let line = format!("{mark}{label}");
                if i == selected {
                    Line::from(Span::styled(line, th.selected()))
                } else {
                    Line::from(Span::raw(line))
                }
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(keys::rounds_line(t), th.dim())));
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let inner = widgets::popup(area, buf, th, t.host_rounds_title, 70, height);
        Paragraph::new(lines).render(inner, buf);
    }
}
