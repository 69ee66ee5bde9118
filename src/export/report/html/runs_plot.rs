//! Running: weekly distance as bars against the coach's week cap (from `insight::run_weeks`,
//! never worked out again here), each run as a dot, painful ones in red.

use super::svg::{Frame, Mark, figure, legend, point};
use crate::export::report::data::ReportData;
use crate::export::report::runs_table::run_weeks;
use chrono::Days;
use std::fmt::Write;

const HEIGHT: f64 = 170.0;

/// A round step for about four ticks up to `max`.
fn tick_step(max: f64) -> f64 {
    let raw = (max / 4.0).max(0.1);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw)
}

pub fn runs(out: &mut String, data: &ReportData) {
    let weeks = run_weeks(data);
    let runs: Vec<_> = data
        .history
        .runs
        .iter()
        .filter(|r| data.contains(r.date))
        .filter_map(|r| r.km.map(|km| (r, km)))
        .collect();
    if weeks.is_empty() || runs.is_empty() {
        let _ = writeln!(out, r#"<p class="none">Runs: none in this period.</p>"#);
        return;
    }
    let units = data.settings.units;
    let unit = units.word();
    let highest = weeks
        .iter()
        .flat_map(|w| [Some(w.km), w.week_cap_km])
        .flatten()
        .fold(0.0f64, f64::max);
    let step = tick_step(units.from_km(highest));
    let y_max = (units.from_km(highest) / step).ceil().max(1.0) * step;
    let ticks: Vec<f64> = (0..=((y_max / step).round() as u32))
        .map(|i| f64::from(i) * step)
        .collect();
    let frame = Frame::new(HEIGHT, data.from, data.to, y_max);
    let green = data.settings.green_max;
    let painful_label = format!("painful run (pain above {green}/10)");
    let title = format!("Running: weekly {unit} against the week cap");
    figure(out, "runs", &title, (data.from, data.to), HEIGHT, |out| {
        frame.axes(out, &ticks, unit);
        for w in &weeks {
            let start = w.monday.max(data.from);
            let end = (w.monday + Days::new(6)).min(data.to);
            let x = frame.x_start(start) + 1.0;
            let width = frame.x_start(end) + frame.day_width() - x - 1.0;
            let top = frame.y(units.from_km(w.km));
            let class = if w.over_week_cap() { "bar over" } else { "bar" };
            let _ = write!(
                out,
                r#"<rect class="{class}" data-series="week" x="{x:.1}" y="{top:.1}" width="{width:.1}" height="{:.1}"><title>week of {}: {:.1} {unit}</title></rect>"#,
                frame.y(0.0) - top,
                w.monday,
                units.from_km(w.km)
            );
            if let Some(cap) = w.week_cap_km {
                let y = frame.y(units.from_km(cap));
                let _ = write!(
                    out,
                    r#"<line class="cap" data-series="cap" x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"><title>week cap {:.1} {unit}</title></line>"#,
                    x + width,
                    units.from_km(cap)
                );
            }
        }
        for (run, km) in &runs {
            let painful = run.pain.is_some_and(|p| p.value() > green);
            let series = if painful { "painful-run" } else { "run" };
            point(
                out,
                series,
                frame.x(run.date),
                frame.y(units.from_km(*km)),
                &format!(
                    "{}: run {:.1} {unit}, {}",
                    run.date,
                    units.from_km(*km),
                    run.pain
                        .map_or_else(|| "pain not rated".to_string(), |p| format!("pain {p}"))
                ),
            );
        }
        legend(
            out,
            &[
                ("bar", Mark::Band, "weekly distance"),
                ("bar over", Mark::Band, "over the cap"),
                ("cap", Mark::Line, "week cap"),
                ("run", Mark::Dot, "one run"),
                ("painful-run", Mark::Dot, &painful_label),
            ],
        );
    });
}

#[cfg(test)]
mod tests {
    use super::tick_step;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(8.5), 5.0);
        assert_eq!(tick_step(30.0), 10.0);
        assert_eq!(tick_step(3.0), 1.0);
    }
}
