//! Today's running advice, for programmes with running caps: one summary line fixed at the
//! bottom beside the streak (the last 7 days against the week cap, the easier week, the
//! single-run cap, the rest after a bad run), and the full advice with its reasons under the
//! exercises. It phrases the plan's `RunningAdvice` with `domain::running_words`, as
//! `rehab today` does, and never recomputes it.

use crate::domain::config::Units;
use crate::domain::running_advice::RunningAdvice;
use crate::domain::running_words::{DAY_FORMAT, rest_until, running_words};
use crate::tui::session_view::wrap;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::text::Line;

/// True when the advice asks for care now: a rest after a bad run, or the week cap reached.
fn needs_care(advice: &RunningAdvice, today: NaiveDate) -> bool {
    rest_until(advice, today).is_some()
        || advice
            .week_cap_km
            .is_some_and(|cap| advice.km_this_week >= cap)
}

/// One line for the fixed bottom of Today, e.g.
/// "Running: 4.0 of 8.8 km in the last 7 days · easier week · one run ≤ 4.4 km".
pub fn summary_line(
    advice: &RunningAdvice,
    today: NaiveDate,
    units: Units,
    theme: Theme,
) -> Line<'static> {
    let mut parts = Vec::new();
    if let Some(from) = rest_until(advice, today) {
        parts.push(format!("no run before {}", from.format(DAY_FORMAT)));
    }
    let done = units.from_km(advice.km_this_week);
    parts.push(match advice.week_cap_km {
        Some(cap) => format!("{done:.1} of {} in the last 7 days", units.show(cap)),
        None => format!("{done:.1} {} in the last 7 days", units.word()),
    });
    if advice.easier_week {
        parts.push("easier week".into());
    }
    if let Some(cap) = advice.run_cap_km {
        parts.push(format!("one run ≤ {}", units.show(cap)));
    }
    let style = if needs_care(advice, today) {
        theme.warn()
    } else {
        theme.strong()
    };
    Line::styled(format!("Running: {}", parts.join(" · ")), style)
}

/// The advice in full for the plan part of Today: the same headline and points as
/// `rehab today`, then each reason with its rule.
pub fn advice_lines(
    advice: &RunningAdvice,
    today: NaiveDate,
    units: Units,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let words = running_words(advice, today, units);
    let mut out = vec![Line::raw(""), Line::styled(words.headline, theme.title())];
    let point_style = if needs_care(advice, today) {
        theme.warn()
    } else {
        theme.accent()
    };
    for point in &words.points {
        out.extend(
            wrap::hanging(point, "  ▶ ", "    ", width)
                .into_iter()
                .map(|row| Line::styled(row, point_style)),
        );
    }
    for reason in &advice.reasons {
        let text = format!("{} ({})", reason.text, reason.rule);
        out.extend(
            wrap::hanging(&text, "  · ", "    ", width)
                .into_iter()
                .map(|row| Line::styled(row, theme.dim())),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advice() -> RunningAdvice {
        RunningAdvice {
            km_this_week: 4.0,
            km_last_week: 5.5,
            week_cap_km: Some(4.4),
            easier_week: true,
            run_cap_km: Some(3.3),
            drop_rung: false,
            next_run_from: None,
            acwr: None,
            reasons: Vec::new(),
        }
    }

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_summary_says_distance_caps_and_the_easier_week() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        let line = summary_line(&advice(), today, Units::Km, Theme::plain());
        assert_eq!(
            text(&line),
            "Running: 4.0 of 4.4 km in the last 7 days · easier week · one run ≤ 3.3 km"
        );
    }

    #[test]
    fn a_rest_after_a_bad_run_comes_first() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        let resting = RunningAdvice {
            next_run_from: NaiveDate::from_ymd_opt(2026, 3, 18),
            week_cap_km: None,
            easier_week: false,
            ..advice()
        };
        let line = summary_line(&resting, today, Units::Mi, Theme::plain());
        assert_eq!(
            text(&line),
            "Running: no run before Wed 18 Mar · 2.5 mi in the last 7 days · one run ≤ 2.1 mi"
        );
    }
}
