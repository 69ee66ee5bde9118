//! The coach: `prescribe(programme, history, today, settings) -> Plan`, a pure function of the
//! journal (domain.md §1 and §3). State (phase, rungs, deloads) is derived from the journal on
//! every call, so the same journal always gives the same plan, and records dated after `today`
//! are ignored.
//!
//! Order of evaluation: red flags (rules 1, 1b), referrals (rules 2–6), phase exit, then per
//! exercise rules 7–12 (first match wins); the day's headline is a stop, an unacknowledged
//! referral, or the most cautious exercise decision.

mod context;
mod dose;
mod due;
mod mornings;
mod outcome;
mod phase;
mod prompts;
mod red_flags;
mod referral;
mod rules;
mod words;

use crate::domain::history::History;
use crate::domain::plan::{Decision, Plan, PlannedExercise, Reason};
use crate::domain::programme::{ExerciseKind, Programme};
use crate::domain::running::{self, LastRunJudgement, RunningAdvice};
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;
use context::{Context, when};
use dose::dose_at;
use phase::Exit;
use red_flags::ActiveFlag;
use rules::Verdict;

/// Today's plan for `programme` (see the module docs for the rule order).
pub fn prescribe(
    programme: &Programme,
    history: &History,
    today: NaiveDate,
    settings: &CoachSettings,
) -> Plan {
    let cx = Context::new(programme, history, today, settings);
    if programme.phases.is_empty() {
        return no_phases_plan(&cx);
    }
    let flags = cx.active_flags();
    let position = cx.phase_position();
    if let Some(stop) = Context::stop_flag(&flags) {
        return stop_plan(&cx, position.index, stop);
    }

    let mut day_reasons = Vec::new();
    let mut blocking = None;
    for referral in cx.referrals(&flags, position) {
        match cx.acknowledged(&referral) {
            Some(day) => day_reasons.push(Reason::new(
                referral.explanation.rule.clone(),
                format!(
                    "{} (You acknowledged this {}; steps up are allowed again.)",
                    referral.explanation.text,
                    when(day, today)
                ),
            )),
            None if blocking.is_none() => blocking = Some(referral),
            None => {}
        }
    }

    let mut phase_index = position.index;
    let mut new_phase = false;
    if blocking.is_none() {
        match cx.phase_exit(position) {
            Exit::Met(why) => {
                phase_index += 1;
                new_phase = true;
                day_reasons.push(Reason::new(
                    "phase exit",
                    format!(
                        "Moving on to phase {} ({}): {why}.",
                        programme.phases[phase_index].id, programme.phases[phase_index].name
                    ),
                ));
            }
            Exit::NotYet(missing) => day_reasons.push(Reason::new(
                "phase exit",
                format!(
                    "Staying in phase {}: {missing}.",
                    programme.phases[phase_index].id
                ),
            )),
            Exit::LastPhase => {}
        }
    }
    let phase = &programme.phases[phase_index];

    let deload = if new_phase { None } else { cx.deload_window() };
    if let Some(window) = deload {
        day_reasons.push(Reason::new(
            "R4",
            format!(
                "Lighter week: weekly mean morning pain rose by {} {} (more than the {} allowed), so every exercise has fewer sets ({:.0} % of the volume) until {}.",
                mornings::one_decimal(window.rise),
                when(window.began, today),
                mornings::one_decimal(cx.settings.week_rise_tolerance),
                cx.settings.deload_factor * 100.0,
                window.until
            ),
        ));
    }
    let running = programme.rules.running_caps.then(|| running_advice(&cx));

    let mut exercises = Vec::new();
    for entry in &phase.exercises {
        let Some(exercise) = programme.exercise(&entry.exercise) else {
            continue;
        };
        let rung = if new_phase {
            entry.floor.clamp(1, entry.top_for(exercise.top_rung()))
        } else {
            cx.current_rung(&phase.id, entry, exercise)
        };
        let mut verdict = if new_phase {
            Verdict {
                decision: Decision::Hold,
                rule: "phase exit",
                cause: format!(
                    "first day of phase {}, so start at the bottom of its ladder",
                    phase.id
                ),
            }
        } else {
            cx.decide_exercise(&exercise.id, rung, deload)
        };
        let is_run = exercise.kind == ExerciseKind::Interval;
        if let Some(advice) = running.as_ref().filter(|a| is_run && a.drop_rung)
            && verdict.decision.caution() < Decision::Regress(1).caution()
        {
            verdict = Verdict {
                decision: Decision::Regress(1),
                rule: "R6",
                cause: advice
                    .reasons
                    .iter()
                    .find(|r| r.rule == "R6")
                    .map_or_else(String::new, |r| r.text.clone()),
            };
        }
        if let (Some(referral), Decision::Progress) = (&blocking, &verdict.decision) {
            verdict = Verdict {
                decision: Decision::Hold,
                rule: referral::rule_of(&referral.reason),
                cause: format!(
                    "it earned a step up, but steps up wait until you acknowledge the referral ({})",
                    referral.reason.words()
                ),
            };
        }
        let mut landing = cx.landing(phase_index, entry, exercise, rung, &verdict.decision);
        if verdict.decision == Decision::Progress && landing.rung() == rung {
            verdict.decision = Decision::Hold;
            verdict.cause = format!(
                "{}, but this is the top rung for phase {}",
                verdict.cause, phase.id
            );
            landing = cx.landing(phase_index, entry, exercise, rung, &verdict.decision);
        }
        // A deload week lightens every exercise, including those stepped down or held.
        let deload_factor = deload.map(|_| cx.settings.deload_factor);
        let dose = dose_at(exercise, landing.rung(), deload_factor);
        let text = words::reason_text(&cx, phase_index, exercise, rung, &landing, &dose, &verdict);
        let rests = running
            .as_ref()
            .and_then(|a| a.next_run_from)
            .is_some_and(|from| is_run && from > today);
        exercises.push(PlannedExercise {
            exercise: exercise.id.clone(),
            rung: landing.rung(),
            dose,
            decision: verdict.decision.clone(),
            reasons: vec![Reason::new(verdict.rule, text)],
            due_today: cx.due_today(exercise, entry.frequency_for(exercise)) && !rests,
        });
    }

    let (decision, mut reasons) = match &blocking {
        Some(referral) => (
            Decision::Refer(referral.reason.clone()),
            vec![Reason::new(
                referral.explanation.rule.clone(),
                format!(
                    "{} Until you acknowledge this, the coach only holds or steps down.",
                    referral.explanation.text
                ),
            )],
        ),
        None => headline(&exercises),
    };
    reasons.extend(day_reasons);
    Plan {
        date: today,
        programme: programme.id.clone(),
        phase: phase.id.clone(),
        phase_index,
        week: cx.week(),
        decision,
        reasons,
        exercises,
        locked: false,
        deload: deload.is_some(),
        prompts: cx.prompts(phase),
        running,
    }
}

