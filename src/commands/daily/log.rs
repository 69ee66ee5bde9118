//! `rehab log ...`: things done away from the laptop.

use super::inputs::{MAX_RUN_KM, MAX_RUN_MINUTES, optional_rating, positive_amount, rating};
use super::state::DayState;
use crate::cli::{LogRunArgs, LogSessionArgs};

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
/// set and side (pain = the worst pain during), exercise_skipped for each --skip, session_finished.
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
    let earlier_today = state
        .history()
        .sessions
        .iter()
        .filter(|s| s.date == ctx.today)
        .count();

    // One write: the session and all its sets are saved, or (a full disk) none of them.
    let mut sets_logged = 0;
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
                    if args.skip.contains(&planned.exercise) {
                        bodies.push(RecordBody::ExerciseSkipped {
                            session: session.clone(),
                            exercise: planned.exercise.clone(),
                            reason: SKIP_REASON.into(),
                        });
                        continue;
                    }
                    let exercise = programme.exercise(&planned.exercise);
                    for body in done_as_planned(planned, session, exercise, pain_during, effort) {
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
    crate::outln!(
        "Session for {} saved: {sets_logged} sets of {done} exercise(s), {} skipped; pain during {pain_during}, after {pain_after}.",
        ctx.today,
        args.skip.len()
    );
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
    append_one(
        ctx,
        RecordBody::RunLogged {
            minutes,
            km,
            rpe,
            pain,
        },
    )?;
    crate::outln!(
        "Run on {} saved: {minutes} min{typed}, effort {rpe}, pain {pain}.",
        ctx.today
    );
    Ok(ExitCode::SUCCESS)
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
