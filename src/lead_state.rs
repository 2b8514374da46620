//! `lead-state.json`: the lead's whole clock, saved after every action, so
//! that a restarted `oogst lead` resumes exactly where it was — with its
//! steps to undo and redo ([`History`]).
//!
//! Files of an oogst before the lead's undo (no `history`) read as they
//! are; their `replan_undo` (a second `r` undid a re-plan) becomes the one
//! step to undo.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::clock::history::{BlockAt, Step, StepKind};
use crate::clock::{
    BlockRun, ClockState, EARLIEST, History, LATEST, MAX_EXTRA, MAX_MINUTES, MAX_PAUSED,
};
use crate::files::{FileError, Problem, ProblemKind, parse_typed};
use crate::programme::{DayTime, Programme};

pub const FORMAT: &str = "oogst-lead-state";

/// How the clock was driven: in real time, or as a rehearsal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rehearsal {
    /// `--at` as given, if any.
    pub at: Option<String>,
    pub speed: f64,
    /// The virtual time when this was saved: a resumed rehearsal goes on
    /// from here (time stands still while the app is closed).
    pub virtual_now: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadState {
    /// Checked by the head of the file, written as [`FORMAT`].
    #[serde(skip_deserializing, default = "lead_format")]
    pub format: String,
    /// Checked by the head of the file (any number form of 1).
    #[serde(skip_deserializing, default = "lead_version")]
    pub version: u64,
    pub session: String,
    /// [`Programme::fingerprint`] of the programme the clock was made for.
    pub programme: String,
    /// The day the programme runs on (the virtual day in a rehearsal).
    pub day: Date,
    pub rehearsal: Option<Rehearsal>,
    pub clock: ClockState,
    /// The lead's steps to undo and redo (none in a file of an oogst
    /// before the lead's undo).
    #[serde(default)]
    pub history: History,
    /// The ids of the programme's blocks, one per block of the clock, so
    /// that a programme edited since resumes by ids
    /// ([`LeadState::fits_by_ids`]). Older files have none.
    #[serde(default)]
    pub ids: Vec<String>,
    /// Whether the programme was changed during the meeting (in the
    /// programme view, or on disk): then the session folder's copy is the
    /// meeting's, and a restart keeps it.
    #[serde(default)]
    pub edited: bool,
}

pub const VERSION: u64 = 1;

fn lead_format() -> String {
    FORMAT.to_string()
}

fn lead_version() -> u64 {
    VERSION
}

impl LeadState {
    pub fn new(
        programme: &Programme,
        day: Date,
        rehearsal: Option<Rehearsal>,
        clock: ClockState,
    ) -> LeadState {
        LeadState {
            format: FORMAT.to_string(),
            version: VERSION,
            session: programme.id.clone(),
            programme: programme.fingerprint(),
            day,
            rehearsal,
            clock,
            history: History::default(),
            ids: programme.blocks.iter().map(|b| b.id.clone()).collect(),
            edited: false,
        }
    }

    /// With the lead's steps to undo and redo.
    pub fn with_history(mut self, history: History) -> LeadState {
        self.history = history;
        self
    }

    /// Reads and checks a lead state: its shape, and every value in the
    /// range the clock computes with, so that no value in it can make the
    /// lead fail later (every instant within years 0001–9999, lengths of
    /// at most a day, the current block one of its blocks or just past them).
    pub fn parse(text: &str, file: &str) -> Result<LeadState, FileError> {
        let (mut state, _): (LeadState, u64) =
            parse_typed(text, file, FORMAT, "lead state", VERSION)?;
        match state.out_of_range() {
            None => {
                state.old_replan_undo();
                Ok(state)
            }
            Some((path, found, allowed)) => Err(FileError::single(
                file,
                Problem::at(ProblemKind::OutOfRange {
                    path,
                    found,
                    allowed,
                }),
            )),
        }
    }

