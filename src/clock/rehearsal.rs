//! Real and virtual time. A rehearsal (`--at HH:MM`, `--speed N`) maps the
//! real clock onto a virtual one; everything else only ever sees the
//! virtual instant, so rehearsals and real meetings share every code path.

use jiff::{SignedDuration, Timestamp};

/// Maps real instants to the clock's (possibly virtual) instants:
/// virtual = anchor_virtual + (real − anchor_real) × speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeSource {
    anchor_real: Timestamp,
    anchor_virtual: Timestamp,
    speed: f64,
}

impl TimeSource {
    /// The real clock, unchanged.
    pub fn real() -> TimeSource {
        TimeSource {
            anchor_real: Timestamp::UNIX_EPOCH,
            anchor_virtual: Timestamp::UNIX_EPOCH,
            speed: 1.0,
        }
    }

    /// A rehearsal: at real instant `real` the virtual clock reads
    /// `virtual_now`, and from then on runs `speed` times as fast.
    pub fn rehearsal(real: Timestamp, virtual_now: Timestamp, speed: f64) -> TimeSource {
        TimeSource {
            anchor_real: real,
            anchor_virtual: virtual_now,
            // A speed no clock file may hold (see `ClockDoc::parse`) never
            // gets here from one; from anywhere else it is made harmless.
            speed: if speed.is_finite() && speed > 0.0 {
                speed.min(super::document::MAX_SPEED)
            } else {
                1.0
            },
        }
    }

    pub fn is_rehearsal(&self) -> bool {
        self.anchor_real != self.anchor_virtual || self.speed != 1.0
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    fn scale(&self, d: SignedDuration, factor: f64) -> SignedDuration {
        let saturated = |positive: bool| {
            if positive {
                SignedDuration::MAX
            } else {
                SignedDuration::MIN
            }
        };
        if factor.fract() == 0.0 && factor.abs() < 1e6 {
            // Exact for whole speeds, so a rehearsal replays to the nanosecond.
            let nanos = d.as_nanos().saturating_mul(factor as i128);
            SignedDuration::try_from_nanos_i128(nanos).unwrap_or_else(|| saturated(nanos > 0))
        } else {
            let secs = d.as_secs_f64() * factor;
            SignedDuration::try_from_secs_f64(secs).unwrap_or_else(|_| saturated(secs > 0.0))
        }
    }

    /// The clock's instant at real instant `real`.
    pub fn virtual_at(&self, real: Timestamp) -> Timestamp {
        let elapsed = real - self.anchor_real;
        self.anchor_virtual
            .checked_add(self.scale(elapsed, self.speed))
            .unwrap_or(self.anchor_virtual)
    }

    /// How much real time passes while the clock advances by `d`.
    pub fn real_duration(&self, d: SignedDuration) -> SignedDuration {
        if self.speed == 1.0 {
            d
        } else {
            let secs = d.as_secs_f64() / self.speed;
            SignedDuration::try_from_secs_f64(secs).unwrap_or(if secs > 0.0 {
                SignedDuration::MAX
            } else {
                SignedDuration::MIN
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_time_is_unchanged() {
        let t: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        assert_eq!(TimeSource::real().virtual_at(t), t);
        assert!(!TimeSource::real().is_rehearsal());
    }

    #[test]
    fn rehearsal_runs_fast_from_its_anchor() {
        let real: Timestamp = "2026-11-24T15:00:00Z".parse().unwrap();
        let virt: Timestamp = "2026-11-24T09:08:00Z".parse().unwrap();
        let ts = TimeSource::rehearsal(real, virt, 30.0);
        assert!(ts.is_rehearsal());
        assert_eq!(ts.virtual_at(real), virt);
        let later = real + SignedDuration::from_secs(2);
        assert_eq!(ts.virtual_at(later), virt + SignedDuration::from_secs(60));
        assert_eq!(
            ts.real_duration(SignedDuration::from_secs(60)),
            SignedDuration::from_secs(2)
        );
    }

    #[test]
    fn nonsense_speeds_fall_back_to_real_speed() {
        let t = Timestamp::UNIX_EPOCH;
        assert_eq!(TimeSource::rehearsal(t, t, f64::NAN).speed(), 1.0);
        assert_eq!(TimeSource::rehearsal(t, t, -3.0).speed(), 1.0);
    }
}
