//! Key tables of the history screens: browsing, an open session, the "add" choice and the
//! rating form. They drive dispatch, the footer hints and the `?` help.

use crate::tui::keymap::{Binding, Key};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextView,
    PrevView,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Range,
    Sides,
    Open,
    Edit,
    Add,
    Back,
    AddCheckIn,
    AddSession,
    Digit,
    Erase,
    Confirm,
    Cancel,
}

pub const BROWSE: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Tab, Key::Right, Key::Char('l')],
        hint: "view",
        help: "next view",
        action: Action::NextView,
    },
    Binding {
        keys: &[Key::BackTab, Key::Left, Key::Char('h')],
        hint: "",
        help: "previous view",
        action: Action::PrevView,
    },
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        hint: "",
        help: "earlier day (a week in the calendar) or row up",
        action: Action::Up,
    },
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        hint: "move",
        help: "later day (a week in the calendar) or row down",
        action: Action::Down,
    },
    Binding {
        keys: &[Key::PageUp],
        hint: "",
        help: "a page (or 4 weeks) back",
        action: Action::PageUp,
    },
    Binding {
        keys: &[Key::PageDown],
        hint: "",
        help: "a page (or 4 weeks) on",
        action: Action::PageDown,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        hint: "",
        help: "first day (chart, calendar) or top row",
        action: Action::First,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        hint: "",
        help: "today (chart, calendar) or bottom row",
        action: Action::Last,
    },
    Binding {
        keys: &[Key::Char('r')],
        hint: "range",
        help: "chart range: 2 weeks, 3 months, all",
        action: Action::Range,
    },
    Binding {
        keys: &[Key::Char('s')],
        hint: "sides",
        help: "pain chart: left/right sides or morning/during/after",
        action: Action::Sides,
    },
    Binding {
        keys: &[Key::Enter],
        hint: "open",
        help: "open the session's sets",
        action: Action::Open,
    },
    Binding {
        keys: &[Key::Char('e')],
        hint: "edit",
        help: "fix a rating (saved as a correction; nothing is rewritten)",
        action: Action::Edit,
    },
    Binding {
        keys: &[Key::Char('a')],
        hint: "add",
        help: "add a forgotten check-in or session for the selected day",
        action: Action::Add,
    },
    Binding {
        keys: &[Key::Esc, Key::Char('q')],
        hint: "back",
        help: "leave history",
        action: Action::Back,
    },
];

pub const DETAIL: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        hint: "",
        help: "previous set",
        action: Action::Up,
    },
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        hint: "move",
        help: "next set",
        action: Action::Down,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        hint: "",
        help: "first set",
        action: Action::First,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        hint: "",
        help: "last set",
        action: Action::Last,
    },
    Binding {
        keys: &[Key::Char('e')],
        hint: "edit pain",
        help: "fix the selected set's pain rating",
        action: Action::Edit,
    },
    Binding {
        keys: &[Key::Esc, Key::Char('q')],
        hint: "back",
        help: "close the session",
        action: Action::Back,
    },
];

pub const ADD: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Char('c')],
        hint: "check-in",
        help: "add the day's morning check-in",
        action: Action::AddCheckIn,
    },
    Binding {
        keys: &[Key::Char('s')],
        hint: "session",
        help: "add a session done as the last plan",
        action: Action::AddSession,
    },
    Binding {
        keys: &[Key::Esc, Key::Char('q')],
        hint: "cancel",
        help: "add nothing",
        action: Action::Cancel,
    },
];

pub const FORM: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Digit],
        hint: "type 0-10",
        help: "type the rating",
        action: Action::Digit,
    },
    Binding {
        keys: &[Key::Backspace],
        hint: "",
        help: "delete a digit",
        action: Action::Erase,
    },
    Binding {
        keys: &[Key::Enter],
        hint: "save",
        help: "save the rating",
        action: Action::Confirm,
    },
    Binding {
        keys: &[Key::Esc],
        hint: "cancel",
        help: "cancel without saving",
        action: Action::Cancel,
    },
];

pub fn lookup(table: &[Binding<Action>], key: &KeyEvent) -> Option<Action> {
    crate::tui::keymap::lookup(table, key)
}
