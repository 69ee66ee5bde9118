//! Pain chart: morning, worst during and after (or left/right side) over the chosen range,
//! with the R5 zones marked by dashed edges and labels, and a block where the plan changed.

use super::HistoryScreen;
use crate::domain::insight::DayPain;
use crate::domain::pain::{Rating, Zone};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

/// Top of the 0–10 scale, as a chart coordinate.
const SCALE_TOP: f64 = 10.0;
/// Zone edges sit between whole ratings so a point never lands on them.
const HALF_STEP: f64 = 0.5;
/// The row below 0 where "plan changed" marks sit: at the top they read as a 10/10 pain.
const MARK_ROW: f64 = -1.0;
/// One y label per whole number from `MARK_ROW` to 10, so each sits on its own value.
const Y_LABELS: [&str; 12] = ["", "0 ●", "", "", "", "", "5 ▲", "", "", "", "", "10 ■"];

fn zone_word(screen: &HistoryScreen, pain: u8) -> String {
    let s = screen.settings();
    let zone = Zone::of(
        Rating::new(i64::from(pain)).unwrap_or(Rating::ZERO),
        s.green_max,
        s.amber_max,
    );
    format!("{pain} {}", zone.symbol())
}

fn series(days: &[DayPain], from: NaiveDate, pick: fn(&DayPain) -> Option<u8>) -> Vec<(f64, f64)> {
    days.iter()
        .filter_map(|d| pick(d).map(|p| ((d.date - from).num_days() as f64, f64::from(p))))
        .collect()
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
    let [chart_area, legend_area, info_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let (from, to) = screen.range_days();
    let data = screen.data();
    if data.pain.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "No pain ratings yet. The morning check-in and each session fill this chart; \
                 a adds a forgotten day.",
            )
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Pain 0–10 ")),
            chart_area,
        );
        frame.render_widget(Paragraph::new(day_line(screen)), info_area);
        return;
    }
    let days = data.pain_between(from, to);
    let span = ((to - from).num_days() as f64).max(1.0);
    let settings = screen.settings();
    let theme = screen.theme();

    // Dashed zone edges: a point every other column.
    let dashes = usize::from(chart_area.width / 2).max(2);
    let edge = |y: f64| -> Vec<(f64, f64)> {
        (0..dashes)
            .map(|i| (span * i as f64 / (dashes - 1) as f64, y))
            .collect()
    };
    let green_edge = edge(f64::from(settings.green_max) + HALF_STEP);
    let amber_edge = edge(f64::from(settings.amber_max) + HALF_STEP);
    let changes: Vec<(f64, f64)> = data
        .changes
        .iter()
        .filter(|c| c.date >= from && c.date <= to)
        .map(|c| ((c.date - from).num_days() as f64, MARK_ROW))
        .collect();
    let cursor_x = (screen.day() - from).num_days() as f64;
    let cursor = [(cursor_x, 0.0), (cursor_x, SCALE_TOP)];

    let (first, second, third, title) = if screen.sides() {
        (
            series(days, from, |d| d.morning),
            series(days, from, |d| d.left),
            series(days, from, |d| d.right),
            ("morning", "left side (worst set)", "right side (worst set)"),
        )
    } else {
        (
            series(days, from, |d| d.morning),
            series(days, from, |d| d.during),
            series(days, from, |d| d.after),
            ("morning", "worst during", "after"),
        )
    };
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Scatter)
            .style(theme.muted())
            .data(&green_edge),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Scatter)
            .style(theme.muted())
            .data(&amber_edge),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.muted())
            .data(&cursor),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent())
            .data(&first),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.series(Color::Magenta))
            .data(&second),
        Dataset::default()
            .marker(Marker::Bar)
            .graph_type(GraphType::Scatter)
            .style(theme.warn())
            .data(&third),
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(theme.series(Color::Blue))
            .data(&changes),
    ];
    let mid = from + chrono::Days::new((span / 2.0) as u64);
    let label = |d: NaiveDate| d.format("%d %b").to_string();
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(format!(
            " Pain 0–10 · {} · {} ",
            if screen.sides() {
                "per side"
            } else {
                "morning, during, after"
            },
            screen.range().label()
        )))
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([0.0, span])
                .labels([label(from), label(mid), label(to)]),
        )
        .y_axis(
            Axis::default()
                .bounds([MARK_ROW, SCALE_TOP])
                .labels(Y_LABELS),
        );
    frame.render_widget(chart, chart_area);

    let legend = format!(
        "⣀ {} · • {} · ▄ {} · █ plan changed (under 0) · │ selected day\n\
         zones (dashes): ● 0–{} safe · ▲ {}–{} acceptable · ■ above {} too high",
        title.0,
        title.1,
        title.2,
        settings.green_max,
        settings.green_max + 1,
        settings.amber_max,
        settings.amber_max
    );
    frame.render_widget(
        Paragraph::new(legend).wrap(Wrap { trim: true }),
        legend_area,
    );
    frame.render_widget(Paragraph::new(day_line(screen)), info_area);
}

/// "Tue 17 Feb 2026 · morning 6 ■ · during 7 ■ · after 6 ■ · L 6 ■ R 7 ■".
fn day_line(screen: &HistoryScreen) -> Line<'static> {
    let day = screen.day();
    let mut parts = vec![day.format("%a %d %b %Y").to_string()];
    match screen.data().pain_on(day) {
        Some(p) => {
            let mut add = |label: &str, v: Option<u8>| {
                if let Some(v) = v {
                    parts.push(format!("{label} {}", zone_word(screen, v)));
                }
            };
            add("morning", p.morning);
            add("during", p.during);
            add("after", p.after);
            add("L", p.left);
            add("R", p.right);
        }
        None => parts.push("nothing rated".into()),
    }
    if let Some(mark) = super::calendar::mark(screen, day) {
        parts.push(super::calendar::mark_text(screen, mark));
    }
    Line::from(parts.join(" · "))
}
