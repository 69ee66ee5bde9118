//! Rules 7–12 of §3 for one exercise (first match wins), with the hip-OA gates on a step up
//! (R8, R9). Each verdict names its rule and what triggered it, as data (`phrase` words it).

use super::context::Context;
use super::mornings::Response;
use super::outcome::Outcome;
use crate::domain::days;
use crate::domain::plan::Decision;
use chrono::{Days, NaiveDate};

/// Rungs rule 8 steps down when pain reached the severe level (§3 rule 8: two, not one).
const SEVERE_STEP_DOWN: u8 = 2;

/// Weeks of a hip-OA programme done without added weight (docs/sources.md#hip-osteoarthritis:
/// "week 1 without added weight"): no step up before this many weeks have passed.
pub const OA_UNLOADED_WEEKS: u32 = 1;

/// A decision for one exercise, the rule behind it and its trigger as data (`id` and
/// `numbers`, carried into the plan's `Reason`; `phrase` says them in words).
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub decision: Decision,
    pub rule: &'static str,
    /// The trigger as a stable snake_case id (docs/coach.md lists them).
    pub id: &'static str,
    pub numbers: Vec<(&'static str, f64)>,
}

impl Verdict {
    pub fn new(
        decision: Decision,
        rule: &'static str,
        id: &'static str,
        numbers: &[(&'static str, f64)],
    ) -> Self {
        Verdict {
            decision,
            rule,
            id,
            numbers: numbers.to_vec(),
        }
    }
}

/// Days from `date` to today, as a reason's `days_ago`.
pub fn days_ago(date: NaiveDate, today: NaiveDate) -> (&'static str, f64) {
    ("days_ago", (today - date).num_days() as f64)
}

/// A deload in force today: the day it was triggered and the rise seen then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeloadWindow {
    pub began: NaiveDate,
    pub rise: f64,
    pub until: NaiveDate,
}

impl Context<'_> {
    /// Rule 10's trigger: the weekly mean morning pain rose by more than WEEK_RISE_TOL on a day
    /// within the last DELOAD_DAYS (so the lighter week lasts its full length, then rechecks).
    pub fn deload_window(&self) -> Option<DeloadWindow> {
        let s = &self.settings;
        let days = u64::from(s.deload_days.max(1));
        let first = self.today.checked_sub_days(Days::new(days - 1))?;
        first
            .iter_days()
            .take_while(|d| *d <= self.today)
            .find_map(|d| {
                let rise = self.weekly_delta_on(d)?;
                (rise > s.week_rise_tolerance).then(|| DeloadWindow {
                    began: d,
                    rise,
                    until: days::after(d, days - 1),
                })
            })
    }

    /// §3 `decide` rules 7–12 for `exercise` at `rung`.
    pub fn decide_exercise(
        &self,
        exercise: &str,
        rung: u32,
        deload: Option<DeloadWindow>,
    ) -> Verdict {
        let s = &self.settings;
        // Rule 7: nothing logged yet for this exercise.
        let mut outcomes = self.outcomes_newest_first(exercise);
        let Some(last) = outcomes.next() else {
            return Verdict::new(Decision::Hold, "rule 7", "no_session_yet", &[]);
        };
        let ago = days_ago(last.date, self.today);
        // Rule 8: the last session went above the ceiling (R1/R2).
        let during = last.pain_during.unwrap_or(0);
        let after = last.pain_after.unwrap_or(0);
        let (worst, rule) = if during >= after {
            (during, "R1")
        } else {
            (after, "R2")
        };
        let mut pain = vec![
            ("pain", f64::from(worst)),
            ("ceiling", f64::from(s.amber_max)),
            ("pain_during", f64::from(during)),
            ago,
        ];
        if let Some(after) = last.pain_after {
            pain.push(("pain_after", f64::from(after)));
        }
        if worst >= s.severe {
            pain.push(("severe", f64::from(s.severe)));
            return Verdict::new(
                Decision::Regress(SEVERE_STEP_DOWN),
                "rule 8",
                "pain_severe",
                &pain,
            );
        }
        if worst > s.amber_max {
            return Verdict::new(Decision::Regress(1), rule, "pain_above_ceiling", &pain);
        }
        // Rule 9: the 24-hour response (R3, R7).
        match self.response(&last) {
            Response::Settled => {}
            Response::NotLoggedYet => {
                return Verdict::new(Decision::Hold, "rule 9", "morning_not_logged", &[ago]);
            }
            unsettled => {
                let mut numbers = unsettled.numbers(s.morning_tolerance);
                numbers.push(ago);
                return Verdict::new(
                    Decision::Regress(1),
                    unsettled.rule(),
                    "not_settled",
                    &numbers,
                );
            }
        }
        // Rule 10: weekly morning pain rising (R4).
        if let Some(window) = deload {
            return Verdict::new(
                Decision::Deload,
                "R4",
                "weekly_morning_rising",
                &self.deload_numbers(window),
            );
        }
        // Rule 11: streak, days at the rung and a weekly trend that is not rising.
        match self.progress_blocker(exercise, rung, last) {
            Some(verdict) => verdict,
            None => Verdict::new(
                Decision::Progress,
                "rule 11",
                "streak_met",
                &[
                    ("sessions", f64::from(s.progress_streak)),
                    ("ceiling", f64::from(s.amber_max)),
                    ("min_days", f64::from(s.min_days_at_level)),
                ],
            ),
        }
    }

    /// The numbers of a lighter week: the rise that began it, when, and its last day.
    pub fn deload_numbers(&self, window: DeloadWindow) -> Vec<(&'static str, f64)> {
        let s = &self.settings;
        vec![
            ("rise", window.rise),
            ("tolerance", s.week_rise_tolerance),
            ("factor", s.deload_factor),
            days_ago(window.began, self.today),
            ("days_left", (window.until - self.today).num_days() as f64),
        ]
    }

