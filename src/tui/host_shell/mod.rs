//! The host's app around the note-taking screen: waiting for the lead's
//! programme, picking the room from the programme's list, following the
//! lead's clock from round to round (or switching by hand), and asking
//! before a quit that could save nothing.
//!
//! `update` is the one place state changes; opening a room file is an
//! effect ([`Effect::OpenRoom`]) that the event loop performs and reports
//! back ([`Msg::RoomOpened`]).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::host_app::HostApp;
use super::keys::{self, PickCommand, RoundsCommand};
use super::runtime::Toast;
use super::theme::Theme;
use crate::clock::ClockDoc;
use crate::i18n::{Lang, fill};
use crate::programme::{Block, BlockKind, DayTime, Programme};
use crate::room::room_key;

pub use super::host_msg::{Effect, Msg, OpenRoom};

/// Where the host is.
pub enum Phase {
    /// No programme yet (a session folder without `programme.json`).
    Waiting,
    /// Choosing the room for a round.
    Picking(Box<Picker>),
    /// Taking notes.
    Writing(Box<HostApp>),
}

/// One line of the room picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// A room of the programme's list.
    Room(String),
    /// A room of another round (the name the host gave is one of its
    /// rooms): the round's id and the room.
    Elsewhere(String, String),
    /// A room that is not in the list, by the name the host gave.
    New(String),
    /// "Another room…": the host types its name.
    Other,
}

/// The room picker of one round.
pub struct Picker {
    pub block: String,
    pub choices: Vec<Choice>,
    pub selected: usize,
    /// The name of another room, being typed.
    pub typing: Option<TextArea<'static>>,
    /// A room not in the programme, waiting for `y`.
    pub confirm: Option<String>,
    /// Why the last choice could not be opened.
    pub problem: Option<String>,
    /// The room the host was writing in before (saved on the way out;
    /// `Esc` goes back to it).
    pub previous: Option<Box<HostApp>>,
}

/// What is drawn over the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellOverlay {
    None,
    /// The programme's rounds, to switch to one.
    Rounds {
        selected: usize,
    },
    /// Nothing could be saved: quit anyway? (why)
    CannotSave(String),
    /// The keys of the room picker.
    Help,
}

/// What the host's app starts with.
pub struct ShellOptions {
    pub programme: Option<Programme>,
    /// The session folder, as the host is told where things are.
    pub dir: String,
    /// `--room` as given.
    pub room: Option<String>,
    pub name: String,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
}

pub struct HostShell {
    pub programme: Option<Programme>,
    /// Why `programme.json` cannot be used yet, while waiting for it.
    pub programme_problem: Option<String>,
    pub dir: String,
    pub name: String,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
    pub phase: Phase,
    pub overlay: ShellOverlay,
    pub clock: Option<ClockDoc>,
    pub toast: Option<Toast>,
    /// `--room` as given, until a room is open.
    wanted: Option<String>,
    /// The room the host has, kept across rounds.
    room: Option<String>,
    /// The round the lead's clock last pointed at (only a change of it
    /// moves the host).
    followed: Option<String>,
    /// A round to move to once the note being typed is added.
    pending: Option<String>,
}

/// The room of `block` that `name` is (case, accents and Unicode forms
/// ignored), as the programme spells it.
pub fn programme_room<'b>(block: &'b Block, name: &str) -> Option<&'b str> {
    let key = room_key(name);
    block
        .rooms
        .iter()
        .find(|r| room_key(r) == key)
        .map(|r| r.trim())
}

