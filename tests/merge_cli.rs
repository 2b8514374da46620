//! `oogst merge` as an organiser runs it: folders of files from a synced
//! folder, e-mail and USB sticks, some copied twice, some broken.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/harvest")
}

fn merge() -> Command {
    let mut cmd = Command::cargo_bin("oogst").unwrap();
    cmd.args(["merge", "--lang", "en"]);
    cmd
}

fn room(session: &str, room: &str, writer: &str, notes: &str) -> String {
    format!(
        r#"{{"format":"oogst-room","version":1,"session":"{session}","room":"{room}","host":"H",
        "writer":"{writer}","questions":["Q1","Q2"],"notes":[{notes}]}}"#
    )
}

fn note(id: &str, q: usize, text: &str) -> String {
    format!(
        r#"{{"id":"{id}","question":{q},"text":"{text}","created":"2021-01-21T11:00:00+01:00","updated":"2021-01-21T11:00:00+01:00"}}"#
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn markdown_to_stdout_with_a_summary_on_stderr() {
    merge()
        .arg(fixtures())
        .assert()
        .success()
        .stdout(
            contains("# Community of Practice Gebiedsgericht werken")
                .and(contains("### Kamer 1 — Bas, Anna")),
        )
        .stderr(contains(
            "6 files read · 3 rooms · 4 hosts · 12 notes · 1 draft · 10 duplicates collapsed · 1 deleted · 1 session file · 0 skipped",
        ));
}

#[test]
fn the_format_follows_the_flag_then_the_extension() {
    let out = tempfile::tempdir().unwrap();
    for (name, flag, starts) in [
        ("h.html", None, "<!doctype html>"),
        ("h.json", None, "{\n  \"format\": \"oogst-harvest\""),
        ("h.csv", None, "\u{feff}session,room"),
        ("h.txt", Some("csv"), "\u{feff}session,room"),
        ("h.txt", None, "# Community"),
    ] {
        let path = out.path().join(name);
        let mut cmd = merge();
        cmd.arg(fixtures()).arg("-o").arg(&path);
        if let Some(f) = flag {
            cmd.args(["--format", f]);
        }
        cmd.assert()
            .success()
            .stderr(contains("harvest written to"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(starts),
            "{name}: {}",
            &text[..40.min(text.len())]
        );
    }
}

#[test]
fn the_same_files_in_any_order_give_the_same_bytes() {
    let rooms = fixtures().join("rooms");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&rooms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let one = merge()
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    files.reverse();
    files.push(files[0].clone());
    let two = merge()
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(one.status.success());
    assert_eq!(one.stdout, two.stdout);
}

/// A file found in a folder, given by another spelling of its path, and
/// linked to: read once.
#[test]
fn the_same_file_reached_three_ways_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = room("s", "Kamer 1", "w", &note("w-000001", 1, "een keer"));
    let file = write(dir.path(), "a.json", &text);
    // A link; on Windows, where making one needs a privilege, the path
    // as it was written.
    #[cfg(unix)]
    let third = {
        let link = dir.path().join("b.json");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        link
    };
    #[cfg(not(unix))]
    let third = file;
    let args = vec![
        dir.path().to_path_buf(),
        dir.path().join(".").join("a.json"),
        third,
    ];
    let out = merge()
        .args(&args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h["sources"].as_array().unwrap().len(), 1, "{h}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("0 duplicates"), "{stderr}");
}

/// A device that never ends is not read at all.
#[cfg(target_os = "linux")]
#[test]
fn a_device_without_end_is_refused() {
    merge()
        .arg("/dev/zero")
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(1)
        .stderr(contains("/dev/zero: a device, not a plain file"));
}

/// Standard input has the limit a file has.
#[test]
fn standard_input_over_64_mib_is_refused() {
    let mut text = room("s", "Kamer 1", "w", &note("w-000001", 1, "x"));
    text.push_str(&" ".repeat(64 * 1024 * 1024));
    merge()
        .arg("-")
        .write_stdin(text)
        .assert()
        .code(1)
        .stderr(contains("<stdin>: too large (> 64.0 MiB)"));
}

#[test]
fn by_room() {
    merge()
        .arg(fixtures())
        .args(["--by", "room"])
        .assert()
        .success()
        .stdout(contains("## Kamer 2 — Chris").and(contains("### 3. Welke oplossingen")));
}

#[test]
fn standard_input() {
    let text = room("s", "Kamer 1", "w", &note("w-000001", 1, "van stdin"));
    merge()
        .arg("-")
        .write_stdin(text)
        .assert()
        .success()
        .stdout(contains("- van stdin"))
        .stderr(contains(
            "1 file read · 1 room · 1 host · 1 note · 0 drafts · 0 duplicates",
        ));
}

#[test]
fn a_malformed_file_stops_the_merge_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.json",
        &room("s", "K", "a", &note("a-000001", 1, "ok")),
    );
    let bad = write(
        dir.path(),
        "b.json",
        "{\"format\": \"oogst-room\",\n \"version\": 1,\n \"notes\": [}",
    );
    let out = dir.path().join("harvest.md");
    merge()
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains(format!("{}:3:", bad.display())).and(contains("not valid JSON")));
    assert!(!out.exists(), "a failed merge leaves no file");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "and no temporary file"
    );
}

