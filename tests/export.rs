//! Export, report and corrections over the deterministic sample journal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::NaiveDate;
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::coach::prescribe;
use rehab_coach::domain::history::History;
use rehab_coach::domain::insight;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::reason::Reason;
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::export::{self, DayRange, sample};
use rehab_coach::store::journal_line::{self, apply_fields};

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

fn day(n: u64) -> NaiveDate {
    start().checked_add_days(chrono::Days::new(n)).unwrap()
}

fn catalogue() -> Catalogue {
    let programme = parse_programme(include_str!("fixtures/quick.toml")).unwrap();
    Catalogue {
        entries: vec![CatalogueEntry {
            programme,
            origin: Origin::Builtin,
        }],
        ..Catalogue::default()
    }
}

/// The day after the 90-day sample: every day of it is over.
fn after_sample() -> NaiveDate {
    day(90)
}

fn to_csv(history: &History, range: DayRange) -> String {
    let settings = CoachSettings::default();
    export::to_csv(history, &catalogue(), &settings, after_sample(), range)
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader.records().collect::<Result<Vec<_>, _>>().unwrap();
    (header, rows)
}

#[test]
fn csv_parses_with_the_documented_columns_in_order() {
    let history = History::replay(sample::journal(start(), 90), apply_fields);
    let (header, rows) = csv_rows(&to_csv(&history, DayRange::default()));
    assert_eq!(
        header,
        [
            "date",
            "programme",
            "phase",
            "exercise",
            "side",
            "set",
            "reps",
            "seconds",
            "rung",
            "pain",
            "effort",
            "note",
            "day",
            "stiffness",
            "load_test",
            "clinician_seen",
            "referral"
        ]
    );
    let sets: usize = history.sessions.iter().map(|s| s.sets.len()).sum();
    let set_rows = rows
        .iter()
        .filter(|r| !r[5].is_empty() && r[3].starts_with("quick-"))
        .count();
    assert_eq!(set_rows, sets, "one row per set");
    let check_ins = rows.iter().filter(|r| &r[3] == "check-in").count();
    assert_eq!(check_ins, history.checkins.len());
    // The session note with a comma and quotes survives quoting.
    assert!(
        rows.iter()
            .any(|r| r[11].contains("Stopped early, \"tired\" hip"))
    );
    // Per-side sets name their side.
    assert!(
        rows.iter()
            .any(|r| &r[3] == "quick-hold" && &r[4] == "right")
    );
    // Every row has a date in order.
    let dates: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn csv_check_in_row_carries_the_corrected_pain() {
    let history = History::replay(sample::journal(start(), 90), apply_fields);
    let (_, rows) = csv_rows(&to_csv(
        &history,
        DayRange::new(Some(day(50)), Some(day(50))),
    ));
    let check_in = rows.iter().find(|r| &r[3] == "check-in").unwrap();
    let records = sample::journal(start(), 90);
    let Some(RecordBody::Correction { fields, .. }) = records
        .iter()
        .map(|r| &r.body)
        .find(|b| b.kind() == "correction")
    else {
        panic!("the sample has a correction")
    };
    assert_eq!(
        check_in[9],
        fields["pain"].to_string(),
        "the correction replaced the typed 8"
    );
    assert_ne!(&check_in[9], "8");
    assert!(check_in[11].starts_with("stiffness "), "{:?}", check_in);
    // Stiffness and the load test also have their own columns.
    let checkin = &history.checkins[&day(50)];
    assert_eq!(
        check_in[13],
        checkin
            .stiffness
            .map(|s| s.value().to_string())
            .unwrap_or_default()
    );
    assert_eq!(
        check_in[14],
        checkin
            .load_test
            .map(|s| s.value().to_string())
            .unwrap_or_default()
    );
    assert!(!check_in[13].is_empty(), "the sample logs stiffness");
}

/// Clinician visits, acknowledged referrals and milestone answers have rows and columns.
#[test]
fn csv_has_clinician_visits_referrals_and_milestone_answers() {
    let mut records = sample::journal(start(), 20);
    let at = |d: u64| {
        chrono::DateTime::parse_from_rfc3339(&format!("{}T20:00:00+00:00", day(d))).unwrap()
    };
    let mut add = |n: u64, body: RecordBody| {
        records.push(Record {
            v: journal_line::FORMAT_VERSION,
            id: RecordId(format!("extra-{n}").into()),
            at: at(n),
            date: day(n),
            body,
        })
    };
    add(
        5,
        RecordBody::ClinicianSeen {
            note: Some("physio: carry on".into()),
        },
    );
    add(
        6,
        RecordBody::ReferralAcknowledged {
            reason: "rising_trend".into(),
        },
    );
    add(
        7,
        RecordBody::MilestoneAnswered {
            programme: "quick-test".into(),
            milestone: "stance".into(),
            yes: true,
        },
    );
    let history = History::replay(records, apply_fields);
    let (_, rows) = csv_rows(&to_csv(&history, DayRange::default()));
    let seen = rows.iter().find(|r| &r[3] == "clinician-seen").unwrap();
    assert_eq!((&seen[0], &seen[15]), (day(5).to_string().as_str(), "yes"));
    let ack = rows
        .iter()
        .find(|r| &r[3] == "referral-acknowledged")
        .unwrap();
    assert_eq!(
        (&ack[0], &ack[16]),
        (day(6).to_string().as_str(), "rising_trend")
    );
    let answer = rows.iter().find(|r| &r[3] == "milestone").unwrap();
    assert_eq!(
        (&answer[0], &answer[11]),
        (day(7).to_string().as_str(), "stance: yes")
    );
    assert!(rows.iter().all(|r| r.len() == 17));
    // The report lists them with their days, and the visit with what was noted.
    let text = export::report(
        &history,
        &catalogue(),
        &CoachSettings::default(),
        day(20),
        DayRange::default(),
    );
    for line in [
        format!(
            "| {} | clinician: a clinician saw the person: \"physio: carry on\" | – |",
            day(5)
        ),
        format!(
            "| {} | referral: referral acknowledged (morning pain rising day after day) | – |",
            day(6)
        ),
        format!(
            "| {} | clinician: milestone \"stance\" answered yes | – |",
            day(7)
        ),
    ] {
        assert!(text.contains(&line), "{line} missing from:\n{text}");
    }
    assert!(text.contains(&format!(
        "- **Clinician**: {} a clinician saw the person: \"physio: carry on\"",
        day(5)
    )));
}

#[test]
fn csv_range_limits_rows() {
    let history = History::replay(sample::journal(start(), 90), apply_fields);
    let (_, rows) = csv_rows(&to_csv(
        &history,
        DayRange::new(Some(day(10)), Some(day(12))),
    ));
    assert!(!rows.is_empty());
    let allowed = [day(10), day(11), day(12)].map(|d| d.to_string());
    assert!(rows.iter().all(|r| allowed.contains(&r[0].to_string())));
}

#[test]
fn json_holds_every_record_and_round_trips() {
    let records = sample::journal(start(), 90);
    let json = export::to_json(&records, DayRange::default());
    let back: Vec<Record> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.len(), records.len());
    assert!(back.iter().any(|r| r.body.kind() == "correction"));
    let mut expected = records.clone();
    expected.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    assert_eq!(back, expected);
    // Each line is also a journal line.
    for line in json.lines().map(str::trim).filter(|l| l.starts_with('{')) {
        journal_line::from_line(line.trim_end_matches(',')).unwrap();
    }
}

