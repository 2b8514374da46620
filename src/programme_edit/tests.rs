use super::*;
use crate::files::ProblemKind;
use crate::programme::{BlockKind, Programme};

fn demo() -> Draft {
    Draft::from_programme(&Programme::demo())
}

fn template(name: &str) -> String {
    crate::templates::find(name)
        .unwrap()
        .text(jiff::civil::date(2026, 11, 30))
}

/// The programme a draft is, when valid.
fn valid(d: &Draft) -> Programme {
    let c = d.check("p.json");
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    c.programme.unwrap()
}

/// The places of the problems of a draft.
fn places(d: &Draft) -> Vec<(Place, ProblemKind)> {
    d.check("p.json")
        .problems
        .into_iter()
        .map(|l| (l.place, l.problem.kind))
        .collect()
}

/// Programmes equal but for the text they were read from.
fn same(a: &Programme, b: &Programme) -> bool {
    let mut b = b.clone();
    b.source.clone_from(&a.source);
    *a == b
}

#[test]
fn the_templates_are_written_back_as_they_are() {
    for t in &crate::templates::TEMPLATES {
        let text = template(t.name);
        let d = Draft::from_json(&text, t.name).unwrap();
        assert_eq!(d.to_json(), text, "{}", t.name);
        let p = Programme::parse(&text, t.name).unwrap();
        assert_eq!(Draft::from_programme(&p).to_json(), text, "{}", t.name);
    }
}

#[test]
fn a_valid_programme_goes_through_the_editor_unchanged() {
    let original = Programme::demo();
    let p = valid(&demo());
    assert!(same(&original, &p));
    // Unknown fields, ids made from titles, an end and minutes: all kept.
    let text = r#"{"$schema": "x.json", "format": "oogst-programme", "version": 1, "id": "t",
      "title": "T", "venue": {"kind": "online"},
      "blocks": [
        {"kind": "inloop", "title": "Welkom ☕", "start": "9:45", "end": "10:00", "kleur": "rood"},
        {"kind": "plenary", "title": "Welkom ☕", "minutes": 10},
        {"kind": "breakout", "title": "Ronde", "minutes": 30, "rooms": ["A"], "questions": ["Q \"1\""]},
        {"kind": "break", "title": "Pauze", "minutes": 5, "skip": true}
      ]}"#;
    let p = Programme::parse(text, "t").unwrap();
    let d = Draft::from_programme(&p);
    let again = valid(&d);
    assert!(same(&p, &again), "{p:#?}\n{again:#?}");
    assert_eq!(
        again.warnings, p.warnings,
        "the unknown field is still there"
    );
    let json = d.to_json();
    assert!(
        json.starts_with("{\n  \"$schema\": \"x.json\",\n  \"format\""),
        "{json}"
    );
    assert!(json.contains("\"venue\": {\"kind\":\"online\"}"), "{json}");
    assert!(
        json.contains("\"id\": \"welkom-2\""),
        "ids made are kept: {json}"
    );
}

#[test]
fn every_operation_keeps_the_ids_of_the_blocks() {
    let mut d = demo();
    let ids =
        |d: &Draft| -> Vec<Option<String>> { d.blocks.iter().map(|b| b.id.clone()).collect() };
    let before = ids(&d);
    d.set_title(1, "Opening door de wethouder").unwrap();
    d.change_minutes(1, 5).unwrap();
    d.cycle_kind(2, true).unwrap();
    d.set_start(3, "10.45").unwrap();
    assert_eq!(ids(&d), before);
    let p = valid(&d);
    assert_eq!(p.blocks[1].id, "opening");
    assert_eq!(p.blocks[1].title, "Opening door de wethouder");
    assert_eq!(p.blocks[1].minutes(), 15);
    assert_eq!(p.blocks[2].kind, BlockKind::Questions);
    assert_eq!(p.blocks[3].start.to_string(), "10:45");
    assert!(p.blocks[3].fixed_start);
    // Moved and skipped blocks keep theirs too.
    d.set_start(4, "").unwrap();
    d.move_block(3, false).unwrap();
    d.toggle_skip(1).unwrap();
    let p = valid(&d);
    let got: Vec<&str> = p.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(got, ["inloop", "vragen", "casus", "samen-in-gesprek"]);
}

