use super::*;

/// A time as a file holds it.
fn tt(s: &str) -> crate::files::TimeText {
    crate::files::TimeText::read(s).expect("a valid time")
}
use crate::room::RoomDoc;

/// Two rounds with a plenary before and a break between them.
const PROGRAMME: &str = r#"{
  "format": "oogst-programme", "version": 1, "id": "s", "title": "Twee rondes",
  "blocks": [
    {"id": "opening", "kind": "plenary", "title": "Opening", "start": "10:00", "minutes": 10},
    {"id": "ronde-1", "kind": "breakout", "title": "Ronde een", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2", "Kamer 3"], "questions": ["A", "B"]},
    {"id": "pauze", "kind": "break", "title": "Pauze", "minutes": 10},
    {"id": "ronde-2", "kind": "breakout", "title": "Ronde twee", "minutes": 30,
     "rooms": ["Tafel A", "Tafel B"], "questions": ["C", "D", "E"]}
  ]
}"#;

/// Blocks of the clock.
const OPENING: usize = 0;
const ROUND_1: usize = 1;
const BREAK: usize = 2;
const ROUND_2: usize = 3;

const T0: &str = "2021-01-21T10:15:00.000+01:00";

fn programme() -> Programme {
    Programme::parse(PROGRAMME, "programme.json").unwrap()
}

fn real(s: i64) -> Timestamp {
    Timestamp::from_second(1_611_223_200 + s).unwrap()
}

struct Folder {
    dir: tempfile::TempDir,
    watch: RoomsWatch,
    programme: Programme,
}

impl Folder {
    fn new() -> Folder {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("rooms")).unwrap();
        Folder {
            dir,
            watch: RoomsWatch::default(),
            programme: programme(),
        }
    }

    fn rooms(&self) -> PathBuf {
        self.dir.path().join("rooms")
    }

    /// Writes `doc` where its host would: `rooms/BLOCK/ROOM--WRITER.json`.
    fn put(&self, doc: &RoomDoc) -> PathBuf {
        let block = doc.block.as_deref().unwrap();
        let folder = self.rooms().join(room::block_dir(block));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join(room::file_name(&doc.room, &doc.writer));
        std::fs::write(&path, doc.to_json()).unwrap();
        path
    }

    fn scan_at(&mut self, at: usize, t: Timestamp) -> Option<Rooms> {
        let rooms = self.rooms();
        self.watch.scan(&rooms, &self.programme, at, t)
    }

    /// The rows at block `at`, whether or not they changed.
    fn rows(&mut self, at: usize) -> Rooms {
        self.scan_at(at, real(0));
        self.watch.rows(&self.programme, at)
    }
}

/// A room file of session `s`; notes as (question, text).
fn doc(block: &str, room: &str, host: &str, writer: &str, questions: &[&str]) -> RoomDoc {
    let questions = questions.iter().map(|q| q.to_string()).collect();
    RoomDoc::new("s", block, room, host, writer, questions)
}

fn with_notes(mut d: RoomDoc, notes: &[(usize, &str)]) -> RoomDoc {
    for (q, text) in notes {
        d.add(*q, text, &tt(T0));
    }
    d
}

/// Each room's line: (room, listed, hosts, counts, files).
fn summary(rows: &Rooms) -> Vec<(String, bool, String, Vec<usize>, usize)> {
    rows.rooms
        .iter()
        .map(|r| {
            (
                r.room.clone(),
                r.listed,
                r.hosts.join(", "),
                r.counts.clone(),
                r.files,
            )
        })
        .collect()
}

fn line(
    room: &str,
    listed: bool,
    hosts: &str,
    counts: &[usize],
    files: usize,
) -> (String, bool, String, Vec<usize>, usize) {
    (room.into(), listed, hosts.into(), counts.to_vec(), files)
}

fn room_line<'r>(rows: &'r Rooms, room: &str) -> &'r RoomLine {
    rows.rooms
        .iter()
        .find(|r| r.room == room)
        .unwrap_or_else(|| panic!("no row for {room}: {rows:#?}"))
}

