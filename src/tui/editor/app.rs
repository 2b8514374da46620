//! `oogst edit [FILE]`: the programme editor before the meeting, an app
//! of its own. A file that does not exist yet starts from a template
//! (the picker). Ctrl-S saves a valid programme (atomically, off the
//! drawing thread); a programme with problems is never saved as the file,
//! but never thrown away either: quitting asks, and keeps it beside the
//! file as `NAME.draft.json`, which the next `oogst edit NAME.json`
//! carries on with.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::picker::{Picked, Picker, PickerView};
use super::{Context, Editor, EditorView, Outcome};
use crate::clock::TimeSource;
use crate::files::shown;
use crate::i18n::{Lang, fill};
use crate::programme_edit::Draft;
use crate::session_dir::{SaveReport, Saver, write_atomic};
use crate::text;
use crate::tui::burst::{Burst, Settled};
use crate::tui::keys::EditorCommand as Command;
use crate::tui::runtime::{self, App, Control, Persist, Toast, Worker};
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// What `oogst edit` works on.
pub struct EditFiles {
    /// The programme file.
    pub path: PathBuf,
    /// Where a draft with problems is kept beside it.
    pub draft: PathBuf,
}

impl EditFiles {
    pub fn new(path: PathBuf) -> EditFiles {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "programme".to_string());
        let draft = path.with_file_name(format!("{stem}.draft.json"));
        EditFiles { path, draft }
    }
}

/// Where the editor is.
pub enum Stage {
    /// A new file: what to start from.
    Picking(Picker),
    Editing(Box<Editor>),
}

/// A question before quitting with changes not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// A valid programme: save it?
    Save,
    /// One with problems: keep the draft beside the file?
    Draft,
}

pub enum Overlay {
    None,
    Help,
    Ask(Ask),
}

/// Everything that can happen to `oogst edit`.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Tick,
    Saved(SaveReport),
    Stop,
}

crate::tui::runtime::msg_from_input!(Msg);

/// What `oogst edit`'s update asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The programme, to its file.
    Save(String),
    /// The draft with problems, beside the file.
    SaveDraft(String),
    /// The draft beside the file is no longer needed.
    RemoveDraft,
    Quit,
}

/// The app of `oogst edit`.
pub struct EditApp {
    pub lang: Lang,
    pub theme: Theme,
    pub files: EditFiles,
    pub stage: Stage,
    pub overlay: Overlay,
    pub toast: Option<Toast>,
    pub save_error: Option<String>,
    /// The programme as the file holds it (as this editor writes it), to
    /// tell whether there are changes; `None`: no file yet.
    saved: Option<String>,
    /// Written to the file, not yet reported saved.
    saving: Option<String>,
    /// A draft is beside the file.
    draft_on_disk: bool,
    /// The user said the changes may go.
    discarded: bool,
    /// The date of a meeting made from a template.
    today: jiff::civil::Date,
    /// What to say when the app has ended (where the draft is).
    pub exit_note: Option<String>,
    /// A paste that comes as keystrokes, told from typing: its Enter must
    /// not keep half a field and run the rest as commands.
    burst: Burst,
}

impl EditApp {
    /// The editor on `draft`, read from `files` (`saved`: the file's
    /// programme as written by the editor, if there is a file).
    pub fn editing(
        files: EditFiles,
        draft: Draft,
        saved: Option<String>,
        lang: Lang,
        theme: Theme,
        today: jiff::civil::Date,
    ) -> EditApp {
        let name = shown(&files.path);
        let editor = Editor::new(draft, &name, Context::File, lang, theme);
        EditApp {
            lang,
            theme,
            files,
            stage: Stage::Editing(Box::new(editor)),
            overlay: Overlay::None,
            toast: None,
            save_error: None,
            saved,
            saving: None,
            draft_on_disk: false,
            discarded: false,
            today,
            exit_note: None,
            burst: Burst::default(),
        }
    }

    /// The picker, for a file that does not exist yet.
    pub fn picking(
        files: EditFiles,
        lang: Lang,
        theme: Theme,
        today: jiff::civil::Date,
    ) -> EditApp {
        EditApp {
            stage: Stage::Picking(Picker::new()),
            ..EditApp::editing(
                files,
                Draft::from_programme(&crate::programme::Programme::demo()),
                None,
                lang,
                theme,
                today,
            )
        }
    }

