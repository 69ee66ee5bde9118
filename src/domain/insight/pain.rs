//! Pain day by day (morning, worst set, after, each side) and the morning series Today shows.

use crate::domain::history::History;
use crate::domain::records::Side;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Days of morning pain in Today's sparkline.
pub const MORNING_SERIES_DAYS: u32 = 14;

/// Pain on one day: the morning check-in, the worst set, pain after, and the worst per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPain {
    pub date: NaiveDate,
    pub morning: Option<u8>,
    pub during: Option<u8>,
    pub after: Option<u8>,
    pub left: Option<u8>,
    pub right: Option<u8>,
}

impl DayPain {
    fn empty(date: NaiveDate) -> DayPain {
        DayPain {
            date,
            morning: None,
            during: None,
            after: None,
            left: None,
            right: None,
        }
    }
}

/// One entry per day that has any pain rating, oldest first.
pub fn daily_pain(history: &History) -> Vec<DayPain> {
    let mut days: BTreeMap<NaiveDate, DayPain> = BTreeMap::new();
    for (date, checkin) in &history.checkins {
        if let Some(p) = checkin.pain {
            days.entry(*date)
                .or_insert_with(|| DayPain::empty(*date))
                .morning = Some(p.value());
        }
    }
    for session in history.sessions.iter() {
        let day = days
            .entry(session.date)
            .or_insert_with(|| DayPain::empty(session.date));
        for set in &session.sets {
            let pain = Some(set.pain.value());
            day.during = day.during.max(pain);
            match set.side {
                Some(Side::Left) => day.left = day.left.max(pain),
                Some(Side::Right) => day.right = day.right.max(pain),
                None => {}
            }
        }
        day.after = day.after.max(session.pain_after().map(|p| p.value()));
    }
    days.into_values().collect()
}

/// Morning pain for the `MORNING_SERIES_DAYS` days ending today, oldest first (None = no
/// check-in).
pub fn morning_series(history: &History, today: NaiveDate) -> Vec<Option<u8>> {
    (0..MORNING_SERIES_DAYS)
        .rev()
        .map(|back| {
            today
                .checked_sub_days(Days::new(back.into()))
                .and_then(|d| history.morning_pain(d))
                .map(|p| p.value())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::insight::test_history::{day, sample, with_flares};

    #[test]
    fn per_side_pain_is_split() {
        let pain = daily_pain(&sample(1));
        assert_eq!(pain.len(), 1);
        assert_eq!(pain[0].right, pain[0].left.map(|l| l + 1));
    }

    #[test]
    fn morning_series_is_oldest_first_with_gaps() {
        let h = with_flares(&[], &[14]);
        let s = morning_series(&h, day(14));
        assert_eq!(s.len(), MORNING_SERIES_DAYS as usize);
        assert_eq!(s[13], Some(8));
        assert_eq!(s[0], None);
    }
}
