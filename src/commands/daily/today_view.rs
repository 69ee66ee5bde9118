//! `rehab today` as text: a stop or referral first, then phase and week, the decision with every
//! reason, each exercise at its rung and dose, and what to do first.

use crate::domain::plan::{Decision, Plan, PlannedExercise};
use crate::domain::programme::{Programme, Sides};
use crate::domain::red_flags::NOT_A_DIAGNOSIS;
use std::fmt::Write as _;

pub fn render(plan: &Plan, programme: &Programme) -> String {
    let mut out = String::new();
    match &plan.decision {
        Decision::Stop(urgency) => {
            let _ = writeln!(
                out,
                "STOP ({}): {}.\nNo exercise today. After a clinician has seen you, record it with `rehab log clinician-seen`.\n{NOT_A_DIAGNOSIS}\n",
                urgency.word(),
                urgency.instruction()
            );
        }
        Decision::Refer(reason) => {
            let _ = writeln!(
                out,
                "SEE A CLINICIAN: {}. Book a doctor or physiotherapist; until then the coach only holds or eases your dose.\n{NOT_A_DIAGNOSIS}\n",
                reason.words()
            );
        }
        _ => {}
    }
    let phase_name = programme
        .phases
        .get(plan.phase_index)
        .map(|p| format!(" ({})", p.name))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} · {} · phase {}{phase_name} · week {}",
        plan.date, programme.name, plan.phase, plan.week
    );
    let _ = writeln!(out, "Decision: {}", plan.decision);
    for reason in &plan.reasons {
        let _ = writeln!(out, "  - {} [{}]", reason.text, reason.rule);
    }
    if plan.deload {
        let _ = writeln!(out, "Deload: lighter volume today, same rungs.");
    }
    if plan.locked {
        let _ = writeln!(out, "Exercise is locked today.");
    } else {
        let _ = writeln!(out, "\nExercises:");
        for exercise in &plan.exercises {
            out.push_str(&exercise_lines(exercise, programme));
        }
    }
    if !plan.prompts.is_empty() {
        let _ = writeln!(out, "\nFirst:");
        for prompt in &plan.prompts {
            let _ = writeln!(out, "  - {prompt}");
        }
    }
    out
}

fn exercise_lines(planned: &PlannedExercise, programme: &Programme) -> String {
    let mut out = String::new();
    let Some(exercise) = programme.exercise(&planned.exercise) else {
        let _ = writeln!(out, "  {} (not in the programme file)", planned.exercise);
        return out;
    };
    let sides = match exercise.sides {
        Sides::Each => ", each side",
        Sides::Both => "",
    };
    let due = if planned.due_today {
        ""
    } else {
        " (not due today)"
    };
    let _ = writeln!(
        out,
        "  {} [{}]{due}: rung {}/{}: {}{sides}",
        exercise.name,
        exercise.id,
        planned.rung,
        exercise.top_rung(),
        planned.dose.describe(exercise.kind),
    );
    let _ = writeln!(out, "      {}", planned.decision);
    for reason in &planned.reasons {
        let _ = writeln!(out, "      - {} [{}]", reason.text, reason.rule);
    }
    out
}
