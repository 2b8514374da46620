//! One row per note, for a spreadsheet. UTF-8 with a byte order mark so
//! that Excel reads Dutch text right; every cell that a spreadsheet could
//! take for a formula gets a leading `'` (OWASP's advice on CSV injection).

use std::io::Write;

use crate::merge::Harvest;
use crate::text;

/// The columns, fixed so that scripts can rely on them: the first eight
/// as oogst has always written them, then what rounds, hosts, key
/// takeaways and drafts added (a draft's row has no times).
pub const HEADER: [&str; 12] = [
    "session",
    "room",
    "hosts",
    "question_number",
    "question",
    "note",
    "created",
    "updated",
    "round",
    "by",
    "star",
    "draft",
];

/// Whether a spreadsheet could take a cell for a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab, CR or LF, or one of `=+-@` comes first after
/// blanks (spaces of any kind, and the invisible ones).
fn looks_like_formula(s: &str) -> bool {
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

pub fn write(h: &Harvest, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
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
