//! The agenda clock: a state machine over injected time.
//!
//! Nothing here reads the system clock. Every question ("how long is left?",
//! "when will the breakout start?") is answered from stored instants — the
//! actual start of a block, its extensions, its pauses — and the `now` that
//! the caller passes in, so a rehearsal at 30× speed and a real meeting run
//! the same code, and remaining time can never drift.
//!
//! The lead's actions are kept as an undoable log ([`history`]: `u`, `U`,
//! across restarts); a re-plan is a proposal first ([`replan`]: what the
//! blocks to come would get, applied with [`Action::Plan`]).

pub mod document;
pub mod history;
pub mod lead;
mod rehearsal;
pub mod replan;

pub use document::{
    ClockCurrent, ClockDoc, ClockDocBlock, ClockDocMessage, ClockLead, Countdown, DocRehearsal,
    FORMAT as CLOCK_FORMAT,
};
pub use history::{History, Step, StepKind, UndoError, Undone};
pub use rehearsal::TimeSource;
pub use replan::{Hold, Proposal, Row as ProposalRow, default_holds, floor_minutes};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::programme::{BlockKind, DayTime, Programme};

/// Shortening a block stops here: a block keeps at least one minute.
const MIN_TIMEBOX: SignedDuration = SignedDuration::from_mins(1);
/// One press of `+` or `-`.
const STEP: SignedDuration = SignedDuration::from_mins(1);

const EARLIEST_SECOND: i64 = -62_135_510_400;
const LATEST_SECOND: i64 = 253_402_128_000;
/// The first instant the clock keeps: every reader reads it, written at
/// any offset (years 0001–9999, a day to spare).
pub const EARLIEST: Timestamp = Timestamp::constant(EARLIEST_SECOND, 0);
/// The last instant the clock keeps (9999-12-30, a day before the end).
pub const LATEST: Timestamp = Timestamp::constant(LATEST_SECOND, 0);
/// The most a block can be extended (a lead holding `+` down for days).
pub const MAX_EXTRA: SignedDuration = SignedDuration::from_hours(24 * 366);
/// The most time a block can have spent paused: any two instants apart.
pub const MAX_PAUSED: SignedDuration = SignedDuration::from_secs(LATEST_SECOND - EARLIEST_SECOND);
/// The longest a block is (a whole day).
pub const MAX_MINUTES: i64 = 24 * 60;

/// `t + d`, kept between [`EARLIEST`] and [`LATEST`]: a saved clock may
/// hold instants years apart (a long pause in a fast rehearsal), and no
/// sum of them may panic or make a time that a reader refuses.
fn at(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d)
        .unwrap_or(if d.is_negative() { EARLIEST } else { LATEST })
        .clamp(EARLIEST, LATEST)
}

/// The run of one block: its plan (which re-planning may change) and what
/// actually happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRun {
    /// Start and end in the programme as written; never changed.
    pub planned_start: Timestamp,
    pub planned_end: Timestamp,
    /// A start written in the programme holds the block back when earlier
    /// blocks run early (a gap absorbs delay).
    pub fixed_start: Option<Timestamp>,
    /// Planned length in minutes; re-planning may shorten it.
    pub minutes: i64,
    /// The length in the programme as written, from which re-planning
    /// computes its floor (so repeated re-plans do not halve and halve).
    pub programme_minutes: i64,
    /// A walk-in counts down to its planned end, whenever it was started.
    pub until_planned_end: bool,
    pub started: Option<Timestamp>,
    pub ended: Option<Timestamp>,
    /// Added with `+` (less what `-` took).
    pub extra: SignedDuration,
    /// Time spent paused in earlier pauses.
    pub paused: SignedDuration,
    /// Set while paused.
    pub paused_at: Option<Timestamp>,
}

impl BlockRun {
    fn anchor_end(&self) -> Timestamp {
        at(
            self.fixed_start.unwrap_or(self.planned_start),
            SignedDuration::from_mins(self.minutes),
        )
    }

    fn planned_length(&self) -> SignedDuration {
        SignedDuration::from_mins(self.minutes)
    }

    /// Total pause, counting a pause still under way up to `now`.
    fn paused_until(&self, now: Timestamp) -> SignedDuration {
        self.paused
            + self.paused_at.map_or(SignedDuration::ZERO, |p| {
                (now - p).max(SignedDuration::ZERO)
            })
    }

    /// When a started block ends: start + planned length + extensions + pauses.
    fn deadline(&self, now: Timestamp) -> Option<Timestamp> {
        let started = self.started?;
        let base = if self.until_planned_end {
            self.anchor_end()
        } else {
            at(started, self.planned_length())
        };
        Some(at(at(base, self.extra), self.paused_until(now)))
    }

