//! Rules 1b–6: reasons to see a clinician soon. A referral allows only hold or regress until a
//! `referral_acknowledged` record for that reason, dated on or after the referral began.

use super::DAYS_PER_WEEK;
use super::context::{Context, when};
use super::mornings::one_decimal;
use super::phase::PhasePosition;
use super::red_flags::ActiveFlag;
use crate::domain::days;
use crate::domain::history::SessionLog;
use crate::domain::plan::ReferReason;
use crate::domain::reason::Reason;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Share of the first week's mean that also counts as meaningful improvement (§3 rule 5; R20).
const PLATEAU_RELATIVE_CHANGE: f64 = 0.3;

/// The §3 rule each referral reason comes from.
pub fn rule_of(reason: &ReferReason) -> &'static str {
    match reason {
        ReferReason::SymptomFlag => "rule 1b",
        ReferReason::SevereForDays => "rule 2",
        ReferReason::RisingTrend => "rule 3",
        ReferReason::WorseningTwoWeeks => "rule 4",
        ReferReason::Plateau => "rule 5",
        ReferReason::RepeatedFlare => "rule 6",
    }
}

#[derive(Debug, Clone)]
pub struct Referral {
    pub reason: ReferReason,
    pub explanation: Reason,
    /// First day the condition held; an acknowledgement must be on or after it.
    pub since: NaiveDate,
}

