//! A rebuildable cache of parsed journal lines, so a start does not parse years of JSON.
//!
//! Per journal file, in the machine's cache dir (`location.rs`): the records and problems of
//! the file's first `covered_len` bytes (whole lines only), with a hash of exactly those bytes.
//! It is trusted by content, not by modification time: each read hashes the journal's first
//! `covered_len` bytes (`prefix.rs`: on one thread, while others decode the cache) and uses the
//! cache only if they match; then only the lines after them are parsed. Anything else (no cache,
//! damaged, another build, the journal repaired or edited) parses the whole file as without a
//! cache and writes a new one. A cache failure never fails or changes a read.

mod blocks;
mod codec;
mod layout;
mod location;
mod prefix;
mod snapshot;
mod wire;

pub use layout::CACHE_LAYOUT;
pub use location::{CACHE_DIR_ENV, CACHE_OFF, JournalCache};
pub use snapshot::{
    HistoryRead, RACY_MARGIN, SnapshotReport, SnapshotUse, known_on, read_history_cached,
    read_history_reporting,
};

use super::fs_util::{create_private_dir, create_private_file};
use super::reader::{parse_into, read_journal_with};
use super::{JournalRead, LineProblem, StoreError};
use blocks::{BlockEncoder, Decoded};
use layout::Coverage;
use prefix::Loaded;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// How one journal file's cache served one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// The cache is off (`REHAB_CACHE_DIR=off`, or no cache dir on this machine).
    Off,
    /// The cache covered the start of the file; only `parsed_lines` lines after it were parsed.
    Hit { parsed_lines: usize },
    /// The cache could not be used (`why`), so every line was parsed.
    Miss { why: String },
}

/// Whether the cache was written after the read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheWrite {
    /// It already covered every whole line (or there is none to cache).
    NotNeeded,
    Written,
    /// It could not be written (`why`); the read is unaffected and the next one tries again.
    Failed {
        why: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheReport {
    pub file: PathBuf,
    pub used: CacheUse,
    pub write: CacheWrite,
}

/// `read_journal` through the cache: the same result, parsing only lines the cache lacks.
pub fn read_journal_cached(
    data_dir: &Path,
    cache: &JournalCache,
) -> Result<JournalRead, StoreError> {
    read_journal_reporting(data_dir, cache).map(|(read, _)| read)
}

/// `read_journal_cached`, also saying how each file's cache served (for tests and benches).
pub fn read_journal_reporting(
    data_dir: &Path,
    cache: &JournalCache,
) -> Result<(JournalRead, Vec<CacheReport>), StoreError> {
    let (read, covered) = read_journal_covering(data_dir, cache)?;
    Ok((
        read,
        covered.into_iter().map(|(report, _)| report).collect(),
    ))
}

/// How each file's cache served a read, and which whole lines of the file the read covered
/// (None: cache off).
type Covered = Vec<(CacheReport, Option<Coverage>)>;

/// `read_journal_reporting`, also saying which whole lines of each file the read covered, for
/// the history snapshot to record.
fn read_journal_covering(
    data_dir: &Path,
    cache: &JournalCache,
) -> Result<(JournalRead, Covered), StoreError> {
    let mut covered = Vec::new();
    let read = read_journal_with(data_dir, |file, read| {
        covered.push(read_file(file, cache.file_for(file), read)?);
        Ok(())
    })?;
    Ok((read, covered))
}

/// Read one journal file into `read`, through its cache at `cache_path` (None: cache off); says
/// how the cache served and which whole lines were read (None: cache off).
fn read_file(
    file: &Path,
    cache_path: Option<PathBuf>,
    read: &mut JournalRead,
) -> Result<(CacheReport, Option<Coverage>), StoreError> {
    let report = |used, write| CacheReport {
        file: file.to_path_buf(),
        used,
        write,
    };
    let Some(cache_path) = cache_path else {
        let contents = std::fs::read(file).map_err(StoreError::io("read", file))?;
        parse_into(file, &contents, 0, read, |_, _| {});
        return Ok((report(CacheUse::Off, CacheWrite::NotNeeded), None));
    };
    let cache_bytes = std::fs::read(&cache_path);
    let loaded = match &cache_bytes {
        Ok(bytes) => prefix::load(file, bytes)?,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            prefix::without_cache(file, "no cache yet".to_string())?
        }
        Err(e) => {
            prefix::without_cache(file, format!("cannot read {}: {e}", cache_path.display()))?
        }
    };
    let Loaded {
        tail,
        mut hasher,
        prefix,
    } = loaded;

    let (start, lines_before, old_blocks, mut used) = match prefix {
        Ok((coverage, decoded)) => {
            let blocks = add_cached(file, decoded, read);
            // Both fit: the journal held `coverage.len` bytes, and at least as many lines.
            let start = usize::try_from(coverage.len).unwrap_or(usize::MAX);
            let lines = usize::try_from(coverage.lines).unwrap_or(usize::MAX);
            (start, lines, blocks, CacheUse::Hit { parsed_lines: 0 })
        }
        Err(why) => (0, 0, Vec::new(), CacheUse::Miss { why }),
    };
    let mut encoder = BlockEncoder::default();
    let mut parsed_lines = 0;
    parse_into(file, &tail, lines_before, read, |line, parsed| {
        parsed_lines += 1;
        // A torn last line may still be being written: it is parsed each time, never cached.
        if !line.torn {
            match parsed {
                Ok(record) => encoder.record(record),
                Err(error) => encoder.problem(
                    lines_before + line.number,
                    error,
                    &String::from_utf8_lossy(line.bytes),
                ),
            }
        }
    });
    if let CacheUse::Hit {
        parsed_lines: count,
    } = &mut used
    {
        *count = parsed_lines;
    }

    let whole_lines = memchr::memrchr(b'\n', &tail).map_or(0, |end| end + 1);
    hasher.update(&tail[..whole_lines]);
    let coverage = Coverage {
        len: (start + whole_lines) as u64,
        hash: hasher.digest(),
        lines: (lines_before + memchr::memchr_iter(b'\n', &tail[..whole_lines]).count()) as u64,
    };
    let write = if whole_lines == 0 {
        if matches!(used, CacheUse::Miss { .. }) {
            // A stale cache of a journal now empty (or one torn line): not worth decoding again.
            let _ = std::fs::remove_file(&cache_path);
        }
        CacheWrite::NotNeeded
    } else {
        rewrite(&cache_path, coverage, &old_blocks, encoder)
    };
    Ok((report(used, write), Some(coverage)))
}