    /// The block's working time if it were started at `at`.
    fn timebox_if_started(&self, at: Timestamp) -> SignedDuration {
        if self.until_planned_end {
            (self.anchor_end() - at).max(SignedDuration::ZERO) + self.extra
        } else {
            self.planned_length() + self.extra
        }
    }

    fn reset(&mut self) {
        self.started = None;
        self.ended = None;
        self.extra = SignedDuration::ZERO;
        self.paused = SignedDuration::ZERO;
        self.paused_at = None;
    }

    fn finish_pause(&mut self, now: Timestamp) {
        if let Some(p) = self.paused_at.take() {
            self.paused = (self.paused + (now - p).max(SignedDuration::ZERO)).min(MAX_PAUSED);
        }
    }
}

/// The lead's message to the rooms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub text: String,
    pub at: Timestamp,
}

/// Everything the lead's clock knows. Saved whole after every action, so a
/// restarted lead resumes exactly where it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockState {
    /// The current block; `blocks.len()` once the programme is over.
    pub current: usize,
    pub blocks: Vec<BlockRun>,
    pub message: Option<Message>,
    pub bell: bool,
    /// Block lengths before the last re-plan, from when a second `r`
    /// undid it (an oogst before the lead's undo wrote it). Read, and
    /// turned into an undo step by [`crate::lead_state::LeadState::parse`];
    /// always written `null` now (and kept, so older readers read on).
    #[serde(default)]
    pub replan_undo: Option<Vec<i64>>,
}

/// What the lead can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Start the current block, or pause it, or resume it.
    StartPause,
    Next,
    Previous,
    Extend,
    Shorten,
    /// Re-plan the blocks to come by the automatic proposal with no block
    /// held ([`ClockState::propose`]); when it cannot end on time, nothing
    /// changes. The lead's `r` shows a proposal and applies it with
    /// [`Action::Plan`] instead.
    Replan,
    /// Give the blocks still to come these minutes (every block's, as
    /// [`Proposal::plan`] holds them): a re-plan the lead saw and applied.
    Plan(Vec<i64>),
    /// Send (or with `None`, clear) the message to the rooms.
    Message(Option<String>),
    ToggleBell,
}

/// What an action did, for the lead to be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Started,
    Paused,
    Resumed,
    /// Moved to the next block, and started it.
    Moved {
        started: bool,
    },
    /// The programme is over.
    Ended,
    MovedBack,
    Extended,
    Shortened,
    MessageSent,
    MessageCleared,
    Bell(bool),
    /// The blocks to come got new lengths: this many changed; the
    /// programme now ends at `end`, `late` after its planned end (early
    /// when negative).
    Replanned {
        blocks: usize,
        end: Timestamp,
        late: SignedDuration,
    },
    /// Nothing to re-plan: the programme ends on time or early.
    OnTime,
    /// A plan applied that changes nothing.
    Unchanged,
    /// Even at their minimum the blocks to come run this much over.
    ReplanImpossible {
        over: SignedDuration,
    },
    /// The action makes no sense here (e.g. `p` on the first block).
    Ignored(Ignored),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ignored {
    ProgrammeOver,
    AtFirstBlock,
    MinimumReached,
    NothingToCome,
    /// A plan made for another programme (one with more or fewer blocks).
    PlanOutdated,
}

/// Where a block stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Done,
    Skipped,
    Running,
    Paused,
    /// Current, not yet started.
    Waiting,
    ToCome,
}

/// A block's times in the schedule: actual for blocks that ran, projected
/// for the current block and those to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub phase: Phase,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub slots: Vec<Slot>,
    /// How late (positive) or early (negative) the programme ends: its last
    /// block's projected (or actual) end minus its planned end.
    pub late: SignedDuration,
    pub end: Option<Timestamp>,
}

/// The current block as the big countdown shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Current {
    pub index: usize,
    pub phase: Phase,
    /// Left until the deadline; negative when over time. For a block not
    /// yet started: its timebox if started now.
    pub remaining: SignedDuration,
    /// Planned length plus extensions (pauses not counted).
    pub timebox: SignedDuration,
    pub deadline: Option<Timestamp>,
    pub extra: SignedDuration,
}

impl Current {
    pub fn over_time(&self) -> bool {
        matches!(self.phase, Phase::Running | Phase::Paused)
            && self.remaining <= SignedDuration::ZERO
    }

