//! The session runner screen: renders a `Session` and maps keys to its inputs through one key
//! table per runner screen (`keys`), which also gives the footer hints and the help rows.
//!
//! Ratings take one keypress: digits 0–9, and `t` (or `!`) for 10; Enter keeps the last value.

pub mod big_digits;
mod dialogs;
mod end;
pub mod keys;
mod render;
pub mod title;
pub(crate) mod wrap;

use crate::domain::session::{Effect, Input, Screen, Session, Stage};
use crate::tui::keymap::{self, digit_of};
use crate::tui::size::{MIN_BODY, fits};
use crate::tui::theme::Theme;
use keys::Action;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::time::Instant;

/// Handle one key press in the runner; returns the effects for the shell to carry out.
pub fn handle_key(session: &mut Session, key: &KeyEvent, now: Instant) -> Vec<Effect> {
    match input_for(session.screen(), key) {
        Some(input) => session.apply(input, now),
        None => Vec::new(),
    }
}

/// The input a key means on a screen, if any.
pub fn input_for(screen: Screen, key: &KeyEvent) -> Option<Input> {
    if screen == Screen::EndNote
        && key.kind == KeyEventKind::Press
        && let KeyCode::Char(c) = key.code
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Input::Char(c));
    }
    match keymap::lookup(keys::table(screen), key)? {
        Action::Do(input) => Some(input),
        Action::Digit => digit_of(key).map(Input::Rate),
    }
}

/// Draw the runner into `area` in colour, dark palette (for callers without a config).
pub fn render(session: &Session, now: Instant, frame: &mut Frame, area: Rect) {
    let dark = Theme {
        color: true,
        light: false,
    };
    render_with(session, now, dark, frame, area);
}

/// Draw the runner into `area` in the app's theme (light or dark palette; no colour under
/// NO_COLOR, where meaning still shows: zones always carry their word and symbol).
pub fn render_with(session: &Session, now: Instant, theme: Theme, frame: &mut Frame, area: Rect) {
    // Below the app's minimum (a tiny terminal, or a test drawing the runner alone): the compact view.
    if !fits(area, MIN_BODY) {
        render::compact(session, now, frame, area);
        return;
    }
    match session.stage() {
        Stage::Steps => render::steps(session, now, theme, frame, area),
        Stage::RedPain { choice } => {
            render::steps(session, now, theme, frame, area);
            dialogs::red_pain(session, *choice, theme, frame, area);
        }
        Stage::EndForm(form) => end::end_form(session, form, theme, frame, area),
        Stage::Summary { scroll } => end::summary(session, *scroll, theme, frame, area),
        Stage::Ended => end::summary(session, 0, theme, frame, area),
    }
    if let Some(overlay) = session.overlay() {
        dialogs::overlay(session, overlay, now, theme, frame, area);
    }
}

/// Footer hints for the runner's current state.
pub fn footer(session: &Session) -> String {
    let hints = keymap::footer_hints(keys::table(session.screen()));
    match session.screen() {
        Screen::EndNote => format!("type a note · {hints}"),
        _ => hints,
    }
}

/// (keys, help) rows for the `?` overlay in the runner's current state.
pub fn help_rows(session: &Session) -> Vec<(String, &'static str)> {
    let mut rows = keymap::help_rows(keys::table(session.screen()));
    if session.screen() == Screen::EndNote {
        rows.insert(0, ("letters".to_string(), "type the note"));
    }
    rows
}
