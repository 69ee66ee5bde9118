//! Adherence calendar: month grids up to the selected day, each day's mark after its number
//! (done ✓, done in pain ▲, partial ½, rest ○, flare !, missed ✗) as well as a colour. Weeks
//! start on Monday unless config.toml says `week_start = "sunday"`. Today shows no mark until
//! something is recorded (it is not a rest day yet), and a day whose session hurt above the
//! ceiling is not an ordinary "done".

use super::HistoryScreen;
use crate::domain::config::WeekStart;
use crate::domain::insight::DayKind;
use crate::tui::theme::Theme;
use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Columns per day: a space, two digits, the mark.
const DAY_COLUMNS: u16 = 4;
/// Columns of one month (7 days) plus a gap.
const MONTH_WIDTH: u16 = 7 * DAY_COLUMNS + 2;
/// Month name, weekday names, up to six weeks, a gap.
const MONTH_HEIGHT: u16 = 9;

/// What the calendar shows for one day: the day's kind, refined for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Kind(DayKind),
    /// Every set done, but pain during the session went above the ceiling.
    DoneInPain,
}

impl Mark {
    pub fn symbol(self) -> char {
        match self {
            Mark::Kind(kind) => kind.symbol(),
            Mark::DoneInPain => '▲',
        }
    }

    fn style(self, theme: Theme) -> Style {
        match self {
            Mark::Kind(DayKind::Done) => theme.good().add_modifier(Modifier::BOLD),
            Mark::Kind(DayKind::Partial) | Mark::DoneInPain => theme.warn(),
            Mark::Kind(DayKind::Rest) => theme.muted(),
            Mark::Kind(DayKind::Flare) => theme.danger(),
            Mark::Kind(DayKind::Missed) => theme.danger().add_modifier(Modifier::CROSSED_OUT),
        }
    }
}

/// The mark for `date`, if any: none after today, and none today while it is only "rest" so far.
pub fn mark(screen: &HistoryScreen, date: NaiveDate) -> Option<Mark> {
    let data = screen.data();
    let kind = *data.days.get(&date)?;
    if date >= screen.today() && kind == DayKind::Rest {
        return None;
    }
    let during = data.pain_on(date).and_then(|p| p.during);
    if kind == DayKind::Done && during.is_some_and(|p| p > screen.settings().amber_max) {
        return Some(Mark::DoneInPain);
    }
    Some(Mark::Kind(kind))
}

/// "▲ done, pain above 5 during": a mark with its words.
pub fn mark_text(screen: &HistoryScreen, mark: Mark) -> String {
    format!("{} {}", mark.symbol(), mark_words(screen, mark))
}

/// How a mark is said in words (the info line and the legend).
fn mark_words(screen: &HistoryScreen, mark: Mark) -> String {
    match mark {
        Mark::Kind(kind) => kind.word().to_string(),
        Mark::DoneInPain => format!("done, pain above {} during", screen.settings().amber_max),
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

/// The seven weekdays in calendar order.
fn weekdays(start: WeekStart) -> impl Iterator<Item = Weekday> {
    let first = start.weekday();
    (0..7).map(move |i| (0..i).fold(first, |day, _| day.succ()))
}

/// Column (0–6) of `date` in a week starting on `start`.
fn column(date: NaiveDate, start: WeekStart) -> u16 {
    let days = match start {
        WeekStart::Monday => date.weekday().num_days_from_monday(),
        WeekStart::Sunday => date.weekday().num_days_from_sunday(),
    };
    days as u16
}

/// One month: its name, the weekday names, then a row per week.
fn month_lines(screen: &HistoryScreen, first: NaiveDate) -> Vec<Line<'static>> {
    let theme = screen.theme();
    let start = screen.week_start();
    let mut lines = vec![Line::styled(
        format!(" {}", first.format("%B %Y")),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let names: String = weekdays(start)
        .map(|d| format!(" {:<3}", &d.to_string()[..2]))
        .collect();
    lines.push(Line::styled(
        names,
        Style::new().add_modifier(Modifier::DIM),
    ));
    let mut week: Vec<Span<'static>> = vec![Span::raw(
        " ".repeat(usize::from(column(first, start) * DAY_COLUMNS)),
    )];
    for date in first.iter_days().take_while(|d| d.month() == first.month()) {
        if column(date, start) == 0 && date != first {
            lines.push(Line::from(std::mem::take(&mut week)));
        }
        let day_mark = mark(screen, date);
        let mut number = match day_mark {
            Some(m) => m.style(theme),
            None if date > screen.today() => theme.muted(),
            None => Style::new(),
        };
        if date == screen.today() {
            number = number.add_modifier(Modifier::UNDERLINED);
        }
        if date == screen.day() {
            number = number.add_modifier(Modifier::REVERSED);
        }
        week.push(Span::raw(" "));
        week.push(Span::styled(format!("{:>2}", date.day()), number));
        week.push(match day_mark {
            Some(m) => Span::styled(m.symbol().to_string(), m.style(theme)),
            None => Span::raw(" "),
        });
    }
    lines.push(Line::from(week));
    lines
}

pub fn render(screen: &HistoryScreen, frame: &mut Frame, area: Rect) {
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
    for slot in 0..shown {
        let Some(first) = month_start(screen.day(), shown - 1 - slot) else {
            continue;
        };
        let col = slot as u16 % per_row;
        let row = slot as u16 / per_row;
        let cell = Rect::new(
            months_area.x + col * MONTH_WIDTH,
            months_area.y + row * MONTH_HEIGHT,
            MONTH_WIDTH,
            MONTH_HEIGHT,
        )
        .intersection(months_area);
        frame.render_widget(Paragraph::new(month_lines(screen, first)), cell);
    }

    let mut legend: Vec<String> = [
        Mark::Kind(DayKind::Done),
        Mark::DoneInPain,
        Mark::Kind(DayKind::Partial),
        Mark::Kind(DayKind::Rest),
        Mark::Kind(DayKind::Flare),
        Mark::Kind(DayKind::Missed),
    ]
    .iter()
    .map(|m| mark_text(screen, *m))
    .collect();
    legend.push("today underlined, selected reversed".into());
    frame.render_widget(
        Paragraph::new(format!("mark after each day: {}", legend.join(" · ")))
            .wrap(Wrap { trim: true }),
        legend_area,
    );
    let day = screen.day();
    let said = match mark(screen, day) {
        Some(m) => mark_text(screen, m),
        None if day == screen.today() => "today: nothing recorded yet".into(),
        None => "nothing recorded".into(),
    };
    frame.render_widget(
        Paragraph::new(format!("{} · {said}", day.format("%a %d %b %Y"))),
        info_area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_the_configured_day() {
        let names: Vec<Weekday> = weekdays(WeekStart::Monday).collect();
        assert_eq!(names.first(), Some(&Weekday::Mon));
        assert_eq!(names.last(), Some(&Weekday::Sun));
        assert_eq!(weekdays(WeekStart::Sunday).next(), Some(Weekday::Sun));
        let sunday = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(column(sunday, WeekStart::Monday), 6);
        assert_eq!(column(sunday, WeekStart::Sunday), 0);
    }
}
