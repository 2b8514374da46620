//! The terminal shell around the core: start-up, the event loop, signals,
//! and restoring the terminal on every way out.

pub mod app;
pub mod keys;
pub mod lead;
pub mod theme;
pub mod widgets;

use std::io::{Stdout, Write};
use std::time::Duration;

use futures_util::StreamExt;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event, EventStream, KeyEventKind,
};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{cursor, execute, queue, terminal};
use tokio::signal::unix::{SignalKind, signal};

use crate::clock::{ClockDoc, ClockState, TimeSource, instant_of};
use crate::i18n::{Lang, fill};
use crate::lead_state::{LeadState, Rehearsal};
use crate::programme::{DayTime, Programme};
use crate::session_dir::{SaveReport, Saver, SessionDir, move_aside, write_atomic};
use app::{Effect, LeadApp, Msg};
use theme::Theme;

/// How often the lead rewrites `clock.json` while it runs, so hosts can
/// tell a quiet lead from a gone one.
const HEARTBEAT: Duration = Duration::from_secs(10);
/// The longest the app waits for its writes when it stops.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(5);

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
}

/// Everything the event loop needs besides the app.
pub struct Session {
    pub dir: SessionDir,
    pub day: Date,
    pub source: TimeSource,
    pub rehearsal_at: Option<String>,
}

impl Session {
    pub fn lead_state(&self, app: &LeadApp, now: Timestamp) -> LeadState {
        let rehearsal = self.source.is_rehearsal().then(|| Rehearsal {
            at: self.rehearsal_at.clone(),
            speed: self.source.speed(),
            virtual_now: now,
        });
        LeadState::new(&app.programme, self.day, rehearsal, app.clock.clone())
    }

    pub fn clock_doc(&self, app: &LeadApp, now: Timestamp, real: Timestamp) -> ClockDoc {
        ClockDoc::build(&app.programme, &app.clock, now, real, &self.source, &app.tz)
    }
}

/// Prepares the lead: the session folder (with the programme in it), the
/// time source, and the clock — resumed from `lead-state.json` when that
/// belongs to this programme, day and mode, else fresh (the old file kept
/// aside). Returns the app, the session and notices for the lead.
pub fn start_lead(
    opts: LeadOptions,
    real_now: Timestamp,
) -> Result<(LeadApp, Session, Vec<String>), String> {
    let t = opts.lang.t();
    let dir = opts.dir;
    dir.ensure()
        .map_err(|e| format!("{}: {e}", dir.root.display()))?;
    let programme_path = dir.programme_path();
    let unchanged =
        std::fs::read_to_string(&programme_path).is_ok_and(|s| s == opts.programme.source);
    if !unchanged {
        write_atomic(&programme_path, opts.programme.source.as_bytes())
            .map_err(|e| format!("{}: {e}", programme_path.display()))?;
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
    let mut notices = Vec::new();

    let state_path = dir.lead_state_path();
    let mut day = source
        .virtual_at(real_now)
        .to_zoned_datetime(opts.tz.clone())
        .date();
    let mut resumed: Option<ClockState> = None;
    if let Ok(text) = std::fs::read_to_string(&state_path) {
        let file = state_path.display().to_string();
        let saved = LeadState::parse(&text, &file);
        let fits = saved.as_ref().is_ok_and(|s| {
            s.fits(
                &opts.programme,
                day,
                rehearsal_at.as_deref(),
                opts.speed.or(rehearsal.then_some(1.0)),
            )
        });
        match saved {
            Ok(s) if fits && !opts.fresh => {
                if let Some(r) = &s.rehearsal {
                    source = TimeSource::rehearsal(real_now, r.virtual_now, r.speed);
                    day = s.day;
                }
                resumed = Some(s.clock);
                notices.push(t.resumed.to_string());
            }
            _ => {
                let moved =
                    move_aside(&state_path, "old", real_now).map_err(|e| format!("{file}: {e}"))?;
                let name = moved
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                notices.push(fill(t.fresh_state, &[("file", &name)]));
            }
        }
    }
    let now = source.virtual_at(real_now);
    let clock = resumed.unwrap_or_else(|| ClockState::new(&opts.programme, day, &opts.tz, now));
    let app = LeadApp::new(
        opts.programme,
        clock,
        opts.lang,
        opts.theme,
        opts.tz,
        Some(dir.root.clone()),
        rehearsal.then(|| source.speed()),
        now,
    );
    let session = Session {
        dir,
        day,
        source,
        rehearsal_at,
    };
    Ok((app, session, notices))
}

type Term = Terminal<CrosstermBackend<Stdout>>;

fn init_terminal() -> std::io::Result<Term> {
    terminal::enable_raw_mode()?;
    let mut out = std::io::stdout();
    execute!(
        out,
        terminal::EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    Terminal::new(CrosstermBackend::new(std::io::stdout()))
}

/// Puts the terminal back as it was; safe to call more than once.
pub fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, cursor::Show);
    let _ = ratatui::try_restore();
}

