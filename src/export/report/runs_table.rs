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
        "Caps: {}. The caps are cautious steps, not proven protection.\n",
        crate::domain::running_week::caps_in_words(s, insight::LONGEST_RUN_LOOKBACK_DAYS)
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
    for run in data
        .history
        .runs
        .iter()
        .filter(|r| r.date >= data.from && r.date <= data.to)
    {
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
