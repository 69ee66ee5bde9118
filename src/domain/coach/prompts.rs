//! Things to do before or beside today's plan: the morning check-in, red-flag questions, the
//! phase's milestone checks and a hand-over to another programme.

use super::context::Context;
use crate::domain::programme::Phase;
use chrono::Days;

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
        let answered_today = today.is_some_and(|c| !c.red_flags.is_empty());
        let since = self.today - Days::new(u64::from(s.red_flag_recheck_days));
        let answered_recently = self
            .history
            .checkins
            .range(since..=self.today)
            .rev()
            .any(|(day, c)| !c.red_flags.is_empty() && *day > since);
        let high_pain = today
            .and_then(|c| c.pain)
            .is_some_and(|p| p.value() >= s.red_flag_recheck_pain);
        if !answered_recently {
            prompts.push(format!(
                "Answer the red-flag questions: they are asked at least every {} days.",
                s.red_flag_recheck_days
            ));
        } else if high_pain && !answered_today {
            prompts.push(format!(
                "Answer the red-flag questions again: morning pain is {} or more today.",
                s.red_flag_recheck_pain
            ));
        }
        for check in &phase.exit.checks {
            prompts.push(format!("Before moving on from {}: {check}", phase.id));
        }
        if let Some(next) = &phase.continue_with {
            prompts.push(format!(
                "When this phase is going well, continue with the {next} programme: rehab start {next}"
            ));
        }
        prompts
    }
}
