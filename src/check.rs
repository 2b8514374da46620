//! `oogst check`: recognise an oogst file by its `format` and validate it
//! with the one reader of that format (the same the merge, the host and
//! the lead use).

use crate::clock::ClockDoc;
use crate::files::{FileError, Problem, ProblemKind, head, strip_bom};
use crate::lead_state::LeadState;
use crate::programme::{self, DayTime, Programme};

pub use crate::files::MAX_FILE_BYTES;

/// The formats `check` knows.
const KNOWN: [&str; 5] = [
    programme::FORMAT,
    crate::clock::CLOCK_FORMAT,
    crate::room::FORMAT,
    crate::merge::FORMAT,
    crate::lead_state::FORMAT,
];

/// A file that `check` accepts: what it holds, for a one-line summary
/// (put in words by [`crate::i18n`]), and for a programme its warnings
/// (what is probably a mistake but does not stop it). Names as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Programme {
        title: String,
        blocks: usize,
        first: Option<DayTime>,
        last: Option<DayTime>,
        breakouts: usize,
        warnings: Vec<Problem>,
    },
    Clock {
        session: String,
        block: Option<String>,
        written: String,
    },
    Room {
        room: String,
        hosts: Vec<String>,
        session: String,
        round: Option<String>,
        notes: usize,
        deleted: usize,
        drafts: usize,
    },
    Harvest {
        session: String,
        rooms: usize,
        notes: usize,
    },
    LeadState {
        session: String,
        day: String,
    },
}

/// Validates one file.
pub fn check_text(text: &str, file: &str) -> Result<Verdict, FileError> {
    // Syntax errors first, with line and column, whatever the format.
    let format = head(strip_bom(text))
        .map_err(|p| FileError::single(file, *p))?
        .format;
    match format.as_deref() {
        Some(programme::FORMAT) | None => {
            let p = Programme::parse(text, file)?;
            Ok(Verdict::Programme {
                first: p.blocks.first().map(|b| b.start),
                last: p.blocks.last().map(|b| b.end),
                blocks: p.blocks.len(),
                breakouts: p.breakouts().count(),
                title: p.title,
                warnings: p.warnings,
            })
        }
        Some(crate::clock::CLOCK_FORMAT) => {
            let doc = ClockDoc::parse(text, file)?;
            Ok(Verdict::Clock {
                block: doc.block.map(|b| b.title),
                written: doc.written.to_string(),
                session: doc.session,
            })
        }
        Some(crate::room::FORMAT) => {
            let r = crate::room::read(text, file)?;
            // Counted as the merge and the host read the file: a note it
            // holds twice once, its draft as the harvest shows it.
            let doc = crate::room::RoomDoc::from_checked(&r, strip_bom(text));
            let notes = doc.notes.iter().filter(|n| !n.deleted).count();
            Ok(Verdict::Room {
                room: r.view.room.to_string(),
                hosts: r.hosts().iter().map(|h| h.to_string()).collect(),
                session: r.view.session.to_string(),
                round: r.view.block.as_ref().map(|b| b.to_string()),
                notes,
                deleted: doc.notes.len() - notes,
                drafts: doc.harvest_drafts().len(),
            })
        }
        Some(crate::merge::FORMAT) => {
            let h = crate::merge::HarvestFile::parse(text, file)?;
            Ok(Verdict::Harvest {
                rooms: h.room_count(),
                notes: h.note_count(),
                session: h.session,
            })
        }
        Some(crate::lead_state::FORMAT) => {
            let s = LeadState::parse(text, file)?;
            Ok(Verdict::LeadState {
                day: s.day.to_string(),
                session: s.session,
            })
        }
        Some(other) => Err(FileError::single(
            file,
            Problem::at(ProblemKind::UnknownFormat {
                found: other.to_string(),
                known: &KNOWN,
            }),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_room_file_is_counted_as_the_merge_and_the_host_read_it() {
        // A note twice (the newer copy is a tombstone), another note,
        // and a draft that is an unchanged edit of it with a new note set
        // aside: 1 note, 1 deleted, 1 draft — as the harvest has them.
        let text = r#"{"format": "oogst-room", "version": 2, "session": "s", "block": "b",
            "room": "R", "writer": "w", "hosts": ["H"], "questions": ["Q"],
            "notes": [
              {"id": "w-1", "question": 1, "text": "een", "created": "2021-01-21T11:00:00Z", "updated": "2021-01-21T11:00:00Z"},
              {"id": "w-1", "question": 1, "text": "", "deleted": true, "created": "2021-01-21T11:00:00Z", "updated": "2021-01-21T11:01:00Z"},
              {"id": "w-2", "question": 1, "text": "twee", "created": "2021-01-21T11:00:00Z", "updated": "2021-01-21T11:00:00Z"}],
            "draft": {"question": 1, "text": "twee", "editing": "w-2", "aside": "half getypt"}}"#;
        let v = check_text(text, "r.json").unwrap();
        assert!(matches!(
            v,
            Verdict::Room {
                notes: 1,
                deleted: 1,
                drafts: 1,
                ..
            }
        ));
        let (summary, _) = Lang::En.verdict(&v, "r.json");
        assert!(
            summary.ends_with(": 1 note, 1 deleted, 1 draft"),
            "{summary}"
        );
        let inputs = crate::merge::Inputs::from_texts(vec![("r.json".into(), text.into())], vec![]);
        let opts = crate::merge::Options::default();
        let (h, report) = crate::merge::merge(&inputs, &opts).unwrap();
        assert_eq!((report.notes, report.tombstones, report.drafts), (1, 1, 1));
        assert_eq!(h.draft_count(), 1);
    }
}
