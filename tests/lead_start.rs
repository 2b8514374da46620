//! Opening the lead: the session folder, resuming a saved clock, and
//! setting aside one that does not fit — without a terminal.

use std::path::Path;

use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use oogst::clock::{Action, ClockDoc, ClockLead, ClockState, TimeSource};
use oogst::i18n::Lang;
use oogst::programme::{DayTime, Programme};
use oogst::session_dir::SessionDir;
use oogst::tui::theme::Theme;
use oogst::tui::{LeadOptions, start_lead};

fn tz() -> TimeZone {
    TimeZone::fixed(tz::offset(1))
}

/// 10:20 local time on a working day.
fn real_now() -> Timestamp {
    jiff::civil::date(2026, 11, 24)
        .at(10, 20, 0, 0)
        .to_zoned_datetime(tz())
        .unwrap()
        .timestamp()
}

fn options(dir: &Path, programme: Programme) -> LeadOptions {
    LeadOptions {
        programme,
        dir: SessionDir::new(dir),
        lang: Lang::En,
        theme: Theme::NO_COLOR,
        tz: tz(),
        at: None,
        speed: None,
        fresh: false,
        take_over: false,
        writer: Some("lead01".into()),
    }
}

/// Saves the lead's state as the event loop would (apply, then write the
/// state), and ends that run: its lock on the session folder goes with it.
fn save(
    dir: &Path,
    app: &oogst::tui::lead_app::LeadApp,
    session: oogst::tui::Session,
    now: Timestamp,
) {
    let json = session.lead_state(app, now).to_json();
    std::fs::write(dir.join("lead-state.json"), json).unwrap();
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_fresh_session_writes_the_programme_and_opens_at_now() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _, notices) = start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    assert!(notices.is_empty());
    assert_eq!(app.clock.current, 2, "10:20 is in the case presentation");
    assert!(!app.clock.is_running());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("programme.json")).unwrap(),
        Programme::demo().source
    );
    assert!(dir.path().join("rooms").is_dir());
}

#[test]
fn a_restarted_lead_resumes_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    let now = real_now();
    app.clock.apply(Action::StartPause, now);
    app.clock.apply(Action::Extend, now);
    app.clock
        .apply(Action::Message(Some("Pauze tot 10:45".into())), now);
    save(dir.path(), &app, session, now);

    let later = real_now() + SignedDuration::from_mins(3);
    let (again, _, notices) = start_lead(options(dir.path(), Programme::demo()), later).unwrap();
    assert_eq!(notices, ["Resumed where the clock was"]);
    assert_eq!(again.clock, app.clock);
    assert_eq!(
        again.clock.current(later).unwrap().remaining,
        SignedDuration::from_mins(28)
    );
}

#[test]
fn a_saved_clock_of_another_session_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (app, session, _) = start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    save(dir.path(), &app, session, real_now());
    let other = Programme::parse(
        &Programme::demo()
            .source
            .replace("cop-gebiedsgericht-2021-01-21", "een-andere-sessie"),
        "p.json",
    )
    .unwrap();
    let (_, _, notices) = start_lead(options(dir.path(), other), real_now()).unwrap();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("lead-state.old-"), "{notices:?}");
    let names = files(dir.path());
    assert!(
        names.iter().any(|n| n.starts_with("lead-state.old-")),
        "{names:?}"
    );
    assert!(!names.contains(&"lead-state.json".to_string()));
}

/// A programme edited since the clock was saved (during the meeting, or
/// by hand while the lead was closed): the restarted lead resumes by the
/// blocks' ids, with the running block's time intact.
#[test]
fn a_restart_after_an_edit_resumes_by_block_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    let now = real_now();
    app.clock.apply(Action::StartPause, now);
    app.clock.apply(Action::Extend, now);
    save(dir.path(), &app, session, now);

    // A break inserted after the case, the questions shortened.
    let mut draft = oogst::programme_edit::Draft::from_programme(&Programme::demo());
    draft
        .insert(
            3,
            oogst::programme_edit::DraftBlock::new(
                oogst::programme::BlockKind::Break,
                false,
                "Koffie",
                5,
            ),
        )
        .unwrap();
    draft.change_minutes(4, -5).unwrap();
    let edited = draft.check("programme.json").programme.unwrap();
    let later = now + SignedDuration::from_mins(3);
    let (again, _, notices) = start_lead(options(dir.path(), edited.clone()), later).unwrap();
    assert_eq!(
        notices,
        ["Resumed where the clock was; the programme has changed since"]
    );
    assert_eq!(again.clock.current, 2, "still the case, by its id");
    assert_eq!(again.programme.blocks[2].id, "casus");
    assert_eq!(
        again.clock.current(later).unwrap().remaining,
        SignedDuration::from_mins(28),
        "its time and its extra minute kept"
    );
    assert_eq!(again.clock.blocks.len(), edited.blocks.len());
    assert_eq!(again.programme.blocks[3].title, "Koffie");
    assert!(
        !files(dir.path())
            .iter()
            .any(|n| n.starts_with("lead-state.old-"))
    );
}

