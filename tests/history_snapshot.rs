//! The history snapshot on real files: whatever state it or the journal is in, reading the
//! History through it gives exactly what replaying every parsed line gives (the History, the
//! problems with file, line, error, text and torn mark, files, unread, the first programme
//! start), and the snapshot is used, trusted unread or checked by hash, when it can be.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/journal_lines.rs"]
mod lines;

use chrono::NaiveDate;
use lines::{append, chosen_line, mixed_lines, record_line};
use proptest::prelude::*;
use rehab_coach::domain::history::History;
use rehab_coach::store::journal_file::{
    CacheWrite, HistoryRead, JournalCache, SnapshotUse, journal_file_name, known_on,
    read_history_reporting, read_journal,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A data dir and a cache root side by side in one temp dir.
struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: JournalCache,
}

impl Setup {
    /// A snapshot that trusts any file unchanged since it looked (no waiting in tests).
    fn new() -> Setup {
        Setup::settled_after(Duration::ZERO)
    }

    /// A snapshot with the app's margin: a file changed within it of the look is hashed.
    fn as_the_app() -> Setup {
        Setup::settled_after(rehab_coach::store::journal_file::RACY_MARGIN)
    }

    fn settled_after(settle: Duration) -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir(&data).unwrap();
        let cache = JournalCache::under(&tmp.path().join("cache"), &data).settled_after(settle);
        Setup {
            _tmp: tmp,
            data,
            cache,
        }
    }

    fn journal(&self, device: &str) -> PathBuf {
        self.data.join(journal_file_name(device))
    }

    fn snapshot(&self) -> PathBuf {
        self.cache.snapshot_file().unwrap()
    }

    /// A read through the snapshot, checked against a plain replay of every line.
    fn read(&self) -> (SnapshotUse, CacheWrite) {
        self.read_until(None)
    }

    fn read_until(&self, until: Option<NaiveDate>) -> (SnapshotUse, CacheWrite) {
        let (read, report) = read_history_reporting(&self.data, &self.cache, until).unwrap();
        assert_same(&read, &plain(&self.data, until));
        (report.used, report.write)
    }
}

/// What a read without any cache gives.
fn plain(data: &Path, until: Option<NaiveDate>) -> HistoryRead {
    let read = read_journal(data).unwrap();
    let first_programme_start = read
        .records
        .iter()
        .filter_map(|r| match &r.body {
            rehab_coach::domain::records::RecordBody::ProgrammeChosen { start, .. } => Some(*start),
            _ => None,
        })
        .min();
    let known = read
        .records
        .into_iter()
        .filter(|r| until.is_none_or(|until| known_on(r, until)));
    HistoryRead {
        history: History::replay(known),
        problems: read.problems,
        files: read.files,
        unread: read.unread,
        first_programme_start,
    }
}

fn assert_same(through: &HistoryRead, plain: &HistoryRead) {
    assert_eq!(through.history, plain.history, "history differs");
    assert_eq!(through.problems, plain.problems, "problems differ");
    assert_eq!(through.files, plain.files, "files differ");
    assert_eq!(through.unread, plain.unread, "unread files differ");
    assert_eq!(
        through.first_programme_start, plain.first_programme_start,
        "first programme start differs"
    );
}

fn hit(hashed: usize, parsed_lines: usize) -> SnapshotUse {
    SnapshotUse::Hit {
        hashed,
        parsed_lines,
    }
}

fn miss_because(used: &SnapshotUse) -> &str {
    match used {
        SnapshotUse::Miss { why } => why,
        other => panic!("expected a miss, got {other:?}"),
    }
}

/// Lines of records of the kinds a day adds (no correction), numbered from `from`: each later
/// than every line numbered before it. Every 100th chooses a programme.
fn day_lines(from: u32, count: u32) -> String {
    (from..from + count)
        .map(|n| {
            if n % 100 == 99 {
                return format!("{}\n", chosen_line(n));
            }
            // Kinds 0–4 and 6 of `record_line`: note, check-in, session, set, run, finish.
            let kind = [0, 1, 2, 3, 4, 6][n as usize % 6];
            format!("{}\n", record_line(kind, n))
        })
        .collect()
}

// ---- the cases ----

