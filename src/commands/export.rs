//! `rehab export` and `rehab report`: read the journal, hand it to the pure functions in
//! `crate::export`, write the text to standard output or to `-o FILE`.

use crate::app::journal::{FileJournal, Journal, read_records};
use crate::app::settings::coach_settings;
use crate::cli::{ExportArgs, ExportFormat, ReportArgs};
use crate::domain::catalogue::Catalogue;
use crate::domain::history::History;
use crate::domain::settings::CoachSettings;
use crate::export::{self, DayRange};
use crate::store::Context;
use crate::store::config;
use crate::store::journal_file::JournalRead;
use crate::store::programme_files::load_catalogue;
use anyhow::{Context as _, bail};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn export(ctx: &Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    check_range(&args)?;
    let journal = read(ctx)?;
    let range = DayRange::new(args.since, args.until);
    let text = match args.format {
        ExportFormat::Csv => {
            let journal = FileJournal::from_read(ctx, journal, None);
            let catalogue = load_catalogue(&ctx.programmes_dir());
            let settings = settings_for(ctx, journal.history(), &catalogue);
            export::to_csv(journal.history(), &catalogue, &settings, ctx.today, range)
        }
        ExportFormat::Json => export::to_json(&journal.records, range),
    };
    emit(ctx, args.output.as_deref(), &text)
}

pub fn report(ctx: &Context, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let journal = FileJournal::from_read(ctx, read(ctx)?, None);
    let history = journal.history();
    let catalogue = load_catalogue(&ctx.programmes_dir());
    let settings = settings_for(ctx, history, &catalogue);
    let text = export::report(
        history,
        &catalogue,
        &settings,
        ctx.today,
        DayRange::new(args.since, None),
    );
    emit(ctx, args.output.as_deref(), &text)
}

/// The settings in force for the programme now followed, with config warnings on stderr.
fn settings_for(ctx: &Context, history: &History, catalogue: &Catalogue) -> CoachSettings {
    let loaded = config::load(&ctx.config_file());
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    let programme = history.current().and_then(|c| catalogue.get(&c.programme));
    coach_settings(&loaded.config, programme)
}

fn check_range(args: &ExportArgs) -> anyhow::Result<()> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        bail!("--since {since} is after --until {until}: swap them");
    }
    Ok(())
}

/// The journal, with every unreadable line named on standard error (export goes on without it).
fn read(ctx: &Context) -> anyhow::Result<JournalRead> {
    let journal = read_records(&ctx.data_dir)?;
    for problem in &journal.problems {
        eprintln!(
            "warning: {} line {}: {} (left out; `rehab journal check` tells more)",
            problem.file.display(),
            problem.line,
            problem.error
        );
    }
    Ok(journal)
}

/// Every journal file and repair side file starts with this.
const JOURNAL_FILE_PREFIX: &str = "journal";

/// True when `path` is a journal file or one of its repair side files in the data dir (export
/// must never overwrite the journal).
fn is_journal_file(ctx: &Context, path: &Path) -> bool {
    let in_data_dir = match (path.parent(), ctx.data_dir.canonicalize()) {
        (Some(parent), Ok(data_dir)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            parent.canonicalize().is_ok_and(|p| p == data_dir)
        }
        _ => false,
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    in_data_dir && name.starts_with(JOURNAL_FILE_PREFIX)
}

fn emit(ctx: &Context, output: Option<&Path>, text: &str) -> anyhow::Result<ExitCode> {
    match output {
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.context("could not write to standard output")?,
        },
        Some(path) => {
            if is_journal_file(ctx, path) {
                bail!(
                    "{} is a journal file: choose another name for the export (the journal is never overwritten)",
                    path.display()
                );
            }
            std::fs::write(path, text).with_context(|| {
                format!(
                    "could not write {}: check the folder exists and you may write there",
                    path.display()
                )
            })?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
