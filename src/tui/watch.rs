//! `oogst watch [DIR]`: the live harvest of a session folder and the
//! lead's clock (from `clock.json`, as the host's header shows it), for a
//! co-facilitator or a second screen. Read-only: it writes nothing, ever
//! — not in the session folder, not a writer id in the config dir, no
//! lock — and so it has nothing to save or rescue when it stops.
//!
//! The folder is looked at off the drawing thread (its programme, the
//! clock, the room files that changed) when the watcher tells of a
//! change, and every two seconds in case it missed one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::harvest::{HarvestScreen, HarvestView};
use super::keys::{self, HarvestCommand as H};
use super::runtime::{self, App, Control, Persist, Worker};
use super::theme::Theme;
use super::widgets::countdown;
use crate::clock::{ClockDoc, Countdown, TimeSource};
use crate::files::{Links, read_text};
use crate::i18n::{Lang, fill};
use crate::merge::live::folder::LiveFolder;
use crate::merge::live::{Change, LiveHarvest};
use crate::programme::Programme;
use crate::session_dir::{SaveReport, Saver, SessionDir};
use crate::text;

/// How often the folder is looked at in case its watcher missed a change.
const LOOK_EVERY: Duration = Duration::from_secs(2);
/// How long the lead may stay silent before the clock counts as stale.
const STALE: SignedDuration = SignedDuration::from_secs(30);

/// Everything that can happen to `oogst watch`.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Tick,
    Saved(SaveReport),
    Stop,
    /// The session folder's programme, new or changed.
    Programme(Box<Programme>),
    /// It cannot be read (in words).
    ProgrammeProblem(String),
    /// The lead's clock, new or changed.
    Clock(Box<ClockDoc>),
    /// Room files that changed, as read.
    Harvest(Vec<(String, Change)>),
}

impl From<runtime::Input> for Msg {
    fn from(input: runtime::Input) -> Msg {
        use runtime::Input;
        match input {
            Input::Key(key) => Msg::Key(key),
            Input::Paste(text) => Msg::Paste(text),
            Input::Tick => Msg::Tick,
            Input::Saved(report) => Msg::Saved(report),
            Input::Stop => Msg::Stop,
        }
    }
}

/// What watching asks for: only to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
}

/// `oogst watch`'s state.
pub struct WatchApp {
    pub dir: PathBuf,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
    pub programme: Option<Programme>,
    pub programme_problem: Option<String>,
    pub clock: Option<ClockDoc>,
    /// The harvest of the programme's session, once there is a programme.
    pub harvest: Option<HarvestScreen>,
    pub help: bool,
}

impl WatchApp {
    pub fn new(dir: PathBuf, lang: Lang, theme: Theme, tz: TimeZone) -> WatchApp {
        WatchApp {
            dir,
            lang,
            theme,
            tz,
            programme: None,
            programme_problem: None,
            clock: None,
            harvest: None,
            help: false,
        }
    }

    /// The breakout the lead's clock is in (or comes to next).
    pub fn clock_round(&self) -> Option<&str> {
        let programme = self.programme.as_ref()?;
        let clock = self.clock.as_ref()?;
        let at = clock
            .current
            .as_ref()
            .map(|c| c.index)
            .or_else(|| clock.block.as_ref().map(|b| b.index))?;
        programme.round_at(at).map(|b| b.id.as_str())
    }

