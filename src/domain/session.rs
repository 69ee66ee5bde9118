//! The session runner: a pure state machine `apply(input, now) -> effects` that walks through
//! today's plan step by step (get-ready, work, pain rating, rest, side switch). The shell carries
//! out the effects (journal appends, bell, notifications). (Interface agreed between the
//! session-runner and TUI work; the session-runner work fills in the behaviour.)

use crate::domain::history::SessionLog;
use crate::domain::plan::PlanSnapshot;
use crate::domain::programme::Programme;
use crate::domain::records::{RecordBody, RecordId};
use std::time::{Duration, Instant};

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
    /// Append this record to the journal now (the shell stamps id, time and date).
    Append(RecordBody),
    /// Ring the terminal bell.
    Bell,
    /// Send a desktop notification (when enabled in config).
    Notify(String),
    /// The session is over (finished, or quit after confirmation); everything is saved.
    Ended,
}

/// A running session.
#[derive(Debug, Clone)]
pub struct Session {
    pub session_id: RecordId,
    pub plan: PlanSnapshot,
    pub options: SessionOptions,
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
        let _ = (programme, now);
        Session {
            session_id,
            plan,
            options,
            over: false,
        }
    }

    /// Pick up an unfinished session at its next undone step (after a crash or a closed terminal).
    pub fn resume(
        log: &SessionLog,
        programme: &Programme,
        options: SessionOptions,
        now: Instant,
    ) -> Session {
        Session::new(log.id.clone(), log.plan.clone(), programme, options, now)
    }

    /// The next instant at which the screen changes without input (next second boundary of a
    /// running countdown), or None when waiting for input only.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        let _ = now;
        None
    }

    /// Advance timers to `now`; returns effects for any countdown that ended.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let _ = now;
        Vec::new()
    }

    /// Window title text (OSC 2): "Clamshell L 2/3 · 0:23".
    pub fn title(&self, now: Instant) -> String {
        let _ = now;
        "rehab".to_string()
    }

    pub fn is_over(&self) -> bool {
        self.over
    }
}
