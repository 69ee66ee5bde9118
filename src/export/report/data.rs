//! What both reports (Markdown and HTML) are made of: the period, each day's kind from the one
//! day classification, pain day by day, and look-ups of names and doses in the catalogue.

use crate::domain::catalogue::Catalogue;
use crate::domain::history::{History, SessionLog};
use crate::domain::insight::{self, DayClassifier, DayKind, DayPain};
use crate::domain::programme::{ExerciseKind, Rung};
use crate::domain::settings::CoachSettings;
use crate::export::range::DayRange;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::BTreeMap;

/// Days at each end of the period whose mean is "then" and "now" (a week, as the coach's weekly
/// means for rules 4 and 5).
pub const COMPARE_DAYS: u64 = 7;

/// One period of the journal, with the facts every section reads.
pub struct ReportData<'a> {
    pub history: &'a History,
    pub catalogue: &'a Catalogue,
    pub settings: &'a CoachSettings,
    /// The day the report is made (a day not over yet is never missed).
    pub today: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every day of the period and how it went.
    pub days: BTreeMap<NaiveDate, DayKind>,
    /// Days of the period with any pain rating, oldest first.
    pub pain: Vec<DayPain>,
}

/// Why there is nothing to report.
pub enum Empty {
    /// No record at all.
    Journal,
    /// Records, but none in the period asked for (the period as clipped to the journal).
    Period(NaiveDate, NaiveDate),
}

impl<'a> ReportData<'a> {
    /// The period `range` clipped to the journal's first and last day.
    pub fn new(
        history: &'a History,
        catalogue: &'a Catalogue,
        settings: &'a CoachSettings,
        today: NaiveDate,
        range: DayRange,
    ) -> Result<ReportData<'a>, Empty> {
        let (Some(first), Some(last)) = (history.first_day, history.last_day) else {
            return Err(Empty::Journal);
        };
        let from = range.since.map_or(first, |s| s.max(first));
        let to = range.until.map_or(last, |u| u.min(last));
        if from > to {
            return Err(Empty::Period(from, to));
        }
        let lookup = |id: &str| catalogue.get(id);
        let classifier = DayClassifier::new(history, settings, &lookup, today);
        let days = from
            .iter_days()
            .take_while(|d| *d <= to)
            .map(|d| (d, classifier.kind(d)))
            .collect();
        let pain = insight::daily_pain(history)
            .into_iter()
            .filter(|p| p.date >= from && p.date <= to)
            .collect();
        Ok(ReportData {
            history,
            catalogue,
            settings,
            today,
            from,
            to,
            days,
            pain,
        })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.from && day <= self.to
    }

    /// Whole weeks the period spans, rounded up.
    pub fn weeks(&self) -> i64 {
        ((self.to - self.from).num_days() + 1 + 6) / 7
    }

    /// The Monday of each week the period touches, oldest first.
    pub fn mondays(&self) -> Vec<NaiveDate> {
        let first = monday_of(self.from);
        std::iter::successors(Some(first), |m| m.checked_add_days(Days::new(7)))
            .take_while(|m| *m <= self.to)
            .collect()
    }

    pub fn sessions(&self) -> impl Iterator<Item = &'a SessionLog> + '_ {
        self.history
            .sessions
            .iter()
            .filter(move |s| self.contains(s.date))
    }

    /// The latest session of the period.
    pub fn last_session(&self) -> Option<&'a SessionLog> {
        self.history
            .sessions
            .iter()
            .rev()
            .find(|s| self.contains(s.date))
    }

    /// The exercise's name in its programme, else its id.
    pub fn exercise_name(&self, programme: &str, exercise: &str) -> String {
        self.catalogue
            .get(programme)
            .and_then(|p| p.exercise(exercise))
            .map_or_else(|| exercise.to_string(), |e| e.name.clone())
    }

    /// Rungs on the exercise's ladder, when the programme is known.
    pub fn ladder_len(&self, programme: &str, exercise: &str) -> Option<u32> {
        let exercise = self.catalogue.get(programme)?.exercise(exercise)?;
        u32::try_from(exercise.rungs.len()).ok()
    }

    /// "2 × 10, light band", "2 × 30 s hold": sets × reps or hold, with load and variant; rest and
    /// effort are left out (the clinician asks for the dose, not the timer).
    pub fn dose(&self, programme: &str, exercise: &str, rung: &Rung) -> String {
        let kind = self
            .catalogue
            .get(programme)
            .and_then(|p| p.exercise(exercise))
            .map_or_else(|| kind_from_dose(rung), |e| e.kind);
        Rung {
            rest: 0,
            effort: None,
            ..rung.clone()
        }
        .describe(kind)
    }

    /// True when the period holds a first and a last week that do not overlap.
    pub fn comparable(&self) -> bool {
        (self.to - self.from).num_days() + 1 >= 2 * COMPARE_DAYS as i64
    }

    /// Values on days `from ..= from + COMPARE_DAYS - 1` against days `to - COMPARE_DAYS + 1 ..= to`.
    pub fn then_and_now(&self, values: &[(NaiveDate, f64)]) -> Option<ThenNow> {
        let week = Days::new(COMPARE_DAYS - 1);
        let first_end = self.from.checked_add_days(week)?;
        let last_start = self.to.checked_sub_days(week)?;
        let then = mean(values.iter().filter(|(d, _)| *d <= first_end).map(|v| v.1))?;
        let now = mean(values.iter().filter(|(d, _)| *d >= last_start).map(|v| v.1))?;
        Some(ThenNow { then, now })
    }
}