    pub fn update(&mut self, msg: Msg, _now: Timestamp) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => return self.on_key(key),
            Msg::Stop => return vec![Effect::Quit],
            Msg::Programme(p) => {
                let same = self
                    .harvest
                    .as_ref()
                    .is_some_and(|h| h.live.session() == p.id);
                match &mut self.harvest {
                    Some(h) if same => h.set_programme((*p).clone()),
                    // Another session in this folder: its harvest from the start.
                    _ => {
                        let live = LiveHarvest::new(&p.id, Some((*p).clone()));
                        self.harvest = Some(HarvestScreen::new(live));
                    }
                }
                self.programme = Some(*p);
                self.programme_problem = None;
            }
            Msg::ProgrammeProblem(why) => self.programme_problem = Some(why),
            Msg::Clock(doc) => self.clock = Some(*doc),
            Msg::Harvest(changes) => {
                if let Some(h) = &mut self.harvest {
                    h.apply(changes);
                }
            }
            Msg::Paste(_) | Msg::Tick | Msg::Saved(_) => {}
        }
        Vec::new()
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let command = keys::command(&keys::HARVEST, keys::HARVEST_WATCH, &key);
        if matches!(command, Some(H::Quit | H::SaveQuit)) {
            return vec![Effect::Quit];
        }
        // Any key closes the help; only the help's keys and Esc are swallowed.
        if self.help {
            self.help = false;
            if command == Some(H::Help) || key.code == ratatui::crossterm::event::KeyCode::Esc {
                return Vec::new();
            }
        }
        match command {
            Some(H::Help) => self.help = true,
            Some(c) => {
                let round = self.clock_round().map(str::to_string);
                if let Some(h) = &mut self.harvest {
                    h.on_command(c, &key, round.as_deref());
                }
            }
            None => {}
        }
        Vec::new()
    }

    /// The lead's clock for the top bar: the block and its time, in words
    /// as well as colour; a warning when the lead has gone quiet.
    fn clock_spans(&self, now: Timestamp, width: u16) -> Vec<Span<'static>> {
        let t = self.lang.t();
        let th = self.theme;
        let mut spans = vec![Span::styled(format!(" {} ", t.watch_badge), th.rehearsal())];
        spans.push(Span::raw(" "));
        let Some(clock) = &self.clock else {
            spans.push(Span::styled(format!("{} ", t.host_no_clock), th.dim()));
            return spans;
        };
        if let Some(r) = &clock.rehearsal {
            let speed = r.speed.to_string();
            spans.push(Span::styled(
                format!("{} ", fill(t.rehearsal, &[("speed", &speed)])),
                th.rehearsal(),
            ));
            spans.push(Span::raw(" "));
        }
        match (&clock.block, clock.countdown(now)) {
            (Some(block), Some(c)) => {
                if width >= 60 {
                    let title = text::truncate(&text::one_line(&block.title), 32).into_owned();
                    spans.push(Span::styled(format!("⏱ {title} · "), th.strong()));
                }
                let (words, style): (String, Style) = match c {
                    Countdown::Left(left) => (
                        fill(t.host_clock_left, &[("time", &countdown(left))]),
                        if left <= SignedDuration::from_secs(120) {
                            th.warn()
                        } else {
                            th.good()
                        },
                    ),
                    Countdown::Over(over) => (
                        fill(t.host_clock_over, &[("time", &countdown(-over))]),
                        th.alert(),
                    ),
                };
                spans.push(Span::styled(words, style));
                if clock.paused {
                    spans.push(Span::styled(
                        format!(" · {}", t.host_clock_paused),
                        th.warn(),
                    ));
                }
            }
            _ => spans.push(Span::styled(t.host_clock_waiting.to_string(), th.dim())),
        }
        let age = clock.age(now);
        if age > STALE {
            spans.push(Span::styled(
                format!(
                    " · ⚠ {}",
                    fill(t.host_clock_stale, &[("dur", &self.lang.duration(age))])
                ),
                th.warn(),
            ));
        }
        spans.push(Span::raw(" "));
        spans
    }
}

/// `oogst watch`'s whole screen at `now` (real time).
pub struct WatchView<'a> {
    pub app: &'a WatchApp,
    pub now: Timestamp,
}

impl Widget for WatchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.lang.t();
        let dir = app.dir.display().to_string();
        let waiting = fill(t.watch_waiting, &[("dir", &dir)]);
        let problem = app
            .programme_problem
            .as_ref()
            .map(|e| fill(t.watch_programme_problem, &[("error", e)]));
        let empty;
        let screen = match &app.harvest {
            Some(h) => h,
            None => {
                empty = HarvestScreen::new(LiveHarvest::new("", None));
                &empty
            }
        };
        let notice = match (&app.harvest, &problem) {
            (None, Some(p)) => Some(p.as_str()),
            (None, None) => Some(waiting.as_str()),
            (Some(_), _) => None,
        };
        HarvestView {
            screen,
            lang: app.lang,
            theme: app.theme,
            clock_round: app.clock_round(),
            title: app.programme.as_ref().map(|p| p.title.as_str()),
            right: app.clock_spans(self.now, area.width),
            keys: keys::HARVEST_WATCH,
            save_error: None,
            toast: None,
            notice,
            help: app.help,
        }
        .render(area, buf);
    }
}

