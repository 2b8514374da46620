//! `oogst check`: recognise an oogst file by its `format` and validate it.

use std::path::Path;

use crate::clock::ClockDoc;
use crate::i18n::Lang;
use crate::lead_state::LeadState;
use crate::programme::{self, FileError, Problem, ProblemKind, Programme};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing one that is too large, with a
/// message that names the file.
pub fn read_text(path: &Path, lang: Lang) -> Result<String, String> {
    let mut bytes = Vec::new();
    read_bytes(path, &mut bytes, lang)?;
    String::from_utf8(bytes).map_err(|e| {
        not_utf8(
            &path.display().to_string(),
            e.utf8_error().valid_up_to(),
            lang,
        )
    })
}

/// [`read_text`] into a buffer that is used again and again (the merge
/// reads a thousand files through one buffer per core).
pub fn read_text_into<'b>(
    path: &Path,
    bytes: &'b mut Vec<u8>,
    lang: Lang,
) -> Result<&'b str, String> {
    read_bytes(path, bytes, lang)?;
    std::str::from_utf8(bytes)
        .map_err(|e| not_utf8(&path.display().to_string(), e.valid_up_to(), lang))
}

/// The file's bytes into `bytes`, refusing a folder and anything over
/// [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path, bytes: &mut Vec<u8>, lang: Lang) -> Result<(), String> {
    let name = path.display();
    let fail = |e: std::io::Error| format!("{name}: {}", io_error(&e, lang));
    // One open: its size is checked on the handle, then read whole.
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(match lang {
            Lang::Nl => format!("{name}: is een map, geen bestand"),
            Lang::En => format!("{name}: is a folder, not a file"),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&name.to_string(), meta.len(), lang));
    }
    bytes.clear();
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0) + 1);
    // A file that grows while it is read, or a device without end, is held
    // to the same limit.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_FILE_BYTES + 1),
        bytes,
    )
    .map_err(fail)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name.to_string(), bytes.len() as u64, lang));
    }
    Ok(())
}

/// "too large": a file over [`MAX_FILE_BYTES`], with its size.
pub fn too_large(name: &str, bytes: u64, lang: Lang) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    match lang {
        Lang::Nl => format!("{name}: te groot ({mib:.1} MiB); oogst leest bestanden tot 64 MiB"),
        Lang::En => format!("{name}: too large ({mib:.1} MiB); oogst reads files up to 64 MiB"),
    }
}

/// "not UTF-8": where the first byte that is not text is.
pub fn not_utf8(name: &str, at: usize, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("{name}: geen UTF-8-tekst (ongeldige byte op positie {at})"),
        Lang::En => format!("{name}: not UTF-8 text (invalid byte at offset {at})"),
    }
}

/// An I/O error in words; the system's own for the rare ones.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (nl, en) = match e.kind() {
        K::NotFound => ("bestand niet gevonden", "file not found"),
        K::PermissionDenied => ("geen toegang (rechten)", "permission denied"),
        K::IsADirectory => ("is een map, geen bestand", "is a folder, not a file"),
        K::StorageFull => ("de schijf is vol", "the disk is full"),
        K::ReadOnlyFilesystem => ("alleen-lezen bestandssysteem", "read-only file system"),
        _ => return e.to_string(),
    };
    match lang {
        Lang::Nl => nl.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The formats `check` knows.
const KNOWN: [&str; 3] = [
    programme::FORMAT,
    crate::clock::CLOCK_FORMAT,
    crate::lead_state::FORMAT,
];

/// Validates one file; on success a one-line summary of what it holds.
pub fn check_text(text: &str, file: &str, lang: Lang) -> Result<String, FileError> {
    // Syntax errors first, with line and column, whatever the format.
    let format = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => v.get("format").and_then(|f| f.as_str()).map(str::to_string),
        Err(_) => None,
    };
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
            let breakouts = p
                .blocks
                .iter()
                .filter(|b| b.kind == crate::programme::BlockKind::Breakout)
                .count();
            let n = p.blocks.len();
            let title = crate::text::one_line(&p.title);
            Ok(match lang {
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
            })
        }
        Some(crate::clock::CLOCK_FORMAT) => {
            let doc = ClockDoc::parse(text, file)?;
            let block = doc
                .block
                .as_ref()
                .map(|b| crate::text::one_line(&b.title).into_owned())
                .unwrap_or_else(|| "–".into());
            Ok(match lang {
                Lang::Nl => format!(
                    "klok van sessie {}: blok {block}, geschreven {}",
                    doc.session, doc.written
                ),
                Lang::En => format!(
                    "clock of session {}: block {block}, written {}",
                    doc.session, doc.written
                ),
            })
        }
        Some(crate::room::FORMAT) => {
            let r = crate::room::RoomDoc::parse(text, file)?;
            let live = r.notes.iter().filter(|n| !n.deleted).count();
            let gone = r.notes.len() - live;
            let room = crate::text::one_line(&r.room);
            let host = crate::text::one_line(&r.host);
            let notes = crate::export::count_notes(live, lang);
            Ok(match lang {
                Lang::Nl => format!(
                    "kamer \"{room}\" ({host}) van sessie {}: {notes}, {gone} verwijderd",
                    r.session
                ),
                Lang::En => format!(
                    "room \"{room}\" ({host}) of session {}: {notes}, {gone} deleted",
                    r.session
                ),
            })
        }
        Some(crate::merge::FORMAT) => {
            let h = crate::merge::HarvestFile::parse(text, file)?;
            let notes: usize = h.rooms.iter().map(|r| r.notes.len()).sum();
            Ok(format!(
                "{} {}: {}, {}",
                lang.t().doc_harvest.to_lowercase(),
                h.session,
                crate::export::count_rooms(h.rooms.len(), lang),
                crate::export::count_notes(notes, lang)
            ))
        }
        Some(crate::lead_state::FORMAT) => {
            let s = LeadState::parse(text, file)?;
            Ok(match lang {
                Lang::Nl => format!("klokstand van sessie {} op {}", s.session, s.day),
                Lang::En => format!("lead state of session {} on {}", s.session, s.day),
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
