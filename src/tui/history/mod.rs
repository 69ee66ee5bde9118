//! History screens: pain chart, calendar, sessions, decisions, exercise progress, runs, and
//! in-app edits. (Interface agreed between the history and TUI work.)
//!
//! For the shell: open with `HistoryScreen::new`, pass every key to `handle_key`, draw with
//! `render`, show `footer()` and `help_rows()`. Carry out the outcome:
//! - `Close`: leave the history screens.
//! - `Append(records)`: append each `(date, body)` in order, dated `date` (a past day for a
//!   backfill), then replay the journal and call `refresh`.
//! - `AppendSession(backfill)`: append `backfill.started` dated `backfill.date`; take the id the
//!   journal gave it and append every body of `backfill.rest(id)` dated `backfill.date`, in
//!   order; then replay and `refresh`. (Sets need the session's id, which only the journal assigns.)

pub mod calendar;
pub mod data;
pub mod decisions;
mod draw;
pub mod edit;
mod handle;
pub mod keys;
pub mod pain;
pub mod progress;
pub mod runs;
pub mod sessions;
mod table_window;

use crate::app::settings::coach_settings;
use crate::domain::catalogue::Catalogue;
use crate::domain::config::{Config, WeekStart};
use crate::domain::history::History;
use crate::domain::records::RecordBody;
use crate::domain::settings::CoachSettings;
use crate::tui::theme::Theme;
use chrono::{Days, NaiveDate};
use data::Derived;
use edit::{BackfilledSession, Form, Target};

/// What the app must do after a key in the history screens.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryOutcome {
    /// Nothing for the shell to do (the screen may have changed).
    None,
    /// Leave the history screens.
    Close,
    /// Append these records (corrections, backfilled check-ins or sessions), then call `refresh`.
    Append(Vec<(NaiveDate, RecordBody)>),
    /// Append a backfilled session: `started` first, then `rest(id)` with its id (see module docs).
    AppendSession(Box<BackfilledSession>),
}

/// The history views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Pain,
    Calendar,
    Sessions,
    Decisions,
    Progress,
    Runs,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Pain,
        View::Calendar,
        View::Sessions,
        View::Decisions,
        View::Progress,
        View::Runs,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Pain => "Pain",
            View::Calendar => "Calendar",
            View::Sessions => "Sessions",
            View::Decisions => "Decisions",
            View::Progress => "Progress",
            View::Runs => "Runs",
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> View {
        let n = View::ALL.len() as isize;
        View::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// How far back the pain chart and progress view look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    TwoWeeks,
    ThreeMonths,
    All,
}

/// Days shown by the short ranges.
const TWO_WEEKS_DAYS: u64 = 14;
const THREE_MONTHS_DAYS: u64 = 91;

impl Range {
    pub fn label(self) -> &'static str {
        match self {
            Range::TwoWeeks => "2 weeks",
            Range::ThreeMonths => "3 months",
            Range::All => "all",
        }
    }

    fn next(self) -> Range {
        match self {
            Range::TwoWeeks => Range::ThreeMonths,
            Range::ThreeMonths => Range::All,
            Range::All => Range::TwoWeeks,
        }
    }
}

/// Rows moved by PgUp/PgDn in tables; days in the chart.
const PAGE_ROWS: usize = 10;
/// Days moved by PgUp/PgDn in the calendar.
const CALENDAR_PAGE_DAYS: u64 = 28;

/// A typed-in answer in progress, or the "add what?" choice.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Browse,
    /// A session's sets are open (index into `Derived::sessions`).
    Detail {
        session: usize,
        row: usize,
    },
    /// Choosing what to add for a day.
    Add {
        date: NaiveDate,
    },
    Form(Form),
}

pub struct HistoryScreen {
    today: NaiveDate,
    settings: CoachSettings,
    data: Derived,
    view: View,
    range: Range,
    /// Pain chart: per-side view instead of morning/during/after.
    sides: bool,
    /// The selected day in the pain chart and calendar.
    day: NaiveDate,
    /// Selected row per table view, counted from the newest.
    rows: [usize; 6],
    mode: Mode,
    /// Colours, and the calendar's first weekday (config.toml: theme, week_start).
    theme: Theme,
    week_start: WeekStart,
    /// Where a form returns when it closes (an open session stays open after fixing a set).
    resume: Mode,
    message: Option<String>,
}

