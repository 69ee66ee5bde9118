//! Inputs to the runner and what each does in each state (`Session::apply`).

use super::state::{BlockEnd, DoneSet, EndField, EndForm, Overlay, RedOption, SkipReason, Stage};
use super::steps::{Block, StepKind, block_steps};
use super::{Effect, Session};
use crate::domain::pain::{Rating, Zone};
use crate::domain::programme::ExerciseKind;
use crate::domain::records::RecordBody;
use crate::domain::timer::round_secs;
use std::time::Instant;

/// Longest note kept from the end form, in characters.
const NOTE_MAX_CHARS: usize = 500;

/// The reminder when Enter is pressed at the first pain rating (there is no last one to keep).
const TYPE_YOUR_PAIN: &str = "Type your pain: 0–9, or t for 10";

/// What the person asked for (the view maps keys to these through its key table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Enter: done, confirm, keep the last pain, skip the optional effort.
    Confirm,
    /// A rating 0–10 (10 comes from its own key).
    Rate(u8),
    /// Pause, or resume when paused.
    Pause,
    /// Open the skip-exercise dialog.
    Skip,
    /// Undo the last set and do it again.
    Undo,
    /// Add `rest_extend` to a rest.
    Extend,
    /// Take `rest_extend` off a rest (never below a second: Enter ends it).
    Shorten,
    /// End a rest, side switch or get-ready now.
    CutShort,
    /// Ask to quit (confirmed in a dialog).
    Quit,
    /// Move up or down a list.
    Up,
    Down,
    /// Close a dialog or step back in a form.
    Cancel,
    /// Text typed into the note.
    Char(char),
    Backspace,
    ToggleBell,
    /// Turn the spoken cues on or off (the shell holds the voice; the runner passes it on).
    ToggleVoice,
    /// Turn the paced count of rep sets with a tempo on or off.
    TogglePacing,
}

impl Session {
    /// Apply one input at `now`; returns what the shell must do.
    pub fn apply(&mut self, input: Input, now: Instant) -> Vec<Effect> {
        let mut effects = Vec::new();
        if input == Input::ToggleBell {
            self.bell = !self.bell;
            effects.push(Effect::BellChanged(self.bell));
            return effects;
        }
        if input == Input::ToggleVoice {
            effects.push(Effect::ToggleVoice);
            return effects;
        }
        if input == Input::TogglePacing {
            self.toggle_pacing(now);
            return effects;
        }
        match self.overlay {
            Some(overlay) => self.apply_overlay(overlay, input, now, &mut effects),
            None => match self.stage.clone() {
                Stage::Steps => self.apply_step(input, now, &mut effects),
                Stage::RedPain { choice } => self.apply_red(choice, input, now, &mut effects),
                Stage::EndForm(form) => self.apply_end_form(form, input, now, &mut effects),
                Stage::Summary { scroll } => match input {
                    Input::Confirm | Input::Quit | Input::Cancel => self.end(&mut effects),
                    Input::Up => {
                        self.stage = Stage::Summary {
                            scroll: scroll.saturating_sub(1),
                        }
                    }
                    Input::Down => {
                        self.stage = Stage::Summary {
                            scroll: scroll.saturating_add(1),
                        }
                    }
                    _ => {}
                },
                Stage::Ended => {}
            },
        }
        effects
    }

    fn apply_overlay(
        &mut self,
        overlay: Overlay,
        input: Input,
        now: Instant,
        effects: &mut Vec<Effect>,
    ) {
        match (overlay, input) {
            (Overlay::Paused, Input::Pause | Input::Confirm | Input::Cancel) => self.close(now),
            (Overlay::Paused, Input::Quit) => {
                self.overlay = Some(Overlay::QuitConfirm { from_pause: true })
            }
            (Overlay::SkipReason { .. }, Input::Quit) => {
                self.overlay = Some(Overlay::QuitConfirm { from_pause: false })
            }
            (Overlay::SkipReason { choice }, Input::Up) => {
                self.overlay = Some(Overlay::SkipReason {
                    choice: choice.saturating_sub(1),
                })
            }
            (Overlay::SkipReason { choice }, Input::Down) => {
                self.overlay = Some(Overlay::SkipReason {
                    choice: (choice + 1).min(SkipReason::ALL.len() - 1),
                })
            }
            (Overlay::SkipReason { .. }, Input::Rate(n)) if (1..=4).contains(&n) => {
                self.skip_current(SkipReason::ALL[usize::from(n) - 1], now, effects)
            }
            (Overlay::SkipReason { choice }, Input::Confirm) => {
                let reason = SkipReason::ALL[choice.min(SkipReason::ALL.len() - 1)];
                self.skip_current(reason, now, effects)
            }
            (Overlay::SkipReason { .. }, Input::Cancel | Input::Skip) => self.close(now),
            (Overlay::QuitConfirm { .. }, Input::Confirm) => self.end(effects),
            (Overlay::QuitConfirm { from_pause: true }, Input::Cancel | Input::Quit) => {
                self.overlay = Some(Overlay::Paused)
            }
            (Overlay::QuitConfirm { .. }, Input::Cancel | Input::Quit) => self.close(now),
            _ => {}
        }
    }

