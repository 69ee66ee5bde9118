//! Dialogs drawn over the runner: pause, skip reason, quit confirm, and the red-pain choice.

use crate::domain::pain::Zone;
use crate::domain::programme::ExerciseKind;
use crate::domain::session::{Overlay, Session, SkipReason};
use crate::domain::timer::clock_text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::time::Instant;

/// Widest a dialog gets.
const DIALOG_MAX_WIDTH: u16 = 64;

/// A rectangle of at most `width` × `height` centred in `area` (clipped to it).
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Draw a bordered dialog with `lines`, sized to fit them.
fn dialog(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>) {
    let width = lines
        .iter()
        .map(|l| l.width() as u16)
        .max()
        .unwrap_or(0)
        .saturating_add(4)
        .max(title.chars().count() as u16 + 6)
        .min(DIALOG_MAX_WIDTH);
    let inner_width = width.saturating_sub(2).max(1);
    // Wrapped rows: each line takes ceil(width / inner width) rows.
    let rows: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).max(1).div_ceil(inner_width))
        .sum();
    let rect = centred(area, width, rows.saturating_add(2));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title_top(Line::from(format!(" {title} ")))),
        rect,
    );
}

pub fn overlay(
    session: &Session,
    overlay: Overlay,
    now: Instant,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    match overlay {
        Overlay::Paused => {
            let left = session
                .display_secs(now)
                .map(|s| format!("{} left, kept exactly", clock_text(s)))
                .unwrap_or_else(|| "Nothing is timing right now".to_string());
            dialog(
                frame,
                area,
                "Paused",
                vec![
                    Line::styled("PAUSED", theme.strong()),
                    Line::from(left),
                    Line::from(""),
                    Line::from("Space or p to carry on"),
                ],
            );
        }
        Overlay::SkipReason { choice } => {
            let name = session
                .skip_target()
                .and_then(|b| session.block(b))
                .map(|b| b.exercise.name.clone())
                .unwrap_or_default();
            let mut lines = vec![
                Line::from(format!("Leave {name} out today? Why:")),
                Line::from(""),
            ];
            for (i, reason) in SkipReason::ALL.iter().enumerate() {
                let text = format!(
                    "{} {}. {}",
                    if i == choice { "▸" } else { " " },
                    i + 1,
                    reason.word()
                );
                lines.push(if i == choice {
                    Line::styled(text, theme.selected())
                } else {
                    Line::from(text)
                });
            }
            lines.push(Line::from(""));
            lines.push(Line::styled("Enter skips · Esc keeps it", theme.dim()));
            dialog(frame, area, "Skip exercise", lines);
        }
        Overlay::QuitConfirm { .. } => dialog(
            frame,
            area,
            "Stop the session?",
            vec![
                Line::styled("Stop the session and go back to Today?", theme.strong()),
                Line::from("Your finished sets are already saved."),
                Line::from("On Today, s resumes where you stopped."),
                Line::from(""),
                Line::from("y stops · n stays"),
            ],
        ),
    }
}

/// Pain passed the ceiling: why the exercise ended, and what to do instead.
pub fn red_pain(session: &Session, choice: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let kind = session
        .current_block()
        .map(|b| b.exercise.kind)
        .unwrap_or(ExerciseKind::Reps);
    let mut lines = vec![Line::styled(
        session
            .notice()
            .unwrap_or("Pain is above the ceiling.")
            .to_string(),
        theme.zone(Zone::Red),
    )];
    lines.push(Line::from("Stopping now protects tomorrow. What now?"));
    lines.push(Line::from(""));
    for (i, option) in session.red_options().iter().enumerate() {
        let text = format!(
            "{} {}",
            if i == choice { "▸" } else { " " },
            option.label(kind)
        );
        lines.push(if i == choice {
            Line::styled(text, theme.selected())
        } else {
            Line::from(text)
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "↑/↓ choose · Enter confirms · u undoes the rating",
        theme.dim(),
    ));
    dialog(frame, area, "Pain too high", lines);
}