    /// A file of an oogst before the lead's undo may hold the lengths from
    /// before its last re-plan, which a second `r` put back: that becomes
    /// the step `u` undoes.
    fn old_replan_undo(&mut self) {
        let Some(before) = self.clock.replan_undo.take() else {
            return;
        };
        if !self.history.undo.is_empty() || before.len() != self.clock.blocks.len() {
            return;
        }
        let changed: Vec<BlockAt> = self
            .clock
            .blocks
            .iter()
            .zip(before)
            .enumerate()
            .filter(|(_, (b, m))| b.minutes != *m)
            .map(|(index, (b, minutes))| BlockAt {
                index,
                block: BlockRun {
                    minutes,
                    ..b.clone()
                },
            })
            .collect();
        if changed.is_empty() {
            return;
        }
        let at = self
            .rehearsal
            .as_ref()
            .map_or(jiff::Timestamp::UNIX_EPOCH, |r| r.virtual_now)
            .clamp(EARLIEST, LATEST);
        self.history.undo.push(Step {
            what: StepKind::Replan,
            at,
            current: self.clock.current,
            changed,
            blocks: None,
            message: None,
            programme: None,
        });
    }

    /// The first value out of its range: where, what, and what is allowed.
    fn out_of_range(&self) -> Option<Bad> {
        // Instants first, as they come in the file.
        self.rest_out_of_range()
            .or_else(|| self.clock_out_of_range())
            .or_else(|| self.history_out_of_range())
    }

    /// Every step's values, checked as the clock's: they become the clock.
    fn history_out_of_range(&self) -> Option<Bad> {
        let lists = [("undo", &self.history.undo), ("redo", &self.history.redo)];
        for (list, steps) in lists {
            for (i, step) in steps.iter().enumerate() {
                let path = format!("history.{list}[{i}]");
                let bad = instant_out(&format!("{path}.at"), step.at)
                    .or_else(|| {
                        let swap = step.message.as_ref()?;
                        [&swap.from, &swap.to]
                            .into_iter()
                            .flatten()
                            .find_map(|m| instant_out(&format!("{path}.message.at"), m.at))
                    })
                    .or_else(|| {
                        step.changed.iter().enumerate().find_map(|(j, c)| {
                            block_out(&format!("{path}.changed[{j}].block"), &c.block)
                        })
                    })
                    .or_else(|| {
                        let all = step.blocks.as_ref()?;
                        all.iter()
                            .enumerate()
                            .find_map(|(j, b)| block_out(&format!("{path}.blocks[{j}]"), b))
                    });
                if bad.is_some() {
                    return bad;
                }
            }
        }
        None
    }

    /// The clock's values: the message, every block, where it is.
    fn clock_out_of_range(&self) -> Option<Bad> {
        let clock = &self.clock;
        if let Some(bad) = clock
            .message
            .as_ref()
            .and_then(|m| instant_out("clock.message.at", m.at))
        {
            return Some(bad);
        }
        let blocks = clock.blocks.len();
        if let Some(bad) = clock
            .blocks
            .iter()
            .enumerate()
            .find_map(|(i, b)| block_out(&format!("clock.blocks[{i}]"), b))
        {
            return Some(bad);
        }
        if clock.current > blocks {
            return Some((
                "clock.current".into(),
                clock.current.to_string(),
                format!("0 – {blocks}"),
            ));
        }
        for (i, m) in clock.replan_undo.iter().flatten().enumerate() {
            if !(1..=MAX_MINUTES).contains(m) {
                return Some((
                    format!("clock.replan_undo[{i}]"),
                    m.to_string(),
                    format!("1 – {MAX_MINUTES}"),
                ));
            }
        }
        None
    }

    /// The day and the rehearsal.
    fn rest_out_of_range(&self) -> Option<Bad> {
        if let Some(bad) = self
            .rehearsal
            .as_ref()
            .and_then(|r| instant_out("rehearsal.virtual_now", r.virtual_now))
        {
            return Some(bad);
        }
        if !(1..=9999).contains(&self.day.year()) {
            return Some((
                "day".into(),
                self.day.to_string(),
                "0001-01-01 – 9999-12-31".into(),
            ));
        }
        if let Some(r) = &self.rehearsal {
            let max = crate::clock::document::MAX_SPEED;
            if !(1.0..=max).contains(&r.speed) {
                return Some((
                    "rehearsal.speed".into(),
                    r.speed.to_string(),
                    format!("1 – {max}"),
                ));
            }
            if let Some(at) = r.at.as_deref().filter(|a| DayTime::parse(a).is_none()) {
                return Some((
                    "rehearsal.at".into(),
                    at.to_string(),
                    "00:00 – 24:00".into(),
                ));
            }
        }
        None
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("the lead state serialises");
        s.push('\n');
        s
    }

