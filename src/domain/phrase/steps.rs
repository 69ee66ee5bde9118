//! The sentence for one exercise decision: the step that happens to its rung and dose, then why,
//! e.g. "Bridge steps down 1 rung to rung 2 (2 × 10, rest 1 min): pain reached 6/10 …".

use super::numbers::{Numbers, count};
use crate::domain::plan::Decision;

/// What the sentence says about the exercise besides the reason's numbers.
#[derive(Debug, Clone, Default)]
pub struct Subject<'a> {
    pub name: &'a str,
    /// Today's dose in words (cut on a lighter week).
    pub dose: String,
    /// The full dose at today's rung, for a lighter week.
    pub full_dose: Option<String>,
    /// What a step up changes, e.g. "sets" or "hold and sets".
    pub changes: Option<String>,
    /// The phase a step below this phase's floor goes back to.
    pub previous_phase: Option<&'a str>,
    /// On an isometric-only day: "do Side-lying hold instead", "keep to the holds", "rest it today".
    pub instead: String,
    /// On an isometric-only day: the exercise with nowhere lower to go.
    pub trigger: Option<&'a str>,
    /// An isometric alternative: the exercises it stands in for today.
    pub replaces: Vec<&'a str>,
}

/// The whole sentence, or None when a number it needs is missing.
pub fn sentence(
    s: &Subject,
    decision: &Decision,
    cause: &str,
    n: Numbers,
    why: Option<String>,
) -> Option<String> {
    let name = s.name;
    let dose = &s.dose;
    match cause {
        "locked" => return Some(format!("{name} is locked until a clinician has seen you.")),
        "isometric_only_day" => {
            return Some(format!(
                "{name} is not due today: today is an isometric-only day because {} has nowhere lower to go; {}.",
                s.trigger?, s.instead
            ));
        }
        "isometric_alternative" if !s.replaces.is_empty() => {
            return Some(format!(
                "{name} at rung {} ({dose}) stands in today for {}: an isometric-only day.",
                n.whole("to_rung")?,
                and_list(&s.replaces)
            ));
        }
        _ => {}
    }
    let why = why?;
    let to = n.whole("to_rung")?;
    Some(match decision {
        Decision::Progress => match &s.changes {
            Some(changes) => {
                format!("{name} steps up to rung {to} ({dose}; changes {changes}): {why}")
            }
            None => format!("{name} steps up to rung {to} ({dose}): {why}"),
        },
        Decision::Regress(rungs) => {
            let floor = n.whole("floor")?;
            let rungs = count(f64::from(*rungs), "rung", "rungs");
            if to < floor {
                format!(
                    "{name} goes below this phase's floor, back to rung {to} of {} ({dose}); this counts as being sent back to the floor: {why}",
                    s.previous_phase.unwrap_or("the previous phase")
                )
            } else if to == floor {
                format!(
                    "{name} steps down {rungs} to rung {to} ({dose}), the lowest in this phase; this counts as being sent back to the floor: {why}"
                )
            } else {
                format!("{name} steps down {rungs} to rung {to} ({dose}): {why}")
            }
        }
        Decision::IsometricOnly => format!(
            "{name} stays at rung {to} ({dose}) — already the lowest it can go, so today is an isometric-only day: {}. Why: {why}",
            s.instead
        ),
        Decision::Deload => match &s.full_dose {
            Some(full) if full != dose => format!(
                "{name} stays at rung {to} with lighter volume ({dose} instead of {full}): {why}"
            ),
            _ => format!("{name} stays at rung {to} with lighter volume ({dose}): {why}"),
        },
        Decision::Hold | Decision::Refer(_) | Decision::Stop(_) => {
            format!("{name} stays at rung {to} ({dose}): {why}")
        }
    })
}

/// "A", "A and B", "A, B and C".
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
