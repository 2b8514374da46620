//! The terminal shell around the core: the lead's and the host's start-up
//! and their wiring to the event loop of [`runtime`].

pub mod burst;
pub mod chrome;
pub mod editor;
pub mod harvest;
pub mod host;
pub mod host_alerts;
pub mod host_app;
pub mod host_msg;
pub mod host_pick;
pub mod host_session;
pub mod host_shell;
pub mod keys;
pub mod lead;
pub mod lead_app;
pub mod lead_replan;
pub mod platform;
pub mod runtime;
pub mod theme;
pub mod watch;
pub mod widgets;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::clock::lead::{Lock, Start, may_start};
use crate::clock::{ClockDoc, ClockLead, ClockState, TimeSource, instant_of};
use crate::export::{By, Format};
use crate::i18n::{Lang, fill};
use crate::lead_state::{LeadState, Rehearsal};
use crate::programme::{DayTime, Programme};
use crate::session_dir::{Saver, SessionDir, lock_lead, machine_name, move_aside, write_atomic};
use lead_app::LeadApp;
use lead_app::{Effect, Msg};
pub use runtime::restore_terminal;
use runtime::{App, Persist, Worker};
use theme::Theme;

/// How often the lead looks at the room files for the dashboard.
const ROOMS_POLL: Duration = Duration::from_secs(2);
/// Every fifth look (10 s) the lead rewrites `clock.json` instead, so
/// hosts can tell a quiet lead from a gone one.
const HEARTBEAT_TICKS: u32 = 5;

/// What `oogst lead` was asked to do.
pub struct LeadOptions {
    pub programme: Programme,
    pub dir: SessionDir,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
    /// `--at HH:MM`: the virtual wall clock at start-up.
    pub at: Option<DayTime>,
    /// `--speed N`.
    pub speed: Option<f64>,
    /// `--fresh`: set the saved clock aside and start anew.
    pub fresh: bool,
    /// `--take-over`: lead even though another lead wrote the clock a
    /// moment ago (that lead then only follows).
    pub take_over: bool,
    /// This machine's writer id (from the config dir); `None`: none could
    /// be made, and this run makes one of its own.
    pub writer: Option<String>,
}

/// Everything the event loop needs besides the app.
pub struct Session {
    pub dir: SessionDir,
    pub day: Date,
    pub source: TimeSource,
    pub rehearsal_at: Option<String>,
    /// This run of the lead, as `clock.json` names it.
    pub lead: ClockLead,
    /// This machine's lock on leading the session folder, held while
    /// this lead leads (let go once another took over).
    lock: Option<std::fs::File>,
}

impl Session {
    pub fn lead_state(&self, app: &LeadApp, now: Timestamp) -> LeadState {
        let rehearsal = self.source.is_rehearsal().then(|| Rehearsal {
            at: self.rehearsal_at.clone(),
            speed: self.source.speed(),
            virtual_now: now,
        });
        let mut state = LeadState::new(&app.programme, self.day, rehearsal, app.clock.clone())
            .with_history(app.history.clone());
        state.edited = app.programme_edited;
        state
    }

    pub fn clock_doc(&self, app: &LeadApp, now: Timestamp, real: Timestamp) -> ClockDoc {
        let mut doc = ClockDoc::build(&app.programme, &app.clock, now, real, &self.source, &app.tz);
        doc.lead = Some(self.lead.clone());
        doc
    }
}