/// The programme changed during the meeting (in the programme view, or
/// on disk) is the meeting's: a lead restarted with the file it began with
/// keeps the session folder's copy, and says so; `--fresh` takes the file.
#[test]
fn a_restart_keeps_the_programme_changed_during_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    let now = real_now();
    app.clock.apply(Action::StartPause, now);
    let edited = Programme::parse(
        &Programme::demo()
            .source
            .replace("Wat neem je mee uit het gesprek?", "Wat neem je mee? 🌱"),
        "programme.json",
    )
    .unwrap();
    app.apply_programme_edit(edited.clone(), now);
    // As the lead's disk side writes them.
    std::fs::write(dir.path().join("programme.json"), &edited.source).unwrap();
    save(dir.path(), &app, session, now);

    let (again, session, notices) =
        start_lead(options(dir.path(), Programme::demo()), now).unwrap();
    assert_eq!(again.programme.source, edited.source);
    assert!(again.clock.is_running());
    assert_eq!(
        notices.last().map(String::as_str),
        Some(
            "The session folder's programme is used: it was changed during the meeting (the file given was not)"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("programme.json")).unwrap(),
        edited.source
    );
    // Still so after the next restart.
    save(dir.path(), &again, session, now);
    let (third, _, _) = start_lead(options(dir.path(), Programme::demo()), now).unwrap();
    assert_eq!(third.programme.source, edited.source);

    let mut fresh = options(dir.path(), Programme::demo());
    fresh.fresh = true;
    let (fresh, _, _) = start_lead(fresh, now).unwrap();
    assert_eq!(fresh.programme.source, Programme::demo().source);
}

#[test]
fn a_damaged_saved_clock_is_kept_aside_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lead-state.json"),
        "{\"format\": \"oogst-lead-st",
    )
    .unwrap();
    let (app, _, notices) = start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    assert_eq!(app.clock.current, 2);
    assert_eq!(notices.len(), 1);
    let aside = files(dir.path())
        .into_iter()
        .find(|n| n.starts_with("lead-state.old-"))
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join(aside)).unwrap(),
        "{\"format\": \"oogst-lead-st"
    );
}

#[test]
fn yesterdays_clock_is_not_resumed_today() {
    let dir = tempfile::tempdir().unwrap();
    let yesterday = real_now() - SignedDuration::from_hours(24);
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), yesterday).unwrap();
    app.clock.apply(Action::StartPause, yesterday);
    save(dir.path(), &app, session, yesterday);
    let (today, _, notices) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    assert!(!today.clock.is_running());
    assert_eq!(notices.len(), 1);
}

#[test]
fn fresh_sets_the_saved_clock_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    app.clock.apply(Action::StartPause, real_now());
    save(dir.path(), &app, session, real_now());
    let mut opts = options(dir.path(), Programme::demo());
    opts.fresh = true;
    let (fresh, _, _) = start_lead(opts, real_now()).unwrap();
    assert!(!fresh.clock.is_running());
    assert!(
        files(dir.path())
            .iter()
            .any(|n| n.starts_with("lead-state.old-"))
    );
}

