//! The breakout host's app: the room's notes, the note being typed, and
//! the lead's clock as last read. `update` is the one place state changes;
//! every change asks for a save, which the event loop writes within a
//! second, off the path that handles keys.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::burst::{Burst, Settled};
use super::host_alerts::{Alerts, Flash};
use super::host_msg::{Effect, Msg};
use super::keys::{self, HostCommand as Command, HostMode};
use super::runtime::Toast;
use super::theme::Theme;
use crate::clock::ClockDoc;
use crate::i18n::{Lang, fill};
use crate::room::{
    Change, History, Reversal, Reverted, RoomDoc, SignalKind, Step, clean_note_text, stamp,
};
use crate::session_dir::SaveReport;

/// How far PageUp and PageDown move the selection.
const PAGE: usize = 10;
/// How many columns of a note a notice quotes.
const QUOTE: usize = 24;

/// A note as a notice quotes it: on one line, made safe for the screen,
/// cut to a few words.
pub fn quote(text: &str) -> String {
    let line = crate::text::one_line(text);
    let line = line.trim();
    match crate::text::truncate(line, QUOTE) {
        std::borrow::Cow::Owned(cut) => {
            // Cut between words: no space before the `…`.
            format!("{}…", cut.trim_end_matches('…').trim_end())
        }
        std::borrow::Cow::Borrowed(all) => all.to_string(),
    }
}

pub use super::burst::BURST;

/// A quick fingerprint of a text (to tell whether the draft changed).
fn hash_text(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostOverlay {
    None,
    Help,
}

pub struct HostApp {
    pub doc: RoomDoc,
    /// The round's title, from the programme.
    pub title: String,
    /// How many rounds the programme has (the round key shows with more than one).
    pub rounds: usize,
    /// Which of them this is (1-based; 0: not one of the programme's).
    pub round: usize,
    pub lang: Lang,
    pub theme: Theme,
    pub tz: TimeZone,
    /// The note being written (or the edit being made).
    pub input: TextArea<'static>,
    /// A note of the selected question chosen with Up/Down (index among
    /// its live notes); `None` while typing.
    pub selected_note: Option<usize>,
    /// What Ctrl-Z and Ctrl-Y take back and make again.
    history: History,
    /// The flash and the bell at a message and at the breakout's time.
    pub alerts: Alerts,
    pub overlay: HostOverlay,
    /// The help was opened by a `?` typed on an empty box.
    help_from_question_mark: bool,
    pub toast: Option<Toast>,
    /// The lead's clock as last read, and when it was read.
    pub clock: Option<ClockDoc>,
    pub save_error: Option<String>,
    pub saved_at: Option<Timestamp>,
    /// Counts changes to the notes (not the draft): they are saved at once.
    notes_changed: u64,
    /// The first list row shown, kept between frames so the list scrolls
    /// only as far as the selection needs.
    pub scroll: std::cell::Cell<usize>,
    /// A paste that comes as keystrokes, told from typing.
    burst: Burst,
}

fn new_input(text: &str, placeholder: &str, theme: Theme) -> TextArea<'static> {
    let mut input = TextArea::new(text.split('\n').map(str::to_string).collect());
    input.set_wrap_mode(WrapMode::WordOrGlyph);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input.set_placeholder_text(placeholder);
    input.set_placeholder_style(theme.dim());
    input.move_cursor(CursorMove::Bottom);
    input.move_cursor(CursorMove::End);
    input
}

impl HostApp {
    pub fn new(doc: RoomDoc, title: String, lang: Lang, theme: Theme, tz: TimeZone) -> HostApp {
        let mut doc = doc;
        let questions = doc.questions.len().max(1);
        doc.draft.question = doc.draft.question.clamp(1, questions);
        // An edit in progress survives a restart only if its note still lives.
        if let Some(id) = &doc.draft.editing
            && doc.note(id).is_none_or(|n| n.deleted)
        {
            // The note went; what was set aside for the edit comes back.
            doc.draft.editing = None;
            if let Some(aside) = doc.draft.aside.take() {
                doc.draft.text = aside;
            }
        }
        let placeholder = if doc.draft.editing.is_some() {
            lang.t().host_editing_placeholder
        } else {
            lang.t().host_placeholder
        };
        let input = new_input(&doc.draft.text, placeholder, theme);
        // The lead's message this room file has a receipt for was shown.
        let seen = doc.seen.as_ref().map(|s| s.message.at());
        HostApp {
            doc,
            title,
            rounds: 1,
            round: 0,
            lang,
            theme,
            tz,
            input,
            selected_note: None,
            history: History::default(),
            alerts: Alerts::default().seen(seen),
            overlay: HostOverlay::None,
            help_from_question_mark: false,
            toast: None,
            clock: None,
            save_error: None,
            saved_at: None,
            notes_changed: 0,
            scroll: std::cell::Cell::new(0),
            burst: Burst::default(),
        }
    }

