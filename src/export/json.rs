//! The `oogst-harvest` document of the spec.
//!
//! Besides what JSON must escape, C1 controls, bidi controls and line
//! separators are written as `\uXXXX`: the same data, but nothing a
//! terminal would act on when the harvest goes to one.
//!
//! The document is written by hand, in serde_json's pretty layout: the
//! rooms' notes (nearly all of it) in pieces, on every core. What serde
//! itself writes ([`write_with_serde`]) is the reference: the tests hold
//! the two to the same bytes.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::merge::{Harvest, HarvestRoom};
use crate::par::write_in_order;
use crate::text::Plain;

/// How many notes a piece of a room holds.
const NOTES_PER_PIECE: usize = 256;

pub fn write(h: &Harvest, out: &mut dyn Write) -> io::Result<()> {
    write_in_pieces(h, NOTES_PER_PIECE, out)
}

/// A piece of the document.
enum Piece<'h> {
    /// Written as it is: the layout around the notes.
    Fixed(Vec<u8>),
    /// Notes `from..to` of a room.
    Notes(&'h HarvestRoom, usize, usize),
}

/// The document, with the rooms' notes in pieces of `per_piece` notes.
pub(super) fn write_in_pieces(
    h: &Harvest,
    per_piece: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut b = Vec::new();
    b.extend_from_slice(b"{\n  \"format\": ");
    string(&mut b, crate::merge::FORMAT);
    b.extend_from_slice(format!(",\n  \"version\": {}", crate::merge::VERSION).as_bytes());
    b.extend_from_slice(b",\n  \"session\": ");
    string(&mut b, &h.session);
    b.extend_from_slice(b",\n  \"title\": ");
    opt_string(&mut b, h.title.as_deref());
    b.extend_from_slice(b",\n  \"date\": ");
    opt_string(&mut b, h.date.map(|d| d.to_string()).as_deref());
    b.extend_from_slice(b",\n  \"rounds\": [");
    for (i, round) in h.rounds.iter().enumerate() {
        item(&mut b, i, 2);
        b.extend_from_slice(b"{\n      \"block\": ");
        opt_string(&mut b, round.block.as_deref());
        b.extend_from_slice(b",\n      \"title\": ");
        opt_string(&mut b, round.title.as_deref());
        b.extend_from_slice(b",\n      \"questions\": ");
        strings(&mut b, &round.questions, 3);
        b.extend_from_slice(b",\n      \"rooms\": [");
        for (j, room) in round.rooms.iter().enumerate() {
            item(&mut b, j, 4);
            b.extend_from_slice(b"{\n          \"room\": ");
            string(&mut b, &room.room);
            b.extend_from_slice(b",\n          \"hosts\": ");
            strings(&mut b, &room.hosts, 5);
            b.extend_from_slice(b",\n          \"notes\": [");
            let notes = room.note_count();
            if notes > 0 {
                pieces.push(Piece::Fixed(std::mem::take(&mut b)));
                for from in (0..notes).step_by(per_piece.max(1)) {
                    let to = (from + per_piece.max(1)).min(notes);
                    pieces.push(Piece::Notes(room, from, to));
                }
                end(&mut b, 5, b']');
            } else {
                b.push(b']');
            }
            b.extend_from_slice(b",\n          \"drafts\": [");
            for (k, d) in room.drafts.iter().enumerate() {
                item(&mut b, k, 6);
                b.extend_from_slice(
                    format!("{{\n{}\"question\": {}", indent(7), d.question).as_bytes(),
                );
                b.extend_from_slice(format!(",\n{}\"text\": ", indent(7)).as_bytes());
                string(&mut b, &d.text);
                b.extend_from_slice(format!(",\n{}\"by\": ", indent(7)).as_bytes());
                string(&mut b, &d.by);
                end(&mut b, 6, b'}');
            }
            close(&mut b, !room.drafts.is_empty(), 5, b']');
            end(&mut b, 4, b'}');
        }
        close(&mut b, !round.rooms.is_empty(), 3, b']');
        end(&mut b, 2, b'}');
    }
    close(&mut b, !h.rounds.is_empty(), 1, b']');
    b.extend_from_slice(b",\n  \"sources\": ");
    strings(&mut b, &h.sources, 1);
    b.extend_from_slice(b"\n}\n");
    pieces.push(Piece::Fixed(b));

    write_in_order(&pieces, out, |piece, b| {
        match piece {
            Piece::Fixed(fixed) => b.extend_from_slice(fixed),
            Piece::Notes(room, from, to) => notes(b, h, room, *from, *to),
        }
        Ok(())
    })
}

/// Notes `from..to` of a room, as items of its `notes` array: the
/// layout between two strings written at once.
fn notes(b: &mut Vec<u8>, h: &Harvest, room: &HarvestRoom, from: usize, to: usize) {
    for (i, n) in h.notes_in(room, from..to).enumerate() {
        if i == 1 {
            // Room for the other notes, as long as the first.
            b.reserve(b.len() * (to - from));
        }
        b.extend_from_slice(if from + i == 0 {
            b"\n            {\n              \"id\": \""
        } else {
            b",\n            {\n              \"id\": \""
        });
        body(b, n.id());
        b.extend_from_slice(b"\",\n              \"question\": ");
        number(b, n.question());
        b.extend_from_slice(b",\n              \"text\": \"");
        body(b, n.text());
        b.extend_from_slice(b"\",\n              \"by\": \"");
        body(b, n.by());
        b.extend_from_slice(if n.star() {
            b"\",\n              \"star\": true,\n              \"created\": \""
        } else {
            b"\",\n              \"star\": false,\n              \"created\": \""
        });
        time(b, n.created());
        b.extend_from_slice(b"\",\n              \"updated\": \"");
        time(b, n.updated());
        b.extend_from_slice(b"\"\n            }");
    }
}