    /// Rule 12 with the reason rule 11 did not apply, or None when a step up is earned.
    fn progress_blocker(&self, exercise: &str, rung: u32, last: Outcome) -> Option<Verdict> {
        let s = &self.settings;
        let hold = |rule: &'static str, id: &'static str, numbers: &[(&'static str, f64)]| {
            Some(Verdict::new(Decision::Hold, rule, id, numbers))
        };
        let streak_from = self.streak_counts_from(exercise, rung);
        let mut streak = Vec::new();
        for outcome in std::iter::once(last).chain(self.outcomes_newest_first(exercise).skip(1)) {
            if outcome.rung != rung || streak_from.is_some_and(|from| outcome.date < from) {
                break;
            }
            if let Some(why) = self.disqualifier(&outcome) {
                if streak.len() < s.progress_streak as usize {
                    return hold("rule 12", "session_not_qualifying", &why);
                }
                break;
            }
            streak.push(outcome);
            if streak.len() >= s.progress_streak as usize {
                break;
            }
        }
        if streak.len() < s.progress_streak as usize {
            let mut numbers = vec![
                ("sessions", streak.len() as f64),
                ("needed", f64::from(s.progress_streak)),
            ];
            if let Some(from) = streak_from {
                numbers.push((
                    "counts_from_days_ago",
                    (self.today - from).num_days() as f64,
                ));
                numbers.push((
                    "after_step_down_days",
                    f64::from(s.no_streak_after_regress_days),
                ));
            }
            return hold("rule 12", "streak_short", &numbers);
        }
        let days = self.days_at_rung(exercise, rung);
        if days < s.min_days_at_level {
            return hold(
                "rule 12",
                "days_at_rung_short",
                &[
                    ("days", f64::from(days)),
                    ("needed", f64::from(s.min_days_at_level)),
                ],
            );
        }
        if let Some(rise) = self.weekly_delta(0).filter(|d| *d > 0.0) {
            return hold("R4", "weekly_morning_rising", &[("rise", rise)]);
        }
        // §2.4: the first week of a hip-OA programme is done without added weight.
        if self.programme.rules.osteoarthritis && self.week() <= OA_UNLOADED_WEEKS {
            return hold(
                "R8",
                "oa_unloaded_week",
                &[
                    ("week", f64::from(self.week())),
                    ("loaded_from_week", f64::from(OA_UNLOADED_WEEKS + 1)),
                ],
            );
        }
        if self.programme.rules.osteoarthritis
            && let Some(verdict) = self.osteoarthritis_blocker(&streak)
        {
            return Some(verdict);
        }
        None
    }

    /// R8/R9: extra pain that lasted more than a day, or a rise of more than OA_RISE_MAX.
    fn osteoarthritis_blocker(&self, streak: &[Outcome]) -> Option<Verdict> {
        let s = &self.settings;
        for outcome in streak {
            let ago = days_ago(outcome.date, self.today);
            let before = outcome
                .pain_before
                .or(self.history.morning_pain(outcome.date).map(|p| p.value()));
            if let Some(before) = before {
                let rise = outcome.worst().saturating_sub(before);
                if rise > s.oa_rise_max {
                    return Some(Verdict::new(
                        Decision::Hold,
                        "R9",
                        "oa_pain_rise",
                        &[
                            ("rise", f64::from(rise)),
                            ("max", f64::from(s.oa_rise_max)),
                            ("pain_before", f64::from(before)),
                            ago,
                        ],
                    ));
                }
            }
            let later = days::after(outcome.date, u64::from(s.oa_extra_pain_days));
            let baseline = self.baseline(outcome.date, outcome.pain_before);
            let morning = self
                .history
                .morning_pain(later)
                .filter(|_| later <= self.today)
                .map(|p| p.value());
            if let (Some(baseline), Some(morning)) = (baseline, morning)
                && f64::from(morning) > baseline
            {
                return Some(Verdict::new(
                    Decision::Hold,
                    "R8",
                    "oa_extra_pain",
                    &[
                        ("morning_pain", f64::from(morning)),
                        ("baseline", baseline),
                        ("max_days", f64::from(s.oa_extra_pain_days)),
                        ago,
                    ],
                ));
            }
        }
        None
    }

    /// Sessions before this day do not count toward a streak: 48 h after the last step down at
    /// the current rung (R6).
    fn streak_counts_from(&self, exercise: &str, rung: u32) -> Option<NaiveDate> {
        let regressed = self
            .sessions_newest_first()
            .filter_map(|s| {
                let e = s.plan.exercises.iter().find(|e| e.exercise == exercise)?;
                Some((s.date, e))
            })
            .take_while(|(_, e)| e.rung == rung)
            .find(|(_, e)| matches!(e.decision, Decision::Regress(_)))
            .map(|(date, _)| date)?;
        Some(days::after(
            regressed,
            u64::from(self.settings.no_streak_after_regress_days),
        ))
    }

    /// Days since the first session of the current run at this rung (0 if none yet).
    fn days_at_rung(&self, exercise: &str, rung: u32) -> u32 {
        let first = self
            .sessions_newest_first()
            .filter_map(|s| {
                let e = s.plan.exercises.iter().find(|e| e.exercise == exercise)?;
                Some((s.date, e.rung))
            })
            .take_while(|(_, r)| *r == rung)
            .last()
            .map(|(date, _)| date);
        first.map_or(0, |d| {
            u32::try_from((self.today - d).num_days()).unwrap_or(0)
        })
    }
}
