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
//! - stop when `is_over()`.
//!
//! Rules kept here: get-ready before every hold and stretch; rest after each set, a side switch
//! between sides; effort is asked only when the dose has an effort target; pain above
//! `amber_max` ends the exercise (easier rung for the sets left, the isometric, or move on);
//! amber marks it no-progress. A replacement chosen after red pain lives only in memory: on
//! resume the exercise that hurt stays ended and the replacement is not offered again.

mod inputs;
mod resume;
mod state;
mod steps;
mod summary;

pub use inputs::Input;
pub use state::{
    BlockEnd, DoneSet, EndField, EndForm, Overlay, RedOption, Screen, SkipReason, Stage,
};
pub use steps::{Block, Slot, Step, StepKind};
pub use summary::{ExerciseSummary, Summary};

use crate::domain::history::SessionLog;
use crate::domain::pain::{Rating, Zone};
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
    /// Ring the terminal bell.
    Bell,
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
            timer: None,
            stage: Stage::Steps,
            overlay: None,
            pending_pain: None,
            ended: BTreeMap::new(),
            done: Vec::new(),
            worked: Duration::ZERO,
            last_pain: None,
            bell: true,
            notice,
            missing,
            finished: None,
            tomorrow: Vec::new(),
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
        resume::resume(log, programme, options, now)
    }

    /// The next instant at which the screen changes without input (next second boundary of a
    /// running countdown), or None when waiting for input only.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        if self.stage != Stage::Steps || self.overlay.is_some() {
            return None;
        }
        self.timer.and_then(|t| t.next_change(now))
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
            self.finish_countdown(start, &mut effects);
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
            d.id.is_none() && &d.exercise == exercise && d.slot.side == *side && d.slot.set == *set
        }) {
            done.id = Some(id);
        }
    }

    // ---- read-only views for the renderer ----

    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// Which screen to show (and which key table applies).
    pub fn screen(&self) -> Screen {
        if let Some(overlay) = self.overlay {
            return match overlay {
                Overlay::Paused => Screen::Paused,
                Overlay::SkipReason { .. } => Screen::SkipReason,
                Overlay::QuitConfirm { .. } => Screen::QuitConfirm,
            };
        }
        match &self.stage {
            Stage::Steps => self.step_screen(),
            Stage::RedPain { .. } => Screen::RedPain,
            Stage::EndForm(form) => match form.field {
                EndField::PainAfter => Screen::EndPain,
                EndField::Effort => Screen::EndEffort,
                EndField::Note => Screen::EndNote,
            },
            Stage::Summary { .. } => Screen::Summary,
            Stage::Ended => Screen::Ended,
        }
    }

    /// The screen of the main line under any dialog.
    pub fn step_screen(&self) -> Screen {
        match self.current_step().map(|s| s.kind) {
            Some(StepKind::Reps(_)) => Screen::Reps,
            Some(StepKind::Rate) if self.pending_pain.is_some() => Screen::RateEffort,
            Some(StepKind::Rate) => Screen::RatePain,
            Some(StepKind::Rest(_)) => Screen::Rest,
            Some(StepKind::SideSwitch(_)) => Screen::SideSwitch,
            Some(StepKind::Walk(_) | StepKind::Run(_)) => Screen::Interval,
            Some(StepKind::GetReady(_)) => Screen::GetReady,
            Some(_) => Screen::Countdown,
            None => Screen::Ended,
        }
    }

    /// The step being done (also under a dialog), None after the last one.
    pub fn current_step(&self) -> Option<&Step> {
        match self.stage {
            Stage::Steps | Stage::RedPain { .. } => self.steps.get(self.cursor),
            _ => None,
        }
    }

    pub fn block(&self, index: usize) -> Option<&Block> {
        self.blocks.get(index)
    }

    /// The block of the current step.
    pub fn current_block(&self) -> Option<&Block> {
        self.current_step()
            .and_then(|s| self.blocks.get(s.slot.block))
    }

    pub fn countdown(&self) -> Option<&Countdown> {
        self.timer.as_ref()
    }

    /// Seconds shown on the big countdown.
    pub fn display_secs(&self, now: Instant) -> Option<u64> {
        self.timer.map(|t| t.display_secs(now))
    }

    /// Pain typed in the current rating while effort is asked.
    pub fn pending_pain(&self) -> Option<Rating> {
        self.pending_pain
    }

    /// The pain Enter keeps.
    pub fn last_pain(&self) -> Option<Rating> {
        self.last_pain
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn bell_on(&self) -> bool {
        self.bell
    }

    /// Turn the bell on or off (config `bell`; `b` toggles it in the runner).
    pub fn set_bell(&mut self, on: bool) {
        self.bell = on;
    }

    pub fn done_sets(&self) -> &[DoneSet] {
        &self.done
    }

    /// Plan exercises that are no longer in the programme (left out).
    pub fn missing_exercises(&self) -> &[String] {
        &self.missing
    }

    pub fn pain_zone(&self, pain: Rating) -> Zone {
        Zone::of(pain, self.options.green_max, self.options.amber_max)
    }

    /// Sets (per side) rated so far, and that number plus the sets still ahead.
    pub fn progress(&self) -> (usize, usize) {
        let ahead = (self.cursor..self.steps.len())
            .filter(|&i| self.steps[i].kind == StepKind::Rate && self.is_live(i))
            .count();
        (self.done.len(), self.done.len() + ahead)
    }

    /// The current exercise's position (1-based) among today's exercises in the order they
    /// are done (a replacement after red pain sits where it is done), and their count.
    pub fn exercise_position(&self) -> Option<(usize, usize)> {
        let block = self.current_step()?.slot.block;
        let mut order: Vec<usize> = Vec::new();
        for step in &self.steps {
            if order.last() != Some(&step.slot.block) && !order.contains(&step.slot.block) {
                order.push(step.slot.block);
            }
        }
        let position = order.iter().position(|&b| b == block)?;
        Some((position + 1, order.len()))
    }

    /// The set that comes after the current one (its first step), None when only the end form
    /// is left.
    pub fn next_slot(&self) -> Option<Slot> {
        let current = self.current_step().map(|s| s.slot);
        self.steps
            .iter()
            .enumerate()
            .skip(self.cursor)
            .find(|(i, s)| Some(s.slot) != current && !s.kind.is_transition() && self.is_live(*i))
            .map(|(_, step)| step.slot)
    }

    /// "Clamshell, left, set 2 of 3".
    pub fn slot_words(&self, slot: Slot) -> String {
        let Some(block) = self.blocks.get(slot.block) else {
            return String::new();
        };
        let side = slot
            .side
            .map(|s| format!(", {}", s.word()))
            .unwrap_or_default();
        format!(
            "{}{side}, set {} of {}",
            block.exercise.name, slot.set, block.last_set
        )
    }

    /// Exercise ids with an amber rating today: no step up for them.
    pub fn no_progress(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .done
            .iter()
            .filter(|d| self.pain_zone(d.pain) == Zone::Amber)
            .map(|d| d.exercise.clone())
            .collect();
        ids.dedup();
        ids
    }

    /// How an exercise ended early today, if it did.
    pub fn block_end(&self, block: usize) -> Option<&BlockEnd> {
        self.ended.get(&block)
    }

    /// The exercise `s` would skip: the current one, or during a rest or side switch the one
    /// whose work comes next (after an exercise's last set, that is the next exercise).
    pub fn skip_target(&self) -> Option<usize> {
        let step = self.current_step()?;
        if !step.kind.is_transition() {
            return Some(step.slot.block);
        }
        (self.cursor..self.steps.len())
            .find(|&i| !self.steps[i].kind.is_transition() && self.is_live(i))
            .map(|i| self.steps[i].slot.block)
    }

    /// The choices of the red-pain dialog for the current block.
    pub fn red_options(&self) -> Vec<RedOption> {
        let mut options = Vec::new();
        let (Some(block), Some(last)) = (self.current_block(), self.done.last()) else {
            return vec![RedOption::MoveOn];
        };
        if block.rung > 1
            && let Some(easier) = block.exercise.rung(block.rung - 1)
            && easier.sets > last.slot.set
        {
            options.push(RedOption::EasierRung {
                rung: block.rung - 1,
                dose: easier.clone(),
            });
        }
        if let Some(iso) = &block.isometric
            && iso.id != block.exercise.id
            && !self.ended_for_pain(&iso.id)
        {
            options.push(RedOption::Isometric {
                exercise: iso.id.clone(),
                name: iso.name.clone(),
            });
        }
        options.push(RedOption::MoveOn);
        options
    }

    /// True when an exercise already hurt too much today: it is not offered again.
    fn ended_for_pain(&self, exercise: &str) -> bool {
        self.ended.iter().any(|(&index, end)| {
            *end == BlockEnd::RedPain
                && self
                    .blocks
                    .get(index)
                    .is_some_and(|b| b.exercise.id == exercise)
        })
    }

    /// The last set number done today of an exercise, so a repeat of it numbers on from there
    /// (a set is known in the journal by session, exercise, side and number).
    pub(crate) fn last_set_of(&self, exercise: &str) -> u32 {
        self.done
            .iter()
            .filter(|d| d.exercise == exercise)
            .map(|d| d.slot.set)
            .max()
            .unwrap_or(0)
    }

    /// Lines for the summary on what tomorrow likely brings and why. The shell asks the coach
    /// after `SessionFinished` is written (the runner has no journal to ask).
    pub fn set_tomorrow(&mut self, lines: Vec<String>) {
        self.tomorrow = lines;
    }

    /// The summary of what was done (meaningful once the session is finished).
    pub fn summary(&self) -> Summary {
        summary::summarise(self)
    }

    // ---- stepping ----

    /// A step is live unless its block has ended, and a rest or side switch only when some live
    /// work follows it.
    fn is_live(&self, index: usize) -> bool {
        let Some(step) = self.steps.get(index) else {
            return false;
        };
        if self.ended.contains_key(&step.slot.block) {
            return false;
        }
        if step.kind.is_transition() {
            return self.steps[index + 1..]
                .iter()
                .any(|s| !s.kind.is_transition() && !self.ended.contains_key(&s.slot.block));
        }
        true
    }

    /// Enter step `index` (or the first live one after it) at `start`.
    fn start_at(&mut self, index: usize, start: Instant) {
        let mut index = index;
        while index < self.steps.len() && !self.is_live(index) {
            index += 1;
        }
        self.cursor = index;
        self.pending_pain = None;
        let Some(step) = self.steps.get(index).copied() else {
            self.timer = None;
            self.stage = Stage::EndForm(EndForm::default());
            return;
        };
        self.stage = Stage::Steps;
        // A set starts fresh at its first step (also when an undo comes back to it).
        let first_of_slot = index == 0 || self.steps[index - 1].slot != step.slot;
        if first_of_slot {
            self.worked = Duration::ZERO;
        }
        self.timer = step.kind.length().map(|d| Countdown::start(start, d));
    }

    /// Move to the next live step, starting its countdown at `start`.
    fn advance(&mut self, start: Instant) {
        self.start_at(self.cursor + 1, start);
    }

    /// The current countdown ended (naturally at `at`, or early by a key).
    fn finish_countdown(&mut self, at: Instant, effects: &mut Vec<Effect>) {
        let Some(step) = self.current_step().copied() else {
            return;
        };
        if let Some(timer) = self.timer
            && step.kind.is_timed_work()
        {
            self.worked += timer.total().saturating_sub(timer.remaining(at));
        }
        let cue = match step.kind {
            StepKind::GetReady(_) | StepKind::SideSwitch(_) => None,
            StepKind::Rest(_) => Some(Cue::RestOver {
                next: self.next_slot(),
            }),
            _ => Some(Cue::StepDone {
                slot: step.slot,
                kind: step.kind,
            }),
        };
        if let Some(cue) = cue {
            self.ring(cue, effects);
        }
        self.advance(at);
        // A notice about the last exercise has been on screen all through the rest after it;
        // carried into the next exercise it reads as if it were about that one.
        let next_exercise = self
            .current_step()
            .is_some_and(|s| s.slot.block != step.slot.block);
        if matches!(step.kind, StepKind::Rest(_)) && next_exercise {
            self.notice = None;
        }
    }

    fn ring(&self, cue: Cue, effects: &mut Vec<Effect>) {
        if self.bell && !effects.contains(&Effect::Bell) {
            effects.push(Effect::Bell);
        }
        effects.push(Effect::Notify(cue));
    }

    /// Open a dialog, pausing the countdown.
    fn open(&mut self, overlay: Overlay, now: Instant) {
        if let Some(t) = self.timer.as_mut() {
            t.pause(now);
        }
        self.overlay = Some(overlay);
    }

    /// Close any dialog, resuming the countdown with the time it had.
    fn close(&mut self, now: Instant) {
        self.overlay = None;
        if let Some(t) = self.timer.as_mut() {
            t.resume(now);
        }
    }
}
