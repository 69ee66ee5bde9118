//! Adherence calendar: ratatui's `Monthly`, month by month up to the selected day, each day
//! marked with a symbol (done ✓, partial ½, rest ○, flare !, missed ✗) as well as a colour.

use super::HistoryScreen;
use crate::domain::insight::DayKind;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::calendar::{CalendarEventStore, Monthly};
use ratatui::widgets::{Paragraph, Wrap};

/// Columns of one month (7 days × 3) plus a gap.
const MONTH_WIDTH: u16 = 23;
/// Month name, weekday names and up to six weeks.
const MONTH_HEIGHT: u16 = 8;
/// Columns per day in `Monthly`: a gutter then two digits.
const DAY_COLUMNS: u16 = 3;

fn to_time(date: NaiveDate) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(date.month()).ok()?).ok()?;
    time::Date::from_calendar_date(date.year(), month, u8::try_from(date.day()).ok()?).ok()
}

fn style_of(kind: DayKind) -> Style {
    match kind {
        DayKind::Done => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        DayKind::Partial => Style::new().fg(Color::Yellow),
        DayKind::Rest => Style::new().fg(Color::DarkGray),
        DayKind::Flare => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        DayKind::Missed => Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::CROSSED_OUT),
    }
}

/// Whole months from `from`'s month to `to`'s month (0 when the same month or earlier).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    u32::try_from(index(to) - index(from)).unwrap_or(0)
}

/// The first of the month `back` months before `date`'s month.
fn month_start(date: NaiveDate, back: u32) -> Option<NaiveDate> {
    let index = date.year() * 12 + date.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
    // The legend takes two rows: at 80 columns one row cut it off after "flare".
    let [months_area, legend_area, info_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let data = screen.data();
    let per_row = (months_area.width / MONTH_WIDTH).max(1);
    let rows = (months_area.height / MONTH_HEIGHT).max(1);
    // Never more months than there are from the first recorded one to the selected day.
    let recorded = data
        .first
        .map_or(1, |first| months_between(first, screen.day()) + 1);
    let shown = u32::from(per_row * rows).min(recorded);

    let mut events = CalendarEventStore::default();
    for (date, kind) in &data.days {
        if let Some(d) = to_time(*date) {
            events.add(d, style_of(*kind));
        }
    }
    if let Some(d) = to_time(screen.day()) {
        let base = data
            .days
            .get(&screen.day())
            .map_or(Style::new(), |k| style_of(*k));
        events.add(d, base.add_modifier(Modifier::REVERSED));
    }

    for slot in 0..shown {
        let Some(first) = month_start(screen.day(), shown - 1 - slot) else {
            continue;
        };
        let Some(display) = to_time(first) else {
            continue;
        };
        let col = slot as u16 % per_row;
        let row = slot as u16 / per_row;
        let cell = Rect::new(
            months_area.x + col * MONTH_WIDTH,
            months_area.y + row * MONTH_HEIGHT,
            (MONTH_WIDTH - 2).min(months_area.width),
            MONTH_HEIGHT.min(months_area.height),
        )
        .intersection(months_area);
        let calendar = Monthly::new(display, &events)
            .show_month_header(Style::new().add_modifier(Modifier::BOLD))
            .show_weekdays_header(Style::new().add_modifier(Modifier::DIM));
        frame.render_widget(calendar, cell);
        mark_symbols(screen, frame, cell, first);
    }

    let legend: Vec<String> = DayKind::ALL
        .iter()
        .map(|k| format!("{} {}", k.symbol(), k.word()))
        .collect();
    frame.render_widget(
        Paragraph::new(format!(
            "mark before each day: {} · selected day reversed",
            legend.join(" · ")
        ))
        .wrap(Wrap { trim: true }),
        legend_area,
    );
    let day = screen.day();
    let kind = data
        .days
        .get(&day)
        .map_or("nothing recorded".to_string(), |k| {
            format!("{} {}", k.symbol(), k.word())
        });
    frame.render_widget(
        Paragraph::new(format!("{} · {kind}", day.format("%a %d %b %Y"))),
        info_area,
    );
}

/// Write each day's symbol into the gutter cell left of its number, so meaning never rests on
/// colour alone.
fn mark_symbols(screen: &HistoryScreen, frame: &mut Frame, cell: Rect, first: NaiveDate) {
    const HEADER_ROWS: u16 = 2;
    let offset = first.weekday().num_days_from_sunday() as u16;
    let buffer = frame.buffer_mut();
    for date in first.iter_days().take_while(|d| d.month() == first.month()) {
        let Some(kind) = screen.data().days.get(&date) else {
            continue;
        };
        let slot = offset + date.day0() as u16;
        let x = cell.x + (slot % 7) * DAY_COLUMNS;
        let y = cell.y + HEADER_ROWS + slot / 7;
        if x < cell.right()
            && y < cell.bottom()
            && let Some(c) = buffer.cell_mut((x, y))
        {
            c.set_char(kind.symbol()).set_style(style_of(*kind));
        }
    }
}
