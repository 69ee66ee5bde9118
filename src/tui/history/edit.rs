//! In-app edits and backfills. Every edit becomes new journal records: a `correction` naming
//! the record it fixes, or records dated the past day being filled in. Nothing is rewritten.

use crate::domain::history::SessionLog;
use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use crate::domain::programme::Programme;
use crate::domain::records::{RecordBody, RecordId, done_as_planned};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Kept with every correction made from the history screens.
pub const EDIT_REASON: &str = "edited in the history screen";

/// What a rating form will change once a value is entered.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Correct the pain of an existing record (a check-in, a set, a session's end).
    CorrectPain {
        record: RecordId,
        field: &'static str,
    },
    /// Add a check-in for a day that has none.
    AddCheckIn,
    /// Add a whole session for a day: first pain during, then pain after.
    AddSession { during: Option<Rating> },
}

/// A one-question form: "pain 0–10 for …", typed as digits and confirmed with Enter.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub date: NaiveDate,
    pub target: Target,
    pub question: String,
    pub typed: String,
}

impl Form {
    pub fn new(date: NaiveDate, target: Target, question: impl Into<String>) -> Form {
        Form {
            date,
            target,
            question: question.into(),
            typed: String::new(),
        }
    }

    /// Add a digit; at most two ("10").
    pub fn push_digit(&mut self, digit: u8) {
        if self.typed.len() < 2 {
            self.typed.push(char::from(b'0' + digit));
        }
    }

    pub fn backspace(&mut self) {
        self.typed.pop();
    }

    /// The typed value, if it is on the 0–10 scale.
    pub fn value(&self) -> Result<Rating, String> {
        if self.typed.is_empty() {
            return Err("type a number from 0 to 10 first".into());
        }
        self.typed.parse::<Rating>()
    }
}

/// A session being backfilled for a past day. The shell appends `started` (dated `date`),
/// then `rest(id)` with the id the journal gave `started`, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct BackfilledSession {
    pub date: NaiveDate,
    pub started: RecordBody,
    plan: Arc<PlanSnapshot>,
    during: Rating,
    after: Rating,
}

impl BackfilledSession {
    /// Repeat `template`'s plan as fully done on `date`, every set rated `during`.
    pub fn repeating(
        template: &SessionLog,
        date: NaiveDate,
        during: Rating,
        after: Rating,
    ) -> BackfilledSession {
        BackfilledSession {
            date,
            started: RecordBody::SessionStarted {
                plan: template.plan.clone(),
                pain_before: None,
            },
            plan: template.plan.clone(),
            during,
            after,
        }
    }

    /// The programme of the plan repeated.
    pub fn programme(&self) -> &str {
        &self.plan.programme
    }

    /// The set and finish records, pointing at `session` (the id of the appended `started`):
    /// each exercise done as planned, sides and what is counted as its `programme` defines them
    /// (the same records `rehab log session` writes).
    pub fn rest(&self, session: RecordId, programme: Option<&Programme>) -> Vec<RecordBody> {
        let mut bodies = Vec::new();
        for planned in &self.plan.exercises {
            let exercise = programme.and_then(|p| p.exercise(&planned.exercise));
            bodies.extend(done_as_planned(
                planned,
                &session,
                exercise,
                self.during,
                None,
            ));
        }
        bodies.push(RecordBody::SessionFinished {
            session,
            pain_after: self.after,
            effort: None,
            note: Some("added afterwards in the history screen".into()),
        });
        bodies
    }
}

/// A correction of one pain field.
pub fn pain_correction(record: RecordId, field: &str, pain: Rating) -> RecordBody {
    let mut fields = serde_json::Map::new();
    fields.insert(field.to_string(), serde_json::json!(pain.value()));
    RecordBody::Correction {
        target: record,
        fields,
        reason: Some(EDIT_REASON.into()),
    }
}

/// A check-in holding only the morning pain.
pub fn check_in(pain: Rating) -> RecordBody {
    RecordBody::CheckIn {
        pain: Some(pain),
        stiffness: None,
        load_test: None,
        red_flags: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::History;
    use crate::export::sample;
    use crate::store::journal_line::apply_fields;

    #[test]
    fn form_accepts_the_scale_only() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut form = Form::new(date, Target::AddCheckIn, "pain");
        assert!(form.value().is_err());
        form.push_digit(1);
        form.push_digit(0);
        form.push_digit(9);
        assert_eq!(form.value(), Rating::new(10).map_err(|e| e.to_string()));
        form.backspace();
        form.backspace();
        form.push_digit(7);
        assert_eq!(form.value().unwrap().value(), 7);
        form.push_digit(7);
        assert!(form.value().is_err(), "77 is off the scale");
    }

    #[test]
    fn backfilled_session_repeats_the_plan_with_sides() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let history = History::replay(sample::journal(start, 1), apply_fields);
        let template = &history.sessions[0];
        let day = start.succ_opt().unwrap();
        let backfill = BackfilledSession::repeating(
            template,
            day,
            Rating::new(3).unwrap(),
            Rating::new(2).unwrap(),
        );
        let programme: Programme =
            toml::from_str(include_str!("../../../tests/fixtures/quick.toml")).unwrap();
        assert_eq!(backfill.programme(), programme.id);
        let rest = backfill.rest(RecordId("x-1".into()), Some(&programme));
        let sets = rest.iter().filter(|b| b.kind() == "set_done").count();
        assert_eq!(sets, template.sets.len());
        assert_eq!(rest.last().map(RecordBody::kind), Some("session_finished"));
    }
}
