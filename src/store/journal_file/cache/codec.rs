//! One cache entry per non-blank journal line: the record it holds, or the problem it has (line
//! number, error, text), so a cached read reports bad lines exactly as parsing them would.
//!
//! A session's plan is usually the same as one of the days before: within a block, a plan equal to
//! one already written is stored as a reference back to it, and decoded as the same shared `Arc`
//! (plans are immutable values, so sharing one changes nothing but memory and time).
//!
//! Every struct is destructured in full when encoded: a field added to a record type stops the
//! build here until it is encoded too (then bump `CACHE_LAYOUT`). Enums are matched without a
//! wildcard for the same reason.

pub mod history;
mod names;
mod plan;

use super::wire::{Corrupt, Reader, Writer};
use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use crate::domain::records::{LineError, Record, RecordBody, RecordId, Side};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use names::{NamesRead, NamesWritten, read_name, write_name};
use plan::{decode_plan, encode_plan};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The plans written so far in a block (their encoding → where it starts), and its names.
#[derive(Debug, Default)]
pub struct PlansWritten {
    at: HashMap<Vec<u8>, usize>,
    names: NamesWritten,
}

/// The plans read so far in a block (where each starts → the plan), and its names.
#[derive(Debug, Default)]
pub struct PlansRead {
    at: HashMap<usize, Arc<PlanSnapshot>>,
    names: NamesRead,
}

const PLAN_INLINE: u8 = 0;
const PLAN_SAME_AS: u8 = 1;

/// A line the journal could not read, as kept in the cache (a cached line is never torn).
#[derive(Debug, Clone, PartialEq)]
pub struct CachedProblem {
    /// 1-based line number in the journal file.
    pub line: usize,
    pub error: LineError,
    pub text: String,
}

/// What one cached line holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Record(Record),
    Problem(CachedProblem),
}

const ENTRY_RECORD: u8 = 0;
const ENTRY_PROBLEM: u8 = 1;

pub fn encode_record(w: &mut Writer, record: &Record, plans: &mut PlansWritten) {
    let Record {
        v,
        id,
        at,
        date,
        body,
    } = record;
    w.u8(ENTRY_RECORD);
    w.varint(u64::from(*v));
    write_name(w, &mut plans.names, id.as_str());
    encode_stamp(w, at);
    encode_date(w, *date);
    encode_body(w, body, plans);
}

pub fn encode_problem(w: &mut Writer, line: usize, error: &LineError, text: &str) {
    w.u8(ENTRY_PROBLEM);
    w.len(line);
    match error {
        LineError::NotJson(message) => {
            w.u8(0);
            w.str(message);
        }
        LineError::NewerVersion { found } => {
            w.u8(1);
            w.varint(*found);
        }
        LineError::NoVersion => w.u8(2),
        LineError::Invalid(message) => {
            w.u8(3);
            w.str(message);
        }
    }
    w.str(text);
}

pub fn decode_entry(r: &mut Reader, plans: &mut PlansRead) -> Result<Entry, Corrupt> {
    match r.u8()? {
        ENTRY_RECORD => decode_record(r, plans).map(Entry::Record),
        ENTRY_PROBLEM => decode_problem(r).map(Entry::Problem),
        _ => Err(Corrupt("unknown entry")),
    }
}

fn decode_record(r: &mut Reader, plans: &mut PlansRead) -> Result<Record, Corrupt> {
    Ok(Record {
        v: r.u32()?,
        id: RecordId(read_name(r, &mut plans.names)?),
        at: decode_stamp(r)?,
        date: decode_date(r)?,
        body: decode_body(r, plans)?,
    })
}

fn decode_problem(r: &mut Reader) -> Result<CachedProblem, Corrupt> {
    let line = r.len()?;
    let error = match r.u8()? {
        0 => LineError::NotJson(r.str()?.into()),
        1 => LineError::NewerVersion { found: r.varint()? },
        2 => LineError::NoVersion,
        3 => LineError::Invalid(r.str()?.into()),
        _ => return Err(Corrupt("unknown line error")),
    };
    Ok(CachedProblem {
        line,
        error,
        text: r.str()?.into(),
    })
}

/// The instant (seconds and nanoseconds since the epoch) and the UTC offset it was written with.
fn encode_stamp(w: &mut Writer, at: &DateTime<FixedOffset>) {
    w.signed(at.timestamp());
    w.varint(u64::from(at.timestamp_subsec_nanos()));
    w.signed(i64::from(at.offset().local_minus_utc()));
}

fn decode_stamp(r: &mut Reader) -> Result<DateTime<FixedOffset>, Corrupt> {
    let seconds = r.signed()?;
    let nanos = r.u32()?;
    let offset = i32::try_from(r.signed()?)
        .ok()
        .and_then(FixedOffset::east_opt)
        .ok_or(Corrupt("bad UTC offset"))?;
    let utc = DateTime::from_timestamp(seconds, nanos).ok_or(Corrupt("bad time"))?;
    Ok(utc.with_timezone(&offset))
}

