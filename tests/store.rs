//! The journal on real files in temp dirs: crash and corruption cases, the lock, several devices,
//! newer format versions, repair, and a round-trip property over every record kind.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, ReferReason, SnapshotExercise};
use rehab_coach::domain::programme::Rung;
use rehab_coach::domain::reason::Reason;
use rehab_coach::domain::records::{ImportedRun, Record, RecordBody, RecordId, Side};
use rehab_coach::domain::red_flags::Urgency;
use rehab_coach::store::journal_file::{
    DEVICE_ID_FILE, JournalWriter, Machine, StoreError, journal_file_name, lock_file_name,
    read_device_id, read_device_id_on, read_journal,
};
use rehab_coach::store::journal_line::{self, LineError};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn at(d: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, d, 7, minute, 0)
        .unwrap()
}

fn note(text: &str) -> RecordBody {
    RecordBody::Note { text: text.into() }
}

/// Write `n` notes through a writer and return them.
fn write_notes(dir: &Path, n: u32) -> Vec<Record> {
    let mut writer = JournalWriter::open(dir).unwrap();
    (1..=n)
        .map(|i| {
            writer
                .append(day(i), at(i, 0), note(&format!("note {i}")))
                .unwrap()
        })
        .collect()
}

fn own_journal(dir: &Path) -> PathBuf {
    let id = read_device_id(dir).unwrap().unwrap();
    dir.join(journal_file_name(&id))
}

fn append_raw(path: &Path, bytes: &[u8]) {
    fs::OpenOptions::new()
        .append(true)
        .open(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

/// Every record in `expected` is still read back, unchanged.
fn assert_kept(dir: &Path, expected: &[Record]) {
    let read = read_journal(dir).unwrap();
    for record in expected {
        assert!(
            read.records.contains(record),
            "record {} lost; read: {:?}",
            record.id,
            read.records
        );
    }
}

#[test]
fn torn_last_line_is_reported_and_the_next_append_starts_a_new_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut written = write_notes(dir, 2);
    let path = own_journal(dir);
    append_raw(&path, br#"{"v":1,"id":"cut-"#);

    let read = read_journal(dir).unwrap();
    assert_eq!(read.records.len(), 2);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].line, 3);
    assert!(read.problems[0].torn);
    assert!(matches!(read.problems[0].error, LineError::NotJson(_)));

    let mut writer = JournalWriter::open(dir).unwrap();
    written.push(writer.append(day(3), at(3, 0), note("after")).unwrap());
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.ends_with('\n'));
    assert_eq!(text.lines().nth(2), Some(r#"{"v":1,"id":"cut-"#));

    let read = read_journal(dir).unwrap();
    assert_eq!(read.problems.len(), 1, "the torn line is still reported");
    assert_eq!(read.problems[0].line, 3);
    assert!(!read.problems[0].torn);
    assert_kept(dir, &written);
}

#[test]
fn a_garbage_line_is_reported_by_line_number_and_reading_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut written = write_notes(dir, 2);
    let path = own_journal(dir);
    append_raw(&path, b"this is not json\n\xff\xfe\n");
    let mut writer = JournalWriter::open(dir).unwrap();
    written.push(writer.append(day(4), at(4, 0), note("later")).unwrap());

    let read = read_journal(dir).unwrap();
    let lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![3, 4]);
    assert_eq!(read.problems[0].file, path);
    assert!(
        read.problems[0]
            .to_string()
            .starts_with(&format!("{}:3: not valid JSON", path.display()))
    );
    assert_eq!(read.records, written);
}

#[test]
fn an_empty_file_is_an_empty_journal_and_can_be_appended_to() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("device-id"), "dev1\n").unwrap();
    fs::write(dir.join(journal_file_name("dev1")), "").unwrap();

    let read = read_journal(dir).unwrap();
    assert!(read.records.is_empty() && read.problems.is_empty());
    assert_eq!(read.files.len(), 1);

    let mut writer = JournalWriter::open(dir).unwrap();
    let record = writer.append(day(1), at(1, 0), note("first")).unwrap();
    assert_eq!(record.id, RecordId("dev1-000001".into()));
    assert_eq!(read_journal(dir).unwrap().records, vec![record]);
}

