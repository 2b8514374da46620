//! The lead's undo and redo: every step back gives the exact earlier
//! clock, remaining times included, through saves and restarts.

use jiff::SignedDuration;
use proptest::prelude::*;

use super::history::{MAX_PROGRAMME_STEPS, MAX_STEPS};
use super::tests::{at, demo_at, mins, programme_strategy, script_strategy};
use super::*;
use crate::lead_state::LeadState;
use crate::programme::Programme;

fn demo() -> Programme {
    Programme::demo()
}

/// An accidental `n` in the middle of the case: one `u` gives the case
/// back, started when it was, its time running on as if `n` had never
/// been pressed; the message it ended comes back too.
#[test]
fn an_accidental_next_is_one_key_from_undone() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    h.apply(&mut c, Action::Extend, at(10, 20));
    h.apply(
        &mut c,
        Action::Message(Some("Nog 5 minuten".into())),
        at(10, 25),
    );
    let before = c.clone();
    assert_eq!(
        h.apply(&mut c, Action::Next, at(10, 30)),
        Outcome::Moved { started: true }
    );
    assert_eq!(c.current, 3);
    assert_eq!(c.message, None);
    let done = h.undo(&mut c, &mut p).unwrap();
    assert_eq!(done.what, StepKind::Next);
    assert!(!done.programme);
    assert_eq!(c, before);
    // A minute later: the case has 12 minutes left (31 minus 19 gone).
    let case = c.current(at(10, 31)).unwrap();
    assert_eq!(case.index, 2);
    assert_eq!(case.phase, Phase::Running);
    assert_eq!(case.remaining, mins(12));
    assert_eq!(c.message.as_ref().unwrap().text, "Nog 5 minuten");
    // Redo: the questions again, started at 10:30.
    assert_eq!(h.redo(&mut c, &mut p).unwrap().what, StepKind::Next);
    assert_eq!(c.current, 3);
    assert_eq!(c.blocks[3].started, Some(at(10, 30)));
    assert_eq!(c.message, None);
    assert_eq!(h.redo(&mut c, &mut p), Err(UndoError::Nothing));
}

#[test]
fn messages_and_the_bell_are_no_steps() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    h.apply(&mut c, Action::ToggleBell, at(10, 13));
    h.apply(&mut c, Action::Message(Some("x".into())), at(10, 14));
    assert_eq!(h.undo.len(), 1);
    // Undoing the start keeps the message and the bell as the lead left them.
    h.undo(&mut c, &mut p).unwrap();
    assert!(!c.bell);
    assert_eq!(c.message.as_ref().unwrap().text, "x");
    assert_eq!(h.undo(&mut c, &mut p), Err(UndoError::Nothing));
    // An action that does nothing is no step either.
    let mut first = demo_at(at(9, 0));
    assert_eq!(
        h.apply(&mut first, Action::Previous, at(9, 0)),
        Outcome::Ignored(Ignored::AtFirstBlock)
    );
    assert_eq!(h.to_undo(), None);
}

/// A message sent after `n` stays when `n` is undone: the lead's latest
/// word is never taken back by an undo.
#[test]
fn a_newer_message_stays_through_an_undo() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    h.apply(&mut c, Action::Message(Some("oud".into())), at(10, 13));
    h.apply(&mut c, Action::Next, at(10, 14));
    h.apply(&mut c, Action::Message(Some("nieuw".into())), at(10, 15));
    h.undo(&mut c, &mut p).unwrap();
    assert_eq!(c.message.as_ref().unwrap().text, "nieuw");
    // …and redoing `n` leaves it too.
    h.redo(&mut c, &mut p).unwrap();
    assert_eq!(c.message.as_ref().unwrap().text, "nieuw");
}

#[test]
fn a_new_step_forgets_what_there_was_to_redo() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    h.apply(&mut c, Action::Extend, at(10, 13));
    h.undo(&mut c, &mut p).unwrap();
    assert_eq!(h.to_redo(), Some(StepKind::Extend));
    h.apply(&mut c, Action::Shorten, at(10, 14));
    assert_eq!(h.to_redo(), None);
    assert_eq!(h.to_undo(), Some(StepKind::Shorten));
}

