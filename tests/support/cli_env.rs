//! A temporary data and config dir with the quick test programme, and the real `rehab` binary
//! run against them: the set-up the CLI-level test files share.
#![allow(dead_code)] // each test file uses the part it needs

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

pub const FIXTURE: &str = include_str!("../fixtures/quick.toml");

pub struct Env {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        Env::with_programme(FIXTURE)
    }

    /// With `programme` installed as the config dir's `programmes/quick.toml`.
    pub fn with_programme(programme: &str) -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let data = root.join("data");
        let config = root.join("config");
        fs::create_dir_all(config.join("programmes")).unwrap();
        fs::write(config.join("programmes").join("quick.toml"), programme).unwrap();
        Env {
            _tmp: tmp,
            root,
            data,
            config,
        }
    }

    /// `rehab ARGS` on this env's dirs, whatever the caller's environment says.
    pub fn rehab(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rehab"));
        cmd.env_remove("REHAB_DATA_DIR")
            .env_remove("REHAB_CONFIG_DIR")
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(&self.config)
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.rehab(args).output().unwrap()
    }

    /// Run and expect success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rehab {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Run and expect failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "rehab {args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }
}
