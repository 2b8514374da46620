//! The `oogst-harvest` document of the spec.
//!
//! Besides what JSON must escape, C1 controls, bidi controls and line
//! separators are written as `\uXXXX`: the same data, but nothing a
//! terminal would act on when the harvest goes to one.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::merge::Harvest;

pub fn write(h: &Harvest, out: &mut dyn Write) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    h.serialize(&mut ser)?;
    out.write_all(b"\n")
}

/// Whether `c` is written escaped although JSON allows it raw.
fn escaped(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}') || crate::text::is_bidi_control(c)
}

/// serde_json's pretty layout, with the extra escapes.
#[derive(Default)]
pub struct SafeFormatter<'a> {
    pretty: PrettyFormatter<'a>,
}

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character escaped here is two or three bytes starting
        // 0xC2, 0xD8 or 0xE2: most text has none and is written whole.
        if !fragment.bytes().any(|b| matches!(b, 0xc2 | 0xd8 | 0xe2)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_escaped_and_the_data_is_the_same() {
        let s = "a\u{1b}[2J\u{9b}31m\u{202e}b\u{2028}é 🤝";
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter::default());
        s.serialize(&mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#""a\u001b[2J\u009b31m\u202eb\u2028é 🤝""#);
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), s);
    }
}
