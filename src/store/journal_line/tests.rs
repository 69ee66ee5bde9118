//! Reading and writing journal lines, and corrections read through them.

use super::*;
use crate::domain::history::tests::{checkin, note, rec};
use crate::domain::history::{CorrectionProblem, History};
use crate::domain::pain::Rating;
use crate::domain::records::{RecordBody, RecordId};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeMap;

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-02T07:30:00+01:00").unwrap()
}

#[test]
fn round_trips_a_check_in() {
    let r = Record {
        v: FORMAT_VERSION,
        id: RecordId("dev1-000001".into()),
        at: at(),
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        body: RecordBody::CheckIn {
            pain: Some(Rating::new(3).unwrap()),
            stiffness: Some(Rating::new(2).unwrap()),
            load_test: None,
            red_flags: BTreeMap::new(),
        },
    };
    let line = to_line(&r);
    assert!(line.contains("\"kind\":\"check_in\""), "{line}");
    assert_eq!(from_line(&line), Ok(r));
}

#[test]
fn newer_version_is_refused() {
    let line = r#"{"v":99,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"note","text":"hi"}"#;
    assert_eq!(from_line(line), Err(LineError::NewerVersion { found: 99 }));
}

#[test]
fn a_newer_version_is_refused_whatever_its_fields_hold() {
    for (line, found) in [
        // Fields before `v` that this build would read wrongly: still refused by version.
        (
            r#"{"pain":"severe","kind":"check_in","v":2,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02"}"#,
            2,
        ),
        (
            r#"{"v":2,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"note","text":"hi"}"#,
            2,
        ),
        (
            r#"{"v":4294967296,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"note","text":"hi"}"#,
            4_294_967_296,
        ),
    ] {
        assert_eq!(
            from_line(line),
            Err(LineError::NewerVersion { found }),
            "{line}"
        );
    }
}

