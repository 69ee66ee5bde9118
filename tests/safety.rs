//! Issue 12, "safe with hostile files, full disks and closed pipes": the real `rehab` binary on
//! temp dirs, one test per promise (exports, control characters, closed pipes, files the app
//! did not write, dates).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot set up should stop loudly

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[path = "support/cli_env.rs"]
mod cli_env;
use cli_env::{Env, FIXTURE};

impl Env {
    /// The one journal file of this machine.
    fn journal(&self) -> PathBuf {
        self.data_file("journal-", ".jsonl")
    }

    fn device_id_file(&self) -> PathBuf {
        self.data_file("device-id.", "")
    }

    fn data_file(&self, prefix: &str, suffix: &str) -> PathBuf {
        fs::read_dir(&self.data)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with(prefix) && name.ends_with(suffix)
            })
            .unwrap_or_else(|| panic!("no {prefix}*{suffix} in the data dir"))
    }

    fn notes(&self) -> usize {
        fs::read_to_string(self.journal())
            .unwrap()
            .matches("\"kind\":\"note\"")
            .count()
    }
}

fn has_control(text: &[u8]) -> bool {
    String::from_utf8_lossy(text)
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

// §1 Exports can never destroy or leak the journal.

#[test]
fn export_refuses_any_path_that_leads_to_the_data_dir() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let journal = env.journal();
    let before = fs::read(&journal).unwrap();
    let symlink = env.root.join("link.csv");
    std::os::unix::fs::symlink(&journal, &symlink).unwrap();
    let hard = env.root.join("hard.csv");
    fs::hard_link(&journal, &hard).unwrap();
    let device_id = env.device_id_file();
    for target in [&symlink, &hard, &device_id, &journal] {
        let err = env.fails(&["export", "-o", target.to_str().unwrap()]);
        assert!(err.contains("data dir"), "{err}");
        let err = env.fails(&["report", "-o", target.to_str().unwrap()]);
        assert!(err.contains("data dir"), "{err}");
    }
    assert_eq!(fs::read(&journal).unwrap(), before);
    env.ok(&["log", "note", "second"]);
    assert_eq!(env.notes(), 2);
}

#[test]
fn export_dash_is_standard_output_and_files_are_owner_only_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let stdout = env.ok(&["export", "--format", "json", "-o", "-"]);
    assert!(stdout.contains("first"), "{stdout}");
    assert!(!env.root.join("-").exists());
    let out = env.root.join("report.md");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$@\"")
        .arg("sh")
        .args(
            env.rehab(&["report", "-o", out.to_str().unwrap()])
                .get_program_and_args(),
        )
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    // No temp file is left beside it.
    assert_eq!(
        fs::read_dir(&env.root).unwrap().count(),
        3,
        "data, config, report.md"
    );
}

trait ProgramAndArgs {
    fn get_program_and_args(&self) -> Vec<std::ffi::OsString>;
}

impl ProgramAndArgs for Command {
    fn get_program_and_args(&self) -> Vec<std::ffi::OsString> {
        std::iter::once(self.get_program().to_os_string())
            .chain(self.get_args().map(|a| a.to_os_string()))
            .collect()
    }
}

// §2 No text from a file or the command line drives the terminal.

