//! `rehab import runs PATH...`: runs and walks from a watch's or phone's activity files.

use crate::app::import_runs::import_runs;
use crate::cli::ImportCommand;
use crate::commands::daily::state::DayState;
use crate::store::Context;
use std::process::ExitCode;

pub fn run(ctx: &Context, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ImportCommand::Runs { paths } => runs(ctx, &paths),
    }
}

/// Import, then say what came in, what was skipped and why, and which files could not be read
/// (exit status 1 when any could not: the rest are imported all the same).
fn runs(ctx: &Context, paths: &[std::path::PathBuf]) -> anyhow::Result<ExitCode> {
    let mut state = DayState::load(ctx)?;
    let units = state.config.units;
    let report = import_runs(&mut state.journal, paths, ctx.today, units);
    for line in report.imported.iter().chain(&report.skipped) {
        crate::outln!("{line}");
    }
    for error in &report.errors {
        crate::errln!("rehab: {error}");
    }
    crate::outln!("{}.", report.summary());
    if !report.imported.is_empty() {
        crate::outln!(
            "Rate each run's pain with `rehab log run-pain DAY --during N` (or at the next check-in in the app); until then it counts for the running caps and shows \"pain not rated\"."
        );
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
