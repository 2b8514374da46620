//! Re-planning: when the meeting runs late, shorten the blocks still to
//! come so that the programme ends at its planned end again.
//!
//! Blocks lose whole minutes, one at a time, always from the block that has
//! so far given up the smallest share of its length (so cuts end up in
//! proportion to the blocks' lengths), never below a floor of half the
//! block's programme length (at least 2 minutes). A minute is only taken
//! where it brings the end closer, so a gap that already absorbs the delay
//! costs no block anything. The result ends on time, at most a minute
//! early.
//!
//! Fixed starts never need to move: a fixed start only holds a block back
//! when everything before it runs early, and then the blocks from there on
//! end no later than planned, since re-planning only ever shortens them.
//! So a late programme has no waiting fixed start, and moving one earlier
//! could not bring its end closer.

use jiff::Timestamp;

use super::{ClockState, Ignored, Outcome};

/// The shortest a block may become: half its length, at least 2 minutes.
pub fn floor_minutes(programme_minutes: i64) -> i64 {
    ((programme_minutes + 1) / 2).max(2).min(programme_minutes)
}

impl ClockState {
    pub(super) fn replan(&mut self, now: Timestamp) -> Outcome {
        let first = self.current + 1;
        let Some(last) = self.blocks.last() else {
            return Outcome::Ignored(Ignored::NothingToCome);
        };
        if first >= self.blocks.len() {
            return Outcome::Ignored(Ignored::NothingToCome);
        }
        let target = last.planned_end;
        let before = self.plan();
        let end_of = |plan: &[i64]| self.schedule_with(now, plan).end.unwrap_or(now);
        let end_before = end_of(&before);
        if end_before <= target {
            return Outcome::OnTime;
        }

        match self.shorten(now, &before, first, target) {
            Some(plan) => {
                let blocks = plan.iter().zip(&before).filter(|(a, b)| a != b).count();
                let saved = end_before - end_of(&plan);
                self.set_plan(&plan);
                self.replan_undo = Some(before);
                Outcome::Replanned { blocks, saved }
            }
            None => {
                let mut floors = before.clone();
                for (m, b) in floors[first..].iter_mut().zip(&self.blocks[first..]) {
                    *m = (*m).min(floor_minutes(b.programme_minutes));
                }
                Outcome::ReplanImpossible {
                    over: end_of(&floors) - target,
                }
            }
        }
    }

    /// Takes minutes from blocks `first..` of `start` until the programme
    /// ends by `target`; `None` when the floors are reached first.
    fn shorten(
        &self,
        now: Timestamp,
        start: &[i64],
        first: usize,
        target: Timestamp,
    ) -> Option<Vec<i64>> {
        let mut plan = start.to_vec();
        let end_of = |plan: &[i64]| self.schedule_with(now, plan).end.unwrap_or(now);
        let mut end = end_of(&plan);
        while end > target {
            // Candidates: least share given up first, then the longest block.
            let mut candidates: Vec<usize> = (first..plan.len())
                .filter(|&j| plan[j] > floor_minutes(self.blocks[j].programme_minutes))
                .collect();
            candidates.sort_by(|&a, &b| {
                let share = |j: usize| (start[j] - plan[j], start[j]);
                let (cut_a, len_a) = share(a);
                let (cut_b, len_b) = share(b);
                // cut_a / len_a < cut_b / len_b, without division.
                (cut_a * len_b)
                    .cmp(&(cut_b * len_a))
                    .then(len_b.cmp(&len_a))
                    .then(a.cmp(&b))
            });
            let step = candidates.into_iter().find_map(|j| {
                let mut trial = plan.clone();
                trial[j] -= 1;
                let trial_end = end_of(&trial);
                (trial_end < end).then_some((trial, trial_end))
            });
            let (next, next_end) = step?;
            plan = next;
            end = next_end;
        }
        Some(plan)
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