/// A new cache: the blocks already cached, copied as they are, then the new lines' blocks.
fn rewrite(
    cache_path: &Path,
    coverage: Coverage,
    old_blocks: &[(u32, &[u8])],
    new_lines: BlockEncoder,
) -> CacheWrite {
    let new_blocks = new_lines.into_blocks();
    let cache = layout::build(
        coverage,
        old_blocks.iter().copied().chain(
            new_blocks
                .iter()
                .map(|(count, bytes)| (*count, bytes.as_slice())),
        ),
    );
    match store(cache_path, &cache) {
        Ok(()) => CacheWrite::Written,
        Err(e) => CacheWrite::Failed {
            why: format!("cannot write {}: {e}", cache_path.display()),
        },
    }
}

/// The cached lines into `read`, as parsing them would have put them; returns the blocks.
fn add_cached<'c>(
    file: &Path,
    decoded: Decoded<'c>,
    read: &mut JournalRead,
) -> Vec<(u32, &'c [u8])> {
    let Decoded {
        records,
        problems,
        blocks,
    } = decoded;
    read.records.reserve(records.iter().map(Vec::len).sum());
    for mut group in records {
        read.records.append(&mut group);
    }
    read.problems
        .extend(problems.into_iter().map(|problem| LineProblem {
            file: file.to_path_buf(),
            line: problem.line,
            error: problem.error,
            text: problem.text,
            torn: false,
        }));
    blocks
}

/// Write the cache whole or not at all: a temp file (owner-only) renamed over the old one.
/// Not fsynced: a cache lost or damaged in a crash is found by its hashes and rebuilt.
fn store(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(io::Error::new(ErrorKind::InvalidInput, "not a file path"));
    };
    create_private_dir(dir)?;
    let mut temp_name = name.to_os_string();
    temp_name.push(format!(".tmp-{}", std::process::id()));
    let temp = dir.join(temp_name);
    // Left over from a crashed run with the same process id.
    match std::fs::remove_file(&temp) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let written = create_private_file(&temp)
        .and_then(|mut out| out.write_all(bytes))
        .and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        // Best effort: the write already failed, and that is what is reported.
        let _ = std::fs::remove_file(&temp);
    }
    written
}