#[test]
fn a_new_block_gets_its_id_from_its_title_when_first_saved() {
    let mut d = demo();
    let at = d
        .insert(2, DraftBlock::new(BlockKind::Break, true, "Koffie", 5))
        .unwrap();
    assert_eq!(at, 2);
    assert_eq!(d.blocks[2].id, None);
    d.set_title(2, "Koffie & thee").unwrap();
    let p = valid(&d);
    assert_eq!(p.blocks[2].id, "koffie-thee");
    assert_eq!(p.blocks[2].kind, BlockKind::Break);
    assert!(d.to_json().contains("\"kind\": \"pauze\""));
    d.fix_ids(&p);
    assert_eq!(d.blocks[2].id.as_deref(), Some("koffie-thee"));
    d.set_title(2, "Pauze").unwrap();
    assert_eq!(valid(&d).blocks[2].id, "koffie-thee", "it lasts");
    // A title like another block's gets -2.
    d.insert(6, DraftBlock::new(BlockKind::Plenary, false, "Opening", 5))
        .unwrap();
    assert_eq!(valid(&d).blocks[6].id, "opening-2");
}

#[test]
fn minutes_and_ends_change_by_the_minute() {
    let mut d = demo();
    // The walk-in ends at 10:00: a minute longer ends at 10:01.
    d.change_minutes(0, 1).unwrap();
    assert_eq!(d.blocks[0].length, "10:01");
    d.change_minutes(0, -16).unwrap_err();
    d.change_minutes(1, -9).unwrap();
    assert_eq!(d.blocks[1].length, "1");
    assert_eq!(d.change_minutes(1, -1), Err(Refused::Minimum));
    d.set_length(1, "12 min").unwrap();
    assert_eq!(d.blocks[1].length, "12");
    d.set_length(1, "10.15").unwrap();
    assert_eq!(d.blocks[1].length, "10:15");
    assert_eq!(valid(&d).blocks[1].end.to_string(), "10:15");
}

#[test]
fn problems_are_at_the_field_they_concern() {
    let mut d = demo();
    d.set_length(1, "tien").unwrap();
    let p = places(&d);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, Place::Block(1, Field::Length));
    assert!(matches!(p[0].1, ProblemKind::Shape { .. }));

    let mut d = demo();
    d.set_length(1, "0").unwrap();
    d.set_title(2, "  ").unwrap();
    d.set_start(3, "25:00").unwrap();
    assert_eq!(
        places(&d),
        [
            (Place::Block(1, Field::Length), ProblemKind::ZeroMinutes),
            (Place::Block(2, Field::Title), ProblemKind::EmptyTitle),
            (
                Place::Block(3, Field::Start),
                ProblemKind::BadTime {
                    field: "start",
                    found: "25:00".into()
                }
            ),
        ]
    );

    let mut d = demo();
    d.set_start(4, "10:30").unwrap();
    assert!(matches!(
        places(&d)[..],
        [(Place::Block(4, Field::Start), ProblemKind::Overlap { .. })]
    ));

    let mut d = demo();
    d.set_item(4, List::Questions, 2, " ").unwrap();
    d.add_item(4, List::Rooms, 9, "kamer 2").unwrap();
    assert_eq!(
        places(&d),
        [
            (
                Place::Block(4, Field::Question(2)),
                ProblemKind::EmptyQuestion { number: 3 }
            ),
            (
                Place::Block(4, Field::Room(4)),
                ProblemKind::DuplicateRoom {
                    name: "kamer 2".into()
                }
            ),
        ]
    );

    let mut d = demo();
    d.set_kind(2, BlockKind::Breakout).unwrap();
    assert_eq!(d.blocks[2].kind, "breakout", "English as it was");
    assert_eq!(
        places(&d),
        [
            (Place::Block(2, Field::Questions), ProblemKind::NoQuestions),
            (Place::Block(2, Field::Rooms), ProblemKind::NoRooms),
        ]
    );

    let mut d = demo();
    d.set_start(0, "").unwrap();
    d.set_date("21-01-2021").unwrap();
    d.set_programme_title("");
    d.set_block_id(2, "opening").unwrap();
    assert_eq!(
        places(&d),
        [
            (Place::Top(Top::Title), ProblemKind::EmptyTitle),
            (
                Place::Top(Top::Date),
                ProblemKind::BadDate {
                    found: "21-01-2021".into()
                }
            ),
            (
                Place::Block(2, Field::Id),
                ProblemKind::DuplicateBlockId {
                    id: "opening".into()
                }
            ),
            (Place::Block(0, Field::Start), ProblemKind::FirstNeedsStart),
        ]
    );

    let mut d = demo();
    while !d.blocks.is_empty() {
        d.remove(0).unwrap();
    }
    assert_eq!(
        places(&d),
        [(Place::Top(Top::Blocks), ProblemKind::NoBlocks)]
    );
}

