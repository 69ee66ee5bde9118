//! A plan snapshot, every field: the bulk of a long journal's bytes.

use super::super::wire::{Corrupt, Reader, Writer};
use super::names::{NamesRead, NamesWritten, read_name, write_name};
use crate::domain::plan::{Decision, PlanSnapshot, Reason, ReferReason, SnapshotExercise};
use crate::domain::programme::Rung;
use crate::domain::red_flags::Urgency;

pub(super) fn encode_plan(w: &mut Writer, plan: &PlanSnapshot, names: &mut NamesWritten) {
    let PlanSnapshot {
        programme,
        phase,
        decision,
        reasons,
        deload,
        exercises,
    } = plan;
    write_name(w, names, programme.as_str());
    write_name(w, names, phase.as_str());
    encode_decision(w, decision);
    encode_reasons(w, reasons, names);
    w.bool(*deload);
    w.len(exercises.len());
    for exercise in exercises {
        let SnapshotExercise {
            exercise,
            rung,
            dose,
            decision,
            reasons,
        } = exercise;
        write_name(w, names, exercise.as_str());
        w.varint(u64::from(*rung));
        encode_rung(w, dose);
        encode_decision(w, decision);
        encode_reasons(w, reasons, names);
    }
}

pub(super) fn decode_plan(r: &mut Reader, names: &mut NamesRead) -> Result<PlanSnapshot, Corrupt> {
    let programme = read_name(r, names)?;
    let phase = read_name(r, names)?;
    let decision = decode_decision(r)?;
    let reasons = decode_reasons(r, names)?;
    let deload = r.bool()?;
    let count = r.len()?;
    let mut exercises = Vec::with_capacity(count.min(r.remaining()));
    for _ in 0..count {
        exercises.push(SnapshotExercise {
            exercise: read_name(r, names)?,
            rung: r.u32()?,
            dose: decode_rung(r)?,
            decision: decode_decision(r)?,
            reasons: decode_reasons(r, names)?,
        });
    }
    Ok(PlanSnapshot {
        programme,
        phase,
        decision,
        reasons,
        deload,
        exercises,
    })
}

fn encode_reasons(w: &mut Writer, reasons: &[Reason], names: &mut NamesWritten) {
    w.len(reasons.len());
    for Reason { rule, text } in reasons {
        write_name(w, names, rule.as_str());
        w.str(text.as_str());
    }
}

fn decode_reasons(r: &mut Reader, names: &mut NamesRead) -> Result<Vec<Reason>, Corrupt> {
    let count = r.len()?;
    let mut reasons = Vec::with_capacity(count.min(r.remaining()));
    for _ in 0..count {
        reasons.push(Reason {
            rule: read_name(r, names)?,
            text: r.str()?.into(),
        });
    }
    Ok(reasons)
}

fn encode_rung(w: &mut Writer, rung: &Rung) {
    let Rung {
        label,
        sets,
        reps,
        hold,
        duration,
        walk,
        run,
        rest,
        effort,
        load,
        variant,
    } = rung;
    w.opt_str(label.as_deref());
    w.varint(u64::from(*sets));
    for value in [reps, hold, duration, walk, run] {
        w.opt_u32(*value);
    }
    w.varint(u64::from(*rest));
    w.bool(effort.is_some());
    if let Some([low, high]) = effort {
        w.u8(*low);
        w.u8(*high);
    }
    w.opt_str(load.as_deref());
    w.opt_str(variant.as_deref());
}

fn decode_rung(r: &mut Reader) -> Result<Rung, Corrupt> {
    Ok(Rung {
        label: r.opt_str()?.map(Into::into),
        sets: r.u32()?,
        reps: r.opt_u32()?,
        hold: r.opt_u32()?,
        duration: r.opt_u32()?,
        walk: r.opt_u32()?,
        run: r.opt_u32()?,
        rest: r.u32()?,
        effort: if r.bool()? {
            Some([r.u8()?, r.u8()?])
        } else {
            None
        },
        load: r.opt_str()?.map(Into::into),
        variant: r.opt_str()?.map(Into::into),
    })
}

fn encode_decision(w: &mut Writer, decision: &Decision) {
    match decision {
        Decision::Progress => w.u8(0),
        Decision::Hold => w.u8(1),
        Decision::Regress(steps) => {
            w.u8(2);
            w.u8(*steps);
        }
        Decision::Deload => w.u8(3),
        Decision::Refer(reason) => {
            w.u8(4);
            w.u8(match reason {
                ReferReason::SymptomFlag => 0,
                ReferReason::SevereForDays => 1,
                ReferReason::RisingTrend => 2,
                ReferReason::WorseningTwoWeeks => 3,
                ReferReason::Plateau => 4,
                ReferReason::RepeatedFlare => 5,
            });
        }
        Decision::Stop(urgency) => {
            w.u8(5);
            w.u8(match urgency {
                Urgency::Soon => 0,
                Urgency::Urgent => 1,
                Urgency::Emergency => 2,
            });
        }
    }
}

fn decode_decision(r: &mut Reader) -> Result<Decision, Corrupt> {
    Ok(match r.u8()? {
        0 => Decision::Progress,
        1 => Decision::Hold,
        2 => Decision::Regress(r.u8()?),
        3 => Decision::Deload,
        4 => Decision::Refer(match r.u8()? {
            0 => ReferReason::SymptomFlag,
            1 => ReferReason::SevereForDays,
            2 => ReferReason::RisingTrend,
            3 => ReferReason::WorseningTwoWeeks,
            4 => ReferReason::Plateau,
            5 => ReferReason::RepeatedFlare,
            _ => return Err(Corrupt("unknown referral reason")),
        }),
        5 => Decision::Stop(match r.u8()? {
            0 => Urgency::Soon,
            1 => Urgency::Urgent,
            2 => Urgency::Emergency,
            _ => return Err(Corrupt("unknown urgency")),
        }),
        _ => return Err(Corrupt("unknown decision")),
    })
}
