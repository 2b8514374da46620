//! What the host's screen tells the room by itself: a flash of the header
//! (reverse video for a few seconds, then steady) and the bell, when the
//! lead sends a new message, when the breakout has two minutes left and
//! when its time is up.
//!
//! Pure: it is shown the lead's clock and the time, and says what to
//! flash. Time comes from the caller's clock (never a count of ticks); the
//! flash ends at an instant that the event loop wakes for.

use jiff::{SignedDuration, Timestamp};

use crate::clock::{ClockDoc, Countdown};
use crate::programme::BlockKind;

/// How long the header stays in reverse video.
pub const FLASH: SignedDuration = SignedDuration::from_secs(6);
/// From here on the breakout's time is nearly up.
pub const CLOSING: SignedDuration = SignedDuration::from_secs(120);

/// Why the header flashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flash {
    /// The lead sent a new message.
    Message,
    /// The breakout has two minutes left.
    TwoMinutes,
    /// The breakout's time is up.
    TimeUp,
}

/// How far the running breakout's time has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Plenty,
    Closing,
    Up,
}

/// What the host's screen remembers to tell what is new; it goes with the
/// host from room to room and round to round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alerts {
    /// Whether a flash rings the terminal's bell too.
    pub bell: bool,
    /// Why the header flashes now (most urgent last), and until when.
    flashing: Vec<Flash>,
    until: Option<Timestamp>,
    /// The latest message of the lead shown (when it was sent).
    message: Option<Timestamp>,
    /// The running breakout (its id or place, and when it started) and
    /// how far its time had come when last looked at.
    time: Option<(String, Stage)>,
}

impl Default for Alerts {
    fn default() -> Alerts {
        Alerts {
            bell: true,
            flashing: Vec::new(),
            until: None,
            message: None,
            time: None,
        }
    }
}

impl Alerts {
    /// Alerts that take the message sent at `shown` as seen already (the
    /// room file's receipt): a restart does not flash it again.
    pub fn seen(mut self, shown: Option<Timestamp>) -> Alerts {
        if self.message.is_none() {
            self.message = shown;
        }
        self
    }

    /// Looks at the lead's clock at `now` (the host's real time): what
    /// newly calls for a flash. A message is new when it was sent at
    /// another time than the last one shown; the two minutes and the end
    /// of a breakout count when its time gets there while the host looks
    /// (a host that opens a room with one minute left sees the time in
    /// words, not a flash). A flash that starts adds to one still on.
    pub fn look(&mut self, clock: Option<&ClockDoc>, now: Timestamp) -> Vec<Flash> {
        let mut new = Vec::new();
        if let Some(m) = clock.and_then(|c| c.message.as_ref()) {
            let sent = m.at.at();
            if self.message != Some(sent) {
                self.message = Some(sent);
                new.push(Flash::Message);
            }
        }
        let time = clock.and_then(|c| {
            let block = c.block.as_ref().filter(|b| b.kind == BlockKind::Breakout)?;
            let stage = match c.countdown(now)? {
                Countdown::Left(left) if left > CLOSING => Stage::Plenty,
                Countdown::Left(_) => Stage::Closing,
                Countdown::Over(_) => Stage::Up,
            };
            let which = block.id.clone().unwrap_or_else(|| block.index.to_string());
            Some((format!("{which}@{}", block.started.as_str()), stage))
        });
        if let (Some((was_block, was)), Some((block, stage))) = (&self.time, &time)
            && was_block == block
            && stage > was
        {
            new.push(match stage {
                Stage::Closing => Flash::TwoMinutes,
                _ => Flash::TimeUp,
            });
        }
        self.time = time;
        if !new.is_empty() {
            // Time up says more than two minutes left (a rehearsal gets
            // from one to the other within a flash).
            let up = new.contains(&Flash::TimeUp);
            self.flashing
                .retain(|f| !(new.contains(f) || up && *f == Flash::TwoMinutes));
            self.flashing.extend(&new);
            self.flashing.sort();
            self.until = Some(now + FLASH);
        }
        self.expire(now);
        new
    }

    /// Forgets a flash whose time is over.
    pub fn expire(&mut self, now: Timestamp) {
        if self.until.is_some_and(|u| now >= u) {
            self.until = None;
            self.flashing.clear();
        }
    }

    /// Why the header flashes at `now` (none once the flash is over).
    pub fn flashing(&self, now: Timestamp) -> &[Flash] {
        match self.until {
            Some(u) if now < u => &self.flashing,
            _ => &[],
        }
    }

    /// When the flash ends, while it is on.
    pub fn until(&self) -> Option<Timestamp> {
        self.until
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        format!("2021-01-21T{s}+01:00").parse().unwrap()
    }

