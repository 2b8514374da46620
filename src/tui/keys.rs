//! The keys of each screen, in one table per screen: which keys run which
//! command, what the help says about it, and whether (and how urgently)
//! the footer shows it. Dispatch, the footer and the help overlay all
//! read the same table, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::chrome::KeyHint;
use crate::i18n::Catalog;

/// A key as the terminal reports it: a code and its modifiers. A
/// character matches whether or not Shift came with it (`?`, `+` and
/// capitals come with Shift on most terminals); with Ctrl, in either case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn ch(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::NONE,
        }
    }
    pub const fn code(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }
    pub const fn with(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    /// Whether the terminal's `event` is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut mods = event.modifiers;
        let mut code = event.code;
        // Shift-Tab comes as BackTab, with or without Shift.
        if code == KeyCode::BackTab {
            mods.remove(KeyModifiers::SHIFT);
        }
        if let KeyCode::Char(c) = code {
            mods.remove(KeyModifiers::SHIFT);
            if mods.contains(KeyModifiers::CONTROL) {
                code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        code == self.code && mods == self.mods
    }

    /// The event this key sends (for tests and sweeps).
    pub fn event(&self) -> KeyEvent {
        KeyEvent::new(self.code, self.mods)
    }

    /// The key as the footer and the help write it.
    pub fn name(&self, t: &Catalog) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => t.space.to_string(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        let mut name = String::new();
        for (m, word) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.mods.contains(m) {
                name.push_str(word);
            }
        }
        name + &base
    }
}

/// What a row is in one view (or mode) of its screen.
#[derive(Clone, Copy)]
pub enum Place {
    /// Not there: its keys do something else (or nothing).
    Off,
    /// Works and is in the help, not in the footer.
    Help,
    /// Works, is in the help, and in the footer: `priority` 0 is shown
    /// first and dropped last; `keys` and `what` as the footer says it.
    Foot {
        priority: u8,
        keys: &'static str,
        what: fn(&Catalog) -> &'static str,
    },
}

/// In the footer with priority `p`, written `keys what`.
pub const fn foot(p: u8, keys: &'static str, what: fn(&Catalog) -> &'static str) -> Place {
    Place::Foot {
        priority: p,
        keys,
        what,
    }
}

/// One row of a screen's table: its keys, its command, what the help says,
/// and its place in each of the screen's `N` views.
pub struct Binding<C: 'static, const N: usize> {
    pub keys: &'static [Key],
    pub command: C,
    pub help: fn(&Catalog) -> &'static str,
    pub places: [Place; N],
}

const fn bind<C, const N: usize>(
    keys: &'static [Key],
    command: C,
    help: fn(&Catalog) -> &'static str,
    places: [Place; N],
) -> Binding<C, N> {
    Binding {
        keys,
        command,
        help,
        places,
    }
}

/// The command `event` runs in `view`, by the first row that has it.
pub fn command<C: Copy, const N: usize>(
    table: &[Binding<C, N>],
    view: usize,
    event: &KeyEvent,
) -> Option<C> {
    table
        .iter()
        .filter(|b| !matches!(b.places[view], Place::Off))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// Every row there in one of `views`, for the help overlay: all its keys,
/// and what it does.
pub fn help<'a, C: 'static, const N: usize>(
    table: impl IntoIterator<Item = &'a Binding<C, N>>,
    views: &[usize],
    t: &Catalog,
) -> Vec<(String, &'static str)> {
    table
        .into_iter()
        .filter(|b| views.iter().any(|&v| !matches!(b.places[v], Place::Off)))
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.name(t)).collect();
            (keys.join("/"), (b.help)(t))
        })
        .collect()
}

/// The footer's hints in `view`, in table order, each with its command
/// and priority; `words` may say a row otherwise (the bell: on or off).
pub fn footer<C: Copy, const N: usize>(
    table: &[Binding<C, N>],
    view: usize,
    t: &'static Catalog,
    words: impl Fn(C) -> Option<&'static str>,
) -> Vec<(C, u8, KeyHint<'static>)> {
    table
        .iter()
        .filter_map(|b| match b.places[view] {
            Place::Foot {
                priority,
                keys,
                what,
            } => Some((
                b.command,
                priority,
                KeyHint {
                    keys,
                    what: words(b.command).unwrap_or(what(t)),
                },
            )),
            Place::Off | Place::Help => None,
        })
        .collect()
}

/// What the lead's keys do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadCommand {
    StartPause,
    Next,
    Previous,
    Extend,
    Shorten,
    Replan,
    Message,
    Presenter,
    Dashboard,
    /// The live harvest.
    Harvest,
    LeadView,
    Export,
    Bell,
    Help,
    Quit,
    SaveQuit,
    /// `u`: the last step of the clock (or the programme) undone.
    Undo,
    /// `U`: the last step undone, done again.
    Redo,
    /// The programme, to edit the blocks still to come (`a`, agenda).
    Programme,
}

