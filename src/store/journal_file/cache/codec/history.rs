//! A replayed `History`, every field, for the history snapshot (`cache/snapshot`): decoding
//! it is what a start costs instead of decoding every record and replaying them.
//!
//! Sessions, the bulk, are written in chunks with names of their own, so threads can decode
//! chunks at once; everything else is one part. Every struct is destructured in full: a field
//! added to History stops the build here until it is encoded too (then bump `CACHE_LAYOUT`).

use super::super::wire::{Corrupt, Reader, Writer};
use super::names::{NamesRead, NamesWritten, read_name, write_name};
use super::plan::{decode_plan, encode_plan};
use super::{
    decode_date, decode_opt_rating, decode_opt_side, decode_rating, decode_stamp, encode_date,
    encode_opt_rating, encode_opt_side, encode_rating, encode_stamp,
};
use crate::domain::history::{
    CorrectionProblem, DayCheckIn, Finish, History, NoteLog, ProgrammeChoice, RecordKey, RunLog,
    SessionLog, SetLog, Skip,
};
use crate::domain::records::RecordId;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Sessions per chunk: a few hundred KiB of a long history, enough chunks to share out.
pub const SESSIONS_PER_CHUNK: usize = 512;

/// Everything but the sessions. Decoded with `decode_head`, which leaves `sessions` empty.
pub fn encode_head(w: &mut Writer, history: &History) {
    let History {
        choices,
        checkins,
        sessions: _,
        runs,
        notes,
        clinician_seen,
        referrals_acknowledged,
        correction_problems,
        first_day,
        last_day,
        latest,
    } = history;
    let names = &mut NamesWritten::default();
    w.len(choices.len());
    for ProgrammeChoice {
        programme,
        start,
        id,
    } in choices
    {
        w.str(programme);
        encode_date(w, *start);
        write_name(w, names, id.as_str());
    }
    w.len(checkins.len());
    for (date, checkin) in checkins {
        encode_date(w, *date);
        encode_checkin(w, checkin, names);
    }
    w.len(runs.len());
    for RunLog {
        id,
        date,
        minutes,
        km,
        rpe,
        pain,
    } in runs
    {
        write_name(w, names, id.as_str());
        encode_date(w, *date);
        w.f64(*minutes);
        w.bool(km.is_some());
        w.f64(km.unwrap_or_default());
        encode_rating(w, *rpe);
        encode_rating(w, *pain);
    }
    w.len(notes.len());
    for NoteLog { id, date, text } in notes {
        write_name(w, names, id.as_str());
        encode_date(w, *date);
        w.str(text);
    }
    w.len(clinician_seen.len());
    for date in clinician_seen {
        encode_date(w, *date);
    }
    w.len(referrals_acknowledged.len());
    for (date, reason) in referrals_acknowledged {
        encode_date(w, *date);
        w.str(reason);
    }
    w.len(correction_problems.len());
    for CorrectionProblem {
        correction,
        target,
        message,
    } in correction_problems
    {
        write_name(w, names, correction.as_str());
        write_name(w, names, target.as_str());
        w.str(message);
    }
    encode_opt_date(w, *first_day);
    encode_opt_date(w, *last_day);
    w.bool(latest.is_some());
    if let Some(RecordKey { at, id }) = latest {
        encode_stamp(w, at);
        write_name(w, names, id.as_str());
    }
}

pub fn decode_head(r: &mut Reader) -> Result<History, Corrupt> {
    let names = &mut NamesRead::default();
    let mut history = History::default();
    for _ in 0..r.len()? {
        history.choices.push(ProgrammeChoice {
            programme: r.str()?.to_string(),
            start: decode_date(r)?,
            id: RecordId(read_name(r, names)?),
        });
    }
    for _ in 0..r.len()? {
        let date = decode_date(r)?;
        history.checkins.insert(date, decode_checkin(r, names)?);
    }
    for _ in 0..r.len()? {
        history.runs.push(RunLog {
            id: RecordId(read_name(r, names)?),
            date: decode_date(r)?,
            minutes: r.f64()?,
            km: {
                let some = r.bool()?;
                let km = r.f64()?;
                some.then_some(km)
            },
            rpe: decode_rating(r)?,
            pain: decode_rating(r)?,
        });
    }
    for _ in 0..r.len()? {
        history.notes.push(NoteLog {
            id: RecordId(read_name(r, names)?),
            date: decode_date(r)?,
            text: r.str()?.to_string(),
        });
    }
    for _ in 0..r.len()? {
        history.clinician_seen.push(decode_date(r)?);
    }
    for _ in 0..r.len()? {
        history
            .referrals_acknowledged
            .push((decode_date(r)?, r.str()?.to_string()));
    }
    for _ in 0..r.len()? {
        history.correction_problems.push(CorrectionProblem {
            correction: RecordId(read_name(r, names)?),
            target: RecordId(read_name(r, names)?),
            message: r.str()?.to_string(),
        });
    }
    history.first_day = decode_opt_date(r)?;
    history.last_day = decode_opt_date(r)?;
    if r.bool()? {
        history.latest = Some(RecordKey {
            at: decode_stamp(r)?,
            id: RecordId(read_name(r, names)?),
        });
    }
    Ok(history)
}

