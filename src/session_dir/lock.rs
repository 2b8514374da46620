//! One writer per room file per machine: a lock held for as long as the
//! host has the room open; one lead per session folder per machine: a
//! lock held for as long as the lead leads. The system's own file lock
//! (flock on Unix, LockFileEx on Windows, through std), so a killed
//! process lets go.

use std::path::Path;

/// Holds a lock on `path` for as long as the returned file lives, so two
/// oogst processes on one machine never write the same room file. The lock
/// file lives beside `path`'s folder in the user's runtime or data dir, not
/// in the (synced) session folder. `Ok(None)`: another process holds it.
pub fn lock(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    let absolute = std::fs::canonicalize(path.parent().unwrap_or(Path::new(".")))
        .unwrap_or_else(|_| path.to_path_buf())
        .join(path.file_name().unwrap_or_default());
    take("room", &absolute)
}

/// Holds the lead's lock on the session folder `root` for as long as the
/// returned file lives, so two leads on one machine never lead the same
/// session folder (and a lead that finds this machine's clock can tell a
/// run that ended from one that runs). `Ok(None)`: another process holds
/// it.
pub fn lock_lead(root: &Path) -> std::io::Result<Option<std::fs::File>> {
    let absolute = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    take("lead", &absolute)
}

/// The lock `KIND-HASH.lock` for `absolute`, where locks live.
fn take(kind: &str, absolute: &Path) -> std::io::Result<Option<std::fs::File>> {
    let dirs = directories::ProjectDirs::from("", "", "oogst");
    let base = dirs
        .as_ref()
        .and_then(|d| d.runtime_dir().map(Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.data_local_dir().join("locks")))
        .unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&base)?;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in absolute.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(base.join(format!("{kind}-{h:016x}.lock")))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_file_is_locked_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Kamer_1--abc123.json");
        let first = lock(&path).unwrap();
        assert!(first.is_some());
        assert!(lock(&path).unwrap().is_none());
        drop(first);
        assert!(lock(&path).unwrap().is_some());
    }

    #[test]
    fn a_session_folder_is_led_once_and_apart_from_its_rooms() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_lead(dir.path()).unwrap();
        assert!(first.is_some());
        assert!(lock_lead(dir.path()).unwrap().is_none());
        // The same folder by another path.
        assert!(lock_lead(&dir.path().join(".")).unwrap().is_none());
        // A room file of the same name is another lock.
        assert!(lock(dir.path()).unwrap().is_some());
        drop(first);
        assert!(lock_lead(dir.path()).unwrap().is_some());
    }
}
