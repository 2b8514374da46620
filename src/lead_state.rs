//! `lead-state.json`: the lead's whole clock, saved after every action, so
//! that a restarted `oogst lead` resumes exactly where it was.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::clock::ClockState;
use crate::files::{FileError, parse_typed};
use crate::programme::Programme;

pub const FORMAT: &str = "oogst-lead-state";

/// How the clock was driven: in real time, or as a rehearsal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rehearsal {
    /// `--at` as given, if any.
    pub at: Option<String>,
    pub speed: f64,
    /// The virtual time when this was saved: a resumed rehearsal goes on
    /// from here (time stands still while the app is closed).
    pub virtual_now: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadState {
    /// Checked by the head of the file, written as [`FORMAT`].
    #[serde(skip_deserializing, default = "lead_format")]
    pub format: String,
    /// Checked by the head of the file (any number form of 1).
    #[serde(skip_deserializing, default = "lead_version")]
    pub version: u64,
    pub session: String,
    /// [`Programme::fingerprint`] of the programme the clock was made for.
    pub programme: String,
    /// The day the programme runs on (the virtual day in a rehearsal).
    pub day: Date,
    pub rehearsal: Option<Rehearsal>,
    pub clock: ClockState,
}

pub const VERSION: u64 = 1;

fn lead_format() -> String {
    FORMAT.to_string()
}

fn lead_version() -> u64 {
    VERSION
}

impl LeadState {
    pub fn new(
        programme: &Programme,
        day: Date,
        rehearsal: Option<Rehearsal>,
        clock: ClockState,
    ) -> LeadState {
        LeadState {
            format: FORMAT.to_string(),
            version: VERSION,
            session: programme.id.clone(),
            programme: programme.fingerprint(),
            day,
            rehearsal,
            clock,
        }
    }

    pub fn parse(text: &str, file: &str) -> Result<LeadState, FileError> {
        parse_typed(text, file, FORMAT, "lead state", VERSION).map(|(s, _)| s)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("the lead state serialises");
        s.push('\n');
        s
    }

    /// Whether this saved state can be resumed for `programme` on `day`
    /// in the same mode (real time, or the same rehearsal).
    pub fn fits(
        &self,
        programme: &Programme,
        day: Date,
        at: Option<&str>,
        speed: Option<f64>,
    ) -> bool {
        let same_mode = match (&self.rehearsal, speed.is_some() || at.is_some()) {
            (None, false) => true,
            (Some(r), true) => r.at.as_deref() == at && r.speed == speed.unwrap_or(1.0),
            _ => false,
        };
        self.session == programme.id
            && self.programme == programme.fingerprint()
            && self.clock.blocks.len() == programme.blocks.len()
            && self.clock.current <= self.clock.blocks.len()
            && same_mode
            && (self.day == day || self.rehearsal.is_some())
    }
}
