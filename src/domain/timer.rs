//! Countdown timers as deadlines on the monotonic clock. The display is derived from
//! `deadline - now` every time it is read, so it cannot drift, and pausing stores the exact
//! remaining time. The caller passes `now` in: nothing here reads the clock.

use std::time::{Duration, Instant};

/// One second, the unit the countdown shows.
const SECOND: Duration = Duration::from_secs(1);

/// A countdown that is either running toward a deadline or paused with time left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    Running {
        deadline: Instant,
        /// The full length including extensions (for progress bars).
        total: Duration,
    },
    Paused {
        remaining: Duration,
        total: Duration,
    },
}

impl Countdown {
    /// A countdown of `length` starting at `now`.
    pub fn start(now: Instant, length: Duration) -> Countdown {
        Countdown::Running {
            deadline: now + length,
            total: length,
        }
    }

    /// Exact time left (zero once the deadline has passed).
    pub fn remaining(&self, now: Instant) -> Duration {
        match *self {
            Countdown::Running { deadline, .. } => deadline.saturating_duration_since(now),
            Countdown::Paused { remaining, .. } => remaining,
        }
    }

    /// Whole seconds shown: the time left rounded up, so the full length shows at the start and
    /// 0 appears exactly at the deadline, never a second early.
    pub fn display_secs(&self, now: Instant) -> u64 {
        ceil_secs(self.remaining(now))
    }

    /// True once no time is left.
    pub fn is_done(&self, now: Instant) -> bool {
        self.remaining(now).is_zero()
    }

    pub fn total(&self) -> Duration {
        match *self {
            Countdown::Running { total, .. } | Countdown::Paused { total, .. } => total,
        }
    }

    /// The deadline while running.
    pub fn deadline(&self) -> Option<Instant> {
        match *self {
            Countdown::Running { deadline, .. } => Some(deadline),
            Countdown::Paused { .. } => None,
        }
    }

    /// The next instant the displayed number changes (a whole-second boundary before the
    /// deadline, or the deadline itself), so a caller can sleep until then. None when paused or
    /// done.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        let deadline = self.deadline()?;
        let shown = self.display_secs(now);
        if shown == 0 {
            return None;
        }
        // The display drops from `shown` to `shown - 1` when exactly `shown - 1` seconds are left.
        let left_then = Duration::from_secs(shown - 1);
        deadline.checked_sub(left_then)
    }

    /// Fraction of the countdown already gone, 0.0 to 1.0.
    pub fn elapsed_fraction(&self, now: Instant) -> f64 {
        let total = self.total();
        if total.is_zero() {
            return 1.0;
        }
        let gone = total.saturating_sub(self.remaining(now));
        (gone.as_secs_f64() / total.as_secs_f64()).clamp(0.0, 1.0)
    }

    /// Stop the clock, keeping exactly the time left.
    pub fn pause(&mut self, now: Instant) {
        if let Countdown::Running { total, .. } = *self {
            *self = Countdown::Paused {
                remaining: self.remaining(now),
                total,
            };
        }
    }

    /// Start the clock again with exactly the time that was left.
    pub fn resume(&mut self, now: Instant) {
        if let Countdown::Paused { remaining, total } = *self {
            *self = Countdown::Running {
                deadline: now + remaining,
                total,
            };
        }
    }

    /// Add time (e.g. +15 s of rest).
    pub fn extend(&mut self, by: Duration) {
        match self {
            Countdown::Running { deadline, total } => {
                *deadline += by;
                *total += by;
            }
            Countdown::Paused { remaining, total } => {
                *remaining += by;
                *total += by;
            }
        }
    }

    /// Take `by` off the time left, keeping at least a second (or what was left, if less):
    /// shortening never ends the countdown, so its end still comes as the deadline.
    pub fn shorten(&mut self, by: Duration, now: Instant) {
        let left = self.remaining(now);
        let new_left = left.saturating_sub(by).max(left.min(SECOND));
        let cut = left - new_left;
        match self {
            Countdown::Running { deadline, total } => {
                *deadline -= cut;
                *total = total.saturating_sub(cut);
            }
            Countdown::Paused { remaining, total } => {
                *remaining = new_left;
                *total = total.saturating_sub(cut);
            }
        }
    }

    /// End now: no time left.
    pub fn cut_short(&mut self, now: Instant) {
        match self {
            Countdown::Running { deadline, .. } => *deadline = now.min(*deadline),
            Countdown::Paused { remaining, .. } => *remaining = Duration::ZERO,
        }
    }
}