/// The most cautious exercise decision, with the reasons of the exercises that carry it.
fn headline(exercises: &[PlannedExercise]) -> (Decision, Vec<Reason>) {
    let Some(worst) = exercises
        .iter()
        .map(|e| &e.decision)
        .max_by_key(|d| d.caution())
    else {
        return (
            Decision::Hold,
            vec![Reason::new("rule 12", "No exercises in this phase.")],
        );
    };
    let reasons = exercises
        .iter()
        .filter(|e| &e.decision == worst)
        .flat_map(|e| e.reasons.iter().cloned())
        .collect();
    (worst.clone(), reasons)
}

/// Rule 1: an EMERGENCY or URGENT red flag locks every exercise until a clinician has been seen.
fn stop_plan(cx: &Context, phase_index: usize, stop: &ActiveFlag) -> Plan {
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
    let exercises = phase
        .exercises
        .iter()
        .filter_map(|entry| {
            let exercise = cx.programme.exercise(&entry.exercise)?;
            let rung = cx.current_rung(&phase.id, entry, exercise);
            Some(PlannedExercise {
                exercise: exercise.id.clone(),
                rung,
                dose: dose_at(exercise, rung, None),
                decision: decision.clone(),
                reasons: vec![Reason::new(
                    "rule 1",
                    format!(
                        "{} is locked until a clinician has seen you.",
                        exercise.name
                    ),
                )],
                due_today: false,
            })
        })
        .collect();
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
fn no_phases_plan(cx: &Context) -> Plan {
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

/// Running caps from runs dated up to today, with the last run judged by rules 8–9.
fn running_advice(cx: &Context) -> RunningAdvice {
    let runs = &cx.history.runs[..cx.history.runs.partition_point(|r| r.date <= cx.today)];
    let s = &cx.settings;
    let last_run = runs.iter().rev().find(|r| r.date < cx.today).map(|run| {
        let problem = if run.pain.value() > s.amber_max {
            Some(format!(
                "hurt {}, above the ceiling of {}",
                run.pain, s.amber_max
            ))
        } else {
            let response = cx.response_after(run.date, None);
            match response {
                mornings::Response::Settled | mornings::Response::NotLoggedYet => None,
                unsettled => Some(format!(
                    "did not settle: {}",
                    unsettled.words(s.morning_tolerance)
                )),
            }
        };
        LastRunJudgement {
            date: run.date,
            problem,
        }
    });
    running::advise(runs, cx.today, s, last_run)
}