impl Context<'_> {
    /// Every referral rule that matches today, in rule order.
    pub fn referrals(&self, flags: &[ActiveFlag], phase: PhasePosition) -> Vec<Referral> {
        let mut found = Vec::new();
        if let Some(r) = self.rule_1b(flags) {
            found.push(r);
        }
        found.extend(self.rule_2_and_3());
        found.extend(self.rule_4());
        found.extend(self.rule_5(phase));
        found.extend(self.rule_6());
        found
    }

    /// True when the person acknowledged this referral on or after it began.
    pub fn acknowledged(&self, referral: &Referral) -> Option<NaiveDate> {
        self.history
            .referrals_acknowledged
            .iter()
            .filter(|(day, reason)| {
                *day >= referral.since && *day <= self.today && reason == referral.reason.id()
            })
            .map(|(day, _)| *day)
            .max()
    }

    fn rule_1b(&self, flags: &[ActiveFlag]) -> Option<Referral> {
        let soon = Self::soon_flags(flags);
        let first = soon.first()?;
        let since = soon.iter().map(|f| f.since).min().unwrap_or(first.answered);
        Some(Referral {
            reason: ReferReason::SymptomFlag,
            explanation: Reason::new(
                "rule 1b",
                format!(
                    "You answered yes {} to: \"{}\" Please {}.",
                    when(first.answered, self.today),
                    first.flag.question,
                    first.flag.urgency.instruction()
                ),
            ),
            since,
        })
    }

    fn rule_2_and_3(&self) -> Vec<Referral> {
        let s = &self.settings;
        let Some(m) = self.consecutive_mornings() else {
            return vec![];
        };
        let n = m.len() as u64;
        let last_day = if self.history.morning_pain(self.today).is_some() {
            self.today
        } else {
            self.today.pred_opt().unwrap_or(self.today)
        };
        let since = days::before(last_day, n.saturating_sub(1));
        let listed = m
            .iter()
            .map(|p| format!("{p}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut found = Vec::new();
        if !m.is_empty() && m.iter().all(|p| *p >= s.severe) {
            found.push(Referral {
                reason: ReferReason::SevereForDays,
                explanation: Reason::new(
                    "rule 2",
                    format!(
                        "Morning pain was {listed} out of 10 on the last {n} days, each at or above {}: see a clinician within 1–2 weeks.",
                        s.severe
                    ),
                ),
                since,
            });
        }
        let rising = m.windows(2).all(|w| w[0] < w[1]);
        if m.len() >= 2 && rising && m.last().is_some_and(|p| *p >= s.amber_max) {
            found.push(Referral {
                reason: ReferReason::RisingTrend,
                explanation: Reason::new(
                    "rule 3",
                    format!(
                        "Morning pain rose {n} days running ({listed} out of 10) and reached the ceiling of {}: see a clinician within 1–2 weeks.",
                        s.amber_max
                    ),
                ),
                since,
            });
        }
        found
    }

    fn rule_4(&self) -> Option<Referral> {
        let mcid = self.settings.mcid;
        let (d0, d1) = (self.weekly_delta(0)?, self.weekly_delta(1)?);
        (d0 >= mcid && d1 >= mcid).then(|| Referral {
            reason: ReferReason::WorseningTwoWeeks,
            explanation: Reason::new(
                "rule 4",
                format!(
                    "Weekly mean morning pain rose by {} last week and {} this week, each at least {} points: see a clinician within 1–2 weeks.",
                    one_decimal(d1),
                    one_decimal(d0),
                    one_decimal(mcid)
                ),
            ),
            // The two weeks that rose, today included.
            since: days::before(self.today, 2 * u64::from(DAYS_PER_WEEK) - 1),
        })
    }

    /// Rule 5, plateau. Counts full weeks as the plan's `week` field does (`weeks_completed`).
    /// Never when this week's mean morning pain is already in the green zone (0–`green_max`):
    /// from a low baseline the 2-point meaningful change (R20) cannot happen, and someone whose
    /// mornings are at 0–2 is doing well, not stuck (docs/coach.md, "Plateau").
    fn rule_5(&self, phase: PhasePosition) -> Option<Referral> {
        let s = &self.settings;
        let start = self.start?;
        let days = u32::try_from((self.today - start).num_days()).ok()?;
        let weeks = self.weeks_completed();
        if weeks < s.plateau_weeks {
            return None;
        }
        let first_week_end = days::after(start, u64::from(DAYS_PER_WEEK) - 1);
        let first_week = self.mean_morning_pain(start, first_week_end)?;
        let this_week = self.week_mean(0)?;
        if this_week <= f64::from(s.green_max) {
            return None;
        }
        let per_week = self.programme.phases[phase.index]
            .exercises
            .iter()
            .filter_map(|pe| Some(pe.frequency_for(self.exercise(&pe.exercise)?)))
            .map(|f| f.per_week.unwrap_or(DAYS_PER_WEEK).min(DAYS_PER_WEEK))
            .max()
            .unwrap_or(DAYS_PER_WEEK);
        let planned = f64::from(days) * f64::from(per_week) / f64::from(DAYS_PER_WEEK);
        let mut done: BTreeSet<NaiveDate> = self.sessions_oldest_first().map(|x| x.date).collect();
        // Where running is part of the plan, a day with a run is a day trained, as in the day
        // classification (docs/coach.md, "Runs in the day count").
        if self.programme.rules.running_caps {
            done.extend(
                self.history
                    .runs
                    .iter()
                    .map(|r| r.date)
                    .filter(|d| *d >= start && *d < self.today),
            );
        }
        let adherence = if planned > 0.0 {
            (done.len() as f64 / planned).min(1.0)
        } else {
            0.0
        };
        let improvement = first_week - this_week;
        let needed = s.mcid.max(PLATEAU_RELATIVE_CHANGE * first_week);
        (adherence >= s.plateau_adherence && improvement < needed).then(|| Referral {
            reason: ReferReason::Plateau,
            explanation: Reason::new(
                "rule 5",
                format!(
                    "After {weeks} full weeks with {:.0} % of sessions done, mean morning pain went from {} to {} (a change of {}, less than the {} that counts as meaningful) and is still above {}/10: a clinician can review the plan. Keep training meanwhile.",
                    adherence * 100.0,
                    one_decimal(first_week),
                    one_decimal(this_week),
                    one_decimal(improvement),
                    one_decimal(needed),
                    s.green_max
                ),
            ),
            since: days::after(
                start,
                u64::from(DAYS_PER_WEEK) * u64::from(s.plateau_weeks),
            ),
        })
    }

    /// Days in the flare window on which a session started with an exercise really moved down to
    /// (or below) its phase floor: a step-down decision whose rung is lower than the rung of that
    /// exercise's previous session. Staying at the bottom rung is not being "sent back" (rule 6).
    pub fn floor_sends(&self) -> Vec<NaiveDate> {
        let from = days::before(self.today, u64::from(self.settings.flare_window_days));
        let (earlier, window) = self.sessions_split_at(from);
        let window: Vec<&SessionLog> = window.collect();
        // Each exercise's rung in its newest session before the window: only the window's days
        // can count, so the years before it are walked back only as far as that.
        let mut last_rung: Vec<(&str, Option<u32>)> = Vec::new();
        for e in window.iter().flat_map(|s| &s.plan.exercises) {
            if !last_rung.iter().any(|(name, _)| *name == e.exercise) {
                last_rung.push((e.exercise.as_str(), None));
            }
        }
        let mut unseen = last_rung.len();
        for e in earlier.flat_map(|s| &s.plan.exercises) {
            if unseen == 0 {
                break;
            }
            if let Some(slot) = last_rung
                .iter_mut()
                .find(|(name, rung)| rung.is_none() && *name == e.exercise)
            {
                slot.1 = Some(e.rung);
                unseen -= 1;
            }
        }
        let mut days: Vec<NaiveDate> = Vec::new();
        for s in window {
            let mut sent = false;
            for e in &s.plan.exercises {
                let previous = last_rung
                    .iter_mut()
                    .find(|(name, _)| *name == e.exercise)
                    .and_then(|slot| slot.1.replace(e.rung));
                let moved_down = previous.is_some_and(|p| e.rung < p);
                if moved_down
                    && matches!(e.decision, crate::domain::plan::Decision::Regress(_))
                    && e.rung <= self.floor_in(&s.plan.phase, &e.exercise)
                {
                    sent = true;
                }
            }
            if sent && days.last() != Some(&s.date) {
                days.push(s.date);
            }
        }
        days
    }

    /// The floor rung of an exercise in a phase (1 when unknown).
    fn floor_in(&self, phase: &str, exercise: &str) -> u32 {
        self.programme
            .phase_index(phase)
            .and_then(|i| {
                self.programme.phases[i]
                    .exercises
                    .iter()
                    .find(|pe| pe.exercise == exercise)
            })
            .map_or(1, |pe| pe.floor)
    }

    fn rule_6(&self) -> Option<Referral> {
        let s = &self.settings;
        let days = self.floor_sends();
        let first = *days.first()?;
        (days.len() as u32 >= s.repeated_flare_count).then(|| Referral {
            reason: ReferReason::RepeatedFlare,
            explanation: Reason::new(
                "rule 6",
                format!(
                    "Sent back to the bottom of the phase {} times in the last {} days (first {}): see a clinician within 1–2 weeks.",
                    days.len(),
                    s.flare_window_days,
                    when(first, self.today)
                ),
            ),
            since: first,
        })
    }
}
