//! The real `rehab` binary on temp data and config dirs: the daily commands, bad input that must
//! write nothing, the journal commands, and a week of backfilled days with rising pain.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{Days, Local, NaiveDate};
use rehab_coach::store::journal_file::{JournalWriter, lock_file_name};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "support/cli_env.rs"]
mod cli_env;
use cli_env::Env;
/// Exercise ids of the fixture's only phase.
const FIXTURE_EXERCISES: [&str; 3] = ["quick-hold", "quick-reps", "quick-stretch"];

impl Env {
    /// Every file in the data dir with its bytes (None when the dir does not exist).
    fn data_snapshot(&self) -> Option<Vec<(PathBuf, Vec<u8>)>> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(&self.data)
            .ok()?
            .map(|e| {
                let path = e.unwrap().path();
                let bytes = fs::read(&path).unwrap();
                (path, bytes)
            })
            .collect();
        files.sort();
        Some(files)
    }

    /// Every journal line parsed as plain JSON, as a script would read it.
    fn journal_lines(&self) -> Vec<Value> {
        journal_files(&self.data)
            .iter()
            .flat_map(|path| {
                fs::read_to_string(path)
                    .unwrap()
                    .lines()
                    .map(|l| serde_json::from_str::<Value>(l).unwrap())
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

fn journal_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("journal-")
                && name.ends_with(".jsonl")
                && name.matches('.').count() == 1
        })
        .collect();
    files.sort();
    files
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days_ago(n: u64) -> String {
    (today() - Days::new(n)).to_string()
}

fn of_kind<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["kind"] == kind).collect()
}

/// Lines of `today`'s text output that give a reason ("  - ... [rule]").
fn reason_lines(text: &str) -> usize {
    text.lines()
        .filter(|l| l.trim_start().starts_with("- ") && l.trim_end().ends_with(']'))
        .count()
}

#[test]
fn start_checkin_today_shows_a_plan_with_reasons() {
    let env = Env::new();
    let started = env.ok(&["start", "quick-test"]);
    assert!(started.contains("Quick test programme"), "{started}");
    let checked = env.ok(&["checkin", "--pain", "3", "--stiffness", "2", "--no-flags"]);
    assert!(checked.contains("3/10"), "{checked}");

    let plan = env.ok(&["today"]);
    assert!(plan.contains("phase T1"), "{plan}");
    assert!(plan.contains("Decision: "), "{plan}");
    assert!(reason_lines(&plan) >= 1, "no reasons:\n{plan}");
    for id in FIXTURE_EXERCISES {
        assert!(plan.contains(id), "{id} missing:\n{plan}");
    }
    assert!(plan.contains("rung "), "{plan}");

    let json: Value = serde_json::from_str(&env.ok(&["today", "--json"])).unwrap();
    assert_eq!(json["date"], today().to_string());
    assert_eq!(json["programme"], "quick-test");
    assert_eq!(json["phase"], "T1");
    assert!(json["decision"]["decision"].is_string());
    for key in [
        "week",
        "reasons",
        "exercises",
        "locked",
        "deload",
        "prompts",
    ] {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }
    let exercise = &json["exercises"][0];
    for key in [
        "exercise",
        "rung",
        "dose",
        "decision",
        "reasons",
        "due_today",
    ] {
        assert!(exercise.get(key).is_some(), "{key} missing from {exercise}");
    }

    let lines = env.journal_lines();
    assert_eq!(of_kind(&lines, "programme_chosen").len(), 1);
    assert_eq!(of_kind(&lines, "check_in").len(), 1);
    for line in &lines {
        assert_eq!(line["v"], 1);
        for key in ["id", "at", "date", "kind"] {
            assert!(line.get(key).is_some(), "{key} missing from {line}");
        }
    }
}

#[test]
fn a_fresh_data_dir_is_never_created_by_reading_or_refusing() {
    let env = Env::new();
    let err = env.fails(&["today"]);
    assert!(err.contains("no programme chosen yet"), "{err}");
    assert!(env.ok(&["journal", "repair"]).contains("nothing to repair"));
    assert!(
        env.ok(&["journal", "check"])
            .starts_with("journal OK: 0 records")
    );
    assert_eq!(env.ok(&["journal", "list"]), "");
    assert!(err.contains("rehab start"), "{err}");
    let err = env.fails(&["log", "session", "--pain-during", "2", "--pain-after", "2"]);
    assert!(err.contains("no programme chosen yet"), "{err}");
    assert!(!env.data.exists(), "nothing may be created");
}

