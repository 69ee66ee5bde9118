//! Weekly running beside the return-to-running caps (R14–R16), as the coach computes them.

use crate::domain::days;
use crate::domain::history::History;
use crate::domain::running;
use crate::domain::settings::CoachSettings;
use chrono::{Datelike, NaiveDate};

/// Days looked back for the longest run when capping a single run (R16), as the coach does.
pub const LONGEST_RUN_LOOKBACK_DAYS: u64 = running::LONGEST_RUN_WINDOW_DAYS;

/// One week (Monday to Sunday) of running, beside the return-to-running caps.
#[derive(Debug, Clone, PartialEq)]
pub struct RunWeek {
    pub monday: NaiveDate,
    pub runs: usize,
    pub minutes: f64,
    pub km: f64,
    pub longest_km: f64,
    /// This week's km cap from the previous weeks (R14/R15), when there is a basis for one.
    pub week_cap_km: Option<f64>,
    /// The cap for the week's longest run (R16), from the longest run in the 30 days before it.
    pub single_cap_km: Option<f64>,
}

impl RunWeek {
    pub fn over_week_cap(&self) -> bool {
        self.week_cap_km
            .is_some_and(|cap| self.km > cap + f64::EPSILON)
    }
    pub fn over_single_cap(&self) -> bool {
        self.single_cap_km
            .is_some_and(|cap| self.longest_km > cap + f64::EPSILON)
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    days::before(date, u64::from(date.weekday().num_days_from_monday()))
}

/// Weeks from the first run to the last (weeks without runs included). The caps are the coach's
/// own (`domain::running::advise`): the week cap as advised on the week's Sunday (the 7 days
/// ending then are the week), the single-run cap as advised on the day of the week's longest run.
pub fn run_weeks(history: &History, settings: &CoachSettings) -> Vec<RunWeek> {
    let runs = &history.runs;
    let (Some(first), Some(last)) = (runs.first(), runs.last()) else {
        return Vec::new();
    };
    let mut weeks: Vec<RunWeek> = Vec::new();
    let mut monday = monday_of(first.date);
    let last_monday = monday_of(last.date);
    while monday <= last_monday {
        let sunday = days::after(monday, 6);
        let in_week: Vec<_> = runs
            .iter()
            .filter(|r| r.date >= monday && r.date <= sunday)
            .collect();
        let longest = in_week
            .iter()
            .filter_map(|r| r.km.map(|k| (r.date, k)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let week_advice = running::advise(runs, sunday, settings, None);
        weeks.push(RunWeek {
            monday,
            runs: in_week.len(),
            minutes: in_week.iter().map(|r| r.minutes).sum(),
            km: week_advice.km_this_week,
            longest_km: longest.map_or(0.0, |l| l.1),
            week_cap_km: week_advice.week_cap_km,
            single_cap_km: longest
                .and_then(|(date, _)| running::advise(runs, date, settings, None).run_cap_km),
        });
        monday = days::after(monday, 7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::insight::test_history::sample;

    #[test]
    fn run_caps_follow_the_previous_weeks() {
        let settings = CoachSettings::default();
        let weeks = run_weeks(&sample(90), &settings);
        assert!(weeks.len() >= 3);
        let second = &weeks[1];
        assert_eq!(
            second.week_cap_km,
            Some(weeks[0].km * settings.run_week_step)
        );
        assert_eq!(weeks[0].week_cap_km, None);
    }
}
