//! Reading any oogst file, the same way for every command and screen.
//!
//! - Only plain files: a FIFO, device or socket with a `.json` name is
//!   refused at once (opened without blocking), never waited on; a link
//!   found inside a folder is not followed.
//! - At most [`MAX_FILE_BYTES`], checked while reading (standard input and
//!   files that grow included).
//! - UTF-8, a leading byte-order mark accepted.
//! - JSON checked once for what every format shares ([`head`]): syntax,
//!   duplicate keys at any depth, text after the value, and `format` and
//!   `version` from the top level only.
//! - Times are RFC 3339 with an offset, years 0001–9999 ([`parse_time`]).
//!
//! Each format has one reader built on these (`Programme::parse`,
//! `room::read`, `ClockDoc::parse`, `LeadState::parse`,
//! `HarvestFile::parse`); `check`, `merge`, the host, the lead and the
//! dashboard all go through it, so they agree on every file.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Files larger than this are refused, before or while they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

mod problem;
mod time;

pub use problem::{FileError, Problem, ProblemKind, Refusal, refuse};
pub use time::{DayTime, Stamp, TimeText, parse_time, parse_timestamp};

/// How long a file that went away still counts with its last good copy:
/// a sync engine removes a file before it puts the new one in its place.
pub const MISSING_GRACE: jiff::SignedDuration = jiff::SignedDuration::from_secs(30);

/// What tells that a file changed without reading it: its modified time,
/// its length and (where there is one) its inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    inode: u64,
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        FileStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode,
        }
    }

    /// The stamp of the entry at `path` itself (a link's own, not what
    /// it points to); `None` when there is none.
    pub fn look(path: &Path) -> Option<FileStamp> {
        std::fs::symlink_metadata(path)
            .ok()
            .map(|m| FileStamp::of(&m))
    }
}

/// A quick fingerprint of bytes (FNV-1a and the length): the same file
/// read again, or written as it was.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ bytes.len() as u64
}

// ---------------------------------------------------------------------------
// Reading bytes.

/// Whether a link at the path itself is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// A path the user named: it may be a link.
    Follow,
    /// A file found inside a session folder or a folder given to `merge`:
    /// a link there is not followed.
    Refuse,
}

/// Why a file could not be read: the file (as messages show it) and
/// what was wrong. Put in words by [`crate::i18n`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    pub why: Unreadable,
}

/// What was wrong with a file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a plain file (a FIFO, device, socket, folder, or a link that
    /// is not followed): passed over with a note, never waited on.
    NotPlain(Special),
    /// The system refused: its kind of error, and its own words.
    Io {
        kind: std::io::ErrorKind,
        raw: String,
    },
    /// Over [`MAX_FILE_BYTES`]: its size (`exact`), or how much was read
    /// before reading stopped.
    TooLarge { bytes: u64, exact: bool },
    /// Not UTF-8: where the first byte that is not text is.
    NotUtf8 { at: usize },
}

/// What a path that is not a plain file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Socket,
    Device,
    Folder,
    Link,
    Other,
}

impl Special {
    /// What the entry that `meta` describes is, when it is no plain file.
    pub fn of(meta: &std::fs::Metadata) -> Special {
        let ty = meta.file_type();
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ty.is_fifo() {
                return Special::Fifo;
            }
            if ty.is_socket() {
                return Special::Socket;
            }
            if ty.is_char_device() || ty.is_block_device() {
                return Special::Device;
            }
        }
        if ty.is_dir() {
            return Special::Folder;
        }
        if ty.is_symlink() {
            return Special::Link;
        }
        Special::Other
    }
}

impl ReadError {
    fn new(file: &str, why: Unreadable) -> ReadError {
        ReadError {
            file: file.to_string(),
            why,
        }
    }

    /// The system's error `e` on `file` (a name already made safe to show).
    pub fn io(file: &str, e: &std::io::Error) -> ReadError {
        ReadError::new(
            file,
            Unreadable::Io {
                kind: e.kind(),
                raw: e.to_string(),
            },
        )
    }

    /// Not a plain file: passed over, never an error of the file itself.
    pub fn not_plain(&self) -> bool {
        matches!(self.why, Unreadable::NotPlain(_))
    }
}

/// A path as messages show it: control characters visible.
pub fn shown(path: &Path) -> String {
    crate::text::for_message(&path.display().to_string()).into_owned()
}