#[test]
fn bad_input_gives_a_clear_message_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    env.ok(&["checkin", "--pain", "2", "--stiffness", "1"]);
    let check_in_id = env.journal_lines()[1]["id"].as_str().unwrap().to_string();
    env.ok(&["correct", &check_in_id, "stiffness=2"]);
    let correction_id = env.journal_lines()[2]["id"].as_str().unwrap().to_string();
    let yesterday = days_ago(1);
    let tomorrow = (today() + Days::new(1)).to_string();
    let before = env.data_snapshot();

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["checkin", "--pain", "11", "--stiffness", "2"],
            "--pain: 11 is not on the 0–10 scale",
        ),
        (
            vec!["checkin", "--pain", "3", "--stiffness=-1"],
            "--stiffness: -1 is not on the 0–10 scale",
        ),
        (vec!["checkin", "--pain", "two"], "not a number"),
        (
            vec!["checkin", "--pain", "3", "--flag", "nonsense"],
            "--list-flags",
        ),
        (vec!["checkin"], "nothing to record"),
        (
            vec!["checkin", "--pain", "3", "--date", &tomorrow],
            "is after today",
        ),
        (vec!["start", "no-such-programme"], "rehab programmes list"),
        (
            vec![
                "log",
                "session",
                "--pain-during",
                "3",
                "--pain-after",
                "2",
                "--skip",
                "moonwalk",
            ],
            "--skip moonwalk: not an exercise in today's plan",
        ),
        (
            vec!["log", "session", "--pain-during", "12", "--pain-after", "2"],
            "--pain-during",
        ),
        (
            vec![
                "log",
                "run",
                "--minutes",
                "30",
                "--rpe",
                "11",
                "--pain",
                "2",
            ],
            "--rpe",
        ),
        (
            vec!["log", "run", "--minutes", "0", "--rpe", "4", "--pain", "2"],
            "--minutes",
        ),
        (vec!["log", "note", "  "], "the note is empty"),
        (
            vec!["correct", "no-such-id", "pain=3"],
            "rehab journal list",
        ),
        (
            vec!["correct", &check_in_id, "pain=12"],
            "refused, nothing written",
        ),
        (vec!["correct", &check_in_id, "pain"], "FIELD=VALUE"),
        (vec!["correct", &check_in_id, "id=x"], "cannot be corrected"),
        (
            vec!["correct", &correction_id, "stiffness=1"],
            "is itself a correction",
        ),
        (
            vec!["today", "--date", &yesterday],
            "your programme starts on",
        ),
        (
            vec![
                "log",
                "session",
                "--pain-during",
                "3",
                "--pain-after",
                "2",
                "--date",
                &yesterday,
            ],
            "no programme was chosen on or before",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(&args);
        assert!(
            err.contains(expected),
            "rehab {args:?}: expected {expected:?} in:\n{err}"
        );
        assert_eq!(
            env.data_snapshot(),
            before,
            "rehab {args:?} wrote something"
        );
    }
}

#[test]
fn a_red_flag_prints_the_stop_instruction_at_once() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let out = env.ok(&[
        "checkin",
        "--pain",
        "4",
        "--flag",
        "saddle_numbness",
        "--no-flags",
    ]);
    assert!(
        out.starts_with("STOP (EMERGENCY): go to emergency care now"),
        "{out}"
    );
    assert!(out.contains("does not rule out"), "{out}");
    assert!(out.contains("rehab log clinician-seen"), "{out}");
    let lines = env.journal_lines();
    let check_in = of_kind(&lines, "check_in")[0];
    assert_eq!(check_in["red_flags"]["saddle_numbness"], true);
    assert_eq!(check_in["red_flags"]["bone_stress"], false);
    let list = env.ok(&["checkin", "--list-flags"]);
    assert!(
        list.contains("saddle_numbness") && list.contains("EMERGENCY"),
        "{list}"
    );
}

