//! The 24-hour response and the weekly trend, read from morning check-ins (R3, R4, R7; §3
//! `baseline`, `settled`, `weekly_delta`).

use super::context::Context;
pub use crate::domain::phrase::one_decimal;
use crate::domain::phrase::{self, Numbers};
use crate::domain::reason::NamedNumbers;
use chrono::{Days, NaiveDate};

/// Why a next morning did not settle (or that it could not be judged yet).
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Settled,
    /// No morning check-in the day after.
    NotLoggedYet,
    /// Morning pain above the baseline plus the tolerance (R3).
    PainAboveBaseline {
        pain: u8,
        baseline: f64,
    },
    /// Morning pain above the ceiling (R3 with R1).
    PainAboveCeiling {
        pain: u8,
        ceiling: u8,
    },
    /// Morning stiffness above its baseline plus the tolerance (R3/R4).
    StiffnessAboveBaseline {
        stiffness: u8,
        baseline: f64,
    },
    /// Load-test pain above its ceiling (R7).
    LoadTestAbove {
        pain: u8,
        ceiling: u8,
    },
}

impl Response {
    pub fn is_settled(&self) -> bool {
        *self == Response::Settled
    }

    /// The rule an unsettled response comes from.
    pub fn rule(&self) -> &'static str {
        match self {
            Response::LoadTestAbove { .. } => "R7",
            _ => "R3",
        }
    }

    /// The numbers of an unsettled response, by name (none when settled or not logged), with the
    /// tolerance allowed above the usual level.
    pub fn numbers(&self, tolerance: u8) -> Vec<(&'static str, f64)> {
        let tolerance = ("tolerance", f64::from(tolerance));
        match self {
            Response::PainAboveBaseline { pain, baseline } => vec![
                ("morning_pain", f64::from(*pain)),
                ("baseline", *baseline),
                tolerance,
            ],
            Response::PainAboveCeiling { pain, ceiling } => vec![
                ("morning_pain", f64::from(*pain)),
                ("ceiling", f64::from(*ceiling)),
            ],
            Response::StiffnessAboveBaseline {
                stiffness,
                baseline,
            } => vec![
                ("stiffness", f64::from(*stiffness)),
                ("baseline", *baseline),
                tolerance,
            ],
            Response::LoadTestAbove { pain, ceiling } => vec![
                ("load_test_pain", f64::from(*pain)),
                ("ceiling", f64::from(*ceiling)),
            ],
            Response::Settled | Response::NotLoggedYet => Vec::new(),
        }
    }

    /// Plain words, e.g. "next-morning pain was 5/10, above your usual 3 plus the 1 point
    /// allowed" (phrased from `numbers`).
    pub fn words(&self, tolerance: u8) -> String {
        match self {
            Response::Settled => "it settled by the next morning".into(),
            Response::NotLoggedYet => "the next morning's check-in is not logged yet".into(),
            unsettled => {
                let numbers = NamedNumbers::from_pairs(&unsettled.numbers(tolerance));
                phrase::settle_words(Numbers(&numbers)).unwrap_or_default()
            }
        }
    }
}

fn median(mut values: Vec<u8>) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(values[n / 2])),
        _ => Some((f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0),
    }
}

