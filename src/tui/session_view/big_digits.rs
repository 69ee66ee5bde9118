//! A large countdown readable from across the room: digits drawn 5 rows tall with block
//! characters, each column doubled so the strokes look square. Falls back to plain text when
//! the area is too small.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Rows of one glyph.
pub const GLYPH_ROWS: u16 = 5;
/// Screen columns per glyph column (doubling makes the strokes look square).
const SCALE: usize = 2;
/// Blank columns between glyphs.
const GAP: &str = "  ";

/// 3×5 glyphs for the digits and the colon ('#' is ink).
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        ':' => [" ", "#", " ", "#", " "],
        _ => return None,
    })
}

/// The five rows of `text` in big glyphs, or None when a character has no glyph.
fn big_rows(text: &str) -> Option<Vec<String>> {
    let glyphs: Vec<_> = text.chars().map(glyph).collect::<Option<_>>()?;
    let rows = (0..GLYPH_ROWS as usize)
        .map(|row| {
            glyphs
                .iter()
                .map(|g| {
                    g[row]
                        .chars()
                        .map(|c| if c == '#' { "█" } else { " " }.repeat(SCALE))
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(GAP)
        })
        .collect();
    Some(rows)
}

/// A countdown like "0:23" drawn big and centred.
pub struct BigClock<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl Widget for BigClock<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = big_rows(self.text).filter(|rows| {
            area.height >= GLYPH_ROWS
                && rows
                    .first()
                    .is_some_and(|r| r.chars().count() <= usize::from(area.width))
        });
        let lines: Vec<Line> = match rows {
            Some(rows) => rows.into_iter().map(Line::from).collect(),
            None => vec![Line::from(self.text.to_string())],
        };
        Paragraph::new(lines)
            .style(self.style)
            .alignment(Alignment::Center)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_digit_five_rows_tall() {
        let rows = big_rows("0123456789:").unwrap();
        assert_eq!(rows.len(), 5);
        assert!(
            rows.iter()
                .all(|r| r.chars().count() == rows[0].chars().count())
        );
        assert!(big_rows("1x").is_none());
    }

    #[test]
    fn falls_back_to_text_when_too_small() {
        let area = Rect::new(0, 0, 6, 2);
        let mut buf = Buffer::empty(area);
        BigClock {
            text: "0:23",
            style: Style::default(),
        }
        .render(area, &mut buf);
        assert_eq!(buf[(1, 0)].symbol(), "0");
    }
}