#[test]
fn the_first_read_writes_the_snapshot_and_the_next_trusts_the_unchanged_file() {
    let s = Setup::new();
    append(&s.journal("dev"), day_lines(0, 30).as_bytes());
    let (used, write) = s.read();
    assert_eq!(miss_because(&used), "no snapshot yet");
    assert_eq!(write, CacheWrite::Written);
    assert_eq!(s.read(), (hit(0, 0), CacheWrite::NotNeeded));
    let in_data: Vec<_> = fs::read_dir(&s.data)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        in_data,
        vec![journal_file_name("dev")],
        "nothing in the data dir"
    );
}

#[test]
fn a_long_history_rewritten_after_a_day_or_a_backfill_reads_back_the_same() {
    // Over a thousand sessions: the snapshot copies the chunks of sessions a day did not change.
    let s = Setup::new();
    let journal = s.journal("dev");
    append(&journal, day_lines(0, 6_600).as_bytes());
    s.read();
    append(&journal, day_lines(6_600, 13).as_bytes());
    assert_eq!(s.read(), (hit(1, 13), CacheWrite::Written));
    assert_eq!(s.read(), (hit(0, 0), CacheWrite::NotNeeded));
    // A session recorded now about a day long ago lands among the first ones.
    let backfill = record_line(2, 6_700).replace("\"date\":\"2044-", "\"date\":\"2026-");
    assert!(backfill.contains("\"date\":\"2026-"), "{backfill}");
    append(&journal, format!("{backfill}\n").as_bytes());
    assert_eq!(s.read(), (hit(1, 1), CacheWrite::Written));
    assert_eq!(s.read(), (hit(0, 0), CacheWrite::NotNeeded));
}

#[test]
fn a_file_changed_just_before_the_look_is_hashed_not_trusted() {
    let s = Setup::as_the_app();
    append(&s.journal("dev"), day_lines(0, 10).as_bytes());
    s.read();
    // Written a moment ago: an edit in the same clock tick would not show in its times.
    assert_eq!(s.read(), (hit(1, 0), CacheWrite::NotNeeded));
}

#[test]
fn lines_added_since_are_parsed_replayed_and_then_trusted() {
    let s = Setup::new();
    let journal = s.journal("dev");
    append(&journal, day_lines(0, 30).as_bytes());
    s.read();
    append(&journal, day_lines(30, 13).as_bytes());
    assert_eq!(s.read(), (hit(1, 13), CacheWrite::Written));
    assert_eq!(s.read(), (hit(0, 0), CacheWrite::NotNeeded));
}

#[test]
fn bad_and_torn_lines_are_reported_where_they_are() {
    let s = Setup::new();
    let journal = s.journal("dev");
    append(&journal, mixed_lines(0, 20).as_bytes());
    s.read();
    append(&journal, b"{\"v\":1,\"id\":\"dev-torn");
    let (used, _) = s.read();
    assert_eq!(used, hit(1, 1));
    append(&journal, b"\"}\n");
    s.read();
    s.read();
}

/// Something done to a journal file between two reads.
type JournalChange = fn(&Path);

fn add_correction(journal: &Path) {
    // Kind 5 of `record_line` is a correction.
    append(journal, format!("{}\n", record_line(5, 40)).as_bytes());
}

fn add_earlier_record(journal: &Path) {
    append(journal, day_lines(3, 1).as_bytes());
}

fn edit_in_place(journal: &Path) {
    let text = fs::read_to_string(journal).unwrap();
    fs::write(journal, text.replacen("note 0", "note 9", 1)).unwrap();
}

#[test]
fn what_could_change_the_past_is_replayed_in_full() {
    let cases: [(JournalChange, &str); 3] = [
        (add_correction, "a correction was added"),
        (
            add_earlier_record,
            "a record added is dated before the last one replayed",
        ),
        (
            edit_in_place,
            "the journal changed within the part the snapshot covers",
        ),
    ];
    for (change, why) in cases {
        // The app's margin: the same-length edit falls in the same moment as the last look.
        let s = Setup::as_the_app();
        let journal = s.journal("dev");
        append(&journal, day_lines(0, 30).as_bytes());
        s.read();
        change(&journal);
        let (used, write) = s.read();
        assert_eq!(miss_because(&used), why);
        assert_eq!(write, CacheWrite::Written, "{why}");
        let (used, _) = s.read();
        assert!(matches!(used, SnapshotUse::Hit { .. }), "{why}: {used:?}");
    }
}