impl Context<'_> {
    /// The most recent `baseline_mornings` values of `pick` within the lookback before `day`.
    fn recent_before(
        &self,
        day: NaiveDate,
        pick: impl Fn(&crate::domain::history::DayCheckIn) -> Option<u8>,
    ) -> Vec<u8> {
        let lookback = u64::from(self.settings.baseline_lookback_days);
        let from = day.checked_sub_days(Days::new(lookback)).unwrap_or(day);
        self.history
            .checkins
            .range(from..day)
            .rev()
            .filter_map(|(_, c)| pick(c))
            .take(self.settings.baseline_mornings as usize)
            .collect()
    }

    /// §3 `baseline(s)`: median morning pain of the mornings before `day`, else pain before the
    /// session, else that day's own morning (the pre-session level).
    pub fn baseline(&self, day: NaiveDate, pain_before: Option<u8>) -> Option<f64> {
        median(self.recent_before(day, |c| c.pain.map(|p| p.value())))
            .or(pain_before.map(f64::from))
            .or(self.history.morning_pain(day).map(|p| f64::from(p.value())))
    }

    /// §3 `stiffness_baseline(s)`: the same median for stiffness, else that day's own morning
    /// (the pre-session level, as for pain), else 0. Without the own-morning fallback a first
    /// session after a 2/10 morning would "not settle" on an unchanged 2/10 the next day.
    fn stiffness_baseline(&self, day: NaiveDate) -> f64 {
        median(self.recent_before(day, |c| c.stiffness.map(|p| p.value())))
            .or_else(|| {
                let own = self.history.checkin(day)?.stiffness?;
                Some(f64::from(own.value()))
            })
            .unwrap_or(0.0)
    }

    /// §3 `settled(s)` for activity on `day`: judged on the morning of the next day.
    pub fn response_after(&self, day: NaiveDate, pain_before: Option<u8>) -> Response {
        let Some(next) = day.succ_opt() else {
            return Response::NotLoggedYet;
        };
        if next > self.today {
            return Response::NotLoggedYet;
        }
        let Some(morning) = self.history.checkin(next) else {
            return Response::NotLoggedYet;
        };
        let Some(pain) = morning.pain.map(|p| p.value()) else {
            return Response::NotLoggedYet;
        };
        let s = &self.settings;
        let tolerance = f64::from(s.morning_tolerance);
        let baseline = self.baseline(day, pain_before).unwrap_or(f64::from(pain));
        if f64::from(pain) > baseline + tolerance {
            return Response::PainAboveBaseline { pain, baseline };
        }
        if pain > s.amber_max {
            return Response::PainAboveCeiling {
                pain,
                ceiling: s.amber_max,
            };
        }
        if let Some(stiffness) = morning.stiffness.map(|p| p.value()) {
            let baseline = self.stiffness_baseline(day);
            if f64::from(stiffness) > baseline + tolerance {
                return Response::StiffnessAboveBaseline {
                    stiffness,
                    baseline,
                };
            }
        }
        if let (Some(ceiling), Some(test)) = (self.load_test_ceiling(), morning.load_test)
            && test.value() > ceiling
        {
            return Response::LoadTestAbove {
                pain: test.value(),
                ceiling,
            };
        }
        Response::Settled
    }

    /// Mean morning pain over the 7 days ending `weeks_back` weeks before today (0 = this week).
    pub fn week_mean(&self, weeks_back: u32) -> Option<f64> {
        self.week_mean_ending(self.today, weeks_back)
    }

    /// Mean morning pain over the 7 days ending `weeks_back` weeks before `day`.
    fn week_mean_ending(&self, day: NaiveDate, weeks_back: u32) -> Option<f64> {
        let end = day.checked_sub_days(Days::new(7 * u64::from(weeks_back)))?;
        self.mean_morning_pain(end.checked_sub_days(Days::new(6))?, end)
    }

    /// `weekly_delta(0)` as it was on `day` (for a deload that began on an earlier day).
    pub fn weekly_delta_on(&self, day: NaiveDate) -> Option<f64> {
        Some(self.week_mean_ending(day, 0)? - self.week_mean_ending(day, 1)?)
    }

    /// Mean morning pain on the days `from..=to`, if any were logged.
    pub fn mean_morning_pain(&self, from: NaiveDate, to: NaiveDate) -> Option<f64> {
        let pains: Vec<f64> = self
            .history
            .checkins
            .range(from..=to)
            .filter_map(|(_, c)| c.pain.map(|p| f64::from(p.value())))
            .collect();
        (!pains.is_empty()).then(|| pains.iter().sum::<f64>() / pains.len() as f64)
    }

    /// §3 `weekly_delta(k)`: week k's mean minus week k+1's (positive = pain rising, R4).
    pub fn weekly_delta(&self, k: u32) -> Option<f64> {
        Some(self.week_mean(k)? - self.week_mean(k + 1)?)
    }

    /// The last `trend_mornings` morning pains on consecutive days, oldest first, ending today or
    /// yesterday; None when a day in between is missing.
    pub fn consecutive_mornings(&self) -> Option<Vec<u8>> {
        let n = self.settings.trend_mornings as usize;
        let yesterday = self.today.pred_opt()?;
        let end = if self.history.morning_pain(self.today).is_some() {
            self.today
        } else {
            yesterday
        };
        let mut values = Vec::with_capacity(n);
        let mut day = end;
        for _ in 0..n {
            values.push(self.history.morning_pain(day)?.value());
            day = day.pred_opt()?;
        }
        values.reverse();
        Some(values)
    }
}
