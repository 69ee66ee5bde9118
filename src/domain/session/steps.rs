//! The plan walk: today's exercises turned into a flat list of steps (get-ready, work, pain
//! rating, side switch, rest) in the order they are done.

use super::SessionOptions;
use crate::domain::programme::{Exercise, ExerciseKind, Rung, Sides};
use crate::domain::records::Side;
use std::time::Duration;

/// One exercise as run today: the programme's exercise at a rung with today's dose.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub exercise: Exercise,
    /// 1-based rung on the exercise's ladder.
    pub rung: u32,
    pub dose: Rung,
    /// Set numbers run in this block (an easier rung taking over mid-exercise starts after the
    /// set that hurt).
    pub first_set: u32,
    pub last_set: u32,
    /// The easier isometric exercise offered when pain passes the ceiling.
    pub isometric: Option<Exercise>,
}

impl Block {
    pub fn new(exercise: Exercise, rung: u32, dose: Rung, isometric: Option<Exercise>) -> Block {
        let last_set = dose.sets.max(1);
        Block {
            exercise,
            rung,
            dose,
            first_set: 1,
            last_set,
            isometric,
        }
    }

    pub fn sides(&self) -> &'static [Option<Side>] {
        match self.exercise.sides {
            Sides::Each => &[Some(Side::Left), Some(Side::Right)],
            Sides::Both => &[None],
        }
    }

    /// Ask for effort after each set only when the dose has an effort target to compare with.
    pub fn asks_effort(&self) -> bool {
        self.dose.effort.is_some()
    }
}

/// Where a step belongs: which block, which set, which side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    pub block: usize,
    /// 1-based set number.
    pub set: u32,
    pub side: Option<Side>,
}

/// What happens in one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// The 3-2-1 before every set (rep sets too) and every hold, ended by the "go" cue.
    GetReady(Duration),
    /// One isometric hold; `index` of `of` holds in the set.
    Hold {
        length: Duration,
        index: u32,
        of: u32,
    },
    Timed(Duration),
    Stretch(Duration),
    /// Repetitions at the exercise's tempo, ended by a key.
    Reps(u32),
    /// The walking part of a walk-run repeat.
    Walk(Duration),
    /// The jogging part of a walk-run repeat.
    Run(Duration),
    /// Pain (and, when the dose has an effort target, effort) after the set.
    Rate,
    /// A short pause to change legs.
    SideSwitch(Duration),
    Rest(Duration),
}

impl StepKind {
    /// The countdown length, for steps on a timer.
    pub fn length(&self) -> Option<Duration> {
        match *self {
            StepKind::GetReady(d)
            | StepKind::Timed(d)
            | StepKind::Stretch(d)
            | StepKind::Walk(d)
            | StepKind::Run(d)
            | StepKind::SideSwitch(d)
            | StepKind::Rest(d) => Some(d),
            StepKind::Hold { length, .. } => Some(length),
            StepKind::Reps(_) | StepKind::Rate => None,
        }
    }

    /// Work whose seconds count as "done" in the set record.
    pub fn is_timed_work(&self) -> bool {
        matches!(
            self,
            StepKind::Hold { .. }
                | StepKind::Timed(_)
                | StepKind::Stretch(_)
                | StepKind::Walk(_)
                | StepKind::Run(_)
        )
    }

    /// Steps between sets, skipped when nothing live follows them.
    pub fn is_transition(&self) -> bool {
        matches!(self, StepKind::Rest(_) | StepKind::SideSwitch(_))
    }

    /// The big label over the countdown.
    pub fn label(&self) -> &'static str {
        match self {
            StepKind::GetReady(_) => "GET READY",
            StepKind::Hold { .. } => "HOLD",
            StepKind::Timed(_) => "GO",
            StepKind::Stretch(_) => "STRETCH",
            StepKind::Reps(_) => "REPS",
            StepKind::Walk(_) => "WALK",
            StepKind::Run(_) => "JOG",
            StepKind::Rate => "RATE",
            StepKind::SideSwitch(_) => "SWITCH SIDES",
            StepKind::Rest(_) => "REST",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub slot: Slot,
    pub kind: StepKind,
}

fn secs(n: Option<u32>) -> Duration {
    Duration::from_secs(u64::from(n.unwrap_or(0)))
}

/// The work steps of one set on one side.
fn work_steps(block: &Block, options: &SessionOptions) -> Vec<StepKind> {
    let dose = &block.dose;
    let get_ready = (!options.get_ready.is_zero()).then_some(StepKind::GetReady(options.get_ready));
    match block.exercise.kind {
        ExerciseKind::Hold => {
            let holds = dose.reps.unwrap_or(1).max(1);
            (1..=holds)
                .flat_map(|index| {
                    get_ready.into_iter().chain([StepKind::Hold {
                        length: secs(dose.hold),
                        index,
                        of: holds,
                    }])
                })
                .collect()
        }
        ExerciseKind::Stretch => get_ready
            .into_iter()
            .chain([StepKind::Stretch(secs(dose.duration))])
            .collect(),
        ExerciseKind::Timed => get_ready
            .into_iter()
            .chain([StepKind::Timed(secs(dose.duration))])
            .collect(),
        ExerciseKind::Reps => get_ready
            .into_iter()
            .chain([StepKind::Reps(dose.reps.unwrap_or(0))])
            .collect(),
        ExerciseKind::Interval => {
            let parts: Vec<StepKind> = [
                StepKind::Walk(secs(dose.walk)),
                StepKind::Run(secs(dose.run)),
            ]
            .into_iter()
            .filter(|k| k.length().is_some_and(|d| !d.is_zero()))
            .collect();
            // The count-in comes once, before the first part: walk and jog then follow on.
            let first = (!parts.is_empty()).then_some(get_ready).flatten();
            first.into_iter().chain(parts).collect()
        }
    }
}

/// Every step of a block, set by set, left side before right: work, rating, then a side switch
/// between sides or a rest after the set.
pub fn block_steps(index: usize, block: &Block, options: &SessionOptions) -> Vec<Step> {
    let sides = block.sides();
    let rest = secs(Some(block.dose.rest));
    let mut steps = Vec::new();
    for set in block.first_set..=block.last_set {
        for (i, &side) in sides.iter().enumerate() {
            let slot = Slot {
                block: index,
                set,
                side,
            };
            let mut push = |kind| steps.push(Step { slot, kind });
            for kind in work_steps(block, options) {
                push(kind);
            }
            push(StepKind::Rate);
            let last_side = i + 1 == sides.len();
            if !last_side && !options.side_switch.is_zero() {
                push(StepKind::SideSwitch(options.side_switch));
            } else if last_side && !rest.is_zero() {
                push(StepKind::Rest(rest));
            }
        }
    }
    steps
}

/// All steps of all blocks in order.
pub fn all_steps(blocks: &[Block], options: &SessionOptions) -> Vec<Step> {
    blocks
        .iter()
        .enumerate()
        .flat_map(|(i, b)| block_steps(i, b, options))
        .collect()
}