#[test]
fn a_rehearsal_resumes_its_virtual_time_and_a_real_run_does_not_take_it() {
    let dir = tempfile::tempdir().unwrap();
    let rehearse = |fresh: bool| {
        let mut opts = options(dir.path(), Programme::demo());
        opts.at = DayTime::parse("10:08");
        opts.speed = Some(30.0);
        opts.fresh = fresh;
        opts
    };
    let (mut app, session, _) = start_lead(rehearse(false), real_now()).unwrap();
    assert_eq!(app.speed, Some(30.0));
    // Ten real seconds in, the rehearsal is five minutes further.
    let real = real_now() + SignedDuration::from_secs(10);
    let now = session.source.virtual_at(real);
    assert_eq!(
        now.to_zoned_datetime(tz()).strftime("%H:%M").to_string(),
        "10:13"
    );
    app.clock.apply(Action::StartPause, now);
    save(dir.path(), &app, session, now);

    // An hour later the same rehearsal goes on from 10:13, not 11:13.
    let later = real_now() + SignedDuration::from_hours(1);
    let (again, session, notices) = start_lead(rehearse(false), later).unwrap();
    assert_eq!(notices, ["Resumed where the clock was"]);
    assert_eq!(session.source.virtual_at(later), now);
    assert!(again.clock.is_running());
    drop(session);

    // The real meeting does not resume a rehearsal's clock.
    let (real_run, session, notices) =
        start_lead(options(dir.path(), Programme::demo()), later).unwrap();
    assert!(!session.source.is_rehearsal());
    assert!(!real_run.clock.is_running());
    assert_eq!(notices.len(), 1);
}

#[test]
fn a_session_folder_that_is_a_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken");
    std::fs::write(&file, "").unwrap();
    let err = start_lead(options(&file, Programme::demo()), real_now())
        .err()
        .unwrap();
    assert!(err.contains("taken"), "{err}");
}

/// A FIFO named `lead-state.json` or `programme.json` in the session
/// folder is never waited on: the lead starts at once.
// Unix only: Windows has no FIFOs in folders.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_session_folder_never_hangs_the_lead() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["lead-state.json", "programme.json"] {
        let path = dir.path().join(name);
        nix::unistd::mkfifo(&path, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    }
    let started = std::time::Instant::now();
    let (_app, _session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // The programme was written over the FIFO (a rename replaces it).
    assert!(
        std::fs::symlink_metadata(dir.path().join("programme.json"))
            .unwrap()
            .is_file()
    );
}

// ---- One lead per session (SPEC §4 Clock, `lead`) ----

/// `clock.json` of the demo session as a lead on `machine` (writer
/// `writer`) wrote it `ago` before [`real_now`].
fn clock_by(dir: &Path, writer: &str, machine: &str, ago: SignedDuration) -> ClockLead {
    let p = Programme::demo();
    let written = real_now() - ago;
    let day = written.to_zoned_datetime(tz()).date();
    let state = ClockState::new(&p, day, &tz(), written);
    let by = ClockLead::start(writer, Some(machine.into()), written, None, 42);
    let mut doc = ClockDoc::build(&p, &state, written, written, &TimeSource::real(), &tz());
    doc.lead = Some(by.clone());
    std::fs::write(dir.join("clock.json"), doc.to_json()).unwrap();
    by
}

#[test]
fn a_second_lead_on_this_machine_does_not_start() {
    let dir = tempfile::tempdir().unwrap();
    let (_first, running, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    // Even before the first one wrote its clock, and even told to take over.
    let mut opts = options(dir.path(), Programme::demo());
    opts.take_over = true;
    let err = start_lead(opts, real_now()).err().unwrap();
    assert!(
        err.contains("an oogst on this machine already leads"),
        "{err}"
    );
    assert!(err.contains(&dir.path().display().to_string()), "{err}");
    // Once it ended, one may.
    drop(running);
    assert!(start_lead(options(dir.path(), Programme::demo()), real_now()).is_ok());
}

#[test]
fn another_machines_fresh_clock_refuses_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    clock_by(
        dir.path(),
        "k7f2q9",
        "PC-ANNA",
        SignedDuration::from_secs(5),
    );
    let before = files(dir.path());
    let mut opts = options(dir.path(), Programme::demo());
    opts.lang = Lang::Nl;
    let err = start_lead(opts, real_now()).err().unwrap();
    assert!(
        err.contains("PC-ANNA") && err.contains("--take-over"),
        "{err}"
    );
    assert!(err.contains("5 s geleden"), "{err}");
    // No programme written, no saved clock set aside.
    assert_eq!(
        files(dir.path()),
        [before, vec!["rooms".to_string()]].concat()
    );
}

#[test]
fn take_over_starts_newer_than_the_lead_it_takes_over_from() {
    let dir = tempfile::tempdir().unwrap();
    // The other machine's clock runs a minute ahead of this one's.
    let other = clock_by(
        dir.path(),
        "k7f2q9",
        "PC-ANNA",
        -SignedDuration::from_mins(1),
    );
    let mut opts = options(dir.path(), Programme::demo());
    opts.take_over = true;
    let (app, session, notices) = start_lead(opts, real_now()).unwrap();
    assert_eq!(
        notices.last().unwrap(),
        "Took over from PC-ANNA: that screen now only follows the clock"
    );
    assert!(session.lead.is_newer_than(&other));
    assert_eq!(app.lead.as_ref(), Some(&session.lead));
    // And the clock it writes says so.
    let doc = session.clock_doc(&app, real_now(), real_now());
    assert_eq!(doc.lead.as_ref(), Some(&session.lead));
    assert_eq!(session.lead.writer, "lead01");
}