/// Opens `path` for reading without ever blocking on it, refusing
/// anything that is not a plain file; with what it says of itself.
fn open_plain(path: &Path, links: Links) -> Result<(std::fs::File, std::fs::Metadata), ReadError> {
    let name = shown(path);
    let fail = |e: std::io::Error| ReadError::io(&name, &e);
    let not_plain = |what: Special| ReadError::new(&name, Unreadable::NotPlain(what));
    #[cfg(not(unix))]
    {
        // No O_NOFOLLOW here: look first (the window between the look and
        // the open is as small as it can be).
        let meta = if links == Links::Refuse {
            std::fs::symlink_metadata(path)
        } else {
            std::fs::metadata(path)
        }
        .map_err(fail)?;
        if !meta.is_file() {
            return Err(not_plain(Special::of(&meta)));
        }
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if links == Links::Refuse {
            libc::O_NOFOLLOW
        } else {
            0
        };
        // A FIFO opened without O_NONBLOCK waits for a writer forever.
        opts.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    // Windows has no FIFOs in folders (its pipes live apart); a link put
    // in place after the look above is opened as itself, and seen below.
    #[cfg(windows)]
    if links == Links::Refuse {
        use std::os::windows::fs::OpenOptionsExt;
        opts.custom_flags(windows::FILE_FLAG_OPEN_REPARSE_POINT);
    }
    let file = match opts.open(path) {
        Ok(f) => f,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) && links == Links::Refuse => {
            return Err(not_plain(Special::Link));
        }
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(not_plain(Special::Socket));
        }
        Err(e) => return Err(fail(e)),
    };
    let meta = file.metadata().map_err(fail)?;
    #[cfg(windows)]
    let (file, meta) = windows::through_placeholder(path, file, meta).map_err(fail)?;
    if !meta.is_file() {
        return Err(not_plain(Special::of(&meta)));
    }
    Ok((file, meta))
}

#[cfg(windows)]
mod windows {
    use std::os::windows::fs::MetadataExt;
    use std::path::Path;

    /// Opens a reparse point (a link, say) itself, not what it points to.
    pub const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x0400;

    /// A plain file that is a reparse point all the same is a cloud
    /// file's placeholder (OneDrive's, Dropbox's), whose content comes
    /// through its filter only when it is opened the usual way: opened
    /// again so. Anything else is kept as it was opened.
    pub fn through_placeholder(
        path: &Path,
        file: std::fs::File,
        meta: std::fs::Metadata,
    ) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
        if !meta.is_file() || meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT == 0 {
            return Ok((file, meta));
        }
        let file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        Ok((file, meta))
    }
}

/// Reads at most [`MAX_FILE_BYTES`] from `reader` into `bytes`; whether
/// there was more.
fn read_capped(reader: impl Read, bytes: &mut Vec<u8>) -> std::io::Result<bool> {
    bytes.clear();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(bytes)?;
    Ok(bytes.len() as u64 > MAX_FILE_BYTES)
}

/// The bytes of the plain file at `path` into `bytes`.
pub fn read_bytes(path: &Path, links: Links, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    let read = read_into(path, links, bytes)?;
    bytes.truncate(read);
    Ok(())
}

/// The bytes of the plain file at `path` into the first bytes of
/// `scratch`, a buffer used again and again (it keeps its length, so
/// that it is zeroed only as it grows); how many.
fn read_into(path: &Path, links: Links, scratch: &mut Vec<u8>) -> Result<usize, ReadError> {
    let name = shown(path);
    let (mut file, meta) = open_plain(path, links)?;
    let fail = |e: std::io::Error| ReadError::io(&name, &e);
    let len = meta.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(&name, len, true));
    }
    // Room for the file and a byte more, so that a file read whole takes
    // one read, and one more to see its end. A file that grows while it
    // is read is held to the same limit.
    let most = MAX_FILE_BYTES as usize + 1;
    let mut room = (len as usize + 1).min(most);
    let mut read = 0;
    loop {
        if scratch.len() < room {
            scratch.resize(room, 0);
        }
        match file.read(&mut scratch[read..room]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(fail(e)),
        }
        if read == room {
            if room == most {
                return Err(too_large(&name, read as u64, false));
            }
            room = (room * 2).min(most);
        }
    }
    Ok(read)
}

