//! Every write to disk: atomic (a temporary file in the same folder,
//! fsync, rename over the old file, fsync of the folder, all done by the
//! `atomic-write-file` crate; on Windows the same without the folder's
//! fsync, which it has not) and, when they come from the screen, queued to
//! a writer thread so that typing never waits for the disk. A write that
//! fails stays queued and is retried from memory.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Writes `bytes` to `path` atomically and durably: readers see the old
/// file or the new one, never half of one, and after return it survives a
/// power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Refused before a temporary file is made, which would stay behind.
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a folder",
        ));
    }
    replace(path, bytes)
}

/// A temporary file in the same folder, fsync, rename over the old file,
/// fsync of the folder.
#[cfg(not(windows))]
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A temporary file in the same folder (named as atomic-write-file names
/// it: `.NAME.XXXXXX`, which every scan passes over), flushed to disk,
/// renamed over the old file. Windows cannot fsync a folder; NTFS's
/// journal keeps the rename. Not atomic-write-file here: when the rename
/// fails (another program has the file open without sharing its
/// deletion) it leaves its temporary file behind, and the saver retries
/// twice a second.
#[cfg(windows)]
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}", super::random_word()?));
    let temp = path.with_file_name(temp_name);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&temp, path)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Moves a file that cannot be used out of the way, keeping it:
/// `name.json` becomes `name.TAG-20261124T101500.json`. Returns the new path.
pub fn move_aside(path: &Path, tag: &str, now: jiff::Timestamp) -> std::io::Result<PathBuf> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("file");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("json");
    let stamp = now.strftime("%Y%m%dT%H%M%S").to_string();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut target = dir.join(format!("{stem}.{tag}-{stamp}.{ext}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(format!("{stem}.{tag}-{stamp}-{n}.{ext}"));
    }
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// What the writer thread tells the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveReport {
    Saved(PathBuf),
    /// The system's words, and what kind of failure it was (for words of
    /// the interface's language: `crate::files::io_words`).
    Failed {
        path: PathBuf,
        error: String,
        kind: std::io::ErrorKind,
    },
}

enum Job {
    Write {
        path: PathBuf,
        bytes: Vec<u8>,
        delay: Duration,
    },
    Flush(mpsc::Sender<bool>),
}

struct Pending {
    bytes: Vec<u8>,
    due: Instant,
}

/// How long a failed write waits before it is tried again.
const RETRY: Duration = Duration::from_millis(500);

/// Hands writes to a background thread. Cloning gives another handle to
/// the same thread.
#[derive(Clone)]
pub struct Saver {
    tx: mpsc::Sender<Job>,
}

impl Saver {
    /// Starts the writer thread; `report` hears of every write's outcome.
    pub fn spawn(report: impl Fn(SaveReport) + Send + 'static) -> Saver {
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("oogst-saver".into())
            .spawn(move || writer_loop(rx, report))
            .expect("the writer thread starts");
        Saver { tx }
    }

    /// Queues `bytes` for `path`, written at the latest `delay` from now;
    /// a newer write of the same path replaces it but keeps that deadline.
    pub fn write(&self, path: PathBuf, bytes: Vec<u8>, delay: Duration) {
        let _ = self.tx.send(Job::Write { path, bytes, delay });
    }

    /// Writes everything queued now and waits for it (at most `timeout`).
    /// Returns whether all of it reached the disk.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (done_tx, done_rx) = mpsc::channel();
        if self.tx.send(Job::Flush(done_tx)).is_err() {
            return false;
        }
        done_rx.recv_timeout(timeout).unwrap_or(false)
    }
}

