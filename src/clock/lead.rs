//! One lead per session (SPEC §4 Clock, `lead`): which run of the lead may
//! write `clock.json`. Pure: the clock found on disk, this run's
//! [`ClockLead`], the state of this machine's lock on the session folder
//! and the real time come in; a verdict goes out.
//!
//! - A lead that finds the clock of the same session written by another
//!   run less than [`FRESH`] ago does not start, unless it is told to take
//!   over. Another lead of the folder on this machine holds the lock: that
//!   one is refused whatever the clock says. The same machine's clock with
//!   the lock free is an earlier run that ended (a crash, a kill): it
//!   starts.
//! - Every run id is later than the run it found in the clock, so a lead
//!   that takes over is always the newer one. A running lead gives way to
//!   a newer run's fresh clock (and from then on only follows); an older
//!   run's clock (a lead that has not yet seen it was taken over, a copy
//!   a sync engine put back) it writes over. Two leads that started
//!   without seeing each other agree which is newer: one of them gives
//!   way, never both, and the clock never flips between them.
//! - A lead that gave way follows the other's clock
//!   ([`ClockState::follow`]).

use jiff::{SignedDuration, Timestamp};

use super::document::{ClockDoc, ClockLead};
use super::{ClockState, MAX_EXTRA, Message, at};
use crate::programme::Programme;

/// A clock written less than this long ago (in real time) is a lead's
/// that may still be running: the hosts call it stale only after this.
pub const FRESH: SignedDuration = SignedDuration::from_secs(30);

/// Crockford's base 32, as ULIDs write it.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The run id's time part: 10 characters, 48 bits of milliseconds (as a
/// ULID's); then 6 characters, 30 random bits.
const TIME_CHARS: usize = 10;
const RANDOM_CHARS: u32 = 6;
const MAX_MILLIS: u64 = (1 << 48) - 1;

/// The milliseconds in a run id's time part; `None` for an id that is
/// not one of ours.
fn millis_of(run: &str) -> Option<u64> {
    let head = run.get(..TIME_CHARS)?;
    head.bytes().try_fold(0u64, |n, b| {
        let b = b.to_ascii_uppercase();
        let digit = CROCKFORD.iter().position(|&c| c == b)?;
        Some((n << 5) | digit as u64)
    })
}

/// The order of runs: by the time in their ids, then by the ids.
fn run_key(run: &str) -> (u64, String) {
    (millis_of(run).unwrap_or(0), run.to_ascii_uppercase())
}

impl ClockLead {
    /// This start of the lead on the machine with `writer` (and `machine`,
    /// its name), at real time `real_now`: a run id made afresh, 48 bits
    /// of milliseconds and 30 bits of `random` in Crockford base 32 (the
    /// time as a ULID writes it), later than `after`'s run (the lead found in the
    /// clock), even when this machine's clock is behind.
    pub fn start(
        writer: &str,
        machine: Option<String>,
        real_now: Timestamp,
        after: Option<&ClockLead>,
        random: u32,
    ) -> ClockLead {
        let now = u64::try_from(real_now.as_millisecond()).unwrap_or(0);
        let floor = after
            .and_then(|l| millis_of(&l.run))
            .map_or(0, |ms| ms.saturating_add(1));
        let ms = now.max(floor).min(MAX_MILLIS);
        let digits = |n: u64, count: u32| {
            (0..count)
                .rev()
                .map(move |i| CROCKFORD[((n >> (i * 5)) & 31) as usize] as char)
        };
        let run = digits(ms, TIME_CHARS as u32)
            .chain(digits(u64::from(random), RANDOM_CHARS))
            .collect();
        ClockLead {
            writer: writer.to_string(),
            run,
            machine: machine.filter(|m| !m.trim().is_empty()),
        }
    }

    /// Whether this run started after `other` (by its id).
    pub fn is_newer_than(&self, other: &ClockLead) -> bool {
        run_key(&self.run) > run_key(&other.run)
    }

