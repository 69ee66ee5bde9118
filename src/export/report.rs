//! The Markdown report for a physiotherapist: programme and phase, adherence, pain trends
//! (tables and text sparklines), every plan change with its reasons, red-flag answers,
//! stiffness, load test and clinician contact, runs and notes. Deterministic: no clock (the shell passes `today`), so the same journal and day always
//! give the same report.

use crate::domain::catalogue::Catalogue;
use crate::domain::history::{self, History};
use crate::domain::insight::{self, DayClassifier, DayKind, DayPain};
use crate::domain::phrase::PlanWords;
use crate::domain::plan::Decision;
use crate::domain::red_flags;
use crate::domain::settings::CoachSettings;
use crate::domain::text::printable;
use crate::export::range::DayRange;
use chrono::{Datelike, Days, NaiveDate};
use std::fmt::Write;

/// The line every report carries (the app coaches; it does not diagnose).
pub const DISCLAIMER: &str = "rehab coaches; it does not diagnose. This report is the person's own \
record for their clinician. See a clinician for any new, severe or worrying symptom.";

/// Days per sparkline row, so a long period wraps instead of running off the page.
const SPARK_ROW_DAYS: usize = 28;

/// Markdown for the days in `range` (open ends: the journal's first and last day). `today` is
/// the day the report is made: a day not over yet is never counted as missed.
pub fn report(
    history: &History,
    catalogue: &Catalogue,
    settings: &CoachSettings,
    today: NaiveDate,
    range: DayRange,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Rehab report\n\n> {DISCLAIMER}\n");
    let (Some(first), Some(last)) = (history.first_day, history.last_day) else {
        let _ = writeln!(out, "The journal is empty: nothing recorded yet.");
        return out;
    };
    let from = range.since.map_or(first, |s| s.max(first));
    let to = range.until.map_or(last, |u| u.min(last));
    let _ = writeln!(out, "Period: {from} to {to}.\n");
    if from > to {
        let _ = writeln!(out, "Nothing was recorded in this period.");
        return out;
    }
    let range = DayRange::new(Some(from), Some(to));
    programme_section(&mut out, history, catalogue, range);
    let lookup = |id: &str| catalogue.get(id);
    let days = DayClassifier::new(history, settings, &lookup, today);
    adherence_section(&mut out, &days, history, settings, range);
    pain_section(&mut out, history, range);
    changes_section(&mut out, history, catalogue, range);
    red_flag_section(&mut out, history, range);
    super::report_checks::section(&mut out, history, range);
    runs_section(&mut out, history, settings, range);
    notes_section(&mut out, history, range);
    corrections_section(&mut out, history);
    // Names, notes and values come from files and the command line: no control characters.
    printable(&out).into_owned()
}

fn exercise_name(catalogue: &Catalogue, programme: &str, exercise: &str) -> String {
    catalogue
        .get(programme)
        .and_then(|p| p.exercise(exercise))
        .map_or_else(|| exercise.to_string(), |e| e.name.clone())
}

fn programme_section(out: &mut String, history: &History, catalogue: &Catalogue, range: DayRange) {
    let _ = writeln!(out, "## Programme and phase\n");
    let Some(choice) = history.current() else {
        let _ = writeln!(out, "No programme chosen yet.\n");
        return;
    };
    let name = catalogue
        .get(&choice.programme)
        .map_or_else(|| choice.programme.clone(), |p| p.name.clone());
    let _ = writeln!(
        out,
        "- Programme: {name} (`{}`), started {}",
        choice.programme, choice.start
    );
    let latest = history
        .sessions
        .iter()
        .rev()
        .find(|s| range.contains(s.date));
    if let Some(session) = latest {
        let _ = writeln!(
            out,
            "- Phase at the last session ({}): {}",
            session.date, session.plan.phase
        );
        let _ = writeln!(out, "- Last decision: {}", session.plan.decision);
        let _ = writeln!(out, "- Exercises at the last session:");
        for ex in &session.plan.exercises {
            let _ = writeln!(
                out,
                "  - {}: rung {}",
                exercise_name(catalogue, &session.plan.programme, &ex.exercise),
                ex.rung
            );
        }
    }
    let _ = writeln!(out);
}

fn adherence_section(
    out: &mut String,
    classifier: &DayClassifier,
    history: &History,
    settings: &CoachSettings,
    range: DayRange,
) {
    let _ = writeln!(out, "## Adherence\n");
    let until = range.until.unwrap_or_default();
    let days: std::collections::BTreeMap<NaiveDate, DayKind> = classifier
        .days_until(until)
        .into_iter()
        .filter(|(d, _)| range.contains(*d))
        .collect();
    let _ = writeln!(out, "| day | count |\n|---|---:|");
    for (kind, count) in insight::kind_counts(&days) {
        let _ = writeln!(out, "| {} {} | {count} |", kind.symbol(), kind.word());
    }
    let sessions = history
        .sessions
        .iter()
        .filter(|s| range.contains(s.date))
        .count();
    let _ = writeln!(
        out,
        "\n{sessions} sessions over {} days. Flare: morning pain or pain after above {}/10. \
         Missed: no set logged on a day the programme planned one.\n",
        days.len(),
        settings.amber_max
    );
}

