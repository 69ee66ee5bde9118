use super::*;
use crate::domain::pain::Rating;
use crate::store::journal_file::JournalWriter;
use crate::store::journal_line;
use std::collections::BTreeMap;

fn context(data_dir: &Path, today: NaiveDate) -> Context {
    Context {
        data_dir: data_dir.to_path_buf(),
        config_dir: data_dir.join("config"),
        today,
        date_given: false,
        real_today: today,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn check_in(pain: i64) -> RecordBody {
    RecordBody::CheckIn {
        pain: Some(Rating::new(pain).unwrap()),
        stiffness: None,
        load_test: None,
        red_flags: BTreeMap::new(),
    }
}

fn chosen(start: NaiveDate) -> RecordBody {
    RecordBody::ProgrammeChosen {
        programme: "gluteal-tendinopathy".into(),
        start,
    }
}

/// The journal on disk, read and replayed whole.
fn replayed_from_disk(data_dir: &Path) -> History {
    History::replay(read_journal(data_dir).unwrap().records, apply_fields)
}

#[test]
fn opening_a_missing_data_dir_is_an_empty_history_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let journal = FileJournal::open(&context(&data, day(2)), None).unwrap();
    assert_eq!(journal.history(), &History::default());
    assert!(!data.exists());
    drop(journal);
    assert!(!data.exists());
}

#[test]
fn appends_reach_the_file_and_the_history_as_a_full_replay_would() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(2));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    journal.append(day(1), chosen(day(1))).unwrap();
    journal.append(day(2), check_in(3)).unwrap();
    assert_eq!(journal.records().len(), 2);
    assert_eq!(journal.history(), &replayed_from_disk(tmp.path()));
    assert_eq!(
        journal.history().checkin(day(2)).unwrap().pain,
        Some(Rating::new(3).unwrap())
    );
}

#[test]
fn a_correction_appended_is_replayed_in_full() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(2));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    let first = journal.append(day(2), check_in(3)).unwrap();
    let mut fields = serde_json::Map::new();
    fields.insert("pain".into(), serde_json::json!(5));
    journal
        .append(
            day(2),
            RecordBody::Correction {
                target: first.id.clone(),
                fields,
                reason: None,
            },
        )
        .unwrap();
    assert_eq!(
        journal.history().checkin(day(2)).unwrap().pain,
        Some(Rating::new(5).unwrap())
    );
    assert_eq!(journal.history(), &replayed_from_disk(tmp.path()));
}

#[test]
fn reread_sees_what_another_writer_appended() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(2));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    {
        let mut other = JournalWriter::open(tmp.path()).unwrap();
        other.append(day(2), ctx.now_stamp(), check_in(4)).unwrap();
    }
    assert!(journal.history().checkin(day(2)).is_none());
    journal.reread().unwrap();
    assert_eq!(
        journal.history().checkin(day(2)).unwrap().pain,
        Some(Rating::new(4).unwrap())
    );
    assert_eq!(journal.history(), &replayed_from_disk(tmp.path()));
}

#[test]
fn acting_as_an_earlier_day_leaves_out_later_days_but_counts_their_choice() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(5));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    journal.append(day(4), chosen(day(4))).unwrap();
    journal.append(day(5), check_in(2)).unwrap();
    let earlier = FileJournal::open(&context(tmp.path(), day(3)), Some(day(3))).unwrap();
    assert!(earlier.history().current().is_none());
    assert!(earlier.history().checkin(day(5)).is_none());
    assert_eq!(earlier.first_programme_start(), Some(day(4)));
    let now = FileJournal::open(&ctx, Some(day(5))).unwrap();
    assert_eq!(now.history(), &replayed_from_disk(tmp.path()));
    assert_eq!(now.first_programme_start(), Some(day(4)));
}

#[test]
fn damaged_lines_are_warnings_and_the_rest_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(2));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    let saved = journal.append(day(2), check_in(3)).unwrap();
    let file = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .unwrap();
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("{\"v\":1,\"id\":\n");
    std::fs::write(&file, text).unwrap();
    let again = FileJournal::open(&ctx, None).unwrap();
    assert_eq!(again.problems().len(), 1);
    assert_eq!(again.problems()[0].line, 2);
    assert_eq!(again.warnings().len(), 1);
    assert_eq!(again.history().checkin(day(2)).unwrap().ids, vec![saved.id]);
}

#[test]
fn a_journal_that_cannot_be_added_block_by_block_is_replayed_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(5));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    let first = journal.append(day(1), chosen(day(1))).unwrap();
    let second = journal.append(day(2), check_in(2)).unwrap();
    drop(journal);
    // Another device's file, its records in time between this device's: out of order when the
    // files are read one after the other.
    let other = tmp.path().join("journal-0ther0device.jsonl");
    let line = |id: &str, body: RecordBody| -> String {
        let record = Record {
            v: journal_line::FORMAT_VERSION,
            id: id.into(),
            at: first.at + chrono::Duration::seconds(1),
            date: day(1),
            body,
        };
        journal_line::to_line(&record) + "\n"
    };
    std::fs::write(&other, line("0ther0device-000001", check_in(4))).unwrap();
    let read = FileJournal::open(&ctx, None).unwrap();
    assert_eq!(read.history(), &replayed_from_disk(tmp.path()));
    assert_eq!(
        read.history().checkin(day(1)).unwrap().pain,
        Some(Rating::new(4).unwrap())
    );

    // And a correction on disk.
    let mut fields = serde_json::Map::new();
    fields.insert("pain".into(), serde_json::json!(6));
    let mut journal = FileJournal::open(&ctx, None).unwrap();
    journal
        .append(
            day(5),
            RecordBody::Correction {
                target: second.id.clone(),
                fields,
                reason: None,
            },
        )
        .unwrap();
    drop(journal);
    let read = FileJournal::open(&ctx, None).unwrap();
    assert_eq!(read.history(), &replayed_from_disk(tmp.path()));
    assert_eq!(
        read.history().checkin(day(2)).unwrap().pain,
        Some(Rating::new(6).unwrap())
    );
}

#[test]
fn the_next_append_picks_up_what_a_command_appended_meanwhile() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = context(tmp.path(), day(2));
    // The app: open all day, it has written once already.
    let mut app = FileJournal::open(&ctx, None).unwrap();
    app.append(day(1), chosen(day(1))).unwrap();
    // A `rehab checkin` in another terminal while the app is open: it is not locked out.
    JournalWriter::open(tmp.path())
        .unwrap()
        .append(day(2), ctx.now_stamp(), check_in(4))
        .unwrap();
    let note = app
        .append(day(2), RecordBody::Note { text: "x".into() })
        .unwrap();
    assert_eq!(
        app.history().checkin(day(2)).unwrap().pain,
        Some(Rating::new(4).unwrap())
    );
    assert_eq!(app.history(), &replayed_from_disk(tmp.path()));
    // Three records, three different ids.
    let ids: std::collections::BTreeSet<_> = read_journal(tmp.path())
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.contains(&note.id));
}