/// [`read_bytes`] as UTF-8 text.
pub fn read_text(path: &Path, links: Links) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    read_bytes(path, links, &mut bytes)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(&shown(path), e.utf8_error().valid_up_to()))
}

/// [`read_text`] into a buffer that is used again and again (the merge
/// reads a thousand files through one buffer per core).
pub fn read_text_into<'b>(
    path: &Path,
    links: Links,
    scratch: &'b mut Vec<u8>,
) -> Result<&'b str, ReadError> {
    let read = read_into(path, links, scratch)?;
    std::str::from_utf8(&scratch[..read]).map_err(|e| not_utf8(&shown(path), e.valid_up_to()))
}

/// Standard input (`<stdin>`), held to [`MAX_FILE_BYTES`] while it is
/// read: a stream of a gigabyte is refused after 64 MiB, not read whole.
pub fn read_stdin() -> Result<String, ReadError> {
    const NAME: &str = "<stdin>";
    let mut bytes = Vec::new();
    let more =
        read_capped(std::io::stdin().lock(), &mut bytes).map_err(|e| ReadError::io(NAME, &e))?;
    if more {
        return Err(too_large(NAME, bytes.len() as u64, false));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(NAME, e.utf8_error().valid_up_to()))
}

/// A file over [`MAX_FILE_BYTES`]: with its size (`exact`), or with how
/// much was read before reading stopped.
pub fn too_large(file: &str, bytes: u64, exact: bool) -> ReadError {
    ReadError::new(file, Unreadable::TooLarge { bytes, exact })
}

fn not_utf8(file: &str, at: usize) -> ReadError {
    ReadError::new(file, Unreadable::NotUtf8 { at })
}

// ---------------------------------------------------------------------------
// The head of a JSON document.

/// What every oogst file says of itself, read from the top level only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Head {
    /// `format`, if it is a string.
    pub format: Option<String>,
    /// `version`, if it is a number.
    pub version: Option<serde_json::Number>,
}

/// A scalar as the head reader keeps it (anything else is only checked).
enum Scalar {
    Str(String),
    Num(serde_json::Number),
    Other,
}

/// Checks any JSON value: every object's keys unique, nesting within
/// serde_json's limit. With `keep`, keeps a string or number (for
/// `format` and `version`).
struct Checked {
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for Checked {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(CheckedVisitor {
            top: None,
            keep: self.keep,
        })
    }
}

/// The top level: checked like any object, and its `format` and
/// `version` kept.
struct TopSeed;

impl<'de> DeserializeSeed<'de> for TopSeed {
    type Value = Head;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Head, D::Error> {
        let mut head = Head::default();
        d.deserialize_any(CheckedVisitor {
            top: Some(&mut head),
            keep: false,
        })?;
        Ok(head)
    }
}

struct CheckedVisitor<'h> {
    /// At the top level: where `format` and `version` go.
    top: Option<&'h mut Head>,
    /// Whether a string is kept.
    keep: bool,
}

/// A key, borrowed from the text where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Visitor<'de> for CheckedVisitor<'_> {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Scalar::Other, Scalar::Num))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(if self.keep {
            Scalar::Str(v.to_string())
        } else {
            Scalar::Other
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element_seed(Checked { keep: false })?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        let mut top = self.top;
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        let mut set: Option<std::collections::HashSet<Cow<'de, str>>> = None;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            // Few keys: a list; many (a large object): a set.
            let repeated = match &mut set {
                Some(set) => !set.insert(key.clone()),
                None if keys.len() < 16 => {
                    let seen = keys.contains(&key);
                    keys.push(key.clone());
                    seen
                }
                None => {
                    let mut s: std::collections::HashSet<Cow<'de, str>> = keys.drain(..).collect();
                    let seen = !s.insert(key.clone());
                    set = Some(s);
                    seen
                }
            };
            if repeated {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let keep = top.is_some() && matches!(key.as_ref(), "format" | "version");
            let value = map.next_value_seed(Checked { keep })?;
            if let Some(head) = top.as_deref_mut() {
                match (key.as_ref(), value) {
                    ("format", Scalar::Str(s)) => head.format = Some(s),
                    ("version", Scalar::Num(n)) => head.version = Some(n),
                    _ => {}
                }
            }
        }
        // Only the outermost object is the top.
        top.take();
        Ok(Scalar::Other)
    }
}

