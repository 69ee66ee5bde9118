//! GPX (Strava's and most phones' export): one activity per track, totals from its points.
//! GPX has no heart rate outside vendor extensions, which the `gpx` crate does not read.

use super::track::{self, Point};
use super::{Activity, Sport};
use chrono::{DateTime, Utc};

/// A track with no sport given and faster than this (m/s, 20 km/h) is taken for a ride.
const FASTEST_ON_FOOT: f64 = 20.0 / 3.6;

pub fn read(bytes: &[u8]) -> Result<Vec<Activity>, String> {
    let gpx = gpx::read(bytes).map_err(|e| format!("not a readable GPX file ({e})"))?;
    if gpx.tracks.is_empty() {
        return Err(
            "has no track (a GPX of waypoints or a planned route is not an activity)".into(),
        );
    }
    let device = gpx
        .creator
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("unknown")
        .to_string();
    gpx.tracks
        .iter()
        .map(|t| activity(t, &device))
        .collect::<Result<Vec<_>, _>>()
}

fn activity(track: &gpx::Track, device: &str) -> Result<Activity, String> {
    let segments: Vec<Vec<Point>> = track
        .segments
        .iter()
        .map(|s| s.points.iter().filter_map(point).collect())
        .collect();
    let untimed = track
        .segments
        .iter()
        .flat_map(|s| &s.points)
        .filter(|p| p.time.is_none())
        .count();
    let Some(first) = segments.iter().flatten().map(|p| p.time).min() else {
        return Err(if untimed > 0 {
            "has no times on its track points: when the run was and how long it took cannot be known (export it with times, or log it with `rehab log run`)".to_string()
        } else {
            "has a track with no points".to_string()
        });
    };
    let totals = track::totals(&segments);
    if totals.moving_seconds <= 0.0 {
        return Err("its track never moves: no time or distance to import".into());
    }
    let sport = match track.type_.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => Sport::from_name(name),
        _ if totals.distance_m / totals.moving_seconds > FASTEST_ON_FOOT => Sport::Other(format!(
            "no sport given, {:.0} km/h",
            totals.distance_m / totals.moving_seconds * 3.6
        )),
        _ => Sport::Run,
    };
    Ok(Activity {
        started: first,
        device: device.to_string(),
        sport,
        moving_seconds: totals.moving_seconds,
        distance_m: Some(totals.distance_m),
        avg_hr: None,
        ascent_m: totals.ascent_m,
    })
}

/// A point with a time (one without is left out: it cannot be placed in the run).
fn point(waypoint: &gpx::Waypoint) -> Option<Point> {
    let time = waypoint.time?.format().ok()?;
    let time = DateTime::parse_from_rfc3339(&time)
        .ok()?
        .with_timezone(&Utc);
    let p = waypoint.point();
    Some(Point {
        time,
        lat: p.y(),
        lon: p.x(),
        elevation: waypoint.elevation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_track_without_times_is_refused_with_the_reason() {
        let gpx = r#"<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg><trkpt lat="51.0" lon="0.0"/><trkpt lat="51.001" lon="0.0"/></trkseg></trk></gpx>"#;
        let error = read(gpx.as_bytes()).unwrap_err();
        assert!(error.contains("has no times"), "{error}");
    }

    #[test]
    fn times_with_fractions_and_offsets_are_read() {
        let gpx = r#"<?xml version="1.0"?><gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="51.0" lon="0.0"><time>2026-03-02T08:30:00.250+01:00</time></trkpt>
<trkpt lat="51.001" lon="0.0"><time>2026-03-02T07:30:40Z</time></trkpt></trkseg></trk></gpx>"#;
        let runs = read(gpx.as_bytes()).unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].sport, Sport::Run);
        assert_eq!(runs[0].fingerprint(), "2026-03-02T07:30:00Z phone");
        assert!(
            (runs[0].moving_seconds - 39.75).abs() < 1e-6,
            "{:?}",
            runs[0]
        );
    }
}
