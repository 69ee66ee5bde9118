//! Word wrapping with a hanging indent, so the runner knows how many rows a text takes before
//! it lays the screen out (ratatui's own wrapping only tells afterwards) and wrapped bullets
//! line up under their first word.

use ratatui::text::Span;

/// Columns `text` takes on screen.
fn cols(text: &str) -> usize {
    Span::raw(text).width()
}

/// `text` wrapped to `width` columns: the first row starts with `first`, the rest with `rest`
/// (both counted in the width). A word longer than a row is cut rather than lost.
pub fn hanging(text: &str, first: &str, rest: &str, width: u16) -> Vec<String> {
    let width = usize::from(width);
    let mut rows = Vec::new();
    let mut row = first.to_string();
    let mut row_has_word = false;
    for word in text.split_whitespace() {
        let needed = cols(&row) + usize::from(row_has_word) + cols(word);
        if row_has_word && needed > width {
            rows.push(std::mem::replace(&mut row, rest.to_string()));
            row_has_word = false;
        }
        if row_has_word {
            row.push(' ');
        }
        row.push_str(word);
        row_has_word = true;
    }
    rows.push(row);
    rows.into_iter().map(|r| cut(&r, width)).collect()
}

/// `text` cut to `width` columns, ending in "…" when something was cut.
pub fn cut(text: &str, width: usize) -> String {
    if cols(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if cols(&out) + cols(c.encode_utf8(&mut [0; 4])) + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_rows_keep_the_hanging_indent_and_fit() {
        let rows = hanging(
            "Lie on your back, legs straight, a belt looped around your thighs",
            "  • ",
            "    ",
            30,
        );
        assert_eq!(
            rows,
            [
                "  • Lie on your back, legs",
                "    straight, a belt looped",
                "    around your thighs",
            ]
        );
        assert!(rows.iter().all(|r| cols(r) <= 30));
    }

    #[test]
    fn a_short_text_is_one_row_and_a_long_word_is_cut() {
        assert_eq!(hanging("Breathe", "• ", "  ", 20), ["• Breathe"]);
        assert_eq!(hanging("abcdefghijkl", "", "", 6), ["abcde…"]);
        assert_eq!(cut("short", 10), "short");
    }
}
