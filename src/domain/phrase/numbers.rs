//! Reading a reason's numbers and saying them: whole numbers without a decimal point, one
//! decimal otherwise, singular or plural, and days relative to the plan's date.

use crate::domain::reason::NamedNumbers;
use chrono::{Days, NaiveDate};

/// A reason's named numbers.
#[derive(Debug, Clone, Copy)]
pub struct Numbers<'a>(pub &'a NamedNumbers);

impl Numbers<'_> {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.get(name).copied().filter(|x| x.is_finite())
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The number in words: "3", "2.5".
    pub fn said(&self, name: &str) -> Option<String> {
        self.get(name).map(one_decimal)
    }

    /// A whole number, e.g. a rung or a count (rounded).
    pub fn whole(&self, name: &str) -> Option<i64> {
        self.get(name).map(|x| x.round() as i64)
    }
}

/// "3", "2.5".
pub fn one_decimal(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// "1 rung", "2 rungs": `one` for exactly one, else `many`.
pub fn count(n: f64, one: &str, many: &str) -> String {
    let word = if n == 1.0 { one } else { many };
    format!("{} {word}", one_decimal(n))
}

/// Words for a past day relative to today: "yesterday", "2 days ago", "on 2026-03-02".
pub fn when(date: NaiveDate, today: NaiveDate) -> String {
    match (today - date).num_days() {
        0 => "today".into(),
        1 => "yesterday".into(),
        n @ 2..=6 => format!("{n} days ago"),
        _ => format!("on {date}"),
    }
}

/// The day `days_ago` days before `date` (after it when negative).
pub fn day_before(date: NaiveDate, days_ago: i64) -> Option<NaiveDate> {
    if days_ago >= 0 {
        date.checked_sub_days(Days::new(days_ago.unsigned_abs()))
    } else {
        date.checked_add_days(Days::new(days_ago.unsigned_abs()))
    }
}

/// `when` for a number of days before `date`.
pub fn ago(date: NaiveDate, days_ago: i64) -> Option<String> {
    day_before(date, days_ago).map(|day| when(day, date))
}
