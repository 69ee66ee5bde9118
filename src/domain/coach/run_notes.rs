//! What the running advice says about particular runs: the one that took the week over its cap
//! (named, so an imported run is recognisable), and runs whose pain is not rated yet.

use crate::domain::history::RunLog;
use crate::domain::reason::Reason;
use crate::domain::running_advice::RunningAdvice;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

/// Unrated runs looked at: the 7 days ending today, the window of the week cap.
const WEEK_DAYS: i64 = 7;

/// Reasons naming runs, added to the running advice: the run that took the 7 days over the week
/// cap, and the runs of those 7 days with no pain rating yet.
pub fn notes(
    runs: &[RunLog],
    today: NaiveDate,
    settings: &CoachSettings,
    advice: &RunningAdvice,
) -> Vec<Reason> {
    let in_week: Vec<&RunLog> = runs
        .iter()
        .filter(|r| r.date <= today && (today - r.date).num_days() < WEEK_DAYS)
        .collect();
    let mut out = Vec::new();
    if let Some(cap) = advice.week_cap_km.filter(|cap| advice.km_this_week > *cap) {
        out.push(over_week_cap(&in_week, cap, advice.km_this_week, settings));
    }
    let unrated: Vec<&RunLog> = in_week
        .iter()
        .copied()
        .filter(|r| r.pain_unrated())
        .collect();
    if let Some(reason) = not_rated(&unrated, settings) {
        out.push(reason);
    }
    out
}

/// R14/R15 broken: which run took the 7 days over the cap (runs in date order, as logged).
fn over_week_cap(in_week: &[&RunLog], cap: f64, total: f64, settings: &CoachSettings) -> Reason {
    let mut sum = 0.0;
    let culprit = in_week.iter().find(|run| {
        sum += run.km.unwrap_or(0.0);
        sum > cap
    });
    let shown = |km: f64| settings.units.show(km);
    let which = culprit.map_or_else(String::new, |run| {
        format!(" {} took it over", capitalised(&run.named(settings.units)))
    });
    let text = format!(
        "Over the week's running cap: {} in the 7 days ending today against a cap of {}.{which}. No more running until the 7-day total is back under the cap.",
        shown(total),
        shown(cap)
    );
    let run_km = culprit.and_then(|r| r.km).unwrap_or(0.0);
    Reason::new("R14", text).because(
        "week_cap_exceeded",
        &[
            ("km_this_week", total),
            ("week_cap_km", cap),
            ("run_km", run_km),
        ],
    )
}

/// Imported runs the person has not rated: they count for the caps; the ceiling half of the
/// "painful run" rule waits for the rating (never read as 0); the next-morning half still applies.
fn not_rated(unrated: &[&RunLog], settings: &CoachSettings) -> Option<Reason> {
    let first = unrated.first()?;
    let names: Vec<String> = unrated.iter().map(|r| r.named(settings.units)).collect();
    let text = if let [only] = names.as_slice() {
        format!(
            "{} has no pain rating yet: it counts for the caps, and whether it went above the ceiling is not known until you rate it (`rehab log run-pain {} --during N`, or at the check-in); the next morning's check-in still counts.",
            capitalised(only),
            first.date
        )
    } else {
        format!(
            "{} runs have no pain rating yet: {}. They count for the caps, and whether one went above the ceiling is not known until you rate them (`rehab log run-pain DAY --during N`, or at the check-in); the next morning's check-in still counts.",
            unrated.len(),
            names.join("; ")
        )
    };
    Some(Reason::new("R6", text).because("run_pain_not_rated", &[("runs", unrated.len() as f64)]))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
