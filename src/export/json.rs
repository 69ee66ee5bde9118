//! Lossless JSON export: every journal record in the range, exactly as written (corrections
//! included as their own records), as one JSON array with one record per line.

use crate::domain::records::Record;
use crate::export::range::DayRange;
use crate::store::journal_line;

/// Each record is indented inside the array, so the export reads as JSON and never as journal lines.
const ELEMENT_INDENT: &str = "  ";

/// A JSON array of the records whose `date` is in `range`, in journal order (time written, then id).
/// Each element is the record's journal line, so `journal_line::from_line` reads it back unchanged.
pub fn to_json(records: &[Record], range: DayRange) -> String {
    let mut chosen: Vec<&Record> = records.iter().filter(|r| range.contains(r.date)).collect();
    chosen.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    if chosen.is_empty() {
        return "[]\n".into();
    }
    let lines: Vec<String> = chosen
        .iter()
        .map(|r| format!("{ELEMENT_INDENT}{}", journal_line::to_line(r)))
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;
    use chrono::NaiveDate;

    #[test]
    fn empty_journal_is_an_empty_array() {
        assert_eq!(to_json(&[], DayRange::default()), "[]\n");
    }

    #[test]
    fn range_keeps_only_its_days() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let records = sample::journal(start, 3);
        let second = start.succ_opt().unwrap();
        let json = to_json(&records, DayRange::new(Some(second), Some(second)));
        let parsed: Vec<Record> = serde_json::from_str(&json).unwrap();
        assert!(!parsed.is_empty());
        assert!(parsed.iter().all(|r| r.date == second));
    }
}
