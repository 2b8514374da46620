//! A lead state: `LeadState::parse` never panics; what it accepts the
//! lead can resume: `fits`, the clock at the file's own instants, every
//! action, and the clock and lead-state files it then writes, which read
//! back.
#![no_main]

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use libfuzzer_sys::fuzz_target;
use oogst::check::check_text;
use oogst::clock::{Action, ClockDoc, ClockState, TimeSource};
use oogst::i18n::Lang;
use oogst::lead_state::LeadState;
use oogst::programme::{Block, BlockKind, DayTime, Programme};
use oogst::tui::lead::View;
use oogst::tui::lead_app::LeadApp;
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = LeadState::parse(text, "lead-state.json");
    let head_says = oogst::files::head(oogst::files::strip_bom(text))
        .is_ok_and(|h| h.format.as_deref() == Some(oogst::lead_state::FORMAT));
    if head_says {
        let checked = check_text(text, "lead-state.json").inspect(|v| {
            let _ = (
                Lang::En.verdict(v, "lead-state.json"),
                Lang::Nl.verdict(v, "lead-state.json"),
            );
        });
        assert_eq!(
            checked.is_ok(),
            parsed.is_ok(),
            "check and the lead-state reader disagree"
        );
    }
    let state = match parsed {
        Ok(state) => state,
        Err(e) => {
            let _ = (Lang::En.file_error(&e), Lang::Nl.file_error(&e));
            return;
        }
    };
    let demo = Programme::demo();
    let _ = state.fits(&demo, state.day, None, None);
    let _ = state.fits(&demo, state.day, Some("09:00"), Some(30.0));
    if let Some(r) = &state.rehearsal {
        let _ = state.fits(&demo, state.day, r.at.as_deref(), Some(r.speed));
    }
    // A programme of as many blocks, as the lead has when the state fits.
    let programme = (state.clock.blocks.len() <= 64).then(|| programme_of(&state.clock));

    // The lead resumes: its now is the rehearsal's, or the real time.
    let real_now: Timestamp = "2026-11-30T09:00:00Z".parse().unwrap();
    let mut nows = vec![real_now];
    if let Some(r) = &state.rehearsal {
        let source = TimeSource::rehearsal(real_now, r.virtual_now, r.speed);
        nows.push(source.virtual_at(real_now));
        let later = real_now + SignedDuration::from_secs(90);
        nows.push(source.virtual_at(later));
        let _ = source.real_duration(SignedDuration::from_secs(60));
    }
    // And the instants the file itself holds.
    for b in state.clock.blocks.iter().take(3) {
        nows.extend(
            [
                Some(b.planned_start),
                Some(b.planned_end),
                b.started,
                b.paused_at,
            ]
            .into_iter()
            .flatten(),
        );
    }
    if let Some(b) = state.clock.blocks.get(state.clock.current) {
        nows.extend(
            [Some(b.planned_end), b.started, b.ended, b.paused_at]
                .into_iter()
                .flatten(),
        );
    }
    if let Some(m) = &state.clock.message {
        nows.push(m.at);
    }
    nows.truncate(8);

    let tz = TimeZone::UTC;
    for &now in &nows {
        look(&state, programme.as_ref(), &tz, now);
    }
    // The lead's screen, resumed from the file.
    if let Some(p) = &programme {
        let speed = state.rehearsal.as_ref().map(|r| r.speed);
        for &now in nows.iter().take(2) {
            let app = LeadApp::new(
                p.clone(),
                state.clock.clone(),
                Lang::Nl,
                Theme::COLOR,
                tz.clone(),
                None,
                speed,
                now,
            );
            let _ = app.next_change(now);
            for (w, h) in [(100, 30), (40, 12)] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal
                    .draw(|f| f.render_widget(View { app: &app, now }, f.area()))
                    .unwrap();
            }
        }
    }
    let actions = [
        Action::StartPause,
        Action::Extend,
        Action::Shorten,
        Action::StartPause,
        Action::Replan,
        Action::Replan,
        Action::Next,
        Action::Shorten,
        Action::StartPause,
        Action::Previous,
        Action::Message(Some("x".into())),
        Action::Next,
        Action::Replan,
        Action::Previous,
        Action::Previous,
    ];
    for (k, &now) in nows.iter().enumerate().take(4) {
        let mut s = state.clone();
        for (i, a) in actions.iter().enumerate() {
            if (i + k) % 4 == 3 {
                continue;
            }
            s.clock.apply(a.clone(), now);
            look(&s, programme.as_ref(), &tz, now);
        }
    }
});

fn programme_of(clock: &ClockState) -> Programme {
    let blocks = (0..clock.blocks.len())
        .map(|i| Block {
            id: format!("b{i}"),
            kind: BlockKind::ALL[i % BlockKind::ALL.len()],
            title: format!("Blok {i}"),
            start: DayTime::from_minutes(0).unwrap(),
            end: DayTime::from_minutes(60).unwrap(),
            fixed_start: false,
            rooms: vec!["Kamer 1".into()],
            questions: vec!["Wat?".into()],
        })
        .collect();
    Programme {
        id: "s".into(),
        title: "S".into(),
        date: None,
        blocks,
        source: String::new(),
        warnings: Vec::new(),
    }
}

/// What the lead shows and writes at `now`; what it writes reads back.
fn look(state: &LeadState, programme: Option<&Programme>, tz: &TimeZone, now: Timestamp) {
    let clock = &state.clock;
    if let Some(c) = clock.current(now) {
        let _ = (c.over_time(), c.nearly_over());
    }
    let _ = clock.schedule(now);
    let _ = (clock.is_over(), clock.is_running());
    let back =
        LeadState::parse(&state.to_json(), "lead-state.json").expect("the lead's state reads back");
    assert_eq!(&back, state);
    if let Some(p) = programme {
        let doc = ClockDoc::build(p, clock, now, now, &TimeSource::real(), tz);
        ClockDoc::parse(&doc.to_json(), "clock.json").expect("the lead's clock reads back");
    }
}
