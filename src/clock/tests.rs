use jiff::civil::{Date, date};
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::*;
use crate::files::ProblemKind;
use crate::programme::Programme;

pub(super) const DAY: Date = date(2021, 1, 21);

pub(super) fn tz() -> TimeZone {
    TimeZone::fixed(tz::offset(1))
}

pub(super) fn at(h: i8, m: i8) -> Timestamp {
    at_s(h, m, 0)
}

fn at_s(h: i8, m: i8, s: i8) -> Timestamp {
    DAY.at(h, m, s, 0)
        .to_zoned_datetime(tz())
        .unwrap()
        .timestamp()
}

pub(super) fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

pub(super) fn demo_at(now: Timestamp) -> ClockState {
    ClockState::new(&Programme::demo(), DAY, &tz(), now)
}

pub(super) fn hhmm(ts: Option<Timestamp>) -> String {
    ts.map(|t| t.to_zoned_datetime(tz()).strftime("%H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

pub(super) fn slots(c: &ClockState, now: Timestamp) -> Vec<String> {
    c.schedule(now)
        .slots
        .iter()
        .map(|s| format!("{:?} {}-{}", s.phase, hhmm(s.start), hhmm(s.end)))
        .collect()
}

#[test]
fn opening_picks_the_block_planned_for_now() {
    assert_eq!(demo_at(at(8, 0)).current, 0);
    assert_eq!(demo_at(at(9, 50)).current, 0);
    assert_eq!(demo_at(at(10, 12)).current, 2);
    // In the 10:55–11:00 gap the breakout is next.
    assert_eq!(demo_at(at(10, 57)).current, 4);
    let over = demo_at(at(12, 0));
    assert!(over.is_over());
    assert_eq!(over.current(at(12, 0)), None);
    // Nothing is started by opening.
    let c = demo_at(at(10, 12));
    assert!(!c.is_running());
    assert_eq!(c.current(at(10, 12)).unwrap().phase, Phase::Waiting);
}

#[test]
fn a_started_block_counts_down_from_its_actual_start() {
    let mut c = demo_at(at(10, 12));
    assert_eq!(c.apply(Action::StartPause, at(10, 12)), Outcome::Started);
    let cur = c.current(at(10, 20)).unwrap();
    assert_eq!(cur.phase, Phase::Running);
    assert_eq!(cur.remaining, mins(22));
    assert_eq!(cur.deadline, Some(at(10, 42)));
    assert_eq!(cur.timebox, mins(30));
    // Over time keeps running, negative.
    let late = c.current(at(10, 45)).unwrap();
    assert_eq!(late.remaining, -mins(3));
    assert!(late.over_time());
    assert!(!late.nearly_over());
    assert!(c.current(at(10, 41)).unwrap().nearly_over());
    assert!(!c.current(at(10, 39)).unwrap().nearly_over());
}

#[test]
fn amber_starts_at_a_tenth_of_a_short_block() {
    // The 10-minute opening: amber in its last minute, not its last two.
    let mut c = demo_at(at(10, 0));
    c.apply(Action::StartPause, at(10, 0));
    assert!(
        !c.current(at(10, 8) + SignedDuration::from_secs(30))
            .unwrap()
            .nearly_over()
    );
    assert!(
        c.current(at(10, 9) + SignedDuration::from_secs(30))
            .unwrap()
            .nearly_over()
    );
}

#[test]
fn pause_freezes_and_resume_shifts_the_deadline() {
    let mut c = demo_at(at(10, 12));
    c.apply(Action::StartPause, at(10, 12));
    assert_eq!(c.apply(Action::StartPause, at(10, 20)), Outcome::Paused);
    for t in [at(10, 20), at(10, 25), at(11, 30)] {
        let cur = c.current(t).unwrap();
        assert_eq!(cur.phase, Phase::Paused);
        assert_eq!(cur.remaining, mins(22));
    }
    assert_eq!(c.apply(Action::StartPause, at(10, 25)), Outcome::Resumed);
    let cur = c.current(at(10, 25)).unwrap();
    assert_eq!(cur.remaining, mins(22));
    assert_eq!(cur.deadline, Some(at(10, 47)));
}

#[test]
fn extend_and_shorten() {
    let mut c = demo_at(at(10, 12));
    c.apply(Action::StartPause, at(10, 12));
    assert_eq!(c.apply(Action::Extend, at(10, 13)), Outcome::Extended);
    assert_eq!(c.apply(Action::Extend, at(10, 13)), Outcome::Extended);
    assert_eq!(c.current(at(10, 13)).unwrap().deadline, Some(at(10, 44)));
    assert_eq!(c.current(at(10, 13)).unwrap().timebox, mins(32));
    assert_eq!(c.apply(Action::Shorten, at(10, 14)), Outcome::Shortened);
    assert_eq!(c.current(at(10, 14)).unwrap().deadline, Some(at(10, 43)));
    // Never below one minute.
    for _ in 0..30 {
        c.apply(Action::Shorten, at(10, 14));
    }
    assert_eq!(c.current(at(10, 14)).unwrap().timebox, mins(1));
    assert_eq!(
        c.apply(Action::Shorten, at(10, 14)),
        Outcome::Ignored(Ignored::MinimumReached)
    );
}

#[test]
fn a_walk_in_counts_down_to_its_planned_end() {
    let mut c = demo_at(at(9, 40));
    // Not started: its timebox if started now.
    assert_eq!(c.current(at(9, 40)).unwrap().remaining, mins(20));
    c.apply(Action::StartPause, at(9, 50));
    assert_eq!(c.current(at(9, 50)).unwrap().deadline, Some(at(10, 0)));
    assert_eq!(c.current(at(9, 55)).unwrap().remaining, mins(5));
}

#[test]
fn next_ends_now_and_starts_the_next_block() {
    let mut c = demo_at(at(10, 0));
    c.apply(Action::StartPause, at(10, 1));
    assert_eq!(
        c.apply(Action::Next, at(10, 12)),
        Outcome::Moved { started: true }
    );
    assert_eq!(c.current, 2);
    assert_eq!(c.blocks[1].ended, Some(at(10, 12)));
    assert_eq!(c.current(at(10, 12)).unwrap().deadline, Some(at(10, 42)));
    // Walk-in was never started: it shows as skipped.
    assert_eq!(
        slots(&c, at(10, 12)),
        [
            "Skipped ---",
            "Done 10:01-10:12",
            "Running 10:12-10:42",
            "ToCome 10:42-10:57",
            "ToCome 11:00-12:00"
        ]
    );
    assert_eq!(c.schedule(at(10, 12)).late, SignedDuration::ZERO);
}

#[test]
fn next_while_paused_counts_the_pause() {
    let mut c = demo_at(at(10, 0));
    c.apply(Action::StartPause, at(10, 0));
    c.apply(Action::StartPause, at(10, 5));
    c.apply(Action::Next, at(10, 9));
    assert_eq!(c.blocks[1].paused, mins(4));
    assert_eq!(c.blocks[1].paused_at, None);
}

#[test]
fn the_last_next_ends_the_programme() {
    let mut c = demo_at(at(11, 0));
    c.apply(Action::StartPause, at(11, 0));
    assert_eq!(c.apply(Action::Next, at(12, 3)), Outcome::Ended);
    assert!(c.is_over());
    assert_eq!(
        c.apply(Action::Next, at(12, 4)),
        Outcome::Ignored(Ignored::ProgrammeOver)
    );
    assert_eq!(
        c.apply(Action::StartPause, at(12, 4)),
        Outcome::Ignored(Ignored::ProgrammeOver)
    );
    assert_eq!(c.schedule(at(12, 30)).late, mins(3));
    // Back from the end: the last block again, not started.
    assert_eq!(c.apply(Action::Previous, at(12, 5)), Outcome::MovedBack);
    assert_eq!(c.current, 4);
    assert!(!c.is_running());
}

#[test]
fn previous_makes_the_previous_block_current_not_started() {
    let mut c = demo_at(at(10, 0));
    c.apply(Action::StartPause, at(10, 0));
    c.apply(Action::Next, at(10, 10));
    c.apply(Action::Extend, at(10, 11));
    assert_eq!(c.apply(Action::Previous, at(10, 12)), Outcome::MovedBack);
    assert_eq!(c.current, 1);
    assert_eq!(c.blocks[1].started, None);
    assert_eq!(c.blocks[2].started, None);
    assert_eq!(c.blocks[2].extra, SignedDuration::ZERO);
    let mut first = demo_at(at(9, 0));
    assert_eq!(
        first.apply(Action::Previous, at(9, 0)),
        Outcome::Ignored(Ignored::AtFirstBlock)
    );
}

#[test]
fn a_gap_absorbs_delay_and_then_the_rest_runs_late() {
    let c = demo_at(at(10, 12));
    assert_eq!(
        slots(&c, at(10, 12)),
        [
            "Skipped ---",
            "Skipped ---",
            "Waiting 10:12-10:42",
            "ToCome 10:42-10:57",
            "ToCome 11:00-12:00"
        ]
    );
    assert_eq!(c.schedule(at(10, 12)).late, SignedDuration::ZERO);
    // Eight minutes later the gap is used up and three minutes more.
    assert_eq!(c.schedule(at(10, 20)).late, mins(5));
    assert_eq!(slots(&c, at(10, 20))[4], "ToCome 11:05-12:05");
}

#[test]
fn an_over_time_block_pushes_the_rest() {
    let mut c = demo_at(at(10, 40));
    c.apply(Action::StartPause, at(10, 40));
    // Planned to end 10:55; at 11:02 it still runs.
    assert_eq!(slots(&c, at(11, 2))[3], "Running 10:40-11:02");
    assert_eq!(slots(&c, at(11, 2))[4], "ToCome 11:02-12:02");
    assert_eq!(c.schedule(at(11, 2)).late, mins(2));
}

#[test]
fn replan_keeps_a_fixed_start_by_shortening_what_comes_before_it() {
    let mut c = demo_at(at(10, 20));
    c.apply(Action::StartPause, at(10, 20));
    assert_eq!(c.schedule(at(10, 20)).late, mins(5));
    // The breakout's own start (11:00) is kept: the questions give the
    // five minutes, the breakout none.
    let outcome = c.apply(Action::Replan, at(10, 21));
    assert_eq!(
        outcome,
        Outcome::Replanned {
            blocks: 1,
            end: at(12, 0),
            late: SignedDuration::ZERO,
        }
    );
    assert_eq!(c.blocks[3].minutes, 10);
    assert_eq!(c.blocks[4].minutes, 60);
    assert_eq!(slots(&c, at(10, 21))[4], "ToCome 11:00-12:00");
}

/// The demo without the breakout's own start.
pub(super) fn demo_without_gap(now: Timestamp) -> ClockState {
    let text = Programme::demo().source.replace(r#""start": "11:00","#, "");
    let p = Programme::parse(&text, "p.json").unwrap();
    assert!(
        p.blocks
            .iter()
            .all(|b| !b.fixed_start || b.id == p.blocks[0].id)
    );
    ClockState::new(&p, DAY, &tz(), now)
}

#[test]
fn replan_shortens_what_comes_in_proportion() {
    let mut c = demo_without_gap(at(10, 20));
    c.apply(Action::StartPause, at(10, 15));
    assert_eq!(c.schedule(at(10, 20)).late, mins(5));
    let outcome = c.apply(Action::Replan, at(10, 21));
    assert!(
        matches!(outcome, Outcome::Replanned { blocks: 2, .. }),
        "{outcome:?}"
    );
    // 15 : 60 — the questions give one minute, the breakout four.
    assert_eq!(c.blocks[3].minutes, 14);
    assert_eq!(c.blocks[4].minutes, 56);
    assert_eq!(c.schedule(at(10, 21)).end, Some(at(11, 55)));
}

#[test]
fn replan_when_on_time_changes_nothing() {
    let mut c = demo_at(at(10, 12));
    let before = c.clone();
    assert_eq!(c.apply(Action::Replan, at(10, 12)), Outcome::OnTime);
    assert_eq!(c, before);
}

#[test]
fn replan_refuses_when_even_the_floors_are_not_enough() {
    let mut c = demo_at(at(10, 12));
    c.apply(Action::StartPause, at(11, 30));
    let before = c.clone();
    // The case ends at 12:00; questions at least 8, breakout at least 30.
    assert_eq!(
        c.apply(Action::Replan, at(11, 30)),
        Outcome::ReplanImpossible { over: mins(38) }
    );
    assert_eq!(c, before);
}

#[test]
fn replan_on_the_last_block_has_nothing_to_shorten() {
    let mut c = demo_at(at(11, 10));
    c.apply(Action::StartPause, at(11, 10));
    assert_eq!(
        c.apply(Action::Replan, at(11, 11)),
        Outcome::Ignored(Ignored::NothingToCome)
    );
}

#[test]
fn messages_and_bell() {
    let mut c = demo_at(at(11, 0));
    assert_eq!(
        c.apply(Action::Message(Some("Nog 5 minuten".into())), at(11, 55)),
        Outcome::MessageSent
    );
    assert_eq!(c.message.as_ref().unwrap().text, "Nog 5 minuten");
    assert_eq!(c.message.as_ref().unwrap().at, at(11, 55));
    assert_eq!(
        c.apply(Action::Message(Some("  ".into())), at(11, 56)),
        Outcome::MessageCleared
    );
    assert_eq!(c.message, None);
    assert!(c.bell);
    assert_eq!(
        c.apply(Action::ToggleBell, at(11, 56)),
        Outcome::Bell(false)
    );
}

#[test]
fn a_message_ends_with_the_block_it_was_sent_in() {
    let p = Programme::demo();
    let mut c = demo_at(at(10, 12));
    let doc = |c: &ClockState, now| ClockDoc::build(&p, c, now, now, &TimeSource::real(), &tz());
    // Sent before the block starts, it stays while the block starts,
    // pauses and resumes, and is in clock.json.
    c.apply(Action::Message(Some("We beginnen zo".into())), at(10, 12));
    for action in [Action::StartPause, Action::StartPause, Action::StartPause] {
        c.apply(action, at(10, 13));
    }
    c.apply(Action::Extend, at(10, 14));
    let written = doc(&c, at(10, 14)).message.unwrap();
    assert_eq!(written.text, "We beginnen zo");
    assert_eq!(written.at.as_str(), "2021-01-21T10:12:00+01:00");
    // The next block: gone, and `null` in clock.json.
    assert_eq!(
        c.apply(Action::Next, at(10, 40)),
        Outcome::Moved { started: true }
    );
    assert_eq!(c.message, None);
    assert_eq!(doc(&c, at(10, 40)).message, None);
    // Back to the block before: gone too.
    c.apply(
        Action::Message(Some("Vragen graag in de chat".into())),
        at(10, 41),
    );
    assert_eq!(c.apply(Action::Previous, at(10, 42)), Outcome::MovedBack);
    assert_eq!(doc(&c, at(10, 42)).message, None);
    // And when the last block ends the programme.
    let mut c = demo_at(at(11, 0));
    c.apply(Action::StartPause, at(11, 0));
    c.apply(Action::Message(Some("Nog 5 minuten".into())), at(11, 55));
    assert_eq!(c.apply(Action::Next, at(12, 0)), Outcome::Ended);
    assert_eq!(doc(&c, at(12, 0)).message, None);
    // `p` on the first block goes nowhere: the message stays.
    let mut c = demo_at(at(9, 50));
    c.apply(Action::Message(Some("Welkom".into())), at(9, 50));
    c.apply(Action::Previous, at(9, 51));
    assert!(c.message.is_some());
    // Cleared on purpose (`m` and an empty Enter): `null` at once.
    assert_eq!(
        c.apply(Action::Message(Some(String::new())), at(9, 52)),
        Outcome::MessageCleared
    );
    assert_eq!(doc(&c, at(9, 52)).message, None);
}

#[test]
fn a_follower_takes_the_leaders_block_pause_and_message() {
    let p = Programme::demo();
    let mut leader = demo_at(at(10, 12));
    leader.apply(Action::StartPause, at(10, 12));
    leader.apply(Action::Extend, at(10, 13));
    leader.apply(Action::StartPause, at(10, 20));
    leader.apply(Action::Message(Some("Even pauze".into())), at(10, 20));
    let doc = ClockDoc::build(
        &p,
        &leader,
        at(10, 21),
        at(10, 21),
        &TimeSource::real(),
        &tz(),
    );
    // A follower that was at the walk-in, running.
    let mut follower = demo_at(at(9, 45));
    follower.apply(Action::StartPause, at(9, 45));
    follower.bell = false;
    assert!(follower.follow(&p, &doc));
    assert_eq!(follower.current, 2);
    // The walk-in it ran ends where the leader's block started; the
    // opening it never saw is skipped.
    assert_eq!(follower.blocks[0].ended, Some(at(10, 12)));
    assert_eq!(
        slots(&follower, at(10, 21))[..3],
        ["Done 09:45-10:12", "Skipped ---", "Paused 10:12-10:44"]
    );
    let shown = follower.current(at(10, 30)).unwrap();
    assert_eq!(shown.phase, Phase::Paused);
    assert_eq!(
        shown.remaining,
        leader.current(at(10, 30)).unwrap().remaining
    );
    assert_eq!(follower.message.as_ref().unwrap().text, "Even pauze");
    assert!(!follower.bell, "the bell is this screen's own");
    // The leader goes back to the opening: so does the follower.
    leader.apply(Action::Previous, at(10, 22));
    leader.apply(Action::Previous, at(10, 22));
    let doc = ClockDoc::build(
        &p,
        &leader,
        at(10, 22),
        at(10, 22),
        &TimeSource::real(),
        &tz(),
    );
    assert!(follower.follow(&p, &doc));
    assert_eq!(follower.current, 0);
    assert!(follower.blocks[1..].iter().all(|b| b.started.is_none()));
    assert_eq!(follower.message, None);
    // Another session's clock is not followed.
    let mut other = doc.clone();
    other.session = "andere-sessie".into();
    let before = follower.clone();
    assert!(!follower.follow(&p, &other));
    assert_eq!(follower, before);
}

#[test]
fn the_state_round_trips_through_json() {
    let mut c = demo_at(at(10, 12));
    c.apply(Action::StartPause, at_s(10, 12, 7));
    c.apply(Action::StartPause, at_s(10, 14, 31));
    c.apply(Action::Extend, at(10, 15));
    c.apply(Action::Message(Some("Pauze ☕".into())), at(10, 15));
    let json = serde_json::to_string(&c).unwrap();
    let back: ClockState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.current(at(10, 30)), c.current(at(10, 30)));
}

#[test]
fn the_clock_document_follows_the_spec() {
    let p = Programme::demo();
    let mut c = ClockState::new(&p, DAY, &tz(), at(11, 0));
    let real = at(11, 0);
    let doc = ClockDoc::build(&p, &c, at(11, 0), real, &TimeSource::real(), &tz());
    assert_eq!(doc.block, None, "null before the lead starts");
    // Where the lead is, for the hosts (the round that comes next).
    assert_eq!(
        doc.current,
        Some(crate::clock::ClockCurrent {
            index: 4,
            id: "samen-in-gesprek".into()
        })
    );
    c.apply(Action::StartPause, at_s(11, 2, 10));
    c.apply(Action::Message(Some("Nog 5 minuten".into())), at(11, 57));
    let doc = ClockDoc::build(&p, &c, at_s(11, 57, 1), real, &TimeSource::real(), &tz());
    let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "format": "oogst-clock", "version": 1,
            "session": "cop-gebiedsgericht-2021-01-21",
            "block": {"index": 4, "id": "samen-in-gesprek", "kind": "breakout", "title": "Samen in gesprek",
                      "started": "2021-01-21T11:02:10+01:00",
                      "planned_end": "2021-01-21T12:00:00+01:00",
                      "projected_end": "2021-01-21T12:02:10+01:00"},
            "current": {"index": 4, "id": "samen-in-gesprek"},
            "paused": false,
            "message": {"text": "Nog 5 minuten", "at": "2021-01-21T11:57:00+01:00"},
            "written": "2021-01-21T11:57:01+01:00",
            "rehearsal": null
        })
    );
    let text = doc.to_json();
    assert!(text.starts_with("{\n  \"format\": \"oogst-clock\",\n  \"version\": 1,"));
    assert_eq!(ClockDoc::parse(&text, "clock.json").unwrap(), doc);
}

