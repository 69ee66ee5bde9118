//! `rehab correct ID field=value...`: append a correction, after checking it would apply.

use crate::app::journal::{Appender, read_records};
use crate::cli::CorrectArgs;
use crate::domain::history::History;
use crate::domain::records::{Record, RecordBody, RecordId};
use crate::store::Context;
use crate::store::journal_line::{FORMAT_VERSION, apply_fields};
use anyhow::{Context as _, bail};
use serde_json::{Map, Value};
use std::process::ExitCode;

/// Id given to the correction while it is tried out on a replay (never written).
const TRIAL_ID: &str = "trial-correction";

pub fn run(ctx: &Context, args: CorrectArgs) -> anyhow::Result<ExitCode> {
    let fields = parse_fields(&args.fields)?;
    if let Some(reason) = &args.reason {
        crate::commands::free_text::checked("--reason", reason)?;
    }
    let journal = read_records(&ctx.data_dir)?;
    let target = RecordId::from(args.id.as_str());
    let Some(original) = journal.records.iter().find(|r| r.id == target) else {
        bail!(
            "no record with id \"{}\" in the journal: `rehab journal list` shows the ids",
            args.id
        );
    };
    if let RecordBody::Correction { target: first, .. } = &original.body {
        bail!(
            "{} is itself a correction: correct the record it fixes ({first}) instead",
            args.id
        );
    }
    let before = serde_json::to_value(original).unwrap_or(Value::Null);
    let kind = original.body.kind();
    let body = RecordBody::Correction {
        target: target.clone(),
        fields: fields.clone(),
        reason: args.reason.clone(),
    };
    let trial = Record {
        v: FORMAT_VERSION,
        id: RecordId(TRIAL_ID.into()),
        at: ctx.now_stamp(),
        date: ctx.today,
        body: body.clone(),
    };
    let mut records = journal.records;
    records.push(trial);
    let history = History::replay(records, apply_fields);
    if let Some(problem) = history
        .correction_problems
        .iter()
        .find(|p| p.correction.0 == TRIAL_ID)
    {
        bail!(
            "correction of {} refused, nothing written: {}",
            args.id,
            problem.message
        );
    }

    let saved = Appender::new(ctx)
        .append(ctx.today, body)
        .map_err(anyhow::Error::msg)
        .context("cannot save the correction")?;
    crate::outln!("Corrected {} ({}):", args.id, kind);
    for (field, value) in &fields {
        let old = before.get(field).map_or("(none)".into(), Value::to_string);
        let new = if value.is_null() {
            "(removed)".into()
        } else {
            value.to_string()
        };
        crate::outln!("  {field}: {old} → {new}");
    }
    crate::outln!(
        "Saved as correction {}; the original line is kept.",
        saved.id
    );
    Ok(ExitCode::SUCCESS)
}

/// `field=value` pairs; a value is read as JSON when it parses (3, true, null, "x", [..]) and
/// as a plain string otherwise.
fn parse_fields(pairs: &[String]) -> anyhow::Result<Map<String, Value>> {
    let mut fields = Map::new();
    for pair in pairs {
        let Some((field, value)) = pair.split_once('=') else {
            bail!("\"{pair}\" is not FIELD=VALUE, e.g. pain=3");
        };
        let field = field.trim();
        if field.is_empty() {
            bail!("\"{pair}\" has no field name before '=', e.g. pain=3");
        }
        let value =
            serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
        crate::commands::free_text::checked_value(&format!("the value of {field}"), &value)?;
        if fields.insert(field.to_string(), value).is_some() {
            bail!("field \"{field}\" is given twice");
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_json_when_they_parse_else_strings() {
        let fields =
            parse_fields(&["pain=3".into(), "note=felt ok".into(), "km=null".into()]).unwrap();
        assert_eq!(fields.get("pain"), Some(&json!(3)));
        assert_eq!(fields.get("note"), Some(&json!("felt ok")));
        assert_eq!(fields.get("km"), Some(&Value::Null));
    }

    #[test]
    fn malformed_pairs_are_refused() {
        assert!(parse_fields(&["pain".into()]).is_err());
        assert!(parse_fields(&["=3".into()]).is_err());
        assert!(parse_fields(&["pain=3".into(), "pain=4".into()]).is_err());
    }
}
