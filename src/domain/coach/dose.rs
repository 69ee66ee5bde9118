//! Turning a decision into today's rung and dose: one rung up (one variable), n rungs down with
//! the phase-floor rule, and the deload's reduced volume.

use super::context::Context;
use crate::domain::plan::Decision;
use crate::domain::programme::{Exercise, ExerciseKind, PhaseExercise, Rung};

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
    /// The rung an exercise was last done at in this phase. Carried over from an earlier phase,
    /// it never drops below what was reached there (a new phase never lowers a dose), but stays
    /// within this phase's floor and top; never done: the phase floor.
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
                    e.rung.max(entry.floor)
                })
            })
            .unwrap_or(entry.floor)
            .clamp(1, top)
    }

    /// The rung an exercise was last done at, in any phase of this programme.
    pub fn last_rung(&self, exercise: &str) -> Option<u32> {
        self.sessions_newest_first().find_map(|s| {
            s.plan
                .exercises
                .iter()
                .find(|e| e.exercise == exercise)
                .map(|e| e.rung)
        })
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
                        let prev_top = prev.top_for(exercise.top_rung()).min(entry.floor - 1);
                        // Already below this floor: keep stepping down within the previous
                        // phase's ladder, down to its floor.
                        let landed = if rung > prev_top {
                            prev_top
                        } else {
                            u32::try_from(wanted.max(i64::from(prev.floor)))
                                .unwrap_or(1)
                                .min(rung)
                        };
                        Landing::PreviousPhase(landed.max(1))
                    }
                    _ => Landing::Floor(entry.floor.max(1)),
                }
            }
            _ => Landing::Within(rung),
        }
    }
}

/// How far a cut in sets may miss the deload factor before the cut goes into each set instead
/// (2 sets → 1 would be 50 %, not 70 %).
const SET_CUT_TOLERANCE: f64 = 0.1;

/// The dose at a rung, with the deload's volume cut applied.
pub fn dose_at(exercise: &Exercise, rung: u32, deload_factor: Option<f64>) -> Rung {
    let dose = exercise.rung(rung).cloned().unwrap_or_default();
    match deload_factor {
        Some(factor) => deloaded(dose, exercise.kind, factor),
        None => dose,
    }
}

/// Volume × `factor` (§3 DELOAD): fewer sets when that lands within SET_CUT_TOLERANCE of the
/// factor, else the same sets with fewer reps, shorter holds, a shorter duration or shorter
/// run intervals — so a single set is cut too.
pub fn deloaded(mut dose: Rung, kind: ExerciseKind, factor: f64) -> Rung {
    let factor = factor.clamp(0.0, 1.0);
    // The margin rounds an exact half up despite float error (45 s × 0.7 = 31.5 → 32 s).
    let cut =
        |n: u32| -> u32 { ((f64::from(n) * factor + 1e-9).round() as u32).clamp(1, n.max(1)) };
    let sets = cut(dose.sets);
    // The small margin keeps a miss of exactly the tolerance (5 sets → 4 at 0.7) a set cut.
    let miss = (f64::from(sets) / f64::from(dose.sets.max(1)) - factor).abs();
    if dose.sets > 0 && miss <= SET_CUT_TOLERANCE + 1e-9 {
        dose.sets = sets;
        return dose;
    }
    let per_set = match kind {
        ExerciseKind::Reps => &mut dose.reps,
        ExerciseKind::Hold => &mut dose.hold,
        ExerciseKind::Interval => &mut dose.run,
        ExerciseKind::Timed | ExerciseKind::Stretch => &mut dose.duration,
    };
    match per_set {
        Some(n) => *n = cut(*n),
        // Nothing per set to cut: fewer sets is the only cut there is.
        None => dose.sets = sets,
    }
    dose
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rung(sets: u32, reps: Option<u32>, hold: Option<u32>, duration: Option<u32>) -> Rung {
        Rung {
            sets,
            reps,
            hold,
            duration,
            ..Rung::default()
        }
    }

    fn cut(dose: Rung, kind: ExerciseKind) -> (u32, Option<u32>, Option<u32>, Option<u32>) {
        let d = deloaded(dose, kind, 0.7);
        (d.sets, d.reps, d.hold, d.duration)
    }

    #[test]
    fn a_set_cut_within_the_tolerance_drops_sets() {
        // 3 → 2 misses 0.7 by 0.03 (below); 5 → 4 by exactly 0.1 (at the tolerance).
        let reps = ExerciseKind::Reps;
        assert_eq!(
            cut(rung(3, Some(10), None, None), reps),
            (2, Some(10), None, None)
        );
        assert_eq!(
            cut(rung(4, Some(10), None, None), reps),
            (3, Some(10), None, None)
        );
        assert_eq!(
            cut(rung(5, Some(10), None, None), reps),
            (4, Some(10), None, None)
        );
    }

    #[test]
    fn a_set_cut_beyond_the_tolerance_cuts_each_set_instead() {
        // 2 → 1 would miss by 0.2 (above): 2 × 10 → 2 × 7, not 1 × 10 (50 %).
        assert_eq!(
            cut(rung(2, Some(10), None, None), ExerciseKind::Reps),
            (2, Some(7), None, None)
        );
    }

    #[test]
    fn a_single_set_is_cut_too_whatever_its_kind() {
        assert_eq!(
            cut(rung(1, Some(10), None, None), ExerciseKind::Reps),
            (1, Some(7), None, None)
        );
        assert_eq!(
            cut(rung(1, Some(5), Some(45), None), ExerciseKind::Hold),
            (1, Some(5), Some(32), None),
            "5 holds of 45 s → 32 s"
        );
        assert_eq!(
            cut(rung(1, None, None, Some(600)), ExerciseKind::Timed),
            (1, None, None, Some(420))
        );
        assert_eq!(
            cut(rung(1, None, None, Some(30)), ExerciseKind::Stretch),
            (1, None, None, Some(21))
        );
        let run = deloaded(
            Rung {
                sets: 1,
                walk: Some(60),
                run: Some(1800),
                ..Rung::default()
            },
            ExerciseKind::Interval,
            0.7,
        );
        assert_eq!((run.sets, run.walk, run.run), (1, Some(60), Some(1260)));
    }

    #[test]
    fn never_below_one_and_no_cut_at_a_factor_of_one() {
        let reps = ExerciseKind::Reps;
        assert_eq!(
            deloaded(rung(1, Some(1), None, None), reps, 0.1).reps,
            Some(1)
        );
        assert_eq!(
            deloaded(rung(3, Some(10), None, None), reps, 0.1).reps,
            Some(1)
        );
        let full = rung(2, Some(10), None, None);
        assert_eq!(deloaded(full.clone(), reps, 1.0), full);
    }
}
