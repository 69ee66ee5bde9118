//! What the coach reads for one day: the programme, the effective settings and the part of the
//! journal that is about this programme and dated before today. Everything later is ignored, so
//! a plan for a past day never changes when newer records arrive.

use crate::domain::history::{History, SessionLog};
use crate::domain::programme::{Exercise, Programme};
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

/// Words for a past day relative to today: "yesterday", "2 days ago", "on 2026-03-02".
pub use crate::domain::phrase::when;

pub struct Context<'a> {
    pub programme: &'a Programme,
    pub history: &'a History,
    pub today: NaiveDate,
    /// Defaults + config + the programme's `[coach]` + its load-test ceiling.
    pub settings: CoachSettings,
    /// The day this programme was (last) chosen, if it was.
    pub start: Option<NaiveDate>,
    /// Sessions from `start`, dated before today, oldest first (filter with `is_ours`).
    sessions: &'a [SessionLog],
    /// Sessions dated today (they count for "done today", not for decisions).
    sessions_today: &'a [SessionLog],
}

impl<'a> Context<'a> {
    pub fn new(
        programme: &'a Programme,
        history: &'a History,
        today: NaiveDate,
        settings: &CoachSettings,
    ) -> Self {
        let mut settings = settings.clone().with(&programme.coach);
        if let Some(test) = &programme.load_test {
            settings.load_test_max = test.ceiling;
        }
        let start = history
            .choices
            .iter()
            .rev()
            .find(|c| c.programme == programme.id && c.start <= today)
            .map(|c| c.start);
        // Sessions are sorted by date: find the slice of [start, today) and [today, today].
        let all = &history.sessions[..];
        let from = start.map_or(0, |s| all.partition_point(|x| x.date < s));
        let until = all.partition_point(|x| x.date < today);
        let through = all.partition_point(|x| x.date <= today);
        let (sessions, sessions_today) = (&all[from.min(until)..until], &all[until..through]);
        Context {
            programme,
            history,
            today,
            settings,
            start,
            sessions,
            sessions_today,
        }
    }

    fn is_ours(&self, session: &SessionLog) -> bool {
        session.plan.programme == self.programme.id
    }

    /// Sessions of this programme before today, newest first.
    pub fn sessions_newest_first(&self) -> impl Iterator<Item = &'a SessionLog> + '_ {
        self.sessions.iter().rev().filter(|s| self.is_ours(s))
    }

    /// Sessions of this programme before today, oldest first.
    pub fn sessions_oldest_first(&self) -> impl Iterator<Item = &'a SessionLog> + '_ {
        self.sessions.iter().filter(|s| self.is_ours(s))
    }

    /// Sessions of this programme before today split at `day`: those dated before it newest
    /// first, and those from it on oldest first.
    pub fn sessions_split_at(
        &self,
        day: NaiveDate,
    ) -> (
        impl Iterator<Item = &'a SessionLog> + '_,
        impl Iterator<Item = &'a SessionLog> + '_,
    ) {
        let (before, since) = self
            .sessions
            .split_at(self.sessions.partition_point(|s| s.date < day));
        (
            before.iter().rev().filter(|s| self.is_ours(s)),
            since.iter().filter(|s| self.is_ours(s)),
        )
    }

    /// Sessions of this programme dated today.
    pub fn sessions_today(&self) -> impl Iterator<Item = &'a SessionLog> + '_ {
        self.sessions_today.iter().filter(|s| self.is_ours(s))
    }

    pub fn exercise(&self, id: &str) -> Option<&'a Exercise> {
        self.programme.exercise(id)
    }

    /// The load test counts in "settled" only when the programme has one (R7).
    pub fn load_test_ceiling(&self) -> Option<u8> {
        self.programme
            .load_test
            .as_ref()
            .map(|_| self.settings.load_test_max)
    }

    /// Full weeks since the programme started: `week() - 1`. The plateau rule counts these, so
    /// "after 8 weeks" is said in week 9, the same count the plan's `week` field shows.
    pub fn weeks_completed(&self) -> u32 {
        self.week().saturating_sub(1)
    }

    /// 1-based programme week for today.
    pub fn week(&self) -> u32 {
        self.start.map_or(1, |s| {
            u32::try_from((self.today - s).num_days().max(0) / 7).unwrap_or(0) + 1
        })
    }
}
