//! The app in the Elm shape: `App` holds the state, `App::update_at(Msg, now, today)` changes it
//! and returns `Output`s for the shell (bell, notification, quit); `view::render(&App, frame)`
//! draws it. The current screen is a component (`tui::components`): the app routes keys, ticks
//! and drawing to it and carries out the `Outcome` it returns. Journal appends happen inside
//! `update_at` through the `Journal` port, the moment a step completes.

use crate::app::journal::Journal;
use crate::domain::catalogue::Catalogue;
use crate::domain::config::Config;
use crate::domain::plan::Plan;
use crate::domain::session::Session;
use crate::tui::components::{Component, TodayScreen};
use crate::tui::history::HistoryScreen;
use crate::tui::keymap::{Binding, Key, lookup};
use crate::tui::screens::checkin::CheckInForm;
use crate::tui::screens::chooser::Chooser;
use crate::tui::screens::first_run::FirstRun;
use crate::tui::screens::flag_check::FlagCheck;
use crate::tui::screens::milestone_check::MilestoneCheck;
use crate::tui::screens::overlays::{DialogAction, Overlay};
use crate::tui::theme::Theme;
mod actions;
mod ctx;
mod run_questions;
mod tomorrow;
mod views;
mod voice;

pub use ctx::Ctx;
pub use voice::Voice;

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
    /// The distinct "go" cue (two bells).
    Go,
    Notify(String),
    /// Say these words now, cutting short what is still being said.
    Say(String),
    /// Stop speaking.
    Hush,
    Quit,
}

/// The screen on show. Each holds its component (see `tui::components`); the app routes keys,
/// ticks and drawing to it through `component` and carries out the `Outcome` it returns.
pub enum Screen {
    FirstRun(FirstRun),
    Today(TodayScreen),
    CheckIn(CheckInForm),
    FlagCheck(FlagCheck),
    MilestoneCheck(MilestoneCheck),
    Chooser(Chooser),
    Session(Box<Session>),
    History(Box<HistoryScreen>),
}

impl Screen {
    /// Today, scrolled to the top.
    pub fn today() -> Screen {
        Screen::Today(TodayScreen::default())
    }

    pub fn component(&self) -> &dyn Component {
        match self {
            Screen::FirstRun(c) => c,
            Screen::Today(c) => c,
            Screen::CheckIn(c) => c,
            Screen::FlagCheck(c) => c,
            Screen::MilestoneCheck(c) => c,
            Screen::Chooser(c) => c,
            Screen::Session(c) => c.as_ref(),
            Screen::History(c) => c.as_ref(),
        }
    }

    pub fn component_mut(&mut self) -> &mut dyn Component {
        match self {
            Screen::FirstRun(c) => c,
            Screen::Today(c) => c,
            Screen::CheckIn(c) => c,
            Screen::FlagCheck(c) => c,
            Screen::MilestoneCheck(c) => c,
            Screen::Chooser(c) => c,
            Screen::Session(c) => c.as_mut(),
            Screen::History(c) => c.as_mut(),
        }
    }

