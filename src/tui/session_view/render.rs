//! Drawing the runner's main line: the step screens (countdowns, reps, rating, rest, side
//! switch) and the compact view for a small area.

use super::big_digits::{BigClock, GLYPH_ROWS};
use super::title;
use super::wrap;
use crate::domain::pain::{Rating, SCALE_MAX, Zone};
use crate::domain::records::Side;
use crate::domain::session::{Block, Phase, Screen, Session, Stage, StepKind};
use crate::domain::timer::clock_text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Panel, Paragraph, Wrap};
use std::time::Instant;

/// Widest the ASCII figure column may be.
const FIGURE_MAX_WIDTH: u16 = 30;

/// The step screen: header, dose, the big countdown or prompt, cues, figure, next up.
pub fn steps(session: &Session, now: Instant, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(step) = session.current_step().copied() else {
        return;
    };
    let Some(block) = session.block(step.slot.block) else {
        return;
    };
    let (position, count) = session.exercise_position().unwrap_or((1, 1));
    let (done, total) = session.progress();
    let side = step
        .slot
        .side
        .map(|s| format!(" · {} side", s.word()))
        .unwrap_or_default();
    let left = format!(
        " {}{side} · set {} of {} ",
        block.exercise.name, step.slot.set, block.last_set
    );
    let right = right_title(&left, position, count, done, total, area.width);
    let outer = Panel::bordered()
        .title_top(Line::from(left))
        .title_top(Line::from(right).right_aligned());
    let inner = outer.inner(area);
    frame.render_widget(outer, area);

    let dose_rows = wrap::hanging(&dose_text(block), "", "  ", inner.width);
    let notice_rows = session
        .notice()
        .map(|text| {
            let mut rows = wrap::hanging(text, "", "  ", inner.width);
            rows.truncate(NOTICE_MAX_ROWS);
            rows
        })
        .unwrap_or_default();
    let countdown = session.countdown();
    let [dose, centre, bar, details, notice, next] = Layout::vertical([
        Constraint::Length(rows(dose_rows.len())),
        Constraint::Length(GLYPH_ROWS + 2),
        Constraint::Length(u16::from(countdown.is_some())),
        Constraint::Min(0),
        Constraint::Length(rows(notice_rows.len())),
        Constraint::Length(1),
    ])
    .areas(inner);

    frame.render_widget(Paragraph::new(lines_of(dose_rows)), dose);
    match session.step_screen() {
        // The red-pain dialog covers the centre; the rating prompt under it would only confuse.
        _ if matches!(session.stage(), Stage::RedPain { .. }) => {}
        Screen::RatePain | Screen::RateEffort => rating(session, block, theme, frame, centre),
        Screen::Reps => reps(session, now, block, step.kind, theme, frame, centre),
        _ => countdown_view(session, now, step.kind, block, theme, frame, centre),
    }
    if let Some(countdown) = countdown {
        frame.render_widget(
            Paragraph::new(progress_bar(countdown.elapsed_fraction(now), bar.width))
                .style(theme.dim()),
            bar,
        );
    }
    cues_and_figure(block, frame, details);
    if let Some(text) = session.notice() {
        frame.render_widget(
            Paragraph::new(lines_of(notice_rows)).style(notice_style(text, theme)),
            notice,
        );
    }
    frame.render_widget(
        Paragraph::new(wrap::cut(&title::next_up(session), usize::from(next.width)))
            .style(theme.dim()),
        next,
    );
}

/// Most rows a notice may take (the rest is cut with "…").
const NOTICE_MAX_ROWS: usize = 2;

fn rows(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
}

fn lines_of(rows: Vec<String>) -> Vec<Line<'static>> {
    rows.into_iter().map(Line::from).collect()
}

/// The border's right title: where you are in the session, shortened (then dropped) so the
/// left title with the set number is never overwritten on a narrow terminal.
fn right_title(
    left: &str,
    position: usize,
    count: usize,
    done: usize,
    total: usize,
    width: u16,
) -> String {
    // Two corners and a gap of two border cells between the titles.
    let room = usize::from(width).saturating_sub(Span::raw(left).width() + 4);
    [
        format!(" exercise {position} of {count} · {done}/{total} sets "),
        format!(" {done}/{total} sets "),
    ]
    .into_iter()
    .find(|t| Span::raw(t.as_str()).width() <= room)
    .unwrap_or_default()
}