impl App for WatchApp {
    type Msg = Msg;
    type Effect = Effect;
    fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        WatchApp::update(self, msg, now)
    }
    fn render(&self, now: Timestamp, area: Rect, buf: &mut Buffer) {
        WatchView { app: self, now }.render(area, buf);
    }
    /// The clock's next whole second.
    fn next_change(&self, now: Timestamp) -> Timestamp {
        let second = 1_000_000_000i128;
        let phase = now.as_nanosecond().rem_euclid(second);
        now + SignedDuration::from_nanos_i128(second - phase)
    }
    fn lang(&self) -> crate::i18n::Lang {
        self.lang
    }
    fn save_error(&self) -> Option<&str> {
        None
    }
    fn control(effect: &Effect) -> Option<Control> {
        match effect {
            Effect::Quit => Some(Control::Quit),
        }
    }
}

/// What tells that a file changed: its modified time, length and inode
/// (a plain file only; `None`: not there).
type Look = Option<(Option<SystemTime>, u64, u64)>;

fn look(path: &Path) -> Look {
    let meta = std::fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    meta.is_file()
        .then(|| (meta.modified().ok(), meta.len(), inode))
}

/// What the looks at the folder remember from one to the next; only a
/// look (off the drawing thread) holds it.
struct Looks {
    dir: SessionDir,
    lang: Lang,
    programme_seen: Look,
    clock_seen: Look,
    /// The session of the programme, and its room files.
    session: Option<String>,
    rooms: LiveFolder,
}

impl Looks {
    /// What changed in the folder since the last look: the programme, the
    /// clock, the room files (once there is a programme: its session).
    fn look(&mut self) -> Vec<Msg> {
        let mut news = self.look_at_lead();
        if self.session.is_some() {
            let changes = self.rooms.look(Timestamp::now());
            if !changes.is_empty() {
                news.push(Msg::Harvest(changes));
            }
        }
        news
    }

    /// The lead's two files, when they changed: the programme and the clock.
    fn look_at_lead(&mut self) -> Vec<Msg> {
        let mut news = Vec::new();
        let path = self.dir.programme_path();
        let now = look(&path);
        if now.is_some() && now != self.programme_seen {
            self.programme_seen = now;
            let name = crate::files::shown(&path);
            let read = read_text(&path, Links::Refuse)
                .map_err(|e| self.lang.read_error(&e))
                .and_then(|text| {
                    Programme::parse(&text, &name).map_err(|e| self.lang.file_error(&e))
                });
            match read {
                Ok(p) => {
                    if self.session.as_deref() != Some(p.id.as_str()) {
                        // Another session: its room files from the start.
                        self.session = Some(p.id.clone());
                        self.rooms = LiveFolder::new(self.dir.rooms_dir());
                    }
                    news.push(Msg::Programme(Box::new(p)));
                }
                Err(why) => news.push(Msg::ProgrammeProblem(why)),
            }
        }
        let path = self.dir.clock_path();
        let now = look(&path);
        if now.is_some() && now != self.clock_seen {
            // A clock half written keeps the last good one shown.
            if let Some(doc) = read_text(&path, Links::Refuse)
                .ok()
                .and_then(|text| ClockDoc::parse(&text, "clock.json").ok())
            {
                self.clock_seen = now;
                news.push(Msg::Clock(Box::new(doc)));
            }
        }
        news
    }
}

/// `oogst watch`'s side of the disk: looks only.
struct WatchIo {
    root: PathBuf,
    source: TimeSource,
    looks: Arc<Mutex<Looks>>,
    looking: bool,
    look_again: bool,
}

impl WatchIo {
    /// Looks at the folder off the drawing thread; one look at a time.
    fn look(&mut self, work: &Worker<WatchApp, WatchIo>) {
        if self.looking {
            self.look_again = true;
            return;
        }
        self.looking = true;
        self.look_again = false;
        let looks = Arc::clone(&self.looks);
        work.spawn(move || {
            let news = looks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .look();
            move |io: &mut WatchIo, _: &WatchApp, work: &Worker<WatchApp, WatchIo>| {
                io.looking = false;
                if io.look_again {
                    io.look(work);
                }
                news
            }
        });
    }
}