#[test]
fn a_journal_file_added_or_removed_is_replayed_in_full() {
    let s = Setup::new();
    append(&s.journal("aaaa"), day_lines(0, 10).as_bytes());
    s.read();
    append(&s.journal("bbbb"), day_lines(10, 10).as_bytes());
    let (used, _) = s.read();
    assert_eq!(miss_because(&used), "journal files were added or removed");
    assert_eq!(s.read(), (hit(0, 0), CacheWrite::NotNeeded));
    fs::remove_file(s.journal("aaaa")).unwrap();
    let (used, _) = s.read();
    assert_eq!(miss_because(&used), "journal files were added or removed");
}

#[test]
fn a_shorter_journal_is_replayed_in_full() {
    let s = Setup::new();
    let journal = s.journal("dev");
    append(&journal, day_lines(0, 30).as_bytes());
    s.read();
    let text = fs::read(&journal).unwrap();
    fs::write(&journal, &text[..text.len() / 2]).unwrap();
    let (used, _) = s.read();
    assert_eq!(
        miss_because(&used),
        "the journal changed within the part the snapshot covers"
    );
}

#[test]
fn a_snapshot_cut_or_changed_anywhere_is_not_used() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 12).as_bytes());
    s.read();
    let good = fs::read(s.snapshot()).unwrap();
    for at in 0..good.len() {
        fs::write(s.snapshot(), &good[..at]).unwrap();
        let (used, write) = s.read();
        assert!(
            miss_because(&used).contains("snapshot"),
            "cut at {at}: {used:?}"
        );
        assert_eq!(write, CacheWrite::Written);
        let mut flipped = good.clone();
        flipped[at] ^= 0x20;
        fs::write(s.snapshot(), &flipped).unwrap();
        let (used, _) = s.read();
        assert!(
            miss_because(&used).contains("snapshot"),
            "byte {at}: {used:?}"
        );
    }
}

#[test]
fn acting_as_an_earlier_day_replays_what_was_known_then_and_keeps_the_snapshot() {
    let s = Setup::new();
    append(&s.journal("dev"), day_lines(0, 30).as_bytes());
    s.read();
    let snapshot = fs::read(s.snapshot()).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 10);
    let (used, write) = s.read_until(day);
    assert_eq!(
        miss_because(&used),
        "acting as a day before the last one recorded"
    );
    assert_eq!(write, CacheWrite::NotNeeded);
    assert_eq!(fs::read(s.snapshot()).unwrap(), snapshot);
    let last = NaiveDate::from_ymd_opt(2026, 1, 30);
    assert_eq!(s.read_until(last), (hit(0, 0), CacheWrite::NotNeeded));
}

#[test]
fn with_the_cache_off_there_is_no_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    append(
        &tmp.path().join(journal_file_name("dev")),
        day_lines(0, 5).as_bytes(),
    );
    let (read, report) = read_history_reporting(tmp.path(), &JournalCache::off(), None).unwrap();
    assert_same(&read, &plain(tmp.path(), None));
    assert_eq!(report.used, SnapshotUse::Off);
}

#[test]
fn a_missing_data_dir_is_an_empty_history() {
    let s = Setup::new();
    fs::remove_dir(&s.data).unwrap();
    s.read();
    assert_eq!(s.read(), (hit(0, 0), CacheWrite::NotNeeded));
}

// ---- any journal, read in three goes, reads as replaying it whole does ----

fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u32..6, 0u32..400).prop_map(|(kind, n)| record_line([0, 1, 2, 3, 4, 6][kind as usize], n)),
        1 => (0u32..400).prop_map(chosen_line),
        1 => (0u32..400).prop_map(|n| record_line(5, n)),
        1 => (0u32..400).prop_map(|n| mixed_lines(n, 1).trim_end().to_string()),
        1 => any::<String>().prop_map(|s| s.replace('\n', " ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_journal_read_in_three_goes_reads_as_replaying_it_whole(
        lines in prop::collection::vec(any_line(), 0..40),
        torn in any::<bool>(),
        split in any::<prop::sample::Index>(),
        first_split in any::<prop::sample::Index>(),
        until_day in prop::option::of(0u64..450),
    ) {
        let mut text = lines.join("\n").into_bytes();
        if !torn && !text.is_empty() {
            text.push(b'\n');
        }
        let s = Setup::new();
        let journal = s.journal("dev");
        let until = until_day.map(|d| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(d));
        let second = split.index(text.len() + 1);
        let first = first_split.index(second + 1);
        append(&journal, &text[..first]);
        s.read_until(until);
        append(&journal, &text[first..second]);
        s.read_until(until);
        append(&journal, &text[second..]);
        s.read_until(until);
        s.read_until(until);
    }
}