    fn apply_step(&mut self, input: Input, now: Instant, effects: &mut Vec<Effect>) {
        let Some(step) = self.current_step().copied() else {
            return;
        };
        match (step.kind, input) {
            (_, Input::Pause) => self.open(Overlay::Paused, now),
            (_, Input::Skip) => self.open(Overlay::SkipReason { choice: 0 }, now),
            (_, Input::Quit) => self.open(Overlay::QuitConfirm { from_pause: false }, now),
            (_, Input::Undo) => self.undo(now, effects),
            (StepKind::Rate, _) => self.apply_rating(input, now, effects),
            (StepKind::Reps(_), Input::Confirm) => self.advance(now),
            (StepKind::Rest(_), Input::Extend) => {
                if let Some(t) = self.timer.as_mut() {
                    t.extend(self.options.rest_extend);
                }
            }
            (StepKind::Rest(_), Input::Shorten) => {
                if let Some(t) = self.timer.as_mut() {
                    t.shorten(self.options.rest_extend, now);
                }
            }
            (
                StepKind::Rest(_) | StepKind::SideSwitch(_) | StepKind::GetReady(_),
                Input::CutShort | Input::Confirm,
            ) => self.finish_countdown(now, true, effects),
            // Enter ends timed work early; the seconds actually done are recorded.
            (kind, Input::Confirm) if kind.is_timed_work() => {
                self.finish_countdown(now, true, effects)
            }
            _ => {}
        }
    }

    fn apply_rating(&mut self, input: Input, now: Instant, effects: &mut Vec<Effect>) {
        let Some(block) = self.current_block() else {
            return;
        };
        let asks_effort = block.asks_effort();
        match (self.pending_pain, input) {
            (None, Input::Rate(n)) => {
                if let Ok(pain) = Rating::new(i64::from(n)) {
                    self.rated_pain(pain, asks_effort, now, effects);
                }
            }
            (None, Input::Confirm) => match self.last_pain {
                Some(pain) => self.rated_pain(pain, asks_effort, now, effects),
                None => self.notice = Some(TYPE_YOUR_PAIN.to_string()),
            },
            (Some(pain), Input::Rate(n)) => {
                let effort = Rating::new(i64::from(n)).ok();
                self.set_done(pain, effort, now, effects);
            }
            (Some(pain), Input::Confirm) => self.set_done(pain, None, now, effects),
            (Some(_), Input::Cancel) => self.pending_pain = None,
            _ => {}
        }
    }

    fn rated_pain(
        &mut self,
        pain: Rating,
        asks_effort: bool,
        now: Instant,
        effects: &mut Vec<Effect>,
    ) {
        // Red pain goes straight to the red-pain dialog: asking for effort first would delay it.
        if asks_effort && self.pain_zone(pain) != Zone::Red {
            // The reminder to type the pain would now sit under the effort question.
            if self.notice.as_deref() == Some(TYPE_YOUR_PAIN) {
                self.notice = None;
            }
            self.pending_pain = Some(pain);
        } else {
            self.set_done(pain, None, now, effects);
        }
    }

