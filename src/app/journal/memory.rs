//! A journal held in memory: for tests and benchmarks.

use super::Journal;
use crate::domain::history::History;
use crate::domain::records::{Record, RecordBody, RecordId};
use crate::store::journal_line::{FORMAT_VERSION, apply_fields};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

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
            history: History::replay(records.iter().cloned(), apply_fields),
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
            self.history = History::replay(self.records.iter().cloned(), apply_fields);
        }
        Ok(record)
    }

    fn reread(&mut self) -> Result<(), String> {
        Ok(())
    }

    fn warnings(&self) -> &[String] {
        &[]
    }
}
