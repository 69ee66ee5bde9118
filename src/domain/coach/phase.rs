//! Which phase the person is in (the phase of the last session, else the first) and whether the
//! phase's exit criteria are met today (§3 `may_advance_phase`).

use super::context::{Context, when};
use super::mornings::one_decimal;
use crate::domain::days;
use crate::domain::programme::{ExitCriteria, Phase};
use chrono::NaiveDate;

/// Window for exit criteria when the programme gives none: "≥ 5 of 7 mornings"
/// (docs/sources.md#shared-conventions).
const DEFAULT_EXIT_WINDOW_DAYS: u32 = 7;
/// §3 `may_advance_phase`: no red session in this many recent days.
const NO_RED_SESSION_DAYS: u64 = 7;

/// Where the person is in the programme.
#[derive(Debug, Clone, Copy)]
pub struct PhasePosition {
    pub index: usize,
    /// First day in this phase: its first session, or the programme start.
    pub entered: NaiveDate,
}

/// The outcome of checking a phase's exit.
#[derive(Debug, Clone, PartialEq)]
pub enum Exit {
    /// All criteria met: move on, with what was met in words.
    Met(String),
    /// Not yet: the first criterion still missing.
    NotYet(String),
    /// The last phase (nothing to advance to).
    LastPhase,
}