fn encode_date(w: &mut Writer, date: NaiveDate) {
    w.signed(i64::from(date.num_days_from_ce()));
}

fn decode_date(r: &mut Reader) -> Result<NaiveDate, Corrupt> {
    i32::try_from(r.signed()?)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or(Corrupt("bad date"))
}

fn encode_rating(w: &mut Writer, rating: Rating) {
    w.u8(rating.value());
}

fn decode_rating(r: &mut Reader) -> Result<Rating, Corrupt> {
    Rating::new(i64::from(r.u8()?)).map_err(|_| Corrupt("rating off the scale"))
}

/// `None` as 0, `Some(rating)` as rating + 1.
fn encode_opt_rating(w: &mut Writer, rating: Option<Rating>) {
    w.u8(rating.map_or(0, |r| r.value() + 1));
}

fn decode_opt_rating(r: &mut Reader) -> Result<Option<Rating>, Corrupt> {
    match r.u8()? {
        0 => Ok(None),
        v => Rating::new(i64::from(v) - 1)
            .map(Some)
            .map_err(|_| Corrupt("rating off the scale")),
    }
}

fn encode_opt_side(w: &mut Writer, side: Option<Side>) {
    w.u8(match side {
        None => 0,
        Some(Side::Left) => 1,
        Some(Side::Right) => 2,
    });
}

fn decode_opt_side(r: &mut Reader) -> Result<Option<Side>, Corrupt> {
    match r.u8()? {
        0 => Ok(None),
        1 => Ok(Some(Side::Left)),
        2 => Ok(Some(Side::Right)),
        _ => Err(Corrupt("unknown side")),
    }
}

const PROGRAMME_CHOSEN: u8 = 0;
const CHECK_IN: u8 = 1;
const SESSION_STARTED: u8 = 2;
const SET_DONE: u8 = 3;
const EXERCISE_SKIPPED: u8 = 4;
const SESSION_FINISHED: u8 = 5;
const RUN_LOGGED: u8 = 6;
const CORRECTION: u8 = 7;
const NOTE: u8 = 8;
const CLINICIAN_SEEN: u8 = 9;
const REFERRAL_ACKNOWLEDGED: u8 = 10;

fn encode_body(w: &mut Writer, body: &RecordBody, plans: &mut PlansWritten) {
    match body {
        RecordBody::ProgrammeChosen { programme, start } => {
            w.u8(PROGRAMME_CHOSEN);
            w.str(programme.as_str());
            encode_date(w, *start);
        }
        RecordBody::CheckIn {
            pain,
            stiffness,
            load_test,
            red_flags,
        } => {
            w.u8(CHECK_IN);
            encode_opt_rating(w, *pain);
            encode_opt_rating(w, *stiffness);
            encode_opt_rating(w, *load_test);
            w.len(red_flags.len());
            for (flag, answer) in red_flags {
                w.str(flag.as_str());
                w.bool(*answer);
            }
        }
        RecordBody::SessionStarted { plan, pain_before } => {
            w.u8(SESSION_STARTED);
            encode_shared_plan(w, plan, plans);
            encode_opt_rating(w, *pain_before);
        }
        RecordBody::SetDone {
            session,
            exercise,
            side,
            set,
            reps,
            seconds,
            pain,
            effort,
            undone,
        } => {
            w.u8(SET_DONE);
            write_name(w, &mut plans.names, session.as_str());
            write_name(w, &mut plans.names, exercise.as_str());
            encode_opt_side(w, *side);
            w.varint(u64::from(*set));
            w.opt_u32(*reps);
            w.opt_u32(*seconds);
            encode_rating(w, *pain);
            encode_opt_rating(w, *effort);
            w.bool(*undone);
        }
        RecordBody::ExerciseSkipped {
            session,
            exercise,
            reason,
        } => {
            w.u8(EXERCISE_SKIPPED);
            write_name(w, &mut plans.names, session.as_str());
            write_name(w, &mut plans.names, exercise.as_str());
            w.str(reason.as_str());
        }
        RecordBody::SessionFinished {
            session,
            pain_after,
            effort,
            note,
        } => {
            w.u8(SESSION_FINISHED);
            write_name(w, &mut plans.names, session.as_str());
            encode_rating(w, *pain_after);
            encode_opt_rating(w, *effort);
            w.opt_str(note.as_deref());
        }
        RecordBody::RunLogged {
            minutes,
            km,
            rpe,
            pain,
        } => {
            w.u8(RUN_LOGGED);
            w.f64(*minutes);
            w.bool(km.is_some());
            if let Some(km) = km {
                w.f64(*km);
            }
            encode_rating(w, *rpe);
            encode_rating(w, *pain);
        }
        RecordBody::Correction {
            target,
            fields,
            reason,
        } => {
            // Rare: kept as its JSON text rather than a second encoding of JSON values.
            w.u8(CORRECTION);
            w.str(target.as_str());
            w.str(&serde_json::Value::Object(fields.clone()).to_string());
            w.opt_str(reason.as_deref());
        }
        RecordBody::Note { text } => {
            w.u8(NOTE);
            w.str(text.as_str());
        }
        RecordBody::ClinicianSeen { note } => {
            w.u8(CLINICIAN_SEEN);
            w.opt_str(note.as_deref());
        }
        RecordBody::ReferralAcknowledged { reason } => {
            w.u8(REFERRAL_ACKNOWLEDGED);
            w.str(reason.as_str());
        }
    }
}

