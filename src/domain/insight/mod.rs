//! Views derived from a replayed `History`, shared by Today, the history screens, the report and
//! the CSV export: one classification of a day, streak and adherence, pain day by day, plan
//! changes with their reasons, rungs over time, weekly running against the caps, and one text
//! sparkline. Pure functions of their inputs: the shell passes `today` in.

pub mod adherence;
pub mod day;
pub mod pain;
pub mod plan_changes;
pub mod rungs;
pub mod runs;
pub mod sparkline;
#[cfg(test)]
mod test_history;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_runs;

pub use adherence::{
    ADHERENCE_DAYS, adherence, adherence_partial, kind_counts, streak, streak_partial,
};
pub use day::{
    DayClassifier, DayKind, ProgrammeLookup, SessionOutcome, planned_per_week, session_outcome,
};
pub use pain::{DayPain, MORNING_SERIES_DAYS, daily_pain, morning_series};
pub use plan_changes::{PlanChange, RungChange, plan_changes};
pub use rungs::rung_series;
pub use runs::{LONGEST_RUN_LOOKBACK_DAYS, RunWeek, run_weeks};
pub use sparkline::sparkline;