#[test]
fn a_missing_dir_is_an_empty_journal_and_is_not_created_by_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("not").join("there");
    let read = read_journal(&dir).unwrap();
    assert!(read.records.is_empty() && read.problems.is_empty() && read.files.is_empty());
    assert!(!dir.exists());

    let written = write_notes(&dir, 1);
    assert_kept(&dir, &written);
}

#[cfg(unix)]
#[test]
fn the_data_dir_and_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    write_notes(&dir, 1);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&own_journal(&dir)), 0o600);
    let id_files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("device-id.")
        })
        .collect();
    assert_eq!(id_files.len(), 1, "{id_files:?}");
    assert_eq!(mode(&id_files[0]), 0o600);
}

/// Permissions mean nothing to root: find out by trying, and skip rather than fake a result.
#[cfg(unix)]
fn permissions_enforced(read_only_dir: &Path) -> bool {
    let probe = read_only_dir.join("probe");
    match fs::write(&probe, "x") {
        Ok(()) => {
            let _ = fs::remove_file(&probe);
            eprintln!(
                "skipped: permissions are not enforced here (running as root?), so a read-only dir cannot be tested"
            );
            false
        }
        Err(_) => true,
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_dir_refuses_writing_with_the_path_and_still_reads() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let written = write_notes(&dir, 2);
    let journal = own_journal(&dir);
    let before = fs::read(&journal).unwrap();
    fs::set_permissions(&journal, fs::Permissions::from_mode(0o400)).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
    let enforced = permissions_enforced(&dir);

    let result = JournalWriter::open(&dir);
    let read = read_journal(&dir);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    fs::set_permissions(&journal, fs::Permissions::from_mode(0o600)).unwrap();
    if !enforced {
        return;
    }
    let message = result.expect_err("writing must fail").to_string();
    assert!(
        message.contains(&journal.display().to_string()),
        "{message}"
    );
    assert!(message.contains("--data-dir"), "{message}");
    assert_eq!(read.unwrap().records, written);
    assert_eq!(fs::read(&journal).unwrap(), before);
}

#[test]
fn two_writers_take_turns_and_never_reuse_an_id() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // The app keeps its writer for its whole life; a `rehab` command opens another meanwhile.
    let mut app = JournalWriter::open(dir).unwrap();
    let one = app.append(day(1), at(1, 0), note("one")).unwrap();
    let mut command = JournalWriter::open(dir).unwrap();
    let two = command.append(day(1), at(1, 1), note("two")).unwrap();
    // Even with the lock file deleted in between, the next id comes from the file.
    fs::remove_file(dir.join(lock_file_name(app.device_id()))).unwrap();
    let three = app.append(day(1), at(1, 2), note("three")).unwrap();
    let ids: Vec<_> = [&one, &two, &three].map(|r| r.id.0.clone()).into();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique, ids);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(read_journal(dir).unwrap().records, vec![one, two, three]);
}

#[test]
fn a_writer_holding_the_lock_makes_the_next_wait_then_refuse_writing_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut first = JournalWriter::open(dir).unwrap();
    first.append(day(1), at(1, 0), note("one")).unwrap();
    let before = fs::read(own_journal(dir)).unwrap();
    let lock = fs::File::open(dir.join(lock_file_name(first.device_id()))).unwrap();
    lock.lock().unwrap();
    let err = first.append(day(2), at(2, 0), note("two")).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }));
    assert!(
        err.to_string().starts_with(&format!(
            "another rehab is writing to the journal in {}",
            dir.display()
        )),
        "{err}"
    );
    assert_eq!(fs::read(own_journal(dir)).unwrap(), before, "wrote nothing");
    drop(lock);
    first.append(day(2), at(2, 0), note("two")).unwrap();
}

#[test]
fn two_device_files_are_merged_in_time_order_with_unique_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let laptop = tmp.path().join("laptop");
    let desktop = tmp.path().join("desktop");
    let mut a = JournalWriter::open(&laptop).unwrap();
    let mut b = JournalWriter::open(&desktop).unwrap();
    assert_ne!(a.device_id(), b.device_id());
    let r1 = a.append(day(1), at(1, 0), note("laptop 1")).unwrap();
    let r2 = b.append(day(1), at(1, 5), note("desktop 1")).unwrap();
    let r3 = a.append(day(2), at(2, 0), note("laptop 2")).unwrap();
    // A sync tool copies the desktop's file into the laptop's data dir.
    fs::copy(b.path(), laptop.join(b.path().file_name().unwrap())).unwrap();

    let read = read_journal(&laptop).unwrap();
    assert_eq!(read.files.len(), 2);
    assert_eq!(read.records, vec![r1.clone(), r2.clone(), r3.clone()]);
    // The laptop keeps appending to its own file only, continuing its own sequence.
    let r4 = a.append(day(3), at(3, 0), note("laptop 3")).unwrap();
    assert_eq!(r4.id.0, format!("{}-000003", a.device_id()));
    assert_kept(&laptop, &[r1, r2, r3, r4]);
}

