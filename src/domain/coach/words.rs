//! The sentence behind each exercise decision: what happens to the dose, then why, e.g.
//! "Side-lying hold stays at 1 × 30 s hold: pain reached 6/10 yesterday, above the ceiling of 5".

use super::context::Context;
use super::dose::Landing;
use super::rules::Verdict;
use crate::domain::plan::Decision;
use crate::domain::programme::{Exercise, ExerciseKind, Rung};

pub fn reason_text(
    cx: &Context,
    phase_index: usize,
    exercise: &Exercise,
    from_rung: u32,
    landing: &Landing,
    dose: &Rung,
    verdict: &Verdict,
) -> String {
    let name = &exercise.name;
    let described = dose.describe(exercise.kind);
    let cause = &verdict.cause;
    match (&verdict.decision, landing) {
        (Decision::Progress, Landing::Within(to)) => {
            let changed = exercise
                .rung(from_rung)
                .map(|old| old.changed_variables(dose, exercise.kind).join(" and "))
                .unwrap_or_default();
            format!("{name} steps up to rung {to} ({described}; changes {changed}): {cause}")
        }
        (Decision::Regress(n), Landing::Within(to)) => format!(
            "{name} steps down {n} rung{} to rung {to} ({described}): {cause}",
            if *n == 1 { "" } else { "s" }
        ),
        (Decision::Regress(_), Landing::PreviousPhase(to)) => {
            let previous = phase_index
                .checked_sub(1)
                .and_then(|i| cx.programme.phases.get(i))
                .map_or("the previous phase", |p| p.id.as_str());
            let moves = if from_rung > *to {
                "goes below this phase's floor, back to"
            } else {
                "stays below this phase's floor at"
            };
            format!(
                "{name} {moves} rung {to} of {previous} ({described}); this counts as being sent back to the floor: {cause}"
            )
        }
        (Decision::Regress(n), Landing::Floor(to)) => format!(
            "{name} steps down {n} rung{} to rung {to} ({described}), the lowest in this phase; this counts as being sent back to the floor: {cause}",
            if *n == 1 { "" } else { "s" }
        ),
        (Decision::IsometricOnly, _) => {
            let instead = match exercise
                .isometric
                .as_deref()
                .and_then(|id| cx.programme.exercise(id))
            {
                Some(iso) => format!("do {} instead", iso.name),
                None if exercise.kind == ExerciseKind::Hold => "keep to the holds".into(),
                None => "rest it today".into(),
            };
            format!(
                "{name} is already at rung {} ({described}), the lowest it can go, so today is an isometric-only day: {instead}. Why: {cause}",
                landing.rung()
            )
        }
        (Decision::Deload, _) => {
            let full = exercise
                .rung(landing.rung())
                .map(|r| r.describe(exercise.kind))
                .unwrap_or_default();
            format!(
                "{name} stays at rung {} with lighter volume ({described} instead of {full}): {cause}",
                landing.rung()
            )
        }
        _ => format!(
            "{name} stays at rung {} ({described}): {cause}",
            landing.rung()
        ),
    }
}

/// "The run on …" → "the run on …", for a sentence used after a colon.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
