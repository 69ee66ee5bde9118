//! The programme chooser as a component: a switch asks to confirm first.

use super::{Component, Outcome};
use crate::tui::app::{Ctx, Screen};
use crate::tui::keymap::{footer_hints, help_rows, lookup};
use crate::tui::screens::chooser::{self, Chooser, ChooserAction};
use crate::tui::screens::overlays::Overlay;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

impl Component for Chooser {
    fn name(&self) -> &'static str {
        "Programmes"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        let catalogue = ctx.catalogue;
        match lookup(chooser::KEYS, key) {
            Some(ChooserAction::Up) => self.move_by(catalogue, false),
            Some(ChooserAction::Down) => self.move_by(catalogue, true),
            Some(ChooserAction::First) => self.jump(catalogue, false),
            Some(ChooserAction::Last) => self.jump(catalogue, true),
            Some(ChooserAction::Choose) => {
                let Some(id) = self.chosen(catalogue) else {
                    return Outcome::None;
                };
                // Choosing the programme already followed changes nothing.
                return if ctx.history.current().is_some_and(|c| c.programme == id) {
                    Outcome::Switch(Screen::today())
                } else {
                    Outcome::Overlay(Overlay::ConfirmSwitch(id.to_string()))
                };
            }
            Some(ChooserAction::Back) => return Outcome::Switch(Screen::today()),
            None => {}
        }
        Outcome::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let current = ctx.history.current().map(|c| c.programme.as_str());
        chooser::render(self, ctx.catalogue, current, ctx.theme, frame, area);
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        footer_hints(chooser::KEYS)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        help_rows(chooser::KEYS)
    }
}
