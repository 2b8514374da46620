//! What a new programme starts from (`oogst edit` of a file that does not
//! exist yet): the templates, each with a line of what it is for, and
//! the demo.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::{Lang, fill};
use crate::programme::DEMO_JSON;
use crate::templates::TEMPLATES;
use crate::text;
use crate::tui::chrome::{self, Header, KeyHint, Status};
use crate::tui::keys::{self, TemplateCommand as Command};
use crate::tui::runtime::Toast;
use crate::tui::theme::Theme;
use crate::tui::widgets;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The name the demo goes by in the picker.
pub const DEMO: &str = "demo";

/// The choices and the one selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub selected: usize,
}

/// What a key in the picker did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    Nothing,
    /// This choice (its name).
    Chosen(&'static str),
    Quit,
    Help,
}

impl Default for Picker {
    fn default() -> Self {
        Picker::new()
    }
}

impl Picker {
    pub fn new() -> Picker {
        Picker { selected: 0 }
    }

    /// The names of the choices: the templates, then the demo.
    pub fn names() -> Vec<&'static str> {
        TEMPLATES.iter().map(|t| t.name).chain([DEMO]).collect()
    }

    /// The programme text of choice `name`, for a meeting on `date`.
    pub fn text(name: &str, date: jiff::civil::Date) -> String {
        match crate::templates::find(name) {
            Some(t) => t.text(date),
            None => DEMO_JSON.to_string(),
        }
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> Picked {
        let n = Picker::names().len();
        let Some(command) = keys::command(&keys::TEMPLATES, 0, key) else {
            return Picked::Nothing;
        };
        match command {
            Command::Browse if key.code == KeyCode::Down => {
                self.selected = (self.selected + 1).min(n - 1);
            }
            Command::Browse => self.selected = self.selected.saturating_sub(1),
            Command::Ends if key.code == KeyCode::End => self.selected = n - 1,
            Command::Ends => self.selected = 0,
            Command::Number => {
                if let KeyCode::Char(c) = key.code
                    && let Some(d) = c.to_digit(10)
                    && (1..=n).contains(&(d as usize))
                {
                    self.selected = d as usize - 1;
                    return Picked::Chosen(Picker::names()[self.selected]);
                }
            }
            Command::Choose => return Picked::Chosen(Picker::names()[self.selected]),
            Command::Quit => return Picked::Quit,
            Command::Help => return Picked::Help,
        }
        Picked::Nothing
    }
}

/// The picker drawn.
pub struct PickerView<'a> {
    pub picker: &'a Picker,
    pub lang: Lang,
    pub theme: Theme,
    /// The file that will be made, as the user named it.
    pub file: &'a str,
    pub toast: Option<&'a Toast>,
    pub help: bool,
}

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let t = self.lang.t();
        let th = self.theme;
        if !widgets::fits(area, buf, th, t.too_small, (20, 6)) {
            return;
        }
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Header::new(th, Some(t.edit_pick_title)).render(header, buf);
        let width = usize::from(body.width);
        let intro = fill(t.edit_pick_intro, &[("file", &text::one_line(self.file))]);
        let intro_rows = textwrap::wrap(&intro, width.saturating_sub(2).max(1)).len();
        let show_intro = usize::from(body.height) >= Picker::names().len() + intro_rows + 2;
        let list = if show_intro {
            let [top, _, list] = Layout::vertical([
                Constraint::Length(u16::try_from(intro_rows).unwrap_or(1)),
                Constraint::Length(1),
                Constraint::Min(0),
            ])
            .areas(body);
            let inner = Rect::new(
                top.x.saturating_add(1),
                top.y,
                top.width.saturating_sub(2),
                top.height,
            );
            Paragraph::new(intro)
                .wrap(Wrap { trim: true })
                .style(th.text())
                .render(inner, buf);
            list
        } else {
            body
        };
        // A choice: its number and name, and under it what it is for
        // (wrapped); a line each when that does not fit.
        let height = usize::from(list.height);
        let names = Picker::names();
        let about_room = width.saturating_sub(5).max(1);
        let entries: Vec<Vec<Line>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let about = self.lang.template_about(name);
                let mut lines = vec![Line::from(Span::styled(
                    format!(" {} {name}", i + 1),
                    th.key(),
                ))];
                lines.extend(
                    textwrap::wrap(about, about_room)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(format!("     {l}"), th.text()))),
                );
                lines
            })
            .collect();
        let tall: usize = entries.iter().map(Vec::len).sum();
        let entries: Vec<Vec<Line>> = if tall <= height {
            entries
        } else {
            names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let head = format!(" {} {:<18} ", i + 1, name);
                    let room = width.saturating_sub(text::width(&head));
                    let about = self.lang.template_about(name);
                    vec![Line::from(vec![
                        Span::styled(head, th.key()),
                        Span::styled(text::truncate(about, room).into_owned(), th.text()),
                    ])]
                })
                .collect()
        };
        // The selected choice in view.
        let end_of_selected: usize = entries
            .iter()
            .take(self.picker.selected + 1)
            .map(Vec::len)
            .sum();
        let skip = end_of_selected.saturating_sub(height);
        let mut y = 0usize;
        for (i, entry) in entries.into_iter().enumerate() {
            let selected = i == self.picker.selected;
            for line in entry {
                if y >= skip && y < skip + height {
                    let r = Rect::new(
                        list.x,
                        list.y + u16::try_from(y - skip).unwrap_or(0),
                        list.width,
                        1,
                    );
                    let mut p = Paragraph::new(line);
                    if selected {
                        p = p.style(th.selected());
                    }
                    p.render(r, buf);
                }
                y += 1;
            }
        }
        // A line a choice: what the selected one is for, in full.
        let selected = names[self.picker.selected.min(names.len() - 1)];
        let otherwise = if tall <= height {
            String::new()
        } else {
            self.lang.template_about(selected).to_string()
        };
        Status {
            theme: th,
            t,
            save_error: None,
            toast: self.toast,
            otherwise: (otherwise, th.dim()),
        }
        .render(status, buf);
        chrome::footer(
            footer,
            buf,
            th,
            &keys::templates_footer(t),
            &KeyHint {
                keys: "?",
                what: t.key_help,
            },
        );
        if self.help {
            widgets::help(area, buf, th, t, &keys::help(&keys::TEMPLATES, &[0], t));
        }
    }
}