#[test]
fn a_writer_stuck_holding_the_lock_is_named_and_nothing_is_written() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let writer = JournalWriter::open(&env.data).unwrap();
    // Another rehab in the middle of a write (the lock is held only while writing).
    let lock = fs::File::open(env.data.join(lock_file_name(writer.device_id()))).unwrap();
    lock.lock().unwrap();
    let before = env.data_snapshot();
    let err = env.fails(&["log", "note", "second"]);
    assert!(
        err.contains("another rehab is writing to the journal in"),
        "{err}"
    );
    assert!(err.contains("close it"), "{err}");
    assert_eq!(env.data_snapshot(), before);
    drop(lock);
    env.ok(&["log", "note", "second"]);
    assert_eq!(of_kind(&env.journal_lines(), "note").len(), 2);
}

#[test]
fn journal_check_lists_problems_and_repair_moves_them_aside() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    env.ok(&["checkin", "--pain", "2", "--stiffness", "1"]);
    let journal = journal_files(&env.data).remove(0);
    let mut text = fs::read_to_string(&journal).unwrap();
    text.push_str("oops\n");
    fs::write(&journal, &text).unwrap();
    env.ok(&["log", "note", "after the damage"]);

    let out = env.rehab(&["journal", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{}:3: not valid JSON", journal.display())),
        "{stdout}"
    );

    let repaired = env.ok(&["journal", "repair"]);
    assert!(
        repaired.contains("moved 1 damaged line(s) (line 3)"),
        "{repaired}"
    );
    assert!(
        repaired.contains("kept a copy of the original"),
        "{repaired}"
    );
    let summary = env.ok(&["journal", "check"]);
    assert!(
        summary.starts_with("journal OK: 3 records in 1 file(s)"),
        "{summary}"
    );
    let list = env.ok(&["journal", "list"]);
    assert_eq!(list.lines().count(), 3, "{list}");
}

#[test]
fn correct_appends_a_correction_and_keeps_the_original() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    env.ok(&["checkin", "--pain", "6", "--stiffness", "2"]);
    let id = env.journal_lines()[1]["id"].as_str().unwrap().to_string();
    let out = env.ok(&["correct", &id, "pain=2", "--reason", "typo"]);
    assert!(out.contains("pain: 6 → 2"), "{out}");
    let lines = env.journal_lines();
    let correction = of_kind(&lines, "correction")[0];
    assert_eq!(correction["target"], id.as_str());
    assert_eq!(correction["fields"]["pain"], 2);
    assert_eq!(correction["reason"], "typo");
    assert_eq!(
        of_kind(&lines, "check_in")[0]["pain"],
        6,
        "the original is kept"
    );
    let list = env.ok(&["journal", "list", "--on", &today().to_string()]);
    assert!(list.contains("correction"), "{list}");
}

#[test]
fn a_week_of_backfilled_days_with_rising_pain_is_recorded_and_never_progresses() {
    let env = Env::new();
    const DAYS: u64 = 7;
    env.ok(&["start", "quick-test", "--date", &days_ago(DAYS)]);
    for offset in 0..DAYS {
        let date = days_ago(DAYS - offset);
        let pain = (2 + offset).to_string();
        let during = (3 + offset).to_string();
        env.ok(&[
            "checkin",
            "--pain",
            &pain,
            "--stiffness",
            "2",
            "--no-flags",
            "--date",
            &date,
        ]);
        let plan: Value =
            serde_json::from_str(&env.ok(&["today", "--json", "--date", &date])).unwrap();
        assert_eq!(plan["date"], date.as_str());
        assert!(
            plan["exercises"].as_array().is_some_and(|e| !e.is_empty()),
            "{plan}"
        );
        env.ok(&[
            "log",
            "session",
            "--pain-during",
            &during,
            "--pain-after",
            &during,
            "--effort",
            "4",
            "--date",
            &date,
        ]);
    }
    env.ok(&["checkin", "--pain", "9", "--stiffness", "6", "--no-flags"]);

    let text = env.ok(&["today"]);
    assert!(text.contains("Decision: "), "{text}");
    assert!(reason_lines(&text) >= 1, "no reasons:\n{text}");
    let plan: Value = serde_json::from_str(&env.ok(&["today", "--json"])).unwrap();
    assert_ne!(
        plan["decision"]["decision"], "progress",
        "pain rose to 9/10 during sessions: the coach must not step up\n{plan}"
    );

    let lines = env.journal_lines();
    assert_eq!(of_kind(&lines, "check_in").len(), DAYS as usize + 1);
    assert_eq!(of_kind(&lines, "session_started").len(), DAYS as usize);
    assert_eq!(of_kind(&lines, "session_finished").len(), DAYS as usize);
    for (offset, finished) in of_kind(&lines, "session_finished").iter().enumerate() {
        assert_eq!(finished["date"], days_ago(DAYS - offset as u64).as_str());
        assert_eq!(finished["pain_after"], 3 + offset as u64);
    }
    // Every planned set is logged, per side for the two-sided hold, with the pain during.
    for started in of_kind(&lines, "session_started") {
        let sets: Vec<&Value> = of_kind(&lines, "set_done")
            .into_iter()
            .filter(|s| s["session"] == started["id"])
            .collect();
        let planned: u64 = started["plan"]["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let sides = if e["exercise"] == "quick-hold" { 2 } else { 1 };
                e["dose"]["sets"].as_u64().unwrap() * sides
            })
            .sum();
        assert_eq!(sets.len() as u64, planned);
    }
}

