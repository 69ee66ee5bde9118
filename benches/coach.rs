//! Read + replay + prescribe over generated journals of 1, 5 and 10 years of daily use (a morning
//! check-in and a full session with every set rated, each day). Target: 10 years under 20 ms.
//! Run with `cargo bench --bench coach`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rehab_coach::domain::coach::prescribe;
use rehab_coach::domain::history::History;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
use rehab_coach::domain::programme::{Programme, Sides};
use rehab_coach::domain::records::{Record, RecordBody, RecordId, Side};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::store::journal_line::{self, FORMAT_VERSION, apply_fields};
use std::collections::BTreeMap;
use std::hint::black_box;

const PROGRAMME: &str = include_str!("../tests/fixtures/coach/two-phase.toml");
const DAYS_PER_YEAR: u32 = 365;

fn rating(v: u32) -> Rating {
    Rating::new(i64::from(v % 11)).unwrap_or(Rating::ZERO)
}

/// Journal lines for `days` days of daily use, as a person's device would write them.
fn journal_lines(programme: &Programme, days: u32) -> Vec<String> {
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut seq = 0u32;
    let mut lines = Vec::new();
    let mut push = |date: NaiveDate, minute: u32, body: RecordBody| {
        seq += 1;
        let at: DateTime<FixedOffset> =
            DateTime::parse_from_rfc3339(&format!("{date}T07:00:00+01:00")).unwrap()
                + chrono::Duration::minutes(i64::from(minute));
        let id = RecordId(format!("bench-{seq:08}").into());
        let record = Record {
            v: FORMAT_VERSION,
            id: id.clone(),
            at,
            date,
            body,
        };
        lines.push(journal_line::to_line(&record));
        id
    };
    push(
        start,
        0,
        RecordBody::ProgrammeChosen {
            programme: programme.id.clone(),
            start,
        },
    );
    let phase = &programme.phases[0];
    for day in 0..days {
        let date = start + Days::new(u64::from(day));
        // Mild pain that wanders between 1 and 4: mostly settled mornings.
        let wobble = (day * 7 + day / 5) % 4;
        push(
            date,
            0,
            RecordBody::CheckIn {
                pain: Some(rating(1 + wobble)),
                stiffness: Some(rating(1 + wobble % 2)),
                load_test: None,
                red_flags: if day % 7 == 0 {
                    [("below_knee".to_string(), false)].into_iter().collect()
                } else {
                    BTreeMap::new()
                },
            },
        );
        let exercises: Vec<SnapshotExercise> = phase
            .exercises
            .iter()
            .filter_map(|pe| {
                let ex = programme.exercise(&pe.exercise)?;
                let rung = 1 + (day / 10) % pe.top_for(ex.top_rung());
                Some(SnapshotExercise {
                    exercise: ex.id.as_str().into(),
                    rung,
                    dose: ex.rung(rung)?.clone(),
                    decision: Decision::Hold,
                    reasons: vec![],
                })
            })
            .collect();
        let sets: Vec<(String, u32, bool)> = exercises
            .iter()
            .map(|e| {
                let each = programme
                    .exercise(&e.exercise)
                    .is_some_and(|x| x.sides == Sides::Each);
                (e.exercise.to_string(), e.dose.sets, each)
            })
            .collect();
        let plan = PlanSnapshot {
            programme: programme.id.as_str().into(),
            phase: phase.id.as_str().into(),
            decision: Decision::Hold,
            reasons: vec![],
            deload: false,
            exercises,
        };
        let session = push(
            date,
            30,
            RecordBody::SessionStarted {
                plan: plan.into(),
                pain_before: None,
            },
        );
        let mut minute = 31;
        for (exercise, count, each) in sets {
            let sides: &[Option<Side>] = if each {
                &[Some(Side::Left), Some(Side::Right)]
            } else {
                &[None]
            };
            for set in 1..=count {
                for side in sides {
                    minute += 1;
                    push(
                        date,
                        minute,
                        RecordBody::SetDone {
                            session: session.clone(),
                            exercise: exercise.as_str().into(),
                            side: *side,
                            set,
                            reps: Some(10),
                            seconds: None,
                            pain: rating(2 + wobble % 3),
                            effort: Some(rating(4)),
                            undone: false,
                        },
                    );
                }
            }
        }
        push(
            date,
            minute + 1,
            RecordBody::SessionFinished {
                session,
                pain_after: rating(2 + wobble % 2),
                effort: Some(rating(4)),
                note: None,
            },
        );
    }
    lines
}

/// What `rehab today` does after reading the files: parse, replay, prescribe.
fn read_replay_prescribe(
    lines: &[String],
    programme: &Programme,
    today: NaiveDate,
    settings: &CoachSettings,
) -> usize {
    let records = lines.iter().filter_map(|l| journal_line::from_line(l).ok());
    let history = History::replay(records, apply_fields);
    prescribe(programme, &history, today, settings)
        .exercises
        .len()
}

fn bench(c: &mut Criterion) {
    let programme: Programme = toml::from_str(PROGRAMME).expect("bench programme parses");
    let settings = CoachSettings::default();
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut group = c.benchmark_group("read_replay_prescribe");
    group.sample_size(10);
    for years in [1u32, 5, 10] {
        let days = years * DAYS_PER_YEAR;
        let lines = journal_lines(&programme, days);
        let today = start + Days::new(u64::from(days));
        group.throughput(Throughput::Elements(lines.len() as u64));
        group.bench_with_input(BenchmarkId::new("years", years), &lines, |b, lines| {
            b.iter(|| read_replay_prescribe(black_box(lines), &programme, today, &settings))
        });
    }
    group.finish();

    // The coach alone, on an already replayed 10-year history.
    let days = 10 * DAYS_PER_YEAR;
    let lines = journal_lines(&programme, days);
    let history = History::replay(
        lines.iter().filter_map(|l| journal_line::from_line(l).ok()),
        apply_fields,
    );
    let today = start + Days::new(u64::from(days));
    c.bench_function("parse_only/years/10", |b| {
        b.iter(|| {
            black_box(&lines)
                .iter()
                .filter_map(|l| journal_line::from_line(l).ok())
                .count()
        })
    });
    // For comparison: typed parsing straight from the line, without the `serde_json::Value`
    // step `journal_line::from_line` takes to check the version first.
    c.bench_function("parse_typed_only/years/10", |b| {
        b.iter(|| {
            black_box(&lines)
                .iter()
                .filter_map(|l| serde_json::from_str::<Record>(l).ok())
                .count()
        })
    });
    let records: Vec<Record> = lines
        .iter()
        .filter_map(|l| journal_line::from_line(l).ok())
        .collect();
    c.bench_function("replay_only/years/10", |b| {
        b.iter(|| History::replay(black_box(records.clone()), apply_fields))
    });
    c.bench_function("prescribe_only/years/10", |b| {
        b.iter(|| prescribe(&programme, black_box(&history), today, &settings))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
