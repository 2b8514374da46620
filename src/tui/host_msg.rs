//! What the host's app hears and asks for: its messages (keys, the
//! lead's clock, the programme, its room file on disk, …) and its effects
//! (save, open a room, ring, quit). The note-taking app and the shell
//! around it speak them both.

use ratatui::crossterm::event::KeyEvent;

use super::runtime::Control;
use crate::clock::ClockDoc;
use crate::programme::{Block, Programme};
use crate::room::RoomDoc;
use crate::session_dir::SaveReport;

/// Everything that can happen to the host's app.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The screen may have changed by itself (the next whole second).
    Tick,
    Saved(SaveReport),
    /// SIGTERM, SIGHUP, SIGINT or a terminal that went away.
    Stop,
    /// The lead's clock as last read (`None`: no clock file).
    Clock(Option<Box<ClockDoc>>),
    /// The session's programme appeared or changed.
    Programme(Box<Programme>),
    /// `programme.json` is there but cannot be used (yet): why.
    ProgrammeProblem(String),
    /// The room asked for is open (its document, and what to tell the
    /// host), or why not.
    RoomOpened(Result<(Box<RoomDoc>, Vec<crate::room::open::Notice>), String>),
    /// The host's room file changed on disk by someone else (a sync
    /// engine putting an older copy back, say), or went away (`None`).
    OnDisk(Option<Box<RoomDoc>>),
    /// Quitting could save nothing anywhere (why): the app asks first.
    CannotSave(String),
}

super::runtime::msg_from_input!(Msg);

/// A room the host wants open: a round, and a room in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenRoom {
    pub session: String,
    pub block: Block,
    /// Whether it is the programme's first breakout (files of version 1).
    pub first_round: bool,
    pub room: String,
    pub host: String,
}

/// What the host's `update` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Save the room file soon: keystrokes coalesce, within a second.
    SaveState,
    /// Save it now (a note added, changed or deleted).
    SaveNow,
    /// Open a room file (the host's round or room changed).
    OpenRoom(Box<OpenRoom>),
    Quit,
    /// Quit even though nothing could be saved (the host said so).
    QuitAnyway,
    /// Ring the terminal's bell (a new message, two minutes left, time up).
    Bell,
}

impl Effect {
    /// The effects the event loop carries out itself.
    pub fn control(&self) -> Option<Control> {
        match self {
            Effect::Quit => Some(Control::Quit),
            Effect::QuitAnyway => Some(Control::QuitAnyway),
            Effect::Bell => Some(Control::Bell),
            Effect::SaveState | Effect::SaveNow | Effect::OpenRoom(_) => None,
        }
    }
}