/// Runs the lead's app until it quits; saves and restores on every way out.
pub fn run_lead(mut app: LeadApp, session: Session, notices: Vec<String>) -> Result<(), String> {
    let (report_tx, report_rx) = tokio::sync::mpsc::unbounded_channel();
    let saver = Saver::spawn(move |r| {
        let _ = report_tx.send(r);
    });
    let real_now = Timestamp::now();
    let now = session.source.virtual_at(real_now);
    if let Some(n) = notices.last() {
        app.notify(n.clone(), false, now);
    }

    let panic_saver = saver.clone();
    let previous_hook = std::panic::take_hook();
    let crashed = fill(
        app.lang.t().crashed,
        &[("dir", &session.dir.root.display().to_string())],
    );
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        panic_saver.flush(FLUSH_TIMEOUT);
        eprintln!("oogst: {crashed}");
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
    let result = runtime.block_on(event_loop(
        &mut terminal,
        &mut app,
        &session,
        &saver,
        report_rx,
    ));
    // Whatever happened, the last state goes to disk before we leave.
    let real = Timestamp::now();
    let now = session.source.virtual_at(real);
    perform(
        &[Effect::SaveState, Effect::WriteClock],
        &mut terminal,
        &app,
        &session,
        &saver,
        now,
        real,
    );
    let flushed = saver.flush(FLUSH_TIMEOUT);
    restore_terminal();
    let _ = std::panic::take_hook();
    result?;
    if !flushed {
        return Err(format!(
            "{}: {}",
            session.dir.root.display(),
            app.save_error.as_deref().unwrap_or("could not save")
        ));
    }
    Ok(())
}

fn perform(
    effects: &[Effect],
    terminal: &mut Term,
    app: &LeadApp,
    session: &Session,
    saver: &Saver,
    now: Timestamp,
    real: Timestamp,
) -> bool {
    let mut quit = false;
    for fx in effects {
        match fx {
            Effect::SaveState => saver.write(
                session.dir.lead_state_path(),
                session.lead_state(app, now).to_json().into_bytes(),
                Duration::ZERO,
            ),
            Effect::WriteClock => saver.write(
                session.dir.clock_path(),
                session.clock_doc(app, now, real).to_json().into_bytes(),
                Duration::ZERO,
            ),
            Effect::Bell => {
                let out = terminal.backend_mut();
                let _ = out.write_all(b"\x07").and_then(|()| out.flush());
            }
            Effect::Quit => quit = true,
        }
    }
    quit
}

async fn event_loop(
    terminal: &mut Term,
    app: &mut LeadApp,
    session: &Session,
    saver: &Saver,
    mut reports: tokio::sync::mpsc::UnboundedReceiver<SaveReport>,
) -> Result<(), String> {
    let signal_stream = |kind| signal(kind).map_err(|e| format!("signals: {e}"));
    let mut sigterm = signal_stream(SignalKind::terminate())?;
    let mut sighup = signal_stream(SignalKind::hangup())?;
    let mut sigint = signal_stream(SignalKind::interrupt())?;
    let mut events = EventStream::new();
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut redraw = true;
    loop {
        let real = Timestamp::now();
        let now = session.source.virtual_at(real);
        if redraw {
            draw(terminal, app, now).map_err(|e| format!("terminal: {e}"))?;
        }
        let wait = session.source.real_duration(app.next_change(now) - now);
        let wait = wait.clamp(
            SignedDuration::from_millis(10),
            SignedDuration::from_secs(1),
        );
        let sleep = tokio::time::sleep(wait.unsigned_abs());
        let (msg, hangup) = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => (Some(Msg::Key(key)), false),
                Some(Ok(Event::Paste(text))) => (Some(Msg::Paste(text)), false),
                Some(Ok(Event::Resize(..))) => (None, false),
                Some(Ok(_)) => { redraw = false; continue; }
                // The terminal is gone: save and leave at once.
                Some(Err(_)) | None => (Some(Msg::Stop), true),
            },
            _ = sleep => (Some(Msg::Tick), false),
            _ = heartbeat.tick() => {
                let real = Timestamp::now();
                let now = session.source.virtual_at(real);
                let fx = app.update(Msg::Heartbeat, now);
                perform(&fx, terminal, app, session, saver, now, real);
                redraw = false;
                continue;
            }
            Some(report) = reports.recv() => {
                let before = app.save_error.clone();
                app.update(Msg::Saved(report), now);
                redraw = app.save_error != before;
                continue;
            }
            _ = sigterm.recv() => (Some(Msg::Stop), false),
            _ = sigint.recv() => (Some(Msg::Stop), false),
            _ = sighup.recv() => (Some(Msg::Stop), true),
        };
        redraw = true;
        let real = Timestamp::now();
        let now = session.source.virtual_at(real);
        let Some(msg) = msg else { continue };
        // Test builds can be made to crash, so the tests can see that a
        // crash saves and restores too.
        #[cfg(debug_assertions)]
        if let Msg::Key(k) = &msg
            && k.code == ratatui::crossterm::event::KeyCode::F(12)
            && std::env::var_os("OOGST_TEST_PANIC").is_some()
        {
            panic!("a crash on purpose (OOGST_TEST_PANIC)");
        }
        let fx = app.update(msg, now);
        if perform(&fx, terminal, app, session, saver, now, real) || hangup {
            return Ok(());
        }
    }
}

fn draw(terminal: &mut Term, app: &LeadApp, now: Timestamp) -> std::io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| {
        frame.render_widget(lead::View { app, now }, frame.area());
    })?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
}
