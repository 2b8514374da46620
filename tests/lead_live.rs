//! The real binary in a pseudo-terminal: keys go in as bytes, signals come
//! from outside, and what must survive is read back from the session
//! folder. Slow-ish (each test runs the app for a second or two).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

struct Live {
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    input: Box<dyn Write + Send>,
    // Kept open for the child's sake.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Live {
    fn start(dir: &Path, extra: &[&str]) -> Live {
        Live::start_with_env(dir, extra, &[])
    }

    fn start_with_env(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Live {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_oogst"));
        cmd.args(["lead", "--lang", "en", "--dir"]);
        cmd.arg(dir);
        cmd.args(extra);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let input = pty.master.take_writer().unwrap();
        Live {
            child,
            output,
            input,
            _master: pty.master,
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).unwrap();
        self.input.flush().unwrap();
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name} {pid}");
    }

    /// Waits for the app to exit; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "the app did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn json(path: &Path) -> Option<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// The lead state's current block and whether it was started.
fn saved_clock(dir: &Path) -> Option<(u64, bool)> {
    let v = json(&dir.join("lead-state.json"))?;
    let clock = &v["clock"];
    let current = clock["current"].as_u64()?;
    let started = !clock["blocks"][current as usize]["started"].is_null();
    Some((current, started))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The app has drawn its first frame and written its first clock file.
fn started(live: &Live, dir: &Path) {
    wait_for("the first frame and clock.json", || {
        dir.join("clock.json").exists() && contains(&live.output(), b"Programme")
    });
}

/// The terminal is back as it was: alternate screen left, bracketed paste
/// off, cursor shown.
fn restored(output: &[u8]) -> bool {
    contains(output, b"\x1b[?1049l")
        && contains(output, b"\x1b[?2004l")
        && contains(output, b"\x1b[?25h")
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
