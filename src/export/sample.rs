//! A deterministic sample journal (no randomness, no clock): the same arguments always give the
//! same records. Tests, snapshots and benches share it; `rehab` itself never writes it.
//!
//! The journal follows `tests/fixtures/quick.toml` (programme `quick-test`, phase `T1`) and
//! repeats a 90-day story: steady mornings that improve, a step up, a skipped session, a partial
//! one, a flare with a step down, a mistyped check-in fixed by a correction, a few runs.

use crate::domain::history::History;
use crate::domain::pain::Rating;
use crate::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
use crate::domain::programme::Rung;
use crate::domain::reason::Reason;
use crate::domain::records::{Record, RecordBody, RecordId, Side};
use crate::store::journal_line::{self, FORMAT_VERSION};
use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use std::collections::BTreeMap;

/// The programme the sample follows (the quick test fixture).
pub const PROGRAMME: &str = "quick-test";
/// The phase id in that programme.
pub const PHASE: &str = "T1";
/// Length of the repeating story, in days.
pub const CYCLE_DAYS: u32 = 90;

// Days (within a cycle) where the story turns.
const STEP_UP_DAY: u32 = 14;
const SKIP_DAY: u32 = 23;
const PARTIAL_DAY: u32 = 33;
const FLARE_FIRST_DAY: u32 = 41;
const FLARE_LAST_DAY: u32 = 43;
const CORRECTED_DAY: u32 = 50;
const SECOND_STEP_UP_DAY: u32 = 60;
const RUN_DAYS: [u32; 4] = [70, 77, 84, 86];
/// Every seventh day is a rest day.
const REST_EVERY: u32 = 7;

/// The sample journal: `days` days from `start`. Zero days gives an empty journal.
pub fn journal(start: NaiveDate, days: u32) -> Vec<Record> {
    let mut out = Writer {
        records: Vec::new(),
        next: 1,
    };
    for n in 0..days {
        let Some(date) = start.checked_add_days(Days::new(u64::from(n))) else {
            break;
        };
        if n == 0 {
            out.push(
                date,
                0,
                RecordBody::ProgrammeChosen {
                    programme: PROGRAMME.into(),
                    start: date,
                },
            );
        }
        day(&mut out, date, n % CYCLE_DAYS, n / CYCLE_DAYS);
    }
    out.records
}

/// The sample journal replayed as the app replays it (its correction read as a journal line).
pub fn history(start: NaiveDate, days: u32) -> History {
    History::replay(journal(start, days), journal_line::apply_fields)
}

struct Writer {
    records: Vec<Record>,
    next: u32,
}

impl Writer {
    /// Append a record stamped `minute` minutes after 07:00 on `date` (UTC+1).
    fn push(&mut self, date: NaiveDate, minute: i64, body: RecordBody) -> RecordId {
        let id = RecordId(format!("demo-{:06}", self.next).into());
        self.next += 1;
        self.records.push(Record {
            v: FORMAT_VERSION,
            id: id.clone(),
            at: stamp(date, minute),
            date,
            body,
        });
        id
    }
}

fn stamp(date: NaiveDate, minute: i64) -> DateTime<FixedOffset> {
    const OFFSET_SECONDS: i32 = 3600;
    const FIRST_MINUTE_OF_DAY: i64 = 7 * 60;
    let naive = date.and_time(NaiveTime::MIN) + TimeDelta::minutes(FIRST_MINUTE_OF_DAY + minute);
    FixedOffset::east_opt(OFFSET_SECONDS)
        .and_then(|offset| naive.and_local_timezone(offset).single())
        .unwrap_or_else(|| naive.and_utc().fixed_offset())
}

fn rating(v: u32) -> Rating {
    Rating::new(i64::from(v.min(10))).unwrap_or(Rating::ZERO)
}

fn in_flare(d: u32) -> bool {
    (FLARE_FIRST_DAY..=FLARE_LAST_DAY).contains(&d)
}

