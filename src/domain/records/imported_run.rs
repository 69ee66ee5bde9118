//! Where an imported run came from (`rehab import runs`): kept with its `run_logged` record so a
//! second import of the same file adds nothing, and so the person can see which file it was.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The watch's or phone's own facts about a run, beside the minutes and km every run has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedRun {
    /// The file's name (not its folder), e.g. `2026-03-02-run.fit.gz`.
    pub file: String,
    /// Start time and device, e.g. `2026-03-02T07:30:00Z garmin/fenix5/3945849289`: the same
    /// activity has the same fingerprint whichever file or folder it is read from.
    pub fingerprint: String,
    /// When the activity started, with the UTC offset it was read with.
    pub started: DateTime<FixedOffset>,
    /// "run" or "walk", as the file says (a walk-run counts as a run).
    pub sport: String,
    /// Average heart rate in beats per minute, when the file has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_hr: Option<u32>,
    /// Total climb in metres, when the file has one (or its track has heights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ascent_m: Option<f64>,
}
