//! Parsing and validating programme TOML (owned by the foundation work; agreed interface).

use crate::domain::programme::Programme;

/// One problem in a programme file: where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column.
    pub line: usize,
    pub column: usize,
    /// Dotted path of the field, e.g. `exercises[2].rungs[1].hold`.
    pub field: String,
    pub message: String,
}

/// Parse and validate one programme; every problem found is returned.
pub fn parse_programme(text: &str) -> Result<Programme, Vec<Problem>> {
    toml::from_str(text).map_err(|e| {
        vec![Problem {
            line: 1,
            column: 1,
            field: String::new(),
            message: e.to_string(),
        }]
    })
}
