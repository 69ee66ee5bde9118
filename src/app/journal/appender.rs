//! Appending to this device's journal file, with the writer opened at the first append: a start
//! that records nothing leaves the data dir as it found it (no device id, no file, no lock).

use crate::domain::records::{Record, RecordBody};
use crate::store::Context;
use crate::store::journal_file::JournalWriter;
use chrono::NaiveDate;

pub struct Appender {
    ctx: Context,
    /// Opened at the first append; held (with its lock) from then on.
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
    /// cannot be opened (another rehab holds the lock, the dir is read-only) is tried again at
    /// the next append.
    pub fn append(&mut self, date: NaiveDate, body: RecordBody) -> Result<Record, String> {
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
        writer
            .append(date, self.ctx.now_stamp(), body)
            .map_err(|e| format!("saving to the journal failed: {e}"))
    }
}
