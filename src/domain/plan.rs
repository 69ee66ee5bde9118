//! What the coach prescribes for one day, and the snapshot of it stored when a session starts.

use crate::domain::programme::Rung;
use crate::domain::reason::Reason;
use crate::domain::red_flags::Urgency;
use crate::domain::running_advice::RunningAdvice;
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why the coach sends the person to a clinician: rules 1b–6 (docs/sources.md#coach-rules) and a
/// SOON red flag (docs/sources.md#red-flags).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferReason {
    /// A SOON red flag was answered yes (rule 1b).
    SymptomFlag,
    /// Morning pain ≥ SEVERE three days running (rule 2).
    SevereForDays,
    /// Morning pain rising three days running to the ceiling or above (rule 3).
    RisingTrend,
    /// Weekly mean up by ≥ MCID two weeks running (rule 4).
    WorseningTwoWeeks,
    /// No meaningful improvement after PLATEAU_WEEKS adherent weeks (rule 5).
    Plateau,
    /// Sent back to the phase floor repeatedly (rule 6).
    RepeatedFlare,
}

impl ReferReason {
    /// The id written in a `referral_acknowledged` record's `reason` field (snake_case).
    pub fn id(&self) -> &'static str {
        match self {
            ReferReason::SymptomFlag => "symptom_flag",
            ReferReason::SevereForDays => "severe_for_days",
            ReferReason::RisingTrend => "rising_trend",
            ReferReason::WorseningTwoWeeks => "worsening_two_weeks",
            ReferReason::Plateau => "plateau",
            ReferReason::RepeatedFlare => "repeated_flare",
        }
    }

    pub fn words(&self) -> &'static str {
        match self {
            ReferReason::SymptomFlag => "a symptom that needs a clinician's look",
            ReferReason::SevereForDays => "severe morning pain for several days",
            ReferReason::RisingTrend => "morning pain rising day after day",
            ReferReason::WorseningTwoWeeks => "pain worse two weeks running",
            ReferReason::Plateau => "no meaningful improvement after weeks of training",
            ReferReason::RepeatedFlare => "repeated flare-ups",
        }
    }
}

/// The coach's decision for an exercise (or for the day, the most cautious one).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "decision", content = "detail", rename_all = "snake_case")]
pub enum Decision {
    Progress,
    Hold,
    /// Step down this many rungs.
    Regress(u8),
    /// Same rung, reduced volume for a week.
    Deload,
    /// Already at the lowest rung with nowhere lower to go (§3 REGRESS in the first phase):
    /// today only isometric holds; other exercises give way to their isometric alternatives.
    IsometricOnly,
    /// See a clinician; only hold or regress until acknowledged.
    Refer(ReferReason),
    /// Stop all exercise and seek care with this urgency.
    Stop(Urgency),
}

impl Decision {
    /// Order from least to most cautious, used to pick the day's headline decision.
    pub fn caution(&self) -> u8 {
        match self {
            Decision::Progress => 0,
            Decision::Hold => 1,
            Decision::Deload => 2,
            Decision::Regress(n) => 2u8.saturating_add(*n).min(8),
            Decision::IsometricOnly => 9,
            Decision::Refer(_) => 10,
            Decision::Stop(_) => 11,
        }
    }

    pub fn word(&self) -> &'static str {
        match self {
            Decision::Progress => "progress",
            Decision::Hold => "hold",
            Decision::Regress(_) => "regress",
            Decision::Deload => "deload",
            Decision::IsometricOnly => "isometric only",
            Decision::Refer(_) => "refer",
            Decision::Stop(_) => "stop",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Progress => write!(f, "progress: step up one rung"),
            Decision::Hold => write!(f, "hold: no step up or down"),
            Decision::Regress(n) => {
                write!(
                    f,
                    "regress: step down {n} rung{}",
                    if *n == 1 { "" } else { "s" }
                )
            }
            Decision::Deload => write!(f, "deload: same rung, lighter volume this week"),
            Decision::IsometricOnly => write!(f, "isometric-only day: holds only today"),
            Decision::Refer(r) => write!(f, "see a clinician: {}", r.words()),
            Decision::Stop(u) => write!(f, "stop exercising: {}", u.instruction()),
        }
    }
}

