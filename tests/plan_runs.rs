//! The plan that runs is the plan the rules decide: for any journal, the exercises the session
//! runner runs and the sets `log session` records are exactly those `today --json` lists as due,
//! at the doses it lists. Journals are generated on every built-in programme and the coach
//! fixture, with pain high enough at times for step downs, isometric-only days and deloads.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/coach_journal.rs"]
mod journal;

use journal::{Journal, rating};
use proptest::prelude::*;
use rehab_coach::domain::phrase::PlanWords;
use rehab_coach::domain::plan::{Decision, Plan};
use rehab_coach::domain::programme::{Programme, Sides};
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::{RecordBody, RecordId, done_as_planned};
use rehab_coach::domain::session::{Session, SessionOptions};
use serde_json::Value;
use std::time::Instant;

const PROGRAMMES: [&str; 6] = [
    include_str!("../programmes/gluteal-tendinopathy.toml"),
    include_str!("../programmes/gluteus-medius-weakness.toml"),
    include_str!("../programmes/proximal-hamstring-tendinopathy.toml"),
    include_str!("../programmes/hip-osteoarthritis.toml"),
    include_str!("../programmes/return-to-running.toml"),
    journal::FIXTURE,
];

fn programme(index: usize) -> Programme {
    parse_programme(PROGRAMMES[index]).unwrap()
}

/// (exercise id, rung, dose as JSON) for each exercise, in plan order.
type Listed = Vec<(String, u64, Value)>;

/// What `rehab today --json` lists as due: the plan as JSON, filtered on `due_today`.
fn due_in_json(plan: &Plan) -> Listed {
    let json = serde_json::to_value(plan).unwrap();
    json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["due_today"] == true)
        .map(|e| {
            (
                e["exercise"].as_str().unwrap().to_string(),
                e["rung"].as_u64().unwrap(),
                e["dose"].clone(),
            )
        })
        .collect()
}

/// What the session runner runs: its blocks, built from the snapshot the app stores.
fn run_by_the_runner(plan: &Plan, programme: &Programme) -> Listed {
    let session = Session::new(
        RecordId::from("s-1"),
        plan.snapshot(),
        programme,
        SessionOptions::default(),
        Instant::now(),
    );
    (0..)
        .map_while(|i| session.block(i))
        .map(|b| {
            (
                b.exercise.id.clone(),
                u64::from(b.rung),
                serde_json::to_value(&b.dose).unwrap(),
            )
        })
        .collect()
}

/// What `log session` records: the snapshot it stores in `session_started`, and its sets.
fn logged(plan: &Plan, programme: &Programme) -> (Listed, Vec<(String, u32)>) {
    let snapshot = plan.snapshot();
    let listed = snapshot
        .exercises
        .iter()
        .map(|e| {
            (
                e.exercise.to_string(),
                u64::from(e.rung),
                serde_json::to_value(&e.dose).unwrap(),
            )
        })
        .collect();
    let session = RecordId::from("s-1");
    let mut sets = Vec::new();
    for planned in &snapshot.exercises {
        let exercise = programme.exercise(&planned.exercise);
        let bodies = done_as_planned(planned, &session, exercise, rating(3), None);
        let count = bodies
            .iter()
            .filter(|b| matches!(b, RecordBody::SetDone { exercise, .. } if *exercise == planned.exercise))
            .count() as u32;
        sets.push((planned.exercise.to_string(), count));
    }
    (listed, sets)
}

