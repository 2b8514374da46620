use super::*;

fn room_file(
    session: &str,
    block: Option<&str>,
    room: &str,
    writer: &str,
    questions: &[&str],
    notes: &str,
) -> String {
    let head = match block {
        Some(b) => format!(r#""version": 2, "block": "{b}", "hosts": ["H"],"#),
        None => r#""version": 1, "host": "H","#.to_string(),
    };
    format!(
        r#"{{"format": "oogst-room", {head} "session": "{session}", "room": "{room}", "writer": "{writer}",
            "questions": {}, "notes": [{notes}]}}"#,
        serde_json::to_string(questions).unwrap()
    )
}

fn note(id: &str, q: usize, text: &str, at: &str) -> String {
    format!(
        r#"{{"id": "{id}", "question": {q}, "text": "{text}", "created": "2021-01-21T11:{at}:00+01:00", "updated": "2021-01-21T11:{at}:00+01:00"}}"#
    )
}

fn harvest(files: &[(&str, String)]) -> (Harvest, Report) {
    let inputs = Inputs::from_texts(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.clone()))
            .collect(),
        Vec::new(),
    );
    merge(&inputs, &Options::default()).unwrap()
}

fn texts(h: &Harvest, round: usize, room: usize) -> Vec<(usize, String)> {
    let r = &h.rounds[round].rooms[room];
    h.notes(r)
        .map(|n| (n.question(), n.text().to_string()))
        .collect()
}

#[test]
fn the_same_id_in_two_rooms_is_two_notes() {
    // Two hosts on one laptop: one writer id, two rooms, counters that
    // both started at 1 (files of today's oogst).
    let (h, report) = harvest(&[
        (
            "a.json",
            room_file(
                "s",
                None,
                "Kamer 1",
                "w",
                &["Q"],
                &note("w-000001", 1, "een", "01"),
            ),
        ),
        (
            "b.json",
            room_file(
                "s",
                None,
                "Kamer 2",
                "w",
                &["Q"],
                &note("w-000001", 1, "twee", "01"),
            ),
        ),
    ]);
    assert_eq!(report.notes, 2);
    assert_eq!(report.duplicates, 0);
    assert_eq!(texts(&h, 0, 0), [(1, "een".to_string())]);
    assert_eq!(texts(&h, 0, 1), [(1, "twee".to_string())]);
}

#[test]
fn the_same_id_in_two_rounds_is_two_notes() {
    let (h, report) = harvest(&[
        (
            "a.json",
            room_file(
                "s",
                Some("ronde-1"),
                "Kamer 1",
                "w",
                &["Q"],
                &note("w-000001", 1, "een", "01"),
            ),
        ),
        (
            "b.json",
            room_file(
                "s",
                Some("ronde-2"),
                "Kamer 1",
                "w",
                &["Q"],
                &note("w-000001", 1, "twee", "01"),
            ),
        ),
    ]);
    assert_eq!(report.notes, 2);
    assert_eq!(h.rounds.len(), 2);
    assert_eq!(h.rounds[0].block.as_deref(), Some("ronde-1"));
    assert_eq!(texts(&h, 1, 0), [(1, "twee".to_string())]);
}

#[test]
fn questions_are_matched_by_text_not_place() {
    let (h, _) = harvest(&[
        (
            "a.json",
            room_file(
                "s",
                Some("r"),
                "Kamer 1",
                "a",
                &["A", "B"],
                &[note("a-1", 1, "bij A", "01"), note("a-2", 2, "bij B", "02")].join(","),
            ),
        ),
        (
            "b.json",
            room_file(
                "s",
                Some("r"),
                "Kamer 2",
                "b",
                &["B", " A "],
                &[
                    note("b-1", 1, "ook bij B", "01"),
                    note("b-2", 2, "ook bij A", "02"),
                ]
                .join(","),
            ),
        ),
    ]);
    let round = &h.rounds[0];
    assert_eq!(round.questions, ["A", "B"]);
    assert_eq!(texts(&h, 0, 0), [(1, "bij A".into()), (2, "bij B".into())]);
    assert_eq!(
        texts(&h, 0, 1),
        [(1, "ook bij A".into()), (2, "ook bij B".into())]
    );
}

#[test]
fn rooms_are_matched_by_name_case_and_accents_ignored() {
    let (h, report) = harvest(&[
        (
            "a.json",
            room_file(
                "s",
                Some("r"),
                "Kamer 1",
                "a",
                &["Q"],
                &note("a-1", 1, "x", "01"),
            ),
        ),
        (
            "b.json",
            room_file(
                "s",
                Some("r"),
                "kámer 1",
                "b",
                &["Q"],
                &note("b-1", 1, "y", "02"),
            ),
        ),
        (
            "c.json",
            room_file(
                "s",
                Some("r"),
                "Kamer_1",
                "c",
                &["Q"],
                &note("c-1", 1, "z", "03"),
            ),
        ),
    ]);
    assert_eq!(report.rooms, 2);
    let names: Vec<&str> = h.rounds[0].rooms.iter().map(|r| r.room.as_str()).collect();
    assert_eq!(names, ["Kamer 1", "Kamer_1"]);
    assert_eq!(h.rounds[0].rooms[0].note_count(), 2);
}

