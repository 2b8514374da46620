//! The lead's app: its state, the messages that change it, and the effects
//! that changing it asks for. `update` is the one place where state
//! changes; it does no I/O. The event loop performs the effects.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::burst::{Burst, Settled};
use super::editor::Editor;
use super::harvest::HarvestScreen;
use super::keys::{self, LeadCommand as Command};
use super::lead_replan::{self, ReplanOverlay};
use super::theme::Theme;
use crate::clock::lead::{Seen, judge};
use crate::clock::{
    Action, ClockDoc, ClockLead, ClockState, History, Ignored, Outcome, Phase, StepKind,
    TimeSource, UndoError,
};
use crate::i18n::{Lang, fill};
use crate::programme::Programme;
use crate::rooms::{RoomLine, Signal};
use crate::session_dir::SaveReport;

// The programme view (`a`) and a programme changed on disk: every
// programme edit goes through `LeadApp::apply_programme_edit`.
mod programme;

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
    /// The programme, the blocks still to come edited in place (`a`).
    Programme,
}

impl Screen {
    /// This screen's place in the key table [`keys::LEAD`].
    pub fn keys(self) -> usize {
        match self {
            Screen::Lead => keys::LEAD_VIEW,
            Screen::Presenter => keys::PRESENTER_VIEW,
            Screen::Dashboard => keys::DASHBOARD_VIEW,
            // The live harvest has a table of its own ([`keys::HARVEST`]);
            // the lead's keys there are its.
            Screen::Harvest => keys::DASHBOARD_VIEW,
            // So has the programme editor ([`keys::EDITOR`]).
            Screen::Programme => keys::DASHBOARD_VIEW,
        }
    }
}

pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
    Message(Box<TextArea<'static>>),
    /// The re-plan proposal (`r`).
    Replan(Box<ReplanOverlay>),
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
    /// `clock.json` as it was read at real time `real` (it changed, or
    /// the periodic look): this lead's own, or another lead's.
    ClockOnDisk {
        doc: Box<ClockDoc>,
        real: Timestamp,
    },
    /// Room files that changed (the live harvest), as read.
    Harvest(Vec<(String, crate::merge::live::Change)>),
    /// `programme.json` changed on disk (someone edited it): the
    /// programme read, or why it cannot be.
    ProgrammeOnDisk(Box<Result<Programme, crate::files::FileError>>),
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
    /// This lead gave way to another: let go of the session folder's lock
    /// and run on the other lead's time ([`ReadOnly::source`]).
    Follow,
    /// Write the lead's programme (`LeadApp::programme`) to
    /// `programme.json`, atomically: an edit in the programme view, or an
    /// undone or redone one; for the hosts.
    WriteProgramme,
}

impl Effect {
    /// The effects the event loop carries out itself.
    pub fn control(&self) -> Option<Control> {
        match self {
            Effect::Bell => Some(Control::Bell),
            Effect::Quit => Some(Control::Quit),
            Effect::SaveState
            | Effect::WriteClock
            | Effect::Export
            | Effect::Follow
            | Effect::WatchHarvest
            | Effect::WriteProgramme => None,
        }
    }
}

/// A lead that another lead took over from: it writes nothing and follows
/// the other lead's clock.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOnly {
    /// The lead it follows.
    pub by: ClockLead,
    /// When it gave way, on the followed clock.
    pub since: Timestamp,
    /// The followed clock's time (a rehearsal's runs at its own speed).
    pub source: TimeSource,
}

