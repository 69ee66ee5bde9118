//! The history snapshot file: the History replayed from the journal files' first bytes, with
//! what ties it to them.
//!
//! ```text
//! magic, CACHE_LAYOUT, FORMAT_VERSION, rehab version,
//! looked_at (when the files were looked at, ns since the epoch),
//! sources: per journal file: name, covered len, hash of those bytes, covered lines, fingerprint
//! problems: per unreadable line in the covered bytes: file name, then as in the journal cache
//! history head (all but the sessions), then session chunks (each length-prefixed)
//! xxh3 of everything before it
//! ```

use super::super::codec::history::{
    SESSIONS_PER_CHUNK, decode_head, decode_sessions, encode_head, encode_sessions,
};
use super::super::codec::{Entry, PlansRead, decode_entry, encode_problem};
use super::super::layout::{APP_VERSION, CACHE_LAYOUT, Coverage};
use super::super::wire::{Corrupt, Reader, Writer};
use super::fingerprint::{Fingerprint, decode_nanos, encode_nanos};
use crate::domain::history::{History, SessionLog};
use crate::domain::records::{FORMAT_VERSION, LineError};
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8; 8] = b"rehabHS\n";
const HASH_BYTES: usize = 8;
/// Below this many sessions' bytes the chunks are decoded on one thread.
const PARALLEL_MIN_BYTES: usize = 256 * 1024;

/// One journal file as the snapshot knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The journal file's name in the data dir.
    pub name: String,
    pub coverage: Coverage,
    /// As looked at before its bytes were read.
    pub fingerprint: Fingerprint,
}

/// A line of a covered part that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotProblem {
    pub file_name: String,
    pub line: usize,
    pub error: LineError,
    pub text: String,
}

/// A snapshot file, split up but not yet decoded: its sources, to check against the journal
/// first, and the rest, to decode while the journal is checked.
pub struct Parsed<'a> {
    pub looked_at: i128,
    pub sources: Vec<Source>,
    rest: &'a [u8],
}

/// Session chunks of an earlier snapshot to copy rather than encode again: its chunks' bytes,
/// and how many of the History's first sessions are as they were when it was written.
pub struct Reuse<'a> {
    pub chunks: &'a [&'a [u8]],
    pub sessions_unchanged: usize,
}

pub fn encode(
    looked_at: i128,
    sources: &[Source],
    problems: &[SnapshotProblem],
    history: &History,
    reuse: Option<Reuse>,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.u32_le(CACHE_LAYOUT);
    w.u32_le(FORMAT_VERSION);
    w.str(APP_VERSION);
    encode_nanos(&mut w, looked_at);
    w.len(sources.len());
    for Source {
        name,
        coverage,
        fingerprint,
    } in sources
    {
        w.str(name);
        w.u64_le(coverage.len);
        w.u64_le(coverage.hash);
        w.u64_le(coverage.lines);
        fingerprint.encode(&mut w);
    }
    w.len(problems.len());
    for problem in problems {
        w.str(&problem.file_name);
        encode_problem(&mut w, problem.line, &problem.error, &problem.text);
    }
    encode_head(&mut w, history);
    let chunks: Vec<&[SessionLog]> = history.sessions.chunks(SESSIONS_PER_CHUNK).collect();
    w.len(chunks.len());
    for (index, chunk) in chunks.into_iter().enumerate() {
        // A whole chunk of sessions as they were is copied: encoding is the slow part of writing.
        let earlier = reuse.as_ref().and_then(|reuse| {
            let end = (index + 1) * SESSIONS_PER_CHUNK;
            (end <= reuse.sessions_unchanged && chunk.len() == SESSIONS_PER_CHUNK)
                .then(|| reuse.chunks.get(index))
                .flatten()
        });
        match earlier {
            Some(bytes) => {
                w.len(bytes.len());
                w.bytes.extend_from_slice(bytes);
            }
            None => {
                let mut part = Writer::default();
                encode_sessions(&mut part, chunk);
                w.len(part.bytes.len());
                w.bytes.extend_from_slice(&part.bytes);
            }
        }
    }
    let hash = xxh3_64(&w.bytes);
    w.u64_le(hash);
    w.bytes
}

