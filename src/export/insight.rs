//! Views derived from a replayed `History`, shared by the history screens and the report:
//! day-by-day adherence, pain series, plan changes with their reasons, rungs over time and
//! weekly running against the return-to-running caps. Pure functions of their inputs.

use crate::domain::history::{History, SessionLog};
use crate::domain::pain::{Rating, Zone};
use crate::domain::plan::{Decision, Reason};
use crate::domain::records::{RecordId, Side};
use crate::domain::running;
use crate::domain::settings::CoachSettings;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// How a day went, for the adherence calendar and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DayKind {
    /// Every planned set was logged.
    Done,
    /// Some planned sets were logged, not all.
    Partial,
    /// A session was started but nothing was done (every exercise skipped).
    Skipped,
    /// No session that day.
    Rest,
    /// Morning pain or pain after a session above the ceiling (R5 red zone).
    Flare,
}

impl DayKind {
    pub const ALL: [DayKind; 5] = [
        DayKind::Done,
        DayKind::Partial,
        DayKind::Skipped,
        DayKind::Rest,
        DayKind::Flare,
    ];

    pub fn word(self) -> &'static str {
        match self {
            DayKind::Done => "done",
            DayKind::Partial => "partial",
            DayKind::Skipped => "skipped",
            DayKind::Rest => "rest",
            DayKind::Flare => "flare",
        }
    }

    /// A symbol so the calendar never relies on colour alone.
    pub fn symbol(self) -> char {
        match self {
            DayKind::Done => '✓',
            DayKind::Partial => '½',
            DayKind::Skipped => '✗',
            DayKind::Rest => '○',
            DayKind::Flare => '!',
        }
    }
}

/// What a single session amounts to: done, partial or skipped.
pub fn session_kind(session: &SessionLog) -> DayKind {
    if session.sets.is_empty() {
        return DayKind::Skipped;
    }
    let all_done = session.plan.exercises.iter().all(|planned| {
        let per_side = session
            .sets_of(&planned.exercise)
            .any(|set| set.side.is_some());
        session.completed(&planned.exercise, per_side)
    });
    if all_done {
        DayKind::Done
    } else {
        DayKind::Partial
    }
}

/// The first day anything was recorded, if any.
pub fn first_day(history: &History) -> Option<NaiveDate> {
    history.first_day
}

/// The last day anything was recorded, if any.
pub fn last_day(history: &History) -> Option<NaiveDate> {
    history.last_day
}

/// Every day from the first record to `until` (inclusive) with how it went.
pub fn day_kinds(
    history: &History,
    settings: &CoachSettings,
    until: NaiveDate,
) -> BTreeMap<NaiveDate, DayKind> {
    let mut days = BTreeMap::new();
    let Some(first) = first_day(history) else {
        return days;
    };
    let mut sessions_by_day: BTreeMap<NaiveDate, DayKind> = BTreeMap::new();
    for session in &history.sessions {
        let kind = session_kind(session);
        sessions_by_day
            .entry(session.date)
            .and_modify(|k| *k = (*k).min(kind))
            .or_insert(kind);
    }
    let red = |pain: Option<Rating>| {
        pain.is_some_and(|p| Zone::of(p, settings.green_max, settings.amber_max) == Zone::Red)
    };
    let mut flare_days: BTreeSet<NaiveDate> = history
        .checkins
        .iter()
        .filter(|(_, c)| red(c.pain))
        .map(|(d, _)| *d)
        .collect();
    flare_days.extend(
        history
            .sessions
            .iter()
            .filter(|s| red(s.pain_after()))
            .map(|s| s.date),
    );
    for date in first.iter_days().take_while(|d| *d <= until) {
        let kind = if flare_days.contains(&date) {
            DayKind::Flare
        } else {
            sessions_by_day.get(&date).copied().unwrap_or(DayKind::Rest)
        };
        days.insert(date, kind);
    }
    days
}

/// Pain on one day: the morning check-in, the worst set, pain after, and the worst per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPain {
    pub date: NaiveDate,
    pub morning: Option<u8>,
    pub during: Option<u8>,
    pub after: Option<u8>,
    pub left: Option<u8>,
    pub right: Option<u8>,
}

impl DayPain {
    fn empty(date: NaiveDate) -> DayPain {
        DayPain {
            date,
            morning: None,
            during: None,
            after: None,
            left: None,
            right: None,
        }
    }
}