    /// Whether `other` ran on this machine: the same writer id, and the
    /// same machine name where both say one (a writer id copied to
    /// another machine, with a roaming profile, say, is not this one).
    pub fn same_machine(&self, other: &ClockLead) -> bool {
        self.writer == other.writer
            && match (&self.machine, &other.machine) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// This machine's lock on the session folder's lead, which a lead holds
/// for as long as it leads (the system lets go of it when the process
/// ends, however it ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// This run holds it: no other lead of the folder runs on this machine.
    Held,
    /// Another process on this machine holds it.
    Busy,
    /// No lock could be made (no folder for it): nobody knows.
    Unknown,
}

/// Why a lead may start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// No lead's clock of this session, or one too old to be running.
    Free,
    /// This machine's earlier run wrote the clock a moment ago, and has
    /// ended since (the lock is free): a restart after a crash.
    Restart,
    /// `--take-over` from this lead, which was still writing.
    TakeOver(ClockLead),
}

/// Why a lead does not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Another lead of this session folder runs on this machine.
    HereAlready,
    /// Another lead wrote the session's clock `age` ago (real time).
    OtherLead { by: ClockLead, age: SignedDuration },
}

/// Whether the lead `me` may start, given the clock `found` in the
/// session folder (`None`: none, or none that could be read), the
/// session's id, this machine's `lock`, whether it was told to take over,
/// and the real time.
pub fn may_start(
    found: Option<&ClockDoc>,
    session: &str,
    me: &ClockLead,
    lock: Lock,
    take_over: bool,
    real_now: Timestamp,
) -> Result<Start, Refused> {
    if lock == Lock::Busy {
        return Err(Refused::HereAlready);
    }
    let Some(doc) = found.filter(|d| d.session == session) else {
        return Ok(Start::Free);
    };
    // A clock without a lead (an oogst before leads said who they are)
    // names nobody to refuse for.
    let Some(other) = &doc.lead else {
        return Ok(Start::Free);
    };
    let age = doc.age(real_now);
    // A clock from a machine whose clock runs ahead has a negative age:
    // fresh too.
    if age >= FRESH {
        return Ok(Start::Free);
    }
    if lock == Lock::Held && me.same_machine(other) {
        return Ok(Start::Restart);
    }
    if take_over {
        return Ok(Start::TakeOver(other.clone()));
    }
    Err(Refused::OtherLead {
        by: other.clone(),
        age,
    })
}

/// What a running lead makes of the clock it finds on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// Its own.
    Ours,
    /// A newer run's, written a moment ago: that lead leads now; this one
    /// stops writing and follows.
    Newer(ClockLead),
    /// Somebody else's that does not count: an older run's (a lead that
    /// has not yet seen it was taken over), a copy put back, a clock of
    /// long ago, or one without a lead. Written over with this lead's.
    Older,
}

/// What the lead `me` makes of `doc`, found on disk at real time `real_now`.
pub fn judge(me: &ClockLead, doc: &ClockDoc, real_now: Timestamp) -> Seen {
    match &doc.lead {
        Some(other) if other.run == me.run => Seen::Ours,
        Some(other) if other.is_newer_than(me) && doc.age(real_now) < FRESH => {
            Seen::Newer(other.clone())
        }
        _ => Seen::Older,
    }
}

