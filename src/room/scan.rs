//! Room files read by hand, for speed.
//!
//! A large merge spends most of its parsing time in serde's generic field
//! handling. This reader knows the room file's fields and reads them
//! straight from the text, borrowing every string that has no escapes.
//! It is never more lenient than the one reader it speeds up
//! ([`super::classify`]): whatever it does not expect (an escaped key, a
//! duplicate key, a number with a fraction or an exponent, deep nesting,
//! another format or version, anything malformed) makes it give up, and
//! serde_json reads the file instead and has the last word, error
//! messages included. So a file it reads gives the same [`RoomView`]
//! serde_json would.

use std::borrow::Cow;
use std::cell::Cell;

use super::{DraftView, NoteView, RoomView, SeenView, SignalView};

/// The room file in `text` (no byte-order mark) and its version, or
/// `None` to leave it to serde_json.
pub(crate) fn room(text: &str) -> Option<(RoomView<'_>, u64)> {
    let mut s = Scan {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    let room = s.room()?;
    s.ws();
    (s.i == s.b.len()).then_some(room)
}

thread_local! {
    /// Room for the notes of the next file read on this thread: the
    /// allocation of the last one's, handed back by [`recycle`]. (A merge
    /// reads a thousand files on each core; a fresh allocation for each
    /// file's notes costs a page fault every 4 KiB.)
    static SPARE_NOTES: Cell<Vec<NoteView<'static>>> = const { Cell::new(Vec::new()) };
}

/// Keeps the allocation of `notes`, which are done with, for the next
/// file read on this thread.
pub(crate) fn recycle(mut notes: Vec<NoteView<'_>>) {
    notes.clear();
    // An empty vector of notes of another lifetime, in the same
    // allocation (a collect from a vector's own items reuses it; clippy
    // does not see that the filter_map is there for the type).
    #[allow(clippy::unnecessary_filter_map)]
    let empty: Vec<NoteView<'static>> = notes.into_iter().filter_map(|_| None).collect();
    SPARE_NOTES.set(empty);
}

/// How deep an unknown value may nest before serde_json is asked instead
/// (it has a limit of its own, 128).
const DEPTH: usize = 64;

/// Fewer bytes than a note takes in a room file (oogst's pretty form
/// takes about 230; without spaces, with short text, about 120).
const NOTE_BYTES: usize = 100;

struct Scan<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

/// Fills a field once; a second time (a duplicate key) gives up.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Marks (high bit) the bytes of `x` that are `"`, `\` or a control
/// character. A byte above a marked one may be marked wrongly; the lowest
/// mark is always right.
fn specials(x: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    zero(x ^ (ONES * u64::from(b'"')))
        | zero(x ^ (ONES * u64::from(b'\\')))
        | (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)
}

/// How many bytes at the start of `b` are plain string content, eight
/// at a time, in safe code (on room files' short strings nearly as
/// fast as sixteen at a time with SSE2).
fn plain_run(b: &[u8]) -> usize {
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let marks = specials(x);
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b
        .get(i)
        .is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20)
    {
        i += 1;
    }
    i
}

impl<'a> Scan<'a> {
    #[inline]
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// A string's contents as written (between the quotes), and whether
    /// it has escapes.
    fn raw_string(&mut self) -> Option<(usize, usize, bool)> {
        self.eat(b'"')?;
        let start = self.i;
        let mut escaped = false;
        loop {
            self.i += plain_run(&self.b[self.i..]);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some((start, self.i - 1, escaped));
                }
                b'\\' => {
                    escaped = true;
                    match *self.b.get(self.i + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 2,
                        b'u' => {
                            let hex = self.b.get(self.i + 2..self.i + 6)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            self.i += 6;
                        }
                        _ => return None,
                    }
                }
                // A control character, which JSON does not allow in a string.
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        let (start, end, escaped) = self.raw_string()?;
        if !escaped {
            return self.text.get(start..end).map(Cow::Borrowed);
        }
        // Quotes and line breaks in a note: serde_json's own unescaping
        // (surrogate pairs and all).
        let quoted = self.text.get(start - 1..end + 1)?;
        serde_json::from_str::<String>(quoted).ok().map(Cow::Owned)
    }

