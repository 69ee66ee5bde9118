//! The timeline: plan changes, flares, referrals, red flags and clinician contact on one date
//! axis, one row each, then the same events as a list with how each was settled.

use super::svg::{Frame, esc, figure};
use crate::export::report::changes::{Change, what};
use crate::export::report::events::{Event, EventKind};
use crate::export::report::why::why;
use std::fmt::Write;

const ROW: f64 = 16.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 30.0;
const LABEL_WIDTH: f64 = 80.0;

/// Every event on the timeline, plan changes included, oldest first.
pub fn all_events(changes: &[Change], events: &[Event]) -> Vec<Event> {
    let mut all: Vec<Event> = changes
        .iter()
        .map(|c| Event {
            date: c.date,
            kind: EventKind::Decision,
            text: format!("{}. Why: {}", what(c), why(&c.reasons)),
            settled: None,
        })
        .chain(events.iter().cloned())
        .collect();
    all.sort_by_key(|a| (a.date, a.kind));
    all
}

pub fn timeline(
    out: &mut String,
    data_period: (chrono::NaiveDate, chrono::NaiveDate),
    all: &[Event],
) {
    let rows = EventKind::ALL.len() as f64;
    let height = TOP + rows * ROW + BOTTOM;
    let frame = Frame::new(height, data_period.0, data_period.1, 1.0).with_left(LABEL_WIDTH);
    figure(
        out,
        "timeline",
        "Timeline: plan changes, flares, referrals, red flags, clinician",
        data_period,
        height,
        |out| {
            frame.date_axis(out);
            for (i, kind) in EventKind::ALL.iter().enumerate() {
                let y = TOP + (i as f64 + 0.5) * ROW;
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><line class="grid" x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/>"#,
                    frame.left() - 4.0,
                    y + 3.0,
                    kind.word(),
                    frame.left(),
                    frame.right()
                );
                for event in all.iter().filter(|e| e.kind == *kind) {
                    let _ = write!(
                        out,
                        r#"<rect class="ev ev-{i}" data-series="event" x="{:.1}" y="{:.1}" width="6" height="10"><title>{}: {}</title></rect>"#,
                        frame.x(event.date) - 3.0,
                        y - 5.0,
                        event.date,
                        esc(&event.text)
                    );
                }
            }
        },
    );
    if all.is_empty() {
        let _ = writeln!(
            out,
            r#"<p class="none">No plan change or event in this period.</p>"#
        );
        return;
    }
    let _ = writeln!(out, r#"<ol class="events">"#);
    for e in all {
        let settled = e.settled.as_ref().map_or_else(String::new, |s| {
            format!(r#" <span class="settled">({})</span>"#, esc(s))
        });
        let _ = writeln!(
            out,
            r#"<li class="event"><b>{}</b> <span class="kind">{}</span> {}{settled}</li>"#,
            e.date,
            e.kind.word(),
            esc(&e.text)
        );
    }
    let _ = writeln!(out, "</ol>");
}
