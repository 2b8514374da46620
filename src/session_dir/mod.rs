//! The session folder: where each of its files is, and the user's own
//! settings. Every write to disk goes through [`save`]; [`lock`] keeps two
//! oogst processes on one machine from writing the same room file, and
//! [`lock_lead`] from leading the same session folder.

use std::path::PathBuf;

mod lock;
mod save;

pub use lock::{lock, lock_lead};
pub use save::{SaveReport, Saver, move_aside, write_atomic};

/// The folder that lead and hosts share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionDir {
    pub root: PathBuf,
}

impl SessionDir {
    pub fn new(root: impl Into<PathBuf>) -> SessionDir {
        SessionDir { root: root.into() }
    }

    /// `<data dir>/sessions/<programme id>/`, from the `directories` crate.
    pub fn default_for(programme_id: &str) -> Option<SessionDir> {
        let dirs = directories::ProjectDirs::from("", "", "oogst")?;
        Some(SessionDir::new(
            dirs.data_dir().join("sessions").join(programme_id),
        ))
    }

    pub fn programme_path(&self) -> PathBuf {
        self.root.join("programme.json")
    }
    pub fn clock_path(&self) -> PathBuf {
        self.root.join("clock.json")
    }
    pub fn lead_state_path(&self) -> PathBuf {
        self.root.join("lead-state.json")
    }
    pub fn rooms_dir(&self) -> PathBuf {
        self.root.join("rooms")
    }

    /// Creates the folder and its `rooms/` if they are not there yet.
    pub fn ensure(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(self.rooms_dir())
    }
}

/// The user's own settings: the writer id of this machine and the name
/// the host used last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub dir: PathBuf,
}

/// Whether `s` can be a writer id: 4–16 of `a-z0-9`.
fn valid_writer(s: &str) -> bool {
    (4..=16).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Six random letters and digits (`a-z0-9`).
fn random_word() -> std::io::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect())
}

impl Config {
    /// The config dir of the `directories` crate.
    pub fn locate() -> Option<Config> {
        let dirs = directories::ProjectDirs::from("", "", "oogst")?;
        Some(Config {
            dir: dirs.config_dir().to_path_buf(),
        })
    }

    /// This machine's writer id, made (six random letters and digits) the
    /// first time and kept, so every file this machine writes has its own
    /// name and every note id its own prefix.
    pub fn writer_id(&self) -> std::io::Result<String> {
        let path = self.dir.join("writer-id");
        if let Ok(s) = crate::files::read_text(&path, crate::files::Links::Follow)
            && valid_writer(s.trim())
        {
            return Ok(s.trim().to_string());
        }
        let id = random_word()?;
        std::fs::create_dir_all(&self.dir)?;
        write_atomic(&path, format!("{id}\n").as_bytes())?;
        Ok(id)
    }

    /// The host name used last, if any.
    pub fn last_name(&self) -> Option<String> {
        let path = self.dir.join("host-name");
        let s = crate::files::read_text(&path, crate::files::Links::Follow).ok()?;
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    pub fn remember_name(&self, name: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        write_atomic(&self.dir.join("host-name"), format!("{name}\n").as_bytes())
    }
}

/// This machine's name as people know it (`PC-ANNA`, `annas-macbook`):
/// the host name up to its first dot. `None` when the system says none.
pub fn machine_name() -> Option<String> {
    #[cfg(unix)]
    let name = rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned();
    #[cfg(windows)]
    let name = std::env::var("COMPUTERNAME").unwrap_or_default();
    #[cfg(not(any(unix, windows)))]
    let name = String::new();
    let short = name.split('.').next().unwrap_or_default().trim();
    (!short.is_empty()).then(|| short.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_id_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            dir: dir.path().join("oogst"),
        };
        let id = config.writer_id().unwrap();
        assert!(valid_writer(&id), "{id}");
        assert_eq!(id.len(), 6);
        assert_eq!(config.writer_id().unwrap(), id);
        assert_eq!(config.last_name(), None);
        config.remember_name("Anna de Vries").unwrap();
        assert_eq!(config.last_name().as_deref(), Some("Anna de Vries"));
    }

    #[test]
    fn the_machine_has_a_short_name() {
        if let Some(name) = machine_name() {
            assert!(!name.is_empty() && !name.contains('.'), "{name}");
        }
    }
}
