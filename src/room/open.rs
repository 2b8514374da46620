//! Opening a host's room file for a round: which file, what it holds.
//!
//! The file is `rooms/BLOCK/ROOM-HASH--WRITER.json` in the session folder.
//! A file there that belongs to this host (same session, round, room and
//! writer) is continued. A file that is somebody else's (another session,
//! round or room, a newer oogst) is left untouched and another name is
//! taken (`…--WRITER-2.json`). A file that no reader can read is set aside
//! (`.corrupt-TIMESTAMP.json`, kept byte for byte). The host's earlier file
//! of version 1 (`rooms/ROOM--WRITER.json`, the first round) is taken in,
//! and left as it is. Nothing is ever written outside the session folder:
//! a linked `rooms/` is refused.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{RoomDoc, block_dir, file_name, file_suffix, room_key};
use crate::files::{FileError, Links, ReadError, Special, Unreadable, read_text, shown};
use crate::programme::Block;
use crate::session_dir::{SessionDir, lock, move_aside};

/// What `open` needs to know.
pub struct Request<'a> {
    pub dir: &'a SessionDir,
    pub session: &'a str,
    /// The round.
    pub block: &'a Block,
    /// Whether the round is the programme's first breakout (where files of
    /// version 1 belong).
    pub first_round: bool,
    /// The room, spelled as the programme spells it (or as the host
    /// chose it, for a room not in the programme).
    pub room: &'a str,
    pub host: &'a str,
    pub writer: &'a str,
    pub now: Timestamp,
}

/// The room file, open.
pub struct Opened {
    pub doc: RoomDoc,
    pub path: PathBuf,
    /// Held as long as the room is open: no second oogst on this machine
    /// writes it.
    pub lock: std::fs::File,
    /// What the host should be told.
    pub notices: Vec<Notice>,
}

/// What opening found, for the host; put in words by [`crate::i18n`].
/// File names are as shown (made safe for a message where they are said).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The host's file for this round, continued, with its live notes.
    Continued { file: String, notes: usize },
    /// A file under this room's name that is not this host's: left
    /// untouched, and another name taken.
    LeftAlone { file: String, why: LeftAlone },
    /// A file no reader can read: set aside byte for byte as `aside`.
    MovedAside {
        file: String,
        problem: FileError,
        aside: String,
    },
    /// Notes taken in from the host's file of version 1.
    TookIn { file: String, notes: usize },
}

/// Why a file was left alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeftAlone {
    /// Not a plain file.
    NotPlain(Special),
    /// Another session's, round's or room's file.
    Whose {
        session: String,
        block: Option<String>,
        room: String,
    },
    /// Written by a newer oogst.
    Newer(FileError),
}

impl Notice {
    /// Whether the host must notice it: a file was set aside.
    pub fn alert(&self) -> bool {
        matches!(self, Notice::MovedAside { .. })
    }
}

/// Why a room could not be opened; put in words by [`crate::i18n`].
#[derive(Debug)]
pub enum OpenError {
    /// `rooms/` or a round's folder is a link or not a folder.
    NotOwnFolder(String),
    /// The system refused (making a folder, locking).
    Io { file: String, error: std::io::Error },
    /// Another oogst on this machine has the room open.
    AlreadyOpen { room: String, file: String },
    /// A file in the way could not be read.
    Read(ReadError),
}

/// A folder inside the session folder, made if needed; never a link.
fn own_folder(path: &Path) -> Result<(), OpenError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() || !m.is_dir() => {
            Err(OpenError::NotOwnFolder(shown(path)))
        }
        Ok(_) => Ok(()),
        Err(_) => std::fs::create_dir(path).or_else(|error| {
            // Made by someone else meanwhile is fine.
            if path.is_dir() {
                Ok(())
            } else {
                Err(OpenError::Io {
                    file: shown(path),
                    error,
                })
            }
        }),
    }
}

