//! What a start costs with a long journal: read every file (one `std::fs::read` each), parse
//! the lines, replay, and prescribe today's plan, for 1, 5 and 10 years of daily use (the
//! journal of `examples/gen-journal.rs`). Then what one more set costs the open app at 10 years:
//! adding it to the History (`History::extend`) against replaying the whole journal again, and
//! the coach alone on a 10-year History.
//! Run with `cargo bench --bench journal_read`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/journal_gen.rs"]
mod journal_gen;

use chrono::{Days, NaiveDate};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use journal_gen::{DAYS_PER_YEAR, PROGRAMME, write_journal};
use rehab_coach::app::journal::{FileJournal, Journal};
use rehab_coach::domain::coach::prescribe;
use rehab_coach::domain::history::History;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::store::Context;
use rehab_coach::store::journal_file::read_journal;
use rehab_coach::store::journal_line::{FORMAT_VERSION, apply_fields};
use rehab_coach::store::programme_files::builtin_catalogue;
use std::path::Path;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).unwrap()
}

fn context(data_dir: &Path, today: NaiveDate) -> Context {
    Context {
        data_dir: data_dir.to_path_buf(),
        config_dir: data_dir.join("config"),
        today,
        date_given: true,
        real_today: today,
    }
}

/// The start of `rehab today`: the journal opened as of today (read + replay), then the plan.
fn read_replay_prescribe(c: &mut Criterion) {
    let catalogue = builtin_catalogue();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let settings = CoachSettings::default();
    let mut group = c.benchmark_group("journal read + replay + prescribe");
    group.sample_size(10);
    for years in [1, 5, 10] {
        let dir = tempfile::tempdir().unwrap();
        let days = years * DAYS_PER_YEAR;
        write_journal(dir.path(), programme, first_day(), days).unwrap();
        let today = first_day() + Days::new(days);
        let ctx = context(dir.path(), today);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{years}y")),
            &ctx,
            |b, ctx| {
                b.iter(|| {
                    let journal = FileJournal::open(ctx, Some(ctx.today)).unwrap();
                    prescribe(programme, journal.history(), ctx.today, &settings)
                })
            },
        );
    }
    group.finish();
}

/// One set done in the open app at 10 years: added to the History, or the whole journal
/// replayed with it (the fallback when it cannot be added, e.g. a correction).
fn a_set_added(c: &mut Criterion) {
    let catalogue = builtin_catalogue();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let days = 10 * DAYS_PER_YEAR;
    write_journal(dir.path(), programme, first_day(), days).unwrap();
    let records = read_journal(dir.path()).unwrap().records;
    let history = History::replay(records.iter().cloned(), apply_fields);
    let last = history.sessions.last().unwrap();
    let set = Record {
        v: FORMAT_VERSION,
        id: RecordId::from("bench-set"),
        at: records.last().unwrap().at + chrono::Duration::minutes(1),
        date: last.date,
        body: RecordBody::SetDone {
            session: last.id.clone(),
            exercise: last.plan.exercises[0].exercise.clone(),
            side: None,
            set: 3,
            reps: Some(10),
            seconds: None,
            pain: Rating::new(3).unwrap(),
            effort: None,
            undone: false,
        },
    };
    let mut group = c.benchmark_group("a set added at 10y");
    group.sample_size(10);
    group.bench_function("History::extend", |b| {
        b.iter_batched(
            || history.clone(),
            |mut h| {
                h.extend(vec![set.clone()]).unwrap();
                h
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("replay everything", |b| {
        b.iter(|| {
            let mut all = records.clone();
            all.push(set.clone());
            History::replay(all, apply_fields)
        })
    });
    group.bench_function("read the file + replay everything", |b| {
        b.iter(|| History::replay(read_journal(dir.path()).unwrap().records, apply_fields))
    });
    group.finish();
}

/// The coach alone at 10 years: today's plan from a History already read. It runs after the
/// last block is parsed, so every start waits for all of it.
fn prescribe_alone(c: &mut Criterion) {
    let catalogue = builtin_catalogue();
    let programme = catalogue.get(PROGRAMME).unwrap();
    let settings = CoachSettings::default();
    let dir = tempfile::tempdir().unwrap();
    let days = 10 * DAYS_PER_YEAR;
    write_journal(dir.path(), programme, first_day(), days).unwrap();
    let today = first_day() + Days::new(days);
    let ctx = context(dir.path(), today);
    let journal = FileJournal::open(&ctx, Some(today)).unwrap();
    c.bench_function("prescribe alone at 10y", |b| {
        b.iter(|| prescribe(programme, journal.history(), today, &settings))
    });
}

criterion_group!(benches, read_replay_prescribe, a_set_added, prescribe_alone);
criterion_main!(benches);