    /// Whether this saved state can be resumed for `programme` on `day`
    /// in the same mode (real time, or the same rehearsal).
    pub fn fits(
        &self,
        programme: &Programme,
        day: Date,
        at: Option<&str>,
        speed: Option<f64>,
    ) -> bool {
        self.session == programme.id
            && self.programme == programme.fingerprint()
            && self.clock.blocks.len() == programme.blocks.len()
            && self.clock.current <= self.clock.blocks.len()
            && self.same_run(day, at, speed)
    }

    /// Whether this saved state can be resumed for `programme`, edited
    /// since it was saved (the same session), by its blocks' ids: the
    /// clock follows the edit ([`crate::programme_edit::follow::follow`]).
    pub fn fits_by_ids(
        &self,
        programme: &Programme,
        day: Date,
        at: Option<&str>,
        speed: Option<f64>,
    ) -> bool {
        self.session == programme.id
            && !self.ids.is_empty()
            && self.ids.len() == self.clock.blocks.len()
            && self.clock.current <= self.clock.blocks.len()
            && self.same_run(day, at, speed)
    }

    /// The same mode (real time, or the same rehearsal) on the same day.
    fn same_run(&self, day: Date, at: Option<&str>, speed: Option<f64>) -> bool {
        let same_mode = match (&self.rehearsal, speed.is_some() || at.is_some()) {
            (None, false) => true,
            (Some(r), true) => r.at.as_deref() == at && r.speed == speed.unwrap_or(1.0),
            _ => false,
        };
        same_mode && (self.day == day || self.rehearsal.is_some())
    }
}

/// A value out of its range: where in the file, what it is, and what is
/// allowed there.
type Bad = (String, String, String);

/// `t`, at `path`, if it is not an instant the clock keeps.
fn instant_out(path: &str, t: Timestamp) -> Option<Bad> {
    (!(EARLIEST..=LATEST).contains(&t)).then(|| {
        (
            path.to_string(),
            t.to_string(),
            format!("{EARLIEST} – {LATEST}"),
        )
    })
}

