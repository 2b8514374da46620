//! Re-planning as a proposal: when the meeting runs late (or, after an
//! earlier re-plan, early), what the blocks still to come could get so
//! that the programme ends on time — shown to the lead before anything
//! changes ([`ClockState::propose`]), applied with [`super::Action::Plan`].
//!
//! The rules, in order:
//!
//! - Only blocks still to come are shortened, never the current one; the
//!   current block can only get back minutes an earlier re-plan took
//!   (it is then the proposal's first row).
//! - A block the lead holds keeps its minutes: a protected block its
//!   minutes now, a block set by hand the minutes the lead gave it
//!   ([`Hold`]). The breakouts are protected by default
//!   ([`default_holds`]).
//! - A block with its own `start` keeps it where it can: before anything
//!   else, the blocks before it are shortened until it starts at its own
//!   start again (a checkpoint); then the blocks before the programme's
//!   end, until it ends on time.
//! - Blocks lose whole minutes, one at a time, always from the block that
//!   has so far given up the smallest share of its programme length (so
//!   cuts end up in proportion to the blocks' lengths), never below a
//!   floor of half that length (at least 2 minutes). A minute is only
//!   taken where it brings the checkpoint closer, so a gap that already
//!   absorbs the delay costs no block anything.
//! - When the programme runs early, blocks that were shortened get time
//!   back, a minute at a time, the block that gave up the largest share
//!   first, up to their programme length, as long as the programme still
//!   ends on time and no block loses the own start it keeps.
//!
//! A proposal that cannot end on time (even the floors are not enough, or
//! the lead holds too much) says by how much it still runs over.

use jiff::{SignedDuration, Timestamp};

use super::{ClockState, Ignored, MAX_MINUTES, Outcome};
use crate::programme::{BlockKind, Programme};

/// The shortest a block may become: half its length, at least 2 minutes.
pub fn floor_minutes(programme_minutes: i64) -> i64 {
    ((programme_minutes + 1) / 2).max(2).min(programme_minutes)
}

/// How a re-plan treats a block to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// The re-plan may shorten it (to its floor) or give it time back (up
    /// to its programme length).
    Free,
    /// Protected: it keeps its minutes as they are.
    Protected,
    /// The lead gave it these minutes in the proposal.
    Set(i64),
}

/// The holds a proposal starts with: every breakout protected (the heart
/// of the meeting), the rest free.
pub fn default_holds(programme: &Programme) -> Vec<Hold> {
    programme
        .blocks
        .iter()
        .map(|b| {
            if b.kind == BlockKind::Breakout {
                Hold::Protected
            } else {
                Hold::Free
            }
        })
        .collect()
}

/// One block to come in a proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The block's index in the programme.
    pub index: usize,
    pub hold: Hold,
    /// Its minutes as planned now.
    pub minutes: i64,
    /// Its minutes as proposed.
    pub proposed: i64,
    /// Its length in the programme as written, and the floor from it.
    pub programme_minutes: i64,
    pub floor: i64,
    /// Its projected start now, and as proposed.
    pub start_now: Option<Timestamp>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    /// The start written in the programme, if it has one.
    pub fixed_start: Option<Timestamp>,
}

impl Row {
    pub fn changed(&self) -> bool {
        self.proposed != self.minutes
    }

    /// For a block with its own start: whether it starts at it, as
    /// proposed.
    pub fn keeps_start(&self) -> Option<bool> {
        let fixed = self.fixed_start?;
        Some(self.start.is_none_or(|s| s <= fixed))
    }
}

/// What `r` would do, for the lead to see before it is done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// The blocks to come, in order.
    pub rows: Vec<Row>,
    /// Every block's minutes as proposed: what [`super::Action::Plan`] applies.
    pub plan: Vec<i64>,
    /// The programme's projected end now, and as proposed.
    pub end_now: Timestamp,
    pub end: Timestamp,
    /// Its planned end.
    pub target: Timestamp,
}

impl Proposal {
    /// How late (positive) or early the programme ends now.
    pub fn late_now(&self) -> SignedDuration {
        self.end_now - self.target
    }

    /// How late (positive) or early it ends as proposed.
    pub fn late(&self) -> SignedDuration {
        self.end - self.target
    }

    /// How many blocks the proposal changes.
    pub fn changes(&self) -> usize {
        self.rows.iter().filter(|r| r.changed()).count()
    }