fn machine(name: &str) -> Machine {
    Machine::named(name).unwrap()
}

/// The data dir is synced, device-id files included: each machine still gets its own id and file.
#[test]
fn two_machines_sharing_one_data_dir_get_their_own_ids_and_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (laptop, desktop) = (machine("ana-laptop"), machine("ana-desktop"));
    let mut a = JournalWriter::open_on(dir, &laptop).unwrap();
    let r1 = a.append(day(1), at(1, 0), note("laptop 1")).unwrap();
    drop(a);
    let mut b = JournalWriter::open_on(dir, &desktop).unwrap();
    let r2 = b.append(day(1), at(1, 5), note("desktop 1")).unwrap();
    drop(b);
    let mut a = JournalWriter::open_on(dir, &laptop).unwrap();
    let r3 = a.append(day(2), at(2, 0), note("laptop 2")).unwrap();

    let (a_id, b_id) = (
        read_device_id_on(dir, &laptop).unwrap().unwrap(),
        read_device_id_on(dir, &desktop).unwrap().unwrap(),
    );
    assert_ne!(a_id, b_id);
    assert_eq!(a.device_id(), a_id, "the laptop kept its id between runs");
    assert!(dir.join("device-id.ana-laptop").is_file());
    assert!(dir.join("device-id.ana-desktop").is_file());
    assert!(!dir.join(DEVICE_ID_FILE).exists());
    let read = read_journal(dir).unwrap();
    assert_eq!(read.files, {
        let mut files = vec![
            dir.join(journal_file_name(&a_id)),
            dir.join(journal_file_name(&b_id)),
        ];
        files.sort();
        files
    });
    assert_eq!(read.records, vec![r1, r2, r3]);
}

/// An old-style `device-id` stays with the first machine that writes (its journal is named after
/// it); the next machine makes its own, even though it sees the same synced files.
#[test]
fn an_old_device_id_file_is_taken_over_by_one_machine_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join(DEVICE_ID_FILE), "0ld1d\n").unwrap();
    let old = r#"{"v":1,"id":"0ld1d-000004","at":"2026-03-01T07:00:00+01:00","date":"2026-03-01","kind":"note","text":"before"}"#;
    fs::write(dir.join(journal_file_name("0ld1d")), format!("{old}\n")).unwrap();
    let (laptop, desktop) = (machine("laptop"), machine("desktop"));
    assert_eq!(
        read_device_id_on(dir, &desktop).unwrap().as_deref(),
        Some("0ld1d")
    );

    let mut a = JournalWriter::open_on(dir, &laptop).unwrap();
    assert_eq!(a.device_id(), "0ld1d");
    let next = a.append(day(2), at(2, 0), note("after")).unwrap();
    assert_eq!(
        next.id.0, "0ld1d-000005",
        "the sequence goes on in the same file"
    );
    assert!(
        !dir.join(DEVICE_ID_FILE).exists(),
        "no other machine can take it now"
    );
    assert_eq!(
        fs::read_to_string(dir.join("device-id.laptop")).unwrap(),
        "0ld1d\n"
    );

    let b = JournalWriter::open_on(dir, &desktop).unwrap();
    assert_ne!(b.device_id(), "0ld1d");
    assert_eq!(read_journal(dir).unwrap().records.len(), 2);
}

#[test]
fn a_sync_conflict_copy_is_listed_as_unread_and_not_merged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let written = write_notes(dir, 2);
    let copy = dir.join("journal-x1.sync-conflict-20260302-073000-ABC.jsonl");
    fs::copy(own_journal(dir), &copy).unwrap();
    let read = read_journal(dir).unwrap();
    assert_eq!(read.records, written, "the copy's records are not doubled");
    assert_eq!(read.unread, vec![copy]);
}

