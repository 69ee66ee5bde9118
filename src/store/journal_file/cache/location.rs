//! Where a data dir's journal caches live: in the machine's cache dir, never in the data dir
//! (which may be synced to other machines, and must hold only the journal itself).

use super::snapshot::RACY_MARGIN;
use std::path::{Path, PathBuf};
use std::time::Duration;
use xxhash_rust::xxh3::xxh3_64;

/// Overrides the cache root (the platform cache dir); `off` turns the cache off.
pub const CACHE_DIR_ENV: &str = "REHAB_CACHE_DIR";
/// The value of `REHAB_CACHE_DIR` that turns the cache off.
pub const CACHE_OFF: &str = "off";
/// Under the cache root: one dir per data dir, named by a hash of its path.
const JOURNAL_CACHE_DIR: &str = "journal-cache";
const CACHE_SUFFIX: &str = ".cache";
/// The history snapshot's file in a data dir's cache dir (no journal cache ends like this).
const SNAPSHOT_FILE: &str = "history.snapshot";

/// The cache dir for one data dir, or none (cache off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalCache {
    dir: Option<PathBuf>,
    /// How long before the history snapshot looked at a journal file it must have last changed
    /// for the snapshot to trust it unread (`RACY_MARGIN`; tests shorten it).
    settle: Duration,
}

impl JournalCache {
    /// No cache: every read parses every line.
    pub fn off() -> JournalCache {
        JournalCache {
            dir: None,
            settle: RACY_MARGIN,
        }
    }

    /// The cache for `data_dir` under `root`: `root/journal-cache/<hash of the data dir path>`.
    pub fn under(root: &Path, data_dir: &Path) -> JournalCache {
        JournalCache {
            dir: Some(root.join(JOURNAL_CACHE_DIR).join(data_dir_key(data_dir))),
            settle: RACY_MARGIN,
        }
    }

    /// What the app uses: the root from `REHAB_CACHE_DIR` (`off` for none), else the platform's
    /// cache dir (`~/.cache/rehab-coach` on Linux); off when there is neither.
    pub fn from_env(data_dir: &Path) -> JournalCache {
        match std::env::var_os(CACHE_DIR_ENV) {
            Some(value) if value == CACHE_OFF => JournalCache::off(),
            Some(root) if !root.is_empty() => JournalCache::under(Path::new(&root), data_dir),
            _ => directories::ProjectDirs::from("", "", "rehab-coach")
                .map_or_else(JournalCache::off, |project| {
                    JournalCache::under(project.cache_dir(), data_dir)
                }),
        }
    }

    /// The same cache, trusting a journal file unread once it has not changed for `settle`
    /// before the snapshot looked at it, instead of `RACY_MARGIN` (for tests: zero trusts any
    /// file unchanged since, which a file system with coarse times could get wrong).
    pub fn settled_after(self, settle: Duration) -> JournalCache {
        JournalCache { settle, ..self }
    }

    pub fn settle(&self) -> Duration {
        self.settle
    }

    /// The dir holding this data dir's caches, if the cache is on.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// `<dir>/history.snapshot`: the History replayed from every journal file of the data dir.
    pub fn snapshot_file(&self) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(SNAPSHOT_FILE))
    }

    /// `<dir>/<journal file name>.cache` for a journal file.
    pub fn file_for(&self, journal: &Path) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let mut name = journal.file_name()?.to_os_string();
        name.push(CACHE_SUFFIX);
        Some(dir.join(name))
    }
}

/// 16 hex digits of a hash of the data dir's canonical path: one cache dir per data dir, however
/// it is named (relative, through a symlink). A dir that cannot be resolved (e.g. missing: then
/// it has no journal to cache) is hashed as given.
fn data_dir_key(data_dir: &Path) -> String {
    let path = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    format!("{:016x}", xxh3_64(path.as_os_str().as_encoded_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_dir_per_data_dir_however_it_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let root = tmp.path().join("cache");
        let plain = JournalCache::under(&root, &data);
        assert_eq!(
            plain,
            JournalCache::under(&root, &data.join("..").join("data"))
        );
        assert_ne!(plain, JournalCache::under(&root, tmp.path()));
        let dir = plain.dir().unwrap();
        assert_eq!(dir.parent(), Some(root.join(JOURNAL_CACHE_DIR).as_path()));
        let key = dir.file_name().unwrap().to_str().unwrap();
        assert!(
            key.len() == 16 && key.chars().all(|c| c.is_ascii_hexdigit()),
            "{key}"
        );
        assert_eq!(
            plain.file_for(&data.join("journal-ab12.jsonl")),
            Some(dir.join("journal-ab12.jsonl.cache"))
        );
        assert_eq!(
            JournalCache::off().file_for(&data.join("journal-ab12.jsonl")),
            None
        );
    }
}
