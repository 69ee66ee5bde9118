//! `rehab log run-pain DAY --during N`: the pain of a run, given after it was imported (a watch
//! does not know it). Saved as a correction of the run's record: nothing is rewritten.

use super::inputs::rating;
use super::state::DayState;
use crate::app::journal::Appender;
use crate::cli::RunPainArgs;
use crate::domain::history::RunLog;
use crate::domain::records::RecordBody;
use crate::store::Context;
use anyhow::{Context as _, bail};
use std::process::ExitCode;

pub fn run_pain(ctx: &Context, args: RunPainArgs) -> anyhow::Result<ExitCode> {
    let pain = rating("during", &args.during)?;
    let state = DayState::load(ctx)?;
    let units = state.config.units;
    let ceiling = state.settings().amber_max;
    let run = which_run(&state.history().runs, &args, units)?;
    let described = run.named(units);
    let fields = serde_json::Map::from_iter([("pain".to_string(), pain.value().into())]);
    Appender::new(ctx)
        .append(
            ctx.today,
            RecordBody::Correction {
                target: run.id.clone(),
                fields,
                reason: Some("pain during the run, rated after it was logged".into()),
            },
        )
        .map_err(anyhow::Error::msg)
        .context("cannot save the run's pain")?;
    crate::outln!("Pain during {described} saved: {pain}.");
    if pain.value() > ceiling {
        crate::outln!(
            "Warning: the run hurt {pain}, above the ceiling of {ceiling}/10 (R1): the next run waits at least 48 hours and drops one walk-run rung (R6)."
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The run meant: by --id, else the day's only run, else the day's only unrated one.
fn which_run<'a>(
    runs: &'a [RunLog],
    args: &RunPainArgs,
    units: crate::domain::config::Units,
) -> anyhow::Result<&'a RunLog> {
    let day = args.day;
    if let Some(id) = &args.id {
        return runs
            .iter()
            .find(|r| r.id.as_str() == id)
            .with_context(|| format!("--id {id}: no run with this id; `rehab journal list --on {day}` lists the day's records"));
    }
    let on_day: Vec<&RunLog> = runs.iter().filter(|r| r.date == day).collect();
    let unrated: Vec<&RunLog> = on_day
        .iter()
        .copied()
        .filter(|r| r.pain_unrated())
        .collect();
    match (on_day.as_slice(), unrated.as_slice()) {
        ([], _) => bail!(
            "no run on {day} in the journal: `rehab import runs PATH` brings in a watch's runs, `rehab log run` types one"
        ),
        ([only], _) | (_, [only]) => Ok(only),
        (many, _) => {
            let listed: Vec<String> = many
                .iter()
                .map(|r| format!("{} ({})", r.id, r.named(units)))
                .collect();
            bail!(
                "{} runs on {day}: say which with --id: {}",
                many.len(),
                listed.join("; ")
            )
        }
    }
}
