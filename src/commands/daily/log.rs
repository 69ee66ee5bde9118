//! `rehab log ...`: things done away from the laptop.

use super::inputs::{MAX_RUN_KM, MAX_RUN_MINUTES, optional_rating, positive_amount, rating};
use super::pain_by_exercise::PainByExercise;
use super::state::DayState;
use crate::cli::{LogRunArgs, LogSessionArgs};

use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;

use crate::app::journal::Appender;
use crate::commands::free_text::checked;
use crate::domain::config::Units;
use crate::domain::records::{RecordBody, done_as_planned};
use crate::store::Context;
use anyhow::{Context as _, bail};
use std::process::ExitCode;

/// Reason stored with an exercise skipped on the command line.
const SKIP_REASON: &str = "not done (logged with `rehab log session --skip`)";

/// Record today's plan as done: session_started (with the plan snapshot), one set_done per planned
/// set and side (pain = that exercise's or side's --pain, else --pain-during), exercise_skipped
/// for each --skip, session_finished. Pain above the ceiling is said, as the app says it.
pub fn session(ctx: &Context, args: LogSessionArgs) -> anyhow::Result<ExitCode> {
    let pain_during = rating("pain-during", &args.pain_during)?;
    let pain_after = rating("pain-after", &args.pain_after)?;
    let pain_before = optional_rating("pain-before", args.pain_before.as_ref())?;
    let effort = optional_rating("effort", args.effort.as_ref())?;
    if let Some(note) = &args.note {
        checked("--note", note)?;
    }

    let state = DayState::load(ctx)?;
    let (programme, plan) = state.plan(ctx)?;
    if plan.locked {
        bail!(
            "today's plan is locked ({}): no session can be logged until a clinician has seen you (`rehab log clinician-seen`)",
            plan.decision
        );
    }
    let snapshot = plan.snapshot();
    if snapshot.exercises.is_empty() {
        bail!(
            "no exercise is due on {} in today's plan: nothing to log",
            ctx.today
        );
    }
    check_skips(&args.skip, &snapshot)?;
    let done_today: Vec<(&str, bool)> = snapshot
        .exercises
        .iter()
        .filter(|e| !args.skip.iter().any(|s| *s == e.exercise))
        .map(|e| {
            let each = programme
                .exercise(&e.exercise)
                .is_some_and(|x| x.sides == crate::domain::programme::Sides::Each);
            (e.exercise.as_str(), each)
        })
        .collect();
    let pain_by_exercise = PainByExercise::parse(&args.pain, &done_today)?;
    let ceiling = state.settings().amber_max;
    let earlier_today = state
        .history()
        .sessions
        .iter()
        .filter(|s| s.date == ctx.today)
        .count();

    // One write: the session and all its sets are saved, or (a full disk) none of them.
    let mut sets_logged = 0;
    let mut worst_during: Option<Rating> = None;
    // Whether any set took --pain-during (not every exercise was named with --pain).
    let mut default_used = false;
    Appender::new(ctx)
        .append_linked(
            ctx.today,
            RecordBody::SessionStarted {
                plan: snapshot.clone().into(),
                pain_before,
            },
            |session| {
                let mut bodies = Vec::new();
                for planned in &snapshot.exercises {
                    if args.skip.iter().any(|s| *s == planned.exercise) {
                        bodies.push(RecordBody::ExerciseSkipped {
                            session: session.clone(),
                            exercise: planned.exercise.clone(),
                            reason: SKIP_REASON.into(),
                        });
                        continue;
                    }
                    let exercise = programme.exercise(&planned.exercise);
                    for mut body in done_as_planned(planned, session, exercise, pain_during, effort)
                    {
                        if let RecordBody::SetDone {
                            exercise,
                            side,
                            pain,
                            ..
                        } = &mut body
                        {
                            *pain = pain_by_exercise.pain(exercise, *side, pain_during);
                            default_used |= !pain_by_exercise.names(exercise, *side);
                            worst_during = worst_during.max(Some(*pain));
                        }
                        bodies.push(body);
                        sets_logged += 1;
                    }
                }
                bodies.push(RecordBody::SessionFinished {
                    session: session.clone(),
                    pain_after,
                    effort,
                    note: args.note.clone(),
                });
                bodies
            },
        )
        .map_err(anyhow::Error::msg)
        .context("cannot save the session (nothing of it was written)")?;

    let done = snapshot.exercises.len() - args.skip.len();
    let during = match worst_during {
        Some(worst) if !pain_by_exercise.is_empty() => format!("up to {worst}"),
        _ => format!("{pain_during}"),
    };
    crate::outln!(
        "Session for {} saved: {sets_logged} sets of {done} exercise(s), {} skipped; pain during {during}, after {pain_after}.",
        ctx.today,
        args.skip.len()
    );
    for warning in ceiling_warnings(
        &pain_by_exercise,
        default_used.then_some(pain_during),
        pain_after,
        ceiling,
    ) {
        crate::outln!("{warning}");
    }
    if earlier_today > 0 {
        crate::outln!(
            "This is session {} on {}: `rehab journal list --on {}` shows them all.",
            earlier_today + 1,
            ctx.today,
            ctx.today
        );
    }
    crate::outln!("Tomorrow morning, `rehab checkin` tells the coach how you settled.");
    Ok(ExitCode::SUCCESS)
}

