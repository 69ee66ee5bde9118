//! What a clinician looks for beside the trends: flare days, the coach's referrals, red-flag
//! "yes" answers, clinician visits and milestone answers, each with how it was settled by the
//! end of the period.

use super::data::ReportData;
use crate::domain::insight::DayKind;
use crate::domain::plan::{Decision, ReferReason};
use crate::domain::red_flags::{self, Urgency};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The rows of the timeline, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    Decision,
    Flare,
    Referral,
    RedFlag,
    Clinician,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Decision,
        EventKind::Flare,
        EventKind::Referral,
        EventKind::RedFlag,
        EventKind::Clinician,
    ];

    pub fn word(self) -> &'static str {
        match self {
            EventKind::Decision => "plan change",
            EventKind::Flare => "flare",
            EventKind::Referral => "referral",
            EventKind::RedFlag => "red flag",
            EventKind::Clinician => "clinician",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub text: String,
    /// How it was settled by the end of the period; None when there is nothing to settle.
    pub settled: Option<String>,
}

const REFER_REASONS: [ReferReason; 6] = [
    ReferReason::SymptomFlag,
    ReferReason::SevereForDays,
    ReferReason::RisingTrend,
    ReferReason::WorseningTwoWeeks,
    ReferReason::Plateau,
    ReferReason::RepeatedFlare,
];

/// The words for a referral reason id as written in `referral_acknowledged`.
fn referral_words(id: &str) -> String {
    REFER_REASONS
        .iter()
        .find(|r| r.id() == id)
        .map_or_else(|| id.to_string(), |r| r.words().to_string())
}

/// Flares, referrals, red flags, clinician visits and milestones of the period, oldest first
/// (plan changes come from `changes`).
pub fn events(data: &ReportData) -> Vec<Event> {
    let mut out = flares(data);
    out.extend(referrals(data));
    out.extend(red_flag_answers(data));
    out.extend(clinician(data));
    out.sort_by_key(|a| (a.date, a.kind));
    out
}

/// First clinician visit on or after `day`, up to the period's end.
fn visit_after(data: &ReportData, day: NaiveDate) -> Option<NaiveDate> {
    let seen = &data.history.clinician_seen;
    seen.iter()
        .copied()
        .filter(|d| *d >= day && *d <= data.to)
        .min()
}

fn flares(data: &ReportData) -> Vec<Event> {
    let mut out = Vec::new();
    let mut run: Vec<NaiveDate> = Vec::new();
    let kinds: Vec<(NaiveDate, DayKind)> = data.days.iter().map(|(d, k)| (*d, *k)).collect();
    for (i, (day, kind)) in kinds.iter().enumerate() {
        if *kind == DayKind::Flare {
            run.push(*day);
        }
        let ends = *kind != DayKind::Flare || i + 1 == kinds.len();
        if ends && !run.is_empty() {
            let worst = |pick: fn(&crate::domain::insight::DayPain) -> Option<u8>| {
                data.pain
                    .iter()
                    .filter(|p| run.contains(&p.date))
                    .filter_map(pick)
                    .max()
            };
            let mut what = match run.len() {
                1 => "(1 day)".to_string(),
                n => format!("to {} ({n} days)", run[n - 1]),
            };
            if let Some(m) = worst(|p| p.morning) {
                what.push_str(&format!(", morning pain up to {m}/10"));
            }
            if let Some(a) = worst(|p| p.after) {
                what.push_str(&format!(", pain after up to {a}/10"));
            }
            let settled = if *kind == DayKind::Flare {
                "still flaring at the end of the period".to_string()
            } else {
                format!("settled by {day}")
            };
            out.push(Event {
                date: run[0],
                kind: EventKind::Flare,
                text: what,
                settled: Some(settled),
            });
            run.clear();
        }
    }
    out
}

