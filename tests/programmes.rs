//! Programmes: the built-ins pass the validator users run, every validation error is reported
//! with its line and field, the parser never panics, and the `rehab programmes` commands.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use assert_cmd::Command;
use proptest::prelude::*;
use rehab_coach::domain::catalogue::Origin;
use rehab_coach::domain::programme::ExerciseKind;
use rehab_coach::domain::programme_check::{Problem, parse_programme};
use rehab_coach::store::programme_files::{BUILTIN_FILES, builtin_catalogue, load_catalogue};
use std::path::{Path, PathBuf};

const BUILTIN_IDS: [&str; 5] = [
    "gluteal-tendinopathy",
    "gluteus-medius-weakness",
    "proximal-hamstring-tendinopathy",
    "hip-osteoarthritis",
    "return-to-running",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/programmes")
        .join(name)
}

fn problems_in(name: &str) -> Vec<Problem> {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture exists");
    match parse_programme(&text) {
        Ok(_) => panic!("{name} should not validate"),
        Err(problems) => problems,
    }
}

// ------------------------------------------------------------------ built-ins

#[test]
fn every_builtin_passes_the_validator_users_run() {
    let catalogue = builtin_catalogue();
    for ((file, text), entry) in BUILTIN_FILES.iter().zip(&catalogue.entries) {
        match parse_programme(text) {
            // A start reads the built-ins without the validator: this is what makes that safe.
            Ok(validated) => assert_eq!(entry.programme, validated, "{file}"),
            Err(problems) => panic!("built-in {file} has problems: {problems:#?}"),
        }
    }
    assert_eq!(catalogue.warnings, Vec::<String>::new());
    let ids: Vec<&str> = catalogue
        .entries
        .iter()
        .map(|e| e.programme.id.as_str())
        .collect();
    assert_eq!(ids, BUILTIN_IDS);
    assert!(
        catalogue
            .entries
            .iter()
            .all(|e| e.origin == Origin::Builtin)
    );
}

#[test]
fn builtin_files_match_the_programmes_folder() {
    for (file, text) in BUILTIN_FILES {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("programmes")
                .join(file),
        )
        .expect("built-in file exists in programmes/");
        assert_eq!(on_disk, text, "{file}");
    }
}

#[test]
fn every_builtin_dose_is_traceable_to_a_source() {
    for entry in builtin_catalogue().entries {
        let p = entry.programme;
        assert!(!p.sources.is_empty(), "{}", p.id);
        for phase in &p.phases {
            assert!(!phase.sources.is_empty(), "{} phase {}", p.id, phase.id);
        }
        for e in &p.exercises {
            assert!(!e.sources.is_empty(), "{} exercise {}", p.id, e.id);
            assert!(!e.cues.is_empty(), "{} exercise {} needs cues", p.id, e.id);
        }
    }
}

/// Volume of one rung in its own unit: reps, hold seconds, seconds or run seconds, times sets.
fn volume(kind: ExerciseKind, r: &rehab_coach::domain::programme::Rung) -> u32 {
    let per_set = match kind {
        ExerciseKind::Reps => r.reps.unwrap_or(1),
        ExerciseKind::Hold => r.reps.unwrap_or(1) * r.hold.unwrap_or(0),
        ExerciseKind::Interval => r.run.unwrap_or(0),
        ExerciseKind::Timed | ExerciseKind::Stretch => r.duration.unwrap_or(0),
    };
    r.sets * per_set
}

