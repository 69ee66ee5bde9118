//! The coach's view of logged runs: the last run judged by rules 8–9, then the running caps.

use super::context::Context;
use super::mornings::Response;
use crate::domain::running::{self, LastRunJudgement};
use crate::domain::running_advice::RunningAdvice;

/// Running caps from runs dated up to today, with the last run judged by rules 8–9.
pub fn running_advice(cx: &Context) -> RunningAdvice {
    let runs = &cx.history.runs[..cx.history.runs.partition_point(|r| r.date <= cx.today)];
    let s = &cx.settings;
    let last_run = runs.iter().rev().find(|r| r.date < cx.today).map(|run| {
        let problem = if run.pain.value() > s.amber_max {
            Some(format!(
                "hurt {}, above the ceiling of {}",
                run.pain, s.amber_max
            ))
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
    });
    running::advise(runs, cx.today, s, last_run)
}