/// Checks `text` as JSON and reads its head: malformed JSON, a duplicate
/// key anywhere, or text after the value is a problem with line and
/// column. `text` has no byte-order mark (see [`strip_bom`]).
pub fn head(text: &str) -> Result<Head, Box<Problem>> {
    if text.trim().is_empty() {
        return Err(Box::new(Problem::at(ProblemKind::Empty)));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let malformed = |e: serde_json::Error| Box::new(Problem::malformed(&e));
    let head = TopSeed.deserialize(&mut de).map_err(malformed)?;
    de.end().map_err(malformed)?;
    Ok(head)
}

/// The text without a leading byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The version a `version` number stands for: a whole number of 1 or
/// more, whatever its form (`1`, `1.0`, `1e0`); anything else is none.
pub fn version_of(n: &serde_json::Number) -> Option<u64> {
    if let Some(v) = n.as_u64() {
        return (v >= 1).then_some(v);
    }
    let f = n.as_f64()?;
    // `as` saturates: a version beyond u64 is u64::MAX (newer than any).
    (f.fract() == 0.0 && f >= 1.0).then_some(f as u64)
}

/// Checks the head of a file of `format` that this oogst reads up to
/// version `supported`; the version.
pub fn check_head(
    head: &Head,
    format: &'static str,
    what: &'static str,
    supported: u64,
) -> Result<u64, ProblemKind> {
    if head.format.as_deref() != Some(format) {
        return Err(ProblemKind::WrongFormat {
            found: head.format.clone(),
            expected: format,
        });
    }
    match head.version.as_ref().and_then(version_of) {
        None => Err(ProblemKind::BadVersion),
        Some(v) if v > supported => Err(ProblemKind::NewerVersion {
            what,
            found: v,
            supported,
        }),
        Some(v) => Ok(v),
    }
}

/// Reads a JSON file of the given `format`: syntax first (with line and
/// column), then `format` and `version`, then the typed shape, whose errors
/// carry the path of the offending field and its line and column. Returns
/// the value and the file's version.
pub fn parse_typed<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
    format: &'static str,
    what: &'static str,
    supported: u64,
) -> Result<(T, u64), FileError> {
    let fail = |p: Problem| Err(FileError::single(file, p));
    let text = strip_bom(text);
    let head = match head(text) {
        Ok(h) => h,
        Err(p) => return fail(*p),
    };
    let version = match check_head(&head, format, what, supported) {
        Ok(v) => v,
        Err(kind) => return fail(Problem::at(kind)),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => Ok((v, version)),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let block = block_of_path(&path, text);
            fail(Problem::shape(&inner, path, block))
        }
    }
}

