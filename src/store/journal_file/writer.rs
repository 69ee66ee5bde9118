//! Writing: this device's `journal-<device-id>.jsonl`, append-only, one fsynced line per record,
//! under an advisory lock held for the writer's lifetime.

use super::StoreError;
use super::device::{Machine, default_machine_local_dir, ensure_device_id};
use super::fs_util::{create_private_dir, open_private_append, open_private_rw, sync_dir};
use super::reader::journal_file_name;
use crate::domain::records::{FORMAT_VERSION, Record, RecordBody, RecordId};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The one writer of this device's journal file, holding the advisory lock.
#[derive(Debug)]
pub struct JournalWriter {
    pub(super) data_dir: PathBuf,
    pub(super) device_id: String,
    pub(super) path: PathBuf,
    pub(super) file: File,
    /// Held (locked) until the writer is dropped.
    pub(super) _lock: File,
    pub(super) next_sequence: u64,
    /// The file ends without a newline (a torn line): the next append starts a new line first.
    pub(super) torn_tail: bool,
}

impl JournalWriter {
    /// Open this device's journal for appending, creating the data dir (owner-only), the device id
    /// and the file as needed. Fails with `StoreError::Locked` if another rehab holds the lock.
    pub fn open(data_dir: &Path) -> Result<JournalWriter, StoreError> {
        let machine = Machine::this(default_machine_local_dir().as_deref())?;
        JournalWriter::open_on(data_dir, &machine)
    }

    /// `open` as the given machine (tests simulate several machines sharing one data dir).
    pub fn open_on(data_dir: &Path, machine: &Machine) -> Result<JournalWriter, StoreError> {
        create_private_dir(data_dir).map_err(StoreError::io("create the data dir", data_dir))?;
        let device_id = ensure_device_id(data_dir, machine)?;
        let lock = take_lock(data_dir, &device_id)?;
        let path = data_dir.join(journal_file_name(&device_id));
        let file = open_private_append(&path).map_err(StoreError::io("open", &path))?;
        let contents = std::fs::read(&path).map_err(StoreError::io("read", &path))?;
        if contents.is_empty() {
            // A new file: make its directory entry durable too, not just its future contents.
            sync_dir(data_dir).map_err(StoreError::io("save (fsync)", data_dir))?;
        }
        Ok(JournalWriter {
            data_dir: data_dir.to_path_buf(),
            next_sequence: highest_sequence(&contents, &device_id) + 1,
            torn_tail: contents.last().is_some_and(|&b| b != b'\n'),
            device_id,
            path,
            file,
            _lock: lock,
        })
    }

    /// Append one record, fsynced before returning. The id is `<device-id>-<sequence>`.
    pub fn append(
        &mut self,
        date: NaiveDate,
        at: DateTime<FixedOffset>,
        body: RecordBody,
    ) -> Result<Record, StoreError> {
        let record = Record {
            v: FORMAT_VERSION,
            id: RecordId(format!("{}-{:06}", self.device_id, self.next_sequence)),
            at,
            date,
            body,
        };
        // Never reuse a sequence number, even if this write fails half way.
        self.next_sequence += 1;
        let mut bytes = Vec::new();
        if self.torn_tail {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(record.to_line().as_bytes());
        bytes.push(b'\n');
        // Assume the worst until the whole line is written: a failed write may leave a torn line.
        self.torn_tail = true;
        self.file
            .write_all(&bytes)
            .map_err(StoreError::io("append to", &self.path))?;
        self.torn_tail = false;
        self.file
            .sync_data()
            .map_err(StoreError::io("save (fsync)", &self.path))?;
        Ok(record)
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// This device's journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

/// `journal-<device-id>.lock`: a separate file, so the lock survives `repair` replacing the journal.
pub fn lock_file_name(device_id: &str) -> String {
    format!("journal-{device_id}.lock")
}

fn take_lock(data_dir: &Path, device_id: &str) -> Result<File, StoreError> {
    let path = data_dir.join(lock_file_name(device_id));
    let lock = open_private_rw(&path).map_err(StoreError::io("open the lock file", &path))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
            dir: data_dir.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(StoreError::io("lock", &path)(e)),
    }
}

/// The highest sequence number of this device in the file (0 if none). Every quoted
/// `"<device-id>-<digits>"` counts, wherever it appears (ids, session references, lines of a newer
/// format, hand-edited spacing): that can only skip numbers, never reuse one. A text search keeps
/// opening a writer fast on a journal of many years.
fn highest_sequence(contents: &[u8], device_id: &str) -> u64 {
    let text = String::from_utf8_lossy(contents);
    let needle = format!("\"{device_id}-");
    text.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &text[at + needle.len()..];
            let digits = rest.find(|c: char| !c.is_ascii_digit())?;
            if rest[digits..].starts_with('"') {
                rest[..digits].parse::<u64>().ok()
            } else {
                None
            }
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_sequence_reads_own_ids_only() {
        let contents = br#"{"v":1,"id":"dev-000007","kind":"note"}
{"v":9, "id": "dev-000012","kind":"future"}
{"v":1,"id":"other-000099","kind":"set_done","session":"other-000098"}
{"v":1,"id":"xdev-000050","kind":"note"}
{"v":1,"id":"dev-0000"#;
        assert_eq!(highest_sequence(contents, "dev"), 12);
        assert_eq!(highest_sequence(b"", "dev"), 0);
    }
}
