//! `rehab import runs`: real activity files in, runs in the journal out. GPX and TCX files are
//! written here (a 5 km run, a walk-run with pauses, a bike ride); the FIT files are the FIT SDK
//! samples the `fitparser` package ships (a run of a few metres, a triathlon, a bike ride),
//! found through `cargo metadata`, so no binary file is committed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot set up should stop loudly

#[path = "support/cli_env.rs"]
mod cli_env;
#[path = "support/activity_files.rs"]
mod files;

use chrono::{DateTime, Days, Local, NaiveDate, TimeZone, Utc};
use cli_env::Env;
use files::{Piece, fit_fixtures, gpx, tcx, totals};
use proptest::prelude::*;
use rehab_coach::import::{Format, Sport, read_bytes, read_file};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Noon (UTC) `days` before today: the same calendar day in any time zone within ±11 h.
fn noon(days: u64) -> DateTime<Utc> {
    let day = today().checked_sub_days(Days::new(days)).unwrap();
    Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
}

fn within_1_percent(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= want.abs() * 0.01,
        "{what}: got {got}, the file says {want}"
    );
}

/// The `run_logged` records in the journal, as JSON.
fn runs_in(env: &Env) -> Vec<Value> {
    let out = env.ok(&["export", "--format", "json"]);
    let all: Value = serde_json::from_str(&out).unwrap();
    let records = all
        .get("records")
        .and_then(Value::as_array)
        .cloned()
        .or_else(|| all.as_array().cloned())
        .unwrap();
    records
        .into_iter()
        .filter(|r| r["kind"] == "run_logged")
        .collect()
}

