//! The real binary in a pseudo-terminal: keys go in as bytes, signals come
//! from outside, and what must survive is read back from the session
//! folder. Slow-ish (each test runs the app for a second or two).

// Unix only: these drive the real binary through a Unix pseudo-terminal,
// byte by byte, and stop it with Unix signals. Windows' pseudo-console
// (ConPTY) redraws the screen its own way and has no signals to send.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Live, contains, json, restored, wait_for};

/// The lead state's current block and whether it was started.
fn saved_clock(dir: &Path) -> Option<(u64, bool)> {
    let v = json(&dir.join("lead-state.json"))?;
    let clock = &v["clock"];
    let current = clock["current"].as_u64()?;
    let started = !clock["blocks"][current as usize]["started"].is_null();
    Some((current, started))
}

/// The app has drawn its first frame and written its first clock file.
fn started(live: &Live, dir: &Path) {
    wait_for("the first frame and clock.json", || {
        dir.join("clock.json").exists() && contains(&live.output(), b"Programme")
    });
}

fn start_a_block_then(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::start(dir.path(), &["--at", "10:12"]);
    started(&live, dir.path());
    assert_eq!(
        json(&dir.path().join("clock.json")).unwrap()["block"],
        serde_json::Value::Null
    );
    live.send(b" ");
    wait_for("the started block in lead-state.json", || {
        saved_clock(dir.path()) == Some((2, true))
    });
    live.signal(signal);
    assert_eq!(live.wait_exit(), 0);
    assert_eq!(saved_clock(dir.path()), Some((2, true)));
    let clock = json(&dir.path().join("clock.json")).unwrap();
    assert_eq!(clock["block"]["index"], 2);
    assert!(
        restored(&live.output()),
        "terminal not restored after {signal}"
    );
}

#[test]
fn sigterm_saves_and_restores() {
    start_a_block_then("TERM");
}

#[test]
fn sighup_saves_and_exits_at_once() {
    start_a_block_then("HUP");
}

#[test]
fn sigint_saves_and_restores() {
    start_a_block_then("INT");
}

#[test]
fn ctrl_c_saves_quits_and_a_restart_resumes() {
    let dir = tempfile::tempdir().unwrap();
    // A rehearsal, so that the test does not depend on the time of day.
    let mut live = Live::start(dir.path(), &["--at", "10:40"]);
    started(&live, dir.path());
    live.send(b" ");
    wait_for("a started block", || {
        saved_clock(dir.path()).is_some_and(|(_, started)| started)
    });
    let before = saved_clock(dir.path());
    live.send(b"+");
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
    assert!(restored(&live.output()));
    let state = json(&dir.path().join("lead-state.json")).unwrap();
    let current = state["clock"]["current"].as_u64().unwrap() as usize;
    assert_eq!(state["clock"]["blocks"][current]["extra"], "PT1M");

    // Started again, it resumes the same block, still running.
    let mut again = Live::start(dir.path(), &["--at", "10:40"]);
    started(&again, dir.path());
    wait_for("the resume notice", || {
        contains(&again.output(), b"Resumed")
    });
    assert_eq!(saved_clock(dir.path()), before);
    again.send(b"q");
    // A block runs: quitting asks first.
    wait_for("the quit question", || contains(&again.output(), b"Quit?"));
    again.send(b"y");
    assert_eq!(again.wait_exit(), 0);
    assert_eq!(saved_clock(dir.path()), before);
}

#[test]
fn a_rehearsal_runs_fast_and_says_so_in_clock_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::start(dir.path(), &["--at", "10:08", "--speed", "60"]);
    started(&live, dir.path());
    assert!(contains(&live.output(), b"REHEARSAL"));
    live.send(b" ");
    wait_for("the started block", || {
        saved_clock(dir.path()) == Some((1, true))
    });
    let clock = json(&dir.path().join("clock.json")).unwrap();
    assert_eq!(clock["rehearsal"]["speed"], 60);
    assert!(clock["written"].as_str().unwrap().contains("T10:0"));
    std::thread::sleep(Duration::from_millis(1500));
    live.send(b"q");
    wait_for("the quit question", || contains(&live.output(), b"Quit?"));
    live.send(b"y");
    assert_eq!(live.wait_exit(), 0);
    // A second and a half of real time is a minute and a half of rehearsal.
    let state = json(&dir.path().join("lead-state.json")).unwrap();
    let virtual_now: jiff::Timestamp = state["rehearsal"]["virtual_now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let started: jiff::Timestamp = state["clock"]["blocks"][1]["started"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let elapsed = virtual_now - started;
    assert!(
        elapsed >= jiff::SignedDuration::from_secs(80)
            && elapsed < jiff::SignedDuration::from_secs(300),
        "{elapsed:?}"
    );
}

#[test]
fn a_crash_saves_restores_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut live =
        Live::start_with_env(dir.path(), &["--at", "10:12"], &[("OOGST_TEST_PANIC", "1")]);
    started(&live, dir.path());
    live.send(b" ");
    live.send(b"+");
    wait_for("the extended block", || {
        json(&dir.path().join("lead-state.json"))
            .is_some_and(|v| v["clock"]["blocks"][2]["extra"] == "PT1M")
    });
    live.send(b"\x1b[24~"); // F12
    assert_eq!(live.wait_exit(), 101);
    let out = live.output();
    assert!(restored(&out), "terminal not restored after a panic");
    assert!(contains(&out, b"start oogst again to carry on"));
    assert_eq!(saved_clock(dir.path()), Some((2, true)));
}

#[test]
fn an_unusable_session_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oogst"))
        .args(["lead", "--lang", "en", "--dir"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a-folder"), "{err}");
}

#[test]
fn the_dashboard_reads_room_files_and_e_writes_the_harvest() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::start(dir.path(), &["--at", "11:00"]);
    started(&live, dir.path());
    let notes = r#"[{"id":"w-000001","question":2,"text":"Herkenbaar in Zuid","created":"2021-01-21T11:07:12+01:00","updated":"2021-01-21T11:07:12+01:00"}]"#;
    let room = format!(
        r#"{{"format":"oogst-room","version":1,"session":"cop-gebiedsgericht-2021-01-21","room":"Kamer 3","host":"Fatima","writer":"w","questions":["A","B","C","D","E"],"notes":{notes}}}"#
    );
    std::fs::write(dir.path().join("rooms/Kamer_3--w.json"), room).unwrap();
    live.send(b"d");
    wait_for("the room on the dashboard", || {
        live.screen().contains("Fatima")
    });
    live.send(b"e");
    wait_for("the harvest", || dir.path().join("harvest.html").exists());
    let md = std::fs::read_to_string(dir.path().join("harvest.md")).unwrap();
    assert!(
        md.contains("### Kamer 3 — Fatima") && md.contains("- Herkenbaar in Zuid"),
        "{md}"
    );
    wait_for("where it went", || {
        live.screen().contains("Harvest written")
    });
    live.send(b"q");
    assert_eq!(live.wait_exit(), 0);
}
