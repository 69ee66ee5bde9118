//! All journal I/O of the full-screen coach goes through `Journal`, so screens can be tested
//! with an in-memory journal and the real one (one device file, fsynced appends) stays in one place.

use crate::domain::history::History;
use crate::domain::records::{FORMAT_VERSION, Record, RecordBody, RecordId};
use crate::store::Context;
use crate::store::journal_file::{JournalCache, JournalWriter, read_history_cached};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use std::path::PathBuf;

pub trait Journal {
    /// The journal replayed: every record read, plus every record appended since.
    fn history(&self) -> &History;
    /// The records held in memory: all of an in-memory journal's; those a file journal has
    /// appended since it was opened (the rest are only in `history`).
    fn records(&self) -> &[Record];
    /// Append one record about `date`; returns it as written (with its id and time).
    fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String>;
    /// Problems found while reading (bad lines), to show once.
    fn warnings(&self) -> &[String];
    /// At quit: bring the caches up to date with what this run wrote, so the next start reads
    /// only what is new since (best effort: the journal itself is already complete).
    fn close(&mut self) {}
}

/// The journal files in the data dir, written by this device's `JournalWriter`.
pub struct FileJournal {
    data_dir: PathBuf,
    ctx: Context,
    cache: JournalCache,
    history: History,
    /// Appended since the journal was opened.
    records: Vec<Record>,
    writer: Result<JournalWriter, String>,
    warnings: Vec<String>,
}

impl FileJournal {
    /// Read every journal file (through the history snapshot) and take the writer's lock. A lock
    /// or open failure is kept and reported on the first append, so reading still works (e.g.
    /// with a second copy open).
    pub fn open(ctx: &Context) -> anyhow::Result<FileJournal> {
        let cache = JournalCache::from_env(&ctx.data_dir);
        let read = read_history_cached(&ctx.data_dir, &cache, None).map_err(|e| {
            anyhow::anyhow!("cannot read the journal in {}: {e}", ctx.data_dir.display())
        })?;
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
        let writer = JournalWriter::open(&ctx.data_dir).map_err(|e| e.to_string());
        Ok(FileJournal {
            data_dir: ctx.data_dir.clone(),
            ctx: ctx.clone(),
            cache,
            history: read.history,
            records: Vec::new(),
            writer,
            warnings,
        })
    }
}

impl Journal for FileJournal {
    fn history(&self) -> &History {
        &self.history
    }

    fn records(&self) -> &[Record] {
        &self.records
    }

    fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String> {
        let writer = self.writer.as_mut().map_err(|e| {
            format!(
                "cannot write to the journal in {}: {e}",
                self.data_dir.display()
            )
        })?;
        let record = writer
            .append(date, self.ctx.now_stamp(), body)
            .map_err(|e| format!("saving to the journal failed: {e}"))?;
        self.records.push(record.clone());
        if self.history.extend(vec![record.clone()]).is_err() {
            // E.g. a correction: the whole journal, the new record with it, replayed again.
            self.history = read_history_cached(&self.data_dir, &self.cache, None)
                .map_err(|e| format!("saved, but the journal could not be read again: {e}"))?
                .history;
        }
        Ok(record)
    }

    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn close(&mut self) {
        if !self.records.is_empty() {
            // Reading through the snapshot adds this run's lines to it and writes it again.
            let _ = read_history_cached(&self.data_dir, &self.cache, None);
        }
    }
}

/// A journal held in memory: for tests and benchmarks. Each append is stamped one minute after
/// the previous one, from 07:00 on its date, so replays are deterministic.
#[derive(Debug, Default, Clone)]
pub struct MemoryJournal {
    records: Vec<Record>,
    history: History,
    /// When set, every append fails with this message (to test error display).
    pub fail_with: Option<String>,
}

/// First timestamp of the day for in-memory records.
const MEMORY_FIRST_HOUR: u32 = 7;

impl MemoryJournal {
    pub fn new(records: Vec<Record>) -> MemoryJournal {
        MemoryJournal {
            history: History::replay(records.iter().cloned()),
            records,
            fail_with: None,
        }
    }

    fn stamp(&self, date: NaiveDate) -> DateTime<FixedOffset> {
        let minutes = self.records.len() as u32 % (17 * 60);
        let time = NaiveTime::from_hms_opt(MEMORY_FIRST_HOUR + minutes / 60, minutes % 60, 0)
            .unwrap_or(NaiveTime::MIN);
        date.and_time(time).and_utc().fixed_offset()
    }
}

impl Journal for MemoryJournal {
    fn history(&self) -> &History {
        &self.history
    }

    fn records(&self) -> &[Record] {
        &self.records
    }

    fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String> {
        if let Some(message) = &self.fail_with {
            return Err(message.clone());
        }
        let record = Record {
            v: FORMAT_VERSION,
            id: RecordId(format!("mem-{:06}", self.records.len() + 1).into()),
            at: self.stamp(date),
            date,
            body,
        };
        self.records.push(record.clone());
        if self.history.extend(vec![record.clone()]).is_err() {
            self.history = History::replay(self.records.iter().cloned());
        }
        Ok(record)
    }

    fn warnings(&self) -> &[String] {
        &[]
    }
}
