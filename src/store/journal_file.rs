//! The journal on disk (owned by the journal-store work; this is the agreed interface).

use crate::domain::records::{LineError, Record, RecordBody};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Other(String),
}

/// A line that could not be read, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct LineProblem {
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub error: LineError,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct JournalRead {
    pub records: Vec<Record>,
    pub problems: Vec<LineProblem>,
}

/// Read every journal file in the data dir (a missing dir is an empty journal).
pub fn read_journal(_data_dir: &Path) -> Result<JournalRead, StoreError> {
    Ok(JournalRead::default())
}

/// The one writer of this device's journal file, holding the advisory lock.
pub struct JournalWriter {
    _private: (),
}

impl JournalWriter {
    pub fn open(_data_dir: &Path) -> Result<JournalWriter, StoreError> {
        Err(StoreError::Other("journal writing is not built yet".into()))
    }

    /// Append one record, fsynced before returning.
    pub fn append(
        &mut self,
        _date: NaiveDate,
        _at: DateTime<FixedOffset>,
        _body: RecordBody,
    ) -> Result<Record, StoreError> {
        Err(StoreError::Other("journal writing is not built yet".into()))
    }
}
