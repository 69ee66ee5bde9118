//! The device id: made once per machine, so each machine appends only to its own
//! `journal-<device-id>.jsonl` and record ids never collide. People sync the data dir between
//! machines, so the id file is named after the machine (`device-id.<machine>`): a synced copy of
//! another machine's id file is never taken for this machine's.

use super::StoreError;
use super::fs_util::{
    create_file_whole, create_private_dir, create_private_file, replace_file_privately, sync_dir,
    write_durably,
};
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The id file of earlier versions, shared by every machine that synced it. The first machine
/// to write with this version takes it over (it made the journal named after it, most likely).
pub const DEVICE_ID_FILE: &str = "device-id";

/// Hex digits in a new device id: 48 bits, so two devices practically never pick the same one.
const DEVICE_ID_HEX_DIGITS: usize = 12;

/// Longest machine name used in a file name (a DNS label's limit).
const MACHINE_NAME_MAX: usize = 63;

/// Host names (first label, lower case) that many machines share: no way to tell them apart.
const GENERIC_HOST_NAMES: [&str; 1] = ["localhost"];

/// File, in a machine-local dir, holding a generated name for a machine without a usable host name.
const MACHINE_NAME_FILE: &str = "machine-name";

/// Prefix of a generated machine name (so it cannot be mistaken for a host name).
const GENERATED_PREFIX: &str = "machine_";

/// Which machine this is: names its device-id file in the data dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    name: String,
}

impl Machine {
    /// A machine by name (e.g. its host name), made safe for a file name: the first label of the
    /// host name (`ana-laptop.local` and `ana-laptop` are one machine), lower case, anything but
    /// letters, digits and `-` turned into `_`. None when nothing usable is left or the name is
    /// one many machines share (`localhost`).
    pub fn named(name: &str) -> Option<Machine> {
        let label = name.trim().split('.').next().unwrap_or_default();
        let name: String = label
            .chars()
            .map(|c| match c.to_ascii_lowercase() {
                c @ ('a'..='z' | '0'..='9' | '-') => c,
                _ => '_',
            })
            .take(MACHINE_NAME_MAX)
            .collect();
        let usable = name.chars().any(|c| c.is_ascii_alphanumeric())
            && !GENERIC_HOST_NAMES.contains(&name.as_str());
        usable.then_some(Machine { name })
    }

    /// This machine: its host name, or else a name generated once and kept in `local_dir` (a
    /// directory that is not synced, e.g. the platform's state or cache dir).
    pub fn this(local_dir: Option<&Path>) -> Result<Machine, StoreError> {
        if let Some(machine) = host_name().as_deref().and_then(Machine::named) {
            return Ok(machine);
        }
        let Some(dir) = local_dir else {
            return Err(StoreError::Other(
                "this machine has no usable host name and no home directory to keep a machine name in: set a host name (e.g. with hostnamectl) and try again".into(),
            ));
        };
        generated_machine(dir)
    }

    /// The file name of this machine's device id: `device-id.<machine>`.
    pub fn device_id_file(&self) -> String {
        format!("{DEVICE_ID_FILE}.{}", self.name)
    }
}

/// The platform's machine-local dir for rehab (never the synced data dir).
pub fn default_machine_local_dir() -> Option<PathBuf> {
    let project = directories::ProjectDirs::from("", "", "rehab-coach")?;
    Some(
        project
            .state_dir()
            .unwrap_or_else(|| project.cache_dir())
            .to_path_buf(),
    )
}

#[cfg(unix)]
fn host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: `buf` is valid for writes of `buf.len() - 1` bytes; the last byte stays 0, so the
    // name is NUL-terminated even if the system truncated it.
    let status = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if status != 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0)?;
    String::from_utf8(buf[..end].to_vec()).ok()
}

#[cfg(not(unix))]
fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}

/// A generated machine name, made once and kept in `dir/machine-name`.
fn generated_machine(dir: &Path) -> Result<Machine, StoreError> {
    let path = dir.join(MACHINE_NAME_FILE);
    let read = |path: &Path| -> Result<Option<Machine>, StoreError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Machine::named(text.trim()).map(Some).ok_or_else(|| {
                StoreError::Other(format!(
                    "{}: \"{}\" is not a machine name; move the file away and rehab will make a new one",
                    path.display(),
                    text.trim()
                ))
            }),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io("read", path)(e)),
        }
    };
    if let Some(machine) = read(&path)? {
        return Ok(machine);
    }
    create_private_dir(dir).map_err(StoreError::io("create", dir))?;
    let name = format!("{GENERATED_PREFIX}{}", new_device_id());
    match create_private_file(&path) {
        Ok(mut file) => {
            write_durably(&mut file, format!("{name}\n").as_bytes())
                .map_err(StoreError::io("write", &path))?;
            sync_dir(dir).map_err(StoreError::io("save (fsync)", dir))?;
            Machine::named(&name)
                .ok_or_else(|| StoreError::Other(format!("cannot use machine name {name}")))
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => read(&path)?
            .ok_or_else(|| StoreError::Other(format!("{}: empty machine name", path.display()))),
        Err(e) => Err(StoreError::io("create", &path)(e)),
    }
}

/// This machine's device-id file in the data dir.
pub fn device_id_path(data_dir: &Path, machine: &Machine) -> PathBuf {
    data_dir.join(machine.device_id_file())
}

