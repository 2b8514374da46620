//! The lead's app: its state, the messages that change it, and the effects
//! that changing it asks for. `update` is the one place where state
//! changes; it does no I/O. The event loop performs the effects.

use std::path::PathBuf;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::burst::{Burst, Settled};
use super::harvest::HarvestScreen;
use super::keys::{self, LeadCommand as Command};
use super::theme::Theme;
use crate::clock::{Action, ClockState, Ignored, Outcome, Phase};
use crate::i18n::{Lang, fill};
use crate::programme::Programme;
use crate::session_dir::SaveReport;

/// A message to the rooms is a line, not a letter.
const MAX_MESSAGE_CHARS: usize = 280;

/// Every way out saves the clock (and tells the hosts) first.
const SAVE_AND_QUIT: [Effect; 3] = [Effect::SaveState, Effect::WriteClock, Effect::Quit];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Lead,
    Presenter,
    Dashboard,
    /// The live harvest (`h`).
    Harvest,
}

pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
    Message(Box<TextArea<'static>>),
}

use super::runtime::Control;
pub use super::runtime::Toast;

/// Everything that can happen to the lead's app.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The screen may have changed by itself (the next whole second).
    Tick,
    Saved(SaveReport),
    /// SIGTERM, SIGHUP, SIGINT or a terminal that went away.
    Stop,
    /// The periodic rewrite of `clock.json`.
    Heartbeat,
    /// The room files in the session folder changed (the dashboard).
    Rooms(Box<crate::rooms::Rooms>),
    /// The harvest the lead asked for: where it went, or why not.
    Exported(Result<String, String>),
    /// Room files that changed (the live harvest), as read.
    Harvest(Vec<(String, crate::merge::live::Change)>),
}

super::runtime::msg_from_input!(Msg);

/// What the lead's `update` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Save `lead-state.json`.
    SaveState,
    WriteClock,
    /// Write the harvest of the session folder.
    Export,
    /// Keep the live harvest up to date with the room files (from now on).
    WatchHarvest,
    Bell,
    Quit,
}

impl Effect {
    /// The effects the event loop carries out itself.
    pub fn control(&self) -> Option<Control> {
        match self {
            Effect::Bell => Some(Control::Bell),
            Effect::Quit => Some(Control::Quit),
            Effect::SaveState | Effect::WriteClock | Effect::Export | Effect::WatchHarvest => None,
        }
    }
}

pub struct LeadApp {
    pub programme: Programme,
    pub clock: ClockState,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
    /// Where the session lives, to show the lead.
    pub session_dir: Option<PathBuf>,
    /// Set in a rehearsal.
    pub speed: Option<f64>,
    pub screen: Screen,
    pub overlay: Overlay,
    pub toast: Option<Toast>,
    pub save_error: Option<String>,
    /// The dashboard's rows: the round the lead's clock is in, its rooms,
    /// and what lies elsewhere ([`crate::rooms::parts`] takes them apart).
    pub rooms: crate::rooms::Rooms,
    /// Whether the rooms folder has been looked at yet.
    pub rooms_read: bool,
    /// The live harvest (`h`), and the screen it goes back to.
    pub harvest: HarvestScreen,
    pub harvest_from: Screen,
    /// Whether the running block was over time at the last update, so the
    /// bell rings once, when it gets there.
    was_over: bool,
    /// A paste into the message that comes as keystrokes, told from
    /// typing: its Enter must not send half a message and run the rest as
    /// the lead's keys.
    burst: Burst,
}