    /// Carries on with a draft found beside the file.
    pub fn with_draft_on_disk(mut self, now: Timestamp) -> EditApp {
        self.draft_on_disk = true;
        let text = fill(
            self.lang.t().edit_draft_resumed,
            &[("draft", &self.draft_name()), ("file", &self.file_name())],
        );
        self.notify(text, false, now);
        self
    }

    pub fn editor(&self) -> Option<&Editor> {
        match &self.stage {
            Stage::Editing(e) => Some(e),
            Stage::Picking(_) => None,
        }
    }

    fn file_name(&self) -> String {
        shown(&self.files.path)
    }

    fn draft_name(&self) -> String {
        shown(&self.files.draft)
    }

    /// The programme as the editor would write it now.
    fn json(&self) -> Option<&str> {
        self.editor().map(|e| e.checked.json.as_str())
    }

    /// Whether there are changes the file does not have.
    pub fn unsaved(&self) -> bool {
        let Some(json) = self.json() else {
            return false;
        };
        let on_file = self.saving.as_ref().or(self.saved.as_ref());
        on_file.is_none_or(|s| s != json)
    }

    /// What must not be lost when the app ends without a word from the
    /// user (a crash, a lost terminal): the draft, if it has changes.
    pub fn rescue_text(&self) -> Option<&str> {
        if self.discarded || !self.unsaved() {
            return None;
        }
        self.json()
    }

    fn notify(&mut self, text: String, alert: bool, now: Timestamp) {
        self.toast = Some(Toast::new(text, alert, now, 1.0));
    }

    /// Saves the programme if it is valid (its new blocks get their ids
    /// for good); else says what is wrong.
    fn save(&mut self, now: Timestamp, fx: &mut Vec<Effect>) -> bool {
        let lang = self.lang;
        let Stage::Editing(editor) = &mut self.stage else {
            return false;
        };
        let Some(programme) = editor.checked.programme.clone() else {
            let n = editor.checked.problems.len();
            let text = fill(
                lang.t().edit_cannot_save,
                &[("problems", &lang.count_problems(n))],
            );
            self.notify(text, true, now);
            return false;
        };
        editor.draft.fix_ids(&programme);
        editor.checked = editor.draft.check(&editor.file);
        let json = editor.checked.json.clone();
        self.saving = Some(json.clone());
        fx.push(Effect::Save(json));
        true
    }

    /// Keeps the draft beside the file (it has problems, or the user asked).
    fn keep_draft(&mut self, fx: &mut Vec<Effect>) {
        if let Some(json) = self.json() {
            fx.push(Effect::SaveDraft(json.to_string()));
            self.draft_on_disk = true;
            self.exit_note = Some(fill(
                self.lang.t().edit_draft_kept,
                &[("draft", &self.draft_name()), ("file", &self.file_name())],
            ));
        }
    }

    /// Quitting: at once when nothing is unsaved; else asks.
    fn quit(&mut self, fx: &mut Vec<Effect>) {
        if !self.unsaved() {
            fx.push(Effect::Quit);
            return;
        }
        let valid = self.editor().is_some_and(|e| e.checked.is_valid());
        self.overlay = Overlay::Ask(if valid { Ask::Save } else { Ask::Draft });
    }

    /// Ctrl-C: saved if valid, else the draft kept; then quits.
    fn save_and_quit(&mut self, now: Timestamp, fx: &mut Vec<Effect>) {
        if self.unsaved() && !self.save(now, fx) {
            self.keep_draft(fx);
        }
        fx.push(Effect::Quit);
    }

    /// Whether a field is being typed in (no question asked over it).
    fn typing(&self) -> bool {
        matches!(self.overlay, Overlay::None) && self.editor().is_some_and(Editor::is_typing)
    }

    /// Whether a key waits to be told apart from a paste; it is settled
    /// at [`EditApp::next_change`] at the latest.
    pub fn holds_a_key(&self) -> bool {
        self.burst.due().is_some()
    }

