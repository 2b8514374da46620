//! The re-plan proposal: what it takes and gives back, what it keeps,
//! and its laws over random programmes and days.

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::tests::{
    DAY, at, demo_at, mins, programme_strategy, run_script, script_strategy, slots, tz,
};
use super::*;
use crate::programme::Programme;

/// The demo's holds as the lead's `r` starts: the breakout protected.
fn lead_holds() -> Vec<Hold> {
    default_holds(&Programme::demo())
}

#[test]
fn the_breakout_is_protected_by_default() {
    let holds = lead_holds();
    assert_eq!(holds[4], Hold::Protected);
    assert!(holds[..4].iter().all(|h| *h == Hold::Free));
}

/// The case started 12 minutes late runs on: the proposal takes the
/// delay from the questions (down to their floor) and keeps the
/// breakout, protected, at 11:00 where it can.
#[test]
fn a_late_morning_proposal() {
    let mut c = demo_at(at(10, 22));
    c.apply(Action::StartPause, at(10, 22));
    let p = c.propose(at(10, 22), &lead_holds()).unwrap();
    assert_eq!(p.late_now(), mins(7));
    assert_eq!(p.rows.len(), 2);
    let (questions, breakout) = (&p.rows[0], &p.rows[1]);
    assert_eq!((questions.minutes, questions.proposed), (15, 8));
    assert_eq!(questions.floor, 8);
    assert_eq!((breakout.minutes, breakout.proposed), (60, 60));
    assert_eq!(breakout.hold, Hold::Protected);
    // Even at its floor the questions end at 11:00: the breakout keeps its start.
    assert_eq!(breakout.keeps_start(), Some(true));
    assert_eq!(p.end, at(12, 0));
    assert_eq!(p.late(), SignedDuration::ZERO);
    assert_eq!(p.changes(), 1);
    // Nothing changed until it is applied.
    assert_eq!(c.blocks[3].minutes, 15);
    let outcome = c.apply(Action::Plan(p.plan.clone()), at(10, 23));
    assert_eq!(
        outcome,
        Outcome::Replanned {
            blocks: 1,
            end: at(12, 0),
            late: SignedDuration::ZERO
        }
    );
    assert_eq!(slots(&c, at(10, 23))[3], "ToCome 10:52-11:00");
}

/// Twelve minutes late: the questions' floor is not enough, so the
/// breakout's start slips; protected, the breakout keeps its hour and
/// the programme says by how much it still runs over. Freed, the
/// breakout gives the rest.
#[test]
fn protection_and_the_floors() {
    let mut c = demo_at(at(10, 27));
    c.apply(Action::StartPause, at(10, 27));
    let p = c.propose(at(10, 27), &lead_holds()).unwrap();
    assert_eq!(p.late_now(), mins(12));
    assert_eq!(p.rows[0].proposed, 8);
    assert_eq!(p.rows[1].proposed, 60);
    assert_eq!(p.rows[1].keeps_start(), Some(false));
    assert_eq!(p.late(), mins(5));
    assert!(p.at_floors());
    let free = c.propose(at(10, 27), &[]).unwrap();
    assert_eq!(free.rows[0].proposed, 8);
    assert_eq!(free.rows[1].proposed, 55);
    assert_eq!(free.late(), SignedDuration::ZERO);
    assert!(!free.at_floors());
}

/// A block set by hand keeps the lead's minutes; the others make room
/// around it.
#[test]
fn minutes_set_by_hand() {
    let mut c = demo_at(at(10, 22));
    c.apply(Action::StartPause, at(10, 22));
    let mut holds = lead_holds();
    // The questions get 12: the breakout, protected, starts later.
    holds[3] = Hold::Set(12);
    let p = c.propose(at(10, 22), &holds).unwrap();
    assert_eq!(p.rows[0].proposed, 12);
    assert_eq!(p.rows[0].hold, Hold::Set(12));
    assert_eq!(p.late(), mins(4));
    // The breakout set to 56 by hand: on time again.
    holds[4] = Hold::Set(56);
    let p = c.propose(at(10, 22), &holds).unwrap();
    assert_eq!((p.rows[0].proposed, p.rows[1].proposed), (12, 56));
    assert_eq!(p.late(), SignedDuration::ZERO);
    // By hand a block may go below its floor, never below a minute.
    holds[3] = Hold::Set(0);
    let p = c.propose(at(10, 22), &holds).unwrap();
    assert_eq!(p.rows[0].proposed, 1);
}

