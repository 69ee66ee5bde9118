//! A programme: a condition's plan of phases, exercises and ladders of rungs, as written in TOML
//! (`programmes/README.md` documents the format). Parsing and validation live in
//! `programme_check`; these are the plain values the coach and the screens read.

pub use crate::domain::programme_exit::{Confirmation, ExitCriteria, RungMilestone};
use crate::domain::settings::CoachOverrides;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Stable identifier, lower-case with dashes (`gluteal-tendinopathy`).
    pub id: String,
    pub name: String,
    /// What the condition is, in plain words (a self-selection, never a diagnosis).
    pub condition: String,
    /// Who the programme is for (one line).
    #[serde(rename = "for")]
    pub for_whom: String,
    /// Who should see a clinician before starting.
    pub see_clinician_first: Vec<String>,
    pub sources: Vec<String>,
    /// Things to avoid throughout (e.g. crossing the legs).
    #[serde(default)]
    pub avoid: Vec<String>,
    /// A daily load test scored 0–10 with its ceiling (PHT: R7).
    #[serde(default)]
    pub load_test: Option<LoadTest>,
    /// Rules specific to the condition, evaluated by the coach.
    #[serde(default)]
    pub rules: ProgrammeRules,
    /// Overrides of the coach's named constants for this programme.
    #[serde(default)]
    pub coach: CoachOverrides,
    /// Phases in order.
    pub phases: Vec<Phase>,
    pub exercises: Vec<Exercise>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadTest {
    pub name: String,
    pub instructions: String,
    /// Highest acceptable load-test pain (0–10).
    pub ceiling: u8,
}

/// Condition-specific rules switched on per programme.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRules {
    /// Hip OA rules R8/R9: no step up when extra pain lasts more than a day or rises > 3 points.
    #[serde(default)]
    pub osteoarthritis: bool,
    /// Running caps (docs/sources.md#running-caps) apply to logged runs.
    #[serde(default)]
    pub running_caps: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Short id shown to the person (`P1`, `S2`, `W`).
    pub id: String,
    pub name: String,
    pub goal: String,
    /// Minimum days in this phase before it may end.
    #[serde(default)]
    pub min_days: u32,
    /// The exercises of this phase, each with the part of its ladder used here.
    pub exercises: Vec<PhaseExercise>,
    /// What must hold before moving to the next phase.
    #[serde(default)]
    pub exit: ExitCriteria,
    /// Another programme this phase hands over to (e.g. `return-to-running`), instead of copying it.
    #[serde(default)]
    pub continue_with: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseExercise {
    /// Id of an exercise in this programme.
    pub exercise: String,
    /// First rung used in this phase (1-based; default 1). Regressing below it counts as being
    /// "sent back to the phase floor" (coach rule 6).
    #[serde(default = "first_rung")]
    pub floor: u32,
    /// Highest rung reachable in this phase (default: the top of the ladder).
    #[serde(default)]
    pub top: Option<u32>,
    /// How often in this phase, when it differs from the exercise's own frequency (e.g. LEAP P4
    /// keeps the P3 strength work but at 3×/week).
    #[serde(default)]
    pub frequency: Option<Frequency>,
}

fn first_rung() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    /// Sets of repetitions, ended by a key.
    Reps,
    /// Isometric holds on a countdown.
    Hold,
    /// A timed effort (e.g. foam rolling) on a countdown.
    Timed,
    /// A static stretch on a countdown.
    Stretch,
    /// Walk-run intervals.
    Interval,
}