/// Notices that carry a zone symbol get the zone's style.
fn notice_style(text: &str, theme: Theme) -> Style {
    [Zone::Red, Zone::Amber, Zone::Green]
        .into_iter()
        .find(|z| text.starts_with(z.symbol()))
        .map_or_else(|| theme.strong(), |z| theme.zone(z))
}

fn dose_text(block: &Block) -> String {
    let mut text = format!(
        "Dose: {} · rung {}",
        block.dose.describe(block.exercise.kind),
        block.rung
    );
    if let Some(tempo) = &block.exercise.tempo {
        text.push_str(&format!(" · tempo {tempo}"));
    }
    text
}

/// The label and the big countdown.
fn countdown_view(
    session: &Session,
    now: Instant,
    kind: StepKind,
    block: &Block,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let [label, clock, under] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(GLYPH_ROWS),
        Constraint::Min(0),
    ])
    .areas(area);
    let heading = match kind {
        StepKind::Hold { index, of, .. } if of > 1 => format!("HOLD {index} of {of}"),
        StepKind::SideSwitch(_) => format!(
            "SWITCH SIDES → {}",
            session
                .current_step()
                .and_then(|s| s.slot.side)
                .map(|s| match s {
                    Side::Left => "right leg next",
                    Side::Right => "left leg next",
                })
                .unwrap_or("other side next")
        ),
        StepKind::Walk(_) => "WALK · brisk, easy breathing".to_string(),
        StepKind::Run(_) => "JOG · easy, you can talk".to_string(),
        other => other.label().to_string(),
    };
    frame.render_widget(
        Paragraph::new(heading)
            .style(theme.strong())
            .alignment(Alignment::Center),
        label,
    );
    let secs = session.display_secs(now).unwrap_or(0);
    let text = clock_text(secs);
    frame.render_widget(
        BigClock {
            text: &text,
            style: theme.strong(),
        },
        clock,
    );
    let hint = match kind {
        StepKind::Rest(_) => format!(
            "+ adds {0} s · - takes {0} s off · n goes on now",
            session.options.rest_extend.as_secs()
        ),
        StepKind::GetReady(_) => format!("{} starts when this reaches 0", block.exercise.name),
        _ => String::new(),
    };
    frame.render_widget(
        Paragraph::new(hint)
            .style(theme.dim())
            .alignment(Alignment::Center),
        under,
    );
}

/// A rep set: the rep count big (or, with a paced count, the rep, its phase and the seconds
/// left in it), the tempo, and "Enter when done".
fn reps(
    session: &Session,
    now: Instant,
    block: &Block,
    kind: StepKind,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let StepKind::Reps(count) = kind else {
        return;
    };
    let [label, big, under] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(GLYPH_ROWS),
        Constraint::Min(0),
    ])
    .areas(area);
    // With a paced count the big digits count down the phase; without, they show the reps.
    let (heading, digits) = match session.beat(now) {
        Some(beat) if beat.phase == Phase::Ready => (
            format!("GET READY · {count} REPS"),
            beat.secs_left.to_string(),
        ),
        Some(beat) => (
            format!(
                "REP {} OF {} · {}",
                beat.rep,
                beat.of,
                beat.phase.word().to_uppercase()
            ),
            beat.secs_left.to_string(),
        ),
        None => (format!("{count} REPS"), count.to_string()),
    };
    frame.render_widget(
        Paragraph::new(heading)
            .style(theme.strong())
            .alignment(Alignment::Center),
        label,
    );
    frame.render_widget(
        BigClock {
            text: &digits,
            style: theme.strong(),
        },
        big,
    );
    let tempo = block
        .exercise
        .tempo
        .as_deref()
        .map(|t| format!("tempo {t} s (down-pause-up) · "))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(format!("{tempo}Enter when done")).alignment(Alignment::Center),
        under,
    );
}

/// The 0–10 scale with each zone's symbol and word.
fn scale_line(session: &Session, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut zone_of_last = None;
    for n in 0..=SCALE_MAX {
        let Ok(rating) = Rating::new(i64::from(n)) else {
            continue;
        };
        let zone = session.pain_zone(rating);
        if zone_of_last != Some(zone) {
            if zone_of_last.is_some() {
                spans.push(Span::raw(" │ "));
            }
            spans.push(Span::styled(
                format!("{} {} ", zone.symbol(), zone.word()),
                theme.zone(zone),
            ));
            zone_of_last = Some(zone);
        }
        let key = if n == SCALE_MAX {
            "t=10".to_string()
        } else {
            n.to_string()
        };
        spans.push(Span::raw(format!("{key} ")));
    }
    Line::from(spans)
}

