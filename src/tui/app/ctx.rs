//! What every screen may read: the day, the clock, the journal's history, the catalogue and
//! the coach's plan, and what follows from them (settings, safety, what Today shows). Built
//! from the app for each key, tick or frame; screens never hold on to it.

use crate::app::settings::coach_settings;
use crate::domain::catalogue::Catalogue;
use crate::domain::config::Config;
use crate::domain::history::History;
use crate::domain::insight;
use crate::domain::pain::Rating;
use crate::domain::plan::{Decision, Plan};
use crate::domain::programme::Programme;
use crate::domain::red_flag_recheck::{Recheck, recheck_due};
use crate::domain::red_flags::{self, Urgency};
use crate::domain::session::SessionOptions;
use crate::domain::settings::CoachSettings;
use crate::tui::app::Screen;
use crate::tui::components::Outcome;
use crate::tui::screens::checkin::{CheckInForm, LoadTestInfo};
use crate::tui::screens::milestone_check::MilestoneCheck;
use crate::tui::screens::today::{Safety, TodayModel};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub today: NaiveDate,
    pub now: Instant,
    pub theme: Theme,
    pub catalogue: &'a Catalogue,
    pub config: &'a Config,
    pub plan: Option<&'a Plan>,
    pub history: &'a History,
}

