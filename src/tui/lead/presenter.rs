//! The presenter clock: the current block's title and its countdown in
//! digits as big as the terminal allows, for a projector or a shared
//! screen; nothing else but the way back.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget};

use super::Ctx;
use crate::clock::Phase;
use crate::text;
use crate::tui::keys;
use crate::tui::widgets::{BigText, countdown};

impl Ctx<'_> {
    /// Title and countdown, as big as the screen allows.
    pub(super) fn presenter(&self, area: Rect, buf: &mut Buffer) {
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
}
