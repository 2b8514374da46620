//! The host's side of the disk, wired to the event loop: the room file
//! (opened per round, locked so no second oogst on this machine writes
//! it, saved at once after a note and within a second of typing, defended
//! against older copies put back), a look every second at the lead's
//! `programme.json` and `clock.json`, and a rescue copy when the disk
//! takes nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::host_pick::ShellView;
use super::host_shell::{Effect, HostShell, Msg, OpenRoom, ShellOptions};
use super::runtime::{self, App, Control, Persist, Worker};
use super::theme::Theme;
use crate::clock::{ClockDoc, TimeSource};
use crate::files::{Links, read_text, shown};
use crate::i18n::{Lang, fill};
use crate::programme::Programme;
use crate::room::{self, RoomDoc, room_key};
use crate::session_dir::{Saver, SessionDir, move_aside, write_atomic};

/// Typing reaches the disk this long after the first keystroke at most
/// (and so within a second of the last), however fast the host types.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// How often the host looks at the lead's files and its own.
const LOOK: Duration = Duration::from_secs(1);
/// A room file that cannot be read this many looks in a row is set aside.
const BAD_LOOKS: u32 = 3;

/// What `oogst host` was asked to do.
pub struct HostOptions {
    /// The programme, or `None` to wait for the session folder's.
    pub programme: Option<Programme>,
    pub dir: SessionDir,
    /// `--room` as given, if given.
    pub room: Option<String>,
    pub name: String,
    pub writer: String,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
}

/// The open room file.
#[derive(Clone)]
struct RoomFile {
    path: PathBuf,
    /// Who the file belongs to, to tell it from somebody else's.
    session: String,
    block: String,
    room_key: String,
}

/// A file's look, to tell whether it changed.
type Look = Option<crate::files::FileStamp>;

fn look(path: &Path) -> Look {
    crate::files::FileStamp::look(path)
}

/// What the host's looks at the disk remember from one look to the next.
/// A copy goes off the drawing thread with each look and comes back with
/// what it found.
#[derive(Clone)]
struct Looks {
    dir: SessionDir,
    writer: String,
    lang: Lang,
    room: Option<RoomFile>,
    /// How the lead's files and the room file looked when last read.
    programme_seen: Look,
    clock_seen: Look,
    room_seen: Look,
    /// What this host last wrote to its room file (a fingerprint): only
    /// that is its own. An older copy of its own, put back, is not.
    written: Option<u64>,
    bad_looks: u32,
}

/// Everything the host's event loop needs besides the app.
pub struct HostSession {
    looks: Looks,
    /// The open room's lock: no second oogst on this machine writes it.
    lock: Option<std::fs::File>,
    /// Counts the rooms opened, to tell a look at an earlier room.
    opened: u64,
    source: TimeSource,
    saver: Option<Saver>,
    due: Option<Instant>,
    /// A look at the disk is under way.
    looking: bool,
    /// Something changed while it was: look again when it is done.
    look_again: bool,
}

impl Looks {
    /// Whether `doc` is the open room's.
    fn is_mine(&self, doc: &RoomDoc) -> bool {
        self.room.as_ref().is_some_and(|r| {
            doc.session == r.session
                && doc.block.as_deref() == Some(r.block.as_str())
                && room_key(&doc.room) == r.room_key
                && doc.writer == self.writer
        })
    }

    /// The lead's programme, when it appeared or changed.
    fn look_at_programme(&mut self) -> Option<Msg> {
        let path = self.dir.programme_path();
        let now = look(&path);
        if now.is_none() || now == self.programme_seen {
            return None;
        }
        self.programme_seen = now;
        let file = shown(&path);
        let text = match read_text(&path, Links::Refuse) {
            Ok(text) => text,
            Err(e) => return Some(Msg::ProgrammeProblem(self.lang.read_error(&e))),
        };
        Some(match Programme::parse(&text, &file) {
            Ok(p) => Msg::Programme(Box::new(p)),
            Err(e) => Msg::ProgrammeProblem(self.lang.file_error(&e)),
        })
    }

    /// The lead's clock, when it changed. A file missing for a moment (a
    /// sync engine replacing it) or half written keeps the last good copy.
    fn look_at_clock(&mut self) -> Option<Msg> {
        let path = self.dir.clock_path();
        let now = look(&path);
        if now.is_none() || now == self.clock_seen {
            return None;
        }
        let text = read_text(&path, Links::Refuse).ok()?;
        let doc = ClockDoc::parse(&text, "clock.json").ok()?;
        self.clock_seen = now;
        Some(Msg::Clock(Some(Box::new(doc))))
    }

