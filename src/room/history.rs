//! Undo and redo of the host's changes to its notes.
//!
//! Every step is a change of the room document of its own, at the time it
//! is taken: nothing is ever taken out of the file. An added note that is
//! undone becomes a tombstone; redo brings it back as a live note with a
//! later `updated`, so that the merge keeps what the host sees.

use crate::files::TimeText;

use super::{Change, RoomDoc};

/// Which way a step goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

/// What taking a change back did to its note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reversal {
    /// The note is gone (a tombstone).
    Removed,
    /// The note is back.
    Restored,
    /// The note has its other text back.
    Reworded,
    /// The note has its star back.
    Starred,
    /// The note's star is gone.
    Unstarred,
}

/// A step taken: which note, what happened to it, which way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reverted {
    pub id: String,
    pub what: Reversal,
    pub step: Step,
    /// The note's text (a note taken away: the text it had).
    pub text: String,
}

/// The changes that can be undone, newest last, and those undone that
/// can be redone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// A change the host made: it can be undone; what was undone before
    /// can no longer be redone (as in every editor).
    pub fn record(&mut self, change: Change) {
        self.undo.push(change);
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes the newest change back, at `now`; what it did. A change that
    /// no longer applies (its note was changed otherwise meanwhile, by a
    /// copy taken in from the disk) is passed over.
    pub fn undo(&mut self, doc: &mut RoomDoc, now: &TimeText) -> Option<Reverted> {
        self.step(doc, now, Step::Undo)
    }

    /// Makes the newest undone change again, at `now`; what it did.
    pub fn redo(&mut self, doc: &mut RoomDoc, now: &TimeText) -> Option<Reverted> {
        self.step(doc, now, Step::Redo)
    }

    fn step(&mut self, doc: &mut RoomDoc, now: &TimeText, step: Step) -> Option<Reverted> {
        let (from, to) = match step {
            Step::Undo => (&mut self.undo, &mut self.redo),
            Step::Redo => (&mut self.redo, &mut self.undo),
        };
        while let Some(change) = from.pop() {
            let id = change.id().to_string();
            if let Some((back, what)) = doc.revert(change, now) {
                let text = match &back {
                    Change::Deleted { before, .. } => before.clone(),
                    _ => doc.note(&id).map(|n| n.text.clone()).unwrap_or_default(),
                };
                to.push(back);
                return Some(Reverted {
                    id,
                    what,
                    step,
                    text,
                });
            }
        }
        None
    }
}
