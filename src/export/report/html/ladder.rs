//! The dose ladder: each exercise's rung session by session, one row an exercise, marked ▲
//! where a rule stepped it up and ▼ where one stepped it down (the reason as a tooltip).

use super::svg::{Frame, esc, figure, point};
use crate::export::report::changes::Change;
use crate::export::report::data::ReportData;
use crate::export::report::why::why;
use chrono::NaiveDate;
use std::fmt::Write;

/// Height of one exercise's row.
const ROW: f64 = 48.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 30.0;

/// Exercises planned in the period with their rung on each session day, in the order of the
/// last session's plan (then any dropped earlier).
/// An exercise's id, its name, and its rung on each session day.
type Row = (String, String, Vec<(NaiveDate, u32)>);

fn rows(data: &ReportData) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for session in data.sessions() {
        for ex in &session.plan.exercises {
            let at = match rows.iter().position(|r| r.0 == ex.exercise) {
                Some(at) => at,
                None => {
                    let name = data.exercise_name(&session.plan.programme, &ex.exercise);
                    rows.push((ex.exercise.to_string(), name, Vec::new()));
                    rows.len() - 1
                }
            };
            if rows[at].2.last().map(|l| l.0) != Some(session.date) {
                rows[at].2.push((session.date, ex.rung));
            }
        }
    }
    rows
}

/// The number of points the ladder draws for each exercise id (tests compare with it).
pub fn point_counts(data: &ReportData) -> Vec<(String, usize)> {
    rows(data).into_iter().map(|r| (r.0, r.2.len())).collect()
}

pub fn ladder(out: &mut String, data: &ReportData, changes: &[Change]) {
    let rows = rows(data);
    if rows.is_empty() {
        let _ = writeln!(
            out,
            r#"<p class="none">Dose ladder: no session in this period.</p>"#
        );
        return;
    }
    let height = TOP + rows.len() as f64 * ROW + BOTTOM;
    let frame = Frame::new(height, data.from, data.to, 1.0);
    let programme = data.last_session().map(|s| s.plan.programme.to_string());
    figure(
        out,
        "ladder",
        "Dose ladder: rung of each exercise (▲ stepped up, ▼ stepped down)",
        (data.from, data.to),
        height,
        |out| {
            frame.date_axis(out);
            for (i, (id, name, series)) in rows.iter().enumerate() {
                let top_rung = programme
                    .as_deref()
                    .and_then(|p| data.ladder_len(p, id))
                    .unwrap_or(1)
                    .max(series.iter().map(|s| s.1).max().unwrap_or(1))
                    .max(2);
                let row_top = TOP + i as f64 * ROW;
                let y = |rung: u32| {
                    row_top
                        + 20.0
                        + (f64::from(top_rung - rung) / f64::from(top_rung - 1)) * (ROW - 28.0)
                };
                let _ = write!(
                    out,
                    r#"<text class="row-name" x="{:.1}" y="{:.1}">{}</text><text x="{:.1}" y="{:.1}" text-anchor="end">{top_rung}</text><text x="{:.1}" y="{:.1}" text-anchor="end">1</text><line class="grid" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                    frame.left() + 2.0,
                    row_top + 9.0,
                    esc(name),
                    frame.left() - 4.0,
                    y(top_rung) + 3.0,
                    frame.left() - 4.0,
                    y(1) + 3.0,
                    frame.left(),
                    y(1),
                    frame.right(),
                    y(1)
                );
                let mut path: Vec<String> = Vec::new();
                for (j, (day, rung)) in series.iter().enumerate() {
                    if j > 0 {
                        path.push(format!("{:.1},{:.1}", frame.x(*day), y(series[j - 1].1)));
                    }
                    path.push(format!("{:.1},{:.1}", frame.x(*day), y(*rung)));
                }
                let _ = write!(
                    out,
                    r#"<polyline class="line rung" points="{}"/>"#,
                    path.join(" ")
                );
                for (day, rung) in series {
                    point(
                        out,
                        "rung",
                        frame.x(*day),
                        y(*rung),
                        &format!("{day}: {name}, rung {rung}"),
                    );
                }
                for change in changes {
                    for step in change.steps.iter().filter(|s| s.exercise == *id) {
                        let up = step.from.as_ref().is_none_or(|f| f.0 < step.to.0);
                        let (x, yy) = (frame.x(change.date), y(step.to.0));
                        let (tip, class, d) = if up {
                            ("▲", "up", format!("M{:.1},{:.1}l-4,7h8z", x, yy - 12.0))
                        } else {
                            ("▼", "down", format!("M{:.1},{:.1}l-4,-7h8z", x, yy + 12.0))
                        };
                        let _ = write!(
                            out,
                            r#"<path class="mark {class}" data-mark="{class}" d="{d}"><title>{} {tip} {}: {}</title></path>"#,
                            change.date,
                            esc(&step.name),
                            esc(&why(&change.reasons))
                        );
                    }
                }
            }
        },
    );
}
