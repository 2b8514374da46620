//! The real lead in a pseudo-terminal while its programme changes: edited
//! by hand on disk (taken in, the clock kept by block ids), and edited in
//! the lead's programme view (written to `programme.json` for the hosts).

// Unix only: the real binary through a Unix pseudo-terminal (see
// tests/lead_live.rs).
#![cfg(unix)]

mod common;

use std::path::Path;

use common::{Live, json, wait_for};

/// The saved clock's current block, by its id, and whether it runs.
fn saved_place(dir: &Path) -> Option<(String, bool)> {
    let v = json(&dir.join("lead-state.json"))?;
    let current = v["clock"]["current"].as_u64()? as usize;
    let id = v["ids"][current].as_str()?.to_string();
    let started = !v["clock"]["blocks"][current]["started"].is_null();
    Some((id, started))
}

/// Writes `text` as `programme.json` the way an editor or a sync engine
/// does: a new file renamed over the old one.
fn replace(dir: &Path, text: &str) {
    let tmp = dir.join(".programme.json.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, dir.join("programme.json")).unwrap();
}

#[test]
fn a_programme_edited_by_hand_is_taken_in_with_the_clock_kept_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::start(dir.path(), &["--at", "10:12"]);
    wait_for("the first clock.json", || {
        dir.path().join("clock.json").exists()
    });
    live.send(b" ");
    wait_for("the case started", || {
        saved_place(dir.path()) == Some(("casus".into(), true))
    });
    let text = std::fs::read_to_string(dir.path().join("programme.json")).unwrap();
    let edited = text.replacen(
        "    {\n      \"id\": \"casus\"",
        "    {\"id\": \"wethouder\", \"kind\": \"plenary\", \"title\": \"Woord van de wethouder\", \"minutes\": 5},\n    {\n      \"id\": \"casus\"",
        1,
    );
    assert_ne!(edited, text);
    replace(dir.path(), &edited);
    wait_for("the edited programme taken in", || {
        json(&dir.path().join("lead-state.json"))
            .is_some_and(|v| v["ids"][2] == "wethouder" && v["clock"]["current"] == 3)
    });
    assert_eq!(saved_place(dir.path()), Some(("casus".into(), true)));
    wait_for("the clock's block by index and id", || {
        json(&dir.path().join("clock.json"))
            .is_some_and(|v| v["block"]["index"] == 3 && v["block"]["id"] == "casus")
    });
    wait_for("the lead told what changed", || {
        live.screen().contains("‘Woord van de wethouder’ added")
    });
    // The file as written by hand stays as it is.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("programme.json")).unwrap(),
        edited
    );

    // A mistake by hand is not taken in; the lead says where it is.
    replace(
        dir.path(),
        &edited.replacen("\"minutes\": 5}", "\"minutes\": 5", 1),
    );
    wait_for("the lead told of the mistake", || {
        live.screen().contains("programme.json:")
    });
    assert_eq!(saved_place(dir.path()), Some(("casus".into(), true)));
    live.send(&[3]);
    assert_eq!(live.wait_exit(), 0);
    assert_eq!(
        json(&dir.path().join("lead-state.json")).unwrap()["ids"][2],
        "wethouder"
    );
}

#[test]
fn an_edit_in_the_programme_view_is_written_for_the_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::start(dir.path(), &["--at", "10:12"]);
    wait_for("the first clock.json", || {
        dir.path().join("clock.json").exists()
    });
    live.send(b" ");
    wait_for("the case started", || {
        saved_place(dir.path()) == Some(("casus".into(), true))
    });
    // The programme view, at the questions block: its title typed anew.
    live.send(b"a");
    wait_for("the programme view", || {
        live.screen().contains("+ add a block")
    });
    live.send(b"\r");
    std::thread::sleep(std::time::Duration::from_millis(100));
    live.send(b" aan Duiven");
    std::thread::sleep(std::time::Duration::from_millis(100));
    live.send(b"\r");
    wait_for("programme.json written", || {
        std::fs::read_to_string(dir.path().join("programme.json"))
            .is_ok_and(|t| t.contains("Ruimte voor vragen aan Duiven"))
    });
    let p = oogst::programme::Programme::parse(
        &std::fs::read_to_string(dir.path().join("programme.json")).unwrap(),
        "programme.json",
    )
    .unwrap();
    assert_eq!(p.blocks[3].id, "vragen");
    assert_eq!(saved_place(dir.path()), Some(("casus".into(), true)));
    // Back to the clock: `u` takes the edit back, for the hosts too (the
    // programme before it is written again); `U` makes it again.
    live.send(b"\x1b");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let title = |t: &str| {
        std::fs::read_to_string(dir.path().join("programme.json"))
            .is_ok_and(|text| text.contains(t))
    };
    live.send(b"u");
    wait_for("the edit undone in programme.json", || {
        title("Ruimte voor vragen\"") && !title("aan Duiven")
    });
    live.send(b"U");
    wait_for("the edit redone in programme.json", || {
        title("Ruimte voor vragen aan Duiven")
    });
    live.send(&[3]);
    assert_eq!(live.wait_exit(), 0);
}