fn decode_body(r: &mut Reader, plans: &mut PlansRead) -> Result<RecordBody, Corrupt> {
    Ok(match r.u8()? {
        PROGRAMME_CHOSEN => RecordBody::ProgrammeChosen {
            programme: r.str()?.into(),
            start: decode_date(r)?,
        },
        CHECK_IN => RecordBody::CheckIn {
            pain: decode_opt_rating(r)?,
            stiffness: decode_opt_rating(r)?,
            load_test: decode_opt_rating(r)?,
            red_flags: {
                let count = r.len()?;
                let mut flags = BTreeMap::new();
                for _ in 0..count {
                    flags.insert(r.str()?.into(), r.bool()?);
                }
                flags
            },
        },
        SESSION_STARTED => RecordBody::SessionStarted {
            plan: decode_shared_plan(r, plans)?,
            pain_before: decode_opt_rating(r)?,
        },
        SET_DONE => RecordBody::SetDone {
            session: RecordId(read_name(r, &mut plans.names)?),
            exercise: read_name(r, &mut plans.names)?,
            side: decode_opt_side(r)?,
            set: r.u32()?,
            reps: r.opt_u32()?,
            seconds: r.opt_u32()?,
            pain: decode_rating(r)?,
            effort: decode_opt_rating(r)?,
            undone: r.bool()?,
        },
        EXERCISE_SKIPPED => RecordBody::ExerciseSkipped {
            session: RecordId(read_name(r, &mut plans.names)?),
            exercise: read_name(r, &mut plans.names)?,
            reason: r.str()?.into(),
        },
        SESSION_FINISHED => RecordBody::SessionFinished {
            session: RecordId(read_name(r, &mut plans.names)?),
            pain_after: decode_rating(r)?,
            effort: decode_opt_rating(r)?,
            note: r.opt_str()?.map(Into::into),
        },
        RUN_LOGGED => RecordBody::RunLogged {
            minutes: r.f64()?,
            km: if r.bool()? { Some(r.f64()?) } else { None },
            rpe: decode_rating(r)?,
            pain: decode_rating(r)?,
        },
        CORRECTION => RecordBody::Correction {
            target: RecordId::from(r.str()?),
            fields: serde_json::from_str(r.str()?)
                .map_err(|_| Corrupt("correction fields are not a JSON object"))?,
            reason: r.opt_str()?.map(Into::into),
        },
        NOTE => RecordBody::Note {
            text: r.str()?.into(),
        },
        CLINICIAN_SEEN => RecordBody::ClinicianSeen {
            note: r.opt_str()?.map(Into::into),
        },
        REFERRAL_ACKNOWLEDGED => RecordBody::ReferralAcknowledged {
            reason: r.str()?.into(),
        },
        _ => return Err(Corrupt("unknown record kind")),
    })
}

/// The plan in full the first time in a block, then as the distance back to that first one.
fn encode_shared_plan(w: &mut Writer, plan: &PlanSnapshot, plans: &mut PlansWritten) {
    // Equal plans are found by an encoding of their own (names from none before), since the
    // one written depends on the names the block already holds.
    let mut alone = Writer::default();
    encode_plan(&mut alone, plan, &mut NamesWritten::default());
    let here = w.position();
    if let Some(&first) = plans.at.get(&alone.bytes) {
        w.u8(PLAN_SAME_AS);
        w.len(here - first);
    } else {
        w.u8(PLAN_INLINE);
        plans.at.insert(alone.bytes, w.position());
        encode_plan(w, plan, &mut plans.names);
    }
}

fn decode_shared_plan(r: &mut Reader, plans: &mut PlansRead) -> Result<Arc<PlanSnapshot>, Corrupt> {
    let here = r.position();
    match r.u8()? {
        PLAN_INLINE => {
            let start = r.position();
            let plan = Arc::new(decode_plan(r, &mut plans.names)?);
            plans.at.insert(start, Arc::clone(&plan));
            Ok(plan)
        }
        PLAN_SAME_AS => {
            let first = here.checked_sub(r.len()?);
            first
                .and_then(|first| plans.at.get(&first))
                .cloned()
                .ok_or(Corrupt("a plan refers to no earlier plan"))
        }
        _ => Err(Corrupt("unknown plan tag")),
    }
}

#[cfg(test)]
mod tests;
