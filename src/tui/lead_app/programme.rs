//! The lead's programme: the programme view (`a`), where the blocks still
//! to come are edited in place, and a programme changed on disk (someone
//! edited `programme.json`), taken in. Either way the new programme goes
//! through [`LeadApp::apply_programme_edit`], and the clock keeps its
//! place by block ids.

use jiff::Timestamp;
use ratatui::crossterm::event::KeyEvent;

use super::{Effect, LeadApp, Overlay, SAVE_AND_QUIT, Screen, Toast};
use crate::clock::Phase;
use crate::files::FileError;
use crate::i18n::fill;
use crate::programme::Programme;
use crate::programme_edit::Draft;
use crate::programme_edit::follow::{changes, day_of, follow};
use crate::tui::editor::{Context, Editor, Outcome};
use crate::tui::keys::EditorCommand as Command;

/// At most this many changes are named in the notice of a programme
/// changed on disk.
const CHANGES_SAID: usize = 3;
/// A programme on disk that is not taken in is said this many times as
/// long as a notice.
const PROBLEM_SAID_LONGER: i32 = 3;

impl LeadApp {
    /// The programme becomes `new` (edited in the programme view, or
    /// changed on disk): the clock keeps its place by block ids, the live
    /// harvest takes the new rounds, and the programme, the lead's state
    /// and the clock are written (the hosts see the new questions and
    /// rooms). Every programme edit goes through here, and only here.
    pub fn apply_programme_edit(&mut self, new: Programme, now: Timestamp) -> Vec<Effect> {
        let old_ids: Vec<String> = self.programme.blocks.iter().map(|b| b.id.clone()).collect();
        let day = day_of(&self.clock, &self.tz)
            .unwrap_or_else(|| now.to_zoned_datetime(self.tz.clone()).date());
        let clock = follow(&self.clock, &old_ids, &new, day, &self.tz, now);
        // One step that `u` undoes: the programme and the clock together.
        let mut fx = Vec::new();
        self.step_programme(new, clock, now, &mut fx);
        self.programme_edited = true;
        // The bell rings when a block goes over, not because an edit made
        // it so.
        self.was_over = self
            .clock
            .current(now)
            .is_some_and(|c| c.phase == Phase::Running && c.over_time());
        fx
    }