#[test]
fn a_date_changes_the_date_in_the_id_too() {
    let mut d = Draft::from_json(&template("workshop"), "w").unwrap();
    assert_eq!(d.id, "workshop-2026-11-30");
    d.set_date("2027-02-01").unwrap();
    assert_eq!(d.id, "workshop-2027-02-01");
    assert_eq!(valid(&d).date, Some(jiff::civil::date(2027, 2, 1)));
}

#[test]
fn the_leads_draft_keeps_what_ran_and_the_session() {
    let mut d = demo();
    d.frozen = 2;
    d.fixed_top = true;
    assert_eq!(d.set_title(1, "x"), Err(Refused::RanAlready));
    assert_eq!(d.change_minutes(0, 1), Err(Refused::RanAlready));
    assert_eq!(
        d.remove(1),
        Err(Refused::RanAlready).map(|()| unreachable!())
    );
    assert_eq!(d.move_block(2, false), Err(Refused::AtTheEdge));
    assert_eq!(
        d.insert(1, DraftBlock::new(BlockKind::Break, false, "B", 5)),
        Err(Refused::RanAlready)
    );
    assert_eq!(d.set_programme_id("x"), Err(Refused::FixedForSession));
    assert_eq!(d.set_date("2021-01-22"), Err(Refused::FixedForSession));
    assert_eq!(d.set_block_id(3, "x"), Err(Refused::FixedForSession));
    // Right after the running block is fine.
    assert_eq!(
        d.insert(2, DraftBlock::new(BlockKind::Break, false, "B", 5)),
        Ok(2)
    );
    assert_eq!(d.move_block(3, false), Ok(2));
    d.set_programme_title("Nieuwe titel");
    assert_eq!(valid(&d).title, "Nieuwe titel");
}

#[test]
fn questions_and_rooms_are_added_changed_removed_and_reordered() {
    let mut d = demo();
    let qs = |d: &Draft| d.blocks[4].questions.clone();
    let first = qs(&d)[0].clone();
    assert_eq!(d.add_item(4, List::Questions, 99, "Wat nu? 🤔").unwrap(), 5);
    assert_eq!(d.move_item(4, List::Questions, 5, false).unwrap(), 4);
    assert_eq!(qs(&d)[4], "Wat nu? 🤔");
    assert_eq!(
        d.move_item(4, List::Questions, 0, false),
        Err(Refused::AtTheEdge)
    );
    assert_eq!(d.remove_item(4, List::Questions, 0).unwrap(), first);
    d.set_item(4, List::Rooms, 0, "Zaal 中文").unwrap();
    assert_eq!(d.remove_item(4, List::Rooms, 9), Err(Refused::NoSuchItem));
    let p = valid(&d);
    let b = p.block("samen-in-gesprek").unwrap();
    assert_eq!(b.questions.len(), 5);
    assert_eq!(b.questions[3], "Wat nu? 🤔");
    assert_eq!(b.rooms[0], "Zaal 中文");
}

#[test]
fn a_file_with_mistakes_is_a_draft_with_its_problems_in_place() {
    let text = r#"{"format": "oogst-programme", "version": 1, "id": "t", "title": "T",
      "blocks": [{"kind": "lunch", "title": "A", "start": "10:00", "minutes": "tien"}]}"#;
    let mut d = Draft::from_json(text, "t").unwrap();
    assert_eq!(d.blocks[0].length, "tien");
    // The parser stops at a value of the wrong type; then the rest.
    assert_eq!(places(&d)[0].0, Place::Block(0, Field::Length));
    d.set_length(0, "10").unwrap();
    assert_eq!(places(&d)[0].0, Place::Block(0, Field::Kind));
    let not_json = Draft::from_json("{\"format\": ", "t").unwrap_err();
    assert!(not_json.problems[0].line_col.is_some());
    let newer = Draft::from_json(r#"{"format": "oogst-programme", "version": 9}"#, "t");
    assert!(matches!(
        newer.unwrap_err().problems[0].kind,
        ProblemKind::NewerVersion { .. }
    ));
}

