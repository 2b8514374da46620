//! `assets/programme.schema.json` against the demo programme, against
//! invalid programmes, and against oogst's own parser: what the schema
//! rejects, `Programme::parse` rejects too.

use std::path::PathBuf;

use oogst::programme::{BlockKind, DEMO_JSON, Programme};
use serde_json::{Value, json};

fn asset(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn schema() -> Value {
    let text = std::fs::read_to_string(asset("programme.schema.json")).expect("schema is readable");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("schema compiles")
}

fn demo() -> Value {
    serde_json::from_str(DEMO_JSON).unwrap()
}

/// The schema's error messages for `instance`, with their instance paths.
fn schema_errors(instance: &Value) -> Vec<String> {
    validator()
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// A one-block programme with the given block.
fn with_block(block: Value) -> Value {
    json!({
        "format": "oogst-programme",
        "version": 1,
        "id": "t",
        "title": "T",
        "blocks": [block]
    })
}

/// Invalid programmes, each with a name for failure messages and the
/// instance path the schema should complain about.
fn invalid_programmes() -> Vec<(&'static str, Value, &'static str)> {
    let mut cases = Vec::new();

    let mut v = demo();
    v["blocks"][1]["kind"] = json!("lunch");
    cases.push(("unknown kind", v, "/blocks/1/kind"));

    let mut v = demo();
    v["blocks"][0]["start"] = json!("25:00");
    cases.push(("start 25:00", v, "/blocks/0/start"));

    let mut v = demo();
    v["blocks"][4]["start"] = json!("25:00");
    cases.push(("start 25:00 in the last block", v, "/blocks/4/start"));

    let mut v = demo();
    v["blocks"][0]["end"] = json!("24:01");
    cases.push(("end 24:01", v, "/blocks/0/end"));

    let mut v = demo();
    v["blocks"][0]["start"] = json!("9.45");
    cases.push(("start 9.45", v, "/blocks/0/start"));

    let mut v = demo();
    v["blocks"][4].as_object_mut().unwrap().remove("questions");
    cases.push(("breakout without questions", v, "/blocks/4"));

    let mut v = demo();
    v["blocks"][4].as_object_mut().unwrap().remove("rooms");
    cases.push(("breakout without rooms", v, "/blocks/4"));

    let mut v = demo();
    v["blocks"][4]["questions"] = json!([]);
    cases.push(("breakout with no questions", v, "/blocks/4/questions"));

    let mut v = demo();
    v["blocks"][4]["rooms"] = json!([]);
    cases.push(("breakout with no rooms", v, "/blocks/4/rooms"));

    let mut v = demo();
    v["blocks"][2].as_object_mut().unwrap().remove("minutes");
    cases.push(("neither minutes nor end", v, "/blocks/2"));

    let mut v = demo();
    v.as_object_mut().unwrap().remove("format");
    cases.push(("missing format", v, ""));

    let mut v = demo();
    v["format"] = json!("oogst-room");
    cases.push(("another format", v, "/format"));

    let mut v = demo();
    v["blocks"] = json!([]);
    cases.push(("empty blocks", v, "/blocks"));

    let mut v = demo();
    v["version"] = json!(2);
    cases.push(("newer version", v, "/version"));

    let mut v = demo();
    v["id"] = json!("../etc");
    cases.push(("id that cannot name a folder", v, "/id"));

    let mut v = demo();
    v["title"] = json!("");
    cases.push(("empty title", v, "/title"));

    let mut v = demo();
    v["date"] = json!("21-01-2021");
    cases.push(("date not YYYY-MM-DD", v, "/date"));

    let mut v = demo();
    v["blocks"][1]["minutes"] = json!("tien");
    cases.push(("minutes a string", v, "/blocks/1/minutes"));

    let mut v = demo();
    v["blocks"][1]["minutes"] = json!(0);
    cases.push(("zero minutes", v, "/blocks/1/minutes"));

    let mut v = demo();
    v["blocks"][1]["minutes"] = json!(2000);
    cases.push(("more than a day", v, "/blocks/1/minutes"));

    let mut v = demo();
    v["blocks"][0].as_object_mut().unwrap().remove("start");
    cases.push(("first block without start", v, "/blocks/0"));

    let mut v = demo();
    v["blocks"][4]["rooms"] = json!(["Kamer 1", "Kamer 1"]);
    cases.push(("room listed twice", v, "/blocks/4/rooms"));

    let mut v = demo();
    v["blocks"][4]["questions"][1] = json!("");
    cases.push(("empty question", v, "/blocks/4/questions/1"));

    cases.push((
        "block without title",
        with_block(json!({"kind": "plenary", "start": "10:00", "minutes": 5})),
        "/blocks/0",
    ));

    cases
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("schema does not satisfy its meta-schema: {e}");
    }
    assert!(schema["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(
        schema["description"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
}

#[test]
fn the_demo_programme_is_valid() {
    let errors = schema_errors(&demo());
    assert!(errors.is_empty(), "{errors:#?}");
    // And the file on disk is the one oogst builds in.
    let on_disk = std::fs::read_to_string(asset("programme.json")).unwrap();
    assert_eq!(on_disk, DEMO_JSON);
}

#[test]
fn valid_variants_are_accepted_by_schema_and_parser() {
    let mut unknown_fields = demo();
    unknown_fields["venue"] = json!("Teams");
    unknown_fields["blocks"][0]["colour"] = json!("red");
    unknown_fields["$schema"] = json!("./programme.schema.json");
    let mut no_date = demo();
    no_date.as_object_mut().unwrap().remove("date");
    let cases = [
        ("unknown fields", unknown_fields),
        ("no date", no_date),
        (
            "end only",
            with_block(json!({"kind": "closing", "title": "A", "start": "23:00", "end": "24:00"})),
        ),
        (
            "minutes and end that agree",
            with_block(
                json!({"kind": "break", "title": "A", "start": "00:00", "end": "00:30", "minutes": 30}),
            ),
        ),
        (
            "a gap between blocks",
            json!({
                "format": "oogst-programme", "version": 1, "id": "_x.y-z", "title": "T",
                "blocks": [
                    {"kind": "plenary", "title": "A", "start": "10:00", "minutes": 30},
                    {"kind": "case", "title": "B", "start": "10:45", "minutes": 10},
                    {"kind": "closing", "title": "C", "minutes": 5}
                ]
            }),
        ),
        (
            "a skipped block",
            json!({
                "format": "oogst-programme", "version": 1, "id": "s", "title": "T",
                "blocks": [
                    {"kind": "plenary", "title": "A", "start": "10:00", "minutes": 30, "skip": true},
                    {"kind": "case", "title": "B", "minutes": 10}
                ]
            }),
        ),
    ];
    let v = validator();
    for (name, instance) in cases {
        let errors: Vec<String> = v.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: schema rejects it: {errors:#?}");
        if let Err(e) = Programme::parse(&instance.to_string(), "p.json") {
            panic!(
                "{name}: oogst rejects it: {}",
                oogst::i18n::Lang::En.file_error(&e)
            );
        }
    }
}

#[test]
fn invalid_programmes_are_rejected_by_the_schema() {
    let v = validator();
    for (name, instance, path) in invalid_programmes() {
        assert!(!v.is_valid(&instance), "{name}: the schema accepts it");
        let paths: Vec<String> = v
            .iter_errors(&instance)
            .map(|e| e.instance_path().to_string())
            .collect();
        assert!(
            paths.iter().any(|p| p == path),
            "{name}: expected an error at {path:?}, got {:#?}",
            schema_errors(&instance)
        );
    }
}

#[test]
fn what_the_schema_rejects_the_parser_rejects_too() {
    for (name, instance, _) in invalid_programmes() {
        let text = serde_json::to_string_pretty(&instance).unwrap();
        assert!(
            Programme::parse(&text, "p.json").is_err(),
            "{name}: the schema rejects it but oogst accepts it"
        );
    }
}

#[test]
fn schema_kinds_are_oogsts_kinds_in_order() {
    let schema = schema();
    let kind = &schema["$defs"]["block"]["properties"]["kind"];
    let names: Vec<&str> = kind["enum"]
        .as_array()
        .expect("kind has an enum")
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    // The English names, then the Dutch ones a programme may use.
    let ours: Vec<&str> = BlockKind::ALL
        .iter()
        .map(|k| k.name())
        .chain(BlockKind::ALL.iter().map(|k| k.dutch_name()))
        .collect();
    assert_eq!(names, ours);
    let descriptions = kind["enumDescriptions"].as_array().unwrap();
    assert_eq!(descriptions.len(), names.len(), "one description per kind");
    assert!(
        descriptions
            .iter()
            .all(|d| d.as_str().is_some_and(|d| !d.is_empty()))
    );
}

/// Every property, at every level, has a description and examples, so an
/// editor can explain and complete it.
#[test]
fn every_property_is_described_with_examples() {
    fn walk(node: &Value, at: &str, missing: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (name, prop) in props {
                        let here = format!("{at}/properties/{name}");
                        // `then` only narrows properties described elsewhere.
                        if !at.ends_with("/then") {
                            for key in ["description", "examples"] {
                                if prop.get(key).is_none() {
                                    missing.push(format!("{here}: no {key}"));
                                }
                            }
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"), missing);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), missing);
                }
            }
            _ => {}
        }
    }
    let mut missing = Vec::new();
    walk(&schema(), "#", &mut missing);
    // Skip the `if` clause too: it tests a value, it describes nothing.
    missing.retain(|m| !m.contains("/if/"));
    assert!(missing.is_empty(), "{missing:#?}");
}

/// The examples an editor offers are themselves valid.
#[test]
fn every_example_is_valid_for_its_property() {
    fn walk(node: &Value, at: &str, defs: &Value, bad: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Array(examples)) = map.get("examples") {
                    let mut sub = node.clone();
                    sub["$defs"] = defs.clone();
                    let v = jsonschema::draft202012::new(&sub)
                        .unwrap_or_else(|e| panic!("{at}: does not compile: {e}"));
                    for example in examples {
                        if !v.is_valid(example) {
                            bad.push(format!("{at}: {example}"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"), defs, bad);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), defs, bad);
                }
            }
            _ => {}
        }
    }
    let schema = schema();
    let mut bad = Vec::new();
    walk(&schema, "#", &schema["$defs"], &mut bad);
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The templates of `oogst init --template` are valid by the schema too.
#[test]
fn the_templates_pass_the_schema() {
    for t in &oogst::templates::TEMPLATES {
        let text = t.text(jiff::civil::date(2026, 11, 30));
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(schema_errors(&value), Vec::<String>::new(), "{}", t.name);
    }
}