/// Pain in one session: the worst set, each side's worst set, and pain just after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPain {
    pub date: NaiveDate,
    pub during: Option<u8>,
    pub left: Option<u8>,
    pub right: Option<u8>,
    pub after: Option<u8>,
}

/// Left and right are told apart when their mean worst sets differ by this much or more (a
/// rating is a whole number; half a point is one side a point higher about every other session).
pub const SIDES_DIFFER_BY: f64 = 0.5;

impl ReportData<'_> {
    /// Each session of the period with a set logged or a pain after, oldest first.
    pub fn session_pain(&self) -> Vec<SessionPain> {
        use crate::domain::records::Side;
        self.sessions()
            .map(|s| {
                let side = |want: Side| {
                    s.sets
                        .iter()
                        .filter(|set| set.side == Some(want))
                        .map(|set| set.pain.value())
                        .max()
                };
                SessionPain {
                    date: s.date,
                    during: s.sets.iter().map(|set| set.pain.value()).max(),
                    left: side(Side::Left),
                    right: side(Side::Right),
                    after: s.pain_after().map(|p| p.value()),
                }
            })
            .filter(|p| p.during.is_some() || p.after.is_some())
            .collect()
    }

    /// True when per-side sets were logged and one side hurt more than the other.
    pub fn sides_differ(&self, sessions: &[SessionPain]) -> bool {
        let left = mean(sessions.iter().filter_map(|s| s.left).map(f64::from));
        let right = mean(sessions.iter().filter_map(|s| s.right).map(f64::from));
        matches!((left, right), (Some(l), Some(r)) if (l - r).abs() >= SIDES_DIFFER_BY)
    }
}

/// A mean over the period's first week ("then") and its last ("now").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThenNow {
    pub then: f64,
    pub now: f64,
}

/// The Monday on or before `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

pub fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// The kind a dose reads as when the programme is no longer in the catalogue.
fn kind_from_dose(rung: &Rung) -> ExerciseKind {
    if rung.hold.is_some() {
        ExerciseKind::Hold
    } else if rung.walk.is_some() || rung.run.is_some() {
        ExerciseKind::Interval
    } else if rung.duration.is_some() {
        ExerciseKind::Timed
    } else {
        ExerciseKind::Reps
    }
}
