//! `rehab` as a Unix tool: completions and the man page from the clap definition, exit codes,
//! `--json` with a schema version everywhere, `programmes show --toml`, `rehab config`, and the
//! app's own message for a pain off the scale. Installs nothing: a missing checker is skipped
//! with the reason printed (.ci/run installs groff).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use assert_cmd::Command;
use chrono::Datelike as _;
use serde_json::Value;
use std::io::Write as _;
use std::process::Stdio;

const FIXTURE: &str = include_str!("fixtures/quick.toml");

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let programmes = dir.path().join("config").join("programmes");
        std::fs::create_dir_all(&programmes).unwrap();
        std::fs::write(programmes.join("quick.toml"), FIXTURE).unwrap();
        Env { dir }
    }

    fn rehab(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_rehab"))
            .env_remove("REHAB_DATA_DIR")
            .env_remove("REHAB_CONFIG_DIR")
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .arg("--config-dir")
            .arg(self.dir.path().join("config"))
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.rehab(args);
        assert!(
            out.status.success(),
            "rehab {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let value: Value = serde_json::from_str(&self.ok(args)).unwrap();
        assert_eq!(value["schema"], 1, "rehab {args:?} has no schema: {value}");
        value
    }
}

fn has(tool: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `program args` with `input` on stdin; (success, stdout, stderr).
fn pipe(program: &str, args: &[&str], input: &[u8]) -> (bool, String, String) {
    let mut child = std::process::Command::new(program)
        .args(args)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn completion_scripts_are_valid_shell() {
    let env = Env::new();
    let bash = env.ok(&["completions", "bash"]);
    assert!(
        bash.contains("journal") && bash.contains("--pain"),
        "{bash}"
    );
    if has("bash") {
        let (ok, _, err) = pipe("bash", &["-n"], bash.as_bytes());
        assert!(ok, "bash -n rejects the completion script: {err}");
    } else {
        println!("skipped bash -n: bash is not installed");
    }
    for shell in ["zsh", "fish"] {
        assert!(env.ok(&["completions", shell]).contains("programmes"));
    }
    let out = env.rehab(&["completions", "tcsh"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_man_page_renders_without_warnings() {
    let page = Env::new().ok(&["man"]);
    assert!(page.starts_with(".ie") || page.contains(".TH"), "not roff");
    if has("groff") {
        let (ok, text, err) = pipe("groff", &["-k", "-man", "-Tutf8", "-ww"], page.as_bytes());
        assert!(ok && err.is_empty(), "groff warns: {err}");
        let text = without_overstrike(&text);
        for heading in ["REHAB CHECKIN", "REHAB PROGRAMMES SHOW", "Exit status"] {
            assert!(text.contains(heading), "{heading} missing from:\n{text}");
        }
    } else {
        println!("skipped the groff check: groff is not installed (.ci/run installs groff-base)");
    }
    if has("man") {
        let (ok, text, err) = pipe("man", &["-l", "-"], page.as_bytes());
        assert!(ok, "man -l - failed: {err}");
        assert!(text.contains("rehab"), "{text}");
    } else {
        println!("skipped man -l -: man is not installed");
    }
}

/// Terminal bold/underline from groff (`X\x08X`) as plain text.
fn without_overstrike(text: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

#[test]
fn exit_codes_are_0_1_and_2_as_documented() {
    let env = Env::new();
    assert_eq!(env.rehab(&["paths"]).status.code(), Some(0));
    assert_eq!(env.rehab(&["start", "no-such"]).status.code(), Some(1));
    assert_eq!(env.rehab(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(env.rehab(&["today", "--bogus"]).status.code(), Some(2));
    let help = env.ok(&["--help"]);
    assert!(
        help.contains("Exit status") && help.contains("130"),
        "{help}"
    );
}

#[test]
fn every_json_output_carries_its_schema() {
    let env = Env::new();
    let paths = env.json(&["paths", "--json"]);
    assert_eq!(paths["data_dir_exists"], false);
    assert!(
        paths["config_file"]
            .as_str()
            .unwrap()
            .ends_with("config.toml")
    );
    let list = env.json(&["programmes", "list", "--json"]);
    let ids: Vec<&str> = list["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"quick-test") && ids.contains(&"return-to-running"),
        "{ids:?}"
    );
    let shown = env.json(&["programmes", "show", "quick-test", "--json"]);
    assert_eq!(shown["id"], "quick-test");
    assert!(shown["exercises"].as_array().is_some_and(|e| !e.is_empty()));
    env.ok(&["start", "quick-test"]);
    env.ok(&["log", "note", "a note"]);
    let records = env.json(&["journal", "list", "--json"]);
    let kinds: Vec<&str> = records["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["programme_chosen", "note"]);
    let today = env.json(&["today", "--json"]);
    assert_eq!(today["programme"], "quick-test");
}

#[test]
fn a_builtin_programme_prints_its_source_which_checks_clean() {
    let env = Env::new();
    let source = env.ok(&["programmes", "show", "hip-osteoarthritis", "--toml"]);
    assert!(source.contains("id = \"hip-osteoarthritis\""), "{source}");
    let copy = env.dir.path().join("my-hip.toml");
    std::fs::write(
        &copy,
        source.replace("id = \"hip-osteoarthritis\"", "id = \"my-hip\""),
    )
    .unwrap();
    let checked = env.ok(&["programmes", "check", copy.to_str().unwrap()]);
    assert!(checked.starts_with("ok "), "{checked}");
    let own = env.ok(&["programmes", "show", "quick-test", "--toml"]);
    assert_eq!(own, FIXTURE);
}

#[test]
fn config_shows_each_setting_with_its_default_and_source() {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("config").join("config.toml"),
        "units = \"mi\"\n[coach]\namber_max = 4\n",
    )
    .unwrap();
    let text = env.ok(&["config"]);
    assert!(text.contains("units = \"mi\""), "{text}");
    assert!(text.contains("amber_max = 4  # default 5; from "), "{text}");
    assert!(text.contains("bell = true"), "{text}");
    text.parse::<toml::Table>().unwrap();
}

#[test]
fn a_negative_pain_gets_the_apps_range_message() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    for args in [
        ["checkin", "--pain", "-1", "--stiffness", "2", "--no-flags"].as_slice(),
        [
            "log",
            "run",
            "--minutes",
            "20",
            "--rpe",
            "4",
            "--pain",
            "-3",
        ]
        .as_slice(),
    ] {
        let out = env.rehab(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("not on the 0–10 scale"), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{err}");
    }
}

#[test]
fn miles_in_the_log_the_report_and_the_caps_while_the_journal_keeps_km() {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("config").join("config.toml"),
        "units = \"mi\"\n",
    )
    .unwrap();
    // The report lists whole weeks that start or end in its period: run on this week's Monday.
    let today = chrono::Local::now().date_naive();
    let monday = today - chrono::Days::new(u64::from(today.weekday().num_days_from_monday()));
    let monday = monday.to_string();
    env.ok(&["start", "quick-test", "--date", &monday]);
    let run = [
        "log",
        "run",
        "--minutes",
        "30",
        "--mi",
        "3",
        "--rpe",
        "4",
        "--pain",
        "1",
    ];
    let said = env.ok(&[run.as_slice(), &["--date", &monday]].concat());
    assert!(said.contains("30 min, 3 mi"), "{said}");
    let out = env.rehab(&[
        "log",
        "run",
        "--minutes",
        "30",
        "--mi",
        "3",
        "--km",
        "5",
        "--rpe",
        "4",
        "--pain",
        "1",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--mi and --km together is a usage error"
    );
    let data = env.dir.path().join("data");
    let journal: String = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let run: Value = journal
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["kind"] == "run_logged" || r.to_string().contains("\"minutes\""))
        .unwrap();
    let km = run.to_string();
    assert!(km.contains("4.828032"), "3 mi is kept as 4.828032 km: {km}");
    let report = env.ok(&["report", "--since", &monday]);
    assert!(report.contains("| mi | week cap mi |"), "{report}");
    assert!(report.contains("| 3.0 |"), "{report}");
}
