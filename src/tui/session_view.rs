//! The session runner screen: renders a `Session` and maps keys to its inputs through its key
//! table. (Interface agreed between the session-runner and TUI work.)

use crate::domain::session::{Effect, Session};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::time::Instant;

/// Handle one key press in the runner; returns the effects for the shell to carry out.
pub fn handle_key(session: &mut Session, key: &KeyEvent, now: Instant) -> Vec<Effect> {
    let _ = (session, key, now);
    Vec::new()
}

/// Draw the runner into `area`.
pub fn render(session: &Session, now: Instant, frame: &mut Frame, area: Rect) {
    let _ = (session, now, frame, area);
}

/// Footer hints for the runner's current state.
pub fn footer(session: &Session) -> String {
    let _ = session;
    String::new()
}

/// (keys, help) rows for the `?` overlay in the runner's current state.
pub fn help_rows(session: &Session) -> Vec<(String, &'static str)> {
    let _ = session;
    Vec::new()
}
