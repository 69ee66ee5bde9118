//! Reading and replaying the journal from its file, then the coach's prescription: 1, 5 and 10
//! years of daily use (a check-in and a session of a built-in programme's phase-1 exercises × two
//! sets every day), as `rehab today` does on a normal start: through the history snapshot that
//! an earlier start wrote, the journal unchanged since. Then 10 years with a day's lines added
//! since (parsed, replayed onto the snapshot, and the snapshot rewritten); the records read and
//! replayed through the journal cache (what export and the TUI read); and the group "cold (no
//! cache)": 10 years parsing every line, and a first start that also writes both caches.
//! Run with `cargo bench --bench journal_read`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use rehab_coach::domain::coach::prescribe;
use rehab_coach::domain::history::History;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, Plan, PlanSnapshot, Reason, SnapshotExercise};
use rehab_coach::domain::programme::{Programme, Rung};
use rehab_coach::domain::records::{FORMAT_VERSION, Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::store::journal_file::{
    CacheUse, CacheWrite, JournalCache, JournalRead, RACY_MARGIN, SnapshotUse, journal_file_name,
    read_history_cached, read_history_reporting, read_journal, read_journal_cached,
    read_journal_reporting,
};
use rehab_coach::store::programme_files::Catalogue;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// The allocator the `rehab` binary uses (src/main.rs), so this measures what it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DAYS_PER_YEAR: u64 = 365;
/// The built-in programme the end-to-end bench prescribes for.
const PROGRAMME: &str = "gluteal-tendinopathy";
const EXERCISES_PER_SESSION: u32 = 5;
const SETS_PER_EXERCISE: u32 = 2;

fn rating(v: i64) -> Rating {
    Rating::new(v).unwrap()
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).unwrap()
}

/// Five made-up exercises at rung 2 (the journal the read + replay figures have always used).
fn made_up_exercises() -> Vec<SnapshotExercise> {
    (0..EXERCISES_PER_SESSION)
        .map(|i| SnapshotExercise {
            exercise: format!("exercise-{i}").into(),
            rung: 2,
            dose: Rung {
                sets: SETS_PER_EXERCISE,
                reps: Some(10),
                rest: 60,
                effort: Some([3, 4]),
                ..Rung::default()
            },
            decision: Decision::Hold,
            reasons: vec![Reason::new("rule 12", "no rule asked for a change")],
        })
        .collect()
}

/// The programme's first-phase exercises at their first rung, `SETS_PER_EXERCISE` sets each.
fn programme_exercises(programme: &Programme) -> Vec<SnapshotExercise> {
    programme.phases[0]
        .exercises
        .iter()
        .filter_map(|pe| {
            let exercise = programme.exercise(&pe.exercise)?;
            Some(SnapshotExercise {
                exercise: exercise.id.as_str().into(),
                rung: 1,
                dose: Rung {
                    sets: SETS_PER_EXERCISE,
                    ..exercise.rung(1)?.clone()
                },
                decision: Decision::Hold,
                reasons: vec![Reason::new("rule 12", "no rule asked for a change")],
            })
        })
        .collect()
}

/// The day's plan for the exercises: as in a real journal, each reason carries that day's
/// numbers, so no two days' plans are equal (the cache cannot share one plan between days).
fn day_of(exercises: &[SnapshotExercise], day: u64) -> Vec<SnapshotExercise> {
    exercises
        .iter()
        .map(|e| SnapshotExercise {
            reasons: vec![Reason::new(
                "rule 12",
                format!(
                    "{} stays at rung {}: {} of 3 qualifying sessions so far, day {} at this rung",
                    e.exercise,
                    e.rung,
                    day % 3,
                    day + 1
                ),
            )],
            ..e.clone()
        })
        .collect()
}

