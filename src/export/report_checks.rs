//! The report's "Stiffness, load test and clinician contact" section: weekly morning stiffness
//! and load-test pain, the days the coach referred, referrals acknowledged, clinician visits and
//! milestone answers.

use crate::domain::history::History;
use crate::domain::plan::Decision;
use crate::export::range::DayRange;
use chrono::{Datelike, Days};
use std::fmt::Write;

pub fn section(out: &mut String, history: &History, range: DayRange) {
    let _ = writeln!(out, "## Stiffness, load test and clinician contact\n");
    let (Some(from), Some(to)) = (range.since, range.until) else {
        return;
    };
    let checkins: Vec<_> = history
        .checkins
        .iter()
        .filter(|(d, c)| range.contains(**d) && (c.stiffness.is_some() || c.load_test.is_some()))
        .collect();
    if checkins.is_empty() {
        let _ = writeln!(out, "No stiffness or load-test ratings in this period.\n");
    } else {
        let _ = writeln!(
            out,
            "| week of | stiffness mean | stiffness worst | load test worst | load-test days |\n|---|---:|---:|---:|---:|"
        );
        let mut monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
        while monday <= to {
            let sunday = monday + Days::new(6);
            let week: Vec<_> = checkins
                .iter()
                .filter(|(d, _)| **d >= monday && **d <= sunday)
                .map(|(_, c)| c)
                .collect();
            let stiffness: Vec<u8> = week
                .iter()
                .filter_map(|c| c.stiffness.map(|s| s.value()))
                .collect();
            let tests: Vec<u8> = week
                .iter()
                .filter_map(|c| c.load_test.map(|s| s.value()))
                .collect();
            if !week.is_empty() {
                let mean = (!stiffness.is_empty()).then(|| {
                    stiffness.iter().map(|v| f64::from(*v)).sum::<f64>() / stiffness.len() as f64
                });
                let _ = writeln!(
                    out,
                    "| {monday} | {} | {} | {} | {} |",
                    mean.map_or("–".into(), |m| format!("{m:.1}")),
                    stiffness.iter().max().map_or("–".into(), u8::to_string),
                    tests.iter().max().map_or("–".into(), u8::to_string),
                    tests.len()
                );
            }
            monday = monday + Days::new(7);
        }
        let _ = writeln!(out);
    }

    let mut events: Vec<(chrono::NaiveDate, String)> = Vec::new();
    let mut last_referral: Option<String> = None;
    for s in history.sessions.iter().filter(|s| range.contains(s.date)) {
        let now = match &s.plan.decision {
            Decision::Refer(reason) => Some(reason.words().to_string()),
            _ => None,
        };
        if let Some(words) = now.as_ref().filter(|w| last_referral.as_ref() != Some(*w)) {
            events.push((s.date, format!("the coach referred: {words}")));
        }
        last_referral = now;
    }
    for day in history
        .clinician_seen
        .iter()
        .filter(|d| range.contains(**d))
    {
        events.push((*day, "a clinician saw the person (after a stop)".into()));
    }
    for (day, reason) in history
        .referrals_acknowledged
        .iter()
        .filter(|(d, _)| range.contains(*d))
    {
        events.push((*day, format!("referral acknowledged ({reason})")));
    }
    for a in history.milestones.iter().filter(|a| range.contains(a.date)) {
        events.push((
            a.date,
            format!(
                "milestone \"{}\" answered {}",
                a.milestone,
                if a.yes { "yes" } else { "no" }
            ),
        ));
    }
    if events.is_empty() {
        let _ = writeln!(
            out,
            "No referrals, clinician visits or milestone answers in this period.\n"
        );
        return;
    }
    events.sort();
    let _ = writeln!(out, "| date | what |\n|---|---|");
    for (day, what) in events {
        let _ = writeln!(out, "| {day} | {what} |");
    }
    let _ = writeln!(out);
}