impl LeadCommand {
    /// Whether it changes the clock or writes to the session folder:
    /// refused once another lead took over.
    pub fn writes(self) -> bool {
        use LeadCommand as C;
        matches!(
            self,
            C::StartPause
                | C::Next
                | C::Previous
                | C::Extend
                | C::Shorten
                | C::Replan
                | C::Message
                | C::Export
                | C::Undo
                | C::Redo
                | C::Programme
        )
    }
}

/// The lead's views, in the order of [`LEAD`]'s places.
pub const LEAD_VIEW: usize = 0;
pub const PRESENTER_VIEW: usize = 1;
pub const DASHBOARD_VIEW: usize = 2;

/// 1 to 9: a line of a list, a question.
const DIGITS: [Key; 9] = [
    Key::ch('1'),
    Key::ch('2'),
    Key::ch('3'),
    Key::ch('4'),
    Key::ch('5'),
    Key::ch('6'),
    Key::ch('7'),
    Key::ch('8'),
    Key::ch('9'),
];

const OFF: Place = Place::Off;
const HELP: Place = Place::Help;

/// The lead's keys: the clock's work on every view; the presenter clock
/// on a shared screen shows only the way back.
pub const LEAD: [Binding<LeadCommand, 3>; 19] = {
    use LeadCommand as C;
    // Written in the interface's language: `lead_footer` fills it in.
    let space = foot(0, "", |t| t.key_start_pause);
    let next = foot(1, "n", |t| t.key_next);
    let length = foot(2, "+/-", |t| t.key_extend_shorten);
    let message = foot(3, "m", |t| t.key_message);
    let quit = foot(5, "q", |t| t.key_quit);
    let presenter = foot(6, "f", |t| t.key_presenter);
    let previous = foot(7, "p", |t| t.key_previous);
    let replan = foot(8, "r", |t| t.key_replan);
    let bell = foot(9, "b", |t| t.key_bell);
    [
        bind(
            &[Key::ch(' ')],
            C::StartPause,
            |t| t.key_start_pause,
            [space, HELP, space],
        ),
        bind(&[Key::ch('n')], C::Next, |t| t.key_next, [next, HELP, next]),
        bind(
            &[Key::ch('p')],
            C::Previous,
            |t| t.key_previous,
            [previous, HELP, previous],
        ),
        bind(
            &[Key::ch('+'), Key::ch('=')],
            C::Extend,
            |t| t.key_extend,
            [length, HELP, length],
        ),
        bind(
            &[Key::ch('-'), Key::ch('_')],
            C::Shorten,
            |t| t.key_shorten,
            [HELP; 3],
        ),
        bind(
            &[Key::ch('r')],
            C::Replan,
            |t| t.key_replan,
            [replan, HELP, replan],
        ),
        bind(
            &[Key::ch('m')],
            C::Message,
            |t| t.key_message,
            [message, HELP, message],
        ),
        bind(
            &[Key::ch('f')],
            C::Presenter,
            |t| t.key_presenter,
            [presenter, OFF, presenter],
        ),
        bind(
            &[Key::ch('d')],
            C::Dashboard,
            |t| t.key_dashboard,
            [foot(4, "d", |t| t.key_dashboard), HELP, OFF],
        ),
        bind(
            &[Key::ch('h')],
            C::Harvest,
            |t| t.key_harvest,
            // Last in the footer (when there is room); in the help always.
            [
                foot(10, "h", |t| t.key_harvest),
                OFF,
                foot(10, "h", |t| t.key_harvest),
            ],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::LeadView,
            |t| t.key_lead_view,
            // The way back matters on the dashboard as much as `n`.
            [
                OFF,
                foot(0, "Esc", |t| t.key_lead_view),
                foot(1, "Esc", |t| t.key_lead_view),
            ],
        ),
        bind(
            &[Key::ch('e')],
            C::Export,
            |t| t.key_export,
            [HELP, HELP, foot(5, "e", |t| t.key_export_short)],
        ),
        bind(&[Key::ch('b')], C::Bell, |t| t.key_bell, [bell, HELP, bell]),
        bind(
            &[Key::ch('?'), Key::code(KeyCode::F(1))],
            C::Help,
            |t| t.key_help,
            [HELP; 3],
        ),
        bind(&[Key::ch('q')], C::Quit, |t| t.key_quit, [quit, HELP, quit]),
        bind(
            &[Key::ctrl('c')],
            C::SaveQuit,
            |t| t.key_save_quit,
            [HELP; 3],
        ),
        // In the footer once there is a step to undo ([`lead_footer_with`]).
        bind(
            &[Key::ch('u'), Key::ctrl('z')],
            C::Undo,
            |t| t.key_lead_undo,
            [
                foot(7, "u", |t| t.key_lead_undo_short),
                HELP,
                foot(7, "u", |t| t.key_lead_undo_short),
            ],
        ),
        bind(
            &[Key::ch('U'), Key::ctrl('y')],
            C::Redo,
            |t| t.key_lead_redo,
            [HELP; 3],
        ),
        bind(
            &[Key::ch('a')],
            C::Programme,
            |t| t.key_programme,
            [foot(9, "a", |t| t.key_programme_short), HELP, HELP],
        ),
    ]
};

