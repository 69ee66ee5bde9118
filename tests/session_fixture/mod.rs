//! Shared by the session tests: the quick fixture programme, plans, and a driver that carries
//! out effects the way the shell does (journal records with ids, reported back).
#![allow(dead_code)]

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate};
use rehab_coach::domain::history::{History, SessionLog};
use rehab_coach::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
use rehab_coach::domain::programme::{Exercise, ExerciseKind, Programme, Rung};
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::domain::session::{Effect, Input, Screen, Session, SessionOptions};
use rehab_coach::store::journal_line::{FORMAT_VERSION, apply_fields};
use std::time::{Duration, Instant};

/// The quick fixture plus a walk-run and a timed exercise, with quick-hold as quick-reps' isometric.
pub fn programme() -> Programme {
    let text = include_str!("../fixtures/quick.toml");
    let mut p: Programme = toml::from_str(text).expect("fixture parses");
    if let Some(reps) = p.exercises.iter_mut().find(|e| e.id == "quick-reps") {
        reps.isometric = Some("quick-hold".to_string());
    }
    p.exercises.push(Exercise {
        id: "quick-run".into(),
        name: "Quick walk-run".into(),
        kind: ExerciseKind::Interval,
        sides: Default::default(),
        tempo: None,
        cues: vec!["Walk briskly, jog easy".into()],
        avoid: vec![],
        figure: None,
        frequency: Default::default(),
        isometric: None,
        sources: vec![],
        rungs: vec![Rung {
            sets: 2,
            walk: Some(2),
            run: Some(3),
            ..Default::default()
        }],
    });
    p.exercises.push(Exercise {
        id: "quick-timed".into(),
        name: "Quick jumps".into(),
        kind: ExerciseKind::Timed,
        sides: Default::default(),
        tempo: None,
        cues: vec!["Land softly".into()],
        avoid: vec![],
        figure: None,
        frequency: Default::default(),
        isometric: None,
        sources: vec![],
        rungs: vec![Rung {
            sets: 2,
            duration: Some(2),
            rest: 1,
            ..Default::default()
        }],
    });
    p
}

/// A plan of (exercise id, rung) with each rung's dose.
pub fn plan(exercises: &[(&str, u32)]) -> PlanSnapshot {
    let p = programme();
    PlanSnapshot {
        programme: p.id.as_str().into(),
        phase: "T1".into(),
        decision: Decision::Hold,
        reasons: vec![],
        deload: false,
        exercises: exercises
            .iter()
            .map(|(id, rung)| SnapshotExercise {
                exercise: (*id).into(),
                rung: *rung,
                dose: p
                    .exercise(id)
                    .and_then(|e| e.rung(*rung))
                    .cloned()
                    .expect("rung exists"),
                decision: Decision::Hold,
                reasons: vec![],
            })
            .collect(),
    }
}

/// The whole quick programme at rung 1.
pub fn quick_plan() -> PlanSnapshot {
    plan(&[("quick-hold", 1), ("quick-reps", 1), ("quick-stretch", 1)])
}

pub fn options() -> SessionOptions {
    SessionOptions::default()
}

/// Runs a session like the shell: appends become records with ids, reported back.
pub struct Driver {
    pub session: Session,
    pub now: Instant,
    pub start: Instant,
    pub journal: Vec<Record>,
    pub effects: Vec<Effect>,
}

pub const SESSION_ID: &str = "dev-000001";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

impl Driver {
    pub fn new(plan: PlanSnapshot) -> Driver {
        let start = Instant::now();
        let session = Session::new(
            RecordId(SESSION_ID.into()),
            plan.clone(),
            &programme(),
            options(),
            start,
        );
        let mut driver = Driver {
            session,
            now: start,
            start,
            journal: Vec::new(),
            effects: Vec::new(),
        };
        driver.write(RecordBody::SessionStarted {
            plan: plan.into(),
            pain_before: None,
        });
        driver
    }

    pub fn quick() -> Driver {
        Driver::new(quick_plan())
    }

    /// Append a record with the next id, as the journal would.
    fn write(&mut self, body: RecordBody) -> RecordId {
        let n = self.journal.len() + 1;
        let id = RecordId(format!("dev-{n:06}").into());
        let at = DateTime::parse_from_rfc3339("2026-03-02T08:00:00+01:00").expect("valid time")
            + ChronoDuration::seconds(n as i64);
        self.journal.push(Record {
            v: FORMAT_VERSION,
            id: id.clone(),
            at,
            date: day(),
            body,
        });
        id
    }

    fn carry_out(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        for effect in &effects {
            if let Effect::Append(body) = effect {
                let id = self.write(body.clone());
                self.session.record_written(body, id);
            }
        }
        self.effects.extend(effects.iter().cloned());
        effects
    }

    pub fn press(&mut self, input: Input) -> Vec<Effect> {
        let effects = self.session.apply(input, self.now);
        self.carry_out(effects)
    }

