//! Activity files the import tests write (GPX and TCX, as a phone or Garmin Connect exports
//! them), and the FIT SDK's sample activities that the `fitparser` package ships.
#![allow(dead_code)] // each test file uses the part it needs

use chrono::{DateTime, Duration, Utc};
use std::path::PathBuf;

/// Metres per degree of latitude on the sphere the importer measures on.
const METRES_PER_DEGREE: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;
/// Seconds between track points, as a watch records in "smart" mode.
const EVERY: i64 = 5;

/// A stretch of a track.
#[derive(Debug, Clone, Copy)]
pub enum Piece {
    /// Moving north at this speed (m/s) for this long (s).
    Move { seconds: i64, speed: f64 },
    /// Standing still (points keep coming, in the same place).
    Stand { seconds: i64 },
    /// The watch paused: a new track segment this many seconds later, in the same place.
    Pause { seconds: i64 },
}

/// What a track's pieces add up to: (metres, moving seconds).
pub fn totals(pieces: &[Piece]) -> (f64, f64) {
    pieces.iter().fold((0.0, 0.0), |(m, s), p| match p {
        Piece::Move { seconds, speed } => (m + *seconds as f64 * speed, s + *seconds as f64),
        _ => (m, s),
    })
}

/// A GPX 1.1 file of one track; `sport` is its `<type>` (none when None); with `times` false the
/// points carry no time.
pub fn gpx(start: DateTime<Utc>, sport: Option<&str>, pieces: &[Piece], times: bool) -> String {
    let mut segments: Vec<String> = vec![String::new()];
    let (mut t, mut north, mut height) = (start, 0.0_f64, 40.0_f64);
    let point = |segments: &mut Vec<String>, t: DateTime<Utc>, north: f64, height: f64| {
        let time = if times {
            format!("<time>{}</time>", t.format("%Y-%m-%dT%H:%M:%SZ"))
        } else {
            String::new()
        };
        let lat = 51.0 + north / METRES_PER_DEGREE;
        if let Some(last) = segments.last_mut() {
            last.push_str(&format!(
                "<trkpt lat=\"{lat:.9}\" lon=\"-0.100000000\"><ele>{height:.1}</ele>{time}</trkpt>\n"
            ));
        }
    };
    point(&mut segments, t, north, height);
    for piece in pieces {
        match *piece {
            Piece::Move { seconds, speed } => {
                for _ in 0..seconds / EVERY {
                    t += Duration::seconds(EVERY);
                    north += speed * EVERY as f64;
                    height += 0.5;
                    point(&mut segments, t, north, height);
                }
            }
            Piece::Stand { seconds } => {
                for _ in 0..seconds / EVERY {
                    t += Duration::seconds(EVERY);
                    point(&mut segments, t, north, height);
                }
            }
            Piece::Pause { seconds } => {
                t += Duration::seconds(seconds);
                segments.push(String::new());
                point(&mut segments, t, north, height);
            }
        }
    }
    let kind = sport.map_or_else(String::new, |s| format!("<type>{s}</type>"));
    let body: String = segments
        .iter()
        .map(|s| format!("<trkseg>\n{s}</trkseg>\n"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Test Phone\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk><name>Test</name>{kind}\n{body}</trk>\n</gpx>\n"
    )
}

/// A TCX file of one activity of `sport` ("Running", "Biking"), one lap per (seconds, metres,
/// average heart rate), with a few trackpoints carrying heights.
pub fn tcx(start: DateTime<Utc>, sport: &str, laps: &[(f64, f64, u32)]) -> String {
    let mut lap_start = start;
    let mut body = String::new();
    for (i, (seconds, metres, hr)) in laps.iter().enumerate() {
        let stamp = lap_start.format("%Y-%m-%dT%H:%M:%SZ");
        let points: String = (0..3)
            .map(|k| {
                format!(
                    "<Trackpoint><Time>{}</Time><AltitudeMeters>{}</AltitudeMeters></Trackpoint>",
                    (lap_start + Duration::seconds(k * 10)).format("%Y-%m-%dT%H:%M:%SZ"),
                    30 + 5 * (i as i64 * 3 + k)
                )
            })
            .collect();
        body.push_str(&format!(
            "<Lap StartTime=\"{stamp}\"><TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{metres}</DistanceMeters><AverageHeartRateBpm><Value>{hr}</Value></AverageHeartRateBpm><Intensity>Active</Intensity><Track>{points}</Track></Lap>\n"
        ));
        lap_start += Duration::milliseconds((*seconds * 1000.0) as i64);
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\n<Activities><Activity Sport=\"{sport}\"><Id>{}</Id>\n{body}<Creator><Name>Forerunner 245</Name><UnitId>3990001234</UnitId></Creator></Activity></Activities>\n</TrainingCenterDatabase>\n",
        start.format("%Y-%m-%dT%H:%M:%SZ")
    )
}

/// The FIT SDK sample files shipped in the `fitparser` package this build uses, found through
/// `cargo metadata` (the package is already in cargo's cache: the build needs it). Only this
/// machine's platform is asked for: offline, cargo cannot resolve packages for other platforms
/// (e.g. Android's) that the build never downloaded.
pub fn fit_fixtures() -> PathBuf {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host_triple()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "fitparser")
        .and_then(|p| p["manifest_path"].as_str())
        .unwrap();
    PathBuf::from(manifest)
        .parent()
        .unwrap()
        .join("tests")
        .join("fixtures")
}

/// The platform this machine builds for, e.g. `x86_64-unknown-linux-gnu`.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}