#[test]
fn kinds_are_written_in_the_language_of_the_programme() {
    let mut d = Draft::from_json(&template("cop-online"), "c").unwrap();
    assert!(d.dutch_at(3));
    d.cycle_kind(1, true).unwrap();
    assert_eq!(d.blocks[1].kind, "casus");
    d.cycle_kind(1, false).unwrap();
    d.cycle_kind(1, false).unwrap();
    assert_eq!(d.blocks[1].kind, "inloop");
    assert!(!demo().dutch_at(3));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// One thing a person can do in the editor.
    #[derive(Clone, Debug)]
    enum Op {
        Title(usize, String),
        Kind(usize, bool),
        Start(usize, String),
        Length(usize, String),
        Minutes(usize, i64),
        Insert(usize, bool),
        Remove(usize),
        Skip(usize),
        Move(usize, bool),
        AddItem(usize, bool, usize, String),
        SetItem(usize, bool, usize, String),
        RemoveItem(usize, bool, usize),
        MoveItem(usize, bool, usize, bool),
        Id(usize, String),
        Date(String),
        ProgrammeTitle(String),
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("Kamer 1".to_string()),
            Just("kamer 1".to_string()),
            "[a-zA-Z ]{0,12}",
            "\\PC{0,8}",
            Just("\u{1b}[2J\"\\".to_string()),
        ]
    }

    fn time() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            (0u8..=25, 0u8..=61).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
            (0u8..=24, 0u8..=59).prop_map(|(h, m)| format!("{h}.{m:02}")),
            "[0-9]{0,4}",
            text(),
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        let i = 0usize..8;
        prop_oneof![
            (i.clone(), text()).prop_map(|(i, s)| Op::Title(i, s)),
            (i.clone(), any::<bool>()).prop_map(|(i, f)| Op::Kind(i, f)),
            (i.clone(), time()).prop_map(|(i, s)| Op::Start(i, s)),
            (i.clone(), time()).prop_map(|(i, s)| Op::Length(i, s)),
            (i.clone(), -30i64..30).prop_map(|(i, d)| Op::Minutes(i, d)),
            (0usize..9, any::<bool>()).prop_map(|(i, b)| Op::Insert(i, b)),
            i.clone().prop_map(Op::Remove),
            i.clone().prop_map(Op::Skip),
            (i.clone(), any::<bool>()).prop_map(|(i, d)| Op::Move(i, d)),
            (i.clone(), any::<bool>(), 0usize..7, text())
                .prop_map(|(i, l, n, s)| Op::AddItem(i, l, n, s)),
            (i.clone(), any::<bool>(), 0usize..7, text())
                .prop_map(|(i, l, n, s)| Op::SetItem(i, l, n, s)),
            (i.clone(), any::<bool>(), 0usize..7).prop_map(|(i, l, n)| Op::RemoveItem(i, l, n)),
            (i.clone(), any::<bool>(), 0usize..7, any::<bool>())
                .prop_map(|(i, l, n, d)| Op::MoveItem(i, l, n, d)),
            (i, text()).prop_map(|(i, s)| Op::Id(i, s)),
            time().prop_map(Op::Date),
            text().prop_map(Op::ProgrammeTitle),
        ]
    }

    fn list(rooms: bool) -> List {
        if rooms { List::Rooms } else { List::Questions }
    }

    fn apply(d: &mut Draft, op: &Op) {
        let _ = match op {
            Op::Title(i, s) => d.set_title(*i, s),
            Op::Kind(i, f) => d.cycle_kind(*i, *f).map(drop),
            Op::Start(i, s) => d.set_start(*i, s),
            Op::Length(i, s) => d.set_length(*i, s),
            Op::Minutes(i, m) => d.change_minutes(*i, *m),
            Op::Insert(i, brk) => {
                let kind = if *brk {
                    BlockKind::Break
                } else {
                    BlockKind::Plenary
                };
                d.insert(*i, DraftBlock::new(kind, d.dutch_at(*i), "Nieuw", 10))
                    .map(drop)
            }
            Op::Remove(i) => d.remove(*i).map(drop),
            Op::Skip(i) => d.toggle_skip(*i).map(drop),
            Op::Move(i, down) => d.move_block(*i, *down).map(drop),
            Op::AddItem(i, l, n, s) => d.add_item(*i, list(*l), *n, s).map(drop),
            Op::SetItem(i, l, n, s) => d.set_item(*i, list(*l), *n, s),
            Op::RemoveItem(i, l, n) => d.remove_item(*i, list(*l), *n).map(drop),
            Op::MoveItem(i, l, n, down) => d.move_item(*i, list(*l), *n, *down).map(drop),
            Op::Id(i, s) => d.set_block_id(*i, s),
            Op::Date(s) => d.set_date(s),
            Op::ProgrammeTitle(s) => {
                d.set_programme_title(s);
                Ok(())
            }
        };
    }

    /// Every problem is at a place the draft has.
    fn placed(d: &Draft, l: &Located) -> bool {
        match l.place {
            Place::Top(Top::File) => false,
            Place::Top(_) => true,
            Place::Block(i, f) => {
                let Some(b) = d.blocks.get(i) else {
                    return false;
                };
                match f {
                    Field::Room(n) => n < b.rooms.len(),
                    Field::Question(n) => n < b.questions.len(),
                    _ => true,
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Any sequence of edits gives a programme that `Programme::parse`
        /// accepts, or problems each at a place of the draft; a valid one
        /// goes through the editor again unchanged.
        #[test]
        fn any_edits_give_a_valid_programme_or_located_problems(
            start in 0usize..6,
            ops in proptest::collection::vec(op(), 0..25),
            frozen in 0usize..3,
        ) {
            let mut d = match start {
                0 => demo(),
                n => Draft::from_json(&template(crate::templates::NAMES[n - 1]), "t").unwrap(),
            };
            d.frozen = frozen;
            for op in &ops {
                apply(&mut d, op);
                prop_assert!(d.blocks.len() >= frozen.min(d.blocks.len()));
                let c = d.check("p.json");
                match &c.programme {
                    Some(p) => {
                        prop_assert!(c.problems.is_empty());
                        let read = Programme::parse(&c.json, "p.json");
                        prop_assert!(read.is_ok());
                        let again = Draft::from_programme(p).check("p.json");
                        let q = again.programme.unwrap();
                        prop_assert!(same(p, &q), "{:#?}\n{:#?}", p, q);
                    }
                    None => {
                        prop_assert!(!c.problems.is_empty());
                        for l in &c.problems {
                            prop_assert!(placed(&d, l), "{:?} in {}", l, c.json);
                        }
                    }
                }
            }
        }

        /// Whatever the clock did and however the programme was edited, the
        /// clock that follows keeps a running block by its id (started,
        /// extended and paused as it was), stays within the programme, and
        /// is a lead state every reader takes.
        #[test]
        fn the_clock_follows_any_edit_by_id(
            actions in proptest::collection::vec(0u8..6, 0..12),
            ops in proptest::collection::vec(op(), 0..12),
            minutes in 0i64..600,
        ) {
            use crate::clock::{Action, ClockState};
            use jiff::tz::TimeZone;
            let day = jiff::civil::date(2021, 1, 21);
            let p = Programme::demo();
            let start: jiff::Timestamp = "2021-01-21T09:30:00Z".parse().unwrap();
            let mut clock = ClockState::new(&p, day, &TimeZone::UTC, start);
            let mut now = start;
            for a in &actions {
                now += jiff::SignedDuration::from_mins(7);
                let action = match a {
                    0 => Action::StartPause,
                    1 => Action::Next,
                    2 => Action::Previous,
                    3 => Action::Extend,
                    4 => Action::Shorten,
                    _ => Action::Replan,
                };
                clock.apply(action, now);
            }
            let mut d = Draft::from_programme(&p);
            for op in &ops {
                apply(&mut d, op);
            }
            let Some(new) = d.check("p.json").programme else {
                return Ok(());
            };
            let ids: Vec<String> = p.blocks.iter().map(|b| b.id.clone()).collect();
            let later = now + jiff::SignedDuration::from_mins(minutes);
            let next = follow::follow(&clock, &ids, &new, day, &TimeZone::UTC, later);
            prop_assert_eq!(next.blocks.len(), new.blocks.len());
            prop_assert!(next.current <= next.blocks.len());
            if clock.is_running() {
                let id = &ids[clock.current];
                if let Some(j) = new.blocks.iter().position(|b| &b.id == id) {
                    prop_assert_eq!(next.current, j);
                    let (was, is) = (&clock.blocks[clock.current], &next.blocks[j]);
                    prop_assert_eq!(was.started, is.started);
                    prop_assert_eq!(was.extra, is.extra);
                    prop_assert_eq!(was.paused, is.paused);
                    prop_assert_eq!(was.paused_at, is.paused_at);
                }
            }
            for b in next.blocks.iter().skip(next.current + 1) {
                prop_assert!(b.started.is_none(), "a block to come has not run");
            }
            let state = crate::lead_state::LeadState::new(&new, day, None, next);
            prop_assert!(crate::lead_state::LeadState::parse(&state.to_json(), "s").is_ok());
        }
    }
}

mod following {
    use super::*;
    use crate::clock::{Action, ClockState, Phase};
    use follow::{Aspect, Change, changes, day_of, follow};
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    const DAY: jiff::civil::Date = jiff::civil::date(2021, 1, 21);

    fn at(h: i8, m: i8) -> Timestamp {
        DAY.at(h, m, 0, 0)
            .to_zoned_datetime(TimeZone::UTC)
            .unwrap()
            .timestamp()
    }

    fn ids(p: &Programme) -> Vec<String> {
        p.blocks.iter().map(|b| b.id.clone()).collect()
    }

    /// The demo's clock with the case started at 10:12, seen at 10:20.
    fn running_case() -> (Programme, ClockState) {
        let p = Programme::demo();
        let mut clock = ClockState::new(&p, DAY, &TimeZone::UTC, at(10, 12));
        clock.apply(Action::StartPause, at(10, 12));
        clock.apply(Action::Extend, at(10, 15));
        assert_eq!(clock.current, 2);
        (p, clock)
    }

    fn edited(p: &Programme, edit: impl FnOnce(&mut Draft)) -> Programme {
        let mut d = Draft::from_programme(p);
        edit(&mut d);
        valid(&d)
    }

    #[test]
    fn a_break_after_the_running_block_keeps_the_clock_where_it_is() {
        let (p, clock) = running_case();
        let new = edited(&p, |d| {
            d.frozen = 3;
            d.insert(3, DraftBlock::new(BlockKind::Break, false, "Koffie", 5))
                .unwrap();
            d.set_start(5, "").unwrap();
        });
        let now = at(10, 20);
        let next = follow(&clock, &ids(&p), &new, DAY, &TimeZone::UTC, now);
        assert_eq!(next.current, 2);
        assert_eq!(next.blocks[2].started, clock.blocks[2].started);
        assert_eq!(next.blocks[2].extra, clock.blocks[2].extra);
        assert_eq!(
            next.current(now).unwrap().remaining,
            clock.current(now).unwrap().remaining,
            "the countdown is where it was"
        );
        let s = next.schedule(now);
        assert_eq!(s.slots[3].phase, Phase::ToCome);
        assert_eq!(s.slots[0].phase, clock.schedule(now).slots[0].phase);
        assert_eq!(next.blocks.len(), 6);
        assert_eq!(day_of(&next, &TimeZone::UTC), Some(DAY));
    }

    #[test]
    fn a_block_put_before_the_running_one_by_hand_counts_as_passed() {
        let (p, clock) = running_case();
        let new = edited(&p, |d| {
            d.insert(0, DraftBlock::new(BlockKind::Plenary, false, "Vooraf", 5))
                .unwrap();
            d.set_start(0, "09:30").unwrap();
            d.set_length(0, "09:45").unwrap();
        });
        let now = at(10, 20);
        let next = follow(&clock, &ids(&p), &new, DAY, &TimeZone::UTC, now);
        assert_eq!(next.current, 3, "still the case, by its id");
        assert_eq!(next.blocks[3].started, clock.blocks[2].started);
        assert_eq!(next.schedule(now).slots[0].phase, Phase::Skipped);
    }

    #[test]
    fn a_block_before_the_next_one_to_start_is_the_next_one() {
        let p = Programme::demo();
        // Opened at 10:12: the case is current, not started.
        let clock = ClockState::new(&p, DAY, &TimeZone::UTC, at(10, 12));
        assert_eq!(clock.current, 2);
        let new = edited(&p, |d| {
            d.frozen = 2;
            d.insert(
                2,
                DraftBlock::new(BlockKind::Plenary, false, "Mededeling", 2),
            )
            .unwrap();
        });
        let next = follow(&clock, &ids(&p), &new, DAY, &TimeZone::UTC, at(10, 13));
        assert_eq!(next.current, 2);
        assert_eq!(new.blocks[2].title, "Mededeling");
        assert_eq!(next.blocks[2].started, None);
    }

    #[test]
    fn the_running_block_removed_makes_the_next_one_current() {
        let (p, clock) = running_case();
        let new = edited(&p, |d| {
            d.remove(2).unwrap();
        });
        let next = follow(&clock, &ids(&p), &new, DAY, &TimeZone::UTC, at(10, 20));
        assert_eq!(new.blocks[next.current].id, "vragen");
        assert_eq!(next.blocks[next.current].started, None);
    }

    #[test]
    fn blocks_added_after_the_end_are_still_to_come() {
        let p = Programme::demo();
        let mut clock = ClockState::new(&p, DAY, &TimeZone::UTC, at(11, 0));
        clock.apply(Action::StartPause, at(11, 0));
        clock.apply(Action::Next, at(12, 0));
        assert!(clock.is_over());
        let new = edited(&p, |d| {
            d.insert(
                5,
                DraftBlock::new(BlockKind::Closing, false, "Afsluiting", 10),
            )
            .unwrap();
        });
        let next = follow(&clock, &ids(&p), &new, DAY, &TimeZone::UTC, at(12, 1));
        assert_eq!(next.current, 5);
        assert!(!next.is_over());
        assert_eq!(next.blocks[4].ended, Some(at(12, 0)));
    }

    #[test]
    fn a_replanned_length_stays_unless_the_programme_changed_it() {
        let (p, mut clock) = running_case();
        for b in &mut clock.blocks[3..] {
            b.minutes -= 2;
        }
        let new = edited(&p, |d| {
            d.change_minutes(3, 5).unwrap();
            d.set_start(4, "").unwrap();
        });
        let next = follow(&clock, &ids(&p), &new, DAY, &TimeZone::UTC, at(10, 20));
        assert_eq!(next.blocks[3].minutes, 20, "changed: the programme's");
        assert_eq!(next.blocks[3].programme_minutes, 20);
        assert_eq!(next.blocks[4].minutes, 58, "kept: the re-plan's");
        assert_eq!(next.replan_undo, None);
    }

    #[test]
    fn what_changed_in_words_of_blocks() {
        let p = Programme::demo();
        let new = edited(&p, |d| {
            d.remove(1).unwrap();
            d.set_title(2, "Vragen aan Duiven").unwrap();
            d.change_minutes(2, -5).unwrap();
            d.add_item(3, List::Questions, 9, "Nog iets?").unwrap();
            d.add_item(3, List::Rooms, 9, "Kamer 5").unwrap();
            d.insert(3, DraftBlock::new(BlockKind::Break, false, "Pauze", 5))
                .unwrap();
            d.set_start(4, "").unwrap();
            d.move_block(1, true).unwrap();
        });
        assert_eq!(
            changes(&p, &new),
            [
                Change::Removed {
                    title: "Opening en toelichting programma".into()
                },
                Change::Changed {
                    title: "Vragen aan Duiven".into(),
                    what: vec![Aspect::Title, Aspect::Time]
                },
                Change::Changed {
                    title: "Presenteren casus Duiven West door inwoners en gemeente".into(),
                    what: vec![Aspect::Place]
                },
                Change::Added {
                    title: "Pauze".into()
                },
                Change::Changed {
                    title: "Samen in gesprek".into(),
                    what: vec![Aspect::Time, Aspect::Questions, Aspect::Rooms]
                },
            ]
        );
        assert_eq!(changes(&p, &p), []);
    }
}
