//! `config.toml`: defaults for everything; unknown keys are warned about, never fatal.

use crate::domain::config::Config;
use crate::domain::programme_check::coach_setting_problem;
use crate::domain::settings::CoachOverrides;
use std::path::Path;

/// The loaded config and any warnings (unknown keys, a file that could not be read).
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    pub config: Config,
    pub warnings: Vec<String>,
}

const KNOWN_TOP: [&str; 14] = [
    "bell",
    "notify",
    "get_ready_seconds",
    "side_switch_seconds",
    "rest_extend_seconds",
    "theme",
    "week_start",
    "units",
    "runs_folder",
    "voice",
    "voice_detail",
    "voice_time_left_seconds",
    "speech_command",
    "coach",
];

/// Seconds keys at the top level, each from 0 to this (a countdown longer than 10 minutes is a
/// typo; a huge one would stall the session).
const TOP_SECONDS_KEYS: [&str; 4] = [
    "get_ready_seconds",
    "side_switch_seconds",
    "rest_extend_seconds",
    "voice_time_left_seconds",
];
pub const TOP_SECONDS_MAX: i64 = 600;

/// Read `config.toml`. A missing file gives the defaults; a broken one gives the defaults and a
/// warning naming the file and line.
pub fn load(path: &Path) -> LoadedConfig {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return LoadedConfig::default(),
        Err(e) => {
            return LoadedConfig {
                config: Config::default(),
                warnings: vec![format!(
                    "{}: cannot read ({e}); using defaults",
                    path.display()
                )],
            };
        }
    };
    parse(&text, &path.display().to_string())
}

pub fn parse(text: &str, name: &str) -> LoadedConfig {
    let mut warnings = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            return LoadedConfig {
                config: Config::default(),
                warnings: vec![format!("{name}: {e} (using defaults)")],
            };
        }
    };
    let mut kept = toml::Table::new();
    for (key, value) in table {
        if !KNOWN_TOP.contains(&key.as_str()) {
            warnings.push(format!("{name}: unknown key \"{key}\" ignored"));
            continue;
        }
        if key == "coach" {
            let mut coach = toml::Table::new();
            if let toml::Value::Table(t) = value {
                for (k, v) in t {
                    let probe: toml::Table = [(k.clone(), v.clone())].into_iter().collect();
                    // The ranges a programme's [coach] has (docs/programme-format.md#ranges).
                    if let Some(problem) = coach_setting_problem(&k, &v) {
                        warnings.push(format!("{name}: [coach] {k} = {v}: {problem}; ignored"));
                    } else if toml::Value::Table(probe)
                        .try_into::<CoachOverrides>()
                        .is_ok()
                    {
                        coach.insert(k, v);
                    } else {
                        warnings.push(format!(
                            "{name}: [coach] key \"{k}\" is unknown or has the wrong type; ignored"
                        ));
                    }
                }
            }
            kept.insert(key, toml::Value::Table(coach));
        } else if TOP_SECONDS_KEYS.contains(&key.as_str())
            && value
                .as_integer()
                .is_some_and(|n| !(0..=TOP_SECONDS_MAX).contains(&n))
        {
            warnings.push(format!(
                "{name}: {key} = {value} is outside 0–{TOP_SECONDS_MAX} seconds; ignored"
            ));
        } else {
            kept.insert(key, value);
        }
    }
    match toml::Value::Table(kept).try_into::<Config>() {
        Ok(config) => LoadedConfig { config, warnings },
        Err(e) => {
            warnings.push(format!("{name}: {e} (using defaults)"));
            LoadedConfig {
                config: Config::default(),
                warnings,
            }
        }
    }
}

/// The `runs_folder` setting as a path, `~/` meaning the home folder; None when not set.
pub fn runs_folder(config: &Config) -> Option<std::path::PathBuf> {
    let folder = config.runs_folder.trim();
    if folder.is_empty() {
        return None;
    }
    let home = || std::env::var_os("HOME").map(std::path::PathBuf::from);
    match folder.strip_prefix("~/") {
        Some(rest) => home().map(|h| h.join(rest)),
        None if folder == "~" => home(),
        None => Some(std::path::PathBuf::from(folder)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_warn_and_known_apply() {
        let c = parse(
            "bell = false\nfoo = 1\n[coach]\namber_max = 4\nbogus = 2\n",
            "config.toml",
        );
        assert!(!c.config.bell);
        assert_eq!(c.config.coach.amber_max, Some(4));
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    }

    #[test]
    fn pain_settings_off_the_scale_warn_and_are_ignored() {
        let c = parse("[coach]\namber_max = 40\nsevere = 8\n", "config.toml");
        assert_eq!(c.config.coach.amber_max, None);
        assert_eq!(c.config.coach.severe, Some(8));
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("amber_max = 40"), "{:?}", c.warnings);
    }

    #[test]
    fn voice_keys_are_read_and_a_time_left_out_of_range_is_ignored() {
        use crate::domain::config::{VoiceDetail, VoiceMode};
        let c = parse(
            "voice = \"off\"\nvoice_detail = \"chatty\"\nvoice_time_left_seconds = 900\n\
             speech_command = [\"espeak-ng\", \"-v\", \"en-gb\", \"{text}\"]\n",
            "config.toml",
        );
        assert_eq!(c.config.voice, VoiceMode::Off);
        assert_eq!(c.config.voice_detail, VoiceDetail::Chatty);
        assert_eq!(c.config.voice_time_left_seconds, 30);
        assert_eq!(
            c.config.speech_command,
            ["espeak-ng", "-v", "en-gb", "{text}"]
        );
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("voice_time_left_seconds = 900"));
        let c = parse("voice = \"loud\"\n", "config.toml");
        assert_eq!(c.config, Config::default());
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    }

    #[test]
    fn broken_file_gives_defaults_with_warning() {
        let c = parse("bell = ", "config.toml");
        assert_eq!(c.config, Config::default());
        assert_eq!(c.warnings.len(), 1);
    }
}