#[test]
fn drafts_are_in_the_harvest_once() {
    let with_draft = |updated: &str, text: &str| {
        room_file("s", Some("r"), "Kamer 1", "w", &["Q1", "Q2"], "").replace(
            r#""notes": []"#,
            &format!(r#""notes": [], "draft": {{"question": 2, "text": "{text}", "updated": "2021-01-21T11:{updated}:00Z"}}"#),
        )
    };
    // A stale copy and the newer one of the same writer: the newer draft.
    let (h, report) = harvest(&[
        ("old.json", with_draft("01", "Herkenbaar: wij")),
        ("new.json", with_draft("02", "Herkenbaar: wij hebben")),
    ]);
    assert_eq!(report.drafts, 1);
    let room = &h.rounds[0].rooms[0];
    assert_eq!(
        room.drafts,
        [HarvestDraft {
            question: 2,
            text: "Herkenbaar: wij hebben".into(),
            by: "H".into()
        }]
    );
    let inputs = Inputs::from_texts(vec![("new.json".into(), with_draft("02", "x"))], Vec::new());
    let opts = Options {
        drafts: false,
        ..Options::default()
    };
    let (h, report) = merge(&inputs, &opts).unwrap();
    assert_eq!((report.drafts, report.drafts_left_out), (1, true));
    assert!(h.rounds[0].rooms[0].drafts.is_empty());
}

#[test]
fn ties_are_broken_the_same_way_from_either_side() {
    // Two copies tie on `updated`, deletion and text, and differ in
    // `created` and `question`.
    let a = room_file(
        "s",
        Some("r"),
        "Kamer 1",
        "w",
        &["A", "B"],
        &note("w-1", 1, "zelfde", "01"),
    );
    let b = room_file(
        "s",
        Some("r"),
        "Kamer 1",
        "w",
        &["A", "B"],
        &note("w-1", 2, "zelfde", "01"),
    )
    .replace(
        r#""created": "2021-01-21T11:01:00+01:00""#,
        r#""created": "2021-01-21T10:59:00+01:00""#,
    );
    let json = |files: &[(&str, String)]| {
        let (h, _) = harvest(files);
        let mut out = Vec::new();
        crate::export::json::write(&h, &mut out).unwrap();
        out
    };
    assert_eq!(
        json(&[("a.json", a.clone()), ("b.json", b.clone())]),
        json(&[("b.json", b), ("a.json", a)])
    );
}

/// A programme with one round, `r`, of one room and questions `P1`, `P2`.
fn programme() -> Programme {
    Programme::parse(
        r#"{"format": "oogst-programme", "version": 1, "id": "s", "title": "T",
            "blocks": [{"id": "r", "kind": "breakout", "title": "R", "start": "11:00", "minutes": 60,
                        "rooms": ["Kamer 1"], "questions": ["P1", "P2"]}]}"#,
        "programme.json",
    )
    .unwrap()
}

fn harvest_json(files: &[(&str, String)], programmes: Vec<Programme>) -> String {
    let inputs = Inputs::from_texts(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.clone()))
            .collect(),
        programmes,
    );
    let (h, _) = merge(&inputs, &Options::default()).unwrap();
    let mut out = Vec::new();
    crate::export::json::write(&h, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn questions_the_programme_lacks_stand_where_they_stand_in_any_file() {
    // Two copies of one note tie on everything the merge order weighs;
    // their files list the questions the programme lacks in other
    // orders (the programme was edited between them). Which copy is
    // taken does not change the order of the round's questions.
    let a = room_file(
        "s",
        Some("r"),
        "Kamer 1",
        "w",
        &["Q6", "Q5"],
        &[note("w-1", 1, "x", "01"), note("w-2", 2, "y", "01")].join(","),
    );
    let b = room_file(
        "s",
        Some("r"),
        "Kamer 1",
        "w",
        &["Q5", "Q6"],
        &note("w-1", 2, "x", "01"),
    );
    let ab = harvest_json(
        &[("a.json", a.clone()), ("b.json", b.clone())],
        vec![programme()],
    );
    let ba = harvest_json(&[("b.json", b), ("a.json", a)], vec![programme()]);
    assert_eq!(ab, ba);
    let v: serde_json::Value = serde_json::from_str(&ab).unwrap();
    assert_eq!(
        v["rounds"][0]["questions"],
        serde_json::json!(["P1", "P2", "Q5", "Q6"])
    );
}

#[test]
fn drafts_that_tie_but_for_the_note_they_edit_give_one_harvest() {
    // Two copies of one writer's file: the same draft, once as an
    // unchanged edit of the note (not shown: it is the note), once as a
    // new note being typed (shown). The order of the files does not
    // choose between them.
    let file = |draft: &str| {
        room_file(
            "s",
            Some("r"),
            "Kamer 1",
            "w",
            &["Q"],
            &note("w-1", 1, "zelfde", "01"),
        )
        .replace(
            r#""notes": ["#,
            &format!(r#""draft": {{"question": 1, "text": "zelfde"{draft}}}, "notes": ["#),
        )
    };
    let (edit, new) = (file(r#", "editing": "w-1""#), file(""));
    let one = harvest_json(
        &[("a.json", edit.clone()), ("b.json", new.clone())],
        Vec::new(),
    );
    let other = harvest_json(&[("b.json", new), ("a.json", edit)], Vec::new());
    assert_eq!(one, other);
}

proptest::proptest! {
    /// Runs merged give what a sort gives: runs of any length, and
    /// lists of many short runs.
    #[test]
    fn runs_merged_are_sorted(runs in proptest::collection::vec(proptest::collection::vec(0u32..1000, 0..40), 0..30)) {
        // Distinct items (the merge's order ranks no two alike).
        let mut seen = std::collections::HashSet::new();
        let mut list: Vec<u32> = Vec::new();
        for mut run in runs {
            run.retain(|x| seen.insert(*x));
            run.sort_unstable();
            list.extend(run);
        }
        let mut want = list.clone();
        want.sort_unstable();
        let mut scratch = Vec::new();
        sort_by_runs(&mut list, &mut scratch, |a, b| a.cmp(b));
        proptest::prop_assert_eq!(list, want);
    }
}
