//! `rehab log session --pain EXERCISE=N` and `--pain EXERCISE:L=N`: the worst pain during one
//! exercise (or one side of it), so one painful exercise does not mark every other one painful.
//! `--pain-during` stays the value for every exercise and side not named.

use super::inputs::rating;
use crate::domain::pain::Rating;
use crate::domain::records::Side;
use anyhow::bail;
use std::collections::BTreeMap;

/// Pain per (exercise, side); `None` side means both sides (or an exercise without sides).
#[derive(Debug, Default, PartialEq)]
pub struct PainByExercise {
    given: BTreeMap<(String, Option<Side>), Rating>,
}

impl PainByExercise {
    /// Read every `--pain` value. `planned` lists today's exercises with whether each is done
    /// on each side; a name not planned, a side on a two-sided exercise, or a repeat is refused.
    pub fn parse(values: &[String], planned: &[(&str, bool)]) -> anyhow::Result<PainByExercise> {
        let mut out = PainByExercise::default();
        for value in values {
            let Some((target, number)) = value.split_once('=') else {
                bail!(
                    "--pain {value}: write EXERCISE=N or EXERCISE:L=N / EXERCISE:R=N, e.g. --pain bridge=4"
                );
            };
            let (exercise, side) = match target.split_once(':') {
                None => (target, None),
                Some((e, "L" | "l")) => (e, Some(Side::Left)),
                Some((e, "R" | "r")) => (e, Some(Side::Right)),
                Some((_, other)) => {
                    bail!("--pain {value}: the side is L or R, not \"{other}\"")
                }
            };
            let Some(&(_, each_side)) = planned.iter().find(|(id, _)| *id == exercise) else {
                let ids: Vec<&str> = planned.iter().map(|(id, _)| *id).collect();
                bail!(
                    "--pain {value}: \"{exercise}\" is not an exercise done in this session; these are: {}",
                    ids.join(", ")
                );
            };
            if side.is_some() && !each_side {
                bail!(
                    "--pain {value}: {exercise} is not done on each side; write --pain {exercise}=N"
                );
            }
            let pain = rating("pain", number)?;
            if out
                .given
                .insert((exercise.to_string(), side), pain)
                .is_some()
            {
                bail!("--pain {target} is given twice");
            }
        }
        Ok(out)
    }

    /// The pain for a set of `exercise` on `side`: the side's own value, else the exercise's,
    /// else `default`.
    pub fn pain(&self, exercise: &str, side: Option<Side>, default: Rating) -> Rating {
        side.and_then(|s| self.given.get(&(exercise.to_string(), Some(s))))
            .or_else(|| self.given.get(&(exercise.to_string(), None)))
            .copied()
            .unwrap_or(default)
    }

    /// True when `--pain` named this exercise, or this side of it.
    pub fn names(&self, exercise: &str, side: Option<Side>) -> bool {
        side.is_some_and(|s| self.given.contains_key(&(exercise.to_string(), Some(s))))
            || self.given.contains_key(&(exercise.to_string(), None))
    }

    /// Every value given: (exercise, side, pain).
    pub fn entries(&self) -> impl Iterator<Item = (&str, Option<Side>, Rating)> {
        self.given
            .iter()
            .map(|((exercise, side), pain)| (exercise.as_str(), *side, *pain))
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLANNED: [(&str, bool); 2] = [("bridge", false), ("split-squat", true)];

    fn parse(values: &[&str]) -> anyhow::Result<PainByExercise> {
        let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        PainByExercise::parse(&values, &PLANNED)
    }

    fn r(v: u8) -> Rating {
        Rating::new(i64::from(v)).unwrap()
    }

    #[test]
    fn side_beats_exercise_beats_the_default() {
        let p = parse(&["split-squat=4", "split-squat:L=6", "bridge=0"]).unwrap();
        assert_eq!(p.pain("split-squat", Some(Side::Left), r(2)), r(6));
        assert_eq!(p.pain("split-squat", Some(Side::Right), r(2)), r(4));
        assert_eq!(p.pain("bridge", None, r(2)), r(0));
        assert_eq!(p.pain("other", None, r(2)), r(2));
        let only_right = parse(&["split-squat:r=7"]).unwrap();
        assert_eq!(only_right.pain("split-squat", Some(Side::Left), r(2)), r(2));
        assert_eq!(
            only_right.pain("split-squat", Some(Side::Right), r(2)),
            r(7)
        );
    }

    #[test]
    fn mistakes_are_named() {
        let cases = [
            (vec!["bridge"], "write EXERCISE=N"),
            (
                vec!["lunge=3"],
                "\"lunge\" is not an exercise done in this session; these are: bridge, split-squat",
            ),
            (vec!["bridge:L=3"], "bridge is not done on each side"),
            (vec!["split-squat:X=3"], "the side is L or R"),
            (vec!["bridge=11"], "--pain: 11 is not on the 0–10 scale"),
            (vec!["bridge=3", "bridge=4"], "--pain bridge is given twice"),
        ];
        for (values, message) in cases {
            let err = parse(&values).unwrap_err().to_string();
            assert!(err.contains(message), "{values:?}: {err}");
        }
    }
}