/// Prepares the lead: one lead per session (another lead that wrote the
/// session's clock less than 30 s ago, or another lead of the folder on
/// this machine, and this one does not start, before it writes
/// anything), the session folder (with the programme in it), the time
/// source, and the clock — resumed from `lead-state.json` when that
/// belongs to this programme, day and mode, else fresh (the old file kept
/// aside). Returns the app, the session and notices for the lead.
pub fn start_lead(
    mut opts: LeadOptions,
    real_now: Timestamp,
) -> Result<(LeadApp, Session, Vec<String>), String> {
    let t = opts.lang.t();
    let dir = opts.dir;
    dir.ensure().map_err(|e| {
        format!(
            "{}: {}",
            crate::files::shown(&dir.root),
            opts.lang.io_error(&e)
        )
    })?;
    let (lock, held) = match lock_lead(&dir.root) {
        Ok(Some(file)) => (Lock::Held, Some(file)),
        Ok(None) => (Lock::Busy, None),
        Err(_) => (Lock::Unknown, None),
    };
    // Only a plain file of the session folder; one that cannot be read
    // (half synced, say) names no lead.
    let found = crate::files::read_text(&dir.clock_path(), crate::files::Links::Refuse)
        .ok()
        .and_then(|text| ClockDoc::parse(&text, "clock.json").ok());
    let random = getrandom::u32().unwrap_or_else(|_| std::process::id());
    let writer = opts.writer.unwrap_or_else(|| format!("x{random:08x}"));
    let me = ClockLead::start(
        &writer,
        machine_name(),
        real_now,
        found.as_ref().and_then(|d| d.lead.as_ref()),
        random,
    );
    let start = may_start(
        found.as_ref(),
        &opts.programme.id,
        &me,
        lock,
        opts.take_over,
        real_now,
    )
    .map_err(|why| {
        let shown = crate::files::shown(&dir.root);
        opts.lang.lead_refused(&why, &shown)
    })?;
    let programme_path = dir.programme_path();
    let mut notices = Vec::new();
    // The programme was changed during this meeting (the session folder's
    // copy is what the saved clock ran): that copy is the meeting's, not
    // the file given again at a restart.
    let edited = (!opts.fresh)
        .then(|| edited_in_session(&dir, &opts.programme))
        .flatten();
    let programme_edited = edited.is_some();
    if let Some(programme) = edited {
        opts.programme = programme;
    }
    let unchanged = crate::files::read_text(&programme_path, crate::files::Links::Refuse)
        .is_ok_and(|s| s == opts.programme.source);
    if !unchanged {
        write_atomic(&programme_path, opts.programme.source.as_bytes()).map_err(|e| {
            format!(
                "{}: {}",
                crate::files::shown(&programme_path),
                opts.lang.io_error(&e)
            )
        })?;
    }

    let rehearsal = opts.at.is_some() || opts.speed.is_some();
    let today = real_now.to_zoned_datetime(opts.tz.clone()).date();
    let mut source = if rehearsal {
        let start = match opts.at {
            Some(at) => instant_of(today, at, &opts.tz),
            None => real_now,
        };
        TimeSource::rehearsal(real_now, start, opts.speed.unwrap_or(1.0))
    } else {
        TimeSource::real()
    };
    let rehearsal_at = opts.at.map(|a| a.to_string());

    let state_path = dir.lead_state_path();
    let mut day = source
        .virtual_at(real_now)
        .to_zoned_datetime(opts.tz.clone())
        .date();
    let mut resumed: Option<(ClockState, crate::clock::History)> = None;
    // Only a plain file of the session folder (a FIFO there is never waited on).
    if let Ok(text) = crate::files::read_text(&state_path, crate::files::Links::Refuse) {
        let file = state_path.display().to_string();
        let saved = LeadState::parse(&text, &file);
        let speed = opts.speed.or(rehearsal.then_some(1.0));
        let fits = saved
            .as_ref()
            .is_ok_and(|s| s.fits(&opts.programme, day, rehearsal_at.as_deref(), speed));
        // A programme edited since (during the meeting, or by hand while
        // the lead was closed): the clock resumes by the blocks' ids.
        let by_ids = saved.as_ref().is_ok_and(|s| {
            !fits && s.fits_by_ids(&opts.programme, day, rehearsal_at.as_deref(), speed)
        });
        match saved {
            Ok(s) if (fits || by_ids) && !opts.fresh => {
                if let Some(r) = &s.rehearsal {
                    source = TimeSource::rehearsal(real_now, r.virtual_now, r.speed);
                    day = s.day;
                }
                if by_ids {
                    let now = source.virtual_at(real_now);
                    let clock = crate::programme_edit::follow::follow(
                        &s.clock,
                        &s.ids,
                        &opts.programme,
                        s.day,
                        &opts.tz,
                        now,
                    );
                    // The steps to undo were made for the programme as it
                    // was: none is applied to one changed since.
                    resumed = Some((clock, crate::clock::History::default()));
                    notices.push(t.resumed_by_ids.to_string());
                } else {
                    resumed = Some((s.clock, s.history));
                    notices.push(t.resumed.to_string());
                }
            }
            _ => {
                let moved = move_aside(&state_path, "old", real_now)
                    .map_err(|e| format!("{file}: {}", opts.lang.io_error(&e)))?;
                let name = moved
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                notices.push(fill(t.fresh_state, &[("file", &name)]));
            }
        }
    }
    let now = source.virtual_at(real_now);
    let (clock, history) = resumed.unwrap_or_else(|| {
        let fresh = ClockState::new(&opts.programme, day, &opts.tz, now);
        (fresh, crate::clock::History::default())
    });
    let app = LeadApp::new(
        opts.programme,
        clock,
        opts.lang,
        opts.theme,
        opts.tz,
        Some(dir.root.clone()),
        rehearsal.then(|| source.speed()),
        now,
    )
    .with_history(history)
    .leading_as(me.clone());
    let mut app = app;
    app.programme_edited = programme_edited;
    if programme_edited {
        notices.push(t.kept_session_programme.to_string());
    }
    // Said last: the lead sees the last notice.
    if let Start::TakeOver(from) = &start {
        let machine = opts.lang.lead_name(from);
        notices.push(fill(t.took_over, &[("machine", &machine)]));
    }
    let session = Session {
        dir,
        day,
        source,
        rehearsal_at,
        lead: me,
        lock: held,
    };
    Ok((app, session, notices))
}