fn mean(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

/// A worst rating is a whole number on the scale: "7", not "7.0".
fn whole_cell(value: Option<u8>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

fn pain_section(out: &mut String, history: &History, range: DayRange) {
    let _ = writeln!(out, "## Pain trends\n");
    let pain: Vec<DayPain> = insight::daily_pain(history)
        .into_iter()
        .filter(|p| range.contains(p.date))
        .collect();
    if pain.is_empty() {
        let _ = writeln!(out, "No pain ratings in this period.\n");
        return;
    }
    let _ = writeln!(
        out,
        "Text sparklines, one character per day ({} = 0/10, ▁ = 1/10, █ = 10/10, {} = not \
         rated), {SPARK_ROW_DAYS} days per row.\n",
        insight::sparkline::ZERO,
        insight::sparkline::NOT_RATED
    );
    let (Some(from), Some(to)) = (range.since, range.until) else {
        return;
    };
    let all_days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let series = |pick: fn(&DayPain) -> Option<u8>| -> Vec<Option<u8>> {
        all_days
            .iter()
            .map(|d| pain.iter().find(|p| p.date == *d).and_then(pick))
            .collect()
    };
    let lines: [(&str, Vec<Option<u8>>); 5] = [
        ("morning", series(|p| p.morning)),
        ("during (worst set)", series(|p| p.during)),
        ("after", series(|p| p.after)),
        ("left side (worst set)", series(|p| p.left)),
        ("right side (worst set)", series(|p| p.right)),
    ];
    let _ = writeln!(out, "```");
    for (chunk_index, chunk_days) in all_days.chunks(SPARK_ROW_DAYS).enumerate() {
        let start = chunk_index * SPARK_ROW_DAYS;
        let end = start + chunk_days.len();
        let _ = writeln!(out, "from {}", chunk_days[0]);
        for (label, values) in &lines {
            if values.iter().any(Option::is_some) {
                let _ = writeln!(
                    out,
                    "  {label:<24}{}",
                    insight::sparkline(&values[start..end])
                );
            }
        }
    }
    let _ = writeln!(out, "```\n");

    let _ = writeln!(
        out,
        "| week of | morning mean | morning worst | during worst | after mean |\n|---|---:|---:|---:|---:|"
    );
    let mut monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
    while monday <= to {
        let sunday = monday + Days::new(6);
        let week: Vec<&DayPain> = pain
            .iter()
            .filter(|p| p.date >= monday && p.date <= sunday)
            .collect();
        if !week.is_empty() {
            let _ = writeln!(
                out,
                "| {monday} | {} | {} | {} | {} |",
                cell(mean(week.iter().filter_map(|p| p.morning))),
                whole_cell(week.iter().filter_map(|p| p.morning).max()),
                whole_cell(week.iter().filter_map(|p| p.during).max()),
                cell(mean(week.iter().filter_map(|p| p.after))),
            );
        }
        monday = monday + Days::new(7);
    }
    let _ = writeln!(out);
}

fn changes_section(out: &mut String, history: &History, catalogue: &Catalogue, range: DayRange) {
    let _ = writeln!(out, "## Progressions and regressions\n");
    // A return to "hold" after a step, with no rung moving, is not news for the clinician.
    let changes: Vec<_> = insight::plan_changes(history)
        .into_iter()
        .filter(|c| range.contains(c.date))
        .filter(|c| c.previous.is_none() || !c.rungs.is_empty() || c.decision != Decision::Hold)
        .collect();
    if changes.is_empty() {
        let _ = writeln!(out, "No plan changes in this period.\n");
        return;
    }
    for change in changes {
        let _ = writeln!(
            out,
            "### {} · {} · {}\n",
            change.date, change.phase, change.decision
        );
        for rung in &change.rungs {
            let name = exercise_name(catalogue, &change.programme, &rung.exercise);
            match rung.from {
                Some(from) => {
                    let _ = writeln!(out, "- {name}: rung {from} → {}", rung.to);
                }
                None => {
                    let _ = writeln!(out, "- {name}: added at rung {}", rung.to);
                }
            }
        }
        // Phrased from the reasons' data with the session's stored plan (else their text).
        let session = history::session_with(&history.sessions, change.date, &change.session);
        let words = session
            .map(|s| PlanWords::of_snapshot(&s.plan, s.date, catalogue.get(&change.programme)));
        for reason in &change.reasons {
            let said = words
                .as_ref()
                .map_or_else(|| reason.text.clone(), |w| w.say(reason));
            let _ = writeln!(out, "- Why ({}): {said}", reason.rule);
        }
        let _ = writeln!(out);
    }
}

fn red_flag_section(out: &mut String, history: &History, range: DayRange) {
    let _ = writeln!(out, "## Red-flag answers\n");
    let answered: Vec<_> = history
        .checkins
        .iter()
        .filter(|(d, c)| range.contains(**d) && !c.red_flags.is_empty())
        .collect();
    if answered.is_empty() {
        let _ = writeln!(out, "No red-flag questions answered in this period.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| date | questions answered | answered yes |\n|---|---:|---|"
    );
    for (date, checkin) in &answered {
        let yes: Vec<String> = checkin
            .red_flags
            .iter()
            .filter(|(_, a)| **a)
            .map(|(id, _)| match red_flags::find(id) {
                Some(flag) => format!("{} ({})", flag.question, flag.urgency.word()),
                None => id.clone(),
            })
            .collect();
        let yes = if yes.is_empty() {
            "none".to_string()
        } else {
            yes.join("; ")
        };
        let _ = writeln!(out, "| {date} | {} | {yes} |", checkin.red_flags.len());
    }
    let _ = writeln!(
        out,
        "\nA \"no\" to every question does not mean nothing serious is present.\n"
    );
}

fn runs_section(out: &mut String, history: &History, settings: &CoachSettings, range: DayRange) {
    let weeks: Vec<_> = insight::run_weeks(history, settings)
        .into_iter()
        .filter(|w| range.contains(w.monday) || range.contains(w.monday + Days::new(6)))
        .collect();
    if weeks.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Runs\n");
    let _ = writeln!(
        out,
        "Caps: {}. The caps are cautious steps, not proven protection.\n",
        crate::domain::running_week::caps_in_words(settings, insight::LONGEST_RUN_LOOKBACK_DAYS)
    );
    let units = settings.units;
    let unit = units.word();
    let _ = writeln!(
        out,
        "| week of | runs | minutes | {unit} | week cap {unit} | longest {unit} | single-run cap {unit} |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for w in weeks {
        let flag = |over: bool| if over { " over" } else { "" };
        let in_units = |km: Option<f64>| cell(km.map(|k| units.from_km(k)));
        let easier = if w.easier_week { " (easier week)" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {:.0} | {:.1} | {}{easier}{} | {:.1} | {}{} |",
            w.monday,
            w.runs,
            w.minutes,
            units.from_km(w.km),
            in_units(w.week_cap_km),
            flag(w.over_week_cap()),
            units.from_km(w.longest_km),
            in_units(w.single_cap_km),
            flag(w.over_single_cap()),
        );
    }
    let _ = writeln!(out);
    // Each run with its rehab pain beside it, typed or imported alike.
    for run in history.runs.iter().filter(|r| range.contains(r.date)) {
        let size = run
            .km
            .map_or_else(String::new, |km| format!("{} in ", units.show(km)));
        let pain = run.pain.map_or_else(
            || "pain not rated".to_string(),
            |p| format!("pain during {p}"),
        );
        let from = run
            .imported
            .as_ref()
            .map_or_else(String::new, |i| format!(" (imported from {})", i.file));
        let _ = writeln!(
            out,
            "- {}: {size}{:.0} min, {pain}{from}",
            run.date, run.minutes
        );
    }
    let _ = writeln!(out);
}

fn notes_section(out: &mut String, history: &History, range: DayRange) {
    let mut notes: Vec<(NaiveDate, String)> = history
        .notes
        .iter()
        .filter(|n| range.contains(n.date))
        .map(|n| (n.date, n.text.clone()))
        .collect();
    for session in history.sessions.iter().filter(|s| range.contains(s.date)) {
        if let Some(note) = session.finished.as_ref().and_then(|f| f.note.clone()) {
            notes.push((session.date, format!("after the session: {note}")));
        }
        for skip in &session.skipped {
            notes.push((
                session.date,
                format!("skipped {}: {}", skip.exercise, skip.reason),
            ));
        }
    }
    notes.sort();
    let _ = writeln!(out, "## Notes\n");
    if notes.is_empty() {
        let _ = writeln!(out, "No notes in this period.\n");
        return;
    }
    for (date, text) in notes {
        let _ = writeln!(out, "- {date}: {text}");
    }
    let _ = writeln!(out);
}

/// Corrections are applied before anything above is computed; only failed ones need a word.
fn corrections_section(out: &mut String, history: &History) {
    if history.correction_problems.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Corrections that could not be applied\n");
    for p in &history.correction_problems {
        let _ = writeln!(out, "- {} (for {}): {}", p.correction, p.target, p.message);
    }
    let _ = writeln!(out);
}