/// The lead's footer in `view`: `space` in the interface's language, the
/// bell as it is (`bell`: its words); with nothing to undo.
pub fn lead_footer(
    view: usize,
    t: &'static Catalog,
    bell: &'static str,
) -> Vec<(u8, KeyHint<'static>)> {
    lead_footer_with(view, t, bell, false)
}

/// The lead's footer in `view`, as [`lead_footer`]; `undo`: whether there
/// is a step to undo (then `u` is in it, where there is room).
pub fn lead_footer_with(
    view: usize,
    t: &'static Catalog,
    bell: &'static str,
    undo: bool,
) -> Vec<(u8, KeyHint<'static>)> {
    footer(&LEAD, view, t, |c| (c == LeadCommand::Bell).then_some(bell))
        .into_iter()
        .filter(|(c, ..)| undo || *c != LeadCommand::Undo)
        .map(|(c, p, mut h)| {
            if c == LeadCommand::StartPause {
                h.keys = t.space;
            }
            (p, h)
        })
        .collect()
}

/// What the keys of the re-plan proposal do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplanCommand {
    /// Up, Down: the block above or below.
    Choose,
    /// `+`, Right: a minute more for the chosen block.
    Longer,
    /// `-`, Left: a minute less.
    Shorter,
    /// Space: protected, or free again.
    Protect,
    /// `r`: the proposal as it came, without what the lead set.
    Reset,
    /// Enter: the proposal applied.
    Apply,
    /// Esc: the day as it was.
    Cancel,
}

/// The re-plan proposal's keys (one view); its last two lines say them:
/// how to change the proposal, and the two ways out (Enter, Esc).
pub const REPLAN: [Binding<ReplanCommand, 1>; 7] = {
    use ReplanCommand as C;
    [
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Choose,
            |t| t.key_replan_choose,
            [foot(0, "↑/↓", |t| t.key_replan_choose)],
        ),
        bind(
            &[Key::ch('+'), Key::ch('='), Key::code(KeyCode::Right)],
            C::Longer,
            |t| t.key_replan_longer,
            [foot(2, "+/-", |t| t.key_replan_minutes)],
        ),
        bind(
            &[Key::ch('-'), Key::ch('_'), Key::code(KeyCode::Left)],
            C::Shorter,
            |t| t.key_replan_shorter,
            [HELP],
        ),
        // Written in the interface's language: `replan_footer` fills it in.
        bind(
            &[Key::ch(' ')],
            C::Protect,
            |t| t.key_replan_protect,
            [foot(1, "", |t| t.key_replan_protect_short)],
        ),
        bind(
            &[Key::ch('r')],
            C::Reset,
            |t| t.key_replan_reset,
            [foot(3, "r", |t| t.key_replan_reset_short)],
        ),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Apply,
            |t| t.key_replan_apply,
            [foot(0, "Enter", |t| t.key_replan_apply)],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Cancel,
            |t| t.key_replan_cancel,
            [foot(1, "Esc", |t| t.key_replan_cancel)],
        ),
    ]
};

