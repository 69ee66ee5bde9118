//! Checks that need the whole typed programme: references between exercises and phases, ladder
//! shape, doses a person could not do. Each finding names its field path; `mod.rs` adds the place.

use super::location::FieldPath;
use crate::domain::programme::{Exercise, ExerciseKind, Phase, Programme, Rung};
use std::collections::HashSet;

/// Most sets a rung may ask for: more is almost surely a typo (e.g. 30 for 3).
pub const MAX_SETS: u32 = 20;
/// Largest ASCII figure the session screen can show beside the timer.
pub const FIGURE_MAX_LINES: usize = 8;
pub const FIGURE_MAX_COLUMNS: usize = 30;
/// Days in a week: the most sessions `per_week` can ask for.
pub const DAYS_PER_WEEK: u32 = 7;

/// A finding before it is placed in the text.
pub type Finding = (FieldPath, String);

pub fn check(p: &Programme) -> Vec<Finding> {
    let mut out = Vec::new();
    let root = FieldPath::default();
    if !is_id(&p.id) {
        out.push((
            root.key("id"),
            format!(
                "`{}` is not a usable id: use lower-case letters, digits and dashes",
                p.id
            ),
        ));
    }
    if p.phases.is_empty() {
        out.push((
            root.key("phases"),
            "a programme needs at least one phase".into(),
        ));
    }
    if p.exercises.is_empty() {
        out.push((
            root.key("exercises"),
            "a programme needs at least one exercise".into(),
        ));
    }
    duplicates(
        p.exercises.iter().map(|e| e.id.as_str()),
        &root.key("exercises"),
        "exercise",
        &mut out,
    );
    duplicates(
        p.phases.iter().map(|ph| ph.id.as_str()),
        &root.key("phases"),
        "phase",
        &mut out,
    );
    for (i, phase) in p.phases.iter().enumerate() {
        check_phase(p, phase, &root.key("phases").index(i), &mut out);
    }
    for (i, exercise) in p.exercises.iter().enumerate() {
        check_exercise(p, exercise, &root.key("exercises").index(i), &mut out);
    }
    out
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &FieldPath,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            out.push((
                list.index(i).key("id"),
                format!("duplicate {what} id `{id}`: ids must be unique"),
            ));
        }
    }
}

fn check_phase(p: &Programme, phase: &Phase, path: &FieldPath, out: &mut Vec<Finding>) {
    if phase.exercises.is_empty() {
        out.push((
            path.key("exercises"),
            format!("phase `{}` has no exercises", phase.id),
        ));
    }
    let mut seen = HashSet::new();
    for (i, pe) in phase.exercises.iter().enumerate() {
        let here = path.key("exercises").index(i);
        if !seen.insert(pe.exercise.as_str()) {
            out.push((
                here.key("exercise"),
                format!("`{}` is listed twice in phase `{}`", pe.exercise, phase.id),
            ));
        }
        let Some(exercise) = p.exercise(&pe.exercise) else {
            out.push((
                here.key("exercise"),
                format!("no exercise with id `{}` in this programme: add an [[exercises]] entry or fix the id", pe.exercise),
            ));
            continue;
        };
        let len = exercise.top_rung();
        if len == 0 {
            continue; // reported on the exercise itself
        }
        if pe.floor < 1 || pe.floor > len {
            out.push((
                here.key("floor"),
                format!(
                    "floor {} is outside `{}`'s ladder (rungs 1 to {len})",
                    pe.floor, exercise.id
                ),
            ));
        }
        if let Some(top) = pe.top {
            if top < 1 || top > len {
                out.push((
                    here.key("top"),
                    format!(
                        "top {top} is outside `{}`'s ladder (rungs 1 to {len})",
                        exercise.id
                    ),
                ));
            } else if top < pe.floor {
                out.push((
                    here.key("top"),
                    format!("top {top} is below floor {}", pe.floor),
                ));
            }
        }
        if let Some(f) = &pe.frequency {
            check_frequency(f, &here.key("frequency"), out);
        }
    }
    for (i, m) in phase.exit.reached.iter().enumerate() {
        let here = path.key("exit").key("reached").index(i);
        match p.exercise(&m.exercise) {
            None => out.push((
                here.key("exercise"),
                format!("no exercise with id `{}` in this programme", m.exercise),
            )),
            Some(e) if m.rung < 1 || m.rung > e.top_rung() => out.push((
                here.key("rung"),
                format!(
                    "rung {} is outside `{}`'s ladder (rungs 1 to {})",
                    m.rung,
                    e.id,
                    e.top_rung()
                ),
            )),
            Some(_) => {}
        }
    }
    let mut asked = HashSet::new();
    for (i, c) in phase.exit.confirm.iter().enumerate() {
        let here = path.key("exit").key("confirm").index(i);
        if !is_id(&c.id) {
            out.push((
                here.key("id"),
                format!("`{}` is not an id (a-z, 0-9, -)", c.id),
            ));
        } else if !asked.insert(c.id.as_str()) {
            out.push((
                here.key("id"),
                format!("`{}` is asked twice in this phase", c.id),
            ));
        }
    }
    if phase.exit.load_test_max.is_some() && p.load_test.is_none() {
        out.push((
            path.key("exit").key("load_test_max"),
            "this programme has no [load_test]: add one or remove load_test_max".into(),
        ));
    }
    if let Some(next) = &phase.continue_with
        && !is_id(next)
    {
        out.push((
            path.key("continue_with"),
            format!("`{next}` is not a programme id"),
        ));
    }
}