/// Long journals are parsed on several threads: order, line numbers and problems must not change.
#[test]
fn a_long_journal_reads_in_order_with_exact_line_numbers() {
    const LINES: u32 = 10_000;
    const BAD_EVERY: u32 = 997;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("device-id"), "dev1\n").unwrap();
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut bad_lines = Vec::new();
    for n in 1..=LINES {
        if n % BAD_EVERY == 0 {
            text.push_str("{broken\n");
            bad_lines.push(n as usize);
            continue;
        }
        let record = Record {
            v: 1,
            id: RecordId(format!("dev1-{n:06}").into()),
            at: at(1, 0) + chrono::Duration::seconds(i64::from(n)),
            date: day(1),
            body: note(&format!("line {n}")),
        };
        text.push_str(&journal_line::to_line(&record));
        text.push('\n');
        expected.push(record);
    }
    fs::write(dir.join(journal_file_name("dev1")), text).unwrap();
    let read = read_journal(dir).unwrap();
    assert_eq!(read.records, expected);
    let problem_lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
    assert_eq!(problem_lines, bad_lines);
}

#[test]
fn the_sequence_continues_after_the_highest_existing_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let written = write_notes(dir, 3);
    let mut writer = JournalWriter::open(dir).unwrap();
    let next = writer.append(day(4), at(4, 0), note("next")).unwrap();
    assert_eq!(next.id.0, format!("{}-000004", writer.device_id()));
    assert!(written.iter().all(|r| r.id != next.id));
}

const NEWER_LINE: &str = r#"{"v":2,"id":"future-000001","at":"2026-03-05T07:00:00+01:00","date":"2026-03-05","kind":"hologram","x":1}"#;

#[test]
fn a_newer_version_line_is_refused_and_kept_through_repair() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut written = write_notes(dir, 2);
    let path = own_journal(dir);
    append_raw(&path, format!("{NEWER_LINE}\ngarbage\n").as_bytes());
    let mut writer = JournalWriter::open(dir).unwrap();
    written.push(writer.append(day(6), at(6, 0), note("after")).unwrap());
    append_raw(&path, b"{\"v\":1,\"id\":\"torn");

    let read = read_journal(dir).unwrap();
    assert_eq!(read.problems.len(), 3);
    assert_eq!(read.problems[0].error, LineError::NewerVersion { found: 2 });
    assert!(
        read.problems[0]
            .error
            .to_string()
            .contains("update rehab to read it")
    );
    let original = fs::read(&path).unwrap();

    let report = writer.repair(at(7, 0)).unwrap();
    assert_eq!(report.moved, vec![4, 6]);
    assert_eq!(report.kept_newer, vec![3]);
    assert_eq!(report.kept_records, 3);

    let backup = report.backup.clone().unwrap();
    assert_eq!(
        fs::read(&backup).unwrap(),
        original,
        "backup is the original"
    );
    let rejected = fs::read_to_string(report.rejected.clone().unwrap()).unwrap();
    assert_eq!(rejected, "garbage\n{\"v\":1,\"id\":\"torn\n");

    let cleaned = fs::read_to_string(&path).unwrap();
    assert!(
        cleaned.lines().any(|l| l == NEWER_LINE),
        "newer line kept verbatim"
    );
    let read = read_journal(dir).unwrap();
    assert_eq!(read.records, written);
    assert_eq!(read.problems.len(), 1);
    assert!(read.problems[0].error.is_newer_version());

    // The writer keeps appending to the repaired file, and a second repair has nothing to do.
    written.push(
        writer
            .append(day(8), at(8, 0), note("post-repair"))
            .unwrap(),
    );
    assert_kept(dir, &written);
    let before = fs::read(&path).unwrap();
    let again = writer.repair(at(9, 0)).unwrap();
    assert!(!again.changed());
    assert_eq!(fs::read(&path).unwrap(), before, "nothing rewritten");
    // Side files never count as journals.
    assert_eq!(read_journal(dir).unwrap().files, vec![path]);
}

#[test]
fn repair_with_nothing_damaged_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let written = write_notes(dir, 3);
    let entries_before = fs::read_dir(dir).unwrap().count();
    let mut writer = JournalWriter::open(dir).unwrap();
    let report = writer.repair(at(9, 0)).unwrap();
    assert!(!report.changed());
    assert_eq!(report.kept_records, 3);
    assert_eq!(fs::read_dir(dir).unwrap().count(), entries_before);
    assert_kept(dir, &written);
}

// ---- every record kind round-trips through the file ----

