//! Opening a host's room and wiring it to the event loop: the room file
//! (continued, or set aside when it cannot be used), the lock that keeps a
//! second oogst on this machine from writing it too, coalesced saves, and
//! a look at the lead's `clock.json` every second.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::host::HostView;
use super::host_app::HostApp;
use super::runtime::{self, App, Effect, Msg, Persist};
use super::theme::Theme;

use crate::clock::{ClockDoc, TimeSource};
use crate::i18n::{Lang, fill};
use crate::programme::Programme;
use crate::room::{self, RoomDoc};
use crate::session_dir::{Saver, SessionDir, lock, move_aside};

/// Changes reach the disk this long after the first keystroke at most
/// (and within a second of the last), however fast the host types.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// How often the host looks at the lead's clock file.
const CLOCK_POLL: Duration = Duration::from_secs(1);

/// What `oogst host` was asked to do.
pub struct HostOptions {
    pub programme: Programme,
    pub dir: SessionDir,
    pub room: String,
    pub name: String,
    pub writer: String,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
}

/// The open room: its file, the lock on it, and where the lead's clock is.
pub struct HostSession {
    pub path: PathBuf,
    pub clock_path: PathBuf,
    _lock: std::fs::File,
    source: TimeSource,
}

/// Opens the room: continues its file, or starts one; a file that cannot
/// be used is never overwritten but moved aside, and the host is told.
pub fn start_host(
    opts: HostOptions,
    now: Timestamp,
) -> Result<(HostApp, HostSession, Vec<String>), String> {
    let t = opts.lang.t();
    let no_breakout = || match opts.lang {
        Lang::Nl => format!(
            "het programma \"{}\" heeft geen break-out met vragen",
            opts.programme.id
        ),
        Lang::En => format!(
            "the programme \"{}\" has no breakout with questions",
            opts.programme.id
        ),
    };
    let breakout = opts.programme.breakout().ok_or_else(no_breakout)?;
    let wanted = opts.room.trim();
    if wanted.is_empty() {
        return Err(match opts.lang {
            Lang::Nl => "geef een kamer met --room, bijvoorbeeld --room \"Kamer 1\"".into(),
            Lang::En => "give a room with --room, e.g. --room \"Kamer 1\"".into(),
        });
    }
    // A room of the programme is written as the programme writes it.
    let room = breakout
        .rooms
        .iter()
        .find(|r| r.trim().to_lowercase() == wanted.to_lowercase())
        .map_or(wanted, |r| r.trim())
        .to_string();

    let dir = opts.dir;
    dir.ensure()
        .map_err(|e| format!("{}: {e}", dir.root.display()))?;
    let path = dir.rooms_dir().join(room::file_name(&room, &opts.writer));
    let file = path.display().to_string();
    let held = lock(&path).map_err(|e| format!("{file}: {e}"))?;
    let Some(held) = held else {
        return Err(match opts.lang {
            Lang::Nl => format!("{room} is al open in een andere oogst op deze computer ({file})"),
            Lang::En => {
                format!("{room} is already open in another oogst on this computer ({file})")
            }
        });
    };

    let mut notices = Vec::new();
    let mut doc: Option<RoomDoc> = None;
    if path.exists() {
        let loaded = crate::files::read_text(&path, crate::files::Links::Refuse, opts.lang)
            .map_err(|e| e.into_message())
            .and_then(|text| RoomDoc::parse(&text, &file).map_err(|e| opts.lang.file_error(&e)))
            .and_then(|d| {
                if d.session == opts.programme.id {
                    Ok(d)
                } else {
                    Err(match opts.lang {
                        Lang::Nl => format!(
                            "{file}: hoort bij sessie \"{}\", niet bij \"{}\"",
                            d.session, opts.programme.id
                        ),
                        Lang::En => format!(
                            "{file}: belongs to session \"{}\", not \"{}\"",
                            d.session, opts.programme.id
                        ),
                    })
                }
            });
        match loaded {
            Ok(d) => {
                notices.push(fill(
                    t.host_continued,
                    &[
                        ("file", &file),
                        (
                            "n",
                            &d.notes.iter().filter(|n| !n.deleted).count().to_string(),
                        ),
                    ],
                ));
                doc = Some(d);
            }
            Err(why) => {
                let aside =
                    move_aside(&path, "corrupt", now).map_err(|e| format!("{file}: {e}"))?;
                notices.push(fill(
                    t.host_moved_aside,
                    &[
                        ("file", &file),
                        ("why", &why),
                        ("aside", &aside.display().to_string()),
                    ],
                ));
            }
        }
    }
    let mut doc = doc.unwrap_or_else(|| {
        RoomDoc::new(
            &opts.programme.id,
            &breakout.id,
            &room,
            &opts.name,
            &opts.writer,
            breakout.questions.clone(),
        )
    });
    if doc.questions != breakout.questions {
        notices.push(t.host_questions_differ.to_string());
    }
    doc.set_host(&opts.name);

    let mut app = HostApp::new(
        doc,
        opts.programme.title.clone(),
        opts.lang,
        opts.theme,
        opts.tz,
    );
    if let Some(n) = notices.last() {
        app.notify(n.clone(), notices.len() > 1 || n.contains(".corrupt-"), now);
    }
    let session = HostSession {
        path,
        clock_path: dir.clock_path(),
        _lock: held,
        source: TimeSource::real(),
    };
    Ok((app, session, notices))
}

