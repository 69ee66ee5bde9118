//! The `Journal` port: every read and append of the journal by the CLI commands, the full-screen
//! app and export goes through it, so they all replay the same way and screens can be tested
//! with an in-memory journal. The file version reads each journal file once and keeps only the
//! replayed History (not the records), and opens the writer at the first append: nothing is
//! written to the data dir until there is a record to write.

mod appender;
mod memory;

pub use appender::Appender;
pub use memory::MemoryJournal;

use crate::domain::history::{History, Replay};
use crate::domain::records::{Record, RecordBody};
use crate::store::Context;
use crate::store::journal_file::{
    JournalRead, LineProblem, StoreError, journal_files, read_journal, read_journal_by_block,
};
use crate::store::journal_line::apply_fields;
use anyhow::Context as _;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub trait Journal {
    /// The journal replayed: every record read, plus every record appended since.
    fn history(&self) -> &History;
    /// The records held in memory: all of an in-memory journal's; those a file journal has
    /// appended since it was opened (the rest are only in `history`).
    fn records(&self) -> &[Record];
    /// Append one record about `date`; returns it as written (with its id and time).
    fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String>;
    /// Read again what other writers (another device, a `rehab` command) appended since.
    fn reread(&mut self) -> Result<(), String>;
    /// Problems found while reading (bad lines), to show once.
    fn warnings(&self) -> &[String];
}

/// Every journal file in the data dir, each read once, records in timestamp order. For the
/// commands that need the records themselves (`export --format json`, `journal list`, `correct`).
pub fn read_records(data_dir: &Path) -> anyhow::Result<JournalRead> {
    read_journal(data_dir).with_context(|| {
        format!(
            "cannot read the journal in {}; `rehab journal check` tells more",
            data_dir.display()
        )
    })
}

/// The journal files in the data dir, replayed, written by this device's `Appender`.
pub struct FileJournal {
    data_dir: PathBuf,
    /// Records about days after this are left out (`rehab --date` acts as of an earlier day).
    until: Option<NaiveDate>,
    read: Replayed,
    /// Appended since the journal was opened.
    records: Vec<Record>,
    appender: Appender,
    warnings: Vec<String>,
    /// The journal files and their lengths when last read or written: when they differ at the
    /// next append, another writer (a `rehab` command, a synced device) appended meanwhile.
    seen: Vec<(PathBuf, u64)>,
}

/// A journal read, replayed: what the file journal keeps of it.
struct Replayed {
    history: History,
    problems: Vec<LineProblem>,
    unread: Vec<PathBuf>,
    first_programme_start: Option<NaiveDate>,
}

impl FileJournal {
    /// Read and replay every journal file. Nothing is created: the writer (its lock, the device
    /// id, the file) is opened at the first append.
    pub fn open(ctx: &Context, until: Option<NaiveDate>) -> anyhow::Result<FileJournal> {
        let seen = journal_lengths(&ctx.data_dir);
        let read = read_and_replay(&ctx.data_dir, until).with_context(|| {
            format!(
                "cannot read the journal in {}; `rehab journal check` tells more",
                ctx.data_dir.display()
            )
        })?;
        let mut journal = FileJournal::from_replayed(ctx, read, until);
        journal.seen = seen;
        Ok(journal)
    }

    /// A journal from records already read (the read is consumed: no second copy is kept).
    pub fn from_read(ctx: &Context, read: JournalRead, until: Option<NaiveDate>) -> FileJournal {
        let seen = lengths_of(&read.files);
        let mut journal = FileJournal::from_replayed(ctx, replayed(read, until), until);
        journal.seen = seen;
        journal
    }

    fn from_replayed(ctx: &Context, read: Replayed, until: Option<NaiveDate>) -> FileJournal {
        let warnings = read
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{} line {}: {} (kept; `rehab journal check` explains)",
                    p.file.display(),
                    p.line,
                    p.error
                )
            })
            .collect();
        FileJournal {
            data_dir: ctx.data_dir.clone(),
            until,
            read,
            records: Vec::new(),
            appender: Appender::new(ctx),
            warnings,
            seen: Vec::new(),
        }
    }

    /// Lines that could not be read, with file and line.
    pub fn problems(&self) -> &[LineProblem] {
        &self.read.problems
    }

    /// Files that look like journals but are not read (see `JournalRead::unread`).
    pub fn unread(&self) -> &[PathBuf] {
        &self.read.unread
    }

    /// The start day of the earliest programme choice in the whole journal, even one about a
    /// day after `until`.
    pub fn first_programme_start(&self) -> Option<NaiveDate> {
        self.read.first_programme_start
    }

    /// The History, taken out of the journal (for a command that only reads).
    pub fn into_history(self) -> History {
        self.read.history
    }

    fn read_again(&self) -> Result<Replayed, StoreError> {
        read_and_replay(&self.data_dir, self.until)
    }
}

