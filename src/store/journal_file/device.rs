//! The device id: made once per data dir copy and kept in `<data>/device-id`, so each machine
//! appends only to its own `journal-<device-id>.jsonl` and record ids never collide.

use super::StoreError;
use super::fs_util::{create_private_file, sync_dir, write_durably};
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// File in the data dir that holds this device's id.
pub const DEVICE_ID_FILE: &str = "device-id";

/// Hex digits in a new device id: 48 bits, so two devices practically never pick the same one.
const DEVICE_ID_HEX_DIGITS: usize = 12;

pub fn device_id_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DEVICE_ID_FILE)
}

/// A device id may only hold characters that are safe in file names and record ids.
pub fn is_valid_device_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The device id if one was made already (never creates anything).
pub fn read_device_id(data_dir: &Path) -> Result<Option<String>, StoreError> {
    let path = device_id_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let id = text.trim();
            if is_valid_device_id(id) {
                Ok(Some(id.to_string()))
            } else {
                Err(StoreError::BadDeviceId {
                    path,
                    found: id.to_string(),
                })
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("read", &path)(e)),
    }
}

/// The device id, made and saved (owner-only) on first use.
pub fn ensure_device_id(data_dir: &Path) -> Result<String, StoreError> {
    if let Some(id) = read_device_id(data_dir)? {
        return Ok(id);
    }
    let path = device_id_path(data_dir);
    let id = new_device_id();
    match create_private_file(&path) {
        Ok(mut file) => {
            write_durably(&mut file, format!("{id}\n").as_bytes())
                .map_err(StoreError::io("write", &path))?;
            sync_dir(data_dir).map_err(StoreError::io("save (fsync)", data_dir))?;
            Ok(id)
        }
        // Another process made it between our read and create: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => read_device_id(data_dir)?
            .ok_or_else(|| StoreError::Other(format!("{}: empty device id", path.display()))),
        Err(e) => Err(StoreError::io("create", &path)(e)),
    }
}

/// A random lower-case hex id. `RandomState` is seeded from the OS per process; the clock and the
/// process id are mixed in as well.
fn new_device_id() -> String {
    let mut hasher = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    let hex = format!("{:016x}", hasher.finish());
    hex[..DEVICE_ID_HEX_DIGITS].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_valid_and_differ() {
        let a = new_device_id();
        let b = new_device_id();
        assert!(is_valid_device_id(&a), "{a}");
        assert_eq!(a.len(), DEVICE_ID_HEX_DIGITS);
        assert_ne!(a, b);
    }

    #[test]
    fn ids_with_path_or_id_separators_are_refused() {
        for bad in ["", "a-b", "a/b", "a.b", "a b"] {
            assert!(!is_valid_device_id(bad), "{bad:?}");
        }
    }
}
