//! Below the summary: the week-by-week table, plan changes beyond the summary's, the events with
//! how each was settled, and the notes (each skip reason once a day, not once an exercise).

use super::data::{ReportData, SessionPain, mean};
use super::summary::{SUMMARY_CHANGES_MAX, Summary};
use crate::domain::insight::DayKind;
use chrono::{Days, NaiveDate};
use std::fmt::Write;

fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

fn whole(value: Option<u8>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

/// A table cell from file text: a `|` would end the cell.
fn table_text(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn weekly_table(out: &mut String, data: &ReportData, sessions: &[SessionPain]) {
    let _ = writeln!(out, "## Week by week\n");
    let sides = data.sides_differ(sessions);
    let worst = if sides {
        "worst set L / R"
    } else {
        "worst set"
    };
    let _ = writeln!(
        out,
        "Days: ✓ done, ½ partial, ✗ missed (no set logged on a day the programme planned one), \
         ! flare (morning pain or pain after above {}/10). Pain, stiffness and load test are 0–10.\n",
        data.settings.amber_max
    );
    let _ = writeln!(
        out,
        "| week of | ✓ | ½ | ✗ | ! | morning pain | stiffness | load test worst | {worst} | after |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    );
    for monday in data.mondays() {
        let sunday = monday + Days::new(6);
        let in_week = |d: NaiveDate| d >= monday && d <= sunday;
        let count = |kind: DayKind| {
            data.days
                .iter()
                .filter(|(d, k)| in_week(**d) && **k == kind)
                .count()
        };
        let checkins: Vec<_> = data
            .history
            .checkins
            .range(monday.max(data.from)..=sunday.min(data.to))
            .map(|(_, c)| c)
            .collect();
        let week: Vec<&SessionPain> = sessions.iter().filter(|s| in_week(s.date)).collect();
        let rating = |v: Option<crate::domain::pain::Rating>| v.map(|r| f64::from(r.value()));
        let worst_set = if sides {
            format!(
                "{} / {}",
                whole(week.iter().filter_map(|s| s.left).max()),
                whole(week.iter().filter_map(|s| s.right).max())
            )
        } else {
            whole(week.iter().filter_map(|s| s.during).max())
        };
        let _ = writeln!(
            out,
            "| {monday} | {} | {} | {} | {} | {} | {} | {} | {worst_set} | {} |",
            count(DayKind::Done),
            count(DayKind::Partial),
            count(DayKind::Missed),
            count(DayKind::Flare),
            cell(mean(checkins.iter().filter_map(|c| rating(c.pain)))),
            cell(mean(checkins.iter().filter_map(|c| rating(c.stiffness)))),
            whole(
                checkins
                    .iter()
                    .filter_map(|c| c.load_test.map(|r| r.value()))
                    .max()
            ),
            cell(mean(week.iter().filter_map(|s| s.after.map(f64::from)))),
        );
    }
    let _ = writeln!(
        out,
        "\nMorning pain, stiffness and after are weekly means; worst set is the week's highest."
    );
    let _ = writeln!(out);
}

/// The changes the summary left out (it lists the latest `SUMMARY_CHANGES_MAX`).
pub fn earlier_changes(out: &mut String, summary: &Summary) {
    let extra = summary.changes.len().saturating_sub(SUMMARY_CHANGES_MAX);
    if extra == 0 {
        return;
    }
    let _ = writeln!(out, "## Earlier plan changes\n");
    for line in &summary.changes[..extra] {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(out);
}

pub fn events_table(out: &mut String, summary: &Summary) {
    if summary.events.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Flares, referrals, red flags and clinician contact\n"
    );
    let _ = writeln!(out, "| date | what | settled |\n|---|---|---|");
    for e in &summary.events {
        let _ = writeln!(
            out,
            "| {} | {}: {} | {} |",
            e.date,
            e.kind.word(),
            table_text(&e.text),
            e.settled.as_deref().map_or("–".to_string(), table_text)
        );
    }
    let _ = writeln!(out);
}

/// Notes of the day, notes after sessions, and skip reasons: one line per reason and day, with
/// every exercise skipped for it.
pub fn notes(out: &mut String, data: &ReportData) {
    let mut notes: Vec<(NaiveDate, String)> = data
        .history
        .notes
        .iter()
        .filter(|n| data.contains(n.date))
        .map(|n| (n.date, n.text.clone()))
        .collect();
    for session in data.sessions() {
        if let Some(note) = session.finished.as_ref().and_then(|f| f.note.clone()) {
            notes.push((session.date, format!("after the session: {note}")));
        }
        let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
        for skip in &session.skipped {
            let name = data.exercise_name(&session.plan.programme, &skip.exercise);
            match reasons.iter_mut().find(|(r, _)| *r == skip.reason) {
                Some((_, names)) => names.push(name),
                None => reasons.push((&skip.reason, vec![name])),
            }
        }
        for (reason, names) in reasons {
            notes.push((
                session.date,
                format!("skipped {}: {reason}", names.join(", ")),
            ));
        }
    }
    notes.sort();
    notes.dedup();
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
pub fn corrections(out: &mut String, data: &ReportData) {
    let problems = &data.history.correction_problems;
    if problems.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Corrections that could not be applied\n");
    for p in problems {
        let _ = writeln!(out, "- {} (for {}): {}", p.correction, p.target, p.message);
    }
    let _ = writeln!(out);
}
