//! Spoken cues: what to say and when, as a pure function of the runner's state over time.
//!
//! The shell gives the session to an `Announcer` after every update (a key, a deadline). It
//! compares what it sees with what it saw last (the step entered, the second shown, the beat of
//! a paced count, the stage) and returns the words for this moment, or nothing.
//! `next_deadline` is when its next words fall due without input (a count number, a time-left
//! call): the event loop sleeps until then, never on a tick.
//!
//! Words that mark a moment (go, switch sides, rest, done) are always said, and the shell cuts
//! short whatever was still being spoken. Words that only fill in (a count number, a beat of a
//! paced count) are left out while earlier words are probably still being spoken, so they
//! never cut off the exercise's name or the dose.

mod words;

use super::{Beat, Session, Stage, Step, StepKind};
use crate::domain::config::VoiceDetail;
use std::time::{Duration, Instant};

/// How much is said, and how often the time left is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoiceOptions {
    pub detail: VoiceDetail,
    /// Seconds between time-left calls in timed work; 0 for none.
    pub time_left_every: u32,
}

impl Default for VoiceOptions {
    fn default() -> Self {
        VoiceOptions {
            detail: VoiceDetail::Normal,
            time_left_every: 30,
        }
    }
}

/// Where the session was at one look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    stage: StageKind,
    serial: u64,
    step: Option<Step>,
    /// Seconds shown on the countdown.
    secs: Option<u64>,
    beat: Option<Beat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StageKind {
    Steps,
    RedPain,
    EndForm,
    Over,
}

impl Seen {
    fn of(session: &Session, now: Instant) -> Seen {
        Seen {
            stage: match session.stage() {
                Stage::Steps => StageKind::Steps,
                Stage::RedPain { .. } => StageKind::RedPain,
                Stage::EndForm(_) => StageKind::EndForm,
                Stage::Summary { .. } | Stage::Ended => StageKind::Over,
            },
            serial: session.step_serial(),
            step: session.current_step().copied(),
            secs: session.display_secs(now),
            beat: session.beat(now),
        }
    }
}

/// One piece of what is said at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    text: String,
    /// Left out while earlier words are still being spoken.
    filler: bool,
}

impl Part {
    fn says(text: impl Into<String>) -> Part {
        Part {
            text: text.into(),
            filler: false,
        }
    }

    fn filler(text: impl Into<String>) -> Part {
        Part {
            text: text.into(),
            filler: true,
        }
    }
}

/// Follows one session and says what to speak.
#[derive(Debug, Clone)]
pub struct Announcer {
    options: VoiceOptions,
    seen: Option<Seen>,
    /// When the last words are likely to have been spoken.
    busy_until: Option<Instant>,
}

impl Announcer {
    pub fn new(options: VoiceOptions) -> Announcer {
        Announcer {
            options,
            seen: None,
            busy_until: None,
        }
    }

    /// Forget the session: the next one is followed from its start.
    pub fn reset(&mut self) {
        self.seen = None;
        self.busy_until = None;
    }

    /// Look at the session at `now`: the words to say now, if any.
    pub fn observe(&mut self, session: &Session, now: Instant) -> Option<String> {
        let seen = Seen::of(session, now);
        let before = self.seen.replace(seen);
        if before == Some(seen) {
            return None;
        }
        let parts = words::parts(session, before.as_ref(), &seen, self.options);
        let busy = self.busy_until.is_some_and(|until| until > now);
        // A moment cuts off whatever is being said; fillers alone wait their turn.
        if parts.is_empty() || (busy && parts.iter().all(|p| p.filler)) {
            return None;
        }
        let text = parts
            .into_iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join(", ");
        self.busy_until = Some(now + speaking_time(&text));
        Some(text)
    }

    /// When the next words fall due without input, if ever: the countdown reaching a called
    /// second, or the paced count's next beat.
    pub fn next_deadline(&self, session: &Session, now: Instant) -> Option<Instant> {
        if *session.stage() != Stage::Steps || session.overlay().is_some() {
            return None;
        }
        let step = session.current_step()?;
        let call = session.countdown().and_then(|timer| {
            let deadline = timer.deadline()?;
            let shown = timer.display_secs(now);
            let next = words::called_seconds(step.kind, timer.total().as_secs(), self.options)
                .filter(|&secs| secs < shown)
                .max()?;
            deadline.checked_sub(Duration::from_secs(next))
        });
        let beat = match step.kind {
            StepKind::Reps(_) => session.pacer.and_then(|p| p.next_change(now)),
            _ => None,
        };
        call.into_iter().chain(beat).min()
    }
}

/// About how long a speech program takes to say `text` at its usual rate (espeak-ng: ~0.3 s a
/// word, a short pause at each comma or colon).
fn speaking_time(text: &str) -> Duration {
    let words = text.split_whitespace().count() as u64;
    let pauses = text.matches([',', ':', '.']).count() as u64;
    Duration::from_millis(250 + 300 * words + 250 * pauses)
}

#[cfg(test)]
mod tests;
