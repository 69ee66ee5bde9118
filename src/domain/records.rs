//! Journal records: the append-only facts everything else is derived from, as plain data. One
//! record is one JSON line, read and written by `store::journal_line`;
//! `docs/journal-format.md` documents each kind with an example.

use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use chrono::{DateTime, FixedOffset, NaiveDate};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

mod as_planned;
mod imported_run;

pub use as_planned::done_as_planned;
pub use imported_run::ImportedRun;

/// A record id, unique across devices (`<device-id>-<sequence>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub CompactString);

impl RecordId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for RecordId {
    fn from(id: &str) -> Self {
        RecordId(id.into())
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One journal line. The derive gives the field order of a written line; the store reads lines
/// back in one pass of its own (`store::journal_line`), accepting the fields in any order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Format version (the store's `FORMAT_VERSION` when written).
    pub v: u32,
    pub id: RecordId,
    /// When the record was written: local time with its UTC offset.
    pub at: DateTime<FixedOffset>,
    /// The calendar day the record is about (differs from `at` when backfilling with `--date`).
    pub date: NaiveDate,
    #[serde(flatten)]
    pub body: RecordBody,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn letter(self) -> &'static str {
        match self {
            Side::Left => "L",
            Side::Right => "R",
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// What happened. The `kind` field of the JSON line names the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordBody {
    /// The person chose (or switched to) a programme, starting on `start`.
    ProgrammeChosen { programme: String, start: NaiveDate },
    /// Morning check-in. Every field is optional so a person can answer part of it;
    /// `red_flags` maps a red-flag id (docs/sources.md#red-flags) to the answer given.
    CheckIn {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pain: Option<Rating>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stiffness: Option<Rating>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        load_test: Option<Rating>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        red_flags: BTreeMap<String, bool>,
    },
    /// A session began, following `plan` (a snapshot, so history never depends on later edits
    /// of the programme file). Shared, not copied, by the History's `SessionLog`.
    SessionStarted {
        plan: Arc<PlanSnapshot>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pain_before: Option<Rating>,
    },
    /// One set (or one side of a set) finished, with the pain rated right after it.
    SetDone {
        session: RecordId,
        exercise: CompactString,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        side: Option<Side>,
        /// 1-based set number.
        set: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reps: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds: Option<u32>,
        pain: Rating,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effort: Option<Rating>,
        /// Set by a correction when the person undoes the set; replay then ignores it.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        undone: bool,
    },
    /// An exercise was left out today, with the reason in words.
    ExerciseSkipped {
        session: RecordId,
        exercise: CompactString,
        reason: String,
    },
    /// The session ended.
    SessionFinished {
        session: RecordId,
        pain_after: Rating,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effort: Option<Rating>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A run or walk-run done away from the laptop (or recorded after an interval session), typed
    /// or imported from a watch's file. An imported run has no `rpe`, and no `pain` until the
    /// person rates it (a correction adds it: `rehab log run-pain`).
    RunLogged {
        minutes: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        km: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rpe: Option<Rating>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pain: Option<Rating>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        imported: Option<Box<ImportedRun>>,
    },
    /// Replaces fields of an earlier record (by id). Nothing is ever rewritten in place.
    Correction {
        target: RecordId,
        fields: serde_json::Map<String, serde_json::Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Free text for the day.
    Note { text: String },
    /// The person confirms a clinician has seen them after a stop; exercise unlocks.
    ClinicianSeen {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The person has read a referral ("see a clinician soon") message.
    ReferralAcknowledged { reason: String },
    /// The person chose not to resume this unfinished session: its sets stay as they are
    /// (a partial day), and it no longer holds today, so a fresh session can start.
    SessionLeft { session: RecordId },
    /// The person answered one of a phase's milestone questions (e.g. "a clinician has cleared
    /// you to run"); the phase waits for a yes. The latest answer counts.
    MilestoneAnswered {
        programme: String,
        milestone: String,
        yes: bool,
    },
}

impl RecordBody {
    /// The `kind` string as written in the journal.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordBody::ProgrammeChosen { .. } => "programme_chosen",
            RecordBody::CheckIn { .. } => "check_in",
            RecordBody::SessionStarted { .. } => "session_started",
            RecordBody::SetDone { .. } => "set_done",
            RecordBody::ExerciseSkipped { .. } => "exercise_skipped",
            RecordBody::SessionFinished { .. } => "session_finished",
            RecordBody::RunLogged { .. } => "run_logged",
            RecordBody::Correction { .. } => "correction",
            RecordBody::Note { .. } => "note",
            RecordBody::ClinicianSeen { .. } => "clinician_seen",
            RecordBody::ReferralAcknowledged { .. } => "referral_acknowledged",
            RecordBody::SessionLeft { .. } => "session_left",
            RecordBody::MilestoneAnswered { .. } => "milestone_answered",
        }
    }
}
