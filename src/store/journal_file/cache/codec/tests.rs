//! Every record kind and every line error survives encode → decode unchanged. The strategies
//! mirror those of tests/store.rs (which proves the same for the journal's JSON lines), widened
//! where the cache has its own edge cases: any f64 bit pattern, any u8 regress, any offset.

use super::*;
use crate::domain::plan::{Decision, Reason, ReferReason, SnapshotExercise};
use crate::domain::programme::Rung;
use crate::domain::red_flags::Urgency;
use proptest::prelude::*;

fn round_trip(encode: impl FnOnce(&mut Writer)) -> (Vec<u8>, Entry) {
    let mut w = Writer::default();
    encode(&mut w);
    let mut r = Reader::new(&w.bytes);
    let entry = decode_entry(&mut r, &mut PlansRead::default()).expect("decodes");
    assert!(r.is_empty(), "bytes left after one entry");
    (w.bytes, entry)
}

/// Decoded equal to the original and, bit for bit, re-encoded to the same bytes (which also
/// covers NaN run minutes, where `==` cannot).
fn assert_record_round_trips(record: &Record) {
    let (bytes, entry) = round_trip(|w| encode_record(w, record, &mut PlansWritten::default()));
    let Entry::Record(decoded) = entry else {
        panic!("a record came back as a problem");
    };
    let mut again = Writer::default();
    encode_record(&mut again, &decoded, &mut PlansWritten::default());
    assert_eq!(again.bytes, bytes, "re-encoded differently: {record:?}");
    let has_nan = matches!(decoded.body, RecordBody::RunLogged { minutes, km, .. }
        if minutes.is_nan() || km.is_some_and(f64::is_nan));
    if !has_nan {
        assert_eq!(&decoded, record);
        assert_eq!(decoded.at.offset(), record.at.offset());
    }
}

fn rating() -> impl Strategy<Value = Rating> {
    (0i64..=10).prop_map(|v| Rating::new(v).unwrap())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-400_000i32..400_000).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

fn stamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        -60_000_000_000i64..60_000_000_000,
        0u32..2_000_000_000,
        -86_399i32..86_400,
    )
        .prop_filter_map("a representable time", |(secs, nanos, offset)| {
            Some(
                DateTime::from_timestamp(secs, nanos)?
                    .with_timezone(&FixedOffset::east_opt(offset)?),
            )
        })
}

fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn record_id() -> impl Strategy<Value = RecordId> {
    text().prop_map(|s| RecordId::from(s.as_str()))
}

fn decision() -> impl Strategy<Value = Decision> {
    prop_oneof![
        Just(Decision::Progress),
        Just(Decision::Hold),
        any::<u8>().prop_map(Decision::Regress),
        Just(Decision::Deload),
        prop_oneof![
            Just(ReferReason::SymptomFlag),
            Just(ReferReason::SevereForDays),
            Just(ReferReason::RisingTrend),
            Just(ReferReason::WorseningTwoWeeks),
            Just(ReferReason::Plateau),
            Just(ReferReason::RepeatedFlare),
        ]
        .prop_map(Decision::Refer),
        prop_oneof![
            Just(Urgency::Soon),
            Just(Urgency::Urgent),
            Just(Urgency::Emergency)
        ]
        .prop_map(Decision::Stop),
    ]
}

fn reasons() -> impl Strategy<Value = Vec<Reason>> {
    prop::collection::vec((text(), text()).prop_map(|(r, t)| Reason::new(r, t)), 0..3)
}

fn opt_u32() -> impl Strategy<Value = Option<u32>> {
    prop::option::of(any::<u32>())
}

fn rung() -> impl Strategy<Value = Rung> {
    (
        (any::<u32>(), opt_u32(), opt_u32(), opt_u32()),
        (opt_u32(), opt_u32(), any::<u32>()),
        prop::option::of(any::<[u8; 2]>()),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
    )
        .prop_map(
            |((sets, reps, hold, duration), (walk, run, rest), effort, (label, load, variant))| {
                Rung {
                    label,
                    sets,
                    reps,
                    hold,
                    duration,
                    walk,
                    run,
                    rest,
                    effort,
                    load,
                    variant,
                }
            },
        )
}

