//! The session summary's "Tomorrow" lines: what the coach would prescribe tomorrow from the
//! journal as it stands once the session is finished (issue 4 §3). Tomorrow's morning check-in
//! can still change it, hence "likely".

use crate::domain::plan::{Decision, Plan};

/// How many of the coach's reasons the summary shows; Today tomorrow lists them all.
pub const TOMORROW_REASONS: usize = 3;

/// Under the summary's "Tomorrow" heading: "Likely: hold — no step up or down", then up to `TOMORROW_REASONS` reasons.
pub fn tomorrow_lines(plan: &Plan) -> Vec<String> {
    let mut lines = vec![format!("Likely: {}", in_words(&plan.decision))];
    if !plan.locked && !plan.exercises.iter().any(|e| e.due_today) {
        lines.push("Nothing is due: a rest day.".to_string());
    }
    lines.extend(
        plan.reasons
            .iter()
            .take(TOMORROW_REASONS)
            .map(|r| format!("· {}", r.text)),
    );
    lines
}

/// "hold: no step up or down" → "hold — no step up or down"; a stop or referral reads whole.
fn in_words(decision: &Decision) -> String {
    let text = decision.to_string();
    match text.split_once(": ") {
        Some((word, rest)) if word == decision.word() => format!("{word} — {rest}"),
        _ => text,
    }
}
