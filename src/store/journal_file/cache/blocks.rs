//! Entries in and out of blocks: encoding new lines into blocks of about `TARGET_BLOCK_BYTES`,
//! and decoding a cache's blocks, spread over the machine's cores for long journals.

use super::codec::{
    CachedProblem, Entry, PlansRead, PlansWritten, decode_entry, encode_problem, encode_record,
};
use super::layout::{Block, TARGET_BLOCK_BYTES};
use super::wire::{Corrupt, Reader, Writer};
use crate::domain::records::{LineError, Record};

/// Below this many cached bytes the blocks are decoded on one thread (starting threads would
/// cost more than they save: a few hundred KiB decode in about a millisecond).
const PARALLEL_MIN_BYTES: usize = 512 * 1024;

/// New entries, encoded into blocks as they come.
#[derive(Debug, Default)]
pub struct BlockEncoder {
    blocks: Vec<(u32, Vec<u8>)>,
    current: Writer,
    count: u32,
    /// Plans in the current block, for `encode_record` to refer back to.
    plans: PlansWritten,
}

impl BlockEncoder {
    pub fn record(&mut self, record: &Record) {
        encode_record(&mut self.current, record, &mut self.plans);
        self.entry_done();
    }

    pub fn problem(&mut self, line: usize, error: &LineError, text: &str) {
        encode_problem(&mut self.current, line, error, text);
        self.entry_done();
    }

    fn entry_done(&mut self) {
        self.count += 1;
        if self.current.bytes.len() >= TARGET_BLOCK_BYTES {
            self.finish_block();
        }
    }

    fn finish_block(&mut self) {
        if self.count > 0 {
            self.blocks
                .push((self.count, std::mem::take(&mut self.current.bytes)));
            self.count = 0;
            self.plans = PlansWritten::default();
        }
    }

    /// (entry count, payload) of each block, in order.
    pub fn into_blocks(mut self) -> Vec<(u32, Vec<u8>)> {
        self.finish_block();
        self.blocks
    }
}

/// A cache's entries, split by kind, each in line order, and its blocks as checked (entry count,
/// payload): a rewrite copies them as they are. Records come in one list per decoding thread, so
/// they are moved once, into the journal read, rather than once more to join them here.
#[derive(Debug, Default)]
pub struct Decoded<'c> {
    pub records: Vec<Vec<Record>>,
    pub problems: Vec<CachedProblem>,
    pub blocks: Vec<(u32, &'c [u8])>,
}

impl<'c> Decoded<'c> {
    fn append(&mut self, mut later: Decoded<'c>) {
        self.records.append(&mut later.records);
        self.problems.append(&mut later.problems);
        self.blocks.append(&mut later.blocks);
    }
}

/// Check and decode every block; any damage fails the whole cache.
pub fn decode_blocks<'c>(blocks: &[Block<'c>]) -> Result<Decoded<'c>, Corrupt> {
    let total: usize = blocks.iter().map(Block::len).sum();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || total < PARALLEL_MIN_BYTES {
        return decode_group(blocks);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = split_by_bytes(blocks, total, threads)
            .into_iter()
            .map(|group| scope.spawn(move || decode_group(group)))
            .collect();
        let mut decoded = Decoded::default();
        for worker in workers {
            let group = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            decoded.append(group);
        }
        Ok(decoded)
    })
}

/// Up to `parts` runs of neighbouring blocks with about the same number of bytes each.
fn split_by_bytes<'b, 'a>(
    blocks: &'b [Block<'a>],
    total: usize,
    parts: usize,
) -> Vec<&'b [Block<'a>]> {
    let mut groups = Vec::with_capacity(parts);
    let mut start = 0;
    let mut filled = 0;
    for (i, block) in blocks.iter().enumerate() {
        filled += block.len();
        // Close a group once it holds its share of the bytes so far.
        if filled * parts >= total * (groups.len() + 1) {
            groups.push(&blocks[start..=i]);
            start = i + 1;
        }
    }
    if start < blocks.len() {
        groups.push(&blocks[start..]);
    }
    groups
}