/// Morning pain for day `d` of the cycle: 4 falling to 1, a ripple, 6–7 in the flare.
fn morning_pain(d: u32) -> u32 {
    if in_flare(d) {
        return 6 + (d - FLARE_FIRST_DAY) % 2;
    }
    let trend = 4u32.saturating_sub(d / 25);
    trend.saturating_sub(u32::from(d.is_multiple_of(3))).max(1)
}

/// The hold's rung: up at the first step, down in the flare, up again later.
fn hold_rung(d: u32) -> u32 {
    if d < STEP_UP_DAY || (FLARE_FIRST_DAY + 1..SECOND_STEP_UP_DAY).contains(&d) {
        1
    } else {
        2
    }
}

fn reps_rung(d: u32) -> u32 {
    if d < STEP_UP_DAY + 7 { 1 } else { 2 }
}

fn decision_for(d: u32) -> (Decision, Vec<Reason>) {
    match d {
        STEP_UP_DAY | SECOND_STEP_UP_DAY => (
            Decision::Progress,
            vec![Reason::new(
                "rule 11",
                "Pain stayed at or under 5/10 and settled by the next morning three sessions running",
            )],
        ),
        d if d == FLARE_FIRST_DAY + 1 => (
            Decision::Regress(1),
            vec![
                Reason::new(
                    "R3",
                    "Morning pain 6/10 had not settled back to yesterday's level",
                ),
                Reason::new("R1", "Quick hold: hold drops from 3 s to 2 s"),
            ],
        ),
        d if d == STEP_UP_DAY + 7 => (
            Decision::Progress,
            vec![Reason::new(
                "rule 11",
                "Quick reps: 3 settled sessions, up to 5 reps",
            )],
        ),
        _ => (
            Decision::Hold,
            vec![Reason::new("rule 12", "Same dose as last time")],
        ),
    }
}

fn plan(d: u32) -> PlanSnapshot {
    let (decision, reasons) = decision_for(d);
    let hold = hold_rung(d);
    let reps = reps_rung(d);
    let exercise = |id: &str, rung: u32, dose: Rung| SnapshotExercise {
        exercise: id.into(),
        rung,
        dose,
        decision: decision.clone(),
        reasons: reasons.clone(),
    };
    PlanSnapshot {
        programme: PROGRAMME.into(),
        phase: PHASE.into(),
        decision: decision.clone(),
        reasons: reasons.clone(),
        deload: false,
        exercises: vec![
            exercise(
                "quick-hold",
                hold,
                Rung {
                    sets: 2,
                    hold: Some(hold + 1),
                    rest: 1,
                    ..Rung::default()
                },
            ),
            exercise(
                "quick-reps",
                reps,
                Rung {
                    sets: 1,
                    reps: Some(1 + 2 * reps),
                    rest: 1,
                    ..Rung::default()
                },
            ),
            exercise(
                "quick-stretch",
                1,
                Rung {
                    sets: 1,
                    duration: Some(2),
                    ..Rung::default()
                },
            ),
        ],
    }
}

/// One day of the story. `cycle` (0 for the first 90 days) only varies the note text.
fn day(out: &mut Writer, date: NaiveDate, d: u32, cycle: u32) {
    let morning = morning_pain(d);
    let weekly = d.is_multiple_of(REST_EVERY) || d == FLARE_FIRST_DAY;
    let red_flags: BTreeMap<String, bool> = if weekly {
        ["both_legs", "bone_stress", "below_knee"]
            .iter()
            .map(|id| ((*id).to_string(), false))
            .collect()
    } else {
        BTreeMap::new()
    };
    // On the corrected day the person first typed 8, then fixed it.
    let typed = if d == CORRECTED_DAY { 8 } else { morning };
    let checkin = out.push(
        date,
        1,
        RecordBody::CheckIn {
            pain: Some(rating(typed)),
            stiffness: Some(rating(morning.saturating_sub(1))),
            load_test: Some(rating(morning.saturating_sub(1).min(4))),
            red_flags,
        },
    );
    if d == CORRECTED_DAY {
        let mut fields = serde_json::Map::new();
        fields.insert("pain".into(), serde_json::json!(morning));
        out.push(
            date,
            2,
            RecordBody::Correction {
                target: checkin,
                fields,
                reason: Some(format!("typed 8 instead of {morning}")),
            },
        );
    }
    if d == FLARE_FIRST_DAY {
        let text = if cycle == 0 {
            "Flared after a long drive; sitting made it worse".to_string()
        } else {
            format!("Flared after a long drive (cycle {})", cycle + 1)
        };
        out.push(date, 3, RecordBody::Note { text });
    }
    if RUN_DAYS.contains(&d) {
        let i = RUN_DAYS.iter().position(|r| *r == d).unwrap_or(0) as u32;
        out.push(
            date,
            600,
            RecordBody::RunLogged {
                minutes: f64::from(20 + 3 * i),
                km: Some(3.0 + 0.5 * f64::from(i)),
                rpe: Some(rating(4 + i.min(2))),
                pain: Some(rating(2 + i / 2)),
                imported: None,
            },
        );
    }
    if d % REST_EVERY == REST_EVERY - 1 || d == FLARE_FIRST_DAY {
        return;
    }
    session(out, date, d, morning);
}

