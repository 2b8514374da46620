//! Opening a room: a new file in its round's folder, a continued one, a
//! room picked from the programme's list, waiting for the programme, and
//! files that are somebody else's, which are never touched.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::{self, TimeZone};
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::room::RoomDoc;
use oogst::session_dir::SessionDir;
use oogst::tui::host_session::{HostOptions, start_host};
use oogst::tui::host_shell::Msg;
use oogst::tui::host_shell::{Choice, Phase};
use oogst::tui::theme::Theme;

fn now() -> Timestamp {
    "2021-01-21T10:05:00Z".parse().unwrap()
}

fn options(dir: &Path, room: Option<&str>) -> HostOptions {
    HostOptions {
        programme: Some(Programme::demo()),
        dir: SessionDir::new(dir),
        room: room.map(str::to_string),
        name: "Anna".into(),
        writer: "k7f2q9".into(),
        lang: Lang::En,
        theme: Theme::NO_COLOR,
        tz: TimeZone::fixed(tz::offset(1)),
    }
}

fn round_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("rooms/samen-in-gesprek"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_room_of_the_programme_keeps_its_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let (shell, session) = start_host(options(dir.path(), Some("  kamer 3 ")), now()).unwrap();
    let app = shell.app().expect("the room is open");
    assert_eq!(app.doc.room, "Kamer 3");
    assert_eq!(app.doc.host(), "Anna");
    assert_eq!(app.doc.block.as_deref(), Some("samen-in-gesprek"));
    assert_eq!(app.doc.questions.len(), 5);
    assert_eq!(app.title, "Samen in gesprek", "the header shows the round");
    assert_eq!(
        session.path().unwrap(),
        dir.path()
            .join("rooms/samen-in-gesprek")
            .join(oogst::room::file_name("Kamer 3", "k7f2q9"))
    );
}

#[test]
fn a_name_not_in_the_list_lets_the_host_pick() {
    let dir = tempfile::tempdir().unwrap();
    let (shell, session) = start_host(options(dir.path(), Some("Kamr 2")), now()).unwrap();
    assert!(session.path().is_none(), "nothing opened yet");
    let Phase::Picking(p) = &shell.phase else {
        panic!("the host picks")
    };
    assert_eq!(
        p.choices[0],
        Choice::Room("Kamer 2".into()),
        "the closest first"
    );
    assert!(p.choices.contains(&Choice::New("Kamr 2".into())));
    assert!(
        round_files(dir.path()).is_empty(),
        "no room made by accident"
    );
    // Without --room too.
    let (shell, _) = start_host(options(dir.path(), None), now()).unwrap();
    assert!(matches!(shell.phase, Phase::Picking(_)));
}

#[test]
fn reopening_continues_the_file_with_its_draft_and_question() {
    let dir = tempfile::tempdir().unwrap();
    let (shell, session) = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
    let mut doc = shell.app().unwrap().doc.clone();
    doc.add(2, "Herkenbaar", &tt("2021-01-21T11:07:12+01:00"));
    doc.draft.question = 2;
    doc.draft.text = "half getypt\nmet twee regels".into();
    std::fs::write(session.path().unwrap(), doc.to_json()).unwrap();
    drop((shell, session));

    let (again, _) = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
    let app = again.app().unwrap();
    assert_eq!(app.doc.notes, doc.notes);
    assert_eq!(app.question(), 2);
    assert_eq!(app.input.lines(), ["half getypt", "met twee regels"]);
    assert!(app.toast.as_ref().unwrap().text.starts_with("Continuing"));
}

#[test]
fn a_second_oogst_on_this_machine_cannot_open_the_same_room() {
    let dir = tempfile::tempdir().unwrap();
    let _first = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
    let err = start_host(options(dir.path(), Some("Kamer 1")), now())
        .err()
        .unwrap();
    assert!(err.contains("already open"), "{err}");
    // Another room is fine: two hosts on one laptop.
    assert!(start_host(options(dir.path(), Some("Kamer 2")), now()).is_ok());
}

#[test]
fn a_renamed_host_is_added_to_the_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let (shell, session) = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
    std::fs::write(session.path().unwrap(), shell.app().unwrap().doc.to_json()).unwrap();
    drop((shell, session));
    let mut opts = options(dir.path(), Some("Kamer 1"));
    opts.name = "Carla".into();
    let (shell, _) = start_host(opts, now()).unwrap();
    assert_eq!(shell.app().unwrap().doc.hosts, ["Anna", "Carla"]);
}