    pub fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        let mut fx = Vec::new();
        // An Enter or Tab held in a field: a space of a paste when text
        // follows at once, else the key itself.
        match self.burst.settle(msg.burst_next(), now) {
            Some(Settled::Text(_)) => {
                if let Stage::Editing(editor) = &mut self.stage {
                    editor.on_paste(" ");
                }
            }
            Some(Settled::Key(key, at)) => self.on_key(&key, at, &mut fx),
            None => {}
        }
        match msg {
            Msg::Key(key)
                if self.typing()
                    && matches!(key.code, KeyCode::Enter | KeyCode::Tab)
                    && key.modifiers.is_empty()
                    && self.burst.hold(key, now) => {}
            Msg::Key(key) => {
                let text = self.typing()
                    && matches!(key.code, KeyCode::Char(_))
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                self.on_key(&key, now, &mut fx);
                if text {
                    self.burst.typed(now);
                } else {
                    self.burst.broken();
                }
            }
            Msg::Paste(text) => {
                if let Stage::Editing(editor) = &mut self.stage
                    && matches!(self.overlay, Overlay::None)
                {
                    editor.on_paste(&text);
                }
            }
            Msg::Tick => {}
            Msg::Saved(SaveReport::Saved(path)) => {
                self.save_error = None;
                if path == self.files.path
                    && let Some(json) = self.saving.take()
                {
                    self.saved = Some(json);
                    let text = fill(
                        self.lang.t().edit_saved_toast,
                        &[("file", &self.file_name())],
                    );
                    self.notify(text, false, now);
                    if self.draft_on_disk {
                        self.draft_on_disk = false;
                        fx.push(Effect::RemoveDraft);
                    }
                } else if path == self.files.draft {
                    let text = fill(
                        self.lang.t().edit_draft_saved,
                        &[("draft", &self.draft_name())],
                    );
                    self.notify(text, false, now);
                }
            }
            Msg::Saved(SaveReport::Failed { path, error, kind }) => {
                let error = self.lang.io_words(kind, &error);
                let name = path.file_name().unwrap_or(path.as_os_str());
                self.save_error = Some(format!("{error} ({})", name.to_string_lossy()));
            }
            // A signal or a lost terminal: nothing the user did not ask
            // for goes into the file; what is unsaved is kept beside it.
            Msg::Stop => {
                if self.unsaved() {
                    self.keep_draft(&mut fx);
                }
                fx.push(Effect::Quit);
            }
        }
        if Toast::gone(&self.toast, now) {
            self.toast = None;
        }
        fx
    }

    fn on_key(&mut self, key: &KeyEvent, now: Timestamp, fx: &mut Vec<Effect>) {
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Help => {
                // Any key closes the help; only Esc and the help's keys are swallowed.
                if !matches!(key.code, KeyCode::Esc | KeyCode::F(1) | KeyCode::Char('?')) {
                    self.on_key(key, now, fx);
                }
                return;
            }
            Overlay::Ask(ask) => {
                match key.code {
                    KeyCode::Char('y' | 'Y' | 'j' | 'J') => {
                        if ask == Ask::Save && self.save(now, fx) {
                            fx.push(Effect::Quit);
                        } else {
                            self.keep_draft(fx);
                            fx.push(Effect::Quit);
                        }
                    }
                    KeyCode::Char('n' | 'N') => {
                        self.discarded = true;
                        if self.draft_on_disk {
                            fx.push(Effect::RemoveDraft);
                        }
                        fx.push(Effect::Quit);
                    }
                    KeyCode::Esc => {}
                    _ => self.overlay = Overlay::Ask(ask),
                }
                return;
            }
            Overlay::None => {}
        }
        let lang = self.lang;
        let theme = self.theme;
        let today = self.today;
        let file = self.file_name();
        let outcome = match &mut self.stage {
            Stage::Picking(picker) => {
                match picker.on_key(key) {
                    Picked::Nothing => {}
                    Picked::Help => self.overlay = Overlay::Help,
                    Picked::Quit => fx.push(Effect::Quit),
                    Picked::Chosen(name) => {
                        let text = Picker::text(name, today);
                        let draft = Draft::from_json(&text, &file).unwrap_or_else(|_| {
                            Draft::from_programme(&crate::programme::Programme::demo())
                        });
                        self.stage = Stage::Editing(Box::new(Editor::new(
                            draft,
                            &file,
                            Context::File,
                            lang,
                            theme,
                        )));
                    }
                }
                return;
            }
            Stage::Editing(editor) => editor.on_key(key),
        };
        match outcome {
            Outcome::Nothing => {}
            Outcome::Changed(notice) => {
                if let Some(n) = notice {
                    self.notify(n, false, now);
                }
            }
            Outcome::Notice(text, alert) => self.notify(text, alert, now),
            Outcome::Command(Command::Save) => {
                self.save(now, fx);
            }
            Outcome::Command(Command::Help) => self.overlay = Overlay::Help,
            Outcome::Command(Command::SaveQuit) => self.save_and_quit(now, fx),
            Outcome::Command(Command::Quit | Command::Back) => self.quit(fx),
            Outcome::Command(_) => {}
        }
    }

    pub fn next_change(&self, now: Timestamp) -> Timestamp {
        let mut next = now + jiff::SignedDuration::from_secs(60);
        if let Some(t) = &self.toast {
            next = next.min(t.until.max(now));
        }
        if let Some(due) = self.burst.due() {
            next = next.min(due);
        }
        next
    }
}

