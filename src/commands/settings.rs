//! `rehab config`: the settings in force, each with its default and where it came from
//! (the default, config.toml, or the programme's `[coach]` table), as TOML one can copy.

use crate::app::settings::coach_settings;
use crate::commands::daily::state::DayState;
use crate::domain::config::{Config, KEY_HELP};
use crate::domain::programme::Programme;
use crate::domain::settings::{CoachOverrides, CoachSettings};
use crate::store::Context;
use crate::store::config;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let path = ctx.config_file();
    let loaded = config::load(&path);
    for warning in &loaded.warnings {
        crate::errln!("rehab: warning: {warning}");
    }
    let state = DayState::load(ctx)?;
    crate::out!(
        "{}",
        settings_text(&loaded.config, &path, state.current_programme())
    );
    Ok(ExitCode::SUCCESS)
}

/// Each key as `key = value` under a comment with its meaning, default and source.
pub fn settings_text(config: &Config, path: &Path, programme: Option<&Programme>) -> String {
    let mut out = String::new();
    let file = path.display();
    let _ = writeln!(
        out,
        "# Settings in force: the defaults, then {file}, then the programme's [coach] table.\n\
         # Every key is in docs/configuration.md; the [coach] keys in docs/coach.md.\n"
    );
    let effective = object(config);
    let defaults = object(&Config::default());
    let in_file = file_keys(path);
    for (key, help) in KEY_HELP {
        let value = effective.get(key).map(toml_text).unwrap_or_default();
        let default = defaults.get(key).map(toml_text).unwrap_or_default();
        let from = if in_file.top.iter().any(|k| k == key) {
            file.to_string()
        } else {
            "default".to_string()
        };
        let _ = writeln!(out, "# {help} (default {default}; from {from})");
        let _ = writeln!(out, "{key} = {value}\n");
    }
    let _ = writeln!(out, "[coach]");
    let settings = object(&coach_settings(config, programme));
    let coach_defaults = object(&CoachSettings::default());
    let from_config = given(&config.coach);
    let from_programme = programme.map(|p| given(&p.coach)).unwrap_or_default();
    for (key, value) in &settings {
        let default = coach_defaults.get(key).map(toml_text).unwrap_or_default();
        let from = match programme {
            Some(p) if from_programme.contains(key) => format!("programme {}", p.id),
            _ if from_config.contains(key) => file.to_string(),
            _ => "default".to_string(),
        };
        let _ = writeln!(
            out,
            "{key} = {}  # default {default}; from {from}",
            toml_text(value)
        );
    }
    out
}

/// The fields of a struct, by name (serde's map keeps them sorted, which reads fine here).
fn object<T: serde::Serialize>(value: &T) -> serde_json::Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// The keys an override table sets.
fn given(overrides: &CoachOverrides) -> Vec<String> {
    object(overrides)
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k)
        .collect()
}

/// A value as TOML writes it: strings quoted, numbers and booleans bare.
fn toml_text(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

#[derive(Default)]
struct FileKeys {
    top: Vec<String>,
}

/// The top-level keys config.toml writes (none if it is absent or unreadable).
fn file_keys(path: &Path) -> FileKeys {
    let table: Option<toml::Table> = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.parse().ok());
    FileKeys {
        top: table
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::Units;

    #[test]
    fn each_key_says_its_default_and_where_it_came_from() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "units = \"mi\"\n[coach]\namber_max = 4\ngreen_max = 1\n",
        )
        .unwrap();
        let config = config::load(&path).config;
        assert_eq!(config.units, Units::Mi);
        let catalogue = crate::store::programme_files::builtin_catalogue();
        let mut programme = catalogue.entries[0].programme.clone();
        programme.coach = CoachOverrides {
            green_max: Some(0),
            ..CoachOverrides::default()
        };
        let text = settings_text(&config, &path, Some(&programme));
        let file = path.display().to_string();
        assert!(
            text.contains(&format!("(default \"km\"; from {file})\nunits = \"mi\"")),
            "{text}"
        );
        assert!(text.contains("\nbell = true\n"), "{text}");
        assert!(
            text.contains(&format!("amber_max = 4  # default 5; from {file}")),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "green_max = 0  # default 2; from programme {}",
                programme.id
            )),
            "{text}"
        );
        assert!(
            text.contains("severe = 7  # default 7; from default"),
            "{text}"
        );
        let parsed: toml::Table = text.parse().unwrap();
        assert_eq!(parsed["units"].as_str(), Some("mi"));
    }

    #[test]
    fn every_key_is_documented() {
        let configuration = include_str!("../../docs/configuration.md");
        for (key, _) in KEY_HELP {
            assert!(
                configuration.contains(&format!("`{key}`")),
                "{key} not in docs/configuration.md"
            );
        }
        let coach = include_str!("../../docs/coach.md");
        for key in object(&CoachSettings::default()).keys() {
            assert!(
                coach.contains(&format!("`{key}`")),
                "[coach] {key} not in docs/coach.md"
            );
        }
    }
}
