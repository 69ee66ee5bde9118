//! Which activities are runs: runs and walks (a walk-run counts as a run) are imported; rides,
//! swims, strength and the rest are skipped with the sport named.

/// An activity's sport, as far as the coach cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sport {
    Run,
    Walk,
    /// Anything else, as the file names it ("cycling", "Biking", "swimming").
    Other(String),
}

impl Sport {
    /// From a sport's name in any of the formats: FIT's `running`/`walking`/`hiking`, GPX's free
    /// `<type>` (`running`, `Run`, `trail_running`, `walking`), TCX's `Running`/`Biking`/`Other`.
    pub fn from_name(name: &str) -> Sport {
        let lower = name.trim().to_ascii_lowercase();
        if lower.contains("run") {
            Sport::Run
        } else if lower.contains("walk") || lower.contains("hik") {
            Sport::Walk
        } else {
            Sport::Other(name.trim().to_string())
        }
    }

    /// "run" or "walk" for the journal; None for a sport that is not imported.
    pub fn journal_word(&self) -> Option<&'static str> {
        match self {
            Sport::Run => Some("run"),
            Sport::Walk => Some("walk"),
            Sport::Other(_) => None,
        }
    }

    /// Why an activity of this sport is skipped, e.g. "a bike ride (cycling), not a run or walk".
    pub fn skip_reason(&self) -> Option<String> {
        let Sport::Other(name) = self else {
            return None;
        };
        let lower = name.to_ascii_lowercase();
        let what = if lower.contains("cycl") || lower.contains("bik") || lower.contains("ride") {
            "a bike ride"
        } else if lower.contains("swim") {
            "a swim"
        } else if lower.contains("strength") || lower.contains("training") {
            "a strength session"
        } else if lower.is_empty() {
            "an activity with no sport given"
        } else {
            "an activity"
        };
        let named = if lower.is_empty() {
            String::new()
        } else {
            format!(" ({name})")
        };
        Some(format!("{what}{named}, not a run or walk"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_walks_are_told_from_the_rest() {
        assert_eq!(Sport::from_name("running"), Sport::Run);
        assert_eq!(Sport::from_name("Trail_Running"), Sport::Run);
        assert_eq!(Sport::from_name("walking"), Sport::Walk);
        assert_eq!(Sport::from_name("hiking"), Sport::Walk);
        assert_eq!(
            Sport::from_name("Biking").skip_reason().as_deref(),
            Some("a bike ride (Biking), not a run or walk")
        );
        assert_eq!(
            Sport::from_name("swimming").skip_reason().as_deref(),
            Some("a swim (swimming), not a run or walk")
        );
        assert_eq!(Sport::Run.skip_reason(), None);
    }
}
