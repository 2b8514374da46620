//! The harvest as one self-contained web page: inline CSS, no external
//! assets, readable on a phone, printable to PDF with a page per
//! question. All text is escaped.

use std::io::Write;

use super::{By, meta, round_name, title};
use crate::i18n::{Lang, fill};
use crate::merge::{Harvest, HarvestRoom};
use crate::par::write_in_order;
use crate::text::{self, Plain};

/// Text as HTML shows it literally: control characters made visible,
/// `& < > " '` as entities, line breaks as `<br>`.
pub fn escape(s: &str) -> String {
    let safe = text::multi_line(s);
    let mut out = String::with_capacity(safe.len() + 16);
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Bytes written as they are: not a control (C0, DEL), nor the lead byte
/// of a C1 control, bidi control or line separator (0xC2, 0xD8, 0xE2:
/// [`text::multi_line`] changes those), nor what [`escape`] makes an
/// entity.
const PLAIN: Plain<9> = Plain::new(*b"\x7f\xc2\xd8\xe2&<>\"'");

/// [`escape`] of `s`, onto `out`: most text as it is.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    if PLAIN.all(s.as_bytes()) {
        out.extend_from_slice(s.as_bytes());
    } else {
        out.extend_from_slice(escape(s).as_bytes());
    }
}

const STYLE: &str = r#"
:root {
  --ink: #1d2a33; --soft: #5b6b75; --line: #dfe6ea; --paper: #ffffff;
  --wash: #f4f7f8; --accent: #0f6e6e; --accent-soft: #e3f1f0;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page { max-width: 48rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 1.25rem; margin-bottom: 1.5rem; }
.kicker { text-transform: uppercase; letter-spacing: .12em; font-size: .8rem; color: var(--accent); font-weight: 700; margin: 0 0 .4rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .6rem; }
.meta { color: var(--soft); margin: 0; }
.meta span + span::before { content: " · "; }
nav { background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.25rem; margin-bottom: 2rem; }
nav h2 { font-size: .95rem; margin: 0 0 .5rem; color: var(--soft); text-transform: uppercase; letter-spacing: .08em; }
nav ol { margin: 0; padding-left: 1.4rem; }
nav li { margin: .25rem 0; }
nav a { color: var(--ink); text-decoration: none; }
nav a:hover { text-decoration: underline; }
.count { color: var(--soft); font-size: .9em; white-space: nowrap; }
section.part { margin: 0 0 2.5rem; }
section.part > h2 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 .25rem; display: flex; gap: .6rem; }
.num { flex: none; display: inline-grid; place-items: center; min-width: 2rem; height: 2rem; border-radius: 50%;
  background: var(--accent); color: #fff; font-size: 1rem; }
section.part > .count { margin: 0 0 1rem 2.6rem; }
article { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--accent);
  border-radius: 10px; padding: .9rem 1.1rem; margin: 0 0 .9rem; break-inside: avoid; }
