//! Journal records: the append-only facts everything else is derived from. One record is one
//! JSON line; `docs/journal-format.md` documents each kind with an example.

use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

mod as_planned;
mod de;
mod de_key;
mod imported_run;
mod time_text;

pub use as_planned::done_as_planned;
pub use imported_run::ImportedRun;

/// The journal format this build writes and understands.
pub const FORMAT_VERSION: u32 = 1;

/// A record id, unique across devices (`<device-id>-<sequence>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub String);

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

/// Serialised by derive (the field order of every journal line); deserialised by hand in one pass
/// (`de.rs`), accepting the fields in any order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Format version (`FORMAT_VERSION` when written).
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
        exercise: String,
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
        exercise: String,
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
        imported: Option<ImportedRun>,
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

/// Why a line could not be read as a record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LineError {
    #[error("not valid JSON ({0})")]
    NotJson(String),
    #[error(
        "written by a newer rehab (format version {found}, this build reads up to {FORMAT_VERSION}): update rehab to read it; the line is left as it is"
    )]
    NewerVersion { found: u64 },
    #[error("missing or invalid format version field \"v\"")]
    NoVersion,
    #[error("not a valid record: {0}")]
    Invalid(String),
}

impl LineError {
    /// A newer-version line is not damage: repair must never move it aside.
    pub fn is_newer_version(&self) -> bool {
        matches!(self, LineError::NewerVersion { .. })
    }
}

impl Record {
    /// Parse one journal line. A record from a newer format version is refused: on the usual
    /// path after a single typed pass (nothing of it is returned), and whenever that pass fails,
    /// by the careful path, which checks the version before reading any other field.
    pub fn from_line(line: &str) -> Result<Record, LineError> {
        match serde_json::from_str::<Record>(line) {
            Ok(record) if record.v <= FORMAT_VERSION => Ok(record),
            Ok(record) => Err(LineError::NewerVersion {
                found: u64::from(record.v),
            }),
            // A key given twice is final: the careful path's JSON value would keep the last one.
            Err(error) if is_repeated_key(&error) => Err(LineError::NotJson(error.to_string())),
            Err(_) => Record::from_line_carefully(line),
        }
    }

