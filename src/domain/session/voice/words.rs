//! The words: what each change of the session is called, at each level of detail. Names and
//! loads come from the programme, as the screen shows them, made speakable.

use super::{Part, Seen, StageKind, VoiceOptions};
use crate::domain::config::VoiceDetail;
use crate::domain::programme::ExerciseKind;
use crate::domain::session::{Beat, Block, Phase, Session, Slot, Step, StepKind};
use crate::domain::text::speakable;
use std::time::Duration;

/// Time-left calls come only this far from the end or more (nearer, the end itself is next).
const TIME_LEFT_MIN_SECS: u64 = 5;

/// A rest gets its "10 seconds" call only when it is at least this long.
const REST_WARNING_MIN_SECS: u64 = 15;

/// The seconds left in a rest at which "10 seconds" is said.
const REST_WARNING_SECS: u64 = 10;

/// The get-ready count says the last this many seconds.
const COUNT_FROM: u64 = 3;

/// What to say for the change from `before` to `now`.
pub(super) fn parts(
    session: &Session,
    before: Option<&Seen>,
    now: &Seen,
    options: VoiceOptions,
) -> Vec<Part> {
    let stage_before = before.map(|b| b.stage);
    match now.stage {
        StageKind::RedPain if stage_before != Some(StageKind::RedPain) => red_pain(session),
        StageKind::EndForm if stage_before != Some(StageKind::EndForm) => {
            vec![Part::says("session done: rate your pain")]
        }
        StageKind::Steps => {
            let same_step = before.is_some_and(|b| {
                b.stage == StageKind::Steps && b.serial == now.serial && b.step == now.step
            });
            match (before, same_step) {
                (Some(before), true) => changes(session, before, now, options),
                _ => entered(session, before.and_then(|b| b.step), now, options.detail),
            }
        }
        _ => Vec::new(),
    }
}

/// The seconds shown on a countdown at which words are said, below the starting value.
pub(super) fn called_seconds(
    kind: StepKind,
    total_secs: u64,
    options: VoiceOptions,
) -> impl Iterator<Item = u64> {
    let detail = options.detail;
    let every = u64::from(options.time_left_every);
    let (count, rest_warning, time_left, last_three) = match kind {
        StepKind::GetReady(_) => (detail >= VoiceDetail::Normal, false, false, false),
        StepKind::Rest(_) => (
            false,
            detail >= VoiceDetail::Normal && total_secs >= REST_WARNING_MIN_SECS,
            false,
            false,
        ),
        kind if kind.is_timed_work() => (
            false,
            false,
            detail >= VoiceDetail::Normal && every > 0,
            detail >= VoiceDetail::Chatty && total_secs > 2 * COUNT_FROM,
        ),
        _ => (false, false, false, false),
    };
    (1..total_secs.max(1)).rev().filter(move |&secs| {
        ((count || last_three) && secs <= COUNT_FROM)
            || (rest_warning && secs == REST_WARNING_SECS)
            || (time_left && secs >= TIME_LEFT_MIN_SECS && secs.is_multiple_of(every.max(1)))
    })
}

/// A step was entered (or the session first seen): what it is, and what starts now.
fn entered(session: &Session, before: Option<Step>, now: &Seen, detail: VoiceDetail) -> Vec<Part> {
    let Some(step) = now.step else {
        return Vec::new();
    };
    let Some(block) = session.block(step.slot.block) else {
        return Vec::new();
    };
    let normal = detail >= VoiceDetail::Normal;
    let new_exercise = before.is_none_or(|b| b.slot.block != step.slot.block);
    let mut parts = Vec::new();
    if new_exercise && !step.kind.is_transition() && step.kind != StepKind::Rate {
        parts.push(Part::says(intro(block, step.slot, detail)));
    }
    let after_count_in = before.is_some_and(|b| matches!(b.kind, StepKind::GetReady(_)));
    match step.kind {
        StepKind::GetReady(_) => {
            if !new_exercise {
                parts.extend(set_words(session, block, before, step, detail));
                // A count right after other words would only cut them off.
                if parts.is_empty() && normal {
                    parts.extend(now.secs.filter(|&s| s <= COUNT_FROM).map(count));
                }
            }
        }
        StepKind::Hold { .. } | StepKind::Timed(_) | StepKind::Stretch(_) => {
            parts.push(Part::says("go"));
        }
        StepKind::Walk(length) | StepKind::Run(length) => {
            let what = if matches!(step.kind, StepKind::Walk(_)) {
                "walk"
            } else {
                "jog"
            };
            let go = if after_count_in { "go, " } else { "" };
            parts.push(Part::says(if normal {
                format!("{go}{what}, {}", duration_words(length))
            } else {
                format!("{go}{what}")
            }));
        }
        StepKind::Reps(reps) => match now.beat {
            Some(Beat {
                phase: Phase::Ready,
                secs_left,
                ..
            }) => {
                if normal && u64::from(secs_left) <= COUNT_FROM && parts.is_empty() {
                    parts.push(count(u64::from(secs_left)));
                }
            }
            // With a paced count the beats say the rest.
            Some(_) => parts.push(Part::says("go")),
            None if normal => parts.push(Part::says(format!("go, {reps} reps"))),
            None => parts.push(Part::says("go")),
        },
        StepKind::Rate => parts.push(Part::says("done: rate your pain")),
        StepKind::SideSwitch(_) => {
            let next = session.next_slot().and_then(|s| s.side);
            parts.push(Part::says(match next {
                Some(side) if normal => format!("switch sides, {} side", side.word()),
                _ => "switch sides".to_string(),
            }));
        }
        StepKind::Rest(length) => parts.push(Part::says(rest_words(session, length, detail))),
    }
    parts
}

