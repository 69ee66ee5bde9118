//! The History view: the journal replayed into plain values (event sourcing). Corrections are
//! applied here; the same records always give the same History.

use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use crate::domain::records::{Record, RecordBody, RecordId, Side};
use chrono::{DateTime, FixedOffset, NaiveDate};
use compact_str::CompactString;
use std::collections::BTreeMap;
use std::sync::Arc;

mod corrections;
mod replay;

pub use corrections::ApplyFields;
#[cfg(test)]
pub(crate) use corrections::no_fields;
pub use replay::Replay;
#[cfg(test)]
pub(crate) mod tests;

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeChoice {
    pub programme: String,
    pub start: NaiveDate,
    pub id: RecordId,
    /// When it was chosen: a session started before it no longer holds the day.
    pub at: DateTime<FixedOffset>,
}

/// The merged check-in for one day (later answers on the same day fill in or replace earlier ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCheckIn {
    pub pain: Option<Rating>,
    pub stiffness: Option<Rating>,
    pub load_test: Option<Rating>,
    pub red_flags: BTreeMap<String, bool>,
    /// When the red-flag questions were last answered this day (pain logged after it asks again).
    pub red_flags_at: Option<DateTime<FixedOffset>>,
    /// Ids of the records that make up this day's check-in (for corrections).
    pub ids: Vec<RecordId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetLog {
    pub id: RecordId,
    pub exercise: CompactString,
    pub side: Option<Side>,
    pub set: u32,
    pub reps: Option<u32>,
    pub seconds: Option<u32>,
    pub pain: Rating,
    pub effort: Option<Rating>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    pub id: RecordId,
    pub exercise: CompactString,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finish {
    pub id: RecordId,
    pub pain_after: Rating,
    pub effort: Option<Rating>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionLog {
    pub id: RecordId,
    pub date: NaiveDate,
    pub at: DateTime<FixedOffset>,
    /// The plan of its `session_started` record, shared with it.
    pub plan: Arc<PlanSnapshot>,
    pub pain_before: Option<Rating>,
    pub sets: Vec<SetLog>,
    pub skipped: Vec<Skip>,
    pub finished: Option<Finish>,
    /// The person chose not to resume it (`session_left`).
    pub left: bool,
}

impl SessionLog {
    /// Worst pain rated after any set (of one exercise, or of all).
    pub fn pain_during_max(&self, exercise: Option<&str>) -> Option<Rating> {
        self.sets
            .iter()
            .filter(|s| exercise.is_none_or(|e| s.exercise == e))
            .map(|s| s.pain)
            .max()
    }

    pub fn pain_after(&self) -> Option<Rating> {
        self.finished.as_ref().map(|f| f.pain_after)
    }

    /// Sets logged for an exercise (each side counts separately).
    pub fn sets_of<'a>(&'a self, exercise: &'a str) -> impl Iterator<Item = &'a SetLog> + 'a {
        self.sets.iter().filter(move |s| s.exercise == exercise)
    }

    pub fn was_skipped(&self, exercise: &str) -> bool {
        self.skipped.iter().any(|s| s.exercise == exercise)
    }

    /// True when every planned set (per side) of the exercise was logged and it was not skipped.
    pub fn completed(&self, exercise: &str, sides_each: bool) -> bool {
        let Some(planned) = self.plan.exercises.iter().find(|e| e.exercise == exercise) else {
            return false;
        };
        let needed = planned.dose.sets as usize * if sides_each { 2 } else { 1 };
        !self.was_skipped(exercise) && self.sets_of(exercise).count() >= needed
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RunLog {
    pub id: RecordId,
    pub date: NaiveDate,
    /// When it was logged.
    pub at: DateTime<FixedOffset>,
    pub minutes: f64,
    pub km: Option<f64>,
    /// None for an imported run (a watch does not know the effort felt).
    pub rpe: Option<Rating>,
    /// Worst pain during the run; None for an imported run the person has not rated yet.
    pub pain: Option<Rating>,
    /// The file it was imported from, with the watch's own facts (None for a typed run).
    pub imported: Option<Box<crate::domain::records::ImportedRun>>,
}

impl RunLog {
    /// An imported run whose pain the person has not given yet (it still counts for the caps).
    pub fn pain_unrated(&self) -> bool {
        self.pain.is_none()
    }

    /// The run as a person recognises it: "the run on 2026-03-14 (10.0 km, imported from
    /// sun.fit)", its distance in `units`.
    pub fn named(&self, units: crate::domain::config::Units) -> String {
        let size = self
            .km
            .map_or_else(|| format!("{:.0} min", self.minutes), |km| units.show(km));
        match &self.imported {
            Some(imported) => format!(
                "the run on {} ({size}, imported from {})",
                self.date, imported.file
            ),
            None => format!("the run on {} ({size})", self.date),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteLog {
    pub id: RecordId,
    pub date: NaiveDate,
    pub text: String,
}

/// One answer to a phase milestone question (`milestone_answered`).
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneAnswer {
    pub date: NaiveDate,
    pub programme: String,
    pub milestone: String,
    pub yes: bool,
}

/// A correction that could not be applied (unknown target, or fields that don't fit).
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionProblem {
    pub correction: RecordId,
    pub target: RecordId,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Every programme choice, oldest first; the last is current.
    pub choices: Vec<ProgrammeChoice>,
    pub checkins: BTreeMap<NaiveDate, DayCheckIn>,
    /// Sessions ordered by (date, time started).
    /// Sessions ordered by (date, time started). Shared, so a view that keeps them (the History
    /// screen) costs a pointer rather than a copy of years of sets; replay writes through
    /// `Arc::make_mut`, which copies only while such a view still holds the old ones.
    pub sessions: Arc<Vec<SessionLog>>,
    pub runs: Vec<RunLog>,
    pub notes: Vec<NoteLog>,
    /// Days on which the person confirmed a clinician had seen them after a stop.
    pub clinician_seen: Vec<NaiveDate>,
    /// (day, note) of the clinician visits recorded with a note (the report shows them).
    pub clinician_notes: Vec<(NaiveDate, String)>,
    /// (day, reason) of acknowledged referrals.
    pub referrals_acknowledged: Vec<(NaiveDate, String)>,
    /// Answers to phase milestone questions, in replay order (the latest per milestone counts).
    pub milestones: Vec<MilestoneAnswer>,
    pub correction_problems: Vec<CorrectionProblem>,
    /// The first and last day any record (after corrections) is about.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// The last record replayed in timestamp order (corrections included): records after it
    /// can be added with `extend` instead of replaying everything again.
    pub latest: Option<RecordKey>,
}

/// Where a record falls in replay order: its timestamp, then its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordKey {
    pub at: DateTime<FixedOffset>,
    pub id: RecordId,
}

impl RecordKey {
    pub fn of(record: &Record) -> RecordKey {
        RecordKey {
            at: record.at,
            id: record.id.clone(),
        }
    }
}

/// Why records cannot be added to a History without replaying everything (`History::extend`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotExtendable {
    /// A record comes before (or at) the last one replayed, e.g. from another device's journal.
    OutOfOrder,
    /// A correction: it may change any earlier record.
    Correction,
    /// The History has corrections that did not apply; a new record could be their target.
    PendingCorrectionProblems,
    /// Two sessions share an id, so which one a new set belongs to depends on replay order.
    DuplicateSessionIds,
}

impl History {
    /// The current programme choice, if any.
    pub fn current(&self) -> Option<&ProgrammeChoice> {
        self.choices.last()
    }

    /// Sessions of the current programme since it was (last) chosen.
    pub fn current_sessions(&self) -> impl Iterator<Item = &SessionLog> {
        let current = self.current();
        self.sessions.iter().filter(move |s| {
            current.is_some_and(|c| s.plan.programme == c.programme && s.date >= c.start)
        })
    }

    pub fn checkin(&self, date: NaiveDate) -> Option<&DayCheckIn> {
        self.checkins.get(&date)
    }

    /// The latest answer, on or before `today`, to a phase milestone question of `programme`
    /// (`Some((day, yes))`), if it was ever answered.
    pub fn milestone_answer(
        &self,
        programme: &str,
        milestone: &str,
        today: NaiveDate,
    ) -> Option<(NaiveDate, bool)> {
        self.milestones
            .iter()
            .rev()
            .find(|a| a.programme == programme && a.milestone == milestone && a.date <= today)
            .map(|a| (a.date, a.yes))
    }

    pub fn morning_pain(&self, date: NaiveDate) -> Option<Rating> {
        self.checkins.get(&date).and_then(|c| c.pain)
    }

    /// The session that still holds `date`: the day's latest session, when it was never
    /// finished (a crash, a closed terminal, a quit) and is offered for resume. None when the
    /// person left it (`session_left`), or when a programme was chosen after it started: a
    /// programme change ends the old session's claim, so the new programme's session can start.
    pub fn unfinished_session(&self, date: NaiveDate) -> Option<&SessionLog> {
        let latest = self.sessions.iter().rev().find(|s| s.date == date)?;
        if latest.finished.is_some() || latest.left {
            return None;
        }
        let current = self.current()?;
        (latest.plan.programme == current.programme && latest.at >= current.at).then_some(latest)
    }
}

/// The session with `id` dated `date` in `sessions` (sorted by date, as the History keeps them).
pub fn session_with<'a>(
    sessions: &'a [SessionLog],
    date: NaiveDate,
    id: &RecordId,
) -> Option<&'a SessionLog> {
    let first = sessions.partition_point(|s| s.date < date);
    sessions[first..]
        .iter()
        .take_while(|s| s.date == date)
        .find(|s| s.id == *id)
}