#[test]
fn log_session_records_skips_and_every_set() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let out = env.ok(&[
        "log",
        "session",
        "--pain-during",
        "3",
        "--pain-after",
        "2",
        "--pain-before",
        "1",
        "--skip",
        "quick-reps",
        "--note",
        "felt fine",
    ]);
    assert!(out.contains("1 skipped"), "{out}");
    let lines = env.journal_lines();
    let started = of_kind(&lines, "session_started")[0];
    assert_eq!(started["pain_before"], 1);
    let skipped = of_kind(&lines, "exercise_skipped");
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0]["exercise"], "quick-reps");
    assert_eq!(skipped[0]["session"], started["id"]);
    let sets = of_kind(&lines, "set_done");
    assert!(
        sets.iter()
            .all(|s| s["exercise"] != "quick-reps" && s["pain"] == 3)
    );
    let hold_sides: Vec<&str> = sets
        .iter()
        .filter(|s| s["exercise"] == "quick-hold")
        .map(|s| s["side"].as_str().unwrap())
        .collect();
    assert_eq!(hold_sides, vec!["left", "right", "left", "right"]);
    let finished = of_kind(&lines, "session_finished")[0];
    assert_eq!(finished["note"], "felt fine");
    assert_eq!(lines.last().unwrap()["kind"], "session_finished");

    let again = env.ok(&["log", "session", "--pain-during", "2", "--pain-after", "2"]);
    assert!(again.contains("This is session 2 on"), "{again}");
    assert_eq!(of_kind(&env.journal_lines(), "session_started").len(), 2);
}

#[test]
fn run_note_clinician_and_paths() {
    let env = Env::new();
    env.ok(&[
        "log",
        "run",
        "--minutes",
        "24.5",
        "--km",
        "3.2",
        "--rpe",
        "4",
        "--pain",
        "2",
    ]);
    env.ok(&["log", "note", "new shoes"]);
    env.ok(&["log", "clinician-seen", "--note", "physio: carry on"]);
    let lines = env.journal_lines();
    let run = of_kind(&lines, "run_logged")[0];
    assert_eq!(run["minutes"], 24.5);
    assert_eq!(run["km"], 3.2);
    assert_eq!(of_kind(&lines, "note")[0]["text"], "new shoes");
    assert_eq!(
        of_kind(&lines, "clinician_seen")[0]["note"],
        "physio: carry on"
    );

    let paths = env.ok(&["paths"]);
    // The id file is named after the machine (`device-id.<host name>`).
    let id_file = fs::read_dir(&env.data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("device-id.")
        })
        .unwrap();
    let device = fs::read_to_string(id_file).unwrap();
    assert!(
        paths.contains(&format!("device id   {}", device.trim())),
        "{paths}"
    );
    assert!(paths.contains("(this device)"), "{paths}");
    assert!(!paths.lines().any(|l| l.starts_with("cache")), "{paths}");
    assert!(
        paths.contains(&env.config.join("config.toml").display().to_string()),
        "{paths}"
    );
}

#[test]
fn a_load_test_is_judged_by_the_programmes_ceiling_not_the_pain_zones() {
    let env = Env::new();
    env.ok(&["start", "proximal-hamstring-tendinopathy"]);
    let out = env.ok(&["checkin", "--pain", "2", "--load-test", "4", "--no-flags"]);
    assert!(
        out.contains("load test  4/10 ■ above the load-test ceiling of 3"),
        "{out}"
    );
    let out = env.ok(&["checkin", "--load-test", "3"]);
    assert!(
        out.contains("load test  3/10 ● within the load-test ceiling of 3"),
        "{out}"
    );
}

