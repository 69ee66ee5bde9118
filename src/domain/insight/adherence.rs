//! Streak and adherence (Today) and days of each kind (History, report), all from the one day
//! classification. A streak counts back from today over days that are not missed; today counts
//! only once trained, so a day not done yet neither adds to nor breaks it. Partial days (some
//! sets, not all) keep a streak and count as trained, and are counted apart so Today can say
//! how many of them there were: one set out of 27 is not shown as a full day.

use super::day::{DAYS_PER_WEEK, DayClassifier, DayKind};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Days looked back for adherence.
pub const ADHERENCE_DAYS: u32 = 14;

/// Days in a row that kept the streak since the current programme was chosen, ending today.
pub fn streak(days: &DayClassifier) -> u32 {
    streak_days(days).count() as u32
}

/// How many of the streak's days were partial.
pub fn streak_partial(days: &DayClassifier) -> u32 {
    streak_days(days)
        .filter(|d| days.trained_partly(*d))
        .count() as u32
}

/// The days of the streak, newest first.
fn streak_days<'d>(days: &'d DayClassifier) -> impl Iterator<Item = NaiveDate> + 'd {
    let today = days.today();
    let start = days.choice_on(today).map(|c| c.start);
    let first = if days.trained(today) {
        Some(today)
    } else {
        today.pred_opt()
    };
    std::iter::successors(first, |d| d.pred_opt())
        .take_while(move |d| start.is_some_and(|s| *d >= s) && days.kind(*d).keeps_streak())
}

/// Of the days trained in the adherence window (see `adherence`), those that were partial.
pub fn adherence_partial(days: &DayClassifier) -> u32 {
    adherence_window(days)
        .filter(|d| days.trained_partly(*d))
        .count() as u32
}

/// The days `adherence` looks at: the last `ADHERENCE_DAYS` up to yesterday, plus today once
/// trained; only since the current programme was chosen.
fn adherence_window<'d>(days: &'d DayClassifier) -> impl Iterator<Item = NaiveDate> + 'd {
    let today = days.today();
    let start = days.choice_on(today).map(|c| c.start);
    let first = today
        .checked_sub_days(Days::new(ADHERENCE_DAYS.into()))
        .unwrap_or(today);
    let first = start.map_or(today, |s| first.max(s));
    first
        .iter_days()
        .take_while(move |d| *d < today || (*d == today && days.trained(today)))
        .filter(move |_| start.is_some())
}

/// (days with a full session, sessions planned) over the last `ADHERENCE_DAYS` days up to
/// yesterday, plus today once trained; only since the current programme was chosen. Partial
/// days are not full sessions: `adherence_partial` counts them.
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
    let done = adherence_window(days)
        .filter(|d| days.trained(*d) && !days.trained_partly(*d))
        .count() as u32;
    let planned =
        (span * days.per_week_on(today)).div_ceil(DAYS_PER_WEEK) + u32::from(days.trained(today));
    (done, planned)
}

/// Days of each kind, in `DayKind::ALL` order.
pub fn kind_counts(days: &BTreeMap<NaiveDate, DayKind>) -> [(DayKind, usize); 5] {
    DayKind::ALL.map(|kind| (kind, days.values().filter(|k| **k == kind).count()))
}