    /// The set is rated: append it, then carry on, or end the exercise when pain is too high.
    fn set_done(
        &mut self,
        pain: Rating,
        effort: Option<Rating>,
        now: Instant,
        effects: &mut Vec<Effect>,
    ) {
        let Some(step) = self.current_step().copied() else {
            return;
        };
        let Some(block) = self.blocks.get(step.slot.block) else {
            return;
        };
        let exercise = block.exercise.id.clone();
        let name = block.exercise.name.clone();
        let reps = match block.exercise.kind {
            ExerciseKind::Reps => block.dose.reps,
            _ => None,
        };
        let seconds = reps.is_none().then(|| round_secs(self.worked));
        let start = (0..=self.cursor)
            .find(|&i| self.steps[i].slot == step.slot)
            .unwrap_or(self.cursor);
        effects.push(Effect::Append(RecordBody::SetDone {
            session: self.session_id.clone(),
            exercise: exercise.as_str().into(),
            side: step.slot.side,
            set: step.slot.set,
            reps,
            seconds,
            pain,
            effort,
            undone: false,
        }));
        self.done.push(DoneSet {
            slot: step.slot,
            exercise,
            pain,
            effort,
            reps,
            seconds,
            id: None,
            start,
            inserted: None,
        });
        self.last_pain = Some(pain);
        self.pending_pain = None;
        let (green, amber) = (self.options.green_max, self.options.amber_max);
        match self.pain_zone(pain) {
            Zone::Red => {
                self.ended.insert(step.slot.block, BlockEnd::RedPain);
                self.stage = Stage::RedPain { choice: 0 };
                self.timer = None;
                self.notice = Some(format!(
                    "{} {} {}: above the ceiling of {amber}. {name} ends for today.",
                    Zone::Red.symbol(),
                    pain,
                    Zone::Red.word(),
                ));
            }
            Zone::Amber => {
                self.notice = Some(format!(
                    "{} {} {} (above {green}, ceiling {amber}): no step up for {name} today.",
                    Zone::Amber.symbol(),
                    pain,
                    Zone::Amber.word(),
                ));
                self.advance(now);
            }
            Zone::Green => {
                self.notice = None;
                self.advance(now);
            }
        }
    }

    fn apply_red(&mut self, choice: usize, input: Input, now: Instant, effects: &mut Vec<Effect>) {
        let options = self.red_options();
        match input {
            Input::Up => {
                self.stage = Stage::RedPain {
                    choice: choice.saturating_sub(1),
                }
            }
            Input::Down => {
                self.stage = Stage::RedPain {
                    choice: (choice + 1).min(options.len().saturating_sub(1)),
                }
            }
            Input::Confirm => {
                let picked = options.get(choice).cloned().unwrap_or(RedOption::MoveOn);
                self.take_red_option(picked, now);
            }
            Input::Undo => self.undo(now, effects),
            Input::Quit => self.overlay = Some(Overlay::QuitConfirm { from_pause: false }),
            _ => {}
        }
    }

    /// Put the chosen replacement after the ended block and move on to it.
    fn take_red_option(&mut self, option: RedOption, now: Instant) {
        let Some(step) = self.current_step().copied() else {
            return;
        };
        let Some(block) = self.blocks.get(step.slot.block).cloned() else {
            return;
        };
        let replacement = match option {
            RedOption::EasierRung { rung, dose } => Some(Block {
                rung,
                first_set: step.slot.set + 1,
                last_set: dose.sets.max(1),
                dose,
                ..block.clone()
            }),
            RedOption::Isometric { .. } => block.isometric.clone().and_then(|iso| {
                let dose = iso.rung(1)?.clone();
                let before = self.last_set_of(&iso.id);
                let mut replacement = Block::new(iso, 1, dose, None);
                replacement.first_set += before;
                replacement.last_set += before;
                Some(replacement)
            }),
            RedOption::MoveOn => None,
        };
        if let Some(replacement) = replacement {
            let index = self.blocks.len();
            let new_steps = block_steps(index, &replacement, &self.options);
            self.blocks.push(replacement);
            let at = self
                .steps
                .iter()
                .rposition(|s| s.slot.block == step.slot.block)
                .map_or(self.steps.len(), |i| i + 1);
            let count = new_steps.len();
            self.steps.splice(at..at, new_steps);
            if let Some(last) = self.done.last_mut() {
                last.inserted = Some((at, count));
            }
        }
        self.notice = None;
        self.advance(now);
    }

    /// Leave the current exercise out for today, with a reason.
    fn skip_current(&mut self, reason: SkipReason, now: Instant, effects: &mut Vec<Effect>) {
        let Some(target) = self.skip_target() else {
            return self.close(now);
        };
        let Some(block) = self.blocks.get(target) else {
            return self.close(now);
        };
        effects.push(Effect::Append(RecordBody::ExerciseSkipped {
            session: self.session_id.clone(),
            exercise: block.exercise.id.as_str().into(),
            reason: reason.word().to_string(),
        }));
        self.notice = Some(format!(
            "Skipped {} ({})",
            block.exercise.name,
            reason.word()
        ));
        self.ended
            .insert(target, BlockEnd::Skipped(reason.word().to_string()));
        if self.is_live(self.cursor) {
            // A rest before the skipped exercise still leads to the one after it.
            self.close(now);
        } else {
            self.overlay = None;
            self.start_at(self.cursor, now);
        }
    }

