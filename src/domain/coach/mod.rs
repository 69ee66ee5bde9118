//! The coach: `prescribe(programme, history, today, settings) -> Plan`, a pure function of the
//! journal (docs/sources.md, load-management and coach rules). State (phase, rungs, deloads)
//! is derived from the journal on every call, so the same journal always gives the same plan, and
//! records dated after `today` are ignored.
//!
//! Order of evaluation: red flags (rules 1, 1b), referrals (rules 2–6), phase exit, then per
//! exercise rules 7–12 (first match wins), then the isometric-only day (`isometric_day`); the
//! day's headline is a stop, an unacknowledged referral, or follows from the exercise decisions
//! by one rule (`headline`).

mod context;
mod dose;
mod due;
mod headline;
mod isometric_day;
mod milestones;
mod mornings;
mod outcome;
mod phase;
mod prompts;
mod red_flags;
mod referral;
mod rules;
mod run_notes;
mod runs;
mod stop;

use crate::domain::history::History;
use crate::domain::phrase;
use crate::domain::plan::{Decision, Plan, PlannedExercise};
use crate::domain::programme::{ExerciseKind, PhaseExercise, Programme};
use crate::domain::reason::Reason;
use crate::domain::running_advice::RunningAdvice;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;
use context::{Context, when};
use dose::dose_at;
use headline::headline;
use phase::{Exit, PhasePosition};
use red_flags::ActiveFlag;
use referral::Referral;
use rules::{DeloadWindow, Verdict};
use runs::running_advice;
use stop::{no_phases_plan, stop_plan};

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

    let (blocking, mut day_reasons) = referral_state(&cx, &flags, position);
    let (phase_index, new_phase) = if blocking.is_some() {
        (position.index, false)
    } else {
        phase_today(&cx, position, &mut day_reasons)
    };
    let phase = &programme.phases[phase_index];
    // A new phase never cancels an active deload (§3 DELOAD: 7 days).
    let deload = cx.deload_window();
    if let Some(window) = deload {
        day_reasons.push(deload_reason(&cx, window));
    }
    let day = Day {
        phase_index,
        new_phase,
        deload,
        running: programme.rules.running_caps.then(|| running_advice(&cx)),
        bad_run: runs::bad_run_holds(&cx),
        blocking,
    };
    let mut exercises: Vec<PlannedExercise> = phase
        .exercises
        .iter()
        .filter_map(|entry| plan_exercise(&cx, &day, entry))
        .collect();
    cx.isometric_only_day(&mut exercises, deload.map(|_| cx.settings.deload_factor));
    let held_by = day
        .blocking
        .as_ref()
        .map_or(Decision::Hold, |r| Decision::Refer(r.reason.clone()));
    phrase::word_exercises(programme, today, &phase.id, &held_by, &mut exercises);

    let (decision, mut reasons) = match &day.blocking {
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
        None => headline(programme, &exercises, cx.sessions_today().next().is_some()),
    };
    reasons.extend(day_reasons);
    let mut plan = Plan {
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
        running: day.running,
    };
    phrase::word_day(&mut plan, programme);
    plan
}

