//! History screens: pain chart, calendar, sessions, decisions, exercise progress, runs, and
//! in-app edits. (Interface agreed between the history and TUI work.)

use crate::domain::history::History;
use crate::domain::records::RecordBody;
use crate::store::programme_files::Catalogue;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What the app must do after a key in the history screens.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryOutcome {
    /// Nothing for the shell to do (the screen may have changed).
    None,
    /// Leave the history screens.
    Close,
    /// Append these records (corrections, backfilled check-ins or sessions), then call `refresh`.
    Append(Vec<(NaiveDate, RecordBody)>),
}

pub struct HistoryScreen {
    today: NaiveDate,
}

impl HistoryScreen {
    pub fn new(history: &History, catalogue: &Catalogue, today: NaiveDate) -> HistoryScreen {
        let _ = (history, catalogue);
        HistoryScreen { today }
    }

    /// Rebuild derived views after the journal changed.
    pub fn refresh(&mut self, history: &History, catalogue: &Catalogue) {
        let _ = (history, catalogue, self.today);
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> HistoryOutcome {
        let _ = key;
        HistoryOutcome::Close
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let _ = (frame, area);
    }

    pub fn footer(&self) -> String {
        String::new()
    }

    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        Vec::new()
    }
}