#[test]
fn a_rehearsal_document_lets_hosts_map_their_clock() {
    let p = Programme::demo();
    let real = at(15, 0);
    let source = TimeSource::rehearsal(real, at(10, 8), 30.0);
    let c = ClockState::new(&p, DAY, &tz(), at(10, 8));
    let doc = ClockDoc::build(&p, &c, source.virtual_at(real), real, &source, &tz());
    let r = doc.rehearsal.as_ref().unwrap();
    assert_eq!(r.speed.to_string(), "30");
    assert_eq!(r.real.as_str(), "2021-01-21T15:00:00+01:00");
    // Ten real seconds later the lead's clock reads five minutes later.
    let host_now = real + SignedDuration::from_secs(10);
    assert_eq!(doc.lead_now(host_now), at(10, 13));
    assert_eq!(doc.age(host_now), SignedDuration::from_secs(10));
}

#[test]
fn a_bad_time_in_a_clock_file_is_named() {
    let text = r#"{"format":"oogst-clock","version":1,"session":"s","block":null,
        "paused":false,"message":null,"written":"gisteren","rehearsal":null}"#;
    let e = ClockDoc::parse(text, "clock.json").unwrap_err();
    assert!(crate::i18n::Lang::En.file_error(&e).contains("written"));
    assert!(matches!(
        &e.problems[0].kind,
        ProblemKind::BadStamp { path, found } if path == "written" && found == "gisteren"
    ));
    // A year jiff cannot compute with is refused the same way, and so is
    // a kind no programme has; the times and the kind are typed once read.
    let year = text.replace("gisteren", "9999-12-31T23:59:59-23:59");
    assert!(ClockDoc::parse(&year, "clock.json").is_err());
    let block = r#""block":{"index":0,"id":"a","kind":"lunch","title":"x",
        "started":"2021-01-21T10:00:00Z","planned_end":"2021-01-21T10:30:00Z",
        "projected_end":"2021-01-21T10:30:00Z"}"#;
    let good = text.replace("gisteren", "2021-01-21T10:05:00+01:00");
    let e = ClockDoc::parse(&good.replace(r#""block":null"#, block), "clock.json").unwrap_err();
    assert!(matches!(&e.problems[0].kind, ProblemKind::UnknownKind { found } if found == "lunch"));
    let dutch = good.replace(r#""block":null"#, &block.replace("lunch", "pauze"));
    let doc = ClockDoc::parse(&dutch, "clock.json").unwrap();
    let b = doc.block.as_ref().unwrap();
    assert_eq!(b.kind, crate::programme::BlockKind::Break);
    assert_eq!(b.started.as_str(), "2021-01-21T10:00:00Z");
    assert!(doc.to_json().contains(r#""kind": "break""#));
}

#[test]
fn the_countdown_is_left_or_over() {
    let text = |paused: bool| {
        format!(
            r#"{{"format":"oogst-clock","version":1,"session":"s","paused":{paused},
            "block":{{"index":0,"id":"a","kind":"plenary","title":"x",
            "started":"2021-01-21T10:00:00+01:00","planned_end":"2021-01-21T10:30:00+01:00",
            "projected_end":"2021-01-21T10:30:00+01:00"}},
            "message":null,"written":"2021-01-21T10:20:00+01:00","rehearsal":null}}"#
        )
    };
    let doc = ClockDoc::parse(&text(false), "clock.json").unwrap();
    let real = |h, m| at(h, m);
    assert_eq!(
        doc.countdown(real(10, 25)),
        Some(Countdown::Left(SignedDuration::from_mins(5)))
    );
    assert_eq!(
        doc.countdown(real(10, 30)),
        Some(Countdown::Over(SignedDuration::ZERO))
    );
    assert_eq!(
        doc.countdown(real(10, 32)),
        Some(Countdown::Over(SignedDuration::from_mins(2)))
    );
    // Paused: it stands where the lead wrote it, whatever the hour.
    let paused = ClockDoc::parse(&text(true), "clock.json").unwrap();
    assert_eq!(
        paused.countdown(real(11, 0)),
        Some(Countdown::Left(SignedDuration::from_mins(10)))
    );
}

// ---- properties ----

/// A random programme of 1–8 blocks with random lengths, gaps and fixed starts.
pub(super) fn programme_strategy() -> impl Strategy<Value = Programme> {
    proptest::collection::vec((1u16..90, 0u16..20, any::<bool>(), 0usize..7), 1..8).prop_map(
        |blocks| {
            let mut t: u16 = 8 * 60;
            let mut json = Vec::new();
            for (i, (minutes, gap, fixed, kind)) in blocks.into_iter().enumerate() {
                let kind = crate::programme::BlockKind::ALL[kind];
                let start = if i == 0 || (fixed && gap > 0) {
                    t += gap;
                    format!(r#","start":"{:02}:{:02}""#, t / 60, t % 60)
                } else {
                    String::new()
                };
                t += minutes;
                let extra = if kind == crate::programme::BlockKind::Breakout {
                    r#","rooms":["A"],"questions":["Q"]"#
                } else {
                    ""
                };
                json.push(format!(
                    r#"{{"kind":"{}","title":"B{i}","minutes":{minutes}{start}{extra}}}"#,
                    kind.name()
                ));
            }
            let text = format!(
                r#"{{"format":"oogst-programme","version":1,"id":"p","title":"P","blocks":[{}]}}"#,
                json.join(",")
            );
            Programme::parse(&text, "p").expect("generated programmes are valid")
        },
    )
}

pub(super) fn action_strategy() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => Just(Action::StartPause),
        2 => Just(Action::Next),
        1 => Just(Action::Previous),
        2 => Just(Action::Extend),
        2 => Just(Action::Shorten),
        2 => Just(Action::Replan),
        1 => Just(Action::ToggleBell),
        1 => Just(Action::Message(Some("x".into()))),
    ]
}

/// Actions at increasing instants (seconds and milliseconds apart).
pub(super) fn script_strategy() -> impl Strategy<Value = Vec<(u32, Action)>> {
    proptest::collection::vec((0u32..900_000, action_strategy()), 0..25)
}

pub(super) fn run_script(
    p: &Programme,
    open: Timestamp,
    script: &[(u32, Action)],
) -> (ClockState, Timestamp) {
    let mut c = ClockState::new(p, DAY, &tz(), open);
    let mut now = open;
    for (gap_ms, action) in script {
        now += SignedDuration::from_millis(i64::from(*gap_ms));
        c.apply(action.clone(), now);
    }
    (c, now)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Between the lead's actions, remaining time falls exactly as time
    /// passes while running, and stands still while paused or waiting.
    #[test]
    fn remaining_never_jumps_without_an_action(
        p in programme_strategy(),
        open_min in 0i64..600,
        script in script_strategy(),
        gaps in proptest::collection::vec(0i64..4_000_000, 1..10),
    ) {
        let open = at(7, 30) + mins(open_min);
        let (c, mut now) = run_script(&p, open, &script);
        let Some(mut before) = c.current(now) else { return Ok(()) };
        for g in gaps {
            let later = now + SignedDuration::from_millis(g);
            let after = c.current(later).unwrap();
            match before.phase {
                Phase::Running => prop_assert_eq!(after.remaining, before.remaining - (later - now)),
                Phase::Paused => prop_assert_eq!(after.remaining, before.remaining),
                Phase::Waiting if after.remaining != before.remaining => {
                    // Only a walk-in's would-be timebox shrinks with time.
                    prop_assert!(c.blocks[c.current].until_planned_end);
                }
                _ => {}
            }
            prop_assert_eq!(after.phase, before.phase);
            before = after;
            now = later;
        }
    }

    /// `+` then `-` leaves the clock as it was.
    #[test]
    fn extend_then_shorten_is_a_no_op(
        p in programme_strategy(),
        script in script_strategy(),
        n in 1usize..6,
    ) {
        let (mut c, now) = run_script(&p, at(8, 0), &script);
        let before = c.clone();
        for _ in 0..n {
            c.apply(Action::Extend, now);
        }
        for _ in 0..n {
            c.apply(Action::Shorten, now);
        }
        prop_assert_eq!(c, before);
    }

    /// While paused the deadline moves with time and the timebox does not.
    #[test]
    fn pause_freezes_the_timebox(
        p in programme_strategy(),
        script in script_strategy(),
        pause_ms in 0i64..3_600_000,
    ) {
        let (mut c, now) = run_script(&p, at(8, 0), &script);
        if c.is_over() { return Ok(()) }
        if !c.is_running() { c.apply(Action::StartPause, now); }
        if c.current(now).unwrap().phase == Phase::Running { c.apply(Action::StartPause, now); }
        let before = c.current(now).unwrap();
        let later = now + SignedDuration::from_millis(pause_ms);
        let after = c.current(later).unwrap();
        prop_assert_eq!(after.timebox, before.timebox);
        prop_assert_eq!(after.remaining, before.remaining);
        prop_assert_eq!(after.deadline.unwrap() - before.deadline.unwrap(), later - now);
        c.apply(Action::StartPause, later);
        prop_assert_eq!(c.current(later).unwrap().remaining, before.remaining);
    }

    /// `r` without a lead to ask (no block held) ends the programme on
    /// time, or refuses and changes nothing; it never touches what ran,
    /// never shortens the current block, and never goes below a floor.
    #[test]
    fn replan_ends_on_time_or_refuses(
        p in programme_strategy(),
        script in script_strategy(),
    ) {
        let (mut c, now) = run_script(&p, at(8, 0), &script);
        let before = c.clone();
        let target = c.blocks.last().unwrap().planned_end;
        let late_before = c.schedule(now).late;
        match c.apply(Action::Replan, now) {
            Outcome::Replanned { end, late, .. } => {
                prop_assert_eq!(c.schedule(now).end, Some(end));
                prop_assert!(end <= target, "ends {end} after {target}");
                prop_assert_eq!(late, end - target);
                prop_assert_eq!(&c.blocks[..c.current], &before.blocks[..before.current]);
                // The current block only ever gets time back.
                prop_assert!(c.blocks[c.current].minutes >= before.blocks[c.current].minutes);
                for (b, old) in c.blocks.iter().zip(&before.blocks) {
                    prop_assert!(
                        b.minutes >= replan::floor_minutes(b.programme_minutes).min(old.minutes)
                    );
                    prop_assert!(b.minutes <= b.programme_minutes.max(old.minutes));
                }
            }
            Outcome::ReplanImpossible { over } => {
                prop_assert!(over > SignedDuration::ZERO);
                prop_assert_eq!(&c, &before);
            }
            Outcome::OnTime => {
                prop_assert!(late_before <= SignedDuration::ZERO);
                prop_assert_eq!(&c, &before);
            }
            Outcome::Ignored(Ignored::NothingToCome | Ignored::ProgrammeOver) => {
                prop_assert_eq!(&c, &before);
            }
            other => prop_assert!(false, "unexpected {other:?}"),
        }
    }

    /// A rehearsal at speed N, fed the same virtual instants through its
    /// time source, passes through exactly the states of real time.
    #[test]
    fn a_rehearsal_gives_the_same_states_as_real_time(
        p in programme_strategy(),
        speed in 1u32..120,
        script in script_strategy(),
    ) {
        let virtual_open = at(9, 0);
        let real_open = at(15, 0);
        let source = TimeSource::rehearsal(real_open, virtual_open, f64::from(speed));
        let mut real_clock = ClockState::new(&p, DAY, &tz(), virtual_open);
        let mut rehearsal = real_clock.clone();
        let mut virtual_now = virtual_open;
        let mut real_now = real_open;
        for (gap_ms, action) in &script {
            // The real clock sees the gap in full; the rehearsal 1/N of it.
            let gap = SignedDuration::from_millis(i64::from(*gap_ms) * i64::from(speed));
            virtual_now += gap;
            real_now += SignedDuration::from_millis(i64::from(*gap_ms));
            prop_assert_eq!(source.virtual_at(real_now), virtual_now);
            real_clock.apply(action.clone(), virtual_now);
            rehearsal.apply(action.clone(), source.virtual_at(real_now));
            prop_assert_eq!(&real_clock, &rehearsal);
            prop_assert_eq!(real_clock.current(virtual_now), rehearsal.current(source.virtual_at(real_now)));
        }
    }

    /// A lead that follows another's `clock.json` shows what that lead
    /// shows: the block, whether it runs, the time left (to the second
    /// the file keeps) and the message, then and later.
    #[test]
    fn a_follower_shows_the_leaders_clock(
        p in programme_strategy(),
        script in script_strategy(),
        own in script_strategy(),
        later_ms in 0i64..7_200_000,
    ) {
        let (leader, now) = run_script(&p, at(8, 0), &script);
        let (mut follower, _) = run_script(&p, at(8, 0), &own);
        let doc = ClockDoc::build(&p, &leader, now, now, &TimeSource::real(), &tz());
        prop_assert!(follower.follow(&p, &doc));
        prop_assert_eq!(follower.current, leader.current);
        prop_assert_eq!(
            follower.message.as_ref().map(|m| &m.text),
            leader.message.as_ref().map(|m| &m.text)
        );
        for t in [now, now + SignedDuration::from_millis(later_ms)] {
            let (a, b) = (leader.current(t), follower.current(t));
            prop_assert_eq!(a.map(|c| c.phase), b.map(|c| c.phase));
            if let (Some(a), Some(b)) = (a, b)
                && a.phase != Phase::Waiting
            {
                let off = (a.remaining - b.remaining).abs();
                prop_assert!(off < SignedDuration::from_secs(2), "{:?} vs {:?}", a, b);
            }
        }
        // Following the same file again changes nothing.
        let once = follower.clone();
        follower.follow(&p, &doc);
        prop_assert_eq!(follower, once);
    }

    /// Whatever times a clock file holds (any its reader accepts), a lead
    /// that follows it never panics, and its clock answers at any time.
    #[test]
    fn following_any_clock_is_harmless(
        p in programme_strategy(),
        own in script_strategy(),
        index in 0usize..12,
        by_id in any::<bool>(),
        running in any::<bool>(),
        paused in any::<bool>(),
        message in any::<bool>(),
        times in proptest::collection::vec(EARLIEST_SECOND..LATEST_SECOND, 5),
    ) {
        let (mut c, _) = run_script(&p, at(8, 0), &own);
        let utc = TimeZone::UTC;
        let t = |i: usize| crate::files::TimeText::new(Timestamp::from_second(times[i]).unwrap(), &utc);
        let block = p.blocks.get(index.min(p.blocks.len() - 1)).unwrap();
        let id = if by_id { block.id.clone() } else { "weg".into() };
        let doc = ClockDoc {
            format: CLOCK_FORMAT.into(),
            version: 1,
            session: p.id.clone(),
            lead: None,
            block: running.then(|| ClockDocBlock {
                index,
                id: Some(id.clone()),
                kind: block.kind,
                title: "x".into(),
                started: t(0),
                planned_end: t(1),
                projected_end: t(2),
            }),
            current: (!running && by_id).then_some(ClockCurrent { index, id }),
            paused,
            message: message.then(|| ClockDocMessage { text: "m".into(), at: t(3) }),
            written: t(4),
            rehearsal: None,
        };
        prop_assert!(c.follow(&p, &doc));
        for second in [EARLIEST_SECOND, times[4], LATEST_SECOND] {
            let now = Timestamp::from_second(second).unwrap();
            let _ = c.current(now);
            let _ = c.schedule(now);
            let _ = ClockDoc::build(&p, &c, now, now, &TimeSource::real(), &utc).to_json();
        }
    }

    /// The schedule is in order: every block to come starts no earlier than
    /// the one before ends, and no earlier than its fixed start.
    #[test]
    fn the_projection_is_ordered(p in programme_strategy(), script in script_strategy()) {
        let (c, now) = run_script(&p, at(8, 0), &script);
        let s = c.schedule(now);
        let mut prev_end: Option<Timestamp> = None;
        for (slot, b) in s.slots.iter().zip(&c.blocks) {
            if slot.phase == Phase::ToCome {
                let start = slot.start.unwrap();
                prop_assert!(start >= now);
                if let Some(e) = prev_end { prop_assert!(start >= e); }
                if let Some(f) = b.fixed_start { prop_assert!(start >= f); }
                prop_assert!(slot.end.unwrap() >= start);
            }
            if slot.end.is_some() { prev_end = slot.end; }
        }
    }
}

/// Issue 9's hostile clock: `"speed": 1e17` panicked every host. The
/// reader refuses any speed outside 1–10,000 (every number form), and a
/// time source given such a speed from elsewhere stays harmless.
#[test]
fn a_clock_at_an_impossible_speed_is_refused_and_harmless() {
    let p = Programme::demo();
    let real = at(15, 0);
    let source = TimeSource::rehearsal(real, at(10, 8), 30.0);
    let c = ClockState::new(&p, DAY, &tz(), at(10, 8));
    let doc = ClockDoc::build(&p, &c, source.virtual_at(real), real, &source, &tz());
    let text = doc.to_json();
    assert!(text.contains("\"speed\": 30,"));
    for speed in ["1e17", "0", "-1", "0.5", "10000.5", "1e400", "-0"] {
        let hostile = text.replace("\"speed\": 30,", &format!("\"speed\": {speed},"));
        match ClockDoc::parse(&hostile, "clock.json") {
            // Past f64: malformed JSON to every reader.
            Err(_) if speed == "1e400" => {}
            Err(e) => assert!(
                matches!(&e.problems[0].kind, crate::files::ProblemKind::OutOfRange { path, .. } if path == "rehearsal.speed"),
                "{speed}: {e:?}"
            ),
            Ok(_) => panic!("speed {speed} accepted"),
        }
    }
    for speed in ["1", "1.0", "1e4", "10000"] {
        let fine = text.replace("\"speed\": 30,", &format!("\"speed\": {speed},"));
        assert!(ClockDoc::parse(&fine, "clock.json").is_ok(), "{speed}");
    }
    for speed in [1e17, f64::MAX, f64::INFINITY, f64::NAN, -1.0, 0.0, 1e-300] {
        let s = TimeSource::rehearsal(real, at(10, 8), speed);
        assert!(s.speed() > 0.0 && s.speed() <= document::MAX_SPEED);
        for t in [real, Timestamp::MAX, Timestamp::MIN] {
            let _ = s.virtual_at(t);
        }
        let _ = s.real_duration(SignedDuration::MAX);
        let _ = s.real_duration(SignedDuration::MIN);
    }
}
