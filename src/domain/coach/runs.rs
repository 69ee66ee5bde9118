//! The coach's view of logged runs: the last run judged by rules 8–9, then the running caps.

use super::context::Context;
use super::mornings::Response;
use crate::domain::running::{self, LastRunJudgement};
use crate::domain::running_advice::RunningAdvice;

/// Running caps from runs dated up to today, with the last run judged by rules 8–9.
pub fn running_advice(cx: &Context) -> RunningAdvice {
    let runs = &cx.history.runs[..cx.history.runs.partition_point(|r| r.date <= cx.today)];
    let mut advice = running::advise(runs, cx.today, &cx.settings, last_run_judged(cx));
    let notes = super::run_notes::notes(runs, cx.today, &cx.settings, &advice);
    advice.reasons.extend(notes);
    advice
}

/// A run is a session for the tendon too (docs/sources.md#coach-rules: "a run is a Session:
/// rules 8–9 apply"). When the last run before today went above the ceiling or did not settle,
/// and it was within `run_rest_days_after_bad_run` days, the rehab exercises do not step up
/// today: the cause in words, for every programme (with or without running caps).
pub fn bad_run_holds(cx: &Context) -> Option<String> {
    let judged = last_run_judged(cx)?;
    let problem = judged.problem?;
    let days = (cx.today - judged.date).num_days();
    (days <= i64::from(cx.settings.run_rest_days_after_bad_run)).then(|| {
        format!(
            "the run {} {problem}",
            super::context::when(judged.date, cx.today)
        )
    })
}

/// The last run before today with what went wrong, if anything (rules 8–9 on a run).
fn last_run_judged(cx: &Context) -> Option<LastRunJudgement> {
    let runs = &cx.history.runs[..cx.history.runs.partition_point(|r| r.date <= cx.today)];
    let s = &cx.settings;
    runs.iter().rev().find(|r| r.date < cx.today).map(|run| {
        // An unrated (imported) run is never read as pain 0: the ceiling half of the rule waits
        // for the rating, and the next morning is judged as for any run.
        let problem = if let Some(pain) = run.pain.filter(|p| p.value() > s.amber_max) {
            Some(format!("hurt {pain}, above the ceiling of {}", s.amber_max))
        } else {
            let response = cx.response_after(run.date, None);
            match response {
                Response::Settled | Response::NotLoggedYet => None,
                unsettled => Some(format!(
                    "did not settle: {}",
                    unsettled.words(s.morning_tolerance)
                )),
            }
        };
        LastRunJudgement {
            date: run.date,
            problem,
        }
    })
}
