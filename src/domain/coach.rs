//! The coach: `prescribe(programme, history, today) -> Plan` (owned by the coach work; this
//! placeholder holds every exercise of the first phase at its floor rung).

use crate::domain::history::History;
use crate::domain::plan::{Decision, Plan, PlannedExercise, Reason};
use crate::domain::programme::Programme;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

pub fn prescribe(
    programme: &Programme,
    history: &History,
    today: NaiveDate,
    settings: &CoachSettings,
) -> Plan {
    let _ = (history, settings);
    let phase = &programme.phases[0];
    let exercises = phase
        .exercises
        .iter()
        .filter_map(|pe| {
            let ex = programme.exercise(&pe.exercise)?;
            let dose = ex.rung(pe.floor)?.clone();
            Some(PlannedExercise {
                exercise: ex.id.clone(),
                rung: pe.floor,
                dose,
                decision: Decision::Hold,
                reasons: vec![],
                due_today: true,
            })
        })
        .collect();
    Plan {
        date: today,
        programme: programme.id.clone(),
        phase: phase.id.clone(),
        phase_index: 0,
        week: 1,
        decision: Decision::Hold,
        reasons: vec![Reason::new(
            "rule 7",
            "First session: start at the bottom of the phase",
        )],
        exercises,
        locked: false,
        deload: false,
        prompts: vec![],
    }
}