/// One entry per day that has any pain rating, oldest first.
pub fn daily_pain(history: &History) -> Vec<DayPain> {
    let mut days: BTreeMap<NaiveDate, DayPain> = BTreeMap::new();
    for (date, checkin) in &history.checkins {
        if let Some(p) = checkin.pain {
            days.entry(*date)
                .or_insert_with(|| DayPain::empty(*date))
                .morning = Some(p.value());
        }
    }
    for session in &history.sessions {
        let day = days
            .entry(session.date)
            .or_insert_with(|| DayPain::empty(session.date));
        for set in &session.sets {
            let pain = Some(set.pain.value());
            day.during = day.during.max(pain);
            match set.side {
                Some(Side::Left) => day.left = day.left.max(pain),
                Some(Side::Right) => day.right = day.right.max(pain),
                None => {}
            }
        }
        day.after = day.after.max(session.pain_after().map(|p| p.value()));
    }
    days.into_values().collect()
}

/// One exercise whose rung changed from one session to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RungChange {
    pub exercise: String,
    /// None when the exercise was not in the previous session.
    pub from: Option<u32>,
    pub to: u32,
}

/// A session whose plan differs from the previous session's: a new decision, phase or rung.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanChange {
    pub date: NaiveDate,
    pub session: RecordId,
    pub programme: String,
    pub phase: String,
    pub decision: Decision,
    pub previous: Option<Decision>,
    pub rungs: Vec<RungChange>,
    /// The day's reasons, then each changed exercise's, without repeats.
    pub reasons: Vec<Reason>,
}

/// Every plan change, oldest first. The first session counts as one (the starting plan).
pub fn plan_changes(history: &History) -> Vec<PlanChange> {
    let mut changes = Vec::new();
    let mut previous: Option<&SessionLog> = None;
    for session in &history.sessions {
        let plan = &session.plan;
        let rungs: Vec<RungChange> = plan
            .exercises
            .iter()
            .filter_map(|ex| {
                let from = previous.and_then(|p| {
                    p.plan
                        .exercises
                        .iter()
                        .find(|e| e.exercise == ex.exercise)
                        .map(|e| e.rung)
                });
                (from != Some(ex.rung) && previous.is_some()).then(|| RungChange {
                    exercise: ex.exercise.to_string(),
                    from,
                    to: ex.rung,
                })
            })
            .collect();
        let changed = match previous {
            None => true,
            Some(p) => {
                p.plan.decision != plan.decision
                    || p.plan.phase != plan.phase
                    || p.plan.programme != plan.programme
                    || !rungs.is_empty()
            }
        };
        if changed {
            let mut reasons: Vec<Reason> = plan.reasons.clone();
            for ex in &plan.exercises {
                let rung_changed = rungs.iter().any(|r| r.exercise == ex.exercise);
                // A step down at the floor moves no rung, but the day's reason says "details
                // under each exercise": the clinician needs those details.
                let stepped = ex.decision != Decision::Hold;
                if rung_changed || stepped || ex.decision != plan.decision {
                    for reason in &ex.reasons {
                        if !reasons.contains(reason) {
                            reasons.push(reason.clone());
                        }
                    }
                }
            }
            changes.push(PlanChange {
                date: session.date,
                session: session.id.clone(),
                programme: plan.programme.to_string(),
                phase: plan.phase.to_string(),
                decision: plan.decision.clone(),
                previous: previous.map(|p| p.plan.decision.clone()),
                rungs,
                reasons,
            });
        }
        previous = Some(session);
    }
    changes
}

/// Each exercise's rung on every session day it was planned, oldest first.
pub fn rung_series(history: &History) -> BTreeMap<String, Vec<(NaiveDate, u32)>> {
    let mut series: BTreeMap<String, Vec<(NaiveDate, u32)>> = BTreeMap::new();
    for session in &history.sessions {
        for ex in &session.plan.exercises {
            series
                .entry(ex.exercise.to_string())
                .or_default()
                .push((session.date, ex.rung));
        }
    }
    series
}

/// Days looked back for the longest run when capping a single run (R16), as the coach does.
pub const LONGEST_RUN_LOOKBACK_DAYS: u64 = running::LONGEST_RUN_WINDOW_DAYS;

/// One week (Monday to Sunday) of running, beside the return-to-running caps.
#[derive(Debug, Clone, PartialEq)]
pub struct RunWeek {
    pub monday: NaiveDate,
    pub runs: usize,
    pub minutes: f64,
    pub km: f64,
    pub longest_km: f64,
    /// This week's km cap from the previous weeks (R14/R15), when there is a basis for one.
    pub week_cap_km: Option<f64>,
    /// The cap for the week's longest run (R16), from the longest run in the 30 days before it.
    pub single_cap_km: Option<f64>,
}

