//! A session logged afterwards (CLI `log session`, history backfill): the sets of a planned
//! exercise as records, as if done as planned.

use super::{RecordBody, RecordId, Side};
use crate::domain::pain::Rating;
use crate::domain::plan::SnapshotExercise;
use crate::domain::programme::{Exercise, ExerciseKind, Sides};

/// The `set_done` records of doing this exercise as planned, every set rated `pain`: for
/// sessions logged afterwards (CLI `log session`, history backfill). `exercise` is its
/// definition in the programme: each side counts as a set for exercises done on each side,
/// and reps or seconds are those its kind counts (without it: one side, reps).
pub fn done_as_planned(
    planned: &SnapshotExercise,
    session: &RecordId,
    exercise: Option<&Exercise>,
    pain: Rating,
    effort: Option<Rating>,
) -> Vec<RecordBody> {
    let kind = exercise.map_or(ExerciseKind::Reps, |e| e.kind);
    let sides: &[Option<Side>] = match exercise.map(|e| e.sides) {
        Some(Sides::Each) => &[Some(Side::Left), Some(Side::Right)],
        _ => &[None],
    };
    let reps = match kind {
        ExerciseKind::Reps | ExerciseKind::Hold => planned.dose.reps,
        _ => None,
    };
    let seconds = planned.dose.work_seconds(kind);
    let mut bodies = Vec::new();
    for set in 1..=planned.dose.sets {
        for side in sides {
            bodies.push(RecordBody::SetDone {
                session: session.clone(),
                exercise: planned.exercise.clone(),
                side: *side,
                set,
                reps,
                seconds,
                pain,
                effort,
                undone: false,
            });
        }
    }
    bodies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Decision;
    use crate::domain::programme::{Programme, Rung};

    fn quick() -> Programme {
        toml::from_str(include_str!("../../../tests/fixtures/quick.toml")).unwrap()
    }

    /// (side, reps, seconds) of each set done as planned.
    fn sets(
        planned: &SnapshotExercise,
        exercise: Option<&Exercise>,
    ) -> Vec<(Option<Side>, Option<u32>, Option<u32>)> {
        let pain = Rating::new(2).unwrap();
        done_as_planned(planned, &RecordId("s-1".into()), exercise, pain, None)
            .into_iter()
            .map(|body| match body {
                RecordBody::SetDone {
                    side,
                    reps,
                    seconds,
                    ..
                } => (side, reps, seconds),
                other => panic!("not a set: {}", other.kind()),
            })
            .collect()
    }

    #[test]
    fn done_as_planned_counts_what_the_exercise_kind_counts_on_its_sides() {
        let programme = quick();
        let planned = |id: &str| SnapshotExercise {
            exercise: id.into(),
            rung: 1,
            dose: Rung {
                sets: 2,
                reps: Some(3),
                hold: Some(20),
                duration: Some(30),
                ..Rung::default()
            },
            decision: Decision::Hold,
            reasons: vec![],
        };
        let (l, r) = (Some(Side::Left), Some(Side::Right));
        let cases = [
            (
                "quick-hold",
                vec![
                    (l, Some(3), Some(20)),
                    (r, Some(3), Some(20)),
                    (l, Some(3), Some(20)),
                    (r, Some(3), Some(20)),
                ],
            ),
            (
                "quick-reps",
                vec![(None, Some(3), None), (None, Some(3), None)],
            ),
            (
                "quick-stretch",
                vec![(None, None, Some(30)), (None, None, Some(30))],
            ),
        ];
        for (id, expected) in cases {
            let exercise = programme.exercise(id);
            assert!(exercise.is_some(), "{id} is in the fixture");
            assert_eq!(sets(&planned(id), exercise), expected, "{id}");
        }
        // An exercise the programme no longer has: one side, reps counted.
        assert_eq!(
            sets(&planned("gone"), None),
            vec![(None, Some(3), None), (None, Some(3), None)]
        );
    }
}
