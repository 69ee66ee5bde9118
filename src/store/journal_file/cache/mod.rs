//! A rebuildable cache of parsed journal lines, so a start does not parse years of JSON.
//!
//! Per journal file, in the machine's cache dir (`location.rs`): the records and problems of
//! the file's first `covered_len` bytes (whole lines only), with a hash of exactly those bytes.
//! It is trusted by content, not by modification time: each read hashes the journal's first
//! `covered_len` bytes (on one thread, while others decode the cache) and uses the cache only
//! if they match; then only the lines after them are parsed. Anything else (no cache, damaged,
//! another build, the journal repaired or edited) parses the whole file as without a cache and
//! writes a new one. A cache failure never fails or changes a read.

mod blocks;
mod codec;
mod layout;
mod location;
mod wire;

pub use layout::CACHE_LAYOUT;
pub use location::{CACHE_DIR_ENV, CACHE_OFF, JournalCache};

use super::fs_util::{create_private_dir, create_private_file};
use super::reader::{parse_into, read_journal_with};
use super::{JournalRead, LineProblem, StoreError};
use blocks::{BlockEncoder, Decoded, decode_blocks};
use layout::{Coverage, journal_hash};
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
    let mut reports = Vec::new();
    let read = read_journal_with(data_dir, |file, read| {
        reports.push(read_file(file, cache.file_for(file), read)?);
        Ok(())
    })?;
    Ok((read, reports))
}

/// A cache that matched the journal: what it covers and its entries.
struct Prefix<'c> {
    coverage: Coverage,
    decoded: Decoded<'c>,
}

/// Read one journal file into `read`, through its cache at `cache_path` (None: cache off).
fn read_file(
    file: &Path,
    cache_path: Option<PathBuf>,
    read: &mut JournalRead,
) -> Result<CacheReport, StoreError> {
    let report = |used, write| CacheReport {
        file: file.to_path_buf(),
        used,
        write,
    };
    let Some(cache_path) = cache_path else {
        let contents = read_file_bytes(file)?;
        parse_into(file, &contents, 0, read, |_, _| {});
        return Ok(report(CacheUse::Off, CacheWrite::NotNeeded));
    };
    let cache_bytes = std::fs::read(&cache_path);
    let (contents, prefix) = match &cache_bytes {
        Ok(bytes) => load_with_prefix(file, bytes)?,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            (read_file_bytes(file)?, Err("no cache yet".to_string()))
        }
        Err(e) => (
            read_file_bytes(file)?,
            Err(format!("cannot read {}: {e}", cache_path.display())),
        ),
    };

    let (start, lines_before, old_blocks, mut used) = match prefix {
        Ok(Prefix { coverage, decoded }) => {
            let blocks = add_cached(file, decoded, read);
            // Both fit: the journal held `coverage.len` bytes, and at least as many lines.
            let start = usize::try_from(coverage.len).unwrap_or(usize::MAX);
            let lines = usize::try_from(coverage.lines).unwrap_or(usize::MAX);
            (start, lines, blocks, CacheUse::Hit { parsed_lines: 0 })
        }
        Err(why) => (0, 0, Vec::new(), CacheUse::Miss { why }),
    };
    let tail = &contents[start..];
    let mut encoder = BlockEncoder::default();
    let mut parsed_lines = 0;
    parse_into(file, tail, lines_before, read, |line, parsed| {
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

    let whole_lines = memchr::memrchr(b'\n', tail).map_or(0, |end| end + 1);
    let write = if whole_lines == 0 {
        if matches!(used, CacheUse::Miss { .. }) {
            // A stale cache of a journal now empty (or one torn line): not worth decoding again.
            let _ = std::fs::remove_file(&cache_path);
        }
        CacheWrite::NotNeeded
    } else {
        let coverage = Coverage {
            len: (start + whole_lines) as u64,
            hash: journal_hash(&contents[..start + whole_lines]),
            lines: (lines_before + memchr::memchr_iter(b'\n', &tail[..whole_lines]).count()) as u64,
        };
        let new_blocks = encoder.into_blocks();
        let cache = layout::build(
            coverage,
            old_blocks.iter().copied().chain(
                new_blocks
                    .iter()
                    .map(|(count, bytes)| (*count, bytes.as_slice())),
            ),
        );
        match store(&cache_path, &cache) {
            Ok(()) => CacheWrite::Written,
            Err(e) => CacheWrite::Failed {
                why: format!("cannot write {}: {e}", cache_path.display()),
            },
        }
    };
    Ok(report(used, write))
}

fn read_file_bytes(file: &Path) -> Result<Vec<u8>, StoreError> {
    std::fs::read(file).map_err(StoreError::io("read", file))
}

/// The journal's bytes and, if the cache matches them, its decoded prefix (else why not).
/// The journal is read and hashed on one thread while the cache is decoded on others.
fn load_with_prefix<'c>(
    file: &Path,
    cache_bytes: &'c [u8],
) -> Result<(Vec<u8>, Result<Prefix<'c>, String>), StoreError> {
    let (coverage, blocks) = match layout::parse(cache_bytes) {
        Ok(parsed) => parsed,
        Err(corrupt) => {
            return Ok((
                read_file_bytes(file)?,
                Err(format!("cache unusable: {corrupt}")),
            ));
        }
    };
    let (contents, decoded) = std::thread::scope(|scope| {
        let journal = scope.spawn(|| -> io::Result<(Vec<u8>, bool)> {
            let contents = std::fs::read(file)?;
            let same = usize::try_from(coverage.len)
                .ok()
                .and_then(|len| contents.get(..len))
                .is_some_and(|prefix| journal_hash(prefix) == coverage.hash);
            Ok((contents, same))
        });
        let decoded = decode_blocks(&blocks);
        let journal = journal
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (journal, decoded)
    });
    let (contents, same) = contents.map_err(StoreError::io("read", file))?;
    let prefix = match decoded {
        Err(corrupt) => Err(format!("cache unusable: {corrupt}")),
        Ok(_) if !same => Err("the journal changed within the cached part".to_string()),
        Ok(decoded) => Ok(Prefix { coverage, decoded }),
    };
    Ok((contents, prefix))
}

/// The cached lines into `read`, as parsing them would have put them; returns the blocks.
fn add_cached<'c>(
    file: &Path,
    decoded: Decoded<'c>,
    read: &mut JournalRead,
) -> Vec<(u32, &'c [u8])> {
    let Decoded {
        mut records,
        problems,
        blocks,
    } = decoded;
    read.records.append(&mut records);
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
