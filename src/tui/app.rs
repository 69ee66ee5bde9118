//! The app in the Elm shape: `App` holds the state, `App::update(Msg, now)` changes it and returns
//! `Output`s for the shell (bell, notification, quit); `view::render(&App, frame)` draws it.
//! Journal appends happen inside `update` through the `Journal` port, the moment a step completes.

use crate::domain::coach::prescribe;
use crate::domain::history::History;
use crate::domain::plan::{Decision, Plan};
use crate::domain::programme::Programme;
use crate::domain::records::RecordBody;
use crate::domain::red_flags::{self, Urgency};
use crate::domain::session::{Effect, Screen as RunnerScreen, Session, SessionOptions};
use crate::domain::settings::CoachSettings;
use crate::store::config::Config;
use crate::store::programme_files::Catalogue;
use crate::tui::history::{HistoryOutcome, HistoryScreen};
use crate::tui::journal::Journal;
use crate::tui::keymap::{Binding, Key, digit_of, lookup};
use crate::tui::screens::checkin::{self, CheckInForm, FormAction};
use crate::tui::screens::chooser::{self, Chooser, ChooserAction};
use crate::tui::screens::first_run::{FirstRun, FirstRunOutcome};
use crate::tui::screens::flag_check::{self, FlagCheck};
use crate::tui::screens::overlays::{DialogAction, Overlay};
use crate::tui::screens::today::{self, Safety, TodayAction, TodayModel};
use crate::tui::session_view;
use crate::tui::stats::{self, StatsInput};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use std::time::{Duration, Instant};

/// An input to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// A deadline passed (the shell sleeps until `App::next_deadline`).
    Tick,
    Resize,
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bell,
    Notify(String),
    Quit,
}

pub enum Screen {
    FirstRun(FirstRun),
    Today { scroll: u16 },
    CheckIn(CheckInForm),
    FlagCheck(FlagCheck),
    Chooser(Chooser),
    Session(Box<Session>),
    History(Box<HistoryScreen>),
}

