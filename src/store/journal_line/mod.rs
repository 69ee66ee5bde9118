//! The journal line format: one record as one JSON line, read and written. The records
//! themselves are plain data in `domain::records`; `docs/journal-format.md` documents each kind.
//! Written by serde's derive (the field order of every line); read by hand in one pass
//! (`de.rs`), accepting the fields in any order.

use crate::domain::records::Record;

mod de;
mod de_key;
#[cfg(test)]
mod tests;
mod time_text;

/// The journal format this build writes and understands.
pub const FORMAT_VERSION: u32 = 1;

/// Why a line could not be read as a record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LineError {
    #[error("not valid JSON ({0})")]
    NotJson(String),
    #[error(
        "written by a newer rehab (format version {found}, this build reads up to {FORMAT_VERSION}): update rehab to read it; the line is left as it is"
    )]
    NewerVersion { found: u64 },
    #[error("missing or invalid format version field \"v\"")]
    NoVersion,
    #[error("not a valid record: {0}")]
    Invalid(String),
}

impl LineError {
    /// A newer-version line is not damage: repair must never move it aside.
    pub fn is_newer_version(&self) -> bool {
        matches!(self, LineError::NewerVersion { .. })
    }
}

/// Parse one journal line. A record from a newer format version is refused: on the usual
/// path after a single typed pass (nothing of it is returned), and whenever that pass fails,
/// by the careful path, which checks the version before reading any other field.
pub fn from_line(line: &str) -> Result<Record, LineError> {
    match serde_json::from_str::<Record>(line) {
        Ok(record) if record.v <= FORMAT_VERSION => Ok(record),
        Ok(record) => Err(LineError::NewerVersion {
            found: u64::from(record.v),
        }),
        // A key given twice is final: the careful path's JSON value would keep the last one.
        Err(error) if is_repeated_key(&error) => Err(LineError::NotJson(error.to_string())),
        Err(_) => from_line_carefully(line),
    }
}

/// The version first, then the fields: gives the exact reason a line cannot be read.
fn from_line_carefully(line: &str) -> Result<Record, LineError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| LineError::NotJson(e.to_string()))?;
    let version = value
        .get("v")
        .and_then(serde_json::Value::as_u64)
        .ok_or(LineError::NoVersion)?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(LineError::NewerVersion { found: version });
    }
    de::from_json_value(value).map_err(|e| LineError::Invalid(e.to_string()))
}

/// One JSON line, without the trailing newline.
pub fn to_line(record: &Record) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(record).unwrap_or_default()
}

/// A correction's fields put into its target, as `History::replay` asks (its `ApplyFields`):
/// the target's line with each field replaced (`null` removes one), read back like a journal
/// line but without the version check. The error is the correction problem's message.
pub fn apply_fields(
    target: &Record,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Result<Record, String> {
    let mut value = serde_json::to_value(target).map_err(|e| e.to_string())?;
    if let Some(obj) = value.as_object_mut() {
        for (k, v) in fields {
            if v.is_null() {
                obj.remove(k);
            } else {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
    de::from_json_value(value).map_err(|e| format!("the corrected record is not valid: {e}"))
}

/// The record reader's own repeat error, or serde's for a field given twice in a nested struct.
fn is_repeated_key(error: &serde_json::Error) -> bool {
    let text = error.to_string();
    text.contains(de::REPEATED_KEY) || text.starts_with("duplicate field")
}
