//! Text as the terminal may see it.
//!
//! Anything typed or read from a file may hold control characters or escape
//! sequences. Stored text stays faithful; only what goes to the screen is
//! made safe here, and measured by display width (wide characters, emoji).

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Bidi controls that could reorder what surrounds them on screen.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// What a character becomes on screen: `None` keeps it as it is.
fn screen_form(c: char, keep_newline: bool) -> Option<Option<char>> {
    match c {
        '\n' if keep_newline => None,
        '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(Some(' ')),
        // C0 controls become their visible "control picture" (ESC → ␛).
        '\u{0}'..='\u{1f}' => Some(char::from_u32(0x2400 + c as u32)),
        '\u{7f}' => Some(Some('␡')),
        // C1 controls have no pictures: show the replacement character.
        '\u{80}'..='\u{9f}' => Some(Some('\u{FFFD}')),
        c if is_bidi_control(c) => Some(None),
        _ => None,
    }
}

/// Whether `s` may hold something [`screen_form`] changes, judged on its
/// bytes: a C0 control or DEL, a C1 control (`C2 80`–`C2 9F`), or one of
/// the few three-byte and two-byte sequences of the bidi controls and line
/// separators. Most text has none, and is passed on untouched.
fn may_need_sanitizing(s: &str, keep_newline: bool) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'\n' => !keep_newline,
        0..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xd8 => b.get(i + 1) == Some(&0x9c),
        0xe2 => b.get(i + 1).is_some_and(|n| *n == 0x80 || *n == 0x81),
        _ => false,
    })
}

fn sanitize_with(s: &str, keep_newline: bool) -> Cow<'_, str> {
    if !may_need_sanitizing(s, keep_newline)
        || !s.chars().any(|c| screen_form(c, keep_newline).is_some())
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match screen_form(c, keep_newline) {
            None => out.push(c),
            Some(Some(r)) => out.push(r),
            Some(None) => {}
        }
    }
    Cow::Owned(out)
}

/// One line of text made safe for the screen: every C0/C1 control shown as
/// a visible picture (line breaks and tabs as spaces), bidi controls removed.
pub fn one_line(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

/// Like [`one_line`], but keeps line breaks for multi-line text.
pub fn multi_line(s: &str) -> Cow<'_, str> {
    sanitize_with(s, true)
}

/// Text echoed in a message on stderr or stdout (a file name, an id, a
/// value from a file): every C0 control in caret form (`^[`, `^J`), DEL
/// as `^?`, every C1 control as `\u{9b}`, bidi controls removed.
pub fn for_message(s: &str) -> Cow<'_, str> {
    message_with(s, false)
}

/// [`for_message`] for a whole message of several lines: its line
/// breaks are kept.
pub fn message_lines(s: &str) -> Cow<'_, str> {
    message_with(s, true)
}

fn message_with(s: &str, keep_newline: bool) -> Cow<'_, str> {
    let changes = |c: char| (c.is_control() && !(keep_newline && c == '\n')) || is_bidi_control(c);
    if !may_need_sanitizing(s, keep_newline) || !s.chars().any(changes) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if keep_newline => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            '\u{7f}' => out.push_str("^?"),
            '\u{80}'..='\u{9f}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The bytes a writer copies as they are: any but the C0 controls
/// (below 0x20) and its own `specials` (the bytes it must look at again:
/// what it escapes, and the lead bytes of the characters that
/// [`multi_line`] changes or drops).
pub struct Plain<const N: usize> {
    // Read by the SSE2 path only (x86-64); elsewhere the table does it all.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    specials: [u8; N],
    table: [bool; 256],
}

impl<const N: usize> Plain<N> {
    pub const fn new(specials: [u8; N]) -> Plain<N> {
        let mut table = [true; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = false;
            b += 1;
        }
        let mut i = 0;
        while i < N {
            table[specials[i] as usize] = false;
            i += 1;
        }
        Plain { specials, table }
    }