#[test]
fn rows_are_the_rooms_of_the_round_the_clock_is_in() {
    let mut f = Folder::new();
    f.put(&with_notes(
        doc("ronde-1", "Kamer 2", "Anna", "w1", &["A", "B"]),
        &[(1, "a"), (2, "b"), (2, "c")],
    ));
    f.put(&with_notes(
        doc("ronde-2", "Tafel B", "Bas", "w2", &["C", "D", "E"]),
        &[(3, "e")],
    ));

    // Before the first round, and in it: round 1, rooms in the
    // programme's order, a room without a file says so.
    for at in [OPENING, ROUND_1] {
        let rows = f.rows(at);
        let p = &rows;
        assert_eq!(p.block.as_deref(), Some("ronde-1"));
        assert_eq!(p.questions, ["A", "B"]);
        assert_eq!(
            summary(&rows),
            [
                line("Kamer 1", true, "", &[0, 0], 0),
                line("Kamer 2", true, "Anna", &[1, 2], 1),
                line("Kamer 3", true, "", &[0, 0], 0),
            ]
        );
        assert_eq!(
            p.elsewhere,
            Some(Elsewhere {
                rounds: 1,
                rooms: 1,
                notes: 1,
                other_session: 0
            })
        );
    }
    // The break before round 2, round 2 itself, and after the end: round 2.
    for at in [BREAK, ROUND_2, 4] {
        let rows = f.rows(at);
        assert_eq!(rows.block.as_deref(), Some("ronde-2"));
        assert_eq!(
            summary(&rows),
            [
                line("Tafel A", true, "", &[0, 0, 0], 0),
                line("Tafel B", true, "Bas", &[0, 0, 1], 1),
            ]
        );
        assert_eq!(rows.elsewhere.unwrap().notes, 3);
    }
}

#[test]
fn a_scan_says_only_what_changed_and_a_new_round_is_a_change() {
    let mut f = Folder::new();
    assert!(f.scan_at(ROUND_1, real(0)).is_some(), "the first look");
    assert_eq!(f.scan_at(ROUND_1, real(2)), None, "nothing changed");
    f.put(&with_notes(
        doc("ronde-1", "Kamer 1", "Anna", "w1", &["A", "B"]),
        &[(1, "a")],
    ));
    let rows = f.scan_at(ROUND_1, real(4)).unwrap();
    assert_eq!(room_line(&rows, "Kamer 1").counts, [1, 0]);
    assert!(room_line(&rows, "Kamer 1").changed.is_some());
    assert_eq!(f.scan_at(ROUND_1, real(6)), None);
    let rows = f.scan_at(ROUND_2, real(8)).unwrap();
    assert_eq!(rows.block.as_deref(), Some("ronde-2"));
}

