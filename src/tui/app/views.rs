//! Read-only views of the app: the programme and settings in force, what Today shows, whether
//! exercise is safe today, the deadline, title, footer and help (the screen's, then the global
//! keys).

use super::{App, GLOBAL_KEYS};
use crate::domain::programme::Programme;
use crate::domain::session::SessionOptions;
use crate::domain::settings::CoachSettings;
use crate::tui::keymap::{footer_hints, help_rows};
use crate::tui::screens::today::{Safety, TodayModel};
use std::time::Instant;

impl App {
    /// The programme now followed, if it is installed.
    pub fn programme(&self) -> Option<&Programme> {
        self.ctx().programme()
    }

    /// Coach settings: defaults, then config, then the programme's own overrides.
    pub fn settings(&self) -> CoachSettings {
        self.ctx().settings()
    }

    pub(super) fn session_options(&self) -> SessionOptions {
        self.ctx().session_options()
    }

    /// Stop, refer or clear (see `Ctx::safety`).
    pub fn safety(&self) -> Safety {
        self.ctx().safety()
    }

    /// What Today shows.
    pub fn today_model(&self, scroll: u16) -> TodayModel<'_> {
        self.ctx().today_model(scroll)
    }

    /// When the screen next changes without input (a running countdown), if ever.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.screen.component().next_deadline(self.now)
    }

    /// The window title (OSC 2).
    pub fn title(&self) -> String {
        self.screen.component().title(&self.ctx())
    }

    /// (keys, help) rows for the help overlay: the current screen's table, then the global keys.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let component = self.screen.component();
        let mut rows = component.help_rows();
        rows.extend(help_rows(component.global_help()));
        rows
    }

    /// Footer hints for the current screen (only keys that do something now).
    pub fn footer(&self) -> String {
        if let Some(overlay) = &self.overlay {
            return footer_hints(overlay.keys());
        }
        let screen = self.screen.component().footer(&self.ctx());
        [screen, footer_hints(GLOBAL_KEYS)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