fn check_frequency(
    f: &crate::domain::programme::Frequency,
    path: &FieldPath,
    out: &mut Vec<Finding>,
) {
    if f.per_day == Some(0) {
        out.push((path.key("per_day"), "per_day must be at least 1".into()));
    }
    if let Some(n) = f.per_week
        && (n == 0 || n > DAYS_PER_WEEK)
    {
        out.push((
            path.key("per_week"),
            format!("per_week must be 1 to {DAYS_PER_WEEK}, found {n}"),
        ));
    }
}

fn check_exercise(p: &Programme, e: &Exercise, path: &FieldPath, out: &mut Vec<Finding>) {
    if e.rungs.is_empty() {
        out.push((
            path.key("rungs"),
            format!("exercise `{}` needs at least one rung", e.id),
        ));
    }
    if let Some(iso) = &e.isometric {
        match p.exercise(iso) {
            None => out.push((
                path.key("isometric"),
                format!("no exercise with id `{iso}` in this programme"),
            )),
            Some(alt) if alt.kind != ExerciseKind::Hold => out.push((
                path.key("isometric"),
                format!(
                    "`{iso}` is a `{}` exercise; the isometric alternative must be a `hold`",
                    alt.kind.word()
                ),
            )),
            Some(_) => {}
        }
    }
    if let Some(tempo) = &e.tempo {
        let parts: Vec<&str> = tempo.split('-').collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|s| s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()))
        {
            out.push((
                path.key("tempo"),
                format!("tempo `{tempo}` should be down-pause-up seconds, e.g. \"3-0-3\""),
            ));
        }
    }
    if let Some(figure) = &e.figure {
        let lines = figure.lines().count();
        let widest = figure.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        if lines > FIGURE_MAX_LINES || widest > FIGURE_MAX_COLUMNS {
            out.push((
                path.key("figure"),
                format!("figure is {lines} lines × {widest} columns; keep it within {FIGURE_MAX_LINES} × {FIGURE_MAX_COLUMNS}"),
            ));
        }
    }
    check_frequency(&e.frequency, &path.key("frequency"), out);
    for (i, rung) in e.rungs.iter().enumerate() {
        check_rung(e.kind, rung, &path.key("rungs").index(i), out);
        if let Some(previous) = i.checked_sub(1).and_then(|j| e.rungs.get(j)) {
            let changed = previous.changed_variables(rung, e.kind);
            let here = path.key("rungs").index(i);
            match changed.as_slice() {
                [_] => {}
                [] => out.push((here, format!("rung {} has the same dose as rung {i}: a step up changes one thing", i + 1))),
                many => out.push((
                    here,
                    format!(
                        "rung {} changes {} at once; a step up changes one variable: add a rung in between",
                        i + 1,
                        many.join(" and ")
                    ),
                )),
            }
        }
    }
}

/// Which dose fields each kind uses: (field, needed).
fn dose_fields(kind: ExerciseKind) -> [(&'static str, Option<bool>); 5] {
    // Some(true) = needed, Some(false) = optional, None = not used by this kind.
    let (reps, hold, duration, walk, run) = match kind {
        ExerciseKind::Reps => (Some(true), None, None, None, None),
        ExerciseKind::Hold => (Some(false), Some(true), None, None, None),
        ExerciseKind::Timed | ExerciseKind::Stretch => (None, None, Some(true), None, None),
        ExerciseKind::Interval => (None, None, None, Some(true), Some(true)),
    };
    [
        ("reps", reps),
        ("hold", hold),
        ("duration", duration),
        ("walk", walk),
        ("run", run),
    ]
}

fn check_rung(kind: ExerciseKind, r: &Rung, path: &FieldPath, out: &mut Vec<Finding>) {
    if r.sets == 0 {
        out.push((path.key("sets"), "sets must be at least 1".into()));
    } else if r.sets > MAX_SETS {
        out.push((
            path.key("sets"),
            format!("{} sets is more than {MAX_SETS}: is it a typo?", r.sets),
        ));
    }
    let values = [r.reps, r.hold, r.duration, r.walk, r.run];
    for ((field, use_), value) in dose_fields(kind).into_iter().zip(values) {
        match (use_, value) {
            (Some(true), None) => out.push((
                path.key(field),
                format!("a `{}` rung needs `{field}`", kind.word()),
            )),
            (None, Some(_)) => out.push((
                path.key(field),
                format!(
                    "`{field}` is not used by a `{}` exercise: remove it",
                    kind.word()
                ),
            )),
            // A walk of 0 s is a continuous run (W5); every other dose of 0 cannot be done.
            (Some(_), Some(0)) if field != "walk" => out.push((
                path.key(field),
                format!("{field} of 0 cannot be done: use at least 1"),
            )),
            _ => {}
        }
    }
    if let Some([low, high]) = r.effort
        && low > high
    {
        out.push((
            path.key("effort"),
            format!("effort [{low}, {high}]: the low end is above the high end"),
        ));
    }
}
