//! The live harvest: one question at a time across every room of a
//! round, each room's key takeaways first, updated as notes land. What
//! the plenary reads back from the rooms: the lead's `h` (and from the
//! dashboard), and the whole screen of `oogst watch`.
//!
//! [`HarvestScreen`] is the view's state — the harvest itself (a
//! [`LiveHarvest`], fed file by file) and where the reader is: round,
//! question, scroll position, key takeaways only or all. Its keys come
//! from [`keys::HARVEST`]; [`view::HarvestView`] draws it.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::merge::live::folder::LiveFolder;
use crate::merge::live::{Change, LiveHarvest};
use crate::merge::{HarvestRoom, HarvestRound};
use crate::programme::{Block, Programme};
use crate::room::room_key;
use crate::tui::keys::HarvestCommand;
use crate::tui::runtime::{App, Persist, Worker};

pub mod view;

pub use view::HarvestView;

/// A round of the harvest: its breakout's id (`None`: room files of
/// version 1 without a programme to say which breakout they are of).
pub type RoundId = Option<String>;

/// A room of the round as the screen shows it.
pub struct ShownRoom<'s> {
    /// As the programme spells it (else as its files do).
    pub name: &'s str,
    /// Its key ([`room_key`]).
    pub key: String,
    /// Whether the programme lists it in this round.
    pub listed: bool,
    /// What the harvest holds of it (nothing yet: `None`).
    pub room: Option<&'s HarvestRoom>,
}

/// Where the reader is: the room at the top of the screen and how many
/// lines into it. Notes that land in rooms above it move nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Anchor {
    /// The room's key ([`room_key`]); `None`: the top.
    room: Option<String>,
    offset: usize,
}

/// What the last frame showed, so that scrolling goes by the lines the
/// reader saw. (Drawing keeps it; nothing else in the state changes then.)
#[derive(Clone, Debug, Default)]
struct Drawn {
    /// Each room's first line, by key.
    tops: Vec<(String, usize)>,
    /// The first line shown; how many there are; how many fit.
    top: usize,
    total: usize,
    height: usize,
}

/// The live harvest as a screen.
pub struct HarvestScreen {
    pub live: LiveHarvest,
    /// Whether the room files have been looked at yet.
    pub read: bool,
    /// The round chosen with Tab; `None`: the clock's.
    chosen: Option<RoundId>,
    /// 1-based, into the round's questions.
    question: usize,
    stars_only: bool,
    anchor: Anchor,
    drawn: RefCell<Drawn>,
}

impl HarvestScreen {
    pub fn new(live: LiveHarvest) -> HarvestScreen {
        HarvestScreen {
            live,
            read: false,
            chosen: None,
            question: 1,
            stars_only: false,
            anchor: Anchor::default(),
            drawn: RefCell::new(Drawn::default()),
        }
    }

    /// Takes in what the folder's look found.
    pub fn apply(&mut self, changes: Vec<(String, Change)>) {
        self.live.apply(changes);
        self.read = true;
    }

    /// A new programme (the session folder's changed).
    pub fn set_programme(&mut self, programme: Programme) {
        self.live.set_programme(Some(programme));
    }

    pub fn programme(&self) -> Option<&Programme> {
        self.live.programme()
    }

    pub fn stars_only(&self) -> bool {
        self.stars_only
    }

    /// Every round there is: the programme's breakouts in its order, then
    /// rounds only room files know, as the harvest orders them.
    pub fn rounds(&self) -> Vec<RoundId> {
        let mut rounds: Vec<RoundId> = self
            .programme()
            .map(|p| p.breakouts().map(|b| Some(b.id.clone())).collect())
            .unwrap_or_default();
        for r in &self.live.harvest().rounds {
            if !rounds.contains(&r.block) {
                rounds.push(r.block.clone());
            }
        }
        rounds
    }

