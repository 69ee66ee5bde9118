//! Appending to this device's journal file, with the writer opened at the first append: a start
//! that records nothing leaves the data dir as it found it (no device id, no file, no lock).

use crate::domain::records::{Record, RecordBody, RecordId};
use crate::store::Context;
use crate::store::journal_file::{JournalWriter, Written};
use chrono::NaiveDate;

pub struct Appender {
    ctx: Context,
    /// Opened at the first append. It takes the lock for each write only.
    writer: Option<JournalWriter>,
}

impl Appender {
    pub fn new(ctx: &Context) -> Appender {
        Appender {
            ctx: ctx.clone(),
            writer: None,
        }
    }

    /// Append one record about `date`, stamped now, fsynced before it returns. A writer that
    /// cannot be opened (the dir is read-only) is tried again at the next append.
    pub fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String> {
        let written = self.append_linked(date, body, |_| Vec::new())?;
        written
            .records
            .into_iter()
            .next()
            .ok_or_else(|| "saving to the journal failed: nothing was written".to_string())
    }

    /// Append `first` and the records `rest` makes knowing its id (a session and its sets), all
    /// or none: a failed write leaves the journal as it was.
    pub fn append_linked(
        &mut self,
        date: NaiveDate,
        first: RecordBody,
        rest: impl FnOnce(&RecordId) -> Vec<RecordBody>,
    ) -> Result<Written, String> {
        let writer = match &mut self.writer {
            Some(writer) => writer,
            None => {
                let opened = JournalWriter::open(&self.ctx.data_dir).map_err(|e| {
                    format!(
                        "cannot write to the journal in {}: {e}",
                        self.ctx.data_dir.display()
                    )
                })?;
                self.writer.insert(opened)
            }
        };
        let ctx = &self.ctx;
        writer
            .append_linked(date, &mut || ctx.now_stamp(), first, rest)
            .map_err(|e| format!("saving to the journal failed: {e}"))
    }
}
