//! A small builder for coach tests: write journal records day by day (day 0 = 2026-03-02), then
//! replay them into a `History`.

#![allow(dead_code)]

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use rehab_coach::domain::history::History;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, Plan, PlanSnapshot, SnapshotExercise};
use rehab_coach::domain::programme::{Programme, Sides};
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::store::journal_line::{FORMAT_VERSION, apply_fields};
use std::collections::BTreeMap;

pub const FIXTURE: &str = include_str!("../fixtures/coach/two-phase.toml");

pub fn programme() -> Programme {
    toml::from_str(FIXTURE).expect("fixture parses")
}

pub fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + Days::new(u64::from(day))
}

pub fn rating(v: u8) -> Rating {
    Rating::new(i64::from(v)).unwrap()
}

/// Journal records under construction for one programme.
#[derive(Clone)]
pub struct Journal {
    pub programme: Programme,
    pub records: Vec<Record>,
    seq: u32,
}

impl Journal {
    /// A journal where `programme` was chosen on day 0.
    pub fn new(programme: Programme) -> Self {
        let mut j = Journal {
            programme,
            records: Vec::new(),
            seq: 0,
        };
        let id = j.programme.id.clone();
        j.push(
            0,
            RecordBody::ProgrammeChosen {
                programme: id,
                start: date(0),
            },
        );
        j
    }

    pub fn push(&mut self, day: u32, body: RecordBody) -> RecordId {
        self.seq += 1;
        let id = RecordId(format!("t-{:06}", self.seq).into());
        let at: DateTime<FixedOffset> =
            DateTime::parse_from_rfc3339(&format!("{}T06:00:00+00:00", date(day))).unwrap()
                + chrono::Duration::seconds(i64::from(self.seq));
        self.records.push(Record {
            v: FORMAT_VERSION,
            id: id.clone(),
            at,
            date: date(day),
            body,
        });
        id
    }

    pub fn morning(&mut self, day: u32, pain: u8) -> &mut Self {
        self.checkin(day, Some(pain), None, None)
    }

    pub fn mornings(&mut self, first_day: u32, pains: &[u8]) -> &mut Self {
        for (i, p) in pains.iter().enumerate() {
            self.morning(first_day + i as u32, *p);
        }
        self
    }

    pub fn checkin(
        &mut self,
        day: u32,
        pain: Option<u8>,
        stiffness: Option<u8>,
        load_test: Option<u8>,
    ) -> &mut Self {
        self.push(
            day,
            RecordBody::CheckIn {
                pain: pain.map(rating),
                stiffness: stiffness.map(rating),
                load_test: load_test.map(rating),
                red_flags: BTreeMap::new(),
            },
        );
        self
    }

    pub fn flag(&mut self, day: u32, id: &str, yes: bool) -> &mut Self {
        self.push(
            day,
            RecordBody::CheckIn {
                pain: None,
                stiffness: None,
                load_test: None,
                red_flags: [(id.to_string(), yes)].into_iter().collect(),
            },
        );
        self
    }

    pub fn clinician_seen(&mut self, day: u32) -> &mut Self {
        self.push(day, RecordBody::ClinicianSeen { note: None });
        self
    }

    pub fn acknowledge(&mut self, day: u32, reason: &str) -> &mut Self {
        self.push(
            day,
            RecordBody::ReferralAcknowledged {
                reason: reason.into(),
            },
        );
        self
    }

    pub fn run(&mut self, day: u32, km: f64, pain: u8) -> &mut Self {
        self.push(
            day,
            RecordBody::RunLogged {
                minutes: km * 6.0,
                km: Some(km),
                rpe: Some(rating(4)),
                pain: Some(rating(pain)),
                imported: None,
            },
        );
        self
    }

    /// A full session in `phase` doing each `(exercise, rung, decision)` with every set rated
    /// `during`, finished with `after`.
    pub fn session_in(
        &mut self,
        day: u32,
        phase: &str,
        exercises: &[(&str, u32, Decision)],
        during: u8,
        after: u8,
    ) -> &mut Self {
        let snapshot = PlanSnapshot {
            programme: self.programme.id.as_str().into(),
            phase: phase.into(),
            decision: Decision::Hold,
            reasons: vec![],
            deload: false,
            exercises: exercises
                .iter()
                .map(|(ex, rung, decision)| SnapshotExercise {
                    exercise: (*ex).into(),
                    rung: *rung,
                    dose: self
                        .programme
                        .exercise(ex)
                        .and_then(|e| e.rung(*rung))
                        .cloned()
                        .unwrap_or_default(),
                    decision: decision.clone(),
                    reasons: vec![],
                })
                .collect(),
        };
        self.log_snapshot(day, snapshot, during, after);
        self
    }

    /// A P1 session of the bridge alone at `rung`.
    pub fn bridge(&mut self, day: u32, rung: u32, during: u8, after: u8) -> &mut Self {
        self.session_in(
            day,
            "P1",
            &[("bridge", rung, Decision::Hold)],
            during,
            after,
        )
    }

    /// Follow the coach's plan for `day`: every due exercise, all sets rated `during`.
    pub fn follow(&mut self, day: u32, during: u8, after: u8) -> Plan {
        let plan = self.plan(day);
        self.log_snapshot(day, plan.snapshot(), during, after);
        plan
    }

    fn log_snapshot(&mut self, day: u32, snapshot: PlanSnapshot, during: u8, after: u8) {
        let sets: Vec<(String, u32, bool)> = snapshot
            .exercises
            .iter()
            .map(|e| {
                let each = self
                    .programme
                    .exercise(&e.exercise)
                    .is_some_and(|x| x.sides == Sides::Each);
                (e.exercise.to_string(), e.dose.sets, each)
            })
            .collect();
        let session = self.push(
            day,
            RecordBody::SessionStarted {
                plan: snapshot.into(),
                pain_before: None,
            },
        );
        for (exercise, count, each) in sets {
            for set in 1..=count {
                let sides: &[Option<rehab_coach::domain::records::Side>] = if each {
                    &[
                        Some(rehab_coach::domain::records::Side::Left),
                        Some(rehab_coach::domain::records::Side::Right),
                    ]
                } else {
                    &[None]
                };
                for side in sides {
                    self.push(
                        day,
                        RecordBody::SetDone {
                            session: session.clone(),
                            exercise: exercise.as_str().into(),
                            side: *side,
                            set,
                            reps: Some(10),
                            seconds: None,
                            pain: rating(during),
                            effort: None,
                            undone: false,
                        },
                    );
                }
            }
        }
        self.push(
            day,
            RecordBody::SessionFinished {
                session,
                pain_after: rating(after),
                effort: None,
                note: None,
            },
        );
    }

    pub fn history(&self) -> History {
        History::replay(self.records.clone(), apply_fields)
    }

    pub fn plan(&self, day: u32) -> Plan {
        self.plan_with(day, &CoachSettings::default())
    }

    pub fn plan_with(&self, day: u32, settings: &CoachSettings) -> Plan {
        rehab_coach::domain::coach::prescribe(&self.programme, &self.history(), date(day), settings)
    }
}

/// The planned exercise with this id.
pub fn exercise<'a>(plan: &'a Plan, id: &str) -> &'a rehab_coach::domain::plan::PlannedExercise {
    plan.exercises
        .iter()
        .find(|e| e.exercise == id)
        .unwrap_or_else(|| panic!("{id} not in plan {plan:#?}"))
}
