//! The session summary's "Tomorrow" lines: what the coach would prescribe tomorrow from the
//! journal as it stands once the session is finished (issue 4 §3). Tomorrow's morning check-in
//! can still change it, hence "likely". Reasons are phrased from their cause and numbers.

use crate::domain::phrase::PlanWords;
use crate::domain::plan::{Decision, Plan};
use crate::domain::programme::Programme;
use crate::domain::reason::Reason;

/// How many of the coach's reasons the summary shows; Today tomorrow lists them all.
pub const TOMORROW_REASONS: usize = 3;

/// Rule 9 said from today: the coach, asked for tomorrow, says "the morning after the session
/// yesterday has no check-in yet", which read after today's session means today's.
const NO_NEXT_MORNING_YET: &str =
    "tomorrow morning's check-in shows whether today's session settled";

/// Under the summary's "Tomorrow" heading: "Likely: hold — no step up or down", then up to `TOMORROW_REASONS` reasons.
pub fn tomorrow_lines(plan: &Plan, programme: &Programme) -> Vec<String> {
    let words = PlanWords::of_plan(plan, Some(programme));
    let mut lines = vec![format!("Likely: {}", in_words(&plan.decision))];
    if !plan.locked && !plan.exercises.iter().any(|e| e.due_today) {
        lines.push("Nothing is due: a rest day.".to_string());
    }
    lines.extend(
        grouped(&words, &reasons(plan))
            .into_iter()
            .take(TOMORROW_REASONS)
            .map(|text| format!("· {text}")),
    );
    lines
}

/// Each reason in words. Exercises sharing a cause (the same trigger in words) are said once
/// ("<cause> (3 exercises)") so the summary fits a small terminal.
fn grouped(words: &PlanWords, reasons: &[(Option<&str>, &Reason)]) -> Vec<String> {
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for &(exercise, r) in reasons {
        let (key, said) = match exercise {
            Some(exercise) => match said_from_today(r) {
                Some(why) => (
                    Some(why.to_string()),
                    words
                        .say_because(exercise, r, why)
                        .unwrap_or_else(|| words.say_under(exercise, r)),
                ),
                None => (words.why(r), words.say_under(exercise, r)),
            },
            None => (None, words.say(r)),
        };
        match groups.iter_mut().find(|(k, _)| key.is_some() && *k == key) {
            Some((_, members)) => members.push(said),
            None => groups.push((key, vec![said])),
        }
    }
    groups
        .into_iter()
        .map(|(key, members)| match (key, members.as_slice()) {
            (Some(cause), [_, _, ..]) => {
                format!("{} ({} exercises)", capitalised(&cause), members.len())
            }
            (_, members) => members.first().cloned().unwrap_or_default(),
        })
        .collect()
}

/// Rule 9 about the session the day before the plan (today's, seen from tomorrow): said from
/// today (see `NO_NEXT_MORNING_YET`). An older session's words stay the coach's own.
fn said_from_today(r: &Reason) -> Option<&'static str> {
    let yesterday = r.numbers.get("days_ago") == Some(&1.0);
    (r.cause.as_deref() == Some("morning_not_logged") && yesterday).then_some(NO_NEXT_MORNING_YET)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A stop or referral: the day's own reasons. Otherwise each exercise's reason (the summary has no
/// per-exercise list to point to), most cautious first, with the exercise it is about.
fn reasons(plan: &Plan) -> Vec<(Option<&str>, &Reason)> {
    if plan.locked || matches!(plan.decision, Decision::Refer(_) | Decision::Stop(_)) {
        return plan.reasons.iter().map(|r| (None, r)).collect();
    }
    let mut exercises: Vec<_> = plan.exercises.iter().filter(|e| e.due_today).collect();
    exercises.sort_by_key(|e| std::cmp::Reverse(e.decision.caution()));
    exercises
        .iter()
        .flat_map(|e| e.reasons.iter().map(|r| (Some(e.exercise.as_str()), r)))
        .collect()
}

/// "hold: no step up or down" → "hold — no step up or down"; a stop or referral reads whole.
fn in_words(decision: &Decision) -> String {
    let text = decision.to_string();
    match text.split_once(": ") {
        Some((word, rest)) if word == decision.word() => format!("{word} — {rest}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::PlannedExercise;

    fn programme() -> Programme {
        toml::from_str(include_str!("../../../tests/fixtures/quick.toml")).unwrap()
    }

    /// Tomorrow's plan with the exercises `ids` held by rule 9 about the session `days_ago`.
    fn plan(ids: &[&str], days_ago: f64) -> Plan {
        let programme = programme();
        let exercises = ids
            .iter()
            .map(|id| PlannedExercise {
                exercise: (*id).into(),
                rung: 1,
                from_rung: 1,
                instead_of: Vec::new(),
                dose: programme.exercise(id).unwrap().rungs[0].clone(),
                decision: Decision::Hold,
                reasons: vec![Reason::new("rule 9", "stored").because(
                    "morning_not_logged",
                    &[("days_ago", days_ago), ("from_rung", 1.0), ("to_rung", 1.0)],
                )],
                due_today: true,
            })
            .collect();
        Plan {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            programme: programme.id.clone(),
            phase: "T1".into(),
            phase_index: 0,
            week: 1,
            decision: Decision::Hold,
            reasons: Vec::new(),
            exercises,
            locked: false,
            deload: false,
            prompts: Vec::new(),
            running: None,
        }
    }

    #[test]
    fn todays_session_without_a_next_morning_is_said_from_today() {
        let lines = tomorrow_lines(&plan(&["quick-reps"], 1.0), &programme());
        assert_eq!(
            lines[1],
            "· Quick reps stays at rung 1 (1 × 3, rest 1 s): tomorrow morning's check-in shows whether today's session settled"
        );
        let lines = tomorrow_lines(&plan(&["quick-reps", "quick-hold"], 1.0), &programme());
        assert_eq!(
            lines[1..],
            ["· Tomorrow morning's check-in shows whether today's session settled (2 exercises)"]
        );
    }

    #[test]
    fn an_older_session_keeps_the_coachs_words_and_a_shared_cause_is_said_once() {
        let lines = tomorrow_lines(&plan(&["quick-reps"], 2.0), &programme());
        assert_eq!(
            lines[1],
            "· Quick reps stays at rung 1 (1 × 3, rest 1 s): the morning after the session 2 days ago has no check-in yet, so the 24-hour response is unknown"
        );
        let lines = tomorrow_lines(&plan(&["quick-reps", "quick-hold"], 2.0), &programme());
        assert_eq!(
            lines[1],
            "· The morning after the session 2 days ago has no check-in yet, so the 24-hour response is unknown (2 exercises)"
        );
    }

    #[test]
    fn a_reason_without_a_cause_keeps_its_stored_text() {
        let mut p = plan(&["quick-reps"], 1.0);
        p.exercises[0].reasons[0].cause = None;
        assert_eq!(tomorrow_lines(&p, &programme())[1], "· stored");
    }
}