    /// The room file, when someone else changed it or it went away.
    fn look_at_room(&mut self, now_ts: Timestamp) -> Option<Msg> {
        let path = self.room.as_ref()?.path.clone();
        let now = look(&path);
        if now.is_some() && now == self.room_seen {
            return None;
        }
        if now.is_none() {
            self.room_seen = None;
            // Gone (deleted, or replaced by a sync engine): written back.
            return Some(Msg::OnDisk(None));
        }
        let text = match read_text(&path, Links::Refuse) {
            Ok(t) => t,
            // A link or a FIFO in its place: written over (the rename
            // replaces it, it is never followed).
            Err(e) if e.not_plain() => return Some(Msg::OnDisk(None)),
            Err(_) => return None,
        };
        if self.written == Some(crate::files::fingerprint(text.as_bytes())) {
            // Our own write.
            self.room_seen = now;
            self.bad_looks = 0;
            return None;
        }
        match RoomDoc::parse(&text, &path.display().to_string()) {
            Ok(doc) if self.is_mine(&doc) => {
                self.room_seen = now;
                self.bad_looks = 0;
                Some(Msg::OnDisk(Some(Box::new(doc))))
            }
            Ok(_) => {
                // Somebody else's file in our place: it stays; ours moves
                // beside it.
                self.room_seen = now;
                let room = self.room.as_mut()?;
                let stem = path.file_stem()?.to_string_lossy().into_owned();
                room.path = (2..)
                    .map(|n| path.with_file_name(format!("{stem}-{n}.json")))
                    .find(|p| std::fs::symlink_metadata(p).is_err())?;
                Some(Msg::OnDisk(None))
            }
            Err(_) => {
                // Half synced, perhaps: looked at again; set aside (kept)
                // when it stays unreadable.
                self.bad_looks += 1;
                if self.bad_looks < BAD_LOOKS {
                    return None;
                }
                self.bad_looks = 0;
                move_aside(&path, room::SET_ASIDE, now_ts).ok()?;
                Some(Msg::OnDisk(None))
            }
        }
    }

    /// Whether a change of `path` is one the host looks at.
    fn watches(&self, path: &Path) -> bool {
        path == self.dir.clock_path()
            || path == self.dir.programme_path()
            || self.room.as_ref().is_some_and(|r| r.path == path)
    }
}

impl HostSession {
    /// The open room file.
    pub fn path(&self) -> Option<&Path> {
        self.looks.room.as_ref().map(|r| r.path.as_path())
    }

    /// Makes `opened` the open room (the room before lets go of its lock
    /// only now).
    fn take_room(
        &mut self,
        req: &OpenRoom,
        opened: room::open::Opened,
    ) -> (Box<RoomDoc>, Vec<room::open::Notice>) {
        self.looks.room = Some(RoomFile {
            path: opened.path,
            session: req.session.clone(),
            block: req.block.id.clone(),
            room_key: room_key(&req.room),
        });
        self.lock = Some(opened.lock);
        self.opened += 1;
        self.looks.room_seen = None;
        self.looks.bad_looks = 0;
        (Box::new(opened.doc), opened.notices)
    }

    /// Opens a room file (see [`room::open`]); keeps its lock.
    fn open(
        &mut self,
        req: &OpenRoom,
        now: Timestamp,
    ) -> Result<(Box<RoomDoc>, Vec<room::open::Notice>), String> {
        let opened = open_room(&self.looks, req, now)?;
        Ok(self.take_room(req, opened))
    }

    /// Opens a room file off the drawing thread; the app hears when it is.
    fn open_later(&mut self, req: OpenRoom, now: Timestamp, work: &Worker<HostShell, HostSession>) {
        let looks = self.looks.clone();
        work.spawn(move || {
            let opened = open_room(&looks, &req, now);
            move |s: &mut HostSession, _: &HostShell, _: &Worker<HostShell, HostSession>| {
                vec![Msg::RoomOpened(opened.map(|o| s.take_room(&req, o)))]
            }
        });
    }

