//! The end-of-session summary: what was done, the worst pain, what was skipped or marked.

use super::state::BlockEnd;
use super::{Session, StepKind};
use crate::domain::pain::{Rating, Zone};

/// One exercise in the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseSummary {
    pub name: String,
    /// Sets rated (each side counts once).
    pub sets_done: usize,
    /// Sets planned (each side counts once).
    pub sets_planned: usize,
    pub worst_pain: Option<Rating>,
    /// An amber rating: no step up for it next time.
    pub no_progress: bool,
    /// Skipped, with the reason.
    pub skipped: Option<String>,
    /// Ended because pain passed the ceiling.
    pub stopped_for_pain: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub exercises: Vec<ExerciseSummary>,
    pub worst_pain: Option<Rating>,
    pub worst_zone: Option<Zone>,
    pub pain_after: Option<Rating>,
    pub effort: Option<Rating>,
    pub note: Option<String>,
    /// What tomorrow likely brings and why (from the coach, via the shell).
    pub tomorrow: Vec<String>,
}

pub fn summarise(session: &Session) -> Summary {
    let mut exercises = Vec::new();
    for (index, block) in session.blocks.iter().enumerate() {
        let planned = session
            .steps
            .iter()
            .filter(|s| s.slot.block == index && s.kind == StepKind::Rate)
            .count();
        if planned == 0 {
            continue;
        }
        let done: Vec<_> = session
            .done
            .iter()
            .filter(|d| d.slot.block == index)
            .collect();
        exercises.push(ExerciseSummary {
            name: block.exercise.name.clone(),
            sets_done: done.len(),
            sets_planned: planned,
            worst_pain: done.iter().map(|d| d.pain).max(),
            no_progress: done
                .iter()
                .any(|d| session.pain_zone(d.pain) == Zone::Amber),
            skipped: match session.ended.get(&index) {
                Some(BlockEnd::Skipped(reason)) => Some(reason.clone()),
                _ => None,
            },
            stopped_for_pain: session.ended.get(&index) == Some(&BlockEnd::RedPain),
        });
    }
    let worst_pain = session.done.iter().map(|d| d.pain).max();
    let form = session.finished.as_ref();
    Summary {
        exercises,
        worst_pain,
        worst_zone: worst_pain.map(|p| session.pain_zone(p)),
        pain_after: form.and_then(|f| f.pain_after),
        effort: form.and_then(|f| f.effort),
        note: form
            .map(|f| f.note.trim().to_string())
            .filter(|n| !n.is_empty()),
        tomorrow: session.tomorrow.clone(),
    }
}