fn session(out: &mut Writer, date: NaiveDate, d: u32, morning: u32) {
    let snapshot = plan(d);
    let exercises = snapshot.exercises.clone();
    let session = out.push(
        date,
        30,
        RecordBody::SessionStarted {
            plan: snapshot.into(),
            pain_before: Some(rating(morning)),
        },
    );
    let mut minute = 31;
    // Within the ceiling (R1) except in the flare, where the sore side goes above it.
    let during = if in_flare(d) { morning + 1 } else { morning };
    for (i, ex) in exercises.iter().enumerate() {
        let skipped = d == SKIP_DAY || (d == PARTIAL_DAY && i > 0);
        if skipped {
            out.push(
                date,
                minute,
                RecordBody::ExerciseSkipped {
                    session: session.clone(),
                    exercise: ex.exercise.clone(),
                    reason: if d == SKIP_DAY {
                        "no time today".into()
                    } else {
                        "hip felt tired".into()
                    },
                },
            );
            minute += 1;
            continue;
        }
        let sides: &[Option<Side>] = if ex.exercise == "quick-hold" {
            &[Some(Side::Left), Some(Side::Right)]
        } else {
            &[None]
        };
        for set in 1..=ex.dose.sets {
            for side in sides {
                // The right side is the sore one: one point more.
                let extra = u32::from(*side == Some(Side::Right));
                out.push(
                    date,
                    minute,
                    RecordBody::SetDone {
                        session: session.clone(),
                        exercise: ex.exercise.clone(),
                        side: *side,
                        set,
                        reps: ex.dose.reps,
                        seconds: ex.dose.hold.or(ex.dose.duration),
                        pain: rating(during + extra),
                        effort: Some(rating(4 + set)),
                        undone: false,
                    },
                );
                minute += 1;
            }
        }
    }
    let note = match d {
        STEP_UP_DAY => Some("Longer hold felt fine".to_string()),
        PARTIAL_DAY => Some("Stopped early, \"tired\" hip, will rest".to_string()),
        _ => None,
    };
    out.push(
        date,
        minute,
        RecordBody::SessionFinished {
            session,
            pain_after: rating(morning + u32::from(d.is_multiple_of(4))),
            effort: Some(rating(5)),
            note,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    }

    #[test]
    fn same_arguments_give_the_same_journal() {
        assert_eq!(journal(start(), 90), journal(start(), 90));
    }

    #[test]
    fn empty_and_single_day() {
        assert!(journal(start(), 0).is_empty());
        let one = journal(start(), 1);
        assert!(one.iter().all(|r| r.date == start()));
        assert!(one.iter().any(|r| r.body.kind() == "set_done"));
    }

    #[test]
    fn ids_are_unique_and_every_line_round_trips() {
        let records = journal(start(), 200);
        let mut ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), records.len());
        for r in &records {
            assert_eq!(
                journal_line::from_line(&journal_line::to_line(r)).as_ref(),
                Ok(r)
            );
        }
    }
}