    /// The selected question, 1-based.
    pub fn question(&self) -> usize {
        self.doc.draft.question
    }

    pub fn editing(&self) -> Option<&str> {
        self.doc.draft.editing.as_deref()
    }

    /// The ids of the selected question's live notes, in order.
    pub fn note_ids(&self) -> Vec<&str> {
        self.doc
            .notes_of(self.question())
            .map(|n| n.id.as_str())
            .collect()
    }

    pub fn notify(&mut self, text: String, alert: bool, now: Timestamp) {
        self.toast = Some(Toast::new(text, alert, now, 1.0));
    }

    fn input_text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// Copies the input into the document's draft; whether it changed.
    fn sync_draft(&mut self) -> bool {
        let text = self.input_text();
        if self.doc.draft.text == text {
            return false;
        }
        self.doc.draft.text = text;
        true
    }

    fn set_input(&mut self, text: &str) {
        let t = self.lang.t();
        let placeholder = if self.editing().is_some() {
            t.host_editing_placeholder
        } else {
            t.host_placeholder
        };
        self.input = new_input(text, placeholder, self.theme);
        self.sync_draft();
    }

    pub fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        let mut fx = Vec::new();
        let notes_before = self.notes_changed;
        let draft_before = self.doc.draft.text.len();
        let draft_hash = hash_text(&self.doc.draft.text);
        // A held Enter or Tab is a line break of a paste when the next key
        // follows at once; else it does what it does (at the latest when
        // the burst's time is up, or the app stops).
        match self.burst.settle(msg.burst_next(), now) {
            Some(Settled::Text(code)) => self.burst_text(code, &mut fx),
            Some(Settled::Key(key, at)) => self.on_key(key, at, &mut fx),
            None => {}
        }
        match msg {
            Msg::Key(key) if self.holdable(&key) && self.burst.hold(key, now) => {}
            Msg::Key(key) => self.on_key(key, now, &mut fx),
            Msg::Paste(text) => {
                self.overlay = HostOverlay::None;
                self.selected_note = None;
                // One paste is one draft, line breaks kept, never sent.
                self.input.insert_str(clean_note_text(&text));
                if self.sync_draft() {
                    fx.push(Effect::SaveState);
                }
            }
            Msg::Clock(doc) => {
                let before = self.clock.as_ref().and_then(|c| c.message.clone());
                self.clock = doc.map(|d| *d);
                let after = self.clock.as_ref().and_then(|c| c.message.clone());
                if let Some(m) = after.filter(|m| Some(m) != before.as_ref())
                    && before.is_some()
                {
                    let text = format!("{}: “{}”", self.lang.t().host_new_message, m.text);
                    self.notify(text, false, now);
                }
            }
            Msg::Saved(SaveReport::Saved(_)) => {
                self.save_error = None;
                self.saved_at = Some(now);
            }
            Msg::Saved(SaveReport::Failed { path, error, kind }) => {
                // The reason first: on a narrow screen the file name is cut, not it.
                let error = self.lang.io_words(kind, &error);
                let name = path.file_name().unwrap_or(path.as_os_str());
                self.save_error = Some(format!("{error} ({})", name.to_string_lossy()));
            }
            // Someone else changed the room file (a sync engine put an
            // older copy back): what it holds that we lack is taken in, and
            // the union is written back.
            Msg::OnDisk(Some(disk)) => {
                self.doc.absorb(&disk);
                if self.doc != *disk {
                    fx.push(Effect::SaveNow);
                }
                self.clamp_selection();
            }
            Msg::OnDisk(None) => fx.push(Effect::SaveNow),
            Msg::Stop => fx.extend([Effect::SaveState, Effect::Quit]),
            Msg::Tick
            | Msg::Programme(_)
            | Msg::ProgrammeProblem(_)
            | Msg::RoomOpened(_)
            | Msg::CannotSave(_) => {}
        }
        // The lead's message shown (a receipt in the file) and the
        // flash and bell of a message or the breakout's time: looked at
        // after every message, the ticks of the clock's seconds included.
        fx.extend(self.look_at_clock(now));
        // When the draft last changed goes in the file, so that of two
        // copies' drafts the harvest takes the newer.
        if self.doc.draft.text.len() != draft_before
            || hash_text(&self.doc.draft.text) != draft_hash
        {
            self.doc.draft.updated = Some(stamp(now, &self.tz));
        }
        // A note added, changed or deleted is on disk at once.
        if self.notes_changed != notes_before {
            fx.retain(|e| *e != Effect::SaveState);
            fx.insert(0, Effect::SaveNow);
        }
        if Toast::gone(&self.toast, now) {
            self.toast = None;
        }
        self.refresh_cursor();
        fx
    }

    /// The selection stays on a note that is there.
    fn clamp_selection(&mut self) {
        let n = self.doc.count(self.question());
        self.selected_note = self
            .selected_note
            .and_then(|i| (n > 0).then(|| i.min(n - 1)));
    }

    /// What the host is doing: the view of [`keys::HOST`] that holds.
    pub fn mode(&self) -> HostMode {
        match (self.selected_note.is_some(), self.editing().is_some()) {
            (true, _) => HostMode::Picked,
            (false, true) => HostMode::Editing,
            (false, false) => HostMode::Typing,
        }
    }

    /// The command of the host's key table ([`keys::HOST`]) `key` runs now.
    fn command(&self, key: &KeyEvent) -> Option<Command> {
        keys::command(&keys::HOST, self.mode() as usize, key)
    }

    fn on_key(&mut self, key: KeyEvent, now: Timestamp, fx: &mut Vec<Effect>) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if self.command(&key) == Some(Command::SaveQuit) {
            fx.extend([Effect::SaveState, Effect::Quit]);
            return;
        }
        if self.overlay == HostOverlay::Help {
            self.overlay = HostOverlay::None;
            if key.code == KeyCode::Esc || self.command(&key) == Some(Command::Help) {
                return;
            }
            // Help came from a `?` on an empty box; a letter after it means
            // the note starts with that `?`.
            if self.help_from_question_mark
                && let KeyCode::Char(c) = key.code
                && !ctrl
                && !alt
            {
                self.help_from_question_mark = false;
                self.input.insert_char('?');
                self.input.insert_char(c);
                if self.sync_draft() {
                    fx.push(Effect::SaveState);
                }
                return;
            }
        }
        self.help_from_question_mark = false;
        // Only typed text starts a burst; any other key ends one.
        self.burst.broken();
        let changed = match self.run(self.command(&key), &key, now) {
            Some(changed) => changed,
            None => {
                // Anything else is typing: it goes to the input.
                self.selected_note = None;
                self.input.input(key);
                if matches!(key.code, KeyCode::Char(_)) && !ctrl && !alt {
                    self.burst.typed(now);
                }
                self.sync_draft()
            }
        };
        if changed {
            fx.push(Effect::SaveState);
        }
    }

    /// Runs `command` (of `key`): whether the room document changed, or
    /// `None` when it does not apply here and the key is typing after all
    /// (`?` in a note, Up inside a note of several lines, …).
    fn run(&mut self, command: Option<Command>, key: &KeyEvent, now: Timestamp) -> Option<bool> {
        let nothing_typed = self.input_text().is_empty() && self.editing().is_none();
        let n_notes = self.doc.count(self.question());
        let picked = self.selected_note;
        let changed = match command? {
            Command::Help if key.code == KeyCode::F(1) => {
                self.overlay = HostOverlay::Help;
                false
            }
            Command::Help if nothing_typed && picked.is_none() => {
                self.overlay = HostOverlay::Help;
                self.help_from_question_mark = true;
                false
            }
            Command::Undo => self.step(Step::Undo, now),
            Command::Redo => self.step(Step::Redo, now),
            Command::Star => self.star_selected(now),
            Command::Done => self.signal(SignalKind::Done, now),
            Command::NeedHelp => self.signal(SignalKind::Help, now),
            Command::Bell => {
                self.alerts.bell = !self.alerts.bell;
                let t = self.lang.t();
                let words = if self.alerts.bell {
                    t.host_bell_on
                } else {
                    t.host_bell_off
                };
                self.notify(words.to_string(), false, now);
                false
            }
            Command::Question if key.code == KeyCode::BackTab => self.switch_question(-1),
            Command::Question => self.switch_question(1),
            Command::Back => {
                if self.selected_note.take().is_none() && self.editing().is_some() {
                    self.finish_edit();
                    true
                } else {
                    false
                }
            }
            Command::Newline => {
                self.selected_note = None;
                self.input.insert_newline();
                self.sync_draft()
            }
            Command::Edit => self.start_edit(picked?),
            Command::Add | Command::Keep => self.submit(now),
            Command::Delete => self.delete_selected(now),
            Command::Select if key.code == KeyCode::Up => match picked {
                Some(i) => {
                    self.selected_note = Some(i.saturating_sub(1));
                    false
                }
                None if self.input.cursor().0 == 0 && n_notes > 0 => {
                    self.selected_note = Some(n_notes - 1);
                    false
                }
                None => return None,
            },
            Command::Select => {
                self.selected_note = Some(picked?).and_then(|i| (i + 1 < n_notes).then_some(i + 1));
                false
            }
            Command::Page if key.code == KeyCode::PageUp && n_notes > 0 => {
                let from = picked.unwrap_or(n_notes);
                self.selected_note = Some(from.saturating_sub(PAGE));
                false
            }
            Command::Page if key.code == KeyCode::PageDown => {
                self.selected_note = Some(picked? + PAGE).filter(|i| *i < n_notes);
                false
            }
            // Quitting is done above; the rounds are the shell's.
            Command::Help | Command::Page | Command::SaveQuit | Command::Round => return None,
        };
        Some(changed)
    }

    /// Whether `key` is an Enter (that would add or keep the note) or a
    /// Tab: held when it comes right after typed text (see [`Burst`]).
    fn holdable(&self, key: &KeyEvent) -> bool {
        let text_key = match self.command(key) {
            Some(Command::Add | Command::Keep) => true,
            Some(Command::Question) => key.code == KeyCode::Tab,
            _ => false,
        };
        text_key && self.overlay == HostOverlay::None
    }

    /// An Enter or Tab of a burst: a line break or a space in the draft.
    fn burst_text(&mut self, code: KeyCode, fx: &mut Vec<Effect>) {
        match code {
            KeyCode::Enter => self.input.insert_newline(),
            // As a pasted tab (see [`clean_note_text`]).
            _ => self.input.insert_char(' '),
        }
        if self.sync_draft() {
            fx.push(Effect::SaveState);
        }
    }

    fn switch_question(&mut self, step: isize) -> bool {
        let n = self.doc.questions.len().max(1);
        let q = self.question() - 1;
        let next = (q as isize + step).rem_euclid(n as isize) as usize;
        self.doc.draft.question = next + 1;
        self.selected_note = None;
        self.scroll.set(0);
        true
    }

    /// Enter on the input: a new note, or the edit being made.
    fn submit(&mut self, now: Timestamp) -> bool {
        let text = self.input_text();
        let t = self.lang.t();
        let now_s = stamp(now, &self.tz);
        match self.doc.draft.editing.clone() {
            Some(id) => {
                let change = if text.trim().is_empty() {
                    self.doc.delete(&id, &now_s)
                } else {
                    self.doc.edit(&id, text.trim_end(), &now_s)
                };
                if let Some(change) = change {
                    self.notes_changed += 1;
                    let msg = match change {
                        Change::Deleted { .. } => t.host_deleted,
                        Change::Edited { .. } | Change::Added { .. } | Change::Starred { .. } => {
                            t.host_edited
                        }
                    };
                    self.history.record(change);
                    self.notify(msg.to_string(), false, now);
                }
                self.finish_edit();
                true
            }
            None if text.trim().is_empty() => {
                if !text.is_empty() {
                    self.notify(t.host_empty_note.to_string(), true, now);
                }
                false
            }
            None => {
                let q = self.question();
                let id = self.doc.add(q, text.trim_end(), &now_s);
                self.notes_changed += 1;
                self.history.record(Change::Added { id });
                self.set_input("");
                true
            }
        }
    }

    fn start_edit(&mut self, i: usize) -> bool {
        let Some(id) = self.note_ids().get(i).map(|s| s.to_string()) else {
            return false;
        };
        let text = self
            .doc
            .note(&id)
            .map(|n| clean_note_text(&n.text))
            .unwrap_or_default();
        if self.editing().is_none() {
            // Kept in the file too, so that a crash mid-edit loses neither.
            self.doc.draft.aside = Some(self.input_text());
        }
        self.doc.draft.editing = Some(id);
        self.selected_note = None;
        self.set_input(&text);
        true
    }

    /// Leaves edit mode and brings back the draft that was set aside.
    fn finish_edit(&mut self) {
        self.doc.draft.editing = None;
        let draft = self.doc.draft.aside.take().unwrap_or_default();
        self.set_input(&draft);
    }

    fn delete_selected(&mut self, now: Timestamp) -> bool {
        let Some(i) = self.selected_note else {
            return false;
        };
        let Some(id) = self.note_ids().get(i).map(|s| s.to_string()) else {
            return false;
        };
        let Some(change) = self.doc.delete(&id, &stamp(now, &self.tz)) else {
            return false;
        };
        self.notes_changed += 1;
        self.history.record(change);
        if self.editing() == Some(id.as_str()) {
            self.finish_edit();
        }
        let left = self.doc.count(self.question());
        self.selected_note = (left > 0).then(|| i.min(left - 1));
        let t = self.lang.t();
        self.notify(t.host_deleted.to_string(), false, now);
        true
    }

    /// Ctrl-Z or Ctrl-Y: the newest change taken back, or made again, as
    /// a change of the room document of its own; the status line says
    /// what it did to which note, and how to take that back.
    fn step(&mut self, step: Step, now: Timestamp) -> bool {
        let t = self.lang.t();
        let at = stamp(now, &self.tz);
        let done = match step {
            Step::Undo => self.history.undo(&mut self.doc, &at),
            Step::Redo => self.history.redo(&mut self.doc, &at),
        };
        let Some(Reverted {
            id,
            what,
            step,
            text,
        }) = done
        else {
            let nothing = match step {
                Step::Undo => t.host_nothing_to_undo,
                Step::Redo => t.host_nothing_to_redo,
            };
            self.notify(nothing.to_string(), true, now);
            return false;
        };
        self.notes_changed += 1;
        let note = self.doc.note(&id).cloned();
        // The note taken away is no longer edited; the draft set aside
        // for the edit comes back.
        if self.editing() == Some(id.as_str()) && note.as_ref().is_none_or(|n| n.deleted) {
            self.finish_edit();
        }
        // Show the note: where it is, picked (or, gone, the question it
        // was in). An edit under way stays as it is: what is typed in the
        // box is never thrown away.
        if let Some(n) = note.as_ref().filter(|_| self.editing().is_none()) {
            self.doc.draft.question = n.question;
            self.selected_note = if n.deleted {
                None
            } else {
                self.note_ids().iter().position(|i| *i == id)
            };
            self.clamp_selection();
        }
        let words = match (step, what) {
            (Step::Undo, Reversal::Removed) => t.host_undo_removed,
            (Step::Undo, Reversal::Restored) => t.host_undo_restored,
            (Step::Undo, Reversal::Reworded) => t.host_undo_reworded,
            (Step::Undo, Reversal::Starred) => t.host_undo_starred,
            (Step::Undo, Reversal::Unstarred) => t.host_undo_unstarred,
            (Step::Redo, Reversal::Removed) => t.host_redo_removed,
            (Step::Redo, Reversal::Restored) => t.host_redo_restored,
            (Step::Redo, Reversal::Reworded) => t.host_redo_reworded,
            (Step::Redo, Reversal::Starred) => t.host_redo_starred,
            (Step::Redo, Reversal::Unstarred) => t.host_redo_unstarred,
        };
        self.notify(fill(words, &[("note", &quote(&text))]), false, now);
        true
    }

    /// `*` on a picked note: one of the room's key takeaways, or no longer.
    fn star_selected(&mut self, now: Timestamp) -> bool {
        let Some(id) = self
            .selected_note
            .and_then(|i| self.note_ids().get(i).map(|s| s.to_string()))
        else {
            return false;
        };
        let Some(change) = self.doc.toggle_star(&id, &stamp(now, &self.tz)) else {
            return false;
        };
        self.notes_changed += 1;
        self.history.record(change);
        let t = self.lang.t();
        let (starred, text) = self
            .doc
            .note(&id)
            .map(|n| (n.star, n.text.clone()))
            .unwrap_or_default();
        let words = if starred {
            t.host_starred
        } else {
            t.host_unstarred
        };
        self.notify(fill(words, &[("note", &quote(&text))]), false, now);
        true
    }

    /// F3 or F4: the signal to the lead given, or withdrawn when it is
    /// given already. On disk at once, like a note.
    fn signal(&mut self, kind: SignalKind, now: Timestamp) -> bool {
        let t = self.lang.t();
        let words = match self.doc.toggle_signal(kind, &stamp(now, &self.tz)) {
            Some(SignalKind::Done) => t.host_signalled_done,
            Some(SignalKind::Help) => t.host_signalled_help,
            None => t.host_signal_withdrawn,
        };
        self.notes_changed += 1;
        self.notify(words.to_string(), false, now);
        true
    }

    /// The lead's clock as it stands at `now`: the receipt of its latest
    /// message in the room file (once per message), and a flash (with
    /// the bell, if it is on) of what is new.
    pub fn look_at_clock(&mut self, now: Timestamp) -> Vec<Effect> {
        let mut fx = Vec::new();
        if let Some(clock) = &self.clock
            && let Some(m) = &clock.message
        {
            // In the lead's time, as the message's: the lead's dashboard
            // compares the two, in a rehearsal too. A rehearsal's time that
            // no reader would take (a clock file from far out of range)
            // never goes into the room file: then the host's own time.
            let shown = Some(stamp(clock.lead_now(now), &self.tz))
                .filter(|s| crate::files::parse_time(s.as_str()).is_some())
                .unwrap_or_else(|| stamp(now, &self.tz));
            if self.doc.mark_seen(&m.at, &shown) {
                fx.push(Effect::SaveNow);
            }
        }
        let new = self.alerts.look(self.clock.as_ref(), now);
        if !new.is_empty() && self.alerts.bell {
            fx.push(Effect::Bell);
        }
        fx
    }

    /// Why the header flashes now.
    pub fn flashing(&self, now: Timestamp) -> &[Flash] {
        self.alerts.flashing(now)
    }

    /// The next moment the screen changes by itself: the lead's countdown
    /// turning over a second, the notice going, or in a minute at most.
    pub fn next_change(&self, now: Timestamp) -> Timestamp {
        let mut next = now + SignedDuration::from_secs(60);
        if let Some(clock) = &self.clock {
            // The lead's countdown turns over on its own seconds, in its
            // own (perhaps rehearsal) time.
            let lead_now = clock.lead_now(now);
            let speed = clock.speed();
            let end = clock
                .block
                .as_ref()
                .map(|b| b.projected_end.at())
                .unwrap_or(lead_now);
            let phase = (end - lead_now).as_nanos().rem_euclid(1_000_000_000);
            let wait = if phase == 0 { 1_000_000_000 } else { phase };
            let wait = SignedDuration::from_nanos_i128(wait).as_secs_f64() / speed;
            next = next.min(now + SignedDuration::from_secs_f64(wait.min(1.0)));
        }
        if let Some(t) = &self.toast {
            next = next.min(t.until.max(now));
        }
        // The flash ends.
        if let Some(until) = self.alerts.until() {
            next = next.min(until.max(now));
        }
        // The lead's message turns a minute older.
        if let Some(clock) = &self.clock
            && let Some(m) = &clock.message
        {
            let age = clock.lead_now(now) - m.at.at();
            let minute = SignedDuration::from_mins(1).as_nanos();
            let into = age.as_nanos().rem_euclid(minute);
            let speed = clock.speed();
            let wait = SignedDuration::from_nanos_i128(minute - into).as_secs_f64() / speed;
            next = next.min(now + SignedDuration::from_secs_f64(wait.max(0.001)));
        }
        // A held key is told apart once the burst's time is up.
        if let Some(due) = self.burst.due() {
            next = next.min(due);
        }
        next
    }

    /// The input shows its cursor only while it has the focus.
    pub fn refresh_cursor(&mut self) {
        let style = if self.selected_note.is_some() || self.overlay != HostOverlay::None {
            ratatui::style::Style::new()
        } else {
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
        };
        self.input.set_cursor_style(style);
    }
}