/// How far apart two names are, in edits of their keys (for "did you mean").
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) =
        (room_key(a).chars().collect(), room_key(b).chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j] + 1)
                .min(row[j + 1] + 1)
                .min(prev + usize::from(ca != cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Whether `typed` is close to `room`: a slip of the keys (a few edits),
/// or one name inside the other — but never a room of another number
/// (`Kamer 5` is not close to `Kamer 1`).
fn close(typed: &str, room: &str) -> bool {
    let digits = |s: &str| {
        room_key(s)
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
    };
    if digits(typed) != digits(room) {
        return false;
    }
    let (t, r) = (room_key(typed), room_key(room));
    distance(typed, room) <= 3 || (!t.is_empty() && (r.contains(&t) || t.contains(&r)))
}

impl Picker {
    /// The rooms of `block` as the programme lists them. With a name the
    /// host typed (`--room`) that is not one of them: the closest first,
    /// the room by that name in another round if it is one there, else a
    /// room by that name not in the programme; then "another room".
    fn new(programme: &Programme, block: &Block, typed: Option<&str>) -> Picker {
        let mut rooms: Vec<&String> = block.rooms.iter().collect();
        let typed = typed.map(str::trim).filter(|w| !w.is_empty());
        let mut near = false;
        if let Some(w) = typed
            && let Some((i, _)) = rooms
                .iter()
                .enumerate()
                .filter(|(_, r)| close(w, r))
                .min_by_key(|(_, r)| distance(w, r))
        {
            let room = rooms.remove(i);
            rooms.insert(0, room);
            near = true;
        }
        let mut choices: Vec<Choice> = rooms.into_iter().map(|r| Choice::Room(r.clone())).collect();
        if let Some(w) = typed {
            // The room the host named may be one of another round.
            let elsewhere: Vec<Choice> = programme
                .breakouts()
                .filter(|b| b.id != block.id)
                .filter_map(|b| {
                    programme_room(b, w).map(|r| Choice::Elsewhere(b.id.clone(), r.to_string()))
                })
                .collect();
            let at = usize::from(near);
            match elsewhere.is_empty() {
                true => choices.push(Choice::New(w.to_string())),
                false => {
                    choices.splice(at..at, elsewhere);
                }
            }
        }
        choices.push(Choice::Other);
        Picker {
            block: block.id.clone(),
            choices,
            selected: 0,
            typing: None,
            confirm: None,
            problem: None,
            previous: None,
        }
    }
}

impl HostShell {
    /// The app before any room is open: waiting for the programme, or
    /// picking the room (when `--room` did not name one of the round's).
    pub fn new(
        opts: ShellOptions,
        clock: Option<ClockDoc>,
        now: Timestamp,
    ) -> (HostShell, Vec<Effect>) {
        let mut shell = HostShell {
            programme: None,
            programme_problem: None,
            dir: opts.dir,
            name: opts.name,
            lang: opts.lang,
            theme: opts.theme,
            tz: opts.tz,
            phase: Phase::Waiting,
            overlay: ShellOverlay::None,
            clock: None,
            toast: None,
            wanted: opts.room,
            room: None,
            followed: None,
            pending: None,
        };
        shell.clock = clock.filter(|c| opts.programme.as_ref().is_none_or(|p| p.id == c.session));
        let mut fx = Vec::new();
        if let Some(p) = opts.programme {
            fx = shell.take_programme(p, now);
        }
        (shell, fx)
    }

    pub fn notify(&mut self, text: String, alert: bool, now: Timestamp) {
        match &mut self.phase {
            Phase::Writing(app) => app.notify(text, alert, now),
            _ => self.toast = Some(Toast::new(text, alert, now, 1.0)),
        }
    }

    /// The note-taking app of the open room (also while picking a room
    /// for another round: until then, the room before is the open one).
    pub fn app(&self) -> Option<&HostApp> {
        match &self.phase {
            Phase::Writing(app) => Some(app),
            Phase::Picking(p) => p.previous.as_deref(),
            Phase::Waiting => None,
        }
    }

    /// The round the lead's clock is in: the running breakout, else the
    /// next, else the last; without a clock, by the plan and the time.
    pub fn round_now(&self, now: Timestamp) -> Option<&Block> {
        let p = self.programme.as_ref()?;
        let clock = self.clock.as_ref().filter(|c| c.session == p.id);
        // The lead's block, by its id (else its place, if the kind agrees).
        let position = |id: Option<&str>, index: usize, kind: Option<BlockKind>| {
            id.and_then(|id| p.blocks.iter().position(|x| x.id == id))
                .or_else(|| {
                    p.blocks
                        .get(index)
                        .filter(|x| kind.is_none_or(|k| x.kind == k))
                        .map(|_| index)
                })
        };
        let at = clock.and_then(|c| match (&c.block, &c.current) {
            (Some(b), _) => position(b.id.as_deref(), b.index, Some(b.kind)),
            (None, Some(cur)) => position(Some(&cur.id), cur.index, None),
            (None, None) => None,
        });
        if let Some(at) = at {
            return p.round_at(at);
        }
        let lead_now = clock.map_or(now, |c| c.lead_now(now));
        let time = lead_now.to_zoned_datetime(self.tz.clone());
        let minutes =
            u16::try_from(i32::from(time.hour()) * 60 + i32::from(time.minute())).unwrap_or(0);
        p.round_by_time(DayTime::from_minutes(minutes).unwrap_or(DayTime::MIDNIGHT_END))
    }

    /// Which of the programme's rounds `block` is, 1-based (0: none).
    fn round_number(&self, block: Option<&str>) -> usize {
        self.programme
            .as_ref()
            .and_then(|p| p.breakouts().position(|b| Some(b.id.as_str()) == block))
            .map_or(0, |i| i + 1)
    }

    /// The open room's round.
    pub fn current_round(&self) -> Option<&str> {
        match &self.phase {
            Phase::Writing(app) => app.doc.block.as_deref(),
            Phase::Picking(p) => Some(&p.block),
            Phase::Waiting => None,
        }
    }

    /// Takes in a programme: the first, or a changed one.
    fn take_programme(&mut self, p: Programme, now: Timestamp) -> Vec<Effect> {
        let t = self.lang.t();
        if let Some(old) = &self.programme
            && old.id != p.id
        {
            let text = fill(
                t.host_other_session,
                &[("session", &crate::text::one_line(&p.id))],
            );
            self.notify(text, true, now);
            return Vec::new();
        }
        let first = self.programme.is_none();
        self.programme_problem = None;
        self.programme = Some(p);
        if self
            .clock
            .as_ref()
            .is_some_and(|c| Some(&c.session) != self.programme.as_ref().map(|p| &p.id))
        {
            self.clock = None;
        }
        let rounds = self.programme.as_ref().map_or(0, |p| p.breakouts().count());
        if rounds == 0 {
            self.programme_problem = Some(t.host_no_breakout.to_string());
            return Vec::new();
        }
        let round = self.round_number(self.current_round().map(str::to_string).as_deref());
        if let Phase::Writing(app) = &mut self.phase {
            app.rounds = rounds;
            app.round = round;
            // The open round's questions as the programme has them now.
            let block = self
                .programme
                .as_ref()
                .and_then(|p| p.block(app.doc.block.as_deref().unwrap_or("")))
                .cloned();
            match block {
                Some(b) => {
                    app.title = b.title.clone();
                    if app.doc.set_questions(&b.questions) {
                        app.notify(t.host_questions_changed.to_string(), false, now);
                        return vec![Effect::SaveNow];
                    }
                }
                None => app.notify(t.host_round_gone.to_string(), true, now),
            }
            return self.follow(now);
        }
        if first || matches!(self.phase, Phase::Waiting) {
            let round = self.round_now(now).map(|b| b.id.clone());
            self.followed = round.clone();
            if let Some(r) = round {
                return self.go_to_round(&r);
            }
        }
        Vec::new()
    }

    /// Moves to `block`: opens the host's room in it, or lets the host pick
    /// one when the room is not one of that round's.
    fn go_to_round(&mut self, block: &str) -> Vec<Effect> {
        let Some(p) = &self.programme else {
            return Vec::new();
        };
        let Some(b) = p.block(block) else {
            return Vec::new();
        };
        let name = self.room.clone().or_else(|| self.wanted.clone());
        // A room of this round: open it. A room made on purpose, in no
        // round of the programme, stays that room in the next round too.
        let ad_hoc = |r: &String| p.breakouts().all(|x| programme_room(x, r).is_none());
        let room = name.as_deref().and_then(|n| {
            programme_room(b, n).map(str::to_string).or_else(|| {
                self.room
                    .clone()
                    .filter(|r| self.wanted.is_none() && ad_hoc(r))
            })
        });
        match room {
            Some(room) => vec![self.open(b.clone(), room)],
            None => {
                // A name typed with --room is offered as typed; the room the
                // host comes from (another round's) is not.
                let typed = self.wanted.clone().filter(|_| self.room.is_none());
                let mut picker = Box::new(Picker::new(p, b, typed.as_deref()));
                // The room before stays open (and saved) until another is.
                let before = std::mem::replace(&mut self.phase, Phase::Waiting);
                picker.previous = match before {
                    Phase::Writing(app) => Some(app),
                    Phase::Picking(p) => p.previous,
                    Phase::Waiting => None,
                };
                self.phase = Phase::Picking(picker);
                vec![Effect::SaveNow]
            }
        }
    }

    fn open(&self, block: Block, room: String) -> Effect {
        let p = self
            .programme
            .as_ref()
            .expect("a programme to open a room in");
        Effect::OpenRoom(Box::new(OpenRoom {
            session: p.id.clone(),
            first_round: p.breakout().is_some_and(|f| f.id == block.id),
            block,
            room,
            host: self.name.clone(),
        }))
    }

    /// Follows the lead's clock to another round, when it moved on. While
    /// a note is being typed the move waits until it is added.
    fn follow(&mut self, now: Timestamp) -> Vec<Effect> {
        let round = self.round_now(now).map(|b| b.id.clone());
        if round == self.followed || round.is_none() {
            return self.move_if_free(now);
        }
        self.followed = round.clone();
        if self.current_round() != round.as_deref() {
            self.pending = round;
            let fx = self.move_if_free(now);
            if self.pending.is_some() {
                // The host is typing: the move waits, and says so.
                let title = self.pending_title();
                let text = fill(self.lang.t().host_round_pending, &[("round", &title)]);
                self.notify(text, true, now);
            }
            return fx;
        }
        self.move_if_free(now)
    }

    /// Moves to the pending round if nothing is being typed.
    fn move_if_free(&mut self, now: Timestamp) -> Vec<Effect> {
        let Some(round) = self.pending.clone() else {
            return Vec::new();
        };
        let busy = match &self.phase {
            Phase::Writing(app) => {
                !app.input.lines().concat().is_empty() || app.editing().is_some()
            }
            Phase::Picking(p) => p.typing.is_some() || p.confirm.is_some(),
            Phase::Waiting => true,
        };
        if busy {
            return Vec::new();
        }
        let title = self.pending_title();
        self.pending = None;
        if self.current_round() == Some(round.as_str()) {
            return Vec::new();
        }
        let mut fx = vec![Effect::SaveNow];
        fx.extend(self.go_to_round(&round));
        // Said on the new round's screen (or the picker).
        let text = fill(self.lang.t().host_round_moved, &[("round", &title)]);
        self.toast = Some(Toast::new(text, false, now, 1.0));
        fx
    }

    /// The title of the round the host is to move to.
    fn pending_title(&self) -> String {
        self.pending
            .as_deref()
            .and_then(|id| self.programme.as_ref()?.block(id))
            .map(|b| crate::text::one_line(&b.title).into_owned())
            .unwrap_or_default()
    }

    pub fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        let fx = self.update_inner(msg, now);
        if Toast::gone(&self.toast, now) {
            self.toast = None;
        }
        fx
    }

    fn update_inner(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        match msg {
            Msg::Programme(p) => self.take_programme(*p, now),
            Msg::ProgrammeProblem(why) => {
                if self.programme.is_none() {
                    self.programme_problem = Some(why);
                }
                Vec::new()
            }
            Msg::Clock(doc) => {
                let doc = doc.filter(|d| self.programme.as_ref().is_none_or(|p| p.id == d.session));
                self.clock = doc.as_deref().cloned();
                let mut fx = Vec::new();
                if let Phase::Writing(app) = &mut self.phase {
                    fx.extend(app.update(Msg::Clock(doc), now));
                }
                fx.extend(self.follow(now));
                fx
            }
            Msg::RoomOpened(Ok((doc, notices))) => {
                let title = self
                    .programme
                    .as_ref()
                    .and_then(|p| p.block(doc.block.as_deref().unwrap_or("")))
                    .map(|b| b.title.clone())
                    .unwrap_or_default();
                self.room = Some(doc.room.clone());
                self.wanted = None;
                let mut app = HostApp::new(*doc, title, self.lang, self.theme, self.tz.clone());
                app.clock = self.clock.clone();
                app.rounds = self.programme.as_ref().map_or(1, |p| p.breakouts().count());
                app.round = self.round_number(app.doc.block.as_deref());
                // The bell as the host set it, and what was shown and
                // flashed already, go with the host to the next room.
                if let Some(before) = self.app() {
                    let seen = app.doc.seen.as_ref();
                    let seen = seen.map(|s| s.message.at());
                    app.alerts = before.alerts.clone().seen(seen);
                }
                // A move to another round is said first; else what opening found.
                if let Some(toast) = self.toast.take() {
                    app.toast = Some(toast);
                } else if let Some(n) = notices.last() {
                    let alert = notices.len() > 1 || notices.iter().any(|n| n.alert());
                    app.notify(self.lang.notice(n), alert, now);
                }
                // The lead's message is shown from now on: its receipt.
                let mut fx = app.look_at_clock(now);
                self.phase = Phase::Writing(Box::new(app));
                // The file exists from the start, so the lead sees the room.
                fx.retain(|e| *e != Effect::SaveNow);
                fx.insert(0, Effect::SaveNow);
                fx
            }
            Msg::RoomOpened(Err(why)) => {
                let block = self.current_round().map(str::to_string);
                let block = block.and_then(|id| self.programme.as_ref()?.block(&id).cloned());
                match (&mut self.phase, block) {
                    (Phase::Picking(p), _) => p.problem = Some(why),
                    (_, Some(b)) => {
                        let programme = self.programme.as_ref().expect("a programme to pick in");
                        let mut picker = Box::new(Picker::new(programme, &b, self.room.as_deref()));
                        picker.problem = Some(why);
                        self.phase = Phase::Picking(picker);
                    }
                    _ => self.notify(why, true, now),
                }
                Vec::new()
            }
            Msg::CannotSave(why) => {
                self.overlay = ShellOverlay::CannotSave(why);
                Vec::new()
            }
            Msg::Key(key) => self.on_key(key, now),
            Msg::Paste(text) => match &mut self.phase {
                Phase::Writing(app) => app.update(Msg::Paste(text), now),
                Phase::Picking(p) => {
                    if let Some(area) = &mut p.typing {
                        area.insert_str(crate::text::one_line(&text));
                    }
                    Vec::new()
                }
                Phase::Waiting => Vec::new(),
            },
            Msg::Stop => match &mut self.phase {
                Phase::Writing(app) => app.update(Msg::Stop, now),
                _ => vec![Effect::Quit],
            },
            other => match &mut self.phase {
                Phase::Writing(app) => {
                    let mut fx = app.update(other, now);
                    fx.extend(self.move_if_free(now));
                    fx
                }
                _ => Vec::new(),
            },
        }
    }

    fn on_key(&mut self, key: KeyEvent, now: Timestamp) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Nothing could be saved: quit anyway?
        if let ShellOverlay::CannotSave(_) = &self.overlay {
            return match key.code {
                KeyCode::Char('y' | 'j' | 'Y' | 'J') => vec![Effect::QuitAnyway],
                KeyCode::Char('c' | 'q') if ctrl => vec![Effect::QuitAnyway],
                _ => {
                    self.overlay = ShellOverlay::None;
                    Vec::new()
                }
            };
        }
        if self.overlay == ShellOverlay::Help {
            // Any key closes the help; only the help's keys and Esc are
            // swallowed.
            self.overlay = ShellOverlay::None;
            let help = keys::command(&keys::PICK, 0, &key) == Some(PickCommand::Help);
            if help || key.code == KeyCode::Esc {
                return Vec::new();
            }
        }
        if let ShellOverlay::Rounds { selected } = self.overlay {
            let n = self.programme.as_ref().map_or(0, |p| p.breakouts().count());
            match keys::command(&keys::ROUNDS, 0, &key) {
                Some(RoundsCommand::Browse) if key.code == KeyCode::Up => {
                    self.overlay = ShellOverlay::Rounds {
                        selected: selected.saturating_sub(1),
                    }
                }
                Some(RoundsCommand::Browse) => {
                    self.overlay = ShellOverlay::Rounds {
                        selected: (selected + 1).min(n.saturating_sub(1)),
                    }
                }
                Some(RoundsCommand::Go) => {
                    self.overlay = ShellOverlay::None;
                    let id = self
                        .programme
                        .as_ref()
                        .and_then(|p| p.breakouts().nth(selected))
                        .map(|b| b.id.clone());
                    if let Some(id) = id.filter(|id| Some(id.as_str()) != self.current_round()) {
                        let mut fx = vec![Effect::SaveNow];
                        self.pending = None;
                        fx.extend(self.go_to_round(&id));
                        return fx;
                    }
                }
                Some(RoundsCommand::SaveQuit) => return vec![Effect::SaveState, Effect::Quit],
                Some(RoundsCommand::Close) | None => self.overlay = ShellOverlay::None,
            }
            return Vec::new();
        }
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'C' | 'q' | 'Q')) {
            // The note-taking app quits itself: an Enter it holds (see
            // `host_app::BURST`) is carried out first.
            if let Phase::Writing(app) = &mut self.phase {
                return app.update(Msg::Key(key), now);
            }
            return vec![Effect::SaveState, Effect::Quit];
        }
        if key.code == KeyCode::F(2) && self.programme.is_some() {
            let selected = self
                .programme
                .as_ref()
                .and_then(|p| {
                    p.breakouts()
                        .position(|b| Some(b.id.as_str()) == self.current_round())
                })
                .unwrap_or(0);
            self.overlay = ShellOverlay::Rounds { selected };
            return Vec::new();
        }
        match &mut self.phase {
            Phase::Writing(app) => {
                let mut fx = app.update(Msg::Key(key), now);
                fx.extend(self.move_if_free(now));
                fx
            }
            Phase::Picking(_) => self.pick_key(key, now),
            Phase::Waiting => {
                if keys::command(&keys::WAIT, 0, &key) == Some(PickCommand::Help) {
                    self.overlay = ShellOverlay::Help;
                }
                Vec::new()
            }
        }
    }

    fn pick_key(&mut self, key: KeyEvent, now: Timestamp) -> Vec<Effect> {
        let Phase::Picking(p) = &mut self.phase else {
            return Vec::new();
        };
        if let Some(name) = p.confirm.clone() {
            p.confirm = None;
            if matches!(key.code, KeyCode::Char('y' | 'j' | 'Y' | 'J')) {
                let block = self
                    .programme
                    .as_ref()
                    .and_then(|pr| pr.block(&p.block))
                    .cloned();
                if let Some(b) = block {
                    return vec![self.open(b, name)];
                }
            }
            return Vec::new();
        }
        if let Some(area) = &mut p.typing {
            match key.code {
                KeyCode::Esc => p.typing = None,
                KeyCode::Enter => {
                    let name = area.lines().join(" ").trim().to_string();
                    if !name.is_empty() {
                        p.typing = None;
                        let block = self
                            .programme
                            .as_ref()
                            .and_then(|pr| pr.block(&p.block))
                            .cloned();
                        // A name of the list is that room; another is asked for.
                        match block.as_ref().and_then(|b| programme_room(b, &name)) {
                            Some(room) => {
                                let (b, room) =
                                    (block.clone().expect("the round"), room.to_string());
                                return vec![self.open(b, room)];
                            }
                            None => p.confirm = Some(name),
                        }
                    }
                }
                _ => {
                    area.input(key);
                }
            }
            return Vec::new();
        }
        let n = p.choices.len();
        match keys::command(&keys::PICK, 0, &key) {
            // Back to the room before (a round the host moved to by hand
            // or by the clock, without a room of its own yet).
            Some(PickCommand::Back) => {
                if let Some(app) = p.previous.take() {
                    self.phase = Phase::Writing(app);
                }
            }
            Some(PickCommand::Browse) if key.code == KeyCode::Up => {
                p.selected = p.selected.saturating_sub(1)
            }
            Some(PickCommand::Browse) => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
            Some(PickCommand::Ends) if key.code == KeyCode::Home => p.selected = 0,
            Some(PickCommand::Ends) => p.selected = n.saturating_sub(1),
            Some(PickCommand::Number) => {
                if let KeyCode::Char(c @ '1'..='9') = key.code {
                    let i = c as usize - '1' as usize;
                    if i < n {
                        p.selected = i;
                        return self.choose(now);
                    }
                }
            }
            Some(PickCommand::Choose) => return self.choose(now),
            Some(PickCommand::Help) => self.overlay = ShellOverlay::Help,
            // Quitting and the rounds are taken care of above.
            Some(PickCommand::Round | PickCommand::SaveQuit) | None => {}
        }
        Vec::new()
    }

    /// The picker's selected line chosen.
    fn choose(&mut self, _now: Timestamp) -> Vec<Effect> {
        let Phase::Picking(p) = &mut self.phase else {
            return Vec::new();
        };
        p.problem = None;
        let Some(choice) = p.choices.get(p.selected).cloned() else {
            return Vec::new();
        };
        let block = self
            .programme
            .as_ref()
            .and_then(|pr| pr.block(&p.block))
            .cloned();
        match choice {
            Choice::Room(room) => match block {
                Some(b) => vec![self.open(b, room)],
                None => Vec::new(),
            },
            Choice::Elsewhere(round, room) => {
                let block = self
                    .programme
                    .as_ref()
                    .and_then(|pr| pr.block(&round))
                    .cloned();
                match block {
                    Some(b) => vec![self.open(b, room)],
                    None => Vec::new(),
                }
            }
            Choice::New(name) => {
                p.confirm = Some(name);
                Vec::new()
            }
            Choice::Other => {
                let mut area = TextArea::default();
                area.set_cursor_line_style(ratatui::style::Style::new());
                area.set_placeholder_text(self.lang.t().host_pick_other_placeholder);
                area.set_placeholder_style(self.theme.dim());
                p.typing = Some(area);
                Vec::new()
            }
        }
    }

    /// When the screen next changes by itself.
    pub fn next_change(&self, now: Timestamp) -> Timestamp {
        let mut next = match &self.phase {
            Phase::Writing(app) => app.next_change(now),
            _ => now + jiff::SignedDuration::from_secs(60),
        };
        if let Some(t) = &self.toast {
            next = next.min(t.until.max(now));
        }
        next
    }

    pub fn save_error(&self) -> Option<&str> {
        self.app().and_then(|a| a.save_error.as_deref())
    }
}

#[cfg(test)]
mod tests;