/// A device id may only hold characters that are safe in file names and record ids.
pub fn is_valid_device_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The id in an id file, None if there is no such file. Never read through a symlink: the id
/// names the file records are appended to.
fn read_id_file(path: &Path) -> Result<Option<String>, StoreError> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(StoreError::Other(format!(
            "{} is a symbolic link: rehab reads its device id only from a real file in the data dir; move the link away (and copy the file it points to in its place, if it is this machine's id)",
            path.display()
        )));
    }
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let id = text.trim();
            if is_valid_device_id(id) {
                Ok(Some(id.to_string()))
            } else {
                Err(StoreError::BadDeviceId {
                    path: path.to_path_buf(),
                    found: id.to_string(),
                })
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("read", path)(e)),
    }
}

/// The machine's device id if one was made already (never creates or moves anything). An
/// old-style `device-id` counts: the machine takes it over on its next write.
pub fn read_device_id_on(data_dir: &Path, machine: &Machine) -> Result<Option<String>, StoreError> {
    match read_id_file(&device_id_path(data_dir, machine))? {
        Some(id) => Ok(Some(id)),
        None => read_id_file(&data_dir.join(DEVICE_ID_FILE)),
    }
}

/// This machine's device id, if one was made already (never creates anything).
pub fn read_device_id(data_dir: &Path) -> Result<Option<String>, StoreError> {
    let machine = Machine::this(default_machine_local_dir().as_deref())?;
    read_device_id_on(data_dir, &machine)
}

/// The machine's device id, made and saved (owner-only) on first use. An old-style `device-id`
/// file is taken over (its id kept, so the journal named after it stays this machine's) and
/// removed, so no other machine takes it too. The file is written whole (temp file, fsync, link
/// or rename): a crash or a full disk never leaves it empty. One left empty or unreadable by an
/// earlier version is replaced when no journal is named after what it holds.
pub fn ensure_device_id(data_dir: &Path, machine: &Machine) -> Result<String, StoreError> {
    let path = device_id_path(data_dir, machine);
    match read_id_file(&path) {
        Ok(Some(id)) => return Ok(id),
        Ok(None) => {}
        Err(StoreError::BadDeviceId { found, .. }) if !journal_named_after(data_dir, &found) => {
            let id = new_device_id();
            replace_file_privately(&path, format!("{id}\n").as_bytes())
                .map_err(StoreError::io("write", &path))?;
            return Ok(id);
        }
        Err(e) => return Err(e),
    }
    let legacy = data_dir.join(DEVICE_ID_FILE);
    let inherited = read_id_file(&legacy)?;
    let id = inherited.clone().unwrap_or_else(new_device_id);
    match create_file_whole(&path, format!("{id}\n").as_bytes()) {
        Ok(()) => {
            if inherited.is_some() {
                match super::fault::point("remove legacy id")
                    .and_then(|()| std::fs::remove_file(&legacy))
                {
                    Err(e) if e.kind() != ErrorKind::NotFound => {
                        return Err(StoreError::io("remove", &legacy)(e));
                    }
                    _ => {}
                }
                sync_dir(data_dir).map_err(StoreError::io("save (fsync)", data_dir))?;
            }
            Ok(id)
        }
        // Another process made it between our read and create: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => read_id_file(&path)?
            .ok_or_else(|| StoreError::Other(format!("{}: empty device id", path.display()))),
        Err(e) => Err(StoreError::io("create", &path)(e)),
    }
}

/// True when some file in the data dir could be a journal written under `found` as the id (so a
/// bad id file must not be replaced: that journal would stop being this machine's).
fn journal_named_after(data_dir: &Path, found: &str) -> bool {
    let found = found.trim();
    !found.is_empty()
        && data_dir
            .join(super::reader::journal_file_name(found))
            .exists()
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

    #[test]
    fn machine_names_are_safe_file_name_parts() {
        let file = |name: &str| Machine::named(name).map(|m| m.device_id_file());
        assert_eq!(file("Ana-Laptop"), Some("device-id.ana-laptop".into()));
        assert_eq!(
            file("ana-laptop.local"),
            Some("device-id.ana-laptop".into())
        );
        assert_eq!(file("büro pc/2"), Some("device-id.b_ro_pc_2".into()));
        assert_eq!(
            file(&"x".repeat(300)).map(|f| f.len()),
            Some("device-id.".len() + MACHINE_NAME_MAX)
        );
        for unusable in [
            "",
            "  ",
            ".local",
            "___",
            "localhost",
            "LOCALHOST.localdomain",
        ] {
            assert_eq!(file(unusable), None, "{unusable:?}");
        }
    }

    #[test]
    fn a_machine_without_a_host_name_keeps_its_generated_name() {
        let tmp = tempfile::tempdir().unwrap();
        let local = tmp.path().join("state");
        let first = generated_machine(&local).unwrap();
        assert!(first.name.starts_with(GENERATED_PREFIX), "{first:?}");
        assert_eq!(generated_machine(&local).unwrap(), first);
        let other = generated_machine(&tmp.path().join("elsewhere")).unwrap();
        assert_ne!(other, first);
    }

    #[test]
    fn this_machine_has_a_usable_name() {
        let tmp = tempfile::tempdir().unwrap();
        let machine = Machine::this(Some(tmp.path())).unwrap();
        assert!(Machine::named(&machine.name).is_some(), "{machine:?}");
    }
}