fn rating() -> impl Strategy<Value = Rating> {
    (0i64..=10).prop_map(|v| Rating::new(v).unwrap())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..20_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(d as u64))
}

fn stamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..2_000_000_000, 0u32..1_000_000_000, -48i32..=56).prop_map(|(secs, nanos, quarters)| {
        FixedOffset::east_opt(quarters * 15 * 60)
            .unwrap()
            .timestamp_opt(secs, nanos)
            .unwrap()
    })
}

fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

/// Where an imported run came from (`rehab import runs`): every optional part present or not.
fn imported_run() -> impl Strategy<Value = ImportedRun> {
    (
        text(),
        text(),
        stamp(),
        prop_oneof![Just("run".to_string()), Just("walk".to_string())],
        prop::option::of(30u32..230),
        prop::option::of(0.0f64..5_000.0),
    )
        .prop_map(
            |(file, fingerprint, started, sport, avg_hr, ascent_m)| ImportedRun {
                file,
                fingerprint,
                started,
                sport,
                avg_hr,
                ascent_m,
            },
        )
}

fn record_id() -> impl Strategy<Value = RecordId> {
    "[a-z0-9]{1,8}-[0-9]{1,6}".prop_map(|id| RecordId::from(id.as_str()))
}

fn decision() -> impl Strategy<Value = Decision> {
    prop_oneof![
        Just(Decision::Progress),
        Just(Decision::Hold),
        any::<u8>().prop_map(Decision::Regress),
        Just(Decision::Deload),
        Just(Decision::IsometricOnly),
        prop_oneof![
            Just(ReferReason::SymptomFlag),
            Just(ReferReason::SevereForDays),
            Just(ReferReason::RisingTrend),
            Just(ReferReason::WorseningTwoWeeks),
            Just(ReferReason::Plateau),
            Just(ReferReason::RepeatedFlare),
        ]
        .prop_map(Decision::Refer),
        prop_oneof![
            Just(Urgency::Soon),
            Just(Urgency::Urgent),
            Just(Urgency::Emergency)
        ]
        .prop_map(Decision::Stop),
    ]
}

fn reasons() -> impl Strategy<Value = Vec<Reason>> {
    prop::collection::vec((text(), text()).prop_map(|(r, t)| Reason::new(r, t)), 0..3)
}

fn rung() -> impl Strategy<Value = Rung> {
    (
        (
            1u32..10,
            prop::option::of(1u32..30),
            prop::option::of(1u32..120),
        ),
        (
            prop::option::of(1u32..600),
            prop::option::of(1u32..600),
            prop::option::of(1u32..600),
        ),
        (
            0u32..300,
            prop::option::of((0u8..=10, 0u8..=10).prop_map(|(a, b)| [a, b])),
        ),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
    )
        .prop_map(
            |(
                (sets, reps, hold),
                (duration, walk, run),
                (rest, effort),
                (label, load, variant),
            )| Rung {
                label,
                sets,
                reps,
                hold,
                duration,
                walk,
                run,
                rest,
                effort,
                load,
                variant,
            },
        )
}

fn snapshot() -> impl Strategy<Value = PlanSnapshot> {
    let exercise = (text(), 1u32..10, rung(), decision(), reasons()).prop_map(
        |(exercise, rung, dose, decision, reasons)| SnapshotExercise {
            exercise: exercise.into(),
            rung,
            dose,
            decision,
            reasons,
        },
    );
    (
        text(),
        text(),
        decision(),
        reasons(),
        any::<bool>(),
        prop::collection::vec(exercise, 0..3),
    )
        .prop_map(
            |(programme, phase, decision, reasons, deload, exercises)| PlanSnapshot {
                programme,
                phase,
                decision,
                reasons,
                deload,
                exercises,
            },
        )
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ]
}

