//! Replay and extending, checked on small journals. Corrections that put fields into a record
//! are read through the journal line format: their tests are the store's (`journal_line`).

use super::*;

/// A record of March 2026 (`day`, 07:`minute` UTC); the store's correction tests use these too.
pub(crate) fn rec(id: &str, day: u32, minute: u32, body: RecordBody) -> Record {
    Record {
        v: 1,
        id: RecordId(id.into()),
        at: DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T07:{minute:02}:00+00:00"))
            .unwrap(),
        date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
        body,
    }
}

pub(crate) fn checkin(pain: i64) -> RecordBody {
    RecordBody::CheckIn {
        pain: Some(Rating::new(pain).unwrap()),
        stiffness: None,
        load_test: None,
        red_flags: BTreeMap::new(),
    }
}

fn started() -> RecordBody {
    RecordBody::SessionStarted {
        plan: PlanSnapshot {
            programme: "p".into(),
            phase: "P1".into(),
            decision: crate::domain::plan::Decision::Hold,
            reasons: vec![],
            deload: false,
            exercises: vec![],
        }
        .into(),
        pain_before: None,
    }
}

fn set_of(session: &str) -> RecordBody {
    RecordBody::SetDone {
        session: RecordId(session.into()),
        exercise: "bridge".into(),
        side: None,
        set: 1,
        reps: Some(10),
        seconds: None,
        pain: Rating::new(2).unwrap(),
        effort: None,
        undone: false,
    }
}

#[test]
fn interleaved_sessions_get_their_own_sets() {
    let h = History::replay(
        vec![
            rec("a-1", 2, 0, started()),
            rec("a-2", 2, 1, started()),
            rec("a-3", 2, 2, set_of("a-1")),
            rec("a-4", 2, 3, set_of("a-2")),
            rec("a-5", 2, 4, set_of("a-1")),
            rec("a-6", 2, 5, set_of("nowhere")),
        ],
        no_fields,
    );
    let sets: Vec<Vec<&str>> = h
        .sessions
        .iter()
        .map(|s| s.sets.iter().map(|set| set.id.0.as_str()).collect())
        .collect();
    assert_eq!(sets, vec![vec!["a-3", "a-5"], vec!["a-4"]]);
}

#[test]
fn replay_ignores_input_order() {
    let a = vec![rec("a-1", 2, 0, checkin(3)), rec("b-1", 2, 5, checkin(4))];
    let mut b = a.clone();
    b.reverse();
    assert_eq!(History::replay(a, no_fields), History::replay(b, no_fields));
}

pub(crate) fn note(text: &str) -> RecordBody {
    RecordBody::Note { text: text.into() }
}

#[test]
fn extending_gives_what_replaying_everything_gives() {
    let all = vec![
        rec("a-1", 2, 0, started()),
        rec("a-2", 2, 1, set_of("a-1")),
        rec("a-3", 3, 0, checkin(3)),
        rec("a-4", 3, 1, set_of("a-1")),
        rec("a-5", 3, 2, started()),
        rec("a-6", 3, 3, set_of("a-5")),
        rec("a-7", 4, 0, note("sore")),
    ];
    for cut in 0..=all.len() {
        let before = History::replay(all[..cut].to_vec(), no_fields);
        let mut extended = before.clone();
        if extended.extend(all[cut..].to_vec()).is_err() {
            panic!("cut at {cut}: not extendable");
        }
        assert_eq!(
            extended,
            History::replay(all.clone(), no_fields),
            "cut at {cut}"
        );
    }
}

/// `Replay` fed in blocks, cut anywhere in two places, gives what one replay gives: with a
/// session dated before the one started ahead of it, and two sessions sharing an id (a set
/// belongs to the latest one, in both).
#[test]
fn replaying_block_by_block_gives_what_replaying_everything_gives() {
    let mut backfilled = rec("a-6", 3, 3, started());
    backfilled.date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let all = vec![
        rec("a-1", 2, 0, started()),
        rec("a-2", 2, 1, set_of("a-1")),
        rec("a-3", 3, 0, checkin(3)),
        rec("a-4", 3, 1, set_of("a-1")),
        rec("a-5", 3, 2, started()),
        backfilled,
        rec("a-7", 3, 4, set_of("a-6")),
        rec("a-8", 3, 5, set_of("a-5")),
        rec("a-1", 4, 0, started()),
        rec("a-9", 4, 1, set_of("a-1")),
        rec("b-1", 4, 2, note("sore")),
    ];
    let whole = History::replay(all.clone(), no_fields);
    assert_eq!(whole.sessions[0].id, RecordId("a-6".into()), "dated first");
    for first_cut in 0..=all.len() {
        for second_cut in first_cut..=all.len() {
            let mut replay = Replay::default();
            for block in [
                &all[..first_cut],
                &all[first_cut..second_cut],
                &all[second_cut..],
            ] {
                assert_eq!(replay.extend(block.to_vec()), Ok(()));
            }
            assert_eq!(
                replay.finish(),
                whole,
                "cut at {first_cut} and {second_cut}"
            );
        }
    }
}

