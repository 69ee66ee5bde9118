//! Drawing the end of a session: the end form (pain after, effort, note) and the summary.

use super::wrap;
use crate::domain::pain::{Rating, Zone};
use crate::domain::session::{EndField, EndForm, Session};
use crate::tui::screens::wrapped_height;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Panel, Paragraph, Wrap};

/// The end form: pain after, effort, note.
pub fn end_form(session: &Session, form: &EndForm, theme: Theme, frame: &mut Frame, area: Rect) {
    let outer = Panel::bordered().title_top(Line::from(" Session done: how did it go? "));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let value = |r: Option<Rating>| r.map_or_else(|| "—".to_string(), |r| r.to_string());
    let row = |field: EndField, label: String| {
        if form.field == field {
            Line::styled(format!("▸ {label}"), theme.selected())
        } else {
            Line::from(format!("  {label}"))
        }
    };
    let pain_hint = match session.last_pain() {
        Some(p) if form.field == EndField::PainAfter && form.pain_after.is_none() => {
            format!(" (Enter keeps {p})")
        }
        _ => String::new(),
    };
    let mut lines = vec![
        Line::from(""),
        row(
            EndField::PainAfter,
            format!(
                "Pain now, after the session (0–10): {}{pain_hint}",
                value(form.pain_after)
            ),
        ),
        row(
            EndField::Effort,
            format!(
                "Effort of the session (0–10, optional): {}",
                value(form.effort)
            ),
        ),
        row(
            EndField::Note,
            format!(
                "Note (optional): {}{}",
                form.note,
                if form.field == EndField::Note {
                    "▏"
                } else {
                    ""
                }
            ),
        ),
        Line::from(""),
    ];
    lines.push(Line::styled(
        match form.field {
            EndField::PainAfter => "Type 0–9, or t for 10.",
            EndField::Effort => "Type 0–9, or t for 10; Enter to skip.",
            EndField::Note => "Type a note; Enter saves the session.",
        },
        theme.dim(),
    ));
    if let Some(text) = session.notice() {
        lines.push(Line::styled(text.to_string(), theme.strong()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// What was done, the worst pain, what was skipped or marked; scrolled down `scroll` rows (no
/// further than its last row), with "↓ more" on the border while rows are hidden below.
pub fn summary(session: &Session, scroll: u16, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = session.summary();
    let inner = Panel::bordered().inner(area);
    let mut lines = vec![Line::from("")];
    for e in &s.exercises {
        let (mark, status) = if let Some(reason) = &e.skipped {
            ("–", format!("skipped ({reason})"))
        } else if e.stopped_for_pain {
            (Zone::Red.symbol(), "stopped: pain too high".to_string())
        } else if e.sets_done == e.sets_planned {
            ("✓", "done".to_string())
        } else {
            ("·", "part done".to_string())
        };
        let worst = e
            .worst_pain
            .map(|p| {
                let z = session.pain_zone(p);
                format!(" · worst pain {p} {} {}", z.symbol(), z.word())
            })
            .unwrap_or_default();
        lines.push(Line::from(format!(
            "{mark} {}: {}/{} sets, {status}{worst}",
            e.name, e.sets_done, e.sets_planned
        )));
        if e.no_progress {
            lines.push(Line::styled(
                format!(
                    "    {} no step up next time (pain in the acceptable zone)",
                    Zone::Amber.symbol()
                ),
                theme.zone(Zone::Amber),
            ));
        }
    }
    lines.push(Line::from(""));
    if let (Some(p), Some(z)) = (s.worst_pain, s.worst_zone) {
        lines.push(Line::from(vec![
            Span::raw("Worst pain during: "),
            Span::styled(format!("{p} {} {}", z.symbol(), z.word()), theme.zone(z)),
        ]));
    }
    if let Some(p) = s.pain_after {
        let z = session.pain_zone(p);
        lines.push(Line::from(vec![
            Span::raw("Pain after: "),
            Span::styled(format!("{p} {} {}", z.symbol(), z.word()), theme.zone(z)),
        ]));
    }
    if let Some(e) = s.effort {
        lines.push(Line::from(format!("Effort: {e}")));
    }
    if let Some(note) = &s.note {
        lines.push(Line::from(format!("Note: {note}")));
    }
    if !s.tomorrow.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled("Tomorrow", theme.strong()));
        // Wrapped here so a long reason's later rows stay indented under its first word.
        for line in &s.tomorrow {
            let rows = match line.strip_prefix("· ") {
                Some(reason) => wrap::hanging(reason, "  · ", "    ", inner.width),
                None => wrap::hanging(line, "  ", "    ", inner.width),
            };
            lines.extend(rows.into_iter().map(Line::from));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "Everything is saved. Tomorrow's plan follows from today's pain and how you feel in the morning.",
        theme.dim(),
    ));
    let hidden = wrapped_height(&lines, inner.width).saturating_sub(inner.height);
    let scroll = scroll.min(hidden);
    let mut outer = Panel::bordered().title_top(Line::from(" Session summary "));
    if scroll < hidden {
        outer = outer.title_bottom(Line::from(" ↓ more ").right_aligned());
    }
    frame.render_widget(outer, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