fn referrals(data: &ReportData) -> Vec<Event> {
    let mut out = Vec::new();
    let mut used_acks: Vec<usize> = Vec::new();
    let acks = &data.history.referrals_acknowledged;
    // A referral lasts while sessions keep referring, whatever the reason of the day.
    let mut episodes: Vec<(NaiveDate, Vec<ReferReason>)> = Vec::new();
    let mut referring = false;
    for session in data.sessions() {
        match &session.plan.decision {
            Decision::Refer(reason) => {
                match episodes.last_mut().filter(|_| referring) {
                    Some((_, reasons)) if reasons.contains(reason) => {}
                    Some((_, reasons)) => reasons.push(reason.clone()),
                    None => episodes.push((session.date, vec![reason.clone()])),
                }
                referring = true;
            }
            _ => referring = false,
        }
    }
    for (date, reasons) in episodes {
        let ack = acks
            .iter()
            .enumerate()
            .find(|(i, (d, _))| *d >= date && *d <= data.to && !used_acks.contains(i));
        let mut settled = Vec::new();
        if let Some((i, (d, _))) = ack {
            used_acks.push(i);
            settled.push(format!("acknowledged {d}"));
        }
        if let Some(seen) = visit_after(data, date) {
            settled.push(format!("a clinician saw the person {seen}"));
        }
        if settled.is_empty() {
            settled.push("not acknowledged by the end of the period".into());
        }
        let words: Vec<&str> = reasons.iter().map(ReferReason::words).collect();
        out.push(Event {
            date,
            kind: EventKind::Referral,
            text: format!("the coach referred: {}", words.join("; then ")),
            settled: Some(settled.join("; ")),
        });
    }
    for (i, (day, reason)) in acks.iter().enumerate() {
        if data.contains(*day) && !used_acks.contains(&i) {
            out.push(Event {
                date: *day,
                kind: EventKind::Referral,
                text: format!("referral acknowledged ({})", referral_words(reason)),
                settled: None,
            });
        }
    }
    out
}

/// Each run of "yes" answers to one question is one event.
fn red_flag_answers(data: &ReportData) -> Vec<Event> {
    let mut out = Vec::new();
    // Per question: the last answer seen, and the index in `out` of its open "yes" event.
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    for (day, checkin) in data.history.checkins.range(data.from..=data.to) {
        for (id, yes) in &checkin.red_flags {
            match (*yes, open.get(id.as_str())) {
                (true, Some(_)) => {}
                (true, None) => {
                    let (question, urgency) = red_flags::find(id)
                        .map_or((id.as_str(), Urgency::Soon), |f| (f.question, f.urgency));
                    open.insert(id, out.len());
                    out.push((
                        urgency,
                        Event {
                            date: *day,
                            kind: EventKind::RedFlag,
                            text: format!("yes to \"{question}\" ({})", urgency.word()),
                            settled: None,
                        },
                    ));
                }
                (false, Some(at)) => {
                    // A later "no" settles a SOON question; a stop waits for a clinician.
                    if let Some((Urgency::Soon, event)) = out.get_mut(*at) {
                        event.settled = Some(format!("answered no on {day}"));
                        open.remove(id.as_str());
                    }
                }
                (false, None) => {}
            }
        }
    }
    out.into_iter()
        .map(|(urgency, mut event)| {
            let seen = visit_after(data, event.date).map(|d| {
                if urgency.stops_exercise() {
                    format!("cleared by a clinician visit {d}")
                } else {
                    format!("a clinician saw the person {d}")
                }
            });
            event.settled = Some(match (event.settled.take(), seen) {
                (Some(no), _) => no,
                (None, Some(seen)) => seen,
                (None, None) if urgency.stops_exercise() => {
                    "still in force: exercise stays stopped until a clinician has seen the person"
                        .into()
                }
                (None, None) => "still open at the end of the period".into(),
            });
            event
        })
        .collect()
}

fn clinician(data: &ReportData) -> Vec<Event> {
    let mut days: Vec<NaiveDate> = data
        .history
        .clinician_seen
        .iter()
        .copied()
        .filter(|d| data.contains(*d))
        .collect();
    days.dedup();
    let mut out: Vec<Event> = days
        .into_iter()
        .map(|day| {
            let notes: Vec<&str> = data
                .history
                .clinician_notes
                .iter()
                .filter(|(d, _)| *d == day)
                .map(|(_, n)| n.as_str())
                .collect();
            let text = if notes.is_empty() {
                "a clinician saw the person (no note recorded)".to_string()
            } else {
                format!("a clinician saw the person: \"{}\"", notes.join("; "))
            };
            Event {
                date: day,
                kind: EventKind::Clinician,
                text,
                settled: None,
            }
        })
        .collect();
    for a in data
        .history
        .milestones
        .iter()
        .filter(|a| data.contains(a.date))
    {
        out.push(Event {
            date: a.date,
            kind: EventKind::Clinician,
            text: format!(
                "milestone \"{}\" answered {}",
                a.milestone,
                if a.yes { "yes" } else { "no" }
            ),
            settled: None,
        });
    }
    out
}

/// Red-flag check-ins of the period: (days answered, days with a yes).
pub fn red_flag_days(data: &ReportData) -> (usize, usize) {
    let answered = data.history.checkins.range(data.from..=data.to);
    answered
        .filter(|(_, c)| !c.red_flags.is_empty())
        .fold((0, 0), |(n, yes), (_, c)| {
            (n + 1, yes + usize::from(c.red_flags.values().any(|y| *y)))
        })
}
