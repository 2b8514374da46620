//! A programme that changed while the clock runs: the clock keeps its
//! place by block ids (SPEC §4), and the lead is told what changed.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::clock::ClockState;
use crate::programme::{Block, Programme};

/// The clock of `old_ids`' programme, for `new`: every block that is in
/// both keeps what happened to it (its start, end, extensions, pauses; a
/// re-planned length unless the programme changed that length), and its
/// plan comes from `new`. The running block stays the current one; else
/// the current block is the first after the blocks that were behind the
/// clock (a block put where the next one was is the next one). Blocks
/// behind the clock that did not run show as skipped; blocks to come
/// have not run. `day` is the day the clock runs on.
pub fn follow(
    clock: &ClockState,
    old_ids: &[String],
    new: &Programme,
    day: Date,
    tz: &TimeZone,
    now: Timestamp,
) -> ClockState {
    let mut next = ClockState::new(new, day, tz, now);
    let old_index = |id: &str| {
        old_ids
            .iter()
            .position(|o| o == id)
            .filter(|&i| i < clock.blocks.len())
    };
    let old_of_new: Vec<Option<usize>> = new.blocks.iter().map(|b| old_index(&b.id)).collect();
    let running = clock
        .blocks
        .get(clock.current)
        .is_some_and(|b| b.started.is_some());
    let kept_current = if running {
        old_of_new.iter().position(|o| *o == Some(clock.current))
    } else {
        None
    };
    let current = kept_current.unwrap_or_else(|| {
        // After the last block that was behind the clock.
        old_of_new
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_some_and(|o| o < clock.current))
            .map(|(j, _)| j + 1)
            .max()
            .unwrap_or(0)
    });
    for (j, run) in next.blocks.iter_mut().enumerate() {
        let Some(o) = old_of_new[j] else { continue };
        let was = &clock.blocks[o];
        // A re-planned length is kept where the programme kept the length.
        if was.programme_minutes == run.programme_minutes {
            run.minutes = was.minutes;
        }
        // Only what is behind the clock, or runs, has a past.
        if j < current || (j == current && kept_current.is_some()) {
            run.started = was.started;
            run.ended = was.ended;
            run.extra = was.extra;
            run.paused = was.paused;
            run.paused_at = was.paused_at;
        }
    }
    next.current = current.min(next.blocks.len());
    next.message.clone_from(&clock.message);
    next.bell = clock.bell;
    next.replan_undo = None;
    next
}

/// The day a clock runs on: that of its first block's planned start.
pub fn day_of(clock: &ClockState, tz: &TimeZone) -> Option<Date> {
    let first = clock.blocks.first()?;
    Some(first.planned_start.to_zoned_datetime(tz.clone()).date())
}

/// What changed in a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aspect {
    Title,
    Kind,
    /// Its length, or its fixed start.
    Time,
    Questions,
    Rooms,
    /// Its place among the others.
    Place,
}

/// One change between two programmes, by block id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added { title: String },
    Removed { title: String },
    Changed { title: String, what: Vec<Aspect> },
}

/// What changed from `old` to `new`, block by block (by id): blocks
/// added, removed, and changed (in the order of `new`). A block whose
/// times moved only because a block before it changed is not changed.
pub fn changes(old: &Programme, new: &Programme) -> Vec<Change> {
    let common_old: Vec<&str> = old
        .blocks
        .iter()
        .filter(|b| new.block(&b.id).is_some())
        .map(|b| b.id.as_str())
        .collect();
    let common_new: Vec<&str> = new
        .blocks
        .iter()
        .filter(|b| old.block(&b.id).is_some())
        .map(|b| b.id.as_str())
        .collect();
    let stayed = in_order(&common_old, &common_new);
    let mut out = Vec::new();
    for b in &old.blocks {
        if new.block(&b.id).is_none() {
            out.push(Change::Removed {
                title: b.title.clone(),
            });
        }
    }
    for b in &new.blocks {
        let Some(was) = old.block(&b.id) else {
            out.push(Change::Added {
                title: b.title.clone(),
            });
            continue;
        };
        let mut what = aspects(was, b);
        if !stayed.contains(&b.id.as_str()) {
            what.push(Aspect::Place);
        }
        if !what.is_empty() {
            out.push(Change::Changed {
                title: b.title.clone(),
                what,
            });
        }
    }
    out
}

fn aspects(was: &Block, b: &Block) -> Vec<Aspect> {
    let mut what = Vec::new();
    if was.title != b.title {
        what.push(Aspect::Title);
    }
    if was.kind != b.kind {
        what.push(Aspect::Kind);
    }
    let fixed = |x: &Block| x.fixed_start.then_some(x.start);
    if was.minutes() != b.minutes() || fixed(was) != fixed(b) {
        what.push(Aspect::Time);
    }
    if was.questions != b.questions {
        what.push(Aspect::Questions);
    }
    if was.rooms != b.rooms {
        what.push(Aspect::Rooms);
    }
    what
}

/// The longest run of `a` that is in `b` in the same order (the blocks
/// that kept their order; the others moved).
fn in_order<'s>(a: &[&'s str], b: &[&str]) -> Vec<&'s str> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if a[i] == b[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(a[i]);
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}
