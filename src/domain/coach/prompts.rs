//! Things to do before or beside today's plan: the morning check-in, red-flag questions, the
//! phase's milestone checks and a hand-over to another programme.

use super::context::Context;
use crate::domain::programme::Phase;
use crate::domain::red_flag_recheck::{Recheck, recheck_due};

impl Context<'_> {
    pub fn prompts(&self, phase: &Phase) -> Vec<String> {
        let s = &self.settings;
        let mut prompts = Vec::new();
        let today = self.history.checkin(self.today);
        if today.and_then(|c| c.pain).is_none() {
            prompts.push(
                "Do the morning check-in (pain and stiffness on waking): the coach needs it to judge yesterday's session.".into(),
            );
        }
        let pain = today.and_then(|c| c.pain);
        match recheck_due(self.history, self.today, pain, s) {
            Some(Recheck::Routine { days }) => prompts.push(format!(
                "Answer the red-flag questions: they are asked at least every {days} days."
            )),
            Some(Recheck::HighPain { at_least }) => prompts.push(format!(
                "Answer the red-flag questions again: pain logged today reached {at_least}/10 or more."
            )),
            None => {}
        }
        for check in &phase.exit.checks {
            prompts.push(format!("Before moving on from {}: {check}", phase.id));
        }
        for question in &phase.exit.confirm {
            if !matches!(self.answer(question), super::milestones::Answer::Yes(_)) {
                prompts.push(format!(
                    "Before moving on from {}, answer: {} (`rehab log milestone {} --yes` or `--no`, or in the check-in)",
                    phase.id, question.question, question.id
                ));
            }
        }
        if let Some(next) = &phase.continue_with {
            prompts.push(format!(
                "When this phase is going well, continue with the {next} programme: rehab start {next}"
            ));
        }
        prompts
    }
}
