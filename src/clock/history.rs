//! The lead's undo: every clock action (start, pause, resume, next,
//! previous, `+`, `-`, re-plan) and every programme edit is one step of a
//! [`History`], saved in `lead-state.json` with the clock, so `u` undoes
//! the last step and `U` redoes it for as long as the meeting runs, across
//! restarts.
//!
//! A step holds what to put back: the current block and the blocks that
//! differ (for a programme edit: every block, and the programme's text).
//! Nothing in a step is a duration that runs on: remaining times are
//! computed from the stored instants (when a block started, its pauses,
//! its extensions), so an undone `n` gives the block back its start and
//! its time runs on as if `n` had never been pressed. Undoing a step
//! makes its opposite the step to redo, and the other way round.
//!
//! The message to the rooms and the bell are not steps (the lead sends
//! and switches them at will), but a step that ended a message (`n`, `p`)
//! brings it back when undone, unless the lead sent or cleared a message
//! since.
//!
//! # Programme edits (the programme view, `oogst edit` on a running lead)
//!
//! An edit of the programme is one step too: record it with
//! [`History::record_programme_edit`] *after* the edit is made (once per
//! edit the lead saves, not per key typed: at most
//! [`MAX_PROGRAMME_STEPS`] are kept), with the clock and the programme's
//! text (`Programme::source`) from *before*:
//!
//! ```
//! # use oogst::clock::{ClockState, History};
//! # use oogst::programme::Programme;
//! # let day = jiff::civil::date(2021, 1, 21);
//! # let now: jiff::Timestamp = "2021-01-21T09:50:00Z".parse().unwrap();
//! # let tz = jiff::tz::TimeZone::UTC;
//! # let mut programme = Programme::demo();
//! # let mut clock = ClockState::new(&programme, day, &tz, now);
//! # let mut history = History::default();
//! let (clock_before, text_before) = (clock.clone(), programme.source.clone());
//! // … the edit: a new programme, and the clock kept in place for it …
//! # let edited = programme.source.replace("Ruimte voor vragen", "Vragen");
//! # programme = Programme::parse(&edited, "programme.json").unwrap();
//! history.record_programme_edit(&clock_before, &text_before, &clock, now);
//! // Undo puts back clock and programme; the caller writes programme.json.
//! let undone = history.undo(&mut clock, &mut programme).unwrap();
//! assert!(undone.programme);
//! assert_eq!(programme.source, text_before);
//! ```
//!
//! [`History::undo`] and [`History::redo`] then put back the clock and the
//! programme together; [`Undone::programme`] says that the programme
//! changed, for the caller to write `programme.json` (the lead: its
//! `Effect::WriteProgramme`, the atomic write of every session file).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Action, BlockRun, ClockState, Message, Outcome};
use crate::files::FileError;
use crate::programme::Programme;

/// The most steps kept: a long day of a lead who presses `+` a lot (a
/// clock step is half a kilobyte), and `lead-state.json` stays small
/// enough to write at every action and every heartbeat.
pub const MAX_STEPS: usize = 500;

/// The most programme edits kept (each holds a programme's text and every
/// block): record one per edit the lead saves, not per key typed.
pub const MAX_PROGRAMME_STEPS: usize = 50;

/// What a step did, to tell the lead what `u` undid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    Start,
    Pause,
    Resume,
    /// `n`: the next block (or the end of the programme).
    Next,
    Previous,
    Extend,
    Shorten,
    Replan,
    /// An edit of the programme.
    Programme,
    /// A step of a kind a newer oogst wrote.
    #[serde(other)]
    Other,
}

impl StepKind {
    /// The step an action's outcome makes; `None` for what is no step (a
    /// message, the bell, an action that did nothing).
    pub fn of(outcome: &Outcome) -> Option<StepKind> {
        Some(match outcome {
            Outcome::Started => StepKind::Start,
            Outcome::Paused => StepKind::Pause,
            Outcome::Resumed => StepKind::Resume,
            Outcome::Moved { .. } | Outcome::Ended => StepKind::Next,
            Outcome::MovedBack => StepKind::Previous,
            Outcome::Extended => StepKind::Extend,
            Outcome::Shortened => StepKind::Shorten,
            Outcome::Replanned { .. } => StepKind::Replan,
            Outcome::MessageSent
            | Outcome::MessageCleared
            | Outcome::Bell(_)
            | Outcome::OnTime
            | Outcome::Unchanged
            | Outcome::ReplanImpossible { .. }
            | Outcome::Ignored(_) => return None,
        })
    }
}

