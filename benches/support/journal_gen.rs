//! A long, realistic journal for benchmarks and measurements: one programme chosen, then every
//! day a morning check-in and a session of the programme's phase-1 exercises (two sets each),
//! each day's plan with that day's numbers in its reasons (so no two days' plans are equal).
//! Written with the real record types, one `journal_line::to_line` per line, as this device's
//! journal file (without the writer's fsync per line: this makes a journal to read, fast).
//! Shared by `benches/journal_read.rs` and `examples/gen-journal.rs` (`#[path]`).

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
use rehab_coach::domain::programme::{Programme, Rung};
use rehab_coach::domain::reason::Reason;
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::store::journal_file::journal_file_name;
use rehab_coach::store::journal_line::{self, FORMAT_VERSION};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const DAYS_PER_YEAR: u64 = 365;
/// The built-in programme the journal follows.
pub const PROGRAMME: &str = "gluteal-tendinopathy";
/// The device id the generated journal file is named after.
pub const DEVICE: &str = "generated";
const SETS_PER_EXERCISE: u32 = 2;

fn rating(v: i64) -> Rating {
    Rating::new(v).expect("the generator's ratings are 0 to 10")
}

/// The programme's first-phase exercises at their first rung, `SETS_PER_EXERCISE` sets each.
fn phase_one(programme: &Programme) -> Vec<SnapshotExercise> {
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
                reasons: vec![],
            })
        })
        .collect()
}

/// The day's plan: each reason carries that day's numbers, with its cause and numbers as data,
/// worded and sized as the coach writes them (a real session line is about 3 KB).
fn day_of(exercises: &[SnapshotExercise], day: u64) -> Vec<SnapshotExercise> {
    exercises
        .iter()
        .map(|e| {
            let sessions = day % 3;
            let text = format!(
                "{} stays at rung {} ({} × {}, rest 1 min, effort 2–3/10): {sessions} of 3 \
                 qualifying sessions in a row at this rung so far",
                e.exercise,
                e.rung,
                e.dose.sets,
                e.dose.reps.unwrap_or(10),
            );
            let rung = f64::from(e.rung);
            let reason = Reason::new("rule 12", text).because(
                "streak_short",
                &[
                    ("from_rung", rung),
                    ("needed", 3.0),
                    ("sessions", sessions as f64),
                    ("to_rung", rung),
                ],
            );
            SnapshotExercise {
                reasons: vec![reason],
                ..e.clone()
            }
        })
        .collect()
}

/// The plan's own reasons, as the coach groups them, and the phase's progress that day.
fn plan_reasons(day: u64) -> Vec<Reason> {
    vec![
        Reason::new(
            "rule 12",
            "Glute activation in standing, Static abduction lying on your back and 4 more: \
             stay at the same dose (details under each exercise)",
        ),
        Reason::new(
            "phase exit",
            format!(
                "Staying in phase P1: {} of at least 14 days in phase P1 done.",
                day + 1
            ),
        ),
    ]
}

/// Write `days` days of daily use from `first_day` into `data_dir` (created if missing) as
/// `journal-generated.jsonl`; returns its path. An existing file of that name is replaced.
pub fn write_journal(
    data_dir: &Path,
    programme: &Programme,
    first_day: NaiveDate,
    days: u64,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join(journal_file_name(DEVICE));
    let mut out = io::BufWriter::new(std::fs::File::create(&path)?);
    let exercises = phase_one(programme);
    let offset = FixedOffset::east_opt(3600).expect("one hour east is a valid offset");
    let mut sequence = 0;
    let mut put = |date: NaiveDate, minute: u32, body: RecordBody| -> io::Result<RecordId> {
        sequence += 1;
        let local = date
            .and_hms_opt(7, minute, 0)
            .expect("the generator's minutes are under 60");
        let at = offset
            .from_local_datetime(&local)
            .single()
            .expect("a fixed offset has one time for each local time");
        let record = Record {
            v: FORMAT_VERSION,
            id: RecordId::from(format!("{DEVICE}-{sequence:06}").as_str()),
            at,
            date,
            body,
        };
        writeln!(out, "{}", journal_line::to_line(&record))?;
        Ok(record.id)
    };
    put(
        first_day,
        0,
        RecordBody::ProgrammeChosen {
            programme: programme.id.clone(),
            start: first_day,
        },
    )?;
    for day in 0..days {
        let date = first_day + Days::new(day);
        put(
            date,
            1,
            RecordBody::CheckIn {
                pain: Some(rating(2)),
                stiffness: Some(rating(1)),
                load_test: None,
                red_flags: BTreeMap::new(),
            },
        )?;
        let plan = PlanSnapshot {
            programme: programme.id.clone(),
            phase: programme.phases[0].id.clone(),
            decision: Decision::Hold,
            reasons: plan_reasons(day),
            deload: false,
            exercises: day_of(&exercises, day),
        };
        let session = put(
            date,
            2,
            RecordBody::SessionStarted {
                plan: plan.into(),
                pain_before: Some(rating(2)),
            },
        )?;
        for (minute, exercise) in (3..).zip(&exercises) {
            for set in 1..=SETS_PER_EXERCISE {
                put(
                    date,
                    minute,
                    RecordBody::SetDone {
                        session: session.clone(),
                        exercise: exercise.exercise.clone(),
                        side: None,
                        set,
                        reps: exercise.dose.reps,
                        seconds: exercise.dose.hold,
                        pain: rating(3),
                        effort: Some(rating(4)),
                        undone: false,
                    },
                )?;
            }
        }
        put(
            date,
            40,
            RecordBody::SessionFinished {
                session,
                pain_after: rating(2),
                effort: None,
                note: None,
            },
        )?;
    }
    out.flush()?;
    Ok(path)
}
