//! FIT (Garmin, Coros, Suunto, Wahoo), read with `fitparser`: one activity per `session`
//! message (a triathlon file holds a swim, a ride and a run), with the session's own totals.

use super::{Activity, Sport};
use chrono::Utc;
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};

pub fn read(bytes: &[u8]) -> Result<Vec<Activity>, String> {
    check_headers(bytes)?;
    let records = fitparser::from_bytes(bytes).map_err(|e| {
        format!("not a complete FIT file ({e}): it may be cut short; copy it from the watch again")
    })?;
    let device = records
        .iter()
        .find(|r| r.kind() == MesgNum::FileId)
        .map_or_else(|| "unknown".to_string(), device_of);
    let sessions: Vec<&FitDataRecord> = records
        .iter()
        .filter(|r| r.kind() == MesgNum::Session)
        .collect();
    if sessions.is_empty() {
        let file_type = records
            .iter()
            .find(|r| r.kind() == MesgNum::FileId)
            .and_then(|r| field(r, "type"))
            .map(|v| v.to_string())
            .unwrap_or_default();
        if file_type.is_empty() || file_type == "activity" {
            return Err(
                "has no session summary: the activity may be cut short or still being recorded"
                    .into(),
            );
        }
        // A watch keeps settings, sleep and monitoring files beside its activities: none here.
        return Ok(Vec::new());
    }
    sessions.into_iter().map(|s| session(s, &device)).collect()
}

fn session(session: &FitDataRecord, device: &str) -> Result<Activity, String> {
    let started = match field(session, "start_time") {
        Some(Value::Timestamp(t)) => t.with_timezone(&Utc),
        _ => return Err("has a session with no start time".into()),
    };
    let sport = match field(session, "sport") {
        Some(Value::String(name)) => Sport::from_name(name),
        Some(other) => Sport::Other(format!("sport {other}")),
        None => Sport::Other(String::new()),
    };
    let seconds = number(session, "total_timer_time")
        .or_else(|| number(session, "total_elapsed_time"))
        .filter(|s| s.is_finite() && *s > 0.0)
        .ok_or("has a session with no time: how long it took cannot be known")?;
    Ok(Activity {
        started,
        device: device.to_string(),
        sport,
        moving_seconds: seconds,
        distance_m: number(session, "total_distance").filter(|d| d.is_finite() && *d >= 0.0),
        avg_hr: number(session, "avg_heart_rate")
            .filter(|hr| (1.0..=255.0).contains(hr))
            .map(|hr| hr.round() as u32),
        ascent_m: number(session, "total_ascent").filter(|a| a.is_finite() && *a >= 0.0),
    })
}

/// "garmin/fenix5/3945849289": maker, product and serial number, those the file gives.
fn device_of(file_id: &FitDataRecord) -> String {
    let parts: Vec<String> = ["manufacturer", "garmin_product", "product", "serial_number"]
        .into_iter()
        .filter_map(|name| field(file_id, name))
        .filter(|v| !matches!(v, Value::Invalid))
        .map(|v| v.to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        "unknown".into()
    } else {
        parts.join("/")
    }
}

fn field<'a>(record: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    record
        .fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

fn number(record: &FitDataRecord, name: &str) -> Option<f64> {
    let value = field(record, name)?;
    if matches!(
        value,
        Value::Timestamp(_) | Value::Array(_) | Value::Invalid
    ) {
        return None;
    }
    value.clone().try_into().ok()
}

/// The sizes a FIT file header may have (12 bytes, or 14 with its own CRC).
const HEADER_SIZES: [usize; 2] = [12, 14];

/// Walk the file's headers (a FIT file may chain several) before `fitparser` sees it: it slices
/// by the header's own size byte and panics when that byte is damaged.
fn check_headers(bytes: &[u8]) -> Result<(), String> {
    let mut at = 0;
    while at < bytes.len() {
        let header = &bytes[at..];
        let size = usize::from(header[0]);
        if !HEADER_SIZES.contains(&size) || header.len() < size || &header[8..12] != b".FIT" {
            return Err(if at == 0 {
                "not a complete FIT file (no FIT header at its start): copy it from the watch again"
                    .to_string()
            } else {
                format!(
                    "not a complete FIT file (byte {at} should start a FIT header): copy it from the watch again"
                )
            });
        }
        let data = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
        // Header, messages, then a 2-byte CRC.
        at = usize::try_from(data)
            .ok()
            .and_then(|data| at.checked_add(size + data + 2))
            .ok_or("not a complete FIT file (its header gives an impossible size)")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_and_short_bytes_are_refused_in_words() {
        let error = read(b"not a fit file at all").unwrap_err();
        assert!(error.starts_with("not a complete FIT file"), "{error}");
    }

    fn header(size: u8, data: u32) -> Vec<u8> {
        let mut h = vec![size, 0x20, 0, 0];
        h.extend_from_slice(&data.to_le_bytes());
        h.extend_from_slice(b".FIT");
        h.resize(usize::from(size), 0);
        h
    }

    #[test]
    fn headers_are_checked_before_the_parser_slices_by_them() {
        let mut one = header(14, 3);
        one.extend_from_slice(&[0; 5]);
        assert_eq!(check_headers(&one), Ok(()));
        let mut chained = one.clone();
        chained.extend_from_slice(&one);
        assert_eq!(check_headers(&chained), Ok(()));
        // A damaged size byte, at the start or in a chained header: an error, not a panic.
        for damaged in [225, 0, 13] {
            let mut first = one.clone();
            first[0] = damaged;
            assert!(check_headers(&first).is_err(), "size {damaged}");
            assert!(read(&first).is_err(), "size {damaged}");
            let mut second = chained.clone();
            second[one.len()] = damaged;
            assert!(check_headers(&second).is_err(), "chained size {damaged}");
            assert!(read(&second).is_err(), "chained size {damaged}");
        }
        assert!(check_headers(b"<gpx>").is_err());
        assert!(check_headers(&header(12, 0)[..11]).is_err());
    }
}
