//! Plan changes with their reasons: every session whose plan differs from the one before.

use crate::domain::history::{History, SessionLog};
use crate::domain::plan::Decision;
use crate::domain::reason::Reason;
use crate::domain::records::RecordId;
use chrono::NaiveDate;

/// One exercise whose rung changed from one session to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RungChange {
    pub exercise: String,
    /// None when the exercise was not in the previous session.
    pub from: Option<u32>,
    pub to: u32,
}

/// A session whose plan differs from the previous session's: a new decision, phase or rung.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanChange {
    pub date: NaiveDate,
    pub session: RecordId,
    pub programme: String,
    pub phase: String,
    pub decision: Decision,
    pub previous: Option<Decision>,
    pub rungs: Vec<RungChange>,
    /// The day's reasons, then each changed exercise's, without repeats.
    pub reasons: Vec<Reason>,
}

/// Every plan change, oldest first. The first session counts as one (the starting plan).
pub fn plan_changes(history: &History) -> Vec<PlanChange> {
    let mut changes = Vec::new();
    let mut previous: Option<&SessionLog> = None;
    for session in history.sessions.iter() {
        let plan = &session.plan;
        let rungs: Vec<RungChange> = plan
            .exercises
            .iter()
            .filter_map(|ex| {
                let from = previous.and_then(|p| {
                    p.plan
                        .exercises
                        .iter()
                        .find(|e| e.exercise == ex.exercise)
                        .map(|e| e.rung)
                });
                (from != Some(ex.rung) && previous.is_some()).then(|| RungChange {
                    exercise: ex.exercise.to_string(),
                    from,
                    to: ex.rung,
                })
            })
            .collect();
        let changed = match previous {
            None => true,
            Some(p) => {
                p.plan.decision != plan.decision
                    || p.plan.phase != plan.phase
                    || p.plan.programme != plan.programme
                    || !rungs.is_empty()
            }
        };
        if changed {
            let mut reasons: Vec<Reason> = plan.reasons.clone();
            for ex in &plan.exercises {
                let rung_changed = rungs.iter().any(|r| r.exercise == ex.exercise);
                // A step down at the floor moves no rung, but the day's reason says "details
                // under each exercise": the clinician needs those details.
                let stepped = ex.decision != Decision::Hold;
                if rung_changed || stepped || ex.decision != plan.decision {
                    for reason in &ex.reasons {
                        if !reasons.contains(reason) {
                            reasons.push(reason.clone());
                        }
                    }
                }
            }
            changes.push(PlanChange {
                date: session.date,
                session: session.id.clone(),
                programme: plan.programme.to_string(),
                phase: plan.phase.to_string(),
                decision: plan.decision.clone(),
                previous: previous.map(|p| p.plan.decision.clone()),
                rungs,
                reasons,
            });
        }
        previous = Some(session);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::insight::test_history::sample;

    #[test]
    fn plan_changes_name_rungs_and_reasons() {
        let changes = plan_changes(&sample(90));
        let regress = changes
            .iter()
            .find(|c| c.decision == Decision::Regress(1))
            .expect("the flare regresses");
        assert_eq!(
            regress.rungs,
            vec![RungChange {
                exercise: "quick-hold".into(),
                from: Some(2),
                to: 1
            }]
        );
        assert!(regress.reasons.iter().any(|r| r.rule == "R3"));
        assert!(changes[0].previous.is_none());
    }

    #[test]
    fn a_step_down_at_the_floor_keeps_each_exercises_reason() {
        let mut h = sample(90);
        std::sync::Arc::make_mut(&mut h.sessions).truncate(2);
        let mut plan = (*h.sessions[0].plan).clone();
        plan.decision = Decision::Hold;
        for ex in &mut plan.exercises {
            ex.decision = Decision::Hold;
        }
        std::sync::Arc::make_mut(&mut h.sessions)[0].plan = plan.clone().into();
        plan.decision = Decision::Regress(1);
        plan.reasons = vec![Reason::new(
            "R3",
            "step down one rung (details under each exercise)",
        )];
        let detail = Reason::new("R3", "stays at rung 1, the lowest: it did not settle");
        for ex in &mut plan.exercises {
            ex.decision = Decision::Regress(1);
            ex.reasons = vec![detail.clone()];
        }
        std::sync::Arc::make_mut(&mut h.sessions)[1].plan = plan.into();
        let changes = plan_changes(&h);
        let regress = &changes[1];
        assert!(regress.rungs.is_empty(), "no rung moved at the floor");
        assert!(regress.reasons.contains(&detail));
    }
}