    /// Whether every block the re-plan may shorten is at its floor: then
    /// only the lead (by hand, or by protecting less) can win more time.
    pub fn at_floors(&self) -> bool {
        self.rows
            .iter()
            .filter(|r| r.hold == Hold::Free)
            .all(|r| r.proposed <= r.floor)
    }
}

/// Where a re-plan aims: a block's own start, or the programme's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Checkpoint {
    Start(usize),
    End,
}

impl ClockState {
    /// The re-plan of the blocks still to come at `now`, with the lead's
    /// `holds` (by block index; a block without one is free). `None` when
    /// no block is still to come.
    pub fn propose(&self, now: Timestamp, holds: &[Hold]) -> Option<Proposal> {
        let first = self.current.saturating_add(1);
        let n = self.blocks.len();
        if first >= n {
            return None;
        }
        let target = self.blocks.last()?.planned_end;
        let base = self.plan();
        // The current block is a row only when an earlier re-plan took
        // minutes it may get back.
        let rows_from = match self.blocks.get(self.current) {
            Some(b) if b.minutes < b.programme_minutes => self.current,
            _ => first,
        };
        let hold = |i: usize| holds.get(i).copied().unwrap_or(Hold::Free);
        let mut plan = base.clone();
        for (i, m) in plan.iter_mut().enumerate().skip(rows_from) {
            if let Hold::Set(set) = hold(i) {
                *m = set.clamp(1, MAX_MINUTES);
            }
        }
        let free: Vec<bool> = (0..n)
            .map(|i| i >= rows_from && hold(i) == Hold::Free)
            .collect();
        let checkpoints: Vec<Checkpoint> = (first..n)
            .filter(|&i| self.blocks[i].fixed_start.is_some())
            .map(Checkpoint::Start)
            .chain([Checkpoint::End])
            .collect();
        let plan = self.shorten(now, plan, &free, &checkpoints, target);
        let plan = self.give_back(now, plan, &free, &checkpoints, target);

        let before = self.schedule_with(now, &base);
        let after = self.schedule_with(now, &plan);
        let rows = (rows_from..n)
            .map(|i| {
                let b = &self.blocks[i];
                Row {
                    index: i,
                    hold: hold(i),
                    minutes: base[i],
                    proposed: plan[i],
                    programme_minutes: b.programme_minutes,
                    floor: floor_minutes(b.programme_minutes),
                    start_now: before.slots[i].start,
                    start: after.slots[i].start,
                    end: after.slots[i].end,
                    fixed_start: b.fixed_start,
                }
            })
            .collect();
        Some(Proposal {
            rows,
            end_now: before.end.unwrap_or(now),
            end: after.end.unwrap_or(now),
            target,
            plan,
        })
    }

    /// When checkpoint `cp` falls in `schedule` (an own start: when that
    /// block starts; the end: when the programme ends), and when it should.
    fn checkpoint(
        &self,
        cp: Checkpoint,
        schedule: &super::Schedule,
        now: Timestamp,
        target: Timestamp,
    ) -> (Timestamp, Timestamp) {
        match cp {
            Checkpoint::Start(i) => (
                schedule.slots[i].start.unwrap_or(now),
                self.blocks[i].fixed_start.unwrap_or(target),
            ),
            Checkpoint::End => (schedule.end.unwrap_or(now), target),
        }
    }

    /// Takes minutes from the free blocks, checkpoint by checkpoint, until
    /// each is met or no minute brings it closer.
    fn shorten(
        &self,
        now: Timestamp,
        mut plan: Vec<i64>,
        free: &[bool],
        checkpoints: &[Checkpoint],
        target: Timestamp,
    ) -> Vec<i64> {
        let first = self.current.saturating_add(1);
        let floor = |j: usize| floor_minutes(self.blocks[j].programme_minutes);
        for &cp in checkpoints {
            let limit = match cp {
                Checkpoint::Start(i) => i,
                Checkpoint::End => plan.len(),
            };
            let at =
                |plan: &[i64]| self.checkpoint(cp, &self.schedule_with(now, plan), now, target);
            let (mut time, goal) = at(&plan);
            while time > goal {
                let mut candidates: Vec<usize> = (first..limit)
                    .filter(|&j| free[j] && plan[j] > floor(j))
                    .collect();
                // Least share given up first, then the longest block.
                candidates.sort_by(|&a, &b| {
                    let share = |j: usize| {
                        let length = self.blocks[j].programme_minutes.max(1);
                        (length - plan[j], length)
                    };
                    let (cut_a, len_a) = share(a);
                    let (cut_b, len_b) = share(b);
                    (cut_a * len_b)
                        .cmp(&(cut_b * len_a))
                        .then(plan[b].cmp(&plan[a]))
                        .then(a.cmp(&b))
                });
                let step = candidates.into_iter().find_map(|j| {
                    let mut trial = plan.clone();
                    trial[j] -= 1;
                    let (trial_time, _) = at(&trial);
                    (trial_time < time).then_some((trial, trial_time))
                });
                let Some((next, next_time)) = step else { break };
                plan = next;
                time = next_time;
            }
        }
        plan
    }

