//! Read-only views of the app: the programme and settings in force, what Today shows, whether
//! exercise is safe today, the deadline, title, footer and help.

use super::{App, GLOBAL_KEYS, Screen};
use crate::app::settings::coach_settings;
use crate::domain::pain::Rating;
use crate::domain::plan::Decision;
use crate::domain::programme::Programme;
use crate::domain::red_flag_recheck::{Recheck, recheck_due};
use crate::domain::red_flags::{self, Urgency};
use crate::domain::session::SessionOptions;
use crate::domain::settings::CoachSettings;
use crate::tui::keymap::Binding;
use crate::tui::screens::checkin::{self, CheckInForm, LoadTestInfo};
use crate::tui::screens::chooser::{self};
use crate::tui::screens::flag_check::{self};
use crate::tui::screens::today::{self, Safety, TodayAction, TodayModel};
use crate::tui::session_view;
use crate::tui::stats::{self, StatsInput};
use chrono::NaiveDate;
use std::time::{Duration, Instant};

impl App {
    /// The programme now followed, if it is installed.
    pub fn programme(&self) -> Option<&Programme> {
        self.journal
            .history()
            .current()
            .and_then(|c| self.catalogue.get(&c.programme))
    }

    /// Coach settings: defaults, then config, then the programme's own overrides.
    pub fn settings(&self) -> CoachSettings {
        coach_settings(&self.config, self.programme())
    }

    pub(super) fn session_options(&self) -> SessionOptions {
        let s = self.settings();
        SessionOptions {
            get_ready: Duration::from_secs(self.config.get_ready_seconds.into()),
            side_switch: Duration::from_secs(self.config.side_switch_seconds.into()),
            rest_extend: Duration::from_secs(self.config.rest_extend_seconds.into()),
            green_max: s.green_max,
            amber_max: s.amber_max,
        }
    }

    pub(super) fn checkin_due(&self) -> bool {
        self.programme().is_some()
            && self
                .journal
                .history()
                .checkin(self.today)
                .is_none_or(|c| c.pain.is_none())
    }

    /// The red-flag questions are due and not yet answered today (the coach's own rule).
    fn red_flags_unanswered(&self) -> bool {
        let pain = self
            .journal
            .history()
            .checkin(self.today)
            .and_then(|c| c.pain);
        recheck_due(self.journal.history(), self.today, pain, &self.settings()).is_some()
    }

    /// Why the red-flag questions should be asked with a check-in whose morning pain is
    /// `pain`, if they should (domain.md §4: weekly, and when pain reaches the recheck level).
    pub(super) fn red_flag_recheck_due(&self, pain: Option<u8>) -> Option<String> {
        let pain = pain.and_then(|p| Rating::new(i64::from(p)).ok());
        recheck_due(self.journal.history(), self.today, pain, &self.settings()).map(|why| match why
        {
            Recheck::HighPain { at_least } => {
                format!("Asked because morning pain is {at_least}/10 or more.")
            }
            Recheck::Routine { days } => format!("Asked every {days} days to keep you safe."),
        })
    }

    pub(super) fn new_checkin_form(&self) -> CheckInForm {
        let info = self
            .programme()
            .and_then(|p| p.load_test.as_ref())
            .map(LoadTestInfo::from)
            // While exercise is stopped the check-in asks for none: the load test is an exercise.
            .filter(|_| !matches!(self.safety(), Safety::Stop(_)));
        let mut form = CheckInForm::new(info);
        // A second check-in the same day starts from the first one's answers, to change one.
        if let Some(earlier) = self.journal.history().checkin(self.today) {
            form.pain = earlier.pain.map(|r| r.value());
            form.stiffness = earlier.stiffness.map(|r| r.value());
            form.load_test = earlier.load_test.map(|r| r.value());
        }
        form
    }

    pub(super) fn resumable(&self) -> Option<&crate::domain::history::SessionLog> {
        self.journal
            .history()
            .unfinished_session(self.today)
            .filter(|log| self.catalogue.get(&log.plan.programme).is_some())
    }