fn decode_group<'c>(blocks: &[Block<'c>]) -> Result<Decoded<'c>, Corrupt> {
    let checked = blocks
        .iter()
        .map(Block::checked)
        .collect::<Result<Vec<_>, _>>()?;
    // Each entry takes at least a byte: a count is never trusted beyond that.
    let capacity = checked
        .iter()
        .map(|(count, payload)| (*count as usize).min(payload.len()))
        .sum();
    let mut records = Vec::with_capacity(capacity);
    let mut problems = Vec::new();
    for &(count, payload) in &checked {
        let mut r = Reader::new(payload);
        let mut plans = PlansRead::default();
        for _ in 0..count {
            match decode_entry(&mut r, &mut plans)? {
                Entry::Record(record) => records.push(record),
                Entry::Problem(problem) => problems.push(problem),
            }
        }
        if !r.is_empty() {
            return Err(Corrupt("a block holds more than its entries"));
        }
    }
    Ok(Decoded {
        records: vec![records],
        problems,
        blocks: checked,
    })
}

#[cfg(test)]
mod tests {
    use super::super::layout::{Coverage, build, parse};
    use super::*;
    use crate::domain::records::{RecordBody, RecordId};
    use chrono::{DateTime, NaiveDate};

    fn note(i: usize) -> Record {
        Record {
            v: 1,
            id: RecordId::from(format!("d-{i}").as_str()),
            at: DateTime::parse_from_rfc3339("2026-03-02T07:30:00+01:00").unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            body: RecordBody::Note {
                text: "x".repeat(i % 300),
            },
        }
    }

    #[test]
    fn many_blocks_decode_in_order_on_several_threads() {
        let notes: Vec<Record> = (0..20_000).map(note).collect();
        let mut encoder = BlockEncoder::default();
        for (i, record) in notes.iter().enumerate() {
            if i % 5000 == 0 {
                encoder.problem(i + 1, &LineError::NoVersion, "{}");
            }
            encoder.record(record);
        }
        let blocks = encoder.into_blocks();
        assert!(blocks.len() > 4, "{} blocks", blocks.len());
        let coverage = Coverage {
            len: 1,
            hash: 2,
            lines: 3,
        };
        let file = build(coverage, blocks.iter().map(|(n, b)| (*n, b.as_slice())));
        let (_, parsed) = parse(&file).unwrap();
        assert!(parsed.iter().map(Block::len).sum::<usize>() > PARALLEL_MIN_BYTES);
        let decoded = decode_blocks(&parsed).unwrap();
        assert_eq!(decoded.records.concat(), notes);
        let lines: Vec<usize> = decoded.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 5001, 10_001, 15_001]);
    }

    #[test]
    fn groups_cover_every_block_once_in_order() {
        let payload = vec![0u8; TARGET_BLOCK_BYTES];
        let coverage = Coverage {
            len: 0,
            hash: 0,
            lines: 0,
        };
        let file = build(coverage, (0..7).map(|_| (1, payload.as_slice())));
        let (_, blocks) = parse(&file).unwrap();
        assert_eq!(blocks.len(), 7, "full blocks are not merged");
        let total = blocks.iter().map(Block::len).sum();
        for parts in 1..10 {
            let groups = split_by_bytes(&blocks, total, parts);
            assert!(groups.len() <= parts && !groups.is_empty(), "{parts}");
            let mut next = blocks.as_ptr();
            for group in &groups {
                assert!(std::ptr::eq(group.as_ptr(), next), "groups in order");
                next = next.wrapping_add(group.len());
            }
            assert!(std::ptr::eq(
                next,
                blocks.as_ptr().wrapping_add(blocks.len())
            ));
        }
    }
}