#[test]
fn a_re_plan_is_one_step() {
    let mut p = demo();
    let mut c = demo_at(at(10, 22));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 22));
    let before = c.clone();
    let proposal = c.propose(at(10, 22), &default_holds(&p)).unwrap();
    h.apply(&mut c, Action::Plan(proposal.plan), at(10, 23));
    assert_eq!(c.blocks[3].minutes, 8);
    assert_eq!(h.undo(&mut c, &mut p).unwrap().what, StepKind::Replan);
    assert_eq!(c, before);
}

/// The steps are kept to [`MAX_STEPS`]: the oldest go first.
#[test]
fn the_oldest_steps_go_first() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    for i in 0..(MAX_STEPS + 10) {
        let a = if i % 2 == 0 {
            Action::Extend
        } else {
            Action::Shorten
        };
        h.apply(&mut c, a, at(10, 13));
    }
    assert_eq!(h.undo.len(), MAX_STEPS);
    while h.undo(&mut c, &mut p).is_ok() {}
    // The start went out first: the block still runs.
    assert!(c.is_running());
}

/// Programme edits are kept to [`MAX_PROGRAMME_STEPS`]: the oldest goes,
/// with the steps before it.
#[test]
fn the_oldest_programme_edits_go_first() {
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    let text = demo().source;
    for _ in 0..(MAX_PROGRAMME_STEPS + 1) {
        h.record_programme_edit(&c, &text, &c, at(10, 13));
        h.apply(&mut c, Action::Extend, at(10, 13));
    }
    let edits = h.undo.iter().filter(|s| s.programme.is_some()).count();
    assert_eq!(edits, MAX_PROGRAMME_STEPS);
    assert_eq!(h.undo.len(), 2 * MAX_PROGRAMME_STEPS + 1);
    assert_eq!(h.undo[0].what, StepKind::Extend);
}

/// The text of the demo with one block's title changed.
fn edited(title: &str) -> Programme {
    let text = demo().source.replace("Ruimte voor vragen", title);
    Programme::parse(&text, "programme.json").unwrap()
}

#[test]
fn a_programme_edit_is_one_step() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    // The edit: a new title, and (say) the questions five minutes longer.
    let (clock_before, text_before) = (c.clone(), p.source.clone());
    p = edited("Vragen uit de zaal");
    c.blocks[3].minutes = 20;
    c.blocks[3].programme_minutes = 20;
    let clock_after = c.clone();
    h.record_programme_edit(&clock_before, &text_before, &c, at(10, 15));
    assert_eq!(h.to_undo(), Some(StepKind::Programme));
    let done = h.undo(&mut c, &mut p).unwrap();
    assert!(done.programme);
    assert_eq!(p.source, text_before);
    assert_eq!(c, clock_before);
    let done = h.redo(&mut c, &mut p).unwrap();
    assert!(done.programme);
    assert_eq!(p.blocks[3].title, "Vragen uit de zaal");
    assert_eq!(c, clock_after);
    // Undo twice: the edit, then the start.
    h.undo(&mut c, &mut p).unwrap();
    h.undo(&mut c, &mut p).unwrap();
    assert!(!c.is_running());
}

/// An edit that adds a block: the clock before it has one block fewer,
/// and comes back whole.
#[test]
fn a_programme_edit_may_change_the_number_of_blocks() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    let (clock_before, text_before) = (c.clone(), p.source.clone());
    let text = p.source.replace(
        r#"    {
      "id": "vragen","#,
        r#"    {"id": "pauze", "kind": "break", "title": "Pauze", "minutes": 5},
    {
      "id": "vragen","#,
    );
    p = Programme::parse(&text, "programme.json").unwrap();
    assert_eq!(p.blocks.len(), 6);
    c = ClockState::new(&p, super::tests::DAY, &super::tests::tz(), at(10, 12));
    h.record_programme_edit(&clock_before, &text_before, &c, at(10, 12));
    h.undo(&mut c, &mut p).unwrap();
    assert_eq!(p.blocks.len(), 5);
    assert_eq!(c, clock_before);
    h.redo(&mut c, &mut p).unwrap();
    assert_eq!((p.blocks.len(), c.blocks.len()), (6, 6));
}