    /// Whether every byte of `s` is plain: sixteen at a time (see
    /// [`Plain::hits`]), a short text byte by byte.
    #[inline]
    pub fn all(&self, s: &[u8]) -> bool {
        if s.len() < 16 {
            return s.iter().all(|&b| self.table[usize::from(b)]);
        }
        let mut chunks = s.as_chunks::<16>().0.iter();
        if chunks.any(|c| self.hits(c)) {
            return false;
        }
        // The last bytes, in the last sixteen (some looked at again).
        s.len().is_multiple_of(16) || !s.last_chunk::<16>().is_some_and(|c| self.hits(c))
    }

    /// Whether `chunk` holds a byte that is not plain: every byte
    /// compared with every special, each lane apart until one reduction
    /// at the end, which the compiler makes SIMD compares of (SSE2 on
    /// x86-64) from safe code.
    #[inline(always)]
    fn hits(&self, chunk: &[u8; 16]) -> bool {
        let mut lanes = [0u8; 16];
        for (lane, &b) in lanes.iter_mut().zip(chunk) {
            // b ≤ 0x1F: a C0 control.
            let mut hit = u8::from(b < 0x20);
            for &special in &self.specials {
                hit |= u8::from(b == special);
            }
            *lane = hit;
        }
        lanes.iter().fold(0, |any, &lane| any | lane) != 0
    }
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending in `…` when something was cut.
/// Never splits a wide character in half.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` padded with spaces (or cut) to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let cut = truncate(s, cols);
    let pad = cols.saturating_sub(width(&cut));
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// Whether `s` holds any character that [`multi_line`] would change.
pub fn has_controls(s: &str) -> bool {
    s.chars().any(|c| screen_form(c, true).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_bytes_are_found_at_any_length_and_place() {
        const PLAIN: Plain<4> = Plain::new(*b"\x7f\xc2\"#");
        let plain = |b: &[u8]| b.iter().all(|&c| c >= 0x20 && !b"\x7f\xc2\"#".contains(&c));
        for len in 0..48 {
            assert!(PLAIN.all(&vec![b'a'; len]));
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = vec![b'a'; len];
                    b[at] = c;
                    assert_eq!(PLAIN.all(&b), plain(&b), "{c:#x} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn escape_sequences_become_visible() {
        let s = "a\u{1b}[2Jb\u{7}c";
        assert_eq!(one_line(s), "a␛[2Jb␇c");
        assert!(!one_line(s).contains('\u{1b}'));
    }

    #[test]
    fn c1_and_bidi_controls_are_neutralised() {
        assert_eq!(one_line("x\u{9b}31my"), "x\u{FFFD}31my");
        assert_eq!(one_line("ab\u{202E}cd\u{2066}e\u{200F}"), "abcde");
    }

    #[test]
    fn newlines_depend_on_context() {
        assert_eq!(one_line("a\nb\tc\r"), "a b c ");
        assert_eq!(multi_line("a\nb\rc"), "a\nb c");
    }

    #[test]
    fn the_byte_scan_misses_nothing() {
        // Every character the screen changes is caught by the byte scan.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            for keep in [true, false] {
                if screen_form(c, keep).is_some() {
                    assert!(may_need_sanitizing(&s, keep), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn messages_show_controls_in_caret_form() {
        assert_eq!(for_message("a\u{1b}[2Jb"), "a^[[2Jb");
        assert_eq!(for_message("x\u{9b}31m\u{7f}"), "x\\u{9b}31m^?");
        assert_eq!(for_message("r\nn\u{202E}"), "r^Jn");
        assert_eq!(message_lines("een\ntwee\u{7}"), "een\ntwee^G");
        assert!(matches!(for_message("Kamer 1 ☕"), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            one_line("Gebiedsgericht werken 👍 مرحبا"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(width(&truncate("日本語テキスト", 5)), 5);
        assert_eq!(truncate("kort", 10), "kort");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abcdef", 1), "…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("日本語", 4), "日… ");
    }
}
