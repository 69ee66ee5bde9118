//! `rehab export` and `rehab report`: read the journal, hand it to the pure functions in
//! `crate::export`, write the text to standard output or to `-o FILE`.

use crate::app::journal::{FileJournal, Journal, read_records};
use crate::app::settings::coach_settings;
use crate::cli::{ExportArgs, ExportFormat, ReportArgs, ReportFormat};
use crate::domain::catalogue::Catalogue;
use crate::domain::history::History;
use crate::domain::settings::CoachSettings;
use crate::export::{self, DayRange};
use crate::store::Context;
use crate::store::config;
use crate::store::journal_file::{JournalRead, replace_file_privately};
use crate::store::programme_files::load_catalogue;
use anyhow::{Context as _, bail};
use std::path::Path;
use std::process::ExitCode;

pub fn export(ctx: &Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    check_range(args.since, args.until)?;
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
    check_range(args.since, args.until)?;
    let journal = FileJournal::from_read(ctx, read(ctx)?, None);
    let history = journal.history();
    let catalogue = load_catalogue(&ctx.programmes_dir());
    let settings = settings_for(ctx, history, &catalogue);
    let range = DayRange::new(args.since, args.until);
    let make = match args.format {
        ReportFormat::Md => export::report,
        ReportFormat::Html => export::report_html,
    };
    let text = make(history, &catalogue, &settings, ctx.today, range);
    emit(ctx, args.output.as_deref(), &text)
}

/// The settings in force for the programme now followed, with config warnings on stderr.
fn settings_for(ctx: &Context, history: &History, catalogue: &Catalogue) -> CoachSettings {
    let loaded = config::load(&ctx.config_file());
    for warning in &loaded.warnings {
        crate::errln!("warning: {warning}");
    }
    let programme = history.current().and_then(|c| catalogue.get(&c.programme));
    coach_settings(&loaded.config, programme)
}

fn check_range(
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> anyhow::Result<()> {
    if let (Some(since), Some(until)) = (since, until)
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
        crate::errln!(
            "warning: {} line {}: {} (left out; `rehab journal check` tells more)",
            problem.file.display(),
            problem.line,
            problem.error
        );
    }
    Ok(journal)
}

/// Why `path` must not be written by an export: it is in the data dir, or it is (through a
/// symlink or a hard link: same device and inode) a file that is.
fn data_dir_file(ctx: &Context, path: &Path) -> Option<String> {
    let data_dir = ctx.data_dir.canonicalize().ok()?;
    let parent = crate::store::journal_file::parent_dir(path)
        .canonicalize()
        .ok();
    if parent.as_deref() == Some(data_dir.as_path()) {
        return Some("is in the data dir".into());
    }
    // Where the path leads (a symlink followed), if anything is there yet.
    if let Ok(target) = path.canonicalize()
        && target.starts_with(&data_dir)
    {
        return Some(format!("leads to {} in the data dir", target.display()));
    }
    same_file_in(&data_dir, path).map(|f| format!("is the same file as {}", f.display()))
}

/// A file in `dir` that is the same file (device and inode) as `path`.
#[cfg(unix)]
fn same_file_in(dir: &Path, path: &Path) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let target = std::fs::metadata(path).ok()?;
    std::fs::read_dir(dir).ok()?.flatten().find_map(|entry| {
        let meta = std::fs::metadata(entry.path()).ok()?;
        (meta.dev() == target.dev() && meta.ino() == target.ino()).then(|| entry.path())
    })
}

#[cfg(not(unix))]
fn same_file_in(_dir: &Path, _path: &Path) -> Option<std::path::PathBuf> {
    None
}

/// Write the export: to standard output (no `-o`, or `-o -`), or to a file, owner-only (it holds
/// health data) and written whole (a temp file renamed), never into the data dir.
fn emit(ctx: &Context, output: Option<&Path>, text: &str) -> anyhow::Result<ExitCode> {
    match output {
        None => crate::commands::output::write_out_bytes(text.as_bytes()),
        Some(path) if path == Path::new("-") => {
            crate::commands::output::write_out_bytes(text.as_bytes())
        }
        Some(path) => {
            if let Some(why) = data_dir_file(ctx, path) {
                bail!(
                    "{} {why}: exports never write into the data dir ({}), which holds the journal; choose a path outside it",
                    path.display(),
                    ctx.data_dir.display()
                );
            }
            replace_file_privately(path, text.as_bytes()).with_context(|| {
                format!(
                    "could not write {}: check the folder exists, you may write there and the disk is not full",
                    path.display()
                )
            })?;
            crate::errln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
