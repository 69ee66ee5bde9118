//! Phrasing: a coach reason's `cause` and `numbers`, with the exercise it is about (name, dose,
//! from and to rung, decision), turned into words. Pure, and the one place the words are made:
//! the coach writes each reason's `text` with it (so `today --json` and the journal's plan
//! snapshot say the same), and every view (Today, the session summary, History, the report,
//! `rehab today`) phrases the reasons it shows with it. A reason without a cause, or one whose
//! numbers lack what the words need (stored by an older version), keeps its stored text.
//!
//! It sits between `plan` and `coach` (docs/coach.md lists the cause ids and their numbers).

mod causes;
mod numbers;
mod steps;
#[cfg(test)]
mod tests;

pub use causes::{run_problem, settle_words};
pub use numbers::{Numbers, one_decimal, when};

use crate::domain::plan::{Decision, Plan, PlanSnapshot, PlannedExercise, SnapshotExercise};
use crate::domain::programme::{ExerciseKind, Programme, Rung};
use crate::domain::reason::Reason;
use causes::Setting;
use chrono::NaiveDate;
use steps::Subject;

/// One exercise of a plan, as phrasing reads it (from a `Plan` or a stored `PlanSnapshot`).
#[derive(Debug, Clone, Copy)]
pub struct Decided<'a> {
    pub exercise: &'a str,
    pub dose: &'a Rung,
    pub decision: &'a Decision,
    pub reasons: &'a [Reason],
    /// On an isometric-only day: what this hold stands in for (empty in a snapshot).
    pub instead_of: &'a [String],
}

impl<'a> From<&'a PlannedExercise> for Decided<'a> {
    fn from(e: &'a PlannedExercise) -> Self {
        Decided {
            exercise: &e.exercise,
            dose: &e.dose,
            decision: &e.decision,
            reasons: &e.reasons,
            instead_of: &e.instead_of,
        }
    }
}

impl<'a> From<&'a SnapshotExercise> for Decided<'a> {
    fn from(e: &'a SnapshotExercise) -> Self {
        Decided {
            exercise: &e.exercise,
            dose: &e.dose,
            decision: &e.decision,
            reasons: &e.reasons,
            instead_of: &[],
        }
    }
}

/// A plan's reasons in words. Without its programme (uninstalled since), only stored text.
#[derive(Debug, Clone)]
pub struct PlanWords<'a> {
    programme: Option<&'a Programme>,
    setting: Setting<'a>,
    exercises: Vec<Decided<'a>>,
}

impl<'a> PlanWords<'a> {
    pub fn new(
        programme: Option<&'a Programme>,
        date: NaiveDate,
        phase: &'a str,
        decision: &'a Decision,
        exercises: Vec<Decided<'a>>,
    ) -> Self {
        let referral = match decision {
            Decision::Refer(reason) => Some(reason),
            _ => None,
        };
        PlanWords {
            programme,
            setting: Setting {
                date,
                phase,
                referral,
            },
            exercises,
        }
    }

    pub fn of_plan(plan: &'a Plan, programme: Option<&'a Programme>) -> Self {
        let exercises = plan.exercises.iter().map(Decided::from).collect();
        Self::new(programme, plan.date, &plan.phase, &plan.decision, exercises)
    }

    /// A plan stored with a session on `date`.
    pub fn of_snapshot(
        snapshot: &'a PlanSnapshot,
        date: NaiveDate,
        programme: Option<&'a Programme>,
    ) -> Self {
        let exercises = snapshot.exercises.iter().map(Decided::from).collect();
        let programme = programme.filter(|p| p.id == snapshot.programme);
        Self::new(
            programme,
            date,
            &snapshot.phase,
            &snapshot.decision,
            exercises,
        )
    }

    /// One of the plan's reasons (the day's or an exercise's) in words: phrased from its data,
    /// else its stored text.
    pub fn say(&self, reason: &Reason) -> String {
        self.phrase(reason).unwrap_or_else(|| reason.text.clone())
    }

    /// A reason of the exercise `exercise` in words, else its stored text.
    pub fn say_under(&self, exercise: &str, reason: &Reason) -> String {
        self.decided(exercise)
            .and_then(|d| self.exercise_words(d, reason, None))
            .unwrap_or_else(|| reason.text.clone())
    }

    /// The reason phrased from its data; None without a cause or the numbers its words need.
    /// An exercise's reason (also when the day repeats it) reads as that exercise's sentence.
    pub fn phrase(&self, reason: &Reason) -> Option<String> {
        match self.owner(reason) {
            Some(owner) => self.exercise_words(owner, reason, None),
            None => causes::day(
                reason.cause.as_deref()?,
                Numbers(&reason.numbers),
                &self.setting,
            ),
        }
    }

    /// The trigger alone, e.g. "pain reached 6/10 during the session yesterday (■ too high
    /// zone), above the ceiling of 5", for a summary that groups exercises sharing it.
    pub fn why(&self, reason: &Reason) -> Option<String> {
        causes::why(
            reason.cause.as_deref()?,
            Numbers(&reason.numbers),
            &self.setting,
        )
    }

