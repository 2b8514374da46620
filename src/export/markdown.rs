//! The harvest as Markdown: title, date, questions as headings, rooms
//! under them with their hosts, notes as bullets. Everything typed is
//! escaped, so a note never becomes a heading, a link, a table or HTML.

use std::borrow::Cow;
use std::io::Write;

use super::{By, meta, round_name, title};
use crate::i18n::Lang;
use crate::merge::{Harvest, HarvestRoom, HarvestRound};
use crate::par::write_in_order;
use crate::text::{self, Plain};

/// Bytes that need no second look: not a control (C0, DEL), not the lead
/// byte of a C1 control or a bidi control or line separator, not markup.
const PLAIN: Plain<16> = Plain::new(*b"\x7f\xc2\xd8\xe2\\`*_[]<>&|~#");

/// Text as Markdown shows it literally: control characters made visible,
/// the characters that make inline markup (`\` `` ` `` `*` `_` `[` `]` `<`
/// `>` `&` `|` `~` `#`) backslash-escaped everywhere, and those that make
/// blocks (`-` `+` `=` and `1.` or `1)`) where a line starts. Lines are
/// joined with `join`. What is left reads as typed.
pub fn escape<'s>(s: &'s str, join: &str) -> Cow<'s, str> {
    // Most notes need nothing: one line of plain text with a plain start.
    let plain_start = !matches!(
        s.as_bytes().first(),
        Some(b'-' | b'+' | b'=' | b'0'..=b'9' | b' ' | b'\t')
    );
    let plain = plain_start && !s.ends_with([' ', '\t']) && PLAIN.all(s.as_bytes());
    if plain {
        return Cow::Borrowed(s);
    }
    let safe = text::multi_line(s);
    let mut out = String::with_capacity(safe.len() + 8);
    for (i, line) in safe
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push_str(join);
        }
        // `1.` or `12)` at the start would make an ordered list.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let list_mark = (digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')))
            .then_some(digits);
        for (j, c) in line.char_indices() {
            let inline = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
            );
            let at_start = j == 0 && matches!(c, '-' | '+' | '=');
            if inline || at_start || list_mark == Some(j) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn room_heading(room: &HarvestRoom) -> String {
    let mut s = escape(&room.room, " ").into_owned();
    if !room.hosts.is_empty() {
        let hosts: Vec<Cow<str>> = room.hosts.iter().map(|h| escape(h, " ")).collect();
        s.push_str(" — ");
        s.push_str(&hosts.join(", "));
    }
    s
}

/// A room's answers to one question: its notes (key takeaways marked
/// with ★), then its drafts, marked as not added.
fn bullets(out: &mut Vec<u8>, h: &Harvest, room: &HarvestRoom, q: usize, lang: Lang) {
    for n in h.notes_of(room, q) {
        // Continuation lines belong to the bullet (two spaces in).
        out.extend_from_slice(if n.star() { "- ★ ".as_bytes() } else { b"- " });
        out.extend_from_slice(escape(n.text(), "  \n  ").as_bytes());
        out.push(b'\n');
    }
    for d in room.drafts_of(q) {
        out.extend_from_slice(format!("- *({})* ", lang.t().doc_draft).as_bytes());
        out.extend_from_slice(escape(&d.text, "  \n  ").as_bytes());
        out.push(b'\n');
    }
}

/// "*5 notes*" (and drafts), or "No notes.".
fn count_line(notes: usize, drafts: usize, lang: Lang) -> String {
    match (notes, drafts) {
        (0, 0) => format!("{}\n", lang.t().doc_no_notes),
        (n, 0) => format!("*{}*\n", lang.count_notes(n)),
        (n, d) => format!("*{} · {}*\n", lang.count_notes(n), lang.count_drafts(d)),
    }
}

