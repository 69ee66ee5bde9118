//! Sessions table (newest first: date, phase, exercises done, pain during and after, the plan
//! that followed) and one session's sets when opened.

use super::table_window::first_visible;
use super::{HistoryScreen, View};
use crate::domain::history::SessionLog;
use crate::domain::insight::session_outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

/// Rows taken by the table's border and header.
const TABLE_CHROME_ROWS: u16 = 3;

fn selected_style() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

fn rating(value: Option<u8>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

/// "2/3" exercises with every planned set logged, out of those planned.
fn exercises_done(session: &SessionLog) -> String {
    let planned = session.plan.exercises.len();
    let done = session
        .plan
        .exercises
        .iter()
        .filter(|e| {
            let per_side = session.sets_of(&e.exercise).any(|s| s.side.is_some());
            session.completed(&e.exercise, per_side)
        })
        .count();
    format!("{done}/{planned}")
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
    let sessions = &screen.data().sessions;
    let block = Block::bordered().title(format!(" Sessions ({}) · newest first ", sessions.len()));
    if sessions.is_empty() {
        frame.render_widget(
            Paragraph::new("No sessions yet. a adds one for the selected day.").block(block),
            area,
        );
        return;
    }
    let selected = screen.row(View::Sessions);
    let height = usize::from(area.height.saturating_sub(TABLE_CHROME_ROWS));
    let start = first_visible(selected, height);
    let rows = (start..sessions.len().min(start + height.max(1))).map(|row| {
        let i = sessions.len() - 1 - row;
        let s = &sessions[i];
        let next = sessions
            .get(i + 1)
            .map_or_else(|| "–".to_string(), |n| n.plan.decision.word().to_string());
        let kind = session_outcome(s);
        Row::new(vec![
            s.date.format("%a %d %b %y").to_string(),
            s.plan.phase.to_string(),
            format!("{} {} {}", kind.symbol(), exercises_done(s), kind.word()),
            rating(s.pain_during_max(None).map(|p| p.value())),
            rating(s.pain_after().map(|p| p.value())),
            next,
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(13),
            Constraint::Length(6),
            Constraint::Length(14),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new(["date", "phase", "exercises", "during", "after", "next plan"])
            .style(Style::new().add_modifier(Modifier::BOLD)),
    )
    .row_highlight_style(selected_style())
    .block(block);
    let mut state = TableState::default().with_selected(Some(selected - start));
    frame.render_stateful_widget(table, area, &mut state);
}

pub fn render_detail(
    screen: &HistoryScreen,
    frame: &mut Frame,
    area: Rect,
    index: usize,
    selected: usize,
) {
    let Some(session) = screen.data().sessions.get(index) else {
        return;
    };
    let [head, sets_area] =
        Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(area);
    let mut lines = vec![format!(
        "{} · {} · {} · pain before {} · after {}",
        session.date.format("%a %d %b %Y"),
        session.plan.phase,
        session.plan.decision,
        rating(session.pain_before.map(|p| p.value())),
        rating(session.pain_after().map(|p| p.value())),
    )];
    for skip in &session.skipped {
        lines.push(format!(
            "skipped {}: {}",
            screen.data().name(&skip.exercise),
            skip.reason
        ));
    }
    if let Some(note) = session.finished.as_ref().and_then(|f| f.note.as_ref()) {
        lines.push(format!("note: {note}"));
    }
    frame.render_widget(
        Paragraph::new(lines.join("\n"))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Session ")),
        head,
    );
    let height = usize::from(sets_area.height.saturating_sub(TABLE_CHROME_ROWS));
    let start = first_visible(selected, height);
    let rows = session
        .sets
        .iter()
        .skip(start)
        .take(height.max(1))
        .map(|set| {
            Row::new(vec![
                screen.data().name(&set.exercise).to_string(),
                set.side.map_or("", |s| s.word()).to_string(),
                set.set.to_string(),
                set.reps.map_or_else(String::new, |r| r.to_string()),
                set.seconds.map_or_else(String::new, |s| format!("{s} s")),
                set.pain.value().to_string(),
                rating(set.effort.map(|e| e.value())),
            ])
        });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(8),
            Constraint::Length(5),
            Constraint::Length(7),
        ],
    )
    .header(
        Row::new(["exercise", "side", "set", "reps", "time", "pain", "effort"])
            .style(Style::new().add_modifier(Modifier::BOLD)),
    )
    .row_highlight_style(selected_style())
    .block(Block::bordered().title(" Sets · e fixes the selected pain "));
    let mut state = TableState::default()
        .with_selected((!session.sets.is_empty()).then(|| selected.saturating_sub(start)));
    frame.render_stateful_widget(table, sets_area, &mut state);
}