#[test]
fn a_conflict_copy_folds_into_its_room_and_never_counts_twice() {
    let mut f = Folder::new();
    let mut anna = with_notes(
        doc("ronde-1", "Kamer 1", "Anna", "w1", &["A", "B"]),
        &[(1, "een"), (1, "twee"), (2, "drie")],
    );
    let path = f.put(&anna);
    // The sync engine's conflict copy: an older state with one more note
    // typed on the other laptop, and one note edited there later.
    let mut other = anna.clone();
    let first = other.notes[0].id.clone();
    other.edit(&first, "een, beter", &tt("2021-01-21T10:20:00.000+01:00"));
    other.add(2, "vier", &tt("2021-01-21T10:21:00.000+01:00"));
    let conflict = path.with_file_name(format!(
        "{}.sync-conflict-20210121-102100-ABCDEFG.json",
        path.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(&conflict, other.to_json()).unwrap();
    // Meanwhile the host deleted "twee".
    let second = anna.notes[1].id.clone();
    anna.delete(&second, &tt("2021-01-21T10:22:00.000+01:00"));
    std::fs::write(&path, anna.to_json()).unwrap();

    let rows = f.rows(ROUND_1);
    assert_eq!(
        summary(&rows),
        [
            line("Kamer 1", true, "Anna", &[1, 2], 2),
            line("Kamer 2", true, "", &[0, 0], 0),
            line("Kamer 3", true, "", &[0, 0], 0),
        ],
        "een (edited), drie, vier: one row, one host"
    );
    // A plain copy of the same file adds nothing.
    std::fs::copy(&path, path.with_extension("copy.json")).unwrap();
    let rows = f.rows(ROUND_1);
    assert_eq!(room_line(&rows, "Kamer 1").counts, [1, 2]);
    assert_eq!(room_line(&rows, "Kamer 1").files, 3);
}

#[test]
fn two_hosts_in_one_room_are_one_row() {
    let mut f = Folder::new();
    f.put(&with_notes(
        doc("ronde-1", "Kamer 3", "Bas", "w2", &["A", "B"]),
        &[(2, "later")],
    ));
    let mut anna = doc("ronde-1", "kámer 3", "Anna", "w1", &["B", "A"]);
    anna.add(1, "over B", &tt("2021-01-21T10:11:00+01:00"));
    anna.add(2, "over A", &tt("2021-01-21T10:12:00+01:00"));
    f.put(&anna);
    let rows = f.rows(ROUND_1);
    // Case and accents ignored, shown as the programme spells it; the
    // questions matched by their text, not their place in the file.
    assert_eq!(
        summary(&rows)[2],
        line("Kamer 3", true, "Anna, Bas", &[1, 2], 2)
    );
}

#[test]
fn rooms_not_in_the_programme_come_after_and_are_marked() {
    let mut f = Folder::new();
    f.put(&with_notes(
        doc("ronde-1", "Kamer 10", "Cees", "w3", &["A", "B"]),
        &[(1, "x")],
    ));
    f.put(&with_notes(
        doc("ronde-1", "Gang", "Dirk", "w4", &["A", "B", "Nieuw"]),
        &[(3, "y"), (3, "z")],
    ));
    f.put(&doc("ronde-1", "Kamer 9", "Eva", "w5", &["A", "B"]));
    let rows = f.rows(ROUND_1);
    // A question only a file knows is a question of the round, after
    // the programme's.
    assert_eq!(rows.questions, ["A", "B", "Nieuw"]);
    assert_eq!(
        summary(&rows),
        [
            line("Kamer 1", true, "", &[0, 0, 0], 0),
            line("Kamer 2", true, "", &[0, 0, 0], 0),
            line("Kamer 3", true, "", &[0, 0, 0], 0),
            line("Gang", false, "Dirk", &[0, 0, 2], 1),
            line("Kamer 9", false, "Eva", &[0, 0, 0], 1),
            line("Kamer 10", false, "Cees", &[1, 0, 0], 1),
        ]
    );
}

#[test]
fn a_version_1_file_is_of_the_first_round() {
    let mut f = Folder::new();
    let v1 = r#"{"format":"oogst-room","version":1,"session":"s","room":"Kamer 2",
        "host":"Fatima","writer":"w","questions":["A","B"],
        "notes":[{"id":"w-000001","question":2,"text":"oud","created":"2021-01-21T10:12:00+01:00",
                  "updated":"2021-01-21T10:12:00+01:00"}]}"#;
    std::fs::write(f.rooms().join("Kamer_2--w.json"), v1).unwrap();
    let rows = f.rows(ROUND_1);
    assert_eq!(
        summary(&rows)[1],
        line("Kamer 2", true, "Fatima", &[0, 1], 1)
    );
    let rows = f.rows(ROUND_2);
    assert!(summary(&rows).iter().all(|r| r.4 == 0), "{rows:#?}");
    assert_eq!(rows.elsewhere.unwrap().notes, 1);
}

#[test]
fn files_of_another_session_are_only_counted() {
    let mut f = Folder::new();
    let mut demo = with_notes(
        doc("ronde-1", "Kamer 1", "Anna", "w1", &["A", "B"]),
        &[(1, "a")],
    );
    demo.session = "cop-gebiedsgericht-2021-01-21".into();
    f.put(&demo);
    let rows = f.rows(ROUND_1);
    assert_eq!(room_line(&rows, "Kamer 1").files, 0);
    assert_eq!(
        rows.elsewhere,
        Some(Elsewhere {
            other_session: 1,
            ..Elsewhere::default()
        })
    );
}

#[test]
fn a_half_synced_file_keeps_its_last_good_copy_and_says_so() {
    let mut f = Folder::new();
    let path = f.put(&with_notes(
        doc("ronde-1", "Kamer 2", "Anna", "w1", &["A", "B"]),
        &[(1, "a"), (2, "b"), (2, "c")],
    ));
    f.scan_at(ROUND_1, real(0)).unwrap();
    std::fs::write(&path, "{\"format\": \"oogst-room\", \"vers").unwrap();
    let rows = f.scan_at(ROUND_1, real(2)).unwrap();
    let row = room_line(&rows, "Kamer 2");
    assert_eq!(row.counts, [1, 2]);
    assert_eq!(row.hosts, ["Anna"]);
    assert_eq!((row.files, row.read), (1, 1));
    assert_eq!(row.problems.len(), 1, "{:?}", row.problems);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        matches!(&row.problems[0], FileProblem::Invalid(e) if e.file == format!("ronde-1/{name}")),
        "{:?}",
        row.problems
    );

    // Gone for a moment (a sync engine replaces it): still counted.
    std::fs::remove_file(&path).unwrap();
    let rows = f.scan_at(ROUND_1, real(4)).unwrap();
    let row = room_line(&rows, "Kamer 2");
    assert_eq!(row.counts, [1, 2]);
    assert_eq!(
        row.problems,
        [FileProblem::Missing(format!("ronde-1/{name}"))]
    );
    // Back: all is well again.
    f.put(&with_notes(
        doc("ronde-1", "Kamer 2", "Anna", "w1", &["A", "B"]),
        &[(1, "a")],
    ));
    let rows = f.scan_at(ROUND_1, real(6)).unwrap();
    assert_eq!(room_line(&rows, "Kamer 2").counts, [1, 0]);
    assert!(room_line(&rows, "Kamer 2").problems.is_empty());
    // Gone for good: after a while it no longer counts.
    std::fs::remove_file(&path).unwrap();
    f.scan_at(ROUND_1, real(8)).unwrap();
    assert_eq!(f.scan_at(ROUND_1, real(30)), None);
    let rows = f.scan_at(ROUND_1, real(40)).unwrap();
    assert_eq!(room_line(&rows, "Kamer 2").files, 0);
}

