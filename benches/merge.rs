//! `oogst merge` (Markdown, its default) against `jq` on a large session: 1,000 room files,
//! 200,000 notes, about 45 MB. Both read the same files in the same run;
//! oogst must be at least 10 times as fast (it does more: it merges and
//! writes the harvest), with a peak memory under 3 times the input.
//!
//! `cargo bench --bench merge` (jq must be installed; the figures are
//! printed, and the run fails when a bar is missed).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 1000;
const NOTES_PER_FILE: usize = 200;

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
    let mut total = 0;
    for f in 0..FILES {
        let writer = format!("w{f:05}");
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
            notes.push(format!(
                "    {{\n      \"id\": \"{writer}-{:06}\",\n      \"question\": {},\n      \"text\": \"{}\",\n      \"created\": \"2021-01-21T{hour:02}:{minute:02}:{second:02}.{milli:03}+01:00\",\n      \"updated\": \"2021-01-21T{hour:02}:{minute:02}:{second:02}.{milli:03}+01:00\"{}\n    }}",
                n + 1,
                1 + n % 5,
                text.join(" "),
                if n % 17 == 0 { ",\n      \"deleted\": true" } else { "" }
            ));
        }
        let doc = format!(
            "{{\n  \"format\": \"oogst-room\",\n  \"version\": 1,\n  \"session\": \"bench\",\n  \"room\": \"Kamer {}\",\n  \"host\": \"Host {f}\",\n  \"writer\": \"{writer}\",\n  \"questions\": [\"V1\", \"V2\", \"V3\", \"V4\", \"V5\"],\n  \"notes\": [\n{}\n  ]\n}}\n",
            1 + f % 40,
            notes.join(",\n")
        );
        total += doc.len() as u64;
        std::fs::write(
            dir.join(format!("Kamer_{}--{writer}.json", 1 + f % 40)),
            doc,
        )
        .unwrap();
    }
    total
}

/// The largest resident set of any child waited for so far, in bytes.
fn children_max_rss() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as u64 * 1024
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
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    println!(
        "input: {} files, {} notes, {:.1} MB",
        files.len(),
        FILES * NOTES_PER_FILE,
        bytes as f64 / 1e6
    );

    let oogst = env!("CARGO_BIN_EXE_oogst");
    let merge = || {
        let mut c = Command::new(oogst);
        c.arg("merge").arg(dir.path());
        c
    };
    let _warm = time(1, merge);
    let oogst_time = time(5, merge);
    let rss = children_max_rss();

    let jq = || {
        let mut c = Command::new("jq");
        c.args(["-s", "[.[].notes[]] | length"]).args(&files);
        c
    };
    if Command::new("jq").arg("--version").output().is_err() {
        println!("jq is not installed: `apt-get install jq` to compare");
        return;
    }
    let jq_time = time(3, jq);
    let ratio = jq_time.as_secs_f64() / oogst_time.as_secs_f64();
    println!(
        "oogst merge: {:.0} ms (median of 5)",
        oogst_time.as_secs_f64() * 1e3
    );
    println!(
        "jq -s:       {:.0} ms (median of 3)",
        jq_time.as_secs_f64() * 1e3
    );
    println!("oogst is {ratio:.1}× as fast as jq");
    println!(
        "oogst peak memory: {:.1} MB = {:.2}× the input",
        rss as f64 / 1e6,
        rss as f64 / bytes as f64
    );
    assert!(ratio >= 10.0, "oogst must be at least 10× as fast as jq");
    assert!(
        (rss as f64) < 3.0 * bytes as f64,
        "peak memory must stay under 3× the input"
    );
}
