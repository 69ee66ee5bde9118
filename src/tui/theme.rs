//! Styles from the terminal's own palette. With `NO_COLOR` set there is no colour at all, only
//! bold and reverse; meaning never rests on colour (zones and decisions also carry words/symbols).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn colored(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn good(self) -> Style {
        self.colored(Color::Green)
    }
    pub fn warn(self) -> Style {
        self.colored(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn danger(self) -> Style {
        self.colored(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn accent(self) -> Style {
        self.colored(Color::Cyan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_has_no_colour_at_all() {
        let t = Theme::plain();
        for style in [
            t.title(),
            t.dim(),
            t.selected(),
            t.good(),
            t.warn(),
            t.danger(),
            t.accent(),
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert_eq!(Theme { color: true }.danger().fg, Some(Color::Red));
    }
}
