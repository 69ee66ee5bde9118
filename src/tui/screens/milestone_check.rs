//! The current phase's milestone questions (a clinician's clearance, sitting for 30 minutes…),
//! asked after the morning check-in while any is not yet answered yes. The phase waits for a yes
//! to each (docs/coach.md, "Phase exits"); a skipped question is asked again next time.

use crate::domain::history::History;
use crate::domain::programme::Programme;
use crate::domain::records::RecordBody;
use crate::tui::keymap::{Binding, Key};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneAction {
    Yes,
    No,
    Skip,
    Back,
}

pub const KEYS: &[Binding<MilestoneAction>] = &[
    Binding {
        keys: &[Key::Char('y')],
        hint: "yes",
        help: "answer yes: it holds",
        action: MilestoneAction::Yes,
    },
    Binding {
        keys: &[Key::Char('n')],
        hint: "no",
        help: "answer no: not yet",
        action: MilestoneAction::No,
    },
    Binding {
        keys: &[Key::Tab, Key::Right],
        hint: "skip",
        help: "leave this question for another day",
        action: MilestoneAction::Skip,
    },
    Binding {
        keys: &[Key::BackTab, Key::Left, Key::Esc],
        hint: "back",
        help: "previous question",
        action: MilestoneAction::Back,
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneCheck {
    pub programme: String,
    pub phase: String,
    /// (id, question) of each question not yet answered yes.
    pub questions: Vec<(String, String)>,
    pub index: usize,
    pub answers: Vec<Option<bool>>,
}

impl MilestoneCheck {
    /// The questions of the phase at `phase_index` not answered yes by `today`; None when none.
    pub fn pending(
        programme: &Programme,
        phase_index: usize,
        history: &History,
        today: NaiveDate,
    ) -> Option<MilestoneCheck> {
        let phase = programme.phases.get(phase_index)?;
        let questions: Vec<(String, String)> = phase
            .exit
            .confirm
            .iter()
            .filter(|q| {
                history
                    .milestone_answer(&programme.id, &q.id, today)
                    .is_none_or(|(_, yes)| !yes)
            })
            .map(|q| (q.id.clone(), q.question.clone()))
            .collect();
        (!questions.is_empty()).then(|| MilestoneCheck {
            programme: programme.id.clone(),
            phase: phase.id.clone(),
            answers: vec![None; questions.len()],
            questions,
            index: 0,
        })
    }

    /// Apply a key; once the last question is passed, the answers given (possibly none).
    pub fn handle(&mut self, action: MilestoneAction) -> Option<Vec<RecordBody>> {
        match action {
            MilestoneAction::Back => {
                self.index = self.index.saturating_sub(1);
                return None;
            }
            MilestoneAction::Yes => self.answers[self.index] = Some(true),
            MilestoneAction::No => self.answers[self.index] = Some(false),
            MilestoneAction::Skip => {}
        }
        if self.index + 1 < self.questions.len() {
            self.index += 1;
            return None;
        }
        Some(
            self.questions
                .iter()
                .zip(&self.answers)
                .filter_map(|((id, _), answer)| {
                    answer.map(|yes| RecordBody::MilestoneAnswered {
                        programme: self.programme.clone(),
                        milestone: id.clone(),
                        yes,
                    })
                })
                .collect(),
        )
    }
}

pub fn render(check: &MilestoneCheck, theme: Theme, frame: &mut Frame, area: Rect) {
    let index = check.index.min(check.questions.len().saturating_sub(1));
    let Some((_, question)) = check.questions.get(index) else {
        return;
    };
    let answer = match check.answers[index] {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not answered",
    };
    let text = vec![
        Line::styled(
            format!(
                "Before moving on from {}: question {} of {}",
                check.phase,
                index + 1,
                check.questions.len()
            ),
            theme.title(),
        ),
        Line::styled(
            "Only you can answer this; the phase waits for a yes.",
            theme.dim(),
        ),
        Line::raw(""),
        Line::raw(question.clone()),
        Line::raw(""),
        Line::raw(format!("Your answer: {answer}")),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pht() -> Programme {
        toml::from_str(include_str!(
            "../../../programmes/proximal-hamstring-tendinopathy.toml"
        ))
        .unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    #[test]
    fn asks_what_is_not_yet_answered_yes_and_records_the_answers() {
        let programme = pht();
        let mut history = History::default();
        let mut check = MilestoneCheck::pending(&programme, 0, &history, day()).unwrap();
        assert_eq!(check.questions[0].0, "sitting-easier");
        assert_eq!(
            check.handle(MilestoneAction::No),
            Some(vec![RecordBody::MilestoneAnswered {
                programme: programme.id.clone(),
                milestone: "sitting-easier".into(),
                yes: false,
            }])
        );
        // A no is asked again; a yes is not.
        history
            .milestones
            .push(crate::domain::history::MilestoneAnswer {
                date: day(),
                programme: programme.id.clone(),
                milestone: "sitting-easier".into(),
                yes: false,
            });
        assert!(MilestoneCheck::pending(&programme, 0, &history, day()).is_some());
        history
            .milestones
            .push(crate::domain::history::MilestoneAnswer {
                date: day(),
                programme: programme.id.clone(),
                milestone: "sitting-easier".into(),
                yes: true,
            });
        assert!(MilestoneCheck::pending(&programme, 0, &history, day()).is_none());
        // Skipping records nothing; S3 has no questions.
        let mut check = MilestoneCheck::pending(&programme, 1, &history, day()).unwrap();
        assert_eq!(check.handle(MilestoneAction::Skip), Some(vec![]));
        assert!(MilestoneCheck::pending(&programme, 2, &history, day()).is_none());
    }
}
