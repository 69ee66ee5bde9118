//! Every JSON output carries a `schema` version first, so a script can tell when the shape
//! changes. Bump `SCHEMA` when a field is removed or changes meaning (adding one does not).

use anyhow::Context as _;
use serde::Serialize;

/// The version of the shape of every `--json` output (docs/commands.md#json-output).
pub const SCHEMA: u32 = 1;

/// `{"schema": SCHEMA, ...the body's own fields}`; the body must serialise as a map (a struct).
#[derive(Serialize)]
struct Versioned<'a, T: Serialize> {
    schema: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// The body with its `schema` field, pretty-printed.
pub fn versioned<T: Serialize>(body: &T) -> anyhow::Result<String> {
    serde_json::to_string_pretty(&Versioned {
        schema: SCHEMA,
        body,
    })
    .context("cannot write the output as JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_comes_first_and_the_body_keeps_its_fields() {
        #[derive(Serialize)]
        struct Body {
            zeta: u8,
            alpha: &'static str,
        }
        let text = versioned(&Body {
            zeta: 3,
            alpha: "a",
        })
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["schema"], SCHEMA);
        assert_eq!(value["zeta"], 3);
        assert!(
            text.trim_start_matches(['{', '\n', ' '])
                .starts_with("\"schema\"")
        );
    }
}