/// The pain column of the CSV export's run rows (corrections applied), empty as None.
fn run_pains_in_csv(env: &Env) -> Vec<Option<String>> {
    let csv = env.ok(&["export"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (exercise, pain) = (column("exercise"), column("pain"));
    reader
        .records()
        .map(Result::unwrap)
        .filter(|row| &row[exercise] == "run")
        .map(|row| Some(row[pain].to_string()).filter(|p| !p.is_empty()))
        .collect()
}

const FIVE_K: [Piece; 1] = [Piece::Move {
    seconds: 1_665,
    speed: 3.0,
}];

/// Run 60 s, walk 90 s, stand 30 s at a crossing, and once a paused watch for 2 minutes.
fn walk_run() -> Vec<Piece> {
    let mut pieces = Vec::new();
    for round in 0..6 {
        pieces.push(Piece::Move {
            seconds: 60,
            speed: 3.2,
        });
        pieces.push(Piece::Move {
            seconds: 90,
            speed: 1.4,
        });
        pieces.push(if round == 2 {
            Piece::Pause { seconds: 120 }
        } else {
            Piece::Stand { seconds: 30 }
        });
    }
    pieces
}

#[test]
fn gpx_and_tcx_runs_match_their_own_totals() {
    for (name, pieces) in [
        ("five-k.gpx", FIVE_K.to_vec()),
        ("walk-run.gpx", walk_run()),
    ] {
        let text = gpx(noon(3), Some("running"), &pieces, true);
        let runs = read_bytes(Format::Gpx, text.as_bytes()).unwrap();
        assert_eq!(runs.len(), 1, "{name}");
        let (metres, seconds) = totals(&pieces);
        within_1_percent(runs[0].distance_m.unwrap(), metres, name);
        within_1_percent(runs[0].moving_seconds, seconds, name);
        assert_eq!(runs[0].sport, Sport::Run);
        assert!(runs[0].ascent_m.unwrap() > 0.0, "{name}: {:?}", runs[0]);
    }
    let laps = [
        (600.0, 2_000.0, 140),
        (612.5, 2_000.0, 150),
        (301.0, 1_000.0, 160),
    ];
    let text = tcx(noon(2), "Running", &laps);
    let runs = read_bytes(Format::Tcx, text.as_bytes()).unwrap();
    within_1_percent(runs[0].distance_m.unwrap(), 5_000.0, "tcx distance");
    within_1_percent(runs[0].moving_seconds, 1_513.5, "tcx time");
    assert_eq!(runs[0].avg_hr, Some(148));
}

/// The SDK's triathlon holds a swim, a ride, two transitions and a run: only the run comes in,
/// with the run session's own time and distance, which the file's per-second records agree with.
#[test]
fn fit_sample_activities_match_their_own_totals() {
    let dir = fit_fixtures();
    let path = dir.join("sample_mulitple_header.fit");
    let activities = read_file(&path).unwrap();
    assert_eq!(activities.len(), 5);
    let runs: Vec<_> = activities
        .iter()
        .filter(|a| a.sport == Sport::Run)
        .collect();
    assert_eq!(runs.len(), 1);
    let run = runs[0];
    within_1_percent(run.distance_m.unwrap(), 9_805.92, "session distance");
    within_1_percent(run.moving_seconds, 2_850.694, "session timer");
    assert_eq!(run.avg_hr, Some(176));
    // The same run from the file's own records: the distance counter over the run's time.
    let records = fitparser::from_bytes(&fs::read(&path).unwrap()).unwrap();
    let distance_at = |r: &fitparser::FitDataRecord| {
        let field = |name: &str| {
            r.fields()
                .iter()
                .find(|f| f.name() == name)
                .map(|f| f.value().clone())
        };
        match (field("timestamp"), field("distance")) {
            (Some(fitparser::Value::Timestamp(t)), Some(d)) => TryInto::<f64>::try_into(d)
                .ok()
                .map(|d| (t.with_timezone(&Utc), d)),
            _ => None,
        }
    };
    let during: Vec<(DateTime<Utc>, f64)> = records
        .iter()
        .filter(|r| r.kind() == fitparser::profile::MesgNum::Record)
        .filter_map(distance_at)
        .filter(|(t, _)| *t >= run.started)
        .collect();
    let (first, last) = (during.first().unwrap(), during.last().unwrap());
    within_1_percent(
        last.1 - first.1,
        run.distance_m.unwrap(),
        "records' distance",
    );
    within_1_percent(
        (last.0 - first.0).as_seconds_f64(),
        run.moving_seconds,
        "records' time",
    );

    let tiny = read_file(&dir.join("Activity.fit")).unwrap();
    assert_eq!(tiny.len(), 1);
    within_1_percent(tiny[0].distance_m.unwrap(), 5.73, "Activity.fit distance");
    within_1_percent(tiny[0].moving_seconds, 13.749, "Activity.fit time");
    let bike = read_file(&dir.join("garmin-fenix-5-bike.fit")).unwrap();
    assert_eq!(bike[0].sport, Sport::Other("cycling".into()));
}

/// A folder of a run (FIT, also gzipped), a walk-run (GPX), a 5 km (TCX), a bike ride in each
/// format, a truncated FIT, a GPX without times and a watch's settings file: the runs come in,
/// each bad file is named with what is wrong, and importing again adds nothing.
#[test]
fn a_folder_imports_its_runs_names_its_bad_files_and_imports_once() {
    let env = Env::new();
    let acts = env.root.join("activities");
    let nested = acts.join("export").join("activities");
    fs::create_dir_all(&nested).unwrap();
    let fixtures = fit_fixtures();
    fs::copy(fixtures.join("Activity.fit"), acts.join("tiny.fit")).unwrap();
    fs::copy(
        fixtures.join("garmin-fenix-5-bike.fit"),
        acts.join("ride.fit"),
    )
    .unwrap();
    fs::copy(fixtures.join("Settings.fit"), acts.join("Settings.fit")).unwrap();
    let whole = fs::read(fixtures.join("hrv-activity.fit")).unwrap();
    fs::write(acts.join("cut-short.fit"), &whole[..whole.len() / 3]).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        &fs::read(fixtures.join("sample_mulitple_header.fit")).unwrap(),
    )
    .unwrap();
    fs::write(nested.join("triathlon.fit.gz"), gz.finish().unwrap()).unwrap();
    fs::write(
        acts.join("walk-run.gpx"),
        gpx(noon(2), Some("running"), &walk_run(), true),
    )
    .unwrap();
    fs::write(
        acts.join("ride.gpx"),
        gpx(noon(3), Some("cycling"), &FIVE_K, true),
    )
    .unwrap();
    fs::write(
        acts.join("no-times.gpx"),
        gpx(noon(4), Some("running"), &FIVE_K, false),
    )
    .unwrap();
    fs::write(
        acts.join("five-k.tcx"),
        tcx(noon(1), "Running", &[(1_500.0, 5_000.0, 150)]),
    )
    .unwrap();
    fs::write(
        acts.join("ride.tcx"),
        tcx(noon(5), "Biking", &[(3_600.0, 30_000.0, 130)]),
    )
    .unwrap();
    fs::write(acts.join("notes.txt"), "not an activity").unwrap();
    env.ok(&["start", "quick-test"]);

    let out = env.run(&["import", "runs", acts.to_str().unwrap()]);
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    for line in [
        "tiny.fit: run on",
        "walk-run.gpx: run on",
        "five-k.tcx: run on",
        "triathlon.fit.gz: run on",
        "ride.fit: skipped, a bike ride (cycling), not a run or walk",
        "ride.gpx: skipped, a bike ride (cycling)",
        "ride.tcx: skipped, a bike ride (Biking)",
        "triathlon.fit.gz: skipped, a swim (swimming)",
        "4 runs imported",
        "1 file with no activity",
    ] {
        assert!(stdout.contains(line), "{line:?} not in:\n{stdout}");
    }
    for line in [
        "cut-short.fit: not a complete FIT file",
        "no-times.gpx: has no times on its track points",
    ] {
        assert!(stderr.contains(line), "{line:?} not in:\n{stderr}");
    }
    let runs = runs_in(&env);
    assert_eq!(runs.len(), 4);
    assert!(
        runs.iter()
            .all(|r| r.get("pain").is_none() && r.get("rpe").is_none())
    );
    let tcx_run = runs
        .iter()
        .find(|r| r["imported"]["file"] == "five-k.tcx")
        .unwrap();
    within_1_percent(tcx_run["km"].as_f64().unwrap(), 5.0, "tcx km");
    within_1_percent(tcx_run["minutes"].as_f64().unwrap(), 25.0, "tcx minutes");
    assert_eq!(tcx_run["imported"]["avg_hr"], 150);
    assert_eq!(
        tcx_run["imported"]["fingerprint"],
        format!(
            "{} Forerunner 245/3990001234",
            noon(1).format("%Y-%m-%dT%H:%M:%SZ")
        )
    );

    // Again, and the triathlon once more by another name: nothing new.
    fs::copy(
        nested.join("triathlon.fit.gz"),
        acts.join("copy-of-triathlon.fit.gz"),
    )
    .unwrap();
    let again = env.run(&["import", "runs", acts.to_str().unwrap()]);
    let again = String::from_utf8(again.stdout).unwrap();
    assert!(
        again.contains("0 runs imported (5 already in the journal"),
        "{again}"
    );
    assert_eq!(runs_in(&env).len(), 4);
}

/// The pain comes from the person: `log run-pain` adds it; until then the run says so.
#[test]
fn an_imported_run_is_unrated_until_the_person_rates_it() {
    let env = Env::new();
    env.ok(&["start", "quick-test"]);
    let file = env.root.join("morning.gpx");
    fs::write(&file, gpx(noon(1), None, &FIVE_K, true)).unwrap();
    env.ok(&["import", "runs", file.to_str().unwrap()]);
    let day = noon(1).date_naive().to_string();
    let listed = env.ok(&["journal", "list", "--on", &day]);
    assert!(
        listed.contains("pain not rated (imported from morning.gpx)"),
        "{listed}"
    );
    assert_eq!(run_pains_in_csv(&env), vec![None]);
    let saved = env.ok(&["log", "run-pain", &day, "--during", "3"]);
    assert!(saved.contains("imported from morning.gpx"), "{saved}");
    // The run's line stays as written; a correction adds the pain.
    assert!(runs_in(&env)[0].get("pain").is_none());
    assert_eq!(run_pains_in_csv(&env), vec![Some("3".to_string())]);
    let missing = env.fails(&["log", "run-pain", &today().to_string(), "--during", "2"]);
    assert!(missing.contains("no run on"), "{missing}");
}

/// A week of imported runs that breaks the week cap: `today --json`'s running advice now has
/// the week's km over the cap, and its reasons name the run that took it over and the runs
/// whose pain is not rated yet.
#[test]
fn importing_a_week_over_the_cap_changes_the_running_advice() {
    let env = Env::new();
    let d = |days: u64| {
        today()
            .checked_sub_days(Days::new(days))
            .unwrap()
            .to_string()
    };
    env.ok(&["start", "return-to-running", "--date", &d(20)]);
    for day in [12, 9] {
        env.ok(&[
            "log",
            "run",
            "--minutes",
            "30",
            "--km",
            "5",
            "--rpe",
            "4",
            "--pain",
            "1",
            "--date",
            &d(day),
        ]);
    }
    let advice = |env: &Env| -> Value {
        let plan: Value = serde_json::from_str(&env.ok(&["today", "--json"])).unwrap();
        plan["running"].clone()
    };
    let before = advice(&env);
    assert_eq!(before["km_this_week"], 0.0);
    assert!(
        (before["week_cap_km"].as_f64().unwrap() - 11.0).abs() < 1e-9,
        "{before}"
    );

    let week = env.root.join("week");
    fs::create_dir_all(&week).unwrap();
    for (days, name) in [(6, "mon.gpx"), (4, "wed.gpx"), (2, "fri.gpx")] {
        fs::write(
            week.join(name),
            gpx(noon(days), Some("running"), &FIVE_K, true),
        )
        .unwrap();
    }
    env.ok(&["import", "runs", week.to_str().unwrap()]);
    let after = advice(&env);
    assert!(
        (after["km_this_week"].as_f64().unwrap() - 15.0).abs() < 0.2,
        "{after}"
    );
    let reasons = after["reasons"].as_array().unwrap();
    let over = reasons
        .iter()
        .find(|r| r["cause"] == "week_cap_exceeded")
        .unwrap_or_else(|| panic!("no week_cap_exceeded in {after}"));
    let text = over["text"].as_str().unwrap();
    assert!(text.contains("imported from fri.gpx"), "{text}");
    assert!(text.contains(&d(2)), "{text}");
    let unrated = reasons
        .iter()
        .find(|r| r["cause"] == "run_pain_not_rated")
        .unwrap_or_else(|| panic!("no run_pain_not_rated in {after}"));
    assert_eq!(unrated["numbers"]["runs"], 3.0);
    // `rehab today` says the same in words.
    let words = env.ok(&["today"]);
    assert!(words.contains("imported from fri.gpx"), "{words}");
}

fn any_format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Fit), Just(Format::Gpx), Just(Format::Tcx)]
}

