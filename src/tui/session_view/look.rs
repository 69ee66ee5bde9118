//! Styles for the runner. Colour only ever repeats what a word or symbol already says, so with
//! colour off (NO_COLOR) nothing is lost.

use crate::domain::pain::Zone;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub colour: bool,
}

impl Look {
    pub fn zone(self, zone: Zone) -> Style {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        if !self.colour {
            return bold;
        }
        bold.fg(match zone {
            Zone::Green => Color::Green,
            Zone::Amber => Color::Yellow,
            Zone::Red => Color::Red,
        })
    }

    /// The big countdown and headings.
    pub fn strong(self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.colour { s.fg(Color::Cyan) } else { s }
    }

    pub fn dim(self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// The highlighted row of a list (reversed, so it shows without colour too).
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}