/// Write `years` of daily records straight to a journal file (no fsync per line: this measures
/// reading, not writing). With `chosen`, the journal starts by choosing that programme.
fn generate(dir: &Path, years: u64, programme: &str, chosen: bool, exercises: &[SnapshotExercise]) {
    let path = dir.join(journal_file_name("bench"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let offset = FixedOffset::east_opt(3600).unwrap();
    let first_day = first_day();
    let mut sequence = 0;
    let mut put = |date: NaiveDate, minute: u32, body: RecordBody| -> RecordId {
        sequence += 1;
        let at = offset
            .from_local_datetime(&date.and_hms_opt(7, minute, 0).unwrap())
            .unwrap();
        let record = Record {
            v: FORMAT_VERSION,
            id: RecordId::from(format!("bench-{sequence:06}").as_str()),
            at,
            date,
            body,
        };
        writeln!(out, "{}", record.to_line()).unwrap();
        record.id
    };
    if chosen {
        put(
            first_day,
            0,
            RecordBody::ProgrammeChosen {
                programme: programme.into(),
                start: first_day,
            },
        );
    }
    for day in 0..years * DAYS_PER_YEAR {
        let date = first_day + Days::new(day);
        put(
            date,
            0,
            RecordBody::CheckIn {
                pain: Some(rating(2)),
                stiffness: Some(rating(1)),
                load_test: None,
                red_flags: BTreeMap::new(),
            },
        );
        let session = put(
            date,
            1,
            RecordBody::SessionStarted {
                plan: PlanSnapshot {
                    programme: programme.into(),
                    phase: "P1".into(),
                    decision: Decision::Hold,
                    reasons: vec![],
                    deload: false,
                    exercises: day_of(exercises, day),
                }
                .into(),
                pain_before: Some(rating(2)),
            },
        );
        for (minute, exercise) in (2..).zip(exercises) {
            for set in 1..=SETS_PER_EXERCISE {
                put(
                    date,
                    minute,
                    RecordBody::SetDone {
                        session: session.clone(),
                        exercise: exercise.exercise.clone(),
                        side: None,
                        set,
                        reps: Some(10),
                        seconds: None,
                        pain: rating(3),
                        effort: Some(rating(4)),
                        undone: false,
                    },
                );
            }
        }
        put(
            date,
            30,
            RecordBody::SessionFinished {
                session,
                pain_after: rating(2),
                effort: None,
                note: None,
            },
        );
    }
    out.flush().unwrap();
}

/// A cache for the journal in `data`, under `root`, built (as by an earlier start) and checked
/// to serve the next read.
fn warm_cache(root: &Path, data: &Path) -> JournalCache {
    let cache = JournalCache::under(root, data);
    read_journal_cached(data, &cache).unwrap();
    let (_, reports) = read_journal_reporting(data, &cache).unwrap();
    assert!(
        reports
            .iter()
            .all(|r| r.used == CacheUse::Hit { parsed_lines: 0 }),
        "{reports:?}"
    );
    cache
}

/// The history snapshot for the journal in `data`, under `root`, as a start finds it when the
/// journal has not changed since the last one: written by an earlier start, and the journal
/// last written longer ago than `RACY_MARGIN` (waited out here), so it is trusted unread.
fn settled_snapshot(root: &Path, data: &Path) -> JournalCache {
    let cache = JournalCache::under(root, data);
    read_history_cached(data, &cache, None).unwrap();
    std::thread::sleep(RACY_MARGIN + Duration::from_millis(100));
    // Seen settled, the snapshot is written again to say so.
    read_history_cached(data, &cache, None).unwrap();
    let (_, report) = read_history_reporting(data, &cache, None).unwrap();
    let trusted = SnapshotUse::Hit {
        hashed: 0,
        parsed_lines: 0,
    };
    assert_eq!(
        (report.used, report.write),
        (trusted, CacheWrite::NotNeeded)
    );
    cache
}

/// What a start does once the journal is read: replay it and prescribe today's plan.
fn plan_from(
    read: JournalRead,
    programme: &Programme,
    today: NaiveDate,
    settings: &CoachSettings,
) -> Plan {
    let history = History::replay(read.records);
    prescribe(programme, &history, today, settings)
}

/// The start: read + replay + prescribe through a settled history snapshot.
fn read_replay_prescribe(c: &mut Criterion) {
    let catalogue = Catalogue::builtins_only();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let exercises = programme_exercises(programme);
    let settings = CoachSettings::default();
    let mut group = c.benchmark_group("journal read + replay + prescribe");
    group.sample_size(10);
    for years in [1, 5, 10] {
        let dir = tempfile::tempdir().unwrap();
        let cache_root = tempfile::tempdir().unwrap();
        generate(dir.path(), years, PROGRAMME, true, &exercises);
        let cache = settled_snapshot(cache_root.path(), dir.path());
        let today = first_day() + Days::new(years * DAYS_PER_YEAR);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{years}y")),
            &years,
            |b, _| {
                b.iter(|| {
                    let read = read_history_cached(dir.path(), &cache, Some(today)).unwrap();
                    prescribe(programme, &read.history, today, &settings)
                })
            },
        );
    }
    group.finish();
}

/// Every record read through the journal cache and replayed (export, report, the TUI's start).
fn records_read_and_replay(c: &mut Criterion) {
    let mut group = c.benchmark_group("records read + replay");
    group.sample_size(10);
    let exercises = made_up_exercises();
    for years in [1, 10] {
        let dir = tempfile::tempdir().unwrap();
        let cache_root = tempfile::tempdir().unwrap();
        generate(dir.path(), years, "bench", false, &exercises);
        let cache = warm_cache(cache_root.path(), dir.path());
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{years}y")),
            &years,
            |b, _| {
                b.iter(|| {
                    let read = read_journal_cached(dir.path(), &cache).unwrap();
                    History::replay(read.records)
                })
            },
        );
    }
    group.finish();
}