impl Context<'_> {
    /// The current phase: that of the last session of this programme, else the first.
    pub fn phase_position(&self) -> PhasePosition {
        let start = self.start.unwrap_or(self.today);
        let mut newest = self.sessions_newest_first();
        let Some(last) = newest.next() else {
            return PhasePosition {
                index: 0,
                entered: start,
            };
        };
        let index = self.programme.phase_index(&last.plan.phase).unwrap_or(0);
        let phase_id = &self.programme.phases[index].id;
        let mut entered = last.date;
        for s in newest {
            if s.plan.phase != *phase_id {
                break;
            }
            entered = s.date;
        }
        if index == 0 {
            entered = entered.min(start);
        }
        PhasePosition { index, entered }
    }

    /// §3 `may_advance_phase` for the phase at `position`.
    pub fn phase_exit(&self, position: PhasePosition) -> Exit {
        let phases = &self.programme.phases;
        let Some(phase) = phases.get(position.index) else {
            return Exit::LastPhase;
        };
        if position.index + 1 >= phases.len() {
            return Exit::LastPhase;
        }
        let days_in = u32::try_from((self.today - position.entered).num_days()).unwrap_or(0);
        if days_in < phase.min_days {
            return Exit::NotYet(format!(
                "{days_in} of at least {} days in phase {} done",
                phase.min_days, phase.id
            ));
        }
        if let Err(missing) = self.exit_criteria_met(phase, position.entered) {
            return Exit::NotYet(missing);
        }
        // The 24-hour rule (R3) is never skipped by a phase change: the last session must have
        // settled by the next morning.
        if let Some(last) = self.sessions_newest_first().next() {
            let response = self.response_after(last.date, last.pain_before.map(|p| p.value()));
            if !response.is_settled() {
                return Exit::NotYet(format!(
                    "after the last session ({}), {}",
                    when(last.date, self.today),
                    response.words(self.settings.morning_tolerance)
                ));
            }
        }
        let red_since = days::before(self.today, NO_RED_SESSION_DAYS);
        if let Some(red) = self
            .sessions_newest_first()
            .take_while(|s| s.date >= red_since)
            .find(|s| self.session_worst(s) > self.settings.amber_max)
        {
            return Exit::NotYet(format!(
                "a session {} went above the ceiling ({}/10 > {})",
                when(red.date, self.today),
                self.session_worst(red),
                self.settings.amber_max
            ));
        }
        // A run is a session too: a run above the ceiling in the same window blocks the exit.
        if let Some(run) = self
            .history
            .runs
            .iter()
            .filter(|r| r.date >= red_since && r.date < self.today)
            .find(|r| r.pain.is_none_or(|p| p.value() > self.settings.amber_max))
        {
            // An unrated (imported) run might have been above the ceiling: the phase waits for
            // its rating rather than reading it as pain 0.
            return Exit::NotYet(match run.pain {
                Some(pain) => format!(
                    "a run {} went above the ceiling ({pain} > {})",
                    when(run.date, self.today),
                    self.settings.amber_max
                ),
                None => format!(
                    "the run {} has no pain rating yet (`rehab log run-pain {} --during N`)",
                    when(run.date, self.today),
                    run.date
                ),
            });
        }
        if let Some(delta) = self.weekly_delta(0).filter(|d| *d > 0.0) {
            return Exit::NotYet(format!(
                "morning pain rose by {} this week",
                one_decimal(delta)
            ));
        }
        Exit::Met(format!(
            "{days_in} days in phase {} and every exit criterion met",
            phase.id
        ))
    }

    /// Worst pain during or after a session, over all exercises.
    fn session_worst(&self, s: &crate::domain::history::SessionLog) -> u8 {
        s.pain_during_max(None)
            .map_or(0, |p| p.value())
            .max(s.pain_after().map_or(0, |p| p.value()))
    }

    /// Ok when every `ExitCriteria` field given holds; Err names the first that does not.
    fn exit_criteria_met(&self, phase: &Phase, entered: NaiveDate) -> Result<(), String> {
        let exit: &ExitCriteria = &phase.exit;
        let window = exit.window_days.unwrap_or(DEFAULT_EXIT_WINDOW_DAYS);
        let window_start = days::before(self.today, u64::from(window)).max(entered);
        let in_phase: Vec<_> = self
            .sessions_newest_first()
            .take_while(|s| s.date >= entered)
            .collect();
        if let Some(min) = exit.min_sessions {
            let done = in_phase.len() as u32;
            if done < min {
                return Err(format!("{done} of {min} sessions logged in this phase"));
            }
        }
        let recent = || in_phase.iter().filter(|s| s.date >= window_start);
        if let Some(max) = exit.max_pain_during
            && let Some(worst) = recent()
                .filter_map(|s| s.pain_during_max(None).map(|p| p.value()))
                .max()
                .filter(|w| *w > max)
        {
            return Err(format!(
                "pain during a session reached {worst}/10 in the last {window} days (exit needs ≤ {max})"
            ));
        }
        if let Some(max) = exit.max_pain_after
            && let Some(worst) = recent()
                .filter_map(|s| s.pain_after().map(|p| p.value()))
                .max()
                .filter(|w| *w > max)
        {
            return Err(format!(
                "pain after a session reached {worst}/10 in the last {window} days (exit needs ≤ {max})"
            ));
        }
        if let Some(needed) = exit.settled_mornings {
            let settled = self.settled_mornings(window_start);
            if settled < needed {
                return Err(format!(
                    "{settled} of {needed} settled mornings in the last {window} days"
                ));
            }
        }
        if let Some(max) = exit.load_test_max {
            let days = exit.load_test_days.unwrap_or(1);
            let run = self.load_test_run(max);
            if run < days {
                return Err(format!(
                    "load test at or below {max}/10 on {run} of {days} days in a row"
                ));
            }
        }
        for milestone in &exit.reached {
            self.milestone_met(milestone, entered)?;
        }
        self.confirmations_met(&exit.confirm)?;
        if exit.weekly_morning_not_rising
            && let Some(delta) = self.weekly_delta(0).filter(|d| *d > 0.0)
        {
            return Err(format!(
                "the weekly mean morning pain rose by {}",
                one_decimal(delta)
            ));
        }
        if let Some(max) = exit.max_weekly_morning_mean {
            match self.week_mean(0) {
                Some(mean) if mean <= max => {}
                Some(mean) => {
                    return Err(format!(
                        "mean morning pain this week is {}/10 (exit needs ≤ {})",
                        one_decimal(mean),
                        one_decimal(max)
                    ));
                }
                None => return Err("no morning check-ins this week".into()),
            }
        }
        Ok(())
    }

    /// Mornings from `from` to today, each after a day with a session, that count as settled
    /// against the mornings before them (R3). A morning after a rest day says nothing about how
    /// the tendon took the load, so it does not count.
    fn settled_mornings(&self, from: NaiveDate) -> u32 {
        let session_days: std::collections::BTreeSet<NaiveDate> =
            self.sessions_oldest_first().map(|s| s.date).collect();
        from.iter_days()
            .take_while(|d| *d <= self.today)
            .filter(|d| {
                d.pred_opt().is_some_and(|prev| {
                    session_days.contains(&prev) && self.response_after(prev, None).is_settled()
                })
            })
            .count() as u32
    }

    /// Days in a row (ending today, or yesterday if today's test is not logged yet) with a load
    /// test at or below `max`.
    fn load_test_run(&self, max: u8) -> u32 {
        let test = |d: NaiveDate| {
            self.history
                .checkin(d)
                .and_then(|c| c.load_test)
                .map(|p| p.value())
        };
        let mut day = self.today;
        if test(day).is_none() {
            day = day.pred_opt().unwrap_or(day);
        }
        let mut run = 0;
        while let Some(p) = test(day) {
            if p > max {
                break;
            }
            run += 1;
            match day.pred_opt() {
                Some(prev) => day = prev,
                None => break,
            }
        }
        run
    }
}
