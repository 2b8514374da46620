//! The merge: files split from the input on 0xFF (a byte UTF-8 never
//! has). It never panics, writes every export, and agrees with `check`:
//! a room file `check` accepts is merged, one it refuses is refused (or
//! skipped by name with `keep_going`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oogst::check::check_text;
use oogst::export::{self, By, Format};
use oogst::i18n::Lang;
use oogst::merge::{Harvest, Inputs, Options, merge};
use oogst::programme::Programme;

fn programme() -> &'static Programme {
    static P: OnceLock<Programme> = OnceLock::new();
    P.get_or_init(|| {
        Programme::parse(
            include_str!("../../tests/fixtures/harvest/programme.json"),
            "programme.json",
        )
        .unwrap()
    })
}

/// What `check` makes of a file, as far as the merge is concerned.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A room file `check` accepts.
    Room,
    /// A room file `check` refuses, or no JSON at all: the merge refuses it.
    Invalid,
    /// Something else (a session file, another format): the merge passes
    /// it over or lists it as skipped.
    Other,
}

fn kind(text: &str) -> Kind {
    let checked = check_text(text, "f.json").inspect(|v| {
        let _ = (Lang::En.verdict(v, "f.json"), Lang::Nl.verdict(v, "f.json"));
    });
    match oogst::files::head(oogst::files::strip_bom(text)) {
        Err(_) => Kind::Invalid,
        Ok(h) if h.format.as_deref() == Some(oogst::room::FORMAT) => match checked {
            Ok(_) => Kind::Room,
            Err(_) => Kind::Invalid,
        },
        Ok(_) => Kind::Other,
    }
}

fn exports(h: &Harvest) {
    for format in [Format::Md, Format::Html, Format::Csv, Format::Json] {
        for (by, lang) in [(By::Question, Lang::Nl), (By::Room, Lang::En)] {
            let mut out = Vec::new();
            export::write(h, format, by, lang, &mut out).expect("an export to memory");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut files: Vec<(String, String)> = Vec::new();
    for (i, piece) in data.split(|b| *b == 0xff).take(8).enumerate() {
        let Ok(text) = std::str::from_utf8(piece) else {
            return;
        };
        files.push((format!("f{i}.json"), text.to_string()));
    }
    let kinds: Vec<Kind> = files.iter().map(|(_, t)| kind(t)).collect();

    // Each file alone: the merge's verdict is check's.
    for ((name, text), k) in files.iter().zip(&kinds) {
        let alone = Inputs::from_texts(vec![(name.clone(), text.clone())], Vec::new());
        let strict = merge(&alone, &Options::default());
        match k {
            Kind::Room => {
                let (h, report) = strict.expect("the merge refuses a room file check accepts");
                // No note lost silently: each is in the harvest, or counted
                // as replaced by a newer copy, or as deleted.
                let read = oogst::room::read(text, name)
                    .expect("check accepts it")
                    .view
                    .notes
                    .len();
                assert_eq!(
                    h.note_count() + report.duplicates + report.tombstones,
                    read,
                    "notes lost: {report:?}"
                );
            }
            Kind::Invalid => {
                assert!(strict.is_err(), "the merge takes a file check refuses");
                let lenient = Options {
                    keep_going: true,
                    ..Options::default()
                };
                let (_, report) =
                    merge(&alone, &lenient).expect("keep_going merges what is left");
                assert!(
                    report.skipped.iter().any(|(n, _)| n == name),
                    "keep_going skips a refused file without naming it"
                );
            }
            Kind::Other => {}
        }
    }

    // All of them, with and without the programme.
    for with_programme in [false, true] {
        let programmes = if with_programme {
            vec![programme().clone()]
        } else {
            Vec::new()
        };
        let inputs = Inputs::from_texts(files.clone(), programmes);
        for keep_going in [false, true] {
            let opts = Options {
                keep_going,
                ..Options::default()
            };
            match merge(&inputs, &opts) {
                Ok((h, report)) => {
                    for ((name, _), k) in files.iter().zip(&kinds) {
                        let skipped = report.skipped.iter().any(|(n, _)| n == name);
                        match k {
                            Kind::Room => assert!(
                                !skipped || report.other_session > 0,
                                "a valid room file skipped"
                            ),
                            Kind::Invalid => assert!(
                                keep_going && skipped,
                                "a refused file merged, or skipped without its name"
                            ),
                            Kind::Other => {}
                        }
                    }
                    if keep_going == with_programme {
                        exports(&h);
                    }
                }
                Err(_) => {
                    // Only a refused file, or files of several sessions, stop it.
                    let rooms = kinds.iter().filter(|k| **k == Kind::Room).count();
                    assert!(
                        (!keep_going && kinds.contains(&Kind::Invalid)) || rooms > 1,
                        "the merge stops without a reason check sees"
                    );
                }
            }
        }
    }
});