/// Re-planned late, then the case is cut short: the programme runs
/// early, and `r` offers the shortened blocks their minutes back.
#[test]
fn time_back_when_the_programme_runs_early() {
    let mut c = super::tests::demo_without_gap(at(10, 20));
    c.apply(Action::StartPause, at(10, 15));
    c.apply(Action::Replan, at(10, 20));
    assert_eq!((c.blocks[3].minutes, c.blocks[4].minutes), (14, 56));
    for _ in 0..10 {
        c.apply(Action::Shorten, at(10, 25));
    }
    let p = c.propose(at(10, 25), &[]).unwrap();
    assert_eq!(p.late_now(), -mins(10));
    assert_eq!((p.rows[0].proposed, p.rows[1].proposed), (15, 60));
    assert_eq!(p.end, at(11, 50));
    assert_eq!(p.late(), -mins(5));
    // Nothing past the programme's own minutes.
    c.apply(Action::Plan(p.plan), at(10, 25));
    assert_eq!(c.propose(at(10, 25), &[]).unwrap().changes(), 0);
}

/// A gap may leave room to give back too: the questions get their
/// minutes back while the breakout keeps 11:00.
#[test]
fn time_back_before_an_own_start() {
    let mut c = demo_at(at(10, 22));
    c.apply(Action::StartPause, at(10, 22));
    let p = c.propose(at(10, 22), &lead_holds()).unwrap();
    c.apply(Action::Plan(p.plan), at(10, 22));
    assert_eq!(c.blocks[3].minutes, 8);
    // Still as late: nothing to give back.
    let p = c.propose(at(10, 23), &lead_holds()).unwrap();
    assert_eq!(p.changes(), 0);
    // The case cut by ten minutes: it ends 10:42, the questions may have
    // their 15 again and end 10:57.
    for _ in 0..10 {
        c.apply(Action::Shorten, at(10, 30));
    }
    let p = c.propose(at(10, 30), &lead_holds()).unwrap();
    assert_eq!(p.rows[0].proposed, 15);
    assert_eq!(p.rows[0].end, Some(at(10, 57)));
    assert_eq!(p.rows[1].start, Some(at(11, 0)));
    // Cut by three: 11 minutes fit before 11:00, not 15.
    let mut c2 = c.clone();
    for _ in 0..7 {
        c2.apply(Action::Extend, at(10, 30));
    }
    let p = c2.propose(at(10, 30), &lead_holds()).unwrap();
    assert_eq!(p.rows[0].proposed, 11);
    assert_eq!(p.rows[1].keeps_start(), Some(true));
}

/// A gap absorbs delay first: nothing is taken while the fixed start
/// still holds.
#[test]
fn a_gap_absorbs_delay_first() {
    let mut c = demo_at(at(10, 14));
    c.apply(Action::StartPause, at(10, 14));
    let p = c.propose(at(10, 14), &[]).unwrap();
    assert_eq!(p.late_now(), SignedDuration::ZERO);
    assert_eq!(p.changes(), 0);
    assert_eq!(
        p.plan,
        c.blocks.iter().map(|b| b.minutes).collect::<Vec<_>>()
    );
}

#[test]
fn nothing_to_propose_on_the_last_block_or_after() {
    let mut c = demo_at(at(11, 10));
    c.apply(Action::StartPause, at(11, 10));
    assert_eq!(c.propose(at(11, 10), &[]), None);
    c.apply(Action::Next, at(12, 0));
    assert_eq!(c.propose(at(12, 0), &[]), None);
    assert_eq!(
        c.apply(Action::Plan(vec![1; 5]), at(12, 0)),
        Outcome::Ignored(Ignored::NothingToCome)
    );
}

#[test]
fn a_plan_for_another_programme_is_refused() {
    let mut c = demo_at(at(10, 20));
    let before = c.clone();
    assert_eq!(
        c.apply(Action::Plan(vec![5; 7]), at(10, 20)),
        Outcome::Ignored(Ignored::PlanOutdated)
    );
    assert_eq!(c, before);
    // The same plan again changes nothing.
    let plan = c.blocks.iter().map(|b| b.minutes).collect();
    assert_eq!(c.apply(Action::Plan(plan), at(10, 20)), Outcome::Unchanged);
}

