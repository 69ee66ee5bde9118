//! How the report words the coach's reasons: one function, so a change of phrasing is one edit.

use crate::domain::reason::Reason;

/// "Pain stayed at or under 5/10 … (rule 11); Quick hold: hold drops … (R1)": each reason once,
/// in order, with its rule.
pub fn why(reasons: &[Reason]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for reason in reasons {
        if seen.contains(&reason.text.as_str()) {
            continue;
        }
        seen.push(&reason.text);
        parts.push(format!(
            "{} ({})",
            reason.text.trim_end_matches('.'),
            reason.rule
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_once_with_its_rule() {
        let a = Reason::new("R3", "Morning pain had not settled.");
        let b = Reason::new("R1", "Hold drops to 2 s");
        assert_eq!(
            why(&[a.clone(), b, a]),
            "Morning pain had not settled (R3); Hold drops to 2 s (R1)"
        );
    }
}
