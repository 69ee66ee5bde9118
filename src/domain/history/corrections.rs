//! Corrections: a later record replaces fields of an earlier one, so the journal is never
//! rewritten. Applied before the records are replayed.

use super::CorrectionProblem;
use crate::domain::records::{Record, RecordBody, RecordId};
use std::collections::HashMap;

/// A correction's fields put into its target (`null` removes a field), read back as a record, or
/// the problem's message when the result is not a valid record. Fields are named and read as a
/// journal line spells them, so the store provides it (`store::journal_line::apply_fields`); the
/// domain decides which record a correction applies to and which fields may change.
pub type ApplyFields =
    fn(&Record, &serde_json::Map<String, serde_json::Value>) -> Result<Record, String>;

/// `ApplyFields` for domain tests, whose journals have no correction to put into a record (that
/// takes the store's line format: corrections are tested in `store::journal_line`).
#[cfg(test)]
pub(crate) fn no_fields(
    _: &Record,
    _: &serde_json::Map<String, serde_json::Value>,
) -> Result<Record, String> {
    panic!("this test applies no correction: replay it with store::journal_line::apply_fields")
}

/// Apply every correction to its target, in timestamp order, and drop the correction records.
/// A correction replaces top-level fields of the target's JSON (`date` included); `v`, `id`,
/// `kind` and `at` cannot be changed. Only the records a correction targets are looked up and
/// rewritten: a journal without corrections costs one look at each record.
pub(super) fn apply_corrections(
    records: Vec<Record>,
    apply_fields: ApplyFields,
    problems: &mut Vec<CorrectionProblem>,
) -> Vec<Record> {
    let is_correction = |r: &Record| matches!(r.body, RecordBody::Correction { .. });
    if !records.iter().any(is_correction) {
        // Kept as it is: copying every record into a new list cost more than the check.
        return records;
    }
    let mut out: Vec<Record> = Vec::with_capacity(records.len());
    let mut corrections = Vec::new();
    for record in records {
        match record.body {
            RecordBody::Correction { target, fields, .. } => {
                corrections.push((record.id, target, fields))
            }
            _ => out.push(record),
        }
    }
    if corrections.is_empty() {
        return out;
    }
    // Where each targeted record is (ids are unique; if not, the last one wins as before).
    let mut index: HashMap<RecordId, Option<usize>> = corrections
        .iter()
        .map(|(_, target, _)| (target.clone(), None))
        .collect();
    for (i, record) in out.iter().enumerate() {
        if let Some(slot) = index.get_mut(&record.id) {
            *slot = Some(i);
        }
    }
    for (correction, target, fields) in corrections {
        let Some(i) = index.get(&target).copied().flatten() else {
            problems.push(CorrectionProblem {
                correction,
                target,
                message: "refers to a record that is not in the journal".into(),
            });
            continue;
        };
        match corrected(&out[i], &fields, apply_fields) {
            Ok(fixed) => out[i] = fixed,
            Err(message) => problems.push(CorrectionProblem {
                correction,
                target,
                message,
            }),
        }
    }
    out
}

/// The target with the correction's fields replaced (`null` removes a field), or why not.
fn corrected(
    target: &Record,
    fields: &serde_json::Map<String, serde_json::Value>,
    apply_fields: ApplyFields,
) -> Result<Record, String> {
    const FIXED: [&str; 4] = ["v", "id", "kind", "at"];
    if let Some(bad) = fields.keys().find(|k| FIXED.contains(&k.as_str())) {
        return Err(format!("field \"{bad}\" cannot be corrected"));
    }
    apply_fields(target, fields)
}
