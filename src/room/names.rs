//! Names: rooms and questions as the merge matches them, and the file
//! names of room files and rounds' folders.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// A room's name as the merge matches it: Unicode NFC, case and accents
/// ignored, spaces around it too. `Kamer 1`, `kamer 1` and `Kámer 1` are
/// one room; `Kamer_1` and `Kamer/1` are others.
pub fn room_key(name: &str) -> String {
    let bare: String = name
        .trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    bare.to_lowercase().nfc().collect()
}

/// A question as the merge matches it: Unicode NFC, spaces around it trimmed.
pub fn question_key(q: &str) -> Cow<'_, str> {
    let t = q.trim();
    if unicode_normalization::is_nfc(t) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.nfc().collect())
    }
}

/// Crockford's base 32, lower case (file names on case-insensitive file
/// systems) — and upper case for note ids, as ULIDs write it.
pub(crate) const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A short hash of a room's key, eight characters: what keeps two rooms
/// whose readable names look alike apart in file names.
fn room_hash(name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in room_key(name).as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..8)
        .map(|i| CROCKFORD[((h >> (i * 5)) & 31) as usize].to_ascii_lowercase() as char)
        .collect()
}

/// The readable part of a room's file name: letters and digits (any
/// script) kept, anything else `_`, at most 40 characters. Readers never
/// rely on it: the room's identity is inside the file.
fn room_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().nfc() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('_');
    if out.is_empty() {
        "room".to_string()
    } else {
        out.to_string()
    }
}

/// `ROOM--WRITER.json` in a round's folder: a readable slug and a hash of
/// the room's key, so that two rooms never share a file name on any file
/// system, case-insensitive ones included.
pub fn file_name(room: &str, writer: &str) -> String {
    format!("{}-{}--{writer}.json", room_slug(room), room_hash(room))
}

/// The end of every file name [`file_name`] gives this room and writer
/// (and of the alternatives the host picks when a name is taken).
pub fn file_suffix(room: &str, writer: &str) -> String {
    format!("-{}--{writer}", room_hash(room))
}

/// The folder of a round in `rooms/`: the block's id, made safe where a
/// system reserves the name.
pub fn block_dir(block: &str) -> String {
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    let safe: String = block
        .nfc()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() || safe.starts_with('.') {
        format!("_{safe}")
    } else if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&safe)) {
        format!("{safe}_")
    } else {
        safe
    }
}

/// A version 1 file name, `rooms/ROOM--WRITER.json`, as oogst wrote it
/// before rounds (to find a host's earlier file of the first round).
pub fn v1_file_name(room: &str, writer: &str) -> String {
    let mut out = String::new();
    for c in room.trim().chars() {
        let c = if c.is_alphanumeric() || c == '-' {
            c
        } else {
            '_'
        };
        if c == '-' && out.ends_with('-') {
            out.pop();
            out.push('_');
            continue;
        }
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let out: String = out
        .trim_matches(|c| c == '_' || c == '-')
        .chars()
        .take(60)
        .collect();
    let reserved = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "LPT1", "LPT2", "LPT3",
    ];
    let out = if out.is_empty() {
        "room".to_string()
    } else if reserved.iter().any(|r| r.eq_ignore_ascii_case(&out)) {
        format!("{out}_")
    } else {
        out
    };
    format!("{out}--{writer}.json")
}
/// The tag of a file that no reader could read, set aside by oogst:
/// `NAME.corrupt-YYYYMMDDTHHMMSS[-N].json`.
pub const SET_ASIDE: &str = "corrupt";

/// What a file found among the room files is, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    /// A room file (or anything else: what it holds decides).
    Room,
    /// A file oogst set aside because no reader could read it.
    SetAside,
}

impl FileRole {
    pub fn of(path: &std::path::Path) -> FileRole {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stamp = name
            .strip_suffix(".json")
            .and_then(|stem| stem.rsplit_once(&format!(".{SET_ASIDE}-")))
            .map(|(_, stamp)| stamp);
        let Some(stamp) = stamp else {
            return FileRole::Room;
        };
        let (time, n) = stamp.split_once('-').unwrap_or((stamp, "1"));
        let b = time.as_bytes();
        let is_stamp = b.len() == 15
            && b[8] == b'T'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 8 || c.is_ascii_digit());
        if is_stamp && !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) {
            FileRole::SetAside
        } else {
            FileRole::Room
        }
    }
}