/// For a path like `blocks[2].minutes`, the block's number and title.
fn block_of_path(path: &str, text: &str) -> Option<(usize, String)> {
    let rest = path.strip_prefix("blocks[")?;
    let index: usize = rest[..rest.find(']')?].parse().ok()?;
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let title = value
        .get("blocks")?
        .get(index)?
        .get("title")
        .and_then(|t| t.as_str())
        .unwrap_or("")
        .to_string();
    Some((index + 1, title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_head_is_read_from_the_top_level_only() {
        let h = head(r#"{"x": {"format": "oogst-clock", "version": 9}, "format": "oogst-room", "version": 1.0}"#)
            .unwrap();
        assert_eq!(h.format.as_deref(), Some("oogst-room"));
        assert_eq!(h.version.as_ref().and_then(version_of), Some(1));
        let nested = head(r#"{"x": {"format": "oogst-room", "version": 1}}"#).unwrap();
        assert_eq!(nested, Head::default());
        let escaped = head(r#"{"format": "oogst\u002droom", "version": 1}"#).unwrap();
        assert_eq!(escaped.format.as_deref(), Some("oogst-room"));
    }

    #[test]
    fn duplicate_keys_and_trailing_text_are_errors() {
        for (text, at) in [
            (r#"{"a": 1, "a": 2}"#, "duplicate key `a`"),
            (
                r#"{"a": {"b": 1, "c": [{"d": 1, "d": 1}]}}"#,
                "duplicate key `d`",
            ),
            (r#"{"a": 1, "\u0061": 2}"#, "duplicate key `a`"),
            (r#"{"a": 1} }"#, "trailing characters"),
            (r#"{"a": 1} x"#, "trailing characters"),
        ] {
            let p = *head(text).unwrap_err();
            match p.kind {
                ProblemKind::Malformed { detail, .. } => assert!(detail.contains(at), "{detail}"),
                other => panic!("{other:?}"),
            }
            assert!(p.line_col.is_some());
        }
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        assert!(head(&format!("{{{}}}", many.join(","))).is_ok());
        let dup = format!("{{{}, \"k3\": 0}}", many.join(","));
        assert!(head(&dup).is_err());
    }

    #[test]
    fn every_number_form_of_a_version() {
        let v = |s: &str| {
            let h = head(&format!("{{\"version\": {s}}}")).unwrap();
            h.version.as_ref().and_then(version_of)
        };
        assert_eq!(v("1"), Some(1));
        assert_eq!(v("1.0"), Some(1));
        assert_eq!(v("1e0"), Some(1));
        assert_eq!(v("10e-1"), Some(1));
        assert_eq!(v("2.0"), Some(2));
        assert_eq!(v("1e3"), Some(1000));
        assert_eq!(v("1e300"), Some(u64::MAX));
        assert_eq!(v("0"), None);
        assert_eq!(v("-1"), None);
        assert_eq!(v("1.5"), None);
        assert_eq!(v("\"1\""), None);
        assert_eq!(v("true"), None);
    }

    // Unix only: Windows has no FIFOs in folders.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        nix::unistd::mkfifo(&path, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        for links in [Links::Follow, Links::Refuse] {
            let e = read_text(&path, links).unwrap_err();
            assert_eq!(e.why, Unreadable::NotPlain(Special::Fifo));
            assert!(Lang::En.read_error(&e).contains("FIFO"), "{e:?}");
        }
    }

    /// Windows opens with links refused otherwise (the link itself, not
    /// what it points to): a plain file reads the same either way.
    #[test]
    fn a_plain_file_reads_the_same_with_links_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("room.json");
        std::fs::write(&path, "{\"a\": 1}").unwrap();
        for links in [Links::Follow, Links::Refuse] {
            assert_eq!(read_text(&path, links).unwrap(), "{\"a\": 1}");
        }
    }

    // Unix only: making a link on Windows needs a privilege (or developer
    // mode), which neither a facilitator's laptop nor Wine grants.
    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_only_when_named() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.json");
        std::fs::write(&target, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_text(&link, Links::Follow).unwrap(), "{}");
        let e = read_text(&link, Links::Refuse).unwrap_err();
        assert_eq!(e.why, Unreadable::NotPlain(Special::Link));
        assert!(Lang::En.read_error(&e).contains("link"), "{e:?}");
    }

    #[test]
    fn folders_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path(), Links::Follow).unwrap_err();
        assert_eq!(e.why, Unreadable::NotPlain(Special::Folder));
        let e = read_text(&dir.path().join("nope.json"), Links::Refuse).unwrap_err();
        assert!(matches!(
            e.why,
            Unreadable::Io {
                kind: std::io::ErrorKind::NotFound,
                ..
            }
        ));
        assert!(
            Lang::En.read_error(&e).ends_with(": file not found"),
            "{e:?}"
        );
        assert!(
            Lang::Nl.read_error(&e).ends_with(": bestand niet gevonden"),
            "{e:?}"
        );
    }

    #[test]
    fn too_large_and_not_utf8_in_words() {
        let big = too_large("big.json", 70 * 1024 * 1024, true);
        assert_eq!(
            Lang::En.read_error(&big),
            "big.json: too large (70.0 MiB); oogst reads files up to 64 MiB"
        );
        let stream = too_large("<stdin>", u64::MAX, false);
        assert_eq!(
            Lang::Nl.read_error(&stream),
            "<stdin>: te groot (> 64.0 MiB); oogst leest bestanden tot 64 MiB"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.json");
        std::fs::write(&path, b"{\"a\": \"caf\xe9\"}").unwrap();
        let e = read_text(&path, Links::Refuse).unwrap_err();
        assert_eq!(e.why, Unreadable::NotUtf8 { at: 10 });
        assert!(
            Lang::En
                .read_error(&e)
                .ends_with(": not UTF-8 text (invalid byte at offset 10)")
        );
    }
}
