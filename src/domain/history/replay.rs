//! Replaying records into a History, and adding later ones without replaying everything.

use super::corrections::apply_corrections;
use super::*;
use std::collections::HashMap;

impl History {
    /// Replay records (from any number of device journals, in any order) into a History.
    /// Corrections put their fields into their targets with `apply_fields` (the store's
    /// `journal_line::apply_fields`).
    pub fn replay(records: impl IntoIterator<Item = Record>, apply_fields: ApplyFields) -> History {
        let mut records: Vec<Record> = records.into_iter().collect();
        // Timestamp order across devices; ids break ties so the result never depends on input order.
        records.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        let mut history = History {
            latest: records.last().map(RecordKey::of),
            ..History::default()
        };
        let records = apply_corrections(records, apply_fields, &mut history.correction_problems);
        history.add_sorted(records, SessionIndex::default());
        history
    }

    /// Add records that all come after the last one replayed, as replaying everything again
    /// would (the same History, field for field), or say why that cannot be done: then the
    /// caller replays the whole journal.
    pub fn extend(&mut self, records: Vec<Record>) -> Result<(), NotExtendable> {
        let mut sessions = SessionIndex::over(&self.sessions)?;
        self.append(records, &mut sessions)?;
        self.sort_views();
        Ok(())
    }

    /// `extend` without putting the views in order: `sessions` indexes them as they are.
    fn append(
        &mut self,
        records: Vec<Record>,
        sessions: &mut SessionIndex,
    ) -> Result<(), NotExtendable> {
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
        self.latest = records.last().map(RecordKey::of);
        self.add(records, sessions);
        Ok(())
    }

    /// Add records (sorted, corrections applied) to the views, then put the views in order.
    fn add_sorted(&mut self, records: Vec<Record>, mut sessions: SessionIndex) {
        self.add(records, &mut sessions);
        self.sort_views();
    }

    /// Add records (sorted, corrections applied) to the views, leaving new sessions and runs at
    /// the end.
    /// The records are moved in, not copied: a long journal's strings are made once.
    fn add(&mut self, records: Vec<Record>, sessions: &mut SessionIndex) {
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
                        at,
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
                    if !red_flags.is_empty() {
                        day.red_flags_at = Some(at);
                    }
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
                        left: false,
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
                    imported,
                } => history.runs.push(RunLog {
                    id,
                    date,
                    at,
                    minutes,
                    km,
                    rpe,
                    pain,
                    imported,
                }),
                RecordBody::Note { text } => history.notes.push(NoteLog { id, date, text }),
                RecordBody::ClinicianSeen { note } => {
                    history.clinician_seen.push(date);
                    if let Some(note) = note {
                        history.clinician_notes.push((date, note));
                    }
                }
                RecordBody::ReferralAcknowledged { reason } => {
                    history.referrals_acknowledged.push((date, reason))
                }
                RecordBody::SessionLeft { session } => {
                    if let Some(i) = sessions.get(&session) {
                        logs[i].left = true;
                    }
                }
                RecordBody::MilestoneAnswered {
                    programme,
                    milestone,
                    yes,
                } => history.milestones.push(MilestoneAnswer {
                    date,
                    programme,
                    milestone,
                    yes,
                }),
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
}

fn session_order(session: &SessionLog) -> (NaiveDate, DateTime<FixedOffset>) {
    (session.date, session.at)
}

/// A replay fed block by block, in timestamp order (a long journal as it is read): the same
/// History as `History::extend` with each block, without indexing the sessions and putting
/// them in order again for every block (at 10 years that cost about 6 ms of 50).
#[derive(Default)]
pub struct Replay {
    history: History,
    sessions: SessionIndex,
}

impl Replay {
    /// Add a block of records, as `History::extend` would.
    pub fn extend(&mut self, records: Vec<Record>) -> Result<(), NotExtendable> {
        self.history.append(records, &mut self.sessions)
    }

    /// The History of every block added.
    pub fn finish(mut self) -> History {
        self.history.sort_views();
        self.history
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