/// The file names this room and writer may have in a round's folder, the
/// usual one first, then those found with another slug or a number.
fn names_in(folder: &Path, room: &str, writer: &str) -> Vec<String> {
    let suffix = file_suffix(room, writer);
    let usual = file_name(room, writer);
    let mut names = vec![usual.clone()];
    if let Ok(entries) = std::fs::read_dir(folder) {
        let mut found: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| *n != usual && !n.starts_with('.'))
            .filter(|n| {
                n.strip_suffix(".json").is_some_and(|stem| {
                    stem.ends_with(&suffix)
                        || stem.rsplit_once('-').is_some_and(|(head, k)| {
                            head.ends_with(&suffix) && k.bytes().all(|b| b.is_ascii_digit())
                        })
                })
            })
            .collect();
        found.sort_by(|a, b| natord::compare(a, b));
        names.extend(found);
    }
    names
}

/// The `n`th name for this room and writer: the usual one, then `-2`, `-3`.
fn numbered(room: &str, writer: &str, n: usize) -> String {
    let usual = file_name(room, writer);
    match n {
        0 | 1 => usual,
        n => format!("{}-{n}.json", usual.trim_end_matches(".json")),
    }
}

/// Opens the room: continues the host's file for this round, or starts
/// one; takes in the host's file of version 1 in the first round.
pub fn open(req: &Request) -> Result<Opened, OpenError> {
    let dir = req.dir;
    std::fs::create_dir_all(&dir.root).map_err(|error| OpenError::Io {
        file: shown(&dir.root),
        error,
    })?;
    let rooms = dir.rooms_dir();
    own_folder(&rooms)?;
    let folder = rooms.join(block_dir(&req.block.id));
    own_folder(&folder)?;

    let usual = folder.join(file_name(req.room, req.writer));
    let held = lock(&usual).map_err(|error| OpenError::Io {
        file: shown(&usual),
        error,
    })?;
    let Some(held) = held else {
        return Err(OpenError::AlreadyOpen {
            room: req.room.to_string(),
            file: shown(&usual),
        });
    };

    let mut notices = Vec::new();
    let mine = |d: &RoomDoc| {
        d.session == req.session
            && d.block.as_deref() == Some(req.block.id.as_str())
            && room_key(&d.room) == room_key(req.room)
            && d.writer == req.writer
    };
    let mut doc: Option<(RoomDoc, PathBuf)> = None;
    for name in names_in(&folder, req.room, req.writer) {
        let path = folder.join(&name);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let file = shown(&path);
        match read_text(&path, Links::Refuse) {
            Err(ReadError {
                why: Unreadable::NotPlain(what),
                ..
            }) => {
                notices.push(Notice::LeftAlone {
                    file,
                    why: LeftAlone::NotPlain(what),
                });
            }
            Err(e) => return Err(OpenError::Read(e)),
            Ok(text) => match RoomDoc::parse(&text, &file) {
                Ok(d) if mine(&d) => {
                    let notes = d.notes.iter().filter(|n| !n.deleted).count();
                    notices.push(Notice::Continued { file, notes });
                    doc = Some((d, path));
                    break;
                }
                Ok(d) => notices.push(Notice::LeftAlone {
                    file,
                    why: LeftAlone::Whose {
                        session: d.session,
                        block: d.block,
                        room: d.room,
                    },
                }),
                Err(e)
                    if e.problems.iter().any(|p| {
                        matches!(p.kind, crate::files::ProblemKind::NewerVersion { .. })
                    }) =>
                {
                    notices.push(Notice::LeftAlone {
                        file,
                        why: LeftAlone::Newer(e),
                    });
                }
                Err(e) => {
                    // No reader can read it: kept aside, byte for byte.
                    let aside = move_aside(&path, super::SET_ASIDE, req.now).map_err(|error| {
                        OpenError::Io {
                            file: file.clone(),
                            error,
                        }
                    })?;
                    notices.push(Notice::MovedAside {
                        file,
                        problem: e,
                        aside: shown(&aside),
                    });
                }
            },
        }
    }
    let (mut doc, path) = match doc {
        Some(d) => d,
        None => {
            let path = (1..)
                .map(|n| folder.join(numbered(req.room, req.writer, n)))
                .find(|p| std::fs::symlink_metadata(p).is_err())
                .unwrap_or(usual);
            let doc = RoomDoc::new(
                req.session,
                &req.block.id,
                req.room,
                req.host,
                req.writer,
                req.block.questions.clone(),
            );
            (doc, path)
        }
    };
    if req.first_round {
        take_in_version_1(&rooms, req, &mut doc, &mut notices);
    }
    doc.room = req.room.to_string();
    doc.set_host(req.host);
    doc.set_questions(&req.block.questions);
    Ok(Opened {
        doc,
        path,
        lock: held,
        notices,
    })
}