/// Seconds rounded up.
pub fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// "0:23", "12:05" for a number of seconds.
pub fn clock_text(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Whole seconds of a duration, rounded to the nearest second (for "seconds actually done").
pub fn round_secs(d: Duration) -> u32 {
    let rounded = (d + SECOND / 2).as_secs();
    u32::try_from(rounded).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn shows_full_length_at_start_and_zero_exactly_at_deadline() {
        let t0 = Instant::now();
        let c = Countdown::start(t0, Duration::from_secs(3));
        assert_eq!(c.display_secs(t0), 3);
        assert_eq!(c.display_secs(t0 + ms(1)), 3);
        assert_eq!(c.display_secs(t0 + ms(1000)), 2);
        assert_eq!(c.display_secs(t0 + ms(2999)), 1);
        assert!(!c.is_done(t0 + ms(2999)));
        assert_eq!(c.display_secs(t0 + ms(3000)), 0);
        assert!(c.is_done(t0 + ms(3000)));
    }

    #[test]
    fn next_change_is_the_next_second_boundary() {
        let t0 = Instant::now();
        let c = Countdown::start(t0, Duration::from_secs(3));
        assert_eq!(c.next_change(t0), Some(t0 + ms(1000)));
        assert_eq!(c.next_change(t0 + ms(1500)), Some(t0 + ms(2000)));
        assert_eq!(c.next_change(t0 + ms(2000)), Some(t0 + ms(3000)));
        assert_eq!(c.next_change(t0 + ms(3000)), None);
        let mut p = c;
        p.pause(t0);
        assert_eq!(p.next_change(t0), None);
    }

    #[test]
    fn extend_and_cut_short() {
        let t0 = Instant::now();
        let mut c = Countdown::start(t0, Duration::from_secs(10));
        c.extend(Duration::from_secs(15));
        assert_eq!(c.display_secs(t0), 25);
        assert_eq!(c.total(), Duration::from_secs(25));
        c.cut_short(t0 + ms(100));
        assert!(c.is_done(t0 + ms(100)));
    }

    #[test]
    fn shorten_takes_time_off_but_never_ends_the_countdown() {
        let t0 = Instant::now();
        let mut c = Countdown::start(t0, Duration::from_secs(30));
        c.shorten(Duration::from_secs(15), t0);
        assert_eq!(c.display_secs(t0), 15);
        assert_eq!(c.total(), Duration::from_secs(15));
        c.shorten(Duration::from_secs(15), t0);
        assert_eq!(c.remaining(t0), Duration::from_secs(1));
        assert!(!c.is_done(t0));
        let mut paused = Countdown::start(t0, ms(500));
        paused.pause(t0);
        paused.shorten(Duration::from_secs(15), t0);
        assert_eq!(paused.remaining(t0), ms(500));
    }

    #[test]
    fn clock_text_pads_seconds() {
        assert_eq!(clock_text(23), "0:23");
        assert_eq!(clock_text(725), "12:05");
        assert_eq!(round_secs(ms(1499)), 1);
        assert_eq!(round_secs(ms(1500)), 2);
    }

    proptest! {
        #[test]
        fn display_never_increases_while_running(
            length_ms in 0u64..200_000,
            mut steps in proptest::collection::vec(0u64..250_000, 1..40),
        ) {
            let t0 = Instant::now();
            let c = Countdown::start(t0, ms(length_ms));
            steps.sort_unstable();
            let mut last = c.display_secs(t0);
            prop_assert_eq!(last, ceil_secs(ms(length_ms)));
            for s in steps {
                let shown = c.display_secs(t0 + ms(s));
                prop_assert!(shown <= last);
                last = shown;
            }
        }

        #[test]
        fn reaches_zero_exactly_at_the_deadline(length_ms in 1u64..200_000) {
            let t0 = Instant::now();
            let c = Countdown::start(t0, ms(length_ms));
            let deadline = t0 + ms(length_ms);
            prop_assert_eq!(c.display_secs(deadline), 0);
            prop_assert!(c.display_secs(deadline - Duration::from_nanos(1)) >= 1);
        }

        #[test]
        fn next_change_really_changes_the_display(length_ms in 1u64..100_000, at_ms in 0u64..100_000) {
            let t0 = Instant::now();
            let c = Countdown::start(t0, ms(length_ms));
            let now = t0 + ms(at_ms.min(length_ms - 1));
            let change = c.next_change(now);
            prop_assert!(change.is_some());
            if let Some(change) = change {
                prop_assert!(change > now);
                prop_assert_eq!(c.display_secs(change) + 1, c.display_secs(now));
                prop_assert_eq!(c.display_secs(change - Duration::from_nanos(1)), c.display_secs(now));
            }
        }

        #[test]
        fn pause_and_resume_keep_the_remaining_time_exactly(
            length_ms in 1u64..200_000,
            pause_at in 0u64..200_000,
            paused_for in 0u64..1_000_000,
        ) {
            let t0 = Instant::now();
            let mut c = Countdown::start(t0, ms(length_ms));
            let paused = t0 + ms(pause_at);
            let before = c.remaining(paused);
            c.pause(paused);
            prop_assert_eq!(c.remaining(paused + ms(paused_for)), before);
            let resumed = paused + ms(paused_for);
            c.resume(resumed);
            prop_assert_eq!(c.remaining(resumed), before);
        }
    }
}
