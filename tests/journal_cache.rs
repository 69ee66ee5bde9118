//! The journal cache on real files: whatever state the cache or the journal is in, a cached read
//! gives exactly what parsing every line gives (records in order, problems with file, line,
//! error, text and torn mark, files, unread), and the cache is used when it can be.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/journal_lines.rs"]
mod lines;

use chrono::NaiveDate;
use lines::{append, mixed_lines, newer_version_line, out_of_scale_line, record_line, stamp};
use proptest::prelude::*;
use rehab_coach::domain::records::RecordBody;
use rehab_coach::store::journal_file::{
    CACHE_DIR_ENV, CACHE_OFF, CacheReport, CacheUse, CacheWrite, JournalCache, JournalRead,
    JournalWriter, journal_file_name, read_journal, read_journal_reporting,
};
use std::fs;
use std::path::{Path, PathBuf};

/// A data dir and a cache root side by side in one temp dir.
struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: JournalCache,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir(&data).unwrap();
        let cache = JournalCache::under(&tmp.path().join("cache"), &data);
        Setup {
            _tmp: tmp,
            data,
            cache,
        }
    }

    fn journal(&self, device: &str) -> PathBuf {
        self.data.join(journal_file_name(device))
    }

    fn cache_file(&self, device: &str) -> PathBuf {
        self.cache.file_for(&self.journal(device)).unwrap()
    }

    /// A cached read, checked against a plain one; returns how the cache served each file.
    fn read(&self) -> Vec<CacheReport> {
        read_checked(&self.data, &self.cache)
    }

    /// How the cache served the only journal file.
    fn read_one(&self) -> (CacheUse, CacheWrite) {
        let mut reports = self.read();
        assert_eq!(reports.len(), 1, "{reports:?}");
        let report = reports.remove(0);
        (report.used, report.write)
    }
}

fn read_checked(data: &Path, cache: &JournalCache) -> Vec<CacheReport> {
    let plain = read_journal(data).unwrap();
    let (cached, reports) = read_journal_reporting(data, cache).unwrap();
    assert_same(&cached, &plain);
    reports
}

fn assert_same(cached: &JournalRead, plain: &JournalRead) {
    assert_eq!(cached.records, plain.records, "records differ");
    assert_eq!(cached.problems, plain.problems, "problems differ");
    assert_eq!(cached.files, plain.files, "files differ");
    assert_eq!(cached.unread, plain.unread, "unread files differ");
}

fn hit(parsed_lines: usize) -> CacheUse {
    CacheUse::Hit { parsed_lines }
}

fn is_miss(used: &CacheUse) -> bool {
    matches!(used, CacheUse::Miss { .. })
}

// ---- the cases ----

#[test]
fn the_first_read_builds_the_cache_and_the_next_one_uses_it() {
    let s = Setup::new();
    let mut writer = JournalWriter::open(&s.data).unwrap();
    for n in 0..20 {
        writer
            .append(
                NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                stamp(n),
                RecordBody::Note {
                    text: format!("note {n}"),
                },
            )
            .unwrap();
    }
    let before: Vec<_> = fs::read_dir(&s.data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let (used, write) = s.read_one();
    assert!(is_miss(&used), "{used:?}");
    assert_eq!(write, CacheWrite::Written);
    assert_eq!(s.read_one(), (hit(0), CacheWrite::NotNeeded));
    let after: Vec<_> = fs::read_dir(&s.data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(after, before, "nothing is written into the data dir");
}

#[test]
fn an_appended_tail_is_parsed_alone_and_then_cached() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 30).as_bytes());
    s.read();
    append(&s.journal("dev"), mixed_lines(30, 5).as_bytes());
    let (used, write) = s.read_one();
    assert_eq!(used, hit(5));
    assert_eq!(write, CacheWrite::Written);
    assert_eq!(s.read_one(), (hit(0), CacheWrite::NotNeeded));
}

#[test]
fn a_torn_last_line_is_never_cached_and_is_read_once_completed() {
    let s = Setup::new();
    let journal = s.journal("dev");
    append(&journal, mixed_lines(0, 10).as_bytes());
    let line = record_line(2, 99);
    let (head, rest) = line.split_at(line.len() / 2);
    append(&journal, head.as_bytes());
    let (used, _) = s.read_one();
    assert!(is_miss(&used));
    assert_eq!(s.read_one(), (hit(1), CacheWrite::NotNeeded));
    append(&journal, rest.as_bytes());
    assert_eq!(s.read_one(), (hit(1), CacheWrite::NotNeeded));
    append(&journal, b"\n");
    assert_eq!(s.read_one(), (hit(1), CacheWrite::Written));
    assert_eq!(s.read_one(), (hit(0), CacheWrite::NotNeeded));
    let read = read_journal(&s.data).unwrap();
    assert!(read.problems.iter().all(|p| !p.torn));
}

