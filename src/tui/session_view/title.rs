//! The runner's words outside its screen: the window title (OSC 2), the desktop notification
//! at the end of a step, and the "Next:" line. The runner gives data; these phrase it.

use crate::domain::session::{Cue, Overlay, Session, Slot, Stage, StepKind};
use crate::domain::timer::clock_text;
use std::time::Instant;

/// Window title text (OSC 2): "Clamshell L 2/3 · 0:23".
pub fn title(session: &Session, now: Instant) -> String {
    match session.stage() {
        Stage::Steps => {
            let Some(step) = session.current_step() else {
                return "rehab".to_string();
            };
            let what = match session.countdown() {
                // Said in words when it is not the exercise's own work, so a glance at a
                // small window tells walking from jogging and resting from holding.
                Some(t) if title_names_step(step.kind) => format!(
                    "{} {}",
                    step.kind.label().to_lowercase(),
                    clock_text(t.display_secs(now))
                ),
                Some(t) => clock_text(t.display_secs(now)),
                None if step.kind == StepKind::Rate && session.pending_pain().is_some() => {
                    "rate effort".to_string()
                }
                None if step.kind == StepKind::Rate => "rate pain".to_string(),
                None => "reps".to_string(),
            };
            let paused = if session.overlay() == Some(Overlay::Paused) {
                " (paused)"
            } else {
                ""
            };
            format!("{} · {what}{paused}", slot_text(session, step.slot))
        }
        Stage::RedPain { .. } => "rehab · pain too high".to_string(),
        Stage::EndForm(_) => "rehab · how did it go".to_string(),
        Stage::Summary { .. } | Stage::Ended => "rehab · session done".to_string(),
    }
}

/// The desktop notification's text: "Clamshell L 2/3: hold done", "Rest over: Next: …".
pub fn notification(session: &Session, cue: Cue) -> String {
    match cue {
        Cue::StepDone { slot, kind } => {
            format!("{}: {}", slot_text(session, slot), step_done_words(kind))
        }
        Cue::RestOver { next } => format!("Rest over: {}", next_text(session, next)),
    }
}

/// What comes after the current set: "Next: Quick hold R, set 1 of 2 (…)" or the end.
pub fn next_up(session: &Session) -> String {
    next_text(session, session.next_slot())
}

fn next_text(session: &Session, next: Option<Slot>) -> String {
    match next {
        Some(slot) => match session.block(slot.block) {
            Some(block) => format!(
                "Next: {} ({})",
                session.slot_words(slot),
                block.dose.describe(block.exercise.kind)
            ),
            None => String::new(),
        },
        None => "Next: pain after the session, then a summary".to_string(),
    }
}

/// "Clamshell L 2/3".
fn slot_text(session: &Session, slot: Slot) -> String {
    let Some(block) = session.block(slot.block) else {
        return String::new();
    };
    let side = slot
        .side
        .map(|s| format!(" {}", s.letter()))
        .unwrap_or_default();
    format!(
        "{}{side} {}/{}",
        block.exercise.name, slot.set, block.last_set
    )
}

/// Steps the window title names ("rest 0:23", "jog 1:40"); the exercise's own hold or timed
/// work shows the countdown alone.
fn title_names_step(kind: StepKind) -> bool {
    matches!(
        kind,
        StepKind::GetReady(_)
            | StepKind::Walk(_)
            | StepKind::Run(_)
            | StepKind::SideSwitch(_)
            | StepKind::Rest(_)
    )
}

/// What the end of a timed step is called in a notification.
fn step_done_words(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Hold { .. } => "hold done",
        StepKind::Stretch(_) => "stretch done",
        StepKind::Walk(_) => "walk done",
        StepKind::Run(_) => "jog done",
        _ => "time up",
    }
}