/// A step that does not fit (a file changed by hand) is refused, and
/// with it every step before it; the clock stays as it is.
#[test]
fn a_step_that_does_not_fit_is_refused() {
    let mut p = demo();
    let mut c = demo_at(at(10, 12));
    let mut h = History::default();
    h.apply(&mut c, Action::StartPause, at(10, 12));
    h.apply(&mut c, Action::Extend, at(10, 13));
    h.undo.last_mut().unwrap().changed[0].index = 99;
    let before = c.clone();
    assert_eq!(h.undo(&mut c, &mut p), Err(UndoError::Broken));
    assert_eq!(c, before);
    assert!(h.undo.is_empty());
    // A programme that no longer reads.
    h.record_programme_edit(&c, "{}", &c, at(10, 14));
    assert!(matches!(
        h.undo(&mut c, &mut p),
        Err(UndoError::Programme(_))
    ));
    assert_eq!(c, before);
    assert_eq!(p.source, demo().source);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Undo of any sequence of actions goes back through exactly the
    /// states it came by, remaining times included (now and later), and
    /// redo forward again; at a random point the history is saved and
    /// read back (a restart) and goes on the same.
    #[test]
    fn undo_and_redo_retrace_every_state(
        p in programme_strategy(),
        script in script_strategy(),
        open_min in 0i64..600,
        later_ms in 0i64..7_200_000,
        restart_at in 0usize..30,
    ) {
        let mut programme = p.clone();
        let open = at(7, 30) + mins(open_min);
        let mut c = ClockState::new(&p, super::tests::DAY, &super::tests::tz(), open);
        let mut h = History::default();
        let mut now = open;
        let mut states = vec![c.clone()];
        for (gap, action) in &script {
            now += SignedDuration::from_millis(i64::from(*gap));
            let steps = h.undo.len();
            let before = c.clone();
            h.apply(&mut c, action.clone(), now);
            if h.undo.len() > steps {
                states.push(c.clone());
            } else {
                // No step: where the clock is and its blocks did not change.
                prop_assert_eq!(c.current, before.current);
                prop_assert_eq!(&c.blocks, &before.blocks);
            }
        }
        prop_assert_eq!(h.undo.len(), states.len() - 1);
        let times = [now, now + SignedDuration::from_millis(later_ms)];
        let same = |a: &ClockState, b: &ClockState| {
            a.current == b.current
                && a.blocks == b.blocks
                && times.iter().all(|&t| a.current(t) == b.current(t) && a.schedule(t) == b.schedule(t))
        };
        for (undone, expected) in states.iter().rev().skip(1).enumerate() {
            if undone == restart_at {
                let state = LeadState::new(&programme, super::tests::DAY, None, c.clone())
                    .with_history(h.clone());
                let back = LeadState::parse(&state.to_json(), "lead-state.json").unwrap();
                prop_assert_eq!(&back.clock, &c);
                prop_assert_eq!(&back.history, &h);
                c = back.clock;
                h = back.history;
            }
            h.undo(&mut c, &mut programme).unwrap();
            prop_assert!(same(&c, expected), "undo {undone}");
        }
        prop_assert_eq!(h.undo(&mut c, &mut programme), Err(UndoError::Nothing));
        for expected in states.iter().skip(1) {
            h.redo(&mut c, &mut programme).unwrap();
            prop_assert!(same(&c, expected));
        }
        prop_assert_eq!(h.redo(&mut c, &mut programme), Err(UndoError::Nothing));
        prop_assert_eq!(&programme.source, &p.source);
    }
}