#[test]
fn a_file_that_was_never_readable_warns_on_the_room_its_name_says() {
    let mut f = Folder::new();
    let folder = f.rooms().join("ronde-1");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(room::file_name("Kamer 3", "w9")), "{").unwrap();
    std::fs::write(f.rooms().join("Kamer_1--w8.json"), "").unwrap();
    std::fs::write(folder.join("raadsel.json"), "[]").unwrap();
    // Set aside by an older oogst, unreadable: passed over.
    std::fs::write(
        f.rooms().join("Kamer_2--w.corrupt-20210121T110000.json"),
        "{",
    )
    .unwrap();
    let rows = f.rows(ROUND_1);
    assert_eq!(
        summary(&rows),
        [
            line("Kamer 1", true, "", &[0, 0], 1),
            line("Kamer 2", true, "", &[0, 0], 0),
            line("Kamer 3", true, "", &[0, 0], 1),
            line("ronde-1/raadsel.json", false, "", &[0, 0], 1),
        ]
    );
    for room in ["Kamer 1", "Kamer 3", "ronde-1/raadsel.json"] {
        assert_eq!(room_line(&rows, room).problems.len(), 1, "{room}");
    }
}

// Unix only: Windows has no FIFOs in folders.
#[cfg(unix)]
#[test]
fn a_fifo_named_json_does_not_block_the_scan() {
    let mut f = Folder::new();
    f.put(&with_notes(
        doc("ronde-1", "Kamer 1", "Anna", "w1", &["A", "B"]),
        &[(1, "a")],
    ));
    let fifo = f.rooms().join("x.json");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rows = f.rows(ROUND_1);
        tx.send(rows).unwrap();
    });
    let rows = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the scan waited on a FIFO");
    assert_eq!(room_line(&rows, "Kamer 1").counts, [1, 0]);
    let fifo = room_line(&rows, "x.json");
    assert!(!fifo.listed);
    assert_eq!((fifo.files, fifo.read), (1, 0));
    assert!(
        matches!(
            &fifo.problems[0],
            FileProblem::Unreadable(files::ReadError {
                why: files::Unreadable::NotPlain(files::Special::Fifo),
                ..
            })
        ),
        "{:?}",
        fifo.problems
    );
}

