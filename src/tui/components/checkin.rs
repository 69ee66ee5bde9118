//! The morning check-in and the red-flag questions asked with it, as components.

use super::{Component, Outcome};
use crate::tui::app::{Ctx, Screen};
use crate::tui::keymap::{digit_of, footer_hints, help_rows, lookup};
use crate::tui::screens::checkin::{self, CheckInForm, FormAction};
use crate::tui::screens::flag_check::{self, FlagCheck};
use crate::tui::screens::milestone_check::{self, MilestoneCheck};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

impl Component for CheckInForm {
    fn name(&self) -> &'static str {
        "Check-in"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        match lookup(checkin::KEYS, key) {
            // The red-flag questions come first when due; they save the check-in with them.
            Some(FormAction::Save) => match ctx.red_flag_recheck_due(self.pain) {
                Some(why) => Outcome::Switch(Screen::FlagCheck(FlagCheck::new(self.clone(), why))),
                None if self.is_empty() => Outcome::Switch(Screen::today()),
                None => ctx.save_checkin(self.records(Default::default())),
            },
            Some(FormAction::Skip) => Outcome::Switch(Screen::today()),
            Some(action) => {
                self.edit(action, digit_of(key));
                Outcome::None
            }
            None => Outcome::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let settings = ctx.settings();
        checkin::render(
            self,
            ctx.theme,
            settings.green_max,
            settings.amber_max,
            frame,
            area,
        );
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        footer_hints(checkin::KEYS)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        help_rows(checkin::KEYS)
    }
}

impl Component for FlagCheck {
    fn name(&self) -> &'static str {
        "Check-in"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        let answered =
            lookup(flag_check::KEYS, key).and_then(|action| FlagCheck::handle(self, action));
        match answered {
            Some(bodies) => ctx.save_checkin(bodies),
            None => Outcome::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        flag_check::render(self, ctx.theme, frame, area);
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        footer_hints(flag_check::KEYS)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        help_rows(flag_check::KEYS)
    }
}

impl Component for MilestoneCheck {
    fn name(&self) -> &'static str {
        "Check-in"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        let answered = lookup(milestone_check::KEYS, key)
            .and_then(|action| MilestoneCheck::handle(self, action));
        match answered {
            Some(bodies) if bodies.is_empty() => Outcome::Switch(Screen::today()),
            Some(bodies) => Outcome::append_then_today(ctx.today, bodies),
            None => Outcome::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        milestone_check::render(self, ctx.theme, frame, area);
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        footer_hints(milestone_check::KEYS)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        help_rows(milestone_check::KEYS)
    }
}
