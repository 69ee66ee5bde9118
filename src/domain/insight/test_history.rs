//! Histories for the insight tests: the 90-day sample story, and a small one built from the days
//! sessions were done and the days with a flare.

use crate::domain::history::{History, no_fields};
use crate::domain::pain::Rating;
use crate::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
use crate::domain::programme::{Programme, Rung};
use crate::domain::records::{Record, RecordBody, RecordId};
use crate::export::sample;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The id of the programme `with_flares` chooses.
pub const PROGRAMME: &str = "p";

/// The sample as the app replays it (its correction applied through the journal line format).
pub fn sample(days: u32) -> History {
    sample::history(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), days)
}

/// The sample's programme (`tests/fixtures/quick.toml`), planning `per_week` sessions a week.
pub fn quick_programme(per_week: u32) -> Programme {
    let mut programme: Programme =
        toml::from_str(include_str!("../../../tests/fixtures/quick.toml")).unwrap();
    for exercise in &mut programme.exercises {
        exercise.frequency.per_week = Some(per_week);
    }
    programme
}

/// A day of March 2026.
pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn rec(n: usize, d: u32, body: RecordBody) -> Record {
    Record {
        v: 1,
        id: RecordId(format!("t-{n:04}").into()),
        at: day(d)
            .and_hms_opt(8, 0, 0)
            .unwrap()
            .and_utc()
            .fixed_offset(),
        date: day(d),
        body,
    }
}

/// Programme `PROGRAMME` chosen on March 1st, a finished session (one set, so trained) on each of
/// `session_days`, and a morning pain of 8/10 on each of `flare_days`.
pub fn with_flares(session_days: &[u32], flare_days: &[u32]) -> History {
    History::replay(flare_records(session_days, flare_days), no_fields)
}

fn flare_records(session_days: &[u32], flare_days: &[u32]) -> Vec<Record> {
    let mut records = vec![rec(
        0,
        1,
        RecordBody::ProgrammeChosen {
            programme: PROGRAMME.into(),
            start: day(1),
        },
    )];
    for &d in session_days {
        let n = records.len();
        let session = RecordId(format!("t-{n:04}").into());
        records.push(rec(
            n,
            d,
            RecordBody::SessionStarted {
                plan: PlanSnapshot {
                    programme: PROGRAMME.into(),
                    phase: "T1".into(),
                    decision: Decision::Hold,
                    reasons: vec![],
                    deload: false,
                    exercises: vec![],
                }
                .into(),
                pain_before: None,
            },
        ));
        records.push(rec(
            n + 1,
            d,
            RecordBody::SetDone {
                session: session.clone(),
                exercise: "x".into(),
                side: None,
                set: 1,
                reps: Some(5),
                seconds: None,
                pain: Rating::ZERO,
                effort: None,
                undone: false,
            },
        ));
        records.push(rec(
            n + 2,
            d,
            RecordBody::SessionFinished {
                session,
                pain_after: Rating::ZERO,
                effort: None,
                note: None,
            },
        ));
    }
    for &d in flare_days {
        let n = records.len();
        records.push(rec(
            n,
            d,
            RecordBody::CheckIn {
                pain: Some(Rating::new(8).unwrap()),
                stiffness: None,
                load_test: None,
                red_flags: BTreeMap::new(),
            },
        ));
    }
    records
}

/// As `with_flares` without flares, plus a session on each of `partial_days` that planned three
/// sets of one exercise and logged one.
pub fn with_partial(session_days: &[u32], partial_days: &[u32]) -> History {
    let mut records = flare_records(session_days, &[]);
    records.extend(partial_records(partial_days));
    History::replay(records, no_fields)
}

fn partial_records(partial_days: &[u32]) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    let mut n = 1000;
    for &d in partial_days {
        let session = RecordId(format!("t-{n:04}").into());
        records.push(rec(
            n,
            d,
            RecordBody::SessionStarted {
                plan: PlanSnapshot {
                    programme: PROGRAMME.into(),
                    phase: "T1".into(),
                    decision: Decision::Hold,
                    reasons: vec![],
                    deload: false,
                    exercises: vec![SnapshotExercise {
                        exercise: "x".into(),
                        rung: 1,
                        dose: Rung {
                            sets: 3,
                            reps: Some(5),
                            ..Default::default()
                        },
                        decision: Decision::Hold,
                        reasons: vec![],
                    }],
                }
                .into(),
                pain_before: None,
            },
        ));
        records.push(rec(
            n + 1,
            d,
            RecordBody::SetDone {
                session,
                exercise: "x".into(),
                side: None,
                set: 1,
                reps: Some(5),
                seconds: None,
                pain: Rating::ZERO,
                effort: None,
                undone: false,
            },
        ));
        n += 2;
    }
    records
}

/// Days of March for `with_runs`: full sessions, partial sessions, runs as (day, minutes, km,
/// pain).
#[derive(Default)]
pub struct RunStory<'a> {
    pub sessions: &'a [u32],
    pub partial: &'a [u32],
    pub runs: &'a [(u32, f64, f64, i64)],
}

/// Programme `PROGRAMME` chosen on March 1st, then the story's sessions and runs.
pub fn with_runs(story: RunStory) -> History {
    let mut records = flare_records(story.sessions, &[]);
    records.extend(partial_records(story.partial));
    records.extend(
        story
            .runs
            .iter()
            .enumerate()
            .map(|(i, &(d, minutes, km, pain))| {
                rec(
                    2000 + i,
                    d,
                    RecordBody::RunLogged {
                        minutes,
                        km: Some(km),
                        rpe: Some(Rating::new(4).unwrap()),
                        pain: Some(Rating::new(pain).unwrap()),
                        imported: None,
                    },
                )
            }),
    );
    History::replay(records, no_fields)
}
