//! Widgets shared by the screens: big digits, the "terminal too small"
//! notice, popups, the help. All of them draw only inside the
//! area they are given, at any size, with saturating arithmetic.

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::i18n::Catalog;
use crate::text;

/// A countdown as people read it: `17:23`, `75:00`, from 100 minutes on
/// `1:45:00`; over time `+03:12`.
/// Counting down shows whole seconds rounded up, so `00:00` is the
/// deadline itself; over time counts up from `+00:00`.
pub fn countdown(remaining: SignedDuration) -> String {
    let nanos = remaining.as_nanos();
    let (sign, secs) = if nanos > 0 {
        ("", (nanos + 999_999_999) / 1_000_000_000)
    } else {
        ("+", -nanos / 1_000_000_000)
    };
    let (minutes, s) = (secs / 60, secs % 60);
    if minutes >= 100 {
        format!("{sign}{}:{:02}:{s:02}", minutes / 60, minutes % 60)
    } else {
        format!("{sign}{minutes:02}:{s:02}")
    }
}

/// Big digits from the 8×8 font of the `font8x8` crate, scaled to fill
/// the area, drawn with half blocks so a pixel can be half a cell high.
pub struct BigText<'a> {
    text: &'a str,
    style: Style,
    /// Size the digits as if this (wider) text were shown, so that they do
    /// not change size as the text changes.
    reference: Option<&'a str>,
}

/// Columns of each ASCII glyph that hold ink: `(first, last)`, or `None`
/// for a blank one. All digits share one width so the countdown does not
/// jitter. Computed once.
fn glyph_columns(c: char) -> Option<(u8, u8)> {
    static TABLE: std::sync::OnceLock<[Option<(u8, u8)>; 128]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let ink = |mask: u8| {
            (mask != 0).then(|| (mask.trailing_zeros() as u8, 7 - mask.leading_zeros() as u8))
        };
        let mask_of = |c: usize| {
            font8x8::legacy::BASIC_LEGACY[c]
                .iter()
                .fold(0u8, |m, row| m | row)
        };
        let digits = (b'0'..=b'9').fold(0u8, |m, d| m | mask_of(usize::from(d)));
        std::array::from_fn(|i| {
            if (i as u8).is_ascii_digit() {
                ink(digits)
            } else {
                ink(mask_of(i))
            }
        })
    });
    if c.is_ascii() {
        table[c as usize]
    } else {
        None
    }
}

fn glyph(c: char) -> [u8; 8] {
    if c.is_ascii() {
        font8x8::legacy::BASIC_LEGACY[c as usize]
    } else {
        [0; 8]
    }
}

/// Width in pixels of one glyph: its ink, or 3 for a blank.
fn glyph_width(c: char) -> u16 {
    glyph_columns(c).map_or(3, |(first, last)| u16::from(last - first + 1))
}

/// The text as a bitmap: one `Vec<bool>` per pixel row, 8 rows.
fn bitmap(s: &str) -> Vec<Vec<bool>> {
    let width = usize::from(pixel_width(s));
    let mut rows: Vec<Vec<bool>> = (0..8).map(|_| Vec::with_capacity(width)).collect();
    for (i, c) in s.chars().enumerate() {
        let (first, last) = glyph_columns(c).unwrap_or((0, 2));
        if i > 0 {
            rows.iter_mut().for_each(|r| r.push(false));
        }
        let g = glyph(c);
        for (y, row) in rows.iter_mut().enumerate() {
            for x in first..=last {
                row.push(g[y] & (1 << x) != 0);
            }
        }
    }
    rows
}

/// Width of the text in pixels, with one blank pixel between glyphs.
fn pixel_width(s: &str) -> u16 {
    let n = u16::try_from(s.chars().count()).unwrap_or(u16::MAX);
    s.chars()
        .map(glyph_width)
        .fold(n.saturating_sub(1), u16::saturating_add)
}

impl<'a> BigText<'a> {
    pub fn new(text: &'a str) -> BigText<'a> {
        BigText {
            text,
            style: Style::new(),
            reference: None,
        }
    }
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }
    pub fn reference(mut self, reference: &'a str) -> Self {
        self.reference = Some(reference);
        self
    }

    /// Horizontal scale (columns per pixel) and vertical scale (half rows
    /// per pixel) to fill `area`, or `None` when even 1×1 does not fit.
    /// Pixels are kept between half and twice as tall as wide.
    pub fn scale(&self, area: Rect) -> Option<(u16, u16)> {
        let width = pixel_width(self.text).max(self.reference.map_or(0, pixel_width));
        if width == 0 {
            return None;
        }
        let kx = area.width / width;
        let ky = area.height.saturating_mul(2) / 8;
        if kx == 0 || ky == 0 {
            return None;
        }
        // A cell is about twice as tall as wide, so a half row is square.
        let ky = ky.min(kx.saturating_mul(2));
        let kx = kx.min(ky.saturating_mul(2));
        Some((kx, ky))
    }

