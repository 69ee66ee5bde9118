//! The coach's view of logged runs: the last run judged by rules 8–9, then the running caps.

use super::context::Context;
use super::mornings::Response;
use super::rules::days_ago;
use crate::domain::phrase::{self, Numbers};
use crate::domain::reason::NamedNumbers;
use crate::domain::running::{self, LastRunJudgement};
use crate::domain::running_advice::RunningAdvice;
use chrono::NaiveDate;

/// A reason's numbers, by name.
type Named = Vec<(&'static str, f64)>;

/// Running caps from runs dated up to today, with the last run judged by rules 8–9.
pub fn running_advice(cx: &Context) -> RunningAdvice {
    let runs = &cx.history.runs[..cx.history.runs.partition_point(|r| r.date <= cx.today)];
    let judged = last_run(cx).map(|(date, problem)| LastRunJudgement {
        date,
        problem: problem
            .and_then(|numbers| phrase::run_problem(Numbers(&NamedNumbers::from_pairs(&numbers)))),
    });
    let mut advice = running::advise(runs, cx.today, &cx.settings, judged);
    let notes = super::run_notes::notes(runs, cx.today, &cx.settings, &advice);
    advice.reasons.extend(notes);
    advice
}

/// A run is a session for the tendon too (docs/sources.md#coach-rules: "a run is a Session:
/// rules 8–9 apply"). When the last run before today went above the ceiling or did not settle,
/// and it was within `run_rest_days_after_bad_run` days, the rehab exercises do not step up
/// today: the numbers of what went wrong (see `bad_run_numbers`), for every programme.
pub fn bad_run_holds(cx: &Context) -> Option<Named> {
    let numbers = bad_run_numbers(cx)?;
    let (date, _) = last_run(cx)?;
    let days = (cx.today - date).num_days();
    (days <= i64::from(cx.settings.run_rest_days_after_bad_run)).then_some(numbers)
}

/// What went wrong with the last run before today, as a reason's numbers: `pain` and `ceiling`,
/// or those of a next morning that did not settle, with `days_ago` and the `rest_days` after it.
/// None when it went fine or cannot be judged yet.
pub fn bad_run_numbers(cx: &Context) -> Option<Named> {
    let (date, problem) = last_run(cx)?;
    let mut numbers = problem?;
    numbers.push(days_ago(date, cx.today));
    numbers.push((
        "rest_days",
        f64::from(cx.settings.run_rest_days_after_bad_run),
    ));
    Some(numbers)
}

/// The last run before today and, if it went above the ceiling or did not settle, the numbers
/// of what went wrong (rules 8–9 on a run).
fn last_run(cx: &Context) -> Option<(NaiveDate, Option<Named>)> {
    let runs = &cx.history.runs[..cx.history.runs.partition_point(|r| r.date <= cx.today)];
    let s = &cx.settings;
    runs.iter().rev().find(|r| r.date < cx.today).map(|run| {
        // An unrated (imported) run is never read as pain 0: the ceiling half of the rule waits
        // for the rating, and the next morning is judged as for any run.
        let problem = if let Some(pain) = run.pain.filter(|p| p.value() > s.amber_max) {
            Some(vec![
                ("pain", f64::from(pain.value())),
                ("ceiling", f64::from(s.amber_max)),
            ])
        } else {
            match cx.response_after(run.date, None) {
                Response::Settled | Response::NotLoggedYet => None,
                unsettled => Some(unsettled.numbers(s.morning_tolerance)),
            }
        };
        (run.date, problem)
    })
}
