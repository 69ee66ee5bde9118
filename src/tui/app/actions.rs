//! What the app does in response to keys: journal appends (the moment a step completes),
//! starting and resuming sessions, and carrying out the runner's effects.

use super::tomorrow::tomorrow_lines;
use super::{App, Output, Screen};
use crate::domain::coach::prescribe;
use crate::domain::records::RecordBody;
use crate::domain::session::{Effect, Session};
use crate::tui::components::Outcome;
use crate::tui::history::edit::BackfilledSession;
use crate::tui::screens::overlays::Overlay;
use crate::tui::session_view::title;
use chrono::NaiveDate;

impl App {
    /// Ask the coach again (after every append: the journal keeps its History current).
    pub(super) fn refresh(&mut self) {
        let settings = self.settings();
        self.plan = self
            .programme()
            .map(|p| prescribe(p, self.journal.history(), self.today, &settings));
        let (screen, ctx) = self.split();
        screen.component_mut().refresh(&ctx);
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
        let plan = prescribe(
            programme,
            self.journal.history(),
            tomorrow,
            &self.settings(),
        );
        tomorrow_lines(&plan, programme)
    }

    /// Carry out what a screen asked for.
    pub(super) fn carry_out(&mut self, outcome: Outcome, out: &mut Vec<Output>) {
        match outcome {
            Outcome::None => {}
            Outcome::Switch(screen) => self.screen = screen,
            Outcome::Overlay(overlay) => self.overlay = Some(overlay),
            Outcome::Append { records, then } => {
                if self.append_all(records)
                    && let Some(screen) = then
                {
                    self.screen = screen;
                }
            }
            Outcome::AppendSession(backfill) => self.append_session(&backfill),
            Outcome::StartSession => self.start_session(),
            Outcome::ResumeSession => self.resume_session(),
            Outcome::Effects(effects) => self.run_effects(effects, out),
            Outcome::Message(text) => self.message = Some(text),
            Outcome::Quit => self.quit = true,
        }
    }

    /// Append in order; the first error goes to the footer and stops the rest. Then ask the
    /// coach again. True when every record was written.
    fn append_all(&mut self, records: Vec<(NaiveDate, RecordBody)>) -> bool {
        let mut written = true;
        for (date, body) in records {
            if let Err(e) = self.journal.append(date, body) {
                self.message = Some(e);
                written = false;
                break;
            }
        }
        self.refresh();
        written
    }

    /// A session logged afterwards: the sets must point at the id the journal gives the
    /// session_started record.
    fn append_session(&mut self, backfill: &BackfilledSession) {
        match self.journal.append(backfill.date, backfill.started.clone()) {
            Ok(started) => {
                let programme = self.catalogue.get(backfill.programme());
                for body in backfill.rest(started.id, programme) {
                    if let Err(e) = self.journal.append(backfill.date, body) {
                        self.message = Some(e);
                        break;
                    }
                }
            }
            Err(e) => self.message = Some(e),
        }
        self.refresh();
    }

    /// What a "yes" in a dialog does.
    pub(super) fn confirmed(&self, overlay: Overlay) -> Outcome {
        match overlay {
            Overlay::Help => Outcome::None,
            Overlay::ConfirmSwitch(programme) => Outcome::append_then_today(
                self.today,
                vec![RecordBody::ProgrammeChosen {
                    programme,
                    start: self.today,
                }],
            ),
            Overlay::ConfirmClinician => Outcome::Append {
                records: vec![(self.today, RecordBody::ClinicianSeen { note: None })],
                then: None,
            },
            Overlay::ResumeOffer => Outcome::ResumeSession,
        }
    }

    /// What a "no" in a dialog does: for the resume offer, leave the session for today.
    pub(super) fn declined(&self, overlay: Overlay) -> Outcome {
        match (overlay, self.ctx().resumable()) {
            (Overlay::ResumeOffer, Some(log)) => Outcome::Append {
                records: vec![(
                    self.today,
                    RecordBody::SessionLeft {
                        session: log.id.clone(),
                    },
                )],
                then: None,
            },
            _ => Outcome::None,
        }
    }

    fn start_session(&mut self) {
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
                self.say_voice_note();
            }
            Err(e) => self.message = Some(e),
        }
    }

    fn resume_session(&mut self) {
        let Some(log) = self.ctx().resumable() else {
            return;
        };
        let Some(programme) = self.catalogue.get(&log.plan.programme) else {
            return;
        };
        let mut session = Session::resume(log, programme, self.session_options(), self.now);
        session.set_bell(self.bell);
        self.screen = Screen::Session(Box::new(session));
        self.say_voice_note();
    }

    /// Why there is no voice, once, when the first session starts.
    fn say_voice_note(&mut self) {
        if let Some(note) = self.voice.take_note() {
            self.message = Some(note);
        }
    }

    /// Carry out the runner's effects in order: journal first (so a crash loses at most the
    /// step in progress) and report each id back to the runner, then bell and notification.
    /// When the session ends (finished, or quit after the runner's confirm) the app goes back
    /// to Today, which offers to resume a stopped session.
    fn run_effects(&mut self, effects: Vec<Effect>, out: &mut Vec<Output>) {
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
                Effect::Go => out.push(Output::Go),
                Effect::Tick => out.push(Output::Bell),
                Effect::BellChanged(on) => {
                    self.bell = on;
                    self.message = Some(bell_message(on));
                }
                Effect::ToggleVoice => {
                    let (message, hush) = self.voice.toggle();
                    self.message = Some(message);
                    if hush {
                        out.push(Output::Hush);
                    }
                }
                Effect::Notify(cue) if self.config.notify => {
                    if let Screen::Session(s) = &self.screen {
                        out.push(Output::Notify(title::notification(s, cue)));
                    }
                }
                Effect::Notify(_) => {}
                Effect::Ended => {
                    let Screen::Session(s) = &self.screen else {
                        continue;
                    };
                    self.bell = s.bell_on();
                    self.voice.session_ended();
                    if self.voice.on {
                        out.push(Output::Hush);
                    }
                    let id = s.session_id.clone();
                    self.refresh();
                    let finished = self
                        .journal
                        .history()
                        .sessions
                        .iter()
                        .any(|log| log.id == id && log.finished.is_some());
                    // Either way back to Today: quitting a session never quits the app
                    // (q or Ctrl-C on Today does); Today's `s` resumes a stopped one.
                    self.screen = Screen::today();
                    if !finished {
                        self.message = Some(
                            "Session stopped; your sets are saved. Press s to resume it.".into(),
                        );
                    }
                }
            }
        }
    }
}

/// The footer line after `b`: the state now and how to change it back.
pub(super) fn bell_message(on: bool) -> String {
    if on {
        "Bell on: it rings at the end of holds and rests (b turns it off)".to_string()
    } else {
        "Bell off: no sound at the end of holds and rests (b turns it on)".to_string()
    }
}
