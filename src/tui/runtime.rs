//! The event loop every screen runs in, and the ways out of it.
//!
//! One `tokio::select!` over the terminal's events, a timer for the next
//! moment the screen changes by itself, a periodic timer (the lead's
//! heartbeat and a safety-net look at the folder), the session folder's
//! changes (a watcher, debounced), what the work done off this thread
//! found, a timer for writes put off to coalesce keystrokes, the writer
//! thread's reports and the signals. Only key presses count; the screen
//! is redrawn only when something changed. Quit, Ctrl-C, SIGTERM, SIGHUP,
//! SIGINT, a lost terminal and a panic all save everything first and put
//! the terminal back.
//!
//! Each app has its own messages and effects ([`App::Msg`],
//! [`App::Effect`]); the loop hands it what it sees happen ([`Input`]) and
//! carries out the effects it knows ([`Control`]). The rest go to the
//! app's disk side ([`Persist`]), which hands anything that reads or
//! writes files to the [`Worker`]: the screen never waits on a file, a
//! FIFO, a network share or a 60 MB room file.

use std::io::{Stdout, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
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
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::platform;
use crate::clock::TimeSource;
use crate::i18n::{Catalog, fill};
use crate::session_dir::{SaveReport, Saver};

/// What the event loop sees happen, for every app: each app takes it as
/// one of its own messages (`App::Msg: From<Input>`).
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Key(KeyEvent),
    Paste(String),
    /// The screen may have changed by itself (the next whole second).
    Tick,
    Saved(SaveReport),
    /// A signal (`platform::Stop`) or a terminal that went away.
    Stop,
}

/// `From<Input>` for an app's message type that has the loop's inputs as
/// variants of the same names (`Key`, `Paste`, `Tick`, `Saved`, `Stop`),
/// and what such a message is to a key held in a burst.
macro_rules! msg_from_input {
    ($msg:ident) => {
        impl From<$crate::tui::runtime::Input> for $msg {
            fn from(input: $crate::tui::runtime::Input) -> $msg {
                use $crate::tui::runtime::Input;
                match input {
                    Input::Key(key) => $msg::Key(key),
                    Input::Paste(text) => $msg::Paste(text),
                    Input::Tick => $msg::Tick,
                    Input::Saved(report) => $msg::Saved(report),
                    Input::Stop => $msg::Stop,
                }
            }
        }

        impl $msg {
            /// What this message is to a key held back in a burst.
            pub(crate) fn burst_next(&self) -> $crate::tui::burst::Next<'_> {
                use $crate::tui::burst::Next;
                match self {
                    $msg::Key(k) => Next::Key(k),
                    $msg::Paste(_) => Next::Paste,
                    $msg::Stop => Next::Stop,
                    _ => Next::Wake,
                }
            }
        }
    };
}
pub(crate) use msg_from_input;

/// The effects the event loop carries out itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Bell,
    /// Quit, once everything is saved (or rescued).
    Quit,
    /// Quit even though nothing could be saved (the user said so).
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
pub trait App: 'static {
    /// Everything that can happen to this app.
    type Msg: From<Input> + Send + 'static;
    /// What its `update` asks for.
    type Effect;
    fn update(&mut self, msg: Self::Msg, now: Timestamp) -> Vec<Self::Effect>;
    fn render(&self, now: Timestamp, area: Rect, buf: &mut Buffer);
    /// When the screen next changes by itself.
    fn next_change(&self, now: Timestamp) -> Timestamp;
    /// The last failed write, if the disk has not taken one since.
    fn save_error(&self) -> Option<&str>;
    /// The interface's language (for what the event loop says itself).
    fn lang(&self) -> crate::i18n::Lang;
    /// Whether the event loop carries out `effect` itself; the others go
    /// to the app's [`Persist`].
    fn control(effect: &Self::Effect) -> Option<Control>;
    /// The message that asks the user whether to quit though nothing
    /// could be saved anywhere (why); `None`: this app never asks.
    fn cannot_save(_why: String) -> Option<Self::Msg> {
        None
    }
}