/// The same step as before: a called second, a new beat of the paced count.
fn changes(session: &Session, before: &Seen, now: &Seen, options: VoiceOptions) -> Vec<Part> {
    let Some(step) = now.step else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    if let Some(secs) = now.secs.filter(|&s| Some(s) != before.secs) {
        let total = session.countdown().map_or(0, |t| t.total().as_secs());
        // Called only when the countdown comes down onto it (not when `+` extends a rest).
        let down_onto = before.secs.is_some_and(|b| b > secs);
        if down_onto && called_seconds(step.kind, total, options).any(|s| s == secs) {
            parts.push(match step.kind {
                StepKind::Rest(_) => Part::says(duration_words(Duration::from_secs(secs))),
                _ if secs <= COUNT_FROM => count(secs),
                _ => Part::says(format!(
                    "{} left",
                    duration_words(Duration::from_secs(secs))
                )),
            });
        }
    }
    if now.beat != before.beat {
        parts.extend(beat_words(before.beat, now.beat, options.detail));
    }
    parts
}

/// The paced count: "3, 2, 1" in its own lead-in, "go" at the first rep, then each phase.
fn beat_words(before: Option<Beat>, now: Option<Beat>, detail: VoiceDetail) -> Option<Part> {
    let normal = detail >= VoiceDetail::Normal;
    let phase_of = |b: Option<Beat>| b.map(|b| (b.rep, b.phase));
    match now {
        Some(beat) if beat.phase == Phase::Ready => (normal
            && u64::from(beat.secs_left) <= COUNT_FROM
            && before.is_none_or(|b| b.secs_left != beat.secs_left))
        .then(|| count(u64::from(beat.secs_left))),
        Some(beat) if phase_of(before) == Some((beat.rep, beat.phase)) => None,
        Some(beat) if beat.rep == 1 && beat.phase == Phase::Down => Some(Part::says("go")),
        // Each beat is a moment of the tempo: said at once, short enough for a 1-second phase.
        Some(beat) if normal => Some(Part::says(match beat.phase {
            Phase::Down if detail >= VoiceDetail::Chatty => format!("{}, down", beat.rep),
            Phase::Down => beat.rep.to_string(),
            phase => phase.word().to_string(),
        })),
        None if normal && before.is_some_and(|b| b.rep > 0) => {
            Some(Part::says("all reps done, press Enter"))
        }
        _ => None,
    }
}

/// "Side-lying hold, left side, 3 sets of 30 seconds".
fn intro(block: &Block, slot: Slot, detail: VoiceDetail) -> String {
    let mut words = vec![speakable(&block.exercise.name)];
    if let Some(side) = slot.side {
        words.push(format!("{} side", side.word()));
    }
    if detail >= VoiceDetail::Normal {
        let first = slot.set == block.first_set && block.sides().first() == Some(&slot.side);
        let sets = block.last_set.saturating_sub(block.first_set) + 1;
        words.push(if first {
            format!("{} of {}", plural(sets, "set"), per_set(block))
        } else {
            format!("set {} of {}, {}", slot.set, block.last_set, per_set(block))
        });
    }
    if detail >= VoiceDetail::Chatty
        && let Some(cue) = block.exercise.cues.first()
    {
        words.push(speakable(cue));
    }
    words.retain(|w| !w.is_empty());
    words.join(", ")
}

