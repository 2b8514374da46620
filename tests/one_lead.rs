//! One lead per session (SPEC §4 Clock, `lead`), as users meet it: a
//! second lead on a session folder whose clock another lead wrote a
//! moment ago does not start (exit 1, naming that machine and
//! `--take-over`); `--take-over` starts, and so does a lead that finds a
//! clock older than 30 s; a running lead that another takes over from
//! turns into a read-only view and stops writing.

mod common;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use jiff::{SignedDuration, Timestamp};
use oogst::clock::{ClockDoc, ClockLead, ClockState, TimeSource};
use oogst::programme::Programme;
use predicates::prelude::*;
use predicates::str::contains;

/// `clock.json` of the demo session as the lead on `PC-ANNA` wrote it
/// `ago` (real time).
fn annas_clock(dir: &Path, ago: SignedDuration) -> ClockLead {
    let p = Programme::demo();
    let tz = jiff::tz::TimeZone::UTC;
    let written = Timestamp::now() - ago;
    let day = written.to_zoned_datetime(tz.clone()).date();
    let state = ClockState::new(&p, day, &tz, written);
    let anna = ClockLead::start("k7f2q9", Some("PC-ANNA".into()), written, None, 9);
    let mut doc = ClockDoc::build(&p, &state, written, written, &TimeSource::real(), &tz);
    doc.lead = Some(anna.clone());
    std::fs::write(dir.join("clock.json"), doc.to_json()).unwrap();
    anna
}

/// `oogst ARGS…` with this machine's folders (config, data, runtime) in
/// `home`, a clean locale and a timeout.
fn oogst(home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("oogst").unwrap();
    for k in ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"] {
        let p = home.join(k.to_lowercase());
        std::fs::create_dir_all(&p).unwrap();
        cmd.env(k, p);
    }
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .timeout(Duration::from_secs(20));
    cmd
}

#[test]
fn a_second_lead_names_the_other_machine_and_take_over() {
    let home = tempfile::tempdir().unwrap();
    let session = tempfile::tempdir().unwrap();
    let dir = session.path().to_str().unwrap();
    annas_clock(session.path(), SignedDuration::from_secs(4));
    for args in [
        &["lead", "--dir", dir, "--lang", "en"][..],
        &["--dir", dir, "--lang", "en"],
    ] {
        oogst(home.path(), args).assert().code(1).stdout("").stderr(
            contains("oogst: this session is already led from PC-ANNA")
                .and(contains("start again with --take-over"))
                .and(contains("panicked").not()),
        );
    }
    oogst(home.path(), &["lead", "--dir", dir, "--lang", "nl"])
        .assert()
        .code(1)
        .stderr(contains("geleid vanaf PC-ANNA").and(contains("--take-over")));
    // It wrote nothing: no programme, no clock of its own.
    assert!(!session.path().join("programme.json").exists());
    assert!(
        std::fs::read_to_string(session.path().join("clock.json"))
            .unwrap()
            .contains("PC-ANNA")
    );
}

#[test]
fn the_help_tells_of_take_over() {
    let home = tempfile::tempdir().unwrap();
    oogst(home.path(), &["lead", "--help", "--lang", "en"])
        .assert()
        .success()
        .stdout(contains("--take-over").and(contains("last 30 s")));
    oogst(home.path(), &["--help", "--lang", "nl"])
        .assert()
        .success()
        .stdout(contains("--take-over").and(contains("laatste 30 s")));
}

#[cfg(unix)]
mod live {
    use std::path::Path;
    use std::time::{Duration, Instant};

    use super::annas_clock;
    use super::common::{Folders, Live, json, wait_for};
    use jiff::SignedDuration;
    use oogst::programme::DEMO_JSON;

    /// `oogst lead --lang en --dir DIR ARGS…` on the machine of `home`.
    fn lead(home: &Folders, dir: &Path, args: &[&str]) -> Live {
        let dir = dir.display().to_string();
        let mut all = vec!["lead", "--lang", "en", "--dir", &dir];
        all.extend(args);
        let env: Vec<(&str, &str)> = home
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Live::spawn(&all, &env)
    }