/// What a job off the drawing thread found, applied on the loop's thread
/// to the app's disk side (which may ask for more work); the news for
/// the app.
pub type Landed<A, P> = Box<dyn FnOnce(&mut P, &A, &Worker<A, P>) -> Vec<<A as App>::Msg> + Send>;

/// Runs jobs that touch the disk or take time on the runtime's blocking
/// threads, so that the screen never waits on them; what they find comes
/// back to the event loop.
pub struct Worker<A: App, P> {
    tx: UnboundedSender<Landed<A, P>>,
}

impl<A: App, P> Clone for Worker<A, P> {
    fn clone(&self) -> Self {
        Worker {
            tx: self.tx.clone(),
        }
    }
}

impl<A: App, P: 'static> Worker<A, P> {
    /// A worker, and where what its jobs found arrives.
    pub fn channel() -> (Worker<A, P>, UnboundedReceiver<Landed<A, P>>) {
        let (tx, rx) = unbounded_channel();
        (Worker { tx }, rx)
    }

    /// Runs `job` off the drawing thread; what it returns is applied on
    /// the loop's thread when it is done. Needs the event loop's runtime.
    pub fn spawn<J, D>(&self, job: J)
    where
        J: FnOnce() -> D + Send + 'static,
        D: FnOnce(&mut P, &A, &Worker<A, P>) -> Vec<A::Msg> + Send + 'static,
    {
        let tx = self.tx.clone();
        tokio::task::spawn_blocking(move || {
            // Test builds can be made to work slowly, so the tests can see
            // that the screen never waits for the work.
            #[cfg(debug_assertions)]
            if let Some(ms) = std::env::var("OOGST_TEST_SLOW_WORK")
                .ok()
                .and_then(|ms| ms.parse().ok())
            {
                std::thread::sleep(Duration::from_millis(ms));
            }
            let done = job();
            let _ = tx.send(Box::new(done));
        });
    }

    /// A message for the app, on the loop's next turn.
    pub fn send(&self, msg: A::Msg) {
        let _ = self
            .tx
            .send(Box::new(move |_: &mut P, _: &A, _: &Worker<A, P>| {
                vec![msg]
            }));
    }
}

/// The disk side of an app: what its effects read and write, and when.
pub trait Persist<A: App>: Sized + 'static {
    fn time(&self) -> &TimeSource;
    /// Carries out an effect that is not the loop's own: quick work here,
    /// anything that touches a file through `work`.
    fn perform(
        &mut self,
        app: &A,
        effect: A::Effect,
        now: Timestamp,
        real: Timestamp,
        work: &Worker<A, Self>,
    );
    /// The period of [`Persist::periodic`].
    fn period(&self) -> Duration;
    /// Called every period (a heartbeat; a look at the folder in case its
    /// watcher missed something).
    fn periodic(&mut self, app: &A, now: Timestamp, real: Timestamp, work: &Worker<A, Self>);
    /// The folder to watch, with everything in it.
    fn watched(&self) -> PathBuf;
    /// Files in the watched folder changed (or appeared, or went).
    fn changed(&mut self, app: &A, paths: &[PathBuf], work: &Worker<A, Self>);
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

/// How long a file must be quiet before its change is told (a file being
/// written, or renamed into place, makes a burst of events).
const DEBOUNCE: Duration = Duration::from_millis(50);
/// How often the polling watcher looks, where the system's cannot start.
const POLL: Duration = Duration::from_secs(2);

/// A watcher that tells of changes only, not of files being opened or
/// read (inotify tells of every open: each look at the folder would wake
/// the app to look again).
struct Changes<W>(W);

