//! One key table per screen drives dispatch, the footer hints and the `?` help overlay.
//! Screens declare `const KEYS: &[Binding<TheirAction>]`; nothing else matches keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key as written in a table: a character, a named key, or Ctrl + a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Any digit 0–9 (the action receives the digit through `Binding::digit_of`).
    Digit,
}

impl Key {
    /// How the key is written in hints and help.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Backspace => "Backspace".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Digit => "0-9".into(),
        }
    }

    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (self, ev.code) {
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl && k.eq_ignore_ascii_case(&c),
            (Key::Char(c), KeyCode::Char(k)) => !ctrl && k == c,
            (Key::Digit, KeyCode::Char(k)) => !ctrl && k.is_ascii_digit(),
            (Key::Enter, KeyCode::Enter) => true,
            (Key::Esc, KeyCode::Esc) => true,
            (Key::Tab, KeyCode::Tab) => true,
            (Key::BackTab, KeyCode::BackTab) => true,
            (Key::Backspace, KeyCode::Backspace) => true,
            (Key::Up, KeyCode::Up) => true,
            (Key::Down, KeyCode::Down) => true,
            (Key::Left, KeyCode::Left) => true,
            (Key::Right, KeyCode::Right) => true,
            (Key::PageUp, KeyCode::PageUp) => true,
            (Key::PageDown, KeyCode::PageDown) => true,
            (Key::Home, KeyCode::Home) => true,
            (Key::End, KeyCode::End) => true,
            _ => false,
        }
    }
}

/// One row of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    /// Short footer hint ("pause"); empty to keep it out of the footer.
    pub hint: &'static str,
    /// Longer text for the `?` overlay.
    pub help: &'static str,
    pub action: A,
}

/// The action bound to a key press, if any. Only presses count (not repeats or releases).
pub fn lookup<A: Copy>(table: &[Binding<A>], ev: &KeyEvent) -> Option<A> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    table
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// The digit typed, for `Key::Digit` bindings.
pub fn digit_of(ev: &KeyEvent) -> Option<u8> {
    match ev.code {
        KeyCode::Char(c) if c.is_ascii_digit() => Some(c as u8 - b'0'),
        _ => None,
    }
}

/// "p pause · s skip · ? help" for the footer.
pub fn footer_hints<A>(table: &[Binding<A>]) -> String {
    table
        .iter()
        .filter(|b| !b.hint.is_empty())
        .map(|b| format!("{} {}", keys_label(b.keys), b.hint))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "j/↓" for a binding's keys.
fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(|k| k.label()).collect::<Vec<_>>().join("/")
}

/// (keys, help) rows for the `?` overlay.
pub fn help_rows<A>(table: &[Binding<A>]) -> Vec<(String, &'static str)> {
    table.iter().map(|b| (keys_label(b.keys), b.help)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum A {
        Down,
        Quit,
        Rate,
    }

    const T: &[Binding<A>] = &[
        Binding {
            keys: &[Key::Char('j'), Key::Down],
            hint: "",
            help: "next",
            action: A::Down,
        },
        Binding {
            keys: &[Key::Char('q'), Key::Ctrl('c')],
            hint: "quit",
            help: "quit",
            action: A::Quit,
        },
        Binding {
            keys: &[Key::Digit],
            hint: "rate",
            help: "rate pain",
            action: A::Rate,
        },
    ];

    #[test]
    fn lookup_matches_presses_only() {
        let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(T, &ev), Some(A::Quit));
        assert_eq!(
            lookup(T, &KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
            Some(A::Down)
        );
        let ev7 = KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE);
        assert_eq!(lookup(T, &ev7), Some(A::Rate));
        assert_eq!(digit_of(&ev7), Some(7));
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(lookup(T, &release), None);
        assert_eq!(footer_hints(T), "q/Ctrl-C quit · 0-9 rate");
    }
}
