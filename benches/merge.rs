//! `oogst merge` in every format (Markdown, HTML, CSV, JSON) against `jq`
//! on a large session: 1,000 room files of version 2 (a round's folder,
//! note ids of writer, time and random part, `by` on every note), 200,000
//! notes, about 50 MB. Both read the same files in the same run; oogst
//! must be at least 10 times as fast in every format (it does more: it
//! merges and writes the harvest), with a peak memory under 3 times the
//! input.
//!
//! `cargo bench --bench merge` (jq must be installed; the figures are
//! printed, and the run fails when a bar is missed).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 1000;
const NOTES_PER_FILE: usize = 200;

/// A note id as oogst makes them: the writer, `-`, 16 characters of
/// Crockford base 32 (48 bits of milliseconds, 32 random bits; here
/// derived from the note's place, so runs are alike).
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

fn write_session(dir: &Path) -> u64 {
    let words = [
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
    let round = dir.join("rooms").join("ronde-1");
    std::fs::create_dir_all(&round).unwrap();
    let mut total = 0;
    for f in 0..FILES {
        let writer = format!("w{f:05}");
        let host = format!("Host {f}");
        let mut notes = Vec::with_capacity(NOTES_PER_FILE);
        for n in 0..NOTES_PER_FILE {
            let len = 2 + (f * 7 + n * 13) % 6;
            let text: Vec<&str> = (0..len)
                .map(|i| words[(f + n * 3 + i * 5) % words.len()])
                .collect();
            // Each host notes once every 18 s or so, at their own moments.
            let at = n * 18 + f % 17;
            let (minute, second, milli) = (at / 60 % 60, at % 60, (f * 37 + n * 11) % 1000);
            let hour = 11 + at / 3600;
            let ms = 1_611_223_200_000 + (at as u64) * 1000 + milli as u64;
            notes.push(format!(
                "    {{\n      \"id\": \"{}\",\n      \"question\": {},\n      \"by\": \"{host}\",\n      \"text\": \"{}\",\n      \"created\": \"2021-01-21T{hour:02}:{minute:02}:{second:02}.{milli:03}+01:00\",\n      \"updated\": \"2021-01-21T{hour:02}:{minute:02}:{second:02}.{milli:03}+01:00\"{}\n    }}",
                note_id(&writer, ms, f, n),
                1 + n % 5,
                text.join(" "),
                if n % 17 == 0 { ",\n      \"deleted\": true" } else { "" }
            ));
        }
        let room = 1 + f % 40;
        let doc = format!(
            "{{\n  \"format\": \"oogst-room\",\n  \"version\": 2,\n  \"session\": \"bench\",\n  \"block\": \"ronde-1\",\n  \"room\": \"Kamer {room}\",\n  \"writer\": \"{writer}\",\n  \"hosts\": [\"{host}\"],\n  \"questions\": [\"V1\", \"V2\", \"V3\", \"V4\", \"V5\"],\n  \"notes\": [\n{}\n  ],\n  \"draft\": {{\n    \"question\": 1,\n    \"text\": \"\"\n  }},\n  \"signal\": null,\n  \"seen\": null\n}}\n",
            notes.join(",\n")
        );
        total += doc.len() as u64;
        std::fs::write(
            round.join(format!("Kamer_{room}-bench--{writer}.json")),
            doc,
        )
        .unwrap();
    }
    total
}

/// The largest resident set of any child waited for so far, in bytes
/// (0 where there is no getrusage: Windows).
#[cfg(not(unix))]
fn children_max_rss() -> u64 {
    0
}

/// The largest resident set of any child waited for so far, in bytes.
#[cfg(unix)]
fn children_max_rss() -> u64 {
    use nix::sys::resource::{UsageWho, getrusage};
    getrusage(UsageWho::RUSAGE_CHILDREN).unwrap().max_rss() as u64 * 1024
}

fn time(runs: usize, mut cmd: impl FnMut() -> Command) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let status = cmd()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run this.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = match std::env::var_os("OOGST_BENCH_DIR") {
        // Keep the files for a closer look (profiling).
        Some(d) => {
            std::fs::create_dir_all(&d).unwrap();
            tempfile::Builder::new()
                .disable_cleanup(true)
                .tempdir_in(d)
                .unwrap()
        }
        None => tempfile::tempdir().unwrap(),
    };
    let bytes = write_session(dir.path());
    // The files on disk before anything is timed: otherwise the system
    // writes them back during the first runs (oogst's, by the order below).
    #[cfg(unix)]
    nix::unistd::sync();
    let files: Vec<_> = std::fs::read_dir(dir.path().join("rooms/ronde-1"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    println!(
        "input: {} files, {} notes, {:.1} MB",
        files.len(),
        FILES * NOTES_PER_FILE,
        bytes as f64 / 1e6
    );

    if Command::new("jq").arg("--version").output().is_err() {
        println!("jq is not installed: `apt-get install jq` to compare");
        return;
    }
    // oogst first, so that the largest resident set of the children
    // waited for so far is oogst's own (jq's is larger).
    let oogst = env!("CARGO_BIN_EXE_oogst");
    let formats = ["md", "html", "csv", "json"];
    let oogst_times: Vec<Duration> = formats
        .iter()
        .map(|format| {
            let merge = || {
                let mut c = Command::new(oogst);
                c.args(["merge", "--format", format]).arg(dir.path());
                c
            };
            let _warm = time(1, merge);
            time(5, merge)
        })
        .collect();
    let rss = children_max_rss();

    let jq = || {
        let mut c = Command::new("jq");
        c.args(["-s", "[.[].notes[]] | length"]).args(&files);
        c
    };
    let jq_time = time(3, jq);
    println!(
        "jq -s:             {:.0} ms (median of 3)",
        jq_time.as_secs_f64() * 1e3
    );
    let mut slowest = f64::INFINITY;
    for (format, oogst_time) in formats.iter().zip(oogst_times) {
        let ratio = jq_time.as_secs_f64() / oogst_time.as_secs_f64();
        slowest = slowest.min(ratio);
        println!(
            "oogst merge {format:>4}: {:.0} ms (median of 5), {ratio:.1}× as fast as jq",
            oogst_time.as_secs_f64() * 1e3
        );
    }
    println!(
        "oogst peak memory: {:.1} MB = {:.2}× the input (the largest of its runs)",
        rss as f64 / 1e6,
        rss as f64 / bytes as f64
    );
    assert!(
        rss < 3 * bytes,
        "oogst's peak memory must stay under 3 times the input"
    );
    assert!(
        slowest >= 10.0,
        "oogst must be at least 10× as fast as jq in every format"
    );
}
