//! Resume: rebuild a session from what the journal holds and continue at the next undone step.

use super::state::{BlockEnd, DoneSet, EndField, EndForm, Stage};
use super::steps::StepKind;
use super::{Session, SessionOptions};
use crate::domain::history::SessionLog;
use crate::domain::pain::Zone;
use crate::domain::plan::PlanSnapshot;
use crate::domain::programme::Programme;
use std::time::Instant;

impl Session {
    /// Pick up an unfinished session at its next undone step (after a crash or a closed
    /// terminal).
    pub fn resume(
        log: &SessionLog,
        programme: &Programme,
        options: SessionOptions,
        now: Instant,
    ) -> Session {
        let mut session = Session::build(
            log.id.clone(),
            PlanSnapshot::clone(&log.plan),
            programme,
            options,
        );
        let block_of = |exercise: &str| {
            session
                .blocks
                .iter()
                .position(|b| b.exercise.id == exercise)
        };
        let mut ended = Vec::new();
        for skip in &log.skipped {
            if let Some(block) = block_of(&skip.exercise) {
                ended.push((block, BlockEnd::Skipped(skip.reason.clone())));
            }
        }
        let mut done = Vec::new();
        for set in &log.sets {
            let Some(block) = block_of(&set.exercise) else {
                continue;
            };
            let Some(start) = session.steps.iter().position(|s| {
                s.slot.block == block && s.slot.set == set.set && s.slot.side == set.side
            }) else {
                continue;
            };
            let slot = session.steps[start].slot;
            if session.pain_zone(set.pain) == Zone::Red {
                ended.push((block, BlockEnd::RedPain));
            }
            done.push(DoneSet {
                slot,
                exercise: set.exercise.to_string(),
                pain: set.pain,
                effort: set.effort,
                reps: set.reps,
                seconds: set.seconds,
                id: Some(set.id.clone()),
                start,
                inserted: None,
            });
        }
        for (block, end) in ended {
            session.ended.entry(block).or_insert(end);
        }
        session.last_pain = done.last().map(|d| d.pain).or(log.pain_before);
        let next = session.steps.iter().enumerate().position(|(i, s)| {
            s.kind == StepKind::Rate && session.is_live(i) && !done.iter().any(|d| d.slot == s.slot)
        });
        session.done = done;
        if let Some(finish) = &log.finished {
            let form = EndForm {
                field: EndField::Note,
                pain_after: Some(finish.pain_after),
                effort: finish.effort,
                note: finish.note.clone().unwrap_or_default(),
            };
            session.finished = Some(form);
            session.stage = Stage::Summary { scroll: 0 };
            return session;
        }
        match next {
            Some(rate_index) => {
                let slot = session.steps[rate_index].slot;
                let first = session
                    .steps
                    .iter()
                    .position(|s| s.slot == slot)
                    .unwrap_or(rate_index);
                session.start_at(first, now);
            }
            None => session.start_at(session.steps.len(), now),
        }
        session.notice = Some(format!(
            "Resumed: {} set(s) already saved",
            session.done.len()
        ));
        session
    }
}