/// The session folder's programme, when it is of the same session as
/// `given` but differs, was changed during the meeting, and is the one
/// the saved clock ran (so a lead restarted with the file it began with
/// keeps the meeting's edits).
fn edited_in_session(dir: &SessionDir, given: &Programme) -> Option<Programme> {
    use crate::files::{Links, read_text};
    let text = read_text(&dir.programme_path(), Links::Refuse).ok()?;
    if text == given.source {
        return None;
    }
    let programme = Programme::parse(&text, "programme.json").ok()?;
    let state = read_text(&dir.lead_state_path(), Links::Refuse).ok()?;
    let state = LeadState::parse(&state, "lead-state.json").ok()?;
    (programme.id == given.id
        && state.session == given.id
        && state.edited
        && state.programme == programme.fingerprint())
    .then_some(programme)
}

/// The lead's side of the disk: `lead-state.json` and `clock.json`,
/// written at once (the lead acts seldom), and a heartbeat every 10 s;
/// the dashboard's look at the room files and the harvest, both off the
/// drawing thread.
struct LeadIo {
    session: Session,
    saver: Saver,
    /// The lead's programme (as last edited or taken in), for the work
    /// off the drawing thread.
    programme: Arc<Programme>,
    /// What the dashboard's looks remember; only a look (off the drawing
    /// thread) holds it.
    rooms: Arc<Mutex<crate::rooms::RoomsWatch>>,
    /// A look at the room files is under way.
    looking: bool,
    /// The folder changed while it was: look again when it is done.
    look_again: bool,
    /// The round of the clock when the rooms were last looked at.
    looked_round: Option<Option<String>>,
    ticks: u32,
    lang: Lang,
    /// A look at `clock.json` is under way.
    looking_at_clock: bool,
    /// What the last look at `clock.json` found (a fingerprint), so the
    /// same file is told once.
    clock_seen: Option<u64>,
    /// The live harvest's looks at the room files, once the lead opened it.
    harvest: Option<harvest::FolderLooks>,
    /// `programme.json` as this lead last wrote or took it in (fingerprints
    /// of the last few), so that only someone else's change is news.
    programmes_known: std::collections::VecDeque<u64>,
    /// A look at `programme.json` is under way.
    looking_at_programme: bool,
}