    /// The run that wrote the session's clock.
    fn clock_run(dir: &Path) -> Option<String> {
        Some(
            json(&dir.join("clock.json"))?["lead"]["run"]
                .as_str()?
                .to_string(),
        )
    }

    #[test]
    fn take_over_starts_and_says_from_where() {
        let here = Folders::new(DEMO_JSON);
        let anna = annas_clock(&here.dir, SignedDuration::from_secs(3));
        let mut live = lead(&here, &here.dir, &["--at", "10:12", "--take-over"]);
        wait_for("the notice", || {
            live.screen().contains("Took over from PC-ANNA")
        });
        wait_for("our own clock.json", || {
            clock_run(&here.dir).is_some_and(|run| run > anna.run)
        });
        live.send(b"q");
        assert_eq!(live.wait_exit(), 0);
    }

    #[test]
    fn an_old_clock_is_taken_over_quietly() {
        let here = Folders::new(DEMO_JSON);
        let anna = annas_clock(&here.dir, SignedDuration::from_secs(40));
        let mut live = lead(&here, &here.dir, &["--at", "10:12"]);
        wait_for("our own clock.json", || {
            clock_run(&here.dir).is_some_and(|run| run != anna.run)
        });
        assert!(live.screen().contains("Programme"), "{}", live.screen());
        assert!(!live.screen().contains("PC-ANNA"), "{}", live.screen());
        live.send(b"q");
        assert_eq!(live.wait_exit(), 0);
    }

    /// Two machines (each its own config and runtime folders, so its own
    /// writer id and lock) on one session folder: the second takes over,
    /// the first turns read-only, follows, and never writes the clock
    /// again, not even its heartbeat.
    #[test]
    fn a_running_lead_turns_read_only_when_another_takes_over() {
        let first = Folders::new(DEMO_JSON);
        let second = Folders::new(DEMO_JSON);
        let dir = first.dir.clone();
        let mut a = lead(&first, &dir, &["--at", "10:12"]);
        wait_for("the first lead's clock", || clock_run(&dir).is_some());
        let a_run = clock_run(&dir).unwrap();
        // Without --take-over the second one does not start.
        let mut refused = lead(&second, &dir, &["--at", "10:12"]);
        assert_eq!(refused.wait_exit(), 1);
        let said = String::from_utf8_lossy(&refused.output()).into_owned();
        assert!(said.contains("--take-over"), "{said}");
        // With it, it does.
        let mut b = lead(&second, &dir, &["--at", "10:12", "--take-over"]);
        wait_for("the second lead's clock", || {
            clock_run(&dir).is_some_and(|run| run != a_run)
        });
        let b_run = clock_run(&dir).unwrap();
        wait_for("the first lead to say it is read-only", || {
            a.screen().contains("READ-ONLY · led from")
        });
        // The second lead runs the clock and sends a message: the first
        // follows.
        b.send(b" ");
        std::thread::sleep(Duration::from_millis(300));
        b.send(b"m");
        std::thread::sleep(Duration::from_millis(300));
        b.send(b"Nog 5 minuten");
        std::thread::sleep(Duration::from_millis(300));
        b.send(b"\r");
        wait_for("the message on the first lead's screen", || {
            a.screen().contains("Nog 5 minuten")
        });
        assert!(a.screen().contains("running"), "{}", a.screen());
        // Its keys answer, and change nothing.
        a.send(b" ");
        wait_for("the answer", || {
            a.screen().contains("Read-only: the clock is led")
        });
        // For longer than a heartbeat, only the second lead writes.
        let until = Instant::now() + Duration::from_secs(11);
        while Instant::now() < until {
            if let Some(run) = clock_run(&dir) {
                assert_eq!(run, b_run, "the first lead wrote the clock again");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // It quits at once, and writes nothing on the way out.
        a.send(b"q");
        assert_eq!(a.wait_exit(), 0);
        assert_eq!(clock_run(&dir).as_deref(), Some(b_run.as_str()));
        let state = json(&dir.join("lead-state.json")).unwrap();
        assert!(
            !state["clock"]["blocks"][2]["started"].is_null(),
            "the second lead's state stands"
        );
        b.send(b"\x03");
        assert_eq!(b.wait_exit(), 0);
    }
}
