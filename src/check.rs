//! `oogst check`: recognise an oogst file by its `format` and validate it
//! with the one reader of that format (the same the merge, the host and
//! the lead use).

use crate::clock::ClockDoc;
use crate::files::{FileError, Problem, ProblemKind, head, strip_bom};
use crate::i18n::Lang;
use crate::lead_state::LeadState;
use crate::programme::{self, Programme};
use crate::text::for_message;

pub use crate::files::{MAX_FILE_BYTES, io_error};

/// The formats `check` knows.
const KNOWN: [&str; 5] = [
    programme::FORMAT,
    crate::clock::CLOCK_FORMAT,
    crate::room::FORMAT,
    crate::merge::FORMAT,
    crate::lead_state::FORMAT,
];

/// A file that `check` accepts: a one-line summary of what it holds, and
/// warnings (what is probably a mistake but does not stop it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub summary: String,
    pub warnings: Vec<String>,
}

impl From<String> for Verdict {
    fn from(summary: String) -> Verdict {
        Verdict {
            summary,
            warnings: Vec::new(),
        }
    }
}

/// Validates one file.
pub fn check_text(text: &str, file: &str, lang: Lang) -> Result<Verdict, FileError> {
    // Syntax errors first, with line and column, whatever the format.
    let format = head(strip_bom(text))
        .map_err(|p| FileError::single(file, *p))?
        .format;
    match format.as_deref() {
        Some(programme::FORMAT) | None => {
            let p = Programme::parse(text, file)?;
            let first = p
                .blocks
                .first()
                .map(|b| b.start.to_string())
                .unwrap_or_default();
            let last = p
                .blocks
                .last()
                .map(|b| b.end.to_string())
                .unwrap_or_default();
            let breakouts = p.breakouts().count();
            let n = p.blocks.len();
            let title = for_message(&p.title);
            let summary = match lang {
                Lang::Nl => format!(
                    "programma \"{title}\": {n} {}, {first}–{last}, {breakouts} break-out{}",
                    if n == 1 { "blok" } else { "blokken" },
                    if breakouts == 1 { "" } else { "s" }
                ),
                Lang::En => format!(
                    "programme \"{title}\": {n} {}, {first}–{last}, {breakouts} breakout{}",
                    if n == 1 { "block" } else { "blocks" },
                    if breakouts == 1 { "" } else { "s" }
                ),
            };
            Ok(Verdict {
                summary,
                warnings: p
                    .warnings
                    .iter()
                    .map(|w| lang.problem_line(file, w))
                    .collect(),
            })
        }
        Some(crate::clock::CLOCK_FORMAT) => {
            let doc = ClockDoc::parse(text, file)?;
            let block = doc
                .block
                .as_ref()
                .map(|b| for_message(&b.title).into_owned())
                .unwrap_or_else(|| "–".into());
            let session = for_message(&doc.session);
            Ok(match lang {
                Lang::Nl => format!(
                    "klok van sessie {session}: blok {block}, geschreven {}",
                    doc.written
                ),
                Lang::En => format!(
                    "clock of session {session}: block {block}, written {}",
                    doc.written
                ),
            }
            .into())
        }
        Some(crate::room::FORMAT) => {
            let r = crate::room::read(text, file)?;
            let v = &r.view;
            // Counted as the merge and the host read the file: a note it
            // holds twice once, its draft as the harvest shows it.
            let doc = crate::room::RoomDoc::from_checked(&r, strip_bom(text));
            let live = doc.notes.iter().filter(|n| !n.deleted).count();
            let gone = doc.notes.len() - live;
            let room = for_message(&v.room);
            let hosts = for_message(&r.hosts().join(", ")).into_owned();
            let session = for_message(&v.session);
            let notes = crate::export::count_notes(live, lang);
            let round = match &v.block {
                Some(b) => match lang {
                    Lang::Nl => format!(", ronde {}", for_message(b)),
                    Lang::En => format!(", round {}", for_message(b)),
                },
                None => String::new(),
            };
            let draft = match doc.harvest_drafts().len() {
                0 => String::new(),
                n => format!(", {}", crate::export::count_drafts(n, lang)),
            };
            Ok(match lang {
                Lang::Nl => format!(
                    "kamer \"{room}\" ({hosts}) van sessie {session}{round}: {notes}, {gone} verwijderd{draft}"
                ),
                Lang::En => format!(
                    "room \"{room}\" ({hosts}) of session {session}{round}: {notes}, {gone} deleted{draft}"
                ),
            }
            .into())
        }
        Some(crate::merge::FORMAT) => {
            let h = crate::merge::HarvestFile::parse(text, file)?;
            Ok(format!(
                "{} {}: {}, {}",
                lang.t().doc_harvest.to_lowercase(),
                for_message(&h.session),
                crate::export::count_rooms(h.room_count(), lang),
                crate::export::count_notes(h.note_count(), lang)
            )
            .into())
        }
        Some(crate::lead_state::FORMAT) => {
            let s = LeadState::parse(text, file)?;
            let session = for_message(&s.session);
            Ok(match lang {
                Lang::Nl => format!("klokstand van sessie {session} op {}", s.day),
                Lang::En => format!("lead state of session {session} on {}", s.day),
            }
            .into())
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
        let v = check_text(text, "r.json", Lang::En).unwrap();
        assert!(
            v.summary.ends_with(": 1 note, 1 deleted, 1 draft"),
            "{}",
            v.summary
        );
        let inputs = crate::merge::Inputs::from_texts(vec![("r.json".into(), text.into())], vec![]);
        let opts = crate::merge::Options::default();
        let (h, report) = crate::merge::merge(&inputs, &opts, Lang::En).unwrap();
        assert_eq!((report.notes, report.tombstones, report.drafts), (1, 1, 1));
        assert_eq!(h.draft_count(), 1);
    }
}
