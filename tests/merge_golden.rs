//! Every format of the harvest of a fixed set of files, held against a
//! golden copy: Dutch and English, by question and by room, with hostile
//! text (escape sequences, HTML, Markdown syntax, formula cells, emoji,
//! right-to-left text, a 3,000-character note), stale copies, a conflict
//! copy and a tombstone.

use std::path::PathBuf;

use oogst::export::{self, By, Format};
use oogst::i18n::Lang;
use oogst::merge::{Options, merge, read_inputs};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/harvest")
}

fn render(format: Format, by: By, lang: Lang) -> String {
    // Relative names, so the golden files do not depend on the checkout.
    let dir = fixtures();
    let inputs = read_inputs(std::slice::from_ref(&dir)).unwrap();
    let (h, report) = merge(&inputs, &Options::default()).unwrap();
    assert_eq!(report.files_read, 6);
    assert_eq!(report.duplicates, 10);
    let mut out = Vec::new();
    export::write(&h, format, by, lang, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    // Windows puts `\` between folders (`\\` in JSON): `/` here.
    #[cfg(windows)]
    let text = text.replace("\\\\", "/");
    let dir = dir.display().to_string().replace('\\', "/");
    text.replace(&format!("{dir}/"), "")
}

#[test]
fn markdown_by_question() {
    insta::assert_snapshot!(render(Format::Md, By::Question, Lang::En));
}

#[test]
fn markdown_by_room_in_dutch() {
    insta::assert_snapshot!(render(Format::Md, By::Room, Lang::Nl));
}

#[test]
fn html_by_question_in_dutch() {
    insta::assert_snapshot!(render(Format::Html, By::Question, Lang::Nl));
}

#[test]
fn html_by_room() {
    insta::assert_snapshot!(render(Format::Html, By::Room, Lang::En));
}

#[test]
fn csv() {
    let csv = render(Format::Csv, By::Question, Lang::En);
    assert!(csv.starts_with('\u{feff}'), "a byte order mark for Excel");
    insta::assert_snapshot!(csv);
}

#[test]
fn json() {
    let json = render(Format::Json, By::Question, Lang::En);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "oogst-harvest");
    assert_eq!(v["version"], 2);
    assert_eq!(v["title"], "Community of Practice Gebiedsgericht werken");
    assert_eq!(v["date"], "2021-01-21");
    // Files of version 1 belong to the programme's first breakout.
    assert_eq!(v["rounds"].as_array().unwrap().len(), 1);
    assert_eq!(v["rounds"][0]["block"], "samen-in-gesprek");
    assert_eq!(v["rounds"][0]["title"], "Samen in gesprek");
    let rooms: Vec<&str> = v["rounds"][0]["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["room"].as_str().unwrap())
        .collect();
    assert_eq!(rooms, ["Kamer 1", "Kamer 2", "Kamer 10"]);
    // The draft the host was still typing is in the harvest.
    assert_eq!(
        v["rounds"][0]["rooms"][0]["drafts"],
        serde_json::json!([{"question": 2, "text": "half getypt", "by": "Anna"}])
    );
    insta::assert_snapshot!(json);
}

#[test]
fn nothing_hostile_survives_in_the_documents() {
    for format in [Format::Md, Format::Html, Format::Csv] {
        let out = render(format, By::Question, Lang::En);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{format:?}"
        );
    }
    let html = render(Format::Html, By::Question, Lang::En);
    assert!(!html.contains("<script>alert"), "the note's HTML is text");
    assert!(html.contains("&lt;script&gt;alert(&#39;html&#39;)&lt;/script&gt;"));
    let csv = render(Format::Csv, By::Question, Lang::En);
    for formula in ["'=SUM(A1:A9)", "'+31 6 12345678", "'-teveel regels"] {
        assert!(csv.contains(formula), "{formula}");
    }
    // The JSON keeps the text as typed (escaped as JSON).
    let json = render(Format::Json, By::Question, Lang::En);
    assert!(json.contains("\\u001b]0;pwned\\u0007"));
}
