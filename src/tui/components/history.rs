//! The history screens as a component: their outcomes become journal appends.

use super::{Component, Outcome};
use crate::tui::app::{Ctx, GlobalAction, Screen};
use crate::tui::history::{HistoryOutcome, HistoryScreen};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

impl Component for HistoryScreen {
    fn name(&self) -> &'static str {
        "History"
    }

    fn handle(&mut self, key: &KeyEvent, _ctx: &Ctx) -> Outcome {
        match self.handle_key(key) {
            HistoryOutcome::None => Outcome::None,
            HistoryOutcome::Close => Outcome::Switch(Screen::today()),
            HistoryOutcome::Append(records) => Outcome::Append {
                records,
                then: None,
            },
            HistoryOutcome::AppendSession(backfill) => Outcome::AppendSession(backfill),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, _ctx: &Ctx) {
        HistoryScreen::render(self, frame, area);
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        HistoryScreen::footer(self)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        HistoryScreen::help_rows(self)
    }

    /// `b` is the history's own key.
    fn lets_app_take(&self, action: GlobalAction) -> bool {
        action != GlobalAction::Bell
    }

    fn refresh(&mut self, ctx: &Ctx) {
        HistoryScreen::refresh(self, ctx.history, ctx.catalogue);
    }
}