fn snapshot() -> impl Strategy<Value = PlanSnapshot> {
    let exercise = (text(), any::<u32>(), rung(), decision(), reasons()).prop_map(
        |(exercise, rung, dose, decision, reasons)| SnapshotExercise {
            exercise: exercise.as_str().into(),
            rung,
            dose,
            decision,
            reasons,
        },
    );
    (
        text(),
        text(),
        decision(),
        reasons(),
        any::<bool>(),
        prop::collection::vec(exercise, 0..4),
    )
        .prop_map(
            |(programme, phase, decision, reasons, deload, exercises)| PlanSnapshot {
                programme: programme.as_str().into(),
                phase: phase.as_str().into(),
                decision,
                reasons,
                deload,
                exercises,
            },
        )
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
            prop::collection::btree_map(text(), inner, 0..3)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn body() -> impl Strategy<Value = RecordBody> {
    let side = prop::option::of(prop_oneof![Just(Side::Left), Just(Side::Right)]);
    prop_oneof![
        (text(), date()).prop_map(|(programme, start)| RecordBody::ProgrammeChosen {
            programme: programme.as_str().into(),
            start
        }),
        (
            prop::option::of(rating()),
            prop::option::of(rating()),
            prop::option::of(rating()),
            prop::collection::btree_map(text(), any::<bool>(), 0..4)
        )
            .prop_map(
                |(pain, stiffness, load_test, red_flags)| RecordBody::CheckIn {
                    pain,
                    stiffness,
                    load_test,
                    red_flags: red_flags
                        .iter()
                        .map(|(k, v)| (k.as_str().into(), *v))
                        .collect(),
                }
            ),
        (snapshot(), prop::option::of(rating())).prop_map(|(plan, pain_before)| {
            RecordBody::SessionStarted {
                plan: plan.into(),
                pain_before,
            }
        }),
        (
            (record_id(), text(), side, any::<u32>()),
            (opt_u32(), opt_u32()),
            (rating(), prop::option::of(rating()), any::<bool>())
        )
            .prop_map(
                |((session, exercise, side, set), (reps, seconds), (pain, effort, undone))| {
                    RecordBody::SetDone {
                        session,
                        exercise: exercise.as_str().into(),
                        side,
                        set,
                        reps,
                        seconds,
                        pain,
                        effort,
                        undone,
                    }
                }
            ),
        (record_id(), text(), text()).prop_map(|(session, exercise, reason)| {
            RecordBody::ExerciseSkipped {
                session,
                exercise: exercise.as_str().into(),
                reason,
            }
        }),
        (
            record_id(),
            rating(),
            prop::option::of(rating()),
            prop::option::of(text())
        )
            .prop_map(
                |(session, pain_after, effort, note)| RecordBody::SessionFinished {
                    session,
                    pain_after,
                    effort,
                    note,
                }
            ),
        (
            any::<f64>(),
            prop::option::of(any::<f64>()),
            rating(),
            rating()
        )
            .prop_map(|(minutes, km, rpe, pain)| RecordBody::RunLogged {
                minutes,
                km,
                rpe,
                pain,
            }),
        (
            record_id(),
            prop::collection::btree_map(text(), json_value(), 0..4),
            prop::option::of(text())
        )
            .prop_map(|(target, fields, reason)| RecordBody::Correction {
                target,
                fields: fields.into_iter().collect(),
                reason,
            }),
        text().prop_map(|text| RecordBody::Note { text }),
        prop::option::of(text()).prop_map(|note| RecordBody::ClinicianSeen { note }),
        text().prop_map(|reason| RecordBody::ReferralAcknowledged { reason }),
    ]
}

fn record() -> impl Strategy<Value = Record> {
    (any::<u32>(), record_id(), stamp(), date(), body()).prop_map(|(v, id, at, date, body)| {
        Record {
            v,
            id,
            at,
            date,
            body,
        }
    })
}

fn line_error() -> impl Strategy<Value = LineError> {
    prop_oneof![
        text().prop_map(LineError::NotJson),
        any::<u64>().prop_map(|found| LineError::NewerVersion { found }),
        Just(LineError::NoVersion),
        text().prop_map(LineError::Invalid),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_record_round_trips(record in record()) {
        assert_record_round_trips(&record);
    }

    #[test]
    fn every_problem_round_trips(line in any::<usize>(), error in line_error(), text in text()) {
        let (_, entry) = round_trip(|w| encode_problem(w, line, &error, &text));
        prop_assert_eq!(entry, Entry::Problem(CachedProblem { line, error, text }));
    }

    /// A cut-off entry is an error, never a shorter record.
    #[test]
    fn a_cut_off_entry_is_an_error(record in record(), cut in any::<prop::sample::Index>()) {
        let mut w = Writer::default();
        encode_record(&mut w, &record, &mut PlansWritten::default());
        let len = cut.index(w.bytes.len());
        let cut_off = decode_entry(&mut Reader::new(&w.bytes[..len]), &mut PlansRead::default());
        prop_assert!(cut_off.is_err());
    }
}

#[test]
fn run_minutes_keep_every_bit() {
    for minutes in [
        0.1 + 0.2,
        -0.0,
        f64::MIN_POSITIVE / 3.0,
        f64::NAN,
        f64::INFINITY,
    ] {
        let record = Record {
            v: 1,
            id: RecordId::from("d-1"),
            at: DateTime::parse_from_rfc3339("2026-03-02T07:30:00.123456789+05:45").unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            body: RecordBody::RunLogged {
                minutes,
                km: Some(minutes),
                rpe: Rating::new(4).unwrap(),
                pain: Rating::ZERO,
            },
        };
        let (_, entry) = round_trip(|w| encode_record(w, &record, &mut PlansWritten::default()));
        let Entry::Record(Record {
            body: RecordBody::RunLogged {
                minutes: got, km, ..
            },
            ..
        }) = entry
        else {
            panic!("not a run");
        };
        assert_eq!(got.to_bits(), minutes.to_bits());
        assert_eq!(km.map(f64::to_bits), Some(minutes.to_bits()));
    }
}

#[test]
fn unknown_tags_are_errors() {
    let decode = |bytes: &[u8]| decode_entry(&mut Reader::new(bytes), &mut PlansRead::default());
    assert!(decode(&[9]).is_err());
    let mut w = Writer::default();
    encode_problem(&mut w, 3, &LineError::NoVersion, "x");
    w.bytes[2] = 7; // the line error's tag
    assert!(decode(&w.bytes).is_err());
}

fn session(id: &str, plan: PlanSnapshot) -> Record {
    Record {
        v: 1,
        id: RecordId::from(id),
        at: DateTime::parse_from_rfc3339("2026-03-02T07:30:00+01:00").unwrap(),
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        body: RecordBody::SessionStarted {
            plan: Arc::new(plan),
            pain_before: None,
        },
    }
}

fn plan_of(record: &Record) -> &Arc<PlanSnapshot> {
    match &record.body {
        RecordBody::SessionStarted { plan, .. } => plan,
        other => panic!("not a session: {other:?}"),
    }
}

proptest! {
    /// Equal plans are written once and come back shared; different ones stay apart.
    #[test]
    fn a_repeated_plan_is_written_once_and_shared(a in snapshot(), b in snapshot()) {
        let records = [
            session("d-1", a.clone()),
            session("d-2", b.clone()),
            session("d-3", a.clone()),
        ];
        let mut w = Writer::default();
        let mut written = PlansWritten::default();
        for record in &records {
            encode_record(&mut w, record, &mut written);
        }
        let mut r = Reader::new(&w.bytes);
        let mut read = PlansRead::default();
        let decoded: Vec<Record> = (0..records.len())
            .map(|_| match decode_entry(&mut r, &mut read) {
                Ok(Entry::Record(record)) => record,
                other => panic!("{other:?}"),
            })
            .collect();
        prop_assert!(r.is_empty());
        prop_assert_eq!(&decoded[..], &records[..]);
        prop_assert!(Arc::ptr_eq(plan_of(&decoded[0]), plan_of(&decoded[2])));
        prop_assert_eq!(Arc::ptr_eq(plan_of(&decoded[0]), plan_of(&decoded[1])), a == b);
    }
}

#[test]
fn a_reference_to_no_earlier_plan_is_an_error() {
    let mut w = Writer::default();
    let mut written = PlansWritten::default();
    let plan = PlanSnapshot {
        programme: "p".into(),
        phase: "P1".into(),
        decision: Decision::Hold,
        reasons: vec![],
        deload: false,
        exercises: vec![],
    };
    encode_record(&mut w, &session("d-1", plan.clone()), &mut written);
    let second = w.position();
    encode_record(&mut w, &session("d-2", plan), &mut written);
    // Decoded alone, the second record's reference points before its block.
    let alone = decode_entry(
        &mut Reader::new(&w.bytes[second..]),
        &mut PlansRead::default(),
    );
    assert!(alone.is_err(), "{alone:?}");
}
