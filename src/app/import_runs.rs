//! Importing runs from activity files into the journal, for `rehab import runs` and for the
//! app's `runs_folder`: one `run_logged` record per new run or walk, none for an activity
//! already imported (same fingerprint, or the same start from another file of it).

use crate::app::journal::Journal;
use crate::domain::config::Units;
use crate::domain::records::{ImportedRun, RecordBody};
use crate::import::{Activity, activity_files, read_file};
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Two activities starting this close (seconds) are one activity exported twice (a FIT from the
/// watch and a GPX of it from Strava name the device differently).
const SAME_START_SECONDS: i64 = 60;
/// Longer than this is not a run the coach can count (as `rehab log run` refuses it).
const MAX_MINUTES: f64 = 24.0 * 60.0;

/// What an import did, in lines to show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// One line per run added, e.g. "run.fit: run on 2026-03-02, 5.0 km in 27.5 min, pain not rated".
    pub imported: Vec<String>,
    /// Activities already in the journal.
    pub already: usize,
    /// Files with no activity in them (a watch's settings or monitoring files).
    pub without_activity: usize,
    /// One line per activity left out, with why (a ride, dated after today).
    pub skipped: Vec<String>,
    /// One line per file or folder that could not be read, naming it and what is wrong.
    pub errors: Vec<String>,
}

impl ImportReport {
    /// "2 runs imported (1 already in the journal, 1 skipped, 1 file not readable)".
    pub fn summary(&self) -> String {
        let count = self.imported.len();
        let mut extra = Vec::new();
        if self.already > 0 {
            extra.push(format!("{} already in the journal", self.already));
        }
        if self.without_activity > 0 {
            extra.push(format!(
                "{} with no activity",
                plural(self.without_activity, "file", "files")
            ));
        }
        if !self.skipped.is_empty() {
            extra.push(format!("{} skipped", self.skipped.len()));
        }
        if !self.errors.is_empty() {
            extra.push(format!(
                "{} not readable",
                plural(self.errors.len(), "file", "files")
            ));
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" ({})", extra.join(", "))
        };
        format!("{} imported{extra}", plural(count, "run", "runs"))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Import the runs of the config's `runs_folder` as the app opens: the line for the footer
/// ("2 runs imported from ~/Downloads"), or None when nothing came in and nothing went wrong
/// (a watch not plugged in, its folder missing, is not news).
pub fn import_folder_on_open(
    journal: &mut dyn Journal,
    folder: &Path,
    shown_as: &str,
    today: NaiveDate,
    units: Units,
) -> Option<String> {
    if !folder.is_dir() {
        return None;
    }
    let report = import_runs(journal, &[folder.to_path_buf()], today, units);
    let unreadable = if report.errors.is_empty() {
        String::new()
    } else {
        format!(
            "; {} not readable (`rehab import runs {shown_as}` says why)",
            plural(report.errors.len(), "file", "files")
        )
    };
    let rate = if report.imported.is_empty() {
        ""
    } else {
        ": rate their pain at the check-in"
    };
    (!report.imported.is_empty() || !report.errors.is_empty()).then(|| {
        format!(
            "{} imported from {shown_as}{rate}{unreadable}",
            plural(report.imported.len(), "run", "runs")
        )
    })
}

/// Import every activity file under `paths` into `journal`. A file that cannot be read is
/// reported and the rest still come; only a journal that cannot be written stops the import.
pub fn import_runs(
    journal: &mut dyn Journal,
    paths: &[PathBuf],
    today: NaiveDate,
    units: Units,
) -> ImportReport {
    let mut report = ImportReport::default();
    let mut known = Known::of(journal);
    for found in activity_files(paths) {
        let path = match found {
            Ok(path) => path,
            Err(error) => {
                report.errors.push(error);
                continue;
            }
        };
        let activities = match read_file(&path) {
            Ok(activities) => activities,
            Err(error) => {
                report.errors.push(format!("{}: {error}", path.display()));
                continue;
            }
        };
        if activities.is_empty() {
            report.without_activity += 1;
        }
        for activity in activities {
            if let Err(error) = add(
                journal,
                &path,
                &activity,
                today,
                units,
                &mut known,
                &mut report,
            ) {
                report.errors.push(error);
                return report;
            }
        }
    }
    report
}

/// The runs already imported: fingerprints and start times.
struct Known {
    fingerprints: HashSet<String>,
    starts: Vec<DateTime<Utc>>,
}

impl Known {
    fn of(journal: &dyn Journal) -> Known {
        let imported = journal
            .history()
            .runs
            .iter()
            .filter_map(|r| r.imported.as_ref());
        let mut known = Known {
            fingerprints: HashSet::new(),
            starts: Vec::new(),
        };
        for run in imported {
            known.fingerprints.insert(run.fingerprint.clone());
            known.starts.push(run.started.with_timezone(&Utc));
        }
        known
    }

    fn has(&self, activity: &Activity) -> bool {
        self.fingerprints.contains(&activity.fingerprint())
            || self
                .starts
                .iter()
                .any(|s| (*s - activity.started).num_seconds().abs() < SAME_START_SECONDS)
    }

