//! The 0–10 numeric rating scale (NRS) and the traffic-light zones of the pain-monitoring model (R5).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A whole-number rating on the 0–10 scale (0 = none, 10 = worst imaginable).
/// Used for pain, stiffness, effort and RPE; construction guarantees the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Rating(u8);

/// The highest value on the scale.
pub const SCALE_MAX: u8 = 10;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not on the 0–10 scale: use a whole number from 0 (none) to 10 (worst)")]
pub struct OutOfScale(pub i64);

impl Rating {
    pub const ZERO: Rating = Rating(0);

    pub fn new(value: i64) -> Result<Self, OutOfScale> {
        if (0..=i64::from(SCALE_MAX)).contains(&value) {
            Ok(Rating(value as u8))
        } else {
            Err(OutOfScale(value))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Rating {
    type Error = OutOfScale;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Rating::new(value)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/10", self.0)
    }
}

impl std::str::FromStr for Rating {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("'{s}' is not a number: use a whole number from 0 to 10"))?;
        Rating::new(n).map_err(|e| e.to_string())
    }
}

/// Pain zones shown to the person (R5). Every zone has a word and a symbol so meaning never
/// rests on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// 0 to `green_max`: safe.
    Green,
    /// above `green_max` up to the ceiling: acceptable.
    Amber,
    /// above the ceiling: high risk.
    Red,
}

impl Zone {
    pub fn of(pain: Rating, green_max: u8, amber_max: u8) -> Zone {
        if pain.0 <= green_max {
            Zone::Green
        } else if pain.0 <= amber_max {
            Zone::Amber
        } else {
            Zone::Red
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Zone::Green => "safe",
            Zone::Amber => "acceptable",
            Zone::Red => "too high",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Zone::Green => "●",
            Zone::Amber => "▲",
            Zone::Red => "■",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_accepts_scale_and_rejects_outside() {
        for v in 0..=10 {
            assert_eq!(Rating::new(v).map(Rating::value), Ok(v as u8));
        }
        assert_eq!(Rating::new(-1), Err(OutOfScale(-1)));
        assert_eq!(Rating::new(11), Err(OutOfScale(11)));
    }

    #[test]
    fn zones_follow_r5_boundaries() {
        let cases = [
            (0, Zone::Green),
            (2, Zone::Green),
            (3, Zone::Amber),
            (5, Zone::Amber),
            (6, Zone::Red),
            (10, Zone::Red),
        ];
        for (pain, zone) in cases {
            assert_eq!(
                Zone::of(Rating::new(pain).unwrap(), 2, 5),
                zone,
                "pain {pain}"
            );
        }
    }

    #[test]
    fn rating_serde_rejects_out_of_range() {
        assert!(serde_json::from_str::<Rating>("11").is_err());
        assert_eq!(serde_json::from_str::<Rating>("4").unwrap().value(), 4);
    }
}
