//! The session runner: a pure state machine `apply(input, now) -> effects` that walks through
//! today's plan step by step (get-ready, work, pain rating, rest, side switch). The shell carries
//! out the effects (journal appends, bell, notifications).
//!
//! How the shell drives it:
//! - write `session_started`, then `Session::new(id, plan, &programme, options, now)`, or
//!   `Session::resume(&log, …)` for an unfinished session found in the journal;
//! - sleep until `next_deadline(now)` or a key; on waking call `tick(now)`; on a key call
//!   `session_view::handle_key` (which calls `apply`);
//! - carry out every returned `Effect` in order. After writing an `Effect::Append`, call
//!   `record_written(&body, id)` with the id the journal gave it: the runner needs set ids to
//!   undo a set with a correction;
//! - `set_bell(config.bell)` at start (`b` toggles it; `Effect::Bell` is then left out), and
//!   `set_tomorrow(lines)` after `SessionFinished` so the summary says what tomorrow brings;
//! - stop when `is_over()`;
//! - for spoken cues, give the session to a `voice::Announcer` after every update: it says
//!   what to speak, and when its next words fall due.
//!
//! Rules kept here: get-ready before every set and every hold; rest after each set, a side switch
//! between sides; effort is asked only when the dose has an effort target; pain above
//! `amber_max` ends the exercise (easier rung for the sets left, the isometric, or move on);
//! amber marks it no-progress. A replacement chosen after red pain lives only in memory: on
//! resume the exercise that hurt stays ended and the replacement is not offered again.

mod inputs;
mod pacing;
mod resume;
mod state;
mod steps;
mod summary;
mod transitions;
mod views;
pub mod voice;

pub use inputs::Input;
pub use pacing::{Beat, Pacer, Phase, Tempo};
pub use state::{
    BlockEnd, DoneSet, EndField, EndForm, Overlay, RedOption, Screen, SkipReason, Stage,
};
pub use steps::{Block, Slot, Step, StepKind};
pub use summary::{ExerciseSummary, Summary};

use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use crate::domain::programme::Programme;
use crate::domain::records::{RecordBody, RecordId};
use crate::domain::timer::Countdown;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How late a tick may come after a deadline and still chain the next step from that deadline.
/// Event loops wake within milliseconds; a longer gap means the machine was asleep.
const LATE_TICK_TOLERANCE: Duration = Duration::from_secs(1);

/// Timings and thresholds the runner needs (from config and the coach settings).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionOptions {
    pub get_ready: Duration,
    pub side_switch: Duration,
    pub rest_extend: Duration,
    pub green_max: u8,
    pub amber_max: u8,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            get_ready: Duration::from_secs(3),
            side_switch: Duration::from_secs(5),
            rest_extend: Duration::from_secs(15),
            green_max: 2,
            amber_max: 5,
        }
    }
}

/// What the shell must do after an input.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append this record to the journal now (the shell stamps id, time and date), then report
    /// the id with `Session::record_written`.
    Append(RecordBody),
    /// Ring the terminal bell (the end of a hold, a stretch, a rest).
    Bell,
    /// The distinct "go" cue: the get-ready count or the side switch ended, work starts now.
    /// Rung like the bell, only while the bell is on.
    Go,
    /// One beat of a paced rep set (a new phase: down, pause, up). Only while the bell is on.
    Tick,
    /// `b` turned the bell on (true) or off; the shell shows it.
    BellChanged(bool),
    /// `v` asked to turn the spoken cues on or off (the shell holds the voice).
    ToggleVoice,
    /// Send a desktop notification (when enabled in config); the view phrases it.
    Notify(Cue),
    /// The session is over (finished, or quit after confirmation); everything is saved.
    Ended,
}

/// What a notification is about; `tui::session_view::title` words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A timed step of a set ended (a hold, a stretch, walking, jogging).
    StepDone { slot: Slot, kind: StepKind },
    /// A rest ended; `next` is the set that follows, None when only the end form is left.
    RestOver { next: Option<Slot> },
}

