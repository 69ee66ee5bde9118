//! Running load caps (docs/sources.md#running-caps) from logged runs: a weekly
//! cap (R14, R15), a single-run cap (R16) and the walk-run rule that a red or unsettled run drops
//! one rung and leaves 48 h before the next run (§2.5, R6). ACWR (R18) is computed for display only
//! and is never an input to a decision (R18a).

use crate::domain::days;
use crate::domain::history::RunLog;
use crate::domain::reason::Reason;
use crate::domain::running_advice::RunningAdvice;
use crate::domain::running_week::{self, CapBasis, CapLimit, WeekCap};
use crate::domain::settings::CoachSettings;
use chrono::{Days, NaiveDate};

/// R16: the single-run cap looks back this many days for the longest run.
pub const LONGEST_RUN_WINDOW_DAYS: u64 = 30;
/// R18: ACWR's chronic load is the mean weekly load over this many weeks.
pub const ACWR_CHRONIC_WEEKS: u64 = 4;
const WEEK: u64 = running_week::WEEK_DAYS;

/// The last run's outcome, judged by the coach (pain above the ceiling, or the next morning).
#[derive(Debug, Clone, PartialEq)]
pub struct LastRunJudgement {
    pub date: NaiveDate,
    /// Why it was red or unsettled, in words; None when it went fine or cannot be judged yet.
    pub problem: Option<String>,
}

