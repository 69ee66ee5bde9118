//! What each key does in the history screens: browsing, an open session, the add choice and
//! the rating form. Every change to the journal goes back to the shell as a `HistoryOutcome`.

use super::edit::{self, BackfilledSession, Form, Target};
use super::keys::Action;
use super::{HistoryOutcome, HistoryScreen, Mode, keys};
use crate::tui::keymap::Binding;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

impl HistoryScreen {
    pub fn handle_key(&mut self, key: &KeyEvent) -> HistoryOutcome {
        let Some(action) = keys::lookup(self.table(), key) else {
            return HistoryOutcome::None;
        };
        self.message = None;
        match self.mode.clone() {
            Mode::Form(form) => self.form_key(form, action, key),
            Mode::Add { date } => self.add_key(date, action),
            Mode::Detail { session, row } => self.detail_key(session, row, action),
            Mode::Browse => self.browse_key(action),
        }
    }

    pub(super) fn table(&self) -> &'static [Binding<Action>] {
        match self.mode {
            Mode::Browse => keys::BROWSE,
            Mode::Detail { .. } => keys::DETAIL,
            Mode::Add { .. } => keys::ADD,
            Mode::Form(_) => keys::FORM,
        }
    }

    fn browse_key(&mut self, action: Action) -> HistoryOutcome {
        self.resume = Mode::Browse;
        match action {
            Action::NextView => self.view = self.view.step(1),
            Action::PrevView => self.view = self.view.step(-1),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.page_by(-1),
            Action::PageDown => self.page_by(1),
            Action::First => self.jump(false),
            Action::Last => self.jump(true),
            Action::Range => self.range = self.range.next(),
            Action::Sides => self.sides = !self.sides,
            Action::Open => self.open(),
            Action::Edit => self.edit(),
            Action::Add => self.start_add(),
            Action::Back => return HistoryOutcome::Close,
            _ => {}
        }
        HistoryOutcome::None
    }

    fn detail_key(&mut self, session: usize, row: usize, action: Action) -> HistoryOutcome {
        let sets = self.data.sessions.get(session).map_or(0, |s| s.sets.len());
        match action {
            Action::Up => {
                self.mode = Mode::Detail {
                    session,
                    row: row.saturating_sub(1),
                }
            }
            Action::Down => {
                self.mode = Mode::Detail {
                    session,
                    row: (row + 1).min(sets.saturating_sub(1)),
                }
            }
            Action::First => self.mode = Mode::Detail { session, row: 0 },
            Action::Last => {
                self.mode = Mode::Detail {
                    session,
                    row: sets.saturating_sub(1),
                }
            }
            Action::Edit => {
                self.resume = Mode::Detail { session, row };
                if let Some((s, set)) = self
                    .data
                    .sessions
                    .get(session)
                    .and_then(|s| s.sets.get(row).map(|set| (s, set)))
                {
                    let side = set
                        .side
                        .map(|x| format!(" {}", x.letter()))
                        .unwrap_or_default();
                    self.mode = Mode::Form(Form::new(
                        s.date,
                        Target::CorrectPain {
                            record: set.id.clone(),
                            field: "pain",
                        },
                        format!(
                            "Pain after {}{side} set {} on {} (was {}): 0–10",
                            self.data.name(&set.exercise),
                            set.set,
                            s.date,
                            set.pain.value()
                        ),
                    ));
                }
            }
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
        HistoryOutcome::None
    }

    fn add_key(&mut self, date: NaiveDate, action: Action) -> HistoryOutcome {
        match action {
            Action::AddCheckIn => {
                if self.data.checkin_ids.contains_key(&date) {
                    self.message = Some(format!(
                        "{date} already has a check-in: e edits its morning pain"
                    ));
                    self.mode = Mode::Browse;
                } else {
                    self.mode = Mode::Form(Form::new(
                        date,
                        Target::AddCheckIn,
                        format!("Morning pain on {date}: 0–10"),
                    ));
                }
            }
            Action::AddSession => {
                if self.data.session_before(date).is_some() {
                    self.mode = Mode::Form(Form::new(
                        date,
                        Target::AddSession { during: None },
                        format!(
                            "Session on {date}, the plan as last time. Worst pain during: 0–10"
                        ),
                    ));
                } else {
                    self.message = Some(format!(
                        "No session before {date} to copy the plan from: log it with `rehab --date {date} log …`"
                    ));
                    self.mode = Mode::Browse;
                }
            }
            Action::Cancel | Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
        HistoryOutcome::None
    }

    fn form_key(&mut self, mut form: Form, action: Action, key: &KeyEvent) -> HistoryOutcome {
        match action {
            Action::Digit => {
                if let Some(d) = crate::tui::keymap::digit_of(key) {
                    form.push_digit(d);
                }
                self.mode = Mode::Form(form);
            }
            Action::Erase => {
                form.backspace();
                self.mode = Mode::Form(form);
            }
            Action::Cancel => {
                self.mode = std::mem::replace(&mut self.resume, Mode::Browse);
                self.message = Some("Nothing changed".into());
            }
            Action::Confirm => return self.confirm(form),
            _ => self.mode = Mode::Form(form),
        }
        HistoryOutcome::None
    }

    fn confirm(&mut self, form: Form) -> HistoryOutcome {
        let value = match form.value() {
            Ok(v) => v,
            Err(e) => {
                self.message = Some(e);
                self.mode = Mode::Form(form);
                return HistoryOutcome::None;
            }
        };
        self.mode = std::mem::replace(&mut self.resume, Mode::Browse);
        match form.target {
            Target::CorrectPain { record, field } => {
                self.message = Some(format!(
                    "Saved: {} on {} is now {value}",
                    field.replace('_', " "),
                    form.date
                ));
                HistoryOutcome::Append(vec![(
                    form.date,
                    edit::pain_correction(record, field, value),
                )])
            }
            Target::AddCheckIn => {
                self.message = Some(format!(
                    "Saved: check-in on {} with pain {value}",
                    form.date
                ));
                HistoryOutcome::Append(vec![(form.date, edit::check_in(value))])
            }
            Target::AddSession { during: None } => {
                self.mode = Mode::Form(Form::new(
                    form.date,
                    Target::AddSession {
                        during: Some(value),
                    },
                    format!("Session on {}: pain just after: 0–10", form.date),
                ));
                HistoryOutcome::None
            }
            Target::AddSession {
                during: Some(during),
            } => match self.data.session_before(form.date) {
                Some(template) => {
                    self.message = Some(format!("Saved: session on {}", form.date));
                    HistoryOutcome::AppendSession(Box::new(BackfilledSession::repeating(
                        template, form.date, during, value,
                    )))
                }
                None => HistoryOutcome::None,
            },
        }
    }
}
