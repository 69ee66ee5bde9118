//! Totals from a track's points, for files without the watch's own totals (GPX): distance along
//! the points, time spent moving, and climb.

use chrono::{DateTime, Utc};

/// Below this speed between two points (m/s) the person is taken to be standing: a slow walk is
/// about 1 m/s, and GPS drift while standing still is well below this.
const MOVING_SPEED: f64 = 0.5;
/// Height changes smaller than this (m) are GPS noise, not climb.
const CLIMB_NOISE_M: f64 = 2.0;
/// Mean Earth radius (m), for distances between points.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// One point of a track.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub time: DateTime<Utc>,
    pub lat: f64,
    pub lon: f64,
    pub elevation: Option<f64>,
}

/// What a track's points add up to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    pub distance_m: f64,
    pub moving_seconds: f64,
    pub ascent_m: Option<f64>,
}

/// Totals over segments (a watch starts a new segment after a pause: the gap between segments
/// is neither distance nor moving time).
pub fn totals(segments: &[Vec<Point>]) -> Totals {
    let mut distance_m = 0.0;
    let mut moving_seconds = 0.0;
    for points in segments {
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let metres = metres_between(&a, &b);
            let seconds = (b.time - a.time).as_seconds_f64();
            if !metres.is_finite() || seconds <= 0.0 {
                continue;
            }
            distance_m += metres;
            if metres / seconds >= MOVING_SPEED {
                moving_seconds += seconds;
            }
        }
    }
    let heights: Vec<f64> = segments
        .iter()
        .flatten()
        .filter_map(|p| p.elevation.filter(|e| e.is_finite()))
        .collect();
    Totals {
        distance_m,
        moving_seconds,
        ascent_m: (!heights.is_empty()).then(|| climb(&heights)),
    }
}

/// Metres climbed, counting a rise only once it passes the noise band.
pub fn climb(heights: &[f64]) -> f64 {
    let Some(&first) = heights.first() else {
        return 0.0;
    };
    let mut reference = first;
    let mut gained = 0.0;
    for &h in &heights[1..] {
        if h > reference + CLIMB_NOISE_M {
            gained += h - reference;
            reference = h;
        } else if h < reference - CLIMB_NOISE_M {
            reference = h;
        }
    }
    gained
}

/// Great-circle distance (haversine).
fn metres_between(a: &Point, b: &Point) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(second: i64, north_m: f64, elevation: f64) -> Point {
        Point {
            time: DateTime::from_timestamp(1_700_000_000 + second, 0).unwrap(),
            lat: north_m / (EARTH_RADIUS_M * std::f64::consts::PI / 180.0),
            lon: 0.0,
            elevation: Some(elevation),
        }
    }

    #[test]
    fn standing_still_is_not_moving_and_noise_is_not_climb() {
        // 100 m in 30 s, 60 s standing, 100 m in 30 s; height wobbles 1 m then climbs 10 m.
        let track = vec![
            point(0, 0.0, 50.0),
            point(30, 100.0, 51.0),
            point(90, 100.0, 50.0),
            point(120, 200.0, 60.0),
        ];
        let t = totals(&[track]);
        assert!((t.distance_m - 200.0).abs() < 0.01, "{t:?}");
        assert!((t.moving_seconds - 60.0).abs() < 1e-9, "{t:?}");
        assert_eq!(t.ascent_m, Some(10.0));
    }

    #[test]
    fn the_gap_between_segments_counts_for_nothing() {
        let t = totals(&[
            vec![point(0, 0.0, 0.0), point(60, 200.0, 0.0)],
            vec![point(600, 5_000.0, 0.0), point(660, 5_200.0, 0.0)],
        ]);
        assert!((t.distance_m - 400.0).abs() < 0.01, "{t:?}");
        assert!((t.moving_seconds - 120.0).abs() < 1e-9, "{t:?}");
    }
}
