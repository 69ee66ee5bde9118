//! What the plan says about running today: data only, so the plan can carry it without
//! depending on the run history `running::advise` reads.

use crate::domain::reason::Reason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the plan says about running today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunningAdvice {
    /// Km run in the last 7 days (today included).
    pub km_this_week: f64,
    /// Km run in the 7 days before that.
    pub km_last_week: f64,
    /// Most km to run over the 7 days ending today (None without a recent week to build on).
    pub week_cap_km: Option<f64>,
    /// Today falls in an easier week (every `run_easier_week_every`-th calendar week of running):
    /// the week cap is then a share of last week's km (`run_easier_week_factor`).
    #[serde(default)]
    pub easier_week: bool,
    /// Longest single run allowed today (None without a run in the last 30 days).
    pub run_cap_km: Option<f64>,
    /// Step down one walk-run rung (the last run was red or did not settle).
    pub drop_rung: bool,
    /// No run before this day (48 h after a red or unsettled run).
    pub next_run_from: Option<NaiveDate>,
    /// Acute:chronic ratio, shown only (R18a).
    pub acwr: Option<f64>,
    pub reasons: Vec<Reason>,
}
