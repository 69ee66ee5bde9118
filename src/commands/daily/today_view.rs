//! `rehab today` as text: a stop or referral first, then phase and week, the decision with every
//! reason, each exercise at its rung and dose, and what to do first.

use crate::domain::config::Units;
use crate::domain::phrase::PlanWords;
use crate::domain::plan::{Decision, Plan, PlannedExercise};
use crate::domain::programme::{Programme, Sides};
use crate::domain::reason::Reason;
use crate::domain::red_flags::COACHES_NOT_DIAGNOSES;
use std::fmt::Write as _;

/// Distances are said in `units` (config.toml `units`).
pub fn render(plan: &Plan, programme: &Programme, units: Units) -> String {
    let mut out = String::new();
    match &plan.decision {
        Decision::Stop(urgency) => {
            let _ = writeln!(
                out,
                "STOP ({}): {}.\nNo exercise today. After a clinician has seen you, record it with `rehab log clinician-seen`.\n{COACHES_NOT_DIAGNOSES}\n",
                urgency.word(),
                urgency.instruction()
            );
        }
        Decision::Refer(reason) => {
            let _ = writeln!(
                out,
                "SEE A CLINICIAN: {}. Book a doctor or physiotherapist; until then the coach only holds or eases your dose.\n{COACHES_NOT_DIAGNOSES}\n",
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
    // Every reason is phrased from its data (or its stored text, from an older journal).
    let words = PlanWords::of_plan(plan, Some(programme));
    // An exercise's own reasons are printed under it; saying them here too doubled the text.
    let shown_below =
        |reason: &Reason| !plan.locked && plan.exercises.iter().any(|e| e.reasons.contains(reason));
    for reason in plan.reasons.iter().filter(|r| !shown_below(r)) {
        let _ = writeln!(out, "  - {} [{}]", words.say(reason), reason.rule);
    }
    if plan.deload {
        let _ = writeln!(out, "Deload: lighter volume today, same rungs.");
    }
    if plan.locked {
        let _ = writeln!(out, "Exercise is locked today.");
    } else {
        let _ = writeln!(out, "\nExercises:");
        for exercise in &plan.exercises {
            out.push_str(&exercise_lines(exercise, programme, &words));
        }
    }
    if let Some(running) = &plan.running {
        out.push_str(&running_lines(running, plan.date, units));
    }
    if !plan.prompts.is_empty() {
        let _ = writeln!(out, "\nFirst:");
        for prompt in &plan.prompts {
            let _ = writeln!(out, "  - {prompt}");
        }
    }
    out
}

/// This week's distance, the rest after a bad run, the caps and the easier week (R14–R16, §1.4,
/// R6): the same words as the app's Today.
fn running_lines(
    running: &crate::domain::running_advice::RunningAdvice,
    today: chrono::NaiveDate,
    units: Units,
) -> String {
    let words = crate::domain::running_words::running_words(running, today, units);
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", words.headline);
    for point in &words.points {
        let _ = writeln!(out, "  - {point}");
    }
    for reason in &running.reasons {
        let _ = writeln!(out, "  - {} [{}]", reason.text, reason.rule);
    }
    out
}

fn exercise_lines(planned: &PlannedExercise, programme: &Programme, words: &PlanWords) -> String {
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
        let said = words.say_under(&planned.exercise, reason);
        let _ = writeln!(out, "      - {said} [{}]", reason.rule);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::ReferReason;
    use crate::domain::red_flags::Urgency;

    fn fixture() -> Programme {
        toml::from_str(include_str!("../../../tests/fixtures/quick.toml")).unwrap()
    }

    fn plan(decision: Decision, locked: bool) -> Plan {
        let programme = fixture();
        let exercise = &programme.exercises[0];
        Plan {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            programme: programme.id.clone(),
            phase: "T1".into(),
            phase_index: 0,
            week: 2,
            decision: decision.clone(),
            reasons: vec![Reason::new(
                "R1",
                "pain reached 6/10, above the ceiling of 5",
            )],
            exercises: vec![PlannedExercise {
                exercise: exercise.id.clone(),
                rung: 2,
                from_rung: 3,
                instead_of: Vec::new(),
                dose: exercise.rungs[1].clone(),
                decision,
                reasons: vec![Reason::new("rule 8", "steps down one rung")],
                due_today: true,
            }],
            locked,
            deload: false,
            prompts: vec!["Do the morning check-in".into()],
            running: None,
        }
    }

    #[test]
    fn a_stop_is_said_first_and_exercises_are_not_listed() {
        let text = render(
            &plan(Decision::Stop(Urgency::Urgent), true),
            &fixture(),
            Units::Km,
        );
        assert!(text.starts_with("STOP (URGENT): see a doctor"), "{text}");
        assert!(text.contains("Exercise is locked today."), "{text}");
        assert!(!text.contains("Quick hold"), "{text}");
    }

    #[test]
    fn a_plan_shows_phase_week_rung_dose_reasons_and_prompts() {
        let text = render(&plan(Decision::Regress(1), false), &fixture(), Units::Km);
        assert!(text.contains("phase T1 (Test phase) · week 2"), "{text}");
        assert!(
            text.contains("Decision: regress: step down 1 rung"),
            "{text}"
        );
        assert!(
            text.contains("  - pain reached 6/10, above the ceiling of 5 [R1]"),
            "{text}"
        );
        assert!(
            text.contains("Quick hold [quick-hold]: rung 2/2: 2 × 3 s hold, rest 1 s, effort 3–4/10, each side"),
            "{text}"
        );
        assert!(
            text.contains("      - steps down one rung [rule 8]"),
            "{text}"
        );
        assert!(
            text.contains("First:\n  - Do the morning check-in"),
            "{text}"
        );
    }

    #[test]
    fn a_referral_is_said_first() {
        let text = render(
            &plan(Decision::Refer(ReferReason::RisingTrend), false),
            &fixture(),
            Units::Km,
        );
        assert!(
            text.starts_with("SEE A CLINICIAN: morning pain rising day after day"),
            "{text}"
        );
    }

    #[test]
    fn an_exercise_reason_is_said_once_under_its_exercise() {
        let mut p = plan(Decision::Hold, false);
        let own = Reason::new(
            "rule 7",
            "Quick hold stays at rung 2: no session logged yet",
        );
        p.exercises[0].reasons = vec![own.clone()];
        p.reasons.push(own);
        let text = render(&p, &fixture(), Units::Km);
        assert_eq!(text.matches("no session logged yet").count(), 1, "{text}");
        assert!(
            text.contains("      - Quick hold stays at rung 2"),
            "{text}"
        );
        assert!(
            text.contains("  - pain reached 6/10"),
            "day-level reason kept: {text}"
        );
    }

    #[test]
    fn reasons_are_phrased_from_their_data_and_older_ones_keep_their_text() {
        let mut p = plan(Decision::Hold, false);
        p.exercises[0].rung = 1;
        p.exercises[0].dose = fixture().exercises[0].rungs[0].clone();
        p.exercises[0].reasons = vec![
            Reason::new("rule 7", "stale words")
                .because("no_session_yet", &[("from_rung", 1.0), ("to_rung", 1.0)]),
        ];
        let text = render(&p, &fixture(), Units::Km);
        assert!(
            text.contains("      - Quick hold stays at rung 1 (2 × 2 s hold, rest 1 s, effort 3–4/10): no session of this exercise before today, so start here [rule 7]"),
            "{text}"
        );
        assert!(!text.contains("stale words"), "{text}");
        assert!(
            text.contains("  - pain reached 6/10, above the ceiling of 5 [R1]"),
            "a reason without a cause keeps its text: {text}"
        );
    }

    #[test]
    fn running_advice_is_shown_with_its_caps_and_rest() {
        let mut p = plan(Decision::Hold, false);
        assert!(
            !render(&p, &fixture(), Units::Km).contains("Running:"),
            "no caps, no block"
        );
        p.running = Some(crate::domain::running_advice::RunningAdvice {
            km_this_week: 12.0,
            km_last_week: 10.0,
            week_cap_km: Some(11.0),
            easier_week: false,
            run_cap_km: Some(5.5),
            drop_rung: true,
            next_run_from: p.date.succ_opt(),
            acwr: None,
            reasons: vec![Reason::new("R6", "The run yesterday hurt 8/10")],
        });
        let text = render(&p, &fixture(), Units::Km);
        for line in [
            "Running: 12.0 km in the last 7 days (10.0 km the 7 days before).",
            "  - at most 11.0 km over the 7 days ending today",
            "  - no single run over 5.5 km today",
            "  - no run before Tue 3 Mar (rest after a painful or unsettled run)",
            "  - The run yesterday hurt 8/10 [R6]",
        ] {
            assert!(text.contains(line), "{line}: {text}");
        }
    }
}