/// A block as a step puts it back, with its index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockAt {
    pub index: usize,
    pub block: BlockRun,
}

/// The message a step puts back: `to`, if the message is still `from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSwap {
    pub from: Option<Message>,
    pub to: Option<Message>,
}

/// One step: what to put back to go to the other side of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub what: StepKind,
    /// When it was done (the clock's time: virtual in a rehearsal).
    pub at: Timestamp,
    /// The current block on the other side.
    pub current: usize,
    /// The blocks that differ on the other side.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<BlockAt>,
    /// Every block on the other side: a step that changed the programme
    /// (the blocks may be more or fewer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<BlockRun>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<MessageSwap>,
    /// The programme's text on the other side (`programme.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
}

impl Step {
    /// The step from the clock `now` back to the clock `back`.
    fn back(what: StepKind, at: Timestamp, back: &ClockState, now: &ClockState) -> Step {
        let (changed, blocks) = if back.blocks.len() == now.blocks.len() {
            let changed = back
                .blocks
                .iter()
                .zip(&now.blocks)
                .enumerate()
                .filter(|(_, (b, n))| b != n)
                .map(|(index, (b, _))| BlockAt {
                    index,
                    block: b.clone(),
                })
                .collect();
            (changed, None)
        } else {
            (Vec::new(), Some(back.blocks.clone()))
        };
        Step {
            what,
            at,
            current: back.current,
            changed,
            blocks,
            message: (back.message != now.message).then(|| MessageSwap {
                from: now.message.clone(),
                to: back.message.clone(),
            }),
            programme: None,
        }
    }

    /// The blocks this step puts back, if it fits `clock` (a step from a
    /// tampered file may not).
    fn fits(&self, clock: &ClockState) -> bool {
        match &self.blocks {
            Some(all) => self.current <= all.len(),
            None => {
                self.current <= clock.blocks.len()
                    && self.changed.iter().all(|c| c.index < clock.blocks.len())
            }
        }
    }

    /// Puts this step's side back into `clock` and `programme`; returns
    /// the step back again.
    fn take(self, clock: &mut ClockState, programme: &mut Programme) -> Result<Step, UndoError> {
        if !self.fits(clock) {
            return Err(UndoError::Broken);
        }
        let restored = match &self.programme {
            Some(text) => {
                let p = Programme::parse(text, "programme.json").map_err(UndoError::Programme)?;
                let blocks = self.blocks.as_ref().map_or(clock.blocks.len(), Vec::len);
                if p.blocks.len() != blocks {
                    return Err(UndoError::Broken);
                }
                Some(p)
            }
            None => None,
        };
        let message = match self.message {
            Some(swap) if clock.message == swap.from => {
                clock.message = swap.to.clone();
                Some(MessageSwap {
                    from: swap.to,
                    to: swap.from,
                })
            }
            _ => None,
        };
        let mut changed = Vec::with_capacity(self.changed.len());
        for c in self.changed {
            let block = std::mem::replace(&mut clock.blocks[c.index], c.block);
            changed.push(BlockAt {
                index: c.index,
                block,
            });
        }
        let blocks = self
            .blocks
            .map(|all| std::mem::replace(&mut clock.blocks, all));
        let current = std::mem::replace(&mut clock.current, self.current);
        let programme = restored.map(|p| std::mem::replace(programme, p).source);
        Ok(Step {
            what: self.what,
            at: self.at,
            current,
            changed,
            blocks,
            message,
            programme,
        })
    }
}

/// The lead's steps: those to undo (the last one last) and those to redo.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    #[serde(default)]
    pub undo: Vec<Step>,
    #[serde(default)]
    pub redo: Vec<Step>,
}

