//! Whether an exercise is due today, from its `Frequency` and the last session that included it.

use super::DAYS_PER_WEEK;
use super::context::Context;
use crate::domain::programme::{Exercise, ExerciseKind, Frequency};
use chrono::NaiveDate;

impl Context<'_> {
    /// Due when today's sessions have not yet reached `per_day`; otherwise, on a new day, when
    /// the gap since the last day with this exercise is at least `days_apart` (or 7 / `per_week`,
    /// so there are rest days between), and fewer than `per_week` of the 6 days before today had
    /// it (so no 7 days in a row ever hold more than `per_week`). `frequency` is the phase's
    /// override when it has one, else the exercise's own.
    pub fn due_today(&self, exercise: &Exercise, frequency: &Frequency) -> bool {
        let has_sets =
            |s: &&crate::domain::history::SessionLog| s.sets_of(&exercise.id).next().is_some();
        // A logged run is the walk-run exercise done, where running is part of the plan (as in
        // the day classification): a run today, or on a recent day, counts like its sets.
        let run_days: Vec<NaiveDate> =
            if exercise.kind == ExerciseKind::Interval && self.programme.rules.running_caps {
                self.history
                    .runs
                    .iter()
                    .map(|r| r.date)
                    .filter(|d| *d <= self.today)
                    .collect()
            } else {
                Vec::new()
            };
        let ran_today = u32::from(run_days.contains(&self.today));
        let per_day = frequency.per_day.unwrap_or(1).max(1);
        let done_today = self.sessions_today().filter(has_sets).count() as u32 + ran_today;
        if done_today >= per_day {
            return false;
        }
        if done_today > 0 {
            return true;
        }
        let per_week = frequency
            .per_week
            .unwrap_or(DAYS_PER_WEEK)
            .clamp(1, DAYS_PER_WEEK);
        let gap = frequency
            .days_apart
            .unwrap_or(DAYS_PER_WEEK / per_week)
            .max(1);
        let last_run = run_days.iter().copied().filter(|d| *d < self.today).max();
        let last: Option<NaiveDate> = self
            .sessions_newest_first()
            .find(has_sets)
            .map(|s| s.date)
            .max(last_run);
        if last.is_some_and(|d| (self.today - d).num_days() < i64::from(gap)) {
            return false;
        }
        let window_start = self
            .today
            .checked_sub_days(chrono::Days::new(u64::from(DAYS_PER_WEEK - 1)))
            .unwrap_or(NaiveDate::MIN);
        let mut days: Vec<NaiveDate> = self
            .sessions_newest_first()
            .take_while(|s| s.date >= window_start)
            .filter(has_sets)
            .map(|s| s.date)
            .chain(
                run_days
                    .iter()
                    .copied()
                    .filter(|d| *d >= window_start && *d < self.today),
            )
            .collect();
        days.sort_unstable();
        days.dedup();
        (days.len() as u32) < per_week
    }
}