impl<'a> Ctx<'a> {
    /// The programme now followed, if it is installed.
    pub fn programme(&self) -> Option<&'a Programme> {
        self.history
            .current()
            .and_then(|c| self.catalogue.get(&c.programme))
    }

    /// Coach settings: defaults, then config, then the programme's own overrides.
    pub fn settings(&self) -> CoachSettings {
        coach_settings(self.config, self.programme())
    }

    pub fn session_options(&self) -> SessionOptions {
        let s = self.settings();
        SessionOptions {
            get_ready: Duration::from_secs(self.config.get_ready_seconds.into()),
            side_switch: Duration::from_secs(self.config.side_switch_seconds.into()),
            rest_extend: Duration::from_secs(self.config.rest_extend_seconds.into()),
            green_max: s.green_max,
            amber_max: s.amber_max,
        }
    }

    pub fn checkin_due(&self) -> bool {
        self.programme().is_some()
            && self
                .history
                .checkin(self.today)
                .is_none_or(|c| c.pain.is_none())
    }

    /// The red-flag questions are due and not yet answered today (the coach's own rule).
    fn red_flags_unanswered(&self) -> bool {
        let pain = self.history.checkin(self.today).and_then(|c| c.pain);
        recheck_due(self.history, self.today, pain, &self.settings()).is_some()
    }

    /// Why the red-flag questions should be asked with a check-in whose morning pain is
    /// `pain`, if they should (docs/sources.md#red-flags: weekly, and when pain reaches the
    /// recheck level).
    pub fn red_flag_recheck_due(&self, pain: Option<u8>) -> Option<String> {
        let pain = pain.and_then(|p| Rating::new(i64::from(p)).ok());
        recheck_due(self.history, self.today, pain, &self.settings()).map(|why| match why {
            Recheck::HighPain { at_least } => {
                format!("Asked because pain logged today reached {at_least}/10 or more.")
            }
            Recheck::Routine { days } => format!("Asked every {days} days to keep you safe."),
        })
    }

    /// After a check-in: save `bodies`, then ask the phase's milestone questions not yet
    /// answered yes (docs/coach.md, "Phase exits"), else show Today.
    pub fn save_checkin(&self, bodies: Vec<crate::domain::records::RecordBody>) -> Outcome {
        let questions = self
            .programme()
            .zip(self.plan)
            .and_then(|(programme, plan)| {
                MilestoneCheck::pending(programme, plan.phase_index, self.history, self.today)
            });
        match questions {
            Some(check) => Outcome::Append {
                records: bodies.into_iter().map(|b| (self.today, b)).collect(),
                then: Some(Screen::MilestoneCheck(check)),
            },
            None => Outcome::append_then_today(self.today, bodies),
        }
    }

    pub fn new_checkin_form(&self) -> CheckInForm {
        let info = self
            .programme()
            .and_then(|p| p.load_test.as_ref())
            .map(LoadTestInfo::from)
            // While exercise is stopped the check-in asks for none: the load test is an exercise.
            .filter(|_| !matches!(self.safety(), Safety::Stop(_)));
        let mut form = CheckInForm::new(info);
        // A second check-in the same day starts from the first one's answers, to change one.
        if let Some(earlier) = self.history.checkin(self.today) {
            form.pain = earlier.pain.map(|r| r.value());
            form.stiffness = earlier.stiffness.map(|r| r.value());
            form.load_test = earlier.load_test.map(|r| r.value());
        }
        form.runs = super::run_questions::unrated_runs(self.history, self.today, self.config.units);
        form
    }

    pub fn resumable(&self) -> Option<&'a crate::domain::history::SessionLog> {
        self.history
            .unfinished_session(self.today)
            .filter(|log| self.catalogue.get(&log.plan.programme).is_some())
    }

    /// Stop, refer or clear. The coach's plan is the one source of truth when there is one; with no
    /// programme chosen yet (no plan) the latest red-flag answers still lock or refer.
    pub fn safety(&self) -> Safety {
        let refer = match self.plan {
            Some(plan) => match &plan.decision {
                Decision::Stop(u) => return Safety::Stop(*u),
                _ if plan.locked => return Safety::Stop(Urgency::Urgent),
                Decision::Refer(r) => Some(r.clone()),
                _ => None,
            },
            None => {
                let seen_since =
                    |day: NaiveDate| self.history.clinician_seen.iter().any(|d| *d >= day);
                let latest_flag = self.history.checkins.iter().rev().find_map(|(day, c)| {
                    red_flags::worst(c.red_flags.iter().map(|(k, v)| (k.as_str(), *v)))
                        .map(|f| (*day, f.urgency))
                });
                match latest_flag {
                    Some((day, u)) if !seen_since(day) && u >= Urgency::Urgent => {
                        return Safety::Stop(u);
                    }
                    Some((day, Urgency::Soon)) if !seen_since(day) => {
                        Some(crate::domain::plan::ReferReason::SymptomFlag)
                    }
                    _ => None,
                }
            }
        };
        match refer {
            Some(r) => {
                let reason = r.id().to_string();
                let acknowledged = self
                    .history
                    .referrals_acknowledged
                    .iter()
                    .any(|(_, rr)| *rr == reason);
                Safety::Refer {
                    reason,
                    words: r.words().to_string(),
                    acknowledged,
                }
            }
            None => Safety::Clear,
        }
    }

    /// What Today shows.
    pub fn today_model(&self, scroll: u16) -> TodayModel<'a> {
        let settings = self.settings();
        let programme = self.programme();
        let current = self.history.current();
        let catalogue = self.catalogue;
        let lookup = |id: &str| catalogue.get(id);
        let days = insight::DayClassifier::new(self.history, &settings, &lookup, self.today);
        let (streak, adherence, done_today) = (
            insight::streak(&days),
            insight::adherence(&days),
            // The session heading and start offer: a run alone is not today's session.
            days.session_logged(self.today),
        );
        let (streak_partial, adherence_partial) = (
            insight::streak_partial(&days),
            insight::adherence_partial(&days),
        );
        TodayModel {
            date: self.today,
            programme,
            missing_programme: current
                .filter(|_| programme.is_none())
                .map(|c| c.programme.as_str()),
            plan: self.plan,
            safety: self.safety(),
            checkin: self.history.checkin(self.today),
            done_today,
            unfinished_today: self.resumable().is_some(),
            done_exercises: self
                .history
                .sessions
                .iter()
                .filter(|s| s.date == self.today)
                .flat_map(|s| s.sets.iter().map(|set| set.exercise.as_str()))
                .collect(),
            programme_start: current.map(|c| c.start),
            streak,
            streak_partial,
            adherence_partial,
            checkin_wanted: self.checkin_due() || self.red_flags_unanswered(),
            adherence,
            mornings: insight::morning_series(self.history, self.today),
            green_max: settings.green_max,
            amber_max: settings.amber_max,
            units: settings.units,
            scroll,
        }
    }
}