    fn clock(message: Option<&str>, end: &str) -> ClockDoc {
        let message = message.map_or("null".into(), |at| {
            format!(r#"{{"text":"Nog 5 minuten","at":"2021-01-21T{at}+01:00"}}"#)
        });
        let json = format!(
            r#"{{"format":"oogst-clock","version":1,"session":"s",
            "block":{{"index":4,"id":"samen","kind":"breakout","title":"Samen",
              "started":"2021-01-21T11:00:00+01:00","planned_end":"2021-01-21T{end}+01:00",
              "projected_end":"2021-01-21T{end}+01:00"}},
            "paused":false,"message":{message},"written":"2021-01-21T11:00:00+01:00","rehearsal":null}}"#
        );
        ClockDoc::parse(&json, "clock.json").unwrap()
    }

    #[test]
    fn a_new_message_flashes_once_and_the_flash_ends() {
        let mut a = Alerts::default();
        let c = clock(Some("11:30:00"), "12:00:00");
        assert_eq!(a.look(Some(&c), at("11:30:01")), [Flash::Message]);
        assert_eq!(a.flashing(at("11:30:03")), [Flash::Message]);
        assert_eq!(a.look(Some(&c), at("11:30:02")), []);
        assert_eq!(a.flashing(at("11:30:07")), []);
        assert_eq!(a.until(), Some(at("11:30:07")));
        a.expire(at("11:30:07"));
        assert_eq!(a.until(), None);
        // Another message (another time) is new.
        let c2 = clock(Some("11:40:00"), "12:00:00");
        assert_eq!(a.look(Some(&c2), at("11:40:01")), [Flash::Message]);
    }

    #[test]
    fn a_message_seen_before_a_restart_does_not_flash() {
        let mut a = Alerts::default().seen(Some(at("11:30:00")));
        let c = clock(Some("11:30:00"), "12:00:00");
        assert_eq!(a.look(Some(&c), at("11:35:00")), []);
    }

    #[test]
    fn two_minutes_and_time_up_flash_when_the_time_gets_there() {
        let mut a = Alerts::default();
        let c = clock(None, "12:00:00");
        assert_eq!(a.look(Some(&c), at("11:57:59")), []);
        assert_eq!(a.look(Some(&c), at("11:58:00")), [Flash::TwoMinutes]);
        assert_eq!(a.look(Some(&c), at("11:58:30")), []);
        assert_eq!(a.look(Some(&c), at("12:00:00")), [Flash::TimeUp]);
        assert_eq!(a.flashing(at("12:00:01")), [Flash::TimeUp]);
        assert_eq!(a.look(Some(&c), at("12:05:00")), []);
        // Extended: the lead gives five more minutes; the two minutes
        // and the end come again.
        let later = clock(None, "12:10:00");
        assert_eq!(a.look(Some(&later), at("12:05:01")), []);
        assert_eq!(a.look(Some(&later), at("12:08:00")), [Flash::TwoMinutes]);
    }

    #[test]
    fn time_up_within_the_two_minutes_flash_says_time_up_only() {
        // A rehearsal at speed 30 gets from two minutes left to time up
        // in four seconds, within the two minutes' flash.
        let mut a = Alerts::default();
        let c = clock(None, "12:00:00");
        assert_eq!(a.look(Some(&c), at("11:57:00")), []);
        assert_eq!(a.look(Some(&c), at("11:59:57")), [Flash::TwoMinutes]);
        assert_eq!(a.look(Some(&c), at("12:00:00")), [Flash::TimeUp]);
        assert_eq!(a.flashing(at("12:00:01")), [Flash::TimeUp]);
    }

    #[test]
    fn a_host_that_arrives_late_sees_words_not_a_flash() {
        let mut a = Alerts::default();
        let c = clock(None, "12:00:00");
        assert_eq!(a.look(Some(&c), at("11:59:00")), []);
        assert_eq!(a.look(Some(&c), at("12:01:00")), [Flash::TimeUp]);
        let mut b = Alerts::default();
        assert_eq!(b.look(Some(&c), at("12:01:00")), []);
        assert_eq!(b.look(None, at("12:01:01")), []);
    }

    #[test]
    fn a_shortened_block_jumps_straight_to_time_up() {
        let mut a = Alerts::default();
        assert_eq!(a.look(Some(&clock(None, "12:00:00")), at("11:50:00")), []);
        assert_eq!(
            a.look(Some(&clock(None, "11:49:00")), at("11:50:01")),
            [Flash::TimeUp]
        );
    }

    #[test]
    fn flashes_at_once_are_shown_together() {
        let mut a = Alerts::default();
        assert_eq!(a.look(Some(&clock(None, "12:00:00")), at("11:57:00")), []);
        let c = clock(Some("11:58:00"), "12:00:00");
        assert_eq!(
            a.look(Some(&c), at("11:58:00")),
            [Flash::Message, Flash::TwoMinutes]
        );
        assert_eq!(
            a.flashing(at("11:58:01")),
            [Flash::Message, Flash::TwoMinutes]
        );
    }
}
