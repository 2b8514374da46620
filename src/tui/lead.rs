//! The lead's screens, one module each: the lead view (programme and
//! current block, [`view`]), the presenter clock ([`presenter`]), the rooms
//! dashboard ([`dashboard`]) and the overlays on top of them
//! ([`overlays`]; the re-plan proposal: [`replan`]). Here: the widget that picks the screen, and what they
//! share (times, the state in words, the chrome of [`super::chrome`] with
//! the lead's key table). Drawing only reads the state.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use super::chrome::{self, Header, KeyHint, Status};
use super::keys;
use super::lead_app::{LeadApp, Screen};
use super::theme::Theme;
use super::widgets;
use crate::clock::{Current, Phase, Schedule};
use crate::i18n::{Catalog, fill};
use crate::text;

mod dashboard;
mod harvest;
mod overlays;
mod presenter;
mod programme;
mod replan;
mod view;

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
        let area = ctx.read_only_banner(area, buf);
        match app.screen {
            Screen::Lead if area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT => {
                ctx.lead_full(area, buf)
            }
            Screen::Lead => ctx.lead_compact(area, buf),
            Screen::Presenter => ctx.presenter(area, buf),
            Screen::Dashboard => ctx.dashboard(area, buf),
            Screen::Harvest => ctx.harvest(area, buf),
            Screen::Programme => ctx.programme(area, buf),
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

    /// A rehearsal's badge with its speed, for the right of a top bar
    /// (nothing in a real meeting).
    fn rehearsal_badge(&self) -> Vec<Span<'static>> {
        let Some(speed) = self.app.speed else {
            return Vec::new();
        };
        let speed = format!("{speed}");
        vec![
            Span::styled(
                format!(" {} ", fill(self.t.rehearsal, &[("speed", &speed)])),
                self.th.rehearsal(),
            ),
            Span::raw(" "),
        ]
    }

    /// The top bar: the programme; a rehearsal's speed, the date (when
    /// there is room) and the time at the right.
    fn header(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let mut right = self.rehearsal_badge();
        if let Some(date) = app.programme.date
            && area.width >= 90
        {
            right.push(Span::raw(format!("{} · ", app.lang.date(date))));
        }
        right.push(Span::styled(
            format!("{} ", self.hm(self.now)),
            self.th.strong(),
        ));
        Header::new(self.th, Some(&app.programme.title))
            .right(right)
            .render(area, buf);
    }

    /// The line above the footer: a save error, a notice, or where the
    /// session folder is.
    fn status_row(&self, area: Rect, buf: &mut Buffer) {
        let t = self.t;
        let otherwise = match &self.app.session_dir {
            // Taken over: how to lead here again, for as long as it is so.
            _ if self.app.is_read_only() => (t.read_only_how.to_string(), self.th.strong()),
            Some(dir) => (
                format!("{}: {}", t.session_folder, dir.display()),
                self.th.dim(),
            ),
            None => (t.no_session_folder.to_string(), self.th.dim()),
        };
        // Rooms calling for help come before any notice, until the lead
        // has seen them on the dashboard.
        let calls: Vec<String> = self
            .app
            .help_calls()
            .map(|r| crate::text::one_line(&r.room).into_owned())
            .collect();
        let (toast, otherwise) = if calls.is_empty() {
            (self.app.toast.as_ref(), otherwise)
        } else {
            let rooms = calls.join(", ");
            let s = if self.app.screen == Screen::Dashboard {
                fill(t.dash_help_calls, &[("rooms", &rooms)])
            } else {
                fill(
                    t.lead_help_calls,
                    &[("rooms", &rooms), ("key", t.key_dashboard)],
                )
            };
            (None, (s, self.th.alert()))
        };
        Status {
            theme: self.th,
            t,
            save_error: self.app.save_error.as_deref(),
            toast,
            otherwise,
        }
        .render(area, buf);
    }

    fn footer(&self, area: Rect, buf: &mut Buffer, view: usize) {
        let t = self.t;
        let bell = if self.app.clock.bell {
            t.bell_on
        } else {
            t.bell_off
        };
        let hints = if self.app.is_read_only() {
            keys::lead_footer_read_only(view, t, bell)
        } else {
            keys::lead_footer_with(view, t, bell, self.app.history.to_undo().is_some())
        };
        chrome::footer(
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

    /// Once another lead took over: a steady banner across the top that
    /// says so and from where the clock is led (reverse video without
    /// colour); the screen goes below it, and the status row says how to
    /// lead here again. The smallest screens get no banner (their footer
    /// and keys still say so).
    fn read_only_banner(&self, area: Rect, buf: &mut Buffer) -> Rect {
        let (Some(ro), Some(name)) = (&self.app.read_only, self.app.followed_name()) else {
            return area;
        };
        if area.height <= MIN_HEIGHT {
            return area;
        }
        let t = self.t;
        let [banner, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let room = usize::from(area.width).saturating_sub(2);
        let mut words = fill(
            t.read_only_banner,
            &[("machine", &name), ("time", &self.hm(ro.since))],
        );
        let more = format!("{words} · {}", t.read_only_follows);
        if self.app.screen != Screen::Presenter && text::width(&more) <= room {
            words = more;
        }
        Paragraph::new(Line::from(format!(" {}", text::truncate(&words, room))))
            .style(self.th.banner())
            .render(banner, buf);
        rest
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
}
