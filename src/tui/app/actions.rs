//! What the app does in response to keys: journal appends (the moment a step completes),
//! starting and resuming sessions, and carrying out the runner's effects.

use super::tomorrow::tomorrow_lines;
use super::{App, Output, Screen};
use crate::domain::coach::prescribe;
use crate::domain::records::RecordBody;
use crate::domain::session::{Effect, Session};
use crate::tui::history::HistoryScreen;
use crate::tui::screens::chooser::Chooser;
use crate::tui::screens::overlays::Overlay;
use crate::tui::screens::today::{Safety, TodayAction};

impl App {
    /// Ask the coach again (after every append: the journal keeps its History current).
    pub(super) fn refresh(&mut self) {
        let settings = self.settings();
        self.plan = self
            .programme()
            .map(|p| prescribe(p, self.journal.history(), self.today, &settings));
        if let Screen::History(h) = &mut self.screen {
            h.refresh(self.journal.history(), &self.catalogue);
        }
    }

    /// The summary's lines on tomorrow: the coach asked for tomorrow with this session counted.
    fn tomorrow(&mut self) -> Vec<String> {
        self.refresh();
        let Some(programme) = self.programme() else {
            return Vec::new();
        };
        let Some(tomorrow) = self.today.succ_opt() else {
            return Vec::new();
        };
        tomorrow_lines(&prescribe(
            programme,
            self.journal.history(),
            tomorrow,
            &self.settings(),
        ))
    }

    pub(super) fn append(&mut self, body: RecordBody) -> bool {
        match self.journal.append(self.today, body) {
            Ok(_) => {
                self.refresh();
                true
            }
            Err(e) => {
                self.message = Some(e);
                false
            }
        }
    }

    pub(super) fn today_action(&mut self, action: TodayAction) {
        let model = self.today_model(0);
        if !model.offers(action) {
            self.message = Some(match action {
                TodayAction::Start if matches!(model.safety, Safety::Stop(_)) => {
                    "Exercise is locked: see the message at the top.".into()
                }
                TodayAction::Start if model.done_today => {
                    "Today's session is done: see you tomorrow.".into()
                }
                TodayAction::Start => "Choose a programme first (press p).".into(),
                _ => "Not available now.".into(),
            });
            return;
        }
        drop(model);
        match action {
            TodayAction::Start if self.resumable().is_some() => self.resume_session(),
            TodayAction::Start => self.start_session(),
            TodayAction::CheckIn => self.screen = Screen::CheckIn(self.new_checkin_form()),
            TodayAction::Switch => {
                let current = self
                    .journal
                    .history()
                    .current()
                    .map(|c| c.programme.clone());
                self.screen = Screen::Chooser(Chooser::at(&self.catalogue, current.as_deref()));
            }
            TodayAction::History => {
                // config.toml's coach overrides also shape the history views (zones, run caps).
                let screen =
                    HistoryScreen::new(self.journal.history(), &self.catalogue, self.today)
                        .with_settings(self.journal.history(), &self.catalogue, self.settings());
                self.screen = Screen::History(Box::new(screen))
            }
            TodayAction::Acknowledge => {
                if let Safety::Refer { reason, .. } = self.safety() {
                    self.append(RecordBody::ReferralAcknowledged { reason });
                }
            }
            TodayAction::ClinicianSeen => self.overlay = Some(Overlay::ConfirmClinician),
            TodayAction::ScrollUp | TodayAction::ScrollDown => {
                if let Screen::Today { scroll } = &mut self.screen {
                    *scroll = if action == TodayAction::ScrollUp {
                        scroll.saturating_sub(1)
                    } else {
                        scroll.saturating_add(1)
                    };
                }
            }
            TodayAction::Quit => self.quit = true,
        }
    }

    pub(super) fn confirmed(&mut self, overlay: Overlay) {
        match overlay {
            Overlay::Help => {}
            Overlay::ConfirmSwitch(programme) => {
                if self.append(RecordBody::ProgrammeChosen {
                    programme,
                    start: self.today,
                }) {
                    self.screen = Screen::Today { scroll: 0 };
                }
            }
            Overlay::ConfirmClinician => {
                self.append(RecordBody::ClinicianSeen { note: None });
            }
            Overlay::ResumeOffer => self.resume_session(),
        }
    }

    pub(super) fn finish_first_run(
        &mut self,
        programme: Option<String>,
        checkin: Option<RecordBody>,
    ) {
        if let Some(programme) = programme
            && !self.append(RecordBody::ProgrammeChosen {
                programme,
                start: self.today,
            })
        {
            return;
        }
        if let Some(body) = checkin
            && !self.append(body)
        {
            return;
        }
        self.screen = Screen::Today { scroll: 0 };
    }

    pub(super) fn start_session(&mut self) {
        let Some(plan) = &self.plan else { return };
        let snapshot = plan.snapshot();
        if snapshot.exercises.is_empty() {
            self.message = Some("Nothing is due today: a rest day.".into());
            return;
        }
        let Some(programme) = self.catalogue.get(&snapshot.programme).cloned() else {
            return;
        };
        let body = RecordBody::SessionStarted {
            plan: snapshot.clone().into(),
            pain_before: self.journal.history().morning_pain(self.today),
        };
        match self.journal.append(self.today, body) {
            Ok(record) => {
                self.refresh();
                let mut session = Session::new(
                    record.id,
                    snapshot,
                    &programme,
                    self.session_options(),
                    self.now,
                );
                session.set_bell(self.bell);
                self.screen = Screen::Session(Box::new(session));
            }
            Err(e) => self.message = Some(e),
        }
    }

    pub(super) fn resume_session(&mut self) {
        let Some(log) = self.resumable() else { return };
        let Some(programme) = self.catalogue.get(&log.plan.programme) else {
            return;
        };
        let mut session = Session::resume(log, programme, self.session_options(), self.now);
        session.set_bell(self.bell);
        self.screen = Screen::Session(Box::new(session));
    }

    /// Carry out the runner's effects in order: journal first (so a crash loses at most the
    /// step in progress) and report each id back to the runner, then bell and notification.
    /// When the session ends: Today after a finished session, quit after a confirmed quit
    /// (the next start offers to resume).
    pub(super) fn carry_out(&mut self, effects: Vec<Effect>, out: &mut Vec<Output>) {
        for effect in effects {
            match effect {
                Effect::Append(body) => match self.journal.append(self.today, body.clone()) {
                    Ok(record) => {
                        let tomorrow = matches!(body, RecordBody::SessionFinished { .. })
                            .then(|| self.tomorrow());
                        if let Screen::Session(s) = &mut self.screen {
                            s.record_written(&body, record.id);
                            if let Some(lines) = tomorrow {
                                s.set_tomorrow(lines);
                            }
                        }
                    }
                    Err(e) => self.message = Some(e),
                },
                // The runner rings only while its bell is on (`b` there toggles it).
                Effect::Bell => out.push(Output::Bell),
                Effect::Notify(text) if self.config.notify => out.push(Output::Notify(text)),
                Effect::Notify(_) => {}
                Effect::Ended => {
                    let Screen::Session(s) = &self.screen else {
                        continue;
                    };
                    self.bell = s.bell_on();
                    let id = s.session_id.clone();
                    self.refresh();
                    let finished = self
                        .journal
                        .history()
                        .sessions
                        .iter()
                        .any(|log| log.id == id && log.finished.is_some());
                    if finished {
                        self.screen = Screen::Today { scroll: 0 };
                    } else {
                        self.quit = true;
                    }
                }
            }
        }
    }
}
