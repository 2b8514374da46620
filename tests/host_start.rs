//! Opening a room: a new file, a continued one, and files that cannot be
//! used, which are set aside and never overwritten.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::{self, TimeZone};
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::room::RoomDoc;
use oogst::session_dir::SessionDir;
use oogst::tui::host_session::{HostOptions, start_host};
use oogst::tui::theme::Theme;

fn now() -> Timestamp {
    "2021-01-21T10:05:00Z".parse().unwrap()
}

fn options(dir: &Path, room: &str) -> HostOptions {
    HostOptions {
        programme: Programme::demo(),
        dir: SessionDir::new(dir),
        room: room.into(),
        name: "Anna".into(),
        writer: "k7f2q9".into(),
        lang: Lang::En,
        theme: Theme::NO_COLOR,
        tz: TimeZone::fixed(tz::offset(1)),
    }
}

fn room_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("rooms"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_room_of_the_programme_keeps_its_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let (app, session, notices) = start_host(options(dir.path(), "  kamer 3 "), now()).unwrap();
    assert!(notices.is_empty());
    assert_eq!(app.doc.room, "Kamer 3");
    assert_eq!(app.doc.host(), "Anna");
    assert_eq!(app.doc.questions.len(), 5);
    assert_eq!(session.path, dir.path().join("rooms/Kamer_3--k7f2q9.json"));
}

#[test]
fn any_other_room_name_is_fine_too() {
    let dir = tempfile::tempdir().unwrap();
    let (app, session, _) = start_host(options(dir.path(), "Zaal Ü / extra"), now()).unwrap();
    assert_eq!(app.doc.room, "Zaal Ü / extra");
    assert_eq!(
        session.path.file_name().unwrap(),
        "Zaal_Ü_extra--k7f2q9.json"
    );
}

#[test]
fn reopening_continues_the_file_with_its_draft_and_question() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, session, _) = start_host(options(dir.path(), "Kamer 1"), now()).unwrap();
    app.doc.add(2, "Herkenbaar", "2021-01-21T11:07:12+01:00");
    app.doc.draft.question = 2;
    app.doc.draft.text = "half getypt\nmet twee regels".into();
    std::fs::write(&session.path, app.doc.to_json()).unwrap();
    drop(session);

    let (again, _, notices) = start_host(options(dir.path(), "Kamer 1"), now()).unwrap();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].starts_with("Continuing"), "{notices:?}");
    assert_eq!(again.doc.notes, app.doc.notes);
    assert_eq!(again.question(), 2);
    assert_eq!(again.input.lines(), ["half getypt", "met twee regels"]);
}

#[test]
fn a_second_oogst_on_this_machine_cannot_open_the_same_room() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, _session, _) = start_host(options(dir.path(), "Kamer 1"), now()).unwrap();
    let err = start_host(options(dir.path(), "Kamer 1"), now())
        .err()
        .unwrap();
    assert!(err.contains("already open"), "{err}");
    // Another room is fine.
    assert!(start_host(options(dir.path(), "Kamer 2"), now()).is_ok());
}

fn set_aside(content: &str, why: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rooms")).unwrap();
    let path = dir.path().join("rooms/Kamer_1--k7f2q9.json");
    std::fs::write(&path, content).unwrap();
    let (app, _session, notices) = start_host(options(dir.path(), "Kamer 1"), now()).unwrap();
    assert!(app.doc.notes.is_empty(), "a fresh room");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains(why), "{notices:?}");
    let names = room_files(dir.path());
    let aside = names
        .iter()
        .find(|n| n.starts_with("Kamer_1--k7f2q9.corrupt-") && n.ends_with(".json"))
        .unwrap_or_else(|| panic!("{names:?}"));
    // The old file is kept byte for byte.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("rooms").join(aside)).unwrap(),
        content
    );
    assert!(app.toast.as_ref().unwrap().text.contains(".corrupt-"));
}

#[test]
fn a_file_that_does_not_parse_is_set_aside() {
    set_aside(
        "{\"format\": \"oogst-room\", \"version\": 1, \"notes\": [",
        "ends in the middle",
    );
}

#[test]
fn a_file_of_a_newer_oogst_is_set_aside() {
    set_aside(
        r#"{"format":"oogst-room","version":2,"notes":[]}"#,
        "made by a newer oogst: room file version 2",
    );
}

#[test]
fn a_file_of_another_session_is_set_aside() {
    let other = RoomDoc::new(
        "andere-sessie",
        "samen-in-gesprek",
        "Kamer 1",
        "Bas",
        "k7f2q9",
        vec!["V".into()],
    );
    set_aside(
        std::str::from_utf8(&other.to_json()).unwrap(),
        "belongs to session \"andere-sessie\"",
    );
}

#[test]
fn a_programme_without_a_breakout_cannot_host() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(dir.path(), "Kamer 1");
    opts.programme = Programme::parse(
        r#"{"format":"oogst-programme","version":1,"id":"p","title":"P",
            "blocks":[{"kind":"plenary","title":"A","start":"10:00","minutes":5}]}"#,
        "p.json",
    )
    .unwrap();
    let err = start_host(opts, now()).err().unwrap();
    assert!(err.contains("no breakout"), "{err}");
}

#[test]
fn an_empty_room_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = start_host(options(dir.path(), "  "), now()).err().unwrap();
    assert!(err.contains("--room"), "{err}");
}
