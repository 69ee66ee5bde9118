//! The isometric-only day (§3 REGRESS: below the floor of the first phase, or wherever nothing
//! lower is left). Once one exercise has nowhere lower to go, every exercise that is not a hold
//! gives way for the day: it is not due, and its isometric alternative is due instead (added to
//! the plan when the phase does not list it), or it rests when it has none. Holds and static
//! stretches keep their plan; walk-run intervals keep their own rules (rest after a bad run).
//! The reasons are data (`isometric_only_day`, `isometric_alternative`); `phrase` words them.

use super::context::Context;
use super::dose::dose_at;
use crate::domain::plan::{Decision, PlannedExercise};
use crate::domain::programme::ExerciseKind;
use crate::domain::reason::Reason;

/// The rule id of an exercise that gives way on an isometric-only day.
const RULE: &str = "§3";

impl Context<'_> {
    /// Turn today's exercises into an isometric-only day when one of them has nowhere lower to go.
    pub fn isometric_only_day(&self, exercises: &mut Vec<PlannedExercise>, deload: Option<f64>) {
        if !exercises
            .iter()
            .any(|e| e.decision == Decision::IsometricOnly)
        {
            return;
        }
        // (alternative id, the exercises it replaces today)
        let mut alternatives: Vec<(String, Vec<String>)> = Vec::new();
        for planned in exercises.iter_mut() {
            let Some(exercise) = self.exercise(&planned.exercise) else {
                continue;
            };
            // Static work stays: holds and stretches; walk-run intervals keep their own rules.
            if matches!(
                exercise.kind,
                ExerciseKind::Hold | ExerciseKind::Stretch | ExerciseKind::Interval
            ) {
                continue;
            }
            if let Some(iso) = exercise
                .isometric
                .as_deref()
                .and_then(|id| self.exercise(id))
            {
                match alternatives.iter_mut().find(|(id, _)| *id == iso.id) {
                    Some((_, replaced)) => replaced.push(exercise.id.clone()),
                    None => alternatives.push((iso.id.clone(), vec![exercise.id.clone()])),
                }
            }
            planned.due_today = false;
            if planned.decision == Decision::IsometricOnly {
                continue;
            }
            planned.decision = Decision::IsometricOnly;
            planned.reasons = vec![Reason::new(RULE, "").because(
                "isometric_only_day",
                &[
                    ("from_rung", f64::from(planned.from_rung)),
                    ("to_rung", f64::from(planned.rung)),
                ],
            )];
        }
        for (id, replaced) in alternatives {
            self.add_alternative(exercises, &id, replaced, deload);
        }
    }

    /// Make the isometric alternative `id` due today, standing in for `replaced`.
    fn add_alternative(
        &self,
        exercises: &mut Vec<PlannedExercise>,
        id: &str,
        replaced: Vec<String>,
        deload: Option<f64>,
    ) {
        let Some(iso) = self.exercise(id) else {
            return;
        };
        let done_today = self
            .sessions_today()
            .any(|s| s.sets_of(id).next().is_some());
        if let Some(planned) = exercises.iter_mut().find(|e| e.exercise == id) {
            planned.due_today |= !done_today;
            planned.instead_of = replaced;
            return;
        }
        let rung = self.last_rung(id).unwrap_or(1).clamp(1, iso.top_rung());
        exercises.push(PlannedExercise {
            exercise: iso.id.clone(),
            rung,
            from_rung: rung,
            dose: dose_at(iso, rung, deload),
            decision: Decision::Hold,
            reasons: vec![Reason::new(RULE, "").because(
                "isometric_alternative",
                &[("from_rung", f64::from(rung)), ("to_rung", f64::from(rung))],
            )],
            instead_of: replaced,
            due_today: !done_today,
        });
    }
}
