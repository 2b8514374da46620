use super::*;

fn programme() -> Programme {
    Programme::parse(
        r#"{"format":"oogst-programme","version":1,"id":"s","title":"T","blocks":[
            {"id":"open","kind":"plenary","title":"Open","start":"10:00","minutes":10},
            {"id":"r1","kind":"breakout","title":"Ronde 1","minutes":30,"rooms":["Kamer 1","Kamer 2"],"questions":["A","B"]},
            {"id":"mid","kind":"plenary","title":"Midden","minutes":10},
            {"id":"r2","kind":"breakout","title":"Ronde 2","minutes":30,"rooms":["Tafel A","Kamer 1"],"questions":["C"]}]}"#,
        "p.json",
    )
    .unwrap()
}

fn options(room: Option<&str>) -> ShellOptions {
    ShellOptions {
        programme: Some(programme()),
        dir: "/sessie".into(),
        room: room.map(str::to_string),
        name: "Anna".into(),
        lang: Lang::En,
        theme: Theme::NO_COLOR,
        tz: TimeZone::UTC,
    }
}

fn at(hm: &str) -> Timestamp {
    format!("2021-01-21T{hm}:00Z").parse().unwrap()
}

fn opens(fx: &[Effect]) -> Option<(String, String)> {
    fx.iter().find_map(|e| match e {
        Effect::OpenRoom(o) => Some((o.block.id.clone(), o.room.clone())),
        _ => None,
    })
}

#[test]
fn a_room_of_the_list_is_opened_in_the_round_of_the_plan() {
    let (_, fx) = HostShell::new(options(Some("kamer 2")), None, at("09:00"));
    assert_eq!(opens(&fx), Some(("r1".into(), "Kamer 2".into())));
    let (_, fx) = HostShell::new(options(Some("Kamer 1")), None, at("10:45"));
    assert_eq!(opens(&fx), Some(("r2".into(), "Kamer 1".into())));
}

#[test]
fn a_name_not_in_the_list_offers_the_list_closest_first() {
    let (shell, fx) = HostShell::new(options(Some("kamr 2")), None, at("09:00"));
    assert_eq!(opens(&fx), None);
    let Phase::Picking(p) = &shell.phase else {
        panic!("picking")
    };
    assert_eq!(
        p.choices,
        [
            Choice::Room("Kamer 2".into()),
            Choice::Room("Kamer 1".into()),
            Choice::New("kamr 2".into()),
            Choice::Other
        ]
    );
}

#[test]
fn the_round_follows_where_the_lead_is_even_before_a_block_starts() {
    let (mut shell, _) = HostShell::new(options(Some("Kamer 1")), None, at("09:00"));
    let clock = |block: Option<(usize, &str, &str)>, current: (usize, &str)| {
        let block = block.map_or("null".to_string(), |(i, id, kind)| {
            format!(
                r#"{{"index":{i},"id":"{id}","kind":"{kind}","title":"x","started":"2021-01-21T10:00:00Z",
                "planned_end":"2021-01-21T10:30:00Z","projected_end":"2021-01-21T10:30:00Z"}}"#
            )
        });
        let json = format!(
            r#"{{"format":"oogst-clock","version":1,"session":"s","block":{block},
            "current":{{"index":{},"id":"{}"}},"paused":false,"message":null,
            "written":"2021-01-21T09:00:00Z","rehearsal":null}}"#,
            current.0, current.1
        );
        Msg::Clock(Some(Box::new(
            ClockDoc::parse(&json, "clock.json").unwrap(),
        )))
    };
    // The plenary between the rounds, not started yet: round 2 is next.
    shell.update(clock(None, (2, "mid")), at("09:00"));
    assert_eq!(
        shell.round_now(at("09:00")).map(|b| b.id.as_str()),
        Some("r2")
    );
    shell.update(clock(Some((1, "r1", "breakout")), (1, "r1")), at("09:00"));
    assert_eq!(
        shell.round_now(at("09:00")).map(|b| b.id.as_str()),
        Some("r1")
    );
}

#[test]
fn another_number_is_not_close() {
    assert!(close("kamr 2", "Kamer 2"));
    assert!(close("Kamer  2", "Kamer 2"));
    assert!(!close("Kamer 5", "Kamer 1"));
    assert!(!close("Kamer 3", "Kamer 1"));
    assert!(close("zaal een", "Zaal Één"));
    assert!(!close("", "Kamer 1"));
}

#[test]
fn a_room_of_another_round_is_offered_in_its_round() {
    let (mut shell, _) = HostShell::new(options(Some("tafel a")), None, at("09:00"));
    let Phase::Picking(p) = &shell.phase else {
        panic!("picking")
    };
    assert_eq!(
        p.choices[0],
        Choice::Elsewhere("r2".into(), "Tafel A".into())
    );
    assert!(!p.choices.iter().any(|c| matches!(c, Choice::New(_))));
    let fx = shell.update(
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        at("09:00"),
    );
    assert_eq!(opens(&fx), Some(("r2".into(), "Tafel A".into())));
}

