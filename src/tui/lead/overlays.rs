//! What the lead's screens draw on top of themselves: the help (every key
//! of the screen, from its key table), the question before quitting, and
//! the message to the rooms being typed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Ctx;
use crate::text;
use crate::tui::keys;
use crate::tui::lead_app::Overlay;
use crate::tui::widgets;

impl Ctx<'_> {
    pub(super) fn overlay(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        match &self.app.overlay {
            Overlay::None => {}
            // The live harvest and the programme view draw the help of
            // their own keys.
            Overlay::Help
                if matches!(
                    self.app.screen,
                    crate::tui::lead_app::Screen::Harvest | crate::tui::lead_app::Screen::Programme
                ) => {}
            Overlay::Help => {
                let view = self.app.screen.keys();
                widgets::help(
                    area,
                    buf,
                    self.th,
                    t,
                    &keys::lead_help(view, t, self.app.is_read_only()),
                );
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
            Overlay::Replan(proposal) => self.replan_overlay(area, buf, proposal),
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