impl App for HostApp {
    fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        HostApp::update(self, msg, now)
    }
    fn render(&self, now: Timestamp, area: Rect, buf: &mut Buffer) {
        HostView { app: self, now }.render(area, buf);
    }
    fn next_change(&self, now: Timestamp) -> Timestamp {
        HostApp::next_change(self, now)
    }
    fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }
}

/// The host's side of the disk.
struct HostIo<'a> {
    session: &'a HostSession,
    saver: Saver,
    due: Option<Instant>,
    /// What `clock.json` looked like when last read (modified, length).
    clock_seen: Option<(std::time::SystemTime, u64)>,
}

impl HostIo<'_> {
    fn save_now(&mut self, app: &HostApp) {
        self.due = None;
        self.saver
            .write(self.session.path.clone(), app.doc.to_json(), Duration::ZERO);
    }
}

impl Persist<HostApp> for HostIo<'_> {
    fn time(&self) -> &TimeSource {
        &self.session.source
    }
    fn perform(&mut self, _: &HostApp, effect: Effect, _: Timestamp, _: Timestamp) -> Option<Msg> {
        if effect == Effect::SaveState {
            let soon = Instant::now() + SAVE_DELAY;
            self.due = Some(self.due.map_or(soon, |d| d.min(soon)));
        }
        None
    }
    fn period(&self) -> Duration {
        CLOCK_POLL
    }
    /// Reads `clock.json` when it changed. A file that is missing for a
    /// moment (a sync engine replacing it) or half written keeps the last
    /// good copy on screen.
    fn periodic(&mut self, _: &HostApp, _: Timestamp, _: Timestamp) -> Option<Msg> {
        let meta = std::fs::metadata(&self.session.clock_path).ok()?;
        let seen = (meta.modified().ok()?, meta.len());
        if self.clock_seen == Some(seen) {
            return None;
        }
        let text = std::fs::read_to_string(&self.session.clock_path).ok()?;
        let doc = ClockDoc::parse(&text, "clock.json").ok()?;
        self.clock_seen = Some(seen);
        Some(Msg::Clock(Some(Box::new(doc))))
    }
    fn due(&self) -> Option<Instant> {
        self.due
    }
    fn write_due(&mut self, app: &HostApp, _: Timestamp, _: Timestamp) {
        self.save_now(app);
    }
    fn save_all(&mut self, app: &HostApp, _: Timestamp, _: Timestamp) {
        self.save_now(app);
    }
}

/// Runs the host's app until it quits; saves and restores on every way out.
pub fn run_host(mut app: HostApp, session: HostSession) -> Result<(), String> {
    let (report_tx, reports) = tokio::sync::mpsc::unbounded_channel();
    let saver = Saver::spawn(move |r| {
        let _ = report_tx.send(r);
    });
    let crash_note = fill(
        app.lang.t().host_crashed,
        &[("dir", &session.path.display().to_string())],
    );
    let mut io = HostIo {
        session: &session,
        saver: saver.clone(),
        due: None,
        clock_seen: None,
    };
    // The file exists from the start, so the lead's dashboard sees the room.
    io.save_now(&app);
    runtime::run(&mut app, &mut io, &saver, reports, crash_note)
}
