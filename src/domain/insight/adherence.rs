//! Streak and adherence (Today) and days of each kind (History, report), all from the one day
//! classification. A streak counts back from today over days that are not missed; today counts
//! only once trained, so a day not done yet neither adds to nor breaks it.

use super::day::{DAYS_PER_WEEK, DayClassifier, DayKind};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Days looked back for adherence.
pub const ADHERENCE_DAYS: u32 = 14;

/// Days in a row that kept the streak since the current programme was chosen, ending today.
pub fn streak(days: &DayClassifier) -> u32 {
    let today = days.today();
    let Some(start) = days.choice_on(today).map(|c| c.start) else {
        return 0;
    };
    let mut day = today;
    if !days.trained(today) {
        match today.pred_opt() {
            Some(d) => day = d,
            None => return 0,
        }
    }
    let mut count = 0;
    while day >= start && days.kind(day).keeps_streak() {
        count += 1;
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    count
}

/// (days trained, sessions planned) over the last `ADHERENCE_DAYS` days up to yesterday, plus
/// today once trained; only since the current programme was chosen.
pub fn adherence(days: &DayClassifier) -> (u32, u32) {
    let today = days.today();
    let Some(start) = days.choice_on(today).map(|c| c.start) else {
        return (0, 0);
    };
    let first = today
        .checked_sub_days(Days::new(ADHERENCE_DAYS.into()))
        .unwrap_or(today)
        .max(start);
    let span = u32::try_from((today - first).num_days().max(0)).unwrap_or(0);
    let done_today = u32::from(days.trained(today));
    let done = first
        .iter_days()
        .take(span as usize)
        .filter(|d| days.trained(*d))
        .count() as u32
        + done_today;
    let planned = (span * days.per_week_on(today)).div_ceil(DAYS_PER_WEEK) + done_today;
    (done, planned)
}

/// Days of each kind, in `DayKind::ALL` order.
pub fn kind_counts(days: &BTreeMap<NaiveDate, DayKind>) -> [(DayKind, usize); 5] {
    DayKind::ALL.map(|kind| (kind, days.values().filter(|k| **k == kind).count()))
}