/// How many of its own programmes the lead remembers.
const PROGRAMMES_KNOWN: usize = 8;

impl LeadIo {
    /// Looks at `clock.json`, off the drawing thread: another lead may
    /// have taken over (or an older copy come back). The app hears of
    /// it when it changed.
    fn look_at_clock(&mut self, work: &Worker<LeadApp, LeadIo>) {
        if self.looking_at_clock {
            return;
        }
        self.looking_at_clock = true;
        let path = self.session.dir.clock_path();
        work.spawn(move || {
            let text = crate::files::read_text(&path, crate::files::Links::Refuse).ok();
            let real = Timestamp::now();
            move |io: &mut LeadIo, _: &LeadApp, _: &Worker<LeadApp, LeadIo>| {
                io.looking_at_clock = false;
                let Some(text) = text else { return Vec::new() };
                let seen = crate::files::fingerprint(text.as_bytes());
                if io.clock_seen == Some(seen) {
                    return Vec::new();
                }
                // Half written by a sync engine: looked at again next time.
                let Ok(doc) = ClockDoc::parse(&text, "clock.json") else {
                    return Vec::new();
                };
                io.clock_seen = Some(seen);
                vec![Msg::ClockOnDisk {
                    doc: Box::new(doc),
                    real,
                }]
            }
        });
    }

    /// Remembers a programme text as the lead's own (written or taken in).
    fn know_programme(&mut self, text: &str) {
        let seen = crate::files::fingerprint(text.as_bytes());
        if self.programmes_known.back() != Some(&seen) {
            self.programmes_known.push_back(seen);
        }
        while self.programmes_known.len() > PROGRAMMES_KNOWN {
            self.programmes_known.pop_front();
        }
    }

    /// Writes `text` to `programme.json` unless it is what the lead last
    /// wrote or took in there (a programme taken in from the disk is not
    /// written back; an edit undone is).
    fn write_programme(&mut self, text: &str) {
        let fp = crate::files::fingerprint(text.as_bytes());
        if self.programmes_known.back() == Some(&fp) {
            return;
        }
        self.know_programme(text);
        self.saver.write(
            self.session.dir.programme_path(),
            text.as_bytes().to_vec(),
            Duration::ZERO,
        );
    }

    /// Looks at `programme.json`, off the drawing thread: someone may have
    /// edited it. The app hears of a programme it did not write itself; a
    /// file missing for a moment (a sync engine replacing it) is no news.
    fn look_at_programme(&mut self, work: &Worker<LeadApp, LeadIo>) {
        if self.looking_at_programme {
            return;
        }
        self.looking_at_programme = true;
        let path = self.session.dir.programme_path();
        work.spawn(move || {
            let text = crate::files::read_text(&path, crate::files::Links::Refuse).ok();
            move |io: &mut LeadIo, app: &LeadApp, _: &Worker<LeadApp, LeadIo>| {
                io.looking_at_programme = false;
                let Some(text) = text else { return Vec::new() };
                let seen = crate::files::fingerprint(text.as_bytes());
                if text == app.programme.source {
                    return Vec::new();
                }
                // One of the lead's own earlier programmes (a write still
                // under way, or an older copy put back by a sync engine):
                // the lead's programme goes there again, not the other way.
                if io.programmes_known.contains(&seen) {
                    if !app.is_read_only() {
                        io.write_programme(&app.programme.source);
                    }
                    return Vec::new();
                }
                io.know_programme(&text);
                let read = Programme::parse(&text, "programme.json");
                vec![Msg::ProgrammeOnDisk(Box::new(read))]
            }
        });
    }

