//! The `oogst` command line as users and scripts meet it: exit statuses
//! (0 success, 1 a user-facing error, 2 bad usage), `init`, and `check`'s
//! messages, which name the file and the place of every problem.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use oogst::programme::BlockKind;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The demo programme as shipped; `init` must write exactly this.
const DEMO: &str = include_str!("../assets/programme.json");

fn demo_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/programme.json")
}

/// `oogst` with a clean locale, a timeout (a command that wrongly opens
/// the lead view must not hang the test run) and backtraces switched on, so
/// that a panic would show in the output and fail [`assert_clean`].
fn oogst() -> Command {
    let mut cmd = Command::cargo_bin("oogst").expect("the oogst binary is built");
    cmd.env("RUST_BACKTRACE", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .timeout(Duration::from_secs(20));
    cmd
}

/// `oogst ARGS… --lang en`. The option goes last: see
/// [`lang_before_the_command`] for why not first.
fn en(args: &[&str]) -> Command {
    let mut cmd = oogst();
    cmd.args(args).arg("--lang").arg("en");
    cmd
}

/// No panic, no backtrace, no raw control characters except line ends.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in ["panicked", "stack backtrace", "RUST_BACKTRACE", "thread '"] {
        assert!(!text.contains(bad), "{what} contains {bad:?}:\n{text}");
    }
    assert!(
        !bytes.iter().any(|&b| (b < 0x20 && b != b'\n') || b == 0x7f),
        "{what} contains a raw control character:\n{text:?}"
    );
}

/// A temporary folder holding `name` with `contents`.
fn dir_with(name: &str, contents: impl AsRef<[u8]>) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join(name), contents).unwrap();
    dir
}

