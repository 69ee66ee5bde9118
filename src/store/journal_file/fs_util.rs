//! Small file helpers: owner-only permissions and durable writes.

use super::fault::point;
use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// Permissions for the data dir: only the owner may list or enter it.
#[cfg(unix)]
pub const PRIVATE_DIR_MODE: u32 = 0o700;
/// Permissions for journal files: only the owner may read or write them.
#[cfg(unix)]
pub const PRIVATE_FILE_MODE: u32 = 0o600;

/// Create a directory (and its parents) readable by the owner only. An existing dir is left as is.
pub fn create_private_dir(path: &Path) -> io::Result<()> {
    point("create dir")?;
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(PRIVATE_DIR_MODE);
    builder.create(path)
}

fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    options.mode(PRIVATE_FILE_MODE);
    options
}

/// Create a new owner-only file; fails if it exists.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    point("create file")?;
    private_options().write(true).create_new(true).open(path)
}

/// Open (creating owner-only if missing) a file for appending and reading.
pub fn open_private_append(path: &Path) -> io::Result<File> {
    point("open (create) for append")?;
    private_options()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
}

/// Open (creating owner-only if missing) a file without truncating it.
pub fn open_private_rw(path: &Path) -> io::Result<File> {
    point("open (create) read-write")?;
    private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Write everything and wait until it is on disk.
pub fn write_durably(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    point("write")?;
    file.write_all(bytes)?;
    point("fsync")?;
    file.sync_all()
}

/// Make a rename or a new file in `dir` durable (the directory entry itself).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    point("fsync dir")?;
    File::open(dir)?.sync_all()
}

/// A temp file next to `path`, owner-only, not there before (`.NAME.tmp-PID-N`).
fn create_temp_beside(path: &Path) -> io::Result<(std::path::PathBuf, File)> {
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(format!(".{name}.tmp-{}-{attempt}", std::process::id()));
        match create_private_file(&temp) {
            Ok(file) => {
                // 0600 even under an unusual umask (e.g. 0277): the file holds health data.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    point("chmod")?;
                    file.set_permissions(std::fs::Permissions::from_mode(PRIVATE_FILE_MODE))?;
                }
                return Ok((temp, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// The directory `path` is in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Write `bytes` to a new owner-only temp file beside `path`, fsync it, and call `place` to put
/// it at `path` (a rename, or a link that fails if `path` exists). The temp file is removed
/// whatever happens, so a crash or a full disk never leaves `path` half written.
fn write_whole_then(
    path: &Path,
    bytes: &[u8],
    place: impl FnOnce(&Path, &Path) -> io::Result<()>,
) -> io::Result<()> {
    let (temp, mut file) = create_temp_beside(path)?;
    let placed = write_durably(&mut file, bytes)
        .and_then(|()| point("rename or link"))
        .and_then(|()| place(&temp, path));
    // A failed removal leaves only a hidden temp file, which no reader takes for a journal.
    let _ = point("remove temp").and_then(|()| std::fs::remove_file(&temp));
    placed?;
    sync_dir(parent_dir(path))
}

/// Replace (or create) `path` with `bytes`, owner-only (0600 whatever the umask), written whole
/// to a temp file and renamed: readers see the old file or the new one, never part of it.
pub fn replace_file_privately(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_whole_then(path, bytes, |temp, path| std::fs::rename(temp, path))
}

/// Create `path` holding `bytes` only if nothing is there, written whole first: a hard link of
/// the complete temp file (fails with `AlreadyExists` if another process made it first). Where
/// hard links are not supported, a rename (the last of two racing writers wins).
pub fn create_file_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_whole_then(path, bytes, |temp, path| {
        match std::fs::hard_link(temp, path) {
            Err(e) if e.kind() == io::ErrorKind::Unsupported => std::fs::rename(temp, path),
            other => other,
        }
    })
}
