//! Read-only views of the app: the programme and settings in force, what Today shows, whether
//! exercise is safe today, the deadline, title, footer and help (the screen's, then the global
//! keys).

use super::{App, GLOBAL_KEYS, Screen};
use crate::domain::programme::Programme;
use crate::domain::session::{Session, SessionOptions};
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

    /// What the resume offer says: where the session would go on, and what is kept.
    pub fn resume_offer_lines(&self) -> Vec<String> {
        let ctx = self.ctx();
        let Some(log) = ctx.resumable() else {
            return Vec::new();
        };
        let mut lines = vec![format!(
            "The session started at {} was not finished.",
            log.at.format("%H:%M")
        )];
        if let Some(programme) = self.catalogue.get(&log.plan.programme) {
            let session = Session::resume(log, programme, self.session_options(), self.now);
            lines.push(match session.current_step() {
                Some(step) => format!("Resume at: {}.", session.slot_words(step.slot)),
                None => "Resume at: pain after the session, then the summary.".into(),
            });
        }
        let sets = log.sets.len();
        lines.push(format!(
            "Kept: {sets} set{} already saved, whatever you choose.",
            if sets == 1 { "" } else { "s" }
        ));
        lines.push("n leaves it for today: s then starts a fresh session.".into());
        lines
    }

    /// When the screen next changes without input (a running countdown), or the voice's next
    /// words fall due (a count, a time-left call), if ever.
    pub fn next_deadline(&self) -> Option<Instant> {
        let screen = self.screen.component().next_deadline(self.now);
        let voice = match &self.screen {
            Screen::Session(session) => self.voice.next_deadline(session, self.now),
            _ => None,
        };
        screen.into_iter().chain(voice).min()
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
