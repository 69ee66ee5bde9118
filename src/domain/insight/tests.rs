//! The day classification, streak and adherence, table by table (moved from Today's stats and
//! the history insight).

use super::test_history::{PROGRAMME, day, quick_programme, sample, with_flares, with_partial};
use super::*;
use crate::domain::history::History;
use crate::domain::programme::Programme;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

/// A programme `PROGRAMME` planning `per_week` sessions a week.
fn programme(per_week: u32) -> Programme {
    let mut p = quick_programme(per_week);
    p.id = PROGRAMME.into();
    p
}

fn with<T>(h: &History, per_week: u32, today: NaiveDate, f: impl Fn(&DayClassifier) -> T) -> T {
    let p = programme(per_week);
    let lookup = |id: &str| (id == p.id).then_some(&p);
    f(&DayClassifier::new(
        h,
        &CoachSettings::default(),
        &lookup,
        today,
    ))
}

#[test]
fn daily_streak_breaks_on_a_missed_day() {
    let h = with_flares(&[1, 2, 4, 5], &[]);
    assert_eq!(with(&h, 7, day(5), streak), 2);
    assert_eq!(with(&h, 7, day(5), |d| d.kind(day(3))), DayKind::Missed);
}

#[test]
fn today_not_done_yet_does_not_break() {
    let h = with_flares(&[1, 2, 3], &[]);
    assert_eq!(with(&h, 7, day(4), streak), 3);
    assert_eq!(with(&h, 7, day(4), |d| d.kind(day(4))), DayKind::Rest);
}

#[test]
fn flare_day_keeps_the_streak() {
    let h = with_flares(&[1, 2, 4], &[3]);
    assert_eq!(with(&h, 7, day(4), |d| d.kind(day(3))), DayKind::Flare);
    assert_eq!(with(&h, 7, day(4), streak), 4);
}

#[test]
fn a_flare_wins_over_a_session_done_that_day() {
    let h = with_flares(&[1, 2, 3], &[2]);
    assert_eq!(with(&h, 7, day(4), |d| d.kind(day(2))), DayKind::Flare);
    assert!(with(&h, 7, day(4), |d| d.trained(day(2))));
    assert_eq!(with(&h, 7, day(4), adherence), (3, 3));
}

#[test]
fn rest_days_of_a_three_a_week_plan_keep_the_streak() {
    // Sun 1 (chosen), Mon 2, Wed 4, Fri 6, Mon 9 (March 2026): 4 idle days a week are allowed.
    let h = with_flares(&[2, 4, 6, 9], &[]);
    assert_eq!(with(&h, 3, day(9), |d| d.kind(day(8))), DayKind::Rest);
    assert_eq!(with(&h, 3, day(9), streak), 9);
    // A fifth idle day in a week is missed.
    let h = with_flares(&[2], &[]);
    assert_eq!(with(&h, 3, day(8), |d| d.kind(day(7))), DayKind::Missed);
}

#[test]
fn adherence_counts_planned_sessions_since_start() {
    let h = with_flares(&[1, 2, 4], &[]);
    assert_eq!(with(&h, 7, day(5), adherence), (3, 4));
    assert_eq!(with(&h, 7, day(4), adherence), (3, 4));
}

#[test]
fn an_unknown_programme_plans_every_day() {
    let h = with_flares(&[1, 3], &[]);
    let none = |_: &str| None;
    let days = DayClassifier::new(&h, &CoachSettings::default(), &none, day(4));
    assert_eq!(days.per_week_on(day(2)), 7);
    assert_eq!(days.kind(day(2)), DayKind::Missed);
}

#[test]
fn days_before_any_programme_are_rest() {
    let h = with_flares(&[1], &[]);
    let days = DayClassifier::new(&h, &CoachSettings::default(), &|_| None, day(4));
    assert_eq!(days.kind(day(1).pred_opt().unwrap()), DayKind::Rest);
}

#[test]
fn sample_days_cover_every_kind() {
    // The sample rests every seventh day: with six sessions a week that is a rest day, and the
    // skipped session's day (nothing logged) is the second idle day of its week: missed.
    let h = sample(90);
    let quick = quick_programme(6);
    let lookup = |id: &str| (id == quick.id).then_some(&quick);
    let until = h.last_day.unwrap();
    let today = until.succ_opt().unwrap();
    let days = DayClassifier::new(&h, &CoachSettings::default(), &lookup, today).days_until(until);
    assert_eq!(days.len(), 90);
    for (kind, count) in kind_counts(&days) {
        assert!(count > 0, "no {kind:?} day");
    }
}

#[test]
fn a_session_with_nothing_logged_is_not_training() {
    let h = sample(90);
    let skipped = h
        .sessions
        .iter()
        .find(|s| session_outcome(s) == SessionOutcome::NothingDone)
        .expect("the sample skips one session");
    let days = DayClassifier::new(&h, &CoachSettings::default(), &|_| None, skipped.date);
    assert!(!days.trained(skipped.date));
}

#[test]
fn a_partial_day_keeps_the_streak_but_is_not_a_full_session() {
    // Full sessions on the 1st to 3rd; one set of three on the 4th.
    let h = with_partial(&[1, 2, 3], &[4]);
    assert_eq!(with(&h, 7, day(4), |d| d.kind(day(4))), DayKind::Partial);
    assert_eq!(with(&h, 7, day(4), streak), 4);
    assert_eq!(with(&h, 7, day(4), streak_partial), 1);
    // Adherence: three full sessions of four planned, the partial day said apart.
    assert_eq!(with(&h, 7, day(4), adherence), (3, 4));
    assert_eq!(with(&h, 7, day(4), adherence_partial), 1);
    // The same days all full: four of four, none partial.
    let full = with_flares(&[1, 2, 3, 4], &[]);
    assert_eq!(with(&full, 7, day(4), adherence), (4, 4));
    assert_eq!(with(&full, 7, day(4), adherence_partial), 0);
    assert_eq!(with(&full, 7, day(4), streak_partial), 0);
}
