//! Weekly running against the coach's caps (`insight::run_weeks`: the caps are the coach's own,
//! never worked out again here).

use super::data::ReportData;
use crate::domain::insight::{self, RunWeek};
use chrono::Days;
use std::fmt::Write;

/// The run weeks that touch the period.
pub fn run_weeks(data: &ReportData) -> Vec<RunWeek> {
    insight::run_weeks(data.history, data.settings)
        .into_iter()
        .filter(|w| w.monday <= data.to && w.monday + Days::new(6) >= data.from)
        .collect()
}

fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

pub fn section(out: &mut String, data: &ReportData) {
    let weeks = run_weeks(data);
    if weeks.is_empty() {
        return;
    }
    let s = data.settings;
    let _ = writeln!(out, "## Runs\n");
    let _ = writeln!(
        out,
        "Caps: week ≤ {:.0} % of last week and ≤ {:.0} % of two weeks ago; a single run ≤ {:.0} % \
         of the longest in the {} days before. The caps are cautious steps, not proven protection.\n",
        s.run_week_step * 100.0,
        s.run_two_week_cap * 100.0,
        s.run_session_cap * 100.0,
        insight::LONGEST_RUN_LOOKBACK_DAYS
    );
    let units = s.units;
    let unit = units.word();
    let _ = writeln!(
        out,
        "| week of | runs | minutes | {unit} | week cap {unit} | longest {unit} | single-run cap {unit} |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for w in weeks {
        let flag = |over: bool| if over { " over" } else { "" };
        let in_units = |km: Option<f64>| cell(km.map(|k| units.from_km(k)));
        let _ = writeln!(
            out,
            "| {} | {} | {:.0} | {:.1} | {}{} | {:.1} | {}{} |",
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
}