    /// Let time pass and tick.
    pub fn wait(&mut self, d: Duration) -> Vec<Effect> {
        self.now += d;
        let effects = self.session.tick(self.now);
        self.carry_out(effects)
    }

    /// Wait until the current countdown's deadline.
    pub fn wait_out(&mut self) -> Vec<Effect> {
        match self.session.countdown().and_then(|c| c.deadline()) {
            Some(deadline) => {
                let d = deadline.saturating_duration_since(self.now);
                self.wait(d)
            }
            None => Vec::new(),
        }
    }

    /// Let countdowns run until the session waits for a key.
    pub fn run_to_input(&mut self) {
        while self
            .session
            .countdown()
            .and_then(|c| c.deadline())
            .is_some()
        {
            self.wait_out();
        }
    }

    /// The current step label ("HOLD", "RATE", ...), or "-".
    pub fn label(&self) -> &'static str {
        self.session
            .current_step()
            .map(|s| s.kind.label())
            .unwrap_or("-")
    }

    /// The journal replayed: this session's log.
    pub fn log(&self) -> SessionLog {
        History::replay(self.journal.clone(), apply_fields)
            .sessions
            .first()
            .cloned()
            .expect("one session")
    }

    /// The set records in the journal: (exercise, side letter, set, pain).
    pub fn sets(&self) -> Vec<(String, &'static str, u32, u8)> {
        self.log()
            .sets
            .iter()
            .map(|s| {
                (
                    s.exercise.to_string(),
                    s.side.map(|x| x.letter()).unwrap_or("-"),
                    s.set,
                    s.pain.value(),
                )
            })
            .collect()
    }
}

/// Rate the current set with `pain`, skipping the optional effort when asked.
pub fn rate(d: &mut Driver, pain: u8) {
    d.press(Input::Rate(pain));
    if d.session.screen() == Screen::RateEffort {
        d.press(Input::Confirm);
    }
}

/// Do the current set: run its countdowns (or finish its reps) and rate it.
pub fn do_set(d: &mut Driver, pain: u8) {
    d.run_to_input();
    if d.session.screen() == Screen::Reps {
        d.press(Input::Confirm);
    }
    d.run_to_input();
    assert_eq!(d.session.screen(), Screen::RatePain, "at {}", d.label());
    rate(d, pain);
}

pub fn finish_all(d: &mut Driver) {
    while d.session.screen() != Screen::EndPain {
        do_set(d, 1);
    }
}

/// A driver in the given state, with one set already done (so undo has something to undo).
pub fn reach(screen: Screen) -> Driver {
    let mut d = match screen {
        Screen::Interval => {
            let mut d = Driver::new(plan(&[("quick-reps", 1), ("quick-run", 1)]));
            do_set(&mut d, 1);
            d.wait_out(); // the rest ends
            d.wait_out(); // the get-ready ends: walking
            d
        }
        _ => Driver::new(plan(&[("quick-reps", 1), ("quick-hold", 1)])),
    };
    if screen != Screen::Interval {
        do_set(&mut d, 1); // reps set 1 done; now resting
    }
    match screen {
        Screen::Rest => {}
        Screen::GetReady => {
            d.wait_out(); // the rest ends
        }
        Screen::Countdown | Screen::Paused | Screen::SkipReason | Screen::QuitConfirm => {
            d.wait_out(); // the rest ends
            d.wait_out(); // the get-ready ends: holding
            match screen {
                Screen::Paused => drop(d.press(Input::Pause)),
                Screen::SkipReason => drop(d.press(Input::Skip)),
                Screen::QuitConfirm => drop(d.press(Input::Quit)),
                _ => {}
            }
        }
        Screen::SideSwitch => {
            d.run_to_input();
            rate(&mut d, 1);
        }
        Screen::RatePain | Screen::RateEffort => {
            d.run_to_input();
            if screen == Screen::RateEffort {
                d.press(Input::Rate(1));
            }
        }
        Screen::Reps => {
            d.press(Input::Undo);
            d.wait_out(); // the get-ready ends
        }
        Screen::RedPain => {
            d.run_to_input();
            rate(&mut d, 8);
        }
        Screen::EndPain | Screen::EndEffort | Screen::EndNote | Screen::Summary | Screen::Ended => {
            finish_all(&mut d);
            if screen != Screen::EndPain {
                d.press(Input::Rate(2));
            }
            if matches!(screen, Screen::EndNote | Screen::Summary | Screen::Ended) {
                d.press(Input::Confirm);
            }
            if matches!(screen, Screen::Summary | Screen::Ended) {
                d.press(Input::Confirm);
            }
            if screen == Screen::Ended {
                d.press(Input::Confirm);
            }
        }
        Screen::Interval => {}
    }
    assert_eq!(d.session.screen(), screen, "reached {screen:?}");
    d
}
