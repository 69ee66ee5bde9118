//! One reason behind a coach decision. A leaf: plans, running advice and insights all carry it.

use serde::{Deserialize, Serialize};

/// One reason behind a decision: the rule it comes from and what triggered it, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reason {
    /// Rule id as docs/sources.md numbers them, e.g. "R1", "rule 11", "§4".
    pub rule: String,
    /// e.g. "Side-lying hold stays at 30 s: pain reached 6/10 yesterday, above the ceiling of 5".
    pub text: String,
}

impl Reason {
    pub fn new(rule: impl Into<String>, text: impl Into<String>) -> Self {
        Reason {
            rule: rule.into(),
            text: text.into(),
        }
    }
}