article h3 { font-size: 1.05rem; margin: 0 0 .4rem; display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: baseline; }
.hosts { font-weight: 400; color: var(--soft); font-size: .92rem; }
article ul { margin: 0; padding-left: 1.2rem; }
article li { margin: .35rem 0; overflow-wrap: anywhere; }
article li::marker { color: var(--accent); }
.empty { color: var(--soft); font-style: italic; }
li.star .mark { color: #b7791f; }
li.draft { color: var(--soft); font-style: italic; }
li.draft .tag { font-style: normal; font-size: .8em; border: 1px dashed var(--soft); border-radius: 4px; padding: 0 .3em; }
h2.round { font-size: 1.6rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
nav h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
footer { color: var(--soft); font-size: .85rem; border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 3rem; }
@media (max-width: 32rem) {
  body { font-size: 16px; }
  .page { padding: 1.5rem .9rem 3rem; }
  h1 { font-size: 1.6rem; }
  section.part > .count { margin-left: 0; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  nav a { color: inherit; }
  section.part, h2.round { break-before: page; }
  h2.round + section.part { break-before: avoid; }
  article { border-color: #bbb; }
  footer { break-before: avoid; }
  @page { margin: 18mm 16mm; }
}
"#;

fn room_heading(room: &HarvestRoom, n: usize, lang: Lang) -> String {
    let hosts = if room.hosts.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = room.hosts.iter().map(|h| escape(h)).collect();
        format!(r#"<span class="hosts">{}</span>"#, names.join(", "))
    };
    format!(
        r#"<h3><span>{}</span>{hosts}<span class="count">{}</span></h3>"#,
        escape(&room.room),
        escape(&lang.count_notes(n))
    )
}

/// A room's answers to one question: notes (key takeaways marked), then
/// drafts, marked as not added.
fn list(out: &mut Vec<u8>, h: &Harvest, room: &HarvestRoom, q: usize, lang: Lang) {
    let star = format!(
        r#"<li class="star"><span class="mark" title="{}">★</span> "#,
        escape(lang.t().doc_key_takeaway)
    );
    out.extend_from_slice(b"<ul>\n");
    for n in h.notes_of(room, q) {
        if n.star() {
            out.extend_from_slice(star.as_bytes());
        } else {
            out.extend_from_slice(b"<li>");
        }
        escape_into(out, n.text());
        out.extend_from_slice(b"</li>\n");
    }
    for d in room.drafts_of(q) {
        out.extend_from_slice(
            format!(
                r#"<li class="draft"><span class="tag">{}</span> {}</li>"#,
                escape(lang.t().doc_draft),
                escape(&d.text)
            )
            .as_bytes(),
        );
        out.push(b'\n');
    }
    out.extend_from_slice(b"</ul>\n");
}

/// The document in pieces: what is written as it comes, and the rooms'
/// answers, rendered side by side when the document is written.
#[derive(Default)]
struct Pieces<'h> {
    done: Vec<Piece<'h>>,
    open: Vec<u8>,
}

enum Piece<'h> {
    Fixed(Vec<u8>),
    /// A room's answers to a question.
    List(&'h HarvestRoom, usize),
}

impl<'h> Pieces<'h> {
    fn list(&mut self, room: &'h HarvestRoom, q: usize) {
        self.done.push(Piece::Fixed(std::mem::take(&mut self.open)));
        self.done.push(Piece::List(room, q));
    }

    fn finish(mut self) -> Vec<Piece<'h>> {
        self.done.push(Piece::Fixed(self.open));
        self.done
    }
}

impl Write for Pieces<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.open.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// "5 notes" (and drafts), for a count line.
fn counted(notes: usize, drafts: usize, lang: Lang) -> String {
    match drafts {
        0 => lang.count_notes(notes),
        d => format!("{} · {}", lang.count_notes(notes), lang.count_drafts(d)),
    }
}

pub fn write(h: &Harvest, by: By, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut doc = Pieces::default();
    layout(h, by, lang, &mut doc)?;
    write_in_order(&doc.finish(), out, |piece, b| {
        match piece {
            Piece::Fixed(fixed) => b.extend_from_slice(fixed),
            Piece::List(room, q) => list(b, h, room, *q, lang),
        }
        Ok(())
    })
}

/// The document, with a piece for each room's answers to a question.
fn layout<'h>(h: &'h Harvest, by: By, lang: Lang, out: &mut Pieces<'h>) -> std::io::Result<()> {
    let t = lang.t();
    let title = title(h, lang);
    let lang_code = t.lang_code;
    writeln!(out, "<!doctype html>")?;
    writeln!(out, r#"<html lang="{lang_code}">"#)?;
    writeln!(out, r#"<head><meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, r#"<meta name="generator" content="oogst">"#)?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>{STYLE}</style></head>")?;
    writeln!(out, r#"<body><div class="page">"#)?;

    let meta: Vec<String> = meta(h, lang, true)
        .iter()
        .map(|m| format!("<span>{}</span>", escape(m)))
        .collect();
    writeln!(
        out,
        r#"<header><p class="kicker">{}</p><h1>{}</h1><p class="meta">{}</p></header>"#,
        escape(t.doc_harvest),
        escape(&title),
        meta.join("")
    )?;

    // Anchors: `q3`, `r3` (a room) with one round; `r2-q3` with several.
    let several = h.rounds.len() > 1;
    let anchor = |round: usize, kind: char, n: usize| {
        if several {
            format!("r{}-{kind}{n}", round + 1)
        } else {
            format!("{kind}{n}")
        }
    };

    // Contents: the parts, with their counts (grouped by round).
    writeln!(out, "<nav><h2>{}</h2>", escape(t.doc_contents))?;
    for (ri, round) in h.rounds.iter().enumerate() {
        if several {
            writeln!(out, "<h3>{}</h3>", escape(&round_name(round, lang)))?;
        }
        let parts: Vec<(String, String, String)> = match by {
            By::Question => round
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let drafts = round.rooms.iter().map(|r| r.drafts_of(i + 1).count()).sum();
                    (
                        anchor(ri, 'q', i + 1),
                        q.clone(),
                        counted(round.count_of(i + 1), drafts, lang),
                    )
                })
                .collect(),
            By::Room => round
                .rooms
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    (
                        anchor(ri, 'r', i + 1),
                        r.room.to_string(),
                        counted(r.note_count(), r.drafts.len(), lang),
                    )
                })
                .collect(),
        };
        writeln!(out, "<ol>")?;
        for (anchor, label, n) in &parts {
            writeln!(
                out,
                r##"<li><a href="#{anchor}">{}</a> <span class="count">({})</span></li>"##,
                escape(label),
                escape(n)
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</nav><main>")?;

    for (ri, round) in h.rounds.iter().enumerate() {
        if several {
            writeln!(
                out,
                r#"<h2 class="round" id="r{}">{}</h2>"#,
                ri + 1,
                escape(&round_name(round, lang))
            )?;
        }
        match by {
            By::Question => {
                for (i, q) in round.questions.iter().enumerate() {
                    let n = i + 1;
                    let rooms: Vec<&HarvestRoom> =
                        round.rooms.iter().filter(|r| r.has(n)).collect();
                    let count = round.count_of(n);
                    let drafts: usize = rooms.iter().map(|r| r.drafts_of(n).count()).sum();
                    writeln!(out, r#"<section class="part" id="{}">"#, anchor(ri, 'q', n))?;
                    writeln!(
                        out,
                        r#"<h2><span class="num">{n}</span><span>{}</span></h2>"#,
                        escape(q)
                    )?;
                    let from = fill(
                        t.doc_from_rooms,
                        &[("rooms", &lang.count_rooms(rooms.len()))],
                    );
                    writeln!(
                        out,
                        r#"<p class="count">{} {}</p>"#,
                        escape(&counted(count, drafts, lang)),
                        escape(&from)
                    )?;
                    for room in rooms {
                        writeln!(
                            out,
                            "<article>{}",
                            room_heading(room, room.count_of(n), lang)
                        )?;
                        out.list(room, n);
                        writeln!(out, "</article>")?;
                    }
                    if count + drafts == 0 {
                        writeln!(out, r#"<p class="empty">{}</p>"#, escape(t.doc_no_notes))?;
                    }
                    writeln!(out, "</section>")?;
                }
            }
            By::Room => {
                for (i, room) in round.rooms.iter().enumerate() {
                    writeln!(
                        out,
                        r#"<section class="part" id="{}">"#,
                        anchor(ri, 'r', i + 1)
                    )?;
                    let hosts: Vec<String> = room.hosts.iter().map(|h| escape(h)).collect();
                    writeln!(
                        out,
                        r#"<h2><span class="num">{}</span><span>{} <span class="hosts">{}</span></span></h2>"#,
                        i + 1,
                        escape(&room.room),
                        hosts.join(", ")
                    )?;
                    writeln!(
                        out,
                        r#"<p class="count">{}</p>"#,
                        escape(&counted(room.note_count(), room.drafts.len(), lang))
                    )?;
                    for (qi, q) in round.questions.iter().enumerate() {
                        let n = qi + 1;
                        if !room.has(n) {
                            continue;
                        }
                        writeln!(
                            out,
                            r#"<article><h3><span>{n}. {}</span><span class="count">{}</span></h3>"#,
                            escape(q),
                            escape(&lang.count_notes(room.count_of(n)))
                        )?;
                        out.list(room, n);
                        writeln!(out, "</article>")?;
                    }
                    if room.note_count() == 0 && room.drafts.is_empty() {
                        writeln!(out, r#"<p class="empty">{}</p>"#, escape(t.doc_no_notes))?;
                    }
                    writeln!(out, "</section>")?;
                }
            }
        }
    }
    let made = fill(t.doc_made_with, &[("n", &h.sources.len().to_string())]);
    writeln!(out, "</main><footer>{}</footer>", escape(&made))?;
    writeln!(out, "</div></body></html>")
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_into};

    #[test]
    fn text_written_as_it_is_is_what_escape_makes_of_it() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}b")] {
                let mut fast = Vec::new();
                escape_into(&mut fast, &s);
                assert_eq!(String::from_utf8(fast).unwrap(), escape(&s), "{c:?}");
            }
        }
    }

    #[test]
    fn everything_typed_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\nb"), "a<br>b");
        assert_eq!(escape("\u{1b}]0;x\u{7}"), "␛]0;x␇");
    }
}
