//! The shell's clock: the instant for timers and the local calendar day for the plan. The app
//! never reads the clock itself; the event loop asks this on every turn and passes both in.

use chrono::{DateTime, Local, NaiveDate, TimeZone};
use std::time::{Duration, Instant};

pub trait Clock {
    /// Monotonic time, for countdowns.
    fn instant(&self) -> Instant;
    /// The calendar day the app acts on.
    fn today(&self) -> NaiveDate;
    /// How long until `today` next changes; `None` when it never does (a pinned day).
    fn until_next_day(&self) -> Option<Duration>;
}

/// The real clock in local time; `--date` pins the day (backfilling a past day all session).
pub struct SystemClock {
    pub pinned: Option<NaiveDate>,
}

impl Clock for SystemClock {
    fn instant(&self) -> Instant {
        Instant::now()
    }

    fn today(&self) -> NaiveDate {
        self.pinned.unwrap_or_else(|| Local::now().date_naive())
    }

    fn until_next_day(&self) -> Option<Duration> {
        match self.pinned {
            Some(_) => None,
            None => until_next_midnight(Local::now()),
        }
    }
}

/// Time from `now` to the start of the next calendar day in `now`'s zone. Where a daylight-saving
/// change skips local midnight, the day starts at the first instant after it that exists.
pub fn until_next_midnight<Tz: TimeZone>(now: DateTime<Tz>) -> Option<Duration> {
    let tomorrow = now.date_naive().succ_opt()?;
    let zone = now.timezone();
    let start = (0..=MAX_DST_GAP_HOURS).find_map(|hour| {
        let local = tomorrow.and_hms_opt(hour, 0, 0)?;
        zone.from_local_datetime(&local).earliest()
    })?;
    (start - now).to_std().ok()
}

/// The longest span of local time a daylight-saving change skips is one or two hours.
const MAX_DST_GAP_HOURS: u32 = 3;

/// How long the event loop may sleep: until the running timer's next deadline or the day
/// changes, whichever is first, and never longer than `idle` (input wakes it anyway).
pub fn wait(
    now: Instant,
    timer: Option<Instant>,
    until_next_day: Option<Duration>,
    idle: Duration,
) -> Duration {
    let timer = timer.map(|d| d.saturating_duration_since(now));
    [timer, until_next_day]
        .into_iter()
        .flatten()
        .fold(idle, Duration::min)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Utc};

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn midnight_is_measured_in_the_clocks_own_zone() {
        let utc = Utc.with_ymd_and_hms(2026, 3, 16, 23, 59, 30).single();
        assert_eq!(
            utc.and_then(until_next_midnight),
            Some(Duration::from_secs(30))
        );
        // 22:00 UTC is 23:00 at +01:00: an hour to that zone's midnight.
        let paris = FixedOffset::east_opt(3600)
            .and_then(|z| z.with_ymd_and_hms(2026, 3, 16, 23, 0, 0).single());
        assert_eq!(paris.and_then(until_next_midnight), Some(HOUR));
        let just_after = Utc.with_ymd_and_hms(2026, 3, 17, 0, 0, 0).single();
        assert_eq!(
            just_after.and_then(until_next_midnight),
            Some(24 * HOUR),
            "at midnight itself the next change is a day away"
        );
    }

    #[test]
    fn the_loop_sleeps_until_the_first_deadline() {
        let now = Instant::now();
        let idle = 10 * HOUR;
        let second = Some(now + Duration::from_millis(400));
        assert_eq!(wait(now, None, None, idle), idle);
        assert_eq!(wait(now, None, Some(HOUR), idle), HOUR);
        assert_eq!(
            wait(now, second, Some(HOUR), idle),
            Duration::from_millis(400)
        );
        assert_eq!(
            wait(now, Some(now + 2 * HOUR), Some(HOUR), idle),
            HOUR,
            "midnight comes before a timer two hours away"
        );
        assert_eq!(
            wait(now + HOUR, second, None, idle),
            Duration::ZERO,
            "a deadline already passed wakes at once"
        );
        assert_eq!(wait(now, None, Some(20 * HOUR), idle), idle);
    }

    #[test]
    fn a_pinned_day_never_changes() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1);
        let clock = SystemClock { pinned: day };
        assert_eq!(Some(clock.today()), day);
        assert_eq!(clock.until_next_day(), None);
    }
}
