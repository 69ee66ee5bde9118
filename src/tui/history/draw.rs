//! Drawing the history screens: the tabs, the current view (or an open session) and the
//! status line.

use super::{HistoryScreen, Mode, View};
use super::{calendar, decisions, pain, progress, runs, sessions};
use crate::tui::size::{MIN_BODY, fits};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Tabs, Wrap};

impl HistoryScreen {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        if !fits(area, MIN_BODY) {
            frame.render_widget(
                Paragraph::new("Make the terminal larger to see history").wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        let [tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let titles = View::ALL.iter().map(|v| v.title());
        frame.render_widget(
            Tabs::new(titles)
                .select(self.view.index())
                .highlight_style(Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD))
                .divider("│"),
            tabs,
        );
        if let Mode::Detail { session, row } = self.mode {
            sessions::render_detail(self, frame, body, session, row);
        } else {
            match self.view {
                View::Pain => pain::render(self, frame, body),
                View::Calendar => calendar::render(self, frame, body),
                View::Sessions => sessions::render(self, frame, body),
                View::Decisions => decisions::render(self, frame, body),
                View::Progress => progress::render(self, frame, body),
                View::Runs => runs::render(self, frame, body),
            }
        }
        frame.render_widget(Paragraph::new(self.status_line()), status);
    }

    fn status_line(&self) -> Line<'static> {
        match &self.mode {
            Mode::Form(form) => Line::from(format!("{} › {}▏", form.question, form.typed))
                .style(Style::new().add_modifier(Modifier::BOLD)),
            Mode::Add { date } => Line::from(format!(
                "Add for {date}: c check-in · s session (plan as last time) · Esc cancel"
            )),
            _ => Line::from(self.message.clone().unwrap_or_default()),
        }
    }

    pub fn footer(&self) -> String {
        crate::tui::keymap::footer_hints(self.table())
    }
}