#[test]
fn a_file_that_does_not_parse_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("rooms/samen-in-gesprek");
    std::fs::create_dir_all(&folder).unwrap();
    let content = "{\"format\": \"oogst-room\", \"version\": 2, \"notes\": [";
    std::fs::write(
        folder.join(oogst::room::file_name("Kamer 1", "k7f2q9")),
        content,
    )
    .unwrap();
    let (shell, _) = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
    assert!(shell.app().unwrap().doc.notes.is_empty(), "a fresh room");
    let names = round_files(dir.path());
    let aside = names
        .iter()
        .find(|n| n.contains(".corrupt-") && n.ends_with(".json"))
        .unwrap_or_else(|| panic!("{names:?}"));
    assert_eq!(
        std::fs::read_to_string(folder.join(aside)).unwrap(),
        content
    );
    assert!(
        shell
            .app()
            .unwrap()
            .toast
            .as_ref()
            .unwrap()
            .text
            .contains(".corrupt-")
    );
}

#[test]
fn files_of_a_newer_oogst_or_another_session_are_never_touched() {
    for (content, why) in [
        (
            r#"{"format":"oogst-room","version":3,"notes":[]}"#.to_string(),
            "version 3",
        ),
        (
            String::from_utf8(
                RoomDoc::new(
                    "andere-sessie",
                    "samen-in-gesprek",
                    "Kamer 1",
                    "Bas",
                    "k7f2q9",
                    vec!["V".into()],
                )
                .to_json(),
            )
            .unwrap(),
            "andere-sessie",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("rooms/samen-in-gesprek");
        std::fs::create_dir_all(&folder).unwrap();
        let theirs = folder.join(oogst::room::file_name("Kamer 1", "k7f2q9"));
        std::fs::write(&theirs, &content).unwrap();
        let (shell, session) = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&theirs).unwrap(),
            content,
            "untouched"
        );
        assert_ne!(session.path().unwrap(), theirs);
        let toast = &shell.app().unwrap().toast.as_ref().unwrap().text;
        assert!(toast.contains(why), "{toast}");
        assert_eq!(
            round_files(dir.path()).len(),
            1,
            "nothing moved, nothing called corrupt"
        );
    }
}

#[test]
fn a_programme_without_a_breakout_cannot_host() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(dir.path(), Some("Kamer 1"));
    opts.programme = Some(
        Programme::parse(
            r#"{"format":"oogst-programme","version":1,"id":"p","title":"P",
            "blocks":[{"kind":"plenary","title":"A","start":"10:00","minutes":5}]}"#,
            "p.json",
        )
        .unwrap(),
    );
    let err = start_host(opts, now()).err().unwrap();
    assert!(err.contains("no breakout"), "{err}");
}

#[test]
fn without_a_programme_the_host_waits_and_never_takes_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(dir.path(), Some("Kamer 1"));
    opts.programme = None;
    let (mut shell, session) = start_host(opts, now()).unwrap();
    assert!(matches!(shell.phase, Phase::Waiting));
    assert!(session.path().is_none());
    assert!(
        !dir.path().join("rooms").exists(),
        "nothing written while waiting"
    );
    // The programme arrives: the room opens (an effect of the event loop).
    let fx = shell.update(Msg::Programme(Box::new(Programme::demo())), now());
    assert!(
        fx.iter().any(
            |e| matches!(e, oogst::tui::host_shell::Effect::OpenRoom(o) if o.room == "Kamer 1")
        ),
        "{fx:?}"
    );
}

/// A FIFO named `clock.json` (or a room file) in the session folder is
/// never waited on: the host starts at once.
// Unix only: Windows has no FIFOs in folders.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_session_folder_never_hangs_the_host() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = |path: &Path| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        nix::unistd::mkfifo(path, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    };
    fifo(&dir.path().join("clock.json"));
    fifo(
        &dir.path()
            .join("rooms/samen-in-gesprek")
            .join(oogst::room::file_name("Kamer 1", "k7f2q9")),
    );
    let started = std::time::Instant::now();
    let (shell, session) = start_host(options(dir.path(), Some("Kamer 1")), now()).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(shell.clock.is_none());
    // The FIFO is left alone; the host writes beside it.
    assert!(
        session
            .path()
            .unwrap()
            .to_string_lossy()
            .ends_with("-2.json")
    );
}

/// A time as a file holds it.
fn tt(s: &str) -> oogst::files::TimeText {
    oogst::files::TimeText::read(s).expect("a valid time")
}