    /// The round shown: the one chosen, else the clock's (`clock`: the
    /// breakout the clock is in or comes to next), else the first.
    pub fn round(&self, clock: Option<&str>) -> Option<RoundId> {
        let rounds = self.rounds();
        let wanted = self
            .chosen
            .clone()
            .or_else(|| clock.map(|c| Some(c.to_string())));
        match wanted {
            Some(r) if rounds.contains(&r) => Some(r),
            _ => rounds.into_iter().next(),
        }
    }

    /// The programme's block and the harvest's round of `round`.
    pub fn parts(&self, round: &RoundId) -> (Option<&Block>, Option<&HarvestRound>) {
        let block = round
            .as_deref()
            .and_then(|id| self.programme().and_then(|p| p.block(id)));
        let harvest = self
            .live
            .harvest()
            .rounds
            .iter()
            .find(|r| r.block == *round);
        (block, harvest)
    }

    /// The round's questions: the harvest's (the programme's, then those
    /// only room files know), else the programme's.
    pub fn questions(&self, round: &RoundId) -> Vec<&str> {
        match self.parts(round) {
            (_, Some(h)) => h.questions.iter().map(String::as_str).collect(),
            (Some(b), None) => b.questions.iter().map(String::as_str).collect(),
            (None, None) => Vec::new(),
        }
    }

    /// The question shown (1-based), within the round's.
    pub fn question(&self, round: &RoundId) -> usize {
        self.question.clamp(1, self.questions(round).len().max(1))
    }

    /// The round's rooms in order: the programme's (each, also one no
    /// host has started yet), then the others the harvest has.
    pub fn rooms<'s>(&'s self, round: &RoundId) -> Vec<ShownRoom<'s>> {
        let (block, harvest) = self.parts(round);
        let found: Vec<(String, &HarvestRoom)> = harvest
            .map(|h| h.rooms.iter().map(|r| (room_key(&r.room), r)).collect())
            .unwrap_or_default();
        let mut rooms: Vec<ShownRoom> = Vec::new();
        for name in block.map(|b| b.rooms.as_slice()).unwrap_or_default() {
            let key = room_key(name);
            if !rooms.iter().any(|r| r.key == key) {
                let room = found.iter().find(|(k, _)| *k == key).map(|(_, r)| *r);
                rooms.push(ShownRoom {
                    name,
                    key,
                    listed: true,
                    room,
                });
            }
        }
        for (key, room) in found {
            if !rooms.iter().any(|r| r.key == key) {
                rooms.push(ShownRoom {
                    name: &room.room,
                    key,
                    listed: false,
                    room: Some(room),
                });
            }
        }
        rooms
    }

    /// Runs a command of [`keys::HARVEST`](crate::tui::keys::HARVEST)
    /// that moves through the harvest (`key`: which of its keys); the
    /// others are the app's. `clock`: the breakout of the clock.
    pub fn on_command(&mut self, command: HarvestCommand, key: &KeyEvent, clock: Option<&str>) {
        let Some(round) = self.round(clock) else {
            return;
        };
        let count = self.questions(&round).len();
        let forward = matches!(
            key.code,
            KeyCode::Right | KeyCode::Down | KeyCode::PageDown | KeyCode::End | KeyCode::Tab
        );
        match command {
            HarvestCommand::Question => {
                let q = self.question(&round);
                let q = if forward {
                    (q + 1).min(count.max(1))
                } else {
                    q.saturating_sub(1).max(1)
                };
                self.go_to_question(q);
            }
            HarvestCommand::Number => {
                if let KeyCode::Char(c) = key.code
                    && let Some(n) = c.to_digit(10)
                    && (1..=count).contains(&(n as usize))
                {
                    self.go_to_question(n as usize);
                }
            }
            HarvestCommand::Scroll => self.scroll_by(if forward { 1 } else { -1 }),
            HarvestCommand::Page => {
                let page = self.drawn.borrow().height.saturating_sub(1).max(1);
                let page = isize::try_from(page).unwrap_or(isize::MAX);
                self.scroll_by(if forward { page } else { -page });
            }
            HarvestCommand::Ends => self.scroll_by(if forward { isize::MAX } else { isize::MIN }),
            HarvestCommand::Stars => self.stars_only = !self.stars_only,
            HarvestCommand::Round => {
                let rounds = self.rounds();
                let at = rounds.iter().position(|r| *r == round).unwrap_or(0);
                let n = rounds.len().max(1);
                let next = if forward { at + 1 } else { at + n - 1 } % n;
                if let Some(r) = rounds.get(next) {
                    self.chosen = Some(r.clone());
                    self.go_to_question(1);
                }
            }
            HarvestCommand::Back
            | HarvestCommand::Dashboard
            | HarvestCommand::Help
            | HarvestCommand::Quit
            | HarvestCommand::SaveQuit => {}
        }
    }

    fn go_to_question(&mut self, q: usize) {
        if q != self.question {
            self.anchor = Anchor::default();
        }
        self.question = q;
    }

    /// Moves the view `delta` lines (by what the last frame showed) and
    /// anchors it to the room then at the top.
    fn scroll_by(&mut self, delta: isize) {
        let mut drawn = self.drawn.borrow_mut();
        let last = drawn.total.saturating_sub(drawn.height);
        let top = drawn.top.saturating_add_signed(delta).min(last);
        // Keys held down come faster than frames: each goes on from the last.
        drawn.top = top;
        self.anchor = match drawn.tops.iter().rev().find(|(_, t)| *t <= top) {
            Some((key, t)) => Anchor {
                room: Some(key.clone()),
                offset: top - t,
            },
            None => Anchor {
                room: None,
                offset: top,
            },
        };
    }

    /// The first line to show, for the rooms' first lines (`tops`), of
    /// `total` lines, `height` of which fit; kept for the next scroll.
    fn first_line(&self, tops: Vec<(String, usize)>, total: usize, height: usize) -> usize {
        let at = match &self.anchor.room {
            Some(key) => tops
                .iter()
                .find(|(k, _)| k == key)
                .map_or(0, |(_, t)| t.saturating_add(self.anchor.offset)),
            None => self.anchor.offset,
        };
        let top = at.min(total.saturating_sub(height));
        *self.drawn.borrow_mut() = Drawn {
            tops,
            top,
            total,
            height,
        };
        top
    }
}

