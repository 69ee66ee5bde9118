//! A few hand-written SVG pieces shared by the plots: escaping, a date × value frame with axes,
//! ticks and units, a legend, and the `<figure>` each plot sits in. Colours live in the page's
//! CSS (classes), so the SVG stays small and prints in one style.

use crate::domain::text::printable_line;
use chrono::NaiveDate;
use std::fmt::Write;

/// Width of every plot, in SVG units (about the printable width of A4 at 96 dpi).
pub const WIDTH: f64 = 700.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 30.0;
/// Most date labels along the x axis; more weeks label every second (third…) Monday.
const MAX_DATE_LABELS: i64 = 14;

/// Text for HTML or SVG: control characters replaced, then `& < > " '` as entities, so a name
/// or note from a file never becomes markup.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A plot area: days `from ..= to` across, `0 ..= y_max` up.
pub struct Frame {
    pub height: f64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub y_max: f64,
    left: f64,
}

impl Frame {
    pub fn new(height: f64, from: NaiveDate, to: NaiveDate, y_max: f64) -> Frame {
        Frame {
            height,
            from,
            to,
            y_max: y_max.max(f64::EPSILON),
            left: LEFT,
        }
    }

    fn days(&self) -> f64 {
        ((self.to - self.from).num_days() + 1) as f64
    }

    /// Left edge of `day`'s slot.
    pub fn x_start(&self, day: NaiveDate) -> f64 {
        self.left + (day - self.from).num_days() as f64 * self.day_width()
    }

    pub fn day_width(&self) -> f64 {
        (WIDTH - self.left - RIGHT) / self.days()
    }

    /// The middle of `day`'s slot.
    pub fn x(&self, day: NaiveDate) -> f64 {
        self.x_start(day) + self.day_width() / 2.0
    }

    pub fn y(&self, value: f64) -> f64 {
        let bottom = self.height - BOTTOM;
        bottom - (value.clamp(0.0, self.y_max) / self.y_max) * (bottom - TOP)
    }

    pub fn left(&self) -> f64 {
        self.left
    }

    /// The same frame with a wider left margin (for row labels).
    pub fn with_left(mut self, left: f64) -> Frame {
        self.left = left;
        self
    }

    pub fn right(&self) -> f64 {
        WIDTH - RIGHT
    }

    /// Axes: the value axis with `ticks` and its `unit`, the date axis with Mondays labelled.
    pub fn axes(&self, out: &mut String, ticks: &[f64], unit: &str) {
        let l = self.left;
        let bottom = self.y(0.0);
        let _ = write!(
            out,
            r#"<g class="axis"><line x1="{l}" y1="{TOP}" x2="{l}" y2="{bottom:.1}"/>"#
        );
        for t in ticks {
            let y = self.y(*t);
            let _ = write!(
                out,
                r#"<line class="grid" x1="{l}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                self.right(),
                self.left - 4.0,
                y + 3.0,
                super::super::summary::points(*t)
            );
        }
        let _ = write!(
            out,
            r#"<text class="unit" x="4" y="{:.1}">{}</text></g>"#,
            TOP - 8.0,
            esc(unit)
        );
        self.date_axis(out);
    }

    /// The date axis along the bottom, with a tick on each Monday and a label on some.
    pub fn date_axis(&self, out: &mut String) {
        let l = self.left;
        let bottom = self.y(0.0);
        let _ = write!(
            out,
            r#"<g class="axis"><line x1="{l}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}"/>"#,
            self.right()
        );
        let mondays: Vec<NaiveDate> = self
            .from
            .iter_days()
            .take_while(|d| *d <= self.to)
            .filter(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Mon)
            .collect();
        let step = (mondays.len() as i64).div_euclid(MAX_DATE_LABELS) + 1;
        for (i, monday) in mondays.iter().enumerate() {
            let x = self.x_start(*monday);
            let _ = write!(
                out,
                r#"<line x1="{x:.1}" y1="{bottom:.1}" x2="{x:.1}" y2="{:.1}"/>"#,
                bottom + 3.0
            );
            if (i as i64) % step == 0 {
                let _ = write!(
                    out,
                    r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    bottom + 13.0,
                    monday.format("%d %b")
                );
            }
        }
        let _ = write!(
            out,
            r#"<text class="unit" x="{:.1}" y="{:.1}" text-anchor="end">date (ticks on Mondays)</text></g>"#,
            self.right(),
            self.height - 3.0
        );
    }

    /// The top of the plot area.
    pub fn top(&self) -> f64 {
        TOP
    }
}

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
pub enum Mark {
    Line,
    Dot,
    Band,
    Dashed,
}

/// A row of legend entries (CSS class, label) along the top right of a plot.
pub fn legend(out: &mut String, items: &[(&str, Mark, &str)]) {
    let mut x = WIDTH - RIGHT;
    let mut parts: Vec<String> = Vec::new();
    for (class, mark, label) in items.iter().rev() {
        let text_width = label.chars().count() as f64 * 5.2;
        x -= text_width;
        let mut part = format!(r#"<text x="{x:.1}" y="10">{}</text>"#, esc(label));
        x -= 16.0;
        let swatch = match mark {
            Mark::Line => format!(
                r#"<line class="{class}" x1="{x:.1}" y1="7" x2="{:.1}" y2="7"/>"#,
                x + 12.0
            ),
            Mark::Dashed => format!(
                r#"<line class="{class} dashed" x1="{x:.1}" y1="7" x2="{:.1}" y2="7"/>"#,
                x + 12.0
            ),
            Mark::Dot => format!(
                r#"<circle class="{class}" cx="{:.1}" cy="7" r="3"/>"#,
                x + 6.0
            ),
            Mark::Band => {
                format!(r#"<rect class="{class}" x="{x:.1}" y="2" width="12" height="10"/>"#)
            }
        };
        part.insert_str(0, &swatch);
        parts.push(part);
        x -= 10.0;
    }
    let _ = write!(out, r#"<g class="legend">{}</g>"#, parts.concat());
}

/// `<figure>` with a caption (title and period) around an SVG of `height` drawn by `draw`.
pub fn figure(
    out: &mut String,
    id: &str,
    title: &str,
    period: (NaiveDate, NaiveDate),
    height: f64,
    draw: impl FnOnce(&mut String),
) {
    let _ = write!(
        out,
        r#"<figure class="plot" data-plot="{id}"><figcaption>{} <span class="period">{} to {}</span></figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}">"#,
        esc(title),
        period.0,
        period.1,
        esc(title)
    );
    draw(out);
    let _ = writeln!(out, "</svg></figure>");
}

/// A point: `<circle>` with its value as a tooltip; `series` names it for tests and styling.
pub fn point(out: &mut String, series: &str, x: f64, y: f64, title: &str) {
    let _ = write!(
        out,
        r#"<circle class="pt {series}" data-series="{series}" cx="{x:.1}" cy="{y:.1}" r="2.4"><title>{}</title></circle>"#,
        esc(title)
    );
}

/// A line through `points`, broken where more than `max_gap` days pass between two.
pub fn polyline(
    out: &mut String,
    class: &str,
    frame: &Frame,
    points: &[(NaiveDate, f64)],
    max_gap: i64,
) {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for (day, value) in points {
        let joined = last.is_some_and(|l| (*day - l).num_days() <= max_gap);
        if !joined || runs.is_empty() {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push((frame.x(*day), frame.y(*value)));
        }
        last = Some(*day);
    }
    for run in runs.iter().filter(|r| r.len() > 1) {
        let coords: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            out,
            r#"<polyline class="{class}" points="{}"/>"#,
            coords.join(" ")
        );
    }
}