impl Screen {
    pub fn name(&self) -> &'static str {
        match self {
            Screen::FirstRun(_) => "Welcome",
            Screen::Today { .. } => "Today",
            Screen::CheckIn(_) | Screen::FlagCheck(_) => "Check-in",
            Screen::Chooser(_) => "Programmes",
            Screen::Session(_) => "Session",
            Screen::History(_) => "History",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalAction {
    Help,
    Bell,
    Interrupt,
}

/// Keys that work on every screen (checked before the screen's own table).
pub const GLOBAL_KEYS: &[Binding<GlobalAction>] = &[
    Binding {
        keys: &[Key::Char('?')],
        hint: "help",
        help: "show the keys of this screen",
        action: GlobalAction::Help,
    },
    Binding {
        keys: &[Key::Char('b')],
        hint: "",
        help: "bell on or off for this run (config: bell)",
        action: GlobalAction::Bell,
    },
    Binding {
        keys: &[Key::Ctrl('c')],
        hint: "",
        help: "quit now (finished steps are already saved)",
        action: GlobalAction::Interrupt,
    },
];

pub struct App {
    pub today: NaiveDate,
    pub now: Instant,
    pub theme: Theme,
    pub catalogue: Catalogue,
    pub config: Config,
    pub history: History,
    pub plan: Option<Plan>,
    journal: Box<dyn Journal>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub bell: bool,
    /// One line for the footer: the last error or confirmation.
    pub message: Option<String>,
    pub quit: bool,
}

impl App {
    /// Build the app from the journal: first run when it is empty, otherwise Today (with the
    /// resume offer or the check-in first when due).
    pub fn new(
        journal: Box<dyn Journal>,
        catalogue: Catalogue,
        config: Config,
        today: NaiveDate,
        theme: Theme,
        now: Instant,
    ) -> App {
        let history = History::replay(journal.records().iter().cloned());
        let first_run = journal.records().is_empty();
        let message = journal
            .warnings()
            .first()
            .cloned()
            .or_else(|| catalogue.warnings.first().cloned());
        let mut app = App {
            today,
            now,
            theme,
            bell: config.bell,
            catalogue,
            config,
            history,
            plan: None,
            journal,
            screen: Screen::Today { scroll: 0 },
            overlay: None,
            message,
            quit: false,
        };
        app.refresh();
        if first_run {
            app.screen = Screen::FirstRun(FirstRun::new());
        } else if app.resumable().is_some() {
            app.overlay = Some(Overlay::ResumeOffer);
        } else if app.checkin_due() {
            app.screen = Screen::CheckIn(app.new_checkin_form());
        }
        app
    }

    /// The programme now followed, if it is installed.
    pub fn programme(&self) -> Option<&Programme> {
        self.history
            .current()
            .and_then(|c| self.catalogue.get(&c.programme))
    }

    /// Coach settings: defaults, then config, then the programme's own overrides.
    pub fn settings(&self) -> CoachSettings {
        let base = CoachSettings::default().with(&self.config.coach);
        match self.programme() {
            Some(p) => base.with(&p.coach),
            None => base,
        }
    }

    fn session_options(&self) -> SessionOptions {
        let s = self.settings();
        SessionOptions {
            get_ready: Duration::from_secs(self.config.get_ready_seconds.into()),
            side_switch: Duration::from_secs(self.config.side_switch_seconds.into()),
            rest_extend: Duration::from_secs(self.config.rest_extend_seconds.into()),
            green_max: s.green_max,
            amber_max: s.amber_max,
        }
    }

    /// Replay the journal and ask the coach again (after every append).
    fn refresh(&mut self) {
        self.history = History::replay(self.journal.records().iter().cloned());
        let settings = self.settings();
        self.plan = self
            .programme()
            .map(|p| prescribe(p, &self.history, self.today, &settings));
        if let Screen::History(h) = &mut self.screen {
            h.refresh(&self.history, &self.catalogue);
        }
    }

    fn append(&mut self, body: RecordBody) -> bool {
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

    fn checkin_due(&self) -> bool {
        self.programme().is_some()
            && self
                .history
                .checkin(self.today)
                .is_none_or(|c| c.pain.is_none())
    }

    /// Why the red-flag questions should be asked again now (domain.md §4: weekly, and when
    /// morning pain reaches the recheck level), if they should.
    fn red_flag_recheck_due(&self, pain: Option<u8>) -> Option<String> {
        let settings = self.settings();
        if pain.is_some_and(|p| p >= settings.red_flag_recheck_pain) {
            return Some(format!(
                "Asked because morning pain is {}/10 or more.",
                settings.red_flag_recheck_pain
            ));
        }
        let last_asked = self
            .history
            .checkins
            .iter()
            .rev()
            .find(|(_, c)| !c.red_flags.is_empty())
            .map(|(day, _)| *day);
        let due = last_asked.is_none_or(|day| {
            (self.today - day).num_days() >= i64::from(settings.red_flag_recheck_days)
        });
        due.then(|| {
            format!(
                "Asked every {} days to keep you safe.",
                settings.red_flag_recheck_days
            )
        })
    }

    fn new_checkin_form(&self) -> CheckInForm {
        let info = self
            .programme()
            .and_then(|p| p.load_test.as_ref())
            .map(|t| (t.name.clone(), t.instructions.clone()));
        CheckInForm::new(info)
    }

    fn resumable(&self) -> Option<&crate::domain::history::SessionLog> {
        self.history
            .unfinished_session(self.today)
            .filter(|log| self.catalogue.get(&log.plan.programme).is_some())
    }

    /// Stop, refer or clear, from the coach's plan and (as a safety net) the latest red-flag
    /// answers: an urgent or emergency yes locks exercise until a clinician has been seen.
    pub fn safety(&self) -> Safety {
        if let Some(plan) = &self.plan {
            if let Decision::Stop(u) = plan.decision {
                return Safety::Stop(u);
            }
            if plan.locked {
                return Safety::Stop(Urgency::Urgent);
            }
        }
        let seen_since = |day: NaiveDate| self.history.clinician_seen.iter().any(|d| *d >= day);
        let latest_flag = self.history.checkins.iter().rev().find_map(|(day, c)| {
            red_flags::worst(c.red_flags.iter().map(|(k, v)| (k.as_str(), *v)))
                .map(|f| (*day, f.urgency))
        });
        if let Some((day, u)) = latest_flag
            && u >= Urgency::Urgent
            && !seen_since(day)
        {
            return Safety::Stop(u);
        }
        let refer = match self.plan.as_ref().map(|p| &p.decision) {
            Some(Decision::Refer(r)) => Some(r.clone()),
            _ => match latest_flag {
                Some((day, Urgency::Soon)) if !seen_since(day) => {
                    Some(crate::domain::plan::ReferReason::SymptomFlag)
                }
                _ => None,
            },
        };
        match refer {
            Some(r) => {
                let reason = serde_json::to_value(&r)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
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
    pub fn today_model(&self, scroll: u16) -> TodayModel<'_> {
        let settings = self.settings();
        let programme = self.programme();
        let current = self.history.current();
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
                    history: &self.history,
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
            checkin: self.history.checkin(self.today),
            done_today,
            streak,
            adherence,
            mornings: stats::morning_series(&self.history, self.today),
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

    pub fn update(&mut self, msg: Msg, now: Instant) -> Vec<Output> {
        self.now = now;
        let mut out = Vec::new();
        match msg {
            Msg::Tick => {
                if let Screen::Session(s) = &mut self.screen {
                    let effects = s.tick(now);
                    self.carry_out(effects, &mut out);
                }
            }
            Msg::Resize => {}
            Msg::Key(key) => self.key(&key, &mut out),
        }
        if self.quit {
            out.push(Output::Quit);
        }
        out
    }

    fn key(&mut self, key: &KeyEvent, out: &mut Vec<Output>) {
        if let Some(overlay) = self.overlay.clone() {
            if let Some(action) = lookup(overlay.keys(), key) {
                self.overlay = None;
                if action == DialogAction::Yes {
                    self.confirmed(overlay);
                }
            } else if lookup(GLOBAL_KEYS, key) == Some(GlobalAction::Interrupt) {
                self.quit = true;
            }
            return;
        }
        let global = match &self.screen {
            // The runner owns its keys (its bell, its quit confirm for q and Ctrl-C); the note
            // field takes every letter. Only help is global there.
            Screen::Session(s) if s.screen() == RunnerScreen::EndNote => None,
            Screen::Session(_) => lookup(GLOBAL_KEYS, key).filter(|a| *a == GlobalAction::Help),
            _ => lookup(GLOBAL_KEYS, key),
        };
        match global {
            Some(GlobalAction::Help) => {
                self.overlay = Some(Overlay::Help);
                return;
            }
            Some(GlobalAction::Bell) if !matches!(self.screen, Screen::History(_)) => {
                self.bell = !self.bell;
                self.message = Some(format!("Bell {}", if self.bell { "on" } else { "off" }));
                return;
            }
            Some(GlobalAction::Interrupt) => {
                self.quit = true;
                return;
            }
            _ => {}
        }
        self.message = None;
        match &mut self.screen {
            Screen::FirstRun(first) => {
                let Some(action) = lookup(first.keys(), key) else {
                    return;
                };
                if let FirstRunOutcome::Finish { programme, checkin } =
                    first.handle(action, digit_of(key), &self.catalogue)
                {
                    self.finish_first_run(programme, checkin);
                }
            }
            Screen::CheckIn(form) => match lookup(checkin::KEYS, key) {
                Some(FormAction::Save) => {
                    let form = form.clone();
                    if let Some(why) = self.red_flag_recheck_due(form.pain) {
                        self.screen = Screen::FlagCheck(FlagCheck::new(form, why));
                    } else if form.is_empty() || self.append(form.record(Default::default())) {
                        self.screen = Screen::Today { scroll: 0 };
                    }
                }
                Some(FormAction::Skip) => self.screen = Screen::Today { scroll: 0 },
                Some(action) => form.edit(action, digit_of(key)),
                None => {}
            },
            Screen::FlagCheck(check) => {
                let Some(action) = lookup(flag_check::KEYS, key) else {
                    return;
                };
                if let Some(body) = check.handle(action)
                    && self.append(body)
                {
                    self.screen = Screen::Today { scroll: 0 };
                }
            }
            Screen::Chooser(chooser) => match lookup(chooser::KEYS, key) {
                Some(ChooserAction::Up) => chooser.move_by(&self.catalogue, false),
                Some(ChooserAction::Down) => chooser.move_by(&self.catalogue, true),
                Some(ChooserAction::Choose) => {
                    if let Some(id) = chooser.chosen(&self.catalogue) {
                        let id = id.to_string();
                        if self.history.current().is_some_and(|c| c.programme == id) {
                            self.screen = Screen::Today { scroll: 0 };
                        } else {
                            self.overlay = Some(Overlay::ConfirmSwitch(id));
                        }
                    }
                }
                Some(ChooserAction::Back) => self.screen = Screen::Today { scroll: 0 },
                None => {}
            },
            Screen::Today { .. } => {
                if let Some(action) = lookup(today::KEYS, key) {
                    self.today_action(action);
                }
            }
            Screen::Session(session) => {
                let effects = session_view::handle_key(session, key, self.now);
                self.carry_out(effects, out);
            }
            Screen::History(screen) => match screen.handle_key(key) {
                HistoryOutcome::None => {}
                HistoryOutcome::Close => self.screen = Screen::Today { scroll: 0 },
                HistoryOutcome::Append(records) => {
                    for (date, body) in records {
                        if let Err(e) = self.journal.append(date, body) {
                            self.message = Some(e);
                            break;
                        }
                    }
                    self.refresh();
                }
                HistoryOutcome::AppendSession(backfill) => {
                    // The sets must point at the id the journal gives the session_started record.
                    match self.journal.append(backfill.date, backfill.started.clone()) {
                        Ok(started) => {
                            for body in backfill.rest(started.id) {
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
            },
        }
    }

    fn today_action(&mut self, action: TodayAction) {
        let model = self.today_model(0);
        if !model.offers(action) {
            self.message = Some(match action {
                TodayAction::Start if matches!(model.safety, Safety::Stop(_)) => {
                    "Exercise is locked: see the message at the top.".into()
                }
                TodayAction::Start => "Choose a programme first (press p).".into(),
                _ => "Not available now.".into(),
            });
            return;
        }
        drop(model);
        match action {
            TodayAction::Start => self.start_session(),
            TodayAction::CheckIn => self.screen = Screen::CheckIn(self.new_checkin_form()),
            TodayAction::Switch => {
                let current = self.history.current().map(|c| c.programme.clone());
                self.screen = Screen::Chooser(Chooser::at(&self.catalogue, current.as_deref()));
            }
            TodayAction::History => {
                self.screen = Screen::History(Box::new(HistoryScreen::new(
                    &self.history,
                    &self.catalogue,
                    self.today,
                )))
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

    fn confirmed(&mut self, overlay: Overlay) {
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

    fn finish_first_run(&mut self, programme: Option<String>, checkin: Option<RecordBody>) {
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
            plan: snapshot.clone(),
            pain_before: self.history.morning_pain(self.today),
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

    fn resume_session(&mut self) {
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
    fn carry_out(&mut self, effects: Vec<Effect>, out: &mut Vec<Output>) {
        for effect in effects {
            match effect {
                Effect::Append(body) => match self.journal.append(self.today, body.clone()) {
                    Ok(record) => {
                        if let Screen::Session(s) = &mut self.screen {
                            s.record_written(&body, record.id);
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
                        .history
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
                    .copied()
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

    /// The records written so far (for tests).
    pub fn journal(&self) -> &dyn Journal {
        self.journal.as_ref()
    }
}