    /// The draft of the programme as the lead may change it: the blocks
    /// that ran, and the running one, stay as they are; so do the
    /// session's id and date.
    fn lead_draft(&self) -> (Draft, Option<usize>) {
        let mut draft = Draft::from_programme(&self.programme);
        let running = self.clock.is_running().then_some(self.clock.current);
        let frozen = self.clock.current + usize::from(running.is_some());
        // The draft's blocks are the file's, skipped ones too: the frozen
        // blocks are those up to the clock's among the planned ones.
        let mut planned = 0;
        let mut cut = draft.blocks.len();
        for (i, b) in draft.blocks.iter().enumerate() {
            if b.skip {
                continue;
            }
            if planned == frozen {
                cut = i;
                break;
            }
            planned += 1;
        }
        if planned < frozen {
            cut = draft.blocks.len();
        }
        draft.frozen = cut;
        draft.fixed_top = true;
        let running_at = running.and_then(|r| {
            draft
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| !b.skip)
                .nth(r)
                .map(|(i, _)| i)
        });
        (draft, running_at)
    }

    /// Whether a field of the programme view is being typed in.
    pub(super) fn typing_programme(&self) -> bool {
        self.screen == Screen::Programme
            && matches!(self.overlay, Overlay::None)
            && self
                .programme_editor
                .as_ref()
                .is_some_and(|e| e.is_typing())
    }

    /// `a`: the programme view, at the first block that may change.
    pub(super) fn open_programme(&mut self) {
        let (draft, running) = self.lead_draft();
        let mut editor = Editor::new(
            draft,
            "programme.json",
            Context::Lead,
            self.lang,
            self.theme,
        );
        editor.running = running;
        self.programme_editor = Some(Box::new(editor));
        self.screen = Screen::Programme;
    }

    /// A key on the programme view ([`crate::tui::keys::EDITOR`]).
    pub(super) fn on_programme_key(&mut self, key: KeyEvent, now: Timestamp, fx: &mut Vec<Effect>) {
        // Any key closes the help; only Esc and the help's keys are swallowed.
        if matches!(self.overlay, Overlay::Help) {
            self.overlay = Overlay::None;
            if matches!(
                key.code,
                ratatui::crossterm::event::KeyCode::Esc
                    | ratatui::crossterm::event::KeyCode::F(1)
                    | ratatui::crossterm::event::KeyCode::Char('?')
            ) {
                return;
            }
        }
        // Taken over meanwhile: the programme is the other lead's now.
        if self.read_only.is_some() {
            self.screen = Screen::Lead;
            self.programme_editor = None;
            return self.refuse(now);
        }
        let Some(editor) = &mut self.programme_editor else {
            self.screen = Screen::Lead;
            return;
        };
        let typing = editor.is_typing();
        let outcome = editor.on_key(&key);
        // Text typed into a field (a paste that comes as keys is told
        // from it by the burst).
        let text = typing
            && matches!(key.code, ratatui::crossterm::event::KeyCode::Char(_))
            && !key.modifiers.intersects(
                ratatui::crossterm::event::KeyModifiers::CONTROL
                    | ratatui::crossterm::event::KeyModifiers::ALT,
            );
        if text {
            self.burst.typed(now);
        } else {
            self.burst.broken();
        }
        match outcome {
            Outcome::Nothing => {}
            Outcome::Notice(text, alert) => self.notify(text, alert, now),
            Outcome::Changed(notice) => self.view_changed(notice, now, fx),
            Outcome::Command(Command::Back) => {
                self.screen = Screen::Lead;
                self.programme_editor = None;
            }
            Outcome::Command(Command::Help) => self.overlay = Overlay::Help,
            Outcome::Command(Command::SaveQuit) => fx.extend(SAVE_AND_QUIT),
            Outcome::Command(Command::Quit) if self.clock.is_running() => {
                self.overlay = Overlay::ConfirmQuit;
            }
            Outcome::Command(Command::Quit) => fx.extend(SAVE_AND_QUIT),
            Outcome::Command(_) => {}
        }
    }

    /// The programme view's draft changed: applied when it is valid (its
    /// new blocks get their ids for good), else the lead is told that it
    /// waits for the problems to be solved.
    fn view_changed(&mut self, notice: Option<String>, now: Timestamp, fx: &mut Vec<Effect>) {
        let t = self.lang.t();
        let Some(editor) = &mut self.programme_editor else {
            return;
        };
        let Some(programme) = editor.checked.programme.clone() else {
            let problems = self.lang.count_problems(editor.checked.problems.len());
            let text = fill(t.edit_not_applied, &[("problems", &problems)]);
            let text = match notice {
                Some(n) => format!("{n} · {text}"),
                None => text,
            };
            return self.notify(text, true, now);
        };
        editor.draft.fix_ids(&programme);
        editor.checked = editor.draft.check(&editor.file);
        let Some(programme) = editor.checked.programme.clone() else {
            return;
        };
        if programme.source == self.programme.source {
            if let Some(n) = notice {
                self.notify(n, false, now);
            }
            return;
        }
        fx.extend(self.apply_programme_edit(programme, now));
        self.notify(
            notice.unwrap_or_else(|| t.edit_applied.to_string()),
            false,
            now,
        );
    }

    /// `programme.json` as read from disk, changed by someone: taken in
    /// (the clock keeps its place by ids) and the lead told what changed;
    /// not taken in when it is not valid or of another session (the lead
    /// is told why, and where).
    pub(super) fn programme_on_disk(
        &mut self,
        read: Result<Programme, FileError>,
        now: Timestamp,
        fx: &mut Vec<Effect>,
    ) {
        let t = self.lang.t();
        let new = match read {
            Ok(p) => p,
            Err(e) => {
                let error = match e.problems.first() {
                    Some(p) => self.lang.problem_line(&e.file, p),
                    None => crate::text::for_message(&e.file).into_owned(),
                };
                let text = fill(t.prog_invalid_on_disk, &[("error", &error)]);
                // Said for longer than a notice: the lead must not miss it.
                let mut toast = Toast::new(text, true, now, self.speed.unwrap_or(1.0));
                toast.until = now + (toast.until - now) * PROBLEM_SAID_LONGER;
                self.toast = Some(toast);
                return;
            }
        };
        if new.source == self.programme.source {
            return;
        }
        if new.id != self.programme.id {
            let id = crate::text::for_message(&new.id).into_owned();
            let text = fill(t.prog_other_session_on_disk, &[("id", &id)]);
            return self.notify(text, true, now);
        }
        let what = changes(&self.programme, &new);
        let meeting = new.title != self.programme.title || new.date != self.programme.date;
        let said = self.lang.programme_changes(&what, meeting, CHANGES_SAID);
        // The programme view follows, unless it holds a change of its own
        // not yet applied (that stays, to be solved and applied).
        let pending = self.programme_editor.as_ref().is_some_and(|e| {
            e.is_typing() || e.differs_from(&Draft::from_programme(&self.programme))
        });
        fx.extend(self.apply_programme_edit(new, now));
        if !pending && self.programme_editor.is_some() {
            let (draft, running) = self.lead_draft();
            if let Some(editor) = &mut self.programme_editor {
                editor.replace(draft);
                editor.running = running;
            }
        }
        if let Some(said) = said {
            let text = fill(t.prog_changed_on_disk, &[("changes", &said)]);
            self.notify(text, false, now);
        }
    }
}
