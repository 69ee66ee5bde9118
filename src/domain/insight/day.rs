//! The one classification of a day (done / partial / rest / flare / missed), shared by Today,
//! History, the report and the CSV export.
//!
//! The rules, first match wins:
//! 1. **Flare**: morning pain, pain just after a session, or a run's pain above the ceiling (R5 red
//!    zone, R1/R2; a run is a session for the tendon). It wins over training done that day: the
//!    clinician needs to see the flare, and easing off is the right call ("reduce load, don't
//!    stop"), so a flare day never breaks a streak, and the training still counts.
//! 2. **Done** / **Partial**: at least one set was logged; done when some session of the day logged
//!    every planned set. A session with nothing logged (every exercise skipped) is not training.
//!    Where running is part of the plan (the programme in force has `rules.running_caps`, as
//!    return-to-running does), a logged run is a complete session of its day, whatever its pace:
//!    the walk-run ladder mixes walking and jogging, so a walk logged as a run counts as the person
//!    logged it. On other programmes a run is not the planned work and does not count.
//! 3. **Rest** / **Missed**: no training. Missed when, in the 7 days ending that day (since the
//!    programme in force was chosen), the days with neither training nor a flare outnumber the
//!    rest days the programme allows (`7 − sessions per week`). A day not over yet (today or
//!    later) and a day before any programme was chosen are never missed.

use crate::domain::history::{History, ProgrammeChoice, SessionLog};
use crate::domain::pain::{Rating, Zone};
use crate::domain::programme::Programme;
use crate::domain::settings::CoachSettings;
use chrono::{Days, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// Days in a week: the most sessions a week a programme can plan.
pub const DAYS_PER_WEEK: u32 = 7;

/// How a day went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DayKind {
    /// Every planned set of a session was logged.
    Done,
    /// Some sets were logged, not all.
    Partial,
    /// No training, within the rest days the programme allows (or the day is not over yet).
    Rest,
    /// Morning pain, pain after a session or a run's pain above the ceiling (R5 red zone).
    Flare,
    /// No training on a day the programme planned one.
    Missed,
}

impl DayKind {
    pub const ALL: [DayKind; 5] = [
        DayKind::Done,
        DayKind::Partial,
        DayKind::Rest,
        DayKind::Flare,
        DayKind::Missed,
    ];

    pub fn word(self) -> &'static str {
        match self {
            DayKind::Done => "done",
            DayKind::Partial => "partial",
            DayKind::Rest => "rest",
            DayKind::Flare => "flare",
            DayKind::Missed => "missed",
        }
    }

    /// A symbol so the calendar never relies on colour alone.
    pub fn symbol(self) -> char {
        match self {
            DayKind::Done => '✓',
            DayKind::Partial => '½',
            DayKind::Rest => '○',
            DayKind::Flare => '!',
            DayKind::Missed => '✗',
        }
    }

    /// True when the day keeps a streak going (everything but a missed day).
    pub fn keeps_streak(self) -> bool {
        self != DayKind::Missed
    }
}

/// How far one session got (the sessions list shows this per session).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SessionOutcome {
    /// Every planned set was logged.
    Complete,
    /// Some planned sets were logged, not all.
    Partial,
    /// Started, but nothing was logged (every exercise skipped).
    NothingDone,
}

impl SessionOutcome {
    pub fn word(self) -> &'static str {
        match self {
            SessionOutcome::Complete => "done",
            SessionOutcome::Partial => "partial",
            SessionOutcome::NothingDone => "skipped",
        }
    }

    pub fn symbol(self) -> char {
        match self {
            SessionOutcome::Complete => '✓',
            SessionOutcome::Partial => '½',
            SessionOutcome::NothingDone => '✗',
        }
    }
}

/// What a single session amounts to.
pub fn session_outcome(session: &SessionLog) -> SessionOutcome {
    if session.sets.is_empty() {
        return SessionOutcome::NothingDone;
    }
    let all_done = session.plan.exercises.iter().all(|planned| {
        let per_side = session
            .sets_of(&planned.exercise)
            .any(|set| set.side.is_some());
        session.completed(&planned.exercise, per_side)
    });
    if all_done {
        SessionOutcome::Complete
    } else {
        SessionOutcome::Partial
    }
}

/// Sessions a week a programme's phase plans, as the coach counts them (rule 5): the most
/// frequent exercise of the phase, each at the phase's frequency when it sets one. `None` for the
/// phase means the first phase; 7 when the phase is not in the programme.
pub fn planned_per_week(programme: &Programme, phase: Option<&str>) -> u32 {
    let phase = match phase {
        Some(id) => programme.phases.iter().find(|p| p.id == id),
        None => programme.phases.first(),
    };
    phase
        .and_then(|phase| {
            phase
                .exercises
                .iter()
                .filter_map(|pe| Some(pe.frequency_for(programme.exercise(&pe.exercise)?)))
                .map(|f| f.per_week.unwrap_or(DAYS_PER_WEEK))
                .max()
        })
        .unwrap_or(DAYS_PER_WEEK)
        .clamp(1, DAYS_PER_WEEK)
}

/// Finds a programme by id (the catalogue, in the shells).
pub type ProgrammeLookup<'a> = &'a dyn Fn(&str) -> Option<&'a Programme>;