/// The proposal's keys as its last two lines say them, each line by
/// priority: those that change the proposal, then the ways out (Enter,
/// Esc). `space` in the interface's language.
pub fn replan_footer(t: &'static Catalog) -> [Vec<(u8, KeyHint<'static>)>; 2] {
    let mut lines: [Vec<(u8, KeyHint<'static>)>; 2] = [Vec::new(), Vec::new()];
    for (c, p, mut h) in footer(&REPLAN, 0, t, |_| None) {
        if c == ReplanCommand::Protect {
            h.keys = t.space;
        }
        let out = matches!(c, ReplanCommand::Apply | ReplanCommand::Cancel);
        lines[usize::from(out)].push((p, h));
    }
    lines
}

/// The lead's footer once another lead took over: only the keys that
/// still do something.
pub fn lead_footer_read_only(
    view: usize,
    t: &'static Catalog,
    bell: &'static str,
) -> Vec<(u8, KeyHint<'static>)> {
    footer(&LEAD, view, t, |c| (c == LeadCommand::Bell).then_some(bell))
        .into_iter()
        .filter(|(c, _, _)| !c.writes())
        .map(|(_, p, h)| (p, h))
        .collect()
}

/// What the keys of the live harvest do (the lead's `h`, `oogst watch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HarvestCommand {
    /// Left, Right: the previous or next question.
    Question,
    /// 1 to 9: that question.
    Number,
    /// Up, Down: a line.
    Scroll,
    /// PgUp, PgDn: a page.
    Page,
    /// Home, End.
    Ends,
    /// Key takeaways only, or all notes.
    Stars,
    /// Tab, Shift-Tab: the next or previous round.
    Round,
    /// Esc: back where the lead came from.
    Back,
    Dashboard,
    Help,
    Quit,
    SaveQuit,
}

/// The views of [`HARVEST`]: the lead's, and `oogst watch`'s (read-only:
/// nowhere to go back to).
pub const HARVEST_LEAD: usize = 0;
pub const HARVEST_WATCH: usize = 1;

/// The live harvest's keys: moving through questions, rooms and rounds.
pub const HARVEST: [Binding<HarvestCommand, 2>; 12] = {
    use HarvestCommand as C;
    let question = foot(0, "←/→", |t| t.key_harvest_question_short);
    let stars = foot(2, "s", |t| t.key_harvest_stars_short);
    let scroll = foot(3, "↑/↓", |t| t.key_harvest_scroll);
    let round = foot(4, "Tab", |t| t.key_harvest_round_short);
    let quit = foot(5, "q", |t| t.key_quit);
    [
        bind(
            &[Key::code(KeyCode::Left), Key::code(KeyCode::Right)],
            C::Question,
            |t| t.key_harvest_question,
            [question, question],
        ),
        bind(&DIGITS, C::Number, |t| t.key_harvest_number, [HELP, HELP]),
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Scroll,
            |t| t.key_harvest_scroll,
            [scroll, scroll],
        ),
        bind(
            &[Key::code(KeyCode::PageUp), Key::code(KeyCode::PageDown)],
            C::Page,
            |t| t.key_harvest_page,
            [HELP, HELP],
        ),
        bind(
            &[Key::code(KeyCode::Home), Key::code(KeyCode::End)],
            C::Ends,
            |t| t.key_harvest_ends,
            [HELP, HELP],
        ),
        bind(
            &[Key::ch('s')],
            C::Stars,
            |t| t.key_harvest_stars,
            [stars, stars],
        ),
        bind(
            &[Key::code(KeyCode::Tab), Key::code(KeyCode::BackTab)],
            C::Round,
            |t| t.key_harvest_round,
            [round, round],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Back,
            |t| t.key_back,
            [foot(1, "Esc", |t| t.key_back), OFF],
        ),
        bind(
            &[Key::ch('d')],
            C::Dashboard,
            |t| t.key_dashboard,
            [HELP, OFF],
        ),
        bind(
            &[Key::ch('?'), Key::code(KeyCode::F(1))],
            C::Help,
            |t| t.key_help,
            [HELP, HELP],
        ),
        bind(&[Key::ch('q')], C::Quit, |t| t.key_quit, [quit, quit]),
        bind(
            &[Key::ctrl('c')],
            C::SaveQuit,
            |t| t.key_save_quit,
            [HELP, HELP],
        ),
    ]
};

/// The live harvest's footer in `view` ([`HARVEST_LEAD`], [`HARVEST_WATCH`]).
pub fn harvest_footer(view: usize, t: &'static Catalog) -> Vec<(u8, KeyHint<'static>)> {
    footer(&HARVEST, view, t, |_| None)
        .into_iter()
        .map(|(_, p, h)| (p, h))
        .collect()
}

/// Every key of the live harvest in `view`, for the help overlay.
pub fn harvest_help(view: usize, t: &Catalog) -> Vec<(String, &'static str)> {
    help(&HARVEST, &[view], t)
}

/// What the host's keys do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostCommand {
    /// Enter while typing: the note is added.
    Add,
    /// Enter while editing: the edit is kept.
    Keep,
    Newline,
    /// Tab, Shift-Tab: the next or previous question.
    Question,
    /// F2: the rounds (the host's shell opens them).
    Round,
    SaveQuit,
    /// Up, Down: a note of the question (from the input's first line).
    Select,
    /// Enter on a picked note.
    Edit,
    Delete,
    /// Esc: back to typing, or the edit cancelled.
    Back,
    Undo,
    /// PgUp, PgDn: ten notes on.
    Page,
    /// F1, and `?` on an empty input.
    Help,
    /// `*` on a picked note: a key takeaway, or no longer.
    Star,
    /// Ctrl-Y: what Ctrl-Z undid, made again.
    Redo,
    /// F3: "we are done" to the lead (again: withdrawn).
    Done,
    /// F4: "we need help" to the lead (again: withdrawn).
    NeedHelp,
    /// F5 (or Ctrl-G, the terminal's bell character): the bell on or off.
    Bell,
}

/// What the host is doing, the views of [`HOST`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMode {
    Typing,
    /// A note is picked in the list.
    Picked,
    /// A note is being edited in the box.
    Editing,
}

