//! When the red-flag questions are asked again (docs/sources.md#red-flags): routinely every
//! `red_flag_recheck_days`, and on a day whose logged pain reaches `red_flag_recheck_pain`:
//! morning pain, the load test, pain during or after a session, or a run's pain. One rule for
//! the coach's prompt, the full-screen check-in and its "Press c" line.

use crate::domain::history::History;
use crate::domain::pain::Rating;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

/// Why the red-flag questions are due again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recheck {
    /// Pain logged today (morning, load test, session or run) is `at_least` or more.
    HighPain { at_least: u8 },
    /// Not answered within the last `days` days.
    Routine { days: u32 },
}

/// Whether the questions are due on `today`, with that morning's pain (being entered, or as
/// recorded) and every pain already logged today. Answers given today settle it for the day,
/// unless a session or run logged after them hurt at the recheck level; otherwise high pain
/// asks first.
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
    let high = |p: u8| p >= settings.red_flag_recheck_pain;
    let morning_high = morning_pain.is_some_and(|p| high(p.value()))
        || history
            .checkin(today)
            .is_some_and(|c| c.pain.is_some_and(|p| high(p.value())));
    let load_test_high = history
        .checkin(today)
        .and_then(|c| c.load_test)
        .is_some_and(|p| high(p.value()));
    let activity_high = activity_pain_today(history, today).is_some_and(high);
    if last_answered == Some(today) && !activity_high_after_answers(history, today, settings) {
        return None;
    }
    if morning_high || load_test_high || activity_high {
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

/// The worst pain during or after any session, or of any run, logged on `today`.
fn activity_pain_today(history: &History, today: NaiveDate) -> Option<u8> {
    let sessions = history
        .sessions
        .iter()
        .filter(|s| s.date == today)
        .flat_map(|s| {
            s.pain_during_max(None)
                .into_iter()
                .chain(s.pain_after())
                .map(|p| p.value())
        });
    let runs = history
        .runs
        .iter()
        .filter(|r| r.date == today)
        .filter_map(|r| r.pain.map(|p| p.value()));
    sessions.chain(runs).max()
}

/// A session or run logged today after the day's red-flag answers hurt at the recheck level:
/// the answers came before that pain, so they are asked again.
fn activity_high_after_answers(
    history: &History,
    today: NaiveDate,
    settings: &CoachSettings,
) -> bool {
    let Some(answered_at) = history.checkin(today).and_then(|c| c.red_flags_at) else {
        return false;
    };
    let high = |p: u8| p >= settings.red_flag_recheck_pain;
    let sessions = history
        .sessions
        .iter()
        .filter(|s| s.date == today)
        .any(|s| {
            s.at > answered_at
                && (s.pain_during_max(None).is_some_and(|p| high(p.value()))
                    || s.pain_after().is_some_and(|p| high(p.value())))
        });
    let runs = history
        .runs
        .iter()
        .filter(|r| r.date == today)
        .any(|r| r.at > answered_at && r.pain.is_some_and(|p| high(p.value())));
    sessions || runs
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

    fn at(n: u32, hour: u32) -> chrono::DateTime<chrono::FixedOffset> {
        day(n)
            .and_hms_opt(hour, 0, 0)
            .unwrap()
            .and_utc()
            .fixed_offset()
    }

    /// Answers given on day 10 at 07:00, then a session (pain during, after) and a run at `hour`.
    fn with_activity(
        hour: u32,
        during: Option<u8>,
        after: Option<u8>,
        run: Option<u8>,
        load_test: Option<u8>,
    ) -> History {
        use crate::domain::history::{Finish, RunLog, SessionLog, SetLog};
        use crate::domain::plan::{Decision, PlanSnapshot};
        use crate::domain::records::RecordId;
        let rating = |v: u8| Rating::new(i64::from(v)).unwrap();
        let mut history = answered_on(&[10]);
        if let Some(c) = history.checkins.get_mut(&day(10)) {
            c.red_flags_at = Some(at(10, 7));
            c.load_test = load_test.map(rating);
        }
        if during.is_some() || after.is_some() {
            let session = SessionLog {
                id: RecordId("s".into()),
                date: day(10),
                at: at(10, hour),
                plan: std::sync::Arc::new(PlanSnapshot {
                    programme: "p".into(),
                    phase: "P1".into(),
                    decision: Decision::Hold,
                    reasons: vec![],
                    deload: false,
                    exercises: vec![],
                }),
                pain_before: None,
                left: false,
                sets: during
                    .map(|p| SetLog {
                        id: RecordId("set".into()),
                        exercise: "bridge".into(),
                        side: None,
                        set: 1,
                        reps: Some(10),
                        seconds: None,
                        pain: rating(p),
                        effort: None,
                    })
                    .into_iter()
                    .collect(),
                skipped: vec![],
                finished: after.map(|p| Finish {
                    id: RecordId("f".into()),
                    pain_after: rating(p),
                    effort: None,
                    note: None,
                }),
            };
            history.sessions = std::sync::Arc::new(vec![session]);
        }
        if let Some(p) = run {
            history.runs.push(RunLog {
                id: RecordId("r".into()),
                date: day(10),
                at: at(10, hour),
                minutes: 30.0,
                km: None,
                rpe: Some(rating(4)),
                pain: Some(rating(p)),
                imported: None,
            });
        }
        history
    }

    /// docs/sources.md#red-flags: "whenever the user logs pain ≥ 6", not only morning pain.
    #[test]
    fn pain_during_after_a_run_or_the_load_test_asks_again() {
        let settings = CoachSettings::default();
        let level = settings.red_flag_recheck_pain;
        let below = level - 1;
        let high = Some(Recheck::HighPain { at_least: level });
        let cases = [
            (
                "during just below",
                with_activity(18, Some(below), None, None, None),
                None,
            ),
            (
                "during at the level",
                with_activity(18, Some(level), None, None, None),
                high,
            ),
            (
                "after just below",
                with_activity(18, None, Some(below), None, None),
                None,
            ),
            (
                "after at the level",
                with_activity(18, None, Some(level), None, None),
                high,
            ),
            (
                "after above the level",
                with_activity(18, Some(1), Some(level + 1), None, None),
                high,
            ),
            (
                "run just below",
                with_activity(18, None, None, Some(below), None),
                None,
            ),
            (
                "run at the level",
                with_activity(18, None, None, Some(level), None),
                high,
            ),
            (
                "painful session before the answers: settled by them",
                with_activity(6, Some(level), Some(level), None, None),
                None,
            ),
            (
                "painful run before the answers",
                with_activity(6, None, None, Some(level), None),
                None,
            ),
            (
                "load test at the level, answered today",
                with_activity(18, None, None, None, Some(level)),
                None,
            ),
        ];
        for (what, history, expected) in cases {
            assert_eq!(
                recheck_due(&history, day(10), None, &settings),
                expected,
                "{what}"
            );
        }
        // Not answered today: a high load test asks, one point below does not.
        let mut history = answered_on(&[9]);
        let mut checkin = DayCheckIn {
            load_test: Rating::new(i64::from(level)).ok(),
            ..DayCheckIn::default()
        };
        history.checkins.insert(day(10), checkin.clone());
        assert_eq!(recheck_due(&history, day(10), None, &settings), high);
        checkin.load_test = Rating::new(i64::from(below)).ok();
        history.checkins.insert(day(10), checkin);
        assert_eq!(recheck_due(&history, day(10), None, &settings), None);
    }
}
