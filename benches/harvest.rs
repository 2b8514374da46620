//! The live harvest: how long the update after one changed room file
//! takes in a large session (1,000 room files, 200,000 notes, 40 rooms
//! of one round, as `benches/merge.rs` makes them), and how long one
//! frame of the view takes with 20 rooms × 50 notes at 120×40.
//!
//! - `one file changed: look, read, apply`: what the lead and `oogst
//!   watch` do when a host's file changes: a look at the folder (a stat
//!   of every file, only the changed one read and parsed, off the drawing
//!   thread) and the update of the harvest with it (on the loop's
//!   thread). The aim: at most 20 ms.
//! - `one file changed: apply`: the update alone.
//! - `a look, nothing changed`: the safety-net look every two seconds.
//! - `view 20 rooms × 50 notes 120x40`: one frame. The aim: at most 2 ms.
//!
//! `cargo bench --bench harvest` (release build).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::{self, TimeZone};
use oogst::clock::ClockState;
use oogst::i18n::Lang;
use oogst::merge::live::folder::LiveFolder;
use oogst::merge::live::{Change, LiveHarvest, read};
use oogst::programme::Programme;
use oogst::tui::lead::View;
use oogst::tui::lead_app::{LeadApp, Msg};
use oogst::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const FILES: usize = 1000;
const NOTES_PER_FILE: usize = 200;
const ROOMS: usize = 40;
const WORDS: [&str; 15] = [
    "rollen",
    "gemeente",
    "inwoners",
    "wijk",
    "opgave",
    "eigenaarschap",
    "vertrouwen",
    "participatie",
    "gebiedsgericht",
    "buurtbudget",
    "wijkteam",
    "samenwerking",
    "🤝",
    "één",
    "café",
];

/// A note id as oogst makes them: the writer, `-`, 16 characters of
/// Crockford base 32 (48 bits of milliseconds, 32 "random" bits).
fn note_id(writer: &str, ms: u64, f: usize, n: usize) -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random =
        ((f as u64).wrapping_mul(2_654_435_761) ^ (n as u64).wrapping_mul(40_503)) & 0xffff_ffff;
    let v = (u128::from(ms) << 32) | u128::from(random);
    let mut id = format!("{writer}-");
    for i in (0..16).rev() {
        id.push(CROCKFORD[((v >> (i * 5)) & 31) as usize] as char);
    }
    id
}

fn programme() -> Programme {
    let rooms: Vec<String> = (1..=ROOMS).map(|r| format!("Kamer {r}")).collect();
    let text = serde_json::json!({
        "format": "oogst-programme", "version": 1, "id": "bench", "title": "Bench",
        "blocks": [{"id": "ronde-1", "kind": "breakout", "title": "Ronde 1", "start": "11:00",
                    "minutes": 60, "rooms": rooms, "questions": ["V1", "V2", "V3", "V4", "V5"]}]
    });
    Programme::parse(&text.to_string(), "programme.json").unwrap()
}

/// Room file `f` with `notes` notes, as a host writes it.
fn room_file(f: usize, notes: usize) -> String {
    let writer = format!("w{f:05}");
    let host = format!("Host {f}");
    let mut all = Vec::with_capacity(notes);
    for n in 0..notes {
        let len = 2 + (f * 7 + n * 13) % 6;
        let text: Vec<&str> = (0..len)
            .map(|i| WORDS[(f + n * 3 + i * 5) % WORDS.len()])
            .collect();
        let at = n * 18 + f % 17;
        let (minute, second, milli) = (at / 60 % 60, at % 60, (f * 37 + n * 11) % 1000);
        let hour = 11 + at / 3600;
        let ms = 1_611_223_200_000 + (at as u64) * 1000 + milli as u64;
        all.push(format!(
            "    {{\n      \"id\": \"{}\",\n      \"question\": {},\n      \"by\": \"{host}\",\n      \"text\": \"{}\",\n      \"created\": \"2021-01-21T{hour:02}:{minute:02}:{second:02}.{milli:03}+01:00\",\n      \"updated\": \"2021-01-21T{hour:02}:{minute:02}:{second:02}.{milli:03}+01:00\"{}\n    }}",
            note_id(&writer, ms, f, n),
            1 + n % 5,
            text.join(" "),
            if n % 17 == 0 { ",\n      \"deleted\": true" } else { "" }
        ));
    }
    let room = 1 + f % ROOMS;
    format!(
        "{{\n  \"format\": \"oogst-room\",\n  \"version\": 2,\n  \"session\": \"bench\",\n  \"block\": \"ronde-1\",\n  \"room\": \"Kamer {room}\",\n  \"writer\": \"{writer}\",\n  \"hosts\": [\"{host}\"],\n  \"questions\": [\"V1\", \"V2\", \"V3\", \"V4\", \"V5\"],\n  \"notes\": [\n{}\n  ],\n  \"draft\": {{\n    \"question\": 1,\n    \"text\": \"\"\n  }},\n  \"signal\": null,\n  \"seen\": null\n}}\n",
        all.join(",\n")
    )
}

