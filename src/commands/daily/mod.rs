//! start, checkin, today, log, paths: the daily commands for people who live in a shell.
//! Every command checks all its input before it opens the journal, so bad input writes nothing.

mod answers;
mod checkin;
mod inputs;
mod log;
mod pain_by_exercise;
mod run_pain;
pub(crate) mod state;
mod today_view;

use crate::app::journal::{FileJournal, Journal};
use crate::cli::{CheckinArgs, LogCommand};
use crate::commands::json::versioned;
use crate::domain::records::RecordBody;
use crate::store::Context;
use crate::store::journal_file::{journal_file_name, journal_files, read_device_id};
use crate::store::programme_files::load_catalogue;
use anyhow::{Context as _, bail};
use serde::Serialize;
use state::DayState;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn start(ctx: &Context, programme: &str) -> anyhow::Result<ExitCode> {
    let catalogue = load_catalogue(&ctx.programmes_dir());
    for warning in &catalogue.warnings {
        crate::errln!("rehab: warning: {warning}");
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
    crate::outln!("Started \"{}\" on {}.", chosen.name, ctx.today);
    if let Some(previous) = current.filter(|c| c.programme == chosen.id && c.start != ctx.today) {
        crate::outln!(
            "You were already following it since {}: weeks now count from {} (your history is kept).",
            previous.start,
            ctx.today
        );
    }
    if !chosen.see_clinician_first.is_empty() {
        crate::outln!("See a clinician before you start if any of these apply:");
        for item in &chosen.see_clinician_first {
            crate::outln!("  - {item}");
        }
    }
    crate::outln!(
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
        crate::outln!("{}", versioned(&plan)?);
    } else {
        crate::out!(
            "{}",
            today_view::render(&plan, programme, state.settings().units)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn log(ctx: &Context, cmd: LogCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        LogCommand::Session(args) => log::session(ctx, args),
        LogCommand::Run(args) => log::run(ctx, args),
        LogCommand::RunPain(args) => run_pain::run_pain(ctx, args),
        LogCommand::Note { text } => log::note(ctx, text),
        LogCommand::ClinicianSeen { note } => log::clinician_seen(ctx, note),
        LogCommand::ReferralAcknowledged => answers::referral_acknowledged(ctx),
        LogCommand::Milestone(args) => answers::milestone(ctx, args),
    }
}

pub fn paths(ctx: &Context, json: bool) -> anyhow::Result<ExitCode> {
    let device = read_device_id(&ctx.data_dir)?;
    let journals = journal_files(&ctx.data_dir)?
        .into_iter()
        .map(|file| {
            let this_device = device.as_ref().is_some_and(|id| {
                file.file_name()
                    .is_some_and(|n| *n == *journal_file_name(id))
            });
            PathsJournal { file, this_device }
        })
        .collect();
    let paths = PathsJson {
        data_dir: ctx.data_dir.clone(),
        data_dir_exists: ctx.data_dir.is_dir(),
        device_id: device,
        journals,
        config_file: ctx.config_file(),
        config_file_exists: ctx.config_file().is_file(),
        programmes_dir: ctx.programmes_dir(),
        programmes_dir_exists: ctx.programmes_dir().is_dir(),
    };
    if json {
        crate::outln!("{}", versioned(&paths)?);
    } else {
        crate::out!("{}", paths_text(&paths));
    }
    Ok(ExitCode::SUCCESS)
}

/// Where files live, as `rehab paths --json` prints it.
#[derive(Serialize)]
struct PathsJson {
    data_dir: PathBuf,
    data_dir_exists: bool,
    /// None until the first record is written.
    device_id: Option<String>,
    journals: Vec<PathsJournal>,
    config_file: PathBuf,
    config_file_exists: bool,
    programmes_dir: PathBuf,
    programmes_dir_exists: bool,
}

#[derive(Serialize)]
struct PathsJournal {
    file: PathBuf,
    /// False for the files other devices write (a synced data dir).
    this_device: bool,
}

fn paths_text(paths: &PathsJson) -> String {
    let missing = |exists: bool| if exists { "" } else { "  (not created yet)" };
    let mut out = format!(
        "data        {}{}\n",
        paths.data_dir.display(),
        missing(paths.data_dir_exists)
    );
    match &paths.device_id {
        Some(id) => out.push_str(&format!("device id   {id}\n")),
        None => out.push_str("device id   (made with the first record)\n"),
    }
    for journal in &paths.journals {
        let whose = if journal.this_device {
            "this device"
        } else {
            "another device"
        };
        out.push_str(&format!(
            "journal     {}  ({whose})\n",
            journal.file.display()
        ));
    }
    out.push_str(&format!(
        "config      {}{}\n",
        paths.config_file.display(),
        if paths.config_file_exists {
            ""
        } else {
            "  (absent: defaults in use)"
        }
    ));
    out.push_str(&format!(
        "programmes  {}{}\n",
        paths.programmes_dir.display(),
        missing(paths.programmes_dir_exists)
    ));
    out
}