    /// Gives minutes back to free blocks shorter than in the programme,
    /// while the programme still ends on time and no checkpoint falls
    /// later than it should (or than it did).
    fn give_back(
        &self,
        now: Timestamp,
        mut plan: Vec<i64>,
        free: &[bool],
        checkpoints: &[Checkpoint],
        target: Timestamp,
    ) -> Vec<i64> {
        let times = |plan: &[i64]| {
            let s = self.schedule_with(now, plan);
            checkpoints
                .iter()
                .map(|&cp| self.checkpoint(cp, &s, now, target))
                .collect::<Vec<_>>()
        };
        let mut now_times = times(&plan);
        loop {
            let mut candidates: Vec<usize> = (self.current..plan.len())
                .filter(|&j| free[j] && plan[j] < self.blocks[j].programme_minutes)
                .collect();
            if candidates.is_empty() {
                break;
            }
            // Largest share given up first, then the longest block.
            candidates.sort_by(|&a, &b| {
                let share = |j: usize| {
                    let length = self.blocks[j].programme_minutes.max(1);
                    (length - plan[j], length)
                };
                let (cut_a, len_a) = share(a);
                let (cut_b, len_b) = share(b);
                (cut_b * len_a)
                    .cmp(&(cut_a * len_b))
                    .then(plan[b].cmp(&plan[a]))
                    .then(a.cmp(&b))
            });
            let step = candidates.into_iter().find_map(|j| {
                let mut trial = plan.clone();
                trial[j] += 1;
                let trial_times = times(&trial);
                let fits = trial_times
                    .iter()
                    .zip(&now_times)
                    .all(|(&(t, goal), &(was, _))| t <= goal.max(was));
                fits.then_some((trial, trial_times))
            });
            let Some((next, next_times)) = step else {
                break;
            };
            plan = next;
            now_times = next_times;
        }
        plan
    }

    /// Sets the current block and those still to come to `plan`'s minutes
    /// (every block's, as [`Proposal::plan`] holds them).
    pub(super) fn apply_plan(&mut self, plan: &[i64], now: Timestamp) -> Outcome {
        let first = self.current.saturating_add(1);
        if first >= self.blocks.len() {
            return Outcome::Ignored(Ignored::NothingToCome);
        }
        if plan.len() != self.blocks.len() {
            return Outcome::Ignored(Ignored::PlanOutdated);
        }
        let mut blocks = 0;
        for (b, &m) in self.blocks.iter_mut().zip(plan).skip(self.current) {
            let m = m.clamp(1, MAX_MINUTES);
            if b.minutes != m {
                b.minutes = m;
                blocks += 1;
            }
        }
        if blocks == 0 {
            return Outcome::Unchanged;
        }
        let s = self.schedule(now);
        Outcome::Replanned {
            blocks,
            end: s.end.unwrap_or(now),
            late: s.late,
        }
    }

    /// `r` without a lead to ask: the proposal with no block held, applied
    /// when it ends on time; else nothing changes.
    pub(super) fn replan(&mut self, now: Timestamp) -> Outcome {
        let Some(proposal) = self.propose(now, &[]) else {
            return Outcome::Ignored(if self.is_over() {
                Ignored::ProgrammeOver
            } else {
                Ignored::NothingToCome
            });
        };
        if proposal.late() > SignedDuration::ZERO {
            return Outcome::ReplanImpossible {
                over: proposal.late(),
            };
        }
        if proposal.changes() == 0 {
            return Outcome::OnTime;
        }
        self.apply_plan(&proposal.plan, now)
    }
}

#[cfg(test)]
mod tests {
    use super::floor_minutes;

    #[test]
    fn floors() {
        assert_eq!(floor_minutes(60), 30);
        assert_eq!(floor_minutes(15), 8);
        assert_eq!(floor_minutes(3), 2);
        assert_eq!(floor_minutes(2), 2);
        assert_eq!(floor_minutes(1), 1);
    }
}