#[test]
fn report_matches_snapshot() {
    let history = History::replay(sample::journal(start(), 90), apply_fields);
    let text = export::report(
        &history,
        &catalogue(),
        &CoachSettings::default(),
        after_sample(),
        DayRange::default(),
    );
    insta::assert_snapshot!("report_90_days", text);
}

/// The sample journal with the first step up's plan (day 14) stored with its reason as data
/// and stale words, as a journal written by an earlier wording would hold it.
fn step_up_with_data() -> Vec<Record> {
    let mut records = sample::journal(start(), 20);
    let reason = Reason::new("rule 11", "stale words").because(
        "streak_met",
        &[
            ("sessions", 3.0),
            ("ceiling", 5.0),
            ("min_days", 3.0),
            ("from_rung", 1.0),
            ("to_rung", 2.0),
        ],
    );
    for record in records.iter_mut().filter(|r| r.date == day(14)) {
        if let RecordBody::SessionStarted { plan, .. } = &mut record.body {
            let plan = std::sync::Arc::make_mut(plan);
            plan.reasons = vec![reason.clone()];
            let hold = plan
                .exercises
                .iter_mut()
                .find(|e| e.exercise == "quick-hold")
                .unwrap();
            hold.reasons = vec![reason.clone()];
        }
    }
    records
}