    /// The version first, then the fields: gives the exact reason a line cannot be read.
    fn from_line_carefully(line: &str) -> Result<Record, LineError> {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| LineError::NotJson(e.to_string()))?;
        let version = value
            .get("v")
            .and_then(serde_json::Value::as_u64)
            .ok_or(LineError::NoVersion)?;
        if version > u64::from(FORMAT_VERSION) {
            return Err(LineError::NewerVersion { found: version });
        }
        Record::from_json_value(value).map_err(|e| LineError::Invalid(e.to_string()))
    }

    /// A record from a JSON object (e.g. a corrected record), read like a journal line but
    /// without the version check.
    pub fn from_json_value(value: serde_json::Value) -> Result<Record, serde_json::Error> {
        de::from_json_value(value)
    }

    /// One JSON line, without the trailing newline.
    pub fn to_line(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The record reader's own repeat error, or serde's for a field given twice in a nested struct.
fn is_repeated_key(error: &serde_json::Error) -> bool {
    let text = error.to_string();
    text.contains(de::REPEATED_KEY) || text.starts_with("duplicate field")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-02T07:30:00+01:00").unwrap()
    }

    #[test]
    fn round_trips_a_check_in() {
        let r = Record {
            v: FORMAT_VERSION,
            id: RecordId("dev1-000001".into()),
            at: at(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            body: RecordBody::CheckIn {
                pain: Some(Rating::new(3).unwrap()),
                stiffness: Some(Rating::new(2).unwrap()),
                load_test: None,
                red_flags: BTreeMap::new(),
            },
        };
        let line = r.to_line();
        assert!(line.contains("\"kind\":\"check_in\""), "{line}");
        assert_eq!(Record::from_line(&line), Ok(r));
    }

    #[test]
    fn newer_version_is_refused() {
        let line = r#"{"v":99,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"note","text":"hi"}"#;
        assert_eq!(
            Record::from_line(line),
            Err(LineError::NewerVersion { found: 99 })
        );
    }

    #[test]
    fn a_newer_version_is_refused_whatever_its_fields_hold() {
        for (line, found) in [
            // Fields before `v` that this build would read wrongly: still refused by version.
            (
                r#"{"pain":"severe","kind":"check_in","v":2,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02"}"#,
                2,
            ),
            (
                r#"{"v":2,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"note","text":"hi"}"#,
                2,
            ),
            (
                r#"{"v":4294967296,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"note","text":"hi"}"#,
                4_294_967_296,
            ),
        ] {
            assert_eq!(
                Record::from_line(line),
                Err(LineError::NewerVersion { found }),
                "{line}"
            );
        }
    }

    #[test]
    fn fields_come_in_any_order_and_a_repeated_field_is_refused() {
        let line = r#"{"text":"only","kind":"note","date":"2026-03-02","at":"2026-03-02T07:30:00+01:00","id":"x","v":1}"#;
        let record = Record::from_line(line).unwrap();
        assert_eq!(
            record.body,
            RecordBody::Note {
                text: "only".into()
            }
        );
        assert_eq!(record.id, RecordId("x".into()));
        // Which of two values was meant cannot be known: the line is bad (issue 12), where it
        // used to keep the last one silently.
        let twice = r#"{"text":"first","kind":"note","date":"2026-03-02","text":"last","at":"2026-03-02T07:30:00+01:00","id":"x","v":1}"#;
        match Record::from_line(twice) {
            Err(LineError::NotJson(message)) => {
                assert!(message.contains("given twice"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_and_mistyped_fields_are_named() {
        let missing = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"set_done","session":"s","exercise":"e","set":1}"#;
        assert_eq!(
            Record::from_line(missing),
            Err(LineError::Invalid("missing field `pain`".into()))
        );
        let mistyped = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"set_done","session":"s","exercise":"e","set":"one","pain":2}"#;
        assert!(
            matches!(Record::from_line(mistyped), Err(LineError::Invalid(m)) if m.contains("invalid type: string \"one\", expected u32")),
        );
        let unknown = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"teleport"}"#;
        assert!(
            matches!(Record::from_line(unknown), Err(LineError::Invalid(m)) if m.starts_with("unknown variant `teleport`, expected one of `programme_chosen`")),
        );
        assert_eq!(
            Record::from_line(r#"{"id":"x"}"#),
            Err(LineError::NoVersion)
        );
        assert!(matches!(
            Record::from_line(r#"{"v":1,"#),
            Err(LineError::NotJson(_))
        ));
    }

    #[test]
    fn pain_out_of_scale_is_invalid() {
        let line = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"check_in","pain":11}"#;
        assert!(matches!(
            Record::from_line(line),
            Err(LineError::Invalid(_))
        ));
    }

    #[test]
    fn milestone_answers_round_trip_and_need_every_field() {
        let r = Record {
            v: FORMAT_VERSION,
            id: RecordId("dev1-000002".into()),
            at: at(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            body: RecordBody::MilestoneAnswered {
                programme: "return-to-running".into(),
                milestone: "bone-stress-cleared".into(),
                yes: true,
            },
        };
        let line = r.to_line();
        assert!(line.contains("\"kind\":\"milestone_answered\""), "{line}");
        assert_eq!(Record::from_line(&line), Ok(r));
        let missing = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"milestone_answered","programme":"p","milestone":"m"}"#;
        assert_eq!(
            Record::from_line(missing),
            Err(LineError::Invalid("missing field `yes`".into()))
        );
        let null = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"milestone_answered","programme":"p","milestone":"m","yes":null}"#;
        assert!(matches!(
            Record::from_line(null),
            Err(LineError::Invalid(_))
        ));
    }
}