impl RunWeek {
    pub fn over_week_cap(&self) -> bool {
        self.week_cap_km
            .is_some_and(|cap| self.km > cap + f64::EPSILON)
    }
    pub fn over_single_cap(&self) -> bool {
        self.single_cap_km
            .is_some_and(|cap| self.longest_km > cap + f64::EPSILON)
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Weeks from the first run to the last (weeks without runs included). The caps are the coach's
/// own (`domain::running::advise`): the week cap as advised on the week's Sunday (the 7 days
/// ending then are the week), the single-run cap as advised on the day of the week's longest run.
pub fn run_weeks(history: &History, settings: &CoachSettings) -> Vec<RunWeek> {
    let runs = &history.runs;
    let (Some(first), Some(last)) = (runs.first(), runs.last()) else {
        return Vec::new();
    };
    let mut weeks: Vec<RunWeek> = Vec::new();
    let mut monday = monday_of(first.date);
    let last_monday = monday_of(last.date);
    while monday <= last_monday {
        let sunday = monday + Days::new(6);
        let in_week: Vec<_> = runs
            .iter()
            .filter(|r| r.date >= monday && r.date <= sunday)
            .collect();
        let longest = in_week
            .iter()
            .filter_map(|r| r.km.map(|k| (r.date, k)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let week_advice = running::advise(runs, sunday, settings, None);
        weeks.push(RunWeek {
            monday,
            runs: in_week.len(),
            minutes: in_week.iter().map(|r| r.minutes).sum(),
            km: week_advice.km_this_week,
            longest_km: longest.map_or(0.0, |l| l.1),
            week_cap_km: week_advice.week_cap_km,
            single_cap_km: longest
                .and_then(|(date, _)| running::advise(runs, date, settings, None).run_cap_km),
        });
        monday = monday + Days::new(7);
    }
    weeks
}

/// Days of each kind, in `DayKind::ALL` order.
pub fn adherence_counts(days: &BTreeMap<NaiveDate, DayKind>) -> [(DayKind, usize); 5] {
    DayKind::ALL.map(|kind| (kind, days.values().filter(|k| **k == kind).count()))
}

/// The eight block characters of a text sparkline, lowest first.
const SPARK_BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A text sparkline of 0–10 values ("▁▃█"); a missing value is a space.
pub fn sparkline(values: &[Option<u8>]) -> String {
    values
        .iter()
        .map(|v| match v {
            Some(v) => SPARK_BLOCKS[usize::from(*v.min(&10)) * (SPARK_BLOCKS.len() - 1) / 10],
            None => ' ',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    fn history(days: u32) -> History {
        History::replay(sample::journal(
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            days,
        ))
    }

    #[test]
    fn sample_days_cover_every_kind() {
        let h = history(90);
        let until = last_day(&h).unwrap();
        let days = day_kinds(&h, &CoachSettings::default(), until);
        assert_eq!(days.len(), 90);
        for (kind, count) in adherence_counts(&days) {
            assert!(count > 0, "no {kind:?} day");
        }
    }

    #[test]
    fn plan_changes_name_rungs_and_reasons() {
        let changes = plan_changes(&history(90));
        let regress = changes
            .iter()
            .find(|c| c.decision == Decision::Regress(1))
            .expect("the flare regresses");
        assert_eq!(
            regress.rungs,
            vec![RungChange {
                exercise: "quick-hold".into(),
                from: Some(2),
                to: 1
            }]
        );
        assert!(regress.reasons.iter().any(|r| r.rule == "R3"));
        assert!(changes[0].previous.is_none());
    }

    #[test]
    fn a_step_down_at_the_floor_keeps_each_exercises_reason() {
        let mut h = history(90);
        h.sessions.truncate(2);
        let mut plan = (*h.sessions[0].plan).clone();
        plan.decision = Decision::Hold;
        for ex in &mut plan.exercises {
            ex.decision = Decision::Hold;
        }
        h.sessions[0].plan = plan.clone().into();
        plan.decision = Decision::Regress(1);
        plan.reasons = vec![Reason::new(
            "R3",
            "step down one rung (details under each exercise)",
        )];
        let detail = Reason::new("R3", "stays at rung 1, the lowest: it did not settle");
        for ex in &mut plan.exercises {
            ex.decision = Decision::Regress(1);
            ex.reasons = vec![detail.clone()];
        }
        h.sessions[1].plan = plan.into();
        let changes = plan_changes(&h);
        let regress = &changes[1];
        assert!(regress.rungs.is_empty(), "no rung moved at the floor");
        assert!(regress.reasons.contains(&detail));
    }

    #[test]
    fn run_caps_follow_the_previous_weeks() {
        let settings = CoachSettings::default();
        let weeks = run_weeks(&history(90), &settings);
        assert!(weeks.len() >= 3);
        let second = &weeks[1];
        assert_eq!(
            second.week_cap_km,
            Some(weeks[0].km * settings.run_week_step)
        );
        assert_eq!(weeks[0].week_cap_km, None);
    }

    #[test]
    fn sparkline_maps_the_scale_ends() {
        assert_eq!(sparkline(&[Some(0), None, Some(10), Some(5)]), "▁ █▄");
    }

    #[test]
    fn per_side_pain_is_split() {
        let pain = daily_pain(&history(1));
        assert_eq!(pain.len(), 1);
        assert_eq!(pain[0].right, pain[0].left.map(|l| l + 1));
    }
}