impl Journal for FileJournal {
    fn history(&self) -> &History {
        &self.read.history
    }

    fn records(&self) -> &[Record] {
        &self.records
    }

    fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String> {
        let changed = journal_lengths(&self.data_dir) != self.seen;
        let written = self.appender.append_linked(date, body, |_| Vec::new())?;
        let Some(record) = written.records.into_iter().next() else {
            return Err("saving to the journal failed: nothing was written".into());
        };
        self.records.push(record.clone());
        let known = self.until.is_none_or(|until| known_on(&record, until));
        let others_appended = changed || written.others_appended;
        if others_appended || (known && self.read.history.extend(vec![record.clone()]).is_err()) {
            // Another writer's records (a `rehab` command while the app is open), or a
            // correction: the whole journal, the new record with it, replayed again.
            self.seen = journal_lengths(&self.data_dir);
            self.read = self
                .read_again()
                .map_err(|e| format!("saved, but the journal could not be read again: {e}"))?;
        } else {
            self.seen = journal_lengths(&self.data_dir);
        }
        Ok(record)
    }

    fn reread(&mut self) -> Result<(), String> {
        self.seen = journal_lengths(&self.data_dir);
        self.read = self
            .read_again()
            .map_err(|e| format!("cannot read the journal again: {e}"))?;
        Ok(())
    }

    fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

/// Every journal file in the data dir with its length (none when it cannot be listed).
fn journal_lengths(data_dir: &Path) -> Vec<(PathBuf, u64)> {
    journal_files(data_dir)
        .map(|files| lengths_of(&files))
        .unwrap_or_default()
}

fn lengths_of(files: &[PathBuf]) -> Vec<(PathBuf, u64)> {
    files
        .iter()
        .map(|f| (f.clone(), std::fs::metadata(f).map_or(0, |m| m.len())))
        .collect()
}

/// A record is known on `until` if it is about that day or earlier; a correction is always
/// known (it fixes what was written, whatever day it is about).
fn known_on(record: &Record, until: NaiveDate) -> bool {
    record.date <= until || matches!(record.body, RecordBody::Correction { .. })
}

/// The journal read and replayed, leaving out what is not known on `until`. Block by block,
/// each block's records added to the History as they are parsed (`Replay::extend`), so the
/// whole journal is never held as records: a 10-year journal peaks about 15 MiB lower. When a
/// block cannot be added (a correction, another device's records interleaved in time), the
/// journal is read again and replayed whole.
fn read_and_replay(data_dir: &Path, until: Option<NaiveDate>) -> Result<Replayed, StoreError> {
    let mut replay = Replay::default();
    let mut first_programme_start = None;
    let mut extendable = true;
    let read = read_journal_by_block(data_dir, |block| {
        if !extendable {
            return;
        }
        first_programme_start = first_programme_start
            .into_iter()
            .chain(first_start(&block))
            .min();
        let known = block
            .into_iter()
            .filter(|r| until.is_none_or(|until| known_on(r, until)))
            .collect();
        extendable = replay.extend(known).is_ok();
    })?;
    if !extendable {
        return Ok(replayed(read_journal(data_dir)?, until));
    }
    Ok(Replayed {
        history: replay.finish(),
        problems: read.problems,
        unread: read.unread,
        // No correction was read, so the choices are as written.
        first_programme_start,
    })
}

/// The earliest start day of the programme choices among `records`.
fn first_start(records: &[Record]) -> Option<NaiveDate> {
    records
        .iter()
        .filter_map(|r| match &r.body {
            RecordBody::ProgrammeChosen { start, .. } => Some(*start),
            _ => None,
        })
        .min()
}

/// A read replayed, leaving out what is not known on `until`.
fn replayed(read: JournalRead, until: Option<NaiveDate>) -> Replayed {
    let JournalRead {
        records,
        problems,
        files: _,
        unread,
    } = read;
    let all_known = until.is_none_or(|until| records.iter().all(|r| known_on(r, until)));
    let (history, first_programme_start) = if all_known {
        let history = History::replay(records, apply_fields);
        // From the History: with corrections applied.
        let first = history.choices.iter().map(|c| c.start).min();
        (history, first)
    } else {
        // Choices about days after `until` are not in the History, but count here.
        let first = first_start(&records);
        let known = records
            .into_iter()
            .filter(|r| until.is_none_or(|until| known_on(r, until)));
        (History::replay(known, apply_fields), first)
    };
    Replayed {
        history,
        problems,
        unread,
        first_programme_start,
    }
}

#[cfg(test)]
mod tests;