impl HistoryScreen {
    pub fn new(history: &History, catalogue: &Catalogue, today: NaiveDate) -> HistoryScreen {
        let programme = history.current().and_then(|c| catalogue.get(&c.programme));
        let settings = coach_settings(&Config::default(), programme);
        HistoryScreen {
            today,
            data: Derived::new(history, catalogue, &settings, today),
            settings,
            view: View::Pain,
            range: Range::TwoWeeks,
            sides: false,
            day: today,
            rows: [0; 6],
            mode: Mode::Browse,
            theme: Theme::plain(),
            week_start: WeekStart::Monday,
            resume: Mode::Browse,
            message: None,
        }
    }

    /// Draw with these colours and start the calendar's weeks on this day.
    pub fn with_look(mut self, theme: Theme, week_start: WeekStart) -> HistoryScreen {
        self.theme = theme;
        self.week_start = week_start;
        self
    }

    /// Use these coach settings (zones, run caps), e.g. with config.toml's overrides applied.
    pub fn with_settings(
        mut self,
        history: &History,
        catalogue: &Catalogue,
        settings: CoachSettings,
    ) -> HistoryScreen {
        self.settings = settings;
        self.refresh(history, catalogue);
        self
    }

    /// Rebuild derived views after the journal changed.
    pub fn refresh(&mut self, history: &History, catalogue: &Catalogue) {
        // The old views go first: at 10 years each copy is several MiB.
        self.data = Derived::default();
        self.data = Derived::new(history, catalogue, &self.settings, self.today);
        if let Mode::Detail { session, .. } = self.mode
            && session >= self.data.sessions.len()
        {
            self.mode = Mode::Browse;
        }
    }

    pub fn view(&self) -> View {
        self.view
    }

    fn first_day(&self) -> NaiveDate {
        self.data.first.unwrap_or(self.today).min(self.today)
    }

    fn shift_day(&mut self, days: i64) {
        let moved = if days < 0 {
            self.day.checked_sub_days(Days::new(days.unsigned_abs()))
        } else {
            self.day.checked_add_days(Days::new(days.unsigned_abs()))
        };
        if let Some(d) = moved {
            self.day = d.clamp(self.first_day(), self.today);
        }
    }

    fn row_count(&self) -> usize {
        match self.view {
            View::Sessions => self.data.sessions.len(),
            View::Decisions => self.data.changes.len(),
            View::Progress => self.data.rungs.len(),
            View::Runs => self.data.runs.len(),
            View::Pain | View::Calendar => 0,
        }
    }

    fn move_by(&mut self, by: isize) {
        match self.view {
            View::Pain => self.shift_day(by as i64),
            View::Calendar => self.shift_day(by as i64 * 7),
            _ => {
                let count = self.row_count();
                let row = &mut self.rows[self.view.index()];
                *row = row.saturating_add_signed(by).min(count.saturating_sub(1));
            }
        }
    }

    /// `g`/`G`: the first recorded day or today in the chart and calendar; the top or bottom
    /// row in a table.
    fn jump(&mut self, to_end: bool) {
        match self.view {
            View::Pain | View::Calendar => {
                self.day = if to_end { self.today } else { self.first_day() }
            }
            _ => {
                let last = self.row_count().saturating_sub(1);
                self.rows[self.view.index()] = if to_end { last } else { 0 };
            }
        }
    }

    fn page_by(&mut self, by: isize) {
        match self.view {
            View::Calendar => self.shift_day(by as i64 * CALENDAR_PAGE_DAYS as i64),
            _ => self.move_by(by * PAGE_ROWS as isize),
        }
    }

    /// Index into `Derived::sessions` of a table row (rows run newest first).
    fn session_of_row(&self, row: usize) -> Option<usize> {
        self.data.sessions.len().checked_sub(row + 1)
    }

