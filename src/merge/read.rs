//! Finding and reading the merge's input files.
//!
//! A large merge is mostly memory traffic, so each core reads its files
//! through one buffer that it uses again and again, which stays in its
//! cache; the merge keeps only what it needs of each file.
//!
//! Only plain files are read, and a link inside a folder is not followed
//! (a path named on the command line may be one): such entries are
//! passed over with a note, never waited on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::files::{self, Links, MAX_FILE_BYTES, ReadError, Special, shown, too_large};
use crate::programme::Programme;

/// One input file: a file on disk, or a text given whole (standard
/// input, tests, the lead's export).
pub struct Input {
    /// As the user gave it (or as found in a folder), for messages and `sources`.
    pub name: String,
    source: Source,
}

enum Source {
    Disk(PathBuf, Links),
    Given(String),
}

impl Input {
    fn given(name: String, text: String) -> Input {
        Input {
            name,
            source: Source::Given(text),
        }
    }

    fn on_disk(path: PathBuf, links: Links) -> Input {
        Input {
            name: path.display().to_string(),
            source: Source::Disk(path, links),
        }
    }

    /// Whether the user named this file (rather than a folder it is in):
    /// then a file that cannot be read is an error, even one that is not
    /// a plain file.
    pub fn named(&self) -> bool {
        !matches!(self.source, Source::Disk(_, Links::Refuse))
    }

    /// The text, read into `buf` if it is on disk; or why it cannot be read.
    fn load<'s>(&'s self, buf: &'s mut Vec<u8>) -> Result<&'s str, ReadError> {
        match &self.source {
            Source::Disk(path, links) => files::read_text_into(path, *links, buf),
            // Standard input has the same limit as a file.
            Source::Given(text) if text.len() as u64 > MAX_FILE_BYTES => {
                Err(too_large(&self.name, text.len() as u64, true))
            }
            Source::Given(text) => Ok(text),
        }
    }
}

/// What was read: room files (and others, recognised later), the
/// programmes found among or beside them, and what was passed over.
pub struct Inputs {
    pub files: Vec<Input>,
    pub programmes: Vec<Programme>,
    /// Entries of folders that are not plain files (links, FIFOs, …),
    /// and what they are.
    pub passed_over: Vec<(String, Special)>,
}

impl Inputs {
    /// Inputs from texts in memory (for tests and the lead's export).
    pub fn from_texts(files: Vec<(String, String)>, programmes: Vec<Programme>) -> Inputs {
        Inputs {
            files: files
                .into_iter()
                .map(|(name, text)| Input::given(name, text))
                .collect(),
            programmes,
            passed_over: Vec::new(),
        }
    }

    /// `parse` over every file's text (or why it cannot be read), on
    /// every core, in order. The text is only lent: each core reads its
    /// files through one buffer.
    pub(super) fn read_each<R: Send>(
        &self,
        parse: impl Fn(usize, &Input, Result<&str, ReadError>) -> R + Sync,
    ) -> Vec<R> {
        let items: Vec<usize> = (0..self.files.len()).collect();
        crate::par::parallel_map_with(&items, Vec::new, |buf, &i| {
            let input = &self.files[i];
            parse(i, input, input.load(buf))
        })
    }
}

/// Whether a file in a session folder is somebody's temporary file, which
/// readers leave alone: oogst's own (`.name.XXXXXX`), Syncthing's
/// (`.syncthing.*.tmp`, `~syncthing~*`), editors' (`*~`).
pub(crate) fn is_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~syncthing~")
        || name.ends_with('~')
        || name.ends_with(".tmp")
}

/// What a folder holds for the merge.
#[derive(Default)]
struct Found {
    /// Plain `.json` files, with what the folder says of each.
    files: Vec<(PathBuf, Option<std::fs::Metadata>)>,
    /// Entries passed over (a link, a FIFO, …), and what they are.
    passed_over: PassedOver,
}