impl Widget for &EditApp {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let t = self.lang.t();
        let th = self.theme;
        let help = matches!(self.overlay, Overlay::Help);
        let file = self.file_name();
        match &self.stage {
            Stage::Picking(picker) => PickerView {
                picker,
                lang: self.lang,
                theme: th,
                file: &file,
                toast: self.toast.as_ref(),
                help,
            }
            .render(area, buf),
            Stage::Editing(editor) => {
                let state = if self.unsaved() {
                    Span::styled(format!("{} · ", t.edit_unsaved), th.warn())
                } else {
                    Span::styled(format!("{} · ", t.edit_saved), th.dim())
                };
                let mut right = Vec::new();
                if area.width >= 100 {
                    right.push(Span::styled(
                        format!("{} · ", text::truncate(&text::one_line(&file), 24)),
                        th.dim(),
                    ));
                }
                right.push(state);
                let title = if editor.draft.title.trim().is_empty() {
                    file.clone()
                } else {
                    editor.draft.title.clone()
                };
                EditorView {
                    editor,
                    title: Some(&title),
                    right,
                    status: None,
                    save_error: self.save_error.as_deref(),
                    toast: self.toast.as_ref(),
                    help,
                }
                .render(area, buf);
            }
        }
        if let Overlay::Ask(ask) = self.overlay {
            let problems = self.editor().map_or(0, |e| e.checked.problems.len());
            let (question, keys) = match ask {
                Ask::Save => (
                    fill(t.edit_ask_save, &[("file", &file)]),
                    t.edit_ask_save_keys,
                ),
                Ask::Draft => (
                    fill(
                        t.edit_ask_draft,
                        &[
                            ("problems", &self.lang.count_problems(problems)),
                            ("file", &file),
                            ("draft", &self.draft_name()),
                        ],
                    ),
                    t.edit_ask_draft_keys,
                ),
            };
            let inner = widgets::popup(area, buf, th, t.edit_ask_title, 64, 8);
            let lines = vec![
                Line::from(Span::styled(
                    text::one_line(&question).into_owned(),
                    th.strong(),
                )),
                Line::default(),
                Line::from(Span::styled(keys.to_string(), th.key())),
            ];
            widgets::wrapped(inner, buf, lines);
        }
    }
}

impl App for EditApp {
    type Msg = Msg;
    type Effect = Effect;
    fn update(&mut self, msg: Msg, now: Timestamp) -> Vec<Effect> {
        EditApp::update(self, msg, now)
    }
    fn render(&self, _now: Timestamp, area: Rect, buf: &mut Buffer) {
        Widget::render(self, area, buf);
    }
    fn next_change(&self, now: Timestamp) -> Timestamp {
        EditApp::next_change(self, now)
    }
    fn lang(&self) -> crate::i18n::Lang {
        self.lang
    }
    fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }
    fn control(effect: &Effect) -> Option<Control> {
        (*effect == Effect::Quit).then_some(Control::Quit)
    }
}

/// The disk side of `oogst edit`: the file and the draft beside it,
/// written by the saver thread (atomically); nothing is watched.
struct EditIo {
    source: TimeSource,
    saver: Saver,
    path: PathBuf,
    draft: PathBuf,
}