    fn add(&mut self, activity: &Activity) {
        self.fingerprints.insert(activity.fingerprint());
        self.starts.push(activity.started);
    }
}

/// Add one activity unless it is skipped or known; Err only when the journal cannot be written.
fn add(
    journal: &mut dyn Journal,
    path: &Path,
    activity: &Activity,
    today: NaiveDate,
    units: Units,
    known: &mut Known,
    report: &mut ImportReport,
) -> Result<(), String> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let started = activity.started.with_timezone(&Local).fixed_offset();
    let date = started.date_naive();
    let Some(sport) = activity.sport.journal_word() else {
        let why = activity.sport.skip_reason().unwrap_or_default();
        report
            .skipped
            .push(format!("{file}: skipped, {why} ({date})"));
        return Ok(());
    };
    let minutes = activity.moving_seconds / 60.0;
    if date > today {
        report
            .skipped
            .push(format!("{file}: skipped, dated {date}, after today"));
        return Ok(());
    }
    if minutes > MAX_MINUTES {
        report.skipped.push(format!(
            "{file}: skipped, {minutes:.0} minutes is longer than a day"
        ));
        return Ok(());
    }
    if known.has(activity) {
        report.already += 1;
        return Ok(());
    }
    // To the metre and the second: a watch's decimals beyond that are noise.
    let km = activity.distance_m.map(|m| m.round() / 1000.0);
    let minutes = (activity.moving_seconds.round() / 60.0 * 1e4).round() / 1e4;
    let body = RecordBody::RunLogged {
        minutes,
        km,
        rpe: None,
        pain: None,
        imported: Some(Box::new(ImportedRun {
            file: file.clone(),
            fingerprint: activity.fingerprint(),
            started,
            sport: sport.into(),
            avg_hr: activity.avg_hr,
            ascent_m: activity.ascent_m,
        })),
    };
    journal
        .append(date, body)
        .map_err(|e| format!("cannot save the run from {file} ({e}); nothing more was imported"))?;
    known.add(activity);
    let distance = km.map_or_else(String::new, |km| format!("{} in ", units.show(km)));
    let hr = activity
        .avg_hr
        .map_or_else(String::new, |hr| format!(", average heart rate {hr}"));
    report.imported.push(format!(
        "{file}: {sport} on {date}, {distance}{minutes:.1} min{hr}; pain not rated"
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::journal::MemoryJournal;
    use crate::domain::records::RecordBody;

    const RUN_GPX: &str = r#"<?xml version="1.0"?><gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>
<trkpt lat="51.0" lon="0.0"><time>2026-03-02T12:00:00Z</time></trkpt>
<trkpt lat="51.01" lon="0.0"><time>2026-03-02T12:06:00Z</time></trkpt></trkseg></trk></gpx>"#;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    /// The app's runs_folder: imported once with a footer line, then nothing to say; a missing
    /// folder (a watch not plugged in) says nothing.
    #[test]
    fn the_runs_folder_is_imported_once_and_said_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("run.gpx"), RUN_GPX).unwrap();
        std::fs::write(dir.path().join("bad.tcx"), "<TrainingCenterDatabase").unwrap();
        let mut journal = MemoryJournal::new(Vec::new());
        let said = import_folder_on_open(&mut journal, dir.path(), "~/Runs", day(5), Units::Km);
        assert_eq!(
            said.as_deref(),
            Some(
                "1 run imported from ~/Runs: rate their pain at the check-in; 1 file not readable (`rehab import runs ~/Runs` says why)"
            )
        );
        let runs = &journal.history().runs;
        assert_eq!(runs.len(), 1);
        assert!(runs[0].pain_unrated());
        assert!((runs[0].km.unwrap() - 1.112).abs() < 0.01, "{:?}", runs[0]);
        std::fs::remove_file(dir.path().join("bad.tcx")).unwrap();
        let again = import_folder_on_open(&mut journal, dir.path(), "~/Runs", day(5), Units::Km);
        assert_eq!(again, None);
        assert_eq!(journal.history().runs.len(), 1);
        let missing = dir.path().join("not-mounted");
        assert_eq!(
            import_folder_on_open(&mut journal, &missing, "x", day(5), Units::Km),
            None
        );
    }

    #[test]
    fn a_run_dated_after_today_is_left_for_later() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("run.gpx"), RUN_GPX).unwrap();
        let mut journal = MemoryJournal::new(Vec::new());
        let report = import_runs(&mut journal, &[dir.path().to_path_buf()], day(1), Units::Mi);
        assert_eq!(report.imported.len(), 0);
        assert!(report.skipped[0].contains("after today"), "{report:?}");
        let report = import_runs(&mut journal, &[dir.path().to_path_buf()], day(2), Units::Mi);
        assert!(
            report.imported[0].contains("0.7 mi in 6.0 min"),
            "{report:?}"
        );
        assert!(matches!(
            journal.records()[0].body,
            RecordBody::RunLogged {
                pain: None,
                rpe: None,
                ..
            }
        ));
    }
}
