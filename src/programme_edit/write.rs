//! A draft as a `programme.json` people can read: the fields in a fixed
//! order, a block a line, a breakout's questions one a line (as the
//! templates of `oogst init` are written).

use serde_json::{Map, Value};

use super::{Draft, DraftBlock};

/// A line of rooms longer than this is written a room a line.
const LINE: usize = 100;

/// A JSON string.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn value(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

pub(super) fn programme(d: &Draft) -> String {
    let mut fields: Vec<String> = Vec::new();
    let (first, after): (Vec<_>, Vec<_>) = d.extra.iter().partition(|(k, _)| k.starts_with('$'));
    for (k, v) in first {
        fields.push(format!("{}: {}", q(k), value(v)));
    }
    fields.push(format!("\"format\": {}", q(crate::programme::FORMAT)));
    fields.push(format!("\"version\": {}", crate::programme::VERSION));
    fields.push(format!("\"id\": {}", q(&d.id)));
    fields.push(format!("\"title\": {}", q(&d.title)));
    if !d.date.trim().is_empty() {
        fields.push(format!("\"date\": {}", q(d.date.trim())));
    }
    for (k, v) in after {
        fields.push(format!("{}: {}", q(k), value(v)));
    }
    let blocks = if d.blocks.is_empty() {
        "\"blocks\": []".to_string()
    } else {
        let blocks: Vec<String> = d.blocks.iter().map(block).collect();
        format!("\"blocks\": [\n{}\n  ]", blocks.join(",\n"))
    };
    fields.push(blocks);
    let mut out = String::from("{\n");
    out.push_str(
        &fields
            .iter()
            .map(|f| format!("  {f}"))
            .collect::<Vec<_>>()
            .join(",\n"),
    );
    out.push_str("\n}\n");
    out
}

/// The length as the file has it: whole minutes as a number, a time as
/// an end, anything else as the text typed (which the parser refuses,
/// at this field).
fn length(b: &DraftBlock) -> Option<String> {
    let s = b.length.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        let digits = s.trim_start_matches('0');
        return Some(format!(
            "\"minutes\": {}",
            if digits.is_empty() { "0" } else { digits }
        ));
    }
    if s.contains(':') {
        return Some(format!("\"end\": {}", q(s)));
    }
    Some(format!("\"minutes\": {}", q(s)))
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn block(b: &DraftBlock) -> String {
    let mut fields: Vec<String> = Vec::new();
    if let Some(id) = &b.id {
        fields.push(format!("\"id\": {}", q(id)));
    }
    fields.push(format!("\"kind\": {}", q(b.kind.trim())));
    fields.push(format!("\"title\": {}", q(&b.title)));
    if !b.start.trim().is_empty() {
        fields.push(format!("\"start\": {}", q(b.start.trim())));
    }
    fields.extend(length(b));
    if b.skip {
        fields.push("\"skip\": true".to_string());
    }
    let extra = |fields: &mut Vec<String>, extra: &Map<String, Value>| {
        for (k, v) in extra {
            fields.push(format!("{}: {}", q(k), value(v)));
        }
    };
    if b.rooms.is_empty() && b.questions.is_empty() {
        extra(&mut fields, &b.extra);
        return format!("    {{{}}}", fields.join(", "));
    }
    if !b.rooms.is_empty() {
        let line = format!("\"rooms\": {}", list(&b.rooms));
        if line.len() + 6 <= LINE {
            fields.push(line);
        } else {
            fields.push(format!(
                "\"rooms\": [\n{}\n      ]",
                b.rooms
                    .iter()
                    .map(|r| format!("        {}", q(r)))
                    .collect::<Vec<_>>()
                    .join(",\n")
            ));
        }
    }
    let one = b.questions.len() == 1 && {
        let line = format!("\"questions\": {}", list(&b.questions));
        line.len() + 6 <= LINE
    };
    if one {
        fields.push(format!("\"questions\": {}", list(&b.questions)));
    } else if !b.questions.is_empty() {
        fields.push(format!(
            "\"questions\": [\n{}\n      ]",
            b.questions
                .iter()
                .map(|r| format!("        {}", q(r)))
                .collect::<Vec<_>>()
                .join(",\n")
        ));
    }
    extra(&mut fields, &b.extra);
    format!(
        "    {{\n{}\n    }}",
        fields
            .iter()
            .map(|f| format!("      {f}"))
            .collect::<Vec<_>>()
            .join(",\n")
    )
}
