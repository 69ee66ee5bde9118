//! Parsing what a person typed on the command line, with messages that name the flag.

use crate::domain::pain::Rating;
use anyhow::anyhow;

/// Longest run or walk-run accepted by `rehab log run`, in minutes (a typo guard: 24 hours).
pub const MAX_RUN_MINUTES: f64 = 24.0 * 60.0;
/// Longest distance accepted by `rehab log run`, in km (a typo guard, beyond any ultra).
pub const MAX_RUN_KM: f64 = 500.0;

/// A 0–10 rating given as `--flag VALUE`.
pub fn rating(flag: &str, text: &str) -> anyhow::Result<Rating> {
    text.parse::<Rating>().map_err(|e| anyhow!("--{flag}: {e}"))
}

pub fn optional_rating(flag: &str, text: Option<&String>) -> anyhow::Result<Option<Rating>> {
    text.map(|t| rating(flag, t)).transpose()
}

/// A positive, finite amount no larger than `max`.
pub fn positive_amount(flag: &str, value: f64, max: f64, unit: &str) -> anyhow::Result<f64> {
    if value.is_finite() && value > 0.0 && value <= max {
        Ok(value)
    } else {
        Err(anyhow!(
            "--{flag}: {value} is not a plausible number of {unit}: give a number above 0 and up to {max}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_name_the_flag() {
        assert_eq!(rating("pain", "4").map(Rating::value).ok(), Some(4));
        let err = rating("pain", "11").unwrap_err().to_string();
        assert!(
            err.starts_with("--pain: 11 is not on the 0–10 scale"),
            "{err}"
        );
        assert!(rating("pain", "x").is_err());
    }

    #[test]
    fn amounts_must_be_positive_finite_and_plausible() {
        assert_eq!(
            positive_amount("minutes", 30.0, MAX_RUN_MINUTES, "minutes").ok(),
            Some(30.0)
        );
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, MAX_RUN_MINUTES + 1.0] {
            assert!(
                positive_amount("minutes", bad, MAX_RUN_MINUTES, "minutes").is_err(),
                "{bad}"
            );
        }
    }
}
