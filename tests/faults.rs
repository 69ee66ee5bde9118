//! Issue 12's fault injection: the first write (data dir, device id written whole, journal file,
//! first line) and a `log session` run in this process with their Nth file operation (create,
//! write, fsync, rename/link, append, ...) failing with an I/O error or "stopping" (a crash: the
//! operation and everything after it never happen), for every N until the command does no more.
//! After each, the real `rehab` binary, with no fault, must work and `journal check` must pass.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot set up should stop loudly

use clap::Parser;
use rehab_coach::store::journal_file::fault::{self, Crash, Fault};
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::Command;
use std::sync::Once;

const FIXTURE: &str = include_str!("fixtures/quick.toml");
const START: [&str; 2] = ["start", "quick-test"];
const LOG_SESSION: [&str; 6] = ["log", "session", "--pain-during", "2", "--pain-after", "1"];
/// More operations than either command does: the loop must end before it.
const MAX_OPERATIONS: usize = 100;

struct Env {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let config = tmp.path().join("config");
        fs::create_dir_all(config.join("programmes")).unwrap();
        fs::write(config.join("programmes").join("quick.toml"), FIXTURE).unwrap();
        Env {
            _tmp: tmp,
            data,
            config,
        }
    }

    fn global_args(&self) -> Vec<String> {
        vec![
            "--data-dir".into(),
            self.data.display().to_string(),
            "--config-dir".into(),
            self.config.display().to_string(),
        ]
    }

    /// The real binary, no fault armed; it must succeed.
    fn ok(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_rehab"))
            .env_remove("REHAB_DATA_DIR")
            .env_remove("REHAB_CONFIG_DIR")
            .args(self.global_args())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "rehab {args:?} failed:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The command in this process with `fault` at operation `at`. None when the command does
    /// fewer operations; else how it ended.
    fn faulted(&self, args: &[&str], at: usize, fault: Fault) -> Option<Ended> {
        let mut argv = vec!["rehab".to_string()];
        argv.extend(self.global_args());
        argv.extend(args.iter().map(|a| a.to_string()));
        let cli = rehab_coach::cli::Cli::try_parse_from(argv).unwrap();
        fault::arm(at, fault);
        let ran = catch_unwind(AssertUnwindSafe(|| rehab_coach::run(cli)));
        let hit = fault::disarm();
        let ended = match ran {
            Ok(Ok(code)) if code == std::process::ExitCode::SUCCESS => Ended::Confirmed,
            Ok(_) => Ended::Failed,
            Err(payload) => {
                assert!(payload.is::<Crash>(), "{args:?} at {at}: a real panic");
                Ended::Crashed
            }
        };
        hit.then_some(ended)
    }

    /// The text of every journal file (one device here, but a crash must not make a second).
    fn journals(&self) -> String {
        let mut text = String::new();
        let Ok(entries) = fs::read_dir(&self.data) else {
            return text; // no data dir yet: no journal
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "jsonl") {
                text.push_str(&fs::read_to_string(path).unwrap());
            }
        }
        text
    }

    fn count(&self, kind: &str) -> usize {
        self.journals()
            .matches(&format!("\"kind\":\"{kind}\""))
            .count()
    }

    fn device_ids(&self) -> Vec<String> {
        fs::read_dir(&self.data)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("device-id")
            })
            .map(|p| fs::read_to_string(p).unwrap().trim().to_string())
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    Confirmed,
    Failed,
    Crashed,
}

/// Keep the injected crashes out of the test output; real panics still print.
fn quiet_crashes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.payload().is::<Crash>() {
                default(info);
            }
        }));
    });
}

/// After a faulted run: a confirmed record is kept; the command again (only when its record is
/// missing, as the person would see on Today) works; one record of `kind`; the next command
/// works; `journal check` passes; one valid device id, named in the journal's file name.
fn recovers(env: &Env, args: &[&str], kind: &str, ended: Ended, what: &str) {
    if ended == Ended::Confirmed {
        assert_eq!(env.count(kind), 1, "{what}: a confirmed {kind} was lost");
    }
    if env.count(kind) == 0 {
        env.ok(args);
    }
    assert_eq!(env.count(kind), 1, "{what}");
    env.ok(&["log", "note", "after the fault"]);
    let check = env.ok(&["journal", "check"]);
    assert!(check.starts_with("journal OK"), "{what}: {check}");
    let ids = env.device_ids();
    assert_eq!(ids.len(), 1, "{what}: {ids:?}");
    assert_eq!(ids[0].len(), 12, "{what}: {ids:?}");
    assert!(
        env.data.join(format!("journal-{}.jsonl", ids[0])).is_file(),
        "{what}: no journal named after {ids:?}"
    );
    assert_eq!(env.count("note"), 1, "{what}");
}

/// Runs `args` with each fault at every operation on a fresh `setup` env; returns the
/// operations the command does when nothing goes wrong.
fn at_every_operation(setup: impl Fn() -> Env, args: &[&str], kind: &str) -> Vec<&'static str> {
    quiet_crashes();
    let mut operations = Vec::new();
    for fault in [Fault::Fail, Fault::Stop] {
        for at in 0..=MAX_OPERATIONS {
            assert!(at < MAX_OPERATIONS, "{args:?} never ran out of operations");
            let env = setup();
            let before = env.journals();
            let Some(ended) = env.faulted(args, at, fault) else {
                assert_eq!(env.count(kind), 1, "{args:?} with no fault hit");
                operations = fault::operations();
                break;
            };
            let what = format!("{args:?} with {fault:?} at operation {at}");
            if fault == Fault::Fail && ended == Ended::Failed {
                // A failed write leaves the journal as it was (all of a command's records or none).
                assert_eq!(env.journals(), before, "{what}");
            }
            recovers(&env, args, kind, ended, &what);
        }
    }
    operations
}

#[test]
fn a_first_write_failing_or_stopping_at_any_operation_leaves_a_journal_that_checks() {
    let operations = at_every_operation(Env::new, &START, "programme_chosen");
    // The device id written whole, the new journal made durable, the first line: all walked.
    let walked = [
        "create dir",
        "create file",
        "write",
        "fsync",
        "rename or link",
        "remove temp",
        "fsync dir",
        "open (create) for append",
        "open (create) read-write",
        "append",
    ];
    for op in walked {
        assert!(operations.contains(&op), "{op} not in {operations:?}");
    }
}

#[test]
fn a_log_session_failing_or_stopping_at_any_operation_leaves_a_journal_that_checks() {
    let started = || {
        let env = Env::new();
        env.ok(&START);
        env
    };
    let operations = at_every_operation(started, &LOG_SESSION, "session_finished");
    // The session and its sets in one append, then one fsync, last.
    assert_eq!(
        operations[operations.len() - 2..],
        ["append", "fsync"],
        "{operations:?}"
    );
}