impl ExerciseKind {
    pub fn word(self) -> &'static str {
        match self {
            ExerciseKind::Reps => "reps",
            ExerciseKind::Hold => "hold",
            ExerciseKind::Timed => "timed",
            ExerciseKind::Stretch => "stretch",
            ExerciseKind::Interval => "interval",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sides {
    /// Both legs together (or no side).
    #[default]
    Both,
    /// Each side in turn: left then right.
    Each,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub kind: ExerciseKind,
    #[serde(default)]
    pub sides: Sides,
    /// Tempo for reps as down-pause-up seconds, e.g. "3-0-3".
    #[serde(default)]
    pub tempo: Option<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub avoid: Vec<String>,
    /// An ASCII figure shown while the exercise runs.
    #[serde(default)]
    pub figure: Option<String>,
    #[serde(default)]
    pub frequency: Frequency,
    /// Id of an easier isometric exercise offered when pain passes the ceiling.
    #[serde(default)]
    pub isometric: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The ladder, easiest first. Neighbouring rungs differ in one variable.
    pub rungs: Vec<Rung>,
}

/// How often an exercise is done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// Times per day (default 1).
    pub per_day: Option<u32>,
    /// Days per week (default 7 = daily).
    pub per_week: Option<u32>,
    /// Minimum days between sessions (e.g. 2 = every other day).
    pub days_apart: Option<u32>,
}

/// One step on a ladder: a dose. Empty fields are left out when written (journal snapshots stay
/// small); missing fields read back as `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    /// Short label (`W1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Sets (for intervals: repeats of walk + run).
    pub sets: u32,
    /// Repetitions per set (`reps`; for `hold`, holds per set, default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<u32>,
    /// Seconds per hold (`hold`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<u32>,
    /// Seconds per set (`timed`, `stretch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// Walk seconds per repeat (`interval`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walk: Option<u32>,
    /// Run (jog) seconds per repeat (`interval`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<u32>,
    /// Rest seconds between sets.
    #[serde(default)]
    pub rest: u32,
    /// Effort target as [low, high] on 0–10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<[u8; 2]>,
    /// External load, in words ("light band", "8 kg kettlebell").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<String>,
    /// Lever, range or support, in words ("short lever", "feet on a step").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

impl Rung {
    /// Names of the variables that differ between two rungs. For intervals the walk/run pattern and
    /// the number of repeats count as one variable ("intervals"), since a walk-run rung is defined
    /// as a whole pattern (docs/sources.md#return-to-running).
    pub fn changed_variables(&self, other: &Rung, kind: ExerciseKind) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if kind == ExerciseKind::Interval {
            if (self.sets, self.walk, self.run) != (other.sets, other.walk, other.run) {
                changed.push("intervals");
            }
        } else if self.sets != other.sets {
            changed.push("sets");
        }
        if self.reps != other.reps {
            changed.push("reps");
        }
        if self.hold != other.hold {
            changed.push("hold");
        }
        if self.duration != other.duration {
            changed.push("duration");
        }
        if self.load != other.load {
            changed.push("load");
        }
        if self.variant != other.variant {
            changed.push("variant");
        }
        changed
    }

    /// Seconds of work in one set (hold × holds, duration, or one walk + run repeat).
    pub fn work_seconds(&self, kind: ExerciseKind) -> Option<u32> {
        match kind {
            ExerciseKind::Hold => self.hold,
            ExerciseKind::Timed | ExerciseKind::Stretch => self.duration,
            ExerciseKind::Interval => Some(self.walk.unwrap_or(0) + self.run.unwrap_or(0)),
            ExerciseKind::Reps => None,
        }
    }