/// What `u` or `U` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Undone {
    pub what: StepKind,
    /// When the step was first done.
    pub at: Timestamp,
    /// The programme changed with it: write `programme.json`.
    pub programme: bool,
}

/// Why `u` or `U` did nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UndoError {
    Nothing,
    /// The saved step does not fit the clock (a file changed by hand):
    /// the steps before it are dropped too.
    Broken,
    /// The programme to put back is not a valid one (ditto).
    Programme(FileError),
}

impl History {
    /// Applies `action` to `clock` at `now`, and keeps it as one step when
    /// it changed where the clock is or a block (a message, the bell, or
    /// an action that did nothing is no step). A new step forgets what
    /// there was to redo.
    pub fn apply(&mut self, clock: &mut ClockState, action: Action, now: Timestamp) -> Outcome {
        let before = clock.clone();
        let outcome = clock.apply(action, now);
        if let Some(what) = StepKind::of(&outcome)
            && (before.current != clock.current || before.blocks != clock.blocks)
        {
            self.push(Step::back(what, now, &before, clock));
        }
        outcome
    }

    /// Keeps an edit of the programme as one step, made at `at`: the
    /// clock and the programme's text from before the edit
    /// (`clock_before`, `programme_before`: `Programme::source`), and the
    /// clock as it is now. Undoing it puts back both (see the module's
    /// documentation).
    pub fn record_programme_edit(
        &mut self,
        clock_before: &ClockState,
        programme_before: &str,
        clock_now: &ClockState,
        at: Timestamp,
    ) {
        let mut step = Step::back(StepKind::Programme, at, clock_before, clock_now);
        // A whole clock, whatever the edit did to the number of blocks.
        step.changed.clear();
        step.blocks = Some(clock_before.blocks.clone());
        step.programme = Some(programme_before.to_string());
        self.push(step);
    }

    /// A new step: what there was to redo is forgotten; past the limits
    /// the oldest steps go (a programme edit with every step before it).
    fn push(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            let extra = self.undo.len() - MAX_STEPS;
            self.undo.drain(..extra);
        }
        let edits = self.undo.iter().filter(|s| s.programme.is_some()).count();
        if edits > MAX_PROGRAMME_STEPS
            && let Some(oldest) = self.undo.iter().position(|s| s.programme.is_some())
        {
            self.undo.drain(..=oldest);
        }
    }

    /// Undoes the last step: `clock` (and, for a programme edit,
    /// `programme`) as they were before it.
    pub fn undo(
        &mut self,
        clock: &mut ClockState,
        programme: &mut Programme,
    ) -> Result<Undone, UndoError> {
        Self::take_from(&mut self.undo, &mut self.redo, clock, programme)
    }

    /// Redoes the last step undone.
    pub fn redo(
        &mut self,
        clock: &mut ClockState,
        programme: &mut Programme,
    ) -> Result<Undone, UndoError> {
        Self::take_from(&mut self.redo, &mut self.undo, clock, programme)
    }

    /// Takes the newest step of `from` back, and keeps on `to` the step
    /// that makes it again. What lies before a step that does not fit
    /// fits nothing: `from` is then emptied.
    fn take_from(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        clock: &mut ClockState,
        programme: &mut Programme,
    ) -> Result<Undone, UndoError> {
        let step = from.pop().ok_or(UndoError::Nothing)?;
        let done = Undone {
            what: step.what,
            at: step.at,
            programme: step.programme.is_some(),
        };
        match step.take(clock, programme) {
            Ok(back) => {
                to.push(back);
                Ok(done)
            }
            Err(e) => {
                from.clear();
                Err(e)
            }
        }
    }

    /// The step `u` would undo.
    pub fn to_undo(&self) -> Option<StepKind> {
        self.undo.last().map(|s| s.what)
    }

    /// The step `U` would redo.
    pub fn to_redo(&self) -> Option<StepKind> {
        self.redo.last().map(|s| s.what)
    }

    /// Every step kept, to check a saved history: each with its blocks
    /// (changed, or all) and its message.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.undo.iter().chain(&self.redo)
    }
}
