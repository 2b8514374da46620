//! A programme: `Programme::parse` never panics; what it accepts the lead
//! can run: a fresh clock, its schedule, every action, the rounds, and
//! the clock and lead-state files it writes, which read back.
#![no_main]

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use libfuzzer_sys::fuzz_target;
use oogst::clock::{Action, ClockDoc, ClockState, TimeSource, instant_of};
use oogst::i18n::Lang;
use oogst::lead_state::LeadState;
use oogst::programme::{DayTime, Programme};
use oogst::tui::lead::View;
use oogst::tui::lead_app::LeadApp;
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let p = match Programme::parse(text, "programme.json") {
        Ok(p) => p,
        Err(e) => {
            let _ = (Lang::En.file_error(&e), Lang::Nl.file_error(&e));
            return;
        }
    };
    for w in &p.warnings {
        let _ = (Lang::En.problem_line("p", w), Lang::Nl.problem_line("p", w));
    }
    let _ = p.fingerprint();
    let _ = p.breakout();
    for at in 0..=p.blocks.len() + 1 {
        let _ = p.round_at(at);
    }
    let mut times: Vec<DayTime> = p.blocks.iter().flat_map(|b| [b.start, b.end]).collect();
    times.extend([DayTime::from_minutes(0).unwrap(), DayTime::MIDNIGHT_END]);
    for &t in &times {
        let _ = p.round_by_time(t);
    }

    // A time zone with summer time (and a day it starts: 02:00-03:00 is
    // not there), and one far from UTC.
    let amsterdam = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let kiribati = TimeZone::fixed(Offset::from_seconds(14 * 3600).unwrap());
    let day = p.date.unwrap_or(jiff::civil::date(2021, 1, 21));
    let runs = [
        (&amsterdam, day, 0),
        (&amsterdam, jiff::civil::date(2021, 3, 28), 1),
        (&kiribati, day, 2),
        (&TimeZone::UTC, day, 3),
    ];
    for (tz, day, which) in runs {
        let first = instant_of(day, p.blocks[0].start, tz);
        let last = instant_of(day, p.blocks[p.blocks.len() - 1].end, tz);
        let now = match which {
            0 => plus(first, SignedDuration::from_mins(-5)),
            1 => first,
            2 => plus(first, SignedDuration::from_mins(7)),
            _ => plus(last, SignedDuration::from_hours(2)),
        };
        // The lead's screen once: it costs more than the clock.
        lead(&p, day, tz, now, which == 1);
    }
});

fn lead(p: &Programme, day: Date, tz: &TimeZone, now: Timestamp, screen: bool) {
    let mut state = ClockState::new(p, day, tz, now);
    look(p, &state, tz, now);
    let actions = [
        Action::StartPause,
        Action::Extend,
        Action::StartPause,
        Action::StartPause,
        Action::Shorten,
        Action::Shorten,
        Action::Next,
        Action::Replan,
        Action::Replan,
        Action::Replan,
        Action::Message(Some("Nog 5 minuten".into())),
        Action::Next,
        Action::Previous,
        Action::ToggleBell,
        Action::Next,
        Action::Next,
    ];
    let mut t = now;
    for (i, a) in actions.into_iter().enumerate() {
        t = plus(t, SignedDuration::from_secs(37 * 60 * (i as i64 % 3)));
        state.apply(a, t);
        if i % 3 == 2 {
            look(p, &state, tz, t);
        }
    }
    for _ in 0..p.blocks.len() {
        state.apply(Action::Next, t);
    }
    look(p, &state, tz, t);
    state.apply(Action::Previous, t);
    look(p, &state, tz, t);
    if screen {
        let app = LeadApp::new(
            p.clone(),
            state,
            Lang::En,
            Theme::NO_COLOR,
            tz.clone(),
            None,
            None,
            t,
        );
        let _ = app.next_change(t);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|f| f.render_widget(View { app: &app, now: t }, f.area()))
            .unwrap();
    }
}

/// What the lead shows and writes at `now`; what it writes reads back.
fn look(p: &Programme, state: &ClockState, tz: &TimeZone, now: Timestamp) {
    if let Some(c) = state.current(now) {
        let _ = (c.over_time(), c.nearly_over());
    }
    let _ = state.schedule(now);
    let doc = ClockDoc::build(p, state, now, now, &TimeSource::real(), tz);
    let back = ClockDoc::parse(&doc.to_json(), "clock.json").expect("the lead's clock reads back");
    assert_eq!(back, doc);
    let source = TimeSource::rehearsal(now, plus(now, SignedDuration::from_mins(3)), 30.0);
    let doc = ClockDoc::build(p, state, now, now, &source, tz);
    ClockDoc::parse(&doc.to_json(), "clock.json").expect("a rehearsal's clock reads back");
    let day = now.to_zoned_datetime(tz.clone()).date();
    let saved = LeadState::new(p, day, None, state.clone());
    let back =
        LeadState::parse(&saved.to_json(), "lead-state.json").expect("the lead's state reads back");
    assert_eq!(back, saved);
    assert!(
        back.fits(p, day, None, None),
        "the lead's own state does not fit"
    );
}

/// `t + d`, or `t` where jiff cannot hold it (the harness's own sums).
fn plus(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d).unwrap_or(t)
}