/// A step up adds about ≤ 10 % volume (docs/sources.md#phased-programmes, [APP]); a step of
/// +50 % or more must say its clinical reason on the rung's own line.
#[test]
fn every_big_jump_on_a_ladder_says_why_next_to_the_rung() {
    let mut missing = Vec::new();
    for (file, text) in BUILTIN_FILES {
        let p = parse_programme(text).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for e in &p.exercises {
            let id_line = lines
                .iter()
                .position(|l| l.trim() == format!("id = \"{}\"", e.id))
                .unwrap();
            let rungs_line = (id_line..lines.len())
                .find(|&i| lines[i].starts_with("rungs = ["))
                .unwrap();
            for (n, pair) in e.rungs.windows(2).enumerate() {
                let (before, after) = (volume(e.kind, &pair[0]), volume(e.kind, &pair[1]));
                let line = lines[rungs_line + 2 + n];
                if before > 0 && after * 2 >= before * 3 && !line.contains("% volume: ") {
                    missing.push(format!(
                        "{file} {} rung {}: {before} → {after}",
                        e.id,
                        n + 2
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn hip_oa_week_one_is_without_added_weight() {
    let p = builtin_catalogue()
        .entries
        .into_iter()
        .map(|e| e.programme)
        .find(|p| p.id == "hip-osteoarthritis")
        .unwrap();
    assert!(
        p.rules.osteoarthritis,
        "the coach holds week 1 by this rule"
    );
    let first = &p.phases[0];
    for entry in &first.exercises {
        let e = p.exercise(&entry.exercise).unwrap();
        if e.kind == ExerciseKind::Reps {
            let floor = e.rung(entry.floor.max(1)).unwrap();
            assert_eq!(floor.load.as_deref(), Some("no added weight"), "{}", e.id);
        }
    }
}

#[test]
fn last_phases_hand_over_to_return_to_running_except_osteoarthritis() {
    let catalogue = builtin_catalogue();
    for id in [
        "gluteal-tendinopathy",
        "gluteus-medius-weakness",
        "proximal-hamstring-tendinopathy",
    ] {
        let p = catalogue.get(id).expect("built-in");
        let last = p.phases.last().expect("phases");
        assert_eq!(
            last.continue_with.as_deref(),
            Some("return-to-running"),
            "{id}"
        );
        // Only the last phase hands over.
        assert!(
            p.phases
                .iter()
                .rev()
                .skip(1)
                .all(|ph| ph.continue_with.is_none()),
            "{id}"
        );
    }
    // Running advice in OA is outside the app's scope (docs/sources.md#hip-osteoarthritis).
    let oa = catalogue.get("hip-osteoarthritis").expect("built-in");
    assert!(oa.phases.iter().all(|ph| ph.continue_with.is_none()));
    assert!(oa.rules.osteoarthritis);
}

#[test]
fn gluteal_tendinopathy_keeps_side_lying_work_out_of_p1_and_p2() {
    let catalogue = builtin_catalogue();
    let p = catalogue.get("gluteal-tendinopathy").expect("built-in");
    for phase in p.phases.iter().filter(|ph| ph.id == "P1" || ph.id == "P2") {
        for pe in &phase.exercises {
            assert!(
                !pe.exercise.contains("clamshell") && !pe.exercise.contains("side-lying"),
                "{}",
                pe.exercise
            );
        }
    }
    assert!(p.avoid.iter().any(|a| a.contains("Crossing your legs")));
}

#[test]
fn hamstring_programme_has_the_load_test_and_isometric_dose() {
    let catalogue = builtin_catalogue();
    let p = catalogue
        .get("proximal-hamstring-tendinopathy")
        .expect("built-in");
    assert_eq!(p.load_test.as_ref().map(|t| t.ceiling), Some(3));
    let bridge = p.exercise("bridge-hold").expect("S1 isometric");
    assert_eq!(bridge.kind, ExerciseKind::Hold);
    for rung in &bridge.rungs {
        assert_eq!((rung.sets, rung.rest), (5, 120));
        assert!((30..=45).contains(&rung.hold.unwrap_or(0)));
    }
    assert!(p.avoid.iter().any(|a| a.contains("hamstring stretches")));
}

#[test]
fn return_to_running_is_an_entry_test_then_the_walk_run_ladder() {
    let catalogue = builtin_catalogue();
    let p = catalogue.get("return-to-running").expect("built-in");
    assert!(p.rules.running_caps);
    assert_eq!(p.phases.len(), 2);
    assert_eq!(p.phases[0].exit.max_pain_during, Some(3));
    let ladder = p.exercise("walk-run").expect("walk-run");
    assert_eq!(ladder.kind, ExerciseKind::Interval);
    let labels: Vec<_> = ladder
        .rungs
        .iter()
        .filter_map(|r| r.label.as_deref())
        .collect();
    assert_eq!(labels, ["W1", "W2", "W3", "W4", "W5"]);
    // Each rung is about 30 minutes in total (W4 is 2 × 16 min in the source).
    for r in &ladder.rungs {
        let minutes = r.sets * (r.walk.unwrap_or(0) + r.run.unwrap_or(0)) / 60;
        assert!((30..=32).contains(&minutes), "{r:?}");
    }
}

#[test]
fn the_documented_example_is_a_valid_programme_using_every_field() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/README.md"))
            .expect("programmes/README.md");
    let start = readme.find("```toml\n").expect("a toml example") + "```toml\n".len();
    let length = readme[start..].find("```").expect("end of the example");
    let example = &readme[start..start + length];
    let p = match parse_programme(example) {
        Ok(p) => p,
        Err(problems) => panic!("the README example has problems: {problems:#?}"),
    };
    assert!(p.load_test.is_some() && p.phases[0].exercises[1].frequency.is_some());
    assert!(
        p.phases[0].exit.max_weekly_morning_mean.is_some() && p.phases[1].continue_with.is_some()
    );
    let kinds: Vec<_> = p.exercises.iter().map(|e| e.kind).collect();
    for kind in [
        ExerciseKind::Reps,
        ExerciseKind::Hold,
        ExerciseKind::Interval,
        ExerciseKind::Stretch,
    ] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
}

// ------------------------------------------------------------------ one fixture per error

/// (fixture, line, field, words the message must contain)
const CASES: &[(&str, usize, &str, &str)] = &[
    (
        "unknown_key.toml",
        20,
        "exercises[1].rungs[2].weight",
        "unknown key `weight`",
    ),
    (
        "missing_field.toml",
        14,
        "exercises[1].kind",
        "missing required field `kind`",
    ),
    (
        "wrong_type.toml",
        20,
        "exercises[1].rungs[2].sets",
        "expected a whole number",
    ),
    (
        "two_variables.toml",
        20,
        "exercises[1].rungs[2]",
        "sets and reps",
    ),
    (
        "zero_hold.toml",
        27,
        "exercises[2].rungs[1].hold",
        "hold of 0",
    ),
    (
        "zero_duration.toml",
        27,
        "exercises[2].rungs[1].duration",
        "duration of 0",
    ),
    (
        "too_many_sets.toml",
        19,
        "exercises[1].rungs[1].sets",
        "more than 20",
    ),
    (
        "kind_needs_field.toml",
        27,
        "exercises[2].rungs[1].hold",
        "a `hold` rung needs `hold`",
    ),
    (
        "missing_exercise.toml",
        12,
        "phases[1].exercises[2].exercise",
        "no exercise with id `lunge`",
    ),
    (
        "missing_isometric.toml",
        18,
        "exercises[1].isometric",
        "no exercise with id `wall-press`",
    ),
    (
        "floor_out_of_ladder.toml",
        12,
        "phases[1].exercises[1].floor",
        "outside `lift`'s ladder",
    ),
    (
        "top_out_of_ladder.toml",
        12,
        "phases[1].exercises[1].top",
        "outside `lift`'s ladder",
    ),
    (
        "duplicate_exercise_id.toml",
        24,
        "exercises[2].id",
        "duplicate exercise id `lift`",
    ),
    (
        "duplicate_phase_id.toml",
        15,
        "phases[2].id",
        "duplicate phase id `F1`",
    ),
    (
        "load_test_ceiling.toml",
        11,
        "load_test.ceiling",
        "from 0 to 10",
    ),
    (
        "exit_pain.toml",
        13,
        "phases[1].exit.max_pain_after",
        "from 0 to 10",
    ),
    ("coach_pain.toml", 9, "coach.amber_max", "from 0 to 10"),
    ("empty_phases.toml", 8, "phases", "at least one phase"),
    (
        "empty_rungs.toml",
        18,
        "exercises[1].rungs",
        "at least one rung",
    ),
    ("syntax_error.toml", 16, "", "TOML syntax"),
];

#[test]
fn each_fixture_reports_its_line_and_field() {
    for &(name, line, field, words) in CASES {
        let problems = problems_in(name);
        assert!(
            problems
                .iter()
                .any(|p| p.line == line && p.field == field && p.message.contains(words)),
            "{name}: expected line {line}, field `{field}`, message with `{words}`; got {problems:#?}"
        );
    }
}

#[test]
fn the_valid_fixture_validates() {
    let text = std::fs::read_to_string(fixture("valid.toml")).expect("fixture");
    let p = parse_programme(&text).expect("valid");
    assert_eq!(p.id, "fixture");
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let problems = problems_in("several_problems.toml");
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["phases[1].min_dayz", "exercises[1].rungs[2].tempo"]
    );
}

// ------------------------------------------------------------------ never panics

/// Pieces that make mutations likely to hit the interesting paths.
const SNIPPETS: &[&str] = &[
    "",
    "\n",
    "=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    ",",
    "0",
    "-1",
    "99999999999",
    "1.5",
    "true",
    "[[phases]]\n",
    "[[exercises]]\n",
    "rungs = []\n",
    "kind = \"hold\"",
    "hold = 0",
    "é",
];

fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut s = text.to_string();
    for &(at, cut, snippet) in edits {
        let mut start = at % (s.len() + 1);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + cut).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s.replace_range(start..end, SNIPPETS[snippet % SNIPPETS.len()]);
    }
    s
}

proptest! {
    #[test]
    fn any_text_gives_a_programme_or_problems(text in any::<String>()) {
        let _ = parse_programme(&text);
    }

    #[test]
    fn mutated_builtins_give_a_programme_or_problems_with_places(
        which in 0..BUILTIN_FILES.len(),
        edits in prop::collection::vec((any::<usize>(), 0usize..40, any::<usize>()), 1..6),
    ) {
        let text = mutate(BUILTIN_FILES[which].1, &edits);
        if let Err(problems) = parse_programme(&text) {
            prop_assert!(!problems.is_empty());
            let lines = text.lines().count().max(1) + 1;
            for p in problems {
                prop_assert!(p.line >= 1 && p.line <= lines && p.column >= 1, "{p:?}");
            }
        }
    }
}

// ------------------------------------------------------------------ the commands

fn rehab(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("rehab").expect("binary");
    cmd.env_remove("REHAB_CONFIG_DIR")
        .env_remove("REHAB_DATA_DIR")
        .arg("--config-dir")
        .arg(config)
        .arg("--data-dir")
        .arg(config.join("data"));
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `rehab programmes check FILES…`, which must fail with exit code 1; its stdout (the problems).
fn failed_check_of(config: &Path, files: &[&Path]) -> String {
    let out = rehab(config)
        .args(["programmes", "check"])
        .args(files)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn list_shows_the_five_builtins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = stdout_of(rehab(dir.path()).args(["programmes", "list"]));
    for id in BUILTIN_IDS {
        assert!(out.contains(id), "{id} missing from:\n{out}");
    }
    assert_eq!(out.matches("from: built-in").count(), 5);
}

#[test]
fn show_prints_phases_doses_avoid_list_and_sources() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = stdout_of(rehab(dir.path()).args(["programmes", "show", "gluteal-tendinopathy"]));
    for words in [
        "Phase 1 of 4: P1 Familiarise",
        "Avoid:",
        "Crossing your legs or knees",
        "3 × 5 s hold, rest 30 s, effort 2–3/10",
        "Then continue with the `return-to-running` programme.",
        "Sources:",
        "See a clinician first if:",
    ] {
        assert!(out.contains(words), "`{words}` missing from:\n{out}");
    }
}

#[test]
fn show_of_an_unknown_id_names_the_list_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = rehab(dir.path())
        .args(["programmes", "show", "knee-pain"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("knee-pain") && stderr.contains("rehab programmes list"),
        "{stderr}"
    );
}

#[test]
fn check_passes_valid_files_with_a_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/gluteal-tendinopathy.toml");
    let out = stdout_of(rehab(dir.path()).args(["programmes", "check"]).arg(&file));
    assert!(out.starts_with("ok "), "{out}");
    assert!(
        out.contains("gluteal-tendinopathy, 4 phases, 11 exercises"),
        "{out}"
    );
}

#[test]
fn check_fails_with_file_line_column_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = fixture("zero_hold.toml");
    let stdout = failed_check_of(dir.path(), &[&file]);
    let expected = format!(
        "{}:27:29: exercises[2].rungs[1].hold: hold of 0",
        file.display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
}

#[test]
fn check_reports_a_duplicate_programme_id_across_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("copy.toml");
    std::fs::copy(fixture("valid.toml"), &copy).expect("copy");
    let stdout = failed_check_of(dir.path(), &[&fixture("valid.toml"), &copy]);
    assert!(
        stdout.contains("duplicate programme id `fixture`"),
        "{stdout}"
    );
}

#[test]
fn check_reports_a_handover_to_a_programme_nobody_has() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = fixture("unknown_handover.toml");
    let stdout = failed_check_of(dir.path(), &[&file]);
    let expected = format!(
        "{}:13:1: phases[1].continue_with: no programme with id `return-to-runing`",
        file.display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
}

#[test]
fn a_broken_user_programme_warns_and_the_builtins_still_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programmes = dir.path().join("programmes");
    std::fs::create_dir_all(&programmes).expect("mkdir");
    std::fs::copy(fixture("zero_hold.toml"), programmes.join("broken.toml")).expect("copy");
    let out = rehab(dir.path())
        .args(["programmes", "list"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout.matches("from: built-in").count(), 5, "{stdout}");
    assert!(
        stderr.contains("warning:") && stderr.contains("broken.toml") && stderr.contains("line 27"),
        "{stderr}"
    );
}

#[test]
fn a_user_programme_adds_to_or_overrides_the_builtins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let programmes = dir.path().join("programmes");
    std::fs::create_dir_all(&programmes).expect("mkdir");
    let valid = std::fs::read_to_string(fixture("valid.toml")).expect("fixture");
    std::fs::write(programmes.join("mine.toml"), &valid).expect("write");
    std::fs::write(
        programmes.join("my-gluteal.toml"),
        valid.replace("id = \"fixture\"", "id = \"gluteal-tendinopathy\""),
    )
    .expect("write");

    let catalogue = load_catalogue(&programmes);
    assert_eq!(catalogue.entries.len(), 6);
    assert!(catalogue.overrides_builtin("gluteal-tendinopathy"));
    assert_eq!(
        catalogue
            .get("gluteal-tendinopathy")
            .map(|p| p.name.as_str()),
        Some("Fixture")
    );

    let out = stdout_of(rehab(dir.path()).args(["programmes", "list"]));
    assert!(
        out.contains("my-gluteal.toml (overrides built-in)"),
        "{out}"
    );
    assert!(out.contains("fixture  Fixture"), "{out}");
}
