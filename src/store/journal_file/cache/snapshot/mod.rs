//! The history snapshot: the History replayed from the journal, kept in the cache dir, so a
//! start decodes one History instead of decoding (or parsing) every record and replaying them.
//!
//! It stands for each journal file's first `covered` bytes, as the journal cache does, and is
//! checked the same way (a hash of exactly those bytes), except that a file whose fingerprint
//! (`fingerprint.rs`: what `stat` says) is the one recorded, and settled, is trusted without
//! being read. Lines added since are parsed and added to the History with `History::extend`,
//! which refuses anything that could change the past (a correction, a record from another
//! device dated before the last one replayed): then the journal is read and replayed in full, as
//! without a snapshot, and a new snapshot written. A snapshot never fails or changes a read.

mod file;
mod fingerprint;

pub use fingerprint::RACY_MARGIN;

use super::super::reader::{classify_dir, parse_into};
use super::super::{JournalRead, LineProblem, StoreError, read_journal};
use super::layout::{Coverage, JournalHasher};
use super::prefix::read_after;
use super::{CacheWrite, JournalCache, read_journal_covering, store};
use crate::domain::history::{History, NotExtendable};
use crate::domain::records::{Record, RecordBody};
use chrono::NaiveDate;
use file::{SnapshotProblem, Source};
use fingerprint::{Fingerprint, nanos_since_epoch};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The journal replayed.
#[derive(Debug, Clone, Default)]
pub struct HistoryRead {
    pub history: History,
    pub problems: Vec<LineProblem>,
    /// The journal files read, sorted by name.
    pub files: Vec<PathBuf>,
    /// Files that look like journals but are not read (see `JournalRead::unread`).
    pub unread: Vec<PathBuf>,
    /// The start day of the earliest programme choice in the whole journal, even one about a
    /// day after `until`.
    pub first_programme_start: Option<NaiveDate>,
}