    fn open(&mut self) {
        let session = match self.view {
            View::Sessions => self.session_of_row(self.rows[self.view.index()]),
            View::Decisions => {
                let row = self.rows[self.view.index()];
                self.data
                    .changes
                    .len()
                    .checked_sub(row + 1)
                    .and_then(|i| self.data.changes.get(i))
                    .and_then(|c| self.data.sessions.iter().position(|s| s.id == c.session))
            }
            View::Pain | View::Calendar => {
                self.data.sessions.iter().rposition(|s| s.date == self.day)
            }
            View::Progress | View::Runs => None,
        };
        match session {
            Some(session) => self.mode = Mode::Detail { session, row: 0 },
            None => self.message = Some("No session here to open".into()),
        }
    }

    fn edit(&mut self) {
        match self.view {
            View::Pain | View::Calendar => {
                let date = self.day;
                match self.data.checkin_ids.get(&date).and_then(|ids| ids.last()) {
                    Some(id) => {
                        let was = self
                            .data
                            .pain_on(date)
                            .and_then(|p| p.morning)
                            .map_or_else(|| "not rated".to_string(), |p| p.to_string());
                        self.mode = Mode::Form(Form::new(
                            date,
                            Target::CorrectPain {
                                record: id.clone(),
                                field: "pain",
                            },
                            format!("Morning pain on {date} (was {was}): 0–10"),
                        ));
                    }
                    None => {
                        self.mode = Mode::Form(Form::new(
                            date,
                            Target::AddCheckIn,
                            format!("No check-in on {date}; add its morning pain: 0–10"),
                        ))
                    }
                }
            }
            View::Sessions => {
                let session = self
                    .session_of_row(self.rows[self.view.index()])
                    .and_then(|i| self.data.sessions.get(i));
                match session.and_then(|s| s.finished.as_ref().map(|f| (s.date, f))) {
                    Some((date, finish)) => {
                        self.mode = Mode::Form(Form::new(
                            date,
                            Target::CorrectPain {
                                record: finish.id.clone(),
                                field: "pain_after",
                            },
                            format!(
                                "Pain after the session on {date} (was {}): 0–10 · Enter opens sets to fix one",
                                finish.pain_after.value()
                            ),
                        ))
                    }
                    None => self.message = Some("This session has no end to edit".into()),
                }
            }
            _ => {
                self.message = Some(
                    "e edits in Pain, Calendar and Sessions (Enter a session to fix a set)".into(),
                )
            }
        }
    }

    fn start_add(&mut self) {
        match self.view {
            View::Pain | View::Calendar | View::Sessions => {
                self.mode = Mode::Add { date: self.day }
            }
            _ => self.message = Some("a adds a day from Pain, Calendar or Sessions".into()),
        }
    }

    /// The keys of what is on screen now (browsing, an open session, the add choice or the
    /// rating form), like the footer: one list of every mode's keys repeated Esc/q three ways.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        crate::tui::keymap::help_rows(self.table())
    }

    /// First and last day of the chart/progress range.
    pub(crate) fn range_days(&self) -> (NaiveDate, NaiveDate) {
        let back = |days: u64| {
            self.today
                .checked_sub_days(Days::new(days - 1))
                .unwrap_or(self.today)
        };
        let from = match self.range {
            Range::TwoWeeks => back(TWO_WEEKS_DAYS),
            Range::ThreeMonths => back(THREE_MONTHS_DAYS),
            Range::All => self.first_day(),
        };
        (from, self.today)
    }

    pub(crate) fn data(&self) -> &Derived {
        &self.data
    }
    pub(crate) fn range(&self) -> Range {
        self.range
    }
    pub(crate) fn sides(&self) -> bool {
        self.sides
    }
    pub(crate) fn day(&self) -> NaiveDate {
        self.day
    }
    pub(crate) fn row(&self, view: View) -> usize {
        self.rows[view.index()]
    }
    pub(crate) fn settings(&self) -> &CoachSettings {
        &self.settings
    }
    pub(crate) fn theme(&self) -> Theme {
        self.theme
    }
    pub(crate) fn week_start(&self) -> WeekStart {
        self.week_start
    }
    pub(crate) fn today(&self) -> NaiveDate {
        self.today
    }
}
