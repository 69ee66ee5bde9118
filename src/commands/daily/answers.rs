//! `rehab log referral-acknowledged` and `rehab log milestone`: answers the coach waits for,
//! given from the command line as the app gives them with a key.

use super::state::DayState;
use crate::app::journal::Journal as _;
use crate::cli::MilestoneArgs;
use crate::domain::plan::Decision;
use crate::domain::records::RecordBody;
use crate::store::Context;
use anyhow::{Context as _, bail};
use std::process::ExitCode;

/// Acknowledge the referral today's plan is held by; then say whether another one follows.
pub fn referral_acknowledged(ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut state = DayState::load(ctx)?;
    let (_, plan) = state.plan(ctx)?;
    let Decision::Refer(reason) = plan.decision else {
        bail!(
            "no referral is waiting on {} (today's decision: {}): nothing to acknowledge",
            ctx.today,
            plan.decision
        );
    };
    state
        .journal
        .append(
            ctx.today,
            RecordBody::ReferralAcknowledged {
                reason: reason.id().into(),
            },
        )
        .map_err(anyhow::Error::msg)
        .context("cannot save the acknowledgement")?;
    crate::outln!(
        "Acknowledged: {} ({}). Please book the clinician visit; steps up are allowed again.",
        reason.words(),
        reason.id()
    );
    let (_, after) = state.plan(ctx)?;
    if let Decision::Refer(next) = after.decision {
        crate::outln!(
            "Another referral is waiting: {}. `rehab today` explains it; acknowledge it the same way.",
            next.words()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Record a yes or no to one of the current programme's milestone questions.
pub fn milestone(ctx: &Context, args: MilestoneArgs) -> anyhow::Result<ExitCode> {
    let mut state = DayState::load(ctx)?;
    let programme = state.programme()?;
    let questions: Vec<_> = programme
        .phases
        .iter()
        .flat_map(|p| p.exit.confirm.iter().map(move |c| (p, c)))
        .collect();
    let Some((phase, question)) = questions.iter().find(|(_, c)| c.id == args.id) else {
        let ids: Vec<&str> = questions.iter().map(|(_, c)| c.id.as_str()).collect();
        if ids.is_empty() {
            bail!(
                "{}: the programme {} asks no milestone questions",
                args.id,
                programme.id
            );
        }
        bail!(
            "{}: not a milestone of {}; its milestones are: {}",
            args.id,
            programme.id,
            ids.join(", ")
        );
    };
    let (phase_id, text) = (phase.id.clone(), question.question.clone());
    let programme_id = programme.id.clone();
    let yes = args.yes && !args.no;
    state
        .journal
        .append(
            ctx.today,
            RecordBody::MilestoneAnswered {
                programme: programme_id,
                milestone: args.id,
                yes,
            },
        )
        .map_err(anyhow::Error::msg)
        .context("cannot save the answer")?;
    crate::outln!(
        "Saved for phase {phase_id}: \"{text}\" {}.",
        if yes { "yes" } else { "no" }
    );
    if !yes {
        crate::outln!("The phase waits for a yes: answer again when it holds.");
    }
    Ok(ExitCode::SUCCESS)
}