impl Persist<EditApp> for EditIo {
    fn time(&self) -> &TimeSource {
        &self.source
    }
    fn perform(
        &mut self,
        _: &EditApp,
        effect: Effect,
        _: Timestamp,
        _: Timestamp,
        work: &Worker<EditApp, EditIo>,
    ) {
        match effect {
            Effect::Save(json) => {
                self.saver
                    .write(self.path.clone(), json.into_bytes(), Duration::ZERO)
            }
            Effect::SaveDraft(json) => {
                self.saver
                    .write(self.draft.clone(), json.into_bytes(), Duration::ZERO);
            }
            Effect::RemoveDraft => {
                let draft = self.draft.clone();
                work.spawn(move || {
                    let _ = std::fs::remove_file(&draft);
                    |_: &mut EditIo, _: &EditApp, _: &Worker<EditApp, EditIo>| Vec::new()
                });
            }
            Effect::Quit => {}
        }
    }
    fn period(&self) -> Duration {
        Duration::from_secs(3600)
    }
    fn periodic(&mut self, _: &EditApp, _: Timestamp, _: Timestamp, _: &Worker<EditApp, EditIo>) {}
    /// Nothing is watched (no folder is the empty path).
    fn watched(&self) -> PathBuf {
        PathBuf::new()
    }
    fn changed(&mut self, _: &EditApp, _: &[PathBuf], _: &Worker<EditApp, EditIo>) {}
    fn due(&self) -> Option<std::time::Instant> {
        None
    }
    fn write_due(&mut self, _: &EditApp, _: Timestamp, _: Timestamp) {}
    /// On every way out: a draft with changes that nobody said may go is
    /// kept beside the file (a crash, a lost terminal).
    fn save_all(&mut self, app: &EditApp, _: Timestamp, _: Timestamp) {
        if let Some(json) = app.rescue_text()
            && app.saving.as_deref() != Some(json)
        {
            self.saver
                .write(self.draft.clone(), json.as_bytes().to_vec(), Duration::ZERO);
        }
    }
    /// When the file's folder takes nothing: the draft in the temp dir.
    fn rescue(&mut self, app: &EditApp, _: Timestamp) -> Option<Result<String, String>> {
        let json = app.json()?;
        let name = self
            .draft
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "programme.draft.json".to_string());
        let path = std::env::temp_dir().join(name);
        Some(
            write_atomic(&path, json.as_bytes())
                .map(|()| {
                    fill(
                        app.lang.t().edit_draft_kept,
                        &[("draft", &shown(&path)), ("file", &shown(&self.path))],
                    )
                })
                .map_err(|e| format!("{}: {}", shown(&path), app.lang.io_error(&e))),
        )
    }
}

/// Prepares `oogst edit FILE`: the file's programme (or, beside it, a
/// draft to carry on with), else the picker for a new file. A file that
/// is no programme (not JSON, another format, a newer version) is not
/// opened: the error says why, where.
pub fn start_edit(
    path: &Path,
    lang: Lang,
    theme: Theme,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<EditApp, String> {
    use crate::files::{Links, read_text};
    let files = EditFiles::new(path.to_path_buf());
    let today = now.to_zoned_datetime(tz.clone()).date();
    let name = shown(path);
    let file = match std::fs::symlink_metadata(path) {
        Ok(_) => Some(read_text(path, Links::Follow).map_err(|e| lang.read_error(&e))?),
        Err(_) => None,
    };
    let saved_of = |text: &str| {
        Draft::from_json(text, &name).ok().map(|d| {
            match crate::programme::Programme::parse(text, &name) {
                Ok(p) => Draft::from_programme(&p).to_json(),
                Err(_) => d.to_json(),
            }
        })
    };
    // A draft kept beside the file: carried on with.
    if let Ok(text) = read_text(&files.draft, Links::Refuse)
        && let Ok(draft) = Draft::from_json(&text, &shown(&files.draft))
    {
        let saved = file.as_deref().and_then(saved_of);
        return Ok(
            EditApp::editing(files, draft, saved, lang, theme, today).with_draft_on_disk(now)
        );
    }
    match file {
        None => Ok(EditApp::picking(files, lang, theme, today)),
        Some(text) => {
            let draft = match crate::programme::Programme::parse(&text, &name) {
                Ok(p) => Draft::from_programme(&p),
                Err(_) => Draft::from_json(&text, &name)
                    .map_err(|e| format!("{}\n{}", lang.file_error(&e), lang.t().edit_open_hint))?,
            };
            let saved = Some(draft.to_json());
            Ok(EditApp::editing(files, draft, saved, lang, theme, today))
        }
    }
}

/// Runs `oogst edit` until it quits; what the user should know (where a
/// draft was kept) is said after.
pub fn run_edit(mut app: EditApp) -> Result<(), String> {
    let (report_tx, reports) = tokio::sync::mpsc::unbounded_channel();
    let saver = Saver::spawn(move |r| {
        let _ = report_tx.send(r);
    });
    let mut io = EditIo {
        source: TimeSource::real(),
        saver: saver.clone(),
        path: app.files.path.clone(),
        draft: app.files.draft.clone(),
    };
    let crash_note = fill(
        app.lang.t().edit_crashed,
        &[("draft", &shown(&app.files.draft))],
    );
    let result = runtime::run(&mut app, &mut io, &saver, reports, crash_note);
    if let Some(note) = &app.exit_note {
        eprintln!("oogst: {}", text::message_lines(note));
    }
    result
}
