//! Table tests: every cause id in docs/coach.md phrased from its numbers, at least once each,
//! with the singular and plural and the at-the-floor cases; and the stored text kept when the
//! data does not suffice. The per-cause table is in `table.rs`.

mod table;

use super::*;
use crate::domain::plan::ReferReason;

const PROGRAMME: &str = r#"
id = "phrase-test"
name = "Phrase test"
condition = "Test fixture"
for = "phrase tests"
see_clinician_first = ["nobody"]
sources = ["tests only"]

[[phases]]
id = "P1"
name = "Calm"
goal = "Settle"
exercises = [
  { exercise = "bridge" },
  { exercise = "squat" },
  { exercise = "side-hold" },
]

[[phases]]
id = "P2"
name = "Load"
goal = "Build"
exercises = [
  { exercise = "bridge", floor = 3 },
  { exercise = "side-hold", floor = 2 },
]

[[exercises]]
id = "bridge"
name = "Bridge"
kind = "reps"
isometric = "side-hold"
rungs = [
  { sets = 1, reps = 10, rest = 60 },
  { sets = 2, reps = 10, rest = 60 },
  { sets = 3, reps = 10, rest = 60 },
]

[[exercises]]
id = "squat"
name = "Squat"
kind = "reps"
rungs = [{ sets = 1, reps = 5, rest = 60 }]

[[exercises]]
id = "side-hold"
name = "Side-lying hold"
kind = "hold"
rungs = [
  { sets = 2, hold = 20, rest = 30 },
  { sets = 3, hold = 20, rest = 30 },
]

[[exercises]]
id = "walk-run"
name = "Walk-run"
kind = "interval"
rungs = [
  { sets = 5, walk = 240, run = 120 },
  { sets = 5, walk = 180, run = 180 },
]
"#;

fn programme() -> Programme {
    toml::from_str(PROGRAMME).unwrap()
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
}

/// An exercise of the test programme with one reason, at the dose of its `to_rung`.
fn planned(exercise: &str, decision: Decision, cause: &str, n: &[(&str, f64)]) -> PlannedExercise {
    let programme = programme();
    let reason = Reason::new("rule", "stored text").because(cause, n);
    let to = reason.numbers.get("to_rung").map_or(1, |r| *r as u32);
    let dose = programme
        .exercise(exercise)
        .and_then(|e| e.rung(to))
        .cloned()
        .unwrap_or_default();
    PlannedExercise {
        exercise: exercise.into(),
        rung: to,
        from_rung: reason.numbers.get("from_rung").map_or(to, |r| *r as u32),
        instead_of: Vec::new(),
        dose,
        decision,
        reasons: vec![reason],
        due_today: true,
    }
}

/// The words for the first exercise's reason, in phase `phase` of a plan held by `day`.
fn said_in(phase: &str, day: &Decision, exercises: &[PlannedExercise]) -> String {
    let programme = programme();
    let words = PlanWords::new(
        Some(&programme),
        date(),
        phase,
        day,
        exercises.iter().map(Decided::from).collect(),
    );
    words.say(&exercises[0].reasons[0])
}

fn said(exercise: &str, decision: Decision, cause: &str, n: &[(&str, f64)]) -> String {
    said_in(
        "P1",
        &Decision::Hold,
        &[planned(exercise, decision, cause, n)],
    )
}

#[test]
fn a_step_below_the_floor_goes_back_to_the_previous_phase() {
    let planned = planned(
        "bridge",
        Decision::Regress(1),
        "pain_above_ceiling",
        &[
            ("from_rung", 3.0),
            ("to_rung", 2.0),
            ("floor", 3.0),
            ("pain", 6.0),
            ("pain_during", 6.0),
            ("ceiling", 5.0),
            ("days_ago", 1.0),
        ],
    );
    assert_eq!(
        said_in("P2", &Decision::Hold, &[planned]),
        "Bridge goes below this phase's floor, back to rung 2 of P1 (2 × 10, rest 1 min); this counts as being sent back to the floor: pain reached 6/10 during the session yesterday (■ too high zone), above the ceiling of 5"
    );
}

