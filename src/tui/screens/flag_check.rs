//! The red-flag questions asked again after a check-in (docs/sources.md#red-flags): weekly, and
//! whenever morning pain reaches the recheck level. The answers are saved with the check-in values.

use crate::domain::records::RecordBody;
use crate::domain::red_flags::RED_FLAGS;
use crate::tui::keymap::{Binding, Key};
use crate::tui::screens::checkin::CheckInForm;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagAction {
    Yes,
    No,
    Skip,
    Back,
}

pub const KEYS: &[Binding<FlagAction>] = &[
    Binding {
        keys: &[Key::Char('y')],
        hint: "yes",
        help: "answer yes",
        action: FlagAction::Yes,
    },
    Binding {
        keys: &[Key::Char('n')],
        hint: "no",
        help: "answer no",
        action: FlagAction::No,
    },
    Binding {
        keys: &[Key::Tab, Key::Right, Key::Char('l')],
        hint: "skip",
        help: "leave this question unanswered",
        action: FlagAction::Skip,
    },
    Binding {
        keys: &[Key::BackTab, Key::Left, Key::Char('h'), Key::Esc],
        hint: "back",
        help: "previous question",
        action: FlagAction::Back,
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagCheck {
    /// The check-in values, saved together with the answers.
    pub form: CheckInForm,
    pub index: usize,
    pub answers: Vec<Option<bool>>,
    /// Why the questions are asked now, in words.
    pub why: String,
}

impl FlagCheck {
    pub fn new(form: CheckInForm, why: String) -> FlagCheck {
        FlagCheck {
            form,
            index: 0,
            answers: vec![None; RED_FLAGS.len()],
            why,
        }
    }

    /// Apply a key; returns the check-in records (with any run ratings) once the last question
    /// is passed.
    pub fn handle(&mut self, action: FlagAction) -> Option<Vec<RecordBody>> {
        match action {
            FlagAction::Back => {
                self.index = self.index.saturating_sub(1);
                return None;
            }
            FlagAction::Yes => self.answers[self.index] = Some(true),
            FlagAction::No => self.answers[self.index] = Some(false),
            FlagAction::Skip => {}
        }
        if self.index + 1 < RED_FLAGS.len() {
            self.index += 1;
            return None;
        }
        let answers = RED_FLAGS
            .iter()
            .zip(&self.answers)
            .filter_map(|(f, a)| a.map(|yes| (f.id.to_string(), yes)))
            .collect();
        Some(self.form.records(answers))
    }
}

pub fn render(check: &FlagCheck, theme: Theme, frame: &mut Frame, area: Rect) {
    let flag = &RED_FLAGS[check.index.min(RED_FLAGS.len() - 1)];
    let answer = match check.answers[check.index] {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not answered",
    };
    let text = vec![
        Line::styled(
            format!("Safety question {} of {}", check.index + 1, RED_FLAGS.len()),
            theme.title(),
        ),
        Line::styled(check.why.clone(), theme.dim()),
        Line::raw(""),
        Line::raw(flag.question),
        Line::raw(""),
        Line::raw(format!("Your answer: {answer}")),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}