#[test]
fn a_new_room_only_on_purpose() {
    let (mut shell, _) = HostShell::new(options(Some("Zaal 9")), None, at("09:00"));
    let key = |c| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    shell.update(key(KeyCode::Down), at("09:00"));
    shell.update(key(KeyCode::Down), at("09:00"));
    let fx = shell.update(key(KeyCode::Enter), at("09:00"));
    assert_eq!(opens(&fx), None, "asked first");
    let fx = shell.update(key(KeyCode::Char('y')), at("09:00"));
    assert_eq!(opens(&fx), Some(("r1".into(), "Zaal 9".into())));
}

#[test]
fn a_room_not_in_the_next_round_is_picked_anew_and_nothing_is_lost() {
    let (mut shell, fx) = HostShell::new(options(Some("Kamer 2")), None, at("09:00"));
    let Some(Effect::OpenRoom(req)) = fx.into_iter().next() else {
        panic!("opens")
    };
    let doc = crate::room::RoomDoc::new(
        "s",
        &req.block.id,
        &req.room,
        "Anna",
        "w",
        req.block.questions.clone(),
    );
    shell.update(
        Msg::RoomOpened(Ok((Box::new(doc), Vec::new()))),
        at("09:00"),
    );
    let key = |c| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    for c in "laatste".chars() {
        shell.update(key(KeyCode::Char(c)), at("09:01"));
    }
    // To round 2 by hand: Kamer 2 is not one of its rooms.
    shell.update(key(KeyCode::F(2)), at("09:01"));
    shell.update(key(KeyCode::Down), at("09:01"));
    let fx = shell.update(key(KeyCode::Enter), at("09:01"));
    assert_eq!(fx, [Effect::SaveNow, Effect::SaveNow]);
    let Phase::Picking(p) = &shell.phase else {
        panic!("picking")
    };
    assert_eq!(p.block, "r2");
    // Until another room is open, the room before is the one saved.
    assert_eq!(shell.app().unwrap().doc.draft.text, "laatste");
    shell.update(key(KeyCode::Esc), at("09:02"));
    assert_eq!(shell.current_round(), Some("r1"), "Esc goes back");
}

#[test]
fn waiting_for_the_programme() {
    let mut opts = options(Some("Kamer 1"));
    opts.programme = None;
    let (mut shell, fx) = HostShell::new(opts, None, at("09:00"));
    assert!(fx.is_empty());
    assert!(matches!(shell.phase, Phase::Waiting));
    let fx = shell.update(Msg::Programme(Box::new(programme())), at("09:00"));
    assert_eq!(opens(&fx), Some(("r1".into(), "Kamer 1".into())));
}

/// The lead's clock in round 1 with a message sent at `sent`.
fn clock_with_message(sent: &str) -> Msg {
    let json = format!(
        r#"{{"format":"oogst-clock","version":1,"session":"s",
        "block":{{"index":1,"id":"r1","kind":"breakout","title":"Ronde 1","started":"2021-01-21T10:10:00Z",
          "planned_end":"2021-01-21T10:40:00Z","projected_end":"2021-01-21T10:40:00Z"}},
        "current":{{"index":1,"id":"r1"}},"paused":false,
        "message":{{"text":"Nog 5 minuten","at":"{sent}"}},
        "written":"{sent}","rehearsal":null}}"#
    );
    Msg::Clock(Some(Box::new(
        ClockDoc::parse(&json, "clock.json").unwrap(),
    )))
}

fn opened(shell: &mut HostShell, block: &str, room: &str, now: Timestamp) -> Vec<Effect> {
    let p = programme();
    let b = p.block(block).unwrap();
    let doc = crate::room::RoomDoc::new("s", block, room, "Anna", "w", b.questions.clone());
    shell.update(Msg::RoomOpened(Ok((Box::new(doc), Vec::new()))), now)
}

#[test]
fn a_room_opened_records_the_message_shown_and_the_bell_goes_along() {
    let (mut shell, fx) = HostShell::new(options(Some("Kamer 1")), None, at("10:20"));
    assert_eq!(opens(&fx), Some(("r1".into(), "Kamer 1".into())));
    // The lead's message comes while the room opens.
    shell.update(clock_with_message("2021-01-21T10:15:00Z"), at("10:20"));
    let fx = opened(&mut shell, "r1", "Kamer 1", at("10:20"));
    assert_eq!(
        fx,
        [Effect::SaveNow, Effect::Bell],
        "saved with its receipt"
    );
    let app = shell.app().unwrap();
    let seen = app.doc.seen.clone().unwrap();
    assert_eq!(seen.message, "2021-01-21T10:15:00Z");
    assert_eq!(seen.at, "2021-01-21T10:20:00+00:00");
    assert_eq!(app.round, 1);
    assert_eq!(app.rounds, 2);
    assert!(!app.flashing(at("10:20")).is_empty());
    // The host turns the bell off and opens Kamer 1 of round 2 by hand:
    // the bell stays off, and the message shown already does not flash
    // again in the new room (whose file gets its receipt all the same).
    shell.update(
        Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE)),
        at("10:21"),
    );
    let fx = opened(&mut shell, "r2", "Kamer 1", at("10:22"));
    assert_eq!(fx, [Effect::SaveNow]);
    let app = shell.app().unwrap();
    assert!(!app.alerts.bell);
    assert_eq!(app.round, 2);
    assert!(app.flashing(at("10:22")).is_empty());
    assert!(app.doc.seen.is_some());
}
