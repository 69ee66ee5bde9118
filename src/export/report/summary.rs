//! The summary a physiotherapist reads first: is the person getting better (pain then and now,
//! judged against the meaningful change), are they doing the work (sessions and adherence), is
//! anything worrying (flares, referrals, red flags, clinician visits), and the dose now with what
//! changed and why. Both the Markdown and the HTML report print it.

use super::changes::{Change, changes, what};
use super::data::{ReportData, SessionPain, mean};
use super::events::{Event, EventKind, events, red_flag_days};
use super::why::why;
use crate::domain::insight::{self, DayKind};
use chrono::NaiveDate;

/// Plan changes listed in the summary; older ones are in the "Plan changes" section below.
pub const SUMMARY_CHANGES_MAX: usize = 8;

/// One fact: a label and its sentence.
pub struct Fact {
    pub label: &'static str,
    pub text: String,
}

pub struct Summary {
    pub facts: Vec<Fact>,
    /// The day of the dose below (the period's last session).
    pub dose_day: Option<NaiveDate>,
    /// "Quick hold: 2 × 3 s hold (rung 2 of 2)", one per exercise.
    pub doses: Vec<String>,
    /// Every change of the period, oldest first, one line each.
    pub changes: Vec<String>,
    pub events: Vec<Event>,
    pub plan_changes: Vec<Change>,
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "2" for 2.0, "2.5" for 2.5.
pub fn points(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// Lower is better for every 0–10 rating here: "3.6 → 1.0/10, 2.6 points better: a meaningful
/// change (2 points or more)".
pub fn judged(then: f64, now: f64, mcid: f64) -> String {
    let change = now - then;
    let verdict = if change <= -mcid {
        format!(
            "better by {}: a meaningful change ({} points or more)",
            points(-change),
            points(mcid)
        )
    } else if change >= mcid {
        format!(
            "worse by {}: a meaningful change ({} points or more)",
            points(change),
            points(mcid)
        )
    } else {
        format!(
            "no meaningful change ({:+.1}, under the {} points that count)",
            change,
            points(mcid)
        )
    };
    format!("{then:.1} → {now:.1}/10, {verdict}")
}

pub fn summary(data: &ReportData) -> Summary {
    let sessions = data.session_pain();
    let plan_changes = changes(data);
    let events = events(data);
    let mut facts = vec![programme(data), sessions_fact(data)];
    let mcid = data.settings.mcid;
    let week = |pick: fn(&crate::domain::history::DayCheckIn) -> Option<f64>| {
        let values: Vec<(NaiveDate, f64)> = data
            .history
            .checkins
            .range(data.from..=data.to)
            .filter_map(|(d, c)| pick(c).map(|v| (*d, v)))
            .collect();
        trend(data, &values, Some(mcid))
    };
    let first_last = if data.comparable() {
        format!(
            "; means of the first and the last {} days",
            super::data::COMPARE_DAYS
        )
    } else {
        " (under two weeks: too short to judge a change)".to_string()
    };
    facts.push(Fact {
        label: "Morning pain",
        text: week(|c| c.pain.map(|p| f64::from(p.value())))
            .map_or_else(|| "not rated in this period".into(), |t| t + &first_last),
    });
    let stiffness = week(|c| c.stiffness.map(|p| f64::from(p.value())));
    let load = week(|c| c.load_test.map(|p| f64::from(p.value())));
    if stiffness.is_some() || load.is_some() {
        let part = |name: &str, t: Option<String>| t.map(|t| format!("{name} {t}"));
        let parts: Vec<String> = [part("stiffness", stiffness), part("load test", load)]
            .into_iter()
            .flatten()
            .collect();
        facts.push(Fact {
            label: "Stiffness and load test",
            text: parts.join("; "),
        });
    }
    facts.push(during_fact(data, &sessions));
    facts.push(after_fact(data, &sessions));
    facts.extend(worry_facts(data, &events));
    if let Some(runs) = runs_fact(data) {
        facts.push(runs);
    }
    let last = data.last_session();
    let doses = last.map_or_else(Vec::new, |s| {
        s.plan
            .exercises
            .iter()
            .map(|e| {
                let of = data
                    .ladder_len(&s.plan.programme, &e.exercise)
                    .map_or_else(String::new, |n| format!(" of {n}"));
                format!(
                    "{}: {} (rung {}{of})",
                    data.exercise_name(&s.plan.programme, &e.exercise),
                    data.dose(&s.plan.programme, &e.exercise, &e.dose),
                    e.rung
                )
            })
            .collect()
    });
    let change_lines = plan_changes
        .iter()
        .map(|c| {
            let reasons = why(&c.reasons);
            if reasons.is_empty() {
                format!("{} {}", c.date, what(c))
            } else {
                format!("{} {}. Why: {reasons}", c.date, what(c))
            }
        })
        .collect();
    Summary {
        facts,
        dose_day: last.map(|s| s.date),
        doses,
        changes: change_lines,
        events,
        plan_changes,
    }
}

fn programme(data: &ReportData) -> Fact {
    let Some(choice) = data
        .history
        .choices
        .iter()
        .rev()
        .find(|c| c.start <= data.to)
    else {
        return Fact {
            label: "Programme",
            text: "none chosen yet".into(),
        };
    };
    let programme = data.catalogue.get(&choice.programme);
    let name = programme.map_or(choice.programme.as_str(), |p| p.name.as_str());
    let mut text = format!("{name} (`{}`), started {}", choice.programme, choice.start);
    if let Some(last) = data.last_session() {
        let phase = last.plan.phase.as_str();
        let since = data
            .history
            .sessions
            .iter()
            .rev()
            .skip_while(|s| s.date > last.date)
            .take_while(|s| {
                s.plan.phase.as_str() == phase && s.plan.programme == last.plan.programme
            })
            .last()
            .map_or(last.date, |s| s.date);
        let days = (data.to - since).num_days() + 1;
        let length = if days < 14 {
            format!("{days} day{}", plural(days as usize))
        } else {
            format!("{} weeks", points(days as f64 / 7.0))
        };
        let phase_name = programme
            .and_then(|p| p.phases.iter().find(|ph| ph.id == phase))
            .map_or_else(String::new, |ph| format!(" ({})", ph.name));
        text.push_str(&format!(
            "; phase {phase}{phase_name} since {since}: {length}"
        ));
    }
    Fact {
        label: "Programme",
        text,
    }
}

fn sessions_fact(data: &ReportData) -> Fact {
    let counts = insight::kind_counts(&data.days);
    let count = |kind: DayKind| counts.iter().find(|(k, _)| *k == kind).map_or(0, |c| c.1);
    let (done, partial, missed) = (
        count(DayKind::Done),
        count(DayKind::Partial),
        count(DayKind::Missed),
    );
    let planned = done + partial + missed;
    let adherence = if planned == 0 {
        "no training days planned".to_string()
    } else {
        format!(
            "adherence {:.0} % ({done} of {planned} training day{} done in full)",
            100.0 * done as f64 / planned as f64,
            plural(planned)
        )
    };
    Fact {
        label: "Sessions",
        text: format!(
            "{done} done, {partial} partial, {missed} missed: {adherence}; {} flare and {} rest days",
            count(DayKind::Flare),
            count(DayKind::Rest)
        ),
    }
}

/// "3.6 → 1.0/10" (judged against `mcid` when given) for a period of two weeks or more; the
/// mean alone for a shorter one (its first and last week would overlap).
fn trend(data: &ReportData, values: &[(NaiveDate, f64)], mcid: Option<f64>) -> Option<String> {
    if !data.comparable() {
        let all = mean(values.iter().map(|v| v.1))?;
        return Some(format!("mean {all:.1}/10"));
    }
    let t = data.then_and_now(values)?;
    Some(match mcid {
        Some(mcid) => judged(t.then, t.now, mcid),
        None => format!("{:.1} → {:.1}/10", t.then, t.now),
    })
}

fn then_now_of(data: &ReportData, values: Vec<(NaiveDate, f64)>) -> Option<String> {
    trend(data, &values, None)
}

fn during_fact(data: &ReportData, sessions: &[SessionPain]) -> Fact {
    let series = |pick: fn(&SessionPain) -> Option<u8>| -> Vec<(NaiveDate, f64)> {
        sessions
            .iter()
            .filter_map(|s| pick(s).map(|v| (s.date, f64::from(v))))
            .collect()
    };
    let mut text = then_now_of(data, series(|s| s.during))
        .map_or_else(|| "no sets rated".into(), |t| format!("worst set {t}"));
    if data.sides_differ(sessions) {
        for (side, pick) in [
            (
                "left",
                (|s: &SessionPain| s.left) as fn(&SessionPain) -> Option<u8>,
            ),
            ("right", |s: &SessionPain| s.right),
        ] {
            let values = series(pick);
            let all = mean(values.iter().map(|v| v.1)).unwrap_or_default();
            match then_now_of(data, values) {
                Some(t) if data.comparable() => {
                    text.push_str(&format!("; {side} {t} (mean {all:.1})"));
                }
                Some(t) => text.push_str(&format!("; {side} {t}")),
                None => {}
            }
        }
    }
    Fact {
        label: "Pain during",
        text,
    }
}

fn after_fact(data: &ReportData, sessions: &[SessionPain]) -> Fact {
    let ceiling = data.settings.amber_max;
    let values: Vec<(NaiveDate, f64)> = sessions
        .iter()
        .filter_map(|s| s.after.map(|v| (s.date, f64::from(v))))
        .collect();
    let above = sessions
        .iter()
        .filter(|s| s.after.is_some_and(|a| a > ceiling))
        .count();
    let text = then_now_of(data, values).map_or_else(
        || "not rated".into(),
        |t| {
            format!(
                "{t}; above the ceiling of {ceiling}/10 after {above} session{}",
                plural(above)
            )
        },
    );
    Fact {
        label: "Pain after",
        text,
    }
}

fn event_list(events: &[&Event]) -> String {
    events
        .iter()
        .map(|e| match &e.settled {
            Some(settled) => format!("{} {} ({settled})", e.date, e.text),
            None => format!("{} {}", e.date, e.text),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn worry_facts(data: &ReportData, events: &[Event]) -> Vec<Fact> {
    let of =
        |kind: EventKind| -> Vec<&Event> { events.iter().filter(|e| e.kind == kind).collect() };
    let or_none = |list: Vec<&Event>, none: &str| {
        if list.is_empty() {
            none.to_string()
        } else {
            event_list(&list)
        }
    };
    let (asked, yes) = red_flag_days(data);
    let red_flags = match (asked, yes) {
        (0, _) => "no questions answered in this period".to_string(),
        (n, 0) => format!(
            "answered on {n} day{}, every answer no (a no does not mean nothing serious is present)",
            plural(n)
        ),
        (n, _) => format!(
            "answered on {n} day{}; {}",
            plural(n),
            event_list(&of(EventKind::RedFlag))
        ),
    };
    vec![
        Fact {
            label: "Flares",
            text: or_none(of(EventKind::Flare), "none"),
        },
        Fact {
            label: "Referrals",
            text: or_none(of(EventKind::Referral), "none"),
        },
        Fact {
            label: "Red flags",
            text: red_flags,
        },
        Fact {
            label: "Clinician",
            text: or_none(of(EventKind::Clinician), "no visits recorded"),
        },
    ]
}

fn runs_fact(data: &ReportData) -> Option<Fact> {
    let runs: Vec<_> = data
        .history
        .runs
        .iter()
        .filter(|r| data.contains(r.date))
        .collect();
    if runs.is_empty() {
        return None;
    }
    let units = data.settings.units;
    let km: f64 = runs.iter().filter_map(|r| r.km).sum();
    let weeks = super::runs_table::run_weeks(data);
    let over = weeks.iter().filter(|w| w.over_week_cap()).count();
    let painful = runs
        .iter()
        .filter(|r| r.pain.is_some_and(|p| p.value() > data.settings.green_max))
        .count();
    Some(Fact {
        label: "Runs",
        text: format!(
            "{} run{}, {:.1} {} in {} week{}; {over} of them over the week cap; {painful} painful (pain above {}/10)",
            runs.len(),
            plural(runs.len()),
            units.from_km(km),
            units.word(),
            weeks.len(),
            plural(weeks.len()),
            data.settings.green_max
        ),
    })
}