#[test]
fn bad_and_newer_lines_keep_their_numbers_in_the_cache_and_in_the_tail() {
    let s = Setup::new();
    let journal = s.journal("dev");
    append(&journal, mixed_lines(0, 40).as_bytes());
    s.read();
    append(&journal, mixed_lines(40, 40).as_bytes());
    append(&journal, b"{torn garbage");
    assert_eq!(s.read_one().0, hit(45));
    let read = read_journal(&s.data).unwrap();
    let numbers: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
    assert!(
        numbers.len() >= 20 && read.problems.last().unwrap().torn,
        "{numbers:?}"
    );
    s.read();
}

#[test]
fn a_repaired_journal_is_read_afresh() {
    let s = Setup::new();
    let mut writer = JournalWriter::open(&s.data).unwrap();
    let journal = writer.path().to_path_buf();
    append(&journal, mixed_lines(0, 30).as_bytes());
    s.read_one();
    let report = writer.repair(stamp(0)).unwrap();
    assert!(report.changed());
    let (used, write) = s.read_one();
    assert!(is_miss(&used), "{used:?}");
    assert_eq!(write, CacheWrite::Written);
    assert_eq!(s.read_one().0, hit(0));
}

#[test]
fn an_edit_in_place_of_the_same_length_is_seen() {
    let s = Setup::new();
    let journal = s.journal("dev");
    let text = mixed_lines(0, 20);
    append(&journal, text.as_bytes());
    s.read();
    let edited = text.replacen("\"pain\":3", "\"pain\":4", 1);
    assert_ne!(edited, text);
    assert_eq!(edited.len(), text.len());
    fs::write(&journal, edited).unwrap();
    let (used, _) = s.read_one();
    assert!(is_miss(&used), "{used:?}");
}

#[test]
fn a_truncated_journal_is_read_afresh() {
    let s = Setup::new();
    let journal = s.journal("dev");
    let text = mixed_lines(0, 20);
    for keep in [
        text.len() / 2,
        text[..text.len() / 2].rfind('\n').unwrap() + 1,
        0,
    ] {
        fs::write(&journal, &text).unwrap();
        s.read();
        fs::write(&journal, &text.as_bytes()[..keep]).unwrap();
        let (used, _) = s.read_one();
        assert!(is_miss(&used), "kept {keep}: {used:?}");
    }
}

#[test]
fn a_cache_cut_at_any_length_is_rebuilt() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 12).as_bytes());
    s.read();
    let cache = fs::read(s.cache_file("dev")).unwrap();
    for len in 0..cache.len() {
        fs::write(s.cache_file("dev"), &cache[..len]).unwrap();
        let (used, write) = s.read_one();
        assert!(is_miss(&used), "cut at {len}: {used:?}");
        assert_eq!(write, CacheWrite::Written);
    }
    assert_eq!(
        fs::read(s.cache_file("dev")).unwrap(),
        cache,
        "rebuilt the same"
    );
}

#[test]
fn a_cache_with_any_byte_changed_is_rebuilt() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 12).as_bytes());
    s.read();
    let cache = fs::read(s.cache_file("dev")).unwrap();
    for at in 0..cache.len() {
        let mut changed = cache.clone();
        changed[at] ^= 0x04;
        fs::write(s.cache_file("dev"), &changed).unwrap();
        let (used, _) = s.read_one();
        assert!(is_miss(&used), "byte {at}: {used:?}");
    }
}

/// Replace the first occurrence of `from` in the cache file with `to` (same length).
fn patch_cache(path: &Path, from: &[u8], to: &[u8]) {
    let mut bytes = fs::read(path).unwrap();
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("found in the cache");
    bytes[at..at + from.len()].copy_from_slice(to);
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_cache_from_another_layout_or_rehab_version_is_rebuilt() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 12).as_bytes());
    s.read();
    let layout = rehab_coach::store::journal_file::CACHE_LAYOUT;
    let path = s.cache_file("dev");
    patch_cache(&path, &layout.to_le_bytes(), &(layout + 1).to_le_bytes());
    assert_eq!(
        s.read_one().0,
        CacheUse::Miss {
            why: "cache unusable: written by another build of rehab".into()
        }
    );
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut other = version.to_vec();
    *other.last_mut().unwrap() ^= 0x01;
    patch_cache(&path, version, &other);
    assert_eq!(
        s.read_one().0,
        CacheUse::Miss {
            why: "cache unusable: written by another build of rehab".into()
        }
    );
    assert_eq!(s.read_one().0, hit(0));
}

