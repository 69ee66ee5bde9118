//! Everything the history views show, derived once per `refresh` (not per frame) from the
//! replayed History, so drawing a frame only slices ready-made vectors.

use crate::domain::catalogue::Catalogue;
use crate::domain::history::{self, History, SessionLog};
use crate::domain::insight::{self, DayKind, DayPain, PlanChange, RunWeek};
use crate::domain::phrase::PlanWords;
use crate::domain::programme::Programme;
use crate::domain::records::RecordId;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The derived views for one History.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub pain: Vec<DayPain>,
    pub days: BTreeMap<NaiveDate, DayKind>,
    /// The History's own sessions, shared (not copied: years of sets).
    pub sessions: Arc<Vec<SessionLog>>,
    pub changes: Vec<PlanChange>,
    pub rungs: BTreeMap<String, Vec<(NaiveDate, u32)>>,
    pub runs: Vec<RunWeek>,
    /// Each run's day and pain during (None: imported, not rated yet), beside the weeks.
    pub run_pains: Vec<(NaiveDate, Option<u8>)>,
    /// Exercise id → display name (the id when the programme is not in the catalogue).
    names: HashMap<String, String>,
    /// The installed programmes the sessions follow, to phrase their plans' reasons.
    programmes: HashMap<String, Programme>,
    /// Day → ids of that day's check-in records (the last one is corrected on edit).
    pub checkin_ids: BTreeMap<NaiveDate, Vec<RecordId>>,
    pub first: Option<NaiveDate>,
    pub settings: CoachSettings,
}

impl Derived {
    pub fn new(
        history: &History,
        catalogue: &Catalogue,
        settings: &CoachSettings,
        today: NaiveDate,
    ) -> Derived {
        let mut names = HashMap::new();
        let mut programmes = HashMap::new();
        for session in history.sessions.iter() {
            let id = &session.plan.programme;
            if !programmes.contains_key(id.as_str())
                && let Some(programme) = catalogue.get(id)
            {
                programmes.insert(id.to_string(), programme.clone());
            }
            for ex in &session.plan.exercises {
                names.entry(ex.exercise.to_string()).or_insert_with(|| {
                    catalogue
                        .get(&session.plan.programme)
                        .and_then(|p| p.exercise(&ex.exercise))
                        .map_or_else(|| ex.exercise.to_string(), |e| e.name.clone())
                });
            }
        }
        Derived {
            pain: insight::daily_pain(history),
            days: insight::DayClassifier::new(history, settings, &|id| catalogue.get(id), today)
                .days_until(today),
            sessions: Arc::clone(&history.sessions),
            changes: insight::plan_changes(history),
            rungs: insight::rung_series(history),
            runs: insight::run_weeks(history, settings),
            run_pains: history
                .runs
                .iter()
                .map(|r| (r.date, r.pain.map(|p| p.value())))
                .collect(),
            names,
            programmes,
            checkin_ids: history
                .checkins
                .iter()
                .map(|(d, c)| (*d, c.ids.clone()))
                .collect(),
            first: history.first_day,
            settings: settings.clone(),
        }
    }

    pub fn name<'a>(&'a self, exercise: &'a str) -> &'a str {
        self.names.get(exercise).map_or(exercise, String::as_str)
    }

    /// The reasons of a plan change in words, each with its rule: phrased from their data with
    /// the session's stored plan and its programme, else their stored text.
    pub fn change_reasons(&self, change: &PlanChange) -> Vec<(String, String)> {
        let session = history::session_with(&self.sessions, change.date, &change.session);
        let words = session.map(|s| {
            PlanWords::of_snapshot(&s.plan, s.date, self.programmes.get(&change.programme))
        });
        change
            .reasons
            .iter()
            .map(|r| {
                let said = words.as_ref().map_or_else(|| r.text.clone(), |w| w.say(r));
                (said, r.rule.to_string())
            })
            .collect()
    }

    /// Pain entries from `from` to `to` inclusive (binary search: the journal may span years).
    pub fn pain_between(&self, from: NaiveDate, to: NaiveDate) -> &[DayPain] {
        let start = self.pain.partition_point(|p| p.date < from);
        let end = self.pain.partition_point(|p| p.date <= to);
        &self.pain[start..end.max(start)]
    }

    pub fn pain_on(&self, date: NaiveDate) -> Option<&DayPain> {
        self.pain
            .binary_search_by_key(&date, |p| p.date)
            .ok()
            .map(|i| &self.pain[i])
    }

    /// The last session before `date`, whose plan a backfilled session repeats.
    pub fn session_before(&self, date: NaiveDate) -> Option<&SessionLog> {
        let i = self.sessions.partition_point(|s| s.date < date);
        i.checked_sub(1).map(|i| &self.sessions[i])
    }
}
