//! Adherence, streak and the morning-pain series shown on Today (pure: history and dates in).
//!
//! Streak definition: counting back from today, a day keeps the streak when a session was done
//! that day (at least one set logged), or it was a planned rest day, or it was a flare day (morning
//! pain above the ceiling, when easing off is the right call). A day without a session is a
//! *planned rest day* when, in the 7 days ending on it (from the programme start), the days with
//! neither a session nor a flare number at most `7 − sessions per week`. Today, not yet done,
//! neither adds to nor breaks the streak.

use crate::domain::history::History;
use chrono::{Days, NaiveDate};

/// Days of morning pain shown in the sparkline.
pub const SPARK_DAYS: u32 = 14;
/// Days looked back for adherence.
pub const ADHERENCE_DAYS: u32 = 14;
const WEEK: u32 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMark {
    Done,
    Rest,
    Flare,
    Missed,
}

/// What the streak and adherence are computed from.
#[derive(Debug, Clone, Copy)]
pub struct StatsInput<'a> {
    pub history: &'a History,
    pub programme: &'a str,
    pub start: NaiveDate,
    /// Planned sessions per week (1–7).
    pub per_week: u32,
    /// Morning pain above this is a flare day.
    pub amber_max: u8,
}

impl StatsInput<'_> {
    fn session_on(&self, day: NaiveDate) -> bool {
        self.history.sessions.iter().any(|s| {
            s.date == day
                && s.plan.programme == self.programme
                && (!s.sets.is_empty() || s.finished.is_some())
        })
    }

    fn flare_on(&self, day: NaiveDate) -> bool {
        self.history
            .morning_pain(day)
            .is_some_and(|p| p.value() > self.amber_max)
    }

    pub fn mark(&self, day: NaiveDate) -> DayMark {
        if self.session_on(day) {
            return DayMark::Done;
        }
        if self.flare_on(day) {
            return DayMark::Flare;
        }
        let rest_allowed = WEEK - self.per_week.clamp(1, WEEK);
        let idle = (0..WEEK)
            .filter_map(|back| day.checked_sub_days(Days::new(back.into())))
            .filter(|d| *d >= self.start)
            .filter(|d| !self.session_on(*d) && !self.flare_on(*d))
            .count() as u32;
        if idle <= rest_allowed {
            DayMark::Rest
        } else {
            DayMark::Missed
        }
    }

    /// Days in a row that kept the streak, ending today (today counts only once done).
    pub fn streak(&self, today: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = today;
        if self.mark(today) != DayMark::Done {
            match today.pred_opt() {
                Some(d) => day = d,
                None => return 0,
            }
        }
        while day >= self.start && self.mark(day) != DayMark::Missed {
            count += 1;
            match day.pred_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
        count
    }

    /// (sessions done, sessions planned) over the last `ADHERENCE_DAYS` days up to yesterday,
    /// plus today if done; only since the programme start.
    pub fn adherence(&self, today: NaiveDate) -> (u32, u32) {
        let first = today
            .checked_sub_days(Days::new(ADHERENCE_DAYS.into()))
            .unwrap_or(today)
            .max(self.start);
        let days = (today - first).num_days().max(0) as u32;
        let done_today = u32::from(self.session_on(today));
        let done = (0..days)
            .filter_map(|i| first.checked_add_days(Days::new(i.into())))
            .filter(|d| self.session_on(*d))
            .count() as u32
            + done_today;
        let planned = (days * self.per_week.clamp(1, WEEK)).div_ceil(WEEK) + done_today;
        (done, planned)
    }
}