/// The host's keys. Keys not in it (in the mode the host is in) are typing.
/// Ctrl-C says only "quit" in the footer, Esc while editing "cancel"; the
/// help says the rest.
///
/// The host types free text, so a command of its own is never a letter
/// the host could mean to type: function keys and Ctrl chords (they work
/// the same on Linux, macOS and Windows terminals, where Alt is often a
/// key for accents). `*` stars only a picked note (while typing it is a
/// `*`). The bell is F5 or Ctrl-G (the terminal's own bell character),
/// not the lead's `b`: a `b` typed into the box is the start of a word.
pub const HOST: [Binding<HostCommand, 3>; 19] = {
    use HostCommand as C;
    let quit = foot(3, "Ctrl-C", |t| t.key_quit);
    let newline = foot(1, "Alt-Enter", |t| t.key_newline);
    [
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Add,
            |t| t.key_add,
            [foot(0, "Enter", |t| t.key_add), OFF, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Keep,
            |t| t.key_keep,
            [OFF, OFF, foot(0, "Enter", |t| t.key_keep)],
        ),
        bind(
            &[
                Key::with(KeyCode::Enter, KeyModifiers::ALT),
                Key::with(KeyCode::Enter, KeyModifiers::SHIFT),
            ],
            C::Newline,
            |t| t.key_newline,
            // While typing, the signals to the lead come first, "need
            // help" before "done" (the empty box's placeholder says
            // Alt-Enter too).
            [foot(3, "Alt-Enter", |t| t.key_newline), HELP, newline],
        ),
        bind(
            &[Key::code(KeyCode::Tab), Key::code(KeyCode::BackTab)],
            C::Question,
            |t| t.key_question,
            [foot(1, "Tab", |t| t.key_question), HELP, HELP],
        ),
        bind(
            &[Key::code(KeyCode::F(2))],
            C::Round,
            |t| t.key_round,
            [foot(3, "F2", |t| t.key_round), HELP, HELP],
        ),
        bind(
            &[Key::ctrl('c'), Key::ctrl('q')],
            C::SaveQuit,
            |t| t.key_save_quit,
            [quit, HELP, quit],
        ),
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Select,
            |t| t.key_select,
            [
                foot(5, "↑", |t| t.key_select),
                foot(1, "↑/↓", |t| t.key_select),
                HELP,
            ],
        ),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Edit,
            |t| t.key_edit,
            [OFF, foot(0, "Enter", |t| t.key_edit), OFF],
        ),
        bind(
            &[Key::code(KeyCode::Delete)],
            C::Delete,
            |t| t.key_delete,
            [OFF, foot(2, "Del", |t| t.key_delete), OFF],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Back,
            |t| t.key_deselect,
            [
                HELP,
                foot(3, "Esc", |t| t.key_deselect),
                foot(2, "Esc", |t| t.key_cancel_edit),
            ],
        ),
        bind(
            &[Key::ctrl('z')],
            C::Undo,
            |t| t.key_undo_help,
            [
                foot(6, "Ctrl-Z", |t| t.key_undo),
                foot(4, "Ctrl-Z", |t| t.key_undo),
                HELP,
            ],
        ),
        bind(&[Key::ctrl('y')], C::Redo, |t| t.key_redo, [HELP; 3]),
        bind(
            &[Key::code(KeyCode::PageUp), Key::code(KeyCode::PageDown)],
            C::Page,
            |t| t.key_page,
            [HELP; 3],
        ),
        bind(
            &[Key::code(KeyCode::F(1)), Key::ch('?')],
            C::Help,
            |t| t.key_help,
            [HELP; 3],
        ),
        bind(
            &[Key::ch('*')],
            C::Star,
            |t| t.key_star,
            [OFF, foot(1, "*", |t| t.key_star_short), OFF],
        ),
        bind(
            &[Key::code(KeyCode::F(3))],
            C::Done,
            |t| t.key_done,
            [
                foot(2, "F3", |t| t.key_done_short),
                foot(5, "F3", |t| t.key_done_short),
                foot(3, "F3", |t| t.key_done_short),
            ],
        ),
        bind(
            &[Key::code(KeyCode::F(4))],
            C::NeedHelp,
            |t| t.key_need_help,
            [
                foot(1, "F4", |t| t.key_need_help_short),
                foot(5, "F4", |t| t.key_need_help_short),
                foot(3, "F4", |t| t.key_need_help_short),
            ],
        ),
        // A picked note is not typed into: `b` is the bell there, as on
        // the lead's screen.
        bind(
            &[Key::ch('b')],
            C::Bell,
            |t| t.key_host_bell_b,
            [OFF, HELP, OFF],
        ),
        bind(
            &[Key::code(KeyCode::F(5)), Key::ctrl('g')],
            C::Bell,
            |t| t.key_host_bell,
            [
                foot(7, "F5", |t| t.bell_on),
                foot(7, "F5", |t| t.bell_on),
                foot(7, "F5", |t| t.bell_on),
            ],
        ),
    ]
};

/// The host's footer for what the host is doing; the round key only
/// when the programme has more than one round; `words` may say a row
/// otherwise (a signal given: how to withdraw it; the bell as it is).
pub fn host_footer(
    t: &'static Catalog,
    mode: HostMode,
    rounds: bool,
    words: impl Fn(HostCommand) -> Option<&'static str>,
) -> Vec<(u8, KeyHint<'static>)> {
    footer(&HOST, mode as usize, t, words)
        .into_iter()
        .filter(|(c, ..)| rounds || *c != HostCommand::Round)
        .map(|(_, p, h)| (p, h))
        .collect()
}

/// Every key of the host's screen, for the help overlay.
pub fn host_help(t: &Catalog) -> Vec<(String, &'static str)> {
    help(&HOST, &[0, 1, 2], t)
}

/// Every key of a lead view, for the help overlay; once another lead
/// took over (`read_only`), only the keys that still do something.
pub fn lead_help(view: usize, t: &Catalog, read_only: bool) -> Vec<(String, &'static str)> {
    let keys = LEAD.iter().filter(|b| !read_only || !b.command.writes());
    help(keys, &[view], t)
}