/// Every --skip must name an exercise in today's plan, once.
fn check_skips(skips: &[String], snapshot: &PlanSnapshot) -> anyhow::Result<()> {
    for (i, skip) in skips.iter().enumerate() {
        if !snapshot.exercises.iter().any(|e| e.exercise == *skip) {
            let planned: Vec<&str> = snapshot
                .exercises
                .iter()
                .map(|e| e.exercise.as_str())
                .collect();
            bail!(
                "--skip {skip}: not an exercise in today's plan; planned today: {}",
                planned.join(", ")
            );
        }
        if skips[..i].contains(skip) {
            bail!("--skip {skip} is given twice");
        }
    }
    Ok(())
}

/// What went above the pain ceiling (R1/R2), in the words the app uses after a set.
fn ceiling_warnings(
    per_exercise: &PainByExercise,
    pain_during: Option<Rating>,
    pain_after: Rating,
    ceiling: u8,
) -> Vec<String> {
    let mut out = Vec::new();
    let over = |p: Rating| p.value() > ceiling;
    if let Some(pain_during) = pain_during.filter(|p| over(*p)) {
        out.push(format!(
            "Warning: pain during ({pain_during}) was above the ceiling of {ceiling}/10 (R1): the coach steps those exercises down next time."
        ));
    }
    for (name, side, n) in per_exercise.entries().filter(|(_, _, p)| over(*p)) {
        let side = match side {
            Some(crate::domain::records::Side::Left) => " (left)",
            Some(crate::domain::records::Side::Right) => " (right)",
            None => "",
        };
        out.push(format!(
            "Warning: {name}{side} hurt {n}, above the ceiling of {ceiling}/10 (R1): the coach steps it down next time."
        ));
    }
    if over(pain_after) {
        out.push(format!(
            "Warning: pain after ({pain_after}) was above the ceiling of {ceiling}/10 (R2): the coach steps the session down next time."
        ));
    }
    out
}