#[test]
fn cli_output_never_carries_control_characters_from_files() {
    let hostile = FIXTURE
        .replace(
            "name = \"Quick test programme\"",
            "name = \"Quick\\u001b]52;c;aGk=\\u0007 programme\"",
        )
        .replace("name = \"Quick hold\"", "name = \"Quick\\u001b[2J hold\"");
    let env = Env::with_programme(&hostile);
    env.ok(&["start", "quick-test"]);
    for args in [
        &["today"][..],
        &["programmes", "list"],
        &["programmes", "show", "quick-test"],
        &["journal", "list"],
        &["report"],
        &["export"],
    ] {
        let out = env.run(args);
        let shown = |bytes: &[u8]| String::from_utf8_lossy(bytes).escape_debug().to_string();
        assert!(
            !has_control(&out.stdout),
            "{args:?}: {}",
            shown(&out.stdout)
        );
        assert!(
            !has_control(&out.stderr),
            "{args:?}: {}",
            shown(&out.stderr)
        );
    }
    // A note with an escape written by something else (a synced or hand-edited journal).
    let line = "{\"v\":1,\"id\":\"zz-000001\",\"at\":\"2026-01-01T08:00:00+00:00\",\"date\":\"2026-01-01\",\"kind\":\"note\",\"text\":\"a\\u001b]2;pwned\\u0007\"}\n";
    fs::write(env.data.join("journal-zz.jsonl"), line).unwrap();
    let out = env.run(&["journal", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("pwned"));
    assert!(!has_control(&out.stdout), "{:?}", out.stdout);
    let report = env.ok(&["report"]);
    assert!(!has_control(report.as_bytes()), "{report:?}");
}

#[test]
fn the_cli_refuses_control_characters_in_free_text() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let before = fs::read(env.journal()).unwrap();
    let err = env.fails(&["log", "note", "x\x1b]52;c;aGk=\x07"]);
    assert!(err.contains("U+001B"), "{err}");
    env.fails(&["log", "clinician-seen", "--note", "a\x07"]);
    let id = String::from_utf8_lossy(&before)
        .split("\"id\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    env.fails(&["correct", &id, "text=a\x1bb"]);
    env.fails(&["correct", &id, "text=\"a\\u001bb\""]);
    assert_eq!(fs::read(env.journal()).unwrap(), before);
    env.ok(&["log", "note", "two\nlines\tand a tab"]);
}

// §7 Signals and pipes.

#[test]
fn a_closed_pipe_ends_a_command_quietly_after_its_record_is_saved() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    env.ok(&["log", "note", "first"]);
    for args in [
        &["journal", "list"][..],
        &["today", "--json"],
        &["log", "note", "saved"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = env
            .rehab(args)
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
    assert_eq!(env.notes(), 2);
}

#[test]
fn a_full_standard_output_is_reported_with_status_74_and_the_record_kept() {
    let env = Env::new();
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = env
        .rehab(&["log", "note", "saved"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(74), "{stderr}");
    assert!(stderr.contains("do not run it again"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(env.notes(), 1);
}

// §3 The first write and a failed write are crash-safe.

/// `cmd` run with the largest file it may write capped at `bytes` (RLIMIT_FSIZE): every write
/// past it fails with EFBIG, as on a full disk, at exactly that byte.
fn with_file_size_limit(cmd: &mut Command, bytes: u64) -> &mut Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: libc::RLIM_INFINITY,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

const LOG_SESSION: [&str; 6] = ["log", "session", "--pain-during", "2", "--pain-after", "1"];

fn sessions(env: &Env) -> usize {
    fs::read_to_string(env.journal())
        .unwrap()
        .matches("\"kind\":\"session_finished\"")
        .count()
}

#[test]
fn a_log_session_that_cannot_be_written_whole_leaves_the_journal_byte_identical() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let before = fs::read(env.journal()).unwrap();
    // Room for a few hundred more bytes: the session's first records fit, the rest do not.
    let out = with_file_size_limit(&mut env.rehab(&LOG_SESSION), before.len() as u64 + 600)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nothing of it was written"), "{stderr}");
    assert!(stderr.contains("ulimit -f"), "what to do: {stderr}");
    assert_eq!(fs::read(env.journal()).unwrap(), before);
    // The retry logs one session, not a second.
    env.ok(&LOG_SESSION);
    assert_eq!(sessions(&env), 1);
    env.ok(&["journal", "check"]);
}

#[test]
fn an_empty_device_id_file_is_reported_and_replaced_by_the_next_write() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    // What an earlier version left after a crash or a full disk between create and write.
    fs::write(env.device_id_file(), "").unwrap();
    let stdout = String::from_utf8(env.run(&["journal", "check"]).stdout).unwrap();
    assert!(stdout.contains("is not a device id"), "{stdout}");
    env.ok(&["log", "note", "second"]);
    let id = fs::read_to_string(env.device_id_file()).unwrap();
    assert_eq!(id.trim().len(), 12, "{id:?}");
    env.ok(&["journal", "check"]);
}

/// Fault injection: the first write (device id, journal file, first line) and a `log session`
/// fail at every byte they write (RLIMIT_FSIZE, like a disk filling up); after each, the same
/// command without the limit works once and `journal check` passes.
#[test]
fn after_a_write_failing_at_any_byte_the_next_command_works_and_the_journal_checks() {
    for limit in (0..40).chain((40..400).step_by(37)) {
        let env = Env::new();
        let failed = with_file_size_limit(&mut env.rehab(&["start", "quick-test"]), limit)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(!stderr.contains("panicked"), "limit {limit}: {stderr}");
        if !failed.status.success() {
            env.ok(&["start", "quick-test"]);
        }
        env.ok(&["journal", "check"]);
        let started = fs::read(env.journal()).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&started)
                .matches("programme_chosen")
                .count(),
            1,
            "limit {limit}"
        );
    }
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let start = fs::metadata(env.journal()).unwrap().len();
    for extra in (0..3000).step_by(211) {
        let before = fs::read(env.journal()).unwrap();
        let out = with_file_size_limit(&mut env.rehab(&LOG_SESSION), start + extra)
            .output()
            .unwrap();
        if !out.status.success() {
            assert_eq!(fs::read(env.journal()).unwrap(), before, "extra {extra}");
        }
        env.ok(&["journal", "check"]);
    }
    // Each try wrote the whole session or nothing: at most one is in (today's plan is done then).
    assert!(sessions(&env) <= 1);
    if sessions(&env) == 0 {
        env.ok(&LOG_SESSION);
    }
    assert_eq!(sessions(&env), 1);
    env.ok(&["journal", "check"]);
}

// §4 One writer at a time; ids never reused; duplicates found.

#[test]
fn journal_check_reports_duplicate_ids_and_duplicate_keys() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let line = |id: &str, text: &str| {
        format!(
            "{{\"v\":1,\"id\":\"{id}\",\"at\":\"2026-01-01T08:00:00+00:00\",\"date\":\"2026-01-01\",\"kind\":\"note\",\"text\":\"{text}\"{}}}\n",
            if text == "twice" {
                ",\"text\":\"other\""
            } else {
                ""
            }
        )
    };
    let other = [
        line("zz-000001", "a"),
        line("zz-000001", "b"),
        line("zz-000002", "twice"),
    ];
    fs::write(env.data.join("journal-zz.jsonl"), other.concat()).unwrap();
    let out = env.run(&["journal", "check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("record id zz-000001 is used by 2 records"),
        "{stdout}"
    );
    assert!(stdout.contains("journal-zz.jsonl:3:"), "{stdout}");
    assert!(stdout.contains("\"text\" is given twice"), "{stdout}");
}

// §6 Files the app did not write.

#[test]
fn a_symlinked_journal_is_never_written_through_nor_read() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let journal = env.journal();
    let elsewhere = env.root.join("elsewhere.jsonl");
    fs::rename(&journal, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &journal).unwrap();
    let before = fs::read(&elsewhere).unwrap();
    let err = env.fails(&["log", "note", "second"]);
    assert!(err.contains("is a symbolic link"), "{err}");
    let out = env.run(&["journal", "check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("symbolic link"));
    env.run(&["journal", "repair"]);
    assert_eq!(fs::read(&elsewhere).unwrap(), before);
    assert!(
        fs::symlink_metadata(&journal)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_byte_order_mark_and_crlf_or_cr_line_ends_are_read() {
    let env = Env::new();
    fs::create_dir_all(&env.data).unwrap();
    let line = |id: u32| {
        format!(
            "{{\"v\":1,\"id\":\"zz-{id:06}\",\"at\":\"2026-01-01T08:00:0{id}+00:00\",\"date\":\"2026-01-01\",\"kind\":\"note\",\"text\":\"n{id}\"}}"
        )
    };
    let crlf = format!("\u{FEFF}{}\r\n{}\r\n", line(1), line(2));
    fs::write(env.data.join("journal-zz.jsonl"), crlf).unwrap();
    let cr = format!("\u{FEFF}{}\r{}\r", line(3), line(4)).replace("zz-", "yy-");
    fs::write(env.data.join("journal-yy.jsonl"), cr).unwrap();
    let stdout = env.ok(&["journal", "check"]);
    assert!(
        stdout.contains("journal OK: 4 records in 2 file(s)"),
        "{stdout}"
    );
}

#[test]
fn a_date_before_the_documented_lower_bound_is_refused() {
    let env = Env::new();
    let err = env.fails(&["--date", "0206-01-01", "report"]);
    assert!(err.contains("more than 1096 days before today"), "{err}");
    assert!(!env.data.exists());
}

// §5 Values that pass `programmes check` never crash the app (ranges: tests/limits_properties.rs).

#[test]
fn a_continue_with_naming_no_programme_is_warned_about_at_load() {
    let programme = FIXTURE.replace(
        "min_days = 1\n",
        "min_days = 1\ncontinue_with = \"no-such-programme\"\n",
    );
    let env = Env::with_programme(&programme);
    let out = env.run(&["start", "quick-test"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("continues with `no-such-programme`"),
        "{stderr}"
    );
}

#[test]
fn a_symlinked_device_id_file_is_refused() {
    let env = Env::new();
    env.ok(&["log", "note", "first"]);
    let id_file = env.device_id_file();
    let elsewhere = env.root.join("other-id");
    fs::write(&elsewhere, "abcdef012345\n").unwrap();
    fs::remove_file(&id_file).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &id_file).unwrap();
    let err = env.fails(&["log", "note", "second"]);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(!env.data.join("journal-abcdef012345.jsonl").exists());
}
