//! The adherence calendar: one column a week, one row a weekday, each day coloured and marked
//! with the app's one day classification (done / partial / rest / flare / missed).

use super::svg::{Mark, WIDTH, esc, figure, legend};
use crate::domain::insight::DayKind;
use crate::export::report::data::{ReportData, monday_of};
use chrono::Datelike;
use std::fmt::Write;

const LEFT: f64 = 40.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 20.0;
/// The largest cell; a long period gets smaller ones.
const MAX_CELL: f64 = 18.0;
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The CSS class of a day kind.
pub fn class(kind: DayKind) -> String {
    format!("k-{}", kind.word())
}

pub fn calendar(out: &mut String, data: &ReportData) {
    let first_monday = monday_of(data.from);
    let weeks = ((data.to - first_monday).num_days() / 7 + 1) as f64;
    let cell = ((WIDTH - LEFT - 12.0) / weeks).min(MAX_CELL);
    let height = TOP + 7.0 * cell + BOTTOM;
    figure(
        out,
        "calendar",
        "Adherence: how each day went",
        (data.from, data.to),
        height,
        |out| {
            for (i, name) in WEEKDAYS.iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{name}</text>"#,
                    LEFT - 4.0,
                    TOP + (i as f64 + 0.7) * cell
                );
            }
            // A date label is about 34 units wide: label every week that leaves room.
            let label_every = (40.0 / cell).ceil().max(1.0) as i64;
            for (day, kind) in &data.days {
                let week = (*day - first_monday).num_days() / 7;
                let row = day.weekday().num_days_from_monday();
                let x = LEFT + week as f64 * cell;
                let y = TOP + f64::from(row) * cell;
                let _ = write!(
                    out,
                    r#"<rect class="day {}" data-day="{day}" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}"><title>{day}: {}</title></rect>"#,
                    class(*kind),
                    cell - 1.5,
                    cell - 1.5,
                    kind.word()
                );
                if cell >= 11.0 {
                    let _ = write!(
                        out,
                        r#"<text class="sym" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                        x + (cell - 1.5) / 2.0,
                        y + cell * 0.68,
                        esc(&kind.symbol().to_string())
                    );
                }
                if row == 0 && week % label_every == 0 {
                    let _ = write!(
                        out,
                        r#"<text x="{x:.1}" y="{:.1}">{}</text>"#,
                        TOP + 7.0 * cell + 12.0,
                        day.format("%d %b")
                    );
                }
            }
            let items: Vec<(String, String)> = DayKind::ALL
                .iter()
                .map(|k| (class(*k), format!("{} {}", k.symbol(), k.word())))
                .collect();
            let items: Vec<(&str, Mark, &str)> = items
                .iter()
                .map(|(c, l)| (c.as_str(), Mark::Band, l.as_str()))
                .collect();
            legend(out, &items);
        },
    );
}
