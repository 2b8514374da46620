//! The one runtime, in a pseudo-terminal: the screen never waits on the
//! disk, and the session folder's changes reach the screen at once.

// Unix only: these drive the real binary through a Unix pseudo-terminal
// and make a FIFO (Windows' pseudo-console redraws the screen its own
// way, and Windows has no FIFOs in folders).
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Live, contains, wait_for, write_clock};
use oogst::programme::Programme;

/// Sends `keys`; fails unless the screen shows `what` (or, with `gone`,
/// no longer shows it) within `bound`.
fn answered(live: &mut Live, keys: &[u8], what: &str, gone: bool, bound: Duration) {
    let start = Instant::now();
    live.send(keys);
    while live.screen().contains(what) == gone {
        assert!(
            start.elapsed() < bound,
            "{what:?} (gone: {gone}) not so within {bound:?}:\n{}",
            live.screen()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Types `text`; fails unless the screen shows it within a second.
fn echoed(live: &mut Live, text: &str) {
    answered(live, text.as_bytes(), text, false, Duration::from_secs(1));
}

/// A FIFO named like a room file, which nothing may wait on.
fn fifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_slow_folder_never_stops_the_leads_clock_or_keys() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rooms")).unwrap();
    fifo(&dir.path().join("rooms/stuck.json"));
    // Every look at the folder and every export takes four seconds.
    let env = [("OOGST_TEST_SLOW_WORK", "4000")];
    // A rehearsal at 60×: the clock on the screen turns every second.
    let mut live = Live::start_with_env(dir.path(), &["--at", "10:12", "--speed", "60"], &env);
    wait_for("the first frame and clock.json", || {
        dir.path().join("clock.json").exists() && contains(&live.output(), b"Programme")
    });
    live.send(b"d");
    live.send(b"e");
    std::thread::sleep(Duration::from_millis(300));
    // While the folder is being looked at and the harvest written, the
    // clock goes on and keys are answered.
    let before = live.screen();
    wait_for("the clock to turn", || live.screen() != before);
    answered(&mut live, b"?", "Keys", false, Duration::from_secs(1));
    answered(&mut live, b"\x1b", "Keys", true, Duration::from_secs(1));
    // And the work comes back when it is done.
    wait_for("the harvest's notice", || {
        live.screen().contains("Harvest written")
    });
    live.send(b"q");
    live.send(b"y");
    assert_eq!(live.wait_exit(), 0);
}

#[test]
fn the_host_sees_the_leads_message_at_once() {
    let s = common::Folders::new(oogst::programme::DEMO_JSON);
    let programme = Programme::demo();
    let mut live = s.spawn_host(&["--room", "Kamer 2", "--name", "Bas"]);
    wait_for("the first frame", || live.screen().contains("Kamer 2"));
    // The watcher tells the host: well within the second of its own look.
    for n in 1..=3 {
        let text = format!("Bericht {n}");
        let start = Instant::now();
        write_clock(&s.dir, &programme, &text);
        while !live.screen().contains(&text) {
            assert!(start.elapsed() < Duration::from_secs(1), "{text} late");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    echoed(&mut live, "Tikt door");
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
}

#[test]
fn a_slow_disk_never_stops_the_hosts_keys() {
    let s = common::Folders::new(oogst::programme::DEMO_JSON);
    let bin = Path::new(env!("CARGO_BIN_EXE_oogst"));
    let args = ["--room", "Kamer 2", "--name", "Bas"];
    let mut live = s.spawn_in(bin, "host", &args, &[("OOGST_TEST_SLOW_WORK", "4000")]);
    wait_for("the first frame", || live.screen().contains("Kamer 2"));
    // Its looks at the lead's files (every second) each take four.
    std::thread::sleep(Duration::from_millis(1500));
    echoed(&mut live, "Nog steeds");
    answered(
        &mut live,
        b" vlot",
        "Nog steeds vlot",
        false,
        Duration::from_secs(1),
    );
    live.send(b"\r");
    live.send(b"\x03");
    assert_eq!(live.wait_exit(), 0);
}
