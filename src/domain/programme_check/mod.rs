//! Parsing and validating programme TOML: text in, a programme or every problem out (pure).
//!
//! Three passes, each reporting all it finds: TOML syntax; the shape of the file (`schema`:
//! unknown keys, missing fields, wrong types, 0–10 ranges); then the rules that need the whole
//! programme (`rules`: references, ladders, doses). A later pass runs only when the earlier ones
//! found nothing, since it needs their result.

mod location;
mod rules;
mod schema;

pub use location::FieldPath;
pub use rules::{DAYS_PER_WEEK, FIGURE_MAX_COLUMNS, FIGURE_MAX_LINES, MAX_SETS};

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