/// Running advice for `today` from runs dated up to today.
pub fn advise(
    runs: &[RunLog],
    today: NaiveDate,
    settings: &CoachSettings,
    last_run: Option<LastRunJudgement>,
) -> RunningAdvice {
    let day = |n: u64| today.checked_sub_days(Days::new(n)).unwrap_or(today);
    let WeekCap {
        km_this_week,
        km_last_week,
        km_two_weeks_ago,
        easier_week,
        limit,
    } = running_week::week_cap(runs, today, settings);
    let mut reasons = Vec::new();
    let shown = |km: f64| settings.units.show(km);

    match limit {
        Some(CapLimit {
            km: easier,
            basis: CapBasis::EasierWeek,
        }) => reasons.push(Reason::new(
            "§1.4",
            format!(
                "An easier week (every {} week of running, Monday to Sunday): run at most {} over the 7 days ending today, {:.0} % of last week's {}. {} done so far.",
                running_week::ordinal(settings.run_easier_week_every),
                shown(easier),
                settings.run_easier_week_factor * 100.0,
                shown(km_last_week),
                shown(km_this_week)
            ),
        )),
        Some(CapLimit { km: cap, basis }) => {
            let (rule, basis) = if basis == CapBasis::TwoWeeksAgo {
                (
                    "R15",
                    format!(
                        "{:.0} % of the {} run two weeks ago",
                        settings.run_two_week_cap * 100.0,
                        shown(km_two_weeks_ago)
                    ),
                )
            } else {
                (
                    "R14",
                    format!(
                        "{:.0} % of last week's {}",
                        settings.run_week_step * 100.0,
                        shown(km_last_week)
                    ),
                )
            };
            let step_down = if cap < km_last_week {
                " (a small step down from last week)"
            } else {
                ""
            };
            reasons.push(Reason::new(
                rule,
                format!(
                    "Run at most {} over the 7 days ending today: {basis}{step_down}. {} done so far. This cap is a cautious habit, not proven to prevent injury.",
                    shown(cap),
                    shown(km_this_week)
                ),
            ));
        }
        None => {}
    }
    let week_cap_km = limit.map(|l| l.km);

    let longest = runs
        .iter()
        .filter(|r| r.date >= day(LONGEST_RUN_WINDOW_DAYS) && r.date < today)
        .filter_map(|r| r.km)
        .fold(0.0_f64, f64::max);
    let run_cap_km = (longest > 0.0).then_some(settings.run_session_cap * longest);
    if let Some(cap) = run_cap_km {
        reasons.push(Reason::new(
            "R16",
            format!(
                "Keep any one run to {} or less: {:.0} % of your longest run in the last {LONGEST_RUN_WINDOW_DAYS} days ({}).",
                shown(cap),
                settings.run_session_cap * 100.0,
                shown(longest)
            ),
        ));
    }

    let mut drop_rung = false;
    let mut next_run_from = None;
    if let Some(LastRunJudgement {
        date,
        problem: Some(problem),
    }) = last_run
    {
        let from = days::after(date, u64::from(settings.run_rest_days_after_bad_run));
        drop_rung = true;
        if from > today {
            next_run_from = Some(from);
        }
        reasons.push(Reason::new(
            "R6",
            format!(
                "The run on {date} {problem}: step down one walk-run rung and leave at least {} hours before the next run (from {from}).",
                u64::from(settings.run_rest_days_after_bad_run) * 24
            ),
        ));
    }

    let chronic_km = running_week::km_between(runs, day(ACWR_CHRONIC_WEEKS * WEEK - 1), today)
        / ACWR_CHRONIC_WEEKS as f64;
    let acwr = (chronic_km > 0.0).then(|| km_this_week / chronic_km);

    RunningAdvice {
        km_this_week,
        km_last_week,
        week_cap_km,
        easier_week,
        run_cap_km,
        drop_rung,
        next_run_from,
        acwr,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pain::Rating;
    use crate::domain::records::RecordId;

    fn run(day: u32, km: f64) -> RunLog {
        RunLog {
            id: RecordId(format!("r{day}").into()),
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            at: NaiveDate::from_ymd_opt(2026, 3, day)
                .unwrap()
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
    fn caps_are_said_in_miles_when_the_person_runs_in_miles() {
        let runs = [run(2, 8.0), run(9, 8.0)];
        let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let settings = CoachSettings {
            units: crate::domain::config::Units::Mi,
            ..CoachSettings::default()
        };
        let advice = advise(&runs, today, &settings, None);
        let text: Vec<&str> = advice.reasons.iter().map(|r| r.text.as_str()).collect();
        // 8 km is 5.0 mi; the caps themselves stay in km for the coach.
        assert!(
            text.iter()
                .any(|t| t.contains("longest run in the last 30 days (5.0 mi)")),
            "{text:?}"
        );
        assert!(text.iter().all(|t| !t.contains(" km")), "{text:?}");
        assert!(
            advice
                .run_cap_km
                .is_some_and(|cap| (cap - 8.8).abs() < 1e-9)
        );
    }

    #[test]
    fn acwr_is_shown_but_caps_ignore_it() {
        let runs = [run(2, 5.0), run(9, 5.0), run(16, 5.0), run(23, 5.0)];
        let today = NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        // Day 28 is the 4th week of running: the easier week is switched off to see the +10 %.
        let settings = CoachSettings {
            run_easier_week_every: 0,
            ..CoachSettings::default()
        };
        let a = advise(&runs, today, &settings, None);
        assert_eq!(a.acwr, Some(1.0));
        assert!((a.week_cap_km.unwrap() - 5.5).abs() < 1e-9);
    }

    /// Every 4th calendar week of running (counted from the week of the first run) the week cap
    /// is 80 % of last week; the weeks around it keep the usual +10 %.
    #[test]
    fn every_fourth_week_of_running_is_easier() {
        // A loose two-week cap, so only the easier week can bring the cap under last week's km.
        let settings = CoachSettings {
            run_two_week_cap: 2.0,
            ..CoachSettings::default()
        };
        // Runs of 5 km every few days from Sunday 1 March (its week, from 23 February, is week 1).
        let runs: Vec<RunLog> = (1..=27).step_by(3).map(|d| run(d, 5.0)).collect();
        let cap_on = |day: u32| {
            let today = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
            let past: Vec<RunLog> = runs.iter().filter(|r| r.date < today).cloned().collect();
            let a = advise(&past, today, &settings, None);
            (
                a.week_cap_km.unwrap(),
                a.km_last_week,
                a.reasons[0].rule.clone(),
                a.easier_week,
            )
        };
        // Sunday 15 ends week 3; Monday 16 starts week 4; Sunday 22 ends it; Monday 23 is week 5.
        for (day, easier) in [(15, false), (16, true), (22, true), (23, false)] {
            let (cap, last_week, rule, easier_week) = cap_on(day);
            assert_eq!(easier_week, easier, "day {day}");
            if easier {
                assert!((cap - 0.8 * last_week).abs() < 1e-9, "day {day}: {cap}");
            } else {
                assert!(cap > 0.8 * last_week, "day {day}: {cap} vs {last_week}");
            }
            assert_eq!(rule == "§1.4", easier, "day {day}");
        }
    }
}
