//! Today as a component: the plan and the keys to start, check in, switch, see history.

use super::{Component, Outcome};
use crate::domain::records::RecordBody;
use crate::tui::app::{Ctx, Screen};
use crate::tui::history::HistoryScreen;
use crate::tui::keymap::{Binding, footer_hints, help_rows, lookup};
use crate::tui::screens::chooser::Chooser;
use crate::tui::screens::overlays::Overlay;
use crate::tui::screens::today::{self, Safety, TodayAction};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::cell::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodayScreen {
    /// Rows scrolled down (the plan may be longer than the screen).
    pub scroll: u16,
    /// The furthest the plan could scroll at the last frame drawn, so `G` and `j` stop there.
    pub max_scroll: Cell<u16>,
    /// The referral in full even on a short screen (`i`).
    pub advice_open: bool,
}

impl Component for TodayScreen {
    fn name(&self) -> &'static str {
        "Today"
    }

    fn handle(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        let Some(action) = lookup(today::KEYS, key) else {
            return Outcome::None;
        };
        let model = ctx.today_model(0);
        if !model.offers(action) {
            return Outcome::Message(match action {
                TodayAction::Start if matches!(model.safety, Safety::Stop(_)) => {
                    "Exercise is locked: see the message at the top.".into()
                }
                TodayAction::Start if model.done_today => {
                    "Today's session is done: see you tomorrow.".into()
                }
                TodayAction::Start => "Choose a programme first (press p).".into(),
                _ => "Not available now.".into(),
            });
        }
        match action {
            TodayAction::Start if ctx.resumable().is_some() => Outcome::ResumeSession,
            TodayAction::Start => Outcome::StartSession,
            TodayAction::CheckIn => Outcome::Switch(Screen::CheckIn(ctx.new_checkin_form())),
            TodayAction::Switch => {
                let current = ctx.history.current().map(|c| c.programme.as_str());
                Outcome::Switch(Screen::Chooser(Chooser::at(ctx.catalogue, current)))
            }
            TodayAction::History => {
                // config.toml's coach overrides also shape the history views (zones, run caps).
                let screen = HistoryScreen::new(ctx.history, ctx.catalogue, ctx.today)
                    .with_settings(ctx.history, ctx.catalogue, ctx.settings())
                    .with_look(ctx.theme, ctx.config.week_start);
                Outcome::Switch(Screen::History(Box::new(screen)))
            }
            TodayAction::Acknowledge => match model.safety {
                Safety::Refer { reason, .. } => Outcome::Append {
                    records: vec![(ctx.today, RecordBody::ReferralAcknowledged { reason })],
                    then: None,
                },
                _ => Outcome::None,
            },
            TodayAction::ClinicianSeen => Outcome::Overlay(Overlay::ConfirmClinician),
            TodayAction::ScrollUp => {
                self.scroll = self.scroll.min(self.max_scroll.get()).saturating_sub(1);
                Outcome::None
            }
            TodayAction::ScrollDown => {
                self.scroll = self.scroll.saturating_add(1).min(self.max_scroll.get());
                Outcome::None
            }
            TodayAction::Top => {
                self.scroll = 0;
                Outcome::None
            }
            TodayAction::Bottom => {
                self.scroll = self.max_scroll.get();
                Outcome::None
            }
            TodayAction::Banner => {
                self.advice_open = !self.advice_open;
                Outcome::None
            }
            TodayAction::Quit => Outcome::Quit,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let max = today::render(
            &ctx.today_model(self.scroll),
            ctx.theme,
            frame,
            area,
            self.advice_open,
        );
        self.max_scroll.set(max);
    }

    /// Only the keys that do something now; Start says whether it resumes or starts another.
    fn footer(&self, ctx: &Ctx) -> String {
        let model = ctx.today_model(0);
        let offered: Vec<_> = today::KEYS
            .iter()
            .filter(|b| model.offers(b.action))
            .map(|b| match b.action {
                TodayAction::Start if model.unfinished_today => Binding {
                    hint: "resume the session",
                    ..*b
                },
                TodayAction::Start if model.done_today => Binding {
                    hint: "start another session",
                    ..*b
                },
                _ => *b,
            })
            .collect();
        footer_hints(&offered)
    }

    fn help_rows(&self) -> Vec<(String, &'static str)> {
        help_rows(today::KEYS)
    }
}