pub struct LeadApp {
    pub programme: Programme,
    pub clock: ClockState,
    /// The lead's steps to undo (`u`) and redo (`U`), saved with the clock.
    pub history: History,
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
    /// Help calls the lead has seen on the dashboard: per room, the time
    /// of the newest one seen.
    help_seen: HashMap<String, Timestamp>,
    /// A re-plan was applied by the last key: `r` now undoes it (SPEC).
    replan_just_applied: bool,
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
    /// Who this lead is in `clock.json` ([`LeadApp::leading_as`]); without
    /// it, no other lead's clock is looked at.
    pub lead: Option<ClockLead>,
    /// Set once another lead took over: from then on this one follows.
    pub read_only: Option<ReadOnly>,
    /// The programme view (`a`): the blocks still to come, edited.
    pub programme_editor: Option<Box<Editor>>,
    /// Whether the programme was changed during the meeting (saved with
    /// the clock, so that a restart keeps the session folder's copy).
    pub programme_edited: bool,
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
            history: History::default(),
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
            help_seen: HashMap::new(),
            replan_just_applied: false,
            harvest: HarvestScreen::new(live),
            harvest_from: Screen::Lead,
            was_over,
            burst: Burst::new(speed.unwrap_or(1.0)),
            lead: None,
            read_only: None,
            programme_editor: None,
            programme_edited: false,
        }
    }

    /// This lead as `clock.json` names it: it gives way to a newer lead
    /// that writes the clock (SPEC §4 Clock, `lead`).
    pub fn leading_as(mut self, me: ClockLead) -> LeadApp {
        self.lead = Some(me);
        self
    }

    /// With the steps to undo and redo it had (a restarted lead).
    pub fn with_history(mut self, history: History) -> LeadApp {
        self.history = history;
        self
    }

    /// A programme edit made while the lead runs (the programme view, a
    /// programme changed on disk): `programme` and `clock` become the
    /// lead's, the edit is one step that `u` undoes (clock and programme
    /// together), and the effects save the state, tell the hosts the
    /// clock and write `programme.json`.
    pub fn step_programme(
        &mut self,
        programme: Programme,
        clock: ClockState,
        now: Timestamp,
        fx: &mut Vec<Effect>,
    ) {
        let text_before = std::mem::replace(&mut self.programme, programme).source;
        let clock_before = std::mem::replace(&mut self.clock, clock);
        self.history
            .record_programme_edit(&clock_before, &text_before, &self.clock, now);
        self.programme_changed(fx);
        fx.extend([Effect::SaveState, Effect::WriteClock]);
    }

    /// The lead's programme changed (an edit, or an edit undone or
    /// redone): written to `programme.json`; what is drawn from it follows.
    fn programme_changed(&mut self, fx: &mut Vec<Effect>) {
        self.harvest.set_programme(self.programme.clone());
        fx.push(Effect::WriteProgramme);
    }

    /// Whether another lead took over: this one writes nothing.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Whether a key waits to be told apart from a paste (see [`Burst`]);
    /// it is settled at [`LeadApp::next_change`] at the latest.
    pub fn holds_a_key(&self) -> bool {
        self.burst.due().is_some()
    }

    /// Rooms asking for help that the lead has not seen yet: their rows
    /// flash on the dashboard, and the lead view names them, until a key
    /// is pressed on the dashboard.
    pub fn help_calls(&self) -> impl Iterator<Item = &RoomLine> {
        self.rooms.rooms.iter().filter(|r| match r.signal {
            Some((Signal::Help, at)) => self.help_seen.get(&r.room).is_none_or(|&s| s < at),
            _ => false,
        })
    }

    /// Whether a flashing row is lit at `now`: every other real second
    /// (a rehearsal's virtual seconds run faster).
    pub fn flash_lit(&self, now: Timestamp) -> bool {
        let real = now.as_millisecond() as f64 / 1000.0 / self.speed.unwrap_or(1.0);
        (real.floor() as i64).rem_euclid(2) == 0
    }

    /// New rows of the rooms; the bell rings (if it is on) for a new call
    /// for help.
    fn rooms_landed(&mut self, rows: crate::rooms::Rooms, fx: &mut Vec<Effect>) {
        let call = |r: &RoomLine| (r.room.clone(), r.signal.map(|(_, at)| at));
        let before: HashSet<_> = self.help_calls().map(call).collect();
        self.rooms = rows;
        self.rooms_read = true;
        if self.clock.bell && self.help_calls().any(|r| !before.contains(&call(r))) {
            fx.push(Effect::Bell);
        }
    }

    /// The lead has seen every call for help the dashboard shows.
    fn help_is_seen(&mut self) {
        let calls: Vec<(String, Timestamp)> = self
            .help_calls()
            .filter_map(|r| Some((r.room.clone(), r.signal?.1)))
            .collect();
        self.help_seen.extend(calls);
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

    pub fn update(&mut self, msg: Msg, mut now: Timestamp) -> Vec<Effect> {
        let mut fx = Vec::new();
        // An Enter held in the message box: a space of a paste when text
        // follows at once, else it sends the message.
        match self.burst.settle(msg.burst_next(), now) {
            Some(Settled::Text(_)) if self.screen == Screen::Programme => {
                if let Some(editor) = &mut self.programme_editor {
                    editor.on_paste(" ");
                }
            }
            Some(Settled::Text(_)) => self.type_in_message(" "),
            Some(Settled::Key(key, at)) => self.on_key(key, at, &mut fx),
            None => {}
        }
        match msg {
            Msg::Key(key)
                if matches!(self.overlay, Overlay::Message(_))
                    && key.code == KeyCode::Enter
                    && self.burst.hold(key, now) => {}
            // The same for a field typed in on the programme view (Enter
            // keeps it, Tab goes on).
            Msg::Key(key)
                if self.typing_programme()
                    && matches!(key.code, KeyCode::Enter | KeyCode::Tab)
                    && key.modifiers.is_empty()
                    && self.burst.hold(key, now) => {}
            Msg::Key(key) => self.on_key(key, now, &mut fx),
            Msg::Paste(s) if self.screen == Screen::Programme => {
                if let Some(editor) = &mut self.programme_editor {
                    editor.on_paste(&s);
                }
            }
            Msg::Paste(s) => self.type_in_message(&s),
            Msg::Tick => {}
            Msg::Rooms(rows) => self.rooms_landed(*rows, &mut fx),
            Msg::Harvest(changes) => self.harvest.apply(changes),
            Msg::ProgrammeOnDisk(read) => self.programme_on_disk(*read, now, &mut fx),
            // The notice says where the harvest went and what it left out.
            Msg::Exported(Ok(notice)) => self.notify(notice, false, now),
            Msg::Exported(Err(why)) => {
                let text = fill(self.lang.t().export_failed, &[("error", &why)]);
                self.notify(text, true, now);
            }
            Msg::Heartbeat => fx.extend([Effect::WriteClock, Effect::SaveState]),
            Msg::ClockOnDisk { doc, real } => {
                // Followed: from here on the other lead's time.
                if let Some(followed) = self.on_clock(*doc, real, &mut fx) {
                    now = followed;
                }
            }
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
        // The proposal follows the time while it is open.
        if let Overlay::Replan(o) = &mut self.overlay
            && !o.refresh(&self.clock, now)
        {
            self.overlay = Overlay::None;
        }
        let over = self
            .clock
            .current(now)
            .is_some_and(|c| c.phase == Phase::Running && c.over_time());
        if over && !self.was_over && self.clock.bell {
            fx.push(Effect::Bell);
        }
        self.was_over = over;
        // Taken over: the clock and the session folder are the other
        // lead's (the heartbeat and every way out included).
        if self.read_only.is_some() {
            fx.retain(|e| {
                !matches!(
                    e,
                    Effect::SaveState
                        | Effect::WriteClock
                        | Effect::Export
                        | Effect::WriteProgramme
                )
            });
        }
        fx
    }

    /// The clock on disk, read at real time `real`: another lead's newer
    /// clock makes this one give way and follow it; an older one (a lead
    /// that has not yet seen it was taken over, a copy put back) is
    /// written over with ours. The followed clock's now, if it was followed.
    fn on_clock(
        &mut self,
        doc: ClockDoc,
        real: Timestamp,
        fx: &mut Vec<Effect>,
    ) -> Option<Timestamp> {
        let me = self.lead.as_ref()?;
        let mine = doc.lead.as_ref().is_some_and(|l| l.run == me.run);
        if self.read_only.is_none() {
            match judge(me, &doc, real) {
                Seen::Ours => return None,
                Seen::Older => {
                    fx.push(Effect::WriteClock);
                    return None;
                }
                Seen::Newer(by) => {
                    self.read_only = Some(ReadOnly {
                        by,
                        since: doc.lead_now(real),
                        source: doc.time_source(),
                    });
                    if self.clock.bell {
                        fx.push(Effect::Bell);
                    }
                }
            }
        } else if mine {
            // Our own last write, landing late.
            return None;
        }
        let source = doc.time_source();
        if let Some(ro) = &mut self.read_only {
            if let Some(by) = &doc.lead {
                ro.by.clone_from(by);
            }
            ro.source = source;
        }
        self.speed = source.is_rehearsal().then(|| source.speed());
        self.clock.follow(&self.programme, &doc);
        // The bell rings when the followed block goes over, not because
        // it already was.
        let now = doc.lead_now(real);
        self.was_over = self
            .clock
            .current(now)
            .is_some_and(|c| c.phase == Phase::Running && c.over_time());
        fx.push(Effect::Follow);
        Some(now)
    }

    /// The other lead's name, for the words of the read-only view.
    pub fn followed_name(&self) -> Option<String> {
        let ro = self.read_only.as_ref()?;
        Some(self.lang.lead_name(&ro.by))
    }

    fn on_key(&mut self, key: KeyEvent, now: Timestamp, fx: &mut Vec<Effect>) {
        // A key pressed while the dashboard shows a call for help: the
        // lead has seen it.
        if self.screen == Screen::Dashboard && matches!(self.overlay, Overlay::None) {
            self.help_is_seen();
        }
        if self.screen == Screen::Harvest && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return self.on_harvest_key(key, fx);
        }
        if self.screen == Screen::Programme && matches!(self.overlay, Overlay::None | Overlay::Help)
        {
            return self.on_programme_key(key, now, fx);
        }
        let command = keys::command(&keys::LEAD, self.screen.keys(), &key);
        // SPEC: a second `r` right after a re-plan undoes it.
        let replanned = std::mem::take(&mut self.replan_just_applied);
        if replanned && command == Some(Command::Replan) && matches!(self.overlay, Overlay::None) {
            return self.undo(false, now, fx);
        }
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
                // Taken over while typing: the text stays, to copy.
                KeyCode::Enter if self.read_only.is_some() => {
                    self.overlay = Overlay::Message(area);
                    self.refuse(now);
                }
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
            Overlay::Replan(mut proposal) => {
                let Some(command) = keys::command(&keys::REPLAN, 0, &key) else {
                    self.overlay = Overlay::Replan(proposal);
                    return;
                };
                match proposal.on_command(command, &key, &self.clock, now) {
                    lead_replan::Next::Stay => self.overlay = Overlay::Replan(proposal),
                    lead_replan::Next::Close => {}
                    // Taken over while it was open: nothing changes here.
                    lead_replan::Next::Apply(_) if self.read_only.is_some() => self.refuse(now),
                    lead_replan::Next::Apply(action) => {
                        self.act(action, now, fx);
                        self.replan_just_applied = true;
                    }
                }
            }
            Overlay::None => self.on_screen_key(command, now, fx),
        }
    }

    /// Runs a command of the lead's key table ([`keys::LEAD`]).
    fn on_screen_key(&mut self, command: Option<Command>, now: Timestamp, fx: &mut Vec<Effect>) {
        let Some(command) = command else { return };
        if self.read_only.is_some() && command.writes() {
            return self.refuse(now);
        }
        let action = match command {
            Command::StartPause => Action::StartPause,
            Command::Next => Action::Next,
            Command::Previous => Action::Previous,
            Command::Extend => Action::Extend,
            Command::Shorten => Action::Shorten,
            Command::Replan => return self.open_replan(now),
            Command::Undo => return self.undo(false, now, fx),
            Command::Redo => return self.undo(true, now, fx),
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
            Command::Programme => return self.open_programme(),
            Command::Quit if self.clock.is_running() && self.read_only.is_none() => {
                return self.overlay = Overlay::ConfirmQuit;
            }
            Command::Quit | Command::SaveQuit => return fx.extend(SAVE_AND_QUIT),
        };
        self.act(action, now, fx);
    }

    /// `r`: the re-plan proposal, or why there is none.
    fn open_replan(&mut self, now: Timestamp) {
        match ReplanOverlay::open(&self.clock, &self.programme, now) {
            Some(o) => self.overlay = Overlay::Replan(Box::new(o)),
            None => {
                let why = if self.clock.is_over() {
                    Ignored::ProgrammeOver
                } else {
                    Ignored::NothingToCome
                };
                let (text, alert) = self.describe(&Outcome::Ignored(why));
                self.notify(text, alert, now);
            }
        }
    }

    /// `u` (or with `redo`, `U`): the last step undone (or redone), saved,
    /// and the lead told what and where the clock is now.
    fn undo(&mut self, redo: bool, now: Timestamp, fx: &mut Vec<Effect>) {
        let t = self.lang.t();
        let done = if redo {
            self.history.redo(&mut self.clock, &mut self.programme)
        } else {
            self.history.undo(&mut self.clock, &mut self.programme)
        };
        let (text, alert) = match done {
            Ok(done) => {
                if done.programme {
                    self.programme_changed(fx);
                }
                fx.extend([Effect::SaveState, Effect::WriteClock]);
                let what = self.step_words(done.what);
                let title = if self.clock.is_over() {
                    t.programme_over.to_string()
                } else {
                    crate::text::one_line(&self.current_title()).into_owned()
                };
                let tpl = if redo { t.lead_redone } else { t.lead_undone };
                (fill(tpl, &[("what", what), ("title", &title)]), false)
            }
            Err(UndoError::Nothing) => (
                if redo {
                    t.lead_nothing_to_redo
                } else {
                    t.lead_nothing_to_undo
                }
                .to_string(),
                true,
            ),
            Err(UndoError::Broken) => {
                fx.push(Effect::SaveState);
                (t.lead_undo_broken.to_string(), true)
            }
            Err(UndoError::Programme(e)) => {
                fx.push(Effect::SaveState);
                let error = e
                    .problems
                    .first()
                    .map(|p| self.lang.problem_line(&e.file, p))
                    .unwrap_or_default();
                (
                    fill(t.lead_undo_programme_broken, &[("error", &error)]),
                    true,
                )
            }
        };
        self.notify(text, alert, now);
    }

    /// A step in words, for "undone: …".
    fn step_words(&self, what: StepKind) -> &'static str {
        let t = self.lang.t();
        match what {
            StepKind::Start => t.step_start,
            StepKind::Pause => t.step_pause,
            StepKind::Resume => t.step_resume,
            StepKind::Next => t.step_next,
            StepKind::Previous => t.step_previous,
            StepKind::Extend => t.step_extend,
            StepKind::Shorten => t.step_shorten,
            StepKind::Replan => t.step_replan,
            StepKind::Programme => t.step_programme,
            StepKind::Other => t.step_other,
        }
    }

    /// A key that would change the clock, pressed after another lead
    /// took over: says so.
    fn refuse(&mut self, now: Timestamp) {
        let name = self.followed_name().unwrap_or_default();
        let text = fill(self.lang.t().read_only_key, &[("machine", &name)]);
        self.notify(text, true, now);
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

    /// Applies a clock action (one step to undo, when it changed the
    /// clock), saves it, and tells the lead what it did.
    fn act(&mut self, action: Action, now: Timestamp, fx: &mut Vec<Effect>) {
        let outcome = self.history.apply(&mut self.clock, action, now);
        fx.extend([Effect::SaveState, Effect::WriteClock]);
        let (mut text, alert) = self.describe(&outcome);
        // Moving is what goes wrong by accident: say how to take it back.
        if matches!(
            outcome,
            Outcome::Moved { .. } | Outcome::Ended | Outcome::MovedBack
        ) {
            text = fill(self.lang.t().lead_undo_hint, &[("text", &text)]);
        }
        self.notify(text, alert, now);
    }

    /// `ts` as the lead's clock shows it.
    fn hm(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.tz.clone())
            .strftime("%H:%M")
            .to_string()
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
            Outcome::Replanned { blocks, end, .. } => (
                fill(
                    if *blocks == 1 {
                        t.replan_applied_one
                    } else {
                        t.replan_applied
                    },
                    &[("blocks", &blocks.to_string()), ("time", &self.hm(*end))],
                ),
                false,
            ),
            Outcome::OnTime => (t.replan_on_time.to_string(), false),
            Outcome::Unchanged => (t.replan_unchanged.to_string(), false),
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
                    Ignored::PlanOutdated => t.ignored_plan_outdated,
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
    use super::{Effect, LeadApp, Msg};
    use crate::clock::ClockState;
    use crate::i18n::Lang;
    use crate::programme::Programme;
    use crate::tui::theme::Theme;
    use jiff::Timestamp;
    use jiff::tz::TimeZone;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(app: &mut LeadApp, c: char, now: Timestamp) -> Vec<Effect> {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        app.update(Msg::Key(event), now)
    }

    /// The programme editor's way in: an edit is one step; `u` puts back
    /// the programme and the clock and asks for `programme.json` to be
    /// written, `U` brings the edit back.
    #[test]
    fn a_programme_edit_is_undone_with_u() {
        let now: Timestamp = "2021-01-21T09:20:00Z".parse().unwrap();
        let day = jiff::civil::date(2021, 1, 21);
        let p = Programme::demo();
        let clock = ClockState::new(&p, day, &TimeZone::UTC, now);
        let mut app = LeadApp::new(
            p.clone(),
            clock,
            Lang::En,
            Theme::NO_COLOR,
            TimeZone::UTC,
            None,
            None,
            now,
        );
        key(&mut app, ' ', now);
        let text = p.source.replace("Ruimte voor vragen", "Vragen uit de zaal");
        let edited = Programme::parse(&text, "programme.json").unwrap();
        let mut clock = app.clock.clone();
        clock.blocks[3].minutes = 20;
        let mut fx = Vec::new();
        app.step_programme(edited, clock.clone(), now, &mut fx);
        assert!(fx.contains(&Effect::WriteProgramme) && fx.contains(&Effect::SaveState));
        assert_eq!(app.programme.blocks[3].title, "Vragen uit de zaal");
        let fx = key(&mut app, 'u', now);
        assert!(fx.contains(&Effect::WriteProgramme), "{fx:?}");
        assert_eq!(app.programme.source, p.source);
        assert_eq!(app.clock.blocks[3].minutes, 15);
        assert!(
            app.toast
                .as_ref()
                .unwrap()
                .text
                .contains("programme change")
        );
        let fx = key(&mut app, 'U', now);
        assert!(fx.contains(&Effect::WriteProgramme));
        assert_eq!(app.clock, clock);
        assert_eq!(app.programme.blocks[3].title, "Vragen uit de zaal");
        // A clock step undoes without touching the programme file.
        key(&mut app, 'u', now);
        let fx = key(&mut app, 'u', now);
        assert!(!fx.contains(&Effect::WriteProgramme));
        assert!(!app.clock.is_running());
    }

    #[test]
    fn pasted_messages_become_one_clean_line() {
        assert_eq!(
            one_line_message("Nog\n5 minuten\u{1b}[2J", 100),
            "Nog 5 minuten[2J"
        );
        assert_eq!(one_line_message("abcdef", 3), "abc");
    }
}
