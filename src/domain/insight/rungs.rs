//! Each exercise's rung over time.

use crate::domain::history::History;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Each exercise's rung on every session day it was planned, oldest first.
pub fn rung_series(history: &History) -> BTreeMap<String, Vec<(NaiveDate, u32)>> {
    let mut series: BTreeMap<String, Vec<(NaiveDate, u32)>> = BTreeMap::new();
    for session in history.sessions.iter() {
        for ex in &session.plan.exercises {
            series
                .entry(ex.exercise.to_string())
                .or_default()
                .push((session.date, ex.rung));
        }
    }
    series
}