#[test]
fn help_keeps_a_commands_own_options_apart_from_the_global_ones() {
    let env = Env::new();
    let help = env.ok(&["checkin", "--help"]);
    let (own, global) = help
        .split_once("Global options:")
        .expect("a global heading");
    assert!(
        own.contains("--pain <0-10>") && !own.contains("--data-dir"),
        "{help}"
    );
    assert!(
        global.contains("--date") && global.contains("--config-dir"),
        "{help}"
    );
}

#[test]
fn a_negative_run_is_refused_by_rehab_with_what_is_allowed() {
    let env = Env::new();
    let err = env.fails(&["log", "run", "--minutes", "-5", "--rpe", "3", "--pain", "1"]);
    assert!(
        err.contains("--minutes: -5 is not a plausible number"),
        "{err}"
    );
}

#[test]
fn checkin_says_when_the_red_flag_questions_are_due() {
    let env = Env::new();
    let day = |d: u32| format!("2026-03-{d:02}");
    let checkin = |d: u32, pain: &str, extra: &[&str]| {
        let date = day(d);
        let mut args = vec!["--date", date.as_str(), "checkin", "--pain", pain];
        args.extend_from_slice(extra);
        env.ok(&args)
    };
    env.ok(&["--date", &day(1), "start", "quick-test"]);
    let routine = "The red-flag questions are due (they are asked at least every 7 days)";
    let high = "Your pain is 6 or more: please answer the red-flag questions";
    // Never answered: due.
    assert!(checkin(1, "2", &[]).contains(routine));
    // Answered now: nothing more to ask.
    let answered = checkin(1, "2", &["--no-flags"]);
    assert!(
        !answered.contains(routine) && !answered.contains(high),
        "{answered}"
    );
    // Within the week: not due; high pain asks again.
    let next_day = checkin(2, "2", &[]);
    assert!(!next_day.contains(routine), "{next_day}");
    assert!(checkin(3, "6", &[]).contains(high));
    // A week after the answers: due again.
    assert!(!checkin(7, "2", &[]).contains(routine));
    assert!(checkin(8, "2", &[]).contains(routine));
}

#[test]
fn commands_that_record_nothing_leave_the_data_dir_uncreated() {
    let env = Env::new();
    env.ok(&["paths"]);
    env.ok(&["journal", "list"]);
    env.ok(&["journal", "check"]);
    env.ok(&["export"]);
    env.ok(&["report"]);
    env.fails(&["today"]);
    // Bad input is refused before the journal is opened.
    env.fails(&["checkin", "--pain", "11"]);
    assert_eq!(env.data_snapshot(), None, "{:?}", env.data);
    env.ok(&["log", "note", "first record"]);
    assert!(env.data_snapshot().is_some_and(|files| !files.is_empty()));
}

#[test]
fn log_session_takes_pain_per_exercise_and_side_and_warns_above_the_ceiling() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let before = env.data_snapshot();
    let err = env.fails(&[
        "log",
        "session",
        "--pain-during",
        "2",
        "--pain-after",
        "2",
        "--pain",
        "lunge=3",
    ]);
    assert!(
        err.contains("\"lunge\" is not an exercise done in this session"),
        "{err}"
    );
    let err = env.fails(&[
        "log",
        "session",
        "--pain-during",
        "2",
        "--pain-after",
        "2",
        "--pain",
        "quick-reps:L=3",
    ]);
    assert!(err.contains("quick-reps is not done on each side"), "{err}");
    assert_eq!(env.data_snapshot(), before, "a refused log writes nothing");

    let out = env.ok(&[
        "log",
        "session",
        "--pain-during",
        "2",
        "--pain-after",
        "5",
        "--pain",
        "quick-reps=6",
        "--pain",
        "quick-hold:L=4",
    ]);
    assert!(out.contains("pain during up to 6/10"), "{out}");
    assert!(
        out.contains("Warning: quick-reps hurt 6/10, above the ceiling of 5/10"),
        "{out}"
    );
    assert!(
        !out.contains("pain after"),
        "5/10 after is at the ceiling, not above: {out}"
    );
    let pains: Vec<(String, Option<String>, u64)> = of_kind(&env.journal_lines(), "set_done")
        .iter()
        .map(|s| {
            (
                s["exercise"].as_str().unwrap().to_string(),
                s["side"].as_str().map(str::to_string),
                s["pain"].as_u64().unwrap(),
            )
        })
        .collect();
    for (exercise, side, pain) in &pains {
        let expected = match (exercise.as_str(), side.as_deref()) {
            ("quick-reps", _) => 6,
            ("quick-hold", Some("left")) => 4,
            _ => 2,
        };
        assert_eq!(*pain, expected, "{exercise} {side:?}");
    }
    assert!(
        pains
            .iter()
            .any(|(e, s, _)| e == "quick-hold" && s.as_deref() == Some("right"))
    );

    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    // Every exercise named: --pain-during was given to none, so it is not warned about.
    let named = env.ok(&[
        "log",
        "session",
        "--pain-during",
        "9",
        "--pain-after",
        "2",
        "--pain",
        "quick-hold=2",
        "--pain",
        "quick-reps=2",
        "--pain",
        "quick-stretch=2",
    ]);
    assert!(!named.contains("Warning"), "{named}");
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let out = env.ok(&["log", "session", "--pain-during", "6", "--pain-after", "6"]);
    assert!(
        out.contains("Warning: pain during (6/10) was above the ceiling"),
        "{out}"
    );
    assert!(
        out.contains("Warning: pain after (6/10) was above the ceiling"),
        "{out}"
    );
}