/// Check the whole file against its hash, then read its header and sources.
pub fn parse(bytes: &[u8]) -> Result<Parsed<'_>, Corrupt> {
    let body_len = bytes
        .len()
        .checked_sub(HASH_BYTES)
        .ok_or(Corrupt("cut off"))?;
    let (body, hash) = bytes.split_at(body_len);
    if Reader::new(hash).u64_le()? != xxh3_64(body) {
        return Err(Corrupt("does not match its hash"));
    }
    let mut r = Reader::new(body);
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Corrupt("not a rehab history snapshot"));
    }
    if (r.u32_le()?, r.u32_le()?, r.str()?) != (CACHE_LAYOUT, FORMAT_VERSION, APP_VERSION) {
        return Err(Corrupt("written by another build of rehab"));
    }
    let looked_at = decode_nanos(&mut r)?;
    let mut sources = Vec::new();
    for _ in 0..r.len()? {
        sources.push(Source {
            name: r.str()?.to_string(),
            coverage: Coverage {
                len: r.u64_le()?,
                hash: r.u64_le()?,
                lines: r.u64_le()?,
            },
            fingerprint: Fingerprint::decode(&mut r)?,
        });
    }
    let rest = &body[r.position()..];
    Ok(Parsed {
        looked_at,
        sources,
        rest,
    })
}

/// A snapshot decoded: its problems, its History, and its session chunks' bytes (to copy into
/// the next snapshot).
pub struct Decoded<'a> {
    pub problems: Vec<SnapshotProblem>,
    pub history: History,
    pub chunks: Vec<&'a [u8]>,
}

impl<'a> Parsed<'a> {
    /// The problems and the History, sessions decoded on several threads for a long history.
    pub fn decode(&self) -> Result<Decoded<'a>, Corrupt> {
        let mut r = Reader::new(self.rest);
        let mut problems = Vec::new();
        for _ in 0..r.len()? {
            let file_name = r.str()?.to_string();
            let Entry::Problem(problem) = decode_entry(&mut r, &mut PlansRead::default())? else {
                return Err(Corrupt("a record where a problem belongs"));
            };
            problems.push(SnapshotProblem {
                file_name,
                line: problem.line,
                error: problem.error,
                text: problem.text,
            });
        }
        let mut history = decode_head(&mut r)?;
        let mut chunks = Vec::new();
        for _ in 0..r.len()? {
            let len = r.len()?;
            chunks.push(r.take(len)?);
        }
        if !r.is_empty() {
            return Err(Corrupt("bytes after the last session"));
        }
        history.sessions = decode_chunks(&chunks)?;
        Ok(Decoded {
            problems,
            history,
            chunks,
        })
    }
}

/// Every chunk's sessions, in order: on two threads when there are enough bytes to share.
fn decode_chunks(chunks: &[&[u8]]) -> Result<Vec<SessionLog>, Corrupt> {
    let decode_run = |run: &[&[u8]]| -> Result<Vec<SessionLog>, Corrupt> {
        let mut sessions = Vec::new();
        for chunk in run {
            let mut r = Reader::new(chunk);
            sessions.append(&mut decode_sessions(&mut r)?);
            if !r.is_empty() {
                return Err(Corrupt("bytes after a chunk's sessions"));
            }
        }
        Ok(sessions)
    };
    let total: usize = chunks.iter().map(|c| c.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || total < PARALLEL_MIN_BYTES || chunks.len() < 2 {
        return decode_run(chunks);
    }
    // Two runs of about equal bytes: this machine's kind has two cores, and the sessions come
    // back in order by appending the second run to the first.
    let mut filled = 0;
    let split = chunks
        .iter()
        .position(|c| {
            filled += c.len();
            filled * 2 >= total
        })
        .map_or(chunks.len(), |i| i + 1);
    let (first, second) = chunks.split_at(split);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| decode_run(second));
        let mut sessions = decode_run(first)?;
        let mut later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        sessions.append(&mut later);
        Ok(sessions)
    })
}
