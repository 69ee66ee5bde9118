//! The one weekly running cap (R14, R15 and the §1.4 easier week) for the 7 days ending a day.
//! The coach's advice (Today, `rehab today`, `today --json`, `log run`) and the weekly table
//! (History's Runs tab, the report) all read this, so a week's cap is the same everywhere.
//!
//! Easier weeks are calendar weeks (Monday to Sunday): the week of the first run is week 1, and
//! every `run_easier_week_every`-th week after it is easier. So the easier week is the same seven
//! days on Today as in History's weekly rows.

use crate::domain::days;
use crate::domain::history::RunLog;
use crate::domain::settings::CoachSettings;
use chrono::{Datelike, NaiveDate};

/// Days in a running week.
pub const WEEK_DAYS: u64 = 7;

/// Why the week cap is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapBasis {
    /// R14: `run_week_step` × last week's km.
    LastWeek,
    /// R15: `run_two_week_cap` × the km two weeks ago, when that is lower.
    TwoWeeksAgo,
    /// §1.4: an easier week, `run_easier_week_factor` × last week's km.
    EasierWeek,
}

/// The most km to run over the 7 days ending a day, and the rule that set it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapLimit {
    pub km: f64,
    pub basis: CapBasis,
}

/// The 7-day windows the caps read, and the cap for the 7 days ending the day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekCap {
    /// Km in the 7 days ending the day (the day included).
    pub km_this_week: f64,
    /// Km in the 7 days before those.
    pub km_last_week: f64,
    /// Km in the 7 days before last week.
    pub km_two_weeks_ago: f64,
    /// The day falls in an easier week (see the module docs).
    pub easier_week: bool,
    /// None without a week to build on (no km last week nor two weeks ago).
    pub limit: Option<CapLimit>,
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    days::before(day, u64::from(day.weekday().num_days_from_monday()))
}

/// Km run from `from` to `to`, both included.
pub fn km_between(runs: &[RunLog], from: NaiveDate, to: NaiveDate) -> f64 {
    runs.iter()
        .filter(|r| r.date >= from && r.date <= to)
        .filter_map(|r| r.km)
        // Not `sum`: an empty f64 sum is -0.0, said as "-0.0 km".
        .fold(0.0, |total, km| total + km)
}

/// `day` falls in an easier week: counting calendar weeks from the week of the first run (week
/// 1), every `run_easier_week_every`-th one; 0 means never.
pub fn easier_week(runs: &[RunLog], day: NaiveDate, settings: &CoachSettings) -> bool {
    let every = u64::from(settings.run_easier_week_every);
    let Some(first) = runs.iter().map(|r| r.date).filter(|d| *d <= day).min() else {
        return false;
    };
    let weeks = u64::try_from((monday_of(day) - monday_of(first)).num_days()).unwrap_or(0);
    every > 0 && (weeks / WEEK_DAYS + 1).is_multiple_of(every)
}

/// The week cap for the 7 days ending `day`, from the runs dated up to it: the lower of
/// `run_week_step` × last week (R14) and `run_two_week_cap` × two weeks ago (R15); in an easier
/// week, `run_easier_week_factor` × last week when that is lower still.
pub fn week_cap(runs: &[RunLog], day: NaiveDate, settings: &CoachSettings) -> WeekCap {
    let back = |n: u64| days::before(day, n);
    let km_this_week = km_between(runs, back(WEEK_DAYS - 1), day);
    let km_last_week = km_between(runs, back(2 * WEEK_DAYS - 1), back(WEEK_DAYS));
    let km_two_weeks_ago = km_between(runs, back(3 * WEEK_DAYS - 1), back(2 * WEEK_DAYS));
    let easier = easier_week(runs, day, settings);

    let step = (km_last_week > 0.0).then_some(CapLimit {
        km: settings.run_week_step * km_last_week,
        basis: CapBasis::LastWeek,
    });
    let two_weeks = (km_two_weeks_ago > 0.0).then_some(CapLimit {
        km: settings.run_two_week_cap * km_two_weeks_ago,
        basis: CapBasis::TwoWeeksAgo,
    });
    let easier_limit = (easier && km_last_week > 0.0).then_some(CapLimit {
        km: settings.run_easier_week_factor * km_last_week,
        basis: CapBasis::EasierWeek,
    });
    // The lowest wins; on a tie the earlier rule in this list names it.
    let limit = [step, two_weeks, easier_limit]
        .into_iter()
        .flatten()
        .reduce(|low, next| if next.km < low.km { next } else { low });
    WeekCap {
        km_this_week,
        km_last_week,
        km_two_weeks_ago,
        easier_week: easier,
        limit,
    }
}

