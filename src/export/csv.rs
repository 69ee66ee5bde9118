//! CSV export: one row per set, plus rows for check-ins, skipped exercises, session ends, runs
//! and notes, built from the corrected `History`. Every row ends with how its day went (the one
//! day classification of `domain::insight`). The columns and what each row kind puts in them are
//! documented in docs/export.md; keep the two in step.

use crate::domain::catalogue::Catalogue;
use crate::domain::history::{DayCheckIn, History, SessionLog};
use crate::domain::insight::DayClassifier;
use crate::domain::pain::Rating;
use crate::domain::settings::CoachSettings;
use crate::domain::text::printable;
use crate::export::range::DayRange;
use chrono::NaiveDate;

/// The header, in order. Stable: scripts depend on it (new columns only ever go at the end).
pub const COLUMNS: [&str; 17] = [
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
    "referral",
];

/// `exercise` value of the row for a morning check-in.
pub const CHECK_IN: &str = "check-in";
/// `exercise` value of the row that closes a session (pain = pain after).
pub const SESSION_END: &str = "session-end";
/// `exercise` value of a logged run.
pub const RUN: &str = "run";
/// `exercise` value of a free-text note for the day.
pub const NOTE: &str = "note";
/// `exercise` value of a day a clinician saw the person (after a stop).
pub const CLINICIAN_SEEN: &str = "clinician-seen";
/// `exercise` value of an acknowledged referral ("see a clinician soon").
pub const REFERRAL_ACKNOWLEDGED: &str = "referral-acknowledged";
/// `exercise` value of an answer to a phase milestone question.
pub const MILESTONE: &str = "milestone";

#[derive(Default)]
struct Row {
    date: String,
    programme: String,
    phase: String,
    exercise: String,
    side: String,
    set: String,
    reps: String,
    seconds: String,
    rung: String,
    pain: String,
    effort: String,
    note: String,
    day: String,
    stiffness: String,
    load_test: String,
    clinician_seen: String,
    referral: String,
}

