//! Morning pain and stiffness day by day (with the baseline band and the pain ceiling), and
//! pain during and after each session (left and right apart when one side hurts more).

use super::svg::{Frame, Mark, figure, legend, point, polyline};
use crate::export::report::data::{ReportData, SessionPain};
use crate::export::report::summary::points;
use chrono::NaiveDate;
use std::fmt::Write;

const HEIGHT: f64 = 180.0;
const PAIN_TICKS: [f64; 6] = [0.0, 2.0, 4.0, 6.0, 8.0, 10.0];
/// Mornings are daily: a line joins consecutive days only.
const MORNING_GAP_DAYS: i64 = 1;
/// Sessions keep rest days between them: a line joins sessions up to this many days apart.
const SESSION_GAP_DAYS: i64 = 3;

fn ceiling(out: &mut String, frame: &Frame, ceiling: u8) {
    let y = frame.y(f64::from(ceiling));
    let _ = write!(
        out,
        r#"<line class="ceiling dashed" x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/>"#,
        frame.left(),
        frame.right()
    );
}

fn series(
    out: &mut String,
    frame: &Frame,
    name: &str,
    label: &str,
    values: &[(NaiveDate, f64)],
    max_gap: i64,
) {
    polyline(out, &format!("line {name}"), frame, values, max_gap);
    for (day, v) in values {
        point(
            out,
            name,
            frame.x(*day),
            frame.y(*v),
            &format!("{day}: {label} {}/10", points(*v)),
        );
    }
}

pub fn morning(out: &mut String, data: &ReportData) {
    let frame = Frame::new(HEIGHT, data.from, data.to, 10.0);
    let checkins = data.history.checkins.range(data.from..=data.to);
    let (mut pain, mut stiffness) = (Vec::new(), Vec::new());
    for (day, c) in checkins {
        if let Some(p) = c.pain {
            pain.push((*day, f64::from(p.value())));
        }
        if let Some(s) = c.stiffness {
            stiffness.push((*day, f64::from(s.value())));
        }
    }
    let s = data.settings;
    let baseline = data.then_and_now(&pain).map(|t| t.then);
    let band_label = format!("first-week baseline ± {}", points(s.mcid));
    let ceiling_label = format!("pain ceiling {}/10", s.amber_max);
    figure(
        out,
        "morning",
        "Morning pain and stiffness (0–10)",
        (data.from, data.to),
        HEIGHT,
        |out| {
            if let Some(b) = baseline {
                let (top, bottom) = (frame.y(b + s.mcid), frame.y(b - s.mcid));
                let _ = write!(
                    out,
                    r#"<rect class="band" x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}"><title>baseline {:.1}/10 ± {}</title></rect>"#,
                    frame.left(),
                    frame.right() - frame.left(),
                    bottom - top,
                    b,
                    points(s.mcid)
                );
            }
            frame.axes(out, &PAIN_TICKS, "pain /10");
            ceiling(out, &frame, s.amber_max);
            series(
                out,
                &frame,
                "stiffness",
                "stiffness",
                &stiffness,
                MORNING_GAP_DAYS,
            );
            series(out, &frame, "pain", "morning pain", &pain, MORNING_GAP_DAYS);
            legend(
                out,
                &[
                    ("pain", Mark::Dot, "morning pain"),
                    ("stiffness", Mark::Dot, "stiffness"),
                    ("band", Mark::Band, &band_label),
                    ("ceiling", Mark::Dashed, &ceiling_label),
                ],
            );
        },
    );
}

pub fn sessions(out: &mut String, data: &ReportData, sessions: &[SessionPain]) {
    let frame = Frame::new(HEIGHT, data.from, data.to, 10.0);
    let pick = |f: fn(&SessionPain) -> Option<u8>| -> Vec<(NaiveDate, f64)> {
        sessions
            .iter()
            .filter_map(|s| f(s).map(|v| (s.date, f64::from(v))))
            .collect()
    };
    let sides = data.sides_differ(sessions);
    let ceiling_label = format!("ceiling {}/10", data.settings.amber_max);
    let title = if sides {
        "Pain in each session: worst set per side, and after (0–10)"
    } else {
        "Pain in each session: worst set, and after (0–10)"
    };
    figure(
        out,
        "sessions",
        title,
        (data.from, data.to),
        HEIGHT,
        |out| {
            frame.axes(out, &PAIN_TICKS, "pain /10");
            ceiling(out, &frame, data.settings.amber_max);
            let after = pick(|s| s.after);
            series(out, &frame, "after", "after", &after, SESSION_GAP_DAYS);
            if sides {
                let (left, right) = (pick(|s| s.left), pick(|s| s.right));
                series(
                    out,
                    &frame,
                    "left",
                    "left, worst set",
                    &left,
                    SESSION_GAP_DAYS,
                );
                series(
                    out,
                    &frame,
                    "right",
                    "right, worst set",
                    &right,
                    SESSION_GAP_DAYS,
                );
                legend(
                    out,
                    &[
                        ("left", Mark::Dot, "left (worst set)"),
                        ("right", Mark::Dot, "right (worst set)"),
                        ("after", Mark::Dot, "after the session"),
                        ("ceiling", Mark::Dashed, &ceiling_label),
                    ],
                );
            } else {
                let during = pick(|s| s.during);
                series(
                    out,
                    &frame,
                    "during",
                    "worst set",
                    &during,
                    SESSION_GAP_DAYS,
                );
                legend(
                    out,
                    &[
                        ("during", Mark::Dot, "worst set"),
                        ("after", Mark::Dot, "after the session"),
                        ("ceiling", Mark::Dashed, &ceiling_label),
                    ],
                );
            }
        },
    );
}