/// Morning pain for the `SPARK_DAYS` days ending today, oldest first (None = no check-in).
pub fn morning_series(history: &History, today: NaiveDate) -> Vec<Option<u8>> {
    (0..SPARK_DAYS)
        .rev()
        .map(|back| {
            today
                .checked_sub_days(Days::new(back.into()))
                .and_then(|d| history.morning_pain(d))
                .map(|p| p.value())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pain::Rating;
    use crate::domain::plan::{Decision, PlanSnapshot};
    use crate::domain::records::{Record, RecordBody, RecordId};
    use std::collections::BTreeMap;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn rec(n: usize, d: u32, body: RecordBody) -> Record {
        Record {
            v: 1,
            id: RecordId(format!("t-{n:04}")),
            at: day(d)
                .and_hms_opt(8, 0, 0)
                .unwrap()
                .and_utc()
                .fixed_offset(),
            date: day(d),
            body,
        }
    }

    fn history(session_days: &[u32], flare_days: &[u32]) -> History {
        let mut records = Vec::new();
        for &d in session_days {
            let n = records.len();
            records.push(rec(
                n,
                d,
                RecordBody::SessionStarted {
                    plan: PlanSnapshot {
                        programme: "p".into(),
                        phase: "P1".into(),
                        decision: Decision::Hold,
                        reasons: vec![],
                        deload: false,
                        exercises: vec![],
                    }
                    .into(),
                    pain_before: None,
                },
            ));
            records.push(rec(
                n + 1,
                d,
                RecordBody::SessionFinished {
                    session: RecordId(format!("t-{n:04}")),
                    pain_after: Rating::ZERO,
                    effort: None,
                    note: None,
                },
            ));
        }
        for &d in flare_days {
            let n = records.len();
            records.push(rec(
                n,
                d,
                RecordBody::CheckIn {
                    pain: Some(Rating::new(8).unwrap()),
                    stiffness: None,
                    load_test: None,
                    red_flags: BTreeMap::new(),
                },
            ));
        }
        History::replay(records)
    }

    fn input(h: &History, per_week: u32) -> StatsInput<'_> {
        StatsInput {
            history: h,
            programme: "p",
            start: day(1),
            per_week,
            amber_max: 5,
        }
    }

    #[test]
    fn daily_streak_breaks_on_a_missed_day() {
        let h = history(&[1, 2, 4, 5], &[]);
        assert_eq!(input(&h, 7).streak(day(5)), 2);
        assert_eq!(input(&h, 7).mark(day(3)), DayMark::Missed);
    }

    #[test]
    fn today_not_done_yet_does_not_break() {
        let h = history(&[1, 2, 3], &[]);
        assert_eq!(input(&h, 7).streak(day(4)), 3);
    }

    #[test]
    fn flare_day_keeps_the_streak() {
        let h = history(&[1, 2, 4], &[3]);
        assert_eq!(input(&h, 7).mark(day(3)), DayMark::Flare);
        assert_eq!(input(&h, 7).streak(day(4)), 4);
    }

    #[test]
    fn rest_days_of_a_three_a_week_plan_keep_the_streak() {
        // Mon 2, Wed 4, Fri 6, Mon 9 (March 2026): 4 idle days a week are allowed.
        let h = history(&[2, 4, 6, 9], &[]);
        let s = StatsInput {
            start: day(2),
            ..input(&h, 3)
        };
        assert_eq!(s.mark(day(8)), DayMark::Rest);
        assert_eq!(s.streak(day(9)), 8);
        // A fifth idle day in a week breaks it.
        let h = history(&[2], &[]);
        let s = StatsInput {
            start: day(2),
            ..input(&h, 3)
        };
        assert_eq!(s.mark(day(7)), DayMark::Missed);
    }

    #[test]
    fn adherence_counts_planned_sessions_since_start() {
        let h = history(&[1, 2, 4], &[]);
        assert_eq!(input(&h, 7).adherence(day(5)), (3, 4));
        assert_eq!(input(&h, 7).adherence(day(4)), (3, 4));
    }

    #[test]
    fn morning_series_is_oldest_first_with_gaps() {
        let h = history(&[], &[14]);
        let s = morning_series(&h, day(14));
        assert_eq!(s.len(), SPARK_DAYS as usize);
        assert_eq!(s[13], Some(8));
        assert_eq!(s[0], None);
    }
}