    /// Looks at the room files for the live harvest, if the lead has
    /// opened it.
    fn look_for_harvest(&mut self, work: &Worker<LeadApp, LeadIo>) {
        if let Some(looks) = &mut self.harvest {
            looks.look(work, Msg::Harvest, |io: &mut LeadIo| io.harvest.as_mut());
        }
    }

    /// Looks at the room files again, off the drawing thread, for the
    /// round of the lead's clock; the dashboard's rows come back when they
    /// changed. Ages on the dashboard are in the clock's time (a
    /// rehearsal's too). One look at a time: a change meanwhile makes one
    /// more look when it is done.
    fn look_at_rooms(&mut self, app: &LeadApp, work: &Worker<LeadApp, LeadIo>) {
        if self.looking {
            self.look_again = true;
            return;
        }
        self.looking = true;
        self.look_again = false;
        self.looked_round = Some(round_of(app).map(str::to_string));
        let source = self.session.source;
        let dir = self.session.dir.rooms_dir();
        let programme = Arc::clone(&self.programme);
        let rooms = Arc::clone(&self.rooms);
        let at = app.clock.current;
        work.spawn(move || {
            let real = Timestamp::now();
            let mut watch = rooms
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let rows = watch.scan(&dir, &programme, at, real).map(|mut rows| {
                for r in &mut rows.rooms {
                    r.changed = r.changed.map(|c| source.virtual_at(c));
                }
                rows
            });
            move |io: &mut LeadIo, app: &LeadApp, work: &Worker<LeadApp, LeadIo>| {
                io.looking = false;
                if io.look_again
                    || io.looked_round.as_ref().map(Option::as_deref) != Some(round_of(app))
                {
                    io.look_at_rooms(app, work);
                }
                rows.map(|r| Msg::Rooms(Box::new(r))).into_iter().collect()
            }
        });
    }
}

/// The round the lead's clock is in.
fn round_of(app: &LeadApp) -> Option<&str> {
    app.programme
        .round_at(app.clock.current)
        .map(|b| b.id.as_str())
}

/// The lead's harvest (`e`): the room files of the lead's own session,
/// with the lead's programme (so rounds and titles are those the clock
/// runs), past files that cannot be used, as `harvest.md` and
/// `harvest.html` in the session folder. Returns the notice for the lead:
/// where the harvest went, and how many files it left out.
pub fn export_harvest(
    dir: &SessionDir,
    programme: &Programme,
    lang: Lang,
) -> Result<String, String> {
    let mut inputs =
        crate::merge::read_inputs(&[dir.rooms_dir()]).map_err(|e| lang.read_error(&e))?;
    inputs.programmes = vec![programme.clone()];
    let opts = crate::merge::Options {
        session: Some(programme.id.clone()),
        keep_going: true,
        drafts: true,
    };
    let (harvest, report) =
        crate::merge::merge(&inputs, &opts).map_err(|e| lang.merge_error(&e).join("; "))?;
    let mut written = Vec::new();
    for (name, format) in [("harvest.md", Format::Md), ("harvest.html", Format::Html)] {
        let path = dir.root.join(name);
        let mut bytes = Vec::new();
        crate::export::write(&harvest, format, By::Question, lang, &mut bytes)
            .and_then(|()| write_atomic(&path, &bytes))
            .map_err(|e| format!("{}: {}", path.display(), lang.io_error(&e)))?;
        written.push(path.display().to_string());
    }
    Ok(export_notice(&written.join(", "), &report, lang))
}

/// "Harvest written: WHERE", and first what was left out, if anything:
/// files of another session, files that could not be used.
fn export_notice(place: &str, report: &crate::merge::Report, lang: Lang) -> String {
    let t = lang.t();
    let other = report.other_session;
    let skipped = report.skipped.len().saturating_sub(other);
    let mut left_out = Vec::new();
    if other > 0 {
        let files = lang.count_files(other);
        left_out.push(fill(t.export_other_session, &[("files", &files)]));
    }
    if skipped > 0 {
        let files = lang.count_files(skipped);
        left_out.push(fill(t.export_skipped, &[("files", &files)]));
    }
    if left_out.is_empty() {
        fill(t.export_done, &[("where", place)])
    } else {
        let left_out = left_out.join(", ");
        fill(
            t.export_left_out,
            &[("left_out", &left_out), ("where", place)],
        )
    }
}

