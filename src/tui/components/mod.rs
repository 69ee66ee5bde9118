//! Each screen as a component: it owns its keys (through its key table, which also gives the
//! footer hints and the `?` help), draws itself, and answers a key with an `Outcome` that the
//! app carries out (switch screen, append records, start a session, quit, ...). Adding a screen
//! is a variant of `app::Screen`, its arm in `Screen::component` and `component_mut`, and an
//! impl here.

mod checkin;
mod chooser;
mod first_run;
mod history;
mod session;
mod today;

pub use today::TodayScreen;

use crate::domain::records::RecordBody;
use crate::domain::session::Effect;
use crate::tui::app::{Ctx, GLOBAL_KEYS, GlobalAction, Screen};
use crate::tui::history::edit::BackfilledSession;
use crate::tui::keymap::Binding;
use crate::tui::screens::overlays::Overlay;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::time::Instant;

/// What the app must do after a screen handled a key or a tick.
pub enum Outcome {
    None,
    /// Show this screen instead.
    Switch(Screen),
    /// Open this dialog over the screen.
    Overlay(Overlay),
    /// Append each `(date, body)` in order, stopping at the first error (shown in the footer);
    /// when all were written, show `then` (if given).
    Append {
        records: Vec<(NaiveDate, RecordBody)>,
        then: Option<Screen>,
    },
    /// A session logged afterwards: its sets need the id the journal gives `session_started`.
    AppendSession(Box<BackfilledSession>),
    /// Start today's session, or resume today's unfinished one.
    StartSession,
    ResumeSession,
    /// The runner's effects, carried out in order (journal first).
    Effects(Vec<Effect>),
    /// One line for the footer.
    Message(String),
    Quit,
}

impl Outcome {
    /// Append records dated `today`, then show Today.
    pub fn append_then_today(today: NaiveDate, bodies: Vec<RecordBody>) -> Outcome {
        Outcome::Append {
            records: bodies.into_iter().map(|body| (today, body)).collect(),
            then: Some(Screen::today()),
        }
    }
}

pub trait Component {
    /// The screen's name in the header and the window title.
    fn name(&self) -> &'static str;

    /// A key press the app did not take as a global key.
    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome;

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx);

    /// Hints for the keys that do something now (from the screen's key table).
    fn footer(&self, ctx: &Ctx) -> String;

    /// (keys, help) rows for the `?` overlay (from the screen's key table).
    fn help_rows(&self) -> Vec<(String, &'static str)>;

    /// Whether the app handles this global key here; a screen that needs the key itself
    /// (a letter typed into a note) says no.
    fn lets_app_take(&self, _action: GlobalAction) -> bool {
        true
    }

    /// The global keys listed in this screen's help.
    fn global_help(&self) -> &'static [Binding<GlobalAction>] {
        GLOBAL_KEYS
    }

    /// A deadline from `next_deadline` passed.
    fn tick(&mut self, _now: Instant) -> Outcome {
        Outcome::None
    }

    /// When the screen next changes without input (a running countdown), if ever.
    fn next_deadline(&self, _now: Instant) -> Option<Instant> {
        None
    }

    /// The window title (OSC 2).
    fn title(&self, _ctx: &Ctx) -> String {
        format!("rehab · {}", self.name())
    }

    /// What must stay visible when the terminal is below the minimum size.
    fn too_small_status(&self, _ctx: &Ctx) -> Option<String> {
        None
    }

    /// The journal changed: bring anything derived from it up to date.
    fn refresh(&mut self, _ctx: &Ctx) {}
}
