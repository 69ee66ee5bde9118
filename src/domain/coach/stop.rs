//! Plans that prescribe no exercise: a stop on a red flag (rule 1) and a programme without
//! phases.

use super::context::{Context, when};
use super::dose::dose_at;
use super::red_flags::ActiveFlag;
use crate::domain::phrase;
use crate::domain::plan::{Decision, Plan, PlannedExercise};
use crate::domain::reason::Reason;

/// Rule 1: an EMERGENCY or URGENT red flag locks every exercise until a clinician has been seen.
pub fn stop_plan(cx: &Context, phase_index: usize, stop: &ActiveFlag) -> Plan {
    let phase = &cx.programme.phases[phase_index];
    let decision = Decision::Stop(stop.flag.urgency);
    let reason = Reason::new(
        "rule 1",
        format!(
            "You answered yes {} to: \"{}\" This is {}: {}. Exercise stays locked until you confirm a clinician has seen you.",
            when(stop.answered, cx.today),
            stop.flag.question,
            stop.flag.urgency.word(),
            stop.flag.urgency.instruction()
        ),
    );
    let mut exercises: Vec<PlannedExercise> = phase
        .exercises
        .iter()
        .filter_map(|entry| {
            let exercise = cx.programme.exercise(&entry.exercise)?;
            let rung = cx.current_rung(&phase.id, entry, exercise);
            Some(PlannedExercise {
                exercise: exercise.id.clone(),
                rung,
                from_rung: rung,
                instead_of: Vec::new(),
                dose: dose_at(exercise, rung, None),
                decision: decision.clone(),
                reasons: vec![Reason::new("rule 1", "").because(
                    "locked",
                    &[("from_rung", f64::from(rung)), ("to_rung", f64::from(rung))],
                )],
                due_today: false,
            })
        })
        .collect();
    phrase::word_exercises(cx.programme, cx.today, &phase.id, &decision, &mut exercises);
    Plan {
        date: cx.today,
        programme: cx.programme.id.clone(),
        phase: phase.id.clone(),
        phase_index,
        week: cx.week(),
        decision,
        reasons: vec![reason],
        exercises,
        locked: true,
        deload: false,
        prompts: vec![],
        running: None,
    }
}

/// A programme file without phases has nothing to prescribe; say so instead of failing.
pub fn no_phases_plan(cx: &Context) -> Plan {
    Plan {
        date: cx.today,
        programme: cx.programme.id.clone(),
        phase: String::new(),
        phase_index: 0,
        week: cx.week(),
        decision: Decision::Hold,
        reasons: vec![Reason::new(
            "programme",
            format!(
                "Programme \"{}\" has no phases, so there is nothing to prescribe: add a [[phases]] table to its file.",
                cx.programme.id
            ),
        )],
        exercises: vec![],
        locked: false,
        deload: false,
        prompts: vec![],
        running: None,
    }
}
