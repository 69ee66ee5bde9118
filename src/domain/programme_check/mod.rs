//! Parsing and validating programme TOML: text in, a programme or every problem out (pure).
//!
//! Three passes, each reporting all it finds: TOML syntax; the shape of the file (`schema`:
//! unknown keys, missing fields, wrong types, 0–10 ranges); then the rules that need the whole
//! programme (`rules`: references, ladders, doses). A later pass runs only when the earlier ones
//! found nothing, since it needs their result.

mod location;
mod rules;
mod schema;
mod typo;

pub use location::FieldPath;
pub use rules::{DAYS_PER_WEEK, FIGURE_MAX_COLUMNS, FIGURE_MAX_LINES, MAX_SETS};
pub use schema::{FACTOR_MAX, REPS_MAX, SECONDS_MAX, coach_setting_problem};

use crate::domain::programme::Programme;
use location::{line_column, locate};
use toml::de::DeTable;

/// One problem in a programme file: where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column.
    pub line: usize,
    pub column: usize,
    /// Dotted path of the field, e.g. `exercises[2].rungs[1].hold` (indexes count from 1).
    pub field: String,
    pub message: String,
}

impl Problem {
    fn at(text: &str, offset: usize, field: &FieldPath, message: String) -> Problem {
        let (line, column) = line_column(text, offset);
        Problem {
            line,
            column,
            field: field.to_string(),
            message,
        }
    }
}

/// Parse and validate one programme; every problem found is returned, in file order.
pub fn parse_programme(text: &str) -> Result<Programme, Vec<Problem>> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(syntax
            .iter()
            .map(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                Problem::at(
                    text,
                    offset,
                    &FieldPath::default(),
                    format!("TOML syntax: {}", e.message().trim()),
                )
            })
            .collect());
    }
    let mut walker = schema::Walker {
        text,
        root: &root,
        problems: Vec::new(),
    };
    walker.table(root.get_ref(), schema::PROGRAMME, &FieldPath::default());
    if !walker.problems.is_empty() {
        return Err(sorted(walker.problems));
    }
    let programme: Programme = toml::from_str(text).map_err(|e| {
        // The schema should have caught this; report serde's own words rather than fail silently.
        let offset = e.span().map_or(0, |s| s.start);
        vec![Problem::at(
            text,
            offset,
            &FieldPath::default(),
            e.message().trim().to_string(),
        )]
    })?;
    let findings = rules::check(&programme);
    if findings.is_empty() {
        Ok(programme)
    } else {
        Err(sorted(
            findings
                .into_iter()
                .map(|(path, message)| {
                    Problem::at(text, locate(&root, &path).start, &path, message)
                })
                .collect(),
        ))
    }
}

fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id = \"t\"\nname = \"T\"\ncondition = \"c\"\nfor = \"f\"\n\
        see_clinician_first = []\nsources = []\n\n[[phases]]\nid = \"P\"\nname = \"P\"\n\
        goal = \"g\"\nexercises = [{ exercise = \"e\" }]\n\n[[exercises]]\nid = \"e\"\nname = \"E\"\n";

    /// Problems for one exercise body (kind and rungs), as "field: message".
    fn problems(exercise: &str) -> Vec<String> {
        match parse_programme(&format!("{HEAD}{exercise}")) {
            Ok(_) => vec![],
            Err(ps) => ps
                .into_iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect(),
        }
    }

    fn has(exercise: &str, words: &str) -> bool {
        problems(exercise).iter().any(|p| p.contains(words))
    }

    #[test]
    fn set_count_boundaries() {
        let rung =
            |sets: u32| format!("kind = \"reps\"\nrungs = [{{ sets = {sets}, reps = 5 }}]\n");
        assert!(has(
            &rung(0),
            "exercises[1].rungs[1].sets: sets must be at least 1"
        ));
        assert_eq!(problems(&rung(1)), Vec::<String>::new());
        assert_eq!(problems(&rung(MAX_SETS)), Vec::<String>::new());
        assert!(has(&rung(MAX_SETS + 1), "more than 20"));
    }

    #[test]
    fn a_continuous_run_has_a_walk_of_zero_but_no_run_of_zero() {
        let ok = "kind = \"interval\"\nrungs = [{ sets = 1, walk = 0, run = 1800 }]\n";
        assert_eq!(problems(ok), Vec::<String>::new());
        let bad = "kind = \"interval\"\nrungs = [{ sets = 1, walk = 60, run = 0 }]\n";
        assert!(has(bad, "run of 0"));
    }

    #[test]
    fn fields_that_a_kind_does_not_use_are_reported() {
        let text = "kind = \"stretch\"\nrungs = [{ sets = 1, duration = 30, reps = 3 }]\n";
        assert!(has(
            text,
            "rungs[1].reps: `reps` is not used by a `stretch` exercise"
        ));
    }

    #[test]
    fn an_identical_neighbour_is_not_a_step() {
        let text = "kind = \"reps\"\nrungs = [{ sets = 1, reps = 5 }, { sets = 1, reps = 5, effort = [3, 4] }]\n";
        assert!(has(text, "same dose as rung 1"));
    }

    #[test]
    fn effort_pair_must_be_low_then_high() {
        let text = "kind = \"reps\"\nrungs = [{ sets = 1, reps = 5, effort = [6, 4] }]\n";
        assert!(has(text, "low end is above the high end"));
    }

    #[test]
    fn tempo_and_figure_shapes() {
        assert!(has(
            "kind = \"reps\"\ntempo = \"slow\"\nrungs = [{ sets = 1, reps = 5 }]\n",
            "tempo `slow`"
        ));
        let wide = "x".repeat(FIGURE_MAX_COLUMNS + 1);
        let text =
            format!("kind = \"reps\"\nfigure = \"{wide}\"\nrungs = [{{ sets = 1, reps = 5 }}]\n");
        assert!(has(&text, "keep it within 8 × 30"));
        let fits = format!(
            "kind = \"reps\"\nfigure = \"{}\"\nrungs = [{{ sets = 1, reps = 5 }}]\n",
            "x".repeat(FIGURE_MAX_COLUMNS)
        );
        assert_eq!(problems(&fits), Vec::<String>::new());
    }

    #[test]
    fn the_isometric_alternative_must_be_a_hold() {
        let text = "kind = \"reps\"\nisometric = \"e\"\nrungs = [{ sets = 1, reps = 5 }]\n";
        assert!(has(text, "the isometric alternative must be a `hold`"));
    }

    #[test]
    fn pain_scale_boundaries() {
        let with_ceiling = |c: i64| {
            let text = format!(
                "{HEAD}kind = \"reps\"\nrungs = [{{ sets = 1, reps = 5 }}]\n\n[load_test]\nname = \"n\"\ninstructions = \"i\"\nceiling = {c}\n"
            );
            parse_programme(&text).err().unwrap_or_default()
        };
        assert_eq!(with_ceiling(0), vec![]);
        assert_eq!(with_ceiling(10), vec![]);
        for bad in [-1, 11, 300] {
            let ps = with_ceiling(bad);
            assert_eq!(ps.len(), 1, "{bad}: {ps:?}");
            assert_eq!(ps[0].field, "load_test.ceiling");
        }
    }
}
