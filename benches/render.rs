//! How long one frame of the lead's screens takes to draw. The event loop
//! draws at most once per (virtual) second, so this is the idle cost; the
//! aim is well under 0.5 ms for the lead view at 120×40.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use oogst::clock::ClockState;
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::tui::lead::View;
use oogst::tui::lead_app::{LeadApp, Msg};
use oogst::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn running_lead() -> (LeadApp, Timestamp) {
    let tz = TimeZone::fixed(tz::offset(1));
    let day = date(2021, 1, 21);
    let start = day
        .at(10, 12, 0, 0)
        .to_zoned_datetime(tz.clone())
        .unwrap()
        .timestamp();
    let programme = Programme::demo();
    let clock = ClockState::new(&programme, day, &tz, start);
    let mut app = LeadApp::new(
        programme,
        clock,
        Lang::En,
        Theme::COLOR,
        tz,
        Some(PathBuf::from("/srv/sessies/cop")),
        None,
        start,
    );
    let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
    app.update(Msg::Key(space), start);
    (app, start + SignedDuration::from_secs(8 * 60 + 30))
}

/// Draws the app's current screen into a buffer of `area`, over and over.
fn bench_render(c: &mut Criterion, name: &str, app: &LeadApp, now: Timestamp, area: Rect) {
    c.bench_function(name, |b| {
        let mut buf = Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            View {
                app: black_box(app),
                now: black_box(now),
            }
            .render(area, &mut buf);
        })
    });
}

fn bench(c: &mut Criterion) {
    let (mut app, now) = running_lead();
    bench_render(
        c,
        "lead view 120x40 (render)",
        &app,
        now,
        Rect::new(0, 0, 120, 40),
    );

    // A whole frame as the event loop makes it: render, then diff against
    // the previous frame; the clock has moved a second in between.
    c.bench_function("lead view 120x40 (terminal frame)", |b| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut t = now;
        b.iter(|| {
            t += SignedDuration::from_secs(1);
            terminal
                .draw(|f| f.render_widget(View { app: &app, now: t }, f.area()))
                .unwrap();
        })
    });

    app.screen = oogst::tui::lead_app::Screen::Presenter;
    bench_render(
        c,
        "presenter 200x60 (render)",
        &app,
        now,
        Rect::new(0, 0, 200, 60),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
