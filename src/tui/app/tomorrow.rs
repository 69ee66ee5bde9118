//! The session summary's "Tomorrow" lines: what the coach would prescribe tomorrow from the
//! journal as it stands once the session is finished (issue 4 §3). Tomorrow's morning check-in
//! can still change it, hence "likely".

use crate::domain::plan::{Decision, Plan};
use crate::domain::reason::Reason;

/// How many of the coach's reasons the summary shows; Today tomorrow lists them all.
pub const TOMORROW_REASONS: usize = 3;

/// The coach's rule for a session whose next morning is not checked in yet.
const NO_NEXT_MORNING_RULE: &str = "rule 9";

/// How the coach, asked for tomorrow, names today's session.
const TODAYS: &str = "the session yesterday";

/// Rule 9 said from today: the coach, asked for tomorrow, words it as "the morning after the
/// session yesterday has no check-in yet", which read after today's session means today's.
const NO_NEXT_MORNING_YET: &str =
    "tomorrow morning's check-in shows whether today's session settled";

/// Under the summary's "Tomorrow" heading: "Likely: hold — no step up or down", then up to `TOMORROW_REASONS` reasons.
pub fn tomorrow_lines(plan: &Plan) -> Vec<String> {
    let mut lines = vec![format!("Likely: {}", in_words(&plan.decision))];
    if !plan.locked && !plan.exercises.iter().any(|e| e.due_today) {
        lines.push("Nothing is due: a rest day.".to_string());
    }
    lines.extend(
        grouped(&reasons(plan))
            .into_iter()
            .take(TOMORROW_REASONS)
            .map(|text| format!("· {text}")),
    );
    lines
}

/// Exercise reasons read "<exercise> stays at rung 1 (<dose>): <cause>". Exercises sharing a
/// cause are said once ("<cause> (3 exercises)") so the summary fits a small terminal.
fn grouped(reasons: &[&Reason]) -> Vec<String> {
    let cause = |text: &str| text.split_once("): ").map(|(_, c)| c.to_string());
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for &r in reasons {
        let r = said_from_today(r);
        let key = cause(&r);
        match groups.iter_mut().find(|(k, _)| key.is_some() && *k == key) {
            Some((_, members)) => members.push(r),
            None => groups.push((key, vec![r])),
        }
    }
    groups
        .into_iter()
        .map(|(key, members)| match (key, members.as_slice()) {
            (Some(cause), [_, _, ..]) => {
                let mut text = cause;
                if let Some(first) = text.get(..1) {
                    text = format!("{}{}", first.to_uppercase(), &text[1..]);
                }
                format!("{text} ({} exercises)", members.len())
            }
            (_, members) => members.first().cloned().unwrap_or_default(),
        })
        .collect()
}

/// The reason's text, with rule 9's cause said from today (see `NO_NEXT_MORNING_YET`).
fn said_from_today(r: &Reason) -> String {
    match r.text.split_once("): ") {
        // Only today's session: an older one's words stay the coach's own.
        Some((exercise, cause)) if r.rule == NO_NEXT_MORNING_RULE && cause.contains(TODAYS) => {
            format!("{exercise}): {NO_NEXT_MORNING_YET}")
        }
        _ => r.text.clone(),
    }
}

/// A stop or referral: the day's own reasons. Otherwise each exercise's reason (the summary has no
/// per-exercise list to point to), most cautious first.
fn reasons(plan: &Plan) -> Vec<&Reason> {
    if plan.locked || matches!(plan.decision, Decision::Refer(_) | Decision::Stop(_)) {
        return plan.reasons.iter().collect();
    }
    let mut exercises: Vec<_> = plan.exercises.iter().filter(|e| e.due_today).collect();
    exercises.sort_by_key(|e| std::cmp::Reverse(e.decision.caution()));
    exercises.iter().flat_map(|e| &e.reasons).collect()
}

/// "hold: no step up or down" → "hold — no step up or down"; a stop or referral reads whole.
fn in_words(decision: &Decision) -> String {
    let text = decision.to_string();
    match text.split_once(": ") {
        Some((word, rest)) if word == decision.word() => format!("{word} — {rest}"),
        _ => text,
    }
}