    /// Amber: the last two minutes, or the last tenth of a short block.
    pub fn nearly_over(&self) -> bool {
        let threshold = SignedDuration::from_secs(120).min(self.timebox / 10);
        matches!(self.phase, Phase::Running | Phase::Paused)
            && !self.over_time()
            && self.remaining <= threshold
    }
}

/// The instant at which `t` happens on `day` in `tz`.
pub fn instant_of(day: Date, t: DayTime, tz: &TimeZone) -> Timestamp {
    let (date, hour) = if t == DayTime::MIDNIGHT_END {
        (day.tomorrow().unwrap_or(day), 0)
    } else {
        (day, t.hour())
    };
    let dt = date.at(hour as i8, t.minute() as i8, 0, 0);
    tz.to_ambiguous_timestamp(dt)
        .compatible()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

impl ClockState {
    /// A fresh clock for `programme` run on `day`, opened at `now`: the
    /// current block is the one planned for `now`, not yet started.
    pub fn new(programme: &Programme, day: Date, tz: &TimeZone, now: Timestamp) -> ClockState {
        let blocks: Vec<BlockRun> = programme
            .blocks
            .iter()
            .map(|b| {
                let planned_start = instant_of(day, b.start, tz);
                BlockRun {
                    planned_start,
                    planned_end: instant_of(day, b.end, tz),
                    fixed_start: b.fixed_start.then_some(planned_start),
                    minutes: i64::from(b.minutes()),
                    programme_minutes: i64::from(b.minutes()),
                    until_planned_end: b.kind == BlockKind::WalkIn,
                    started: None,
                    ended: None,
                    extra: SignedDuration::ZERO,
                    paused: SignedDuration::ZERO,
                    paused_at: None,
                }
            })
            .collect();
        let current = blocks
            .iter()
            .position(|b| now < b.planned_end)
            .unwrap_or(blocks.len());
        ClockState {
            current,
            blocks,
            message: None,
            bell: true,
            replan_undo: None,
        }
    }

    pub fn is_over(&self) -> bool {
        self.current >= self.blocks.len()
    }

    /// Whether a block has been started and not yet ended or left.
    pub fn is_running(&self) -> bool {
        self.blocks
            .get(self.current)
            .is_some_and(|b| b.started.is_some())
    }

    pub fn current(&self, now: Timestamp) -> Option<Current> {
        let b = self.blocks.get(self.current)?;
        let (phase, remaining, timebox, deadline) = match b.started {
            Some(started) => {
                let deadline = b.deadline(now)?;
                let timebox = if b.until_planned_end {
                    (b.anchor_end() - started).max(SignedDuration::ZERO) + b.extra
                } else {
                    b.planned_length() + b.extra
                };
                let phase = if b.paused_at.is_some() {
                    Phase::Paused
                } else {
                    Phase::Running
                };
                (phase, deadline - now, timebox, Some(deadline))
            }
            None => {
                let timebox = b.timebox_if_started(now);
                (Phase::Waiting, timebox, timebox, None)
            }
        };
        Some(Current {
            index: self.current,
            phase,
            remaining,
            timebox,
            deadline,
            extra: b.extra,
        })
    }

    /// When the not-started block `i` would start if the lead started it
    /// now: now, or its fixed start when that is later.
    fn start_if_now(&self, i: usize, now: Timestamp) -> Timestamp {
        self.blocks[i].fixed_start.map_or(now, |f| f.max(now))
    }

    /// The schedule as planned now.
    pub fn schedule(&self, now: Timestamp) -> Schedule {
        self.schedule_with(now, &self.plan())
    }

    /// Every block's planned length in minutes.
    fn plan(&self) -> Vec<i64> {
        self.blocks.iter().map(|b| b.minutes).collect()
    }

    /// The schedule if the blocks to come had `plan`'s lengths.
    fn schedule_with(&self, now: Timestamp, plan: &[i64]) -> Schedule {
        let mut slots = Vec::with_capacity(self.blocks.len());
        let mut previous_end: Option<Timestamp> = None;
        for (i, b) in self.blocks.iter().enumerate() {
            let slot = if i < self.current {
                match b.started {
                    Some(s) => Slot {
                        phase: Phase::Done,
                        start: Some(s),
                        end: Some(b.ended.unwrap_or(s)),
                    },
                    None => Slot {
                        phase: Phase::Skipped,
                        start: None,
                        end: None,
                    },
                }
            } else if i == self.current {
                // The current block as `plan` would have it (a re-plan may
                // give it back minutes an earlier one took).
                let planned;
                let b = match plan.get(i) {
                    Some(&m) if m != b.minutes => {
                        planned = BlockRun {
                            minutes: m,
                            ..b.clone()
                        };
                        &planned
                    }
                    _ => b,
                };
                match b.started {
                    Some(s) => {
                        let deadline = b.deadline(now).unwrap_or(now);
                        Slot {
                            phase: if b.paused_at.is_some() {
                                Phase::Paused
                            } else {
                                Phase::Running
                            },
                            start: Some(s),
                            end: Some(deadline.max(now)),
                        }
                    }
                    None => {
                        let start = self.start_if_now(i, now);
                        Slot {
                            phase: Phase::Waiting,
                            start: Some(start),
                            end: Some(at(start, b.timebox_if_started(start))),
                        }
                    }
                }
            } else {
                let after = previous_end.unwrap_or(now).max(now);
                let start = b.fixed_start.map_or(after, |f| f.max(after));
                let end = if b.until_planned_end {
                    let anchor = at(
                        b.fixed_start.unwrap_or(b.planned_start),
                        SignedDuration::from_mins(plan[i]),
                    );
                    anchor.max(start)
                } else {
                    at(start, SignedDuration::from_mins(plan[i]))
                };
                Slot {
                    phase: Phase::ToCome,
                    start: Some(start),
                    end: Some(end),
                }
            };
            if slot.end.is_some() {
                previous_end = slot.end;
            }
            slots.push(slot);
        }
        let end = slots.iter().rev().find_map(|s| s.end);
        let late = match (end, self.blocks.last()) {
            (Some(end), Some(last)) => end - last.planned_end,
            _ => SignedDuration::ZERO,
        };
        Schedule { slots, late, end }
    }

    /// Applies one action of the lead at `now` (without recording it:
    /// [`History::apply`] does both).
    pub fn apply(&mut self, action: Action, now: Timestamp) -> Outcome {
        self.apply_inner(&action, now)
    }

    fn apply_inner(&mut self, action: &Action, now: Timestamp) -> Outcome {
        match action {
            Action::ToggleBell => {
                self.bell = !self.bell;
                Outcome::Bell(self.bell)
            }
            Action::Message(text) => match text {
                Some(t) if !t.trim().is_empty() => {
                    self.message = Some(Message {
                        text: t.clone(),
                        at: now,
                    });
                    Outcome::MessageSent
                }
                _ => {
                    self.message = None;
                    Outcome::MessageCleared
                }
            },
            Action::StartPause => {
                let Some(b) = self.blocks.get_mut(self.current) else {
                    return Outcome::Ignored(Ignored::ProgrammeOver);
                };
                if b.started.is_none() {
                    b.started = Some(now);
                    Outcome::Started
                } else if b.paused_at.is_some() {
                    b.finish_pause(now);
                    Outcome::Resumed
                } else {
                    b.paused_at = Some(now);
                    Outcome::Paused
                }
            }
            Action::Next => {
                let Some(b) = self.blocks.get_mut(self.current) else {
                    return Outcome::Ignored(Ignored::ProgrammeOver);
                };
                if b.started.is_some() {
                    b.finish_pause(now);
                    b.ended = Some(now);
                } else {
                    b.reset();
                }
                self.current += 1;
                // A message ends with the block it was sent in.
                self.message = None;
                match self.blocks.get_mut(self.current) {
                    Some(next) => {
                        next.reset();
                        next.started = Some(now);
                        Outcome::Moved { started: true }
                    }
                    None => Outcome::Ended,
                }
            }
            Action::Previous => {
                if self.current == 0 {
                    return Outcome::Ignored(Ignored::AtFirstBlock);
                }
                if let Some(b) = self.blocks.get_mut(self.current) {
                    b.reset();
                }
                self.current = (self.current - 1).min(self.blocks.len().saturating_sub(1));
                self.blocks[self.current].reset();
                self.message = None;
                Outcome::MovedBack
            }
            Action::Extend | Action::Shorten => {
                let Some(b) = self.blocks.get_mut(self.current) else {
                    return Outcome::Ignored(Ignored::ProgrammeOver);
                };
                if *action == Action::Extend {
                    b.extra = (b.extra + STEP).min(MAX_EXTRA);
                    return Outcome::Extended;
                }
                // Judged on the planned length alone, so that `-` undoes `+`
                // whatever else happened to the block.
                if b.planned_length() + b.extra - STEP < MIN_TIMEBOX {
                    return Outcome::Ignored(Ignored::MinimumReached);
                }
                b.extra -= STEP;
                Outcome::Shortened
            }
            Action::Replan => self.replan(now),
            Action::Plan(plan) => self.apply_plan(plan, now),
        }
    }
}

#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod replan_tests;
#[cfg(test)]
mod tests;
