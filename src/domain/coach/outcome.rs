//! One exercise as it went in one past session: the fields §3 calls `Session` (rung, pain before,
//! worst pain during, pain after, completed, effort), read from the session log.

use super::context::Context;
use super::mornings::Response;
use super::rules::days_ago;
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

    /// Why a session does not qualify toward a step up (§3 `qualifies`), as the numbers of a
    /// `session_not_qualifying` reason, or None when it does. Technique is not recorded
    /// separately: a completed session counts as good technique.
    pub fn disqualifier(&self, outcome: &Outcome) -> Option<Vec<(&'static str, f64)>> {
        let s = &self.settings;
        let ago = days_ago(outcome.date, self.today);
        if !outcome.completed {
            return Some(vec![("completed", 0.0), ago]);
        }
        if outcome.worst() > s.amber_max {
            return Some(vec![
                ("pain", f64::from(outcome.worst())),
                ("ceiling", f64::from(s.amber_max)),
                ago,
            ]);
        }
        match self.response(outcome) {
            Response::Settled => {}
            Response::NotLoggedYet => return Some(vec![("morning_logged", 0.0), ago]),
            unsettled => {
                let mut numbers = unsettled.numbers(s.morning_tolerance);
                numbers.push(ago);
                return Some(numbers);
            }
        }
        let target_max = outcome.planned.dose.effort.map(|[_, hi]| hi);
        if let (Some(effort), Some(max)) = (outcome.effort, target_max)
            && effort > max
        {
            return Some(vec![
                ("effort", f64::from(effort)),
                ("target", f64::from(max)),
                ago,
            ]);
        }
        None
    }
}
