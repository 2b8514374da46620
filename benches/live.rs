//! Figures of the live apps, measured on the real binary in a
//! pseudo-terminal. Not part of `cargo test`, and `cargo bench` alone only
//! says how to run it:
//!
//! - `latency [N]`: from `clock.json` landing (written in one rename, as
//!   the lead does) to the host's screen showing the lead's new message;
//!   N times (20): the median and the spread.
//! - `echo lead|host [N]`: keystroke echo (a key sent, to the screen
//!   showing it) while a 60 MB room file in `rooms/` is rewritten every
//!   second: the lead with its dashboard open typing a message, or the
//!   host typing a note; N keys (40).
//! - `idle lead|host [SECONDS]`: the share of a core and the resident
//!   memory of an app left alone (30 s; Linux, from /proc).
//!
//! `cargo bench --bench live -- latency`; `OOGST_BIN=PATH` measures another
//! build of oogst (an older one, say) instead of this one's.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Folders, Live, write_clock};

/// How long until the screen shows `text` (or, `gone`, no longer does),
/// from `from`.
fn until(live: &Live, text: &str, gone: bool, from: Instant) -> Duration {
    while live.screen().contains(text) == gone {
        assert!(from.elapsed() < Duration::from_secs(30), "{text:?} never");
        std::thread::sleep(Duration::from_micros(500));
    }
    from.elapsed()
}

/// `oogst lead` or `oogst host` in `f`, once it shows its first frame.
fn start(bin: &Path, f: &Folders, who: &str) -> Live {
    let (args, first) = match who {
        "lead" => (vec![], "Programme"),
        _ => (vec!["--room", "Kamer 2", "--name", "Bas"], "Kamer 2"),
    };
    let live = f.spawn_in(bin, who, &args, &[]);
    until(&live, first, false, Instant::now());
    live
}

/// A pseudo-random wait of 200–900 ms, so that what is measured does not
/// keep step with a poll.
fn jitter(n: u64) -> Duration {
    Duration::from_millis(200 + (n.wrapping_mul(2_654_435_761) >> 7) % 700)
}

fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    let median = if n % 2 == 1 {
        ms[n / 2]
    } else {
        (ms[n / 2 - 1] + ms[n / 2]) / 2.0
    };
    let p90 = ms[(n * 9 / 10).min(n - 1)];
    println!(
        "{what}: n={n} median {median:.1} ms, min {:.1}, p90 {p90:.1}, max {:.1}",
        ms[0],
        ms[n - 1]
    );
}

fn latency(bin: &Path, n: usize) {
    let f = Folders::new(oogst::programme::DEMO_JSON);
    let programme = oogst::programme::Programme::demo();
    let live = start(bin, &f, "host");
    std::thread::sleep(Duration::from_secs(1));
    let mut ms = Vec::new();
    for i in 0..n {
        std::thread::sleep(jitter(i as u64));
        let text = format!("Bericht nummer {i}");
        let from = Instant::now();
        write_clock(&f.dir, &programme, &text);
        ms.push(until(&live, &text, false, from).as_secs_f64() * 1000.0);
    }
    report("clock.json to the host's screen", ms);
}

/// A room file of about 60 MB (version 1, in `rooms/`), its notes' text
/// changed by `round`.
fn big_room(round: u64) -> Vec<u8> {
    let mut s = String::with_capacity(61 << 20);
    s.push_str(r#"{"format":"oogst-room","version":1,"session":"cop-gebiedsgericht-2021-01-21","room":"Groot","host":"Gr","writer":"big","questions":["A","B"],"notes":["#);
    let mut i = 0u64;
    while s.len() < 60 << 20 {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"id":"big-{i:06}","question":{},"text":"Ronde {round}: een notitie van wat lengte, om het bestand groot te maken, nummer {i}","created":"2021-01-21T11:07:12+01:00","updated":"2021-01-21T11:07:12+01:00"}}"#,
            1 + i % 2
        ));
        i += 1;
    }
    s.push_str("]}");
    s.into_bytes()
}

/// Rewrites the 60 MB room file every second (in one rename) until `stop`.
fn churn(dir: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let path = dir.join("rooms/Groot--big.json");
        let tmp = dir.join("rooms/.Groot--big.json.tmp");
        let mut round = 1;
        while !stop.load(Ordering::Relaxed) {
            let start = Instant::now();
            std::fs::write(&tmp, big_room(round)).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
            round += 1;
            std::thread::sleep(Duration::from_secs(1).saturating_sub(start.elapsed()));
        }
    })
}

fn echo(bin: &Path, who: &str, n: usize) {
    let f = Folders::new(oogst::programme::DEMO_JSON);
    std::fs::create_dir_all(f.dir.join("rooms")).unwrap();
    std::fs::write(f.dir.join("rooms/Groot--big.json"), big_room(0)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = churn(f.dir.clone(), Arc::clone(&stop));
    let mut live = start(bin, &f, who);
    if who == "lead" {
        live.send(b"d");
        until(&live, "Groot", false, Instant::now());
        live.send(b"m");
    }
    std::thread::sleep(Duration::from_secs(2));
    const WORD: &str = "QXJVWKZQXJVWKZQXJVWK";
    let mut ms = Vec::new();
    let mut typed = 0;
    for i in 0.. {
        if typed == WORD.len() {
            live.send(&[0x7f; WORD.len()]);
            until(&live, "QX", true, Instant::now());
            typed = 0;
        }
        std::thread::sleep(jitter(i));
        typed += 1;
        let from = Instant::now();
        live.send(&WORD.as_bytes()[typed - 1..typed]);
        let took = until(&live, &WORD[..typed], false, from);
        // One letter alone may be on the screen anyway: not counted.
        if typed > 1 {
            ms.push(took.as_secs_f64() * 1000.0);
        }
        if ms.len() == n {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    report(
        &format!("{who}: key echo, 60 MB file rewritten every second"),
        ms,
    );
}

/// Ticks of CPU time (user and system, all threads) and resident kB of
/// process `pid`.
fn usage(pid: u32) -> (u64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command's name (which may hold spaces).
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    (ticks, rss)
}

fn idle(bin: &Path, who: &str, seconds: u64) {
    let f = Folders::new(oogst::programme::DEMO_JSON);
    let live = start(bin, &f, who);
    std::thread::sleep(Duration::from_secs(3));
    let (before, _) = usage(live.pid());
    std::thread::sleep(Duration::from_secs(seconds));
    let (after, rss) = usage(live.pid());
    // USER_HZ is 100 on Linux.
    let cpu = (after - before) as f64 / seconds as f64;
    println!(
        "{who}: idle {seconds} s: {cpu:.2} % of a core, RSS {:.1} MB",
        rss as f64 / 1024.0
    );
}

fn main() {
    // `cargo bench` passes `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let bin = std::env::var_os("OOGST_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_oogst")), PathBuf::from);
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize, or: u64| arg(i).map_or(or, |n| n.parse().expect("a number"));
    match arg(0) {
        Some("latency") => latency(&bin, number(1, 20) as usize),
        Some("echo") => echo(&bin, arg(1).unwrap_or("lead"), number(2, 40) as usize),
        Some("idle") => idle(&bin, arg(1).unwrap_or("lead"), number(2, 30)),
        _ => println!(
            "live: cargo bench --bench live -- latency [N] | echo lead|host [N] | idle lead|host [S]"
        ),
    }
}