    /// Rows the text takes at vertical scale `ky`.
    pub fn height_at(ky: u16) -> u16 {
        (8 * ky).div_ceil(2)
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let Some((kx, ky)) = self.scale(area) else {
            return;
        };
        let bits = bitmap(self.text);
        let w = u16::try_from(bits[0].len())
            .unwrap_or(u16::MAX)
            .saturating_mul(kx);
        let h = BigText::height_at(ky);
        let x0 = area.x + area.width.saturating_sub(w) / 2;
        let y0 = area.y + area.height.saturating_sub(h) / 2;
        let on = |px: u16, half_row: u16| {
            let (x, y) = (usize::from(px / kx), usize::from(half_row / ky));
            bits.get(y).and_then(|r| r.get(x)).copied().unwrap_or(false)
        };
        for cy in 0..h.min(area.height) {
            for cx in 0..w.min(area.width) {
                let top = on(cx, cy * 2);
                let bottom = on(cx, cy * 2 + 1);
                let symbol = match (top, bottom) {
                    (true, true) => "█",
                    (true, false) => "▀",
                    (false, true) => "▄",
                    (false, false) => continue,
                };
                if let Some(cell) = buf.cell_mut((x0 + cx, y0 + cy)) {
                    cell.set_symbol(symbol).set_style(self.style);
                }
            }
        }
    }
}

/// Whether a screen needing `min` (width, height) fits `area`; if not, the
/// "terminal too small" notice is drawn instead.
pub fn fits(area: Rect, buf: &mut Buffer, theme: Theme, message: &str, min: (u16, u16)) -> bool {
    let fits = area.width >= min.0 && area.height >= min.1;
    if !fits {
        too_small(area, buf, theme, message);
    }
    fits
}

/// Shown instead of a screen that cannot fit.
pub fn too_small(area: Rect, buf: &mut Buffer, theme: Theme, message: &str) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let y = area.y + area.height.saturating_sub(1) / 2;
    let line = Rect::new(area.x, y, area.width, 1);
    Paragraph::new(text::truncate(message, usize::from(area.width)).into_owned())
        .style(theme.warn())
        .alignment(Alignment::Center)
        .render(line, buf);
}

/// A centred box of at most `width`×`height`, cleared, with a border and
/// title; returns the inner area.
pub fn popup(
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    title: &str,
    width: u16,
    height: u16,
) -> Rect {
    let area = area.intersection(buf.area);
    let w = width.min(area.width);
    let h = height.min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.label())
        .title(Span::styled(
            format!(" {} ", text::one_line(title)),
            theme.strong(),
        ));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

/// The help overlay: every key of the screen (all keys of a row, written
/// out) and what it does.
pub fn help(area: Rect, buf: &mut Buffer, theme: Theme, t: &Catalog, rows: &[(String, &str)]) {
    let key_w = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(text::fit(keys, key_w + 2), theme.key()),
                Span::raw(what.to_string()),
            ])
        })
        .chain([
            Line::default(),
            Line::from(Span::styled(t.help_close.to_string(), theme.dim())),
        ])
        .collect();
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup(area, buf, theme, t.help_title, 64, height);
    Paragraph::new(lines).render(inner, buf);
}

/// Text wrapped in `area`.
pub fn wrapped(area: Rect, buf: &mut Buffer, lines: Vec<Line<'_>>) {
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area.intersection(buf.area), buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_rounds_up_and_counts_over_time_up() {
        let ms = SignedDuration::from_millis;
        assert_eq!(
            countdown(SignedDuration::from_mins(17) + ms(23_000)),
            "17:23"
        );
        assert_eq!(countdown(ms(59_001)), "01:00");
        assert_eq!(countdown(ms(1)), "00:01");
        assert_eq!(countdown(SignedDuration::ZERO), "+00:00");
        assert_eq!(countdown(ms(-999)), "+00:00");
        assert_eq!(countdown(ms(-192_000)), "+03:12");
        assert_eq!(countdown(SignedDuration::from_mins(60)), "60:00");
        assert_eq!(
            countdown(SignedDuration::from_mins(99) + ms(59_000)),
            "99:59"
        );
        assert_eq!(countdown(SignedDuration::from_mins(105)), "1:45:00");
        assert_eq!(countdown(-SignedDuration::from_mins(101)), "+1:41:00");
    }

    #[test]
    fn big_text_scales_to_fit_and_never_overflows() {
        let t = BigText::new("17:23");
        assert_eq!(t.scale(Rect::new(0, 0, 10, 10)), None);
        let (kx, ky) = t.scale(Rect::new(0, 0, 120, 30)).unwrap();
        assert!(kx >= 3 && ky >= kx, "{kx}×{ky}");
        for (w, h) in [(0, 0), (1, 1), (33, 3), (34, 4), (200, 60), (7, 100)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            BigText::new("+12:34").render(area, &mut buf);
        }
    }

    #[test]
    fn digits_share_one_width() {
        assert_eq!(pixel_width("1"), pixel_width("8"));
        assert!(pixel_width(":") < pixel_width("0"));
    }
}