fn encode_checkin(w: &mut Writer, checkin: &DayCheckIn, names: &mut NamesWritten) {
    let DayCheckIn {
        pain,
        stiffness,
        load_test,
        red_flags,
        ids,
    } = checkin;
    encode_opt_rating(w, *pain);
    encode_opt_rating(w, *stiffness);
    encode_opt_rating(w, *load_test);
    w.len(red_flags.len());
    for (flag, yes) in red_flags {
        write_name(w, names, flag);
        w.bool(*yes);
    }
    w.len(ids.len());
    for id in ids {
        write_name(w, names, id.as_str());
    }
}

fn decode_checkin(r: &mut Reader, names: &mut NamesRead) -> Result<DayCheckIn, Corrupt> {
    let pain = decode_opt_rating(r)?;
    let stiffness = decode_opt_rating(r)?;
    let load_test = decode_opt_rating(r)?;
    let mut red_flags = BTreeMap::new();
    for _ in 0..r.len()? {
        red_flags.insert(read_name(r, names)?.to_string(), r.bool()?);
    }
    let ids = decode_list(r, |r| Ok(RecordId(read_name(r, names)?)))?;
    Ok(DayCheckIn {
        pain,
        stiffness,
        load_test,
        red_flags,
        ids,
    })
}

/// A run of sessions, with names of its own.
pub fn encode_sessions(w: &mut Writer, sessions: &[SessionLog]) {
    let names = &mut NamesWritten::default();
    w.len(sessions.len());
    for session in sessions {
        encode_session(w, session, names);
    }
}

pub fn decode_sessions(r: &mut Reader) -> Result<Vec<SessionLog>, Corrupt> {
    let names = &mut NamesRead::default();
    decode_list(r, |r| decode_session(r, names))
}

/// A count, then that many items read by `item`. Room is made for no more items than bytes
/// left (each takes at least one), so a damaged count cannot ask for a huge allocation.
fn decode_list<T>(
    r: &mut Reader,
    mut item: impl FnMut(&mut Reader) -> Result<T, Corrupt>,
) -> Result<Vec<T>, Corrupt> {
    let count = r.len()?;
    let mut items = Vec::with_capacity(count.min(r.remaining()));
    for _ in 0..count {
        items.push(item(r)?);
    }
    Ok(items)
}

fn encode_session(w: &mut Writer, session: &SessionLog, names: &mut NamesWritten) {
    let SessionLog {
        id,
        date,
        at,
        plan,
        pain_before,
        sets,
        skipped,
        finished,
    } = session;
    write_name(w, names, id.as_str());
    encode_date(w, *date);
    encode_stamp(w, at);
    encode_plan(w, plan, names);
    encode_opt_rating(w, *pain_before);
    w.len(sets.len());
    for SetLog {
        id,
        exercise,
        side,
        set,
        reps,
        seconds,
        pain,
        effort,
    } in sets
    {
        write_name(w, names, id.as_str());
        write_name(w, names, exercise);
        encode_opt_side(w, *side);
        w.varint(u64::from(*set));
        w.opt_u32(*reps);
        w.opt_u32(*seconds);
        encode_rating(w, *pain);
        encode_opt_rating(w, *effort);
    }
    w.len(skipped.len());
    for Skip {
        id,
        exercise,
        reason,
    } in skipped
    {
        write_name(w, names, id.as_str());
        write_name(w, names, exercise);
        w.str(reason);
    }
    w.bool(finished.is_some());
    if let Some(Finish {
        id,
        pain_after,
        effort,
        note,
    }) = finished
    {
        write_name(w, names, id.as_str());
        encode_rating(w, *pain_after);
        encode_opt_rating(w, *effort);
        w.opt_str(note.as_deref());
    }
}

fn decode_session(r: &mut Reader, names: &mut NamesRead) -> Result<SessionLog, Corrupt> {
    let id = RecordId(read_name(r, names)?);
    let date = decode_date(r)?;
    let at = decode_stamp(r)?;
    let plan = Arc::new(decode_plan(r, names)?);
    let pain_before = decode_opt_rating(r)?;
    let sets = decode_list(r, |r| {
        Ok(SetLog {
            id: RecordId(read_name(r, names)?),
            exercise: read_name(r, names)?,
            side: decode_opt_side(r)?,
            set: r.u32()?,
            reps: r.opt_u32()?,
            seconds: r.opt_u32()?,
            pain: decode_rating(r)?,
            effort: decode_opt_rating(r)?,
        })
    })?;
    let skipped = decode_list(r, |r| {
        Ok(Skip {
            id: RecordId(read_name(r, names)?),
            exercise: read_name(r, names)?,
            reason: r.str()?.to_string(),
        })
    })?;
    let finished = if r.bool()? {
        Some(Finish {
            id: RecordId(read_name(r, names)?),
            pain_after: decode_rating(r)?,
            effort: decode_opt_rating(r)?,
            note: r.opt_str()?.map(str::to_string),
        })
    } else {
        None
    };
    Ok(SessionLog {
        id,
        date,
        at,
        plan,
        pain_before,
        sets,
        skipped,
        finished,
    })
}

fn encode_opt_date(w: &mut Writer, date: Option<NaiveDate>) {
    w.bool(date.is_some());
    if let Some(date) = date {
        encode_date(w, date);
    }
}

fn decode_opt_date(r: &mut Reader) -> Result<Option<NaiveDate>, Corrupt> {
    if r.bool()? {
        decode_date(r).map(Some)
    } else {
        Ok(None)
    }
}
