//! Runs: weekly minutes and distance (km or mi, config `units`) beside the return-to-running caps (week step, two-week cap,
//! single run against the longest of the last 30 days), with "over" in words.

use super::table_window::first_visible;
use super::{HistoryScreen, View};
use crate::domain::config::Units;
use crate::domain::insight::LONGEST_RUN_LOOKBACK_DAYS;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

/// Rows taken by the table's border and header.
const TABLE_CHROME_ROWS: u16 = 3;

/// A cap kept in km, in the person's units, with "over" in words when it was passed.
fn cap(units: Units, value: Option<f64>, over: bool) -> String {
    match value {
        Some(v) if over => format!("{:.1} ▲over", units.from_km(v)),
        Some(v) => format!("{:.1}", units.from_km(v)),
        None => "–".into(),
    }
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
    let [table_area, note_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let pains = &screen.data().run_pains;
    let title = if pains.iter().any(|(_, p)| p.is_none()) {
        " Runs by week · newest first · ? a run's pain not rated yet "
    } else {
        " Runs by week · newest first "
    };
    let block = Block::bordered().title(title);
    frame.render_widget(
        Paragraph::new(format!(
            "Caps: a week ≤ {:.0} % of last week and ≤ {:.0} % of two weeks ago; one run ≤ {:.0} % of the longest in {} days. Cautious steps, not proven protection.",
            s.run_week_step * 100.0,
            s.run_two_week_cap * 100.0,
            s.run_session_cap * 100.0,
            LONGEST_RUN_LOOKBACK_DAYS
        ))
        .wrap(Wrap { trim: true }),
        note_area,
    );
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
            cap(units, w.week_cap_km, w.over_week_cap()),
            format!("{:.1}", units.from_km(w.longest_km)),
            cap(units, w.single_cap_km, w.over_single_cap()),
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
            Constraint::Length(12),
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
