//! The event loop every screen runs in, and the ways out of it.
//!
//! One `tokio::select!` over the terminal's events, a timer for the next
//! moment the screen changes by itself, a periodic timer (the lead's
//! heartbeat, the host's look at `clock.json`), a timer for writes put off
//! to coalesce keystrokes, the writer thread's reports and the signals.
//! Only key presses count; the screen is redrawn only when something
//! changed. Quit, Ctrl-C, SIGTERM, SIGHUP, SIGINT, a lost terminal and a
//! panic all save everything first and put the terminal back.

use std::io::{Stdout, Write};
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use jiff::{SignedDuration, Timestamp};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event, EventStream, KeyEvent, KeyEventKind,
};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{cursor, execute, queue, terminal};
use ratatui::layout::Rect;

use super::platform;
use crate::clock::{ClockDoc, TimeSource};
use crate::session_dir::{SaveReport, Saver};

/// Everything that can happen to an app.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The screen may have changed by itself (the next whole second).
    Tick,
    /// The lead's periodic rewrite of `clock.json`.
    Heartbeat,
    /// The lead's clock as a host last read it (`None`: no clock file).
    Clock(Option<Box<ClockDoc>>),
    Saved(SaveReport),
    /// The room files in the session folder changed (the lead's dashboard).
    Rooms(Box<crate::rooms::Rooms>),
    /// The harvest the lead asked for: where it went, or why not.
    Exported(Result<String, String>),
    /// The session's programme appeared or changed (the host's look at
    /// `programme.json`).
    Programme(Box<crate::programme::Programme>),
    /// `programme.json` is there but cannot be used (yet): why.
    ProgrammeProblem(String),
    /// The room asked for is open (its document, and what to tell the
    /// host), or why not.
    RoomOpened(Result<(Box<crate::room::RoomDoc>, Vec<String>), String>),
    /// The host's room file changed on disk by someone else (a sync
    /// engine putting an older copy back, say), or went away (`None`).
    OnDisk(Option<Box<crate::room::RoomDoc>>),
    /// Quitting could save nothing anywhere (why): the app asks first.
    CannotSave(String),
    /// A signal (`platform::Stop`) or a terminal that went away.
    Stop,
}

/// A room the host wants open: a round, and a room in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenRoom {
    pub session: String,
    pub block: crate::programme::Block,
    /// Whether it is the programme's first breakout (files of version 1).
    pub first_round: bool,
    pub room: String,
    pub host: String,
}

/// What `update` asks the event loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Save the app's own state (the lead state, the room file), soon:
    /// keystrokes coalesce, within a second.
    SaveState,
    /// Save it now (a note added, changed or deleted).
    SaveNow,
    WriteClock,
    /// Write the harvest of the session folder.
    Export,
    /// Open a room file (the host's round or room changed).
    OpenRoom(Box<OpenRoom>),
    Bell,
    Quit,
    /// Quit even though nothing could be saved (the host said so).
    QuitAnyway,
}

/// A short notice at the bottom of the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub alert: bool,
    pub until: Timestamp,
}

/// How long a notice stays, in real seconds.
const TOAST_SECONDS: f64 = 5.0;

impl Toast {
    /// A notice shown from `now` for a few real seconds; `speed` is how
    /// fast the app's clock runs (a rehearsal's).
    pub fn new(text: String, alert: bool, now: Timestamp, speed: f64) -> Toast {
        Toast {
            text,
            alert,
            until: now + SignedDuration::from_secs_f64(TOAST_SECONDS * speed),
        }
    }

    /// Whether it has gone by `now`.
    pub fn gone(toast: &Option<Toast>, now: Timestamp) -> bool {
        toast.as_ref().is_some_and(|t| now >= t.until)
    }
}

/// A screen's state: changed only by `update`, drawn by `render`.
pub trait App {
    fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect>;
    fn render(&self, now: Timestamp, area: Rect, buf: &mut Buffer);
    /// When the screen next changes by itself.
    fn next_change(&self, now: Timestamp) -> Timestamp;
    /// The last failed write, if the disk has not taken one since.
    fn save_error(&self) -> Option<&str>;
}

/// The disk side of an app: what its effects write, and when.
pub trait Persist<A: App> {
    fn time(&self) -> &TimeSource;
    /// Carries out a write effect (`SaveState`, `WriteClock`, `Export`);
    /// it may have news for the app.
    fn perform(&mut self, app: &A, effect: Effect, now: Timestamp, real: Timestamp) -> Option<Msg>;
    /// The period of [`Persist::periodic`].
    fn period(&self) -> Duration;
    /// Called every period; may have news for the app.
    fn periodic(&mut self, app: &A, now: Timestamp, real: Timestamp) -> Vec<Msg>;
    /// When a write that was put off falls due.
    fn due(&self) -> Option<Instant>;
    /// Writes what was put off.
    fn write_due(&mut self, app: &A, now: Timestamp, real: Timestamp);
    /// Queues everything there is to save, now.
    fn save_all(&mut self, app: &A, now: Timestamp, real: Timestamp);
    /// When saving failed and the app quits: writes what is not saved to a
    /// rescue copy elsewhere; the words for the user (where it went), or
    /// why that failed too. `None`: this app has no rescue copy.
    fn rescue(&mut self, _app: &A, _now: Timestamp) -> Option<Result<String, String>> {
        None
    }
}

