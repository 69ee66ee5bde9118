//! Key hints laid out in whole hints: a row breaks only between two hints, and when the rows
//! are full the last hints give way to "? more" (the help overlay lists every key, as gitui
//! does), so a key is never split from its hint.

use ratatui::text::Span;

/// Between two hints.
const SEPARATOR: &str = " · ";
/// What stands for the hints left out; `?` opens the help overlay on every screen.
const MORE: &str = "? more";
/// The help hint, which "? more" replaces when hints are left out.
const HELP: &str = "? help";

/// `hints` ("Enter/s start · c check-in · ? help") in at most `rows` rows of `width` columns.
pub fn fit(hints: &str, width: u16, rows: usize) -> Vec<String> {
    let width = usize::from(width);
    let all: Vec<&str> = hints.split(SEPARATOR).filter(|h| !h.is_empty()).collect();
    if let Some(lines) = pack(&all, width, rows, None) {
        return lines;
    }
    let without_help: Vec<&str> = all.iter().copied().filter(|h| *h != HELP).collect();
    // Take hints from the front while they and "? more" still fit.
    (0..=without_help.len())
        .rev()
        .find_map(|n| pack(&without_help[..n], width, rows, Some(MORE)))
        .unwrap_or_else(|| vec![MORE.to_string()])
}

/// The hints (then `last`) in rows broken between hints, or None when they need more rows.
fn pack(hints: &[&str], width: usize, rows: usize, last: Option<&str>) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    for hint in hints.iter().copied().chain(last) {
        match lines.last_mut() {
            Some(line) if columns(line) + columns(SEPARATOR) + columns(hint) <= width => {
                line.push_str(SEPARATOR);
                line.push_str(hint);
            }
            _ if columns(hint) <= width => lines.push(hint.to_string()),
            _ => return None,
        }
    }
    (lines.len() <= rows).then_some(lines)
}

fn columns(text: &str) -> usize {
    Span::raw(text).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HINTS: &str = "Enter/s start · c check-in · a acknowledge · h history · p programme · ↓/j more · q quit · ? help";

    fn whole_hints(lines: &[String]) {
        for line in lines {
            for hint in line.split(SEPARATOR) {
                assert!(
                    hint == MORE || HINTS.split(SEPARATOR).any(|h| h == hint),
                    "{hint:?} is not a whole hint"
                );
            }
        }
    }

    #[test]
    fn hints_that_fit_stay_on_one_row() {
        assert_eq!(fit(HINTS, 200, 2), vec![HINTS.to_string()]);
    }

    #[test]
    fn rows_break_between_hints_never_inside_one() {
        let lines = fit(HINTS, 80, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| columns(l) <= 80), "{lines:?}");
        whole_hints(&lines);
        assert_eq!(lines.join(SEPARATOR), HINTS);
    }

    #[test]
    fn when_the_rows_are_full_the_last_hints_give_way_to_more() {
        let lines = fit(HINTS, 40, 1);
        assert_eq!(lines.len(), 1);
        assert!(columns(&lines[0]) <= 40, "{lines:?}");
        assert!(
            lines[0].starts_with("Enter/s start · c check-in"),
            "{lines:?}"
        );
        assert!(lines[0].ends_with(" · ? more"), "{lines:?}");
        whole_hints(&lines);
        assert_eq!(fit(HINTS, 8, 1), vec![MORE.to_string()]);
    }
}