/// One generated day: morning pain, whether a session happens, pain during and after it
/// (mostly calm, so steps up happen too; sometimes above the ceiling).
fn day() -> impl Strategy<Value = (u8, bool, u8, u8)> {
    let pain = || prop_oneof![6 => 0u8..=4, 1 => 0u8..=8];
    (pain(), prop::bool::weighted(0.85), pain(), pain())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_runner_and_log_session_do_exactly_what_today_lists(
        which in 0..PROGRAMMES.len(),
        days in prop::collection::vec(day(), 1..24),
        today_morning in 0u8..=6,
    ) {
        let programme = programme(which);
        let mut j = Journal::new(programme.clone());
        for (i, (morning, trains, during, after)) in days.iter().enumerate() {
            j.morning(i as u32, *morning);
            if *trains {
                j.follow(i as u32, *during, *after);
            }
        }
        let today = days.len() as u32;
        j.morning(today, today_morning);
        let plan = j.plan(today);
        prop_assume!(!plan.locked);

        let due = due_in_json(&plan);
        prop_assert_eq!(&run_by_the_runner(&plan, &programme), &due, "runner vs today --json");
        let (stored, sets) = logged(&plan, &programme);
        prop_assert_eq!(&stored, &due, "log session's snapshot vs today --json");
        for (id, count) in sets {
            let exercise = programme.exercise(&id).unwrap();
            let sides = if exercise.sides == Sides::Each { 2 } else { 1 };
            let dose_sets = due.iter().find(|(e, _, _)| *e == id).unwrap().2["sets"].as_u64().unwrap() as u32;
            prop_assert_eq!(count, dose_sets * sides, "sets logged for {}", id);
        }
        // Every exercise the day's headline or reasons put aside is not run.
        for e in plan.exercises.iter().filter(|e| !e.due_today) {
            prop_assert!(!due.iter().any(|(id, _, _)| *id == e.exercise));
        }
        agrees(&plan)?;
        phrased_from_data(&plan, &programme)?;
    }
}

/// Every reason with a cause is worded from its data alone, and the `text` the coach wrote (in
/// `today --json` and the journal) is exactly those words (docs/coach.md, "Reasons as data").
fn phrased_from_data(plan: &Plan, programme: &Programme) -> Result<(), TestCaseError> {
    let words = PlanWords::of_plan(plan, Some(programme));
    let day = plan.reasons.iter().map(|r| (words.phrase(r), r));
    let exercises = plan
        .exercises
        .iter()
        .flat_map(|e| e.reasons.iter().map(|r| (words.phrase(r), r)));
    for (said, reason) in day.chain(exercises).filter(|(_, r)| r.cause.is_some()) {
        prop_assert!(!reason.text.is_empty(), "{:?}", reason);
        prop_assert_eq!(said.as_deref(), Some(reason.text.as_str()), "{:?}", reason);
    }
    Ok(())
}

/// Each decision says the step that happens, and the headline follows from them (docs/coach.md):
/// the biggest change among the due exercises, an isometric-only day first, hold only when
/// nothing due changes.
fn agrees(plan: &Plan) -> Result<(), TestCaseError> {
    for e in &plan.exercises {
        let moved = i64::from(e.from_rung) - i64::from(e.rung);
        match e.decision {
            Decision::Regress(n) => prop_assert_eq!(moved, i64::from(n), "{}", e.exercise),
            Decision::Progress => prop_assert_eq!(moved, -1, "{}", e.exercise),
            Decision::Hold | Decision::Deload => prop_assert_eq!(moved, 0, "{}", e.exercise),
            _ => {}
        }
        for r in &e.reasons {
            prop_assert!(r.cause.is_some(), "{}: no cause in {:?}", e.exercise, r);
        }
    }
    if matches!(plan.decision, Decision::Refer(_) | Decision::Stop(_)) {
        return Ok(());
    }
    let counted: Vec<&Decision> = plan
        .exercises
        .iter()
        .filter(|e| e.due_today || e.decision == Decision::IsometricOnly)
        .map(|e| &e.decision)
        .collect();
    if counted.is_empty() {
        prop_assert_eq!(&plan.decision, &Decision::Hold, "nothing due: a rest day");
        return Ok(());
    }
    prop_assert!(
        counted.contains(&&plan.decision),
        "headline {:?} carried by none of {:?}",
        plan.decision,
        counted
    );
    if plan.decision == Decision::Hold {
        prop_assert!(
            counted.iter().all(|d| **d == Decision::Hold),
            "hold while {:?}",
            counted
        );
    }
    if counted.contains(&&Decision::IsometricOnly) {
        prop_assert_eq!(&plan.decision, &Decision::IsometricOnly);
    }
    Ok(())
}