    /// The exercise's sentence for `reason` with `why` said instead of its own trigger.
    pub fn say_because(&self, exercise: &str, reason: &Reason, why: &str) -> Option<String> {
        self.exercise_words(self.decided(exercise)?, reason, Some(why.to_string()))
    }

    fn decided(&self, exercise: &str) -> Option<&Decided<'a>> {
        self.exercises.iter().find(|d| d.exercise == exercise)
    }

    fn owner(&self, reason: &Reason) -> Option<&Decided<'a>> {
        self.exercises.iter().find(|d| d.reasons.contains(reason))
    }

    fn exercise_words(
        &self,
        owner: &Decided,
        reason: &Reason,
        why: Option<String>,
    ) -> Option<String> {
        let cause = reason.cause.as_deref()?;
        let numbers = Numbers(&reason.numbers);
        let subject = self.subject(owner, numbers)?;
        let why = why.or_else(|| self.why(reason));
        steps::sentence(&subject, owner.decision, cause, numbers, why)
    }

    /// What the sentence needs from the programme: names, doses, the phase before.
    fn subject(&self, owner: &Decided, n: Numbers) -> Option<Subject<'a>> {
        let programme = self.programme?;
        let exercise = programme.exercise(owner.exercise)?;
        let at_rung = |name: &str| {
            let rung = u32::try_from(n.whole(name)?).ok()?;
            exercise.rung(rung)
        };
        let instead = match exercise
            .isometric
            .as_deref()
            .and_then(|id| programme.exercise(id))
        {
            Some(iso) => format!("do {} instead", iso.name),
            None if exercise.kind == ExerciseKind::Hold => "keep to the holds".into(),
            None => "rest it today".into(),
        };
        let name_of = |id: &str| programme.exercise(id).map(|e| e.name.as_str());
        let trigger = self
            .exercises
            .iter()
            .find(|d| {
                *d.decision == Decision::IsometricOnly
                    && !d
                        .reasons
                        .iter()
                        .any(|r| r.cause.as_deref() == Some("isometric_only_day"))
            })
            .and_then(|d| name_of(d.exercise));
        let replaces = if owner.instead_of.is_empty() {
            // A stored snapshot keeps no `instead_of`: the exercises giving way that name it.
            self.exercises
                .iter()
                .filter(|d| *d.decision == Decision::IsometricOnly)
                .filter_map(|d| programme.exercise(d.exercise))
                .filter(|e| e.isometric.as_deref() == Some(owner.exercise))
                .map(|e| e.name.as_str())
                .collect()
        } else {
            owner
                .instead_of
                .iter()
                .filter_map(|id| name_of(id))
                .collect()
        };
        let previous_phase = programme
            .phase_index(self.setting.phase)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| programme.phases.get(i))
            .map(|p| p.id.as_str());
        Some(Subject {
            name: &exercise.name,
            dose: owner.dose.describe(exercise.kind),
            full_dose: at_rung("to_rung").map(|r| r.describe(exercise.kind)),
            changes: at_rung("from_rung")
                .map(|from| {
                    from.changed_variables(owner.dose, exercise.kind)
                        .join(" and ")
                })
                .filter(|c| !c.is_empty()),
            previous_phase,
            instead,
            trigger,
            replaces,
        })
    }
}

/// Word every exercise reason from its data: the coach calls this once the day's decisions are
/// made, so the `text` in `today --json` and in the journal is the words the views say.
pub fn word_exercises(
    programme: &Programme,
    date: NaiveDate,
    phase: &str,
    decision: &Decision,
    exercises: &mut [PlannedExercise],
) {
    let texts: Vec<Vec<Option<String>>> = {
        let words = PlanWords::new(
            Some(programme),
            date,
            phase,
            decision,
            exercises.iter().map(Decided::from).collect(),
        );
        exercises
            .iter()
            .map(|e| {
                e.reasons
                    .iter()
                    .map(|r| words.say_under_data(&e.exercise, r))
                    .collect()
            })
            .collect()
    };
    for (exercise, texts) in exercises.iter_mut().zip(texts) {
        for (reason, text) in exercise.reasons.iter_mut().zip(texts) {
            match (text, &reason.cause) {
                (Some(text), _) => reason.text = text,
                // Never an empty line: the cause id, readable, if its numbers fell short.
                (None, Some(cause)) if reason.text.is_empty() => {
                    reason.text = cause.replace('_', " ");
                }
                (None, _) => {}
            }
        }
    }
}

/// Word the day's reasons that have a cause and no text yet (a rest day, the lighter week).
pub fn word_day(plan: &mut Plan, programme: &Programme) {
    let texts: Vec<Option<String>> = {
        let words = PlanWords::of_plan(plan, Some(programme));
        plan.reasons
            .iter()
            .map(|r| {
                (r.text.is_empty())
                    .then(|| causes::day(r.cause.as_deref()?, Numbers(&r.numbers), &words.setting))
                    .flatten()
            })
            .collect()
    };
    for (reason, text) in plan.reasons.iter_mut().zip(texts) {
        if let Some(text) = text {
            reason.text = text;
        }
    }
}

impl PlanWords<'_> {
    /// `say_under` without the fallback to stored text.
    fn say_under_data(&self, exercise: &str, reason: &Reason) -> Option<String> {
        self.exercise_words(self.decided(exercise)?, reason, None)
    }
}