/// Takes in the notes of this host's file of version 1 (`rooms/ROOM--WRITER.json`,
/// written by an oogst before rounds), which belong to the first round.
/// The old file is left as it is: the merge reads both and keeps each
/// note once.
fn take_in_version_1(rooms: &Path, req: &Request, doc: &mut RoomDoc, notices: &mut Vec<Notice>) {
    let ending = format!("--{}.json", req.writer);
    let Ok(entries) = std::fs::read_dir(rooms) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&ending) && !n.starts_with('.'))
        })
        .collect();
    names.sort();
    for path in names {
        let Ok(text) = read_text(&path, Links::Refuse) else {
            continue;
        };
        let Ok(old) = RoomDoc::parse(&text, &path.display().to_string()) else {
            continue;
        };
        if old.block.is_some()
            || old.session != req.session
            || old.writer != req.writer
            || room_key(&old.room) != room_key(req.room)
        {
            continue;
        }
        let before = doc.notes.len();
        let changed = doc.absorb(&old);
        if doc.draft.text.is_empty() && !old.draft.text.is_empty() && old.draft.editing.is_none() {
            let q = old
                .questions
                .get(old.draft.question.wrapping_sub(1))
                .cloned()
                .unwrap_or_default();
            doc.draft.question = doc.question_number(&q);
            doc.draft.text = old.draft.text.clone();
        }
        if changed {
            notices.push(Notice::TookIn {
                file: shown(&path),
                notes: doc.notes.len() - before,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::programme::Programme;

    /// A time as a file holds it.
    fn tt(s: &str) -> crate::files::TimeText {
        crate::files::TimeText::read(s).expect("a valid time")
    }

    fn now() -> Timestamp {
        "2021-01-21T10:05:00Z".parse().unwrap()
    }

    fn request<'a>(
        dir: &'a SessionDir,
        p: &'a Programme,
        room: &'a str,
        writer: &'a str,
    ) -> Request<'a> {
        Request {
            dir,
            session: &p.id,
            block: p.breakout().unwrap(),
            first_round: true,
            room,
            host: "Anna",
            writer,
            now: now(),
        }
    }

    #[test]
    fn a_new_room_file_in_its_rounds_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = SessionDir::new(tmp.path());
        let p = Programme::demo();
        let o = open(&request(&dir, &p, "Kamer 3", "k7f2q9")).unwrap();
        assert!(o.notices.is_empty(), "{:?}", o.notices);
        assert_eq!(o.doc.block.as_deref(), Some("samen-in-gesprek"));
        assert_eq!(o.doc.questions.len(), 5);
        assert_eq!(
            o.path.parent().unwrap(),
            tmp.path().join("rooms/samen-in-gesprek")
        );
        assert_eq!(
            o.path.file_name().unwrap().to_str().unwrap(),
            file_name("Kamer 3", "k7f2q9")
        );
        // A second oogst on this machine cannot open the same room.
        let e = open(&request(&dir, &p, "Kamer 3", "k7f2q9")).err().unwrap();
        assert!(matches!(&e, OpenError::AlreadyOpen { room, .. } if room == "Kamer 3"));
        assert!(Lang::En.open_error(&e).contains("already open"));
        // Another room is fine.
        assert!(open(&request(&dir, &p, "Kamer 4", "k7f2q9")).is_ok());
    }

    #[test]
    fn a_file_of_another_session_is_left_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = SessionDir::new(tmp.path());
        let p = Programme::demo();
        let folder = tmp.path().join("rooms/samen-in-gesprek");
        std::fs::create_dir_all(&folder).unwrap();
        let mut other = RoomDoc::new(
            "vorige-sessie",
            "samen-in-gesprek",
            "Kamer 1",
            "Bas",
            "w1",
            vec!["V".into()],
        );
        other.add(1, "van de vorige keer", &tt("2021-01-14T11:00:00Z"));
        let usual = folder.join(file_name("Kamer 1", "w1"));
        std::fs::write(&usual, other.to_json()).unwrap();
        let o = open(&request(&dir, &p, "Kamer 1", "w1")).unwrap();
        assert_eq!(
            std::fs::read(&usual).unwrap(),
            other.to_json(),
            "never touched"
        );
        assert_ne!(o.path, usual);
        assert!(
            matches!(&o.notices[0], Notice::LeftAlone { why: LeftAlone::Whose { session, .. }, .. }
                if session == "vorige-sessie"),
            "{:?}",
            o.notices
        );
        assert!(Lang::En.notice(&o.notices[0]).contains("vorige-sessie"));
        assert!(!o.notices[0].alert());
        assert!(o.doc.notes.is_empty());
    }

    #[test]
    fn a_file_no_reader_can_read_is_kept_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = SessionDir::new(tmp.path());
        let p = Programme::demo();
        let folder = tmp.path().join("rooms/samen-in-gesprek");
        std::fs::create_dir_all(&folder).unwrap();
        let usual = folder.join(file_name("Kamer 1", "w1"));
        std::fs::write(&usual, "{\"format\": \"oogst-room\", \"notes\": [").unwrap();
        let o = open(&request(&dir, &p, "Kamer 1", "w1")).unwrap();
        assert_eq!(o.path, usual);
        assert!(
            matches!(&o.notices[0], Notice::MovedAside { aside, .. } if aside.contains(".corrupt-")),
            "{:?}",
            o.notices
        );
        assert!(o.notices[0].alert());
        let kept: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(kept[0].path()).unwrap(),
            "{\"format\": \"oogst-room\", \"notes\": ["
        );
    }

    #[test]
    fn a_readable_file_is_never_called_corrupt() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = SessionDir::new(tmp.path());
        let p = Programme::demo();
        let first = open(&request(&dir, &p, "Kamer 1", "w1")).unwrap();
        let mut doc = first.doc.clone();
        doc.add(1, "blijft", &tt("2021-01-21T11:00:00Z"));
        let text = String::from_utf8(doc.to_json())
            .unwrap()
            .replace("\"version\": 2", "\"version\": 2.0");
        std::fs::write(&first.path, text).unwrap();
        drop(first);
        let again = open(&request(&dir, &p, "Kamer 1", "w1")).unwrap();
        assert_eq!(again.doc.count(1), 1);
        assert_eq!(
            again.notices,
            [Notice::Continued {
                file: shown(&again.path),
                notes: 1
            }]
        );
        assert!(Lang::En.notice(&again.notices[0]).starts_with("Continuing"));
    }

    #[test]
    fn the_version_1_file_of_the_first_round_is_taken_in() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = SessionDir::new(tmp.path());
        let p = Programme::demo();
        std::fs::create_dir_all(tmp.path().join("rooms")).unwrap();
        let v1 = format!(
            r#"{{"format":"oogst-room","version":1,"session":"{}","room":"Kamer 1","host":"Anna",
            "writer":"w1","questions":["{}"],"notes":[{{"id":"w1-000001","question":1,"text":"van vroeger",
            "created":"2021-01-21T11:00:00+01:00","updated":"2021-01-21T11:00:00+01:00"}}],
            "draft":{{"question":1,"text":"half"}}}}"#,
            p.id,
            p.breakout().unwrap().questions[0]
        );
        let old = tmp.path().join("rooms/Kamer_1--w1.json");
        std::fs::write(&old, &v1).unwrap();
        let o = open(&request(&dir, &p, "Kamer 1", "w1")).unwrap();
        assert_eq!(o.doc.count(1), 1);
        assert_eq!(o.doc.draft.text, "half");
        assert!(
            o.notices.iter().any(
                |n| matches!(n, Notice::TookIn { file, notes: 1 } if file.contains("Kamer_1--w1.json"))
            ),
            "{:?}",
            o.notices
        );
        assert_eq!(std::fs::read_to_string(&old).unwrap(), v1, "left as it is");
    }

    // Unix only: making a link on Windows needs a privilege.
    #[cfg(unix)]
    #[test]
    fn a_linked_rooms_folder_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), tmp.path().join("rooms")).unwrap();
        let dir = SessionDir::new(tmp.path());
        let p = Programme::demo();
        let e = open(&request(&dir, &p, "Kamer 1", "w1")).err().unwrap();
        assert!(matches!(&e, OpenError::NotOwnFolder(dir) if dir.contains("rooms")));
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
