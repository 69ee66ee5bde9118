//! Styles from the terminal's own palette, in a dark and a light variant (`theme` in
//! config.toml). With `NO_COLOR` set there is no colour at all, only bold and reverse; meaning
//! never rests on colour (zones and decisions also carry words/symbols).

use crate::domain::config::ThemeChoice;
use crate::domain::pain::Zone;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Colours chosen for a light background (dark, saturated ones from the 256-colour palette).
    pub light: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org); light or
    /// dark as configured, `auto` reading the background from `COLORFGBG`.
    pub fn from_env(choice: ThemeChoice) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colorfgbg = std::env::var("COLORFGBG").ok();
        Theme {
            color: !no_color,
            light: is_light(choice, colorfgbg.as_deref()),
        }
    }

    pub fn plain() -> Theme {
        Theme {
            color: false,
            light: false,
        }
    }

    fn colored(self, dark: Color, light: Color) -> Style {
        match (self.color, self.light) {
            (false, _) => Style::new(),
            (true, false) => Style::new().fg(dark),
            (true, true) => Style::new().fg(light),
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
        self.colored(Color::Green, Color::Indexed(28))
    }
    pub fn warn(self) -> Style {
        self.colored(Color::Yellow, Color::Indexed(130))
            .add_modifier(Modifier::BOLD)
    }
    pub fn danger(self) -> Style {
        self.colored(Color::Red, Color::Indexed(124))
            .add_modifier(Modifier::BOLD)
    }
    pub fn accent(self) -> Style {
        self.colored(Color::Cyan, Color::Indexed(25))
    }
    /// A chart series in a colour that reads on both backgrounds (blue, magenta, red), or
    /// none without colour.
    pub fn series(self, color: Color) -> Style {
        self.colored(color, color)
    }
    /// Headings and the runner's big countdown.
    pub fn strong(self) -> Style {
        self.accent().add_modifier(Modifier::BOLD)
    }
    /// A pain zone, bold; its word and symbol always say the zone too.
    pub fn zone(self, zone: Zone) -> Style {
        match zone {
            Zone::Green => self.good().add_modifier(Modifier::BOLD),
            Zone::Amber => self.warn(),
            Zone::Red => self.danger(),
        }
    }
    /// Quiet marks (rest days, chart guide lines): grey that reads on either background.
    pub fn muted(self) -> Style {
        self.colored(Color::DarkGray, Color::Indexed(244))
    }
}

/// Light when asked, or on `auto` when `COLORFGBG` ("fg;bg", as rxvt, Konsole and others set it)
/// names a light background: white (7) or a bright colour (9–15) other than bright black (8).
fn is_light(choice: ThemeChoice, colorfgbg: Option<&str>) -> bool {
    match choice {
        ThemeChoice::Dark => false,
        ThemeChoice::Light => true,
        ThemeChoice::Auto => colorfgbg
            .and_then(|v| v.rsplit(';').next())
            .and_then(|bg| bg.trim().parse::<u8>().ok())
            .is_some_and(|bg| bg == 7 || (9..=15).contains(&bg)),
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
            t.muted(),
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        let dark = Theme {
            color: true,
            light: false,
        };
        assert_eq!(dark.danger().fg, Some(Color::Red));
    }

    #[test]
    fn the_light_palette_avoids_the_colours_that_vanish_on_white() {
        let light = Theme {
            color: true,
            light: true,
        };
        for style in [light.good(), light.warn(), light.accent(), light.muted()] {
            assert!(
                !matches!(
                    style.fg,
                    Some(Color::Yellow | Color::Cyan | Color::LightYellow | Color::White)
                ),
                "{style:?}"
            );
        }
    }

    #[test]
    fn auto_reads_the_background_from_colorfgbg() {
        assert!(is_light(ThemeChoice::Auto, Some("0;15")));
        assert!(is_light(ThemeChoice::Auto, Some("0;default;7")));
        assert!(!is_light(ThemeChoice::Auto, Some("15;0")));
        assert!(!is_light(ThemeChoice::Auto, None));
        assert!(is_light(ThemeChoice::Light, None));
        assert!(!is_light(ThemeChoice::Dark, Some("0;15")));
    }
}
