//! One reason behind a coach decision. A leaf: plans, running advice and insights all carry it.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

mod named_numbers;

pub use named_numbers::NamedNumbers;

/// One reason behind a decision: the rule it comes from and what triggered it, in plain words,
/// and the same as data (`cause` and `numbers`) for screens, JSON and reports to phrase.
/// Both data fields are optional, so reasons stored in older journals still read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Rule id as docs/sources.md numbers them, e.g. "R1", "rule 11", "§4".
    pub rule: CompactString,
    /// e.g. "Side-lying hold stays at 30 s: pain reached 6/10 yesterday, above the ceiling of 5".
    pub text: String,
    /// What triggered the rule, as a stable snake_case id (docs/coach.md lists them), e.g.
    /// `pain_above_ceiling`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CompactString>,
    /// The numbers behind it, by name, e.g. `{"pain": 6, "ceiling": 5}`.
    #[serde(default, skip_serializing_if = "NamedNumbers::is_empty")]
    pub numbers: NamedNumbers,
}

impl Reason {
    pub fn new(rule: impl Into<CompactString>, text: impl Into<String>) -> Self {
        Reason {
            rule: rule.into(),
            text: text.into(),
            cause: None,
            numbers: NamedNumbers::default(),
        }
    }

    /// The same reason with its trigger as data.
    pub fn because(mut self, cause: impl Into<CompactString>, numbers: &[(&str, f64)]) -> Self {
        self.cause = Some(cause.into());
        self.numbers = NamedNumbers::from_pairs(numbers);
        self
    }
}