/// The dose of one set: "30 seconds", "3 holds of 10 seconds", "12 reps, light band".
fn per_set(block: &Block) -> String {
    let dose = &block.dose;
    let secs = |n: Option<u32>| Duration::from_secs(u64::from(n.unwrap_or(0)));
    let mut words = match block.exercise.kind {
        ExerciseKind::Hold => {
            let holds = dose.reps.unwrap_or(1).max(1);
            let hold = duration_words(secs(dose.hold));
            if holds > 1 {
                format!("{holds} holds of {hold}")
            } else {
                hold
            }
        }
        ExerciseKind::Reps => plural(dose.reps.unwrap_or(0), "rep"),
        ExerciseKind::Timed | ExerciseKind::Stretch => duration_words(secs(dose.duration)),
        ExerciseKind::Interval => {
            let parts: Vec<String> = [("walk", dose.walk), ("jog", dose.run)]
                .into_iter()
                .filter(|(_, s)| s.unwrap_or(0) > 0)
                .map(|(what, s)| format!("{what} {}", duration_words(secs(s))))
                .collect();
            parts.join(" and ")
        }
    };
    if let Some(load) = &dose.load {
        words.push_str(&format!(", {}", speakable(load)));
    }
    words
}

/// Before the count of a new set of the same exercise: "last set", the side when a rest ends on
/// the other side, a later hold of a set, and (chatty) the set and side.
fn set_words(
    session: &Session,
    block: &Block,
    before: Option<Step>,
    step: Step,
    detail: VoiceDetail,
) -> Option<Part> {
    if detail < VoiceDetail::Normal {
        return None;
    }
    let next = session.steps.get(session.cursor + 1).map(|s| s.kind);
    if let Some(StepKind::Hold { index, of, .. }) = next
        && index > 1
    {
        return Some(Part::says(format!("hold {index} of {of}")));
    }
    // After a side switch the switch has said the side.
    let new_set =
        before.is_none_or(|b| b.slot != step.slot && !matches!(b.kind, StepKind::SideSwitch(_)));
    if !new_set {
        return None;
    }
    let last = step.slot.set == block.last_set && block.last_set > block.first_set;
    let side = step.slot.side.map(|s| format!(", {} side", s.word()));
    // Eyes closed, a rest that ends on the other side must say which side.
    let side_changed = session.steps[..session.cursor]
        .iter()
        .rev()
        .find(|s| s.slot.block == step.slot.block && s.slot != step.slot)
        .is_some_and(|s| s.slot.side != step.slot.side);
    match detail {
        VoiceDetail::Chatty => Some(Part::says(format!(
            "{}{}",
            if last {
                "last set".to_string()
            } else {
                format!("set {} of {}", step.slot.set, block.last_set)
            },
            side.unwrap_or_default()
        ))),
        _ if side_changed => {
            let side = step.slot.side.map(|s| format!("{} side", s.word()));
            let side = side.unwrap_or_default();
            Some(Part::says(if last {
                format!("last set, {side}")
            } else {
                side
            }))
        }
        _ if last => Some(Part::says("last set")),
        _ => None,
    }
}

/// "rest, 60 seconds" (chatty: "…, next: Clamshell" before another exercise).
fn rest_words(session: &Session, length: Duration, detail: VoiceDetail) -> String {
    if detail < VoiceDetail::Normal {
        return "rest".to_string();
    }
    let mut words = format!("rest, {}", duration_words(length));
    let current = session.current_step().map(|s| s.slot.block);
    if detail >= VoiceDetail::Chatty
        && let Some(next) = session.next_slot()
        && Some(next.block) != current
        && let Some(block) = session.block(next.block)
    {
        words.push_str(&format!(", next: {}", speakable(&block.exercise.name)));
    }
    words
}

fn red_pain(session: &Session) -> Vec<Part> {
    let name = session
        .current_block()
        .map(|b| speakable(&b.exercise.name))
        .unwrap_or_default();
    vec![Part::says(format!(
        "pain too high: {name} ends for today. Choose what comes next"
    ))]
}

fn count(secs: u64) -> Part {
    Part::filler(secs.to_string())
}

/// "1 set", "3 sets".
fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "45 seconds", "90 seconds", "2 minutes", "2 minutes 30 seconds".
pub(super) fn duration_words(length: Duration) -> String {
    let secs = length.as_secs();
    let seconds = |n: u64| {
        if n == 1 {
            "1 second".to_string()
        } else {
            format!("{n} seconds")
        }
    };
    if secs < 120 && !secs.is_multiple_of(60) {
        return seconds(secs);
    }
    let minutes = secs / 60;
    let minutes_words = if minutes == 1 {
        "1 minute".to_string()
    } else {
        format!("{minutes} minutes")
    };
    match secs % 60 {
        0 => minutes_words,
        rest => format!("{minutes_words} {}", seconds(rest)),
    }
}
