//! Date arithmetic that cannot panic. A setting may ask for days far from today (a programme's
//! `plateau_weeks`, a config's `flare_window_days`); `NaiveDate + Days` panics past the calendar's
//! ends, so the coach counts with these instead: past an end, the end (never reached in practice,
//! and "never" is what such a far day means).

use chrono::{Days, NaiveDate};

/// `n` days after `day`, or the last day chrono knows.
pub fn after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// `n` days before `day`, or the first day chrono knows.
pub fn before(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_ends_are_where_counting_stops() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(after(day, 1), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(
            before(day, 1),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert_eq!(after(day, u64::MAX), NaiveDate::MAX);
        assert_eq!(before(day, u64::from(u32::MAX) * 7), NaiveDate::MIN);
        assert_eq!(after(NaiveDate::MAX, 1), NaiveDate::MAX);
    }
}
