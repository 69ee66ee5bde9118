//! The first run (welcome, red flags, programme, baseline) as a component.

use super::{Component, Outcome};
use crate::domain::records::RecordBody;
use crate::tui::app::Ctx;
use crate::tui::keymap::{digit_of, footer_hints, help_rows, lookup};
use crate::tui::screens::first_run::{self, FirstRun, FirstRunOutcome};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

impl Component for FirstRun {
    fn name(&self) -> &'static str {
        "Welcome"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        let Some(action) = lookup(self.keys(), key) else {
            return Outcome::None;
        };
        match FirstRun::handle(self, action, digit_of(key), ctx.catalogue) {
            FirstRunOutcome::None => Outcome::None,
            // The programme first: the baseline check-in is read against it.
            FirstRunOutcome::Finish { programme, checkin } => {
                let chosen = programme.map(|programme| RecordBody::ProgrammeChosen {
                    programme,
                    start: ctx.today,
                });
                Outcome::append_then_today(ctx.today, chosen.into_iter().chain(checkin).collect())
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let settings = ctx.settings();
        first_run::render(
            self,
            ctx.catalogue,
            ctx.theme,
            settings.green_max,
            settings.amber_max,
            frame,
            area,
        );
    }

    fn footer(&self, _ctx: &Ctx) -> String {
        footer_hints(self.keys())
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        help_rows(self.keys())
    }
}
