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
mod words;

use crate::domain::history::History;
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
        running: day.running,
    }
}

/// What holds for every exercise today.
struct Day {
    phase_index: usize,
    /// Today is the first day of `phase_index` (its exit was met): start at its floors.
    new_phase: bool,
    deload: Option<DeloadWindow>,
    running: Option<RunningAdvice>,
    /// A recent run above the ceiling or unsettled (rules 8–9 on a run): no step up today.
    bad_run: Option<String>,
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

fn deload_reason(cx: &Context, window: DeloadWindow) -> Reason {
    Reason::new(
        "R4",
        format!(
            "Lighter week: weekly mean morning pain rose by {} {} (more than the {} allowed), so every exercise is cut to {:.0} % of its volume (fewer sets, or fewer reps or shorter holds when it has one set) until {}.",
            mornings::one_decimal(window.rise),
            when(window.began, cx.today),
            mornings::one_decimal(cx.settings.week_rise_tolerance),
            cx.settings.deload_factor * 100.0,
            window.until
        ),
    )
    .because(
        "weekly_morning_rising",
        &[
            ("rise", window.rise),
            ("tolerance", cx.settings.week_rise_tolerance),
            ("factor", cx.settings.deload_factor),
        ],
    )
}

/// One exercise of today's phase: its rung, decision (rules 7–12 with the day's limits), dose
/// and reason.
fn plan_exercise(cx: &Context, day: &Day, entry: &PhaseExercise) -> Option<PlannedExercise> {
    let exercise = cx.programme.exercise(&entry.exercise)?;
    let phase = &cx.programme.phases[day.phase_index];
    let rung = cx.current_rung(&phase.id, entry, exercise);
    let mut verdict = if day.new_phase {
        phase_start_verdict(cx, day, exercise, rung)
    } else {
        cx.decide_exercise(&exercise.id, rung, day.deload)
    };
    let is_run = exercise.kind == ExerciseKind::Interval;
    // A red or unsettled run drops one walk-run rung (R6, §2.5).
    if let Some(advice) = day.running.as_ref().filter(|a| is_run && a.drop_rung)
        && verdict.decision.caution() < Decision::Regress(1).caution()
    {
        verdict = Verdict::new(
            Decision::Regress(1),
            "R6",
            advice
                .reasons
                .iter()
                .find(|r| r.rule == "R6")
                .map_or_else(String::new, |r| words::lower_first(&r.text)),
        )
        .data("run_not_settled", &[]);
    }
    // A painful or unsettled run loaded the same tendon: no step up after it (runs.rs).
    if let (Some(cause), Decision::Progress, false) = (&day.bad_run, &verdict.decision, is_run) {
        verdict = Verdict::new(
            Decision::Hold,
            "R6",
            format!("it earned a step up, but {cause}, so the dose stays"),
        )
        .data("bad_run_no_step_up", &[]);
    }
    // A referral allows hold or regress only.
    if let (Some(referral), Decision::Progress) = (&day.blocking, &verdict.decision) {
        verdict = Verdict::new(
            Decision::Hold,
            referral::rule_of(&referral.reason),
            format!(
                "it earned a step up, but steps up wait until you acknowledge the referral ({})",
                referral.reason.words()
            ),
        )
        .data("referral_unacknowledged", &[]);
    }
    let mut landing = cx.landing(day.phase_index, entry, exercise, rung, &verdict.decision);
    if verdict.decision == Decision::Progress && landing.rung() == rung {
        verdict.decision = Decision::Hold;
        verdict.cause = format!(
            "{}, but this is the top rung for phase {}",
            verdict.cause, phase.id
        );
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
    let text = words::reason_text(
        cx,
        day.phase_index,
        exercise,
        rung,
        &landing,
        &dose,
        &verdict,
    );
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
    Some(PlannedExercise {
        exercise: exercise.id.clone(),
        rung: landing.rung(),
        from_rung: rung,
        instead_of: Vec::new(),
        dose,
        reasons: vec![Reason::new(verdict.rule, text).because(verdict.id, &numbers)],
        decision: verdict.decision,
        due_today: cx.due_today(exercise, entry.frequency_for(exercise)) && !resting,
    })
}

/// The first day of a phase: carry on at the dose of the phase before (never lower), else the
/// new phase's floor.
fn phase_start_verdict(
    cx: &Context,
    day: &Day,
    exercise: &crate::domain::programme::Exercise,
    rung: u32,
) -> Verdict {
    let phase = &cx.programme.phases[day.phase_index];
    let carried = cx.last_rung(&exercise.id);
    let cause = match carried {
        Some(last) if last == rung => format!(
            "first day of phase {}, so it carries on at the rung you reached",
            phase.id
        ),
        Some(last) if last > rung => format!(
            "first day of phase {}, whose plan keeps it at most at rung {rung} while the harder work takes over",
            phase.id
        ),
        _ => format!(
            "first day of phase {}, so start at the bottom of its ladder",
            phase.id
        ),
    };
    Verdict::new(Decision::Hold, "phase exit", cause).data("phase_start", &[])
}

/// Days in a week: weekly means, "n per week" frequencies and week counts.
const DAYS_PER_WEEK: u32 = 7;
