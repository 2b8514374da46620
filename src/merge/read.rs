//! Finding and reading the merge's input files.
//!
//! A large merge is mostly memory traffic, so each core reads its files
//! through one buffer that it uses again and again, which stays in its
//! cache; the merge keeps only what it needs of each file.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::check::{MAX_FILE_BYTES, io_error, read_text, read_text_into, too_large};
use crate::i18n::Lang;
use crate::programme::Programme;

/// One input file: a file on disk, or a text given whole (standard
/// input, tests, the lead's export).
pub struct Input {
    /// As the user gave it (or as found in a folder), for messages and `sources`.
    pub name: String,
    source: Source,
}

enum Source {
    Disk(PathBuf),
    Given(String),
}

impl Input {
    fn given(name: String, text: String) -> Input {
        Input {
            name,
            source: Source::Given(text),
        }
    }

    fn on_disk(path: PathBuf) -> Input {
        Input {
            name: path.display().to_string(),
            source: Source::Disk(path),
        }
    }

    /// The text, read into `buf` if it is on disk; or why it cannot be read.
    fn load<'s>(&'s self, buf: &'s mut Vec<u8>, lang: Lang) -> Result<&'s str, String> {
        match &self.source {
            Source::Disk(path) => read_text_into(path, buf, lang),
            // Standard input has the same limit as a file.
            Source::Given(text) if text.len() as u64 > MAX_FILE_BYTES => {
                Err(too_large(&self.name, text.len() as u64, lang))
            }
            Source::Given(text) => Ok(text),
        }
    }
}

/// What was read: room files (and others, recognised later), and the
/// programmes found among or beside them.
pub struct Inputs {
    pub files: Vec<Input>,
    pub programmes: Vec<Programme>,
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
        }
    }

    /// `parse` over every file's text (or why it cannot be read), on
    /// every core, in order. The text is only lent: each core reads its
    /// files through one buffer.
    pub(super) fn read_each<R: Send>(
        &self,
        lang: Lang,
        parse: impl Fn(usize, &Input, Result<&str, String>) -> R + Sync,
    ) -> Vec<R> {
        let items: Vec<usize> = (0..self.files.len()).collect();
        crate::par::parallel_map_with(&items, Vec::new, |buf, &i| {
            let input = &self.files[i];
            parse(i, input, input.load(buf, lang))
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

/// All `.json` files in `dir` and below, in a stable order; with what the
/// folder says of each one that is a plain file (no second look needed).
fn json_files(
    dir: &Path,
    out: &mut Vec<(PathBuf, Option<std::fs::Metadata>)>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_temporary(&name) {
            continue;
        }
        let path = e.path();
        let kind = e.file_type()?;
        if kind.is_dir() {
            json_files(&path, out)?;
        } else if name.to_ascii_lowercase().ends_with(".json") {
            // A link is looked at where it leads, later.
            let meta = kind.is_file().then(|| e.metadata().ok()).flatten();
            out.push((path, meta));
        }
    }
    Ok(())
}

/// Every `.json` file in `dir` and below that is not somebody's
/// temporary file, in a stable order.
pub fn json_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    json_files(dir, &mut out)?;
    Ok(out.into_iter().map(|(path, _)| path).collect())
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
pub fn read_inputs(paths: &[PathBuf], lang: Lang) -> Result<Inputs, String> {
    let mut files: Vec<(PathBuf, Option<std::fs::Metadata>)> = Vec::new();
    let mut beside: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stdin: Option<String> = None;
    for p in paths {
        if p.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("<stdin>: {}", io_error(&e, lang)))?;
            stdin = Some(text);
            continue;
        }
        let meta =
            std::fs::metadata(p).map_err(|e| format!("{}: {}", p.display(), io_error(&e, lang)))?;
        if meta.is_dir() {
            json_files(p, &mut files)
                .map_err(|e| format!("{}: {}", p.display(), io_error(&e, lang)))?;
            beside.insert(p.join("programme.json"));
            if let Some(parent) = p.parent() {
                beside.insert(parent.join("programme.json"));
            }
        } else {
            files.push((p.clone(), Some(meta)));
            for up in p.ancestors().skip(1).take(2) {
                beside.insert(up.join("programme.json"));
            }
        }
    }
    // The same file given twice (or found twice) is read once.
    let mut seen = BTreeSet::new();
    let mut inputs = Inputs {
        files: Vec::with_capacity(files.len()),
        programmes: Vec::new(),
    };
    for (path, meta) in files {
        let meta = meta.or_else(|| std::fs::metadata(&path).ok());
        if seen.insert(identity(&path, meta.as_ref())) {
            inputs.files.push(Input::on_disk(path));
        }
    }
    if let Some(text) = stdin {
        inputs.files.push(Input::given("<stdin>".into(), text));
    }
    for path in beside {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() || seen.contains(&identity(&path, Some(&meta))) {
            continue;
        }
        if let Ok(text) = read_text(&path, lang)
            && let Ok(p) = Programme::parse(&text, &path.display().to_string())
        {
            inputs.programmes.push(p);
        }
    }
    Ok(inputs)
}
