//! Plan changes as the clinician reads them: one per session whose plan changed (a step, a
//! phase, a referral…), with each moved exercise's dose before and after, and the reasons once.

use super::data::ReportData;
use crate::domain::insight::{self, PlanChange};
use crate::domain::phrase::PlanWords;
use crate::domain::plan::Decision;
use crate::domain::reason::Reason;
use chrono::NaiveDate;

/// One exercise whose rung moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub exercise: String,
    pub name: String,
    /// Rung and dose before (None: new in this plan).
    pub from: Option<(u32, String)>,
    pub to: (u32, String),
}

/// One change of plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub date: NaiveDate,
    pub decision: Decision,
    /// The phase before, when this plan starts a new one.
    pub new_phase_from: Option<String>,
    pub phase: String,
    pub steps: Vec<Step>,
    pub reasons: Vec<Reason>,
}

/// A short word for a decision: "step up", "step down 1", "see a clinician (…)".
pub fn decision_words(decision: &Decision) -> String {
    match decision {
        Decision::Progress => "step up".into(),
        Decision::Hold => "hold".into(),
        Decision::Regress(n) => format!("step down {n}"),
        Decision::Deload => "deload week".into(),
        Decision::IsometricOnly => "isometric holds only".into(),
        Decision::Refer(reason) => format!("see a clinician ({})", reason.words()),
        Decision::Stop(urgency) => format!("stop exercising ({})", urgency.word()),
    }
}

/// Every change of plan in the period, oldest first. The first session's plan is the start,
/// not a change; a return to "hold" with no rung moving is not news either.
pub fn changes(data: &ReportData) -> Vec<Change> {
    let sessions = &data.history.sessions;
    insight::plan_changes(data.history)
        .into_iter()
        .filter(|c| data.contains(c.date) && c.previous.is_some())
        .filter(|c| !c.rungs.is_empty() || c.decision != Decision::Hold)
        // A referral that goes on for another reason is the same referral (events say why).
        .filter(|c| {
            let still_referred = matches!(
                (&c.previous, &c.decision),
                (Some(Decision::Refer(_)), Decision::Refer(_))
            );
            !still_referred || !c.rungs.is_empty()
        })
        .filter_map(|c| {
            let at = sessions.iter().position(|s| s.id == c.session)?;
            let before = at.checked_sub(1).and_then(|i| sessions.get(i));
            Some(change(data, &c, sessions.get(at)?, before))
        })
        .collect()
}

fn change(
    data: &ReportData,
    c: &PlanChange,
    session: &crate::domain::history::SessionLog,
    before: Option<&crate::domain::history::SessionLog>,
) -> Change {
    let programme = &c.programme;
    let steps: Vec<Step> = c
        .rungs
        .iter()
        .map(|r| {
            let dose_in = |s: &crate::domain::history::SessionLog| {
                s.plan
                    .exercises
                    .iter()
                    .find(|e| e.exercise == r.exercise)
                    .map(|e| (e.rung, data.dose(programme, &e.exercise, &e.dose)))
            };
            Step {
                exercise: r.exercise.clone(),
                name: data.exercise_name(programme, &r.exercise),
                from: before.and_then(dose_in),
                to: dose_in(session).unwrap_or((r.to, String::new())),
            }
        })
        .collect();
    let new_phase_from = before
        .map(|b| b.plan.phase.to_string())
        .filter(|p| *p != c.phase);
    // Phrased from the reasons' data with the session's stored plan (else their stored text).
    let words = PlanWords::of_snapshot(&session.plan, session.date, data.catalogue.get(programme));
    let reasons = reasons(session, &steps, new_phase_from.is_some())
        .into_iter()
        .map(|mut r| {
            r.text = words.say(&r);
            r
        })
        .collect();
    Change {
        date: c.date,
        decision: c.decision.clone(),
        new_phase_from,
        phase: c.phase.clone(),
        steps,
        reasons,
    }
}

/// The reasons that explain this change and no other: each moved exercise's own, the phase
/// move's when the phase changed, and the day's headline when no exercise moved. Exercises that
/// stayed put, and the day's "details under each exercise" summary, are left out.
fn reasons(
    session: &crate::domain::history::SessionLog,
    steps: &[Step],
    new_phase: bool,
) -> Vec<Reason> {
    const PHASE_RULE: &str = "phase exit";
    let plan = &session.plan;
    let mut out: Vec<Reason> = Vec::new();
    if new_phase {
        out.extend(
            plan.reasons
                .iter()
                .filter(|r| r.rule == PHASE_RULE)
                .cloned(),
        );
    }
    for ex in plan
        .exercises
        .iter()
        .filter(|e| steps.iter().any(|s| s.exercise == e.exercise))
    {
        out.extend(ex.reasons.iter().cloned());
    }
    if steps.is_empty() {
        out.extend(plan.reasons.iter().find(|r| r.rule != PHASE_RULE).cloned());
    }
    out
}

/// "step up: Quick hold 2 × 2 s hold → 2 × 3 s hold", without the reasons.
pub fn what(change: &Change) -> String {
    let mut parts = vec![decision_words(&change.decision)];
    if let Some(from) = &change.new_phase_from {
        parts.push(format!("phase {from} → {}", change.phase));
    }
    let steps: Vec<String> = change
        .steps
        .iter()
        .map(|s| match &s.from {
            Some((_, from)) => format!("{} {from} → {}", s.name, s.to.1),
            None => format!("{} added at {}", s.name, s.to.1),
        })
        .collect();
    let head = parts.join(", ");
    if steps.is_empty() {
        head
    } else {
        format!("{head}: {}", steps.join("; "))
    }
}
