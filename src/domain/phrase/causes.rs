//! The "why" of each cause id (docs/coach.md lists them): what triggered a decision, said from
//! the reason's numbers alone. None when a number the words need is missing (a reason stored by
//! an older version), so the caller keeps the stored text.

use super::numbers::{Numbers, ago, count, day_before, one_decimal};
use crate::domain::pain::Zone;
use crate::domain::plan::ReferReason;
use chrono::NaiveDate;

/// What a why clause needs besides the numbers: the plan's day and phase, and the referral the
/// plan is held by (if any).
#[derive(Debug, Clone, Copy)]
pub struct Setting<'a> {
    pub date: NaiveDate,
    pub phase: &'a str,
    pub referral: Option<&'a ReferReason>,
}

impl Setting<'_> {
    /// "yesterday" for the day the reason's `days_ago` names.
    fn ago(&self, n: Numbers) -> Option<String> {
        ago(self.date, n.whole("days_ago")?)
    }
}

/// The trigger of an exercise decision in words, e.g. "pain reached 6/10 during the session
/// yesterday (■ too high zone), above the ceiling of 5".
pub fn why(cause: &str, n: Numbers, at: &Setting) -> Option<String> {
    Some(match cause {
        "no_session_yet" => "no session of this exercise before today, so start here".into(),
        "pain_severe" => format!(
            "pain reached {}/10 {} the session {} ({}), at or above the severe level of {}",
            n.said("pain")?,
            moment(n),
            at.ago(n)?,
            zone(n)?,
            n.said("severe")?
        ),
        "pain_above_ceiling" => format!(
            "pain reached {}/10 {} the session {} ({}), above the ceiling of {}",
            n.said("pain")?,
            moment(n),
            at.ago(n)?,
            zone(n)?,
            n.said("ceiling")?
        ),
        "morning_not_logged" => format!(
            "the morning after the session {} has no check-in yet, so the 24-hour response is unknown",
            at.ago(n)?
        ),
        "not_settled" => format!(
            "the session {} did not settle: {}",
            at.ago(n)?,
            settle_words(n)?
        ),
        "weekly_morning_rising" if n.has("factor") => format!(
            "weekly mean morning pain rose by {} {} (more than {} allowed), so volume is {} % until {}",
            n.said("rise")?,
            at.ago(n)?,
            n.said("tolerance")?,
            percent(n.get("factor")?),
            until(n, at)?
        ),
        "weekly_morning_rising" => format!(
            "weekly mean morning pain rose by {} this week; a step up waits until it stops rising",
            n.said("rise")?
        ),
        "streak_met" => streak_met(n)?,
        "phase_top" => format!(
            "{}, but this is the top rung for phase {}",
            streak_met(n).unwrap_or_else(|| "it earned a step up".into()),
            at.phase
        ),
        "session_not_qualifying" => format!("no step up yet: {}", disqualifier(n, at)?),
        "streak_short" => streak_short(n, at)?,
        "days_at_rung_short" => format!(
            "{} of at least {} at this rung so far",
            n.said("days")?,
            count(n.get("needed")?, "day", "days")
        ),
        "oa_unloaded_week" => format!(
            "week {} of a hip-OA programme is done without added weight; weight comes from week {}",
            n.said("week")?,
            n.said("loaded_from_week")?
        ),
        "oa_pain_rise" => format!(
            "hip pain rose {} over the {}/10 before the session {}, more than {}",
            count(n.get("rise")?, "point", "points"),
            n.said("pain_before")?,
            at.ago(n)?,
            n.said("max")?
        ),
        "oa_extra_pain" => format!(
            "extra hip pain after the session {} lasted more than {} (morning pain {}/10, usual {})",
            at.ago(n)?,
            count(n.get("max_days")?, "day", "days"),
            n.said("morning_pain")?,
            n.said("baseline")?
        ),
        "phase_start" => phase_start(n, at)?,
        "referral_unacknowledged" => match at.referral {
            Some(referral) => format!(
                "it earned a step up, but steps up wait until you acknowledge the referral ({})",
                referral.words()
            ),
            None => {
                "it earned a step up, but steps up wait until you acknowledge the referral".into()
            }
        },
        "bad_run_no_step_up" => format!(
            "it earned a step up, but the run {} {}, so the dose stays",
            at.ago(n)?,
            run_problem(n)?
        ),
        "run_not_settled" => {
            let rest_days = n.whole("rest_days")?;
            let from = day_before(at.date, n.whole("days_ago")? - rest_days)?;
            format!(
                "the run {} {}: leave at least {} hours before the next run (from {from})",
                at.ago(n)?,
                run_problem(n)?,
                rest_days * 24
            )
        }
        _ => return None,
    })
}

/// A day-level reason that no exercise carries: a rest day, or the lighter week.
pub fn day(cause: &str, n: Numbers, at: &Setting) -> Option<String> {
    Some(match cause {
        "rest_day" => "Nothing is due today: a rest day.".into(),
        "done_today" => "Today's session is done: nothing more is due today.".into(),
        "no_exercises" => "No exercises in this phase.".into(),
        "weekly_morning_rising" if n.has("factor") => format!(
            "Lighter week: weekly mean morning pain rose by {} {} (more than the {} allowed), so every exercise is cut to {} % of its volume (fewer sets, or else fewer reps or shorter holds) until {}.",
            n.said("rise")?,
            at.ago(n)?,
            n.said("tolerance")?,
            percent(n.get("factor")?),
            until(n, at)?
        ),
        _ => return None,
    })
}

