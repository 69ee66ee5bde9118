//! Reading and replaying the journal: 1, 5 and 10 years of daily use (a check-in and a session of
//! five exercises × two sets every day). Run with `cargo bench --bench journal_read`.

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rehab_coach::domain::history::History;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, Reason, SnapshotExercise};
use rehab_coach::domain::programme::Rung;
use rehab_coach::domain::records::{FORMAT_VERSION, Record, RecordBody, RecordId};
use rehab_coach::store::journal_file::{journal_file_name, read_journal};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

const DAYS_PER_YEAR: u64 = 365;
const EXERCISES_PER_SESSION: u32 = 5;
const SETS_PER_EXERCISE: u32 = 2;

fn rating(v: i64) -> Rating {
    Rating::new(v).unwrap()
}

/// Write `years` of daily records straight to a journal file (no fsync per line: this measures
/// reading, not writing).
fn generate(dir: &Path, years: u64) {
    let path = dir.join(journal_file_name("bench"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let offset = FixedOffset::east_opt(3600).unwrap();
    let first_day = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let exercises: Vec<SnapshotExercise> = (0..EXERCISES_PER_SESSION)
        .map(|i| SnapshotExercise {
            exercise: format!("exercise-{i}"),
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
        .collect();
    let mut sequence = 0;
    let mut put = |date: NaiveDate, minute: u32, body: RecordBody| -> RecordId {
        sequence += 1;
        let at = offset
            .from_local_datetime(&date.and_hms_opt(7, minute, 0).unwrap())
            .unwrap();
        let record = Record {
            v: FORMAT_VERSION,
            id: RecordId(format!("bench-{sequence:06}")),
            at,
            date,
            body,
        };
        writeln!(out, "{}", record.to_line()).unwrap();
        record.id
    };
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
                    programme: "bench".into(),
                    phase: "P1".into(),
                    decision: Decision::Hold,
                    reasons: vec![],
                    deload: false,
                    exercises: exercises.clone(),
                },
                pain_before: Some(rating(2)),
            },
        );
        for (minute, exercise) in (2..).zip(&exercises) {
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

fn read_and_replay(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal read + replay");
    group.sample_size(10);
    for years in [1, 5, 10] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), years);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{years}y")),
            &years,
            |b, _| {
                b.iter(|| {
                    let read = read_journal(dir.path()).unwrap();
                    History::replay(read.records)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, read_and_replay);
criterion_main!(benches);