/// The real binary: a red session at the floor of the gluteal programme's first phase makes
/// the next day isometric-only, and `log session` records exactly what `today --json` lists.
#[test]
fn the_binary_logs_the_isometric_only_day_it_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let rehab = |args: &[&str]| -> String {
        let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rehab"))
            .env_remove("REHAB_DATA_DIR")
            .env_remove("REHAB_CONFIG_DIR")
            .arg("--data-dir")
            .arg(tmp.path().join("data"))
            .arg("--config-dir")
            .arg(tmp.path().join("config"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "rehab {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let today = chrono::Local::now().date_naive();
    let ago = |n: u64| (today - chrono::Days::new(n)).to_string();
    rehab(&["start", "gluteal-tendinopathy", "--date", &ago(2)]);
    for d in [2, 1] {
        rehab(&[
            "checkin",
            "--pain",
            "2",
            "--stiffness",
            "2",
            "--no-flags",
            "--date",
            &ago(d),
        ]);
    }
    rehab(&[
        "log",
        "session",
        "--pain-during",
        "6",
        "--pain-after",
        "3",
        "--date",
        &ago(2),
    ]);

    let plan: Value =
        serde_json::from_str(&rehab(&["today", "--json", "--date", &ago(1)])).unwrap();
    assert_eq!(plan["decision"]["decision"], "isometric_only", "{plan:#}");
    let due: Vec<(Value, Value, Value)> = plan["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["due_today"] == true)
        .map(|e| (e["exercise"].clone(), e["rung"].clone(), e["dose"].clone()))
        .collect();
    let ids: Vec<&str> = due.iter().map(|(id, _, _)| id.as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["supine-abduction-hold", "standing-abduction-hold"],
        "{plan:#}"
    );

    rehab(&[
        "log",
        "session",
        "--pain-during",
        "2",
        "--pain-after",
        "2",
        "--date",
        &ago(1),
    ]);
    let lines: Vec<Value> = std::fs::read_dir(tmp.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    let started = lines
        .iter()
        .filter(|l| l["kind"] == "session_started")
        .find(|l| l["date"] == ago(1).as_str())
        .expect("the session is logged");
    let stored: Vec<(Value, Value, Value)> = started["plan"]["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["exercise"].clone(), e["rung"].clone(), e["dose"].clone()))
        .collect();
    assert_eq!(stored, due, "log session stores what today --json listed");
    let set_exercises: std::collections::BTreeSet<&str> = lines
        .iter()
        .filter(|l| l["kind"] == "set_done" && l["session"] == started["id"])
        .map(|l| l["exercise"].as_str().unwrap())
        .collect();
    assert_eq!(
        set_exercises,
        ids.iter().copied().collect(),
        "sets only of the listed exercises"
    );
}

/// As a new user would try it, on the gluteal programme: a calm first week into P2, then one 7/10
/// session and a worse morning. Every day the headline and each exercise agree, and History shows
/// no step down at the phase change (glute activation stays 2 × 10 in P2).
#[test]
fn a_new_users_fortnight_agrees_every_day_and_the_phase_change_lowers_nothing() {
    let programme = programme(0);
    let mut j = Journal::new(programme.clone());
    let session_pain = [3, 3, 3, 3, 3, 3, 3, 3, 7, 3, 3, 3, 3, 3];
    let mornings = [2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 3, 2, 2, 2];
    let mut phases = Vec::new();
    for day in 0..14u32 {
        j.morning(day, mornings[day as usize]);
        let plan = j.plan(day);
        agrees(&plan).unwrap();
        phases.push(plan.phase.clone());
        let pain = session_pain[day as usize];
        j.follow(day, pain, pain.min(5));
    }
    let entered = phases.iter().position(|p| p == "P2").expect("P2 reached");
    let history = j.history();
    let changes = rehab_coach::domain::insight::plan_changes::plan_changes(&history);
    let at_change = changes
        .iter()
        .find(|c| c.phase == "P2")
        .expect("the phase change is a plan change");
    for rung in &at_change.rungs {
        assert!(
            rung.from.is_none_or(|from| rung.to >= from),
            "day {entered}: {} shown as lowered {:?} → {} at the phase change",
            rung.exercise,
            rung.from,
            rung.to
        );
    }
    let squeeze = |day: u32| journal::exercise(&j.plan(day), "glute-squeeze").dose.sets;
    assert_eq!(squeeze(entered as u32 - 1), 2, "P1 reached 2 × 10");
    assert_eq!(squeeze(entered as u32), 2, "P2 carries 2 × 10 on");
    // The 7/10 day: the next plan steps down or goes isometric, and the headline says it.
    let after = j.plan(9);
    assert!(
        matches!(
            after.decision,
            Decision::Regress(_) | Decision::IsometricOnly | Decision::Refer(_)
        ),
        "{:?}: {:#?}",
        after.decision,
        after.reasons
    );
}
