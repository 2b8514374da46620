//! oogst: run the agenda clock of a participatory meeting and harvest what
//! its breakout rooms said.
//!
//! The core (programme, clock, lead state, session folder, text, i18n) knows
//! no terminal; [`tui`] is a thin shell on top that turns key presses into
//! actions and state into frames.

#![forbid(unsafe_code)]

pub mod check;
pub mod clock;
pub mod export;
pub mod files;
pub mod i18n;
pub mod lead_state;
pub mod merge;
pub mod par;
pub mod programme;
pub mod programme_edit;
pub mod room;
pub mod rooms;
pub mod session_dir;
pub mod templates;
pub mod text;
pub mod tui;