impl Row {
    fn fields(&self) -> [&str; 17] {
        [
            &self.date,
            &self.programme,
            &self.phase,
            &self.exercise,
            &self.side,
            &self.set,
            &self.reps,
            &self.seconds,
            &self.rung,
            &self.pain,
            &self.effort,
            &self.note,
            &self.day,
            &self.stiffness,
            &self.load_test,
            &self.clinician_seen,
            &self.referral,
        ]
    }
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn rating(value: Option<Rating>) -> String {
    text(value.map(Rating::value))
}

/// First characters that make a spreadsheet run a cell as a formula (CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A field made safe and quoted: control characters replaced (the CSV may be printed to a
/// terminal), a leading formula character neutralised with an apostrophe (the usual spreadsheet
/// convention: the cell is shown as text, never run), then quoted when it holds a comma, quote,
/// line break or edge space (RFC 4180).
fn quote(field: &str) -> String {
    let field = if field.starts_with(FORMULA_STARTS) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    let field = printable(&field);
    let needs =
        field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// The programme chosen on or before `date` (the last such choice).
fn programme_on(history: &History, date: NaiveDate) -> String {
    history
        .choices
        .iter()
        .rev()
        .find(|c| c.start <= date)
        .map(|c| c.programme.clone())
        .unwrap_or_default()
}

fn check_in_row(history: &History, date: NaiveDate, checkin: &DayCheckIn) -> Row {
    let mut note = Vec::new();
    if let Some(s) = checkin.stiffness {
        note.push(format!("stiffness {}", s.value()));
    }
    if let Some(l) = checkin.load_test {
        note.push(format!("load test {}", l.value()));
    }
    if !checkin.red_flags.is_empty() {
        let yes: Vec<&str> = checkin
            .red_flags
            .iter()
            .filter(|(_, answer)| **answer)
            .map(|(id, _)| id.as_str())
            .collect();
        note.push(if yes.is_empty() {
            "red flags: all no".to_string()
        } else {
            format!("red flags yes: {}", yes.join(" "))
        });
    }
    Row {
        date: date.to_string(),
        programme: programme_on(history, date),
        exercise: CHECK_IN.into(),
        pain: rating(checkin.pain),
        note: note.join(", "),
        stiffness: rating(checkin.stiffness),
        load_test: rating(checkin.load_test),
        ..Row::default()
    }
}

fn session_rows(session: &SessionLog, rows: &mut Vec<Row>) {
    let base = || Row {
        date: session.date.to_string(),
        programme: session.plan.programme.to_string(),
        phase: session.plan.phase.to_string(),
        ..Row::default()
    };
    let rung_of = |exercise: &str| {
        text(
            session
                .plan
                .exercises
                .iter()
                .find(|e| e.exercise == exercise)
                .map(|e| e.rung),
        )
    };
    for set in &session.sets {
        rows.push(Row {
            exercise: set.exercise.to_string(),
            side: set.side.map(|s| s.word().to_string()).unwrap_or_default(),
            set: set.set.to_string(),
            reps: text(set.reps),
            seconds: text(set.seconds),
            rung: rung_of(&set.exercise),
            pain: set.pain.value().to_string(),
            effort: rating(set.effort),
            ..base()
        });
    }
    for skip in &session.skipped {
        rows.push(Row {
            exercise: skip.exercise.to_string(),
            rung: rung_of(&skip.exercise),
            note: format!("skipped: {}", skip.reason),
            ..base()
        });
    }
    let mut note = Vec::new();
    if let Some(before) = session.pain_before {
        note.push(format!("pain before {}", before.value()));
    }
    let finish = session.finished.as_ref();
    if finish.is_none() {
        note.push("not finished".to_string());
    }
    if let Some(text) = finish.and_then(|f| f.note.as_ref()) {
        note.push(text.clone());
    }
    // A referral the plan of this session carried (the coach's "see a clinician soon").
    let referral = match &session.plan.decision {
        crate::domain::plan::Decision::Refer(reason) => reason.id().to_string(),
        _ => String::new(),
    };
    rows.push(Row {
        exercise: SESSION_END.into(),
        referral,
        pain: rating(finish.map(|f| f.pain_after)),
        effort: rating(finish.and_then(|f| f.effort)),
        note: note.join(", "),
        ..base()
    });
}

/// Rows for what the person told the coach that day: a clinician visit, an acknowledged
/// referral, a milestone answer.
fn answer_rows(history: &History, date: NaiveDate, rows: &mut Vec<Row>) {
    let base = |exercise: &str| Row {
        date: date.to_string(),
        programme: programme_on(history, date),
        exercise: exercise.into(),
        ..Row::default()
    };
    for _ in history.clinician_seen.iter().filter(|d| **d == date) {
        rows.push(Row {
            clinician_seen: "yes".into(),
            ..base(CLINICIAN_SEEN)
        });
    }
    for (_, reason) in history
        .referrals_acknowledged
        .iter()
        .filter(|(d, _)| *d == date)
    {
        rows.push(Row {
            referral: reason.clone(),
            note: "acknowledged".into(),
            ..base(REFERRAL_ACKNOWLEDGED)
        });
    }
    for answer in history.milestones.iter().filter(|m| m.date == date) {
        rows.push(Row {
            programme: answer.programme.clone(),
            note: format!(
                "{}: {}",
                answer.milestone,
                if answer.yes { "yes" } else { "no" }
            ),
            ..base(MILESTONE)
        });
    }
}

/// Seconds in a minute, for a run's duration.
const SECONDS_PER_MINUTE: f64 = 60.0;

/// The CSV text (header first, `\n` line ends) for the days in `range`, oldest day first.
/// `today` is the day the export is made: a day not over yet is never counted as missed.
pub fn to_csv(
    history: &History,
    catalogue: &Catalogue,
    settings: &CoachSettings,
    today: NaiveDate,
    range: DayRange,
) -> String {
    let lookup = |id: &str| catalogue.get(id);
    let classifier = DayClassifier::new(history, settings, &lookup, today);
    let mut days: Vec<NaiveDate> = history
        .checkins
        .keys()
        .copied()
        .chain(history.sessions.iter().map(|s| s.date))
        .chain(history.runs.iter().map(|r| r.date))
        .chain(history.notes.iter().map(|n| n.date))
        .chain(history.clinician_seen.iter().copied())
        .chain(history.referrals_acknowledged.iter().map(|(d, _)| *d))
        .chain(history.milestones.iter().map(|m| m.date))
        .filter(|d| range.contains(*d))
        .collect();
    days.sort();
    days.dedup();

    let mut rows = Vec::new();
    for date in days {
        let first_row = rows.len();
        if let Some(checkin) = history.checkins.get(&date) {
            rows.push(check_in_row(history, date, checkin));
        }
        for session in history.sessions.iter().filter(|s| s.date == date) {
            session_rows(session, &mut rows);
        }
        for run in history.runs.iter().filter(|r| r.date == date) {
            rows.push(Row {
                date: date.to_string(),
                programme: programme_on(history, date),
                exercise: RUN.into(),
                seconds: format!("{:.0}", run.minutes * SECONDS_PER_MINUTE),
                pain: run.pain.map(|p| p.value().to_string()).unwrap_or_default(),
                effort: run.rpe.map(|r| r.value().to_string()).unwrap_or_default(),
                note: run.km.map(|k| format!("{k:.2} km")).unwrap_or_default(),
                ..Row::default()
            });
        }
        for note in history.notes.iter().filter(|n| n.date == date) {
            rows.push(Row {
                date: date.to_string(),
                programme: programme_on(history, date),
                exercise: NOTE.into(),
                note: note.text.clone(),
                ..Row::default()
            });
        }
        answer_rows(history, date, &mut rows);
        let kind = classifier.kind(date).word();
        for row in &mut rows[first_row..] {
            row.day = kind.to_string();
        }
    }

    let mut out = COLUMNS.join(",");
    out.push('\n');
    for row in rows {
        let line: Vec<String> = row.fields().iter().map(|f| quote(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_and_control_characters_are_neutralised() {
        assert_eq!(quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                quote(start).trim_start_matches('"').starts_with('\''),
                "{start:?}"
            );
        }
        assert_eq!(quote("a\x1b]52;c;x\x07"), "a\u{FFFD}]52;c;x\u{FFFD}");
    }

    #[test]
    fn empty_history_is_just_the_header() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        assert_eq!(
            to_csv(
                &History::default(),
                &Catalogue::default(),
                &CoachSettings::default(),
                today,
                DayRange::default()
            ),
            format!("{}\n", COLUMNS.join(","))
        );
    }
}