/// Random holds: free, protected, or set to some minutes.
fn holds_strategy() -> impl Strategy<Value = Vec<Hold>> {
    proptest::collection::vec(
        prop_oneof![
            4 => Just(Hold::Free),
            1 => Just(Hold::Protected),
            1 => (0i64..120).prop_map(Hold::Set),
        ],
        0..9,
    )
}

/// When checkpoint-block `k` starts under `plan`.
fn start_of(c: &ClockState, now: Timestamp, plan: &[i64], k: usize) -> Timestamp {
    c.schedule_with(now, plan).slots[k].start.unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The laws of a proposal, over random programmes, days and holds.
    #[test]
    fn a_proposal_keeps_what_it_must(
        p in programme_strategy(),
        script in script_strategy(),
        holds in holds_strategy(),
        free_or_protected in any::<bool>(),
    ) {
        let (c, now) = run_script(&p, at(8, 0), &script);
        // Without minutes set by hand, for the laws about fixed starts.
        let holds: Vec<Hold> = if free_or_protected {
            holds.into_iter().map(|h| match h { Hold::Set(_) => Hold::Free, h => h }).collect()
        } else {
            holds
        };
        let Some(proposal) = c.propose(now, &holds) else {
            prop_assert!(c.current + 1 >= c.blocks.len());
            return Ok(());
        };
        let hold = |i: usize| holds.get(i).copied().unwrap_or(Hold::Free);
        let base: Vec<i64> = c.blocks.iter().map(|b| b.minutes).collect();
        let target = c.blocks.last().unwrap().planned_end;
        // What ran never changes; the current block only gets back what
        // an earlier re-plan took (it is a row only then).
        prop_assert_eq!(&proposal.plan[..c.current], &base[..c.current]);
        let current = &c.blocks[c.current];
        let current_is_row = current.minutes < current.programme_minutes;
        prop_assert_eq!(
            proposal.rows.len(),
            c.blocks.len() - c.current - 1 + usize::from(current_is_row)
        );
        if current_is_row {
            if hold(c.current) == Hold::Free {
                prop_assert!(proposal.plan[c.current] >= base[c.current]);
            }
        } else {
            prop_assert_eq!(proposal.plan[c.current], base[c.current]);
        }
        prop_assert_eq!(proposal.end, c.schedule_with(now, &proposal.plan).end.unwrap());
        for row in &proposal.rows {
            let i = row.index;
            let b = &c.blocks[i];
            prop_assert_eq!(row.proposed, proposal.plan[i]);
            match hold(i) {
                // A protected block keeps its minutes; one set by hand the lead's.
                Hold::Protected => prop_assert_eq!(row.proposed, base[i]),
                Hold::Set(m) => prop_assert_eq!(row.proposed, m.clamp(1, MAX_MINUTES)),
                Hold::Free => {
                    // Never below a floor, never past its programme length.
                    let floor = floor_minutes(b.programme_minutes);
                    prop_assert!(row.proposed >= floor.min(base[i]), "{row:?}");
                    prop_assert!(row.proposed <= b.programme_minutes.max(base[i]), "{row:?}");
                }
            }
        }
        // The plan at the floors: what the proposal can at best do.
        let mut floors = base.clone();
        for (i, m) in floors.iter_mut().enumerate().skip(c.current) {
            match hold(i) {
                // The current block is never shortened.
                Hold::Free if i == c.current => {}
                Hold::Free => *m = (*m).min(floor_minutes(c.blocks[i].programme_minutes)),
                Hold::Set(set) if i > c.current || current_is_row => {
                    *m = set.clamp(1, MAX_MINUTES);
                }
                Hold::Set(_) | Hold::Protected => {}
            }
        }
        // Ends on time when it can.
        if c.schedule_with(now, &floors).end.unwrap() <= target {
            prop_assert!(proposal.end <= target, "{} after {target}", proposal.end);
        }
        if free_or_protected {
            for k in (c.current + 1)..c.blocks.len() {
                let Some(fixed) = c.blocks[k].fixed_start else { continue };
                // Never moves an own start it keeps now…
                if start_of(&c, now, &base, k) <= fixed {
                    prop_assert!(start_of(&c, now, &proposal.plan, k) <= fixed, "block {k}");
                }
                // …and keeps one it can keep.
                let mut best = floors.clone();
                for (i, m) in best.iter_mut().enumerate().skip(k) { *m = base[i]; }
                if start_of(&c, now, &best, k) <= fixed {
                    prop_assert!(start_of(&c, now, &proposal.plan, k) <= fixed, "block {k}");
                }
            }
            // On time already: nothing is taken.
            let on_time = c.schedule_with(now, &base).end.unwrap() <= target
                && ((c.current + 1)..c.blocks.len()).all(|k| {
                    c.blocks[k].fixed_start.is_none_or(|f| start_of(&c, now, &base, k) <= f)
                });
            if on_time {
                for row in &proposal.rows {
                    prop_assert!(row.proposed >= row.minutes, "{row:?}");
                }
            }
        }
        // Gives time back when early: a free block still short of its
        // programme length could not have one more minute without the
        // programme ending late or a checkpoint slipping.
        if proposal.end <= target {
            for row in proposal.rows.iter().filter(|r| r.hold == Hold::Free) {
                if row.proposed >= c.blocks[row.index].programme_minutes {
                    continue;
                }
                let mut more = proposal.plan.clone();
                more[row.index] += 1;
                let end = c.schedule_with(now, &more).end.unwrap();
                let slips = ((c.current + 1)..c.blocks.len()).any(|k| {
                    c.blocks[k].fixed_start.is_some_and(|f| {
                        let was = start_of(&c, now, &proposal.plan, k);
                        start_of(&c, now, &more, k) > f.max(was)
                    })
                });
                prop_assert!(end > target || slips, "{row:?} could have had a minute back");
            }
        }
    }

    /// Applying a proposal gives the clock exactly its plan, and its end.
    #[test]
    fn applying_a_proposal_gives_its_plan(
        p in programme_strategy(),
        script in script_strategy(),
        holds in holds_strategy(),
    ) {
        let (mut c, now) = run_script(&p, at(8, 0), &script);
        let Some(proposal) = c.propose(now, &holds) else { return Ok(()) };
        let outcome = c.apply(Action::Plan(proposal.plan.clone()), now);
        let plan: Vec<i64> = c.blocks.iter().map(|b| b.minutes).collect();
        prop_assert_eq!(&plan, &proposal.plan);
        prop_assert_eq!(c.schedule(now).end, Some(proposal.end));
        match outcome {
            Outcome::Replanned { blocks, .. } => prop_assert_eq!(blocks, proposal.changes()),
            Outcome::Unchanged => prop_assert_eq!(proposal.changes(), 0),
            other => prop_assert!(false, "{other:?}"),
        }
        let _ = (DAY, tz());
    }
}

/// The block an earlier re-plan shortened is running when the day turns
/// early (the case ended early): `r` gives it its minutes back, and only
/// those — the current block is never shortened.
#[test]
fn time_back_to_the_running_block() {
    let mut c = demo_at(at(10, 27));
    c.apply(Action::StartPause, at(10, 27));
    let p = c.propose(at(10, 27), &lead_holds()).unwrap();
    c.apply(Action::Plan(p.plan), at(10, 27));
    assert_eq!(c.blocks[3].minutes, 8);
    c.apply(Action::Next, at(10, 39));
    let p = c.propose(at(10, 40), &lead_holds()).unwrap();
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.rows[0].index, 3);
    assert_eq!((p.rows[0].minutes, p.rows[0].proposed), (8, 15));
    assert_eq!(p.rows[0].end, Some(at(10, 54)));
    assert_eq!(p.rows[1].start, Some(at(11, 0)));
    c.apply(Action::Plan(p.plan), at(10, 40));
    assert_eq!(c.current(at(10, 40)).unwrap().deadline, Some(at(10, 54)));
    // Not shortened, it is no row: the proposal is the blocks to come.
    let p = c.propose(at(10, 41), &lead_holds()).unwrap();
    assert_eq!(p.rows.len(), 1);
}