/// How the snapshot served one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotUse {
    /// The cache is off.
    Off,
    /// The snapshot served: `hashed` files were read to check them (the others were trusted by
    /// their fingerprints), and `parsed_lines` lines added since were parsed and replayed.
    Hit { hashed: usize, parsed_lines: usize },
    /// The snapshot could not be used (`why`): the journal was read and replayed in full.
    Miss { why: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotReport {
    pub used: SnapshotUse,
    pub write: CacheWrite,
}

/// The journal replayed, as `History::replay(read_journal(..).records)` gives it (leaving out
/// records about days after `until`, corrections apart), through the history snapshot.
pub fn read_history_cached(
    data_dir: &Path,
    cache: &JournalCache,
    until: Option<NaiveDate>,
) -> Result<HistoryRead, StoreError> {
    read_history_reporting(data_dir, cache, until).map(|(read, _)| read)
}

/// `read_history_cached`, also saying how the snapshot served (for tests and benches).
pub fn read_history_reporting(
    data_dir: &Path,
    cache: &JournalCache,
    until: Option<NaiveDate>,
) -> Result<(HistoryRead, SnapshotReport), StoreError> {
    let Some(snapshot) = cache.snapshot_file() else {
        let read = replayed(read_journal(data_dir)?, until);
        let report = SnapshotReport {
            used: SnapshotUse::Off,
            write: CacheWrite::NotNeeded,
        };
        return Ok((read, report));
    };
    let (files, strays) = classify_dir(data_dir)?;
    // Before any file is looked at: a change after this shows in a settled file's fingerprint.
    let looked_at = nanos_since_epoch(SystemTime::now());
    let looks = Looks {
        prints: files.iter().map(|f| Fingerprint::of(f)).collect(),
        files,
        looked_at,
    };
    match from_snapshot(data_dir, &snapshot, &looks, cache.settle(), until)? {
        Ok(served) => {
            let Served {
                history,
                problems,
                hashed,
                parsed_lines,
                renewed,
            } = served;
            let write = match renewed {
                Some(bytes) => write(&snapshot, &bytes),
                None => CacheWrite::NotNeeded,
            };
            let first_programme_start = first_start(&history);
            let read = HistoryRead {
                history,
                problems,
                files: looks.files,
                unread: strays,
                first_programme_start,
            };
            let used = SnapshotUse::Hit {
                hashed,
                parsed_lines,
            };
            Ok((read, SnapshotReport { used, write }))
        }
        Err(why) => {
            let (read, covered) = read_journal_covering(data_dir, cache)?;
            let sources = sources_of(&looks, &read.files, covered.into_iter().map(|(_, c)| c));
            let problems = cached_problems(&read.problems);
            let all_known =
                until.is_none_or(|until| read.records.iter().all(|r| known_on(r, until)));
            let read = replayed(read, until);
            let write = match sources {
                Some(sources) if all_known => write(
                    &snapshot,
                    &file::encode(looks.looked_at, &sources, &problems, &read.history, None),
                ),
                // A snapshot is of the whole journal, not of the part known on an earlier day.
                _ => CacheWrite::NotNeeded,
            };
            let used = SnapshotUse::Miss { why };
            Ok((read, SnapshotReport { used, write }))
        }
    }
}

/// Acting as a day (`--date`) means knowing only what was recorded about that day and earlier.
/// Corrections always count: they fix facts, whenever they were made.
pub fn known_on(record: &Record, until: NaiveDate) -> bool {
    record.date <= until || matches!(record.body, RecordBody::Correction { .. })
}

/// A read replayed, leaving out what is not known on `until`.
fn replayed(read: JournalRead, until: Option<NaiveDate>) -> HistoryRead {
    let JournalRead {
        records,
        problems,
        files,
        unread,
    } = read;
    let all_known = until.is_none_or(|until| records.iter().all(|r| known_on(r, until)));
    let (history, first_programme_start) = if all_known {
        let history = History::replay(records);
        // As the snapshot gives it: from the History, corrections applied.
        let first = first_start(&history);
        (history, first)
    } else {
        // Choices about days after `until` are not in the History, but count here.
        let first = records
            .iter()
            .filter_map(|r| match &r.body {
                RecordBody::ProgrammeChosen { start, .. } => Some(*start),
                _ => None,
            })
            .min();
        let known = records
            .into_iter()
            .filter(|r| until.is_none_or(|until| known_on(r, until)));
        (History::replay(known), first)
    };
    HistoryRead {
        history,
        problems,
        files,
        unread,
        first_programme_start,
    }
}

fn first_start(history: &History) -> Option<NaiveDate> {
    history.choices.iter().map(|c| c.start).min()
}

/// The journal files and what `stat` said about each before any was read.
struct Looks {
    files: Vec<PathBuf>,
    prints: Vec<Option<Fingerprint>>,
    looked_at: i128,
}

/// What the snapshot gave, and the bytes of a new one if it is worth writing.
struct Served {
    history: History,
    problems: Vec<LineProblem>,
    hashed: usize,
    parsed_lines: usize,
    renewed: Option<Vec<u8>>,
}

/// The History from the snapshot and the lines added since, or why the snapshot cannot serve.
/// Only the journal's own I/O errors are errors: they would fail a read without a snapshot too.
fn from_snapshot(
    data_dir: &Path,
    path: &Path,
    looks: &Looks,
    settle: Duration,
    until: Option<NaiveDate>,
) -> Result<Result<Served, String>, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Err("no snapshot yet".into())),
        Err(e) => return Ok(Err(format!("cannot read {}: {e}", path.display()))),
    };
    let parsed = match file::parse(&bytes) {
        Ok(parsed) => parsed,
        Err(corrupt) => return Ok(Err(format!("snapshot unusable: {corrupt}"))),
    };
    if !same_files(&parsed.sources, &looks.files) {
        return Ok(Err("journal files were added or removed".into()));
    }
    // A file is read only if its fingerprint does not show it unchanged since the snapshot.
    let unsure: Vec<bool> = parsed
        .sources
        .iter()
        .zip(&looks.prints)
        .map(|(source, print)| {
            *print != Some(source.fingerprint)
                || source.fingerprint.size != source.coverage.len
                || !source.fingerprint.settled_by(parsed.looked_at, settle)
        })
        .collect();
    let read_unsure = || -> Result<Vec<Option<Checked>>, StoreError> {
        let mut checked = Vec::new();
        for ((file, source), unsure) in looks.files.iter().zip(&parsed.sources).zip(&unsure) {
            checked.push(if *unsure {
                let after =
                    read_after(file, source.coverage).map_err(StoreError::io("read", file))?;
                Some(after.map_or(Checked::Changed, |(hasher, tail)| {
                    Checked::Tail(Box::new(hasher), tail)
                }))
            } else {
                None
            });
        }
        Ok(checked)
    };
    let (checked, decoded) = if unsure.contains(&true) {
        // Hash the journal on one thread while the snapshot decodes on the others.
        std::thread::scope(|scope| {
            let checked = scope.spawn(read_unsure);
            let decoded = parsed.decode();
            let checked = checked
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (checked, decoded)
        })
    } else {
        (read_unsure(), parsed.decode())
    };
    let checked = checked?;
    let file::Decoded {
        problems: mut snapshot_problems,
        mut history,
        chunks,
    } = match decoded {
        Ok(decoded) => decoded,
        Err(corrupt) => return Ok(Err(format!("snapshot unusable: {corrupt}"))),
    };
    if checked.iter().any(|c| matches!(c, Some(Checked::Changed))) {
        return Ok(Err(
            "the journal changed within the part the snapshot covers".into(),
        ));
    }
    if until.is_some_and(|until| history.last_day.is_some_and(|last| last > until)) {
        return Ok(Err("acting as a day before the last one recorded".into()));
    }

    // The lines added since, parsed as a read without a cache would.
    let mut added = JournalRead::default();
    let mut sources = parsed.sources.clone();
    for (((file, source), checked), print) in looks
        .files
        .iter()
        .zip(&mut sources)
        .zip(checked)
        .zip(&looks.prints)
    {
        let Some(Checked::Tail(mut hasher, tail)) = checked else {
            continue;
        };
        let lines_before = usize::try_from(source.coverage.lines).unwrap_or(usize::MAX);
        parse_into(file, &tail, lines_before, &mut added, |_, _| {});
        let whole = memchr::memrchr(b'\n', &tail).map_or(0, |end| end + 1);
        hasher.update(&tail[..whole]);
        source.coverage = Coverage {
            len: source.coverage.len + whole as u64,
            hash: hasher.digest(),
            lines: source.coverage.lines
                + memchr::memchr_iter(b'\n', &tail[..whole]).count() as u64,
        };
        match print {
            Some(print) => source.fingerprint = *print,
            // Cannot be looked at, yet was read: recorded as never settled, so it is hashed.
            None => source.fingerprint.changed = i128::MAX,
        }
    }
    if let Some(until) = until
        && added.records.iter().any(|r| !known_on(r, until))
    {
        return Ok(Err("acting as a day before the last one recorded".into()));
    }
    let parsed_lines = added.records.len() + added.problems.len();
    let sessions_unchanged = match history.extend(added.records) {
        Ok(extended) => extended.sessions_unchanged,
        Err(why) => return Ok(Err(not_extendable(&why).into())),
    };

    let mut problems: Vec<LineProblem> = snapshot_problems
        .iter()
        .map(|p| LineProblem {
            file: data_dir.join(&p.file_name),
            line: p.line,
            error: p.error.clone(),
            text: p.text.clone(),
            torn: false,
        })
        .collect();
    snapshot_problems.extend(cached_problems(&added.problems));
    problems.append(&mut added.problems);
    // File and line order, as a read without a snapshot gives them.
    problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));

    let grew = sources
        .iter()
        .zip(&parsed.sources)
        .any(|(now, before)| now.coverage.len != before.coverage.len);
    // A file checked by its hash because it had changed just before the last look: once it has
    // settled, a snapshot recording that spares the next start the hashing.
    let now_settled = unsure
        .iter()
        .zip(&sources)
        .any(|(unsure, source)| *unsure && source.fingerprint.settled_by(looks.looked_at, settle));
    let renewed = (grew || now_settled).then(|| {
        let reuse = file::Reuse {
            chunks: &chunks,
            sessions_unchanged,
        };
        file::encode(
            looks.looked_at,
            &sources,
            &snapshot_problems,
            &history,
            Some(reuse),
        )
    });
    Ok(Ok(Served {
        history,
        problems,
        hashed: unsure.iter().filter(|u| **u).count(),
        parsed_lines,
        renewed,
    }))
}

