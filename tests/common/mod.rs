//! A pseudo-terminal harness for running the real binary: keys go in as
//! bytes, signals come from outside, the output is collected.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Live {
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The screen, kept by a terminal emulator as the output comes.
    shown: Arc<Mutex<vt100::Parser>>,
    input: Box<dyn Write + Send>,
    /// The thread that reads the output, done at the output's end.
    reader: std::thread::JoinHandle<()>,
    // Kept open for the child's sake.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Live {
    /// `oogst lead --lang en --dir DIR EXTRA…`.
    pub fn start(dir: &Path, extra: &[&str]) -> Live {
        Live::start_with_env(dir, extra, &[])
    }

    pub fn start_with_env(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Live {
        let mut args = vec!["lead", "--lang", "en", "--dir", dir.to_str().unwrap()];
        args.extend(extra);
        Live::spawn(&args, env)
    }

    /// `oogst ARGS…` with extra environment variables.
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Live {
        Live::spawn_bin(Path::new(env!("CARGO_BIN_EXE_oogst")), args, env)
    }

    /// `BIN ARGS…` (an oogst built elsewhere, say) with extra environment
    /// variables.
    pub fn spawn_bin(bin: &Path, args: &[&str], env: &[(&str, &str)]) -> Live {
        Live::spawn_bin_in(bin, args, env, None)
    }

    /// `BIN ARGS…` with extra environment variables, in folder `cwd`
    /// (else the test's own).
    pub fn spawn_bin_in(
        bin: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: Option<&Path>,
    ) -> Live {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        if let Some(dir) = cwd {
            cmd.cwd(dir);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let output = Arc::new(Mutex::new(Vec::new()));
        let size = |n| std::num::NonZeroU16::new(n).unwrap();
        let shown = Arc::new(Mutex::new(vt100::Parser::new(size(30), size(100), 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (sink, screen) = (Arc::clone(&output), Arc::clone(&shown));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // The screen first: what is in the output is on it.
                screen.lock().unwrap().process(&buf[..n]);
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let input = pty.master.take_writer().unwrap();
        Live {
            child,
            output,
            shown,
            input,
            reader,
            _master: pty.master,
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).unwrap();
        self.input.flush().unwrap();
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name} {pid}");
    }

    /// Waits for the app to exit, and for the last of its output to be
    /// read (a busy machine may be slower at that than the app at
    /// leaving); its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        let code = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.exit_code();
            }
            assert!(Instant::now() < deadline, "the app did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        let read = Instant::now() + Duration::from_secs(2);
        while !self.reader.is_finished() && Instant::now() < read {
            std::thread::sleep(Duration::from_millis(10));
        }
        code
    }

    /// The screen as a person sees it now (the output run through a
    /// terminal emulator), one line per row.
    pub fn screen(&self) -> String {
        self.shown.lock().unwrap().screen().contents()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn json(path: &Path) -> Option<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The terminal is back as it was: alternate screen left, bracketed paste
/// off, cursor shown.
pub fn restored(output: &[u8]) -> bool {
    contains(output, b"\x1b[?1049l")
        && contains(output, b"\x1b[?2004l")
        && contains(output, b"\x1b[?25h")
}

/// A rendered buffer as text, one line per row; a wide character counts
/// once (it covers the next cell too).
pub fn text_of(buf: &ratatui::buffer::Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            s.push_str(symbol);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap();
        }
        s.push('\n');
    }
    s
}

/// A session folder holding `programme.json`, and the host's own config,
/// data and runtime folders, all in one temporary folder.
pub struct Folders {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub env: Vec<(String, String)>,
}

impl Folders {
    pub fn new(programme: &str) -> Folders {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessie");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("programme.json"), programme).unwrap();
        let env = ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"]
            .iter()
            .map(|k| {
                let p = tmp.path().join(k.to_lowercase());
                std::fs::create_dir_all(&p).unwrap();
                (k.to_string(), p.display().to_string())
            })
            .collect();
        Folders {
            _tmp: tmp,
            dir,
            env,
        }
    }

    /// `oogst host --lang en --dir DIR ARGS…` with these folders.
    pub fn spawn_host(&self, args: &[&str]) -> Live {
        self.spawn_in(Path::new(env!("CARGO_BIN_EXE_oogst")), "host", args, &[])
    }

    /// `BIN WHAT --lang en --dir DIR ARGS…` with these folders and `env`.
    pub fn spawn_in(&self, bin: &Path, what: &str, args: &[&str], env: &[(&str, &str)]) -> Live {
        let dir = self.dir.display().to_string();
        let mut all = vec![what, "--lang", "en", "--dir", &dir];
        all.extend(args);
        let env: Vec<(&str, &str)> = self
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(env.iter().copied())
            .collect();
        Live::spawn_bin(bin, &all, &env)
    }
}

/// `clock.json` as the lead writes it (in one rename), for `programme`
/// now, with the lead's `message`.
pub fn write_clock(dir: &Path, programme: &oogst::programme::Programme, message: &str) {
    use oogst::clock::{ClockDoc, ClockDocMessage, ClockState, TimeSource};
    let tz = jiff::tz::TimeZone::UTC;
    let now = jiff::Timestamp::now();
    let day = now.to_zoned_datetime(tz.clone()).date();
    let state = ClockState::new(programme, day, &tz, now);
    let mut doc = ClockDoc::build(programme, &state, now, now, &TimeSource::real(), &tz);
    doc.message = Some(ClockDocMessage {
        text: message.into(),
        at: doc.written.clone(),
    });
    let tmp = dir.join(".clock.json.tmp");
    std::fs::write(&tmp, doc.to_json()).unwrap();
    std::fs::rename(&tmp, dir.join("clock.json")).unwrap();
}
