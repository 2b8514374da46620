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

const END: [Row; 4] = [
    row(|_| "b", |t| t.key_bell, false),
    row(|_| "?", |t| t.key_help, false),
    row(|_| "q", |t| t.key_quit, true),
    row(|_| "Ctrl-C", |t| t.key_save_quit, false),
];

fn rows(keymap: Keymap) -> impl Iterator<Item = &'static Row> {
    let screens: &'static [Row] = match keymap {
        Keymap::Lead => &[PRESENTER, DASHBOARD],
        Keymap::Presenter => &[LEAD_VIEW, DASHBOARD],
        Keymap::Dashboard => &[LEAD_VIEW, PRESENTER],
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

/// One of the host's keys: the keys, what they do, and how the footer
/// says it while typing and while a note is picked (`None`: not shown).
struct HostRow {
    keys: &'static str,
    what: fn(&Catalog) -> &'static str,
    typing: Option<&'static str>,
    picked: Option<&'static str>,
}

const fn host(
    keys: &'static str,
    what: fn(&Catalog) -> &'static str,
    typing: Option<&'static str>,
    picked: Option<&'static str>,
) -> HostRow {
    HostRow {
        keys,
        what,
        typing,
        picked,
    }
}

const HOST: [HostRow; 11] = [
    host("Enter", |t| t.key_add, Some("Enter"), None),
    host("Alt-Enter", |t| t.key_newline, Some("Alt-Enter"), None),
    host("Tab/Shift-Tab", |t| t.key_question, Some("Tab"), None),
    host("Ctrl-C", |t| t.key_save_quit, Some("Ctrl-C"), None),
    host("↑/↓", |t| t.key_select, Some("↑"), Some("↑/↓")),
    host("Enter", |t| t.key_edit, None, Some("Enter")),
    host("Del", |t| t.key_delete, None, Some("Del")),
    host("Esc", |t| t.key_deselect, None, Some("Esc")),
    host("Ctrl-Z", |t| t.key_undo, Some("Ctrl-Z"), Some("Ctrl-Z")),
    host("PgUp/PgDn", |t| t.key_page, None, None),
    host("F1 ?", |t| t.key_help, None, None),
];

/// The host's footer, for typing or for a picked note. Ctrl-C says only
/// "quit" there; the help says the rest.
pub fn host_footer(t: &'static Catalog, picked: bool) -> Vec<KeyHint<'static>> {
    HOST.iter()
        .filter_map(|r| {
            let keys = if picked { r.picked } else { r.typing }?;
            let what = if r.keys == "Ctrl-C" {
                t.key_quit
            } else {
                (r.what)(t)
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