/// "1st", "2nd", "3rd", "4th" … "11th", "12th", "13th", "21st" …
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The caps in a few words, for the notes under weekly tables (History's Runs tab, the report).
pub fn caps_in_words(settings: &CoachSettings, single_run_lookback_days: u64) -> String {
    let easier = match settings.run_easier_week_every {
        0 => String::new(),
        every => format!(
            ", ≤ {:.0} % of last week in an easier week (every {}, Monday to Sunday)",
            settings.run_easier_week_factor * 100.0,
            ordinal(every)
        ),
    };
    format!(
        "a week ≤ {:.0} % of last week and ≤ {:.0} % of two weeks ago{easier}; one run ≤ {:.0} % of the longest in the {single_run_lookback_days} days before",
        settings.run_week_step * 100.0,
        settings.run_two_week_cap * 100.0,
        settings.run_session_cap * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pain::Rating;
    use crate::domain::records::RecordId;

    /// 2026-03-02 is a Monday.
    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn run(day: u32, km: f64) -> RunLog {
        RunLog {
            id: RecordId(format!("r{day}").into()),
            date: date(day),
            at: date(day)
                .and_hms_opt(18, 0, 0)
                .unwrap()
                .and_utc()
                .fixed_offset(),
            minutes: km * 6.0,
            km: Some(km),
            rpe: Some(Rating::new(4).unwrap()),
            pain: Some(Rating::new(1).unwrap()),
            imported: None,
        }
    }

    #[test]
    fn ordinals_read_as_english() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 52].map(ordinal).into();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "52nd"
            ]
        );
    }

    #[test]
    fn easier_weeks_are_calendar_weeks_from_the_week_of_the_first_run() {
        let settings = CoachSettings::default();
        // First run on Thursday 5 March: week 1 is 2–8 March, week 4 is 23–29 March.
        let runs = [run(5, 3.0)];
        for (day, easier) in [(22, false), (23, true), (29, true), (30, false)] {
            assert_eq!(
                easier_week(&runs, date(day), &settings),
                easier,
                "day {day}"
            );
        }
        // Before the first run, no week of running has begun.
        assert!(!easier_week(&runs, date(4), &settings));
        let never = CoachSettings {
            run_easier_week_every: 0,
            ..CoachSettings::default()
        };
        assert!(!easier_week(&runs, date(23), &never));
    }

    #[test]
    fn the_lowest_of_the_three_rules_sets_the_cap() {
        let settings = CoachSettings::default();
        // Last week (2–8) 10 km; two weeks before nothing: R14, 11 km.
        let cap = week_cap(&[run(3, 10.0)], date(15), &settings);
        assert_eq!(cap.km_last_week, 10.0);
        let limit = cap.limit.unwrap();
        assert_eq!(limit.basis, CapBasis::LastWeek);
        assert!((limit.km - 11.0).abs() < 1e-9);
        // Two weeks ago 5 km, last week 10: 130 % of 5 = 6.5 is below 110 % of 10.
        let cap = week_cap(&[run(2, 5.0), run(10, 10.0)], date(22), &settings);
        let limit = cap.limit.unwrap();
        assert_eq!(limit.basis, CapBasis::TwoWeeksAgo);
        assert!((limit.km - 6.5).abs() < 1e-9);
        // Nothing in the two weeks before: no cap, and no "-0.0 km" either.
        let first_week = week_cap(&[run(2, 5.0)], date(4), &settings);
        assert_eq!(first_week.limit, None);
        assert!(first_week.km_last_week.is_sign_positive());
    }

    #[test]
    fn an_easier_week_caps_at_eighty_percent_of_last_week() {
        let settings = CoachSettings::default();
        // Weekly 5 km runs from Monday 2 March; 23–29 March is week 4.
        let runs = [run(2, 5.0), run(9, 5.0), run(16, 5.0), run(23, 5.0)];
        let sunday = week_cap(&runs, date(29), &settings);
        assert!(sunday.easier_week);
        let limit = sunday.limit.unwrap();
        assert_eq!(limit.basis, CapBasis::EasierWeek);
        assert!((limit.km - 4.0).abs() < 1e-9);
        // The Sunday before is week 3: the usual +10 %.
        let before = week_cap(&runs, date(22), &settings);
        assert!(!before.easier_week);
        assert_eq!(before.limit.unwrap().basis, CapBasis::LastWeek);
    }
}