/// A note's time between its quotes: as written, for the room reader let
/// no file in whose times are not RFC 3339 ([`crate::files::parse_time`]:
/// digits and `-:.+TtZz`), which JSON never escapes.
fn time(b: &mut Vec<u8>, s: &str) {
    debug_assert!(crate::files::parse_time(s).is_some(), "{s:?}");
    b.extend_from_slice(s.as_bytes());
}

/// A whole number, as JSON writes it.
fn number(b: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    b.extend_from_slice(&digits[at..]);
}

/// The indent of `level` (two spaces each; the document goes 7 deep).
fn indent(level: usize) -> &'static str {
    const SPACES: &str = "                ";
    &SPACES[..(2 * level).min(SPACES.len())]
}

/// Before item `i` of an array whose items stand at `level`.
fn item(b: &mut Vec<u8>, i: usize, level: usize) {
    b.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
    b.extend_from_slice(indent(level).as_bytes());
}

/// The end of an array or object that has something, closed at `level`.
fn end(b: &mut Vec<u8>, level: usize, bracket: u8) {
    b.push(b'\n');
    b.extend_from_slice(indent(level).as_bytes());
    b.push(bracket);
}

/// The end of an array or object: on a line of its own if it has something.
fn close(b: &mut Vec<u8>, has: bool, level: usize, bracket: u8) {
    if has {
        end(b, level, bracket);
    } else {
        b.push(bracket);
    }
}

/// An array of strings whose key stands at `level`.
fn strings(b: &mut Vec<u8>, items: &[String], level: usize) {
    b.push(b'[');
    for (i, s) in items.iter().enumerate() {
        item(b, i, level + 1);
        string(b, s);
    }
    close(b, !items.is_empty(), level, b']');
}

fn opt_string(b: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(b, s),
        None => b.extend_from_slice(b"null"),
    }
}

/// Bytes written as they are: not a control, `"` or `\`, nor the lead
/// byte of a character [`escaped`] (all of them start 0xC2, 0xD8 or 0xE2).
const PLAIN: Plain<5> = Plain::new(*b"\"\\\xc2\xd8\xe2");

/// A JSON string, escaped as serde_json escapes it, and what [`escaped`]
/// says besides.
fn string(b: &mut Vec<u8>, s: &str) {
    b.push(b'"');
    body(b, s);
    b.push(b'"');
}

/// What is between a JSON string's quotes.
fn body(b: &mut Vec<u8>, s: &str) {
    if PLAIN.all(s.as_bytes()) {
        b.extend_from_slice(s.as_bytes());
    } else {
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let short = match c {
                '"' => b'"',
                '\\' => b'\\',
                '\u{8}' => b'b',
                '\u{c}' => b'f',
                '\n' => b'n',
                '\r' => b'r',
                '\t' => b't',
                c if c < ' ' || escaped(c) => b'u',
                _ => continue,
            };
            b.extend_from_slice(&s.as_bytes()[start..i]);
            if short == b'u' {
                b.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            } else {
                b.extend_from_slice(&[b'\\', short]);
            }
            start = i + c.len_utf8();
        }
        b.extend_from_slice(&s.as_bytes()[start..]);
    }
}

/// The document as serde_json writes it: the reference that [`write`]
/// is held against.
pub fn write_with_serde(h: &Harvest, out: &mut dyn Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    h.serialize(&mut ser)?;
    out.write_all(b"\n")
}

/// Whether `c` is written escaped although JSON allows it raw.
fn escaped(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}') || crate::text::is_bidi_control(c)
}

/// serde_json's pretty layout, with the extra escapes.
#[derive(Default)]
pub struct SafeFormatter<'a> {
    pretty: PrettyFormatter<'a>,
}

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character escaped here is two or three bytes starting
        // 0xC2, 0xD8 or 0xE2: most text has none and is written whole.
        if !fragment.bytes().any(|b| matches!(b, 0xc2 | 0xd8 | 0xe2)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_escaped_and_the_data_is_the_same() {
        let s = "a\u{1b}[2J\u{9b}31m\u{202e}b\u{2028}é 🤝";
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter::default());
        s.serialize(&mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#""a\u001b[2J\u009b31m\u202eb\u2028é 🤝""#);
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), s);
    }

    #[test]
    fn every_character_is_written_as_serde_writes_it() {
        // Every character up to U+3000 (the C0, C1, bidi controls and line
        // separators among them), alone and between plain text.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("ab{c}cd{c}")] {
                let mut fast = Vec::new();
                string(&mut fast, &s);
                let mut reference = Vec::new();
                let mut ser = serde_json::Serializer::with_formatter(
                    &mut reference,
                    SafeFormatter::default(),
                );
                s.serialize(&mut ser).unwrap();
                assert_eq!(fast, reference, "{c:?}");
            }
        }
    }
}