    /// Take back the last rated set with a correction and go back to do it again.
    fn undo(&mut self, now: Instant, effects: &mut Vec<Effect>) {
        let Some(last) = self.done.last() else {
            self.notice = Some("Nothing to undo yet".to_string());
            return;
        };
        if let Some(BlockEnd::Skipped(_)) = self.ended.get(&last.slot.block) {
            self.notice = Some("That exercise was skipped; its sets stay as they are".to_string());
            return;
        }
        let Some(target) = last.id.clone() else {
            self.notice = Some("The last set is still being saved; try again".to_string());
            return;
        };
        let Some(last) = self.done.pop() else {
            return;
        };
        let mut fields = serde_json::Map::new();
        fields.insert("undone".to_string(), serde_json::Value::Bool(true));
        effects.push(Effect::Append(RecordBody::Correction {
            target,
            fields,
            reason: Some("undone in the session".to_string()),
        }));
        if let Some((at, count)) = last.inserted {
            self.steps.drain(at..at + count);
        }
        self.ended.remove(&last.slot.block);
        self.last_pain = self.done.last().map(|d| d.pain).or(self.last_pain);
        self.overlay = None;
        self.notice = Some(format!(
            "Undone: {}. Do it again.",
            self.slot_words(last.slot)
        ));
        self.cursor = last.start;
        self.start_at(last.start, now);
    }

    fn apply_end_form(
        &mut self,
        mut form: EndForm,
        input: Input,
        now: Instant,
        effects: &mut Vec<Effect>,
    ) {
        match (form.field, input) {
            (_, Input::Quit) => {
                return self.open(Overlay::QuitConfirm { from_pause: false }, now);
            }
            (EndField::PainAfter, Input::Undo) => return self.undo(now, effects),
            (EndField::PainAfter, Input::Rate(n)) => {
                form.pain_after = Rating::new(i64::from(n)).ok();
                form.field = EndField::Effort;
            }
            (EndField::PainAfter, Input::Confirm) => {
                let Some(pain) = form.pain_after.or(self.last_pain) else {
                    self.notice = Some("Type your pain now: 0–9, or t for 10".to_string());
                    return;
                };
                form.pain_after = Some(pain);
                form.field = EndField::Effort;
            }
            (EndField::Effort, Input::Rate(n)) => {
                form.effort = Rating::new(i64::from(n)).ok();
                form.field = EndField::Note;
            }
            (EndField::Effort, Input::Confirm) => form.field = EndField::Note,
            (EndField::Effort, Input::Cancel) => form.field = EndField::PainAfter,
            (EndField::Note, Input::Char(c)) => {
                if form.note.chars().count() < NOTE_MAX_CHARS && !c.is_control() {
                    form.note.push(c);
                }
            }
            (EndField::Note, Input::Backspace) => {
                form.note.pop();
            }
            (EndField::Note, Input::Cancel) => form.field = EndField::Effort,
            (EndField::Note, Input::Confirm) => return self.finish(form, effects),
            _ => return,
        }
        self.notice = None;
        self.stage = Stage::EndForm(form);
    }

    /// Write `session_finished` and show the summary.
    fn finish(&mut self, form: EndForm, effects: &mut Vec<Effect>) {
        let note = form.note.trim();
        effects.push(Effect::Append(RecordBody::SessionFinished {
            session: self.session_id.clone(),
            pain_after: form.pain_after.or(self.last_pain).unwrap_or(Rating::ZERO),
            effort: form.effort,
            note: (!note.is_empty()).then(|| note.to_string()),
        }));
        self.finished = Some(form);
        self.notice = None;
        self.stage = Stage::Summary { scroll: 0 };
    }

    /// Leave the runner; everything done is already in the journal.
    fn end(&mut self, effects: &mut Vec<Effect>) {
        self.overlay = None;
        self.timer = None;
        self.stage = Stage::Ended;
        self.over = true;
        effects.push(Effect::Ended);
    }
}