#[test]
fn fields_come_in_any_order_and_a_repeated_field_is_refused() {
    let line = r#"{"text":"only","kind":"note","date":"2026-03-02","at":"2026-03-02T07:30:00+01:00","id":"x","v":1}"#;
    let record = from_line(line).unwrap();
    assert_eq!(
        record.body,
        RecordBody::Note {
            text: "only".into()
        }
    );
    assert_eq!(record.id, RecordId("x".into()));
    // Which of two values was meant cannot be known: the line is bad (issue 12), where it
    // used to keep the last one silently.
    let twice = r#"{"text":"first","kind":"note","date":"2026-03-02","text":"last","at":"2026-03-02T07:30:00+01:00","id":"x","v":1}"#;
    match from_line(twice) {
        Err(LineError::NotJson(message)) => {
            assert!(message.contains("given twice"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_and_mistyped_fields_are_named() {
    let missing = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"set_done","session":"s","exercise":"e","set":1}"#;
    assert_eq!(
        from_line(missing),
        Err(LineError::Invalid("missing field `pain`".into()))
    );
    let mistyped = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"set_done","session":"s","exercise":"e","set":"one","pain":2}"#;
    assert!(
        matches!(from_line(mistyped), Err(LineError::Invalid(m)) if m.contains("invalid type: string \"one\", expected u32")),
    );
    let unknown = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"teleport"}"#;
    assert!(
        matches!(from_line(unknown), Err(LineError::Invalid(m)) if m.starts_with("unknown variant `teleport`, expected one of `programme_chosen`")),
    );
    assert_eq!(from_line(r#"{"id":"x"}"#), Err(LineError::NoVersion));
    assert!(matches!(
        from_line(r#"{"v":1,"#),
        Err(LineError::NotJson(_))
    ));
}

#[test]
fn pain_out_of_scale_is_invalid() {
    let line = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"check_in","pain":11}"#;
    assert!(matches!(from_line(line), Err(LineError::Invalid(_))));
}

#[test]
fn milestone_answers_round_trip_and_need_every_field() {
    let r = Record {
        v: FORMAT_VERSION,
        id: RecordId("dev1-000002".into()),
        at: at(),
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        body: RecordBody::MilestoneAnswered {
            programme: "return-to-running".into(),
            milestone: "bone-stress-cleared".into(),
            yes: true,
        },
    };
    let line = to_line(&r);
    assert!(line.contains("\"kind\":\"milestone_answered\""), "{line}");
    assert_eq!(from_line(&line), Ok(r));
    let missing = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"milestone_answered","programme":"p","milestone":"m"}"#;
    assert_eq!(
        from_line(missing),
        Err(LineError::Invalid("missing field `yes`".into()))
    );
    let null = r#"{"v":1,"id":"x","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"milestone_answered","programme":"p","milestone":"m","yes":null}"#;
    assert!(matches!(from_line(null), Err(LineError::Invalid(_))));
}

// Corrections: `History::replay` decides which record a correction applies to and which fields
// may change; `apply_fields` puts the fields in, as a journal line spells them.

#[test]
fn correction_replaces_a_field() {
    let h = checkin_corrected_with(serde_json::json!({"pain": 2}));
    assert_eq!(
        h.morning_pain(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        Rating::new(2).ok()
    );
    assert!(h.correction_problems.is_empty());
}

#[test]
fn bad_correction_is_reported_not_applied() {
    let h = checkin_corrected_with(serde_json::json!({"pain": 12}));
    assert_eq!(
        h.morning_pain(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        Rating::new(6).ok()
    );
    assert_eq!(h.correction_problems.len(), 1);
    assert!(
        h.correction_problems[0]
            .message
            .starts_with("the corrected record is not valid: "),
        "{:?}",
        h.correction_problems
    );
}

#[test]
fn first_and_last_day_span_every_record_but_corrections() {
    let h = History::replay(
        vec![
            rec("a-1", 4, 0, checkin(3)),
            rec("a-2", 2, 0, note("x")),
            rec(
                "a-3",
                9,
                0,
                RecordBody::Correction {
                    target: RecordId("a-1".into()),
                    fields: serde_json::Map::new(),
                    reason: None,
                },
            ),
        ],
        apply_fields,
    );
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
    assert_eq!((h.first_day, h.last_day), (day(2), day(4)));
    assert_eq!(h.latest.map(|k| k.id), Some(RecordId("a-3".into())));
}

/// A check-in of pain 6 and stiffness 4 on 2 March, corrected the next day with `fields`.
fn checkin_corrected_with(fields: serde_json::Value) -> History {
    let serde_json::Value::Object(fields) = fields else {
        panic!("fields are an object")
    };
    let mut original = checkin(6);
    if let RecordBody::CheckIn { stiffness, .. } = &mut original {
        *stiffness = Rating::new(4).ok();
    }
    History::replay(
        vec![
            rec("a-1", 2, 0, original),
            rec(
                "a-2",
                3,
                0,
                RecordBody::Correction {
                    target: RecordId("a-1".into()),
                    fields,
                    reason: None,
                },
            ),
        ],
        apply_fields,
    )
}

#[test]
fn a_null_field_is_removed() {
    let h = checkin_corrected_with(serde_json::json!({"stiffness": null}));
    let day = h
        .checkin(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
        .unwrap();
    assert_eq!((day.pain, day.stiffness), (Rating::new(6).ok(), None));
    assert!(h.correction_problems.is_empty());
}

#[test]
fn the_fields_that_identify_a_record_cannot_be_corrected() {
    for field in ["v", "id", "kind", "at"] {
        let h = checkin_corrected_with(serde_json::json!({ field: "x" }));
        let messages: Vec<&str> = h
            .correction_problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [format!("field \"{field}\" cannot be corrected")],
            "{field}"
        );
        let day = h
            .checkin(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
            .unwrap();
        assert_eq!(day.pain, Rating::new(6).ok(), "{field}");
    }
}

#[test]
fn a_correction_of_a_record_not_in_the_journal_is_reported() {
    let h = History::replay(
        vec![rec(
            "a-2",
            3,
            0,
            RecordBody::Correction {
                target: RecordId("a-1".into()),
                fields: serde_json::Map::new(),
                reason: None,
            },
        )],
        apply_fields,
    );
    assert_eq!(
        h.correction_problems,
        [CorrectionProblem {
            correction: RecordId("a-2".into()),
            target: RecordId("a-1".into()),
            message: "refers to a record that is not in the journal".into(),
        }]
    );
}