/// What the keys of the room picker do (its list; the name of another
/// room is typed in a box of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickCommand {
    /// Up, Down.
    Browse,
    /// Home, End.
    Ends,
    /// 1 to 9: that line, chosen.
    Number,
    Choose,
    /// Esc: back to the room before (when there is one).
    Back,
    /// F2: the rounds.
    Round,
    Help,
    SaveQuit,
}

/// The room picker's keys (one view: the list).
pub const PICK: [Binding<PickCommand, 1>; 8] = {
    use PickCommand as C;
    [
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Browse,
            |t| t.key_browse,
            [foot(0, "↑/↓", |t| t.key_browse)],
        ),
        bind(
            &[Key::code(KeyCode::Home), Key::code(KeyCode::End)],
            C::Ends,
            |t| t.key_first_last,
            [HELP],
        ),
        bind(&DIGITS, C::Number, |t| t.key_pick_number, [HELP]),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Choose,
            |t| t.key_pick_room,
            [foot(1, "Enter", |t| t.key_pick_room)],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Back,
            |t| t.key_back,
            [foot(2, "Esc", |t| t.key_back)],
        ),
        bind(
            &[Key::code(KeyCode::F(2))],
            C::Round,
            |t| t.key_round,
            [HELP],
        ),
        bind(
            &[Key::ch('?'), Key::code(KeyCode::F(1))],
            C::Help,
            |t| t.key_help,
            [HELP],
        ),
        bind(
            &[Key::ctrl('c'), Key::ctrl('q')],
            C::SaveQuit,
            |t| t.key_save_quit,
            [foot(3, "Ctrl-C", |t| t.key_quit)],
        ),
    ]
};

/// The keys while the host waits for the lead's programme: quitting, and
/// this help.
pub const WAIT: [Binding<PickCommand, 1>; 2] = {
    use PickCommand as C;
    [
        bind(
            &[Key::ch('?'), Key::code(KeyCode::F(1))],
            C::Help,
            |t| t.key_help,
            [HELP],
        ),
        bind(
            &[Key::ctrl('c'), Key::ctrl('q')],
            C::SaveQuit,
            |t| t.key_save_quit,
            [foot(0, "Ctrl-C", |t| t.key_quit)],
        ),
    ]
};

/// The waiting screen's footer.
pub fn wait_footer(t: &'static Catalog) -> Vec<(u8, KeyHint<'static>)> {
    footer(&WAIT, 0, t, |_| None)
        .into_iter()
        .map(|(_, p, h)| (p, h))
        .collect()
}

/// The picker's footer; `back` whether Esc leads anywhere.
pub fn pick_footer(t: &'static Catalog, back: bool) -> Vec<(u8, KeyHint<'static>)> {
    footer(&PICK, 0, t, |_| None)
        .into_iter()
        .filter(|(c, ..)| back || *c != PickCommand::Back)
        .map(|(_, p, h)| (p, h))
        .collect()
}

/// What the keys of the list of rounds (F2) do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundsCommand {
    /// Up, Down.
    Browse,
    /// Enter: to the round chosen.
    Go,
    /// Esc (and any key not in the table): the list closes.
    Close,
    SaveQuit,
}

/// The list of rounds' keys; its last line is its footer and its help.
pub const ROUNDS: [Binding<RoundsCommand, 1>; 4] = {
    use RoundsCommand as C;
    [
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Browse,
            |t| t.key_pick_room,
            [foot(0, "↑/↓", |t| t.key_pick_room)],
        ),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Go,
            |t| t.key_go_round,
            [foot(1, "Enter", |t| t.key_go_round)],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Close,
            |t| t.key_back,
            [foot(2, "Esc", |t| t.key_back)],
        ),
        bind(
            &[Key::ctrl('c'), Key::ctrl('q')],
            C::SaveQuit,
            |t| t.key_save_quit,
            [HELP],
        ),
    ]
};