fn rating(session: &Session, block: &Block, theme: Theme, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::from("")];
    match session.pending_pain() {
        None => {
            lines.push(Line::styled("PAIN NOW?  0–10", theme.strong()));
            lines.push(Line::from(""));
            lines.push(scale_line(session, theme));
            lines.push(Line::from(""));
            lines.push(Line::from(match session.last_pain() {
                Some(p) => format!("Enter keeps {p}"),
                None => "Type a digit, or t for 10".to_string(),
            }));
        }
        Some(pain) => {
            let zone = session.pain_zone(pain);
            lines.push(Line::from(vec![
                Span::raw("Pain "),
                Span::styled(
                    format!("{pain} {} {}", zone.symbol(), zone.word()),
                    theme.zone(zone),
                ),
            ]));
            lines.push(Line::from(""));
            lines.push(Line::styled("EFFORT?  0–10 (optional)", theme.strong()));
            if let Some(effort) = block.dose.effort {
                lines.push(Line::from(effort_target(effort)));
            }
            lines.push(Line::from("digits 0–9 · t for 10 · Enter to skip"));
        }
    }
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), area);
}

/// "target 7/10" for a single effort, "target 3–4/10" for a range (never "7–7").
fn effort_target([lo, hi]: [u8; 2]) -> String {
    if lo == hi {
        format!("target {lo}/10")
    } else {
        format!("target {lo}–{hi}/10")
    }
}

/// Cues and what to avoid beside the figure. When rows run short the "Cues:" heading goes
/// first, then the last cue rows: the avoid list is always shown whole (it is the safety part).
fn cues_and_figure(block: &Block, frame: &mut Frame, area: Rect) {
    let figure: Vec<Line> = block
        .exercise
        .figure
        .as_deref()
        .map(|f| f.lines().map(|l| Line::from(l.to_string())).collect())
        .unwrap_or_default();
    let figure_width = figure
        .iter()
        .map(|l| l.width() as u16 + 2)
        .max()
        .unwrap_or(0)
        .min(FIGURE_MAX_WIDTH)
        .min(area.width / 2);
    let [text_area, figure_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(figure_width)]).areas(area);
    let width = text_area.width;
    let mut cues: Vec<String> = block
        .exercise
        .cues
        .iter()
        .flat_map(|c| wrap::hanging(c, "  • ", "    ", width))
        .collect();
    let mut avoid: Vec<String> = block
        .exercise
        .avoid
        .iter()
        .flat_map(|a| wrap::hanging(a, "  ✗ ", "    ", width))
        .collect();
    if !avoid.is_empty() {
        avoid.insert(0, "Avoid:".to_string());
    }
    let height = usize::from(text_area.height);
    if !cues.is_empty() && cues.len() + 1 + avoid.len() <= height {
        cues.insert(0, "Cues:".to_string());
    }
    let room = height.saturating_sub(avoid.len());
    if cues.len() > room {
        cues.truncate(room);
        if let Some(last) = cues.last_mut() {
            last.push('…');
        }
    }
    let lines: Vec<Line> = cues.into_iter().chain(avoid).map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    frame.render_widget(Paragraph::new(figure), figure_area);
}

/// "━━━━━━──────" for a fraction gone.
fn progress_bar(fraction: f64, width: u16) -> String {
    let width = usize::from(width);
    let filled = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "━".repeat(filled), "─".repeat(width - filled))
}

/// Too small for the layout: the essentials as plain lines.
pub fn compact(session: &Session, now: Instant, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::from(title::title(session, now))];
    if let Some(text) = session.notice() {
        lines.push(Line::from(text.to_string()));
    }
    lines.push(Line::from("Make the terminal larger"));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

#[cfg(test)]
mod tests {
    use super::effort_target;

    #[test]
    fn a_single_effort_is_not_written_as_a_range() {
        assert_eq!(effort_target([7, 7]), "target 7/10");
        assert_eq!(effort_target([3, 4]), "target 3–4/10");
    }
}
