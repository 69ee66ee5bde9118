//! The report for a physiotherapist, as Markdown (`report`) or as one printable HTML page of
//! plots (`report_html`). Both open with the same summary: programme and phase, sessions and
//! adherence, pain then and now against the meaningful change, flares, referrals, red flags and
//! clinician visits, the dose now and each change with its reason. Deterministic: no clock (the
//! shell passes `today`), so the same journal and day always give the same report.

mod changes;
mod data;
mod details;
mod events;
pub mod html;
mod runs_table;
mod summary;
mod why;

pub use data::{COMPARE_DAYS, SIDES_DIFFER_BY};
pub use summary::SUMMARY_CHANGES_MAX;

use crate::domain::catalogue::Catalogue;
use crate::domain::history::History;
use crate::domain::settings::CoachSettings;
use crate::domain::text::printable;
use crate::export::range::DayRange;
use chrono::NaiveDate;
use data::{Empty, ReportData};
use std::fmt::Write;

/// The line every report carries (the app coaches; it does not diagnose).
pub const DISCLAIMER: &str = "rehab coaches; it does not diagnose. This report is the person's own \
record for their clinician. See a clinician for any new, severe or worrying symptom.";

/// What to say when there is nothing to report.
fn empty_words(empty: &Empty) -> String {
    match empty {
        Empty::Journal => "The journal is empty: nothing recorded yet.".into(),
        Empty::Period(from, to) => {
            format!("Period: {from} to {to}.\n\nNothing was recorded in this period.")
        }
    }
}

/// "2026-01-05 to 2026-03-29 (12 weeks)".
fn period_words(data: &ReportData) -> String {
    let weeks = data.weeks();
    format!(
        "{} to {} ({weeks} week{})",
        data.from,
        data.to,
        if weeks == 1 { "" } else { "s" }
    )
}

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
    let data = match ReportData::new(history, catalogue, settings, today, range) {
        Ok(data) => data,
        Err(empty) => {
            let _ = writeln!(out, "{}", empty_words(&empty));
            return out;
        }
    };
    let _ = writeln!(out, "Period: {}. Made on {today}.\n", period_words(&data));
    let summary = summary::summary(&data);
    let _ = writeln!(out, "## Summary\n");
    for fact in &summary.facts {
        let _ = writeln!(out, "- **{}**: {}.", fact.label, fact.text);
    }
    if let Some(day) = summary.dose_day {
        let _ = writeln!(out, "\n**Dose at the last session ({day})**\n");
        for dose in &summary.doses {
            let _ = writeln!(out, "- {dose}");
        }
    }
    let _ = writeln!(out, "\n**What changed and why**\n");
    if summary.changes.is_empty() {
        let _ = writeln!(out, "- No change of plan in this period.");
    }
    let skipped = summary.changes.len().saturating_sub(SUMMARY_CHANGES_MAX);
    for line in &summary.changes[skipped..] {
        let _ = writeln!(out, "- {line}");
    }
    if skipped > 0 {
        let _ = writeln!(
            out,
            "- {skipped} earlier changes: under \"Earlier plan changes\" below."
        );
    }
    let _ = writeln!(out);
    details::weekly_table(&mut out, &data, &data.session_pain());
    details::earlier_changes(&mut out, &summary);
    details::events_table(&mut out, &summary);
    runs_table::section(&mut out, &data);
    details::notes(&mut out, &data);
    details::corrections(&mut out, &data);
    // Names, notes and values come from files and the command line: no control characters.
    printable(&out).into_owned()
}
