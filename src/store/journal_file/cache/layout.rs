//! The cache file: a header, then blocks of encoded entries.
//!
//! ```text
//! header: magic, CACHE_LAYOUT, FORMAT_VERSION, rehab version, covered_len, journal hash,
//!         covered lines, block count, body length, hash of all the header before it
//! block:  length (u64) of what follows the hash, hash (u64) of entry count + payload,
//!         entry count (u32), payload
//! ```
//!
//! Every byte is covered by a hash, so damage is found before anything is used. Blocks let a
//! rewrite copy the entries already cached instead of encoding them again, and let several
//! threads decode at once.

use super::wire::{Corrupt, Reader, Writer};
use crate::domain::records::FORMAT_VERSION;
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

/// Bump on any change to how the cache is encoded: older caches are then rebuilt, never misread.
pub const CACHE_LAYOUT: u32 = 2;
const MAGIC: &[u8; 8] = b"rehabJC\n";
/// The build that wrote a cache: a cache from any other build is rebuilt (its record types may
/// differ in ways the layout number does not capture).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Small blocks (e.g. the few lines added since the last start) are merged up to this size when
/// the cache is rewritten; full ones stay as they are. A few hundred KiB keeps the block count
/// of a 10-year cache in the tens: enough to share out between threads, little to bookkeep.
pub const TARGET_BLOCK_BYTES: usize = 256 * 1024;
/// Length and hash before each block's entry count.
const BLOCK_FRAME_BYTES: usize = 8 + 8;
/// The entry count before each block's payload.
const ENTRY_COUNT_BYTES: usize = 4;

/// What part of the journal file a cache stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// Bytes of the journal covered, always ending just after a newline.
    pub len: u64,
    /// `journal_hash` of exactly those bytes.
    pub hash: u64,
    /// Physical lines (newlines) in those bytes: the next line's number is one more.
    pub lines: u64,
}

/// One block as read: not yet checked against its hash (the decoding thread does that).
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    /// Entry count and payload: the bytes the hash covers.
    counted: &'a [u8],
    hash: u64,
}

impl<'a> Block<'a> {
    /// Entry count and payload, if their bytes are the ones written.
    pub fn checked(&self) -> Result<(u32, &'a [u8]), Corrupt> {
        if xxh3_64(self.counted) != self.hash {
            return Err(Corrupt("a block does not match its hash"));
        }
        let mut r = Reader::new(self.counted);
        Ok((r.u32_le()?, &self.counted[ENTRY_COUNT_BYTES..]))
    }

    /// Payload bytes, for sharing blocks out between threads.
    pub fn len(&self) -> usize {
        self.counted.len()
    }
}

/// The hash that ties a cache to the journal bytes it was built from, fed in pieces as they are
/// read. xxh3: fast (GB/s, so a 14 MB journal costs about a millisecond), stable across
/// platforms and releases.
pub type JournalHasher = Xxh3Default;

/// Split a cache file into its coverage and blocks; checks the header and the framing.
pub fn parse(bytes: &[u8]) -> Result<(Coverage, Vec<Block<'_>>), Corrupt> {
    let mut r = Reader::new(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Corrupt("not a rehab journal cache"));
    }
    if (r.u32_le()?, r.u32_le()?, r.str()?) != (CACHE_LAYOUT, FORMAT_VERSION, APP_VERSION) {
        return Err(Corrupt("written by another build of rehab"));
    }
    let coverage = Coverage {
        len: r.u64_le()?,
        hash: r.u64_le()?,
        lines: r.u64_le()?,
    };
    let block_count = r.u32_le()?;
    let body_len = r.u64_le()?;
    let header_len = bytes.len() - r.remaining();
    if r.u64_le()? != xxh3_64(&bytes[..header_len]) {
        return Err(Corrupt("the header does not match its hash"));
    }
    if u64::try_from(r.remaining()).ok() != Some(body_len) {
        return Err(Corrupt("cut off or too long"));
    }
    let mut blocks = Vec::new();
    for _ in 0..block_count {
        let len = usize::try_from(r.u64_le()?).map_err(|_| Corrupt("block too long"))?;
        let hash = r.u64_le()?;
        if len < ENTRY_COUNT_BYTES {
            return Err(Corrupt("block too short"));
        }
        blocks.push(Block {
            counted: r.take(len)?,
            hash,
        });
    }
    if !r.is_empty() {
        return Err(Corrupt("bytes after the last block"));
    }
    Ok((coverage, blocks))
}

