//! Moving between steps: which steps are live, entering one, ending a countdown (with its bell
//! and notification cue), and pausing for a dialog.

use super::pacing::{Pacer, Tempo};
use super::state::{Overlay, Stage};
use super::steps::StepKind;
use super::{Cue, Effect, EndForm, Session};
use crate::domain::timer::Countdown;
use std::time::{Duration, Instant};

impl Session {
    /// A step is live unless its block has ended, and a rest or side switch only when some live
    /// work follows it.
    pub(super) fn is_live(&self, index: usize) -> bool {
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
    pub(super) fn start_at(&mut self, index: usize, start: Instant) {
        let mut index = index;
        while index < self.steps.len() && !self.is_live(index) {
            index += 1;
        }
        self.cursor = index;
        self.entered += 1;
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
        // The set's get-ready step has already counted in (and given the go cue).
        let counted_in = index > 0 && matches!(self.steps[index - 1].kind, StepKind::GetReady(_));
        let lead_in = if counted_in {
            Duration::ZERO
        } else {
            self.options.get_ready
        };
        self.pacer = self.pacer_for(step.kind, lead_in, start);
    }

    /// The paced count for a rep set whose exercise has a tempo, while pacing is on, after a
    /// count-in of `lead_in`.
    pub(super) fn pacer_for(
        &self,
        kind: StepKind,
        lead_in: Duration,
        start: Instant,
    ) -> Option<Pacer> {
        let StepKind::Reps(reps) = kind else {
            return None;
        };
        let block = self.current_block()?;
        let tempo = Tempo::parse(block.exercise.tempo.as_deref()?)?;
        (self.pacing && reps > 0).then(|| Pacer::start(tempo, reps, lead_in, start))
    }

    /// Move to the next live step, starting its countdown at `start`.
    pub(super) fn advance(&mut self, start: Instant) {
        self.start_at(self.cursor + 1, start);
    }

    /// The current countdown ended: naturally at `at` (`by_key` false), or early by a key. A
    /// get-ready or side switch that runs out gives the "go" cue; the end of timed work or a
    /// rest rings the bell. A rest, get-ready or side switch cut short by the person is silent:
    /// they are looking.
    pub(super) fn finish_countdown(
        &mut self,
        at: Instant,
        by_key: bool,
        effects: &mut Vec<Effect>,
    ) {
        let Some(step) = self.current_step().copied() else {
            return;
        };
        if let Some(timer) = self.timer
            && step.kind.is_timed_work()
        {
            self.worked += timer.total().saturating_sub(timer.remaining(at));
        }
        match step.kind {
            StepKind::GetReady(_) | StepKind::SideSwitch(_) => {
                if !by_key && self.bell && !effects.contains(&Effect::Go) {
                    effects.push(Effect::Go);
                }
            }
            StepKind::Rest(_) if by_key => {}
            StepKind::Rest(_) => self.ring(
                Cue::RestOver {
                    next: self.next_slot(),
                },
                effects,
            ),
            _ => self.ring(
                Cue::StepDone {
                    slot: step.slot,
                    kind: step.kind,
                },
                effects,
            ),
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

    pub(super) fn ring(&self, cue: Cue, effects: &mut Vec<Effect>) {
        if self.bell && !effects.contains(&Effect::Bell) {
            effects.push(Effect::Bell);
        }
        effects.push(Effect::Notify(cue));
    }

    /// Open a dialog, pausing the countdown.
    pub(super) fn open(&mut self, overlay: Overlay, now: Instant) {
        if let Some(t) = self.timer.as_mut() {
            t.pause(now);
        }
        if let Some(p) = self.pacer.as_mut() {
            p.pause(now);
        }
        self.overlay = Some(overlay);
    }

    /// Close any dialog, resuming the countdown with the time it had.
    pub(super) fn close(&mut self, now: Instant) {
        self.overlay = None;
        if let Some(t) = self.timer.as_mut() {
            t.resume(now);
        }
        if let Some(p) = self.pacer.as_mut() {
            p.resume(now);
        }
    }

    /// Pacing on or off for the rest of the session; a rep set under way starts or stops its
    /// count now.
    pub(super) fn toggle_pacing(&mut self, now: Instant) {
        self.pacing = !self.pacing;
        self.notice = Some(if self.pacing {
            "Paced count on: a tick for each phase of each rep (m turns it off)".to_string()
        } else {
            "Paced count off (m turns it on)".to_string()
        });
        if self.stage != Stage::Steps {
            return;
        }
        if let Some(step) = self.current_step().copied() {
            // Turned on mid-set: the count gets its own count-in.
            self.pacer = self.pacer_for(step.kind, self.options.get_ready, now);
            if self.overlay.is_some()
                && let Some(p) = self.pacer.as_mut()
            {
                p.pause(now);
            }
        }
    }
}