#[test]
fn report_phrases_a_stored_reason_from_its_data() {
    let history = History::replay(step_up_with_data(), apply_fields);
    let text = export::report(
        &history,
        &catalogue(),
        &CoachSettings::default(),
        day(20),
        DayRange::default(),
    );
    assert!(
        text.contains("Why: Quick hold steps up to rung 2 (2 × 3 s hold, rest 1 s; changes hold): the last 3 sessions at this rung stayed within the ceiling of 5 and settled by the next morning, after at least 3 days at this rung (rule 11)"),
        "{text}"
    );
    assert!(!text.contains("stale words"), "{text}");
}

#[test]
fn report_of_empty_and_single_day() {
    let settings = CoachSettings::default();
    let empty = export::report(
        &History::default(),
        &catalogue(),
        &settings,
        start(),
        DayRange::default(),
    );
    assert!(empty.contains("does not diagnose"));
    assert!(empty.contains("The journal is empty"));
    let one = History::replay(sample::journal(start(), 1), apply_fields);
    insta::assert_snapshot!(
        "report_single_day",
        export::report(&one, &catalogue(), &settings, day(1), DayRange::default())
    );
}

/// The sample journal with the day-50 check-in typed right the first time (no correction).
fn typed_right_first_time() -> Vec<Record> {
    let mut records = sample::journal(start(), 90);
    let correction = records
        .iter()
        .position(|r| r.body.kind() == "correction")
        .unwrap();
    let RecordBody::Correction { target, fields, .. } = records.remove(correction).body else {
        unreachable!()
    };
    let right = fields["pain"].as_i64().unwrap();
    let checkin = records.iter_mut().find(|r| r.id == target).unwrap();
    let RecordBody::CheckIn { pain, .. } = &mut checkin.body else {
        panic!("the correction targets a check-in")
    };
    *pain = Some(right.try_into().unwrap());
    records
}

fn assert_same_everywhere(corrected: &History, original: &History, today: NaiveDate) {
    // Every view is equal; only `latest` (the last record replayed) differs: the correction.
    let views = |h: &History| History {
        latest: None,
        ..h.clone()
    };
    assert_eq!(views(corrected), views(original));
    let settings = CoachSettings::default();
    let catalogue = catalogue();
    let lookup = |id: &str| catalogue.get(id);
    assert_eq!(
        insight::daily_pain(corrected),
        insight::daily_pain(original)
    );
    assert_eq!(
        insight::DayClassifier::new(corrected, &settings, &lookup, today).days_until(today),
        insight::DayClassifier::new(original, &settings, &lookup, today).days_until(today)
    );
    assert_eq!(
        to_csv(corrected, DayRange::default()),
        to_csv(original, DayRange::default())
    );
    let programme = catalogue.get(sample::PROGRAMME).unwrap();
    assert_eq!(
        prescribe(programme, corrected, today, &settings),
        prescribe(programme, original, today, &settings)
    );
}

#[test]
fn corrected_check_in_is_exactly_as_if_typed_right() {
    let corrected = History::replay(sample::journal(start(), 90), apply_fields);
    let original = History::replay(typed_right_first_time(), apply_fields);
    assert_same_everywhere(&corrected, &original, day(51));
    // And the typo itself would have looked different.
    let mut typo = sample::journal(start(), 90);
    typo.retain(|r| r.body.kind() != "correction");
    let typo = History::replay(typo, apply_fields);
    assert_ne!(insight::daily_pain(&typo), insight::daily_pain(&corrected));
}

/// A morning pain mistyped as this, then corrected.
const TYPO_PAIN: i64 = 8;