/// A running session.
#[derive(Debug, Clone)]
pub struct Session {
    pub session_id: RecordId,
    pub plan: PlanSnapshot,
    pub options: SessionOptions,
    blocks: Vec<Block>,
    steps: Vec<Step>,
    cursor: usize,
    /// How many times a step has been entered: tells a step entered again (an undo back to
    /// it) from one that stayed, for whoever follows the session (the voice).
    entered: u64,
    /// The countdown of the current step, when it is on a timer.
    timer: Option<Countdown>,
    stage: Stage,
    overlay: Option<Overlay>,
    /// Pain typed in the current rating step while effort is asked.
    pending_pain: Option<Rating>,
    ended: BTreeMap<usize, BlockEnd>,
    done: Vec<DoneSet>,
    /// Seconds of timed work done so far in the current set.
    worked: Duration,
    last_pain: Option<Rating>,
    bell: bool,
    /// Whether rep sets with a tempo run a paced count (`m` toggles it).
    pacing: bool,
    /// The paced count of the current rep set, when it runs one.
    pacer: Option<Pacer>,
    /// A one-line message for the person (amber mark, "nothing to undo", ...).
    notice: Option<String>,
    /// Plan exercises missing from the programme (left out, said once).
    missing: Vec<String>,
    /// The end form as submitted (pain after, effort, note).
    finished: Option<EndForm>,
    /// What the coach expects for tomorrow and why, given by the shell for the summary.
    tomorrow: Vec<String>,
    over: bool,
}

impl Session {
    /// Start a session whose `session_started` record (id `session_id`) is already written.
    pub fn new(
        session_id: RecordId,
        plan: PlanSnapshot,
        programme: &Programme,
        options: SessionOptions,
        now: Instant,
    ) -> Session {
        let mut session = Session::build(session_id, plan, programme, options);
        session.start_at(0, now);
        session
    }

    /// The session with its steps built but not started.
    fn build(
        session_id: RecordId,
        plan: PlanSnapshot,
        programme: &Programme,
        options: SessionOptions,
    ) -> Session {
        let mut blocks = Vec::new();
        let mut missing = Vec::new();
        for planned in &plan.exercises {
            match programme.exercise(&planned.exercise) {
                Some(exercise) => {
                    let isometric = exercise
                        .isometric
                        .as_deref()
                        .and_then(|id| programme.exercise(id))
                        .cloned();
                    blocks.push(Block::new(
                        exercise.clone(),
                        planned.rung,
                        planned.dose.clone(),
                        isometric,
                    ));
                }
                None => missing.push(planned.exercise.to_string()),
            }
        }
        let steps = steps::all_steps(&blocks, &options);
        let notice = (!missing.is_empty()).then(|| {
            format!(
                "Left out (no longer in the programme): {}",
                missing.join(", ")
            )
        });
        Session {
            session_id,
            plan,
            options,
            blocks,
            steps,
            cursor: 0,
            entered: 0,
            timer: None,
            stage: Stage::Steps,
            overlay: None,
            pending_pain: None,
            ended: BTreeMap::new(),
            done: Vec::new(),
            worked: Duration::ZERO,
            last_pain: None,
            bell: true,
            pacing: true,
            pacer: None,
            notice,
            missing,
            finished: None,
            tomorrow: Vec::new(),
            over: false,
        }
    }

    /// The next instant at which the screen changes without input (next second boundary of a
    /// running countdown), or None when waiting for input only.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        if self.stage != Stage::Steps || self.overlay.is_some() {
            return None;
        }
        let timer = self.timer.and_then(|t| t.next_change(now));
        let pacer = self.pacer.and_then(|p| p.next_change(now));
        timer.into_iter().chain(pacer).min()
    }

    /// Advance timers to `now`; returns effects for any countdown that ended.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut effects = Vec::new();
        // An ended countdown starts the next step at its own deadline, so steps chain without
        // drift. After a long gap (the machine slept) the next step starts now instead, so no
        // hold is counted as done while nobody was there.
        while self.stage == Stage::Steps && self.overlay.is_none() {
            let Some(timer) = self.timer else { break };
            let Some(deadline) = timer.deadline() else {
                break;
            };
            if !timer.is_done(now) {
                break;
            }
            let late = now.saturating_duration_since(deadline);
            let start = if late <= LATE_TICK_TOLERANCE {
                deadline
            } else {
                now
            };
            self.finish_countdown(start, false, &mut effects);
        }
        if self.stage == Stage::Steps
            && self.overlay.is_none()
            && let Some(go) = self.pacer.as_mut().and_then(|p| p.take_ticks(now))
            && self.bell
        {
            // The get-ready before the set may have given the go cue in this same tick.
            let beat = if go { Effect::Go } else { Effect::Tick };
            if !effects.contains(&beat) {
                effects.push(beat);
            }
        }
        effects
    }

    pub fn is_over(&self) -> bool {
        self.over
    }

    /// Tell the runner the journal id of a record it asked to append. Only `SetDone` ids are
    /// kept (to undo a set); other kinds are ignored.
    pub fn record_written(&mut self, body: &RecordBody, id: RecordId) {
        let RecordBody::SetDone {
            exercise,
            side,
            set,
            ..
        } = body
        else {
            return;
        };
        if let Some(done) = self.done.iter_mut().rev().find(|d| {
            d.id.is_none() && d.exercise == *exercise && d.slot.side == *side && d.slot.set == *set
        }) {
            done.id = Some(id);
        }
    }
}