/// The list of rounds' line of keys: `↑/↓ choose · Enter go to that round · Esc back`.
pub fn rounds_line(t: &'static Catalog) -> String {
    footer(&ROUNDS, 0, t, |_| None)
        .iter()
        .map(|(_, _, h)| format!("{} {}", h.keys, h.what))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What the keys of the programme editor do (`oogst edit`, the lead's `a`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorCommand {
    /// Up, Down: a line.
    Browse,
    /// PgUp, PgDn: the previous or next block.
    Page,
    /// Home, End.
    Ends,
    /// Enter: edit the field (a kind: the next one; "+ add": a new one).
    Edit,
    /// Left, Right on the kind: the previous or next kind.
    Kind,
    /// `+`, `-`: the selected block a minute longer or shorter.
    Minutes,
    /// `i`, Insert: a new block (or question, room) below.
    Insert,
    /// `p`: a break below.
    Break,
    /// Del, `x`: the block (or question, room) removed.
    Remove,
    /// `s`: the block skipped, or brought back.
    Skip,
    /// Shift-Up/Down, Alt-Up/Down: the block (or question, room) moved.
    Move,
    Undo,
    Redo,
    /// Ctrl-S (`oogst edit`).
    Save,
    /// Esc: back to the clock (lead); quit (`oogst edit`, asks).
    Back,
    Quit,
    Help,
    SaveQuit,
    /// Enter while typing: the field as typed.
    Keep,
    /// Tab, Shift-Tab while typing: kept, and on to the next (previous) line.
    NextField,
    /// Esc while typing: the field as it was.
    Cancel,
}

/// The editor's views: browsing in `oogst edit`, browsing in the lead,
/// typing in a field (both).
pub const EDIT_FILE: usize = 0;
pub const EDIT_LEAD: usize = 1;
pub const EDIT_TYPING: usize = 2;

/// The programme editor's keys. Letters are commands only while no field
/// is being typed in; typing goes to the field.
pub const EDITOR: [Binding<EditorCommand, 3>; 21] = {
    use EditorCommand as C;
    let edit = foot(0, "Enter", |t| t.key_edit_field);
    let insert = foot(2, "i", |t| t.key_edit_insert_short);
    let remove = foot(4, "Del", |t| t.key_edit_remove);
    let skip = foot(5, "s", |t| t.key_edit_skip_short);
    let minutes = foot(3, "+/-", |t| t.key_edit_minutes_short);
    let undo = foot(6, "Ctrl-Z", |t| t.key_edit_undo);
    [
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Browse,
            |t| t.key_edit_browse,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::code(KeyCode::PageUp), Key::code(KeyCode::PageDown)],
            C::Page,
            |t| t.key_edit_page,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Home), Key::code(KeyCode::End)],
            C::Ends,
            |t| t.key_first_last,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Edit,
            |t| t.key_edit_field,
            [edit, edit, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Left), Key::code(KeyCode::Right)],
            C::Kind,
            |t| t.key_edit_kind,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::ch('+'), Key::ch('='), Key::ch('-'), Key::ch('_')],
            C::Minutes,
            |t| t.key_edit_minutes,
            [minutes, minutes, OFF],
        ),
        bind(
            &[Key::ch('i'), Key::code(KeyCode::Insert)],
            C::Insert,
            |t| t.key_edit_insert,
            [insert, insert, OFF],
        ),
        bind(
            &[Key::ch('p')],
            C::Break,
            |t| t.key_edit_break,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Delete), Key::ch('x')],
            C::Remove,
            |t| t.key_edit_remove,
            [remove, remove, OFF],
        ),
        bind(
            &[Key::ch('s')],
            C::Skip,
            |t| t.key_edit_skip,
            [skip, skip, OFF],
        ),
        bind(
            &[
                Key::with(KeyCode::Up, KeyModifiers::SHIFT),
                Key::with(KeyCode::Down, KeyModifiers::SHIFT),
                Key::with(KeyCode::Up, KeyModifiers::ALT),
                Key::with(KeyCode::Down, KeyModifiers::ALT),
            ],
            C::Move,
            |t| t.key_edit_move,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::ctrl('z')],
            C::Undo,
            |t| t.key_edit_undo,
            [undo, undo, OFF],
        ),
        bind(
            &[Key::ctrl('y')],
            C::Redo,
            |t| t.key_edit_redo,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::ctrl('s')],
            C::Save,
            |t| t.key_edit_save,
            [foot(1, "Ctrl-S", |t| t.key_edit_save), OFF, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Back,
            |t| t.key_edit_back,
            [OFF, foot(1, "Esc", |t| t.key_edit_back_short), OFF],
        ),
        bind(
            &[Key::ch('q'), Key::code(KeyCode::Esc)],
            C::Quit,
            |t| t.key_quit,
            [foot(7, "q", |t| t.key_quit), OFF, OFF],
        ),
        bind(&[Key::ch('q')], C::Quit, |t| t.key_quit, [OFF, HELP, OFF]),
        bind(
            &[Key::ch('?'), Key::code(KeyCode::F(1))],
            C::Help,
            |t| t.key_help,
            [HELP, HELP, OFF],
        ),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Keep,
            |t| t.key_edit_keep,
            [OFF, OFF, foot(0, "Enter", |t| t.key_edit_keep)],
        ),
        bind(
            &[Key::code(KeyCode::Tab), Key::code(KeyCode::BackTab)],
            C::NextField,
            |t| t.key_edit_next_field,
            [OFF, OFF, foot(2, "Tab", |t| t.key_edit_next_field)],
        ),
        bind(
            &[Key::code(KeyCode::Esc)],
            C::Cancel,
            |t| t.key_cancel,
            [OFF, OFF, foot(1, "Esc", |t| t.key_cancel)],
        ),
    ]
};

/// The Ctrl-C row of every view of the editor (save and quit at once).
pub const EDITOR_SAVE_QUIT: [Binding<EditorCommand, 3>; 1] = [bind(
    &[Key::ctrl('c')],
    EditorCommand::SaveQuit,
    |t| t.key_save_quit,
    [HELP; 3],
)];

