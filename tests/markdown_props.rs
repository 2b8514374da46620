//! The Markdown export against a CommonMark parser (with GitHub's tables
//! and strikethrough): whatever a note, a question or a room's name
//! holds, the document shows it as typed — no heading, list, quote, link,
//! emphasis, code, table or HTML made from it — and the escaper adds a
//! backslash only where one is needed.

use oogst::export::markdown::escape;
use oogst::text::multi_line;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a reader sees of `doc`: its text, hard breaks as `\n`; or the
/// first piece of markup that is not the document's own.
fn shown(doc: &str) -> Result<String, String> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut text = String::new();
    for event in Parser::new_ext(doc, opts) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak => text.push('\n'),
            Event::SoftBreak => text.push(' '),
            Event::Start(Tag::Paragraph | Tag::List(None) | Tag::Item | Tag::Heading { .. })
            | Event::End(
                TagEnd::Paragraph | TagEnd::List(false) | TagEnd::Item | TagEnd::Heading(_),
            ) => {}
            other => return Err(format!("{other:?}")),
        }
    }
    Ok(text)
}

/// The text as typed, as the document should show it: made safe, each
/// line trimmed, empty lines gone, joined with `join`.
fn expected(s: &str, join: &str) -> String {
    multi_line(s)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(join)
}

/// Text made of what Markdown is made of.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "b", "Kamer", "1", "12", " ", "  ", "\n", "\t", ".", ")", "(", "-", "+", "=", "*",
        "_", "~", "`", "[", "]", "<", ">", "&", "#", ";", "|", "\\", "!", ":", "/", "x", "amp",
        "#38", "http://x", "www.x.nl", "é", "👍", "\u{1b}", "\u{202e}", "---", "***", "___", "```",
        "~~~", "1.", "2)", "- ", "* ", "+ ", "> ", "# ", "<b>", "<!--", "&amp;", "[x]", "(u)",
        "  \n", "\\\n",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A note as a bullet, its lines as hard breaks in it.
    #[test]
    fn a_note_reads_as_typed(s in markdownish()) {
        prop_assume!(!expected(&s, "\n").is_empty());
        let doc = format!("- {}\n", escape(&s, "  \n  "));
        prop_assert_eq!(shown(&doc), Ok(expected(&s, "\n")), "{:?}", doc);
    }

    /// A question as a numbered heading.
    #[test]
    fn a_question_reads_as_typed(s in markdownish()) {
        let doc = format!("## 1. {}\n", escape(&s, " "));
        let want = format!("1. {}", expected(&s, " "));
        prop_assert_eq!(shown(&doc), Ok(want.trim_end().to_string()), "{:?}", doc);
    }

    /// A room's heading: its name and hosts, escaped one by one.
    #[test]
    fn a_room_heading_reads_as_typed(
        room in markdownish(),
        a in markdownish(),
        b in markdownish(),
    ) {
        let (room_e, a_e, b_e) = (expected(&room, " "), expected(&a, " "), expected(&b, " "));
        prop_assume!(!room_e.is_empty());
        let doc = format!(
            "### {} — {}, {}\n",
            escape(&room, " "),
            escape(&a, " "),
            escape(&b, " ")
        );
        let want = format!("{room_e} — {a_e}, {b_e}");
        prop_assert_eq!(shown(&doc), Ok(want.trim_end().to_string()), "{:?}", doc);
    }
}
