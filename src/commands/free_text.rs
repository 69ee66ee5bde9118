//! Free text given on the command line (notes, skip reasons, correction values) is refused when
//! it holds control characters, as the app's note form refuses typing them: once in the journal
//! they would reach every terminal and report that shows it.

use crate::domain::text::first_unsafe;
use anyhow::bail;
use serde_json::Value;

/// `text` for `what` (e.g. "--note"), refused with the character named if it holds a control
/// character (newlines and tabs are fine).
pub fn checked(what: &str, text: &str) -> anyhow::Result<()> {
    if let Some(c) = first_unsafe(text) {
        bail!(
            "{what}: holds the control character U+{:04X}; type plain text (newlines and tabs are fine)",
            u32::from(c)
        );
    }
    Ok(())
}

/// Every string in a JSON value (a correction's new value), checked as free text.
pub fn checked_value(what: &str, value: &Value) -> anyhow::Result<()> {
    match value {
        Value::String(text) => checked(what, text),
        Value::Array(items) => items.iter().try_for_each(|v| checked_value(what, v)),
        Value::Object(map) => map.iter().try_for_each(|(key, v)| {
            checked(what, key)?;
            checked_value(what, v)
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_with_their_code() {
        assert!(checked("--note", "slept badly\n\tbetter now").is_ok());
        let err = checked("--note", "x\u{1b}[2J").unwrap_err().to_string();
        assert!(err.contains("U+001B"), "{err}");
        let nested = serde_json::json!({"a": ["ok", "\u{7}"]});
        assert!(checked_value("note", &nested).is_err());
    }
}