impl Persist<LeadApp> for LeadIo {
    fn time(&self) -> &TimeSource {
        &self.session.source
    }
    fn perform(
        &mut self,
        app: &LeadApp,
        effect: Effect,
        now: Timestamp,
        real: Timestamp,
        work: &Worker<LeadApp, LeadIo>,
    ) {
        // Taken over: the session's clock is the other lead's.
        if app.is_read_only()
            && matches!(
                effect,
                Effect::SaveState | Effect::WriteClock | Effect::WriteProgramme
            )
        {
            return;
        }
        let (path, bytes) = match effect {
            Effect::Follow => {
                self.session.lock = None;
                if let Some(ro) = &app.read_only {
                    self.session.source = ro.source;
                }
                return;
            }
            Effect::SaveState => (
                self.session.dir.lead_state_path(),
                self.session.lead_state(app, now).to_json(),
            ),
            Effect::WriteClock => (
                self.session.dir.clock_path(),
                self.session.clock_doc(app, now, real).to_json(),
            ),
            // An undone (or redone) programme edit: the hosts see it, and
            // the work off the drawing thread (the export) uses it.
            Effect::Export => {
                let dir = self.session.dir.clone();
                let programme = Arc::clone(&self.programme);
                let lang = self.lang;
                work.spawn(move || {
                    let done = export_harvest(&dir, &programme, lang);
                    move |_: &mut LeadIo, _: &LeadApp, _: &Worker<LeadApp, LeadIo>| {
                        vec![Msg::Exported(done)]
                    }
                });
                return;
            }
            Effect::WatchHarvest => {
                let rooms = self.session.dir.rooms_dir();
                self.harvest
                    .get_or_insert_with(|| harvest::FolderLooks::new(rooms));
                self.look_for_harvest(work);
                return;
            }
            // The hosts read the programme from here; the looks at the
            // rooms and the harvest go by it from now on.
            Effect::WriteProgramme => {
                self.programme = Arc::new(app.programme.clone());
                let text = &app.programme.source;
                // Taken over: the other lead's programme is taken in, not
                // written.
                if !app.is_read_only() {
                    self.write_programme(text);
                }
                self.look_at_rooms(app, work);
                return;
            }
            Effect::Bell | Effect::Quit => return,
        };
        self.saver.write(path, bytes.into_bytes(), Duration::ZERO);
        // A clock that moved to another round (or the first write, at
        // start): the dashboard follows at once.
        let round = round_of(app);
        if effect == Effect::WriteClock
            && self.looked_round.as_ref().map(Option::as_deref) != Some(round)
        {
            self.look_at_rooms(app, work);
        }
    }
    fn period(&self) -> Duration {
        ROOMS_POLL
    }
    /// The heartbeat every 10 s; in between, a look at the room files (in
    /// case the folder's watcher missed a change: a network share, a sync
    /// folder).
    fn periodic(
        &mut self,
        app: &LeadApp,
        _: Timestamp,
        _: Timestamp,
        work: &Worker<LeadApp, LeadIo>,
    ) {
        let beat = self.ticks.is_multiple_of(HEARTBEAT_TICKS);
        self.ticks = self.ticks.wrapping_add(1);
        if beat {
            work.send(Msg::Heartbeat);
        } else {
            self.look_at_rooms(app, work);
            self.look_for_harvest(work);
        }
        self.look_at_clock(work);
        self.look_at_programme(work);
    }
    fn watched(&self) -> std::path::PathBuf {
        self.session.dir.root.clone()
    }
    /// A room file changed: the dashboard looks again. (By the folder's
    /// name: a watcher may tell of the folder by another path, FSEvents
    /// its real one, say.)
    fn changed(
        &mut self,
        app: &LeadApp,
        paths: &[std::path::PathBuf],
        work: &Worker<LeadApp, LeadIo>,
    ) {
        let in_rooms = |p: &std::path::PathBuf| p.components().any(|c| c.as_os_str() == "rooms");
        if paths.iter().any(in_rooms) {
            self.look_at_rooms(app, work);
            self.look_for_harvest(work);
        }
        let clock = |p: &std::path::PathBuf| {
            !in_rooms(p) && p.file_name().is_some_and(|n| n == "clock.json")
        };
        if paths.iter().any(clock) {
            self.look_at_clock(work);
        }
        let programme = |p: &std::path::PathBuf| {
            !in_rooms(p) && p.file_name().is_some_and(|n| n == "programme.json")
        };
        if paths.iter().any(programme) {
            self.look_at_programme(work);
        }
    }
    fn due(&self) -> Option<std::time::Instant> {
        None
    }
    fn write_due(&mut self, _: &LeadApp, _: Timestamp, _: Timestamp) {}
    fn save_all(&mut self, app: &LeadApp, now: Timestamp, real: Timestamp) {
        if app.is_read_only() {
            return;
        }
        for (path, bytes) in [
            (
                self.session.dir.lead_state_path(),
                self.session.lead_state(app, now).to_json(),
            ),
            (
                self.session.dir.clock_path(),
                self.session.clock_doc(app, now, real).to_json(),
            ),
        ] {
            self.saver.write(path, bytes.into_bytes(), Duration::ZERO);
        }
    }
}

