//! Dates and timestamps as the journal writes them, read without chrono's general parser
//! (which took a fifth of the time spent reading a journal). Anything not in exactly the written
//! form goes to chrono, so results and error messages are chrono's own.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// A `NaiveDate` read from `YYYY-MM-DD`.
pub(super) struct Day(pub NaiveDate);

/// A `DateTime<FixedOffset>` read from `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM` (or `Z`).
pub(super) struct Stamp(pub DateTime<FixedOffset>);

/// Up to this many fraction digits (nanoseconds) are read by hand.
const MAX_FRACTION_DIGITS: usize = 9;

/// The value of an all-digit byte string, or None.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`, exactly.
fn fast_date(bytes: &[u8]) -> Option<NaiveDate> {
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&bytes[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&bytes[5..7])?, digits(&bytes[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS[.f]±HH:MM` or `...Z`, exactly. A leap second (`:60`) is left to chrono:
/// `from_hms_nano_opt` refuses it.
fn fast_stamp(bytes: &[u8]) -> Option<DateTime<FixedOffset>> {
    let (head, rest) = bytes.split_at_checked(19)?;
    let date = fast_date(&head[..10])?;
    if head[10] != b'T' || head[13] != b':' || head[16] != b':' {
        return None;
    }
    let (fraction, offset) = match rest.first()? {
        b'.' => {
            let count = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=MAX_FRACTION_DIGITS).contains(&count) {
                return None;
            }
            let scale = 10u32.pow((MAX_FRACTION_DIGITS - count) as u32);
            (digits(&rest[1..=count])? * scale, &rest[1 + count..])
        }
        _ => (0, rest),
    };
    let time = NaiveTime::from_hms_nano_opt(
        digits(&head[11..13])?,
        digits(&head[14..16])?,
        digits(&head[17..19])?,
        fraction,
    )?;
    if offset == b"Z" {
        return zone_local(date, time, 0);
    }
    if offset.len() != 6 || offset[3] != b':' {
        return None;
    }
    let sign = match offset[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = digits(&offset[1..3])?;
    let minutes = digits(&offset[4..6])?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    zone_local(date, time, sign * seconds)
}

/// The local date and time at a UTC offset (in seconds east), if representable.
fn zone_local(date: NaiveDate, time: NaiveTime, east: i32) -> Option<DateTime<FixedOffset>> {
    let zone = FixedOffset::east_opt(east)?;
    zone.from_local_datetime(&date.and_time(time)).single()
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        struct DayVisitor;
        impl Visitor<'_> for DayVisitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // chrono's wording, so messages stay the same.
                f.write_str("a formatted date string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Day, E> {
                match fast_date(text.as_bytes()) {
                    Some(date) => Ok(Day(date)),
                    None => text.parse().map(Day).map_err(E::custom),
                }
            }
        }
        deserializer.deserialize_str(DayVisitor)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        struct StampVisitor;
        impl Visitor<'_> for StampVisitor {
            type Value = Stamp;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an RFC 3339 formatted date and time string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Stamp, E> {
                match fast_stamp(text.as_bytes()) {
                    Some(at) => Ok(Stamp(at)),
                    None => text.parse().map(Stamp).map_err(E::custom),
                }
            }
        }
        deserializer.deserialize_str(StampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_chrono_date(text: &str) -> Result<NaiveDate, String> {
        text.parse::<NaiveDate>().map_err(|e| e.to_string())
    }

    fn by_chrono_stamp(text: &str) -> Result<DateTime<FixedOffset>, String> {
        text.parse::<DateTime<FixedOffset>>()
            .map_err(|e| e.to_string())
    }

    fn ours_date(text: &str) -> Result<NaiveDate, String> {
        serde_json::from_value::<Day>(serde_json::json!(text))
            .map(|d| d.0)
            .map_err(|e| e.to_string())
    }

    fn ours_stamp(text: &str) -> Result<DateTime<FixedOffset>, String> {
        serde_json::from_value::<Stamp>(serde_json::json!(text))
            .map(|s| s.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn odd_dates_read_as_chrono_reads_them() {
        for text in [
            "2026-03-02",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-3-2",
            "0000-01-01",
            "+12026-01-01",
            "2026-03-02 ",
            "2026/03/02",
            "",
        ] {
            assert_eq!(ours_date(text), by_chrono_date(text), "{text:?}");
        }
    }

    #[test]
    fn odd_stamps_read_as_chrono_reads_them() {
        for text in [
            "2026-03-02T07:30:00+01:00",
            "2026-03-02T07:30:00.5-05:30",
            "2026-03-02T07:30:00.123456789+00:00",
            "2026-03-02T07:30:00.1234567891+00:00",
            "2026-03-02T07:30:00-00:00",
            "2026-03-02T23:59:60+01:00",
            "2026-03-02T24:00:00+01:00",
            "2026-03-02T07:30:00Z",
            "2026-03-02T07:30:00.25Z",
            "2026-03-02T07:30:00z",
            "2026-03-02t07:30:00+01:00",
            "2026-03-02 07:30:00+01:00",
            "2026-03-02T07:30:00+0100",
            "2026-03-02T07:30:00+24:00",
            "2026-03-02T07:30:00.+01:00",
            "2026-02-30T07:30:00+01:00",
            "0000-01-01T00:00:00+01:00",
            "2026-03-02T07:30",
        ] {
            assert_eq!(ours_stamp(text), by_chrono_stamp(text), "{text:?}");
        }
        assert_eq!(
            serde_json::from_value::<Stamp>(serde_json::json!(5))
                .err()
                .map(|e| e.to_string()),
            serde_json::from_value::<DateTime<FixedOffset>>(serde_json::json!(5))
                .err()
                .map(|e| e.to_string())
        );
    }

    proptest! {
        #[test]
        fn written_stamps_read_back_as_chrono_reads_them(
            secs in -62_000_000_000i64..250_000_000_000,
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000, (0u32..1000).prop_map(|m| m * 1_000_000)],
            quarters in -95i32..=95,
        ) {
            let zone = FixedOffset::east_opt(quarters * 15 * 60).unwrap();
            let at = zone.timestamp_opt(secs, nanos).unwrap();
            let text = serde_json::to_value(at).unwrap();
            let text = text.as_str().unwrap();
            prop_assert_eq!(ours_stamp(text), by_chrono_stamp(text));
            prop_assert_eq!(ours_stamp(text), Ok(at));
            let date = text[..10].to_string();
            prop_assert_eq!(ours_date(&date), by_chrono_date(&date));
        }
    }
}