// Unix only: making a link on Windows needs a privilege (or developer mode).
#[cfg(unix)]
#[test]
fn a_link_is_not_followed() {
    let mut f = Folder::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("elders.json");
    let outside = with_notes(
        doc("ronde-1", "Kamer 2", "Mallory", "w6", &["A", "B"]),
        &[(1, "van buiten"), (2, "ook van buiten")],
    );
    std::fs::write(&target, outside.to_json()).unwrap();
    let folder = f.rooms().join("ronde-1");
    std::fs::create_dir_all(&folder).unwrap();
    let link = folder.join(room::file_name("Kamer 2", "w6"));
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // A linked round folder is not looked into either.
    let round_two = elsewhere.path().join("ronde-2");
    std::fs::create_dir(&round_two).unwrap();
    let mut table = with_notes(
        doc("ronde-2", "Tafel A", "Mallory", "w6", &["C", "D", "E"]),
        &[(1, "x")],
    );
    table.writer = "w7".into();
    std::fs::write(round_two.join("t.json"), table.to_json()).unwrap();
    std::os::unix::fs::symlink(&round_two, f.rooms().join("ronde-2")).unwrap();

    let rows = f.rows(ROUND_1);
    let row = room_line(&rows, "Kamer 2");
    assert_eq!(row.counts, [0, 0]);
    assert!(row.hosts.is_empty());
    assert!(
        matches!(
            &row.problems[0],
            FileProblem::Unreadable(files::ReadError {
                why: files::Unreadable::NotPlain(files::Special::Link),
                ..
            })
        ),
        "{:?}",
        row.problems
    );
    assert_eq!(rows.elsewhere, None);
    let rows = f.rows(ROUND_2);
    assert!(summary(&rows).iter().all(|r| r.4 == 0), "{rows:#?}");
}

#[test]
fn signals_and_receipts_of_the_rooms() {
    let mut f = Folder::new();
    let mut anna = doc("ronde-1", "Kamer 1", "Anna", "w1", &["A", "B"]);
    anna.signal = Some(room::Signal {
        kind: room::SignalKind::Done,
        at: tt("2021-01-21T10:30:00+01:00"),
    });
    anna.seen = Some(room::Seen {
        message: tt("2021-01-21T10:25:00+01:00"),
        at: tt("2021-01-21T10:25:02+01:00"),
    });
    f.put(&anna);
    let mut bas = doc("ronde-1", "Kamer 1", "Bas", "w2", &["A", "B"]);
    bas.signal = Some(room::Signal {
        kind: room::SignalKind::Help,
        at: tt("2021-01-21T10:31:00+01:00"),
    });
    f.put(&bas);
    let rows = f.rows(ROUND_1);
    let row = room_line(&rows, "Kamer 1");
    let t = |s: &str| s.parse::<Timestamp>().unwrap();
    assert_eq!(
        row.signal,
        Some((Signal::Help, t("2021-01-21T10:31:00+01:00")))
    );
    assert_eq!(row.seen, Some(t("2021-01-21T10:25:00+01:00")));
}