fn body() -> impl Strategy<Value = RecordBody> {
    let side = prop::option::of(prop_oneof![Just(Side::Left), Just(Side::Right)]);
    prop_oneof![
        (text(), date())
            .prop_map(|(programme, start)| RecordBody::ProgrammeChosen { programme, start }),
        (
            prop::option::of(rating()),
            prop::option::of(rating()),
            prop::option::of(rating()),
            prop::collection::btree_map(text(), any::<bool>(), 0..4)
        )
            .prop_map(
                |(pain, stiffness, load_test, red_flags)| RecordBody::CheckIn {
                    pain,
                    stiffness,
                    load_test,
                    red_flags,
                }
            ),
        (snapshot(), prop::option::of(rating())).prop_map(|(plan, pain_before)| {
            RecordBody::SessionStarted {
                plan: plan.into(),
                pain_before,
            }
        }),
        (
            (record_id(), text(), side, 1u32..20),
            (prop::option::of(0u32..100), prop::option::of(0u32..1000)),
            (rating(), prop::option::of(rating()), any::<bool>())
        )
            .prop_map(
                |((session, exercise, side, set), (reps, seconds), (pain, effort, undone))| {
                    RecordBody::SetDone {
                        session,
                        exercise: exercise.into(),
                        side,
                        set,
                        reps,
                        seconds,
                        pain,
                        effort,
                        undone,
                    }
                }
            ),
        (record_id(), text(), text()).prop_map(|(session, exercise, reason)| {
            RecordBody::ExerciseSkipped {
                session,
                exercise: exercise.into(),
                reason,
            }
        }),
        (
            record_id(),
            rating(),
            prop::option::of(rating()),
            prop::option::of(text())
        )
            .prop_map(
                |(session, pain_after, effort, note)| RecordBody::SessionFinished {
                    session,
                    pain_after,
                    effort,
                    note,
                }
            ),
        (
            0.0f64..10_000.0,
            prop::option::of(0.0f64..1_000.0),
            prop::option::of(rating()),
            prop::option::of(rating()),
            prop::option::of(imported_run())
        )
            .prop_map(|(minutes, km, rpe, pain, imported)| RecordBody::RunLogged {
                minutes,
                km,
                rpe,
                pain,
                imported: imported.map(Box::new),
            }),
        (
            record_id(),
            prop::collection::btree_map(text(), json_value(), 1..4),
            prop::option::of(text())
        )
            .prop_map(|(target, fields, reason)| RecordBody::Correction {
                target,
                fields: fields.into_iter().collect(),
                reason,
            }),
        text().prop_map(|text| RecordBody::Note { text }),
        prop::option::of(text()).prop_map(|note| RecordBody::ClinicianSeen { note }),
        text().prop_map(|reason| RecordBody::ReferralAcknowledged { reason }),
        record_id().prop_map(|session| RecordBody::SessionLeft { session }),
        (text(), text(), any::<bool>()).prop_map(|(programme, milestone, yes)| {
            RecordBody::MilestoneAnswered {
                programme,
                milestone,
                yes,
            }
        }),
    ]
}

proptest! {
    // Each case writes real files with fsync: keep the count modest.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_record_kind_round_trips_through_the_file(
        entries in prop::collection::vec((date(), stamp(), body()), 1..6)
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let mut writer = JournalWriter::open(tmp.path()).unwrap();
        let mut written: Vec<Record> = entries
            .into_iter()
            .map(|(date, at, body)| writer.append(date, at, body).unwrap())
            .collect();
        written.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        let read = read_journal(tmp.path()).unwrap();
        prop_assert!(read.problems.is_empty(), "{:?}", read.problems);
        prop_assert_eq!(read.records, written);
    }
}

// ---- the hand-written reader agrees with the derived one it replaced ----

/// `Record` as it used to be read: derived, with the body flattened. Kept here only to check
/// the single-pass reader against it.
#[derive(serde::Deserialize)]
struct DerivedRecord {
    v: u32,
    id: RecordId,
    at: DateTime<FixedOffset>,
    date: NaiveDate,
    #[serde(flatten)]
    body: RecordBody,
}

/// `journal_line::from_line` as it was before the single-pass reader.
fn derived_from_line(line: &str) -> Result<Record, LineError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| LineError::NotJson(e.to_string()))?;
    let version = value
        .get("v")
        .and_then(serde_json::Value::as_u64)
        .ok_or(LineError::NoVersion)?;
    if version > 1 {
        return Err(LineError::NewerVersion { found: version });
    }
    let d: DerivedRecord =
        serde_json::from_value(value).map_err(|e| LineError::Invalid(e.to_string()))?;
    Ok(Record {
        v: d.v,
        id: d.id,
        at: d.at,
        date: d.date,
        body: d.body,
    })
}

