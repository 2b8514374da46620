//! The fast writers against the simple ones, on random harvests: rounds
//! with and without a block or title, rooms with and without hosts,
//! notes and drafts, and hostile text everywhere (quotes, backslashes,
//! C0, C1 and bidi controls, line separators, markup, formulas, emoji).

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::merge::{Harvest, Inputs, Options, merge};
use crate::programme::Programme;

const PROGRAMME: &str = r#"{
  "format": "oogst-programme", "version": 1, "id": "s", "title": "Sessie \"één\" <b>", "date": "2021-01-21",
  "blocks": [
    {"id": "r1", "kind": "breakout", "title": "Ronde 1", "start": "10:00", "minutes": 30,
     "rooms": ["Kamer 1", "Kamer 2"], "questions": ["Q1", "=Q2"]}
  ]
}"#;

/// Text of characters that every format treats in its own way.
fn hostile() -> impl Strategy<Value = String> {
    let chars = vec![
        'a', 'b', ' ', 'é', '"', '\'', '\\', '\n', '\r', '\t', '\u{0}', '\u{1}', '\u{8}', '\u{c}',
        '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{a0}', '\u{200b}', '\u{200e}', '\u{202e}',
        '\u{2028}', '\u{2029}', '\u{2066}', '\u{61c}', '\u{feff}', '🤝', '<', '>', '&', '=', '+',
        '-', '@', '#', '*', '_', '[', ']', '|', '`', '~', '1', '.', ')', ',', ';',
    ];
    prop_oneof![
        prop::collection::vec(prop::sample::select(chars), 0..10).prop_map(String::from_iter),
        "\\PC{0,12}",
    ]
}

fn note() -> impl Strategy<Value = Value> {
    (
        0u8..40,
        1usize..4,
        hostile(),
        prop::option::of(hostile()),
        (0u8..60, 0u8..3),
        any::<bool>(),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(id, question, text, by, (second, form), star, deleted)| {
            let at = match form {
                0 => format!("2021-01-21T10:00:{second:02}Z"),
                1 => format!("2021-01-21T11:00:{second:02}.250+01:00"),
                _ => format!("2021-01-21T10:{second:02}:00Z"),
            };
            let mut n = json!({
                "id": format!("ID-{id:03}"), "question": question, "text": text,
                "created": at, "updated": at, "star": star, "deleted": deleted,
            });
            if let Some(by) = by {
                n["by"] = by.into();
            }
            n
        })
}

fn room_file() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![Some("r1"), Some("r2"), None]),
        prop_oneof![
            prop::sample::select(vec!["Kamer 1", "Kamer 2", "kámer 2"]).prop_map(String::from),
            hostile(),
        ],
        prop::collection::vec(hostile(), 0..3),
        prop::collection::vec(hostile(), 3..4),
        prop::collection::vec(note(), 0..30),
        prop::option::of((1usize..4, hostile(), hostile())),
    )
        .prop_map(|(block, room, hosts, questions, notes, draft)| {
            let notes: Vec<Value> = notes
                .into_iter()
                .map(|mut n| {
                    n["id"] = format!("w-{}", n["id"].as_str().unwrap_or_default()).into();
                    n
                })
                .collect();
            let mut doc = json!({
                "format": "oogst-room", "session": "s", "room": room, "writer": "w",
                "questions": questions, "notes": notes,
            });
            match block {
                Some(b) => {
                    doc["version"] = 2.into();
                    doc["block"] = b.into();
                    doc["hosts"] = hosts.into();
                }
                None => {
                    doc["version"] = 1.into();
                    doc["host"] = hosts.first().cloned().unwrap_or_default().into();
                }
            }
            if let Some((question, text, aside)) = draft {
                doc["draft"] = json!({"question": question, "text": text, "aside": aside});
            }
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        })
}

/// A random harvest: a few room files, with or without the programme.
pub fn harvests() -> impl Strategy<Value = Harvest> {
    (prop::collection::vec(room_file(), 0..6), any::<bool>()).prop_map(|(files, programme)| {
        let files = files
            .into_iter()
            .enumerate()
            .map(|(i, text)| (format!("f{i}.json"), text))
            .collect();
        let programmes = if programme {
            vec![Programme::parse(PROGRAMME, "programme.json").expect("the programme reads")]
        } else {
            Vec::new()
        };
        let opts = Options {
            keep_going: true,
            ..Options::default()
        };
        let inputs = Inputs::from_texts(files, programmes);
        merge(&inputs, &opts)
            .expect("one session, files that cannot be used skipped")
            .0
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn json_as_serde_writes_it(h in harvests(), per_piece in 1usize..5) {
        let mut reference = Vec::new();
        super::json::write_with_serde(&h, &mut reference).unwrap();
        let reference = String::from_utf8(reference).unwrap();
        let mut fast = Vec::new();
        super::json::write_in_pieces(&h, per_piece, &mut fast).unwrap();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), reference.as_str());
        let mut whole = Vec::new();
        super::json::write(&h, &mut whole).unwrap();
        prop_assert_eq!(String::from_utf8(whole).unwrap(), reference);
    }

    #[test]
    fn csv_as_the_csv_crate_writes_it(h in harvests(), per_piece in 1usize..5) {
        let mut reference = Vec::new();
        super::csv::write_with_csv_crate(&h, &super::csv::HEADER, &mut reference).unwrap();
        let reference = String::from_utf8(reference).unwrap();
        let mut fast = Vec::new();
        super::csv::write_in_pieces(&h, &super::csv::HEADER, per_piece, &mut fast).unwrap();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), reference.as_str());
        let mut whole = Vec::new();
        super::csv::write(&h, &super::csv::HEADER, &mut whole).unwrap();
        prop_assert_eq!(String::from_utf8(whole).unwrap(), reference);
    }
}

#[test]
fn csv_columns_are_named_in_the_interface_language() {
    use crate::i18n::Lang;
    // English: the names scripts have always read.
    assert_eq!(Lang::En.t().csv_columns, super::csv::HEADER);
    let h = merge(
        &Inputs::from_texts(Vec::new(), Vec::new()),
        &Options::default(),
    )
    .unwrap()
    .0;
    let header = |lang: Lang| {
        let mut out = Vec::new();
        super::write(&h, super::Format::Csv, super::By::Question, lang, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert!(header(Lang::En).starts_with("\u{feff}session,room,hosts,question_number,"));
    assert!(header(Lang::Nl).starts_with("\u{feff}sessie,kamer,gespreksleiders,vraagnummer,"));
}
