//! Phase milestones beyond pain and mornings (§3 `may_advance_phase`, docs/coach.md "Phase
//! exits"): those the journal measures (an exercise done at a rung, for some days, within a
//! pain limit, settled) and those only the person can confirm (answered yes).

use super::context::Context;
use crate::domain::history::SessionLog;
use crate::domain::programme::{Confirmation, RungMilestone};
use chrono::NaiveDate;

/// The answer on record for a confirmation question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes(NaiveDate),
    No(NaiveDate),
    NotAsked,
}

impl Context<'_> {
    /// The latest answer, on or before today, to `question` for this programme.
    pub fn answer(&self, question: &Confirmation) -> Answer {
        match self
            .history
            .milestone_answer(&self.programme.id, &question.id, self.today)
        {
            Some((day, true)) => Answer::Yes(day),
            Some((day, false)) => Answer::No(day),
            None => Answer::NotAsked,
        }
    }

    /// Ok when every question was last answered yes; Err names the first that was not.
    pub fn confirmations_met(&self, questions: &[Confirmation]) -> Result<(), String> {
        for q in questions {
            match self.answer(q) {
                Answer::Yes(_) => {}
                Answer::No(day) => {
                    return Err(format!(
                        "you answered no on {day} to \"{}\" (answer again with `rehab log milestone {} --yes` when it holds)",
                        q.question, q.id
                    ));
                }
                Answer::NotAsked => {
                    return Err(format!(
                        "\"{}\" is not answered yet (`rehab log milestone {} --yes` or `--no`)",
                        q.question, q.id
                    ));
                }
            }
        }
        Ok(())
    }

    /// Ok when `milestone` holds in the sessions since `entered`; Err says what is missing.
    pub fn milestone_met(&self, m: &RungMilestone, entered: NaiveDate) -> Result<(), String> {
        let done: Vec<(&SessionLog, u32)> = self
            .sessions_newest_first()
            .take_while(|s| s.date >= entered)
            .filter(|s| !s.was_skipped(&m.exercise) && s.sets_of(&m.exercise).next().is_some())
            .filter_map(|s| {
                let e = s.plan.exercises.iter().find(|e| e.exercise == m.exercise)?;
                Some((s, e.rung))
            })
            .collect();
        let Some(&(latest, latest_rung)) = done.first() else {
            return Err(format!("{} not done yet", m.what));
        };
        if latest_rung < m.rung {
            return Err(format!(
                "{} not reached yet (rung {latest_rung} of {} done last)",
                m.what, m.rung
            ));
        }
        // First day of the latest unbroken stretch at the rung or higher.
        let since = done
            .iter()
            .take_while(|(_, rung)| *rung >= m.rung)
            .map(|(s, _)| s.date)
            .last()
            .unwrap_or(latest.date);
        let days_at = u32::try_from((self.today - since).num_days()).unwrap_or(0);
        if days_at < m.days {
            return Err(format!("{}: {days_at} of {} days so far", m.what, m.days));
        }
        let max = m.max_pain.unwrap_or(self.settings.amber_max);
        let worst = latest
            .pain_during_max(Some(&m.exercise))
            .map_or(0, |p| p.value())
            .max(latest.pain_after().map_or(0, |p| p.value()));
        if worst > max {
            return Err(format!(
                "{}: the last time hurt {worst}/10 (needs {max} or less)",
                m.what
            ));
        }
        if m.settled {
            let response = self.response_after(latest.date, latest.pain_before.map(|p| p.value()));
            if !response.is_settled() {
                return Err(format!(
                    "{}: {}",
                    m.what,
                    response.words(self.settings.morning_tolerance)
                ));
            }
        }
        Ok(())
    }
}