#[test]
fn corrected_morning_pain_gives_the_plan_as_if_typed_right() {
    const CALM_DAYS: u32 = 20;
    let original = sample::journal(start(), CALM_DAYS);
    let last_day = day(u64::from(CALM_DAYS) - 1);
    let checkin = original
        .iter()
        .position(|r| r.date == last_day && r.body.kind() == "check_in")
        .unwrap();
    let RecordBody::CheckIn {
        pain: Some(right), ..
    } = original[checkin].body.clone()
    else {
        panic!("the sample's check-ins rate pain")
    };
    let mut typo = original.clone();
    let RecordBody::CheckIn { pain, .. } = &mut typo[checkin].body else {
        unreachable!()
    };
    *pain = Some(TYPO_PAIN.try_into().unwrap());
    let mut fields = serde_json::Map::new();
    fields.insert("pain".into(), serde_json::json!(right.value()));
    let mut corrected = typo.clone();
    corrected.push(Record {
        id: RecordId("demo-fix-0".into()),
        at: original[checkin].at + chrono::TimeDelta::hours(3),
        body: RecordBody::Correction {
            target: original[checkin].id.clone(),
            fields,
            reason: None,
        },
        ..original[checkin].clone()
    });
    // The coach reads a morning's pain when planning that day (the response to yesterday).
    let planned_day = last_day;
    let corrected = History::replay(corrected, apply_fields);
    assert_same_everywhere(
        &corrected,
        &History::replay(original, apply_fields),
        planned_day,
    );

    // Uncorrected, the typo would have changed the next day's plan.
    let catalogue = catalogue();
    let programme = catalogue.get(sample::PROGRAMME).unwrap();
    let settings = CoachSettings::default();
    let typo_plan = prescribe(
        programme,
        &History::replay(typo, apply_fields),
        planned_day,
        &settings,
    );
    let right_plan = prescribe(programme, &corrected, planned_day, &settings);
    assert_ne!(typo_plan, right_plan);
}

#[test]
fn corrected_set_pain_is_exactly_as_if_rated_right() {
    const RIGHT_PAIN: i64 = 7;
    let records = sample::journal(start(), 30);
    let target = records
        .iter()
        .rev()
        .find(|r| r.body.kind() == "set_done")
        .unwrap()
        .clone();
    let mut fields = serde_json::Map::new();
    fields.insert("pain".into(), serde_json::json!(RIGHT_PAIN));
    let mut corrected = records.clone();
    corrected.push(Record {
        id: RecordId("demo-fix-1".into()),
        at: target.at + chrono::TimeDelta::hours(5),
        body: RecordBody::Correction {
            target: target.id.clone(),
            fields,
            reason: Some("rated the wrong set".into()),
        },
        ..target.clone()
    });
    let mut original = records;
    let set = original.iter_mut().find(|r| r.id == target.id).unwrap();
    let RecordBody::SetDone { pain, .. } = &mut set.body else {
        unreachable!()
    };
    *pain = RIGHT_PAIN.try_into().unwrap();
    let today = target.date.succ_opt().unwrap();
    assert_same_everywhere(
        &History::replay(corrected, apply_fields),
        &History::replay(original, apply_fields),
        today,
    );
}

mod command {
    use assert_cmd::Command;

    fn rehab(data: &std::path::Path) -> Command {
        let mut cmd = Command::cargo_bin("rehab").unwrap();
        cmd.env("REHAB_DATA_DIR", data)
            .env("REHAB_CONFIG_DIR", data.join("config"))
            .env("NO_COLOR", "1");
        cmd
    }

    #[test]
    fn export_writes_the_file_named_by_o() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        // Outside the data dir: exports are never written into it.
        rehab(&dir.path().join("data"))
            .args(["export", "--format", "csv", "-o"])
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("date,programme,phase,exercise,side,set,"));
    }

    #[test]
    fn unwritable_output_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no-such-folder").join("report.md");
        let assert = rehab(dir.path())
            .args(["report", "-o"])
            .arg(&out)
            .assert()
            .failure();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(&out.display().to_string()), "{stderr}");
    }

    #[test]
    fn refuses_to_overwrite_a_journal_file() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal-dev1.jsonl");
        std::fs::write(&journal, "").unwrap();
        rehab(dir.path())
            .args(["export", "--format", "json", "-o"])
            .arg(&journal)
            .assert()
            .failure();
        assert_eq!(std::fs::read_to_string(&journal).unwrap(), "");
    }

    #[test]
    fn since_after_until_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        rehab(dir.path())
            .args(["export", "--since", "2026-03-05", "--until", "2026-03-01"])
            .assert()
            .failure();
    }
}