impl LeadApp {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        programme: Programme,
        clock: ClockState,
        lang: Lang,
        theme: Theme,
        tz: TimeZone,
        session_dir: Option<PathBuf>,
        speed: Option<f64>,
        now: Timestamp,
    ) -> LeadApp {
        let was_over = clock.current(now).is_some_and(|c| c.over_time());
        let live = crate::merge::live::LiveHarvest::new(&programme.id, Some(programme.clone()));
        LeadApp {
            programme,
            clock,
            lang,
            theme,
            tz,
            session_dir,
            speed,
            screen: Screen::Lead,
            overlay: Overlay::None,
            toast: None,
            save_error: None,
            rooms: crate::rooms::Rooms::default(),
            rooms_read: false,
            harvest: HarvestScreen::new(live),
            harvest_from: Screen::Lead,
            was_over,
            burst: Burst::new(speed.unwrap_or(1.0)),
        }
    }

    /// Whether a key waits to be told apart from a paste (see [`Burst`]);
    /// it is settled at [`LeadApp::next_change`] at the latest.
    pub fn holds_a_key(&self) -> bool {
        self.burst.due().is_some()
    }

    /// Pasted text into the message box (if it is open), as one line.
    fn type_in_message(&mut self, s: &str) {
        if let Overlay::Message(area) = &mut self.overlay {
            let room = MAX_MESSAGE_CHARS.saturating_sub(area.lines().concat().chars().count());
            area.insert_str(one_line_message(s, room));
        }
    }

    /// Shows `text` for a few seconds.
    pub fn notify(&mut self, text: String, alert: bool, now: Timestamp) {
        self.toast = Some(Toast::new(text, alert, now, self.speed.unwrap_or(1.0)));
    }

    pub fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        let mut fx = Vec::new();
        // An Enter held in the message box: a space of a paste when text
        // follows at once, else it sends the message.
        match self.burst.settle(msg.burst_next(), now) {
            Some(Settled::Text(_)) => self.type_in_message(" "),
            Some(Settled::Key(key, at)) => self.on_key(key, at, &mut fx),
            None => {}
        }
        match msg {
            Msg::Key(key)
                if matches!(self.overlay, Overlay::Message(_))
                    && key.code == KeyCode::Enter
                    && self.burst.hold(key, now) => {}
            Msg::Key(key) => self.on_key(key, now, &mut fx),
            Msg::Paste(s) => self.type_in_message(&s),
            Msg::Tick => {}
            Msg::Rooms(rows) => {
                self.rooms = *rows;
                self.rooms_read = true;
            }
            Msg::Harvest(changes) => self.harvest.apply(changes),
            // The notice says where the harvest went and what it left out.
            Msg::Exported(Ok(notice)) => self.notify(notice, false, now),
            Msg::Exported(Err(why)) => {
                let text = fill(self.lang.t().export_failed, &[("error", &why)]);
                self.notify(text, true, now);
            }
            Msg::Heartbeat => fx.extend([Effect::WriteClock, Effect::SaveState]),
            Msg::Saved(SaveReport::Saved(_)) => self.save_error = None,
            Msg::Saved(SaveReport::Failed { path, error, kind }) => {
                // The reason first: on a narrow screen the file name is cut, not it.
                let error = self.lang.io_words(kind, &error);
                let name = path.file_name().unwrap_or(path.as_os_str());
                self.save_error = Some(format!("{error} ({})", name.to_string_lossy()));
            }
            Msg::Stop => fx.extend(SAVE_AND_QUIT),
        }
        if Toast::gone(&self.toast, now) {
            self.toast = None;
        }
        let over = self
            .clock
            .current(now)
            .is_some_and(|c| c.phase == Phase::Running && c.over_time());
        if over && !self.was_over && self.clock.bell {
            fx.push(Effect::Bell);
        }
        self.was_over = over;
        fx
    }

    fn on_key(&mut self, key: KeyEvent, now: Timestamp, fx: &mut Vec<Effect>) {
        if self.screen == Screen::Harvest && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return self.on_harvest_key(key, fx);
        }
        let command = keys::command(&keys::LEAD, keys::lead_view(self.screen), &key);
        if command == Some(Command::SaveQuit) {
            fx.extend(SAVE_AND_QUIT);
            return;
        }
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Help => {
                // Any key closes the help; only the help's keys and Esc are
                // swallowed.
                if command != Some(Command::Help) && key.code != KeyCode::Esc {
                    self.on_screen_key(command, now, fx);
                }
            }
            Overlay::ConfirmQuit => {
                if matches!(key.code, KeyCode::Char('y' | 'Y' | 'j' | 'J')) {
                    fx.extend(SAVE_AND_QUIT);
                }
            }
            Overlay::Message(mut area) => match key.code {
                KeyCode::Esc => {}
                KeyCode::Tab | KeyCode::BackTab => self.overlay = Overlay::Message(area),
                KeyCode::Enter => {
                    let text = area.lines().join(" ");
                    let action = Action::Message(Some(text.trim().to_string()));
                    self.act(action, now, fx);
                }
                _ => {
                    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                    let alt = key.modifiers.contains(KeyModifiers::ALT);
                    let len = area.lines().concat().chars().count();
                    let adds = matches!(key.code, KeyCode::Char(_)) && !ctrl;
                    if !adds || len < MAX_MESSAGE_CHARS {
                        area.input(key);
                    }
                    if adds && !alt {
                        self.burst.typed(now);
                    } else {
                        self.burst.broken();
                    }
                    self.overlay = Overlay::Message(area);
                }
            },
            Overlay::None => self.on_screen_key(command, now, fx),
        }
    }

    /// Runs a command of the lead's key table ([`keys::LEAD`]).
    fn on_screen_key(&mut self, command: Option<Command>, now: Timestamp, fx: &mut Vec<Effect>) {
        let Some(command) = command else { return };
        let action = match command {
            Command::StartPause => Action::StartPause,
            Command::Next => Action::Next,
            Command::Previous => Action::Previous,
            Command::Extend => Action::Extend,
            Command::Shorten => Action::Shorten,
            Command::Replan => Action::Replan,
            Command::Bell => Action::ToggleBell,
            Command::Message => {
                let mut area = TextArea::default();
                area.set_cursor_line_style(ratatui::style::Style::new());
                area.set_placeholder_text(self.lang.t().message_example);
                area.set_placeholder_style(self.theme.dim());
                area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                self.overlay = Overlay::Message(Box::new(area));
                return;
            }
            Command::Help => return self.overlay = Overlay::Help,
            Command::Dashboard => return self.screen = Screen::Dashboard,
            Command::Harvest => return self.open_harvest(fx),
            Command::Presenter => return self.screen = Screen::Presenter,
            Command::LeadView => return self.screen = Screen::Lead,
            Command::Export => return fx.push(Effect::Export),
            Command::Quit if self.clock.is_running() => {
                return self.overlay = Overlay::ConfirmQuit;
            }
            Command::Quit | Command::SaveQuit => return fx.extend(SAVE_AND_QUIT),
        };
        self.act(action, now, fx);
    }

    /// Opens the live harvest; the first time, the room files are looked
    /// at from then on.
    fn open_harvest(&mut self, fx: &mut Vec<Effect>) {
        if self.screen != Screen::Harvest {
            self.harvest_from = self.screen;
        }
        self.screen = Screen::Harvest;
        fx.push(Effect::WatchHarvest);
    }

    /// The breakout the lead's clock is in (or comes to next).
    pub fn clock_round(&self) -> Option<&str> {
        self.programme
            .round_at(self.clock.current)
            .map(|b| b.id.as_str())
    }

    /// A key on the live harvest ([`keys::HARVEST`]).
    fn on_harvest_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        use keys::HarvestCommand as H;
        let command = keys::command(&keys::HARVEST, keys::HARVEST_LEAD, &key);
        if command == Some(H::SaveQuit) {
            return fx.extend(SAVE_AND_QUIT);
        }
        // Any key closes the help; only the help's keys and Esc are swallowed.
        if matches!(self.overlay, Overlay::Help) {
            self.overlay = Overlay::None;
            if command == Some(H::Help) || key.code == KeyCode::Esc {
                return;
            }
        }
        let Some(command) = command else { return };
        match command {
            H::Back => self.screen = self.harvest_from,
            H::Dashboard => self.screen = Screen::Dashboard,
            H::Help => self.overlay = Overlay::Help,
            H::Quit if self.clock.is_running() => self.overlay = Overlay::ConfirmQuit,
            H::Quit => fx.extend(SAVE_AND_QUIT),
            _ => {
                let round = self.clock_round().map(str::to_string);
                self.harvest.on_command(command, &key, round.as_deref());
            }
        }
    }

    /// Applies a clock action, saves it, and tells the lead what it did.
    fn act(&mut self, action: Action, now: Timestamp, fx: &mut Vec<Effect>) {
        let outcome = self.clock.apply(action, now);
        fx.extend([Effect::SaveState, Effect::WriteClock]);
        let (text, alert) = self.describe(&outcome);
        self.notify(text, alert, now);
    }

    fn current_title(&self) -> String {
        self.programme
            .blocks
            .get(self.clock.current)
            .map(|b| b.title.clone())
            .unwrap_or_default()
    }

    fn describe(&self, outcome: &Outcome) -> (String, bool) {
        let t = self.lang.t();
        let title = self.current_title();
        let with_title = |s: &str| fill(s, &[("title", &title)]);
        match outcome {
            Outcome::Started => (with_title(t.started), false),
            Outcome::Paused => (t.paused_toast.to_string(), false),
            Outcome::Resumed => (t.resumed_toast.to_string(), false),
            Outcome::Moved { .. } => (with_title(t.moved), false),
            Outcome::Ended => (t.ended.to_string(), false),
            Outcome::MovedBack => (with_title(t.moved_back), false),
            Outcome::Extended => (t.extended.to_string(), false),
            Outcome::Shortened => (t.shortened.to_string(), false),
            Outcome::MessageSent => (t.message_sent.to_string(), false),
            Outcome::MessageCleared => (t.message_cleared.to_string(), false),
            Outcome::Bell(on) => (
                (if *on { t.bell_on } else { t.bell_off }).to_string(),
                false,
            ),
            Outcome::Replanned { blocks, saved } => (
                fill(
                    if *blocks == 1 {
                        t.replanned_one
                    } else {
                        t.replanned
                    },
                    &[
                        ("blocks", &blocks.to_string()),
                        ("dur", &self.lang.duration(*saved)),
                    ],
                ),
                false,
            ),
            Outcome::ReplanUndone => (t.replan_undone.to_string(), false),
            Outcome::OnTime => (t.replan_on_time.to_string(), false),
            Outcome::ReplanImpossible { over } => (
                fill(t.replan_impossible, &[("dur", &self.lang.duration(*over))]),
                true,
            ),
            Outcome::Ignored(why) => (
                match why {
                    Ignored::ProgrammeOver => t.ignored_over,
                    Ignored::AtFirstBlock => t.ignored_first,
                    Ignored::MinimumReached => t.ignored_minimum,
                    Ignored::NothingToCome => t.ignored_nothing_to_come,
                }
                .to_string(),
                true,
            ),
        }
    }

    /// When the screen next changes by itself: the next whole second of
    /// the countdown (aligned to the block's deadline, so the display
    /// turns over exactly on the second), or of the clock, or when the
    /// notice goes away.
    pub fn next_change(&self, now: Timestamp) -> Timestamp {
        let second = 1_000_000_000i128;
        let anchor = self
            .clock
            .current(now)
            .and_then(|c| c.deadline)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let phase = (anchor - now).as_nanos().rem_euclid(second);
        let wait = if phase == 0 { second } else { phase };
        let mut next = now + SignedDuration::from_nanos_i128(wait);
        if let Some(t) = &self.toast {
            next = next.min(t.until.max(now));
        }
        // A held Enter is told apart once the burst's time is up.
        if let Some(due) = self.burst.due() {
            next = next.min(due);
        }
        next
    }
}

/// A pasted text as one line of a message: line breaks and tabs become
/// spaces, other control characters go, at most `room` characters.
fn one_line_message(s: &str, room: usize) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .take(room)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::one_line_message;

    #[test]
    fn pasted_messages_become_one_clean_line() {
        assert_eq!(
            one_line_message("Nog\n5 minuten\u{1b}[2J", 100),
            "Nog 5 minuten[2J"
        );
        assert_eq!(one_line_message("abcdef", 3), "abc");
    }
}