    /// Stop, refer or clear. The coach's plan is the one source of truth when there is one; with no
    /// programme chosen yet (no plan) the latest red-flag answers still lock or refer.
    pub fn safety(&self) -> Safety {
        let refer = match &self.plan {
            Some(plan) => match &plan.decision {
                Decision::Stop(u) => return Safety::Stop(*u),
                _ if plan.locked => return Safety::Stop(Urgency::Urgent),
                Decision::Refer(r) => Some(r.clone()),
                _ => None,
            },
            None => {
                let seen_since = |day: NaiveDate| {
                    self.journal
                        .history()
                        .clinician_seen
                        .iter()
                        .any(|d| *d >= day)
                };
                let latest_flag =
                    self.journal
                        .history()
                        .checkins
                        .iter()
                        .rev()
                        .find_map(|(day, c)| {
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
                    .journal
                    .history()
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
    pub fn today_model(&self, scroll: u16) -> TodayModel<'_> {
        let settings = self.settings();
        let programme = self.programme();
        let current = self.journal.history().current();
        let per_week = match (programme, &self.plan) {
            (Some(p), Some(plan)) => p
                .phases
                .get(plan.phase_index)
                .map(|phase| {
                    phase
                        .exercises
                        .iter()
                        .filter_map(|pe| p.exercise(&pe.exercise))
                        .map(|e| e.frequency.per_week.unwrap_or(7))
                        .max()
                        .unwrap_or(7)
                })
                .unwrap_or(7),
            _ => 7,
        };
        let (streak, adherence, done_today) = match current {
            Some(c) => {
                let input = StatsInput {
                    history: self.journal.history(),
                    programme: &c.programme,
                    start: c.start,
                    per_week,
                    amber_max: settings.amber_max,
                };
                (
                    input.streak(self.today),
                    input.adherence(self.today),
                    input.mark(self.today) == stats::DayMark::Done,
                )
            }
            None => (0, (0, 0), false),
        };
        TodayModel {
            date: self.today,
            programme,
            missing_programme: current
                .filter(|_| programme.is_none())
                .map(|c| c.programme.as_str()),
            plan: self.plan.as_ref(),
            safety: self.safety(),
            checkin: self.journal.history().checkin(self.today),
            done_today,
            unfinished_today: self.resumable().is_some(),
            done_exercises: self
                .journal
                .history()
                .sessions
                .iter()
                .filter(|s| s.date == self.today)
                .flat_map(|s| s.sets.iter().map(|set| set.exercise.as_str()))
                .collect(),
            programme_start: current.map(|c| c.start),
            streak,
            checkin_wanted: self.checkin_due() || self.red_flags_unanswered(),
            adherence,
            mornings: stats::morning_series(self.journal.history(), self.today),
            green_max: settings.green_max,
            amber_max: settings.amber_max,
            scroll,
        }
    }

    /// When the screen next changes without input (a running countdown), if ever.
    pub fn next_deadline(&self) -> Option<Instant> {
        match &self.screen {
            Screen::Session(s) => s.next_deadline(self.now),
            _ => None,
        }
    }

    /// The window title (OSC 2).
    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Session(s) => s.title(self.now),
            screen => format!("rehab · {}", screen.name()),
        }
    }

    /// (keys, help) rows for the help overlay: the current screen's table, then the global keys.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        use crate::tui::keymap::help_rows;
        let mut rows = match &self.screen {
            Screen::FirstRun(f) => help_rows(f.keys()),
            Screen::Today { .. } => help_rows(today::KEYS),
            Screen::CheckIn(_) => help_rows(checkin::KEYS),
            Screen::FlagCheck(_) => help_rows(flag_check::KEYS),
            Screen::Chooser(_) => help_rows(chooser::KEYS),
            Screen::Session(s) => {
                let mut r = session_view::help_rows(s);
                r.extend(help_rows(&GLOBAL_KEYS[..1]));
                return r;
            }
            Screen::History(h) => h.help_rows(),
        };
        rows.extend(help_rows(GLOBAL_KEYS));
        rows
    }

    /// Footer hints for the current screen (only keys that do something now).
    pub fn footer(&self) -> String {
        use crate::tui::keymap::footer_hints;
        if let Some(overlay) = &self.overlay {
            return footer_hints(overlay.keys());
        }
        let screen = match &self.screen {
            Screen::FirstRun(f) => footer_hints(f.keys()),
            Screen::Today { .. } => {
                let model = self.today_model(0);
                let offered: Vec<_> = today::KEYS
                    .iter()
                    .filter(|b| model.offers(b.action))
                    .map(|b| match b.action {
                        TodayAction::Start if model.unfinished_today => Binding {
                            hint: "resume the session",
                            ..*b
                        },
                        TodayAction::Start if model.done_today => Binding {
                            hint: "start another session",
                            ..*b
                        },
                        _ => *b,
                    })
                    .collect();
                footer_hints(&offered)
            }
            Screen::CheckIn(_) => footer_hints(checkin::KEYS),
            Screen::FlagCheck(_) => footer_hints(flag_check::KEYS),
            Screen::Chooser(_) => footer_hints(chooser::KEYS),
            Screen::Session(s) => session_view::footer(s),
            Screen::History(h) => h.footer(),
        };
        [screen, footer_hints(GLOBAL_KEYS)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
