//! The running advice in words, the same for `rehab today` and the app's Today: the distance of
//! the last 7 days, the rest after a bad run, the week cap (and whether this is an easier week)
//! and the single-run cap, in the person's units. Only phrases `RunningAdvice`; never
//! recomputes it. The advice's own reasons follow these lines wherever they are shown.

use crate::domain::config::Units;
use crate::domain::running_advice::RunningAdvice;
use chrono::NaiveDate;

/// How a day is named beside the advice, e.g. "Wed 18 Mar".
pub const DAY_FORMAT: &str = "%a %-d %b";

/// The advice as a headline and the points under it, most pressing first.
#[derive(Debug, Clone, PartialEq)]
pub struct RunningWords {
    /// e.g. "Running: 12.0 km in the last 7 days (10.0 km the 7 days before)."
    pub headline: String,
    pub points: Vec<String>,
}

/// No run before this day: a rest after a red or unsettled run, still ahead of `today`.
pub fn rest_until(advice: &RunningAdvice, today: NaiveDate) -> Option<NaiveDate> {
    advice.next_run_from.filter(|from| *from > today)
}

pub fn running_words(advice: &RunningAdvice, today: NaiveDate, units: Units) -> RunningWords {
    let shown = |km: f64| units.show(km);
    let mut points = Vec::new();
    if let Some(from) = rest_until(advice, today) {
        points.push(format!(
            "no run before {} (rest after a painful or unsettled run)",
            from.format(DAY_FORMAT)
        ));
    }
    if let Some(cap) = advice.week_cap_km {
        let easier = if advice.easier_week {
            " (an easier week)"
        } else {
            ""
        };
        points.push(format!(
            "at most {} over the 7 days ending today{easier}",
            shown(cap)
        ));
    } else if advice.easier_week {
        points.push("an easier week: keep this week's running light".into());
    }
    if let Some(cap) = advice.run_cap_km {
        points.push(format!("no single run over {} today", shown(cap)));
    }
    RunningWords {
        headline: format!(
            "Running: {} in the last 7 days ({} the 7 days before).",
            shown(advice.km_this_week),
            shown(advice.km_last_week)
        ),
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advice() -> RunningAdvice {
        RunningAdvice {
            km_this_week: 8.0467,
            km_last_week: 16.0934,
            week_cap_km: Some(12.8748),
            easier_week: true,
            run_cap_km: Some(8.8514),
            drop_rung: true,
            next_run_from: NaiveDate::from_ymd_opt(2026, 3, 18),
            acwr: None,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn every_number_is_in_the_persons_units_with_the_rest_first() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        let words = running_words(&advice(), today, Units::Mi);
        assert_eq!(
            words.headline,
            "Running: 5.0 mi in the last 7 days (10.0 mi the 7 days before)."
        );
        assert_eq!(
            words.points,
            [
                "no run before Wed 18 Mar (rest after a painful or unsettled run)",
                "at most 8.0 mi over the 7 days ending today (an easier week)",
                "no single run over 5.5 mi today",
            ]
        );
    }

    #[test]
    fn the_rest_is_said_only_while_it_lasts() {
        let on_the_day = NaiveDate::from_ymd_opt(2026, 3, 18).unwrap();
        let words = running_words(&advice(), on_the_day, Units::Km);
        assert!(words.points[0].starts_with("at most 12.9 km"), "{words:?}");
        assert_eq!(rest_until(&advice(), on_the_day), None);
    }

    #[test]
    fn an_easier_week_without_a_cap_still_says_so() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 18).unwrap();
        let first_week = RunningAdvice {
            week_cap_km: None,
            run_cap_km: None,
            ..advice()
        };
        let words = running_words(&first_week, today, Units::Km);
        assert_eq!(
            words.points,
            ["an easier week: keep this week's running light"]
        );
    }
}