/// The line's fields in another order (`reverse`: last first; else sorted by name), with an
/// extra field this build does not know.
fn reordered(line: &str, reverse: bool) -> String {
    let serde_json::Value::Object(object) = serde_json::from_str(line).unwrap() else {
        panic!("not an object: {line}")
    };
    let mut pairs: Vec<(String, serde_json::Value)> = object.into_iter().collect();
    if reverse {
        pairs.reverse();
    }
    pairs.insert(
        pairs.len() / 2,
        (
            "from_the_future".into(),
            serde_json::json!({"a": [1, null]}),
        ),
    );
    let fields: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}:{}", serde_json::json!(k), v))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// Another kind's field with a value of the wrong type for it: ignored by both readers.
fn foreign_field(body: &RecordBody) -> (&'static str, serde_json::Value) {
    match body {
        RecordBody::Note { .. } => ("pain", serde_json::json!("a lot")),
        _ => ("text", serde_json::json!(42)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_single_pass_reader_agrees_with_the_derived_one(
        (date, at, body) in (date(), stamp(), body()),
        id in record_id(),
        damage in 0usize..32,
        version in prop_oneof![Just(0u64), Just(1), Just(2), Just(u64::from(u32::MAX) + 1)],
    ) {
        let record = Record { v: 1, id, at, date, body };
        let line = journal_line::to_line(&record);
        prop_assert_eq!(journal_line::from_line(&line), Ok(record.clone()));
        prop_assert_eq!(derived_from_line(&line), Ok(record.clone()));
        for reverse in [false, true] {
            let moved = reordered(&line, reverse);
            prop_assert_eq!(journal_line::from_line(&moved), Ok(record.clone()), "{}", moved);
        }

        let mut object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&line).unwrap();
        let (foreign, junk) = foreign_field(&record.body);
        object.insert(foreign.into(), junk);
        let with_foreign = serde_json::Value::Object(object.clone()).to_string();
        prop_assert_eq!(journal_line::from_line(&with_foreign), Ok(record.clone()));

        // Damage: drop one field, or null it, or give it a number; and change the version.
        let keys: Vec<String> = object.keys().cloned().collect();
        let key = &keys[damage % keys.len()];
        match damage % 3 {
            0 => { object.remove(key); }
            1 => { object.insert(key.clone(), serde_json::Value::Null); }
            _ => { object.insert(key.clone(), serde_json::json!(11)); }
        }
        let damaged = serde_json::Value::Object(object.clone()).to_string();
        prop_assert_eq!(journal_line::from_line(&damaged), derived_from_line(&damaged), "{}", damaged);
        object.insert("v".into(), serde_json::json!(version));
        let versioned = serde_json::Value::Object(object).to_string();
        prop_assert_eq!(journal_line::from_line(&versioned), derived_from_line(&versioned), "{}", versioned);
    }
}

#[test]
fn a_check_in_line_is_one_line_even_with_newlines_in_text() {
    let tmp = tempfile::tempdir().unwrap();
    let mut writer = JournalWriter::open(tmp.path()).unwrap();
    let mut flags = BTreeMap::new();
    flags.insert("below_knee".to_string(), false);
    writer.append(day(1), at(1, 0), note("two\nlines")).unwrap();
    writer
        .append(
            day(1),
            at(1, 1),
            RecordBody::CheckIn {
                pain: Rating::new(3).ok(),
                stiffness: None,
                load_test: None,
                red_flags: flags,
            },
        )
        .unwrap();
    let text = fs::read_to_string(writer.path()).unwrap();
    assert_eq!(text.lines().count(), 2);
}

/// The examples in docs/journal-format.md are real records, at least one per kind (a typed and an
/// imported run are both shown).
#[test]
fn documented_journal_examples_parse_and_cover_every_kind() {
    let doc = include_str!("../docs/journal-format.md");
    let kinds: Vec<&'static str> = doc
        .lines()
        .filter(|l| l.starts_with(r#"{"v":"#))
        .map(|line| match journal_line::from_line(line) {
            Ok(record) => record.body.kind(),
            Err(e) => panic!("docs/journal-format.md example does not parse ({e}): {line}"),
        })
        .collect();
    let all = [
        "programme_chosen",
        "check_in",
        "session_started",
        "set_done",
        "exercise_skipped",
        "session_finished",
        "run_logged",
        "correction",
        "note",
        "clinician_seen",
        "referral_acknowledged",
        "session_left",
    ];
    for kind in all {
        assert!(
            kinds.contains(&kind),
            "docs/journal-format.md needs an example of {kind}"
        );
    }
}
