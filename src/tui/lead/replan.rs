//! The re-plan proposal (`r`) on top of the lead's screen: how late or
//! early the day runs, every block still to come with its minutes now and
//! proposed, when it would run and why (protected, set by hand, its own
//! start kept, at its floor, time back), the new end, and the keys.

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Ctx;
use crate::clock::{Hold, ProposalRow};
use crate::i18n::fill;
use crate::text;
use crate::tui::chrome;
use crate::tui::keys;
use crate::tui::lead_replan::ReplanOverlay;
use crate::tui::widgets;

/// Less than this is on time, as the lateness line says it.
const MINUTE: SignedDuration = SignedDuration::from_secs(60);

impl Ctx<'_> {
    pub(super) fn replan_overlay(&self, area: Rect, buf: &mut Buffer, o: &ReplanOverlay) {
        let t = self.t;
        let p = &o.proposal;
        let rows = u16::try_from(p.rows.len()).unwrap_or(u16::MAX);
        // Heading, blank, column names, the rows, blank, new end, two
        // lines of keys.
        let height = rows.saturating_add(9);
        let inner = widgets::popup(area, buf, self.th, t.replan_title, 92, height);
        if inner.is_empty() {
            return;
        }
        let w = usize::from(inner.width);
        // The smallest boxes keep the rows, the new end and the keys.
        let [heading, _, columns, list, _, result, keys, ways_out] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let dur = |d: SignedDuration| self.app.lang.duration(d);
        let late = p.late_now();
        let (words, style) = if late >= MINUTE {
            let words = fill(
                t.replan_runs_late,
                &[("dur", &dur(late)), ("time", &self.hm(p.end_now))],
            );
            (words, self.th.warn())
        } else if late <= -MINUTE {
            let words = fill(
                t.replan_runs_early,
                &[("dur", &dur(late)), ("time", &self.hm(p.end_now))],
            );
            (words, self.th.good())
        } else {
            let words = fill(t.replan_ends_on_time, &[("time", &self.hm(p.end_now))]);
            (words, self.th.good())
        };
        Paragraph::new(text::truncate(&words, w).into_owned())
            .style(style)
            .render(heading, buf);

        let cols = Columns::new(w);
        Paragraph::new(cols.header(t))
            .style(self.th.dim())
            .render(columns, buf);
        let visible = usize::from(list.height);
        let first = o
            .selected
            .saturating_sub(visible.saturating_sub(1) / 2)
            .min(p.rows.len().saturating_sub(visible));
        let lines: Vec<Line> = p
            .rows
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(i, row)| self.replan_row(row, i == o.selected, &cols))
            .collect();
        Paragraph::new(lines).render(list, buf);

        Paragraph::new(self.replan_result(o)).render(result, buf);
        let [change, out] = keys::replan_footer(t);
        for (area, hints) in [(keys, change), (ways_out, out)] {
            let shown = chrome::fitting(&hints, usize::from(area.width), |h| {
                text::width(h.keys) + 1 + text::width(h.what) + 2
            });
            let spans: Vec<Span> = hints
                .iter()
                .enumerate()
                .filter(|(i, _)| shown.contains(i))
                .flat_map(|(_, (_, h))| {
                    [
                        Span::styled(h.keys.to_string(), self.th.key()),
                        Span::styled(format!(" {}  ", h.what), self.th.dim()),
                    ]
                })
                .collect();
            Paragraph::new(Line::from(spans)).render(area, buf);
        }
    }

    /// The new end, and whether it is on time.
    fn replan_result(&self, o: &ReplanOverlay) -> Line<'static> {
        let t = self.t;
        let p = &o.proposal;
        let dur = |d: SignedDuration| self.app.lang.duration(d);
        let time = self.hm(p.end);
        let late = p.late();
        let mut spans = Vec::new();
        if late >= MINUTE {
            spans.push(Span::styled(
                fill(
                    t.replan_new_end_late,
                    &[("time", &time), ("dur", &dur(late))],
                ),
                self.th.alert(),
            ));
            if p.at_floors() {
                spans.push(Span::raw(" · "));
                spans.push(Span::styled(
                    t.replan_floors_over.to_string(),
                    self.th.alert(),
                ));
            }
        } else if late <= -MINUTE {
            spans.push(Span::styled(
                fill(
                    t.replan_new_end_early,
                    &[("time", &time), ("dur", &dur(late))],
                ),
                self.th.good(),
            ));
        } else {
            spans.push(Span::styled(
                fill(t.replan_new_end_on_time, &[("time", &time)]),
                self.th.good(),
            ));
        }
        if p.changes() == 0 {
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(
                t.replan_nothing_changes.to_string(),
                self.th.dim(),
            ));
        }
        Line::from(spans)
    }

    fn replan_row(&self, row: &ProposalRow, selected: bool, cols: &Columns) -> Line<'static> {
        let block = self.app.programme.blocks.get(row.index);
        let mut title = block.map_or(String::new(), |b| text::one_line(&b.title).into_owned());
        // Too narrow for the note: its mark before the title says it.
        if cols.note == 0 {
            match row.hold {
                Hold::Protected => title = format!("■ {title}"),
                Hold::Set(_) => title = format!("✎ {title}"),
                Hold::Free => {}
            }
        }
        let mins = |m: i64| format!("{m} min");
        let mut spans = vec![Span::styled(
            if selected { "▶ " } else { "  " },
            self.th.key(),
        )];
        spans.push(Span::styled(
            text::fit(&title, cols.title.saturating_sub(1)) + " ",
            if selected {
                self.th.strong()
            } else {
                self.th.text()
            },
        ));
        spans.push(Span::styled(
            text::fit(&mins(row.minutes), cols.now),
            self.th.dim(),
        ));
        let proposed_style = if row.changed() {
            self.th.strong()
        } else {
            self.th.text()
        };
        let arrow = if row.changed() { "→ " } else { "  " };
        spans.push(Span::styled(
            text::fit(&format!("{arrow}{}", mins(row.proposed)), cols.proposed),
            proposed_style,
        ));
        if cols.times > 0 {
            spans.push(Span::styled(
                text::fit(&self.span(row.start, row.end), cols.times),
                self.th.label(),
            ));
        }
        if cols.note > 0 {
            let (note, style) = self.replan_note(row);
            spans.push(Span::styled(text::fit(&note, cols.note), style));
        }
        let line = Line::from(spans);
        if selected {
            line.style(self.th.selected())
        } else {
            line
        }
    }

    /// Why a row is as it is, in words (never colour alone).
    fn replan_note(&self, row: &ProposalRow) -> (String, Style) {
        let t = self.t;
        match row.hold {
            Hold::Protected => return (format!("■ {}", t.replan_protected), self.th.label()),
            Hold::Set(_) => return (format!("✎ {}", t.replan_by_hand), self.th.label()),
            Hold::Free => {}
        }
        // The current block: only ever time back.
        if row.index == self.app.clock.current {
            let mut note = format!("▶ {}", t.running);
            if row.proposed > row.minutes {
                note = format!("{note} · {}", t.replan_gets_back);
            }
            return (note, self.th.good());
        }
        if let (Some(fixed), Some(start)) = (row.fixed_start, row.start) {
            return if start <= fixed {
                (
                    fill(t.replan_keeps_start, &[("time", &self.hm(fixed))]),
                    self.th.dim(),
                )
            } else {
                (
                    fill(
                        t.replan_start_moves,
                        &[("time", &self.hm(start)), ("fixed", &self.hm(fixed))],
                    ),
                    self.th.warn(),
                )
            };
        }
        if row.proposed > row.minutes {
            (t.replan_gets_back.to_string(), self.th.good())
        } else if row.changed() && row.proposed <= row.floor {
            (t.replan_at_floor.to_string(), self.th.warn())
        } else {
            (String::new(), self.th.text())
        }
    }
}