#[test]
fn a_session_dated_earlier_is_placed_in_order() {
    let mut backfilled = rec("a-9", 9, 0, started());
    backfilled.date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let earlier = vec![
        rec("a-1", 1, 0, started()),
        rec("a-2", 3, 0, started()),
        rec("a-3", 4, 0, started()),
    ];
    let mut after = History::replay(earlier.clone(), no_fields);
    after.extend(vec![backfilled.clone()]).unwrap();
    assert_eq!(after.sessions[1].id, RecordId("a-9".into()));
    let mut all = earlier;
    all.push(backfilled);
    assert_eq!(after, History::replay(all, no_fields));
}

#[test]
fn extending_refuses_what_could_change_the_past() {
    let mut fields = serde_json::Map::new();
    fields.insert("pain".into(), serde_json::json!(2));
    let correction = RecordBody::Correction {
        target: RecordId("a-1".into()),
        fields,
        reason: None,
    };
    let base = || {
        History::replay(
            vec![rec("a-1", 2, 0, started()), rec("a-2", 3, 0, checkin(4))],
            no_fields,
        )
    };
    let cases: [(&str, Vec<Record>, NotExtendable); 3] = [
        (
            "same instant as the last",
            vec![rec("a-0", 3, 0, note("x"))],
            NotExtendable::OutOfOrder,
        ),
        (
            "earlier",
            vec![rec("b-1", 2, 30, note("x"))],
            NotExtendable::OutOfOrder,
        ),
        (
            "a correction",
            vec![rec("a-3", 4, 0, correction)],
            NotExtendable::Correction,
        ),
    ];
    for (what, records, why) in cases {
        let mut history = base();
        let before = history.clone();
        assert_eq!(history.extend(records), Err(why), "{what}");
        assert_eq!(history, before, "{what}: refused, so unchanged");
    }
    let mut pending = History::replay(
        vec![rec(
            "a-1",
            2,
            0,
            RecordBody::Correction {
                target: RecordId("nowhere".into()),
                fields: serde_json::Map::new(),
                reason: None,
            },
        )],
        no_fields,
    );
    assert_eq!(
        pending.extend(vec![rec("a-2", 3, 0, note("x"))]),
        Err(NotExtendable::PendingCorrectionProblems)
    );
    let mut twice = History::replay(
        vec![rec("a-1", 2, 0, started()), rec("a-1", 2, 1, started())],
        no_fields,
    );
    assert_eq!(
        twice.extend(vec![rec("a-2", 3, 0, set_of("a-1"))]),
        Err(NotExtendable::DuplicateSessionIds)
    );
}

fn chosen(programme: &str) -> RecordBody {
    RecordBody::ProgrammeChosen {
        programme: programme.into(),
        start: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    }
}

fn started_in(programme: &str) -> RecordBody {
    RecordBody::SessionStarted {
        plan: Arc::new(crate::domain::plan::PlanSnapshot {
            programme: programme.into(),
            phase: "T1".into(),
            decision: crate::domain::plan::Decision::Hold,
            reasons: vec![],
            deload: false,
            exercises: vec![],
        }),
        pain_before: None,
    }
}

#[test]
fn an_unfinished_session_holds_its_day_until_left_or_a_programme_change() {
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let base = vec![
        rec("a-1", 1, 0, chosen("a")),
        rec("a-2", 2, 10, started_in("a")),
    ];
    let held = History::replay(base.clone(), no_fields);
    assert_eq!(
        held.unfinished_session(day).map(|s| s.id.as_str()),
        Some("a-2")
    );
    // Left at the resume offer: no longer offered.
    let mut left = base.clone();
    left.push(rec(
        "a-3",
        2,
        11,
        RecordBody::SessionLeft {
            session: RecordId("a-2".into()),
        },
    ));
    assert!(
        History::replay(left, no_fields)
            .unfinished_session(day)
            .is_none()
    );
    // Another programme chosen after it started: its claim ends, also back on the first.
    let mut switched = base.clone();
    switched.push(rec("a-3", 2, 12, chosen("b")));
    assert!(
        History::replay(switched.clone(), no_fields)
            .unfinished_session(day)
            .is_none()
    );
    switched.push(rec("a-4", 2, 13, chosen("a")));
    assert!(
        History::replay(switched, no_fields)
            .unfinished_session(day)
            .is_none()
    );
    // A later session of the day, finished: the earlier one no longer holds the day.
    let mut later = base;
    later.push(rec("a-3", 2, 20, started_in("a")));
    later.push(rec(
        "a-4",
        2,
        30,
        RecordBody::SessionFinished {
            session: RecordId("a-3".into()),
            pain_after: Rating::ZERO,
            effort: None,
            note: None,
        },
    ));
    assert!(
        History::replay(later, no_fields)
            .unfinished_session(day)
            .is_none()
    );
}
