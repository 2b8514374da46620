//! `clock.json`: what the hosts need to show the lead's clock.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{ClockState, Phase, TimeSource};
use crate::files::{FileError, Problem, ProblemKind, parse_time, parse_typed};
use crate::programme::Programme;

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
    pub written: String,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockLead {
    pub writer: String,
    pub run: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockDocBlock {
    pub index: usize,
    /// The block's id (`null` from an oogst before block ids).
    #[serde(default)]
    pub id: Option<String>,
    pub kind: String,
    pub title: String,
    pub started: String,
    pub planned_end: String,
    pub projected_end: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockDocMessage {
    pub text: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocRehearsal {
    pub speed: serde_json::Number,
    pub real: String,
}

/// RFC 3339 with the local offset, to the second: `2021-01-21T11:02:10+01:00`.
pub fn rfc3339(ts: Timestamp, tz: &TimeZone) -> String {
    let ts = Timestamp::from_second(ts.as_second()).unwrap_or(ts);
    ts.display_with_offset(tz.to_offset(ts)).to_string()
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
                kind: block.kind.name().to_string(),
                title: block.title.clone(),
                started: rfc3339(run.started?, tz),
                planned_end: rfc3339(run.planned_end, tz),
                projected_end: rfc3339(c.deadline?, tz),
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
                at: rfc3339(m.at, tz),
            }),
            written: rfc3339(now, tz),
            rehearsal: source.is_rehearsal().then(|| DocRehearsal {
                speed: speed_number(source.speed()),
                real: rfc3339(real, tz),
            }),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a clock document serialises");
        s.push('\n');
        s
    }

    /// Reads and checks a clock file: its shape, every time in it, the
    /// block's kind and the rehearsal's speed. No value in it can make a
    /// reader fail later.
    pub fn parse(text: &str, file: &str) -> Result<ClockDoc, FileError> {
        let (doc, _): (ClockDoc, u64) = parse_typed(text, file, FORMAT, "clock", VERSION)?;
        let fail = |p: Problem| Err(FileError::single(file, p));
        let mut times: Vec<(&str, &str)> = vec![("written", &doc.written)];
        if let Some(b) = &doc.block {
            times.extend([
                ("block.started", b.started.as_str()),
                ("block.planned_end", b.planned_end.as_str()),
                ("block.projected_end", b.projected_end.as_str()),
            ]);
            if crate::programme::BlockKind::from_name(&b.kind).is_none() {
                return fail(Problem::at(ProblemKind::UnknownKind {
                    found: b.kind.clone(),
                }));
            }
        }
        if let Some(m) = &doc.message {
            times.push(("message.at", &m.at));
        }
        if let Some(r) = &doc.rehearsal {
            times.push(("rehearsal.real", &r.real));
            let speed = r.speed.as_f64().unwrap_or(f64::NAN);
            if !(1.0..=MAX_SPEED).contains(&speed) {
                return fail(Problem::at(ProblemKind::OutOfRange {
                    path: "rehearsal.speed".into(),
                    found: r.speed.to_string(),
                    allowed: "1 – 10000".into(),
                }));
            }
        }
        for (path, value) in times {
            // The clock computes with its times: each must be one jiff holds.
            if parse_time(value).and_then(|t| t.to_timestamp()).is_none() {
                return fail(Problem::bad_time(path.to_string(), value));
            }
        }
        Ok(doc)
    }

    /// The lead's virtual "now", given the reader's real now: in a
    /// rehearsal, written + (real now − real written) × speed.
    pub fn lead_now(&self, real_now: Timestamp) -> Option<Timestamp> {
        let written = crate::files::parse_timestamp(&self.written)?;
        match &self.rehearsal {
            None => Some(real_now),
            Some(r) => {
                let real = crate::files::parse_timestamp(&r.real)?;
                let speed = r.speed.as_f64().unwrap_or(1.0);
                Some(TimeSource::rehearsal(real, written, speed).virtual_at(real_now))
            }
        }
    }

    /// How long ago, in real time, the lead wrote this.
    pub fn age(&self, real_now: Timestamp) -> Option<SignedDuration> {
        let written = match &self.rehearsal {
            None => crate::files::parse_timestamp(&self.written)?,
            Some(r) => crate::files::parse_timestamp(&r.real)?,
        };
        Some(real_now - written)
    }
}
