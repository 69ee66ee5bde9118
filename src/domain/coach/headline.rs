//! The day's headline, derived from the exercise decisions by one rule (docs/coach.md): the
//! biggest change among the exercises done today, in the order isometric-only day, step down
//! (more rungs first), deload, step up, hold. An isometric-only day counts even though the
//! exercises it replaces are not due. With nothing due, the headline is hold: a rest day, or
//! today's session done.
//! Stops and referrals are day-level and come before this (`prescribe`).

use crate::domain::plan::{Decision, PlannedExercise};
use crate::domain::programme::Programme;
use crate::domain::reason::Reason;

/// Exercises named in a headline before "and N more", so the line stays readable at 80 columns.
const HEADLINE_NAMES: usize = 2;

/// How much a decision changes today's work, for the headline: hold (nothing changes) ranks
/// below a step up, so a hold never hides exercises that step up.
fn rank(decision: &Decision) -> u8 {
    match decision {
        Decision::Hold => 0,
        Decision::Progress => 1,
        other => other.caution().saturating_add(1),
    }
}

/// The headline decision and why. One exercise carrying it: its own reason. Several: one line
/// per rule naming them, since each exercise's numbers are listed under it anyway.
pub fn headline(
    programme: &Programme,
    exercises: &[PlannedExercise],
    trained_today: bool,
) -> (Decision, Vec<Reason>) {
    let counts = |e: &&PlannedExercise| e.due_today || e.decision == Decision::IsometricOnly;
    let Some(worst) = exercises
        .iter()
        .filter(counts)
        .map(|e| &e.decision)
        .max_by_key(|d| rank(d))
    else {
        let cause = if exercises.is_empty() {
            "no_exercises"
        } else if trained_today {
            "done_today"
        } else {
            "rest_day"
        };
        // Worded by `phrase` with the rest of the plan.
        return (
            Decision::Hold,
            vec![Reason::new("rule 12", "").because(cause, &[])],
        );
    };
    let carriers: Vec<&PlannedExercise> = exercises
        .iter()
        .filter(counts)
        .filter(|e| &e.decision == worst)
        .collect();
    if let [only] = carriers.as_slice() {
        return (worst.clone(), only.reasons.clone());
    }
    let mut rules: Vec<&str> = Vec::new();
    for reason in carriers.iter().flat_map(|e| &e.reasons) {
        if !rules.contains(&reason.rule.as_str()) {
            rules.push(&reason.rule);
        }
    }
    let reasons = rules
        .into_iter()
        .flat_map(|rule| {
            let group: Vec<&&PlannedExercise> = carriers
                .iter()
                .filter(|e| e.reasons.iter().any(|r| r.rule == rule))
                .collect();
            if let [only] = group.as_slice() {
                // Alone under its rule: its own reason says it best.
                return only
                    .reasons
                    .iter()
                    .filter(|r| r.rule == rule)
                    .cloned()
                    .collect();
            }
            let names: Vec<&str> = group
                .iter()
                .map(|e| {
                    programme
                        .exercise(&e.exercise)
                        .map_or(e.exercise.as_str(), |x| x.name.as_str())
                })
                .collect();
            vec![Reason::new(
                rule,
                format!(
                    "{}: {} (details under each exercise)",
                    name_list(&names),
                    verb(worst)
                ),
            )]
        })
        .collect();
    (worst.clone(), reasons)
}

/// "A, B and 3 more" / "A and B" / "A".
fn name_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("{a} and {b}"),
        _ if names.len() <= HEADLINE_NAMES + 1 => {
            format!(
                "{} and {}",
                names[..names.len() - 1].join(", "),
                names[names.len() - 1]
            )
        }
        _ => format!(
            "{} and {} more",
            names[..HEADLINE_NAMES].join(", "),
            names.len() - HEADLINE_NAMES
        ),
    }
}

fn verb(decision: &Decision) -> String {
    match decision {
        Decision::Progress => "step up one rung".into(),
        Decision::Hold => "stay at the same dose".into(),
        Decision::Regress(1) => "step down one rung".into(),
        Decision::Regress(n) => format!("step down {n} rungs"),
        Decision::Deload => "keep their rung with lighter volume this week".into(),
        Decision::IsometricOnly => "give way to isometric holds today".into(),
        Decision::Refer(_) | Decision::Stop(_) => decision.to_string(),
    }
}
