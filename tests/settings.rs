//! One rule for the coach settings everywhere: defaults, then config.toml, then the programme's
//! `[coach]` values. A programme and a config.toml that both override the zones, and every
//! command (and the app's plan) must use the programme's.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use assert_cmd::Command;
use chrono::{Days, Local, NaiveDate};
use rehab_coach::app::journal::FileJournal;
use rehab_coach::domain::plan::Decision;
use rehab_coach::store::Context;
use rehab_coach::store::config;
use rehab_coach::store::programme_files::load_catalogue;
use rehab_coach::tui::app::App;
use rehab_coach::tui::theme::Theme;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

const FIXTURE: &str = include_str!("fixtures/quick.toml");
/// The programme's zones: pain 5 is still green, 6 amber.
const PROGRAMME_COACH: &str = "\n[coach]\ngreen_max = 5\namber_max = 7\n";
/// config.toml's zones, stricter: pain 5 and 6 would be red.
const CONFIG_COACH: &str = "[coach]\ngreen_max = 2\namber_max = 4\n";

struct Env {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days_ago(n: u64) -> String {
    (today() - Days::new(n)).to_string()
}

impl Env {
    /// The programme chosen three days ago, a session two days ago with pain 6 during and after
    /// (above config's ceiling, within the programme's), this morning's pain 3.
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let config = tmp.path().join("config");
        fs::create_dir_all(config.join("programmes")).unwrap();
        fs::write(
            config.join("programmes/quick.toml"),
            format!("{FIXTURE}{PROGRAMME_COACH}"),
        )
        .unwrap();
        fs::write(config.join("config.toml"), CONFIG_COACH).unwrap();
        let env = Env {
            _tmp: tmp,
            data,
            config,
        };
        env.ok(&["--date", &days_ago(3), "start", "quick-test"]);
        env.ok(&[
            "--date",
            &days_ago(2),
            "checkin",
            "--pain",
            "1",
            "--no-flags",
        ]);
        env.ok(&[
            "--date",
            &days_ago(2),
            "log",
            "session",
            "--pain-during",
            "6",
            "--pain-after",
            "6",
        ]);
        env
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_rehab"))
            .env_remove("REHAB_DATA_DIR")
            .env_remove("REHAB_CONFIG_DIR")
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(&self.config)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "rehab {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

#[test]
fn every_command_and_the_app_let_the_programme_override_config() {
    let env = Env::new();

    // checkin: pain 5 is in the programme's green zone (config's would call it red).
    let checkin = env.ok(&["checkin", "--pain", "5", "--no-flags"]);
    assert!(checkin.contains("5/10 ● safe"), "{checkin}");

    // today --json: pain 6 two days ago is within the programme's ceiling, so no step down.
    let plan: serde_json::Value = serde_json::from_str(&env.ok(&["today", "--json"])).unwrap();
    assert_eq!(plan["decision"]["decision"], "hold", "{plan:#}");

    // report: flares are judged by the programme's amber ceiling.
    let report = env.ok(&["report"]);
    assert!(report.contains("above 7/10"), "{report}");

    // The app, through the library: the same settings and the same plan.
    let ctx = Context {
        data_dir: env.data.clone(),
        config_dir: env.config.clone(),
        today: today(),
        date_given: false,
        real_today: today(),
    };
    let app = App::new(
        Box::new(FileJournal::open(&ctx, None).unwrap()),
        load_catalogue(&ctx.programmes_dir()),
        config::load(&ctx.config_file()).config,
        today(),
        Theme::plain(),
        Instant::now(),
    );
    let settings = app.settings();
    assert_eq!((settings.green_max, settings.amber_max), (5, 7));
    assert_eq!(
        app.plan.as_ref().map(|p| &p.decision),
        Some(&Decision::Hold)
    );
}