#[test]
fn a_hold_at_the_floor_says_keep_to_the_holds_and_an_exercise_without_one_rests() {
    let numbers = [
        ("from_rung", 1.0),
        ("to_rung", 1.0),
        ("floor", 1.0),
        ("morning_pain", 5.0),
        ("baseline", 3.0),
        ("tolerance", 1.0),
        ("days_ago", 1.0),
    ];
    let hold = said(
        "side-hold",
        Decision::IsometricOnly,
        "not_settled",
        &numbers,
    );
    assert!(
        hold.starts_with("Side-lying hold stays at rung 1 (2 × 20 s hold, rest 30 s) — already the lowest it can go, so today is an isometric-only day: keep to the holds. Why: the session yesterday"),
        "{hold}"
    );
    let squat = said("squat", Decision::IsometricOnly, "not_settled", &numbers);
    assert!(
        squat.contains("isometric-only day: rest it today. Why:"),
        "{squat}"
    );
}

#[test]
fn a_lighter_week_names_the_dose_given_and_the_full_dose() {
    let mut bridge = planned(
        "bridge",
        Decision::Deload,
        "weekly_morning_rising",
        &[
            ("from_rung", 3.0),
            ("to_rung", 3.0),
            ("rise", 1.4),
            ("tolerance", 1.0),
            ("factor", 0.7),
            ("days_ago", 0.0),
            ("days_left", 6.0),
        ],
    );
    bridge.dose.sets = 2;
    assert_eq!(
        said_in("P1", &Decision::Deload, &[bridge]),
        "Bridge stays at rung 3 with lighter volume (2 × 10, rest 1 min instead of 3 × 10, rest 1 min): weekly mean morning pain rose by 1.4 today (more than 1 allowed), so volume is 70 % until 2026-03-16"
    );
}

#[test]
fn a_held_referral_is_named_in_the_words() {
    let bridge = planned(
        "bridge",
        Decision::Hold,
        "referral_unacknowledged",
        &[("from_rung", 1.0), ("to_rung", 1.0)],
    );
    let day = Decision::Refer(ReferReason::Plateau);
    assert_eq!(
        said_in("P1", &day, &[bridge]),
        "Bridge stays at rung 1 (1 × 10, rest 1 min): it earned a step up, but steps up wait until you acknowledge the referral (no meaningful improvement after weeks of training)"
    );
}

#[test]
fn a_painful_run_steps_the_walk_run_down_and_rests_it() {
    let numbers = [
        ("from_rung", 2.0),
        ("to_rung", 1.0),
        ("floor", 1.0),
        ("pain", 7.0),
        ("ceiling", 5.0),
        ("days_ago", 1.0),
        ("rest_days", 2.0),
    ];
    assert_eq!(
        said(
            "walk-run",
            Decision::Regress(1),
            "run_not_settled",
            &numbers
        ),
        "Walk-run steps down 1 rung to rung 1 (5 × (walk 4 min + jog 2 min)), the lowest in this phase; this counts as being sent back to the floor: the run yesterday hurt 7/10, above the ceiling of 5: leave at least 48 hours before the next run (from 2026-03-11)"
    );
}

#[test]
fn an_isometric_only_day_names_its_trigger_and_what_stands_in() {
    let at_floor = [("from_rung", 1.0), ("to_rung", 1.0)];
    let trigger = planned(
        "bridge",
        Decision::IsometricOnly,
        "pain_above_ceiling",
        &[
            ("from_rung", 1.0),
            ("to_rung", 1.0),
            ("floor", 1.0),
            ("pain", 6.0),
            ("pain_during", 6.0),
            ("ceiling", 5.0),
            ("days_ago", 1.0),
        ],
    );
    let squat = planned(
        "squat",
        Decision::IsometricOnly,
        "isometric_only_day",
        &at_floor,
    );
    let mut hold = planned(
        "side-hold",
        Decision::Hold,
        "isometric_alternative",
        &at_floor,
    );
    hold.instead_of = vec!["bridge".into()];
    let day = Decision::IsometricOnly;
    let plan = [squat.clone(), trigger.clone(), hold.clone()];
    assert_eq!(
        said_in("P1", &day, &plan),
        "Squat is not due today: today is an isometric-only day because Bridge has nowhere lower to go; rest it today."
    );
    let plan = [hold.clone(), trigger.clone()];
    assert_eq!(
        said_in("P1", &day, &plan),
        "Side-lying hold at rung 1 (2 × 20 s hold, rest 30 s) stands in today for Bridge: an isometric-only day."
    );
    // A stored snapshot keeps no `instead_of`: the exercises giving way name it.
    hold.instead_of.clear();
    let plan = [hold, trigger];
    assert!(
        said_in("P1", &day, &plan).ends_with("stands in today for Bridge: an isometric-only day.")
    );
}