fn writer_loop(rx: mpsc::Receiver<Job>, report: impl Fn(SaveReport)) {
    let mut pending: BTreeMap<PathBuf, Pending> = BTreeMap::new();
    let write_due = |pending: &mut BTreeMap<PathBuf, Pending>, all: bool| {
        let now = Instant::now();
        let due: Vec<PathBuf> = pending
            .iter()
            .filter(|(_, p)| all || p.due <= now)
            .map(|(k, _)| k.clone())
            .collect();
        let mut ok = true;
        for path in due {
            let Some(p) = pending.get_mut(&path) else {
                continue;
            };
            match write_atomic(&path, &p.bytes) {
                Ok(()) => {
                    pending.remove(&path);
                    report(SaveReport::Saved(path));
                }
                Err(e) => {
                    ok = false;
                    p.due = Instant::now() + RETRY;
                    report(SaveReport::Failed {
                        path,
                        error: e.to_string(),
                        kind: e.kind(),
                    });
                }
            }
        }
        ok
    };
    loop {
        let timeout = pending
            .values()
            .map(|p| p.due)
            .min()
            .map(|due| due.saturating_duration_since(Instant::now()));
        let job = match timeout {
            Some(t) => rx.recv_timeout(t),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match job {
            Ok(Job::Write { path, bytes, delay }) => {
                let due = Instant::now() + delay;
                match pending.get_mut(&path) {
                    Some(p) => {
                        p.bytes = bytes;
                        p.due = p.due.min(due);
                    }
                    None => {
                        pending.insert(path, Pending { bytes, due });
                    }
                }
            }
            Ok(Job::Flush(done)) => {
                let ok = write_due(&mut pending, true);
                let _ = done.send(ok);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                write_due(&mut pending, true);
                return;
            }
        }
        write_due(&mut pending, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clock.json");
        write_atomic(&path, b"{\"a\":1}").unwrap();
        write_atomic(&path, b"{\"a\":2}").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"a\":2}");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A reader that has the file open (a host reading `clock.json`, the
    /// dashboard a room file) never stops the write, and keeps reading
    /// the old bytes. On Windows that holds where std's rename gets POSIX
    /// semantics (Windows 10 and later, NTFS); elsewhere (FAT, some
    /// network drives, Wine) the write is refused, leaves nothing behind
    /// and goes through once the reader is gone: what the saver's retry
    /// counts on.
    #[test]
    fn atomic_write_over_a_file_that_is_open() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clock.json");
        let files = || std::fs::read_dir(dir.path()).unwrap().count();
        write_atomic(&path, b"old").unwrap();
        let mut reader = std::fs::File::open(&path).unwrap();
        match write_atomic(&path, b"new") {
            Ok(()) => {
                let mut seen = String::new();
                reader.read_to_string(&mut seen).unwrap();
                assert_eq!(seen, "old");
            }
            Err(e) if cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied => {
                assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
                assert_eq!(files(), 1, "a temporary file left behind");
                drop(reader);
                write_atomic(&path, b"new").unwrap();
            }
            Err(e) => panic!("{e}"),
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(files(), 1);
    }

    #[test]
    fn saver_coalesces_and_flushes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(move |r| {
            let _ = tx.send(r);
        });
        for i in 0..100 {
            saver.write(
                path.clone(),
                format!("{i}").into_bytes(),
                Duration::from_secs(60),
            );
        }
        assert!(saver.flush(Duration::from_secs(5)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "99");
        assert_eq!(rx.try_iter().count(), 1, "a hundred writes, one save");
    }

    #[test]
    fn saver_writes_by_its_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(move |r| {
            let _ = tx.send(r);
        });
        saver.write(path.clone(), b"soon".to_vec(), Duration::from_millis(20));
        let report = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(report, SaveReport::Saved(path.clone()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "soon");
    }

    #[test]
    fn failed_writes_are_retried_from_memory() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("later");
        let path = sub.join("x.json");
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(move |r| {
            let _ = tx.send(r);
        });
        saver.write(path.clone(), b"kept".to_vec(), Duration::ZERO);
        let first = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(matches!(first, SaveReport::Failed { .. }));
        std::fs::create_dir(&sub).unwrap();
        let saved = rx
            .iter()
            .find(|r| matches!(r, SaveReport::Saved(_)))
            .unwrap();
        assert_eq!(saved, SaveReport::Saved(path.clone()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    }

    #[test]
    fn move_aside_keeps_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lead-state.json");
        std::fs::write(&path, "old").unwrap();
        let t: jiff::Timestamp = "2026-11-24T10:15:00Z".parse().unwrap();
        let moved = move_aside(&path, "old", t).unwrap();
        assert_eq!(
            moved.file_name().unwrap().to_str().unwrap(),
            "lead-state.old-20261124T101500.json"
        );
        assert_eq!(std::fs::read_to_string(moved).unwrap(), "old");
        assert!(!path.exists());
    }
}
