//! One exercise as it went in one past session: the fields §3 calls `Session` (rung, pain before,
//! worst pain during, pain after, completed, effort), read from the session log.

use super::context::Context;
use super::mornings::Response;
use crate::domain::history::SessionLog;
use crate::domain::plan::SnapshotExercise;
use crate::domain::programme::Sides;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    pub planned: &'a SnapshotExercise,
    pub date: NaiveDate,
    pub rung: u32,
    pub pain_before: Option<u8>,
    /// Worst pain rated after a set of this exercise.
    pub pain_during: Option<u8>,
    /// Pain just after the session.
    pub pain_after: Option<u8>,
    /// Every planned set logged, not skipped, and the session finished.
    pub completed: bool,
    /// Highest effort rated for this exercise's sets (or for the session).
    pub effort: Option<u8>,
}

impl Outcome<'_> {
    /// §3 rule 8 `worst = max(pain_during_max, pain_after)`.
    pub fn worst(&self) -> u8 {
        self.pain_during
            .unwrap_or(0)
            .max(self.pain_after.unwrap_or(0))
    }
}

impl<'a> Context<'a> {
    /// How `exercise` went in `session`, if it was planned and at least one set was logged.
    pub fn outcome(&self, session: &'a SessionLog, exercise: &str) -> Option<Outcome<'a>> {
        let planned = session
            .plan
            .exercises
            .iter()
            .find(|e| e.exercise == exercise)?;
        let pain_during = session.pain_during_max(Some(exercise)).map(|p| p.value());
        pain_during?;
        let sides_each = self
            .exercise(exercise)
            .is_some_and(|e| e.sides == Sides::Each);
        let set_effort = session
            .sets_of(exercise)
            .filter_map(|s| s.effort.map(|e| e.value()))
            .max();
        let session_effort = session
            .finished
            .as_ref()
            .and_then(|f| f.effort.map(|e| e.value()));
        Some(Outcome {
            planned,
            date: session.date,
            rung: planned.rung,
            pain_before: session.pain_before.map(|p| p.value()),
            pain_during,
            pain_after: session.pain_after().map(|p| p.value()),
            completed: session.finished.is_some() && session.completed(exercise, sides_each),
            effort: set_effort.or(session_effort),
        })
    }

    /// Past sessions of `exercise` (this programme, before today), newest first.
    pub fn outcomes_newest_first(
        &'a self,
        exercise: &'a str,
    ) -> impl Iterator<Item = Outcome<'a>> + 'a {
        self.sessions_newest_first()
            .filter_map(move |s| self.outcome(s, exercise))
    }

    /// §3 `settled(s)` for one exercise's session.
    pub fn response(&self, outcome: &Outcome) -> Response {
        self.response_after(outcome.date, outcome.pain_before)
    }

    /// Why a session does not qualify toward a step up (§3 `qualifies`), or None when it does.
    /// Technique is not recorded separately: a completed session counts as good technique.
    pub fn disqualifier(&self, outcome: &Outcome) -> Option<String> {
        let s = &self.settings;
        if !outcome.completed {
            return Some(format!(
                "the session {} was not completed",
                super::context::when(outcome.date, self.today)
            ));
        }
        if outcome.worst() > s.amber_max {
            return Some(format!(
                "pain reached {}/10 {}, above the ceiling of {}",
                outcome.worst(),
                super::context::when(outcome.date, self.today),
                s.amber_max
            ));
        }
        let response = self.response(outcome);
        if !response.is_settled() {
            return Some(format!(
                "after the session {}, {}",
                super::context::when(outcome.date, self.today),
                response.words(s.morning_tolerance)
            ));
        }
        let target_max = outcome.planned.dose.effort.map(|[_, hi]| hi);
        if let (Some(effort), Some(max)) = (outcome.effort, target_max)
            && effort > max
        {
            return Some(format!(
                "effort was {effort}/10 {}, above the target of {max}",
                super::context::when(outcome.date, self.today)
            ));
        }
        None
    }
}
