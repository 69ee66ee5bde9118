//! Issue 12 §5: values that pass `programmes check` never crash the app. Any programme the
//! validator accepts (doses and exit values at the ends of their documented ranges), with any
//! `[coach]` config that loads (every setting at either end or in between), runs a 60-day random
//! journal through the coach (`today`), the session runner and `log session`'s records without
//! a panic. Out-of-range values are refused by the same ranges, in the programme and the config.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot set up should stop loudly

#[path = "support/coach_journal.rs"]
mod journal;

use journal::{Journal, rating};
use proptest::prelude::*;
use rehab_coach::app::settings::coach_settings;
use rehab_coach::domain::programme_check::{REPS_MAX, SECONDS_MAX, parse_programme};
use rehab_coach::domain::records::RecordId;
use rehab_coach::domain::session::{Session, SessionOptions};
use rehab_coach::store::config;
use std::time::Instant;

/// Every `[coach]` setting with its documented range (docs/programme-format.md#ranges).
const COACH_RANGES: &[(&str, f64, f64, bool)] = &[
    ("green_max", 0.0, 10.0, true),
    ("amber_max", 0.0, 10.0, true),
    ("load_test_max", 0.0, 10.0, true),
    ("severe", 0.0, 10.0, true),
    ("morning_tolerance", 0.0, 10.0, true),
    ("week_rise_tolerance", 0.0, 10.0, false),
    ("mcid", 0.0, 10.0, false),
    ("progress_streak", 1.0, 30.0, true),
    ("min_days_at_level", 0.0, 90.0, true),
    ("deload_factor", 0.0, 1.0, false),
    ("deload_days", 1.0, 90.0, true),
    ("plateau_weeks", 1.0, 52.0, true),
    ("plateau_adherence", 0.0, 1.0, false),
    ("repeated_flare_count", 1.0, 30.0, true),
    ("flare_window_days", 1.0, 365.0, true),
    ("no_streak_after_regress_days", 0.0, 30.0, true),
    ("run_week_step", 0.01, 10.0, false),
    ("run_two_week_cap", 0.01, 10.0, false),
    ("run_session_cap", 0.01, 10.0, false),
    ("oa_extra_pain_days", 0.0, 30.0, true),
    ("oa_rise_max", 0.0, 10.0, true),
    ("red_flag_recheck_pain", 0.0, 10.0, true),
    ("red_flag_recheck_days", 1.0, 90.0, true),
    ("baseline_mornings", 1.0, 30.0, true),
    ("baseline_lookback_days", 1.0, 90.0, true),
    ("trend_mornings", 1.0, 30.0, true),
    ("run_rest_days_after_bad_run", 0.0, 30.0, true),
];

/// A value for one setting: absent, either end, or a point between (`pick` in 0..4).
fn value(range: (f64, f64, bool), pick: u8, share: f64) -> Option<String> {
    let (low, high, whole) = range;
    let x = match pick {
        0 => return None,
        1 => low,
        2 => high,
        _ => low + (high - low) * share,
    };
    Some(if whole {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.3}")
    })
}

fn coach_table(picks: &[(u8, f64)]) -> String {
    COACH_RANGES
        .iter()
        .zip(picks)
        .filter_map(|(&(key, low, high, whole), &(pick, share))| {
            value((low, high, whole), pick, share).map(|v| format!("{key} = {v}\n"))
        })
        .collect()
}

