//! The `--since` / `--until` day range shared by export and report.

use chrono::NaiveDate;

/// Days to include; an open end includes everything on that side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayRange {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl DayRange {
    pub fn new(since: Option<NaiveDate>, until: Option<NaiveDate>) -> DayRange {
        DayRange { since, until }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| date >= s) && self.until.is_none_or(|u| date <= u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_are_inclusive_and_open_ends_include_all() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let r = DayRange::new(Some(d(2)), Some(d(4)));
        assert!(!r.contains(d(1)));
        assert!(r.contains(d(2)) && r.contains(d(4)));
        assert!(!r.contains(d(5)));
        assert!(DayRange::default().contains(d(1)));
    }
}