#[test]
fn keep_going_merges_the_rest_and_names_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.json",
        &room("s", "K", "a", &note("a-000001", 1, "blijft")),
    );
    write(
        dir.path(),
        "b.json",
        "{\"format\": \"oogst-room\", \"version\": 1, \"notes\": [",
    );
    merge()
        .arg(dir.path())
        .arg("--keep-going")
        .assert()
        .success()
        .stdout(contains("- blijft"))
        .stderr(
            contains("1 skipped")
                .and(contains("skipped:"))
                .and(contains("b.json"))
                .and(contains("cut short")),
        );
}

#[test]
fn a_newer_version_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.json",
        r#"{"format":"oogst-room","version":3,"anything":"new"}"#,
    );
    merge().arg(dir.path()).assert().code(1).stderr(contains(
        "made by a newer oogst: room file version 3; this oogst reads up to version 2",
    ));
}

#[test]
fn a_file_over_64_mib_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    merge()
        .arg(&big)
        .assert()
        .code(1)
        .stderr(contains("big.json: too large (65.0 MiB)"));
}

#[test]
fn a_note_for_a_question_that_does_not_exist_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let notes = format!(
        "{},{}",
        note("a-000001", 1, "goed"),
        note("a-000002", 7, "waar hoort dit?")
    );
    write(dir.path(), "a.json", &room("s", "K", "a", &notes));
    merge()
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("a-000002").and(contains("question 7")));
    // The file is refused whole, as `check` refuses it: with
    // --keep-going it is skipped by name, with the reason.
    merge()
        .arg(dir.path())
        .arg("--keep-going")
        .assert()
        .success()
        .stdout(contains("waar hoort").not())
        .stderr(
            contains("skipped:")
                .and(contains("a.json"))
                .and(contains("a-000002")),
        );
    Command::cargo_bin("oogst")
        .unwrap()
        .args(["check", "--lang", "en"])
        .arg(dir.path().join("a.json"))
        .assert()
        .code(1)
        .stderr(contains("question 7"));
}

#[test]
fn mixed_sessions_are_refused_unless_one_is_picked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.json",
        &room("cop-januari", "K", "a", &note("a-000001", 1, "januari")),
    );
    write(
        dir.path(),
        "b.json",
        &room("cop-februari", "K", "b", &note("b-000001", 1, "februari")),
    );
    merge()
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("cop-februari, cop-januari").and(contains("--session")));
    merge()
        .arg(dir.path())
        .args(["--session", "cop-januari"])
        .assert()
        .success()
        .stdout(contains("januari").and(contains("februari").not()))
        .stderr(contains(
            "b.json: belongs to another session (cop-februari)",
        ));
}

#[test]
fn other_files_in_a_session_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rooms/K--a.json",
        &room("s", "K", "a", &note("a-000001", 1, "ok")),
    );
    write(
        dir.path(),
        "clock.json",
        r#"{"format":"oogst-clock","version":1}"#,
    );
    write(
        dir.path(),
        "package.json",
        r#"{"name":"iets","version":"1.0.0"}"#,
    );
    // Temporary files of oogst and of Syncthing are left alone entirely.
    write(dir.path(), "rooms/.K--a.json.a1b2c3", "half");
    write(dir.path(), "rooms/.syncthing.K--a.json.tmp", "half");
    write(dir.path(), "rooms/~syncthing~K--a.json.tmp", "half");
    // A file oogst set aside itself does not stop the merge.
    write(
        dir.path(),
        "rooms/K--a.corrupt-20210121T110000.json",
        "{\"kapot",
    );
    merge()
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("- ok"))
        .stderr(
            // The session's own files are passed over quietly, and counted.
            contains("1 session file")
                .and(contains("clock.json").not())
                .and(contains("package.json: not an oogst file"))
                .and(contains("corrupt-20210121T110000.json"))
                .and(contains("2 skipped"))
                .and(contains("syncthing").not()),
        );
}

#[test]
fn unreadable_outputs_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    merge()
        .arg(fixtures())
        .arg("-o")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("folder"));
    merge()
        .arg(fixtures())
        .arg("-o")
        .arg(dir.path().join("nergens/h.md"))
        .assert()
        .code(1)
        .stderr(contains("nergens"));
    merge()
        .arg(dir.path().join("bestaat-niet.json"))
        .assert()
        .code(1)
        .stderr(contains("bestaat-niet.json: file not found"));
}

#[test]
fn the_summary_is_dutch_with_lang_nl() {
    Command::cargo_bin("oogst")
        .unwrap()
        .args(["merge", "--lang", "nl"])
        .arg(fixtures())
        .assert()
        .success()
        .stdout(contains("## 1. Welke uitdagingen"))
        .stderr(contains("6 bestanden gelezen · 3 kamers"));
}

