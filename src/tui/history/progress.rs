//! Exercise progress: each exercise's rung over the chosen range as a text strip (taller block,
//! higher rung), with the current rung and the number of steps up and down.

use super::table_window::first_visible;
use super::{HistoryScreen, View};
use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

/// Rows taken by the table's border and header.
const TABLE_CHROME_ROWS: u16 = 3;
/// Columns used by everything but the name and the strip (rung, steps, borders, gaps).
const OTHER_COLUMNS: u16 = 22;
/// The name column is as wide as the longest name, at least this…
const NAME_MIN_COLUMNS: u16 = 12;
/// …and at most this share of the width (numerator, denominator): the strip needs the rest.
const NAME_MAX_SHARE: (u16, u16) = (2, 5);
const STRIP_BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per slice of the range: the rung in force on that slice's last day.
fn strip(series: &[(NaiveDate, u32)], from: NaiveDate, to: NaiveDate, width: usize) -> String {
    let top = series.iter().map(|(_, r)| *r).max().unwrap_or(1).max(1);
    let days = (to - from).num_days().max(0) as u64 + 1;
    let width = width.max(1).min(days as usize);
    (0..width)
        .map(|i| {
            let last = from + Days::new((i as u64 + 1) * days / width as u64 - 1);
            let upto = series.partition_point(|(d, _)| *d <= last);
            match upto.checked_sub(1).map(|j| series[j]) {
                Some((_, rung)) => {
                    STRIP_BLOCKS[(rung as usize * STRIP_BLOCKS.len())
                        .div_ceil(top as usize + 1)
                        .min(STRIP_BLOCKS.len() - 1)]
                }
                None => ' ',
            }
        })
        .collect()
}

/// `name` in at most `width` characters: cut with "…" when longer, so a cut shows.
fn shortened(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        return name.to_string();
    }
    let kept: String = name.chars().take(width.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

fn steps(series: &[(NaiveDate, u32)]) -> (usize, usize) {
    series.windows(2).fold((0, 0), |(up, down), w| {
        (
            up + usize::from(w[1].1 > w[0].1),
            down + usize::from(w[1].1 < w[0].1),
        )
    })
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
    let rungs = &screen.data().rungs;
    let (from, to) = screen.range_days();
    let block = Block::bordered().title(format!(" Rungs over time · {} ", screen.range().label()));
    if rungs.is_empty() {
        frame.render_widget(Paragraph::new("No sessions yet.").block(block), area);
        return;
    }
    let longest = rungs
        .keys()
        .map(|exercise| screen.data().name(exercise).chars().count())
        .max()
        .unwrap_or(0);
    let name_width = u16::try_from(longest)
        .unwrap_or(u16::MAX)
        .min(area.width * NAME_MAX_SHARE.0 / NAME_MAX_SHARE.1)
        .max(NAME_MIN_COLUMNS);
    let strip_width = usize::from(area.width.saturating_sub(name_width + OTHER_COLUMNS)).max(1);
    let selected = screen.row(View::Progress);
    let height = usize::from(area.height.saturating_sub(TABLE_CHROME_ROWS));
    let start = first_visible(selected, height);
    let rows = rungs
        .iter()
        .skip(start)
        .take(height.max(1))
        .map(|(exercise, series)| {
            let (up, down) = steps(series);
            Row::new(vec![
                shortened(screen.data().name(exercise), usize::from(name_width)),
                series.last().map_or(String::new(), |(_, r)| r.to_string()),
                format!("↑{up} ↓{down}"),
                strip(series, from, to, strip_width),
            ])
        });
    let table = Table::new(
        rows,
        [
            Constraint::Length(name_width),
            Constraint::Length(4),
            Constraint::Length(9),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new(["exercise", "now", "steps", "rung (taller = higher)"])
            .style(Style::new().add_modifier(Modifier::BOLD)),
    )
    .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
    .block(block);
    let mut state = TableState::default().with_selected(Some(selected - start));
    frame.render_stateful_widget(table, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(shortened("Bridge", 12), "Bridge");
        assert_eq!(
            shortened("Side-lying abduction", 20),
            "Side-lying abduction"
        );
        assert_eq!(shortened("Side-lying abduction", 12), "Side-lying…");
        assert_eq!(shortened("Side-lying abduction", 1), "…");
    }

    #[test]
    fn strip_shows_the_rung_in_force() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
        let series = [(d(2), 1), (d(4), 2)];
        let s = strip(&series, d(1), d(5), 5);
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(chars[0], ' ', "nothing before the first session");
        assert!(chars[1] < chars[3], "{s}");
        assert_eq!(steps(&series), (1, 0));
    }
}