impl App for LeadApp {
    type Msg = Msg;
    type Effect = Effect;
    fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        LeadApp::update(self, msg, now)
    }
    fn render(&self, now: Timestamp, area: Rect, buf: &mut Buffer) {
        lead::View { app: self, now }.render(area, buf);
    }
    fn next_change(&self, now: Timestamp) -> Timestamp {
        LeadApp::next_change(self, now)
    }
    fn lang(&self) -> crate::i18n::Lang {
        self.lang
    }
    fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }
    fn control(effect: &Effect) -> Option<runtime::Control> {
        effect.control()
    }
}

/// Runs the lead's app until it quits; saves and restores on every way out.
pub fn run_lead(mut app: LeadApp, session: Session, notices: Vec<String>) -> Result<(), String> {
    let (report_tx, reports) = tokio::sync::mpsc::unbounded_channel();
    let saver = Saver::spawn(move |r| {
        let _ = report_tx.send(r);
    });
    let now = session.source.virtual_at(Timestamp::now());
    if let Some(n) = notices.last() {
        app.notify(n.clone(), false, now);
    }
    let crash_note = fill(
        app.lang.t().crashed,
        &[("dir", &session.dir.root.display().to_string())],
    );
    let mut io = LeadIo {
        session,
        saver: saver.clone(),
        programme: Arc::new(app.programme.clone()),
        rooms: Arc::default(),
        looking: false,
        look_again: false,
        looked_round: None,
        ticks: 0,
        lang: app.lang,
        looking_at_clock: false,
        clock_seen: None,
        harvest: None,
        programmes_known: std::collections::VecDeque::new(),
        looking_at_programme: false,
    };
    io.know_programme(&app.programme.source);
    runtime::run(&mut app, &mut io, &saver, reports, crash_note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::Skip;
    use crate::room::{RoomDoc, block_dir, file_name};

    /// A time as a file holds it.
    fn tt(s: &str) -> crate::files::TimeText {
        crate::files::TimeText::read(s).expect("a valid time")
    }

    const PROGRAMME: &str = r#"{
      "format": "oogst-programme", "version": 1, "id": "s", "title": "Twee rondes",
      "blocks": [
        {"id": "ronde-1", "kind": "breakout", "title": "Ronde een", "start": "10:00",
         "minutes": 30, "rooms": ["Kamer 1", "Kamer 2"], "questions": ["A?", "B?"]},
        {"id": "ronde-2", "kind": "breakout", "title": "Ronde twee", "minutes": 30,
         "rooms": ["Tafel 1"], "questions": ["C?"]}
      ]
    }"#;

    fn put(dir: &SessionDir, session: &str, block: &str, room: &str, note: &str) {
        let mut doc = RoomDoc::new(session, block, room, "Anna", "w1", vec!["A?".into()]);
        doc.add(1, note, &tt("2021-01-21T10:05:00+01:00"));
        let folder = dir.rooms_dir().join(block_dir(block));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(file_name(room, "w1")), doc.to_json()).unwrap();
    }

    #[test]
    fn the_export_takes_the_leads_session_and_programme_and_says_what_it_left_out() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = SessionDir::new(tmp.path());
        dir.ensure().unwrap();
        // The programme beside the rooms is another session's (a host
        // that started before the lead's programme was there, say).
        std::fs::write(dir.programme_path(), Programme::demo().source).unwrap();
        let programme = Programme::parse(PROGRAMME, "programme.json").unwrap();
        put(&dir, "s", "ronde-1", "Kamer 2", "Eerste ronde");
        put(&dir, "s", "ronde-2", "Tafel 1", "Tweede ronde");
        let v1 = r#"{"format":"oogst-room","version":1,"session":"s","room":"Kamer 1",
            "host":"Bas","writer":"w2","questions":["B?"],"notes":[{"id":"w2-000001",
            "question":1,"text":"Van versie 1","created":"2021-01-21T10:06:00+01:00",
            "updated":"2021-01-21T10:06:00+01:00"}]}"#;
        std::fs::write(dir.rooms_dir().join("Kamer_1--w2.json"), v1).unwrap();
        put(
            &dir,
            "cop-gebiedsgericht-2021-01-21",
            "samen-in-gesprek",
            "Kamer 1",
            "Demo",
        );
        std::fs::write(dir.rooms_dir().join("kapot.json"), "{").unwrap();

        let notice = export_harvest(&dir, &programme, Lang::En).unwrap();
        let written = |name| tmp.path().join(name).display().to_string();
        assert_eq!(
            notice,
            format!(
                "Harvest written (1 file of another session left out, 1 file skipped): \
                 {}, {}",
                written("harvest.md"),
                written("harvest.html")
            )
        );
        let md = std::fs::read_to_string(tmp.path().join("harvest.md")).unwrap();
        for words in [
            "Twee rondes",
            "Ronde een",
            "Ronde twee",
            "Eerste ronde",
            "Tweede ronde",
            "Van versie 1",
        ] {
            assert!(md.contains(words), "{words}\n{md}");
        }
        assert!(!md.contains("Demo"), "{md}");
        // Round 1 first, the version 1 file in it.
        let (one, two) = md.split_once("Ronde twee").unwrap();
        assert!(
            one.contains("Van versie 1") && two.contains("Tweede ronde"),
            "{md}"
        );
        assert!(tmp.path().join("harvest.html").exists());
    }

    #[test]
    fn the_export_notice_in_both_languages() {
        let report = crate::merge::Report {
            other_session: 2,
            skipped: vec![
                ("a.json".into(), Skip::OtherSession("x".into())),
                ("b.json".into(), Skip::OtherSession("x".into())),
                ("c.json".into(), Skip::NotOogst),
            ],
            ..crate::merge::Report::default()
        };
        assert_eq!(
            export_notice("h.md", &report, Lang::Nl),
            "Oogst geschreven (2 bestanden van een andere sessie weggelaten, \
             1 bestand overgeslagen): h.md"
        );
        let none = crate::merge::Report::default();
        assert_eq!(
            export_notice("h.md", &none, Lang::En),
            "Harvest written: h.md"
        );
    }
}
