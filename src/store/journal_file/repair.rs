//! `rehab journal repair`: the one explicit, user-requested rewrite of this device's journal.
//! Damaged lines go to a side file, the original is kept as a backup, and the cleaned journal
//! replaces it atomically (temp file, fsync, rename). Lines from a newer format version stay.

use super::fs_util::{create_private_file, sync_dir, write_durably};
use super::reader::{parse_line, raw_lines};
use super::{JournalWriter, StoreError};
use chrono::{DateTime, FixedOffset};
use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// How many numbered variants of a side-file name to try when the plain one exists.
const MAX_NAME_ATTEMPTS: u32 = 100;

/// What a repair did, for the person to read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RepairReport {
    pub journal: PathBuf,
    /// Line numbers (1-based, in the original file) moved to the side file.
    pub moved: Vec<usize>,
    /// Lines from a newer format version left in place.
    pub kept_newer: Vec<usize>,
    /// Records kept in the cleaned journal.
    pub kept_records: usize,
    /// Blank lines dropped from the cleaned journal.
    pub blank_removed: usize,
    /// Copy of the original file (None when nothing needed repair).
    pub backup: Option<PathBuf>,
    /// Side file holding the moved lines.
    pub rejected: Option<PathBuf>,
}

impl RepairReport {
    pub fn changed(&self) -> bool {
        self.backup.is_some()
    }
}

impl JournalWriter {
    /// Repair this device's journal (see the module doc). Writes nothing when no line is damaged.
    pub fn repair(&mut self, now: DateTime<FixedOffset>) -> Result<RepairReport, StoreError> {
        let _lock = self.lock()?;
        let contents = std::fs::read(&self.path).map_err(StoreError::io("read", &self.path))?;
        let mut report = RepairReport {
            journal: self.path.clone(),
            blank_removed: count_blank_lines(&contents),
            ..RepairReport::default()
        };
        let mut kept = Vec::new();
        let mut rejected = Vec::new();
        for line in raw_lines(&contents) {
            match parse_line(line.bytes) {
                Ok(_) => {
                    report.kept_records += 1;
                    kept.push(line.bytes);
                }
                Err(e) if e.is_newer_version() => {
                    report.kept_newer.push(line.number);
                    kept.push(line.bytes);
                }
                Err(_) => {
                    report.moved.push(line.number);
                    rejected.push(line.bytes);
                }
            }
        }
        if report.moved.is_empty() {
            return Ok(report);
        }
        let stamp = now.format("%Y%m%dT%H%M%S").to_string();
        let name = file_name(&self.path);

        let (backup, mut file) = create_unique(&self.path, |n| format!("{name}.bak-{stamp}{n}"))?;
        write_durably(&mut file, &contents).map_err(StoreError::io("write", &backup))?;
        report.backup = Some(backup);

        let (side, mut file) =
            create_unique(&self.path, |n| format!("{name}.rejected-{stamp}{n}.jsonl"))?;
        write_durably(&mut file, &joined_lines(&rejected))
            .map_err(StoreError::io("write", &side))?;
        report.rejected = Some(side);

        let (temp, mut file) = create_unique(&self.path, |n| format!("{name}.tmp-{stamp}{n}"))?;
        write_durably(&mut file, &joined_lines(&kept)).map_err(StoreError::io("write", &temp))?;
        std::fs::rename(&temp, &self.path).map_err(StoreError::io("replace", &self.path))?;
        sync_dir(&self.data_dir).map_err(StoreError::io("save (fsync)", &self.data_dir))?;

        Ok(report)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Each line followed by a newline.
fn joined_lines(lines: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in lines {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

/// Whitespace-only lines (the empty piece after the final newline is not a line).
fn count_blank_lines(contents: &[u8]) -> usize {
    let mut pieces: Vec<&[u8]> = contents.split(|&b| b == b'\n').collect();
    if contents.last().is_none_or(|&b| b == b'\n') {
        pieces.pop();
    }
    pieces
        .iter()
        .filter(|p| p.iter().all(u8::is_ascii_whitespace))
        .count()
}

/// Create a new owner-only file next to `beside`, named by `name("")`, or `name("-2")`, ... if taken.
fn create_unique(
    beside: &Path,
    name: impl Fn(&str) -> String,
) -> Result<(PathBuf, File), StoreError> {
    let dir = beside.parent().unwrap_or(Path::new("."));
    for attempt in 1..=MAX_NAME_ATTEMPTS {
        let suffix = if attempt == 1 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let path = dir.join(name(&suffix));
        match create_private_file(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io("create", &path)(e)),
        }
    }
    Err(StoreError::Other(format!(
        "{}: too many earlier repair files named like {}; move old ones away and try again",
        dir.display(),
        name("")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_counted_but_not_the_final_newline() {
        assert_eq!(count_blank_lines(b"a\n\n  \nb\n"), 2);
        assert_eq!(count_blank_lines(b"a\nb"), 0);
        assert_eq!(count_blank_lines(b""), 0);
    }
}