impl<W: notify::Watcher> notify::Watcher for Changes<W> {
    fn new<F: notify::EventHandler>(
        mut handler: F,
        config: notify::Config,
    ) -> notify::Result<Self> {
        let changes = move |event: notify::Result<notify::Event>| {
            if !matches!(&event, Ok(e) if e.kind.is_access()) {
                handler.handle_event(event);
            }
        };
        W::new(changes, config).map(Changes)
    }
    fn watch(&mut self, path: &Path, mode: notify::RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }
    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }
    fn kind() -> notify::WatcherKind {
        W::kind()
    }
}

/// Watches `root` and everything in it; the paths that changed go to
/// `tx`, debounced. The system's watcher (inotify, FSEvents,
/// ReadDirectoryChangesW) where it starts, else (or with `poll`, which
/// `OOGST_WATCH=poll` sets) a polling one. A network share or a sync folder may
/// send no events at all: the apps' periodic look is the safety net.
/// `None`: nothing could watch (the periodic look still sees changes).
fn watch_folder(
    root: &Path,
    tx: UnboundedSender<Vec<PathBuf>>,
    poll: bool,
) -> Option<Box<dyn std::any::Any>> {
    use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
    use notify_debouncer_mini::{Config, DebounceEventResult, new_debouncer_opt};
    let handler = move |events: DebounceEventResult| {
        if let Ok(events) = events {
            let _ = tx.send(events.into_iter().map(|e| e.path).collect());
        }
    };
    let config = Config::default().with_timeout(DEBOUNCE);
    if !poll
        && let Ok(mut watcher) =
            new_debouncer_opt::<_, Changes<RecommendedWatcher>>(config.clone(), handler.clone())
        && watcher
            .watcher()
            .watch(root, RecursiveMode::Recursive)
            .is_ok()
    {
        return Some(Box::new(watcher));
    }
    let config = config.with_notify_config(notify::Config::default().with_poll_interval(POLL));
    let mut watcher = new_debouncer_opt::<_, Changes<PollWatcher>>(config, handler).ok()?;
    watcher
        .watcher()
        .watch(root, RecursiveMode::Recursive)
        .ok()?;
    Some(Box::new(watcher))
}

/// The session folder's watcher: started when the folder is there, and
/// again at a periodic look when it was not (a folder made after the app
/// started; a folder removed and made anew, whose old watch hears nothing).
struct FolderWatch {
    root: PathBuf,
    tx: UnboundedSender<Vec<PathBuf>>,
    poll: bool,
    watcher: Option<Box<dyn std::any::Any>>,
}

impl FolderWatch {
    fn new(root: PathBuf, tx: UnboundedSender<Vec<PathBuf>>, poll: bool) -> FolderWatch {
        let mut w = FolderWatch {
            root,
            tx,
            poll,
            watcher: None,
        };
        w.start();
        w
    }

    /// Starts watching if nothing watches yet and the folder is there;
    /// stops a watch whose folder is gone.
    fn start(&mut self) {
        if !self.root.is_dir() {
            self.watcher = None;
        } else if self.watcher.is_none() {
            self.watcher = watch_folder(&self.root, self.tx.clone(), self.poll);
        }
    }
}

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

/// A failure of the terminal or the system, in the interface's words.
fn said<A: App>(app: &A, what: fn(&Catalog) -> &'static str, e: &std::io::Error) -> String {
    let lang = app.lang();
    fill(what(lang.t()), &[("error", &lang.io_error(e))])
}

