//! What `rehab journal check` finds besides unreadable lines: record ids given twice, a device-id
//! file that cannot be read.

use crate::domain::records::Record;
use crate::store::Context;
use crate::store::journal_file::{StoreError, read_device_id};
use std::collections::HashMap;
use std::path::Path;

/// One line per problem found, each saying what to do.
pub fn more_problems(ctx: &Context, records: &[Record]) -> Vec<String> {
    let mut problems = duplicate_ids(records);
    match read_device_id(&ctx.data_dir) {
        Err(e @ StoreError::BadDeviceId { .. }) => problems.push(format!(
            "{e} (rehab does that itself at the next write when no journal is named after it)"
        )),
        Err(e) => problems.push(e.to_string()),
        Ok(_) => {}
    }
    problems
}

/// Ids that more than one record has, in first-seen order.
fn duplicate_ids(records: &[Record]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut order = Vec::new();
    for record in records {
        let count = counts.entry(record.id.0.as_str()).or_default();
        if *count == 1 {
            order.push(record.id.0.as_str());
        }
        *count += 1;
    }
    order
        .into_iter()
        .map(|id| {
            format!(
                "record id {id} is used by {} records: a correction of it may fix the wrong one; `rehab journal list` shows them",
                counts[id]
            )
        })
        .collect()
}

pub fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}