/// The command `event` runs in the editor's `view`.
pub fn editor_command(view: usize, event: &KeyEvent) -> Option<EditorCommand> {
    command(&EDITOR_SAVE_QUIT, view, event).or_else(|| command(&EDITOR, view, event))
}

/// The editor's footer in `view`.
pub fn editor_footer(view: usize, t: &'static Catalog) -> Vec<(u8, KeyHint<'static>)> {
    footer(&EDITOR, view, t, |_| None)
        .into_iter()
        .map(|(_, p, h)| (p, h))
        .collect()
}

/// Every key of the editor in `view`, then those of typing in a field
/// under a heading of their own, for the help.
pub fn editor_help(view: usize, t: &Catalog) -> Vec<(String, &'static str)> {
    let browsing = if view == EDIT_TYPING { EDIT_FILE } else { view };
    let mut rows = help(EDITOR.iter(), &[browsing], t);
    rows.push((String::new(), ""));
    rows.push((String::new(), t.key_edit_while_typing));
    rows.extend(help(
        EDITOR
            .iter()
            .filter(|b| matches!(b.places[browsing], Place::Off)),
        &[EDIT_TYPING],
        t,
    ));
    rows.extend(help(EDITOR_SAVE_QUIT.iter(), &[view], t));
    rows
}

/// What the keys of the template picker (`oogst edit`, a new file) do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateCommand {
    Browse,
    Ends,
    /// 1 to 9: that template.
    Number,
    Choose,
    Quit,
    Help,
}

/// The template picker's keys.
pub const TEMPLATES: [Binding<TemplateCommand, 1>; 6] = {
    use TemplateCommand as C;
    const DIGITS: [Key; 9] = [
        Key::ch('1'),
        Key::ch('2'),
        Key::ch('3'),
        Key::ch('4'),
        Key::ch('5'),
        Key::ch('6'),
        Key::ch('7'),
        Key::ch('8'),
        Key::ch('9'),
    ];
    [
        bind(
            &[Key::code(KeyCode::Up), Key::code(KeyCode::Down)],
            C::Browse,
            |t| t.key_browse,
            [foot(0, "↑/↓", |t| t.key_browse)],
        ),
        bind(
            &[Key::code(KeyCode::Home), Key::code(KeyCode::End)],
            C::Ends,
            |t| t.key_first_last,
            [HELP],
        ),
        bind(&DIGITS, C::Number, |t| t.key_pick_number, [HELP]),
        bind(
            &[Key::code(KeyCode::Enter)],
            C::Choose,
            |t| t.key_pick_template,
            [foot(1, "Enter", |t| t.key_pick_template)],
        ),
        bind(
            &[
                Key::code(KeyCode::Esc),
                Key::ch('q'),
                Key::ctrl('c'),
                Key::ctrl('q'),
            ],
            C::Quit,
            |t| t.key_quit,
            [foot(2, "Esc", |t| t.key_quit)],
        ),
        bind(
            &[Key::ch('?'), Key::code(KeyCode::F(1))],
            C::Help,
            |t| t.key_help,
            [HELP],
        ),
    ]
};

/// The template picker's footer.
pub fn templates_footer(t: &'static Catalog) -> Vec<(u8, KeyHint<'static>)> {
    footer(&TEMPLATES, 0, t, |_| None)
        .into_iter()
        .map(|(_, p, h)| (p, h))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In no view of a table does one key run two commands (the first row
    /// would win unseen), and every row is there in some view.
    fn unambiguous<C: Copy + std::fmt::Debug, const N: usize>(table: &[Binding<C, N>]) {
        for view in 0..N {
            let mut seen: Vec<(Key, C)> = Vec::new();
            for b in table
                .iter()
                .filter(|b| !matches!(b.places[view], Place::Off))
            {
                for k in b.keys {
                    if let Some((_, c)) = seen.iter().find(|(s, _)| s.matches(&k.event())) {
                        panic!("view {view}: {k:?} runs {c:?} and {:?}", b.command);
                    }
                    seen.push((*k, b.command));
                }
            }
        }
        for b in table {
            assert!(
                b.places.iter().any(|p| !matches!(p, Place::Off)),
                "{:?} is nowhere",
                b.command
            );
        }
    }

    #[test]
    fn no_key_means_two_things() {
        unambiguous(&LEAD);
        unambiguous(&HARVEST);
        unambiguous(&HOST);
        unambiguous(&PICK);
        unambiguous(&ROUNDS);
        unambiguous(&REPLAN);
        unambiguous(&EDITOR);
        unambiguous(&TEMPLATES);
    }

    #[test]
    fn help_writes_every_key_of_a_row() {
        let t = crate::i18n::Lang::En.t();
        let rows = lead_help(LEAD_VIEW, t, false);
        assert!(rows.contains(&("+/=".to_string(), t.key_extend)));
        assert!(rows.contains(&("?/F1".to_string(), t.key_help)));
        assert!(
            !rows.iter().any(|(k, _)| k == "Esc"),
            "no way back on the lead view"
        );
        let host = host_help(t);
        assert!(host.contains(&("Ctrl-C/Ctrl-Q".to_string(), t.key_save_quit)));
    }
}
