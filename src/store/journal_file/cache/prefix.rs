//! Checking a cache against the journal: the journal's first `covered_len` bytes are read and
//! hashed on one thread (in chunks: no buffer the size of the journal to fault in) while the
//! cache's blocks are decoded on others. Only the bytes after them are kept, to be parsed.

use super::blocks::{Decoded, decode_blocks};
use super::layout::{self, Coverage, JournalHasher};
use crate::store::journal_file::StoreError;
use std::fs::File;
use std::io::{self, ErrorKind, Read};
use std::path::Path;

/// Journal bytes hashed per read call: large enough for few system calls, small enough to stay
/// in the CPU caches.
const HASH_CHUNK_BYTES: usize = 256 * 1024;

/// The journal, as far as the cache has not covered it.
pub struct Loaded<'c> {
    /// Bytes after the cached part: all of them when the cache is not used.
    pub tail: Vec<u8>,
    /// Hash state over the bytes before `tail`, to extend over the tail for the next cache.
    pub hasher: JournalHasher,
    /// The cache's coverage and entries if they match the journal, else why not.
    pub prefix: Result<(Coverage, Decoded<'c>), String>,
}

/// The whole journal, for when no cache can be used (`why`).
pub fn without_cache<'c>(file: &Path, why: String) -> Result<Loaded<'c>, StoreError> {
    Ok(Loaded {
        tail: std::fs::read(file).map_err(StoreError::io("read", file))?,
        hasher: JournalHasher::new(),
        prefix: Err(why),
    })
}

/// The journal checked against the cache in `cache_bytes`.
pub fn load<'c>(file: &Path, cache_bytes: &'c [u8]) -> Result<Loaded<'c>, StoreError> {
    let (coverage, blocks) = match layout::parse(cache_bytes) {
        Ok(parsed) => parsed,
        Err(corrupt) => return without_cache(file, format!("cache unusable: {corrupt}")),
    };
    let (journal, decoded) = std::thread::scope(|scope| {
        let journal = scope.spawn(|| read_after(file, coverage));
        let decoded = decode_blocks(&blocks);
        let journal = journal
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (journal, decoded)
    });
    let journal = journal.map_err(StoreError::io("read", file))?;
    match (journal, decoded) {
        (_, Err(corrupt)) => without_cache(file, format!("cache unusable: {corrupt}")),
        (None, Ok(_)) => without_cache(
            file,
            "the journal changed within the part cached".to_string(),
        ),
        (Some((hasher, tail)), Ok(decoded)) => Ok(Loaded {
            tail,
            hasher,
            prefix: Ok((coverage, decoded)),
        }),
    }
}

/// The hash state over the journal's first `coverage.len` bytes and the bytes after them, or
/// None if those bytes are not the ones cached (changed, or the file is shorter).
pub fn read_after(file: &Path, coverage: Coverage) -> io::Result<Option<(JournalHasher, Vec<u8>)>> {
    let mut journal = File::open(file)?;
    let mut hasher = JournalHasher::new();
    let mut chunk = vec![0u8; HASH_CHUNK_BYTES];
    let mut left = coverage.len;
    while left > 0 {
        let want = usize::try_from(left).map_or(chunk.len(), |left| left.min(chunk.len()));
        match journal.read(&mut chunk[..want]) {
            Ok(0) => return Ok(None),
            Ok(read) => {
                hasher.update(&chunk[..read]);
                left -= read as u64;
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if hasher.digest() != coverage.hash {
        return Ok(None);
    }
    let mut tail = Vec::new();
    journal.read_to_end(&mut tail)?;
    Ok(Some((hasher, tail)))
}
