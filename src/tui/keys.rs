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
