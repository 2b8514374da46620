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

/// Text as Markdown shows it literally, with a backslash only where a
/// character would otherwise make markup (CommonMark and GitHub's
/// tables and strikethrough): control characters made visible; at a
/// line's start what would make a block (`#` heading, `>` quote, `-`
/// `+` `*` or `1.` `1)` list, `===`/`---` underline or rule); inside a
/// line what could open inline markup (`*` `_` `~` unless they cannot
/// open or close, `` ` ``, `[`, `<` before a tag or link, `&` before an
/// entity, `\` before punctuation or at the end, `|` when the text has
/// several lines, `#` closing a heading). Lines are joined with `join`.
/// What is left reads as typed: "1.5 uur", "#hashtag", "a_b", "5 * 3".
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
    let lines: Vec<&str> = safe
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let several = lines.len() > 1;
    let mut out = String::with_capacity(safe.len() + 8);
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            out.push_str(join);
        }
        escape_line(line, several, &mut out);
    }
    Cow::Owned(out)
}

/// One line of [`escape`] (trimmed, not empty) onto `out`.
fn escape_line(line: &str, several: bool, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let at = |k: usize| chars.get(k).copied();
    // Nothing, or a blank: what comes before the line's start and after
    // its end counts as a blank (the text around may be anything).
    let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let mut block = block_mark(&chars);
    for (k, &c) in chars.iter().enumerate() {
        let (before, after) = (if k == 0 { None } else { at(k - 1) }, at(k + 1));
        let needed = match c {
            _ if block == Some(k) => true,
            '\\' => after.is_none_or(|a| a.is_ascii_punctuation()),
            '`' | '[' => true,
            // Emphasis and strikethrough open or close only next to a
            // non-blank; `_` not inside a word.
            '*' | '~' => !(blank(before) && blank(after)),
            '_' => {
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let inside = word(before) && word(after);
                !(inside || blank(before) && blank(after))
            }
            '<' => after.is_some_and(|a| a.is_ascii_alphabetic() || matches!(a, '/' | '!' | '?')),
            '&' => entity_at(&chars[k + 1..]),
            '|' => several,
            // A heading's closing sequence: `#`s at the end after a blank.
            '#' => {
                let run_end = chars[k..].iter().take_while(|&&h| h == '#').count() + k;
                run_end == chars.len()
                    && chars[..k]
                        .iter()
                        .rev()
                        .find(|&&h| h != '#')
                        .is_none_or(|h| h.is_whitespace())
            }
            _ => false,
        };
        if needed {
            out.push('\\');
        }
        out.push(c);
        if block == Some(k) {
            block = None;
        }
    }
}

/// Where the character is that makes `line` a block (a heading, a quote,
/// a list item, a setext underline or a thematic break), if it does.
fn block_mark(line: &[char]) -> Option<usize> {
    let first = *line.first()?;
    let ends_mark = |k: usize| line.get(k).is_none_or(|c| c.is_whitespace());
    match first {
        '>' => Some(0),
        '#' => {
            let run = line.iter().take_while(|&&c| c == '#').count();
            (run <= 6 && ends_mark(run)).then_some(0)
        }
        '-' | '+' | '*' | '=' | '_' => {
            let only = line.iter().all(|&c| c == first || c == ' ' || c == '\t');
            (ends_mark(1) || only).then_some(0)
        }
        '0'..='9' => {
            let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
            let mark = matches!(line.get(digits), Some('.' | ')'));
            (mark && ends_mark(digits + 1)).then_some(digits)
        }
        _ => None,
    }
}

/// Whether `rest` (what follows an `&`) would make it an entity or a
/// character reference: `name;`, `#123;`, `#x1F;`.
fn entity_at(rest: &[char]) -> bool {
    let body = rest.strip_prefix(&['#']).unwrap_or(rest);
    let n = body
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    (1..=32).contains(&n) && body.get(n) == Some(&';')
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
                    "{deeper}## {n}. {}\n",
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
                        "{deeper}### {n}. {}\n",
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
        assert_eq!(escape("[klik](http://x)", " "), "\\[klik](http://x)");
        assert_eq!(escape("| a | b |", " "), "| a | b |");
        assert_eq!(escape("a | b\n--|--", "  \n  "), "a \\| b  \n  --\\|--");
        assert_eq!(escape("1. lijst", " "), "1\\. lijst");
        assert_eq!(escape("<script>", " "), "\\<script>");
        assert_eq!(escape("a\n\n  - b", "  \n  "), "a  \n  \\- b");
        assert_eq!(escape("12) x", " "), "12\\) x");
        assert_eq!(escape("=====", " "), "\\=====");
        assert_eq!(escape("> quote", " "), "\\> quote");
        assert_eq!(escape("kop ##", " "), "kop \\#\\#");
        assert_eq!(escape("&amp; &#38;", " "), "\\&amp; \\&#38;");
        assert_eq!(escape("eind\\", " "), "eind\\\\");
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

    #[test]
    fn no_backslash_where_nothing_needs_one() {
        for s in [
            "1.5 uur is genoeg",
            "#hashtag en #samenwerken",
            "Jan & Piet, 5 * 3 = 15",
            "snake_case_naam",
            "-5 graden, +31 6 1234",
            "a > b en c < 3",
            "Welke uitdagingen? (1) tijd; (2) geld!",
            "prijs: € 10,- per uur",
            "a\\b",
        ] {
            assert_eq!(escape(s, " "), s);
        }
    }
}
