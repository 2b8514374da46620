//! The keys of each screen, in one table, so the footer and the help
//! overlay can never disagree with each other.

use super::widgets::KeyHint;
use crate::i18n::Catalog;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keymap {
    Lead,
    Presenter,
    Dashboard,
}

/// One row: the keys, what they do, and whether the footer shows it.
#[derive(Clone, Copy)]
struct Row {
    keys: fn(&Catalog) -> &'static str,
    what: fn(&Catalog) -> &'static str,
    footer: bool,
}

const fn row(
    keys: fn(&Catalog) -> &'static str,
    what: fn(&Catalog) -> &'static str,
    footer: bool,
) -> Row {
    Row { keys, what, footer }
}

/// The clock keys work on every screen of the lead.
const CLOCK: [Row; 6] = [
    row(|t| t.space, |t| t.key_start_pause, true),
    row(|_| "n", |t| t.key_next, true),
    row(|_| "p", |t| t.key_previous, true),
    row(|_| "+/-", |t| t.key_extend_shorten, true),
    row(|_| "r", |t| t.key_replan, true),
    row(|_| "m", |t| t.key_message, true),
];

const PRESENTER: Row = row(|_| "f", |t| t.key_presenter, true);
const DASHBOARD: Row = row(|_| "d", |t| t.key_dashboard, true);
const LEAD_VIEW: Row = row(|_| "Esc", |t| t.key_lead_view, true);

/// The harvest: shown in the dashboard's footer, in the help everywhere.
const EXPORT: Row = row(|_| "e", |t| t.key_export, false);
const EXPORT_SHOWN: Row = row(|_| "e", |t| t.key_export, true);

const END: [Row; 4] = [
    row(|_| "b", |t| t.key_bell, false),
    row(|_| "?", |t| t.key_help, false),
    row(|_| "q", |t| t.key_quit, true),
    row(|_| "Ctrl-C", |t| t.key_save_quit, false),
];

fn rows(keymap: Keymap) -> impl Iterator<Item = &'static Row> {
    let screens: &'static [Row] = match keymap {
        Keymap::Lead => &[PRESENTER, DASHBOARD, EXPORT],
        Keymap::Presenter => &[LEAD_VIEW, DASHBOARD, EXPORT],
        Keymap::Dashboard => &[LEAD_VIEW, PRESENTER, EXPORT_SHOWN],
    };
    CLOCK.iter().chain(screens).chain(END.iter())
}

/// The hints the footer shows, in order; `bell` says whether it rings.
pub fn footer(keymap: Keymap, t: &'static Catalog, bell: &'static str) -> Vec<KeyHint<'static>> {
    // On a shared screen the presenter clock stays quiet: the way back only.
    if keymap == Keymap::Presenter {
        return vec![KeyHint {
            keys: (LEAD_VIEW.keys)(t),
            what: (LEAD_VIEW.what)(t),
        }];
    }
    let mut hints: Vec<KeyHint> = rows(keymap)
        .filter(|r| r.footer)
        .map(|r| KeyHint {
            keys: (r.keys)(t),
            what: (r.what)(t),
        })
        .collect();
    hints.push(KeyHint {
        keys: "b",
        what: bell,
    });
    hints
}

/// Every key of the screen, for the help overlay.
pub fn all(keymap: Keymap, t: &'static Catalog) -> Vec<KeyHint<'static>> {
    rows(keymap)
        .map(|r| KeyHint {
            keys: (r.keys)(t),
            what: (r.what)(t),
        })
        .collect()
}

/// What the host is doing, for the footer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMode {
    Typing,
    /// A note is picked in the list.
    Picked,
    /// A note is being edited in the box.
    Editing,
}

/// One of the host's keys: the keys, what they do, and how the footer
/// says it while typing, while a note is picked and while editing
/// (`None`: not shown then).
struct HostRow {
    keys: &'static str,
    what: fn(&Catalog) -> &'static str,
    footer: [Option<&'static str>; 3],
}

const fn host(
    keys: &'static str,
    what: fn(&Catalog) -> &'static str,
    footer: [Option<&'static str>; 3],
) -> HostRow {
    HostRow { keys, what, footer }
}

const HOST: [HostRow; 13] = [
    host("Enter", |t| t.key_add, [Some("Enter"), None, None]),
    host("Enter", |t| t.key_keep, [None, None, Some("Enter")]),
    host(
        "Alt-Enter",
        |t| t.key_newline,
        [Some("Alt-Enter"), None, Some("Alt-Enter")],
    ),
    host(
        "Tab/Shift-Tab",
        |t| t.key_question,
        [Some("Tab"), None, None],
    ),
    host("F2", |t| t.key_round, [Some("F2"), None, None]),
    host(
        "Ctrl-C",
        |t| t.key_save_quit,
        [Some("Ctrl-C"), None, Some("Ctrl-C")],
    ),
    host("↑/↓", |t| t.key_select, [Some("↑"), Some("↑/↓"), None]),
    host("Enter", |t| t.key_edit, [None, Some("Enter"), None]),
    host("Del", |t| t.key_delete, [None, Some("Del"), None]),
    host("Esc", |t| t.key_deselect, [None, Some("Esc"), Some("Esc")]),
    host(
        "Ctrl-Z",
        |t| t.key_undo,
        [Some("Ctrl-Z"), Some("Ctrl-Z"), None],
    ),
    host("PgUp/PgDn", |t| t.key_page, [None, None, None]),
    host("F1 ?", |t| t.key_help, [None, None, None]),
];

/// The host's footer for what the host is doing. Ctrl-C says only "quit"
/// there, Esc while editing "cancel"; the help says the rest. The round
/// key shows when the programme has more than one round.
pub fn host_footer(t: &'static Catalog, mode: HostMode, rounds: bool) -> Vec<KeyHint<'static>> {
    HOST.iter()
        .filter(|r| rounds || r.keys != "F2")
        .filter_map(|r| {
            let keys = r.footer[mode as usize]?;
            let what = match (r.keys, mode) {
                ("Ctrl-C", _) => t.key_quit,
                ("Esc", HostMode::Editing) => t.key_cancel_edit,
                _ => (r.what)(t),
            };
            Some(KeyHint { keys, what })
        })
        .collect()
}

/// Every key of the host's screen, for the help overlay.
pub fn host_all(t: &'static Catalog) -> Vec<KeyHint<'static>> {
    HOST.iter()
        .map(|r| KeyHint {
            keys: r.keys,
            what: (r.what)(t),
        })
        .collect()
}