    pub fn name(&self) -> &'static str {
        self.component().name()
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
    /// Spoken cues in a session.
    pub voice: Voice,
    /// One line for the footer: the last error or confirmation.
    pub message: Option<String>,
    pub quit: bool,
    /// Something on screen may have changed since the last `take_changed`.
    changed: bool,
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
            voice: Voice::new(&config),
            catalogue,
            config,
            plan: None,
            journal,
            screen: Screen::today(),
            overlay: None,
            message,
            quit: false,
            changed: true,
        };
        app.refresh();
        if first_run {
            app.screen = Screen::FirstRun(FirstRun::new());
        } else if app.ctx().resumable().is_some() {
            app.overlay = Some(Overlay::ResumeOffer);
        } else if app.ctx().checkin_due() {
            app.screen = Screen::CheckIn(app.ctx().new_checkin_form());
        }
        app
    }

    /// Update on the same day (`today` unchanged): see `update_at`.
    pub fn update(&mut self, msg: Msg, now: Instant) -> Vec<Output> {
        self.update_at(msg, now, self.today)
    }

    /// Update with the shell's clock: `now` for the timers, `today` the calendar day (the local
    /// date, or the `--date` pinned at start). A new day re-plans, before the message (a key
    /// after midnight acts on the new day) and after it (a session that just ended).
    pub fn update_at(&mut self, msg: Msg, now: Instant, today: NaiveDate) -> Vec<Output> {
        // Whether a timer's next change (seen from the last update) has come: the tick shows it.
        let due = self.next_deadline().is_some_and(|d| d <= now);
        self.now = now;
        self.follow_day(today);
        let mut out = Vec::new();
        match msg {
            Msg::Tick => {
                let outcome = self.screen.component_mut().tick(now);
                self.carry_out(outcome, &mut out);
                self.changed |= due;
            }
            Msg::Resize => self.changed = true,
            Msg::Key(key) => {
                self.key(&key, &mut out);
                self.changed = true;
            }
        }
        self.follow_day(today);
        if let Screen::Session(session) = &self.screen
            && let Some(words) = self.voice.follow(session, now)
        {
            // First: the speech thread starts while the terminal still takes the bell.
            out.insert(0, Output::Say(words));
        }
        if self.quit {
            out.push(Output::Quit);
        }
        out
    }

    /// What the shell found for the voice: the program (None: none found), whether it starts
    /// on, and why there is none (said once, at the first session).
    pub fn set_voice(&mut self, program: Option<String>, on: bool, note: Option<String>) {
        self.voice.set(program, on, note);
    }

    /// Move to the clock's day and ask the coach again. A running session keeps the day it
    /// started on (its records belong together); the app moves on when it ends.
    fn follow_day(&mut self, today: NaiveDate) {
        if today == self.today || matches!(self.screen, Screen::Session(_)) {
            return;
        }
        self.today = today;
        self.refresh();
        self.changed = true;
    }

    /// True once after anything on screen may have changed: the shell redraws only then.
    pub fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }

    /// A dialog takes every key (Ctrl-C still quits); otherwise the global keys the screen
    /// lets the app take, then the screen itself.
    fn key(&mut self, key: &KeyEvent, out: &mut Vec<Output>) {
        if let Some(overlay) = self.overlay.clone() {
            if let Some(action) = lookup(overlay.keys(), key) {
                self.overlay = None;
                let outcome = match action {
                    DialogAction::Yes => self.confirmed(overlay),
                    DialogAction::No => self.declined(overlay),
                    DialogAction::Dismiss => crate::tui::components::Outcome::None,
                };
                self.carry_out(outcome, out);
            } else if lookup(GLOBAL_KEYS, key) == Some(GlobalAction::Interrupt) {
                self.quit = true;
            }
            return;
        }
        let component = self.screen.component();
        match lookup(GLOBAL_KEYS, key).filter(|a| component.lets_app_take(*a)) {
            Some(GlobalAction::Help) => self.overlay = Some(Overlay::Help),
            Some(GlobalAction::Bell) => {
                self.bell = !self.bell;
                self.message = Some(actions::bell_message(self.bell));
            }
            Some(GlobalAction::Interrupt) => self.quit = true,
            None => {
                self.message = None;
                let (screen, ctx) = self.split();
                let outcome = screen.component_mut().handle(key, &ctx);
                self.carry_out(outcome, out);
            }
        }
    }

    /// What screens may read, for drawing and for the footer.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            today: self.today,
            now: self.now,
            theme: self.theme,
            catalogue: &self.catalogue,
            config: &self.config,
            plan: self.plan.as_ref(),
            history: self.journal.history(),
        }
    }

    /// The screen to change and what it may read, borrowed side by side.
    fn split(&mut self) -> (&mut Screen, Ctx<'_>) {
        let ctx = Ctx {
            today: self.today,
            now: self.now,
            theme: self.theme,
            catalogue: &self.catalogue,
            config: &self.config,
            plan: self.plan.as_ref(),
            history: self.journal.history(),
        };
        (&mut self.screen, ctx)
    }

    /// The records written so far (for tests).
    pub fn journal(&self) -> &dyn Journal {
        self.journal.as_ref()
    }
}