/// One unsure file after reading it: changed within the covered part, or the bytes after it
/// with the hash state over the covered part.
enum Checked {
    Changed,
    Tail(Box<JournalHasher>, Vec<u8>),
}

fn same_files(sources: &[Source], files: &[PathBuf]) -> bool {
    sources.len() == files.len()
        && sources
            .iter()
            .zip(files)
            .all(|(source, file)| file.file_name().is_some_and(|name| *name == *source.name))
}

/// The sources of a full read, if every file read was looked at first and covered.
fn sources_of(
    looks: &Looks,
    files_read: &[PathBuf],
    covered: impl Iterator<Item = Option<Coverage>>,
) -> Option<Vec<Source>> {
    if looks.files != files_read {
        return None;
    }
    looks
        .files
        .iter()
        .zip(&looks.prints)
        .zip(covered)
        .map(|((file, print), coverage)| {
            Some(Source {
                name: file.file_name()?.to_str()?.to_string(),
                coverage: coverage?,
                fingerprint: (*print)?,
            })
        })
        .collect()
}

/// The problems a snapshot keeps: those of whole lines (a torn last line is parsed each time).
fn cached_problems(problems: &[LineProblem]) -> Vec<SnapshotProblem> {
    problems
        .iter()
        .filter(|p| !p.torn)
        .filter_map(|p| {
            Some(SnapshotProblem {
                file_name: p.file.file_name()?.to_str()?.to_string(),
                line: p.line,
                error: p.error.clone(),
                text: p.text.clone(),
            })
        })
        .collect()
}

fn not_extendable(why: &NotExtendable) -> &'static str {
    match why {
        NotExtendable::OutOfOrder => "a record added is dated before the last one replayed",
        NotExtendable::Correction => "a correction was added",
        NotExtendable::PendingCorrectionProblems => {
            "the journal has corrections that did not apply"
        }
        NotExtendable::DuplicateSessionIds => "two sessions share an id",
    }
}

fn write(path: &Path, bytes: &[u8]) -> CacheWrite {
    match store(path, bytes) {
        Ok(()) => CacheWrite::Written,
        Err(e) => CacheWrite::Failed {
            why: format!("cannot write {}: {e}", path.display()),
        },
    }
}
