//! Runs: weekly minutes and distance (km or mi, config `units`) beside the return-to-running caps
//! (the coach's own: week step, two-week cap, easier week, single run against the longest of the
//! last 30 days), with "easier" and "over" in words.

use super::table_window::first_visible;
use super::{HistoryScreen, View};
use crate::domain::config::Units;
use crate::domain::insight::LONGEST_RUN_LOOKBACK_DAYS;
use crate::domain::running_week::caps_in_words;
use crate::tui::session_view::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

/// Rows taken by the table's border and header.
const TABLE_CHROME_ROWS: u16 = 3;

/// A cap kept in km, in the person's units, with "easier" (an easier week) and "over" (passed)
/// in words.
fn cap(units: Units, value: Option<f64>, easier: bool, over: bool) -> String {
    let Some(v) = value else {
        return "–".into();
    };
    let mut cell = format!("{:.1}", units.from_km(v));
    if easier {
        cell.push_str(" easier");
    }
    if over {
        cell.push_str(" ▲over");
    }
    cell
}

/// The week's worst pain during a run, "?" after it when a run's pain is not rated yet.
fn week_pain(pains: impl Iterator<Item = Option<u8>>) -> String {
    let (mut worst, mut unrated) = (None::<u8>, false);
    for pain in pains {
        match pain {
            Some(p) => worst = worst.max(Some(p)),
            None => unrated = true,
        }
    }
    let worst = worst.map_or_else(|| "–".to_string(), |p| p.to_string());
    if unrated { format!("{worst} ?") } else { worst }
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
    let weeks = &screen.data().runs;
    let s = screen.settings();
    let units = s.units;
    let pains = &screen.data().run_pains;
    let note = format!(
        "Caps: {}. Cautious steps, not proven protection.",
        caps_in_words(s, LONGEST_RUN_LOOKBACK_DAYS)
    );
    let note: Vec<Line> = wrap::hanging(&note, "", "", area.width)
        .into_iter()
        .map(Line::raw)
        .collect();
    let note_rows = u16::try_from(note.len()).unwrap_or(u16::MAX);
    let [table_area, note_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(note_rows)]).areas(area);
    let title = if pains.iter().any(|(_, p)| p.is_none()) {
        " Runs by week · newest first · ? a run's pain not rated yet "
    } else {
        " Runs by week · newest first "
    };
    let block = Block::bordered().title(title);
    frame.render_widget(Paragraph::new(note), note_area);
    if weeks.is_empty() {
        frame.render_widget(
            Paragraph::new("No runs logged. `rehab log run` records one.").block(block),
            table_area,
        );
        return;
    }
    let selected = screen.row(View::Runs);
    let height = usize::from(table_area.height.saturating_sub(TABLE_CHROME_ROWS));
    let start = first_visible(selected, height);
    let rows = (start..weeks.len().min(start + height.max(1))).map(|row| {
        let w = &weeks[weeks.len() - 1 - row];
        let sunday = w.monday + chrono::Days::new(6);
        let in_week = pains.iter().filter(|(d, _)| *d >= w.monday && *d <= sunday);
        Row::new(vec![
            w.monday.format("%d %b %y").to_string(),
            w.runs.to_string(),
            format!("{:.0}", w.minutes),
            format!("{:.1}", units.from_km(w.km)),
            cap(units, w.week_cap_km, w.easier_week, w.over_week_cap()),
            format!("{:.1}", units.from_km(w.longest_km)),
            cap(units, w.single_cap_km, false, w.over_single_cap()),
            week_pain(in_week.map(|(_, p)| *p)),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(6),
            Constraint::Length(17),
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new([
            "week of",
            "runs",
            "min",
            units.word(),
            "week cap",
            "longest",
            "one-run cap",
            "pain",
        ])
        .style(Style::new().add_modifier(Modifier::BOLD)),
    )
    .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
    .block(block);
    let mut state = TableState::default().with_selected(Some(selected - start));
    frame.render_stateful_widget(table, table_area, &mut state);
}