pub fn write(h: &Harvest, by: By, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# {}\n", escape(&title(h, lang), " "))?;
    writeln!(out, "{}\n", meta(h, lang, false).join(" · "))?;
    // With several rounds, each is a section and everything under it one
    // level deeper.
    let rounds = h.rounds.len() > 1;
    let deeper = if rounds { "#" } else { "" };
    // The document in pieces: a heading, or one room's answers to one
    // question. They are rendered side by side, a few at a time (so the
    // document is never all in memory at once), and written in order.
    let mut pieces: Vec<Piece> = Vec::new();
    for round in &h.rounds {
        if rounds {
            pieces.push(Piece::Round(round));
        }
        let questions = 1..=round.questions.len();
        match by {
            By::Question => {
                for n in questions {
                    pieces.push(Piece::Question(round, n));
                    for r in round.rooms.iter().filter(|r| r.has(n)) {
                        pieces.push(Piece::Answers(round, r, n));
                    }
                }
            }
            By::Room => {
                for r in &round.rooms {
                    pieces.push(Piece::Room(r));
                    for n in questions.clone().filter(|&n| r.has(n)) {
                        pieces.push(Piece::Answers(round, r, n));
                    }
                }
            }
        }
    }
    write_in_order(&pieces, out, |piece, out| {
        match *piece {
            Piece::Round(round) => {
                writeln!(out, "## {}\n", escape(&round_name(round, lang), " "))?;
                let mut meta = vec![lang.count_rooms(round.rooms.len())];
                meta.push(lang.count_notes(round.note_count()));
                if round.draft_count() > 0 {
                    meta.push(lang.count_drafts(round.draft_count()));
                }
                writeln!(out, "{}\n", meta.join(" · "))?;
            }
            Piece::Question(round, n) => {
                let drafts = round.rooms.iter().map(|r| r.drafts_of(n).count()).sum();
                writeln!(
                    out,
                    "{deeper}## {n}\\. {}\n",
                    escape(&round.questions[n - 1], " ")
                )?;
                writeln!(out, "{}", count_line(round.count_of(n), drafts, lang))?;
            }
            Piece::Room(room) => {
                writeln!(out, "{deeper}## {}\n", room_heading(room))?;
                writeln!(
                    out,
                    "{}",
                    count_line(room.note_count(), room.drafts.len(), lang)
                )?;
            }
            Piece::Answers(round, room, n) => {
                out.reserve(room.count_of(n) * 64);
                match by {
                    By::Question => writeln!(out, "{deeper}### {}\n", room_heading(room))?,
                    By::Room => writeln!(
                        out,
                        "{deeper}### {n}\\. {}\n",
                        escape(&round.questions[n - 1], " ")
                    )?,
                }
                bullets(out, h, room, n, lang);
                writeln!(out)?;
            }
        }
        Ok(())
    })
}

/// A piece of the document.
enum Piece<'h> {
    /// A round's heading, with its counts.
    Round(&'h HarvestRound),
    /// A question's heading, with its count.
    Question(&'h HarvestRound, usize),
    /// A room's heading, with its hosts and count.
    Room(&'h HarvestRoom),
    /// A room's answers to a question, under the room's or the question's heading.
    Answers(&'h HarvestRound, &'h HarvestRoom, usize),
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn notes_cannot_become_markup() {
        assert_eq!(escape("# kop", " "), "\\# kop");
        assert_eq!(escape("[klik](http://x)", " "), "\\[klik\\](http://x)");
        assert_eq!(escape("| a | b |", " "), "\\| a \\| b \\|");
        assert_eq!(escape("1. lijst", " "), "1\\. lijst");
        assert_eq!(escape("<script>", " "), "\\<script\\>");
        assert_eq!(escape("a\n\n  - b", "  \n  "), "a  \n  \\- b");
        assert_eq!(escape("12) x", " "), "12\\) x");
        assert_eq!(escape("=====", " "), "\\=====");
        assert_eq!(
            escape("gebiedsgericht-werken 1.5 (ja)", " "),
            "gebiedsgericht-werken 1.5 (ja)"
        );
        assert_eq!(
            escape("**vet** _schuin_ `code` ~~weg~~", " "),
            "\\*\\*vet\\*\\* \\_schuin\\_ \\`code\\` \\~\\~weg\\~\\~"
        );
        assert_eq!(escape("\u{1b}[2J", " "), "␛\\[2J");
        assert_eq!(escape("Één 👍 مرحبا", " "), "Één 👍 مرحبا");
    }
}