impl ClockState {
    /// Follows another lead's clock as its `clock.json` tells it (a lead
    /// that was taken over): the block it is at (by id, else by index),
    /// whether that block runs or stands paused and when it ends, and the
    /// message. The blocks it left behind end when its block started; the
    /// time a block stood paused counts as time added (the file does not
    /// tell them apart). The bell stays as it was: it rings here. A clock
    /// of another session is not followed: `false`.
    pub fn follow(&mut self, programme: &Programme, doc: &ClockDoc) -> bool {
        if doc.session != programme.id || programme.blocks.len() != self.blocks.len() {
            return false;
        }
        let by_id = |id: &str| programme.blocks.iter().position(|b| b.id == id);
        let index = match (&doc.current, &doc.block) {
            (Some(c), _) => by_id(&c.id).unwrap_or(c.index),
            (None, Some(b)) => b.id.as_deref().and_then(by_id).unwrap_or(b.index),
            // Neither where it is nor what runs: the programme is over.
            (None, None) => self.blocks.len(),
        }
        .min(self.blocks.len());
        let written = doc.written.at();
        let started = doc.block.as_ref().map(|b| b.started.at());
        // Moved back: what it left is not started; moved on: what it left
        // has ended.
        let last = self.current.min(self.blocks.len().saturating_sub(1));
        for b in self.blocks.iter_mut().take(last + 1).skip(index + 1) {
            b.reset();
        }
        for b in &mut self.blocks[self.current.min(index)..index] {
            if b.started.is_some() && b.ended.is_none() {
                b.finish_pause(written);
                b.ended = Some(started.unwrap_or(written));
            }
        }
        self.current = index;
        if let Some(run) = self.blocks.get_mut(index) {
            match &doc.block {
                Some(b) => {
                    let started = b.started.at();
                    let base = if run.until_planned_end {
                        run.anchor_end()
                    } else {
                        at(started, run.planned_length())
                    };
                    run.started = Some(started);
                    run.ended = None;
                    run.extra = (b.projected_end.at() - base).clamp(-MAX_EXTRA, MAX_EXTRA);
                    run.paused = SignedDuration::ZERO;
                    // Paused: the deadline moves on with the time, from
                    // where the lead wrote it.
                    run.paused_at = doc.paused.then_some(written);
                }
                None => run.reset(),
            }
        }
        self.message = doc.message.as_ref().map(|m| Message {
            text: m.text.clone(),
            at: m.at.at(),
        });
        self.replan_undo = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::TimeText;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_611_223_200 + s).unwrap()
    }

    fn lead(writer: &str, machine: &str, at: i64) -> ClockLead {
        ClockLead::start(writer, Some(machine.into()), t(at), None, 7)
    }

    /// The clock of session `s` written by `by` at `written` (real time).
    fn clock(by: Option<&ClockLead>, written: i64) -> ClockDoc {
        ClockDoc {
            format: super::super::CLOCK_FORMAT.into(),
            version: 1,
            session: "s".into(),
            lead: by.cloned(),
            block: None,
            current: None,
            paused: false,
            message: None,
            written: TimeText::new(t(written), &jiff::tz::TimeZone::UTC),
            rehearsal: None,
        }
    }

    #[test]
    fn run_ids_are_ulid_like_and_ordered_by_their_start() {
        let a = lead("abc123", "PC-A", 0);
        assert_eq!(a.run.len(), 16);
        assert!(a.run.bytes().all(|b| CROCKFORD.contains(&b)), "{}", a.run);
        assert_eq!(millis_of(&a.run), Some(t(0).as_millisecond() as u64));
        let b = lead("xyz789", "PC-B", 1);
        assert!(b.is_newer_than(&a) && !a.is_newer_than(&b));
        assert!(!a.is_newer_than(&a));
        // The same millisecond: the random part decides, the same way on
        // every machine.
        let c = ClockLead::start("xyz789", None, t(0), None, 8);
        assert!(c.is_newer_than(&a) && !a.is_newer_than(&c));
    }

    #[test]
    fn a_run_is_later_than_the_one_it_found_even_on_a_slow_clock() {
        let first = lead("abc123", "PC-A", 600);
        // This machine's clock is ten minutes behind.
        let second = ClockLead::start("xyz789", None, t(0), Some(&first), 0);
        assert!(second.is_newer_than(&first));
        assert_eq!(
            millis_of(&second.run),
            Some(t(600).as_millisecond() as u64 + 1)
        );
        // A run id that is not one of ours holds nothing back.
        let odd = ClockLead {
            run: "?".into(),
            ..first.clone()
        };
        let third = ClockLead::start("xyz789", None, t(0), Some(&odd), 0);
        assert_eq!(millis_of(&third.run), Some(t(0).as_millisecond() as u64));
    }

    #[test]
    fn who_may_lead() {
        let me = lead("abc123", "PC-A", 100);
        let other = lead("xyz789", "PC-B", 50);
        let earlier_here = lead("abc123", "PC-A", 80);
        let start = |doc: Option<&ClockDoc>, lock, take_over| {
            may_start(doc, "s", &me, lock, take_over, t(100))
        };
        // Nothing there, another session's, or a lead of before leads
        // said who they were.
        assert_eq!(start(None, Lock::Held, false), Ok(Start::Free));
        let mut elsewhere = clock(Some(&other), 95);
        elsewhere.session = "other".into();
        assert_eq!(start(Some(&elsewhere), Lock::Held, false), Ok(Start::Free));
        assert_eq!(
            start(Some(&clock(None, 99)), Lock::Held, false),
            Ok(Start::Free)
        );
        // Another machine's, 29 s ago: refused, unless told to take over;
        // 30 s ago: taken over quietly.
        let fresh = clock(Some(&other), 71);
        assert_eq!(
            start(Some(&fresh), Lock::Held, false),
            Err(Refused::OtherLead {
                by: other.clone(),
                age: SignedDuration::from_secs(29)
            })
        );
        assert_eq!(
            start(Some(&fresh), Lock::Held, true),
            Ok(Start::TakeOver(other.clone()))
        );
        assert_eq!(
            start(Some(&clock(Some(&other), 70)), Lock::Held, false),
            Ok(Start::Free)
        );
        // A clock from a machine whose clock runs ahead is fresh.
        assert!(start(Some(&clock(Some(&other), 130)), Lock::Held, false).is_err());
        // This machine's earlier run, 2 s ago, with the lock free: it
        // ended (a crash); start again.
        let mine = clock(Some(&earlier_here), 98);
        assert_eq!(start(Some(&mine), Lock::Held, false), Ok(Start::Restart));
        // With the lock held elsewhere, a second lead here is refused,
        // whatever the clock says and even when told to take over.
        for doc in [None, Some(&mine), Some(&fresh)] {
            assert_eq!(start(doc, Lock::Busy, true), Err(Refused::HereAlready));
        }
        // Without a lock nobody knows whether the earlier run still runs.
        assert!(start(Some(&mine), Lock::Unknown, false).is_err());
        assert_eq!(start(Some(&mine), Lock::Unknown, true).map(|_| ()), Ok(()));
        // The same writer id on a machine of another name (a copied
        // profile) is another machine.
        let twin = lead("abc123", "PC-Z", 80);
        assert!(start(Some(&clock(Some(&twin), 98)), Lock::Held, false).is_err());
    }

    #[test]
    fn a_running_lead_gives_way_to_a_newer_run_only() {
        let me = lead("abc123", "PC-A", 100);
        let newer = ClockLead::start("xyz789", Some("PC-B".into()), t(200), Some(&me), 1);
        let older = lead("xyz789", "PC-B", 50);
        assert_eq!(judge(&me, &clock(Some(&me), 300), t(300)), Seen::Ours);
        assert_eq!(
            judge(&me, &clock(Some(&newer), 290), t(300)),
            Seen::Newer(newer.clone())
        );
        // The newer lead's clock, long ago: nobody leads there now.
        assert_eq!(judge(&me, &clock(Some(&newer), 200), t(300)), Seen::Older);
        assert_eq!(judge(&me, &clock(Some(&older), 299), t(300)), Seen::Older);
        assert_eq!(judge(&me, &clock(None, 299), t(300)), Seen::Older);
        // And the newer one writes over the older one's: between two
        // leads, exactly one gives way.
        assert_eq!(judge(&newer, &clock(Some(&me), 299), t(300)), Seen::Older);
    }
}