/// What holds for every exercise today.
struct Day {
    phase_index: usize,
    /// Today is the first day of `phase_index` (its exit was met): start at its floors.
    new_phase: bool,
    deload: Option<DeloadWindow>,
    running: Option<RunningAdvice>,
    /// A recent run above the ceiling or unsettled (rules 8–9 on a run): no step up today; the
    /// numbers of what went wrong.
    bad_run: Option<Vec<(&'static str, f64)>>,
    /// The first referral not yet acknowledged: no step up today.
    blocking: Option<Referral>,
}

/// Rules 1b–6: the first unacknowledged referral, and reasons for the acknowledged ones (the
/// plan keeps saying them).
fn referral_state(
    cx: &Context,
    flags: &[ActiveFlag],
    position: PhasePosition,
) -> (Option<Referral>, Vec<Reason>) {
    let mut blocking = None;
    let mut reasons = Vec::new();
    for referral in cx.referrals(flags, position) {
        match cx.acknowledged(&referral) {
            Some(day) => reasons.push(Reason::new(
                referral.explanation.rule.clone(),
                format!(
                    "{} (You acknowledged this {}; steps up are allowed again.)",
                    referral.explanation.text,
                    when(day, cx.today)
                ),
            )),
            None if blocking.is_none() => blocking = Some(referral),
            None => {}
        }
    }
    (blocking, reasons)
}

/// Today's phase: the next one when the current phase's exit is met (§3 `may_advance_phase`).
fn phase_today(cx: &Context, position: PhasePosition, reasons: &mut Vec<Reason>) -> (usize, bool) {
    let phases = &cx.programme.phases;
    match cx.phase_exit(position) {
        Exit::Met(why) => {
            let next = &phases[position.index + 1];
            reasons.push(Reason::new(
                "phase exit",
                format!("Moving on to phase {} ({}): {why}.", next.id, next.name),
            ));
            (position.index + 1, true)
        }
        Exit::NotYet(missing) => {
            reasons.push(Reason::new(
                "phase exit",
                format!("Staying in phase {}: {missing}.", phases[position.index].id),
            ));
            (position.index, false)
        }
        Exit::LastPhase => (position.index, false),
    }
}

/// The lighter week, said once for the day (worded by `phrase`).
fn deload_reason(cx: &Context, window: DeloadWindow) -> Reason {
    Reason::new("R4", "").because("weekly_morning_rising", &cx.deload_numbers(window))
}

/// One exercise of today's phase: its rung, decision (rules 7–12 with the day's limits), dose
/// and reason.
fn plan_exercise(cx: &Context, day: &Day, entry: &PhaseExercise) -> Option<PlannedExercise> {
    let exercise = cx.programme.exercise(&entry.exercise)?;
    let phase = &cx.programme.phases[day.phase_index];
    let rung = cx.current_rung(&phase.id, entry, exercise);
    let mut verdict = if day.new_phase {
        phase_start_verdict(cx, exercise)
    } else {
        cx.decide_exercise(&exercise.id, rung, day.deload)
    };
    let is_run = exercise.kind == ExerciseKind::Interval;
    // A red or unsettled run drops one walk-run rung (R6, §2.5).
    if day.running.as_ref().is_some_and(|a| is_run && a.drop_rung)
        && verdict.decision.caution() < Decision::Regress(1).caution()
    {
        let numbers = runs::bad_run_numbers(cx).unwrap_or_default();
        verdict = Verdict::new(Decision::Regress(1), "R6", "run_not_settled", &numbers);
    }
    // A painful or unsettled run loaded the same tendon: no step up after it (runs.rs).
    if let (Some(numbers), Decision::Progress, false) = (&day.bad_run, &verdict.decision, is_run) {
        verdict = Verdict::new(Decision::Hold, "R6", "bad_run_no_step_up", numbers);
    }
    // A referral allows hold or regress only.
    if let (Some(referral), Decision::Progress) = (&day.blocking, &verdict.decision) {
        verdict = Verdict::new(
            Decision::Hold,
            referral::rule_of(&referral.reason),
            "referral_unacknowledged",
            &[],
        );
    }
    let mut landing = cx.landing(day.phase_index, entry, exercise, rung, &verdict.decision);
    if verdict.decision == Decision::Progress && landing.rung() == rung {
        // The streak's numbers stay: the words say the step up was earned.
        verdict.decision = Decision::Hold;
        verdict.id = "phase_top";
        landing = cx.landing(day.phase_index, entry, exercise, rung, &verdict.decision);
    }
    // The decision says the step that happens: the rungs actually moved, and at the floor with
    // nowhere lower to go, an isometric-only day (§3 REGRESS) — or for a run, its rest rule.
    if let Decision::Regress(_) = verdict.decision {
        let moved = rung.saturating_sub(landing.rung());
        verdict.decision = match (moved, is_run) {
            (0, true) => Decision::Hold,
            (0, false) => Decision::IsometricOnly,
            (n, _) => Decision::Regress(u8::try_from(n).unwrap_or(u8::MAX)),
        };
    }
    // A deload week lightens every exercise, including those stepped down or held.
    let deload_factor = day.deload.map(|_| cx.settings.deload_factor);
    let dose = dose_at(exercise, landing.rung(), deload_factor);
    let resting = day
        .running
        .as_ref()
        .and_then(|a| a.next_run_from)
        .is_some_and(|from| is_run && from > cx.today);
    let mut numbers = verdict.numbers.clone();
    numbers.extend([
        ("from_rung", f64::from(rung)),
        ("to_rung", f64::from(landing.rung())),
    ]);
    // A step down says whether it reached (or went below) this phase's floor.
    if let Decision::Regress(_) = verdict.decision {
        numbers.push(("floor", f64::from(entry.floor.max(1))));
    }
    Some(PlannedExercise {
        exercise: exercise.id.clone(),
        rung: landing.rung(),
        from_rung: rung,
        instead_of: Vec::new(),
        dose,
        reasons: vec![Reason::new(verdict.rule, "").because(verdict.id, &numbers)],
        decision: verdict.decision,
        due_today: cx.due_today(exercise, entry.frequency_for(exercise)) && !resting,
    })
}

/// The first day of a phase: carry on at the dose of the phase before (never lower), else the
/// new phase's floor; `last_rung` says which.
fn phase_start_verdict(cx: &Context, exercise: &crate::domain::programme::Exercise) -> Verdict {
    let last = cx.last_rung(&exercise.id).map(f64::from);
    let numbers: Vec<(&'static str, f64)> = last.map(|l| ("last_rung", l)).into_iter().collect();
    Verdict::new(Decision::Hold, "phase exit", "phase_start", &numbers)
}

/// Days in a week: weekly means, "n per week" frequencies and week counts.
const DAYS_PER_WEEK: u32 = 7;
