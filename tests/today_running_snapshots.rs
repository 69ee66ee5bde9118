//! Today on a programme with running caps: the running advice where people look (a summary fixed
//! at the bottom, the full advice with its reasons under the exercises), the same data
//! `rehab today` prints. Insta snapshots at 80×24 and 120×40: an easier week in km, and the rest
//! after a painful run in miles.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rehab_coach::app::journal::{Journal, MemoryJournal};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::config::{Config, Units};
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::RecordBody;
use rehab_coach::tui::app::App;
use rehab_coach::tui::theme::Theme;
use rehab_coach::tui::view;
use std::time::Instant;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// A day of March 2026 (the 2nd is a Monday).
fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

/// Wednesday 25 March: in the 4th calendar week of running (23–29 March), an easier week.
fn today() -> NaiveDate {
    day(25)
}

/// The quick fixture with running caps and three sessions a week, as return-to-running's
/// walk-run has them.
fn catalogue() -> Catalogue {
    let mut programme = parse_programme(include_str!("fixtures/quick.toml")).unwrap();
    programme.rules.running_caps = true;
    for exercise in &mut programme.exercises {
        exercise.frequency.per_week = Some(3);
    }
    Catalogue {
        entries: vec![CatalogueEntry {
            programme,
            origin: Origin::Builtin,
        }],
        ..Default::default()
    }
}

fn run(km: f64, pain: i64) -> RecordBody {
    RecordBody::RunLogged {
        minutes: km * 6.5,
        km: Some(km),
        rpe: Some(Rating::new(4).unwrap()),
        pain: Some(Rating::new(pain).unwrap()),
        imported: None,
    }
}

fn checkin(pain: i64) -> RecordBody {
    RecordBody::CheckIn {
        pain: Some(Rating::new(pain).unwrap()),
        stiffness: Some(Rating::new(1).unwrap()),
        load_test: None,
        red_flags: Default::default(),
    }
}

/// Programme chosen on 1 March, runs from Monday 2 March, a check-in every morning; the runs
/// given as (day, km, pain).
fn journal(runs: &[(u32, f64, i64)]) -> MemoryJournal {
    let mut j = MemoryJournal::default();
    j.append(
        day(1),
        RecordBody::ProgrammeChosen {
            programme: "quick-test".into(),
            start: day(1),
        },
    )
    .unwrap();
    for d in 1..=today().format("%d").to_string().parse().unwrap() {
        j.append(day(d), checkin(1)).unwrap();
        for &(_, km, pain) in runs.iter().filter(|r| r.0 == d) {
            j.append(day(d), run(km, pain)).unwrap();
        }
    }
    j
}

/// Runs in the weeks before the easier one, then 2 km on Monday 23.
const STEADY: [(u32, f64, i64); 7] = [
    (2, 4.0, 1),
    (5, 4.0, 1),
    (9, 4.0, 2),
    (12, 4.0, 1),
    (16, 5.0, 2),
    (19, 5.0, 1),
    (23, 2.0, 1),
];

fn app(runs: &[(u32, f64, i64)], units: Units) -> App {
    App::new(
        Box::new(journal(runs)),
        catalogue(),
        Config {
            units,
            ..Config::default()
        },
        today(),
        Theme::plain(),
        Instant::now(),
    )
}

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    format!("{}", t.backend())
}

#[test]
fn today_shows_the_easier_week_against_its_cap() {
    let app = app(&STEADY, Units::Km);
    let running = app.plan.as_ref().unwrap().running.as_ref().unwrap();
    // The screen shows the plan's own advice: 7 km of an 80 % cap on last week's 9 km.
    assert!(running.easier_week);
    assert_eq!(running.km_this_week, 7.0);
    assert!((running.week_cap_km.unwrap() - 7.2).abs() < 1e-9);
    let small = screen_text(&app, 80, 24);
    assert!(
        small
            .contains("Running: 7.0 of 7.2 km in the last 7 days · easier week · one run ≤ 5.5 km"),
        "{small}"
    );
    snap("today_running_easier_week", &app);
}

#[test]
fn today_shows_the_rest_after_a_painful_run_in_miles() {
    let mut runs = STEADY.to_vec();
    runs.push((24, 3.0, 7));
    let app = app(&runs, Units::Mi);
    let running = app.plan.as_ref().unwrap().running.as_ref().unwrap();
    assert_eq!(running.next_run_from, Some(day(26)));
    let small = screen_text(&app, 80, 24);
    assert!(small.contains("no run before Thu 26 Mar"), "{small}");
    assert!(small.contains(" mi"), "{small}");
    assert!(!small.contains(" km"), "miles everywhere: {small}");
    snap("today_running_rest_after_painful_run", &app);
}
