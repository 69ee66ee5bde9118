//! The History view: the journal replayed into plain values (event sourcing). Corrections are
//! applied here; the same records always give the same History.

use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use crate::domain::records::{Record, RecordBody, RecordId, Side};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeChoice {
    pub programme: String,
    pub start: NaiveDate,
    pub id: RecordId,
}

/// The merged check-in for one day (later answers on the same day fill in or replace earlier ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCheckIn {
    pub pain: Option<Rating>,
    pub stiffness: Option<Rating>,
    pub load_test: Option<Rating>,
    pub red_flags: BTreeMap<String, bool>,
    /// Ids of the records that make up this day's check-in (for corrections).
    pub ids: Vec<RecordId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetLog {
    pub id: RecordId,
    pub exercise: String,
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
    pub exercise: String,
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
    pub minutes: f64,
    pub km: Option<f64>,
    pub rpe: Rating,
    pub pain: Rating,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteLog {
    pub id: RecordId,
    pub date: NaiveDate,
    pub text: String,
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
    /// Sessions ordered by (date, time started). Shared, so a view that keeps them (the History
    /// screen) costs a pointer rather than a copy of years of sets; replay writes through
    /// `Arc::make_mut`, which copies only while such a view still holds the old ones.
    pub sessions: Arc<Vec<SessionLog>>,
    pub runs: Vec<RunLog>,
    pub notes: Vec<NoteLog>,
    /// Days on which the person confirmed a clinician had seen them after a stop.
    pub clinician_seen: Vec<NaiveDate>,
    /// (day, reason) of acknowledged referrals.
    pub referrals_acknowledged: Vec<(NaiveDate, String)>,
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

fn session_order(session: &SessionLog) -> (NaiveDate, DateTime<FixedOffset>) {
    (session.date, session.at)
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
    /// Replay records (from any number of device journals, in any order) into a History.
    pub fn replay(records: impl IntoIterator<Item = Record>) -> History {
        let mut records: Vec<Record> = records.into_iter().collect();
        // Timestamp order across devices; ids break ties so the result never depends on input order.
        records.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        let mut history = History {
            latest: records.last().map(RecordKey::of),
            ..History::default()
        };
        let records = apply_corrections(records, &mut history.correction_problems);
        history.add_sorted(records, SessionIndex::default());
        history
    }

    /// Add records that all come after the last one replayed, as replaying everything again
    /// would (the same History, field for field), or say why that cannot be done: then the
    /// caller replays the whole journal.
    pub fn extend(&mut self, records: Vec<Record>) -> Result<(), NotExtendable> {
        let mut records = records;
        records.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        let Some(first) = records.first() else {
            return Ok(());
        };
        if self
            .latest
            .as_ref()
            .is_some_and(|latest| RecordKey::of(first) <= *latest)
        {
            return Err(NotExtendable::OutOfOrder);
        }
        if records
            .iter()
            .any(|r| matches!(r.body, RecordBody::Correction { .. }))
        {
            return Err(NotExtendable::Correction);
        }
        if !self.correction_problems.is_empty() {
            return Err(NotExtendable::PendingCorrectionProblems);
        }
        let sessions = SessionIndex::over(&self.sessions)?;
        self.latest = records.last().map(RecordKey::of);
        self.add_sorted(records, sessions);
        Ok(())
    }

    /// Add records (sorted, corrections applied) to the views, then put the views in order.
    fn add_sorted(&mut self, records: Vec<Record>, sessions: SessionIndex) {
        self.add(records, sessions);
        self.sort_views();
    }

    /// Add records (sorted, corrections applied) to the views, leaving new sessions and runs at
    /// the end. The records are moved in, not copied: a long journal's strings are made once.
    fn add(&mut self, records: Vec<Record>, mut sessions: SessionIndex) {
        let history = self;
        let logs = Arc::make_mut(&mut history.sessions);
        for record in records {
            let Record {
                id, date, at, body, ..
            } = record;
            history.first_day = Some(history.first_day.map_or(date, |d| d.min(date)));
            history.last_day = Some(history.last_day.map_or(date, |d| d.max(date)));
            match body {
                RecordBody::ProgrammeChosen { programme, start } => {
                    history.choices.push(ProgrammeChoice {
                        programme,
                        start,
                        id,
                    })
                }
                RecordBody::CheckIn {
                    pain,
                    stiffness,
                    load_test,
                    red_flags,
                } => {
                    let day = history.checkins.entry(date).or_default();
                    day.pain = pain.or(day.pain);
                    day.stiffness = stiffness.or(day.stiffness);
                    day.load_test = load_test.or(day.load_test);
                    day.red_flags.extend(red_flags);
                    day.ids.push(id);
                }
                RecordBody::SessionStarted { plan, pain_before } => {
                    sessions.insert(id.clone(), logs.len());
                    logs.push(SessionLog {
                        id,
                        date,
                        at,
                        plan,
                        pain_before,
                        sets: Vec::new(),
                        skipped: Vec::new(),
                        finished: None,
                    });
                }
                RecordBody::SetDone {
                    session,
                    exercise,
                    side,
                    set,
                    reps,
                    seconds,
                    pain,
                    effort,
                    undone,
                } => {
                    // An undone set (corrected with `undone: true`) no longer counts.
                    if let (Some(i), false) = (sessions.get(&session), undone) {
                        logs[i].sets.push(SetLog {
                            id,
                            exercise,
                            side,
                            set,
                            reps,
                            seconds,
                            pain,
                            effort,
                        });
                    }
                }
                RecordBody::ExerciseSkipped {
                    session,
                    exercise,
                    reason,
                } => {
                    if let Some(i) = sessions.get(&session) {
                        logs[i].skipped.push(Skip {
                            id,
                            exercise,
                            reason,
                        });
                    }
                }
                RecordBody::SessionFinished {
                    session,
                    pain_after,
                    effort,
                    note,
                } => {
                    if let Some(i) = sessions.get(&session) {
                        logs[i].finished = Some(Finish {
                            id,
                            pain_after,
                            effort,
                            note,
                        });
                    }
                }
                RecordBody::RunLogged {
                    minutes,
                    km,
                    rpe,
                    pain,
                } => history.runs.push(RunLog {
                    id,
                    date,
                    minutes,
                    km,
                    rpe,
                    pain,
                }),
                RecordBody::Note { text } => history.notes.push(NoteLog { id, date, text }),
                RecordBody::ClinicianSeen { .. } => history.clinician_seen.push(date),
                RecordBody::ReferralAcknowledged { reason } => {
                    history.referrals_acknowledged.push((date, reason))
                }
                RecordBody::Correction { .. } => {}
            }
        }
    }

    /// Sessions by day and start time, runs by day (stable: equal ones stay in replay order).
    fn sort_views(&mut self) {
        // A session's sets are read into a list that doubles as it grows; years of sessions
        // are kept, so without the spare room (a session's sets come in one go, or nearly).
        let logs = Arc::make_mut(&mut self.sessions);
        for session in logs.iter_mut() {
            session.sets.shrink_to_fit();
        }
        logs.sort_by_key(session_order);
        self.runs.sort_by_key(|r| r.date);
    }

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

    pub fn morning_pain(&self, date: NaiveDate) -> Option<Rating> {
        self.checkins.get(&date).and_then(|c| c.pain)
    }

    /// A session started but never finished (a crash, a closed terminal): offered for resume.
    pub fn unfinished_session(&self, date: NaiveDate) -> Option<&SessionLog> {
        self.sessions
            .iter()
            .rev()
            .find(|s| s.date == date && s.finished.is_none())
    }
}

/// Where each session is in `History::sessions` while replaying. A session's records follow it
/// closely, so the last session looked up is tried before the map.
#[derive(Default)]
struct SessionIndex {
    positions: HashMap<RecordId, usize>,
    last: Option<(RecordId, usize)>,
}

impl SessionIndex {
    /// The sessions already replayed, by id; refused if two share an id (which one a new set
    /// belongs to would then depend on the order they were replayed in).
    fn over(sessions: &[SessionLog]) -> Result<SessionIndex, NotExtendable> {
        let mut positions = HashMap::with_capacity(sessions.len());
        for (position, session) in sessions.iter().enumerate() {
            if positions.insert(session.id.clone(), position).is_some() {
                return Err(NotExtendable::DuplicateSessionIds);
            }
        }
        Ok(SessionIndex {
            positions,
            last: None,
        })
    }

    fn insert(&mut self, id: RecordId, position: usize) {
        self.last = Some((id.clone(), position));
        self.positions.insert(id, position);
    }

    fn get(&mut self, id: &RecordId) -> Option<usize> {
        if let Some((last, position)) = &self.last
            && last == id
        {
            return Some(*position);
        }
        let position = *self.positions.get(id)?;
        self.last = Some((id.clone(), position));
        Some(position)
    }
}

/// Apply every correction to its target, in timestamp order, and drop the correction records.
/// A correction replaces top-level fields of the target's JSON (`date` included); `v`, `id`,
/// `kind` and `at` cannot be changed. Only the records a correction targets are looked up and
/// rewritten: a journal without corrections costs one look at each record.
fn apply_corrections(records: Vec<Record>, problems: &mut Vec<CorrectionProblem>) -> Vec<Record> {
    let is_correction = |r: &Record| matches!(r.body, RecordBody::Correction { .. });
    if !records.iter().any(is_correction) {
        // Kept as it is: copying every record into a new list cost more than the check.
        return records;
    }
    let mut out: Vec<Record> = Vec::with_capacity(records.len());
    let mut corrections = Vec::new();
    for record in records {
        match record.body {
            RecordBody::Correction { target, fields, .. } => {
                corrections.push((record.id, target, fields))
            }
            _ => out.push(record),
        }
    }
    if corrections.is_empty() {
        return out;
    }
    // Where each targeted record is (ids are unique; if not, the last one wins as before).
    let mut index: HashMap<RecordId, Option<usize>> = corrections
        .iter()
        .map(|(_, target, _)| (target.clone(), None))
        .collect();
    for (i, record) in out.iter().enumerate() {
        if let Some(slot) = index.get_mut(&record.id) {
            *slot = Some(i);
        }
    }
    for (correction, target, fields) in corrections {
        let Some(i) = index.get(&target).copied().flatten() else {
            problems.push(CorrectionProblem {
                correction,
                target,
                message: "refers to a record that is not in the journal".into(),
            });
            continue;
        };
        match corrected(&out[i], &fields) {
            Ok(fixed) => out[i] = fixed,
            Err(message) => problems.push(CorrectionProblem {
                correction,
                target,
                message,
            }),
        }
    }
    out
}

/// The target with the correction's fields replaced (`null` removes a field), or why not.
fn corrected(
    target: &Record,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Result<Record, String> {
    const FIXED: [&str; 4] = ["v", "id", "kind", "at"];
    if let Some(bad) = fields.keys().find(|k| FIXED.contains(&k.as_str())) {
        return Err(format!("field \"{bad}\" cannot be corrected"));
    }
    let mut value = serde_json::to_value(target).map_err(|e| e.to_string())?;
    if let Some(obj) = value.as_object_mut() {
        for (k, v) in fields {
            if v.is_null() {
                obj.remove(k);
            } else {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
    Record::from_json_value(value).map_err(|e| format!("the corrected record is not valid: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::FORMAT_VERSION;

    fn rec(id: &str, day: u32, minute: u32, body: RecordBody) -> Record {
        Record {
            v: FORMAT_VERSION,
            id: RecordId(id.into()),
            at: DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T07:{minute:02}:00+00:00"))
                .unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            body,
        }
    }

    fn checkin(pain: i64) -> RecordBody {
        RecordBody::CheckIn {
            pain: Some(Rating::new(pain).unwrap()),
            stiffness: None,
            load_test: None,
            red_flags: BTreeMap::new(),
        }
    }

    #[test]
    fn correction_replaces_a_field() {
        let mut fields = serde_json::Map::new();
        fields.insert("pain".into(), serde_json::json!(2));
        let h = History::replay(vec![
            rec("a-1", 2, 0, checkin(6)),
            rec(
                "a-2",
                3,
                0,
                RecordBody::Correction {
                    target: RecordId("a-1".into()),
                    fields,
                    reason: None,
                },
            ),
        ]);
        assert_eq!(
            h.morning_pain(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
            Rating::new(2).ok()
        );
        assert!(h.correction_problems.is_empty());
    }

    #[test]
    fn bad_correction_is_reported_not_applied() {
        let mut fields = serde_json::Map::new();
        fields.insert("pain".into(), serde_json::json!(12));
        let h = History::replay(vec![
            rec("a-1", 2, 0, checkin(6)),
            rec(
                "a-2",
                3,
                0,
                RecordBody::Correction {
                    target: RecordId("a-1".into()),
                    fields,
                    reason: None,
                },
            ),
        ]);
        assert_eq!(
            h.morning_pain(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
            Rating::new(6).ok()
        );
        assert_eq!(h.correction_problems.len(), 1);
    }

    fn started() -> RecordBody {
        RecordBody::SessionStarted {
            plan: PlanSnapshot {
                programme: "p".into(),
                phase: "P1".into(),
                decision: crate::domain::plan::Decision::Hold,
                reasons: vec![],
                deload: false,
                exercises: vec![],
            }
            .into(),
            pain_before: None,
        }
    }

    fn set_of(session: &str) -> RecordBody {
        RecordBody::SetDone {
            session: RecordId(session.into()),
            exercise: "bridge".into(),
            side: None,
            set: 1,
            reps: Some(10),
            seconds: None,
            pain: Rating::new(2).unwrap(),
            effort: None,
            undone: false,
        }
    }

    #[test]
    fn interleaved_sessions_get_their_own_sets() {
        let h = History::replay(vec![
            rec("a-1", 2, 0, started()),
            rec("a-2", 2, 1, started()),
            rec("a-3", 2, 2, set_of("a-1")),
            rec("a-4", 2, 3, set_of("a-2")),
            rec("a-5", 2, 4, set_of("a-1")),
            rec("a-6", 2, 5, set_of("nowhere")),
        ]);
        let sets: Vec<Vec<&str>> = h
            .sessions
            .iter()
            .map(|s| s.sets.iter().map(|set| set.id.0.as_str()).collect())
            .collect();
        assert_eq!(sets, vec![vec!["a-3", "a-5"], vec!["a-4"]]);
    }

    #[test]
    fn replay_ignores_input_order() {
        let a = vec![rec("a-1", 2, 0, checkin(3)), rec("b-1", 2, 5, checkin(4))];
        let mut b = a.clone();
        b.reverse();
        assert_eq!(History::replay(a), History::replay(b));
    }

    fn note(text: &str) -> RecordBody {
        RecordBody::Note { text: text.into() }
    }

    #[test]
    fn extending_gives_what_replaying_everything_gives() {
        let all = vec![
            rec("a-1", 2, 0, started()),
            rec("a-2", 2, 1, set_of("a-1")),
            rec("a-3", 3, 0, checkin(3)),
            rec("a-4", 3, 1, set_of("a-1")),
            rec("a-5", 3, 2, started()),
            rec("a-6", 3, 3, set_of("a-5")),
            rec("a-7", 4, 0, note("sore")),
        ];
        for cut in 0..=all.len() {
            let before = History::replay(all[..cut].to_vec());
            let mut extended = before.clone();
            if extended.extend(all[cut..].to_vec()).is_err() {
                panic!("cut at {cut}: not extendable");
            }
            assert_eq!(extended, History::replay(all.clone()), "cut at {cut}");
        }
    }

    #[test]
    fn a_session_dated_earlier_is_placed_in_order() {
        let mut backfilled = rec("a-9", 9, 0, started());
        backfilled.date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let earlier = vec![
            rec("a-1", 1, 0, started()),
            rec("a-2", 3, 0, started()),
            rec("a-3", 4, 0, started()),
        ];
        let mut after = History::replay(earlier.clone());
        after.extend(vec![backfilled.clone()]).unwrap();
        assert_eq!(after.sessions[1].id, RecordId("a-9".into()));
        let mut all = earlier;
        all.push(backfilled);
        assert_eq!(after, History::replay(all));
    }

    #[test]
    fn extending_refuses_what_could_change_the_past() {
        let mut fields = serde_json::Map::new();
        fields.insert("pain".into(), serde_json::json!(2));
        let correction = RecordBody::Correction {
            target: RecordId("a-1".into()),
            fields,
            reason: None,
        };
        let base = || {
            History::replay(vec![
                rec("a-1", 2, 0, started()),
                rec("a-2", 3, 0, checkin(4)),
            ])
        };
        let cases: [(&str, Vec<Record>, NotExtendable); 3] = [
            (
                "same instant as the last",
                vec![rec("a-0", 3, 0, note("x"))],
                NotExtendable::OutOfOrder,
            ),
            (
                "earlier",
                vec![rec("b-1", 2, 30, note("x"))],
                NotExtendable::OutOfOrder,
            ),
            (
                "a correction",
                vec![rec("a-3", 4, 0, correction)],
                NotExtendable::Correction,
            ),
        ];
        for (what, records, why) in cases {
            let mut history = base();
            let before = history.clone();
            assert_eq!(history.extend(records), Err(why), "{what}");
            assert_eq!(history, before, "{what}: refused, so unchanged");
        }
        let mut pending = History::replay(vec![rec(
            "a-1",
            2,
            0,
            RecordBody::Correction {
                target: RecordId("nowhere".into()),
                fields: serde_json::Map::new(),
                reason: None,
            },
        )]);
        assert_eq!(
            pending.extend(vec![rec("a-2", 3, 0, note("x"))]),
            Err(NotExtendable::PendingCorrectionProblems)
        );
        let mut twice = History::replay(vec![
            rec("a-1", 2, 0, started()),
            rec("a-1", 2, 1, started()),
        ]);
        assert_eq!(
            twice.extend(vec![rec("a-2", 3, 0, set_of("a-1"))]),
            Err(NotExtendable::DuplicateSessionIds)
        );
    }

    #[test]
    fn first_and_last_day_span_every_record_but_corrections() {
        let h = History::replay(vec![
            rec("a-1", 4, 0, checkin(3)),
            rec("a-2", 2, 0, note("x")),
            rec(
                "a-3",
                9,
                0,
                RecordBody::Correction {
                    target: RecordId("a-1".into()),
                    fields: serde_json::Map::new(),
                    reason: None,
                },
            ),
        ]);
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        assert_eq!((h.first_day, h.last_day), (day(2), day(4)));
        assert_eq!(h.latest.map(|k| k.id), Some(RecordId("a-3".into())));
    }
}