/// How long after a key its frame is drawn, so a burst of keys makes one
/// frame (well under what a typist notices).
const TYPING_FRAME: Duration = Duration::from_millis(4);

/// How long the app waits for its writes when it stops.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(5);
/// How long quitting by a key waits for the writes before it tries a
/// rescue copy (a full disk fails at once; a slow share takes a moment).
const QUIT_FLUSH: Duration = Duration::from_secs(2);

type Term = Terminal<CrosstermBackend<Stdout>>;

fn init_terminal() -> std::io::Result<Term> {
    let left_raw = platform::terminal_left_raw();
    terminal::enable_raw_mode()?;
    let mut out = std::io::stdout();
    // Whatever an earlier, killed run left on screen goes: ratatui then
    // starts from the blank screen it assumes.
    execute!(
        out,
        terminal::EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide,
        terminal::Clear(terminal::ClearType::All)
    )?;
    let terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    if left_raw {
        SANE_ON_EXIT.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    Ok(terminal)
}

/// Set when the terminal was already raw when we started (an earlier run
/// was killed before it could restore it): then "as it was" is no use,
/// and leaving restores sane settings instead.
static SANE_ON_EXIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Puts the terminal back as it was; safe to call more than once.
pub fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, cursor::Show);
    let _ = ratatui::try_restore();
    if SANE_ON_EXIT.load(std::sync::atomic::Ordering::Relaxed) {
        platform::make_terminal_sane();
    }
}

/// Runs `app` until it quits. `crash_note` is printed (after the terminal
/// is restored) if the app panics; its state is saved all the same.
pub fn run<A: App, P: Persist<A>>(
    app: &mut A,
    persist: &mut P,
    saver: &Saver,
    reports: tokio::sync::mpsc::UnboundedReceiver<SaveReport>,
    crash_note: String,
) -> Result<(), String> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        eprintln!("oogst: {crash_note}");
        previous_hook(info);
    }));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut terminal = init_terminal().map_err(|e| {
        restore_terminal();
        format!("terminal: {e}")
    })?;
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(event_loop(&mut terminal, app, persist, saver, reports))
    }));
    // Whatever happened, everything goes to disk before we leave.
    let real = Timestamp::now();
    let now = persist.time().virtual_at(real);
    persist.save_all(app, now, real);
    let flushed = saver.flush(FLUSH_TIMEOUT);
    // What could not be saved goes to a rescue copy (once).
    let rescued = match &outcome {
        Ok(Ok(Exit::Rescued(note))) => Some(Ok(note.clone())),
        _ if flushed => None,
        _ => persist.rescue(app, now),
    };
    restore_terminal();
    let _ = std::panic::take_hook();
    let result = match outcome {
        Err(panic) => std::panic::resume_unwind(panic),
        Ok(result) => result,
    };
    let saved = match rescued {
        Some(Ok(note)) => {
            eprintln!("oogst: {}", crate::text::message_lines(&note));
            Ok(())
        }
        Some(Err(why)) => Err(why),
        None if flushed => Ok(()),
        None => Err(app.save_error().unwrap_or("could not save").to_string()),
    };
    result?;
    saved
}

/// How the event loop ended.
#[derive(Debug)]
enum Exit {
    /// Everything is saved, or the run ends anyway (a signal, a lost terminal).
    Done,
    /// Saving failed and what was not saved went to a rescue copy: where.
    Rescued(String),
}

fn draw<A: App>(terminal: &mut Term, app: &A, now: Timestamp) -> std::io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| {
        let area = frame.area();
        app.render(now, area, frame.buffer_mut());
    })?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
}

/// Whether the app asked to quit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Quit {
    No,
    /// Quit, once everything is saved (or rescued).
    Yes,
    /// Quit even though nothing could be saved.
    Anyway,
}

/// Carries out effects (and the effects of what they report back);
/// whether one of them is a way to quit.
fn perform<A: App, P: Persist<A>>(
    effects: Vec<Effect>,
    terminal: &mut Term,
    app: &mut A,
    persist: &mut P,
    now: Timestamp,
    real: Timestamp,
) -> Quit {
    let mut quit = Quit::No;
    let mut news = Vec::new();
    for fx in effects {
        match fx {
            Effect::Bell => {
                let out = terminal.backend_mut();
                let _ = out.write_all(b"\x07").and_then(|()| out.flush());
            }
            Effect::Quit => quit = quit.max(Quit::Yes),
            Effect::QuitAnyway => quit = Quit::Anyway,
            write => news.extend(persist.perform(app, write, now, real)),
        }
    }
    for msg in news {
        let fx = app.update(msg, now);
        quit = quit.max(perform(fx, terminal, app, persist, now, real));
    }
    quit
}

