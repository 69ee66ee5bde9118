//! The check-in's questions about imported runs: the pain during each recent run the watch
//! brought in, which only the person knows.

use crate::domain::config::Units;
use crate::domain::history::History;
use crate::tui::screens::checkin::RunQuestion;
use chrono::NaiveDate;

/// Runs this many days back (and today's) are asked about; older ones are rated with
/// `rehab log run-pain`, as a week-old run's pain is hard to recall.
const ASK_DAYS: i64 = 3;
/// At most this many run questions in one check-in, the latest first.
const MOST: usize = 3;

/// The recent runs with no pain yet, newest first.
pub fn unrated_runs(history: &History, today: NaiveDate, units: Units) -> Vec<RunQuestion> {
    history
        .runs
        .iter()
        .rev()
        .filter(|r| r.pain_unrated() && r.date <= today && (today - r.date).num_days() <= ASK_DAYS)
        .take(MOST)
        .map(|r| {
            let size =
                r.km.map_or_else(String::new, |km| format!("{} ", units.show(km)));
            let when = match (today - r.date).num_days() {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                _ => format!("on {}", r.date.format("%a %-d %b")),
            };
            RunQuestion {
                run: r.id.clone(),
                label: format!("Your {size}run {when}: pain during"),
                pain: None,
            }
        })
        .collect()
}