/// Why a next morning did not settle, from the numbers of a `not_settled` reason: "next-morning
/// pain was 5/10, above your usual 3 plus the 1 point allowed".
pub fn settle_words(n: Numbers) -> Option<String> {
    let allowed = || n.get("tolerance").map(|t| count(t, "point", "points"));
    if n.has("load_test_pain") {
        return Some(format!(
            "the next day's load test hurt {}/10, above its ceiling of {}",
            n.said("load_test_pain")?,
            n.said("ceiling")?
        ));
    }
    if n.has("stiffness") {
        return Some(format!(
            "next-morning stiffness was {}/10, above your usual {} plus the {} allowed",
            n.said("stiffness")?,
            n.said("baseline")?,
            allowed()?
        ));
    }
    let pain = n.said("morning_pain")?;
    if n.has("baseline") {
        return Some(format!(
            "next-morning pain was {pain}/10, above your usual {} plus the {} allowed",
            n.said("baseline")?,
            allowed()?
        ));
    }
    Some(format!(
        "next-morning pain was {pain}/10, above the ceiling of {}",
        n.said("ceiling")?
    ))
}

/// What went wrong with a run: "hurt 7/10, above the ceiling of 5" or "did not settle: …".
pub fn run_problem(n: Numbers) -> Option<String> {
    if ["morning_pain", "stiffness", "load_test_pain"]
        .iter()
        .any(|k| n.has(k))
    {
        return Some(format!("did not settle: {}", settle_words(n)?));
    }
    Some(format!(
        "hurt {}/10, above the ceiling of {}",
        n.said("pain")?,
        n.said("ceiling")?
    ))
}

/// "during" unless the pain just after the session was the worse.
fn moment(n: Numbers) -> &'static str {
    match (n.get("pain_during"), n.get("pain_after")) {
        (Some(during), Some(after)) if after > during => "just after",
        (None, Some(_)) => "just after",
        _ => "during",
    }
}

/// "■ too high zone" (R5): the symbol and the word, so meaning never rests on colour.
fn zone(n: Numbers) -> Option<String> {
    let zone = if n.get("pain")? > n.get("ceiling")? {
        Zone::Red
    } else {
        Zone::Amber
    };
    Some(format!("{} {} zone", zone.symbol(), zone.word()))
}

fn percent(factor: f64) -> String {
    format!("{:.0}", factor * 100.0)
}

/// The last day of a lighter week, `days_left` after the plan's day.
fn until(n: Numbers, at: &Setting) -> Option<NaiveDate> {
    day_before(at.date, -n.whole("days_left")?)
}

fn streak_met(n: Numbers) -> Option<String> {
    let sessions = n.get("sessions")?;
    let last = if sessions == 1.0 {
        "the last session at this rung".to_string()
    } else {
        format!("the last {} sessions at this rung", one_decimal(sessions))
    };
    Some(format!(
        "{last} stayed within the ceiling of {} and settled by the next morning, after at least {} at this rung",
        n.said("ceiling")?,
        count(n.get("min_days")?, "day", "days")
    ))
}

/// Why a session in the streak does not count toward a step up (§3 `qualifies`).
fn disqualifier(n: Numbers, at: &Setting) -> Option<String> {
    let ago = at.ago(n)?;
    if n.has("completed") {
        return Some(format!("the session {ago} was not completed"));
    }
    if n.has("morning_logged") {
        return Some(format!(
            "after the session {ago}, the next morning's check-in is not logged yet"
        ));
    }
    if n.has("effort") {
        return Some(format!(
            "effort was {}/10 {ago}, above the target of {}",
            n.said("effort")?,
            n.said("target")?
        ));
    }
    if n.has("pain") {
        return Some(format!(
            "pain reached {}/10 {ago}, above the ceiling of {}",
            n.said("pain")?,
            n.said("ceiling")?
        ));
    }
    Some(format!("after the session {ago}, {}", settle_words(n)?))
}

fn streak_short(n: Numbers, at: &Setting) -> Option<String> {
    let after_step_down = match n.whole("counts_from_days_ago") {
        Some(days) => format!(
            " (sessions count again from {}, {} h after a step down)",
            day_before(at.date, days)?,
            n.whole("after_step_down_days")? * 24
        ),
        None => String::new(),
    };
    Some(format!(
        "{} of {} qualifying {} in a row at this rung so far{after_step_down}",
        n.said("sessions")?,
        n.said("needed")?,
        if n.get("needed")? == 1.0 {
            "session"
        } else {
            "sessions"
        }
    ))
}

fn phase_start(n: Numbers, at: &Setting) -> Option<String> {
    let rung = n.whole("to_rung")?;
    let phase = at.phase;
    Some(match n.whole("last_rung") {
        Some(last) if last == rung => {
            format!("first day of phase {phase}, so it carries on at the rung you reached")
        }
        Some(last) if last > rung => format!(
            "first day of phase {phase}, whose plan keeps it at most at rung {rung} while the harder work takes over"
        ),
        _ => format!("first day of phase {phase}, so start at the bottom of its ladder"),
    })
}
