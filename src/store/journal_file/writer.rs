//! Writing: this device's `journal-<device-id>.jsonl`, append-only, fsynced. The advisory lock is
//! held only while writing, so a `rehab` command can write while the app is open; the next
//! sequence number is taken from the file under the lock, so ids are never reused whoever wrote
//! last. A write that fails (a full disk, a file too large) cuts the file back to its length
//! before the write: the journal holds all of a command's records or none of them.

use super::StoreError;
use super::device::{Machine, default_machine_local_dir, ensure_device_id};
use super::fault::point;
use super::fs_util::{create_private_dir, open_private_append, open_private_rw, sync_dir};
use super::reader::journal_file_name;
use crate::domain::records::{Record, RecordBody, RecordId};
use crate::store::journal_line::{self, FORMAT_VERSION};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a write waits for another writer (a `rehab` command's append takes milliseconds).
const LOCK_WAIT: Duration = Duration::from_secs(3);
const LOCK_RETRY: Duration = Duration::from_millis(25);

/// Bytes before the known end re-read when looking for new ids: more than any id is long, so
/// an id cut by the earlier read's end is still found.
const SCAN_OVERLAP: u64 = 256;

/// The writer of this device's journal file. Holds no lock between writes.
#[derive(Debug)]
pub struct JournalWriter {
    pub(super) data_dir: PathBuf,
    pub(super) device_id: String,
    pub(super) path: PathBuf,
    /// What this writer last saw of its file, to read only what others appended since.
    known: Option<Known>,
}

#[derive(Debug, Clone, Copy)]
struct Known {
    len: u64,
    file_id: FileId,
    highest_sequence: u64,
}

/// What one write did.
#[derive(Debug)]
pub struct Written {
    pub records: Vec<Record>,
    /// Another writer appended to this device's file since this writer last wrote.
    pub others_appended: bool,
}

impl JournalWriter {
    /// Get ready to write this device's journal, creating the data dir (owner-only), the device
    /// id and the file as needed. Refuses a journal that is a symlink.
    pub fn open(data_dir: &Path) -> Result<JournalWriter, StoreError> {
        let machine = Machine::this(default_machine_local_dir().as_deref())?;
        JournalWriter::open_on(data_dir, &machine)
    }

    /// `open` as the given machine (tests simulate several machines sharing one data dir).
    pub fn open_on(data_dir: &Path, machine: &Machine) -> Result<JournalWriter, StoreError> {
        create_private_dir(data_dir).map_err(StoreError::io("create the data dir", data_dir))?;
        let device_id = ensure_device_id(data_dir, machine)?;
        let path = data_dir.join(journal_file_name(&device_id));
        let created = !path.exists();
        open_journal(&path)?;
        if created {
            // A new file: make its directory entry durable too, not just its future contents.
            sync_dir(data_dir).map_err(StoreError::io("save (fsync)", data_dir))?;
        }
        Ok(JournalWriter {
            data_dir: data_dir.to_path_buf(),
            device_id,
            path,
            known: None,
        })
    }

    /// Append one record, fsynced before returning. The id is `<device-id>-<sequence>`.
    pub fn append(
        &mut self,
        date: NaiveDate,
        at: DateTime<FixedOffset>,
        body: RecordBody,
    ) -> Result<Record, StoreError> {
        let written = self.append_linked(date, &mut || at, body, |_| Vec::new())?;
        written
            .records
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Other("nothing was written".into()))
    }

    /// Append `first` and the records `rest` makes knowing its id (a session's sets), in one
    /// write and one fsync, under the lock. On any error the file is cut back to its length
    /// before: all of them are in the journal or none.
    pub fn append_linked(
        &mut self,
        date: NaiveDate,
        at: &mut dyn FnMut() -> DateTime<FixedOffset>,
        first: RecordBody,
        rest: impl FnOnce(&RecordId) -> Vec<RecordBody>,
    ) -> Result<Written, StoreError> {
        let _lock = take_lock(&self.data_dir, &self.device_id)?;
        let mut file = open_journal(&self.path)?;
        let (start, file_id, highest, torn_tail) = self.look(&mut file)?;
        let others_appended = self.known.is_some_and(|k| k.len != start);
        let mut next = highest + 1;
        let mut record = |body| {
            let record = Record {
                v: FORMAT_VERSION,
                id: RecordId(format!("{}-{next:06}", self.device_id).into()),
                at: at(),
                date,
                body,
            };
            next += 1;
            record
        };
        let head = record(first);
        let tail: Vec<Record> = rest(&head.id).into_iter().map(&mut record).collect();
        let records: Vec<Record> = std::iter::once(head).chain(tail).collect();
        let mut bytes = Vec::new();
        if torn_tail {
            bytes.push(b'\n');
        }
        for record in &records {
            bytes.extend_from_slice(journal_line::to_line(record).as_bytes());
            bytes.push(b'\n');
        }
        let written = point("append")
            .and_then(|()| file.write_all(&bytes))
            .map_err(StoreError::io("append to", &self.path))
            .and_then(|()| {
                point("fsync")
                    .and_then(|()| file.sync_data())
                    .map_err(StoreError::io("save (fsync)", &self.path))
            });
        if let Err(e) = written {
            // The bytes after `start` are this write's own (we hold the lock): cut them off.
            self.known = None;
            return Err(match cut_back(&file, start) {
                Ok(()) => e,
                Err(cut) => StoreError::Other(format!(
                    "{e}; cutting the partial write off failed too ({cut}): run `rehab journal check`"
                )),
            });
        }
        self.known = Some(Known {
            len: start + bytes.len() as u64,
            file_id,
            highest_sequence: next - 1,
        });
        Ok(Written {
            records,
            others_appended,
        })
    }

    /// The file's length, identity, highest sequence number and whether it ends mid-line,
    /// reading only what was appended since this writer last wrote when it can.
    fn look(&self, file: &mut File) -> Result<(u64, FileId, u64, bool), StoreError> {
        let meta = file
            .metadata()
            .map_err(StoreError::io("read", &self.path))?;
        let len = meta.len();
        let file_id = FileId::of(&meta);
        let (from, mut highest) = match self.known {
            Some(k) if k.file_id == file_id && k.len <= len => {
                (k.len.saturating_sub(SCAN_OVERLAP), k.highest_sequence)
            }
            _ => (0, 0),
        };
        let mut tail = Vec::new();
        file.seek(SeekFrom::Start(from))
            .and_then(|_| file.read_to_end(&mut tail))
            .map_err(StoreError::io("read", &self.path))?;
        highest = highest.max(highest_sequence(&tail, &self.device_id));
        let torn_tail = tail.last().is_some_and(|&b| b != b'\n');
        Ok((len, file_id, highest, torn_tail))
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

    /// Hold the lock (for `repair`, which replaces the file), forgetting what was known of it.
    pub(super) fn lock(&mut self) -> Result<File, StoreError> {
        self.known = None;
        take_lock(&self.data_dir, &self.device_id)
    }
}

/// The journal opened for appending, never through a symlink: a link there would send this
/// device's records (health data) somewhere else.
fn open_journal(path: &Path) -> Result<File, StoreError> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(StoreError::Other(format!(
            "{} is a symbolic link: rehab writes only to a real file in the data dir; move the link away (and the file it points to into the data dir, if it is your journal)",
            path.display()
        )));
    }
    open_private_append(path).map_err(StoreError::io("open", path))
}

fn cut_back(file: &File, len: u64) -> std::io::Result<()> {
    point("cut back")?;
    file.set_len(len)?;
    point("fsync")?;
    file.sync_all()
}

/// Which file a path held (device and inode): `repair` replaces the file under the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(_meta: &std::fs::Metadata) -> FileId {
        FileId(0, 0)
    }
}

/// `journal-<device-id>.lock`: a separate file, so the lock survives `repair` replacing the journal.
pub fn lock_file_name(device_id: &str) -> String {
    format!("journal-{device_id}.lock")
}

/// The lock, waiting up to `LOCK_WAIT` for another writer to finish.
fn take_lock(data_dir: &Path, device_id: &str) -> Result<File, StoreError> {
    let path = data_dir.join(lock_file_name(device_id));
    let lock = open_private_rw(&path).map_err(StoreError::io("open the lock file", &path))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(lock),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(LOCK_RETRY)
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    dir: data_dir.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &path)(e)),
        }
    }
}

/// The highest sequence number of this device in `contents` (0 if none). Every quoted
/// `"<device-id>-<digits>"` counts, wherever it appears (ids, session references, lines of a newer
/// format, hand-edited spacing): that can only skip numbers, never reuse one.
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
