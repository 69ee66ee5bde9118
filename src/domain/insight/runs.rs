//! Weekly running beside the return-to-running caps (R14–R16 and the §1.4 easier week), by the
//! coach's own rules: the week cap is `running_week::week_cap`, the single-run cap `running::advise`.

use crate::domain::days;
use crate::domain::history::History;
use crate::domain::running;
use crate::domain::running_week::{self, monday_of};
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

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
    /// This week's km cap from the previous weeks (R14/R15, lower in an easier week), when there
    /// is a basis for one: the coach's cap on the week's Sunday.
    pub week_cap_km: Option<f64>,
    /// The week is an easier one (§1.4): the same calendar week Today calls easier.
    pub easier_week: bool,
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

/// Weeks from the first run to the last (weeks without runs included). The caps are the coach's
/// own: the week cap as `running_week::week_cap` gives it on the week's Sunday (the 7 days ending
/// then are the week), the single-run cap as `running::advise` gives it on the day of the week's
/// longest run. `today --json` on that day says the same.
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
        let cap = running_week::week_cap(runs, sunday, settings);
        weeks.push(RunWeek {
            monday,
            runs: in_week.len(),
            minutes: in_week.iter().map(|r| r.minutes).sum(),
            km: cap.km_this_week,
            longest_km: longest.map_or(0.0, |l| l.1),
            week_cap_km: cap.limit.map(|l| l.km),
            easier_week: cap.easier_week,
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
    use crate::domain::insight::test_history::{RunStory, day, sample, with_runs};

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

    /// Each week's caps are the coach's on that day: the week cap on its Sunday, including the
    /// easier 4th week, and the single-run cap on the day of its longest run.
    #[test]
    fn weekly_caps_are_the_coachs_including_the_easier_week() {
        let settings = CoachSettings::default();
        // Mondays 2, 9, 16, 23 and 30 March (week 1 is 2–8 March), 5 km each, 6 km on the 25th.
        let history = with_runs(RunStory {
            runs: &[
                (2, 30.0, 5.0, 1),
                (9, 30.0, 5.0, 1),
                (16, 30.0, 5.0, 1),
                (23, 30.0, 5.0, 1),
                (25, 30.0, 6.0, 1),
                (30, 30.0, 5.0, 1),
            ],
            ..Default::default()
        });
        let weeks = run_weeks(&history, &settings);
        let easier: Vec<bool> = weeks.iter().map(|w| w.easier_week).collect();
        assert_eq!(easier, [false, false, false, true, false]);
        // Week 4: 80 % of week 3's 5 km, and 11 km run in it is over.
        assert_eq!(weeks[3].week_cap_km, Some(4.0));
        assert!(weeks[3].over_week_cap());
        for week in &weeks {
            let sunday = days::after(week.monday, 6);
            let runs: Vec<_> = history
                .runs
                .iter()
                .filter(|r| r.date <= sunday)
                .cloned()
                .collect();
            let advice = running::advise(&runs, sunday, &settings, None);
            assert_eq!(week.week_cap_km, advice.week_cap_km, "{}", week.monday);
            assert_eq!(week.easier_week, advice.easier_week, "{}", week.monday);
            assert_eq!(week.km, advice.km_this_week, "{}", week.monday);
        }
        assert_eq!(weeks[3].monday, day(23));
    }
}
