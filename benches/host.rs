//! The host's costs with a long hour of notes: one frame of the screen,
//! and one autosave of the room file (serialise, write, fsync, rename,
//! fsync of the folder). Aims: under 2 ms and under 20 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use oogst::i18n::Lang;
use oogst::programme::Programme;
use oogst::room::{RoomDoc, stamp};
use oogst::session_dir::write_atomic;
use oogst::tui::host::HostView;
use oogst::tui::host_app::HostApp;
use oogst::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// 2,000 notes over five questions, of the lengths hosts type.
fn room_with_notes(n: usize) -> RoomDoc {
    let p = Programme::demo();
    let tz = TimeZone::fixed(tz::offset(1));
    let mut doc = RoomDoc::new(
        &p.id,
        "samen-in-gesprek",
        "Kamer 3",
        "Anna",
        "k7f2q9",
        p.breakout().unwrap().questions.clone(),
    );
    let start: Timestamp = "2021-01-21T10:00:00Z".parse().unwrap();
    let words = "rollen gemeente inwoners wijk opgave eigenaarschap vertrouwen 🤝 participatie gebiedsgericht";
    for i in 0..n {
        let now = stamp(start + SignedDuration::from_secs(i as i64), &tz);
        let len = 20 + (i * 37) % 180;
        let text: String = words.chars().cycle().skip(i % 50).take(len).collect();
        doc.add(1 + i % 5, &text, &now);
    }
    doc
}

fn bench(c: &mut Criterion) {
    let tz = TimeZone::fixed(tz::offset(1));
    let now: Timestamp = "2021-01-21T11:00:00Z".parse().unwrap();
    let app = HostApp::new(
        room_with_notes(2000),
        "Community of Practice".into(),
        Lang::En,
        Theme::COLOR,
        tz,
    );
    let area = Rect::new(0, 0, 120, 40);
    c.bench_function("host view 120x40, 2000 notes (render)", |b| {
        let mut buf = Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            HostView {
                app: black_box(&app),
                now,
            }
            .render(area, &mut buf);
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Kamer_3--k7f2q9.json");
    println!("room file of 2000 notes: {} bytes", app.doc.to_json().len());
    c.bench_function(
        "autosave of 2000 notes (serialise + atomic write + fsync)",
        |b| b.iter(|| write_atomic(&path, &black_box(&app.doc).to_json()).unwrap()),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