/// Sleeps until `at`, or forever.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}

async fn event_loop<A: App, P: Persist<A>>(
    terminal: &mut Term,
    app: &mut A,
    persist: &mut P,
    saver: &Saver,
    mut reports: tokio::sync::mpsc::UnboundedReceiver<SaveReport>,
) -> Result<Exit, String> {
    // Live as long as the loop: a signal is never again "die at once".
    let mut signals = platform::Signals::new().map_err(|e| format!("signals: {e}"))?;
    let mut events = EventStream::new();
    let mut periodic = tokio::time::interval(persist.period());
    periodic.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut redraw = true;
    // When keys were handled and their frame is still to be drawn.
    let mut draw_at: Option<Instant> = None;
    loop {
        let real = Timestamp::now();
        let now = persist.time().virtual_at(real);
        if redraw || draw_at.is_some_and(|at| at <= Instant::now()) {
            draw(terminal, app, now).map_err(|e| format!("terminal: {e}"))?;
            draw_at = None;
        }
        let wait = persist.time().real_duration(app.next_change(now) - now);
        let wait = wait.clamp(
            SignedDuration::from_millis(10),
            SignedDuration::from_secs(60),
        );
        let tick = tokio::time::sleep(wait.unsigned_abs());
        let due = sleep_until(persist.due());
        let frame = sleep_until(draw_at);
        let (msg, hangup) = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => (Some(Msg::Key(key)), false),
                Some(Ok(Event::Paste(text))) => (Some(Msg::Paste(text)), false),
                Some(Ok(Event::Resize(..))) => (None, false),
                Some(Ok(_)) => { redraw = false; continue; }
                // The terminal is gone: save and leave at once.
                Some(Err(_)) | None => (Some(Msg::Stop), true),
            },
            _ = tick => (Some(Msg::Tick), false),
            _ = periodic.tick() => {
                let real = Timestamp::now();
                let now = persist.time().virtual_at(real);
                let mut news = persist.periodic(app, now, real);
                let Some(last) = news.pop() else { redraw = false; continue; };
                for msg in news {
                    let fx = app.update(msg, now);
                    if perform(fx, terminal, app, persist, now, real) != Quit::No {
                        return Ok(Exit::Done);
                    }
                }
                (Some(last), false)
            }
            _ = frame => { redraw = true; continue; }
            _ = due => {
                let real = Timestamp::now();
                let now = persist.time().virtual_at(real);
                persist.write_due(app, now, real);
                redraw = false;
                continue;
            }
            Some(report) = reports.recv() => (Some(Msg::Saved(report)), false),
            stop = signals.next() => (Some(Msg::Stop), stop == platform::Stop::Hangup),
        };
        redraw = true;
        let real = Timestamp::now();
        let now = persist.time().virtual_at(real);
        let Some(msg) = msg else { continue };
        // Ctrl-L draws the whole screen anew, as in every terminal program.
        if let Msg::Key(k) = &msg
            && k.code == ratatui::crossterm::event::KeyCode::Char('l')
            && k.modifiers
                .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
        {
            terminal.clear().map_err(|e| format!("terminal: {e}"))?;
            continue;
        }
        // Test builds can be made to crash, so the tests can see that a
        // crash saves and restores too.
        #[cfg(debug_assertions)]
        if let Msg::Key(k) = &msg
            && k.code == ratatui::crossterm::event::KeyCode::F(12)
            && std::env::var_os("OOGST_TEST_PANIC").is_some()
        {
            panic!("a crash on purpose (OOGST_TEST_PANIC)");
        }
        let typed = matches!(msg, Msg::Key(_) | Msg::Paste(_));
        // A signal or a lost terminal ends the run whatever happens; a
        // quit by a key first makes sure nothing is lost.
        let forced = hangup || msg == Msg::Stop;
        let fx = app.update(msg, now);
        match perform(fx, terminal, app, persist, now, real) {
            Quit::No if hangup => return Ok(Exit::Done),
            Quit::No => {}
            Quit::Anyway => return Ok(Exit::Done),
            Quit::Yes if forced => return Ok(Exit::Done),
            Quit::Yes => {
                persist.save_all(app, now, real);
                if saver.flush(QUIT_FLUSH) {
                    return Ok(Exit::Done);
                }
                match persist.rescue(app, now) {
                    None => return Ok(Exit::Done),
                    Some(Ok(note)) => return Ok(Exit::Rescued(note)),
                    // Nowhere to write: the app asks before it goes.
                    Some(Err(why)) => {
                        let fx = app.update(Msg::CannotSave(why), now);
                        if perform(fx, terminal, app, persist, now, real) == Quit::Anyway {
                            return Ok(Exit::Done);
                        }
                        redraw = true;
                        continue;
                    }
                }
            }
        }
        // Keys come in bursts (fast typing, a paste without bracketed
        // paste): the frame is drawn a moment after the last of them.
        if typed {
            draw_at.get_or_insert_with(|| Instant::now() + TYPING_FRAME);
            redraw = false;
        }
    }
}
