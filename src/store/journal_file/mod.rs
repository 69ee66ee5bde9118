//! The journal on disk: JSON Lines, one record per line, append-only.
//!
//! Sync-safe by construction (DESIGN.md): each device appends only to its own
//! `journal-<device-id>.jsonl` (the id is made once per machine and kept in
//! `<data>/device-id.<machine>`, so syncing the data dir never gives two machines one id), record ids are
//! `<device-id>-<sequence>`, and the reader merges every device's file. The data dir is created
//! owner-only (0700) and files 0600. Every append is fsynced before it returns; the file is never
//! rewritten, except by the explicit `rehab journal repair`, which keeps a backup.

mod device;
mod error;
pub mod fault;
mod fs_util;
mod reader;
mod repair;
mod unique_keys;
mod writer;

pub use device::{
    DEVICE_ID_FILE, Machine, default_machine_local_dir, device_id_path, read_device_id,
    read_device_id_on,
};
pub use error::StoreError;
pub use fs_util::{parent_dir, replace_file_privately};
pub use reader::{
    device_of_file_name, journal_file_name, journal_files, read_journal, read_journal_by_block,
};
pub use repair::RepairReport;
pub use writer::{JournalWriter, Written, lock_file_name};

use crate::domain::records::Record;
use crate::store::journal_line::LineError;
use std::fmt;
use std::path::PathBuf;

/// A line that could not be read, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct LineProblem {
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub error: LineError,
    pub text: String,
    /// The file's last line, with no newline after it: most likely cut off by a crash.
    pub torn: bool,
}

impl fmt::Display for LineProblem {
    /// `FILE:LINE: error`, the form compilers use, so editors can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.error)?;
        if self.torn {
            write!(f, " (last line, cut off: no newline at the end)")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default)]
pub struct JournalRead {
    /// Every readable record, in timestamp order.
    pub records: Vec<Record>,
    pub problems: Vec<LineProblem>,
    /// The journal files read, sorted by name.
    pub files: Vec<PathBuf>,
    /// Files that look like journals but are not read (e.g. a sync tool's conflict copy): their
    /// records are not in `records`, so the person should look at them.
    pub unread: Vec<PathBuf>,
}
