//! Rules 1 and 1b: red-flag answers from check-ins (docs/sources.md#red-flags). A "yes" to an
//! EMERGENCY or URGENT question stays in force until a `clinician_seen` record on or after its day,
//! whatever is answered later (docs/sources.md#coach-rules: a stop unlocks only once a clinician
//! has seen the person). For a SOON question the most recent answer counts, and a clinician visit
//! clears it too.

use super::context::Context;
use crate::domain::red_flags::{self, RedFlag, Urgency};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A red flag whose latest answer is "yes" and that no clinician visit has cleared.
#[derive(Debug, Clone)]
pub struct ActiveFlag {
    pub flag: &'static RedFlag,
    /// Day of the latest "yes".
    pub answered: NaiveDate,
    /// First day of the run of "yes" answers that ends with the latest one.
    pub since: NaiveDate,
}

impl Context<'_> {
    /// Every red flag in force today, most urgent first.
    pub fn active_flags(&self) -> Vec<ActiveFlag> {
        let last_seen = self
            .history
            .clinician_seen
            .iter()
            .filter(|d| **d <= self.today)
            .max()
            .copied();
        // Per flag: (latest answer, day of latest answer, start of the trailing run of "yes").
        let mut latest: BTreeMap<&str, (bool, NaiveDate, NaiveDate, bool)> = BTreeMap::new();
        for (day, checkin) in self.history.checkins.range(..=self.today).rev() {
            for (id, yes) in &checkin.red_flags {
                let entry = latest
                    .entry(id.as_str())
                    .or_insert((*yes, *day, *day, *yes));
                // entry.3: still walking back through "yes" answers.
                if entry.3 {
                    if *yes {
                        entry.2 = *day;
                    } else {
                        entry.3 = false;
                    }
                }
            }
        }
        // Per stop-level flag: the latest "yes" (a later "no" does not lift a stop).
        let mut latest_yes: BTreeMap<&str, NaiveDate> = BTreeMap::new();
        for (day, checkin) in self.history.checkins.range(..=self.today) {
            for (id, yes) in &checkin.red_flags {
                if *yes {
                    latest_yes.insert(id.as_str(), *day);
                }
            }
        }
        let uncleared = |day: NaiveDate| last_seen.is_none_or(|s| s < day);
        let mut active: Vec<ActiveFlag> = latest
            .into_iter()
            .filter_map(|(id, (yes, answered, since, _))| {
                let flag = red_flags::find(id)?;
                let (answered, since) = match (flag.urgency, yes) {
                    (_, true) => (answered, since),
                    (Urgency::Emergency | Urgency::Urgent, false) => {
                        let day = *latest_yes.get(id)?;
                        (day, day)
                    }
                    (Urgency::Soon, false) => return None,
                };
                uncleared(answered).then(|| ActiveFlag {
                    flag,
                    answered,
                    since: last_seen.map_or(since, |s| since.max(s)),
                })
            })
            .collect();
        active.sort_by_key(|f| std::cmp::Reverse(f.flag.urgency));
        active
    }

    /// The most urgent stop (EMERGENCY or URGENT) in force, if any.
    pub fn stop_flag(flags: &[ActiveFlag]) -> Option<&ActiveFlag> {
        flags.iter().find(|f| f.flag.urgency >= Urgency::Urgent)
    }

    /// The SOON flags in force.
    pub fn soon_flags(flags: &[ActiveFlag]) -> Vec<&ActiveFlag> {
        flags
            .iter()
            .filter(|f| f.flag.urgency == Urgency::Soon)
            .collect()
    }
}