/// A whole cache file. `blocks` (entry count, payload) come in journal order; neighbours are
/// merged while they fit in `TARGET_BLOCK_BYTES`.
pub fn build<'a>(coverage: Coverage, blocks: impl IntoIterator<Item = (u32, &'a [u8])>) -> Vec<u8> {
    let mut body = Writer::default();
    let mut block_count = 0u32;
    // Start of the block being filled, and its entry count.
    let mut open: Option<(usize, u32)> = None;
    for (entries, payload) in blocks {
        if entries == 0 {
            continue;
        }
        if let Some((start, count)) = open {
            let filled = body.bytes.len() - start - BLOCK_FRAME_BYTES - ENTRY_COUNT_BYTES;
            if filled + payload.len() > TARGET_BLOCK_BYTES {
                close_block(&mut body.bytes, start, count);
                open = None;
            }
        }
        let (start, count) = open.unwrap_or_else(|| {
            block_count += 1;
            let start = body.bytes.len();
            body.bytes
                .resize(start + BLOCK_FRAME_BYTES + ENTRY_COUNT_BYTES, 0);
            (start, 0)
        });
        body.bytes.extend_from_slice(payload);
        open = Some((start, count + entries));
    }
    if let Some((start, count)) = open {
        close_block(&mut body.bytes, start, count);
    }
    let mut header = Writer::default();
    header.bytes.extend_from_slice(MAGIC);
    header.u32_le(CACHE_LAYOUT);
    header.u32_le(FORMAT_VERSION);
    header.str(APP_VERSION);
    header.u64_le(coverage.len);
    header.u64_le(coverage.hash);
    header.u64_le(coverage.lines);
    header.u32_le(block_count);
    header.u64_le(body.bytes.len() as u64);
    header.u64_le(xxh3_64(&header.bytes));
    header.bytes.extend_from_slice(&body.bytes);
    header.bytes
}

/// Fill in the frame of the block starting at `start` now that its payload is in place.
fn close_block(body: &mut [u8], start: usize, entries: u32) {
    let counted_start = start + BLOCK_FRAME_BYTES;
    body[counted_start..counted_start + ENTRY_COUNT_BYTES].copy_from_slice(&entries.to_le_bytes());
    let len = (body.len() - counted_start) as u64;
    let hash = xxh3_64(&body[counted_start..]);
    body[start..start + 8].copy_from_slice(&len.to_le_bytes());
    body[start + 8..counted_start].copy_from_slice(&hash.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    const COVERAGE: Coverage = Coverage {
        len: 120,
        hash: 0xfeed,
        lines: 3,
    };

    #[test]
    fn blocks_come_back_in_order_with_small_neighbours_merged() {
        let big = vec![7u8; TARGET_BLOCK_BYTES];
        let file = build(
            COVERAGE,
            [(2, &b"ab"[..]), (1, b"c"), (0, b""), (5, &big), (1, b"d")],
        );
        let (coverage, blocks) = parse(&file).unwrap();
        assert_eq!(coverage, COVERAGE);
        let got: Vec<(u32, &[u8])> = blocks.iter().map(|b| b.checked().unwrap()).collect();
        assert_eq!(got, vec![(3, &b"abc"[..]), (5, &big), (1, b"d")]);
    }

    #[test]
    fn any_cut_or_changed_byte_is_found() {
        let file = build(COVERAGE, [(2, &b"some entries"[..]), (1, b"more")]);
        for len in 0..file.len() {
            assert!(parse(&file[..len]).is_err(), "cut at {len}");
        }
        for at in 0..file.len() {
            let mut changed = file.clone();
            changed[at] ^= 0x10;
            let usable = parse(&changed)
                .and_then(|(_, blocks)| blocks.iter().try_for_each(|b| b.checked().map(drop)));
            assert!(usable.is_err(), "byte {at} changed");
        }
        let mut longer = file.clone();
        longer.push(0);
        assert!(parse(&longer).is_err());
    }

    #[test]
    fn the_journal_hash_is_the_same_whatever_the_pieces() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for piece in [1, 63, 64, 4096, 100_000] {
            let mut hasher = JournalHasher::new();
            bytes.chunks(piece).for_each(|chunk| hasher.update(chunk));
            assert_eq!(hasher.digest(), xxh3_64(&bytes), "pieces of {piece}");
        }
    }

    #[test]
    fn another_layout_version_is_refused() {
        let mut file = build(COVERAGE, [(1, &b"x"[..])]);
        file[MAGIC.len()] = file[MAGIC.len()].wrapping_add(1);
        assert_eq!(
            parse(&file).err(),
            Some(Corrupt("written by another build of rehab"))
        );
    }
}
