//! One row per note, for a spreadsheet. UTF-8 with a byte order mark so
//! that Excel reads Dutch text right; every cell that a spreadsheet could
//! take for a formula gets a leading `'` (OWASP's advice on CSV injection).

use std::io::Write;

use crate::merge::{Harvest, HarvestRoom, HarvestRound};
use crate::par::write_in_order;
use crate::text::{self, Plain};

/// The columns, fixed in their order so that scripts can rely on them:
/// the first eight as oogst has always written them, then what rounds,
/// hosts, key takeaways and drafts added (a draft's row has no times).
/// Their names are the interface language's (`Catalog::csv_columns`);
/// these are the English ones (`--lang en`).
pub const HEADER: [&str; 12] = crate::i18n::CSV_COLUMNS_EN;

/// Whether a spreadsheet could take a cell for a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab, CR or LF, or one of `=+-@` comes first after
/// blanks (spaces of any kind, and the invisible ones).
fn looks_like_formula(s: &str) -> bool {
    // Most cells start with a letter or a digit.
    if s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    if matches!(
        s.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n')
    ) {
        return true;
    }
    let blank = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    matches!(
        s.trim_start_matches(blank).chars().next(),
        Some('=' | '+' | '-' | '@')
    )
}

/// A cell as written: visible pictures for control characters (line
/// breaks kept), and a `'` before anything a spreadsheet would evaluate.
pub fn cell(s: &str) -> String {
    let shown = text::multi_line(s);
    if looks_like_formula(s) {
        format!("'{shown}")
    } else {
        shown.into_owned()
    }
}

/// How many notes a piece of a room holds.
const NOTES_PER_PIECE: usize = 256;

/// The sheet, its columns named `header`.
pub fn write(h: &Harvest, header: &[&str; 12], out: &mut dyn Write) -> std::io::Result<()> {
    write_in_pieces(h, header, NOTES_PER_PIECE, out)
}

/// A piece of the sheet: the header, or rows of a room's notes
/// (`from..to`), or a room's drafts.
enum Piece<'h> {
    Header,
    Notes(&'h HarvestRound, &'h HarvestRoom, usize, usize),
    Drafts(&'h HarvestRound, &'h HarvestRoom),
}

/// The sheet, rendered on every core in pieces of `per_piece` notes.
pub(super) fn write_in_pieces(
    h: &Harvest,
    header: &[&str; 12],
    per_piece: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut pieces = vec![Piece::Header];
    for round in &h.rounds {
        for room in &round.rooms {
            let notes = room.note_count();
            for from in (0..notes).step_by(per_piece.max(1)) {
                pieces.push(Piece::Notes(
                    round,
                    room,
                    from,
                    (from + per_piece).min(notes),
                ));
            }
            if !room.drafts.is_empty() {
                pieces.push(Piece::Drafts(round, room));
            }
        }
    }
    let session = cell(&h.session);
    write_in_order(&pieces, out, |piece, b| {
        match *piece {
            Piece::Header => {
                b.extend_from_slice("\u{feff}".as_bytes());
                for (i, name) in header.iter().enumerate() {
                    if i > 0 {
                        b.push(b',');
                    }
                    field(b, name);
                }
                b.extend_from_slice(b"\r\n");
            }
            Piece::Notes(round, room, from, to) => {
                let row = Row::new(&session, round, room);
                for (k, n) in h.notes_in(room, from..to).enumerate() {
                    if k == 1 {
                        // Room for the other rows, as long as the first.
                        b.reserve(b.len() * (to - from));
                    }
                    row.start(b, n.question());
                    cell_field(b, n.text());
                    b.push(b',');
                    cell_field(b, n.created());
                    b.push(b',');
                    cell_field(b, n.updated());
                    b.push(b',');
                    b.extend_from_slice(&row.block);
                    b.push(b',');
                    cell_field(b, n.by());
                    b.extend_from_slice(if n.star() {
                        b",true,false\r\n"
                    } else {
                        b",false,false\r\n"
                    });
                }
            }
            Piece::Drafts(round, room) => {
                let row = Row::new(&session, round, room);
                for d in &room.drafts {
                    row.start(b, d.question);
                    cell_field(b, &d.text);
                    b.extend_from_slice(b",,,");
                    b.extend_from_slice(&row.block);
                    b.push(b',');
                    cell_field(b, &d.by);
                    b.extend_from_slice(b",false,true\r\n");
                }
            }
        }
        Ok(())
    })
}

/// What the rows of a room have in common, as written.
struct Row {
    /// `session,room,hosts,`
    head: Vec<u8>,
    /// Each question's `number,question,`.
    questions: Vec<Vec<u8>>,
    block: Vec<u8>,
}