/// The journal the 10-year groups read: the programme chosen, then its phase-1 exercises every
/// day; `today` is the day after the last.
struct TenYears {
    dir: tempfile::TempDir,
    cache_root: tempfile::TempDir,
    exercises: Vec<SnapshotExercise>,
    today: NaiveDate,
}

impl TenYears {
    const YEARS: u64 = 10;

    fn generate(programme: &Programme) -> TenYears {
        let exercises = programme_exercises(programme);
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), Self::YEARS, PROGRAMME, true, &exercises);
        TenYears {
            dir,
            cache_root: tempfile::tempdir().unwrap(),
            exercises,
            today: first_day() + Days::new(Self::YEARS * DAYS_PER_YEAR),
        }
    }
}

/// 10 years without a usable cache: read + replay + prescribe parsing every line ("no cache":
/// the cache off), and a first start, which also writes the cache ("building the cache").
fn cold(c: &mut Criterion) {
    let catalogue = Catalogue::builtins_only();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let settings = CoachSettings::default();
    let TenYears {
        dir,
        cache_root,
        exercises: _,
        today,
    } = TenYears::generate(programme);
    let cache = JournalCache::under(cache_root.path(), dir.path());
    let mut group = c.benchmark_group("cold (no cache)");
    group.sample_size(10);
    group.bench_function(format!("{}y no cache", TenYears::YEARS), |b| {
        b.iter(|| {
            let read = read_journal(dir.path()).unwrap();
            plan_from(read, programme, today, &settings)
        })
    });
    group.bench_function(format!("{}y building the cache", TenYears::YEARS), |b| {
        b.iter_batched(
            || {
                if let Some(cache_dir) = cache.dir() {
                    let _ = std::fs::remove_dir_all(cache_dir);
                }
            },
            |()| {
                let read = read_history_cached(dir.path(), &cache, Some(today)).unwrap();
                prescribe(programme, &read.history, today, &settings)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// 10 years, with the last day's lines added since the snapshot was written (the usual start
/// after a day of use): the journal is read and hashed to check it, that day's lines parsed and
/// replayed onto the snapshot's History, and the snapshot rewritten.
fn a_day_added(c: &mut Criterion) {
    let catalogue = Catalogue::builtins_only();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let settings = CoachSettings::default();
    let TenYears {
        dir,
        cache_root,
        exercises,
        today,
    } = TenYears::generate(programme);
    let journal = dir.path().join(journal_file_name("bench"));
    let whole = std::fs::read(&journal).unwrap();
    // A check-in, a session start, its sets and its finish.
    let day_lines = 3 + exercises.len() * SETS_PER_EXERCISE as usize;
    let day_start = whole
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, b)| **b == b'\n')
        .nth(day_lines)
        .map(|(at, _)| at + 1)
        .unwrap();
    std::fs::write(&journal, &whole[..day_start]).unwrap();
    let cache = settled_snapshot(cache_root.path(), dir.path());
    let snapshot = cache.snapshot_file().unwrap();
    let snapshot_before = std::fs::read(&snapshot).unwrap();
    std::fs::write(&journal, &whole).unwrap();
    let (_, report) = read_history_reporting(dir.path(), &cache, None).unwrap();
    assert_eq!(
        report.used,
        SnapshotUse::Hit {
            hashed: 1,
            parsed_lines: day_lines
        }
    );
    let mut group = c.benchmark_group("journal read + replay + prescribe, a day added");
    group.sample_size(10);
    group.bench_function(format!("{}y", TenYears::YEARS), |b| {
        b.iter_batched(
            || std::fs::write(&snapshot, &snapshot_before).unwrap(),
            |()| {
                let read = read_history_cached(dir.path(), &cache, Some(today)).unwrap();
                prescribe(programme, &read.history, today, &settings)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    read_replay_prescribe,
    a_day_added,
    records_read_and_replay,
    cold
);
criterion_main!(benches);