#[test]
fn day_level_causes_read_as_sentences() {
    let programme = programme();
    let plan_words = |decision: &Decision, reason: &Reason| {
        PlanWords::new(Some(&programme), date(), "P1", decision, Vec::new()).say(reason)
    };
    let day = |cause: &str, n: &[(&str, f64)]| Reason::new("rule 12", "").because(cause, n);
    for (reason, words) in [
        (day("rest_day", &[]), "Nothing is due today: a rest day."),
        (
            day("done_today", &[]),
            "Today's session is done: nothing more is due today.",
        ),
        (day("no_exercises", &[]), "No exercises in this phase."),
        (
            day(
                "weekly_morning_rising",
                &[
                    ("rise", 1.5),
                    ("tolerance", 1.0),
                    ("factor", 0.7),
                    ("days_ago", 2.0),
                    ("days_left", 4.0),
                ],
            ),
            "Lighter week: weekly mean morning pain rose by 1.5 2 days ago (more than the 1 allowed), so every exercise is cut to 70 % of its volume (fewer sets, or else fewer reps or shorter holds) until 2026-03-14.",
        ),
    ] {
        assert_eq!(plan_words(&Decision::Hold, &reason), words);
    }
}

#[test]
fn without_the_data_the_stored_text_is_kept() {
    // No cause (an older journal), an unknown cause, a number missing, no programme.
    let programme = programme();
    let old = planned(
        "bridge",
        Decision::Hold,
        "no_session_yet",
        &[("to_rung", 1.0)],
    );
    let mut no_cause = old.clone();
    no_cause.reasons[0].cause = None;
    let unknown = planned(
        "bridge",
        Decision::Hold,
        "from_the_future",
        &[("to_rung", 1.0)],
    );
    let missing = planned(
        "bridge",
        Decision::Hold,
        "morning_not_logged",
        &[("to_rung", 1.0)],
    );
    for e in [&no_cause, &unknown, &missing] {
        assert_eq!(
            said_in("P1", &Decision::Hold, std::slice::from_ref(e)),
            "stored text"
        );
    }
    let words = PlanWords::new(
        None,
        date(),
        "P1",
        &Decision::Hold,
        vec![Decided::from(&old)],
    );
    assert_eq!(words.say(&old.reasons[0]), "stored text");
    let words = PlanWords::new(
        Some(&programme),
        date(),
        "P1",
        &Decision::Hold,
        vec![Decided::from(&old)],
    );
    assert_ne!(words.say(&old.reasons[0]), "stored text");
    assert_eq!(words.say(&Reason::new("§4", "a day note")), "a day note");
}

/// The cause ids in the first column of docs/coach.md's cause table (the one headed "| cause |").
fn documented_causes() -> Vec<String> {
    include_str!("../../../../docs/coach.md")
        .lines()
        .skip_while(|line| !line.starts_with("| cause |"))
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(id, _)| id.to_string())
        .collect()
}

#[test]
fn every_documented_cause_is_phrased_by_a_case_above() {
    let causes = documented_causes();
    assert!(causes.len() >= 25, "docs/coach.md lists {causes:?}");
    let tested: Vec<&str> = table::bridge_cases()
        .iter()
        .map(|(cause, ..)| *cause)
        .chain([
            "weekly_morning_rising",
            "referral_unacknowledged",
            "run_not_settled",
            "isometric_only_day",
            "isometric_alternative",
            "rest_day",
            "done_today",
            "no_exercises",
        ])
        .collect();
    for cause in &causes {
        assert!(
            tested.contains(&cause.as_str()),
            "{cause} has no table case"
        );
    }
    for cause in &tested {
        assert!(
            causes.iter().any(|c| c == cause),
            "{cause} is phrased but not in docs/coach.md"
        );
    }
}

#[test]
fn the_coach_words_each_exercise_reason_and_never_leaves_one_empty() {
    let mut exercises = vec![
        planned(
            "bridge",
            Decision::Hold,
            "no_session_yet",
            &[("from_rung", 1.0), ("to_rung", 1.0)],
        ),
        // `days_ago` missing: the words cannot be made.
        planned(
            "squat",
            Decision::Hold,
            "morning_not_logged",
            &[("to_rung", 1.0)],
        ),
    ];
    for e in &mut exercises {
        e.reasons[0].text.clear();
    }
    word_exercises(&programme(), date(), "P1", &Decision::Hold, &mut exercises);
    assert_eq!(
        exercises[0].reasons[0].text,
        "Bridge stays at rung 1 (1 × 10, rest 1 min): no session of this exercise before today, so start here"
    );
    assert_eq!(exercises[1].reasons[0].text, "morning not logged");
}
