//! Command-line interface. Plain `rehab` opens the full-screen coach; subcommands serve people
//! who live in a shell and scripts.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The exit statuses, in `--help` and the man page (docs/commands.md says the same).
pub const EXIT_CODES_HELP: &str = "Files: `rehab paths` shows where the journal, config and your own programmes live.\n\n\
Exit status:\n  \
0    success\n  \
1    an error: bad input, an unreadable file, a journal with problems (`journal check`), \
a programme file with problems (`programmes check`)\n  \
2    usage: an unknown command or option, a missing argument\n  \
128+N  ended by signal N, as the shell reports it (130 for Ctrl-C, 143 for SIGTERM)";

#[derive(Debug, Parser)]
#[command(
    name = "rehab",
    version,
    about = "A keyboard-driven coach for hip, glute and hamstring rehab",
    long_about = "rehab walks you through today's rehab routine with timers, tracks your pain before, \
during, after and the next morning, and adjusts the dose with the pain-monitoring model.\n\n\
It coaches; it does not diagnose. See a clinician for any new, severe or worrying symptom.\n\n\
Run `rehab` with no command to open the full-screen coach.",
    after_help = "Files: `rehab paths` shows where the journal, config and your own programmes live.",
    after_long_help = EXIT_CODES_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Under their own heading in every `--help`, so a command's own options are not mixed in.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Act as if today were this day (YYYY-MM-DD): backfill a missed day. Never after today, nor
    /// more than 1096 days (about three years) before it.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// Where the journal lives (overrides REHAB_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where config.toml and your own programmes live (overrides REHAB_CONFIG_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show and check programmes.
    #[command(subcommand)]
    Programmes(ProgrammesCommand),
    /// Choose a programme and start it today (or on --date). History is kept.
    Start {
        /// Programme id, e.g. gluteal-tendinopathy (see `rehab programmes list`).
        programme: String,
    },
    /// Record the morning check-in.
    Checkin(CheckinArgs),
    /// Show today's plan: phase, exercises with doses, the decision and its reasons.
    Today {
        /// Print the plan as JSON (documented in docs/coach.md).
        #[arg(long)]
        json: bool,
    },
    /// Record something done away from the laptop.
    #[command(subcommand)]
    Log(LogCommand),
    /// Bring in activities recorded elsewhere (a watch's or phone's files).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Check, repair or list the journal.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Fix an earlier record (a correction record is appended; nothing is rewritten).
    Correct(CorrectArgs),
    /// Export the journal as CSV or JSON.
    Export(ExportArgs),
    /// Write a report for a physiotherapist: Markdown, or one printable HTML page of plots.
    Report(ReportArgs),
    /// Print where files live.
    Paths {
        /// Print as JSON (with a `schema` version).
        #[arg(long)]
        json: bool,
    },
    /// Print the settings in force: each key, its value, its default and where it came from.
    Config,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `rehab man | man -l -`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ProgrammesCommand {
    /// List the built-in programmes and your own.
    List {
        /// Print as JSON (with a `schema` version).
        #[arg(long)]
        json: bool,
    },
    /// Show one programme: phases, exercises with doses, what to avoid, sources.
    Show {
        /// Programme id.
        id: String,
        /// Print the programme as JSON (with a `schema` version).
        #[arg(long, conflicts_with = "toml")]
        json: bool,
        /// Print the programme's TOML source, to copy into your programmes folder and edit.
        #[arg(long)]
        toml: bool,
    },
    /// Validate programme files; reports file, line, column and field for every problem.
    Check {
        /// TOML files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Morning pain, 0–10, within 30 minutes of waking.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub pain: Option<String>,
    /// Morning stiffness, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub stiffness: Option<String>,
    /// Pain on the programme's daily load test, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub load_test: Option<String>,
    /// A red-flag answered yes, by id (repeatable). `rehab checkin --list-flags` lists them.
    #[arg(long = "flag", value_name = "ID")]
    pub flags: Vec<String>,
    /// Answer no to every red-flag question not given with --flag.
    #[arg(long)]
    pub no_flags: bool,
    /// List the red-flag questions and their ids.
    #[arg(long)]
    pub list_flags: bool,
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Record today's plan as done away from the laptop.
    Session(LogSessionArgs),
    /// Record a run or walk-run.
    Run(LogRunArgs),
    /// Rate the pain of an imported run (or change a run's pain), e.g. run-pain 2026-03-02 --during 3.
    RunPain(RunPainArgs),
    /// Add a note for the day.
    Note {
        /// The note text.
        text: String,
    },
    /// Confirm a clinician has seen you after a stop (unlocks exercise).
    ClinicianSeen {
        /// Optional note, e.g. what they advised.
        #[arg(long)]
        note: Option<String>,
    },
    /// Acknowledge today's "see a clinician" referral (steps up are allowed again).
    ReferralAcknowledged,
    /// Answer a phase milestone only you can confirm (ids: `rehab programmes show ID`).
    Milestone(MilestoneArgs),
}

#[derive(Debug, Args)]
pub struct MilestoneArgs {
    /// The milestone's id, e.g. sitting-30-min.
    pub id: String,
    /// It holds.
    #[arg(long, conflicts_with = "no", required_unless_present = "no")]
    pub yes: bool,
    /// It does not hold (yet).
    #[arg(long)]
    pub no: bool,
}

#[derive(Debug, Args)]
pub struct LogSessionArgs {
    /// Worst pain during the session, 0–10: the value for every exercise not given with --pain.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub pain_during: String,
    /// Worst pain during one exercise, or one side of it (repeatable), e.g. --pain bridge=4 or
    /// --pain split-squat:L=6.
    #[arg(long = "pain", value_name = "EXERCISE[:L|:R]=N")]
    pub pain: Vec<String>,
    /// Pain just after, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub pain_after: String,
    /// Pain before, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub pain_before: Option<String>,
    /// Effort, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub effort: Option<String>,
    /// An exercise id you did not do (repeatable).
    #[arg(long = "skip", value_name = "EXERCISE")]
    pub skip: Vec<String>,
    /// A note for the session.
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogRunArgs {
    /// Minutes run (or walk-run in total).
    // Negative numbers reach rehab's own check, which says what is allowed (clap would call
    // "-5" an unknown option).
    #[arg(long, allow_negative_numbers = true)]
    pub minutes: f64,
    /// Distance in km.
    #[arg(long, allow_negative_numbers = true)]
    pub km: Option<f64>,
    /// Distance in miles (kept in the journal as km).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "km")]
    pub mi: Option<f64>,
    /// Rate of perceived exertion, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub rpe: String,
    /// Worst pain, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub pain: String,
}

#[derive(Debug, Args)]
pub struct RunPainArgs {
    /// The day of the run (YYYY-MM-DD).
    #[arg(value_name = "YYYY-MM-DD")]
    pub day: NaiveDate,
    /// Worst pain during the run, 0–10.
    #[arg(long, value_name = "0-10", allow_negative_numbers = true)]
    pub during: String,
    /// Which run, when the day has more than one not yet rated (ids: `rehab journal list --on DAY`).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import runs and walks from .fit, .gpx and .tcx files (also .gz), or folders of them.
    /// Importing the same activity again adds nothing; rides, swims and the like are skipped.
    Runs {
        /// Activity files or folders (searched with their sub-folders).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// List unreadable lines with file and line number. Exits non-zero if any.
    Check,
    /// Move unreadable lines to a side file (a backup is kept) and say what was done.
    Repair,
    /// List records (id, date, kind) to find one to correct.
    List {
        /// Only records about this day.
        #[arg(long = "on", value_name = "YYYY-MM-DD")]
        on: Option<NaiveDate>,
        /// Print as JSON (with a `schema` version).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// Id of the record to correct (see `rehab journal list`).
    pub id: String,
    /// field=value pairs, e.g. pain=3 (repeatable).
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub fields: Vec<String>,
    /// Why, kept with the correction.
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv: one row per set, check-in, run and note (columns in docs/export.md); json: every record.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// First day to include.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Last day to include.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// Write to this file (owner-only, replaced whole) instead of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// md: a one-page summary, then the weekly table and notes; html: one self-contained page of
    /// plots that prints on two A4 pages.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// First day to include.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Last day to include.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// Write to this file (owner-only, replaced whole) instead of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
