//! Reading and replaying the journal from its file: 1, 5 and 10 years of daily use (a check-in and
//! a session of five exercises × two sets every day); then the same with the coach's prescription,
//! on a built-in programme whose phase-1 exercises fill the sessions (what `rehab today` does).
//! Run with `cargo bench --bench journal_read`.

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rehab_coach::domain::coach::prescribe;
use rehab_coach::domain::history::History;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, Reason, SnapshotExercise};
use rehab_coach::domain::programme::{Programme, Rung};
use rehab_coach::domain::records::{FORMAT_VERSION, Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::store::journal_file::{journal_file_name, read_journal};
use rehab_coach::store::programme_files::Catalogue;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

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
            id: RecordId(format!("bench-{sequence:06}").into()),
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
                    exercises: exercises.to_vec(),
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

fn read_and_replay(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal read + replay");
    group.sample_size(10);
    let exercises = made_up_exercises();
    for years in [1, 5, 10] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), years, "bench", false, &exercises);
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

fn read_replay_prescribe(c: &mut Criterion) {
    let catalogue = Catalogue::builtins_only();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let exercises = programme_exercises(programme);
    let settings = CoachSettings::default();
    let mut group = c.benchmark_group("journal read + replay + prescribe");
    group.sample_size(10);
    for years in [1, 5, 10] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), years, PROGRAMME, true, &exercises);
        let today = first_day() + Days::new(years * DAYS_PER_YEAR);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{years}y")),
            &years,
            |b, _| {
                b.iter(|| {
                    let read = read_journal(dir.path()).unwrap();
                    let history = History::replay(read.records);
                    prescribe(programme, &history, today, &settings)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, read_and_replay, read_replay_prescribe);
criterion_main!(benches);
