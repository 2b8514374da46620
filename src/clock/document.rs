//! `clock.json`: what the hosts need to show the lead's clock.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{ClockState, Phase, TimeSource};
use crate::files::{FileError, Problem, ProblemKind, TimeText, parse_typed};
use crate::programme::{BlockKind, Programme};

pub const FORMAT: &str = "oogst-clock";
pub const VERSION: u64 = 1;

/// The fastest rehearsal a clock file may describe.
pub const MAX_SPEED: f64 = 10_000.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockDoc {
    /// Checked by the head of the file, written as [`FORMAT`].
    #[serde(skip_deserializing, default = "clock_format")]
    pub format: String,
    /// Checked by the head of the file (any number form of 1).
    #[serde(skip_deserializing, default = "clock_version")]
    pub version: u64,
    pub session: String,
    /// Which lead wrote it (`null` from an oogst before leads said so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<ClockLead>,
    pub block: Option<ClockDocBlock>,
    /// Where the lead is, also before that block is started (so a host
    /// knows which round comes next); `null` once the programme is over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<ClockCurrent>,
    pub paused: bool,
    pub message: Option<ClockDocMessage>,
    pub written: TimeText,
    pub rehearsal: Option<DocRehearsal>,
}

fn clock_format() -> String {
    FORMAT.to_string()
}

fn clock_version() -> u64 {
    VERSION
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockCurrent {
    pub index: usize,
    pub id: String,
}

/// Which lead wrote the clock: its machine's writer id and an id made
/// afresh at each start (see [`super::lead`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockLead {
    pub writer: String,
    pub run: String,
    /// The machine's own name, to tell the lead where the other lead is
    /// (optional: a writer id alone says little to a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockDocBlock {
    pub index: usize,
    /// The block's id (`null` from an oogst before block ids).
    #[serde(default)]
    pub id: Option<String>,
    pub kind: BlockKind,
    pub title: String,
    pub started: TimeText,
    pub planned_end: TimeText,
    pub projected_end: TimeText,
}

/// The running block's time: left until its end, or over it (at its
/// end exactly the time is up: `Over(0)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    Left(SignedDuration),
    Over(SignedDuration),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockDocMessage {
    pub text: String,
    pub at: TimeText,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocRehearsal {
    pub speed: serde_json::Number,
    pub real: TimeText,
}

/// RFC 3339 with the local offset, to the second: `2021-01-21T11:02:10+01:00`.
pub fn rfc3339(ts: Timestamp, tz: &TimeZone) -> String {
    TimeText::new(ts, tz).as_str().to_string()
}

fn speed_number(speed: f64) -> serde_json::Number {
    if speed.fract() == 0.0 && speed > 0.0 && speed < 1e15 {
        serde_json::Number::from(speed as u64)
    } else {
        serde_json::Number::from_f64(speed).unwrap_or_else(|| serde_json::Number::from(1))
    }
}

impl ClockDoc {
    /// The document for `state` at virtual instant `now` (real instant `real`).
    pub fn build(
        programme: &Programme,
        state: &ClockState,
        now: Timestamp,
        real: Timestamp,
        source: &TimeSource,
        tz: &TimeZone,
    ) -> ClockDoc {
        let current = state.current(now);
        let block = current.and_then(|c| {
            let run = &state.blocks[c.index];
            let block = &programme.blocks[c.index];
            Some(ClockDocBlock {
                index: c.index,
                id: Some(block.id.clone()),
                kind: block.kind,
                title: block.title.clone(),
                started: TimeText::new(run.started?, tz),
                planned_end: TimeText::new(run.planned_end, tz),
                projected_end: TimeText::new(c.deadline?, tz),
            })
        });
        ClockDoc {
            format: FORMAT.to_string(),
            version: VERSION,
            session: programme.id.clone(),
            lead: None,
            current: programme.blocks.get(state.current).map(|b| ClockCurrent {
                index: state.current,
                id: b.id.clone(),
            }),
            paused: current.is_some_and(|c| c.phase == Phase::Paused),
            block,
            message: state.message.as_ref().map(|m| ClockDocMessage {
                text: m.text.clone(),
                at: TimeText::new(m.at, tz),
            }),
            written: TimeText::new(now, tz),
            rehearsal: source.is_rehearsal().then(|| DocRehearsal {
                speed: speed_number(source.speed()),
                real: TimeText::new(real, tz),
            }),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a clock document serialises");
        s.push('\n');
        s
    }

    /// Reads and checks a clock file: its shape, every time in it (each
    /// one `jiff` computes with), the block's kind and the rehearsal's
    /// speed. No value in it can make a reader fail later.
    pub fn parse(text: &str, file: &str) -> Result<ClockDoc, FileError> {
        let (doc, _): (ClockDoc, u64) = parse_typed(text, file, FORMAT, "clock", VERSION)?;
        if let Some(r) = &doc.rehearsal {
            let speed = r.speed.as_f64().unwrap_or(f64::NAN);
            if !(1.0..=MAX_SPEED).contains(&speed) {
                return Err(FileError::single(
                    file,
                    Problem::at(ProblemKind::OutOfRange {
                        path: "rehearsal.speed".into(),
                        found: r.speed.to_string(),
                        allowed: "1 – 10000".into(),
                    }),
                ));
            }
        }
        Ok(doc)
    }

    /// The lead's virtual "now", given the reader's real now: in a
    /// rehearsal, written + (real now − real written) × speed.
    pub fn lead_now(&self, real_now: Timestamp) -> Timestamp {
        self.time_source().virtual_at(real_now)
    }

    /// How many times as fast as real time the lead's clock runs (1 but
    /// in a rehearsal).
    pub fn speed(&self) -> f64 {
        self.rehearsal
            .as_ref()
            .and_then(|r| r.speed.as_f64())
            .filter(|s| *s > 0.0)
            .unwrap_or(1.0)
    }

    /// The lead's clock as a time source: the real clock, or its
    /// rehearsal's (`written` at real time `rehearsal.real`, `speed` times
    /// as fast).
    pub fn time_source(&self) -> TimeSource {
        match &self.rehearsal {
            None => TimeSource::real(),
            Some(r) => TimeSource::rehearsal(r.real.at(), self.written.at(), self.speed()),
        }
    }

    /// The running block's time on the lead's clock at the reader's real
    /// `real_now`: left, or over (a paused clock stands where the lead
    /// wrote it). `None` without a running block.
    pub fn countdown(&self, real_now: Timestamp) -> Option<Countdown> {
        let block = self.block.as_ref()?;
        let lead_now = if self.paused {
            self.written.at()
        } else {
            self.lead_now(real_now)
        };
        let left = block.projected_end.at() - lead_now;
        Some(if left > SignedDuration::ZERO {
            Countdown::Left(left)
        } else {
            Countdown::Over(-left)
        })
    }

    /// How long ago, in real time, the lead wrote this.
    pub fn age(&self, real_now: Timestamp) -> SignedDuration {
        let written = match &self.rehearsal {
            None => self.written.at(),
            Some(r) => r.real.at(),
        };
        real_now - written
    }
}
