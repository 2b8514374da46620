//! The harvest as documents people read (Markdown, HTML), as a sheet
//! (CSV) and as data (JSON). Every renderer escapes what its format needs,
//! so that no note can become markup, a formula or a terminal command.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
#[cfg(test)]
mod tests;

use std::io::Write;

use crate::i18n::Lang;
use crate::merge::{Harvest, HarvestRound};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Csv,
    Json,
}

impl Format {
    /// The format an output file's extension asks for.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Format::Md,
            "html" | "htm" => Format::Html,
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

/// How the documents are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Each question, then its answers room by room.
    #[default]
    Question,
    /// Each room, then its answers question by question.
    Room,
}

pub fn write(
    h: &Harvest,
    format: Format,
    by: By,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Md => markdown::write(h, by, lang, out),
        Format::Html => html::write(h, by, lang, out),
        Format::Csv => csv::write(h, &lang.t().csv_columns, out),
        Format::Json => json::write(h, out),
    }
}

/// The title documents show: the programme's, else "Harvest <session>".
pub fn title(h: &Harvest, lang: Lang) -> String {
    match &h.title {
        Some(t) => t.clone(),
        None => format!("{} {}", lang.t().doc_harvest, h.session),
    }
}

/// A round's heading: its title, else its block id, else (files of
/// version 1 without a programme) "First round".
pub fn round_name(round: &HarvestRound, lang: Lang) -> String {
    round
        .name()
        .map_or_else(|| lang.t().doc_first_round.to_string(), str::to_string)
}

/// What the document says at the top: date, rounds, rooms, hosts, notes, drafts.
pub fn meta(h: &Harvest, lang: Lang, hosts: bool) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(d) = h.date {
        meta.push(lang.date(d));
    }
    if h.rounds.len() > 1 {
        meta.push(lang.count_rounds(h.rounds.len()));
    }
    meta.push(lang.count_rooms(h.room_count()));
    if hosts {
        let n: usize = h
            .rounds
            .iter()
            .flat_map(|r| &r.rooms)
            .map(|r| r.hosts.len())
            .sum();
        meta.push(lang.count_hosts(n));
    }
    meta.push(lang.count_notes(h.note_count()));
    if h.draft_count() > 0 {
        meta.push(lang.count_drafts(h.draft_count()));
    }
    meta
}
