//! One history, four consumers: Today, the History screen, the Markdown report and the CSV export
//! classify every day the same way (done / partial / rest / flare / missed), runs included: on a
//! programme with running caps a run is a complete session of its day.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{Days, NaiveDate};
use rehab_coach::app::journal::MemoryJournal;
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::config::Config;
use rehab_coach::domain::history::History;
use rehab_coach::domain::insight::DayKind;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::export::{self, DayRange, sample};
use rehab_coach::store::journal_line::{FORMAT_VERSION, apply_fields};
use rehab_coach::tui::app::App;
use rehab_coach::tui::history::data::Derived;
use rehab_coach::tui::theme::Theme;
use std::collections::BTreeMap;
use std::time::Instant;

const DAYS: u32 = 60;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

fn day(n: u32) -> NaiveDate {
    start().checked_add_days(Days::new(n.into())).unwrap()
}

/// The sample's programme at six sessions a week, so its weekly day off is a rest day; with
/// `running`, running is part of its plan (`rules.running_caps`).
fn catalogue(running: bool) -> Catalogue {
    let mut programme = parse_programme(include_str!("fixtures/quick.toml")).unwrap();
    programme.rules.running_caps = running;
    for exercise in &mut programme.exercises {
        exercise.frequency.per_week = Some(6);
    }
    Catalogue {
        entries: vec![CatalogueEntry {
            programme,
            origin: Origin::Builtin,
        }],
        ..Catalogue::default()
    }
}

/// Each kind's count as the report's summary states it: "**Sessions**: 49 done, 1 partial,
/// 1 missed: adherence … ; 3 flare and 7 rest days."
fn report_counts(report: &str) -> BTreeMap<String, usize> {
    let line = report
        .lines()
        .find(|l| l.starts_with("- **Sessions**: "))
        .unwrap_or_else(|| panic!("no Sessions line in the report:\n{report}"));
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    DayKind::ALL
        .iter()
        .map(|kind| {
            // "<n> done", "<n> flare and …": the number just before the kind's word.
            let at = words
                .iter()
                .position(|w| *w == kind.word())
                .unwrap_or_else(|| panic!("no {} in {line:?}", kind.word()));
            let count = words[at - 1]
                .parse()
                .unwrap_or_else(|_| panic!("no count before {} in {line:?}", kind.word()));
            (kind.word().to_string(), count)
        })
        .collect()
}

/// Counting back from `today` (from yesterday when not trained today) over days not missed.
fn expected_streak(
    days: &BTreeMap<NaiveDate, DayKind>,
    trained_today: bool,
    today: NaiveDate,
) -> u32 {
    let mut d = if trained_today {
        today
    } else {
        today.pred_opt().unwrap()
    };
    let mut n = 0;
    while d >= start() && days.get(&d).is_some_and(|k| *k != DayKind::Missed) {
        n += 1;
        d = d.pred_opt().unwrap();
    }
    n
}

#[test]
fn today_history_report_and_csv_classify_each_day_the_same() {
    let records = sample::journal(start(), DAYS);
    let catalogue = catalogue(false);
    let days = history_days(&records, &catalogue);
    // The story's turns, so agreement is not agreement on nonsense.
    assert_eq!(days[&day(0)], DayKind::Done);
    assert_eq!(days[&day(6)], DayKind::Rest, "the weekly day off");
    assert_eq!(
        days[&day(23)],
        DayKind::Missed,
        "all skipped, second idle day"
    );
    assert_eq!(days[&day(33)], DayKind::Partial);
    assert_eq!(days[&day(41)], DayKind::Flare);
    assert_eq!(days[&day(DAYS)], DayKind::Rest, "today is not over");
    assert_agreement(&records, &catalogue, &days);
}

/// A run logged on day `n` of the story, in the evening.
fn run(n: u32, minutes: f64, km: f64, pain: i64) -> Record {
    let date = day(n);
    Record {
        v: FORMAT_VERSION,
        id: RecordId(format!("run-{n:03}").into()),
        at: date.and_hms_opt(19, 0, 0).unwrap().and_utc().fixed_offset(),
        date,
        body: RecordBody::RunLogged {
            minutes,
            km: Some(km),
            rpe: Some(Rating::new(4).unwrap()),
            pain: Some(Rating::new(pain).unwrap()),
            imported: None,
        },
    }
}

