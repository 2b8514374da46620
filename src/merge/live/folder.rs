//! The room files of a session folder, looked at again and again: what
//! changed since the last look, for [`super::LiveHarvest`].
//!
//! A look lists `rooms/` and the folders in it (as `oogst merge` finds
//! them: plain `.json` files that are nobody's temporary file, links not
//! followed) and reads only the files whose modified time, length or
//! inode changed. A file that is gone is told as missing at once (its
//! last good copy stays) and as removed once it has been gone for a while
//! (a sync engine removes a file before it puts the new one in its
//! place). This is the part that touches the disk: it runs off the
//! drawing thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{Change, read};
use crate::files::{self, FileStamp, Links};

pub use crate::files::MISSING_GRACE;

/// How deep below `rooms/` files are looked for (`rooms/BLOCK/` is one).
const DEPTH: usize = 4;

/// A file as last seen.
struct Seen {
    stamp: FileStamp,
    /// Since when it is gone.
    missing_since: Option<Timestamp>,
}

/// The room files of one session folder, as last looked at.
pub struct LiveFolder {
    rooms: PathBuf,
    seen: BTreeMap<PathBuf, Seen>,
}

impl LiveFolder {
    /// The room files in `rooms` (a session folder's `rooms/`), not yet
    /// looked at.
    pub fn new(rooms: PathBuf) -> LiveFolder {
        LiveFolder {
            rooms,
            seen: BTreeMap::new(),
        }
    }

    /// Looks again: each file that appeared or changed, read; each that
    /// went, missing (and after [`MISSING_GRACE`], removed). `real` is
    /// the wall clock. Files are named as `oogst merge` names them when
    /// given the rooms folder.
    pub fn look(&mut self, real: Timestamp) -> Vec<(String, Change)> {
        let mut found: Vec<(PathBuf, FileStamp)> = Vec::new();
        list(&self.rooms, 0, &mut found);
        let mut changes = Vec::new();
        let mut present = std::collections::BTreeSet::new();
        for (path, stamp) in found {
            present.insert(path.clone());
            let unchanged = self
                .seen
                .get(&path)
                .is_some_and(|s| s.stamp == stamp && s.missing_since.is_none());
            if unchanged {
                continue;
            }
            let name = path.display().to_string();
            let read = match files::read_text(&path, Links::Refuse) {
                Ok(text) => read(&name, Ok(&text)),
                Err(e) => read(&name, Err(e)),
            };
            changes.push((name, Change::Now(read)));
            self.seen.insert(
                path,
                Seen {
                    stamp,
                    missing_since: None,
                },
            );
        }
        self.seen.retain(|path, s| {
            if present.contains(path) {
                return true;
            }
            let name = path.display().to_string();
            match s.missing_since {
                None => {
                    s.missing_since = Some(real);
                    changes.push((name, Change::Missing));
                    true
                }
                Some(since) if real.duration_since(since) >= MISSING_GRACE => {
                    changes.push((name, Change::Removed));
                    false
                }
                Some(_) => true,
            }
        });
        changes
    }
}

/// The plain `.json` files in `dir` and below (to [`DEPTH`]), with their
/// stamps; links are not followed, temporary files left alone.
fn list(dir: &Path, depth: usize, found: &mut Vec<(PathBuf, FileStamp)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if crate::merge::is_temporary(&name) {
            continue;
        }
        // The entry's own type: a link is a link, not what it points to.
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            if depth < DEPTH {
                list(&e.path(), depth + 1, found);
            }
        } else if kind.is_file()
            && name.to_ascii_lowercase().ends_with(".json")
            && let Ok(meta) = e.metadata()
        {
            found.push((e.path(), FileStamp::of(&meta)));
        }
    }
}
