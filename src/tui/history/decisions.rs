//! Decisions log: every plan change, newest first, with the selected change's reasons in full
//! ("why did my hold drop on Tuesday?").

use super::table_window::first_visible;
use super::{HistoryScreen, View};
use crate::domain::insight::PlanChange;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

/// Rows taken by the table's border and header.
const TABLE_CHROME_ROWS: u16 = 3;
/// Share of the height given to the reasons of the selected change.
const REASONS_PERCENT: u16 = 40;

fn rung_summary(screen: &HistoryScreen, change: &PlanChange) -> String {
    if change.previous.is_none() {
        return "starting plan".into();
    }
    let moved: Vec<String> = change
        .rungs
        .iter()
        .map(|r| {
            let name = screen.data().name(&r.exercise);
            match r.from {
                Some(from) if from < r.to => format!("{name} ↑{from}→{}", r.to),
                Some(from) => format!("{name} ↓{from}→{}", r.to),
                None => format!("{name} added at {}", r.to),
            }
        })
        .collect();
    if moved.is_empty() {
        "same rungs".into()
    } else {
        moved.join(", ")
    }
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
    let changes = &screen.data().changes;
    let block =
        Block::bordered().title(format!(" Plan changes ({}) · newest first ", changes.len()));
    if changes.is_empty() {
        frame.render_widget(
            Paragraph::new("No plan yet: the first session sets one.").block(block),
            area,
        );
        return;
    }
    let [list_area, reasons_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Percentage(REASONS_PERCENT)])
            .areas(area);
    let selected = screen.row(View::Decisions);
    let height = usize::from(list_area.height.saturating_sub(TABLE_CHROME_ROWS));
    let start = first_visible(selected, height);
    let rows = (start..changes.len().min(start + height.max(1))).map(|row| {
        let c = &changes[changes.len() - 1 - row];
        Row::new(vec![
            c.date.format("%a %d %b %y").to_string(),
            c.phase.clone(),
            c.decision.word().to_string(),
            rung_summary(screen, c),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(13),
            Constraint::Length(6),
            Constraint::Length(9),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new(["date", "phase", "decision", "what changed"])
            .style(Style::new().add_modifier(Modifier::BOLD)),
    )
    .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
    .block(block);
    let mut state = TableState::default().with_selected(Some(selected - start));
    frame.render_stateful_widget(table, list_area, &mut state);

    let Some(change) = changes.len().checked_sub(selected + 1).map(|i| &changes[i]) else {
        return;
    };
    let mut text = vec![format!("{}: {}", change.date, change.decision)];
    text.extend(
        screen
            .data()
            .change_reasons(change)
            .into_iter()
            .map(|(said, rule)| format!("• {said} ({rule})")),
    );
    frame.render_widget(
        Paragraph::new(text.join("\n"))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Why · Enter opens the session ")),
        reasons_area,
    );
}