#[test]
fn check_reads_room_and_harvest_files_and_whole_folders() {
    let out = tempfile::tempdir().unwrap();
    let harvest = out.path().join("h.json");
    merge()
        .arg(fixtures())
        .arg("-o")
        .arg(&harvest)
        .assert()
        .success();
    Command::cargo_bin("oogst")
        .unwrap()
        .args(["check", "--lang", "en"])
        .arg(&harvest)
        .arg(fixtures())
        .assert()
        .success()
        .stdout(
            contains("harvest cop-gebiedsgericht-2021-01-21: 3 rooms, 12 notes")
                .and(contains(
                    "Kamer_10--dddddd.json: ok: room \"Kamer 10\" (Dewi)",
                ))
                .and(contains("1 note, 0 deleted")),
        );
    // A harvest of version 1 (today's oogst) is read too.
    let bad = write(
        out.path(),
        "bad-harvest.json",
        r#"{"format":"oogst-harvest","version":1,"session":"s","title":null,"questions":["Q"],
            "rooms":[{"room":"K","hosts":[],"notes":[{"id":"a-1","question":3,"text":"t","created":"2021-01-21T11:00:00Z","updated":"2021-01-21T11:00:00Z"}]}],
            "sources":[]}"#,
    );
    Command::cargo_bin("oogst")
        .unwrap()
        .args(["check", "--lang", "en"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains(
            "note \"a-1\" belongs to question 3, but the file has 1 questions",
        ));
}

/// A link inside a folder given to `merge` is not followed: it could lead
/// anywhere (a file of someone else, a device). Named on the command
/// line, it is read.
// Unix only: making a link on Windows needs a privilege (or developer mode).
#[cfg(unix)]
#[test]
fn links_inside_a_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = write(
        outside.path(),
        "elders.json",
        &room(
            "s",
            "Geheim",
            "x",
            &note("x-000001", 1, "niet voor de oogst"),
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rooms/a.json",
        &room("s", "Kamer 1", "a", &note("a-000001", 1, "wel")),
    );
    std::os::unix::fs::symlink(&secret, dir.path().join("rooms/b.json")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("rooms/map")).unwrap();
    merge()
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("- wel").and(contains("niet voor de oogst").not()))
        .stderr(
            contains("b.json: a symbolic link inside the folder: not followed")
                .and(contains("map: a symbolic link")),
        );
    merge()
        .arg(dir.path().join("rooms/b.json"))
        .assert()
        .success()
        .stdout(contains("niet voor de oogst"));
}

/// A FIFO with a `.json` name is never waited on: in a folder it is
/// passed over with a note, named it is an error.
// Unix only: Windows has no FIFOs in folders.
#[cfg(unix)]
#[test]
fn a_fifo_never_hangs_the_merge_or_check() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rooms/a.json",
        &room("s", "Kamer 1", "a", &note("a-000001", 1, "wel")),
    );
    let fifo = dir.path().join("rooms/b.json");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    merge()
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success()
        .stdout(contains("- wel"))
        .stderr(contains("b.json: a FIFO (named pipe), not a plain file"));
    merge()
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(contains("a FIFO"));
    Command::cargo_bin("oogst")
        .unwrap()
        .args(["check", "--lang", "en"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success()
        .stdout(contains("a.json: ok"))
        .stderr(contains("b.json: a FIFO"));
}

/// Whatever a file or its name holds, no escape sequence reaches the
/// terminal through a message.
#[test]
fn messages_show_control_characters_visibly() {
    let dir = tempfile::tempdir().unwrap();
    // Windows refuses control characters in file names: there only the
    // contents are hostile.
    let name = if cfg!(unix) {
        "kamer\u{1b}]0;pwned\u{7}\u{9b}31m.json"
    } else {
        "kamer\u{9b}31m.json"
    };
    write(
        dir.path(),
        name,
        "{\"format\": \"oogst-room\", \"version\": 1, \"notes\": [",
    );
    write(
        dir.path(),
        "b.json",
        &room(
            "sessie\\u001b[2J\\u009b",
            "K",
            "b",
            &note("b-000001", 1, "x\\u009b\\u202e"),
        ),
    );
    for args in [vec!["--keep-going"], vec![]] {
        let out = merge().arg(dir.path()).args(&args).output().unwrap();
        let all = [out.stdout, out.stderr].concat();
        assert!(!all.contains(&0x1b), "{}", String::from_utf8_lossy(&all));
        assert!(!all.windows(2).any(|w| w == [0xc2, 0x9b]));
        let text = String::from_utf8_lossy(&all);
        #[cfg(unix)]
        assert!(text.contains("kamer^[]0;pwned^G\\u{9b}31m.json"), "{text}");
        #[cfg(windows)]
        assert!(text.contains("kamer\\u{9b}31m.json"), "{text}");
    }
    let out = merge()
        .arg(dir.path().join("b.json"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let all = [out.stdout, out.stderr].concat();
    assert!(!all.contains(&0x1b), "{}", String::from_utf8_lossy(&all));
    assert!(!all.windows(2).any(|w| w == [0xc2, 0x9b]));
    assert!(!String::from_utf8_lossy(&all).contains('\u{202e}'));
}
