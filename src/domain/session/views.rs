//! What the session looks like now, read by the renderer and the shell: the stage and screen,
//! the current step and block, progress, and the choices a dialog offers.

use super::pacing::Beat;
use super::state::{BlockEnd, DoneSet, EndField, Overlay, RedOption, Screen, Stage};
use super::steps::{Block, Slot, Step, StepKind};
use super::{Session, Summary, summary};
use crate::domain::pain::{Rating, Zone};
use crate::domain::timer::Countdown;
use std::time::Instant;

impl Session {
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// A number that changes every time a step is entered (also the same step again).
    pub fn step_serial(&self) -> u64 {
        self.entered
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

    /// Where the paced count of the current rep set is, when one runs.
    pub fn beat(&self, now: Instant) -> Option<Beat> {
        self.pacer.and_then(|p| p.beat(now))
    }

    /// Whether rep sets with a tempo run a paced count.
    pub fn pacing_on(&self) -> bool {
        self.pacing
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
}
