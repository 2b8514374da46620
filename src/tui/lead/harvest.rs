//! The live harvest in the lead ([`crate::tui::harvest`]), with the
//! lead's clock in the top bar: the current block and its time, as the
//! room sees it on the shared screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::Ctx;
use crate::text;
use crate::tui::harvest::HarvestView;
use crate::tui::keys;
use crate::tui::lead_app::Overlay;
use crate::tui::widgets::countdown;

impl Ctx<'_> {
    pub(super) fn harvest(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let mut right = self.rehearsal_badge();
        // The block and its time, in words as well as colour.
        if let Some(c) = self.current
            && let Some(block) = app.programme.blocks.get(c.index)
            && area.width >= 60
        {
            let (state, _) = self.state_word(&c);
            let title = text::truncate(&text::one_line(&block.title), 32).into_owned();
            right.push(Span::styled(format!("{title} · "), self.th.strong()));
            right.push(Span::styled(
                format!("{} {state}", countdown(c.remaining)),
                self.countdown_style(&c),
            ));
            right.push(Span::raw(" · "));
        }
        right.push(Span::styled(
            format!("{} ", self.hm(self.now)),
            self.th.strong(),
        ));
        HarvestView {
            screen: &app.harvest,
            lang: app.lang,
            theme: self.th,
            clock_round: app.clock_round(),
            title: Some(&app.programme.title),
            right,
            keys: keys::HARVEST_LEAD,
            save_error: app.save_error.as_deref(),
            toast: app.toast.as_ref(),
            notice: None,
            help: matches!(app.overlay, Overlay::Help),
        }
        .render(area, buf);
    }
}