fn file_path(rooms: &Path, f: usize) -> PathBuf {
    rooms
        .join("ronde-1")
        .join(format!("Kamer_{}--w{f:05}.json", 1 + f % ROOMS))
}

/// Writes `text` to `path` as oogst does: a temporary file renamed.
fn write(path: &Path, text: &str) {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn large_session(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let rooms = dir.path().join("rooms");
    std::fs::create_dir_all(rooms.join("ronde-1")).unwrap();
    for f in 0..FILES {
        write(&file_path(&rooms, f), &room_file(f, NOTES_PER_FILE));
    }
    let mut folder = LiveFolder::new(rooms.clone());
    let mut live = LiveHarvest::new("bench", Some(programme()));
    let start = Instant::now();
    let changes = folder.look(Timestamp::now());
    let looked = start.elapsed();
    live.apply(changes);
    println!(
        "first look at {FILES} files: {:.0} ms; taken in: {:.0} ms; {} notes in the harvest",
        looked.as_secs_f64() * 1e3,
        (start.elapsed() - looked).as_secs_f64() * 1e3,
        live.harvest().note_count()
    );

    // One host's file, a note more or less each time.
    let f = 123;
    let path = file_path(&rooms, f);
    let versions = [
        room_file(f, NOTES_PER_FILE + 1),
        room_file(f, NOTES_PER_FILE),
    ];
    let mut turn = 0;
    let mut group = c.benchmark_group("live harvest, 1000 files, 200000 notes");
    group.sample_size(40);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("one file changed: look, read, apply", |b| {
        b.iter_batched(
            || {
                turn += 1;
                write(&path, &versions[turn % 2]);
            },
            |()| {
                let changes = folder.look(Timestamp::now());
                assert_eq!(changes.len(), 1);
                live.apply(changes);
            },
            BatchSize::PerIteration,
        )
    });
    let name = path.display().to_string();
    let parsed: Vec<Change> = versions
        .iter()
        .map(|text| Change::Now(read(&name, Ok(text))))
        .collect();
    group.bench_function("one file changed: apply", |b| {
        b.iter_batched(
            || {
                turn += 1;
                vec![(name.clone(), parsed[turn % 2].clone())]
            },
            |changes| live.apply(changes),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("a look, nothing changed", |b| {
        b.iter(|| assert!(folder.look(Timestamp::now()).is_empty()))
    });
    group.finish();
}

/// The lead on the live harvest: 20 rooms of 50 notes each for the
/// question shown (some of them key takeaways, a draft in every room).
fn view_20_rooms(c: &mut Criterion) {
    let names: Vec<String> = (1..=20).map(|r| format!("Kamer {r}")).collect();
    let text = serde_json::json!({
        "format": "oogst-programme", "version": 1, "id": "view", "title": "Twintig kamers",
        "blocks": [{"id": "ronde-1", "kind": "breakout", "title": "Ronde 1", "start": "11:00",
                    "minutes": 60, "rooms": names, "questions": ["Wat neem je mee?", "Nog iets?"]}]
    });
    let programme = Programme::parse(&text.to_string(), "programme.json").unwrap();
    let tz = TimeZone::fixed(tz::offset(1));
    let day = date(2021, 1, 21);
    let now = day
        .at(11, 20, 0, 0)
        .to_zoned_datetime(tz.clone())
        .unwrap()
        .timestamp();
    let clock = ClockState::new(&programme, day, &tz, now);
    let mut app = LeadApp::new(
        programme,
        clock,
        Lang::En,
        Theme::COLOR,
        tz,
        None,
        None,
        now,
    );
    let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    app.update(key(' '), now);
    app.update(key('h'), now);
    let changes = (1..=20)
        .map(|r| {
            let notes: Vec<serde_json::Value> = (0..50)
                .map(|n| {
                    let time = format!("2021-01-21T11:{:02}:{:02}+01:00", n / 6, n % 60);
                    serde_json::json!({
                        "id": format!("w{r:03}-01JHX3Q8W2M{n:05}"), "question": 1,
                        "text": format!("Notitie {n} uit kamer {r}: samenwerken met de wijk vraagt tijd en vertrouwen"),
                        "star": n % 10 == 0, "created": time, "updated": time,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "format": "oogst-room", "version": 2, "session": "view", "block": "ronde-1",
                "room": format!("Kamer {r}"), "writer": format!("w{r:03}"), "hosts": [format!("Host {r}")],
                "questions": ["Wat neem je mee?", "Nog iets?"], "notes": notes,
                "draft": {"question": 1, "text": "nog aan het typen"},
            })
            .to_string();
            let name = format!("rooms/ronde-1/k{r}.json");
            let change = Change::Now(read(&name, Ok(&doc)));
            (name, change)
        })
        .collect();
    app.update(Msg::Harvest(changes), now);
    let area = Rect::new(0, 0, 120, 40);
    c.bench_function("view 20 rooms x 50 notes 120x40 (render)", |b| {
        let mut buf = Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            View {
                app: black_box(&app),
                now: black_box(now),
            }
            .render(area, &mut buf);
        })
    });
}

criterion_group!(benches, large_session, view_20_rooms);
criterion_main!(benches);
