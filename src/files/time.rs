//! Times in files: RFC 3339 with an offset, years 0001–9999, read the
//! same way by every reader.

/// An instant read from a file, in nanoseconds since 1970-01-01T00:00Z;
/// any time of the years 0001–9999 (wider than what `jiff` can hold).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub i128);

impl Stamp {
    pub fn from_timestamp(t: jiff::Timestamp) -> Stamp {
        Stamp(t.as_nanosecond())
    }

    /// As a `jiff` instant, where it can hold it.
    pub fn to_timestamp(self) -> Option<jiff::Timestamp> {
        jiff::Timestamp::from_nanosecond(self.0).ok()
    }
}

/// A time as a file holds it: RFC 3339 with an offset, its text kept as
/// written (the offset says the writer's zone) and its instant known
/// exactly. Made only from a valid time ([`parse_time`]) or an instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeText {
    text: String,
    stamp: Stamp,
}

impl TimeText {
    /// `at` as RFC 3339 with `tz`'s offset, to the second:
    /// `2021-01-21T11:02:10+01:00` (the clock's times).
    pub fn new(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> TimeText {
        let at = jiff::Timestamp::from_second(at.as_second()).unwrap_or(at);
        TimeText::of(at, tz)
    }

    /// `at` as RFC 3339 with `tz`'s offset, to the millisecond:
    /// `2021-01-21T11:07:12.345+01:00` (a note's times).
    pub fn millis(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> TimeText {
        let at = jiff::Timestamp::from_millisecond(at.as_millisecond()).unwrap_or(at);
        TimeText::of(at, tz)
    }

    fn of(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> TimeText {
        TimeText {
            text: at.display_with_offset(tz.to_offset(at)).to_string(),
            stamp: Stamp::from_timestamp(at),
        }
    }

    /// Reads `text`: RFC 3339 as [`parse_time`] reads it, within what
    /// `jiff` computes with (the clock's times, which are counted from).
    pub fn parse(text: &str) -> Option<TimeText> {
        TimeText::read(text).filter(|t| t.stamp.to_timestamp().is_some())
    }

    /// Reads `text`: any time a file may hold, years 0001–9999 (a note's
    /// times, which are compared and shown, never counted from).
    pub fn read(text: &str) -> Option<TimeText> {
        Some(TimeText {
            text: text.to_string(),
            stamp: parse_time(text)?,
        })
    }

    /// A time a reader has checked already: its text and its instant.
    pub fn known(text: &str, stamp: Stamp) -> TimeText {
        TimeText {
            text: text.to_string(),
            stamp,
        }
    }

    /// The instant, exactly.
    pub fn stamp(&self) -> Stamp {
        self.stamp
    }

    /// The instant as `jiff` holds it: exact for a time made by
    /// [`TimeText::parse`] or from an instant; the nearest `jiff` holds
    /// for one of the last hours of the year 9999.
    pub fn at(&self) -> jiff::Timestamp {
        self.stamp.to_timestamp().unwrap_or(if self.stamp.0 < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset the time was written with (`Z`: UTC).
    pub fn offset(&self) -> jiff::tz::Offset {
        jiff::fmt::temporal::Pieces::parse(&self.text)
            .ok()
            .and_then(|p| p.offset())
            .map_or(jiff::tz::Offset::UTC, |o| match o {
                jiff::fmt::temporal::PiecesOffset::Numeric(n) => n.offset(),
                _ => jiff::tz::Offset::UTC,
            })
    }

    /// A time for a change of something last changed at `self`: `now`,
    /// or, when `now` is not later (a clock set back, two changes in one
    /// millisecond), a millisecond after `self` in `now`'s offset. The
    /// change is then always the newer copy, as a merge (the later time
    /// wins) must see it.
    pub fn later(&self, now: &TimeText) -> TimeText {
        if now.stamp > self.stamp {
            return now.clone();
        }
        match Stamp(self.stamp.0.saturating_add(1_000_000)).to_timestamp() {
            Some(ts) => TimeText::of(ts, &jiff::tz::TimeZone::fixed(now.offset())),
            None => now.clone(),
        }
    }
}

/// A time and a text are the same when the text is the time's text.
impl PartialEq<&str> for TimeText {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<str> for TimeText {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl std::fmt::Display for TimeText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for TimeText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for TimeText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TimeText, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        TimeText::parse(&text).ok_or_else(|| super::problem::refuse(super::Refusal::BadTime, &text))
    }
}

/// Reads an RFC 3339 time with an offset:
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, years 0001–9999, `T`/`t`
/// and `Z`/`z` as RFC 3339 allows. Anything else is `None`.
pub fn parse_time(s: &str) -> Option<Stamp> {
    let b = s.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1
        || !(1..=12).contains(&mo)
        || d < 1
        || d > month_days[(mo - 1) as usize]
        || h > 23
        || mi > 59
        || sec > 59
    {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0i64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = num(start..i)? * 10i64.pow(9 - digits as u32);
    }
    let offset = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' { -o } else { o }
        }
        _ => return None,
    };
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
    let (y, mo) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset;
    Some(Stamp(i128::from(secs) * 1_000_000_000 + i128::from(nanos)))
}

/// [`parse_time`] as a `jiff` instant, for the clock (which computes with
/// it); a time `jiff` cannot hold (the last hours of 9999) is none.
pub fn parse_timestamp(s: &str) -> Option<jiff::Timestamp> {
    parse_time(s)?.to_timestamp()
}

/// A time of day in whole minutes since midnight; `24:00` is allowed as an end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayTime(u16);

impl DayTime {
    pub const MIDNIGHT_END: DayTime = DayTime(24 * 60);

    pub fn from_minutes(m: u16) -> Option<DayTime> {
        (m <= 24 * 60).then_some(DayTime(m))
    }
    pub fn minutes(self) -> u16 {
        self.0
    }
    pub fn hour(self) -> u16 {
        self.0 / 60
    }
    pub fn minute(self) -> u16 {
        self.0 % 60
    }
    /// Parses `HH:MM` or `H:MM` (00:00–24:00).
    pub fn parse(s: &str) -> Option<DayTime> {
        let (h, m) = s.split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let h: u16 = h.parse().ok()?;
        let m: u16 = m.parse().ok()?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return None;
        }
        Some(DayTime(h * 60 + m))
    }
}

impl std::fmt::Display for DayTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_jiff_reads_them() {
        for s in [
            "2021-01-21T11:07:12+01:00",
            "2021-01-21T11:07:12.5+01:00",
            "2021-01-21T11:07:12.345+01:00",
            "2021-01-21T11:07:12.123456789-05:30",
            "2021-01-21T00:00:00Z",
            "2024-02-29T23:59:59+14:00",
            "1999-12-31T23:59:59.999Z",
            "2400-03-01T12:00:00+00:00",
            "0001-01-01T00:00:00Z",
            "2021-01-21t11:07:12z",
        ] {
            assert_eq!(
                parse_time(s).and_then(Stamp::to_timestamp),
                Some(s.parse::<jiff::Timestamp>().unwrap()),
                "{s}"
            );
        }
        for s in [
            "2021-02-29T11:07:12+01:00",
            "2021-01-21 11:07:12+01:00",
            "2021-01-21T24:00:00Z",
            "2021-01-21T11:07:12",
            "2021-01-21T11:07:12.+01:00",
            "2021-13-01T00:00:00Z",
            "2021-01-21T11:07:60Z",
            "2021-01-21T11:07:12+01:00:00",
            "2021-01-21T11:07:12.1234567890Z",
            "0000-01-01T00:00:00Z",
            "-002021-01-21T11:07:12Z",
            "+002021-01-21T11:07:12Z",
            "yesterday",
            "gisteren",
            "",
        ] {
            assert_eq!(parse_time(s), None, "{s}");
        }
    }

    #[test]
    fn every_year_up_to_9999_is_a_time() {
        let last = parse_time("9999-12-31T23:59:59.999999999-23:59").unwrap();
        let first = parse_time("0001-01-01T00:00:00+23:59").unwrap();
        assert!(first < last);
        // jiff cannot hold the very last hours; the clock says so.
        assert_eq!(last.to_timestamp(), None);
        assert!(parse_timestamp("9999-12-30T12:00:00Z").is_some());
    }
}
