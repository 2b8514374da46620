//! The lead's re-plan proposal (`r`) as the overlay holds it: which
//! blocks the lead protects or sets by hand, the chosen row, and the
//! proposal the core makes of them ([`ClockState::propose`]), made again
//! at every update, so that it follows the time while it is open. `Enter`
//! applies it ([`Action::Plan`]), `Esc` leaves the day as it was.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keys::ReplanCommand;
use crate::clock::{Action, ClockState, Hold, MAX_MINUTES, Proposal, default_holds};
use crate::programme::Programme;

pub struct ReplanOverlay {
    /// The lead's holds, by block index.
    pub holds: Vec<Hold>,
    /// The chosen row of [`Proposal::rows`].
    pub selected: usize,
    /// The proposal at the last update.
    pub proposal: Proposal,
    /// The holds it opened with (the breakouts protected), for `r`.
    defaults: Vec<Hold>,
}

/// What a key in the proposal asks of the lead's app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// The proposal stays open.
    Stay,
    /// Closed: the day as it was.
    Close,
    /// Closed: apply this.
    Apply(Action),
}

impl ReplanOverlay {
    /// The proposal at `now`, with the breakouts protected; `None` when no
    /// block is still to come.
    pub fn open(
        clock: &ClockState,
        programme: &Programme,
        now: Timestamp,
    ) -> Option<ReplanOverlay> {
        let defaults = default_holds(programme);
        let proposal = clock.propose(now, &defaults)?;
        // The first block the proposal changes, else the first to come.
        let selected = proposal.rows.iter().position(|r| r.changed()).unwrap_or(0);
        Some(ReplanOverlay {
            holds: defaults.clone(),
            selected,
            proposal,
            defaults,
        })
    }

    /// The proposal made again at `now` (time went on); `false` when no
    /// block is still to come any more.
    pub fn refresh(&mut self, clock: &ClockState, now: Timestamp) -> bool {
        match clock.propose(now, &self.holds) {
            Some(p) => {
                self.selected = self.selected.min(p.rows.len().saturating_sub(1));
                self.proposal = p;
                true
            }
            None => false,
        }
    }

    /// A key of [`super::keys::REPLAN`] (`key`: which of the row's keys).
    pub fn on_command(
        &mut self,
        command: ReplanCommand,
        key: &KeyEvent,
        clock: &ClockState,
        now: Timestamp,
    ) -> Next {
        let row = self.proposal.rows.get(self.selected).cloned();
        match command {
            ReplanCommand::Choose => {
                let last = self.proposal.rows.len().saturating_sub(1);
                self.selected = match key.code {
                    KeyCode::Up => self.selected.saturating_sub(1),
                    _ => (self.selected + 1).min(last),
                };
                return Next::Stay;
            }
            ReplanCommand::Longer | ReplanCommand::Shorter => {
                let Some(row) = row else { return Next::Stay };
                let step = if command == ReplanCommand::Longer {
                    1
                } else {
                    -1
                };
                let minutes = row.proposed.saturating_add(step).clamp(1, MAX_MINUTES);
                self.hold(row.index, Hold::Set(minutes));
            }
            ReplanCommand::Protect => {
                let Some(row) = row else { return Next::Stay };
                let hold = if row.hold == Hold::Free {
                    Hold::Protected
                } else {
                    Hold::Free
                };
                self.hold(row.index, hold);
            }
            ReplanCommand::Reset => self.holds.clone_from(&self.defaults),
            ReplanCommand::Apply => return Next::Apply(Action::Plan(self.proposal.plan.clone())),
            ReplanCommand::Cancel => return Next::Close,
        }
        if !self.refresh(clock, now) {
            return Next::Close;
        }
        Next::Stay
    }

    fn hold(&mut self, index: usize, hold: Hold) {
        if self.holds.len() <= index {
            self.holds.resize(index + 1, Hold::Free);
        }
        self.holds[index] = hold;
    }
}