#[test]
fn runs_count_the_same_way_in_today_history_report_and_csv() {
    let mut records = sample::journal(start(), DAYS);
    records.extend([
        run(6, 30.0, 5.0, 2),  // the weekly day off: a run only
        run(13, 40.0, 3.0, 1), // a day off: a walk logged as a run (13 min per km)
        run(17, 30.0, 5.0, 7), // a run above the ceiling, beside a full session
        run(23, 30.0, 5.0, 5), // the skipped day: a run at the ceiling
        run(33, 30.0, 5.0, 2), // the partial day: a run as well
    ]);
    let running = catalogue(true);
    let days = history_days(&records, &running);
    for (n, kind, why) in [
        (6, DayKind::Done, "a run is the day's complete session"),
        (13, DayKind::Done, "a walk logged as a run counts as logged"),
        (17, DayKind::Flare, "a run above the ceiling is a flare"),
        (23, DayKind::Done, "a run at the ceiling counts"),
        (33, DayKind::Done, "the run completes a partial day"),
        (27, DayKind::Rest, "no run, the weekly day off"),
    ] {
        assert_eq!(days[&day(n)], kind, "day {n}: {why}");
    }
    assert_agreement(&records, &running, &days);

    // The same runs on a programme without running: only the painful one shows (a flare).
    let no_running = catalogue(false);
    let days = history_days(&records, &no_running);
    assert_eq!(days[&day(6)], DayKind::Rest);
    assert_eq!(days[&day(13)], DayKind::Rest);
    assert_eq!(days[&day(17)], DayKind::Flare);
    assert_eq!(days[&day(23)], DayKind::Missed);
    assert_eq!(days[&day(33)], DayKind::Partial);
    assert_agreement(&records, &no_running, &days);
}

/// History's calendar days for `records`, up to and including today (day `DAYS`).
fn history_days(records: &[Record], catalogue: &Catalogue) -> BTreeMap<NaiveDate, DayKind> {
    let history = History::replay(records.to_vec(), apply_fields);
    let days = Derived::new(&history, catalogue, &CoachSettings::default(), day(DAYS)).days;
    assert_eq!(days.len(), DAYS as usize + 1);
    days
}

/// The CSV, the report and Today (opened on each day) agree with History's `days`.
fn assert_agreement(
    records: &[Record],
    catalogue: &Catalogue,
    days: &BTreeMap<NaiveDate, DayKind>,
) {
    let history = History::replay(records.to_vec(), apply_fields);
    let settings = CoachSettings::default();
    let today = day(DAYS);
    let catalogue = catalogue.clone();
    let days = days.clone();
    let running = catalogue
        .entries
        .iter()
        .any(|e| e.programme.rules.running_caps);

    // CSV: every row carries its day's kind.
    let csv = export::to_csv(&history, &catalogue, &settings, today, DayRange::default());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows = reader.records().collect::<Result<Vec<_>, _>>().unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        let date: NaiveDate = row[0].parse().unwrap();
        assert_eq!(&row[12], days[&date].word(), "CSV on {date}");
    }

    // Report: the adherence table counts the same days.
    let report = export::report(&history, &catalogue, &settings, today, DayRange::default());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (date, kind) in &days {
        if *date <= day(DAYS - 1) {
            *counts.entry(kind.word().to_string()).or_default() += 1;
        }
    }
    for kind in DayKind::ALL {
        counts.entry(kind.word().to_string()).or_default();
    }
    assert_eq!(report_counts(&report), counts);

    // Today, opened on each day of the story: done and streak follow the same days.
    for n in 0..DAYS {
        let today = day(n);
        let upto: Vec<_> = records
            .iter()
            .filter(|r| r.date <= today)
            .cloned()
            .collect();
        let app = App::new(
            Box::new(MemoryJournal::new(upto)),
            catalogue.clone(),
            Config::default(),
            today,
            Theme::plain(),
            Instant::now(),
        );
        let model = app.today_model(0);
        let session = history
            .sessions
            .iter()
            .any(|s| s.date == today && !s.sets.is_empty());
        let ran = running && history.runs.iter().any(|r| r.date == today);
        // Done today is the session (a run alone is not it); the streak counts the run too.
        assert_eq!(model.done_today, session, "done on {today}");
        assert_eq!(
            model.streak,
            expected_streak(&days, session || ran, today),
            "streak on {today}"
        );
    }
}
