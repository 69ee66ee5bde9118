//! `rehab report --format html`: one self-contained page (inline CSS and SVG, no script, nothing
//! fetched; a Content-Security-Policy says so to the browser too) that prints on two A4 pages for
//! a 12-week period. Page 1: the summary, morning pain and stiffness, pain in each session, the
//! adherence calendar. Page 2: the dose ladder, running, the timeline of events.
//!
//! The plots are hand-written SVG (`svg`): six small plots of dates against 0–10 ratings, rungs
//! or km need only lines, dots, bars and text, and a plotting crate would add a dependency tree
//! for what fits in a few hundred lines. The markup is also well-formed XML, so a test parses it
//! strictly.

mod calendar;
mod ladder;
mod pain_plots;
mod runs_plot;
mod style;
pub mod svg;
mod timeline;

pub use ladder::point_counts as ladder_point_counts;

use super::data::ReportData;
use super::{DISCLAIMER, empty_words, period_words};
use crate::domain::catalogue::Catalogue;
use crate::domain::history::History;
use crate::domain::settings::CoachSettings;
use crate::export::range::DayRange;
use chrono::NaiveDate;
use std::fmt::Write;
use svg::esc;

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{}</title>
<style>{}</style>
</head><body>
<h1>Rehab report</h1>
"#,
        esc(title),
        style::CSS
    );
}

/// The report as one HTML page, for the days in `range` (open ends: the journal's first and
/// last day). `today` is the day the report is made.
pub fn report_html(
    history: &History,
    catalogue: &Catalogue,
    settings: &CoachSettings,
    today: NaiveDate,
    range: DayRange,
) -> String {
    let mut out = String::new();
    let data = match ReportData::new(history, catalogue, settings, today, range) {
        Ok(data) => data,
        Err(empty) => {
            head(&mut out, "Rehab report");
            let _ = writeln!(
                out,
                "<p class=\"disclaimer\">{}</p>\n<p>{}</p>\n</body></html>",
                esc(DISCLAIMER),
                esc(&empty_words(&empty)).replace("\n\n", "</p><p>")
            );
            return out;
        }
    };
    let period = period_words(&data);
    head(&mut out, &format!("Rehab report, {period}"));
    let summary = super::summary::summary(&data);
    let _ = writeln!(
        out,
        "<p class=\"meta\">Period: {}. Made on {today}.</p>\n<p class=\"disclaimer\">{}</p>",
        esc(&period),
        esc(DISCLAIMER)
    );
    let _ = writeln!(out, "<ul class=\"facts\">");
    for fact in &summary.facts {
        let _ = writeln!(
            out,
            "<li><b>{}</b>: {}.</li>",
            esc(fact.label),
            esc(&fact.text.replace('`', ""))
        );
    }
    let _ = writeln!(out, "</ul>");
    let sessions = data.session_pain();
    pain_plots::morning(&mut out, &data);
    pain_plots::sessions(&mut out, &data, &sessions);
    calendar::calendar(&mut out, &data);
    let _ = writeln!(out, "<div class=\"page-break\"></div>");
    ladder::ladder(&mut out, &data, &summary.plan_changes);
    if let Some(day) = summary.dose_day {
        let doses: Vec<String> = summary.doses.iter().map(|d| esc(d)).collect();
        let _ = writeln!(
            out,
            "<p class=\"doses\"><b>Dose at the last session ({day})</b>: {}.</p>",
            doses.join("; ")
        );
    }
    runs_plot::runs(&mut out, &data);
    let all = timeline::all_events(&summary.plan_changes, &summary.events);
    timeline::timeline(&mut out, (data.from, data.to), &all);
    let _ = writeln!(out, "</body></html>");
    out
}
