//! The check-in's questions about imported runs: the pain during each recent run the watch
//! brought in, which only the person knows.

use crate::domain::config::Units;
use crate::domain::history::History;
use crate::tui::screens::checkin::RunQuestion;
use chrono::NaiveDate;

/// Runs this many days back (and today's) are asked about; older ones are rated with
/// `rehab log run-pain`, as a week-old run's pain is hard to recall.
const ASK_DAYS: i64 = 3;
/// At most this many run questions in one check-in, the latest first.
const MOST: usize = 3;

/// The recent runs with no pain yet, newest first.
pub fn unrated_runs(history: &History, today: NaiveDate, units: Units) -> Vec<RunQuestion> {
    history
        .runs
        .iter()
        .rev()
        .filter(|r| r.pain_unrated() && r.date <= today && (today - r.date).num_days() <= ASK_DAYS)
        .take(MOST)
        .map(|r| {
            let size =
                r.km.map_or_else(String::new, |km| format!("{} ", units.show(km)));
            let when = match (today - r.date).num_days() {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                _ => format!("on {}", r.date.format("%a %-d %b")),
            };
            RunQuestion {
                run: r.id.clone(),
                label: format!("Your {size}run {when}: pain during"),
                pain: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::RunLog;
    use crate::domain::pain::Rating;
    use crate::domain::records::{ImportedRun, RecordBody, RecordId};
    use crate::tui::screens::checkin::{CheckInForm, Field, FormAction, lines};
    use crate::tui::theme::Theme;
    use std::collections::BTreeMap;

    fn run(day: u32, pain: Option<u8>) -> RunLog {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let at = date.and_hms_opt(12, 0, 0).unwrap().and_utc().fixed_offset();
        RunLog {
            id: RecordId(format!("r{day}").into()),
            date,
            at,
            minutes: 40.0,
            km: Some(6.2),
            rpe: None,
            pain: pain.map(|p| Rating::new(i64::from(p)).unwrap()),
            imported: Some(Box::new(ImportedRun {
                file: "run.fit".into(),
                fingerprint: format!("f{day}"),
                started: at,
                sport: "run".into(),
                avg_hr: None,
                ascent_m: None,
            })),
        }
    }

    #[test]
    fn the_check_in_asks_about_recent_unrated_runs_only() {
        let history = History {
            runs: vec![run(1, None), run(5, None), run(6, Some(2)), run(7, None)],
            ..History::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let asked = unrated_runs(&history, today, Units::Km);
        let labels: Vec<&str> = asked.iter().map(|q| q.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Your 6.2 km run yesterday: pain during",
                "Your 6.2 km run on Thu 5 Mar: pain during"
            ]
        );
        assert_eq!(asked[0].run, RecordId("r7".into()));
    }

    /// The run's pain comes after the morning questions and is saved as a correction of the
    /// run; with only the run answered, no empty check-in is written.
    #[test]
    fn a_run_question_saves_a_correction_of_the_run() {
        let mut form = CheckInForm::new(None);
        form.runs.push(RunQuestion {
            run: RecordId("r1".into()),
            label: "Your 6.2 km run yesterday: pain during".into(),
            pain: None,
        });
        assert_eq!(form.fields().last(), Some(&Field::RunPain(0)));
        form.edit(FormAction::Last, None);
        form.edit(FormAction::Digit, Some(4));
        let records = form.records(BTreeMap::new());
        assert_eq!(records.len(), 1);
        let RecordBody::Correction { target, fields, .. } = &records[0] else {
            panic!("{records:?}");
        };
        assert_eq!(target.as_str(), "r1");
        assert_eq!(fields["pain"], 4);
        let shown = lines(&form, Theme::plain(), 2, 5)
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            shown.contains("Your 6.2 km run yesterday: pain during  4 / 10"),
            "{shown}"
        );
    }
}
