//! The session runner as a component. The runner owns its keys (its bell, its quit confirm for
//! q and Ctrl-C); the note field takes every letter, so there not even `?` is global.

use super::{Component, Outcome};
use crate::domain::session::{Screen as RunnerScreen, Session};
use crate::tui::app::{Ctx, GLOBAL_KEYS, GlobalAction};
use crate::tui::keymap::Binding;
use crate::tui::session_view;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::time::Instant;

impl Component for Session {
    fn name(&self) -> &'static str {
        "Session"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        Outcome::Effects(session_view::handle_key(self, key, ctx.now))
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        session_view::render_with(self, ctx.now, ctx.theme, frame, area);
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        session_view::footer(self)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        session_view::help_rows(self)
    }

    fn lets_app_take(&self, action: GlobalAction) -> bool {
        action == GlobalAction::Help && self.screen() != RunnerScreen::EndNote
    }

    /// Only `?`: the runner has its own bell key and quit confirm.
    fn global_help(&self) -> &'static [Binding<GlobalAction>] {
        &GLOBAL_KEYS[..1]
    }

    fn tick(&mut self, now: Instant) -> Outcome {
        Outcome::Effects(Session::tick(self, now))
    }

    fn next_deadline(&self, now: Instant) -> Option<Instant> {
        Session::next_deadline(self, now)
    }

    fn title(&self, ctx: &Ctx) -> String {
        session_view::title::title(self, ctx.now)
    }

    /// The current step and its countdown (the timers keep running).
    fn too_small_status(&self, ctx: &Ctx) -> Option<String> {
        Some(session_view::title::title(self, ctx.now))
    }
}
