//! TCX (Garmin Connect's export), read with `quick-xml`'s serde reader: one activity per
//! `<Activity>`, with the laps' own totals for time and distance (the file's, not recomputed).

use super::{Activity, Sport, track};
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Database {
    #[serde(rename = "Activities", default)]
    activities: Option<Activities>,
}

#[derive(Debug, Default, Deserialize)]
struct Activities {
    #[serde(rename = "Activity", default)]
    activity: Vec<TcxActivity>,
}

#[derive(Debug, Deserialize)]
struct TcxActivity {
    #[serde(rename = "@Sport", default)]
    sport: String,
    #[serde(rename = "Id", default)]
    id: Option<String>,
    #[serde(rename = "Lap", default)]
    laps: Vec<Lap>,
    #[serde(rename = "Creator", default)]
    creator: Option<Creator>,
}

#[derive(Debug, Deserialize)]
struct Lap {
    #[serde(rename = "@StartTime", default)]
    start_time: Option<String>,
    #[serde(rename = "TotalTimeSeconds")]
    total_time_seconds: Option<f64>,
    #[serde(rename = "DistanceMeters")]
    distance_meters: Option<f64>,
    #[serde(rename = "AverageHeartRateBpm")]
    average_heart_rate: Option<Bpm>,
    #[serde(rename = "Track", default)]
    tracks: Vec<Track>,
}

#[derive(Debug, Deserialize)]
struct Bpm {
    #[serde(rename = "Value")]
    value: f64,
}

#[derive(Debug, Default, Deserialize)]
struct Track {
    #[serde(rename = "Trackpoint", default)]
    points: Vec<Trackpoint>,
}

#[derive(Debug, Deserialize)]
struct Trackpoint {
    #[serde(rename = "AltitudeMeters")]
    altitude: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct Creator {
    #[serde(rename = "Name")]
    name: Option<String>,
    #[serde(rename = "UnitId")]
    unit_id: Option<String>,
}

pub fn read(bytes: &[u8]) -> Result<Vec<Activity>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not a TCX file (not UTF-8 text)")?;
    let database: Database =
        quick_xml::de::from_str(text).map_err(|e| format!("not a readable TCX file ({e})"))?;
    let activities = database.activities.unwrap_or_default().activity;
    if activities.is_empty() {
        return Err("has no activity (a TCX course or workout is not a run)".into());
    }
    activities.iter().map(activity).collect()
}

fn activity(tcx: &TcxActivity) -> Result<Activity, String> {
    let started_text = tcx
        .id
        .as_deref()
        .or_else(|| tcx.laps.first().and_then(|l| l.start_time.as_deref()))
        .ok_or("has an activity with no start time")?;
    let started = DateTime::parse_from_rfc3339(started_text.trim())
        .map_err(|e| {
            format!("has a start time \"{started_text}\" that is not a date and time ({e})")
        })?
        .with_timezone(&Utc);
    let seconds: f64 = tcx.laps.iter().filter_map(|l| l.total_time_seconds).sum();
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err("has an activity with no lap time: how long it took cannot be known".into());
    }
    let distance: Option<f64> = tcx
        .laps
        .iter()
        .filter_map(|l| l.distance_meters)
        .reduce(|a, b| a + b)
        .filter(|d| d.is_finite() && *d >= 0.0);
    // Average heart rate over the laps that have one, weighted by their time.
    let (beats, timed) = tcx
        .laps
        .iter()
        .filter_map(|l| Some((l.average_heart_rate.as_ref()?.value, l.total_time_seconds?)))
        .fold((0.0, 0.0), |(b, t), (hr, s)| (b + hr * s, t + s));
    let avg_hr = (timed > 0.0)
        .then(|| (beats / timed).round())
        .filter(|hr| (1.0..=255.0).contains(hr))
        .map(|hr| hr as u32);
    let heights: Vec<f64> = tcx
        .laps
        .iter()
        .flat_map(|l| &l.tracks)
        .flat_map(|t| &t.points)
        .filter_map(|p| p.altitude.filter(|a| a.is_finite()))
        .collect();
    let device = tcx.creator.as_ref().map_or_else(
        || "unknown".to_string(),
        |c| {
            [c.name.as_deref(), c.unit_id.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("/")
        },
    );
    Ok(Activity {
        started,
        device,
        sport: Sport::from_name(&tcx.sport),
        moving_seconds: seconds,
        distance_m: distance,
        avg_hr,
        ascent_m: (!heights.is_empty()).then(|| track::climb(&heights)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_add_up_and_heart_rate_is_weighted_by_time() {
        let tcx = r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="Running"><Id>2026-03-02T07:30:00Z</Id>
  <Lap StartTime="2026-03-02T07:30:00Z"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters><AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm></Lap>
  <Lap StartTime="2026-03-02T07:40:00Z"><TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters><AverageHeartRateBpm><Value>170</Value></AverageHeartRateBpm></Lap>
  <Creator><Name>Forerunner 245</Name><UnitId>3990000000</UnitId></Creator>
 </Activity></Activities></TrainingCenterDatabase>"#;
        let runs = read(tcx.as_bytes()).unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run.sport, Sport::Run);
        assert_eq!(run.moving_seconds, 900.0);
        assert_eq!(run.distance_m, Some(3000.0));
        assert_eq!(run.avg_hr, Some(150));
        assert_eq!(
            run.fingerprint(),
            "2026-03-02T07:30:00Z Forerunner 245/3990000000"
        );
    }
}
