//! rehab-coach: a terminal coach for hip, glute and hamstring rehab.
//!
//! `domain` is the pure core (programmes, journal records, the coach, the session runner);
//! `store` reads and writes files; `app` is the one way the shells reach the journal and
//! settings; `commands` are the CLI subcommands; `tui` is the full-screen app.

pub mod app;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod export;
pub mod import;
pub mod store;
pub mod tui;

use cli::{Cli, Command};
use std::process::ExitCode;

/// Run one invocation of `rehab`. Returns the exit code; errors carry their context chain.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Generated from the definition alone: they need no data or config directory.
    match cli.command {
        Some(Command::Completions { shell }) => return commands::meta::completions(shell),
        Some(Command::Man) => return commands::meta::man(),
        _ => {}
    }
    let overrides = store::Overrides {
        data_dir: cli.global.data_dir,
        config_dir: cli.global.config_dir,
        date: cli.global.date,
    };
    let ctx = store::Context::resolve(&overrides)?;
    if cli.command.is_some() {
        commands::heap::grow_in_big_steps();
    }
    match cli.command {
        None => tui::run(&ctx),
        Some(Command::Programmes(cmd)) => commands::programmes::run(&ctx, cmd),
        Some(Command::Start { programme }) => commands::daily::start(&ctx, &programme),
        Some(Command::Checkin(args)) => commands::daily::checkin(&ctx, args),
        Some(Command::Today { json }) => commands::daily::today(&ctx, json),
        Some(Command::Log(cmd)) => commands::daily::log(&ctx, cmd),
        Some(Command::Import(cmd)) => commands::import::run(&ctx, cmd),
        Some(Command::Journal(cmd)) => commands::journal::run(&ctx, cmd),
        Some(Command::Correct(args)) => commands::journal::correct(&ctx, args),
        Some(Command::Export(args)) => commands::export::export(&ctx, args),
        Some(Command::Report(args)) => commands::export::report(&ctx, args),
        Some(Command::Paths { json }) => commands::daily::paths(&ctx, json),
        Some(Command::Config) => commands::settings::run(&ctx),
        Some(Command::Completions { shell }) => commands::meta::completions(shell),
        Some(Command::Man) => commands::meta::man(),
    }
}