    /// A short human description of the dose: "2 × 10, rest 60 s", "5 × 45 s hold, rest 120 s".
    pub fn describe(&self, kind: ExerciseKind) -> String {
        let mut s = match kind {
            ExerciseKind::Reps => format!("{} × {}", self.sets, self.reps.unwrap_or(0)),
            ExerciseKind::Hold => {
                let holds = self.reps.unwrap_or(1);
                if holds > 1 {
                    format!(
                        "{} × {} holds of {} s",
                        self.sets,
                        holds,
                        self.hold.unwrap_or(0)
                    )
                } else {
                    format!("{} × {} s hold", self.sets, self.hold.unwrap_or(0))
                }
            }
            ExerciseKind::Timed | ExerciseKind::Stretch => {
                format!(
                    "{} × {}",
                    self.sets,
                    seconds_words(self.duration.unwrap_or(0))
                )
            }
            ExerciseKind::Interval => {
                let (walk, run) = (self.walk.unwrap_or(0), self.run.unwrap_or(0));
                match (walk, run) {
                    (0, run) if self.sets <= 1 => format!("jog {}", seconds_words(run)),
                    (0, run) => format!("{} × jog {}", self.sets, seconds_words(run)),
                    (walk, 0) => format!("{} × walk {}", self.sets, seconds_words(walk)),
                    (walk, run) => format!(
                        "{} × (walk {} + jog {})",
                        self.sets,
                        seconds_words(walk),
                        seconds_words(run)
                    ),
                }
            }
        };
        if let Some(load) = &self.load {
            s.push_str(&format!(", {load}"));
        }
        if let Some(variant) = &self.variant {
            s.push_str(&format!(", {variant}"));
        }
        if self.rest > 0 && kind != ExerciseKind::Interval {
            s.push_str(&format!(", rest {}", seconds_words(self.rest)));
        }
        if let Some([lo, hi]) = self.effort {
            if lo == hi {
                s.push_str(&format!(", effort {lo}/10"));
            } else {
                s.push_str(&format!(", effort {lo}–{hi}/10"));
            }
        }
        s
    }
}

/// "45 s", "2 min", "1 min 30 s".
pub fn seconds_words(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

impl Programme {
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    pub fn phase_index(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }
}

impl Exercise {
    /// The rung at a 1-based index, clamped to the ladder.
    pub fn rung(&self, index: u32) -> Option<&Rung> {
        let i = index.clamp(1, self.rungs.len().max(1) as u32) as usize - 1;
        self.rungs.get(i)
    }

    pub fn top_rung(&self) -> u32 {
        self.rungs.len() as u32
    }
}

impl PhaseExercise {
    /// How often this exercise is done in this phase: the phase's override, else the exercise's.
    pub fn frequency_for<'a>(&'a self, exercise: &'a Exercise) -> &'a Frequency {
        self.frequency.as_ref().unwrap_or(&exercise.frequency)
    }

    /// The top rung used in this phase for a ladder of `ladder_len` rungs.
    pub fn top_for(&self, ladder_len: u32) -> u32 {
        self.top.unwrap_or(ladder_len).min(ladder_len).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_pattern_counts_as_one_variable() {
        let w1 = Rung {
            sets: 5,
            walk: Some(240),
            run: Some(120),
            ..Default::default()
        };
        let w2 = Rung {
            sets: 5,
            walk: Some(180),
            run: Some(180),
            ..Default::default()
        };
        assert_eq!(
            w1.changed_variables(&w2, ExerciseKind::Interval),
            vec!["intervals"]
        );
        assert_eq!(
            w1.changed_variables(&w2, ExerciseKind::Reps),
            vec![] as Vec<&str>
        );
    }

    #[test]
    fn two_changes_are_both_named() {
        let a = Rung {
            sets: 1,
            reps: Some(10),
            ..Default::default()
        };
        let b = Rung {
            sets: 2,
            reps: Some(12),
            ..Default::default()
        };
        assert_eq!(
            a.changed_variables(&b, ExerciseKind::Reps),
            vec!["sets", "reps"]
        );
    }

    #[test]
    fn describe_reads_naturally() {
        let r = Rung {
            sets: 5,
            hold: Some(45),
            rest: 120,
            effort: Some([7, 7]),
            ..Default::default()
        };
        assert_eq!(
            r.describe(ExerciseKind::Hold),
            "5 × 45 s hold, rest 2 min, effort 7/10"
        );
        assert_eq!(seconds_words(90), "1 min 30 s");
        let w5 = Rung {
            sets: 1,
            walk: Some(0),
            run: Some(1800),
            ..Default::default()
        };
        assert_eq!(w5.describe(ExerciseKind::Interval), "jog 30 min");
    }
}

#[cfg(test)]
mod fixture_tests {
    #[test]
    fn quick_fixture_parses() {
        let text = include_str!("../../tests/fixtures/quick.toml");
        let p: super::Programme = toml::from_str(text).unwrap();
        assert_eq!(p.exercises.len(), 3);
    }
}