/// Classifies days of one History: the facts are gathered once, then each day is a lookup.
pub struct DayClassifier<'a> {
    history: &'a History,
    programmes: ProgrammeLookup<'a>,
    today: NaiveDate,
    /// The best outcome of each day with at least one set logged.
    trained: BTreeMap<NaiveDate, SessionOutcome>,
    /// Days with a run that counts as a session (running is part of the plan in force).
    ran: BTreeSet<NaiveDate>,
    flares: BTreeSet<NaiveDate>,
}

impl<'a> DayClassifier<'a> {
    pub fn new(
        history: &'a History,
        settings: &CoachSettings,
        programmes: ProgrammeLookup<'a>,
        today: NaiveDate,
    ) -> DayClassifier<'a> {
        let mut trained: BTreeMap<NaiveDate, SessionOutcome> = BTreeMap::new();
        for session in history.sessions.iter() {
            let outcome = session_outcome(session);
            if outcome != SessionOutcome::NothingDone {
                trained
                    .entry(session.date)
                    .and_modify(|best| *best = (*best).min(outcome))
                    .or_insert(outcome);
            }
        }
        let red = |pain: Option<Rating>| {
            pain.is_some_and(|p| Zone::of(p, settings.green_max, settings.amber_max) == Zone::Red)
        };
        let running_planned = |day: NaiveDate| {
            history
                .choices
                .iter()
                .rev()
                .find(|c| c.start <= day)
                .and_then(|c| programmes(&c.programme))
                .is_some_and(|p| p.rules.running_caps)
        };
        let ran: BTreeSet<NaiveDate> = history
            .runs
            .iter()
            .map(|r| r.date)
            .filter(|d| running_planned(*d))
            .collect();
        let mut flares: BTreeSet<NaiveDate> = history
            .checkins
            .iter()
            .filter(|(_, c)| red(c.pain))
            .map(|(d, _)| *d)
            .collect();
        flares.extend(
            history
                .sessions
                .iter()
                .filter(|s| red(s.pain_after()))
                .map(|s| s.date),
        );
        flares.extend(history.runs.iter().filter(|r| red(r.pain)).map(|r| r.date));
        DayClassifier {
            history,
            programmes,
            today,
            trained,
            ran,
            flares,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// True when at least one set, or a run that counts (running is part of the plan), was
    /// logged that day.
    pub fn trained(&self, day: NaiveDate) -> bool {
        self.trained.contains_key(&day) || self.ran.contains(&day)
    }

    /// True when a session with at least one set was logged that day (a run alone is not one).
    pub fn session_logged(&self, day: NaiveDate) -> bool {
        self.trained.contains_key(&day)
    }

    /// Some sets were logged on `day`, but no session of the day logged all its planned sets,
    /// and no run that counts was logged.
    pub fn trained_partly(&self, day: NaiveDate) -> bool {
        self.outcome(day)
            .is_some_and(|o| o != SessionOutcome::Complete)
    }

    /// The best outcome of the day's training: a run that counts is a complete session.
    fn outcome(&self, day: NaiveDate) -> Option<SessionOutcome> {
        if self.ran.contains(&day) {
            return Some(SessionOutcome::Complete);
        }
        self.trained.get(&day).copied()
    }

    fn idle(&self, day: NaiveDate) -> bool {
        !self.trained(day) && !self.flares.contains(&day)
    }

    /// The programme choice in force on `day` (the last one starting on or before it).
    pub fn choice_on(&self, day: NaiveDate) -> Option<&'a ProgrammeChoice> {
        self.history.choices.iter().rev().find(|c| c.start <= day)
    }

    /// Sessions a week planned on `day`: the programme in force, in the phase of its latest
    /// session up to that day (its first phase before any). 7 when the programme is unknown.
    pub fn per_week_on(&self, day: NaiveDate) -> u32 {
        let Some(choice) = self.choice_on(day) else {
            return DAYS_PER_WEEK;
        };
        let Some(programme) = (self.programmes)(&choice.programme) else {
            return DAYS_PER_WEEK;
        };
        let sessions = &self.history.sessions;
        let up_to = sessions.partition_point(|s| s.date <= day);
        let phase = sessions[..up_to]
            .iter()
            .rev()
            .take_while(|s| s.date >= choice.start)
            .find(|s| s.plan.programme.as_str() == choice.programme)
            .map(|s| s.plan.phase.as_str());
        planned_per_week(programme, phase)
    }

    /// How `day` went.
    pub fn kind(&self, day: NaiveDate) -> DayKind {
        if self.flares.contains(&day) {
            return DayKind::Flare;
        }
        match self.outcome(day) {
            Some(SessionOutcome::Complete) => return DayKind::Done,
            Some(_) => return DayKind::Partial,
            None => {}
        }
        if day >= self.today {
            return DayKind::Rest;
        }
        let Some(choice) = self.choice_on(day) else {
            return DayKind::Rest;
        };
        let rest_allowed = DAYS_PER_WEEK - self.per_week_on(day);
        let idle = (0..DAYS_PER_WEEK)
            .filter_map(|back| day.checked_sub_days(Days::new(back.into())))
            .filter(|d| *d >= choice.start && self.idle(*d))
            .count() as u32;
        if idle <= rest_allowed {
            DayKind::Rest
        } else {
            DayKind::Missed
        }
    }

    /// Every day from the first record to `until` (inclusive) with how it went.
    pub fn days_until(&self, until: NaiveDate) -> BTreeMap<NaiveDate, DayKind> {
        let Some(first) = self.history.first_day else {
            return BTreeMap::new();
        };
        first
            .iter_days()
            .take_while(|d| *d <= until)
            .map(|d| (d, self.kind(d)))
            .collect()
    }
}
