//! The app in the Elm shape: `App` holds the state, `App::update(Msg, now)` changes it and returns
//! `Output`s for the shell (bell, notification, quit); `view::render(&App, frame)` draws it.
//! Journal appends happen inside `update` through the `Journal` port, the moment a step completes.

use crate::app::journal::Journal;
use crate::domain::plan::Plan;
use crate::domain::session::{Screen as RunnerScreen, Session};
use crate::store::config::Config;
use crate::store::programme_files::Catalogue;
use crate::tui::history::{HistoryOutcome, HistoryScreen};
use crate::tui::keymap::{Binding, Key, digit_of, lookup};
use crate::tui::screens::checkin::{self, CheckInForm, FormAction};
use crate::tui::screens::chooser::{self, Chooser, ChooserAction};
use crate::tui::screens::first_run::{FirstRun, FirstRunOutcome};
use crate::tui::screens::flag_check::{self, FlagCheck};
use crate::tui::screens::overlays::{DialogAction, Overlay};
use crate::tui::screens::today::{self};
use crate::tui::session_view;
use crate::tui::theme::Theme;
mod actions;
mod tomorrow;
mod views;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use std::time::Instant;

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
        // Nothing recorded yet: not a single record replayed.
        let first_run = journal.history().latest.is_none();
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
                Some(ChooserAction::First) => chooser.jump(&self.catalogue, false),
                Some(ChooserAction::Last) => chooser.jump(&self.catalogue, true),
                Some(ChooserAction::Choose) => {
                    if let Some(id) = chooser.chosen(&self.catalogue) {
                        let id = id.to_string();
                        if self
                            .journal
                            .history()
                            .current()
                            .is_some_and(|c| c.programme == id)
                        {
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
            },
        }
    }

    /// The records written so far (for tests).
    pub fn journal(&self) -> &dyn Journal {
        self.journal.as_ref()
    }
}
