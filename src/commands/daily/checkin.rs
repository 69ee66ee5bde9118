//! `rehab checkin`: the morning check-in, with the red-flag questions.

use super::inputs::optional_rating;
use super::state::DayState;
use crate::app::journal::Journal;
use crate::cli::CheckinArgs;
use crate::domain::pain::{Rating, Zone};
use crate::domain::records::RecordBody;
use crate::domain::red_flag_recheck::{Recheck, recheck_due};
use crate::domain::red_flags::{self, NOT_A_DIAGNOSIS, RED_FLAGS, RedFlag, Urgency};
use crate::domain::settings::CoachSettings;
use crate::store::Context;
use anyhow::{Context as _, bail};
use std::collections::BTreeMap;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: CheckinArgs) -> anyhow::Result<ExitCode> {
    if args.list_flags {
        crate::out!("{}", flag_list());
        return Ok(ExitCode::SUCCESS);
    }
    let pain = optional_rating("pain", args.pain.as_ref())?;
    let stiffness = optional_rating("stiffness", args.stiffness.as_ref())?;
    let load_test = optional_rating("load-test", args.load_test.as_ref())?;
    let red_flags = flag_answers(&args.flags, args.no_flags)?;
    if pain.is_none() && stiffness.is_none() && load_test.is_none() && red_flags.is_empty() {
        bail!(
            "nothing to record: give at least --pain N (and usually --stiffness N); see `rehab checkin --help`"
        );
    }

    // A yes to a red flag is said at once, before anything else can fail.
    let yes: Vec<&RedFlag> = red_flags
        .iter()
        .filter(|(_, yes)| **yes)
        .filter_map(|(id, _)| red_flags::find(id))
        .collect();
    let worst = red_flags::worst(red_flags.iter().map(|(k, v)| (k.as_str(), *v)));
    if let Some(worst) = worst {
        crate::out!("{}", red_flag_message(worst, &yes));
    }

    // The journal is read once: the settings in force (the programme's included) and what was
    // answered before this check-in, to say whether the red-flag questions are due.
    let mut state = DayState::load(ctx)?;
    let settings = state.settings();
    let ceiling = load_test_ceiling(&state, &settings);
    let recheck = if red_flags.is_empty() {
        recheck_due(state.history(), ctx.today, pain, &settings)
    } else {
        None
    };
    state
        .journal
        .append(
            ctx.today,
            RecordBody::CheckIn {
                pain,
                stiffness,
                load_test,
                red_flags: red_flags.clone(),
            },
        )
        .map_err(anyhow::Error::msg)
        .context("cannot save the check-in")?;

    crate::outln!("Check-in for {} saved.", ctx.today);
    if let Some(value) = pain {
        crate::outln!("  {:<10} {}", "pain", zoned(value, &settings));
    }
    // Stiffness is not pain: the pain zones (R5) say nothing about it.
    if let Some(value) = stiffness {
        crate::outln!("  {:<10} {value}", "stiffness");
    }
    if let Some(value) = load_test {
        crate::outln!("  {:<10} {}", "load test", against_ceiling(value, ceiling));
    }
    const HOW: &str =
        "`rehab checkin --list-flags`, then `rehab checkin --flag ID` or `--no-flags`";
    match recheck {
        Some(Recheck::HighPain { at_least }) => crate::outln!(
            "Your pain is {at_least} or more: please answer the red-flag questions ({HOW})."
        ),
        Some(Recheck::Routine { days }) => crate::outln!(
            "The red-flag questions are due (they are asked at least every {days} days): {HOW}."
        ),
        None => {}
    }
    if worst.is_some_and(|f| f.urgency >= Urgency::Urgent) {
        crate::outln!("After a clinician has seen you, record it with `rehab log clinician-seen`.");
    } else {
        crate::outln!("Next: `rehab today` shows today's plan.");
    }
    Ok(ExitCode::SUCCESS)
}

fn zoned(value: Rating, settings: &CoachSettings) -> String {
    let zone = Zone::of(value, settings.green_max, settings.amber_max);
    format!("{value} {} {}", zone.symbol(), zone.word())
}

/// The load test's own ceiling: the current programme's, else the `load_test_max` setting
/// (what the coach judges the next morning by, not the pain zones).
fn load_test_ceiling(state: &DayState, settings: &CoachSettings) -> u8 {
    state
        .current_programme()
        .and_then(|p| p.load_test.as_ref().map(|t| t.ceiling))
        .unwrap_or(settings.load_test_max)
}

/// "4/10 ■ above the load-test ceiling of 3" or "2/10 ● within the load-test ceiling of 3".
fn against_ceiling(value: Rating, ceiling: u8) -> String {
    if value.value() > ceiling {
        format!(
            "{value} {} above the load-test ceiling of {ceiling}",
            Zone::Red.symbol()
        )
    } else {
        format!(
            "{value} {} within the load-test ceiling of {ceiling}",
            Zone::Green.symbol()
        )
    }
}

/// The answers as stored: each `--flag` is a yes; with `--no-flags` every other question is a no.
fn flag_answers(flags: &[String], no_to_others: bool) -> anyhow::Result<BTreeMap<String, bool>> {
    let mut answers = BTreeMap::new();
    for id in flags {
        if red_flags::find(id).is_none() {
            bail!(
                "--flag {id}: no such red-flag question; `rehab checkin --list-flags` lists the ids"
            );
        }
        answers.insert(id.clone(), true);
    }
    if no_to_others {
        for flag in RED_FLAGS {
            answers.entry(flag.id.to_string()).or_insert(false);
        }
    }
    Ok(answers)
}

fn flag_list() -> String {
    let mut out = String::from(
        "Red-flag questions. Answer yes with --flag ID (repeatable); --no-flags answers no to the rest.\n\n",
    );
    for flag in RED_FLAGS {
        out.push_str(&format!(
            "{:<20} {:<9} {}\n",
            flag.id,
            flag.urgency.word(),
            flag.question
        ));
    }
    out
}

/// What to do after a yes: the most urgent instruction first, then every question answered yes.
fn red_flag_message(worst: &RedFlag, yes: &[&RedFlag]) -> String {
    let headline = match worst.urgency {
        Urgency::Emergency | Urgency::Urgent => "STOP",
        Urgency::Soon => "SEE A CLINICIAN",
    };
    let mut out = format!(
        "{headline} ({}): {}.\n",
        worst.urgency.word(),
        worst.urgency.instruction()
    );
    out.push_str("You answered yes to:\n");
    for flag in yes {
        out.push_str(&format!(
            "  - {} ({})\n",
            flag.question,
            flag.urgency.word()
        ));
    }
    out.push_str(NOT_A_DIAGNOSIS);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_flags_answers_no_to_the_rest_and_unknown_ids_fail() {
        let answers = flag_answers(&["below_knee".into()], true).unwrap();
        assert_eq!(answers.len(), RED_FLAGS.len());
        assert_eq!(answers.get("below_knee"), Some(&true));
        assert_eq!(answers.get("bone_stress"), Some(&false));
        assert!(flag_answers(&["nope".into()], false).is_err());
    }

    #[test]
    fn emergency_message_leads_with_stop_and_the_instruction() {
        let flag = red_flags::find("saddle_numbness").unwrap();
        let message = red_flag_message(flag, &[flag]);
        assert!(
            message.starts_with("STOP (EMERGENCY): go to emergency care now"),
            "{message}"
        );
        assert!(message.contains(flag.question));
    }
}