impl Persist<WatchApp> for WatchIo {
    fn time(&self) -> &TimeSource {
        &self.source
    }
    fn perform(
        &mut self,
        _: &WatchApp,
        _: Effect,
        _: Timestamp,
        _: Timestamp,
        _: &Worker<WatchApp, WatchIo>,
    ) {
    }
    fn period(&self) -> Duration {
        LOOK_EVERY
    }
    fn periodic(
        &mut self,
        _: &WatchApp,
        _: Timestamp,
        _: Timestamp,
        work: &Worker<WatchApp, WatchIo>,
    ) {
        self.look(work);
    }
    fn watched(&self) -> PathBuf {
        self.root.clone()
    }
    fn changed(&mut self, _: &WatchApp, _: &[PathBuf], work: &Worker<WatchApp, WatchIo>) {
        self.look(work);
    }
    fn due(&self) -> Option<std::time::Instant> {
        None
    }
    fn write_due(&mut self, _: &WatchApp, _: Timestamp, _: Timestamp) {}
    /// Nothing to save: watching writes nothing.
    fn save_all(&mut self, _: &WatchApp, _: Timestamp, _: Timestamp) {}
}

/// Why `oogst watch` cannot start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchError {
    /// The folder cannot be opened (why, in the system's kind).
    Folder(PathBuf, std::io::ErrorKind, String),
    /// The current folder is no session folder (no `programme.json`, no `rooms/`).
    NotSession(PathBuf),
}

impl WatchError {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            WatchError::Folder(dir, kind, raw) => {
                format!(
                    "{}: {}",
                    crate::files::shown(dir),
                    lang.io_words(*kind, raw)
                )
            }
            WatchError::NotSession(dir) => fill(
                lang.t().watch_not_session,
                &[("dir", &crate::files::shown(dir))],
            ),
        }
    }
}

/// Checks the session folder to watch: `dir` as given (it may not hold
/// a programme yet: the lead's is waited for), else the current folder,
/// which must look like a session folder.
pub fn session_folder(dir: Option<PathBuf>) -> Result<PathBuf, WatchError> {
    let given = dir.is_some();
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let meta = std::fs::metadata(&dir)
        .map_err(|e| WatchError::Folder(dir.clone(), e.kind(), e.to_string()))?;
    if !meta.is_dir() {
        let kind = std::io::ErrorKind::NotADirectory;
        return Err(WatchError::Folder(dir, kind, String::new()));
    }
    let session = SessionDir::new(&dir);
    let looks_like_one = std::fs::symlink_metadata(session.programme_path()).is_ok()
        || std::fs::symlink_metadata(session.rooms_dir()).is_ok_and(|m| m.is_dir());
    if !given && !looks_like_one {
        return Err(WatchError::NotSession(
            std::env::current_dir().unwrap_or(dir),
        ));
    }
    Ok(dir)
}

/// Runs `oogst watch` on `dir` until the user quits.
pub fn run_watch(dir: PathBuf, lang: Lang, theme: Theme, tz: TimeZone) -> Result<(), String> {
    let shown = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
    let mut app = WatchApp::new(shown, lang, theme, tz);
    let session = SessionDir::new(&dir);
    let mut looks = Looks {
        rooms: LiveFolder::new(session.rooms_dir()),
        dir: session,
        lang,
        programme_seen: None,
        clock_seen: None,
        session: None,
    };
    // The lead's programme and clock before the first frame (two small
    // files); the room files are read off the drawing thread.
    for msg in looks.look_at_lead() {
        app.update(msg, Timestamp::now());
    }
    let mut io = WatchIo {
        root: dir,
        source: TimeSource::real(),
        looks: Arc::new(Mutex::new(looks)),
        looking: false,
        look_again: false,
    };
    // Nothing is ever handed to it: watching writes nothing.
    let (_report_tx, reports) = tokio::sync::mpsc::unbounded_channel();
    let saver = Saver::spawn(|_| {});
    runtime::run(
        &mut app,
        &mut io,
        &saver,
        reports,
        lang.t().watch_crashed.to_string(),
    )
}
