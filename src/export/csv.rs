//! One row per note, for a spreadsheet. UTF-8 with a byte order mark so
//! that Excel reads Dutch text right; every cell that a spreadsheet could
//! take for a formula gets a leading `'` (OWASP's advice on CSV injection).

use std::io::Write;

use crate::merge::Harvest;
use crate::text;

/// The columns, fixed so that scripts can rely on them.
pub const HEADER: [&str; 8] = [
    "session",
    "room",
    "hosts",
    "question_number",
    "question",
    "note",
    "created",
    "updated",
];

/// A cell as written: visible pictures for control characters (line
/// breaks kept), and a `'` before anything a spreadsheet would evaluate.
pub fn cell(s: &str) -> String {
    let s = text::multi_line(s);
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{s}"),
        _ => s.into_owned(),
    }
}

pub fn write(h: &Harvest, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for room in &h.rooms {
        let hosts = room.hosts.join("; ");
        for n in h.notes(room) {
            let question = h
                .questions
                .get(n.question() - 1)
                .map(String::as_str)
                .unwrap_or("");
            w.write_record([
                cell(&h.session),
                cell(&room.room),
                cell(&hosts),
                n.question().to_string(),
                cell(question),
                cell(n.text()),
                cell(n.created()),
                cell(n.updated()),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+31 6 1234"), "'+31 6 1234");
        assert_eq!(cell("-5 graden"), "'-5 graden");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), " x", "a tab becomes a space");
        assert_eq!(cell("\nx"), "'\nx");
        assert_eq!(cell("gewoon"), "gewoon");
        assert_eq!(cell("a\nb"), "a\nb");
        assert_eq!(cell("\u{1b}[31m"), "␛[31m");
    }
}
