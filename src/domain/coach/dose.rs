//! Turning a decision into today's rung and dose: one rung up (one variable), n rungs down with
//! the phase-floor rule, and the deload's reduced volume.

use super::context::Context;
use crate::domain::plan::Decision;
use crate::domain::programme::{Exercise, PhaseExercise, Rung};

/// Where a step down lands.
#[derive(Debug, Clone, PartialEq)]
pub enum Landing {
    /// Within the phase.
    Within(u32),
    /// Below the phase floor: the top of the previous phase's entry for this exercise.
    PreviousPhase(u32),
    /// Below the floor with no previous phase to fall back to: stays at the floor.
    Floor(u32),
}

impl Landing {
    pub fn rung(&self) -> u32 {
        match self {
            Landing::Within(r) | Landing::PreviousPhase(r) | Landing::Floor(r) => *r,
        }
    }
}

impl Context<'_> {
    /// The rung an exercise was last done at in this phase, else the phase floor.
    pub fn current_rung(&self, phase_id: &str, entry: &PhaseExercise, exercise: &Exercise) -> u32 {
        let top = entry.top_for(exercise.top_rung());
        self.sessions_newest_first()
            .find_map(|s| {
                let e = s
                    .plan
                    .exercises
                    .iter()
                    .find(|e| e.exercise == entry.exercise)?;
                Some(if s.plan.phase == phase_id {
                    e.rung
                } else {
                    entry.floor
                })
            })
            .unwrap_or(entry.floor)
            .clamp(1, top)
    }

    /// The rung a decision leads to from `rung`.
    pub fn landing(
        &self,
        phase_index: usize,
        entry: &PhaseExercise,
        exercise: &Exercise,
        rung: u32,
        decision: &Decision,
    ) -> Landing {
        let top = entry.top_for(exercise.top_rung());
        match decision {
            Decision::Progress => Landing::Within((rung + 1).min(top)),
            Decision::Regress(n) => {
                let wanted = i64::from(rung) - i64::from(*n);
                if wanted >= i64::from(entry.floor) {
                    return Landing::Within(u32::try_from(wanted).unwrap_or(1));
                }
                let previous = phase_index
                    .checked_sub(1)
                    .and_then(|i| self.programme.phases.get(i))
                    .and_then(|p| p.exercises.iter().find(|pe| pe.exercise == entry.exercise));
                match previous {
                    Some(prev) if entry.floor > 1 => {
                        let prev_top = prev.top_for(exercise.top_rung());
                        Landing::PreviousPhase(prev_top.min(entry.floor - 1).max(1))
                    }
                    _ => Landing::Floor(entry.floor.max(1)),
                }
            }
            _ => Landing::Within(rung),
        }
    }
}

/// The dose at a rung, with the deload's volume cut (fewer sets, at least one).
pub fn dose_at(exercise: &Exercise, rung: u32, deload_factor: Option<f64>) -> Rung {
    let mut dose = exercise.rung(rung).cloned().unwrap_or_default();
    if let Some(factor) = deload_factor {
        let reduced = (f64::from(dose.sets) * factor).round();
        dose.sets = (reduced as u32).clamp(1, dose.sets.max(1));
    }
    dose
}