/// The live harvest's looks at a session's room files, off the drawing
/// thread: one at a time (a change meanwhile makes one more when it is
/// done); what changed comes back to the app as a message.
pub struct FolderLooks {
    folder: Arc<Mutex<LiveFolder>>,
    looking: bool,
    look_again: bool,
}

impl FolderLooks {
    /// Looks at the room files in `rooms` (none looked at yet).
    pub fn new(rooms: PathBuf) -> FolderLooks {
        FolderLooks {
            folder: Arc::new(Mutex::new(LiveFolder::new(rooms))),
            looking: false,
            look_again: false,
        }
    }

    /// Looks again; what changed comes back as `msg(changes)`. `looks`
    /// finds these looks in the app's disk side when the look is done.
    pub fn look<A: App, P: Persist<A>>(
        &mut self,
        work: &Worker<A, P>,
        msg: fn(Vec<(String, Change)>) -> A::Msg,
        looks: fn(&mut P) -> Option<&mut FolderLooks>,
    ) {
        if self.looking {
            self.look_again = true;
            return;
        }
        self.looking = true;
        self.look_again = false;
        let folder = Arc::clone(&self.folder);
        work.spawn(move || {
            let changes = folder
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .look(jiff::Timestamp::now());
            move |io: &mut P, _: &A, work: &Worker<A, P>| {
                if let Some(l) = looks(io) {
                    l.looking = false;
                    if l.look_again {
                        l.look(work, msg, looks);
                    }
                }
                if changes.is_empty() {
                    Vec::new()
                } else {
                    vec![msg(changes)]
                }
            }
        });
    }
}