/// A two-phase programme with doses and exit values at the ends of their ranges.
fn programme_text(big: bool, exit_days: u32, coach: &str) -> String {
    let (reps, seconds) = if big { (REPS_MAX, SECONDS_MAX) } else { (1, 1) };
    format!(
        r#"id = "limits-test"
name = "Limits"
condition = "test"
for = "tests"
see_clinician_first = ["nobody"]
sources = ["tests"]

[coach]
{coach}
[[phases]]
id = "P1"
name = "One"
goal = "g"
min_days = {exit_days}
exercises = [{{ exercise = "hold" }}, {{ exercise = "reps" }}, {{ exercise = "walk-run" }}]

[phases.exit]
min_sessions = {exit_days}
settled_mornings = {exit_days}
window_days = {exit_days}
max_pain_during = 10
max_pain_after = 0

[[phases]]
id = "P2"
name = "Two"
goal = "g"
exercises = [{{ exercise = "hold", floor = 2 }}]

[[exercises]]
id = "hold"
name = "Hold"
kind = "hold"
sides = "each"
rungs = [
  {{ sets = 1, hold = {seconds}, reps = {reps}, rest = {seconds} }},
  {{ sets = 20, hold = {seconds}, reps = {reps}, rest = {seconds} }},
]

[[exercises]]
id = "reps"
name = "Reps"
kind = "reps"
rungs = [{{ sets = 20, reps = {reps}, rest = 0 }}]

[[exercises]]
id = "walk-run"
name = "Walk-run"
kind = "interval"
rungs = [{{ sets = 20, walk = 0, run = {seconds}, rest = {seconds} }}]
"#
    )
}

#[derive(Debug, Clone)]
struct Day {
    morning: u8,
    trains: bool,
    during: u8,
    after: u8,
}

fn day() -> impl Strategy<Value = Day> {
    (0u8..=10, prop::bool::weighted(0.8), 0u8..=10, 0u8..=10).prop_map(
        |(morning, trains, during, after)| Day {
            morning,
            trains,
            during,
            after,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn accepted_values_never_panic_over_sixty_days(
        config_picks in prop::collection::vec((0u8..4, 0.0f64..1.0), COACH_RANGES.len()),
        programme_picks in prop::collection::vec((0u8..4, 0.0f64..1.0), COACH_RANGES.len()),
        big in any::<bool>(),
        exit_days in prop::sample::select(vec![0u32, 1, 365]),
        days in prop::collection::vec(day(), 60),
    ) {
        let loaded = config::parse(&format!("[coach]\n{}", coach_table(&config_picks)), "config.toml");
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let text = programme_text(big, exit_days, &coach_table(&programme_picks));
        let programme = parse_programme(&text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let settings = coach_settings(&loaded.config, Some(&programme));
        let mut journal = Journal::new(programme.clone());
        for (i, d) in days.iter().enumerate() {
            let n = i as u32;
            journal.morning(n, d.morning);
            // `today`: the plan.
            let plan = journal.plan_with(n, &settings);
            let snapshot = plan.snapshot();
            // The session runner, built and started on it.
            let _ = Session::new(
                RecordId::from("x-000001"),
                snapshot.clone(),
                &programme,
                SessionOptions::default(),
                Instant::now(),
            );
            // `log session`: its records.
            for planned in &snapshot.exercises {
                let _ = rehab_coach::domain::records::done_as_planned(
                    planned,
                    &RecordId::from("x-000001"),
                    programme.exercise(&planned.exercise),
                    rating(d.during),
                    None,
                );
            }
            if d.trains && !snapshot.exercises.is_empty() {
                journal.follow(n, d.during, d.after);
            }
        }
    }
}

#[test]
fn values_outside_the_ranges_are_refused_by_check_and_by_loading() {
    let text =
        programme_text(true, 1, "").replace(&format!("reps = {REPS_MAX}"), "reps = 10000000");
    let problems = parse_programme(&text).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("from 0 to 1000")),
        "{problems:?}"
    );
    for coach in [
        "plateau_weeks = 4294967295",
        "flare_window_days = 0",
        "run_week_step = 1e9",
    ] {
        let text = programme_text(false, 1, coach);
        assert!(parse_programme(&text).is_err(), "{coach}");
        let loaded = config::parse(&format!("[coach]\n{coach}\n"), "config.toml");
        assert_eq!(loaded.warnings.len(), 1, "{coach}: {:?}", loaded.warnings);
        assert_eq!(loaded.config.coach, Default::default(), "{coach}");
    }
    let loaded = config::parse("get_ready_seconds = 4294967295\n", "config.toml");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
}