/// All `.json` files in `dir` and below, in a stable order, without
/// following links.
fn json_files(dir: &Path, found: &mut Found) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_temporary(&name) {
            continue;
        }
        let path = e.path();
        // The entry's own type: a link is a link, not what it points to.
        let kind = e.file_type()?;
        let json = name.to_ascii_lowercase().ends_with(".json");
        if kind.is_dir() {
            json_files(&path, found)?;
        } else if kind.is_symlink() {
            let to_folder = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
            if json || to_folder {
                found.passed_over.push((path, Special::Link));
            }
        } else if json && kind.is_file() {
            found.files.push((path, e.metadata().ok()));
        } else if json {
            let what = e.metadata().map_or(Special::Other, |m| Special::of(&m));
            found.passed_over.push((path, what));
        }
    }
    Ok(())
}

/// Entries of a folder passed over, and what they are.
pub type PassedOver = Vec<(PathBuf, Special)>;

/// Every plain `.json` file in `dir` and below that is not somebody's
/// temporary file, in a stable order; and the entries passed over.
pub fn json_files_in(dir: &Path) -> std::io::Result<(Vec<PathBuf>, PassedOver)> {
    let mut found = Found::default();
    json_files(dir, &mut found)?;
    Ok((
        found.files.into_iter().map(|(path, _)| path).collect(),
        found.passed_over,
    ))
}

/// What makes two paths the same file: its device and inode where there
/// are such (one `stat`), else its canonical path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path, meta: Option<&std::fs::Metadata>) -> Identity {
    #[cfg(unix)]
    if let Some(m) = meta {
        use std::os::unix::fs::MetadataExt;
        return Identity::Inode(m.dev(), m.ino());
    }
    let _ = meta;
    Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Reads the inputs: files as given (`-` is standard input), folders
/// searched for `.json` files; programmes among them or beside them (in
/// an input's folder or the folder above, where a session folder's
/// `programme.json` sits next to `rooms/`). The room files themselves are
/// read by the merge.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Inputs, ReadError> {
    let mut found = Found::default();
    // Files named on the command line: a link there is followed.
    let mut named: BTreeSet<PathBuf> = BTreeSet::new();
    let mut beside: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stdin: Option<String> = None;
    for p in paths {
        if p.as_os_str() == "-" {
            stdin = Some(files::read_stdin()?);
            continue;
        }
        let fail = |e: std::io::Error| ReadError::io(&shown(p), &e);
        let meta = std::fs::metadata(p).map_err(fail)?;
        if meta.is_dir() {
            json_files(p, &mut found).map_err(fail)?;
            beside.insert(p.join("programme.json"));
            if let Some(parent) = p.parent() {
                beside.insert(parent.join("programme.json"));
            }
        } else {
            named.insert(p.clone());
            found.files.push((p.clone(), Some(meta)));
            for up in p.ancestors().skip(1).take(2) {
                beside.insert(up.join("programme.json"));
            }
        }
    }
    // The same file given twice (or found twice) is read once.
    let mut seen = BTreeSet::new();
    let mut inputs = Inputs {
        files: Vec::with_capacity(found.files.len()),
        programmes: Vec::new(),
        // A link found in a folder and also named is read (as named).
        passed_over: found
            .passed_over
            .into_iter()
            .filter(|(p, _)| !named.contains(p))
            .map(|(p, why)| (shown(&p), why))
            .collect(),
    };
    for (path, meta) in found.files {
        let links = if named.contains(&path) {
            Links::Follow
        } else {
            Links::Refuse
        };
        let meta = meta.or_else(|| std::fs::symlink_metadata(&path).ok());
        if seen.insert(identity(&path, meta.as_ref())) {
            inputs.files.push(Input::on_disk(path, links));
        }
    }
    if let Some(text) = stdin {
        inputs.files.push(Input::given("<stdin>".into(), text));
    }
    for path in beside {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() || seen.contains(&identity(&path, Some(&meta))) {
            continue;
        }
        if let Ok(text) = files::read_text(&path, Links::Refuse)
            && let Ok(p) = Programme::parse(&text, &path.display().to_string())
        {
            inputs.programmes.push(p);
        }
    }
    Ok(inputs)
}