#[test]
fn two_device_files_have_a_cache_each() {
    let s = Setup::new();
    append(&s.journal("laptop"), mixed_lines(0, 15).as_bytes());
    append(&s.journal("desktop"), mixed_lines(100, 15).as_bytes());
    assert_eq!(s.read().len(), 2);
    assert!(s.cache_file("laptop").exists() && s.cache_file("desktop").exists());
    append(&s.journal("laptop"), mixed_lines(15, 2).as_bytes());
    let used: Vec<CacheUse> = s.read().into_iter().map(|r| r.used).collect();
    // Files are read in name order: desktop, then laptop.
    assert_eq!(used, vec![hit(0), hit(2)]);
}

#[test]
fn an_unwritable_cache_dir_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    // A file where the cache root should be: no dir can be made there, even by root.
    let root = tmp.path().join("not-a-dir");
    fs::write(&root, "x").unwrap();
    let cache = JournalCache::under(&root, &data);
    append(
        &data.join(journal_file_name("dev")),
        mixed_lines(0, 12).as_bytes(),
    );
    for _ in 0..2 {
        let reports = read_checked(&data, &cache);
        assert!(is_miss(&reports[0].used));
        assert!(
            matches!(&reports[0].write, CacheWrite::Failed { why } if why.contains("cannot write"))
        );
    }
}

#[test]
fn with_the_cache_off_nothing_is_cached() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 12).as_bytes());
    let reports = read_checked(&s.data, &JournalCache::off());
    assert_eq!(reports[0].used, CacheUse::Off);
    assert!(!s.cache.dir().unwrap().exists());
}

#[cfg(unix)]
#[test]
fn the_cache_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 3).as_bytes());
    s.read();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = s.cache.dir().unwrap();
    assert_eq!(mode(dir), 0o700);
    assert_eq!(mode(dir.parent().unwrap()), 0o700);
    assert_eq!(mode(&s.cache_file("dev")), 0o600);
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temp file left: {leftovers:?}");
}

// ---- the app's wiring: REHAB_CACHE_DIR ----

fn rehab(data: &Path, cache: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rehab"));
    cmd.env_remove("REHAB_DATA_DIR")
        .env_remove("REHAB_CONFIG_DIR")
        .env(CACHE_DIR_ENV, cache)
        .arg("--data-dir")
        .arg(data)
        .arg("--config-dir")
        .arg(data.join("config"));
    cmd
}

#[test]
fn the_app_caches_under_rehab_cache_dir_unless_it_is_off() {
    let s = Setup::new();
    append(&s.journal("dev"), mixed_lines(0, 12).as_bytes());
    let root = s.data.parent().unwrap().join("from-env");
    let off = rehab(&s.data, CACHE_OFF)
        .args(["journal", "list"])
        .output()
        .unwrap();
    assert!(
        off.status.success(),
        "{}",
        String::from_utf8_lossy(&off.stderr)
    );
    assert!(!root.exists());
    let on = rehab(&s.data, root.to_str().unwrap())
        .args(["journal", "list"])
        .output()
        .unwrap();
    assert!(on.status.success());
    assert_eq!(on.stdout, off.stdout);
    let cache = JournalCache::under(&root, &s.data);
    assert!(cache.file_for(&s.journal("dev")).unwrap().exists());
    // `journal check` reads the file itself: the same answer, cache or not.
    let check = |cache: &str| {
        rehab(&s.data, cache)
            .args(["journal", "check"])
            .output()
            .unwrap()
    };
    assert_eq!(
        check(root.to_str().unwrap()).stdout,
        check(CACHE_OFF).stdout
    );
}

// ---- any journal, read in two goes, reads as parsing it whole does ----

fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0usize..7, 0u32..500).prop_map(|(kind, n)| record_line(kind, n)),
        1 => (0usize..7, 0u32..500).prop_map(|(kind, n)| format!("{}\r", record_line(kind, n))),
        1 => (0u32..500).prop_map(newer_version_line),
        1 => (0u32..500).prop_map(out_of_scale_line),
        1 => any::<String>().prop_map(|s| s.replace('\n', " ")),
        1 => "[ \t]{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_journal_read_in_two_goes_reads_as_a_whole(
        lines in prop::collection::vec(any_line(), 0..40),
        torn in any::<bool>(),
        split in any::<prop::sample::Index>(),
        first_split in any::<prop::sample::Index>(),
    ) {
        let mut text = lines.join("\n").into_bytes();
        if !torn && !text.is_empty() {
            text.push(b'\n');
        }
        let s = Setup::new();
        let journal = s.journal("dev");
        // Three reads: after a first part, after more, after all of it; then once unchanged.
        let second = split.index(text.len() + 1);
        let first = first_split.index(second + 1);
        append(&journal, &text[..first]);
        s.read();
        append(&journal, &text[first..second]);
        s.read();
        append(&journal, &text[second..]);
        s.read();
        let (used, write) = s.read_one();
        prop_assert!(!is_miss(&used) || text.iter().all(|&b| b != b'\n'), "{:?}", used);
        prop_assert_eq!(write, CacheWrite::NotNeeded);
    }
}