/// The first value of block `b` (at `path`) the clock cannot compute
/// with: an instant outside years 0001–9999, a length of more than a day,
/// an extension or pause out of range.
fn block_out(path: &str, b: &BlockRun) -> Option<Bad> {
    let field = |f: &str| format!("{path}.{f}");
    let times = [
        ("planned_start", Some(b.planned_start)),
        ("planned_end", Some(b.planned_end)),
        ("fixed_start", b.fixed_start),
        ("started", b.started),
        ("ended", b.ended),
        ("paused_at", b.paused_at),
    ];
    if let Some(bad) = times
        .into_iter()
        .find_map(|(f, t)| instant_out(&field(f), t?))
    {
        return Some(bad);
    }
    let minutes = |f: &str, m: i64| {
        (!(1..=MAX_MINUTES).contains(&m))
            .then(|| (field(f), m.to_string(), format!("1 – {MAX_MINUTES}")))
    };
    if let Some(bad) =
        minutes("minutes", b.minutes).or_else(|| minutes("programme_minutes", b.programme_minutes))
    {
        return Some(bad);
    }
    if !(-MAX_EXTRA..=MAX_EXTRA).contains(&b.extra) {
        return Some((
            field("extra"),
            b.extra.to_string(),
            format!("-{MAX_EXTRA:#} – {MAX_EXTRA:#}"),
        ));
    }
    if !(SignedDuration::ZERO..=MAX_PAUSED).contains(&b.paused) {
        return Some((
            field("paused"),
            b.paused.to_string(),
            format!("0 – {MAX_PAUSED:#}"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Action, ClockDoc, TimeSource};
    use jiff::tz::TimeZone;

    /// A lead state of one block, with `edits` (a field, its JSON) made
    /// to it and to the top level.
    fn state_with(edits: &[(&str, &str)]) -> String {
        let mut text = r#"{"format": "oogst-lead-state", "version": 1, "session": "s",
          "programme": "0123456789abcdef", "day": "2021-01-21", "rehearsal": null,
          "clock": {"current": 0, "message": null, "bell": true, "replan_undo": null,
            "blocks": [{"planned_start": "2021-01-21T09:00:00Z",
              "planned_end": "2021-01-21T09:10:00Z", "fixed_start": null,
              "minutes": 10, "programme_minutes": 10, "until_planned_end": false,
              "started": null, "ended": null, "extra": "PT0S", "paused": "PT0S",
              "paused_at": null}]}}"#
            .to_string();
        for (field, value) in edits {
            let key = format!("\"{field}\": ");
            let start = text.find(&key).expect("a field of the state") + key.len();
            let end = start + text[start..].find([',', '}']).expect("its end");
            text.replace_range(start..end, value);
        }
        text
    }

    fn refused(edits: &[(&str, &str)], path: &str) {
        match LeadState::parse(&state_with(edits), "lead-state.json") {
            Ok(_) => panic!("{path}: accepted"),
            Err(e) => assert!(
                matches!(&e.problems[0].kind, ProblemKind::OutOfRange { path: p, .. } if p == path),
                "{path}: {e:?}"
            ),
        }
    }

    #[test]
    fn what_the_lead_writes_reads_back() {
        let p = Programme::demo();
        let day = jiff::civil::date(2021, 1, 21);
        let now: Timestamp = "2021-01-21T09:50:00Z".parse().unwrap();
        let mut clock = ClockState::new(&p, day, &TimeZone::UTC, now);
        for a in [
            Action::StartPause,
            Action::Extend,
            Action::StartPause,
            Action::Next,
        ] {
            clock.apply(a, now);
        }
        let r = Rehearsal {
            at: Some("09:40".into()),
            speed: 30.0,
            virtual_now: now,
        };
        let s = LeadState::new(&p, day, Some(r), clock);
        assert_eq!(LeadState::parse(&s.to_json(), "f").unwrap(), s);
        assert!(LeadState::parse(&state_with(&[]), "f").is_ok());
    }

    #[test]
    fn values_the_clock_cannot_compute_with_are_refused() {
        // Each of these panicked the lead (or made it write a clock that
        // no host reads): lengths, the current block, times at the ends.
        let rehearsal = |at: &str, speed: &str, now: &str| {
            format!(r#"{{"at": {at}, "speed": {speed}, "virtual_now": "{now}"}}"#)
        };
        let fine = "2021-01-21T09:00:00Z";
        for (edits, path) in [
            (
                vec![("minutes", "153722867280912931")],
                "clock.blocks[0].minutes",
            ),
            (vec![("minutes", "0")], "clock.blocks[0].minutes"),
            (
                vec![("programme_minutes", "-9223372036854775808")],
                "clock.blocks[0].programme_minutes",
            ),
            (
                vec![("extra", "\"PT2562047788015215H\"")],
                "clock.blocks[0].extra",
            ),
            (vec![("paused", "\"-PT1S\"")], "clock.blocks[0].paused"),
            (
                vec![("started", "\"-009999-01-02T01:59:59Z\"")],
                "clock.blocks[0].started",
            ),
            (
                vec![("paused_at", "\"9999-12-30T22:00:00Z\"")],
                "clock.blocks[0].paused_at",
            ),
            (
                vec![("ended", "\"0001-01-01T00:00:00Z\"")],
                "clock.blocks[0].ended",
            ),
            (vec![("current", "2")], "clock.current"),
            (
                vec![("replan_undo", "[10, 99999999999]")],
                "clock.replan_undo[1]",
            ),
            (vec![("day", "\"-000001-01-21\"")], "day"),
            (
                vec![("rehearsal", &rehearsal("null", "1e17", fine))],
                "rehearsal.speed",
            ),
            (
                vec![("rehearsal", &rehearsal("null", "0.5", fine))],
                "rehearsal.speed",
            ),
            (
                vec![("rehearsal", &rehearsal("\"9:61\"", "30", fine))],
                "rehearsal.at",
            ),
            (
                vec![(
                    "rehearsal",
                    &rehearsal("null", "30", "0000-06-01T00:00:00Z"),
                )],
                "rehearsal.virtual_now",
            ),
        ] {
            refused(&edits, path);
        }
    }

    /// A history step, as JSON, in a state of one block.
    fn with_step(step: &str) -> String {
        let text = state_with(&[]);
        let end = text.rfind('}').unwrap();
        format!(
            r#"{}, "history": {{"undo": [{step}], "redo": []}}}}"#,
            &text[..end]
        )
    }

    #[test]
    fn a_saved_history_is_checked_like_the_clock() {
        let block = r#"{"planned_start": "2021-01-21T09:00:00Z",
              "planned_end": "2021-01-21T09:10:00Z", "fixed_start": null,
              "minutes": MINUTES, "programme_minutes": 10, "until_planned_end": false,
              "started": null, "ended": null, "extra": "PT0S", "paused": "PT0S",
              "paused_at": null}"#;
        let step = |what: &str, minutes: &str, at: &str| {
            format!(
                r#"{{"what": "{what}", "at": "{at}", "current": 0,
                    "changed": [{{"index": 0, "block": {}}}]}}"#,
                block.replace("MINUTES", minutes)
            )
        };
        let fine = "2021-01-21T09:05:00Z";
        let s = LeadState::parse(&with_step(&step("extend", "10", fine)), "f").unwrap();
        assert_eq!(s.history.to_undo(), Some(StepKind::Extend));
        // A kind of step a newer oogst writes reads, as a step.
        let s = LeadState::parse(&with_step(&step("skip-block", "10", fine)), "f").unwrap();
        assert_eq!(s.history.to_undo(), Some(StepKind::Other));
        for (text, path) in [
            (
                step("extend", "0", fine),
                "history.undo[0].changed[0].block.minutes",
            ),
            (
                step("extend", "10", "0000-06-01T00:00:00Z"),
                "history.undo[0].at",
            ),
        ] {
            match LeadState::parse(&with_step(&text), "lead-state.json") {
                Ok(_) => panic!("{path}: accepted"),
                Err(e) => assert!(
                    matches!(&e.problems[0].kind, ProblemKind::OutOfRange { path: p, .. } if p == path),
                    "{path}: {e:?}"
                ),
            }
        }
    }

    /// Found by fuzzing: a block started late in year 9999 and paused in
    /// year 1 ran past the end of time at the lead's first look.
    #[test]
    fn a_pause_across_the_ages_does_not_panic() {
        let text = state_with(&[
            ("started", "\"9999-01-01T00:00:00Z\""),
            ("paused_at", "\"0001-01-02T00:00:00Z\""),
            ("extra", "\"PT8784H\""),
            ("paused", "\"PT87600000H\""),
        ]);
        let s = LeadState::parse(&text, "f").expect("within range");
        let p = Programme::demo();
        let now: Timestamp = "2026-11-30T09:00:00Z".parse().unwrap();
        for t in [now, crate::clock::LATEST, crate::clock::EARLIEST] {
            let current = s.clock.current(t).expect("a current block");
            assert_eq!(current.deadline, Some(crate::clock::LATEST));
            let _ = s.clock.schedule(t);
            let doc = ClockDoc::build(&p, &s.clock, t, t, &TimeSource::real(), &TimeZone::UTC);
            ClockDoc::parse(&doc.to_json(), "clock.json").expect("the clock reads back");
            let mut c = s.clock.clone();
            for a in [
                Action::Extend,
                Action::StartPause,
                Action::Replan,
                Action::Next,
            ] {
                c.apply(a, t);
                let again = LeadState::new(&p, s.day, None, c.clone());
                LeadState::parse(&again.to_json(), "f").expect("the lead's state reads back");
            }
        }
    }
}
