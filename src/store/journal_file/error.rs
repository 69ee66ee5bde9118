//! Errors from the journal files. Every message names the path and says what to do.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Other(String),
    /// Another process holds this device's journal lock.
    #[error("another rehab is writing to the journal in {} and has held it for seconds; if it is stuck, close it, then try again", dir.display())]
    Locked { dir: PathBuf },
    /// A file operation failed.
    #[error("cannot {action} {}: {source}{}", path.display(), io_hint(source))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// The device-id file holds something that cannot be an id.
    #[error(
        "{}: \"{found}\" is not a device id (letters, digits, '_' only); move the file away and rehab will make a new id",
        path.display()
    )]
    BadDeviceId { path: PathBuf, found: String },
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.to_path_buf();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }
}

/// What a person can do about a failed file operation.
fn io_hint(err: &io::Error) -> &'static str {
    match err.kind() {
        io::ErrorKind::PermissionDenied => {
            " (check that you own this path and can write to it, or point rehab elsewhere with --data-dir / REHAB_DATA_DIR)"
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            " (the file system is read-only: remount it writable, or point rehab elsewhere with --data-dir / REHAB_DATA_DIR)"
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            " (the disk is full: free some space and run the command again; nothing of this command was written)"
        }
        io::ErrorKind::FileTooLarge => {
            " (the file is as large as this file system or a limit (ulimit -f) allows: raise the limit or move the data dir to another file system with --data-dir / REHAB_DATA_DIR; nothing of this command was written)"
        }
        io::ErrorKind::AlreadyExists => {
            " (something else is already at this path: move it away, or point rehab elsewhere with --data-dir / REHAB_DATA_DIR)"
        }
        io::ErrorKind::NotADirectory | io::ErrorKind::IsADirectory => {
            " (a file and a directory are mixed up here: move the wrong one away)"
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(kind: io::ErrorKind) -> String {
        StoreError::io("append to", Path::new("/data/journal-ab.jsonl"))(io::Error::from(kind))
            .to_string()
    }

    #[test]
    fn io_errors_name_the_path_and_what_to_do() {
        let full = message(io::ErrorKind::StorageFull);
        assert!(
            full.starts_with("cannot append to /data/journal-ab.jsonl: "),
            "{full}"
        );
        assert!(full.contains("the disk is full: free some space"), "{full}");
        assert!(message(io::ErrorKind::ReadOnlyFilesystem).contains("read-only"));
        assert!(message(io::ErrorKind::PermissionDenied).contains("--data-dir"));
    }
}