impl Row {
    fn new(session: &str, round: &HarvestRound, room: &HarvestRoom) -> Row {
        let mut head = Vec::new();
        for s in [session, &cell(&room.room), &cell(&room.hosts.join("; "))] {
            field(&mut head, s);
            head.push(b',');
        }
        let questions = (round.questions.iter().enumerate())
            .map(|(i, q)| {
                let mut b = format!("{},", i + 1).into_bytes();
                field(&mut b, &cell(q));
                b.push(b',');
                b
            })
            .collect();
        let mut block = Vec::new();
        field(&mut block, &cell(round.block.as_deref().unwrap_or("")));
        Row {
            head,
            questions,
            block,
        }
    }

    /// A row up to its note: `session,room,hosts,number,question,`.
    fn start(&self, b: &mut Vec<u8>, question: usize) {
        b.extend_from_slice(&self.head);
        match self.questions.get(question.wrapping_sub(1)) {
            Some(q) => b.extend_from_slice(q),
            // Never so: every note answers one of the round's questions.
            None => b.extend_from_slice(format!("{question},,").as_bytes()),
        }
    }
}

/// Bytes a cell writes as they are: not a control (C0, DEL), nor the
/// lead byte of a C1 control, bidi control or line separator (0xC2, 0xD8,
/// 0xE2: [`text::multi_line`] changes those), nor `,` or `"` (a field
/// with them is quoted).
const PLAIN: Plain<6> = Plain::new(*b"\x7f\xc2\xd8\xe2,\"");

/// [`cell`] of `s`, as a field: most text as it is.
fn cell_field(b: &mut Vec<u8>, s: &str) {
    if PLAIN.all(s.as_bytes()) && !looks_like_formula(s) {
        b.extend_from_slice(s.as_bytes());
    } else {
        field(b, &cell(s));
    }
}

/// A field as the `csv` crate writes it: in quotes (each `"` doubled)
/// when it holds a `,`, `"`, CR or LF; else as it is.
fn field(b: &mut Vec<u8>, s: &str) {
    if !s.bytes().any(|c| matches!(c, b',' | b'"' | b'\r' | b'\n')) {
        b.extend_from_slice(s.as_bytes());
        return;
    }
    b.push(b'"');
    for part in s.split_inclusive('"') {
        b.extend_from_slice(part.as_bytes());
        if part.ends_with('"') {
            b.push(b'"');
        }
    }
    b.push(b'"');
}

/// The sheet as the `csv` crate writes it: the reference that [`write`]
/// is held against.
pub fn write_with_csv_crate(
    h: &Harvest,
    header: &[&str; 12],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(header)?;
    let session = cell(&h.session);
    for round in &h.rounds {
        let block = cell(round.block.as_deref().unwrap_or(""));
        let questions: Vec<String> = round.questions.iter().map(|q| cell(q)).collect();
        let question = |n: usize| questions.get(n - 1).map(String::as_str).unwrap_or("");
        for room in &round.rooms {
            let name = cell(&room.room);
            let hosts = cell(&room.hosts.join("; "));
            for n in h.notes(room) {
                w.write_record([
                    session.as_str(),
                    &name,
                    &hosts,
                    &n.question().to_string(),
                    question(n.question()),
                    &cell(n.text()),
                    &cell(n.created()),
                    &cell(n.updated()),
                    &block,
                    &cell(n.by()),
                    if n.star() { "true" } else { "false" },
                    "false",
                ])?;
            }
            for d in &room.drafts {
                w.write_record([
                    session.as_str(),
                    &name,
                    &hosts,
                    &d.question.to_string(),
                    question(d.question),
                    &cell(&d.text),
                    "",
                    "",
                    &block,
                    &cell(&d.by),
                    "false",
                    "true",
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{cell, cell_field, field};

    #[test]
    fn a_cell_written_as_it_is_is_what_cell_makes_of_it() {
        // Every character up to U+3000 (the controls, blanks, bidi
        // controls and formula starts among them), first and inside.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}b"), format!("{c}=1")] {
                let mut fast = Vec::new();
                cell_field(&mut fast, &s);
                let mut simple = Vec::new();
                field(&mut simple, &cell(&s));
                assert_eq!(fast, simple, "{c:?}");
            }
        }
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+31 6 1234"), "'+31 6 1234");
        assert_eq!(cell("-5 graden"), "'-5 graden");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "' x", "a tab becomes a space, after a quote");
        for live in [
            "\t=1+1",
            "\r=1+1",
            "  =1+1",
            "\u{a0}=1+1",
            "\u{200b}@x",
            " \n-1",
        ] {
            assert!(cell(live).starts_with('\''), "{live:?}");
        }
        assert_eq!(cell("\nx"), "'\nx");
        assert_eq!(cell("gewoon"), "gewoon");
        assert_eq!(cell("a\nb"), "a\nb");
        assert_eq!(cell("\u{1b}[31m"), "␛[31m");
    }
}
