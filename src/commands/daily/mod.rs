//! start, checkin, today, log, paths: the daily commands for people who live in a shell.
//! Every command checks all its input before it opens the journal, so bad input writes nothing.

mod answers;
mod checkin;
mod inputs;
mod log;
mod pain_by_exercise;
pub(crate) mod state;
mod today_view;

use crate::app::journal::{FileJournal, Journal};
use crate::cli::{CheckinArgs, LogCommand};
use crate::domain::records::RecordBody;
use crate::store::Context;
use crate::store::journal_file::{journal_file_name, journal_files, read_device_id};
use crate::store::programme_files::load_catalogue;
use anyhow::{Context as _, bail};
use state::DayState;
use std::process::ExitCode;

pub fn start(ctx: &Context, programme: &str) -> anyhow::Result<ExitCode> {
    let catalogue = load_catalogue(&ctx.programmes_dir());
    for warning in &catalogue.warnings {
        eprintln!("rehab: warning: {warning}");
    }
    let Some(chosen) = catalogue.get(programme) else {
        let known: Vec<&str> = catalogue
            .entries
            .iter()
            .map(|e| e.programme.id.as_str())
            .collect();
        let known = if known.is_empty() {
            "none found".to_string()
        } else {
            known.join(", ")
        };
        bail!(
            "unknown programme \"{programme}\" (available: {known}): `rehab programmes list` shows them"
        );
    };
    let mut journal = FileJournal::open(ctx, None)?;
    let current = journal.history().current().cloned();
    journal
        .append(
            ctx.today,
            RecordBody::ProgrammeChosen {
                programme: chosen.id.clone(),
                start: ctx.today,
            },
        )
        .map_err(anyhow::Error::msg)
        .context("cannot save the choice")?;
    println!("Started \"{}\" on {}.", chosen.name, ctx.today);
    if let Some(previous) = current.filter(|c| c.programme == chosen.id && c.start != ctx.today) {
        println!(
            "You were already following it since {}: weeks now count from {} (your history is kept).",
            previous.start, ctx.today
        );
    }
    if !chosen.see_clinician_first.is_empty() {
        println!("See a clinician before you start if any of these apply:");
        for item in &chosen.see_clinician_first {
            println!("  - {item}");
        }
    }
    println!(
        "Next: `rehab checkin --pain N --stiffness N --no-flags` each morning, then `rehab today`."
    );
    Ok(ExitCode::SUCCESS)
}

pub fn checkin(ctx: &Context, args: CheckinArgs) -> anyhow::Result<ExitCode> {
    checkin::run(ctx, args)
}

pub fn today(ctx: &Context, json: bool) -> anyhow::Result<ExitCode> {
    let state = DayState::load(ctx)?;
    let shown = show_today(ctx, &state, json);
    // The process ends with this command: the OS takes the History back at once, while dropping
    // it record by record was about 6 % of `today` on a 10-year journal.
    std::mem::forget(state);
    shown
}

fn show_today(ctx: &Context, state: &DayState, json: bool) -> anyhow::Result<ExitCode> {
    let (programme, plan) = state.plan(ctx)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&plan).context("cannot write the plan as JSON")?
        );
    } else {
        print!("{}", today_view::render(&plan, programme));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn log(ctx: &Context, cmd: LogCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        LogCommand::Session(args) => log::session(ctx, args),
        LogCommand::Run(args) => log::run(ctx, args),
        LogCommand::Note { text } => log::note(ctx, text),
        LogCommand::ClinicianSeen { note } => log::clinician_seen(ctx, note),
        LogCommand::ReferralAcknowledged => answers::referral_acknowledged(ctx),
        LogCommand::Milestone(args) => answers::milestone(ctx, args),
    }
}

pub fn paths(ctx: &Context) -> anyhow::Result<ExitCode> {
    let missing = |exists: bool| if exists { "" } else { "  (not created yet)" };
    println!(
        "data        {}{}",
        ctx.data_dir.display(),
        missing(ctx.data_dir.is_dir())
    );
    let device = read_device_id(&ctx.data_dir)?;
    match &device {
        Some(id) => println!("device id   {id}"),
        None => println!("device id   (made with the first record)"),
    }
    for file in journal_files(&ctx.data_dir)? {
        let own = device.as_ref().is_some_and(|id| {
            file.file_name()
                .is_some_and(|n| *n == *journal_file_name(id))
        });
        let whose = if own { "this device" } else { "another device" };
        println!("journal     {}  ({whose})", file.display());
    }
    let config = ctx.config_file();
    println!(
        "config      {}{}",
        config.display(),
        if config.is_file() {
            ""
        } else {
            "  (absent: defaults in use)"
        }
    );
    let programmes = ctx.programmes_dir();
    println!(
        "programmes  {}{}",
        programmes.display(),
        missing(programmes.is_dir())
    );
    Ok(ExitCode::SUCCESS)
}
