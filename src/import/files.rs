//! Finding activity files under the paths given, and reading one (unpacking `.gz` first).

use super::{Activity, Format, MAX_FILE_BYTES, read_bytes};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Folders are searched this deep (Strava's bulk export keeps its files in `activities/`).
const MAX_DEPTH: usize = 4;

/// True for a name ending in .fit, .gpx or .tcx, each possibly followed by .gz.
pub fn is_activity_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(Format::of_name)
        .is_some()
}

/// The activity files under `paths`, in name order within each folder: a file given by name is
/// taken whatever it ends with (and then refused by `read_file` if the format is unknown), a
/// folder gives the activity files in it and its sub-folders. A path that cannot be read gives
/// an error naming it; the others still come.
pub fn activity_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, String>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, 0, &mut out);
        } else if path.exists() {
            out.push(Ok(path.clone()));
        } else {
            out.push(Err(format!("{}: no such file or folder", path.display())));
        }
    }
    out
}

fn walk(folder: &Path, depth: usize, out: &mut Vec<Result<PathBuf, String>>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Err(format!(
                "{}: cannot list the folder ({e})",
                folder.display()
            )));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Not following links to folders: a link back up would never end.
        let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if is_dir && depth < MAX_DEPTH {
            walk(&path, depth + 1, out);
        } else if !is_dir && is_activity_file(&path) {
            out.push(Ok(path));
        }
    }
}

/// The activities in one file, or what is wrong with it (in words to follow its name).
pub fn read_file(path: &Path) -> Result<Vec<Activity>, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some((format, gzipped)) = Format::of_name(name) else {
        return Err(
            "not an activity file: rehab reads .fit, .gpx and .tcx files (also .gz)".into(),
        );
    };
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open ({e})"))?;
    let bytes = if gzipped {
        read_limited(flate2::read::GzDecoder::new(file))
            .map_err(|e| format!("cannot unpack the .gz ({e})"))?
    } else {
        read_limited(file).map_err(|e| format!("cannot read ({e})"))?
    };
    read_bytes(format, &bytes)
}

/// All of `reader`, refused past `MAX_FILE_BYTES`.
fn read_limited(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB, too large for an activity",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}