#[test]
fn an_old_clock_is_taken_over_quietly() {
    let dir = tempfile::tempdir().unwrap();
    clock_by(
        dir.path(),
        "k7f2q9",
        "PC-ANNA",
        SignedDuration::from_secs(31),
    );
    let (_, _, notices) = start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
}

#[test]
fn a_lead_restarted_on_this_machine_within_30_s_starts() {
    let dir = tempfile::tempdir().unwrap();
    let (app, session, _) = start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    let doc = session.clock_doc(&app, real_now(), real_now());
    std::fs::write(dir.path().join("clock.json"), doc.to_json()).unwrap();
    // It crashed: the system let go of its lock.
    drop(session);
    let later = real_now() + SignedDuration::from_secs(3);
    let (_, again, notices) = start_lead(options(dir.path(), Programme::demo()), later).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert!(again.lead.is_newer_than(doc.lead.as_ref().unwrap()));
    // Another machine's writer id, the same moment: refused.
    drop(again);
    let mut opts = options(dir.path(), Programme::demo());
    opts.writer = Some("other1".into());
    assert!(start_lead(opts, later).is_err());
}

/// A key as the lead presses it.
fn press(app: &mut oogst::tui::lead_app::LeadApp, c: char, now: Timestamp) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.update(oogst::tui::lead_app::Msg::Key(key), now);
}

/// The lead's undo lives in `lead-state.json`: a restarted lead undoes
/// and redoes what the run before it did, remaining times included.
#[test]
fn undo_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    let now = real_now();
    press(&mut app, ' ', now);
    let case = app.clock.clone();
    // An accidental `n` five minutes in, and then the app is closed.
    let n_at = now + SignedDuration::from_mins(5);
    press(&mut app, 'n', n_at);
    assert_eq!(app.clock.current, 3);
    save(dir.path(), &app, session, n_at);

    let later = now + SignedDuration::from_mins(6);
    let (mut again, _, _) = start_lead(options(dir.path(), Programme::demo()), later).unwrap();
    assert_eq!(again.clock, app.clock);
    press(&mut again, 'u', later);
    assert_eq!(again.clock, case);
    // The case runs on from 10:20: 24 minutes left at 10:26.
    assert_eq!(
        again.clock.current(later).unwrap().remaining,
        SignedDuration::from_mins(24)
    );
    press(&mut again, 'U', later);
    assert_eq!(again.clock, app.clock);
    press(&mut again, 'u', later);
    press(&mut again, 'u', later);
    assert!(!again.clock.is_running());
}

/// A `lead-state.json` of an oogst before the lead's undo (no history;
/// a re-plan a second `r` would have undone) still resumes, and its
/// re-plan is the step `u` undoes.
#[test]
fn an_old_lead_state_without_history_still_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) =
        start_lead(options(dir.path(), Programme::demo()), real_now()).unwrap();
    let now = real_now();
    app.clock.apply(Action::StartPause, now);
    let before: Vec<i64> = app.clock.blocks.iter().map(|b| b.minutes).collect();
    app.clock.apply(Action::Replan, now);
    assert_eq!(app.clock.blocks[3].minutes, 10);
    let mut old: serde_json::Value =
        serde_json::from_str(&session.lead_state(&app, now).to_json()).unwrap();
    let top = old.as_object_mut().unwrap();
    assert!(top.remove("history").is_some());
    top["clock"]["replan_undo"] = serde_json::json!(before);
    std::fs::write(
        dir.path().join("lead-state.json"),
        serde_json::to_string_pretty(&old).unwrap(),
    )
    .unwrap();
    drop(session);

    let (mut again, _, notices) = start_lead(options(dir.path(), Programme::demo()), now).unwrap();
    assert_eq!(notices, ["Resumed where the clock was"]);
    assert_eq!(again.clock.blocks, app.clock.blocks);
    press(&mut again, 'u', now);
    assert_eq!(again.clock.blocks[3].minutes, 15);
    assert!(again.clock.is_running());
}