fn demo() -> Value {
    serde_json::from_str(DEMO).unwrap()
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// Runs `oogst --lang LANG check NAME` in `dir`; asserts exit 1, nothing on
/// stdout, a clean stderr whose every line names the file; returns stderr.
fn check_fails_in(dir: &TempDir, name: &str, lang: &str) -> String {
    let assert = oogst()
        .args(["check", name, "--lang", lang])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stdout("");
    let out = assert.get_output();
    assert_clean("stderr", &out.stderr);
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    let mut lines = stderr.lines().collect::<Vec<_>>();
    // The last line is the summary ("oogst: 1 of 1 file(s) invalid").
    let summary = lines.pop().expect("a message on stderr");
    assert!(summary.starts_with("oogst: "), "summary: {stderr}");
    assert!(!lines.is_empty(), "no message about the file: {stderr}");
    for line in lines {
        assert!(
            line.starts_with(&format!("{name}:")),
            "does not name {name}: {line}"
        );
    }
    stderr
}

/// [`check_fails_in`] for a file `name` with `contents`, in English.
fn check_fails(name: &str, contents: impl AsRef<[u8]>) -> String {
    let dir = dir_with(name, contents);
    check_fails_in(&dir, name, "en")
}

/// The first `file:LINE:COL:` in `stderr`.
fn line_col(stderr: &str, file: &str) -> Option<(usize, usize)> {
    let rest = &stderr[stderr.find(&format!("{file}:"))? + file.len() + 1..];
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    Some((line, col))
}

// ---------------------------------------------------------------- usage

#[test]
fn version_prints_the_version() {
    en(&["--version"])
        .assert()
        .success()
        .stdout(contains(format!("oogst {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn every_command_has_help() {
    for (args, mentions) in [
        (&["--help"][..], "check"),
        (&["-h"], "init"),
        (&["lead", "--help"], "--speed"),
        (&["check", "--help"], "<FILE>..."),
        (&["init", "--help"], "--force"),
        (&["edit", "--help"], "[FILE]"),
    ] {
        let assert = en(args)
            .assert()
            .success()
            .stdout(contains("Usage:").and(contains(mentions)));
        assert_clean("help", &assert.get_output().stdout);
    }
    for (args, mentions) in [
        (&["help"][..], "lead"),
        (&["help", "check"], "<FILE>..."),
        (&["help", "init"], "--force"),
    ] {
        en(args)
            .assert()
            .success()
            .stdout(contains("Usage:").and(contains(mentions)));
    }
}

/// Everything the command line says is in the interface language:
/// clap's own words ("error:", "Usage", "[possible values: …]",
/// "[default: …]", "Print help") too.
#[test]
fn the_command_line_speaks_dutch() {
    let nl = |args: &[&str]| {
        let mut c = oogst();
        c.args(args).arg("--lang").arg("nl");
        c
    };
    let english = [
        "error:",
        "Usage",
        "possible values",
        "default:",
        "Print",
        "For more information",
        "OPTIONS",
        "COMMAND",
        "Options:",
        "Arguments:",
        "tip: a similar",
        "is not a",
        "required",
        "unexpected",
        "invalid value",
    ];
    let no_english = |out: &[u8]| {
        let out = String::from_utf8_lossy(out);
        for word in english {
            assert!(!out.contains(word), "{word:?} in {out}");
        }
        out.into_owned()
    };
    // Help: headings, usage, value names, possible and default values.
    for args in [
        &["--help"][..],
        &["help"],
        &["help", "merge"],
        &["lead", "--help"],
        &["host", "--help"],
        &["merge", "--help"],
        &["check", "--help"],
        &["init", "--help"],
        &["edit", "--help"],
    ] {
        let out = nl(args).assert().success().get_output().stdout.clone();
        let out = no_english(&out);
        assert!(out.contains("Gebruik: oogst"), "{out}");
        assert!(out.contains("Hulp tonen"), "{out}");
    }
    let merge = nl(&["merge", "--help"]).output().unwrap().stdout;
    let merge = String::from_utf8_lossy(&merge);
    assert!(
        merge.contains("[mogelijke waarden: md, html, csv, json]")
            && merge.contains("[standaard: question]")
            && merge.contains("<PAD>..."),
        "{merge}"
    );
    // Bad usage: exit 2, in Dutch, with the usage line and a way on.
    for (args, says) in [
        (&["--bogus"][..], "fout: onbekend argument '--bogus'"),
        (&["--speeed", "3"], "tip: bedoel je '--speed'?"),
        (&["frobnicate"], "fout: onbekende opdracht 'frobnicate'"),
        (
            &["help", "frobnicate"],
            "fout: onbekende opdracht 'frobnicate'",
        ),
        (
            &["merge"],
            "fout: deze verplichte argumenten ontbreken:\n  <PAD>...",
        ),
        (
            &["merge", "x", "--format", "doc"],
            "fout: ongeldige waarde 'doc' voor '--format <FORMAAT>'\n  [mogelijke waarden: md, html, csv, json]",
        ),
        (
            &["lead", "--at"],
            "fout: '--at <UU:MM>' heeft een waarde nodig",
        ),
        (
            &["lead", "--at", "25:00"],
            "\"25:00\" is geen tijdstip; schrijf UU:MM, bijvoorbeeld 10:08",
        ),
        (
            &["lead", "--speed", "0"],
            "\"0\" is geen snelheid; geef een getal van 1 tot 10000",
        ),
        (
            &["init", "--force", "--force"],
            "fout: '--force' mag maar één keer",
        ),
    ] {
        let out = nl(args).assert().code(2).get_output().stderr.clone();
        let out = no_english(&out);
        assert!(out.contains(says), "{args:?}: {out}");
        assert!(out.contains("Gebruik: oogst"), "{args:?}: {out}");
    }
}

/// `--lang` is a global option, so it should work before the command too,
/// as in `oogst --lang en check FILE`.
#[test]
fn lang_before_the_command() {
    oogst()
        .args(["--lang", "en", "check", demo_path().to_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("ok"));
    let dir = TempDir::new().unwrap();
    oogst()
        .args(["--lang", "en", "init"])
        .current_dir(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("programme.json").exists());
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["--bogus"][..],
        &["check", "--bogus", "x.json"],
        &["check"],
        &["frobnicate", "x"],
        &["--speed", "0"],
        &["lead", "--speed", "0"],
        &["lead", "--speed", "-3"],
        &["lead", "--speed", "NaN"],
        &["lead", "--speed", "fast"],
        &["--at", "25:00"],
        &["lead", "--at", "25:00"],
        &["lead", "--at", "10:60"],
        &["lead", "--at", "half elf"],
        &["init", "a.json", "b.json"],
    ] {
        let assert = en(args).assert().code(2).stdout("");
        let out = assert.get_output();
        assert_clean("stderr", &out.stderr);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error"), "{args:?}: {stderr}");
    }
    // The value is named in the message, with what to write instead.
    en(&["--at", "25:00"])
        .assert()
        .code(2)
        .stderr(contains("25:00").and(contains("HH:MM")));
    en(&["--speed", "0"])
        .assert()
        .code(2)
        .stderr(contains("\"0\" is not a speed"));
    oogst()
        .args(["check", "x.json", "--lang", "xx"])
        .assert()
        .code(2);
}

// ---------------------------------------------------------------- init

#[test]
fn init_writes_the_demo_programme_in_the_current_folder() {
    let dir = TempDir::new().unwrap();
    en(&["init"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(contains("programme.json"))
        .stderr("");
    let written = std::fs::read(dir.path().join("programme.json")).unwrap();
    assert_eq!(written, DEMO.as_bytes(), "byte for byte the demo");
    // Nothing else is left behind (temporary files of the atomic write).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["programme.json"]);
    // And the copy passes `check`.
    en(&["check", "programme.json"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(contains("programme.json: ok"));
}

#[test]
fn init_writes_a_named_file() {
    let dir = TempDir::new().unwrap();
    en(&["init", "cop-maart.json"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(contains("cop-maart.json"));
    let written = std::fs::read(dir.path().join("cop-maart.json")).unwrap();
    assert_eq!(written, DEMO.as_bytes());
    assert!(!dir.path().join("programme.json").exists());
    // An absolute path works as well.
    let abs = dir.path().join("abs.json");
    en(&["init", abs.to_str().unwrap()]).assert().success();
    assert_eq!(std::fs::read(&abs).unwrap(), DEMO.as_bytes());
}

#[test]
fn init_refuses_to_overwrite_and_names_the_file_and_force() {
    for name in [None, Some("mine.json")] {
        let file = name.unwrap_or("programme.json");
        let dir = dir_with(file, "my own programme");
        let mut cmd = en(&["init"]);
        cmd.args(name).current_dir(dir.path());
        let assert = cmd
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains(file).and(contains("--force")));
        assert_clean("stderr", &assert.get_output().stderr);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(file)).unwrap(),
            "my own programme",
            "the file is left alone"
        );
    }
}

#[test]
fn init_force_overwrites() {
    let dir = dir_with("programme.json", "my own programme");
    en(&["init", "--force"])
        .current_dir(dir.path())
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.path().join("programme.json")).unwrap(),
        DEMO.as_bytes()
    );
    let dir = dir_with("mine.json", "x");
    en(&["init", "mine.json", "--force"])
        .current_dir(dir.path())
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.path().join("mine.json")).unwrap(),
        DEMO.as_bytes()
    );
}

#[test]
fn init_into_a_missing_folder_fails_cleanly() {
    let dir = TempDir::new().unwrap();
    let assert = en(&["init", "no/such/folder/p.json"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(contains("no/such/folder/p.json"));
    assert_clean("stderr", &assert.get_output().stderr);
}

/// `init --force` on a folder fails, and should leave nothing behind.
#[test]
fn init_force_on_a_folder_leaves_nothing_behind() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("d")).unwrap();
    en(&["init", "d", "--force"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(contains("d"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["d"]);
}

// ---------------------------------------------------------------- check

#[test]
fn check_accepts_the_demo() {
    let demo = demo_path();
    let assert = en(&["check", demo.to_str().unwrap()])
        .assert()
        .success()
        .stderr("")
        .stdout(contains("ok").and(contains(demo.to_str().unwrap())));
    assert_clean("stdout", &assert.get_output().stdout);
}

#[test]
fn check_malformed_json_names_line_and_column() {
    let text = "{\n  \"format\": \"oogst-programme\",\n  \"version\": 1,\n  \"id\" \"x\"\n}\n";
    let stderr = check_fails("p.json", text);
    assert!(stderr.contains("p.json:4:8:"), "{stderr}");
    assert!(stderr.contains("not valid JSON"), "{stderr}");
}

#[test]
fn check_truncated_json_says_it_is_cut_short() {
    let mut half = DEMO.len() / 2;
    while !DEMO.is_char_boundary(half) {
        half -= 1;
    }
    let stderr = check_fails("half.json", &DEMO[..half]);
    assert!(
        stderr.contains("ends in the middle") && stderr.contains("cut short"),
        "{stderr}"
    );
    let (line, _) = line_col(&stderr, "half.json").expect("a line and column");
    assert_eq!(line, DEMO[..half].lines().count(), "{stderr}");
}

#[test]
fn check_unknown_kind_names_the_block_and_the_valid_kinds() {
    let mut v = demo();
    v["blocks"][1]["kind"] = json!("lunch");
    let stderr = check_fails("kind.json", pretty(&v));
    assert!(
        stderr.contains("block 2 \"Opening en toelichting programma\""),
        "{stderr}"
    );
    assert!(stderr.contains("\"lunch\""), "{stderr}");
    let valid: Vec<&str> = BlockKind::ALL.iter().map(|k| k.name()).collect();
    assert!(stderr.contains(&valid.join(", ")), "{stderr}");
}

#[test]
fn check_overlap_names_the_block() {
    let mut v = demo();
    v["blocks"][1]["start"] = json!("09:50");
    let stderr = check_fails("overlap.json", pretty(&v));
    assert!(
        stderr.contains("block 2 \"Opening en toelichting programma\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("09:50") && stderr.contains("10:00"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "one problem, one summary");
}

#[test]
fn check_breakout_without_questions_or_rooms() {
    let mut v = demo();
    let breakout = v["blocks"][4].as_object_mut().unwrap();
    breakout.remove("questions");
    breakout.remove("rooms");
    let stderr = check_fails("breakout.json", pretty(&v));
    assert!(stderr.contains("block 5 \"Samen in gesprek\""), "{stderr}");
    assert!(stderr.contains("questions"), "{stderr}");
    assert!(stderr.contains("rooms"), "{stderr}");

    let mut v = demo();
    v["blocks"][4]["questions"] = json!([]);
    let stderr = check_fails("breakout.json", pretty(&v));
    assert!(
        stderr.contains("block 5 \"Samen in gesprek\"") && stderr.contains("questions"),
        "{stderr}"
    );
    assert!(!stderr.contains("rooms"), "only the questions: {stderr}");
}

#[test]
fn check_wrong_type_names_the_path_and_place() {
    let text = r#"{
  "format": "oogst-programme",
  "version": 1,
  "id": "t",
  "title": "T",
  "blocks": [
    {"kind": "plenary", "title": "Opening", "start": "10:00", "minutes": "tien"}
  ]
}
"#;
    let stderr = check_fails("type.json", text);
    assert!(stderr.contains("blocks[0].minutes"), "{stderr}");
    assert!(stderr.contains("\"tien\""), "{stderr}");
    assert!(stderr.contains("block 1 \"Opening\""), "{stderr}");
    let (line, col) = line_col(&stderr, "type.json").expect("a line and column");
    assert_eq!(line, 7, "{stderr}");
    let row = text.lines().nth(6).unwrap();
    let value_start = row.find("\"tien\"").unwrap() + 1;
    let value_end = value_start + "\"tien\"".len();
    assert!(
        (value_start..=value_end).contains(&col),
        "column {col} is not at \"tien\" ({value_start}..={value_end}): {stderr}"
    );
}

#[test]
fn check_newer_version_says_so() {
    let mut v = demo();
    v["version"] = json!(2);
    let stderr = check_fails("new.json", pretty(&v));
    assert!(stderr.contains("made by a newer oogst"), "{stderr}");
    assert!(stderr.contains("version 2"), "{stderr}");
    assert!(stderr.contains("reads version 1"), "{stderr}");
}

#[test]
fn check_a_json_file_that_is_not_oogsts() {
    let stderr = check_fails(
        "package.json",
        r#"{"name": "left-pad", "version": "1.3.0"}"#,
    );
    assert!(stderr.contains("not an oogst file"), "{stderr}");
    assert!(stderr.contains("\"format\""), "{stderr}");

    let stderr = check_fails(
        "map.json",
        r#"{"format": "geojson", "version": 1, "features": []}"#,
    );
    assert!(stderr.contains("unknown format \"geojson\""), "{stderr}");
    assert!(
        stderr.contains("oogst-programme"),
        "lists the known ones: {stderr}"
    );

    let stderr = check_fails("list.json", "[1, 2, 3]");
    assert!(stderr.contains("not an oogst file"), "{stderr}");
}

#[test]
fn check_a_missing_file() {
    let dir = TempDir::new().unwrap();
    let stderr = check_fails_in(&dir, "nowhere.json", "en");
    assert!(stderr.contains("nowhere.json"), "{stderr}");
}

#[test]
fn check_a_folder() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    let stderr = check_fails_in(&dir, "folder.json", "en");
    assert!(stderr.contains("folder"), "{stderr}");
}

#[test]
fn check_a_file_that_is_not_utf8() {
    let mut bytes = DEMO.as_bytes().to_vec();
    let at = DEMO.find("Inloop").unwrap();
    bytes[at] = 0xff;
    let stderr = check_fails("latin1.json", bytes);
    assert!(stderr.contains("UTF-8"), "{stderr}");
}

#[test]
fn check_several_files_reports_each() {
    let mut v = demo();
    v["blocks"][1]["kind"] = json!("lunch");
    let dir = dir_with("bad.json", pretty(&v));
    std::fs::write(dir.path().join("good.json"), DEMO).unwrap();
    let assert = en(&["check", "bad.json", "good.json"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stdout(contains("good.json: ok").and(contains("bad.json").not()))
        .stderr(
            contains("bad.json: block 2")
                .and(contains("1 of 2"))
                .and(contains("good.json").not()),
        );
    let out = assert.get_output();
    assert_clean("stderr", &out.stderr);
    assert_clean("stdout", &out.stdout);
}

#[test]
fn check_every_error_kind_without_panic_or_backtrace() {
    // A broad sweep: each of these is refused with exit 1 and a clean
    // message (checked in `check_fails`).
    let cases: Vec<(&str, String)> = vec![
        ("empty.json", String::new()),
        ("spaces.json", "   \n\n  ".into()),
        ("null.json", "null".into()),
        ("number.json", "42".into()),
        ("no-version.json", r#"{"format": "oogst-programme"}"#.into()),
        (
            "float-version.json",
            r#"{"format": "oogst-programme", "version": "one"}"#.into(),
        ),
        (
            "no-blocks.json",
            r#"{"format": "oogst-programme", "version": 1, "id": "t", "title": "T", "blocks": []}"#
                .into(),
        ),
        (
            "huge-minutes.json",
            pretty(&{
                let mut v = demo();
                v["blocks"][1]["minutes"] = json!(u64::MAX);
                v
            }),
        ),
        (
            "negative-minutes.json",
            pretty(&{
                let mut v = demo();
                v["blocks"][1]["minutes"] = json!(-5);
                v
            }),
        ),
        (
            "past-midnight.json",
            pretty(&{
                let mut v = demo();
                v["blocks"][4]["start"] = json!("23:30");
                v
            }),
        ),
        ("deep.json", "[".repeat(10_000)),
    ];
    for (name, text) in cases {
        check_fails(name, text);
    }
}

#[test]
fn check_never_writes_a_raw_escape_to_the_terminal() {
    let mut v = demo();
    v["blocks"][1]["title"] = json!("Opening \u{1b}[31mRED\u{1b}]0;pwned\u{7}");
    v["blocks"][1]["kind"] = json!("lunch\u{1b}[2J");
    let stderr = check_fails("esc.json", pretty(&v));
    assert!(stderr.contains("block 2"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "raw ESC in {stderr:?}");

    // A valid programme whose title holds an escape: the summary on stdout
    // is clean too.
    let mut v = demo();
    v["title"] = json!("CoP \u{1b}[2J\u{1b}[31mGebiedsgericht");
    let dir = dir_with("ok.json", pretty(&v));
    let assert = en(&["check", "ok.json"])
        .current_dir(dir.path())
        .assert()
        .success();
    assert_clean("stdout", &assert.get_output().stdout);
}

// ---------------------------------------------------------------- Dutch

#[test]
fn dutch_messages() {
    let mut v = demo();
    v["blocks"][1]["start"] = json!("09:50");
    let dir = dir_with("overlap.json", pretty(&v));
    let stderr = check_fails_in(&dir, "overlap.json", "nl");
    assert!(
        stderr.contains("blok 2 \"Opening en toelichting programma\""),
        "{stderr}"
    );
    assert!(stderr.contains("ongeldig"), "{stderr}");
    assert!(!stderr.contains("block 2"), "{stderr}");

    let dir = dir_with("programme.json", "x");
    oogst()
        .args(["init", "--lang", "nl"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(contains("bestaat al").and(contains("--force")));

    oogst()
        .args(["check", demo_path().to_str().unwrap(), "--lang", "nl"])
        .assert()
        .success()
        .stdout(contains("ok: programma"));
}

/// What `check` echoes from a file or its name never carries an escape
/// sequence to the terminal: a hostile file name, session, room and host.
#[test]
fn check_shows_control_characters_visibly() {
    // Windows refuses control characters in file names: there only the
    // contents are hostile.
    let name = if cfg!(unix) {
        "kamer\u{1b}]0;pwned\u{7}.json"
    } else {
        "kamer.json"
    };
    let room = r#"{"format":"oogst-room","version":1,"session":"s\u001b[2J","room":"K\u009b31m",
        "host":"H\u202e","writer":"w","questions":["Q"],"notes":[]}"#;
    let dir = dir_with(name, room);
    let out = oogst()
        .args(["check", name, "--lang", "en"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let all = [out.stdout.clone(), out.stderr.clone()].concat();
    assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{all:?}");
    assert!(!all.windows(2).any(|w| w == [0xc2, 0x9b]));
    let stdout = String::from_utf8(out.stdout).unwrap();
    #[cfg(unix)]
    assert!(stdout.contains("kamer^[]0;pwned^G.json: ok"), "{stdout}");
    assert!(
        stdout.contains("s^[[2J") && stdout.contains("K\\u{9b}31m"),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{202e}'));
    // And in an error.
    let bad = dir_with(
        name,
        "{\"format\": \"oogst-room\", \"version\": 1, \"room\": \"\u{1b}[2J\"",
    );
    let out = oogst()
        .args(["check", name, "--lang", "en"])
        .current_dir(bad.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stderr.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `oogst init --template NAME`: each template makes a programme that
/// `oogst check` accepts, for a meeting of today; an unknown name is bad
/// usage that lists the templates.
#[test]
fn every_template_passes_check() {
    let dir = TempDir::new().unwrap();
    for name in oogst::templates::NAMES {
        let file = dir.path().join(format!("{name}.json"));
        en(&["init", file.to_str().unwrap(), "--template", name])
            .assert()
            .success();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("{datum}"), "{text}");
        en(&["check", file.to_str().unwrap()])
            .assert()
            .success()
            .stdout(contains(": ok"));
    }
    let out = en(&["init", "x.json", "--template", "feestje"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let out = String::from_utf8_lossy(&out);
    for name in oogst::templates::NAMES {
        assert!(out.contains(name), "{out}");
    }
    assert!(!dir.path().join("x.json").exists());
}

/// `oogst edit --help` in Dutch: what it is for, its usage line, its file
/// and where a new one starts.
#[test]
fn edit_help_speaks_dutch() {
    let out = oogst()
        .args(["edit", "--help", "--lang", "nl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for words in [
        "Een programma maken of veranderen in een formulier, gecontroleerd terwijl je typt",
        "Gebruik: oogst edit [BESTAND] [OPTIES]",
        "[BESTAND]",
        "bestaat het nog niet, dan kies je eerst een sjabloon",
        "[standaard: programme.json]",
        "Hulp tonen",
    ] {
        assert!(out.contains(words), "{words:?} not in\n{out}");
    }
    let en = en(&["edit", "--help"]).output().unwrap().stdout;
    assert!(String::from_utf8_lossy(&en).contains("Usage: oogst edit [FILE] [OPTIONS]"));
}

/// A file that is no programme is not opened in the editor: exit 1, and
/// the error says where (the terminal is never taken).
#[test]
fn edit_refuses_a_file_that_is_no_programme() {
    let dir = dir_with(
        "kapot.json",
        "{\"format\": \"oogst-programme\", \"version\": 1,\n  \"id\" \"x\"}",
    );
    let out = oogst()
        .current_dir(dir.path())
        .args(["edit", "kapot.json", "--lang", "nl"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("kapot.json:2:8"), "{out}");
    assert!(
        out.contains("oogst edit opent alleen een programma"),
        "{out}"
    );
    let room = dir_with("kamer.json", "{\"format\": \"oogst-room\", \"version\": 2}");
    oogst()
        .current_dir(room.path())
        .args(["edit", "kamer.json", "--lang", "en"])
        .assert()
        .code(1)
        .stderr(contains("not \"oogst-programme\""));
}