    /// Looks at the lead's files and the room file off the drawing
    /// thread; what changed comes back. One look at a time: a change
    /// meanwhile makes one more look when it is done.
    fn look(&mut self, work: &Worker<HostShell, HostSession>) {
        if self.looking {
            self.look_again = true;
            return;
        }
        self.looking = true;
        self.look_again = false;
        let mut looks = self.looks.clone();
        let opened = self.opened;
        work.spawn(move || {
            let mut news: Vec<Msg> = [looks.look_at_programme(), looks.look_at_clock()]
                .into_iter()
                .flatten()
                .collect();
            let room_news = looks.look_at_room(Timestamp::now());
            move |s: &mut HostSession, _: &HostShell, work: &Worker<HostShell, HostSession>| {
                s.looking = false;
                s.looks.programme_seen = looks.programme_seen;
                s.looks.clock_seen = looks.clock_seen;
                // What it found of the room counts while the room is the
                // same (news of a room left is no news for the next); what
                // was written meanwhile is the newer.
                if s.opened == opened {
                    s.looks.room = looks.room;
                    s.looks.room_seen = looks.room_seen;
                    s.looks.bad_looks = looks.bad_looks;
                    news.extend(room_news);
                }
                if s.look_again {
                    s.look(work);
                }
                news
            }
        });
    }

    /// Queues the room's document for its file, `delay` from now at the latest.
    fn save(&mut self, shell: &HostShell, delay: Duration) {
        let Some(doc) = shell.app().map(|a| &a.doc) else {
            return;
        };
        if !self.looks.is_mine(doc) {
            return;
        }
        let (Some(room), Some(saver)) = (&self.looks.room, &self.saver) else {
            return;
        };
        let bytes = doc.to_json();
        self.looks.written = Some(crate::files::fingerprint(&bytes));
        saver.write(room.path.clone(), bytes, delay);
        if delay.is_zero() {
            self.due = None;
        }
    }

    /// What could not be saved, written to a rescue copy in the data dir
    /// (else the temp dir); the words for the host.
    fn write_rescue(&self, shell: &HostShell, now: Timestamp) -> Option<Result<String, String>> {
        let app = shell.app()?;
        let room = self.looks.room.as_ref()?;
        let lang = self.looks.lang;
        let t = lang.t();
        let name = room
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "room.json".into());
        let name = format!("{}-{name}", now.strftime("%Y%m%dT%H%M%S"));
        let bytes = app.doc.to_json();
        let places = directories::ProjectDirs::from("", "", "oogst")
            .map(|d| d.data_dir().join("rescue"))
            .into_iter()
            .chain([std::env::temp_dir().join("oogst-rescue")]);
        let mut why = Vec::new();
        for dir in places {
            let path = dir.join(&name);
            match std::fs::create_dir_all(&dir).and_then(|()| write_atomic(&path, &bytes)) {
                Ok(()) => {
                    let error = app.save_error.clone().unwrap_or_default();
                    return Some(Ok(fill(
                        t.host_rescued,
                        &[
                            ("file", &shown(&room.path)),
                            ("error", &crate::text::for_message(&error)),
                            ("rescue", &shown(&path)),
                        ],
                    )));
                }
                Err(e) => why.push(format!("{}: {}", shown(&path), lang.io_error(&e))),
            }
        }
        Some(Err(why.join("; ")))
    }
}

/// Opens a room file (see [`room::open`]).
fn open_room(looks: &Looks, req: &OpenRoom, now: Timestamp) -> Result<room::open::Opened, String> {
    room::open::open(&room::open::Request {
        dir: &looks.dir,
        session: &req.session,
        block: &req.block,
        first_round: req.first_round,
        room: &req.room,
        host: &req.host,
        writer: &looks.writer,
        now,
    })
    .map_err(|e| looks.lang.open_error(&e))
}

/// Prepares the host: the lead's clock as it is now, and the room, opened
/// at once when `--room` names one of the round's rooms (so that a room
/// open in another oogst is said before the screen starts); otherwise the
/// screen waits for the programme or lets the host pick.
pub fn start_host(opts: HostOptions, now: Timestamp) -> Result<(HostShell, HostSession), String> {
    if let Some(p) = &opts.programme
        && p.breakout().is_none()
    {
        return Err(fill(
            opts.lang.t().host_programme_without_rounds,
            &[("id", &crate::text::for_message(&p.id))],
        ));
    }
    let clock = read_text(&opts.dir.clock_path(), Links::Refuse)
        .ok()
        .and_then(|text| ClockDoc::parse(&text, "clock.json").ok());
    let mut session = HostSession {
        looks: Looks {
            dir: opts.dir.clone(),
            writer: opts.writer.clone(),
            lang: opts.lang,
            room: None,
            programme_seen: None,
            clock_seen: None,
            room_seen: None,
            written: None,
            bad_looks: 0,
        },
        lock: None,
        opened: 0,
        source: TimeSource::real(),
        saver: None,
        due: None,
        looking: false,
        look_again: false,
    };
    // What the host saw at the start is not news.
    session.looks.clock_seen = clock.as_ref().and_then(|_| look(&opts.dir.clock_path()));
    if opts.programme.is_some() {
        session.looks.programme_seen = look(&opts.dir.programme_path());
    }
    let (mut shell, fx) = HostShell::new(
        ShellOptions {
            programme: opts.programme,
            dir: opts.dir.root.display().to_string(),
            room: opts.room,
            name: opts.name,
            lang: opts.lang,
            theme: opts.theme,
            tz: opts.tz,
        },
        clock,
        now,
    );
    for effect in fx {
        if let Effect::OpenRoom(req) = effect {
            let opened = session.open(&req, now)?;
            shell.update(Msg::RoomOpened(Ok(opened)), now);
        }
    }
    Ok((shell, session))
}