    /// A key without escapes (one with escapes is left to serde_json).
    fn key(&mut self) -> Option<&'a [u8]> {
        let (start, end, escaped) = self.raw_string()?;
        let key = (!escaped).then(|| &self.b[start..end])?;
        self.eat(b':')?;
        Some(key)
    }

    /// A whole number without sign, fraction or exponent.
    #[inline]
    fn number(&mut self) -> Option<usize> {
        self.ws();
        let start = self.i;
        let mut n: usize = 0;
        while let Some(d) = self.b.get(self.i).filter(|d| d.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(usize::from(d - b'0'))?;
            self.i += 1;
        }
        let digits = self.i - start;
        let leading_zero = digits > 1 && self.b[start] == b'0';
        let more = matches!(self.b.get(self.i), Some(b'.' | b'e' | b'E'));
        (digits > 0 && !leading_zero && !more).then_some(n)
    }

    #[inline]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.ws();
        let found = self.b.get(self.i..self.i + word.len())? == word;
        found.then(|| self.i += word.len())
    }

    #[inline]
    fn bool(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal(b"true").map(|()| true),
            b'f' => self.literal(b"false").map(|()| false),
            _ => None,
        }
    }

    /// The items of a short array (hosts, questions), each read by `item`.
    fn array<T>(&mut self, item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = self.array_into(usize::MAX, Vec::new(), item)?;
        items.shrink_to_fit();
        Some(items)
    }

    /// The items of an array into `items` (emptied; its room used again),
    /// each read by `item`, each taking at least `min_bytes` of the text
    /// (room for them all is made at once).
    fn array_into<T>(
        &mut self,
        min_bytes: usize,
        mut items: Vec<T>,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let most = (self.b.len() - self.i) / min_bytes.max(1);
        items.clear();
        items.reserve(most.min(1 << 16));
        if self.eat(b']').is_some() {
            return Some(items);
        }
        loop {
            items.push(item(self)?);
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                return Some(items);
            }
        }
    }

    /// The notes, read into the room of the last file's on this thread
    /// (see [`recycle`]).
    fn notes(&mut self) -> Option<Vec<NoteView<'a>>> {
        self.array_into(NOTE_BYTES, SPARE_NOTES.take(), Self::note)
    }

    /// The fields of an object, each handed to `field` by its key; it
    /// says whether it knew the key (known keys it reads at most once
    /// itself). An unknown key that comes twice gives up.
    fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &'a [u8]) -> Option<Known>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut unknown: Vec<&'a [u8]> = Vec::new();
        loop {
            let key = self.key()?;
            if field(self, key)? == Known::No {
                if unknown.contains(&key) {
                    return None;
                }
                unknown.push(key);
            }
            if self.eat(b',').is_none() {
                return self.eat(b'}');
            }
        }
    }

    /// An unknown field's value, passed over.
    fn other(&mut self) -> Option<Known> {
        self.skip(DEPTH).map(|()| Known::No)
    }

    /// Any JSON value, checked and passed over (a field oogst does not
    /// know).
    fn skip(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' if depth > 0 => self.object(|s, _| s.skip(depth - 1).map(|()| Known::No)),
            b'[' if depth > 0 => self.array(|s| s.skip(depth - 1)).map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.any_number(),
            _ => None,
        }
    }

    /// A number of JSON's grammar without an exponent,
    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?`, of at most 15 digits (one that
    /// could be out of range is left to serde_json).
    fn any_number(&mut self) -> Option<()> {
        let start = self.i;
        let digits = |s: &mut Self| {
            let start = s.i;
            while s.b.get(s.i).is_some_and(u8::is_ascii_digit) {
                s.i += 1;
            }
            s.i > start
        };
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.b.get(self.i)? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                digits(self);
            }
            _ => return None,
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            digits(self).then_some(())?;
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) || self.i - start > 16 {
            return None;
        }
        Some(())
    }

    /// A string, or `null`.
    fn opt_string(&mut self) -> Option<Option<Cow<'a, str>>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| None),
            _ => self.string().map(Some),
        }
    }

    /// An object read by `read`, or `null`.
    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| None),
            _ => read(self).map(Some),
        }
    }

    /// A note: in oogst's own order of fields quickly, else any order.
    fn note(&mut self) -> Option<NoteView<'a>> {
        let start = self.i;
        if let Some(note) = self.note_in_order() {
            return Some(note);
        }
        self.i = start;
        self.note_any_order()
    }

    /// `"key":` exactly (a key with escapes never matches).
    #[inline(always)]
    fn expect_key(&mut self, key: &[u8]) -> Option<()> {
        self.next_key_is(key).then(|| self.i += key.len() + 2)?;
        self.eat(b':')
    }

    /// Whether `"key"` comes next (without taking it). Always inlined, so
    /// that the key's length is known and the comparison takes a few loads.
    #[inline(always)]
    fn next_key_is(&mut self, key: &[u8]) -> bool {
        self.ws();
        self.b
            .get(self.i..self.i + key.len() + 2)
            .is_some_and(|quoted| {
                quoted[0] == b'"' && &quoted[1..=key.len()] == key && quoted[key.len() + 1] == b'"'
            })
    }

    /// A note whose fields come in the order oogst writes them (`by`
    /// there or not, `deleted` and `star` at the end when true), with no
    /// others: read without looking keys up.
    fn note_in_order(&mut self) -> Option<NoteView<'a>> {
        self.eat(b'{')?;
        self.expect_key(b"id")?;
        let id = self.string()?;
        self.eat(b',')?;
        self.expect_key(b"question")?;
        let question = self.number()?;
        self.eat(b',')?;
        let by = if self.next_key_is(b"by") {
            self.expect_key(b"by")?;
            let by = self.string()?;
            self.eat(b',')?;
            Some(by)
        } else {
            None
        };
        self.expect_key(b"text")?;
        let text = self.string()?;
        self.eat(b',')?;
        self.expect_key(b"created")?;
        let created = self.string()?;
        self.eat(b',')?;
        self.expect_key(b"updated")?;
        let updated = self.string()?;
        let mut deleted = false;
        let mut star = false;
        if self.eat(b',').is_some() {
            if self.next_key_is(b"deleted") {
                self.expect_key(b"deleted")?;
                deleted = self.bool()?;
                if self.eat(b',').is_some() {
                    self.expect_key(b"star")?;
                    star = self.bool()?;
                }
            } else {
                self.expect_key(b"star")?;
                star = self.bool()?;
            }
        }
        self.eat(b'}')?;
        Some(NoteView {
            id,
            question,
            by,
            text,
            created,
            updated,
            deleted,
            star,
        })
    }

    fn note_any_order(&mut self) -> Option<NoteView<'a>> {
        let (mut id, mut question, mut by, mut text) = (None, None, None, None);
        let (mut created, mut updated, mut deleted, mut star) = (None, None, None, None);
        self.object(|s, key| {
            match key {
                b"id" => once(&mut id, s.string()?),
                b"question" => once(&mut question, s.number()?),
                b"by" => once(&mut by, s.opt_string()?),
                b"text" => once(&mut text, s.string()?),
                b"created" => once(&mut created, s.string()?),
                b"updated" => once(&mut updated, s.string()?),
                b"deleted" => once(&mut deleted, s.bool()?),
                b"star" => once(&mut star, s.bool()?),
                _ => return s.other(),
            }
            .map(|()| Known::Yes)
        })?;
        Some(NoteView {
            id: id?,
            question: question?,
            by: by.flatten(),
            text: text?,
            created: created?,
            updated: updated?,
            deleted: deleted.unwrap_or(false),
            star: star.unwrap_or(false),
        })
    }

    fn draft(&mut self) -> Option<DraftView<'a>> {
        let (mut question, mut text, mut editing) = (None, None, None);
        let (mut aside, mut updated) = (None, None);
        self.object(|s, key| {
            match key {
                b"question" => once(&mut question, s.number()?),
                b"text" => once(&mut text, s.string()?),
                b"editing" => once(&mut editing, s.opt_string()?),
                b"aside" => once(&mut aside, s.opt_string()?),
                b"updated" => once(&mut updated, s.opt_string()?),
                _ => return s.other(),
            }
            .map(|()| Known::Yes)
        })?;
        Some(DraftView {
            question: question?,
            text: text.unwrap_or_default(),
            editing: editing.flatten(),
            aside: aside.flatten(),
            updated: updated.flatten(),
        })
    }

    /// `{"kind"|"message": …, "at": …}`: a signal or a receipt.
    fn pair(&mut self, first: &[u8]) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
        let (mut a, mut at) = (None, None);
        self.object(|s, key| {
            if key == first {
                once(&mut a, s.string()?)
            } else if key == b"at" {
                once(&mut at, s.string()?)
            } else {
                return s.other();
            }
            .map(|()| Known::Yes)
        })?;
        Some((a?, at?))
    }

    fn room(&mut self) -> Option<(RoomView<'a>, u64)> {
        let (mut format, mut version) = (None, None);
        let (mut session, mut block, mut room, mut writer) = (None, None, None, None);
        let (mut host, mut hosts, mut questions, mut notes) = (None, None, None, None);
        let (mut draft, mut signal, mut seen) = (None, None, None);
        self.object(|s, key| {
            match key {
                b"format" => once(&mut format, s.string()?),
                b"version" => once(&mut version, s.number()?),
                b"session" => once(&mut session, s.string()?),
                b"block" => once(&mut block, s.opt_string()?),
                b"room" => once(&mut room, s.string()?),
                b"writer" => once(&mut writer, s.string()?),
                b"host" => once(&mut host, s.opt_string()?),
                b"hosts" => once(&mut hosts, s.opt(|s| s.array(Self::string))?),
                b"questions" => once(&mut questions, s.array(Self::string)?),
                b"notes" => once(&mut notes, s.notes()?),
                b"draft" => once(&mut draft, s.opt(Self::draft)?),
                b"signal" => once(&mut signal, s.opt(|s| s.pair(b"kind"))?),
                b"seen" => once(&mut seen, s.opt(|s| s.pair(b"message"))?),
                _ => return s.other(),
            }
            .map(|()| Known::Yes)
        })?;
        // Another format or version: serde_json and the head check say so.
        if format? != super::FORMAT {
            return None;
        }
        let version = u64::try_from(version?).ok()?;
        if !(1..=super::VERSION).contains(&version) {
            return None;
        }
        let view = RoomView {
            session: session?,
            block: block.flatten(),
            room: room?,
            writer: writer?,
            host: host.flatten(),
            hosts: hosts.flatten(),
            questions: questions?,
            notes: notes?,
            draft: draft.flatten(),
            signal: signal.flatten().map(|(kind, at)| SignalView { kind, at }),
            seen: seen.flatten().map(|(message, at)| SeenView { message, at }),
        };
        Some((view, version))
    }
}

/// Whether an object's reader knew a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Yes,
    No,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_serde(text: &str) -> Option<RoomView<'_>> {
        serde_json::from_str(text).ok()
    }

    fn fast(text: &str) -> Option<RoomView<'_>> {
        let (view, version) = room(text)?;
        // What the hand reader reads, the head check reads the same way.
        let head = crate::files::head(text).expect("the head check agrees");
        assert_eq!(head.format.as_deref(), Some(super::super::FORMAT));
        assert_eq!(
            head.version.as_ref().and_then(crate::files::version_of),
            Some(version)
        );
        Some(view)
    }

    const ROOM: &str = r#"{
  "format": "oogst-room",
  "version": 1,
  "session": "s1",
  "room": "Kamer 2",
  "host": "Anna",
  "writer": "k7f2q9",
  "questions": ["Wat?", "Hoe \"dan\"?"],
  "notes": [
    {
      "id": "k7f2q9-000001",
      "question": 1,
      "text": "Rollen zijn onduidelijk 🤝",
      "created": "2021-01-21T11:07:12.345+01:00",
      "updated": "2021-01-21T11:07:12.345+01:00"
    },
    {
      "id": "k7f2q9-000002",
      "question": 2,
      "text": "twee\nregels \\ \u00e9 \ud83e\udd1d",
      "created": "2021-01-21T11:08:12.345+01:00",
      "updated": "2021-01-21T11:09:12.345+01:00",
      "deleted": true,
      "tags": [1, -2.5, {"a": null}, "x"]
    }
  ],
  "draft": {"question": 1, "text": "", "editing": null}
}"#;

    #[test]
    fn reads_what_serde_reads() {
        let fast = fast(ROOM).expect("the hand reader reads oogst's layout");
        assert_eq!(Some(&fast), by_serde(ROOM).as_ref());
        assert_eq!(fast.notes[1].text, "twee\nregels \\ é 🤝");
        assert!(matches!(fast.notes[0].text, Cow::Borrowed(_)));
        // oogst's own layout takes the quick way.
        let first = &ROOM[ROOM.find("    {").unwrap()..];
        let mut s = Scan {
            text: first,
            b: first.as_bytes(),
            i: 0,
        };
        assert_eq!(s.note_in_order().as_ref(), Some(&fast.notes[0]));
    }

    #[test]
    fn the_next_file_is_read_into_the_last_ones_notes() {
        let (view, _) = room(ROOM).expect("oogst's layout");
        let (at, room_for) = (view.notes.as_ptr() as usize, view.notes.capacity());
        recycle(view.notes);
        let again = ROOM.to_string();
        let (view, _) = room(&again).expect("oogst's layout");
        assert_eq!(view.notes.as_ptr() as usize, at, "the same allocation");
        assert!(view.notes.capacity() >= room_for);
        assert_eq!(Some(view), by_serde(&again));
    }

    #[test]
    fn gives_up_where_it_is_unsure() {
        for (from, to) in [
            ("\"room\"", "\"ro\\u006fm\""),        // an escaped key
            ("\"host\": \"Anna\"", "\"host\": 1"), // a wrong type
            ("\"question\": 1", "\"question\": 1.0"),
            ("\"question\": 1", "\"question\": 01"),
            ("\"question\": 1", "\"question\": -1"),
            ("\"deleted\": true", "\"deleted\": null"),
            (
                "\"session\": \"s1\",",
                "\"session\": \"s1\", \"session\": \"s2\",",
            ),
            ("\"writer\": \"k7f2q9\",", ""), // a missing field
            ("}\n  ],", "},\n  ],"),         // a trailing comma
            ("Anna", "An\tna"),              // a raw control character
            ("\\ud83e\\udd1d", "\\ud83e"),   // a lone surrogate
            ("[1, -2.5", "[1, -2.5e"),
            ("[1, -2.5", "[1, -2.5e3"), // an exponent (perhaps out of range)
            ("[1, -2.5", "[1, 12345678901234567890"), // a number too long to be sure of
            ("null}", "nul}"),
            ("\"tags\"", "\"x\": 1, \"x\""), // an unknown key twice
            ("{\"a\": null}", "{\"a\": null, \"a\": 1}"), // twice, deeper
            ("\"version\": 1", "\"version\": 3"), // a newer version
            ("\"version\": 1", "\"version\": 1.0"), // 1, but not as oogst writes it
            ("\"oogst-room\"", "\"oogst-clock\""), // another format
        ] {
            assert!(ROOM.contains(from), "{from}");
            let text = ROOM.replacen(from, to, 1);
            assert!(room(&text).is_none(), "{to}");
        }
        assert!(room(&format!("{ROOM} x")).is_none(), "trailing text");
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let text = ROOM.replacen("null}", &format!("{deep}}}"), 1);
        assert!(room(&text).is_none(), "deep nesting");
    }

    #[test]
    fn the_plain_run_stops_at_the_first_special() {
        for s in [
            "",
            "abc",
            "abcdefgh\"",
            "ab\\cdefghij",
            "abcdefghijklmn\u{1}",
            "é\"",
            "\u{7f}x",
        ] {
            let want = s
                .bytes()
                .position(|c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(s.len());
            assert_eq!(plain_run(s.as_bytes()), want, "{s:?}");
        }
        // Every place in runs of up to 40 bytes, every kind of byte there.
        for len in 0..40 {
            for at in 0..len {
                for c in [b'"', b'\\', 0, 0x1f, b' ', 0x7f, 0x80, 0xff] {
                    let mut b = vec![b'x'; len];
                    b[at] = c;
                    let want = b
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                        .unwrap_or(len);
                    assert_eq!(plain_run(&b), want, "{b:?}");
                }
            }
        }
    }

    proptest! {
        /// Any change to a room file: what the hand reader reads, serde
        /// reads the same way.
        #[test]
        fn never_reads_what_serde_would_not(at in 0usize..2000, bytes in "[ -~\\n\\t\\u{e9}\\u{1F91D}]{0,4}", cut in 0usize..3) {
            let at = ROOM.floor_char_boundary(at % ROOM.len());
            let end = ROOM.floor_char_boundary((at + cut).min(ROOM.len()));
            let text = format!("{}{}{}", &ROOM[..at], bytes, &ROOM[end..]);
            if let Some(fast) = fast(&text) {
                prop_assert_eq!(Some(fast), by_serde(&text));
            }
        }

        /// Notes of any text, however they are laid out: in oogst's
        /// order of fields (read without key lookups) or another.
        #[test]
        fn agrees_with_serde_on_any_note(
            text in "\\PC{0,40}",
            pretty in any::<bool>(),
            extra in any::<bool>(),
            oogst_order in any::<bool>(),
            deleted in any::<Option<bool>>(),
        ) {
            let mut note = serde_json::json!({
                "id": "w-000001", "question": 1, "text": text,
                "created": "2021-01-21T11:07:12Z", "updated": "2021-01-21T11:07:12Z",
            });
            if let Some(d) = deleted {
                note["deleted"] = d.into();
            }
            let mut doc = serde_json::json!({
                "format": "oogst-room", "version": 1, "session": "s", "room": "r",
                "host": "h", "writer": "w", "questions": ["q"], "notes": ["NOTE"],
            });
            if extra {
                doc["draft"] = serde_json::json!({"question": 1, "text": text, "n": [1.5, -0, true]});
            }
            let json = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }.unwrap();
            // serde_json sorts keys; oogst writes them in its own order.
            let note = if oogst_order {
                let mut fields: Vec<String> = ["id", "question", "text", "created", "updated", "deleted"]
                    .iter()
                    .filter_map(|k| Some(format!("{:?}: {}", k, note.get(*k)?)))
                    .collect();
                if pretty {
                    fields.iter_mut().for_each(|f| f.insert_str(0, "\n      "));
                }
                format!("{{{}}}", fields.join(","))
            } else {
                note.to_string()
            };
            let json = json.replace("\"NOTE\"", &note);
            let fast = fast(&json);
            prop_assert!(fast.is_some());
            prop_assert_eq!(fast, by_serde(&json));
        }
    }
}
