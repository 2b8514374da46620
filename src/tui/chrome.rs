//! The chrome every screen shares, lead and host alike: the bar at the
//! top (the app, what is open, and what the screen says at the right), the
//! status line above the footer (a save error, else a notice, else what
//! the screen has to say), and the footer of keys ([`footer`]).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::runtime::Toast;
use super::theme::Theme;
use crate::i18n::{Catalog, fill};
use crate::text;

/// The top bar: ` oogst · TITLE` at the left, `right` at the right. The
/// right side wins the room: the title is cut to what is left.
pub struct Header<'a> {
    pub theme: Theme,
    /// What is open (the programme, the round); `None`: the app's name only.
    pub title: Option<&'a str>,
    pub right: Vec<Span<'a>>,
    /// At most this many columns for the right side (one string, cut).
    pub right_max: Option<usize>,
}

impl<'a> Header<'a> {
    pub fn new(theme: Theme, title: Option<&'a str>) -> Header<'a> {
        Header {
            theme,
            title,
            right: Vec::new(),
            right_max: None,
        }
    }

    /// `s` at the right, in the bar's strong style, cut to `max` columns.
    pub fn right_text(mut self, s: String, max: usize) -> Self {
        self.right = vec![Span::styled(s, self.theme.strong())];
        self.right_max = Some(max);
        self
    }

    pub fn right(mut self, spans: Vec<Span<'a>>) -> Self {
        self.right = spans;
        self
    }
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let th = self.theme;
        buf.set_style(area, th.bar());
        let mut right = self.right;
        if let Some(max) = self.right_max {
            let style = right.first().map_or(th.strong(), |s| s.style);
            let all: String = right.iter().map(|s| s.content.as_ref()).collect();
            right = vec![Span::styled(text::truncate(&all, max).into_owned(), style)];
        }
        let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
        let room = usize::from(area.width).saturating_sub(right_width + 1);
        let title = match self.title {
            Some(t) => format!(" oogst · {}", text::one_line(t)),
            None => " oogst".to_string(),
        };
        Line::from(Span::styled(
            text::truncate(&title, room).into_owned(),
            th.strong(),
        ))
        .render(area, buf);
        Line::from(right)
            .alignment(Alignment::Right)
            .render(area, buf);
    }
}

/// The status line: a failed save (in alarm), else the notice of the
/// moment, else `otherwise`; one line, cut to the width.
pub struct Status<'a> {
    pub theme: Theme,
    pub t: &'static Catalog,
    pub save_error: Option<&'a str>,
    pub toast: Option<&'a Toast>,
    pub otherwise: (String, Style),
}

impl Status<'_> {
    /// What the line says, and how.
    pub fn line(self) -> (String, Style) {
        let th = self.theme;
        if let Some(err) = self.save_error {
            (fill(self.t.save_failed, &[("error", err)]), th.alert())
        } else if let Some(toast) = self.toast {
            let style = if toast.alert { th.warn() } else { th.label() };
            (format!("» {}", toast.text), style)
        } else {
            self.otherwise
        }
    }
}

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let (s, style) = self.line();
        Paragraph::new(text::truncate(&text::one_line(&s), usize::from(area.width)).into_owned())
            .style(style)
            .render(area, buf);
    }
}

/// One key and what it does, for footers and the help overlay.
pub struct KeyHint<'a> {
    pub keys: &'a str,
    pub what: &'a str,
}

/// The footer: the hints that matter most and fit, in their order, and
/// `last` (help) always, at the right. Each hint comes with its priority
/// (0 first): the least important go first when the row is too narrow.
pub fn footer(area: Rect, buf: &mut Buffer, theme: Theme, hints: &[(u8, KeyHint)], last: &KeyHint) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let hint_spans = |h: &KeyHint| {
        vec![
            Span::styled(text::one_line(h.keys).into_owned(), theme.key()),
            Span::styled(format!(" {}", text::one_line(h.what)), theme.dim()),
        ]
    };
    let width = usize::from(area.width);
    let hint_width = |h: &KeyHint| text::width(h.keys) + 1 + text::width(h.what);
    let last_width = hint_width(last);
    // Two columns between hints, and at least two before the last.
    let room = width.saturating_sub(last_width);
    let shown = fitting(hints, room, |h| hint_width(h) + 2);
    let mut spans = Vec::new();
    for (i, (_, h)) in hints.iter().enumerate() {
        if shown.contains(&i) {
            spans.extend(hint_spans(h));
            spans.push(Span::raw("  "));
        }
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
    if width >= last_width {
        let x = area.x + area.width - last_width as u16;
        let r = Rect::new(x, area.y, last_width as u16, 1);
        Paragraph::new(Line::from(hint_spans(last))).render(r, buf);
    } else {
        Paragraph::new(Line::from(hint_spans(last))).render(area, buf);
    }
}

/// Which of `hints` fit in `room` columns, taken by priority (the first
/// of equal priority first) until the next does not fit.
pub fn fitting(
    hints: &[(u8, KeyHint)],
    room: usize,
    width: impl Fn(&KeyHint) -> usize,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| hints[i].0);
    let mut used = 0;
    let mut shown = Vec::new();
    for i in order {
        let w = width(&hints[i].1);
        if used + w > room {
            break;
        }
        used += w;
        shown.push(i);
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_keeps_help_visible_when_narrow() {
        let area = Rect::new(0, 0, 20, 1);
        let mut buf = Buffer::empty(area);
        let hints = [(
            0,
            KeyHint {
                keys: "space",
                what: "start/pause",
            },
        )];
        footer(
            area,
            &mut buf,
            Theme::NO_COLOR,
            &hints,
            &KeyHint {
                keys: "?",
                what: "help",
            },
        );
        let row: String = (0..20).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(row.ends_with("? help"), "{row:?}");
        assert!(!row.contains("space"));
    }

    #[test]
    fn the_footer_drops_the_least_important_first() {
        let hint = |keys, what| KeyHint { keys, what };
        let hints = [
            (2, hint("a", "aaaa")),
            (0, hint("b", "bbbb")),
            (1, hint("c", "cccc")),
        ];
        let row = |w: u16| {
            let area = Rect::new(0, 0, w, 1);
            let mut buf = Buffer::empty(area);
            footer(area, &mut buf, Theme::NO_COLOR, &hints, &hint("?", "help"));
            (0..w)
                .map(|x| buf[(x, 0)].symbol().to_string())
                .collect::<String>()
        };
        assert_eq!(row(30), "a aaaa  b bbbb  c cccc  ? help");
        assert_eq!(row(29), "b bbbb  c cccc         ? help");
        assert_eq!(row(14), "b bbbb  ? help");
        assert_eq!(row(13), "       ? help");
    }
}