/// Real files cut short or with bytes changed, to reach deep into each parser.
fn damaged(seed: &[u8], cut: usize, flips: &[(usize, u8)]) -> Vec<u8> {
    let mut bytes = seed[..cut.min(seed.len())].to_vec();
    for (at, bits) in flips {
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] ^= bits;
        }
    }
    bytes
}

fn seeds() -> [(Format, Vec<u8>); 3] {
    [
        (
            Format::Fit,
            fs::read(fit_fixtures().join("Activity.fit")).unwrap(),
        ),
        (
            Format::Gpx,
            gpx(noon(1), Some("running"), &walk_run(), true).into_bytes(),
        ),
        (
            Format::Tcx,
            tcx(noon(1), "Running", &[(600.0, 2_000.0, 140)]).into_bytes(),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any bytes as any format: runs or an error, never a panic.
    #[test]
    fn any_bytes_give_runs_or_an_error(format in any_format(), bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes(format, &bytes);
    }

    /// A real file cut anywhere, with a few bytes changed: runs or an error, never a panic;
    /// the same through a file on disk (gzipped or not).
    #[test]
    fn damaged_real_files_give_runs_or_an_error(
        which in 0usize..3,
        cut in 0usize..8192,
        flips in prop::collection::vec((any::<usize>(), 1u8..=255), 0..4),
        gzipped in any::<bool>(),
    ) {
        let (format, seed) = &seeds()[which];
        let bytes = damaged(seed, cut, &flips);
        let _ = read_bytes(*format, &bytes);
        let dir = tempfile::tempdir().unwrap();
        let name = match format { Format::Fit => "a.fit", Format::Gpx => "a.gpx", Format::Tcx => "a.tcx" };
        let path = if gzipped { dir.path().join(format!("{name}.gz")) } else { dir.path().join(name) };
        fs::write(&path, &bytes).unwrap();
        if let Err(message) = read_file(Path::new(&path)) {
            prop_assert!(!message.is_empty());
        }
    }
}
