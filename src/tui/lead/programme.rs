//! The programme view in the lead (`a`, [`crate::tui::editor`]), with the
//! lead's clock in the top bar, and whether the edit is applied.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::Ctx;
use crate::programme_edit::Draft;
use crate::text;
use crate::tui::editor::EditorView;
use crate::tui::lead_app::Overlay;
use crate::tui::widgets::countdown;

impl Ctx<'_> {
    pub(super) fn programme(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = self.t;
        let Some(editor) = &app.programme_editor else {
            return;
        };
        let mut right = self.rehearsal_badge();
        // The block and its time, in words as well as colour.
        if let Some(c) = self.current
            && area.width >= 70
        {
            let (state, _) = self.state_word(&c);
            right.push(Span::styled(
                format!("{} {state}", countdown(c.remaining)),
                self.countdown_style(&c),
            ));
            right.push(Span::raw(" · "));
        }
        right.push(Span::styled(
            format!("{} · ", self.hm(self.now)),
            self.th.strong(),
        ));
        // Whether what the form shows is what the meeting runs.
        let status = if editor.is_typing() {
            None
        } else {
            let (words, style) = editor.summary();
            let pending = editor.differs_from(&Draft::from_programme(&app.programme));
            let state = if pending { t.edit_pending } else { t.edit_live };
            let style = if pending { self.th.alert() } else { style };
            Some((format!("{words} · {state}"), style))
        };
        let title = format!(
            "{}: {}",
            t.edit_screen_title,
            text::one_line(&app.programme.title)
        );
        EditorView {
            editor,
            title: Some(&title),
            right,
            status,
            save_error: app.save_error.as_deref(),
            toast: app.toast.as_ref(),
            help: matches!(app.overlay, Overlay::Help),
        }
        .render(area, buf);
    }
}
