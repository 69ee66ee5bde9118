//! A phase's exit criteria as data (docs/coach.md, "Phase exits"): what the coach measures in
//! the journal, and the questions only the person can answer.

use serde::{Deserialize, Serialize};

/// Exit criteria as data the coach evaluates. Every field is optional; all given must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitCriteria {
    /// Sessions logged in this phase.
    pub min_sessions: Option<u32>,
    /// No session in the phase's last `window_days` with pain during above this.
    pub max_pain_during: Option<u8>,
    /// No session in the phase's last `window_days` with pain after above this.
    pub max_pain_after: Option<u8>,
    /// Settled mornings (R3) needed within the last `window_days`.
    pub settled_mornings: Option<u32>,
    /// Window for the criteria above, in days (default 7).
    pub window_days: Option<u32>,
    /// Load-test pain at or below this on `load_test_days` days in a row.
    pub load_test_max: Option<u8>,
    pub load_test_days: Option<u32>,
    /// The weekly mean morning pain must not be rising (R4).
    #[serde(default)]
    pub weekly_morning_not_rising: bool,
    /// The mean morning pain over the last 7 days must be at or below this.
    pub max_weekly_morning_mean: Option<f64>,
    /// Milestones the person checks for themselves before moving on (shown, not evaluated).
    /// Prefer `confirm`, which is asked and recorded.
    #[serde(default)]
    pub checks: Vec<String>,
    /// Milestones the journal measures: an exercise done at a rung (e.g. 45 s holds, a loaded
    /// single-leg RDL 3 × 8), for some days, within a pain limit, settled the next morning.
    #[serde(default)]
    pub reached: Vec<RungMilestone>,
    /// Milestones only the person can confirm (a clinician's clearance, pain-free daily life):
    /// asked in the check-in and with `rehab log milestone`; the phase waits for a yes to each.
    #[serde(default)]
    pub confirm: Vec<Confirmation>,
}

/// "`exercise` done at rung `rung` or higher": for at least `days` days since first reached
/// (and never done lower since), the last time at `max_pain` or less during and after (default
/// the ceiling), and settled by the next morning when `settled` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RungMilestone {
    pub exercise: String,
    pub rung: u32,
    /// The milestone in words, e.g. "45 s bridge holds".
    pub what: String,
    #[serde(default)]
    pub days: u32,
    pub max_pain: Option<u8>,
    #[serde(default)]
    pub settled: bool,
}

/// A yes/no question only the person can answer, with an id for the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    /// Short id, e.g. `sitting-30-min` (`rehab log milestone ID --yes`).
    pub id: String,
    /// Asked as written, e.g. "Can you sit for 30 minutes at 3/10 or less?"
    pub question: String,
}