/// The proposal's columns at a width: the title takes what the others
/// leave; the note, then the times go first when it is narrow.
struct Columns {
    title: usize,
    now: usize,
    proposed: usize,
    times: usize,
    note: usize,
}

impl Columns {
    fn new(width: usize) -> Columns {
        let (now, proposed) = (8, 11);
        let mut times = 12;
        // The title keeps 20 columns before a note gets any.
        let mut note = 30.min(width.saturating_sub(2 + 20 + now + proposed + times));
        if note < 12 {
            note = 0;
        }
        // The times only where the title keeps 18 columns.
        if width < 2 + 18 + now + proposed + times {
            times = 0;
        }
        let title = width
            .saturating_sub(2 + now + proposed + times + note)
            .max(4);
        Columns {
            title,
            now,
            proposed,
            times,
            note,
        }
    }

    fn header(&self, t: &crate::i18n::Catalog) -> Line<'static> {
        let mut s = String::from("  ");
        s.push_str(&text::fit(t.replan_col_block, self.title));
        s.push_str(&text::fit(t.replan_col_now, self.now));
        s.push_str(&text::fit(
            &format!("  {}", t.replan_col_proposed),
            self.proposed,
        ));
        if self.times > 0 {
            s.push_str(&text::fit(t.replan_col_times, self.times));
        }
        Line::from(s)
    }
}