#[test]
fn log_run_warns_when_it_hurt_above_the_ceiling() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let at = env.ok(&["log", "run", "--minutes", "20", "--rpe", "4", "--pain", "5"]);
    assert!(!at.contains("Warning"), "{at}");
    let above = env.ok(&["log", "run", "--minutes", "20", "--rpe", "4", "--pain", "6"]);
    assert!(
        above.contains("Warning: the run hurt 6/10, above the ceiling of 5/10"),
        "{above}"
    );
}

#[test]
fn a_referral_is_acknowledged_from_the_command_line() {
    let env = Env::new();
    env.ok(&["start", "quick-test", "--date", &days_ago(3)]);
    let err = env.fails(&["log", "referral-acknowledged", "--date", &days_ago(3)]);
    assert!(err.contains("no referral is waiting"), "{err}");
    // Morning pain rising three days running up to the ceiling: rule 3.
    for (ago, pain) in [(2, "3"), (1, "4"), (0, "5")] {
        env.ok(&[
            "checkin",
            "--pain",
            pain,
            "--no-flags",
            "--date",
            &days_ago(ago),
        ]);
    }
    let plan: Value = serde_json::from_str(&env.ok(&["today", "--json"])).unwrap();
    assert_eq!(plan["decision"]["decision"], "refer", "{plan}");
    let out = env.ok(&["log", "referral-acknowledged"]);
    assert!(out.contains("Acknowledged"), "{out}");
    let acks = of_kind(&env.journal_lines(), "referral_acknowledged")
        .iter()
        .map(|r| r["reason"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert_eq!(acks, vec!["rising_trend".to_string()]);
    let plan: Value = serde_json::from_str(&env.ok(&["today", "--json"])).unwrap();
    assert_ne!(plan["decision"]["decision"], "refer", "{plan}");
}

#[test]
fn a_milestone_is_answered_from_the_command_line() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let err = env.fails(&["log", "milestone", "anything", "--yes"]);
    assert!(err.contains("asks no milestone questions"), "{err}");
    env.ok(&["start", "return-to-running"]);
    let err = env.fails(&["log", "milestone", "cleared", "--yes"]);
    assert!(
        err.contains("bone-stress-cleared"),
        "the ids are listed: {err}"
    );
    env.fails(&["log", "milestone", "bone-stress-cleared"]);
    let out = env.ok(&["log", "milestone", "bone-stress-cleared", "--no"]);
    assert!(out.contains("waits for a yes"), "{out}");
    let text = env.ok(&["today"]);
    assert!(
        text.contains("rehab log milestone bone-stress-cleared --yes"),
        "{text}"
    );
    env.ok(&["log", "milestone", "bone-stress-cleared", "--yes"]);
    let answers: Vec<(String, bool)> = of_kind(&env.journal_lines(), "milestone_answered")
        .iter()
        .map(|r| {
            assert_eq!(r["programme"], "return-to-running");
            (
                r["milestone"].as_str().unwrap().to_string(),
                r["yes"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        answers,
        vec![
            ("bone-stress-cleared".to_string(), false),
            ("bone-stress-cleared".to_string(), true)
        ]
    );
}