/// Runs `app` until it quits. `crash_note` is printed (after the terminal
/// is restored) if the app panics; its state is saved all the same.
pub fn run<A: App, P: Persist<A>>(
    app: &mut A,
    persist: &mut P,
    saver: &Saver,
    reports: UnboundedReceiver<SaveReport>,
    crash_note: String,
) -> Result<(), String> {
    let t = app.lang().t();
    // Without a terminal (output to a file or a pipe) nothing can be
    // shown, and nothing is written there: not even the codes that put a
    // terminal back.
    {
        use std::io::IsTerminal;
        if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
            return Err(t.run_no_terminal.to_string());
        }
    }
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        eprintln!("oogst: {crash_note}");
        previous_hook(info);
    }));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| said(app, |t| t.run_start, &e))?;
    let (change_tx, changes) = unbounded_channel();
    let poll = std::env::var_os("OOGST_WATCH").is_some_and(|v| v == "poll");
    let watch = FolderWatch::new(persist.watched(), change_tx, poll);
    let mut terminal = init_terminal().map_err(|e| {
        restore_terminal();
        said(app, |t| t.run_terminal, &e)
    })?;
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let inputs = Inputs {
            reports,
            changes,
            watch,
        };
        runtime.block_on(event_loop(&mut terminal, app, persist, saver, inputs))
    }));
    // A job still reading (a slow share) is not waited for.
    runtime.shutdown_background();
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
        None => Err(app.save_error().unwrap_or(t.run_not_saved).to_string()),
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

/// What the loop works with besides the terminal's events, the timers and
/// the signals.
struct Inputs {
    reports: UnboundedReceiver<SaveReport>,
    /// What changed in the session folder.
    changes: UnboundedReceiver<Vec<PathBuf>>,
    /// What sends them.
    watch: FolderWatch,
}

/// The loop's state besides the app's.
struct Looper<'a, A: App, P: Persist<A>> {
    terminal: &'a mut Term,
    app: &'a mut A,
    persist: &'a mut P,
    saver: &'a Saver,
    work: Worker<A, P>,
}

impl<A: App, P: Persist<A>> Looper<'_, A, P> {
    /// The app's clock and the wall clock, now.
    fn now(&self) -> (Timestamp, Timestamp) {
        let real = Timestamp::now();
        (self.persist.time().virtual_at(real), real)
    }

    /// Carries out effects; whether one of them is a way to quit.
    fn perform(&mut self, effects: Vec<A::Effect>, now: Timestamp, real: Timestamp) -> Quit {
        let mut quit = Quit::No;
        for fx in effects {
            match A::control(&fx) {
                Some(Control::Bell) => {
                    let out = self.terminal.backend_mut();
                    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
                }
                Some(Control::Quit) => quit = quit.max(Quit::Yes),
                Some(Control::QuitAnyway) => quit = Quit::Anyway,
                None => self.persist.perform(self.app, fx, now, real, &self.work),
            }
        }
        quit
    }

    /// Hands `msg` to the app and carries out what it asks; how the loop
    /// ends, if it does. `forced`: a signal or a lost terminal, which end
    /// the run whatever happens; a quit by a key first makes sure nothing
    /// is lost.
    fn handle(&mut self, msg: A::Msg, forced: bool) -> Option<Exit> {
        let (now, real) = self.now();
        let fx = self.app.update(msg, now);
        match self.perform(fx, now, real) {
            Quit::No => None,
            Quit::Anyway => Some(Exit::Done),
            Quit::Yes if forced => Some(Exit::Done),
            Quit::Yes => {
                self.persist.save_all(self.app, now, real);
                if self.saver.flush(QUIT_FLUSH) {
                    return Some(Exit::Done);
                }
                match self.persist.rescue(self.app, now) {
                    None => Some(Exit::Done),
                    Some(Ok(note)) => Some(Exit::Rescued(note)),
                    // Nowhere to write: the app asks before it goes.
                    Some(Err(why)) => {
                        let msg = A::cannot_save(why)?;
                        let fx = self.app.update(msg, now);
                        (self.perform(fx, now, real) == Quit::Anyway).then_some(Exit::Done)
                    }
                }
            }
        }
    }
}

/// Sleeps until `at`, or forever.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}

/// What woke the loop.
enum Woke<A: App, P> {
    /// Something happened to the app; whether the terminal hung up.
    Input(Input, bool),
    /// A job off the drawing thread is done.
    Landed(Landed<A, P>),
    /// Nothing to draw.
    Quiet,
    /// A frame put off is due.
    Draw,
}