impl App for HostShell {
    type Msg = Msg;
    type Effect = Effect;
    fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        HostShell::update(self, msg, now)
    }
    fn render(&self, now: Timestamp, area: Rect, buf: &mut Buffer) {
        ShellView { shell: self, now }.render(area, buf);
    }
    fn next_change(&self, now: Timestamp) -> Timestamp {
        HostShell::next_change(self, now)
    }
    fn lang(&self) -> crate::i18n::Lang {
        self.lang
    }
    fn save_error(&self) -> Option<&str> {
        HostShell::save_error(self)
    }
    fn control(effect: &Effect) -> Option<Control> {
        effect.control()
    }
    fn cannot_save(why: String) -> Option<Msg> {
        Some(Msg::CannotSave(why))
    }
}

impl Persist<HostShell> for HostSession {
    fn time(&self) -> &TimeSource {
        &self.source
    }
    fn perform(
        &mut self,
        shell: &HostShell,
        effect: Effect,
        now: Timestamp,
        _: Timestamp,
        work: &Worker<HostShell, HostSession>,
    ) {
        match effect {
            Effect::SaveState => {
                let soon = Instant::now() + SAVE_DELAY;
                self.due = Some(self.due.map_or(soon, |d| d.min(soon)));
            }
            Effect::SaveNow => self.save(shell, Duration::ZERO),
            Effect::OpenRoom(req) => self.open_later(*req, now, work),
            Effect::Quit | Effect::QuitAnyway | Effect::Bell => {}
        }
    }
    fn period(&self) -> Duration {
        LOOK
    }
    /// A look at the lead's files and the room file (in case the folder's
    /// watcher missed a change: a network share, a sync folder).
    fn periodic(
        &mut self,
        _: &HostShell,
        _: Timestamp,
        _: Timestamp,
        work: &Worker<HostShell, HostSession>,
    ) {
        self.look(work);
    }
    fn watched(&self) -> PathBuf {
        self.looks.dir.root.clone()
    }
    /// The lead's clock or programme or the room file changed: looked at.
    fn changed(&mut self, _: &HostShell, paths: &[PathBuf], work: &Worker<HostShell, HostSession>) {
        if paths.iter().any(|p| self.looks.watches(p)) {
            self.look(work);
        }
    }
    fn due(&self) -> Option<Instant> {
        self.due
    }
    fn write_due(&mut self, shell: &HostShell, _: Timestamp, _: Timestamp) {
        self.save(shell, Duration::ZERO);
    }
    fn save_all(&mut self, shell: &HostShell, _: Timestamp, _: Timestamp) {
        self.save(shell, Duration::ZERO);
    }
    fn rescue(&mut self, shell: &HostShell, now: Timestamp) -> Option<Result<String, String>> {
        self.write_rescue(shell, now)
    }
}

/// Runs the host's app until it quits; saves and restores on every way out.
pub fn run_host(mut shell: HostShell, mut session: HostSession) -> Result<(), String> {
    let (report_tx, reports) = tokio::sync::mpsc::unbounded_channel();
    let saver = Saver::spawn(move |r| {
        let _ = report_tx.send(r);
    });
    session.saver = Some(saver.clone());
    let crash_note = fill(
        shell.lang.t().host_crashed,
        &[("dir", &shown(&session.looks.dir.root))],
    );
    // The file exists from the start, so the lead's dashboard sees the room.
    session.save(&shell, Duration::ZERO);
    let now = Timestamp::now();
    shell.update(Msg::Tick, now);
    runtime::run(&mut shell, &mut session, &saver, reports, crash_note)
}
