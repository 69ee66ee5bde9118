//! Knowing a journal file is unchanged without reading it: what `stat` says about it (device,
//! inode, size, modification and change times), as git trusts its index.
//!
//! Any write to the file changes its change time (ctime), which no program can set back; a
//! file replaced by another has another inode. The one gap is a write in the same clock tick
//! as the snapshot's own look at the file ("racily clean" in git): so a file whose times are
//! within `RACY_MARGIN` of the moment it was looked at is never trusted by its fingerprint and
//! is hashed instead.

use super::super::wire::{Corrupt, Reader, Writer};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How close to the snapshot's look at a file its last change may be before the fingerprint
/// cannot tell a later change in the same clock tick apart: wider than any file system's time
/// resolution (2 s on FAT), so a file changed just before the look is hashed, not trusted.
pub const RACY_MARGIN: Duration = Duration::from_secs(3);

/// What `stat` says about a journal file. Times are nanoseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    pub modified: i128,
    pub changed: i128,
}

impl Fingerprint {
    /// The file's fingerprint now, or None if it cannot be read (then it is hashed).
    pub fn of(file: &Path) -> Option<Fingerprint> {
        let meta = std::fs::metadata(file).ok()?;
        Some(from_metadata(&meta))
    }

    /// The file was last changed at least `settle` (normally `RACY_MARGIN`) before
    /// `looked_at`: a change after that look would show in its times.
    pub fn settled_by(&self, looked_at: i128, settle: Duration) -> bool {
        let latest = self.modified.max(self.changed);
        latest.saturating_add(settle.as_nanos() as i128) <= looked_at
    }

    pub fn encode(&self, w: &mut Writer) {
        let Fingerprint {
            device,
            inode,
            size,
            modified,
            changed,
        } = *self;
        w.u64_le(device);
        w.u64_le(inode);
        w.u64_le(size);
        encode_nanos(w, modified);
        encode_nanos(w, changed);
    }

    pub fn decode(r: &mut Reader) -> Result<Fingerprint, Corrupt> {
        Ok(Fingerprint {
            device: r.u64_le()?,
            inode: r.u64_le()?,
            size: r.u64_le()?,
            modified: decode_nanos(r)?,
            changed: decode_nanos(r)?,
        })
    }
}

/// Nanoseconds since the Unix epoch of a wall-clock time (negative before it).
pub fn nanos_since_epoch(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

pub fn encode_nanos(w: &mut Writer, nanos: i128) {
    let bytes = nanos.to_le_bytes();
    w.u64_le(u64::from_le_bytes(
        bytes[..8].try_into().unwrap_or_default(),
    ));
    w.u64_le(u64::from_le_bytes(
        bytes[8..].try_into().unwrap_or_default(),
    ));
}

pub fn decode_nanos(r: &mut Reader) -> Result<i128, Corrupt> {
    let low = r.u64_le()?;
    let high = r.u64_le()?;
    Ok(i128::from(low) | (i128::from(high as i64) << 64))
}

#[cfg(unix)]
fn from_metadata(meta: &std::fs::Metadata) -> Fingerprint {
    use std::os::unix::fs::MetadataExt;
    let nanos = |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
    Fingerprint {
        device: meta.dev(),
        inode: meta.ino(),
        size: meta.size(),
        modified: nanos(meta.mtime(), meta.mtime_nsec()),
        changed: nanos(meta.ctime(), meta.ctime_nsec()),
    }
}

#[cfg(not(unix))]
fn from_metadata(meta: &std::fs::Metadata) -> Fingerprint {
    // No inode or change time here: an impossible change time makes every file "just changed",
    // so it is always hashed rather than trusted.
    let modified = meta.modified().map_or(i128::MAX, nanos_since_epoch);
    Fingerprint {
        device: 0,
        inode: 0,
        size: meta.len(),
        modified,
        changed: i128::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_settled_only_a_margin_after_its_last_change() {
        let second = 1_000_000_000i128;
        let print = Fingerprint {
            device: 1,
            inode: 2,
            size: 3,
            modified: 10 * second,
            changed: 20 * second,
        };
        let margin = RACY_MARGIN.as_nanos() as i128;
        assert!(print.settled_by(20 * second + margin, RACY_MARGIN));
        assert!(!print.settled_by(20 * second + margin - 1, RACY_MARGIN));
        assert!(
            !print.settled_by(5 * second, RACY_MARGIN),
            "a clock set back"
        );
        assert!(print.settled_by(20 * second, Duration::ZERO));
    }

    #[test]
    fn fingerprints_round_trip_with_times_before_the_epoch() {
        for modified in [0, -1, i128::from(i64::MIN), 1_700_000_000_123_456_789] {
            let print = Fingerprint {
                device: u64::MAX,
                inode: 7,
                size: 0,
                modified,
                changed: -modified,
            };
            let mut w = Writer::default();
            print.encode(&mut w);
            assert_eq!(Fingerprint::decode(&mut Reader::new(&w.bytes)), Ok(print));
        }
    }

    #[test]
    fn any_write_changes_the_fingerprint() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("journal-a.jsonl");
        std::fs::write(&file, "one\n").unwrap();
        let before = Fingerprint::of(&file).unwrap();
        std::fs::write(&file, "two\n").unwrap();
        let after = Fingerprint::of(&file).unwrap();
        // Same size: only the times tell, unless the write fell in the same clock tick; then the
        // file is within the margin of any look taken now, and so is hashed anyway.
        let now = nanos_since_epoch(SystemTime::now());
        assert!(before != after || !after.settled_by(now, RACY_MARGIN));
    }
}
