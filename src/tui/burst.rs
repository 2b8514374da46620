//! Telling a paste that arrives as keystrokes from typing.
//!
//! A terminal without bracketed paste (Windows' console, some SSH
//! clients) delivers a paste as keys. Its Enter and Tab must not add a
//! note, send a message or switch a question halfway: an Enter or Tab that
//! comes right after typed text is held, and settled by what follows. More
//! text at once: it was part of the paste. Anything else, or nothing
//! within the window: it was the key itself.

use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keys closer together than this came in one burst. A burst's keys arrive
/// microseconds apart, but a frame may be drawn in the middle of one (a
/// slow console takes milliseconds for it); a person does not press Enter
/// this soon after a key and the next key this soon after Enter. What a
/// held Enter costs a person is this long before it acts.
pub const BURST: SignedDuration = SignedDuration::from_millis(20);

/// What came after a held key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next<'a> {
    Key(&'a KeyEvent),
    Paste,
    /// The app was woken (a tick, news from disk): only time passed.
    Wake,
    /// The app stops: a held key acts now.
    Stop,
}

/// What a held key turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Part of a paste: its text (a line break for Enter, else a space)
    /// goes into the text being typed.
    Text(KeyCode),
    /// The key itself, pressed at this moment.
    Key(KeyEvent, Timestamp),
}

/// The burst state of one text box.
#[derive(Clone, Copy, Debug)]
pub struct Burst {
    /// How long a burst lasts on the app's clock (a rehearsal's clock runs
    /// fast: the window is as many times longer).
    window: SignedDuration,
    /// When the last key that typed text arrived.
    typed_at: Option<Timestamp>,
    held: Option<(KeyEvent, Timestamp)>,
}

impl Default for Burst {
    fn default() -> Burst {
        Burst::new(1.0)
    }
}

impl Burst {
    /// For an app whose clock runs `speed` times real time.
    pub fn new(speed: f64) -> Burst {
        let speed = if speed.is_finite() && speed >= 1.0 {
            speed
        } else {
            1.0
        };
        Burst {
            window: SignedDuration::from_secs_f64(BURST.as_secs_f64() * speed),
            typed_at: None,
            held: None,
        }
    }

    /// Settles a held key, if any, now that `next` came at `now`; `None`
    /// while it is still held (or none was).
    pub fn settle(&mut self, next: Next, now: Timestamp) -> Option<Settled> {
        let (key, at) = self.held.take()?;
        // Only text follows text in a paste: any other key (Ctrl-C above
        // all) means the Enter was the person's.
        let text = match next {
            Next::Key(k) => {
                // Capitals come with Shift.
                k.modifiers.difference(KeyModifiers::SHIFT).is_empty()
                    && matches!(k.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab)
            }
            Next::Paste => true,
            Next::Wake | Next::Stop => false,
        };
        let soon = now - at <= self.window;
        if text && soon {
            self.typed_at = Some(now);
            Some(Settled::Text(key.code))
        } else if !soon || matches!(next, Next::Key(_) | Next::Stop) {
            Some(Settled::Key(key, at))
        } else {
            self.held = Some((key, at));
            None
        }
    }

    /// Holds `key` (an Enter or Tab that would act) if it came right after
    /// typed text; whether it did.
    pub fn hold(&mut self, key: KeyEvent, now: Timestamp) -> bool {
        let soon = self.typed_at.is_some_and(|at| now - at <= self.window);
        if soon {
            self.held = Some((key, now));
        }
        soon
    }

    /// A key typed text at `now`.
    pub fn typed(&mut self, now: Timestamp) {
        self.typed_at = Some(now);
    }

    /// A key that typed no text: a burst ends with it.
    pub fn broken(&mut self) {
        self.typed_at = None;
    }

    /// When a held key is settled by time alone (the event loop wakes the
    /// app then).
    pub fn due(&self) -> Option<Timestamp> {
        self.held
            .map(|(_, at)| at + self.window + SignedDuration::from_millis(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn at(ms: i64) -> Timestamp {
        Timestamp::UNIX_EPOCH + SignedDuration::from_millis(ms)
    }

    #[test]
    fn an_enter_right_after_text_is_part_of_a_paste_when_text_follows() {
        let mut b = Burst::default();
        b.typed(at(0));
        assert!(b.hold(key(KeyCode::Enter), at(1)));
        assert_eq!(b.settle(Next::Wake, at(5)), None, "still held");
        assert_eq!(
            b.settle(Next::Key(&key(KeyCode::Char('x'))), at(6)),
            Some(Settled::Text(KeyCode::Enter))
        );
        assert_eq!(b.due(), None);
    }

    #[test]
    fn an_enter_alone_is_the_key() {
        let mut b = Burst::default();
        // Typed slowly: not held at all.
        b.typed(at(0));
        assert!(!b.hold(key(KeyCode::Enter), at(100)));
        // Held, then nothing: the key, when its time is up.
        b.typed(at(200));
        assert!(b.hold(key(KeyCode::Enter), at(201)));
        assert_eq!(b.due(), Some(at(222)));
        assert_eq!(
            b.settle(Next::Wake, at(222)),
            Some(Settled::Key(key(KeyCode::Enter), at(201)))
        );
        // Held, then Ctrl-C or a stop: the key, at once.
        b.typed(at(300));
        assert!(b.hold(key(KeyCode::Enter), at(301)));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            b.settle(Next::Key(&ctrl_c), at(302)),
            Some(Settled::Key(key(KeyCode::Enter), at(301)))
        );
        b.typed(at(400));
        assert!(b.hold(key(KeyCode::Enter), at(401)));
        assert_eq!(
            b.settle(Next::Stop, at(402)),
            Some(Settled::Key(key(KeyCode::Enter), at(401)))
        );
        // A key that typed nothing ends the burst.
        b.typed(at(500));
        b.broken();
        assert!(!b.hold(key(KeyCode::Enter), at(501)));
    }

    #[test]
    fn a_fast_clock_has_a_longer_window() {
        let mut b = Burst::new(30.0);
        b.typed(at(0));
        assert!(b.hold(key(KeyCode::Enter), at(500)));
        assert_eq!(
            b.settle(Next::Paste, at(550)),
            Some(Settled::Text(KeyCode::Enter))
        );
        assert!(!Burst::new(30.0).hold(key(KeyCode::Enter), at(0)));
    }
}
