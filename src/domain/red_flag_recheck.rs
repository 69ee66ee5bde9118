//! When the red-flag questions are asked again (docs/sources.md#red-flags): routinely every
//! `red_flag_recheck_days`, and on a morning whose pain reaches `red_flag_recheck_pain`. One
//! rule for the coach's prompt, the full-screen check-in and its "Press c" line.

use crate::domain::history::History;
use crate::domain::pain::Rating;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

/// Why the red-flag questions are due again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recheck {
    /// Morning pain is `at_least` or more.
    HighPain { at_least: u8 },
    /// Not answered within the last `days` days.
    Routine { days: u32 },
}

/// Whether the questions are due on `today`, with that morning's pain (being entered, or as
/// recorded). Answers given today settle it for the day; otherwise high pain asks first.
pub fn recheck_due(
    history: &History,
    today: NaiveDate,
    morning_pain: Option<Rating>,
    settings: &CoachSettings,
) -> Option<Recheck> {
    let last_answered = history
        .checkins
        .range(..=today)
        .rev()
        .find(|(_, c)| !c.red_flags.is_empty())
        .map(|(day, _)| *day);
    if last_answered == Some(today) {
        return None;
    }
    if morning_pain.is_some_and(|p| p.value() >= settings.red_flag_recheck_pain) {
        return Some(Recheck::HighPain {
            at_least: settings.red_flag_recheck_pain,
        });
    }
    let routine_due = last_answered
        .is_none_or(|day| (today - day).num_days() >= i64::from(settings.red_flag_recheck_days));
    routine_due.then_some(Recheck::Routine {
        days: settings.red_flag_recheck_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::DayCheckIn;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, n).unwrap()
    }

    /// A History with the red-flag questions answered on these days.
    fn answered_on(days: &[u32]) -> History {
        let mut history = History::default();
        for &n in days {
            history.checkins.insert(
                day(n),
                DayCheckIn {
                    red_flags: [("fever".to_string(), false)].into_iter().collect(),
                    ..DayCheckIn::default()
                },
            );
        }
        history
    }

    #[test]
    fn due_routinely_at_the_interval_and_at_high_pain() {
        let settings = CoachSettings::default();
        let (days, pain) = (
            settings.red_flag_recheck_days,
            settings.red_flag_recheck_pain,
        );
        let rating = |v: u8| Rating::new(i64::from(v)).ok();
        let routine = Some(Recheck::Routine { days });
        let high = Some(Recheck::HighPain { at_least: pain });
        let cases = [
            ("never answered", answered_on(&[]), 10, None, routine),
            (
                "a day short of the interval",
                answered_on(&[1]),
                days,
                None,
                None,
            ),
            (
                "at the interval",
                answered_on(&[1]),
                days + 1,
                None,
                routine,
            ),
            ("answered today", answered_on(&[1, 10]), 10, rating(9), None),
            (
                "pain just below",
                answered_on(&[9]),
                10,
                rating(pain - 1),
                None,
            ),
            (
                "pain at the level",
                answered_on(&[9]),
                10,
                rating(pain),
                high,
            ),
            (
                "high pain and the interval",
                answered_on(&[1]),
                20,
                rating(pain),
                high,
            ),
            (
                "answers after today do not count",
                answered_on(&[1, 25]),
                20,
                None,
                routine,
            ),
        ];
        for (what, history, today, morning, expected) in cases {
            assert_eq!(
                recheck_due(&history, day(today), morning, &settings),
                expected,
                "{what}"
            );
        }
    }
}
