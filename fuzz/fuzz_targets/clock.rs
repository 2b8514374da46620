//! A clock file: `ClockDoc::parse` never panics; what it accepts a host
//! can show: the lead's now, the clock's age, the rehearsal's time, the
//! next change and the host's screen.
#![no_main]

use jiff::{SignedDuration, Timestamp};
use libfuzzer_sys::fuzz_target;
use oogst::check::check_text;
use oogst::clock::{ClockDoc, TimeSource};
use oogst::i18n::Lang;
use oogst::room::RoomDoc;
use oogst::tui::host::HostView;
use oogst::tui::host_app::HostApp;
use oogst::tui::host_shell::Msg;
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = ClockDoc::parse(text, "clock.json");
    let head_says_clock = oogst::files::head(oogst::files::strip_bom(text))
        .is_ok_and(|h| h.format.as_deref() == Some(oogst::clock::CLOCK_FORMAT));
    if head_says_clock {
        let checked = check_text(text, "clock.json").inspect(|v| {
            let _ = (
                Lang::En.verdict(v, "clock.json"),
                Lang::Nl.verdict(v, "clock.json"),
            );
        });
        assert_eq!(
            checked.is_ok(),
            parsed.is_ok(),
            "check and the clock reader disagree"
        );
    }
    let doc = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            let _ = (Lang::En.file_error(&e), Lang::Nl.file_error(&e));
            any_speed(text);
            return;
        }
    };
    let back = ClockDoc::parse(&doc.to_json(), "clock.json").expect("a clock reads back");
    assert_eq!(back, doc);

    // Every time is typed once read: its instant is the one reader's.
    let written = doc.written.at();
    assert_eq!(
        oogst::files::parse_timestamp(doc.written.as_str()),
        Some(written)
    );
    if let Some(b) = &doc.block {
        assert_eq!(
            oogst::files::parse_timestamp(b.projected_end.as_str()),
            Some(b.projected_end.at())
        );
    }
    let mut nows = vec![
        written,
        Timestamp::MIN,
        Timestamp::MAX,
        "2021-01-21T11:00:00Z".parse().unwrap(),
    ];
    for d in [-45, -1, 1, 29, 31, 3600, 86_400 * 400] {
        if let Ok(t) = written.checked_add(SignedDuration::from_secs(d)) {
            nows.push(t);
        }
    }
    if let Some(r) = &doc.rehearsal {
        let real = r.real.at();
        nows.push(real);
        let speed = r.speed.as_f64().expect("a speed is a number");
        exercise(&TimeSource::rehearsal(real, written, speed), &nows);
    }

    for &now in &nows {
        let _ = (doc.countdown(now), doc.age(now), doc.lead_now(now));
    }

    let room = RoomDoc::new("s", "b", "Kamer 1", "Anna", "w1", vec!["Wat?".into()]);
    let mut app = HostApp::new(
        room,
        "Ronde".into(),
        Lang::En,
        Theme::COLOR,
        jiff::tz::TimeZone::UTC,
    );
    let mut first = doc.clone();
    first.message = Some(oogst::clock::ClockDocMessage {
        text: "Welkom".into(),
        at: doc.written.clone(),
    });
    // A host's now is the real time: today, or close to when the lead wrote.
    let mut real_nows: Vec<Timestamp> = vec![
        "2021-01-21T11:00:00Z".parse().unwrap(),
        "2026-11-30T05:00:00Z".parse().unwrap(),
    ];
    if (1970..=2200).contains(&written.to_zoned_datetime(jiff::tz::TimeZone::UTC).year()) {
        for d in [-45, -1, 1, 29, 31] {
            real_nows.push(written + SignedDuration::from_secs(d));
        }
    }
    for &now in &nows {
        let _ = doc.lead_now(now);
        let _ = doc.age(now);
    }
    app.update(Msg::Clock(Some(Box::new(first))), real_nows[0]);
    for now in real_nows {
        app.update(Msg::Clock(Some(Box::new(doc.clone()))), now);
        let _ = app.next_change(now);
        for (w, h) in [(80, 24), (30, 8)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|f| f.render_widget(HostView { app: &app, now }, f.area()))
                .unwrap();
        }
    }
});

/// A speed the reader refused (`1e17`, `-0`, `1e-300`) still cannot make
/// a time source panic: it is made harmless there too.
fn any_speed(text: &str) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let Some(speed) = value.pointer("/rehearsal/speed").and_then(|s| s.as_f64()) else {
        return;
    };
    let t: Timestamp = "2021-01-21T11:00:00Z".parse().unwrap();
    for anchor in [t, Timestamp::MIN, Timestamp::MAX] {
        let source = TimeSource::rehearsal(anchor, t, speed);
        let speed = source.speed();
        assert!(
            speed > 0.0 && speed <= oogst::clock::document::MAX_SPEED,
            "speed {speed}"
        );
        exercise(&source, &[t, Timestamp::MIN, Timestamp::MAX, anchor]);
    }
}

/// Every conversion of a time source, at `nows` and at the extremes.
fn exercise(source: &TimeSource, nows: &[Timestamp]) {
    for &now in nows {
        let _ = source.virtual_at(now);
    }
    for d in [
        SignedDuration::MAX,
        SignedDuration::MIN,
        SignedDuration::from_secs(1),
    ] {
        let _ = source.real_duration(d);
    }
}
