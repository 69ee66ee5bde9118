//! Journal lines for the cache tests: records of every kind (with plans that differ by `n`),
//! and the ways a line can be bad.

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, Reason, ReferReason, SnapshotExercise};
use rehab_coach::domain::programme::Rung;
use rehab_coach::domain::records::{FORMAT_VERSION, Record, RecordBody, RecordId, Side};
use rehab_coach::domain::red_flags::Urgency;
use std::fs;
use std::io::Write;
use std::path::Path;

pub fn append(path: &Path, bytes: &[u8]) {
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

pub fn stamp(n: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(5 * 3600 + 45 * 60)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 1, 7, 0, 0)
        .unwrap()
        + chrono::Duration::seconds(i64::from(n) * 3607)
        + chrono::Duration::nanoseconds(i64::from(n) * 1_234_567)
}

pub fn rating(v: u32) -> Rating {
    Rating::new(i64::from(v % 11)).unwrap()
}

pub fn plan(n: u32) -> PlanSnapshot {
    let decisions = [
        Decision::Progress,
        Decision::Hold,
        Decision::Regress(2),
        Decision::Deload,
        Decision::Refer(ReferReason::Plateau),
        Decision::Stop(Urgency::Emergency),
    ];
    PlanSnapshot {
        programme: "gluteal-tendinopathy".into(),
        phase: "P2".into(),
        decision: decisions[n as usize % decisions.len()].clone(),
        reasons: vec![Reason::new("rule 12", "Brücke hält: 30 s, Schmerz 3/10 ✓")],
        deload: n.is_multiple_of(2),
        exercises: vec![SnapshotExercise {
            exercise: "side-lying-abduction".into(),
            rung: n % 7 + 1,
            dose: Rung {
                label: Some(format!("W{n}")),
                sets: 3,
                reps: Some(n % 15),
                hold: Some(30),
                duration: None,
                walk: Some(60),
                run: Some(n),
                rest: 90,
                effort: Some([3, 5]),
                load: Some("light band".into()),
                variant: Some("short lever".into()),
            },
            decision: Decision::Refer(ReferReason::RepeatedFlare),
            reasons: vec![],
        }],
    }
}

/// A valid record line of one of several kinds, varied by `n`.
pub fn record_line(kind: usize, n: u32) -> String {
    let session = RecordId::from(format!("dev-{:06}", n / 2).as_str());
    let body = match kind % 7 {
        0 => RecordBody::Note {
            text: format!("note {n}: «hüfte» 痛み 🦵"),
        },
        1 => RecordBody::CheckIn {
            pain: Some(rating(n)),
            stiffness: None,
            load_test: Some(rating(n + 3)),
            red_flags: [
                ("night_pain".into(), n.is_multiple_of(2)),
                ("fever".into(), false),
            ]
            .into_iter()
            .collect(),
        },
        2 => RecordBody::SessionStarted {
            plan: plan(n).into(),
            pain_before: Some(rating(n)),
        },
        3 => RecordBody::SetDone {
            session,
            exercise: "side-lying-abduction".into(),
            side: Some(if n.is_multiple_of(2) {
                Side::Left
            } else {
                Side::Right
            }),
            set: n % 4 + 1,
            reps: Some(10),
            seconds: None,
            pain: rating(n),
            effort: Some(rating(n + 1)),
            undone: n.is_multiple_of(5),
        },
        4 => RecordBody::RunLogged {
            minutes: f64::from(n) / 7.0,
            km: Some(f64::from(n) * 0.1),
            rpe: rating(n),
            pain: rating(n + 2),
        },
        5 => RecordBody::Correction {
            target: session,
            fields: serde_json::json!({"pain": n % 11, "note": "typo"})
                .as_object()
                .unwrap()
                .clone(),
            reason: Some("mistyped".into()),
        },
        _ => RecordBody::SessionFinished {
            session,
            pain_after: rating(n),
            effort: None,
            note: Some("ok".into()),
        },
    };
    Record {
        v: FORMAT_VERSION,
        id: RecordId::from(format!("dev-{n:06}").as_str()),
        at: stamp(n),
        date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(n)),
        body,
    }
    .to_line()
}

pub fn newer_version_line(n: u32) -> String {
    format!(
        r#"{{"v":{},"id":"dev-{n}","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"hologram"}}"#,
        FORMAT_VERSION + 1
    )
}

pub fn out_of_scale_line(n: u32) -> String {
    format!(
        r#"{{"v":1,"id":"dev-{n}","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"check_in","pain":11}}"#
    )
}

/// Lines of every sort: records of every kind, garbage, blank, a CRLF line, a newer version.
pub fn mixed_lines(from: u32, count: u32) -> String {
    (from..from + count)
        .map(|n| match n % 10 {
            7 => "{\"v\":1,\"id\":\n".to_string(),
            8 => format!("{}\n\n  \t\n", newer_version_line(n)),
            9 => format!(
                "{}\r\n{}\n",
                record_line(n as usize, n),
                out_of_scale_line(n)
            ),
            _ => format!("{}\n", record_line(n as usize, n)),
        })
        .collect()
}

/// A valid `programme_chosen` line, starting on the record's day, varied by `n`.
pub fn chosen_line(n: u32) -> String {
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(n));
    Record {
        v: FORMAT_VERSION,
        id: RecordId::from(format!("dev-{n:06}").as_str()),
        at: stamp(n),
        date,
        body: RecordBody::ProgrammeChosen {
            programme: if n.is_multiple_of(2) {
                "gluteal-tendinopathy"
            } else {
                "hip-osteoarthritis"
            }
            .into(),
            start: date,
        },
    }
    .to_line()
}