pub fn run(ctx: &Context, args: LogRunArgs) -> anyhow::Result<ExitCode> {
    let minutes = positive_amount("minutes", args.minutes, MAX_RUN_MINUTES, "minutes")?;
    let miles = Units::Mi;
    let km = match (args.km, args.mi) {
        (Some(km), _) => Some(positive_amount("km", km, MAX_RUN_KM, "km")?),
        (None, Some(mi)) => Some(miles.to_km(positive_amount(
            "mi",
            mi,
            miles.from_km(MAX_RUN_KM).floor(),
            "mi",
        )?)),
        (None, None) => None,
    };
    let typed = match (args.km, args.mi) {
        (Some(km), _) => format!(", {km} km"),
        (None, Some(mi)) => format!(", {mi} mi"),
        (None, None) => String::new(),
    };
    let rpe = rating("rpe", &args.rpe)?;
    let pain = rating("pain", &args.pain)?;
    // Today's plan before this run: its ceiling and running caps, to warn as the app does.
    let state = DayState::load(ctx)?;
    let ceiling = state.settings().amber_max;
    let units = state.settings().units;
    let advice = state.plan(ctx).ok().and_then(|(_, plan)| plan.running);
    append_one(
        ctx,
        RecordBody::RunLogged {
            minutes,
            km,
            rpe: Some(rpe),
            pain: Some(pain),
            imported: None,
        },
    )?;
    crate::outln!(
        "Run on {} saved: {minutes} min{typed}, effort {rpe}, pain {pain}.",
        ctx.today
    );
    for warning in run_warnings(pain, km, ceiling, advice.as_ref(), ctx.today, units) {
        crate::outln!("{warning}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A run above the pain ceiling, over a running cap, or on a rest day after a bad run.
fn run_warnings(
    pain: Rating,
    km: Option<f64>,
    ceiling: u8,
    advice: Option<&crate::domain::running_advice::RunningAdvice>,
    today: chrono::NaiveDate,
    units: Units,
) -> Vec<String> {
    let mut out = Vec::new();
    if pain.value() > ceiling {
        out.push(format!(
            "Warning: the run hurt {pain}, above the ceiling of {ceiling}/10 (R1): the next run waits at least 48 hours and drops one walk-run rung (R6)."
        ));
    }
    let Some(advice) = advice else {
        return out;
    };
    if advice.next_run_from.is_some_and(|from| from > today) {
        out.push(
            "Warning: today was a rest day after a painful or unsettled run (R6); tomorrow morning's check-in shows how it settled.".into(),
        );
    }
    if let (Some(km), Some(cap)) = (km, advice.run_cap_km)
        && km > cap
    {
        out.push(format!(
            "Warning: {} is over today's single-run cap of {} (set by your longest run in the last 30 days, R16).",
            units.show(km),
            units.show(cap)
        ));
    }
    if let (Some(km), Some(cap)) = (km, advice.week_cap_km)
        && advice.km_this_week + km > cap
    {
        out.push(format!(
            "Warning: that makes {} in the last 7 days, over this week's cap of {} ({}).",
            units.show(advice.km_this_week + km),
            units.show(cap),
            if advice.easier_week {
                "an easier week, §1.4"
            } else {
                "R14/R15"
            }
        ));
    }
    out
}

pub fn note(ctx: &Context, text: String) -> anyhow::Result<ExitCode> {
    if text.trim().is_empty() {
        bail!("the note is empty: write something, e.g. rehab log note \"slept badly\"");
    }
    checked("the note", &text)?;
    append_one(ctx, RecordBody::Note { text })?;
    crate::outln!("Note for {} saved.", ctx.today);
    Ok(ExitCode::SUCCESS)
}

pub fn clinician_seen(ctx: &Context, note: Option<String>) -> anyhow::Result<ExitCode> {
    if let Some(note) = &note {
        checked("--note", note)?;
    }
    append_one(ctx, RecordBody::ClinicianSeen { note })?;
    crate::outln!(
        "Saved: a clinician saw you on {}. Follow their advice; `rehab today` shows the plan again.",
        ctx.today
    );
    Ok(ExitCode::SUCCESS)
}

fn append_one(ctx: &Context, body: RecordBody) -> anyhow::Result<()> {
    let what = body.kind().replace('_', " ");
    Appender::new(ctx)
        .append(ctx.today, body)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("cannot save the {what}"))?;
    Ok(())
}