async fn event_loop<A: App, P: Persist<A>>(
    terminal: &mut Term,
    app: &mut A,
    persist: &mut P,
    saver: &Saver,
    inputs: Inputs,
) -> Result<Exit, String> {
    let Inputs {
        mut reports,
        mut changes,
        mut watch,
    } = inputs;
    let (work, mut landed) = Worker::channel();
    let mut lp = Looper {
        terminal,
        app,
        persist,
        saver,
        work,
    };
    // Live as long as the loop: a signal is never again "die at once".
    let mut signals = platform::Signals::new().map_err(|e| said(lp.app, |t| t.run_signals, &e))?;
    let mut events = EventStream::new();
    let mut periodic = tokio::time::interval(lp.persist.period());
    periodic.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut redraw = true;
    // When keys were handled and their frame is still to be drawn.
    let mut draw_at: Option<Instant> = None;
    loop {
        let (now, _) = lp.now();
        if redraw || draw_at.is_some_and(|at| at <= Instant::now()) {
            draw(lp.terminal, lp.app, now).map_err(|e| said(lp.app, |t| t.run_terminal, &e))?;
            draw_at = None;
        }
        let wait = lp
            .persist
            .time()
            .real_duration(lp.app.next_change(now) - now);
        let wait = wait.clamp(
            SignedDuration::from_millis(10),
            SignedDuration::from_secs(60),
        );
        let tick = tokio::time::sleep(wait.unsigned_abs());
        let due = sleep_until(lp.persist.due());
        let frame = sleep_until(draw_at);
        let woke: Woke<A, P> = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => Woke::Input(Input::Key(key), false),
                Some(Ok(Event::Paste(text))) => Woke::Input(Input::Paste(text), false),
                Some(Ok(Event::Resize(..))) => { redraw = true; continue; }
                Some(Ok(_)) => Woke::Quiet,
                // The terminal is gone: save and leave at once.
                Some(Err(_)) | None => Woke::Input(Input::Stop, true),
            },
            _ = tick => Woke::Input(Input::Tick, false),
            _ = periodic.tick() => {
                let (now, real) = lp.now();
                // What changed while nothing watched, this look sees.
                watch.start();
                lp.persist.periodic(lp.app, now, real, &lp.work);
                Woke::Quiet
            }
            Some(done) = landed.recv() => Woke::Landed(done),
            Some(paths) = changes.recv() => {
                lp.persist.changed(lp.app, &paths, &lp.work);
                Woke::Quiet
            }
            _ = frame => Woke::Draw,
            _ = due => {
                let (now, real) = lp.now();
                lp.persist.write_due(lp.app, now, real);
                Woke::Quiet
            }
            Some(report) = reports.recv() => Woke::Input(Input::Saved(report), false),
            stop = signals.next() => Woke::Input(Input::Stop, stop == platform::Stop::Hangup),
        };
        let (input, hangup) = match woke {
            Woke::Quiet => {
                redraw = false;
                continue;
            }
            Woke::Draw => {
                redraw = true;
                continue;
            }
            Woke::Landed(done) => {
                let news = done(lp.persist, lp.app, &lp.work);
                // A look that found nothing new draws nothing.
                redraw = !news.is_empty();
                for msg in news {
                    if let Some(exit) = lp.handle(msg, false) {
                        return Ok(exit);
                    }
                }
                continue;
            }
            Woke::Input(input, hangup) => (input, hangup),
        };
        redraw = true;
        // Ctrl-L draws the whole screen anew, as in every terminal program.
        if let Input::Key(k) = &input
            && k.code == ratatui::crossterm::event::KeyCode::Char('l')
            && k.modifiers
                .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
        {
            lp.terminal
                .clear()
                .map_err(|e| said(lp.app, |t| t.run_terminal, &e))?;
            continue;
        }
        // Test builds can be made to crash, so the tests can see that a
        // crash saves and restores too.
        #[cfg(debug_assertions)]
        if let Input::Key(k) = &input
            && k.code == ratatui::crossterm::event::KeyCode::F(12)
            && std::env::var_os("OOGST_TEST_PANIC").is_some()
        {
            panic!("a crash on purpose (OOGST_TEST_PANIC)");
        }
        let typed = matches!(input, Input::Key(_) | Input::Paste(_));
        let forced = hangup || input == Input::Stop;
        if let Some(exit) = lp.handle(A::Msg::from(input), forced) {
            return Ok(exit);
        }
        if hangup {
            return Ok(Exit::Done);
        }
        // Keys come in bursts (fast typing, a paste without bracketed
        // paste): the frame is drawn a moment after the last of them.
        if typed {
            draw_at.get_or_insert_with(|| Instant::now() + TYPING_FRAME);
            redraw = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reaches `rx` within `wait`.
    fn heard(rx: &mut UnboundedReceiver<Vec<PathBuf>>, wait: Duration) -> Vec<PathBuf> {
        let end = Instant::now() + wait;
        let mut paths = Vec::new();
        while Instant::now() < end {
            while let Ok(more) = rx.try_recv() {
                paths.extend(more);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        paths
    }

    #[test]
    fn the_folder_watcher_tells_of_changes_and_not_of_reading() {
        hears_changes_only(false, Duration::from_millis(500));
    }

    #[test]
    fn the_polling_watcher_too() {
        hears_changes_only(true, POLL * 2);
    }

    #[test]
    fn a_folder_made_later_or_made_anew_is_watched() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("sessie");
        let (tx, mut rx) = unbounded_channel();
        let mut watch = FolderWatch::new(root.clone(), tx, false);
        assert!(watch.watcher.is_none(), "no folder, nothing to watch");
        // Made anew: only where a watched folder can go while it is
        // watched. On Windows the watch's own handle keeps a removed
        // folder there (delete pending) until the watch lets go.
        for round in 0..2 {
            std::fs::create_dir_all(root.join("rooms")).unwrap();
            // The next periodic look starts the watch.
            watch.start();
            assert!(watch.watcher.is_some(), "round {round}");
            heard(&mut rx, Duration::from_millis(100));
            let file = root.join("clock.json");
            std::fs::write(&file, "{}").unwrap();
            assert!(
                heard(&mut rx, Duration::from_millis(500)).contains(&file),
                "round {round}"
            );
            if cfg!(windows) {
                break;
            }
            // Gone (a sync engine, a user): the look lets the old watch go.
            std::fs::remove_dir_all(&root).unwrap();
            watch.start();
            assert!(watch.watcher.is_none(), "round {round}");
        }
    }

    fn hears_changes_only(poll: bool, within: Duration) {
        let tmp = tempfile::tempdir().unwrap();
        let rooms = tmp.path().join("rooms");
        std::fs::create_dir_all(&rooms).unwrap();
        let file = rooms.join("Kamer_1--w.json");
        std::fs::write(&file, "{}").unwrap();
        let (tx, mut rx) = unbounded_channel();
        let _watcher = watch_folder(tmp.path(), tx, poll).expect("a watcher");
        heard(&mut rx, Duration::from_millis(200));
        // Reading (as the apps' looks do) is no change: else each look
        // would make the next.
        for _ in 0..3 {
            std::fs::read_dir(&rooms).unwrap().for_each(drop);
            std::fs::read_to_string(&file).unwrap();
        }
        assert_eq!(
            heard(&mut rx, Duration::from_millis(300)),
            Vec::<PathBuf>::new()
        );
        // A file renamed into place (as every oogst write is) is. (The
        // polling watcher compares whole seconds of the modified time: a
        // file changed twice in a second is the periodic look's.)
        if poll {
            std::thread::sleep(POLL);
        }
        let tmp_file = rooms.join(".Kamer_1--w.json.tmp");
        std::fs::write(&tmp_file, "{\"a\":1}").unwrap();
        std::fs::rename(&tmp_file, &file).unwrap();
        assert!(heard(&mut rx, within).contains(&file));
    }
}
