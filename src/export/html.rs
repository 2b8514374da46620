//! The harvest as one self-contained web page: inline CSS, no external
//! assets, readable on a phone, printable to PDF with a page per
//! question. All text is escaped.

use std::io::Write;

use super::{By, count_notes, count_rooms, title};
use crate::i18n::{Lang, fill};
use crate::merge::{Harvest, HarvestRoom};
use crate::text;

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
  section.part { break-before: page; }
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
        escape(&count_notes(n, lang))
    )
}

fn list(out: &mut dyn Write, texts: &mut dyn Iterator<Item = &str>) -> std::io::Result<()> {
    writeln!(out, "<ul>")?;
    for t in texts {
        writeln!(out, "<li>{}</li>", escape(t))?;
    }
    writeln!(out, "</ul>")
}

pub fn write(h: &Harvest, by: By, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let t = lang.t();
    let title = title(h, lang);
    let lang_code = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
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

    let hosts: usize = h.rooms.iter().map(|r| r.hosts.len()).sum();
    let mut meta = Vec::new();
    if let Some(d) = h.date {
        meta.push(lang.date(d));
    }
    meta.push(count_rooms(h.rooms.len(), lang));
    meta.push(super::count_hosts(hosts, lang));
    meta.push(count_notes(h.note_count(), lang));
    let meta: Vec<String> = meta
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

    // Contents: the parts, with their counts.
    let parts: Vec<(String, String, usize)> = match by {
        By::Question => h
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let n: usize = h.rooms.iter().map(|r| r.count_of(i + 1)).sum();
                (format!("q{}", i + 1), q.clone(), n)
            })
            .collect(),
        By::Room => h
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("r{}", i + 1), r.room.to_string(), r.note_count()))
            .collect(),
    };
    writeln!(out, "<nav><h2>{}</h2><ol>", escape(t.doc_contents))?;
    for (anchor, label, n) in &parts {
        writeln!(
            out,
            r##"<li><a href="#{anchor}">{}</a> <span class="count">({})</span></li>"##,
            escape(label),
            escape(&count_notes(*n, lang))
        )?;
    }
    writeln!(out, "</ol></nav><main>")?;

    match by {
        By::Question => {
            for (i, q) in h.questions.iter().enumerate() {
                let n = i + 1;
                let rooms: Vec<&HarvestRoom> =
                    h.rooms.iter().filter(|r| r.count_of(n) > 0).collect();
                let count: usize = rooms.iter().map(|r| r.count_of(n)).sum();
                writeln!(out, r#"<section class="part" id="q{n}">"#)?;
                writeln!(
                    out,
                    r#"<h2><span class="num">{n}</span><span>{}</span></h2>"#,
                    escape(q)
                )?;
                let from = fill(
                    t.doc_from_rooms,
                    &[("rooms", &count_rooms(rooms.len(), lang))],
                );
                writeln!(
                    out,
                    r#"<p class="count">{} {}</p>"#,
                    escape(&count_notes(count, lang)),
                    escape(&from)
                )?;
                for room in rooms {
                    writeln!(
                        out,
                        "<article>{}",
                        room_heading(room, room.count_of(n), lang)
                    )?;
                    list(out, &mut h.notes_of(room, n).map(|n| n.text()))?;
                    writeln!(out, "</article>")?;
                }
                if count == 0 {
                    writeln!(out, r#"<p class="empty">{}</p>"#, escape(t.doc_no_notes))?;
                }
                writeln!(out, "</section>")?;
            }
        }
        By::Room => {
            for (i, room) in h.rooms.iter().enumerate() {
                writeln!(out, r#"<section class="part" id="r{}">"#, i + 1)?;
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
                    escape(&count_notes(room.note_count(), lang))
                )?;
                for (qi, q) in h.questions.iter().enumerate() {
                    let n = qi + 1;
                    let k = room.count_of(n);
                    if k == 0 {
                        continue;
                    }
                    writeln!(
                        out,
                        r#"<article><h3><span>{n}. {}</span><span class="count">{}</span></h3>"#,
                        escape(q),
                        escape(&count_notes(k, lang))
                    )?;
                    list(out, &mut h.notes_of(room, n).map(|n| n.text()))?;
                    writeln!(out, "</article>")?;
                }
                if room.note_count() == 0 {
                    writeln!(out, r#"<p class="empty">{}</p>"#, escape(t.doc_no_notes))?;
                }
                writeln!(out, "</section>")?;
            }
        }
    }
    let made = fill(t.doc_made_with, &[("n", &h.sources.len().to_string())]);
    writeln!(out, "</main><footer>{}</footer>", escape(&made))?;
    writeln!(out, "</div></body></html>")
}

#[cfg(test)]
mod tests {
    use super::escape;

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
