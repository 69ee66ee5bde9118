//! Reading runs from a watch's or phone's activity files: FIT (Garmin, Coros), GPX (Strava),
//! TCX (Garmin Connect), each also gzip-compressed as Strava's bulk export ships them. The formats
//! are read by well-kept parsers (`fitparser`, `gpx`, `quick-xml`); this module only takes from
//! them the few facts the coach needs. No journal here: `app::import_runs` decides what is new.

mod files;
mod fit;
mod gpx_file;
mod sport;
mod tcx;
mod track;

pub use files::{activity_files, is_activity_file, read_file};
pub use sport::Sport;

use chrono::{DateTime, Utc};

/// Bigger than any watch's activity (a 24-hour FIT file is a few MiB): a file past this, or one
/// that unpacks past it, is refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One activity as its file describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub started: DateTime<Utc>,
    /// The recording device as the file names it, e.g. `garmin/fenix5/3945849289`; "unknown"
    /// when the file does not say.
    pub device: String,
    pub sport: Sport,
    /// Moving time: the watch's timer (pauses left out), or for a bare track the time spent
    /// moving between its points.
    pub moving_seconds: f64,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<u32>,
    pub ascent_m: Option<f64>,
}

impl Activity {
    /// Start time and device: the same activity read from another copy of the file (or a folder
    /// imported again) gives the same fingerprint.
    pub fn fingerprint(&self) -> String {
        format!(
            "{} {}",
            self.started.format("%Y-%m-%dT%H:%M:%SZ"),
            self.device
        )
    }
}

/// The formats read, by the file name's ending (after any `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Fit,
    Gpx,
    Tcx,
}

impl Format {
    /// The format a file name says (`run.fit`, `run.GPX`, `run.tcx.gz`), and whether it is gzipped.
    pub fn of_name(name: &str) -> Option<(Format, bool)> {
        let lower = name.to_ascii_lowercase();
        let (stem, gz) = match lower.strip_suffix(".gz") {
            Some(stem) => (stem, true),
            None => (lower.as_str(), false),
        };
        let format = match stem.rsplit_once('.')?.1 {
            "fit" => Format::Fit,
            "gpx" => Format::Gpx,
            "tcx" => Format::Tcx,
            _ => return None,
        };
        Some((format, gz))
    }
}

/// The activities in a file's bytes (already unpacked), or what is wrong with them in words that
/// follow the file's name ("not a complete FIT file: …").
pub fn read_bytes(format: Format, bytes: &[u8]) -> Result<Vec<Activity>, String> {
    match format {
        Format::Fit => fit::read(bytes),
        Format::Gpx => gpx_file::read(bytes),
        Format::Tcx => tcx::read(bytes),
    }
}