/// One exercise in today's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedExercise {
    pub exercise: String,
    /// 1-based rung on the exercise's ladder.
    pub rung: u32,
    /// The rung before today's decision (equal to `rung` when it did not move).
    #[serde(default)]
    pub from_rung: u32,
    /// On an isometric-only day: the exercises this hold stands in for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instead_of: Vec<String>,
    /// The dose to do today (already reduced on a deload).
    pub dose: Rung,
    pub decision: Decision,
    pub reasons: Vec<Reason>,
    /// False when the exercise's frequency says it is not due today (e.g. 3×/week, done yesterday).
    pub due_today: bool,
}

/// The coach's plan for one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub date: NaiveDate,
    pub programme: String,
    /// Phase id (`P1`) and its 0-based index.
    pub phase: String,
    pub phase_index: usize,
    /// 1-based week since the programme started.
    pub week: u32,
    /// Headline decision for the day (the most cautious of the exercises', or a stop/refer).
    pub decision: Decision,
    pub reasons: Vec<Reason>,
    pub exercises: Vec<PlannedExercise>,
    /// True when exercise screens must be locked (a stop).
    pub locked: bool,
    /// True on a deload day (volume reduced).
    pub deload: bool,
    /// Things the person should do first, e.g. "Do the morning check-in".
    pub prompts: Vec<String>,
    /// Running caps and walk-run advice, for programmes with `rules.running_caps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running: Option<RunningAdvice>,
}

/// What is stored in `session_started`: enough to show and judge the session later even if the
/// programme file changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSnapshot {
    pub programme: String,
    pub phase: String,
    pub decision: Decision,
    #[serde(default)]
    pub reasons: Vec<Reason>,
    #[serde(default)]
    pub deload: bool,
    pub exercises: Vec<SnapshotExercise>,
}

impl PlanSnapshot {
    /// The same plan without the spare room its lists were read into (a journal of years holds
    /// one plan a day, and each is kept in the History).
    pub fn compacted(mut self) -> PlanSnapshot {
        self.reasons.shrink_to_fit();
        self.exercises.shrink_to_fit();
        for exercise in &mut self.exercises {
            exercise.reasons.shrink_to_fit();
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotExercise {
    pub exercise: CompactString,
    pub rung: u32,
    pub dose: Rung,
    pub decision: Decision,
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

impl Plan {
    /// The snapshot stored with a session: only the exercises due today.
    pub fn snapshot(&self) -> PlanSnapshot {
        PlanSnapshot {
            programme: self.programme.as_str().into(),
            phase: self.phase.as_str().into(),
            decision: self.decision.clone(),
            reasons: self.reasons.clone(),
            deload: self.deload,
            exercises: self
                .exercises
                .iter()
                .filter(|e| e.due_today)
                .map(|e| SnapshotExercise {
                    exercise: e.exercise.as_str().into(),
                    rung: e.rung,
                    dose: e.dose.clone(),
                    decision: e.decision.clone(),
                    reasons: e.reasons.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot written before reasons carried data, and before `isometric_only`, still reads.
    #[test]
    fn an_older_snapshot_still_parses_and_new_fields_round_trip() {
        let old = r#"{"programme":"p","phase":"P1","decision":{"decision":"regress","detail":1},
            "reasons":[{"rule":"R1","text":"pain 6"}],
            "exercises":[{"exercise":"bridge","rung":2,"dose":{"sets":1,"reps":10},
            "decision":{"decision":"hold"},"reasons":[{"rule":"rule 12","text":"hold"}]}]}"#;
        let snapshot: PlanSnapshot = serde_json::from_str(old).unwrap();
        assert_eq!(snapshot.reasons[0].cause, None);
        assert!(snapshot.exercises[0].reasons[0].numbers.is_empty());

        let reason = Reason::new("R1", "pain 6").because("pain_above_ceiling", &[("pain", 6.0)]);
        let text = serde_json::to_string(&reason).unwrap();
        assert_eq!(serde_json::from_str::<Reason>(&text).unwrap(), reason);
        let day = serde_json::to_string(&Decision::IsometricOnly).unwrap();
        assert_eq!(day, r#"{"decision":"isometric_only"}"#);
    }
}
