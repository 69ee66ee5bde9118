//! One week cap everywhere: on the same journal, the weekly running caps of History's Runs tab
//! and of the report are the caps `rehab today --json` gives on each week's Sunday, the easier
//! 4th week included.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/cli_env.rs"]
mod cli_env;

use chrono::{Datelike, Days, Local, NaiveDate};
use cli_env::{Env, FIXTURE};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::history::History;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::Record;
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::tui::history::data::Derived;
use serde_json::Value;

/// The quick fixture with running caps, as return-to-running has them.
fn programme_text() -> String {
    format!("{FIXTURE}\n[rules]\nrunning_caps = true\n")
}

/// The Monday five full weeks before the real today (`--date` never goes past today).
fn first_monday() -> NaiveDate {
    let back = Local::now().date_naive() - Days::new(35);
    back - Days::new(u64::from(back.weekday().num_days_from_monday()))
}

fn date(offset: u64) -> String {
    (first_monday() + Days::new(offset)).to_string()
}

/// Runs as (days after the first Monday, km): two a week for five weeks; week 4 is the easier
/// one (every 4th week, counted from the week of the first run).
const RUNS: [(u64, &str); 10] = [
    (0, "4"),
    (3, "4"),
    (7, "4"),
    (10, "4.5"),
    (14, "5"),
    (17, "5"),
    (21, "3"),
    (24, "3.5"),
    (28, "4"),
    (31, "4"),
];

fn journal_records(env: &Env) -> Vec<Record> {
    std::fs::read_dir(&env.data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Record>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The report's Runs table: week of → its week cap cell.
fn report_caps(report: &str) -> Vec<(String, String)> {
    let section = report.split("## Runs").nth(1).expect("a Runs section");
    section
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].to_string(), cells[5].to_string())
        })
        .collect()
}

#[test]
fn history_and_report_caps_are_todays_caps_on_each_sunday() {
    let env = Env::with_programme(&programme_text());
    env.ok(&["start", "quick-test", "--date", &date(0)]);
    for (offset, km) in RUNS {
        env.ok(&[
            "log",
            "run",
            "--minutes",
            "30",
            "--km",
            km,
            "--rpe",
            "4",
            "--pain",
            "1",
            "--date",
            &date(offset),
        ]);
    }
    let today = Local::now().date_naive();
    let records = journal_records(&env);
    let history = History::replay(records, rehab_coach::store::journal_line::apply_fields);
    let catalogue = Catalogue {
        entries: vec![CatalogueEntry {
            programme: parse_programme(&programme_text()).unwrap(),
            origin: Origin::Builtin,
        }],
        ..Catalogue::default()
    };
    let weeks = Derived::new(&history, &catalogue, &CoachSettings::default(), today).runs;
    assert_eq!(weeks.len(), 5);
    let report = report_caps(&env.ok(&["report"]));
    assert_eq!(report.len(), 5, "{report:?}");

    for (n, week) in weeks.iter().enumerate() {
        let sunday = week.monday + Days::new(6);
        let json: Value =
            serde_json::from_str(&env.ok(&["today", "--json", "--date", &sunday.to_string()]))
                .unwrap();
        let running = &json["running"];
        let cap = running["week_cap_km"].as_f64();
        // History: the same number, and the same easier week.
        assert_eq!(week.week_cap_km, cap, "week {}: {running}", n + 1);
        assert_eq!(
            Some(week.easier_week),
            running["easier_week"].as_bool(),
            "week {}",
            n + 1
        );
        // The report: the same number as it prints it, marked when easier.
        let (monday, cell) = &report[n];
        assert_eq!(monday, &week.monday.to_string());
        let expected = match cap {
            Some(cap) => format!("{cap:.1}"),
            None => "–".to_string(),
        };
        assert!(
            cell.starts_with(&expected),
            "week {}: report {cell:?}, today {expected}",
            n + 1
        );
        assert_eq!(cell.contains("(easier week)"), week.easier_week, "{cell}");
    }
    // Week 1 has no week before it, so no cap; week 4 is the easier week at 80 % of week 3's
    // 10 km.
    assert_eq!(weeks[0].week_cap_km, None);
    assert!(weeks[3].easier_week);
    assert!((weeks[3].week_cap_km.unwrap() - 8.0).abs() < 1e-9);
    assert!(!weeks[4].easier_week);
}
