//! A room file: the one reader (`classify`, `read`, `RoomDoc::parse`) and
//! `check` never panic and agree; an accepted file round-trips; the host
//! takes it in and draws it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oogst::check::check_text;
use oogst::i18n::Lang;
use oogst::room::{self, Classified, RoomDoc};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let classified = room::classify(text);
    let read = room::read(text, "r.json");
    let parsed = RoomDoc::parse(text, "r.json");
    let checked = check_text(text, "r.json").inspect(|v| {
        let _ = (Lang::En.verdict(v, "r.json"), Lang::Nl.verdict(v, "r.json"));
    });

    // One reader: every way in gives the same verdict.
    let is_room = matches!(classified, Ok(Classified::Room(_)));
    assert_eq!(read.is_ok(), is_room, "classify and read disagree");
    assert_eq!(parsed.is_ok(), is_room, "read and RoomDoc::parse disagree");
    let head_says_room = oogst::files::head(oogst::files::strip_bom(text))
        .is_ok_and(|h| h.format.as_deref() == Some(room::FORMAT));
    if is_room {
        assert!(head_says_room, "a room file without a room head");
        assert!(
            checked.is_ok(),
            "check refuses a room file the reader accepts"
        );
    }
    if head_says_room {
        assert_eq!(checked.is_ok(), is_room, "check and read disagree");
    }

    // The reader's quick scan of oogst's own layout reads what serde_json
    // reads, or leaves the file to it.
    if let Ok(Classified::Room(c)) = &classified {
        let bare = oogst::files::strip_bom(text);
        let view: room::RoomView = serde_json::from_str(bare).expect("serde_json reads it too");
        assert_eq!(
            view, c.view,
            "the quick scan reads another room than serde_json"
        );
        let head = oogst::files::head(bare).expect("a head");
        let version = oogst::files::check_head(&head, room::FORMAT, "room", room::VERSION);
        assert_eq!(
            version,
            Ok(c.version),
            "the quick scan reads another version"
        );
    }

    let doc = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            // What every reader says of a refused file.
            let _ = (Lang::En.file_error(&e), Lang::Nl.file_error(&e));
            if let Err(e) = checked {
                let _ = Lang::Nl.file_error(&e);
            }
            return;
        }
    };
    if let Ok(v) = &checked {
        assert!(
            matches!(v, oogst::check::Verdict::Room { .. }),
            "check calls a room file something else"
        );
    }
    // What the host writes, every reader reads back as it was.
    let json = doc.to_json();
    let again = std::str::from_utf8(&json).expect("to_json writes UTF-8");
    let back = RoomDoc::parse(again, "r.json").expect("a written room file reads back");
    assert_eq!(back, doc, "a room file changes on a round trip");
    assert!(
        check_text(again, "r.json")
            .inspect(|v| {
                let _ = (Lang::En.verdict(v, "r.json"), Lang::Nl.verdict(v, "r.json"));
            })
            .is_ok()
    );

    // What the host does with a file it finds.
    let mut mine = doc.clone();
    mine.absorb(&doc);
    let mut reversed = doc.questions.clone();
    reversed.reverse();
    mine.set_questions(&reversed);
    let _ = mine.to_json();
    host(doc);
});

fn host(doc: RoomDoc) {
    use oogst::tui::host::HostView;
    use oogst::tui::host_app::HostApp;
    use oogst::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let now: jiff::Timestamp = "2021-01-21T10:30:00Z".parse().unwrap();
    let app = HostApp::new(
        doc,
        "Samen in gesprek".into(),
        Lang::Nl,
        Theme::COLOR,
        jiff::tz::TimeZone::UTC,
    );
    for (w, h) in [(80, 24), (30, 8)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| f.render_widget(HostView { app: &app, now }, f.area()))
            .unwrap();
    }
}
