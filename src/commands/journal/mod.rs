//! `rehab journal check|repair|list` and `rehab correct`.

mod checks;
mod correct;
mod summary;

use crate::app::journal::read_records;
use crate::cli::{CorrectArgs, JournalCommand};
use crate::commands::json::versioned;
use crate::domain::history::History;
use crate::store::Context;
use crate::store::journal_file::{JournalRead, JournalWriter, RepairReport};
use crate::store::journal_line::apply_fields;
use anyhow::Context as _;
use chrono::NaiveDate;
use serde::Serialize;
use std::process::ExitCode;

pub fn run(ctx: &Context, cmd: JournalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        JournalCommand::Check => check(ctx),
        JournalCommand::Repair => repair(ctx),
        JournalCommand::List { on, json } => list(ctx, on, json),
    }
}

pub fn correct(ctx: &Context, args: CorrectArgs) -> anyhow::Result<ExitCode> {
    correct::run(ctx, args)
}

fn read(ctx: &Context) -> anyhow::Result<JournalRead> {
    read_records(&ctx.data_dir)
}

/// Every unreadable line as `FILE:LINE: error`, exit 1 if any; else a one-line summary.
fn check(ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut journal = read(ctx)?;
    let records = journal.records.len();
    let more = checks::more_problems(ctx, &journal.records);
    let history = History::replay(std::mem::take(&mut journal.records), apply_fields);
    for problem in &history.correction_problems {
        crate::errln!(
            "rehab: note: correction {} of {} is not applied: {}",
            problem.correction,
            problem.target,
            problem.message
        );
    }
    if journal.problems.is_empty() && journal.unread.is_empty() && more.is_empty() {
        crate::outln!(
            "journal OK: {} records in {} file(s) in {}",
            records,
            journal.files.len(),
            ctx.data_dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &journal.problems {
        crate::outln!("{problem}");
    }
    for file in &journal.unread {
        crate::outln!("{}", unread_message(file));
    }
    for problem in &more {
        crate::outln!("{problem}");
    }
    let newer = journal
        .problems
        .iter()
        .filter(|p| p.error.is_newer_version())
        .count();
    crate::outln!(
        "{} problem(s); {} records read. `rehab journal repair` moves damaged lines aside (with a backup){}.",
        journal.problems.len()
            + journal
                .unread
                .iter()
                .filter(|f| !checks::is_symlink(f))
                .count()
            + more.len(),
        records,
        if newer > 0 {
            "; lines from a newer rehab stay where they are: update rehab to read them"
        } else {
            ""
        }
    );
    Ok(ExitCode::FAILURE)
}

fn repair(ctx: &Context) -> anyhow::Result<ExitCode> {
    if !ctx.data_dir.exists() {
        crate::outln!(
            "No journal in {}: nothing to repair.",
            ctx.data_dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut writer = JournalWriter::open(&ctx.data_dir).context("cannot repair the journal")?;
    let report = writer
        .repair(ctx.now_stamp())
        .context("cannot repair the journal")?;
    crate::out!("{}", describe_repair(&report));
    // Other devices' files are theirs to repair: rewriting them here would fight the sync tool.
    let journal = read(ctx)?;
    let mut others: Vec<_> = journal
        .problems
        .iter()
        .filter(|p| p.file != writer.path() && !p.error.is_newer_version())
        .map(|p| p.file.clone())
        .collect();
    others.dedup();
    for file in &others {
        crate::outln!(
            "{} belongs to another device and has damaged lines: run `rehab journal repair` on that device (they are skipped meanwhile).",
            file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A journal-like file that is not read, and what to do about it.
pub(crate) fn unread_message(file: &std::path::Path) -> String {
    if checks::is_symlink(file) {
        return format!(
            "{}: not read: a symbolic link (rehab reads and writes only real files in the data dir); move the file it points to into the data dir in place of the link",
            file.display()
        );
    }
    format!(
        "{}: not read: its name is not journal-<device-id>.jsonl (a sync tool's conflict copy? then two machines share a device-id: see \"Journals from earlier versions\" in docs/journal-format.md for the fix); its records are not in the journal",
        file.display()
    )
}

fn describe_repair(report: &RepairReport) -> String {
    let journal = report.journal.display();
    let mut out = String::new();
    if let (Some(backup), Some(rejected)) = (&report.backup, &report.rejected) {
        let lines: Vec<String> = report.moved.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "Repaired {journal}:\n  moved {} damaged line(s) (line {}) to {}\n  kept a copy of the original as {}\n  kept {} record(s) in the journal\n",
            report.moved.len(),
            lines.join(", "),
            rejected.display(),
            backup.display(),
            report.kept_records,
        ));
        if report.blank_removed > 0 {
            out.push_str(&format!(
                "  dropped {} blank line(s)\n",
                report.blank_removed
            ));
        }
    } else {
        out.push_str(&format!(
            "Nothing to repair in {journal}: {} record(s), no damaged lines; nothing was changed.\n",
            report.kept_records
        ));
    }
    if !report.kept_newer.is_empty() {
        let lines: Vec<String> = report.kept_newer.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "  left {} line(s) from a newer rehab in place (line {}): update rehab to read them\n",
            report.kept_newer.len(),
            lines.join(", ")
        ));
    }
    out
}

/// `journal list --json`: the text's four columns per record.
#[derive(Serialize)]
struct ListJson {
    records: Vec<ListedRecord>,
}

#[derive(Serialize)]
struct ListedRecord {
    id: String,
    date: NaiveDate,
    kind: &'static str,
    summary: String,
}

/// `id  date  kind  summary`, one record a line, in timestamp order.
fn list(ctx: &Context, on: Option<NaiveDate>, json: bool) -> anyhow::Result<ExitCode> {
    let journal = read(ctx)?;
    if !journal.problems.is_empty() {
        crate::errln!(
            "rehab: warning: {} journal line(s) could not be read; `rehab journal check` lists them",
            journal.problems.len()
        );
    }
    let shown = journal
        .records
        .iter()
        .filter(|r| on.is_none_or(|day| r.date == day));
    if json {
        let records = shown
            .map(|record| ListedRecord {
                id: record.id.0.to_string(),
                date: record.date,
                kind: record.body.kind(),
                summary: summary::summary(&record.body),
            })
            .collect();
        crate::outln!("{}", versioned(&ListJson { records })?);
        return Ok(ExitCode::SUCCESS);
    }
    for record in shown {
        crate::outln!(
            "{}  {}  {:<22} {}",
            record.id,
            record.date,
            record.body.kind(),
            summary::summary(&record.body)
        );
    }
    Ok(ExitCode::SUCCESS)
}
