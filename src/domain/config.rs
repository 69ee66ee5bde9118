//! The person's settings from `config.toml`, as plain data. `store::config` reads and checks the file.

use crate::domain::settings::CoachOverrides;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Ring the terminal bell at the end of every hold, set, rest and interval.
    pub bell: bool,
    /// Send a desktop notification by terminal escape (OSC 777 / OSC 9).
    pub notify: bool,
    /// Seconds of get-ready countdown before holds and stretches.
    pub get_ready_seconds: u32,
    /// Seconds to switch sides between per-side sets.
    pub side_switch_seconds: u32,
    /// Seconds added by the "+" key during a rest.
    pub rest_extend_seconds: u32,
    /// Colours for a dark or a light terminal background.
    pub theme: ThemeChoice,
    /// The first day of the week in the History calendar.
    pub week_start: WeekStart,
    /// Kilometres or miles for run distances.
    pub units: Units,
    /// A folder of a watch's or phone's activity files, imported when the app opens ("" = none).
    pub runs_folder: String,
    /// Spoken cues in a session: auto, on or off.
    pub voice: VoiceMode,
    /// How much is spoken: minimal, normal or chatty.
    pub voice_detail: VoiceDetail,
    /// Say the time left every this many seconds in longer holds, stretches and intervals (0: never).
    pub voice_time_left_seconds: u32,
    /// The speech program and its arguments, `{text}` standing for the words; empty: look for
    /// espeak-ng, spd-say or say.
    pub speech_command: Vec<String>,
    /// Overrides of the coach's named constants.
    pub coach: CoachOverrides,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceMode {
    /// On when a speech program is found and the app runs in the terminal one sits at.
    #[default]
    Auto,
    On,
    Off,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceDetail {
    /// The exercise's name and the moments: go, switch sides, rest, done.
    Minimal,
    /// Also the dose, the 3-2-1 count, rest lengths, "last set", the paced count, time left.
    #[default]
    Normal,
    /// Also the set number, what comes after a rest, the first cue, the last 3 s of work.
    Chatty,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Light when `COLORFGBG` says the background is light, else dark.
    #[default]
    Auto,
    Dark,
    Light,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    pub fn weekday(self) -> chrono::Weekday {
        match self {
            WeekStart::Monday => chrono::Weekday::Mon,
            WeekStart::Sunday => chrono::Weekday::Sun,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    #[default]
    Km,
    Mi,
}

/// Kilometres in a mile (international mile).
const KM_PER_MILE: f64 = 1.609_344;

impl Units {
    /// "km" or "mi".
    pub fn word(self) -> &'static str {
        match self {
            Units::Km => "km",
            Units::Mi => "mi",
        }
    }

    /// A distance kept in km (as the journal keeps it), in these units.
    pub fn from_km(self, km: f64) -> f64 {
        match self {
            Units::Km => km,
            Units::Mi => km / KM_PER_MILE,
        }
    }

    /// A distance typed in these units, in km for the journal.
    pub fn to_km(self, distance: f64) -> f64 {
        match self {
            Units::Km => distance,
            Units::Mi => distance * KM_PER_MILE,
        }
    }

    /// "5.0 km" / "3.1 mi" for a distance kept in km.
    pub fn show(self, km: f64) -> String {
        format!("{:.1} {}", self.from_km(km), self.word())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bell: true,
            notify: false,
            get_ready_seconds: 3,
            side_switch_seconds: 5,
            rest_extend_seconds: 15,
            theme: ThemeChoice::Auto,
            week_start: WeekStart::Monday,
            units: Units::Km,
            runs_folder: String::new(),
            voice: VoiceMode::Auto,
            voice_detail: VoiceDetail::Normal,
            voice_time_left_seconds: 30,
            speech_command: Vec::new(),
            coach: CoachOverrides::default(),
        }
    }
}

/// What each top-level key means, for `rehab config` (docs/configuration.md says the same).
pub const KEY_HELP: [(&str, &str); 13] = [
    (
        "bell",
        "ring the terminal bell at the end of every hold, set, rest and interval",
    ),
    (
        "notify",
        "send a desktop notification by terminal escape (OSC 777 / OSC 9)",
    ),
    (
        "get_ready_seconds",
        "seconds of get-ready count before every set and every hold",
    ),
    (
        "side_switch_seconds",
        "seconds to change sides between per-side sets",
    ),
    (
        "rest_extend_seconds",
        "seconds added (+) or taken off (-) a rest",
    ),
    (
        "theme",
        "auto, dark or light: colours for the terminal's background (auto reads COLORFGBG)",
    ),
    (
        "week_start",
        "monday or sunday: the first column of the History calendar",
    ),
    (
        "units",
        "km or mi: run distances in runs, caps, Today and the report",
    ),
    (
        "runs_folder",
        "a folder of .fit, .gpx and .tcx files whose runs the app imports when it opens (\"\" = none)",
    ),
    (
        "voice",
        "auto, on or off: spoken cues in a session (auto: when a speech program is found and the app is not run over SSH)",
    ),
    (
        "voice_detail",
        "minimal, normal or chatty: how much the voice says",
    ),
    (
        "voice_time_left_seconds",
        "say the time left every this many seconds in longer holds, stretches and intervals (0: never)",
    ),
    (
        "speech_command",
        "the speech program and its arguments, \"{text}\" for the words; [] looks for espeak-ng, spd-say or say",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn miles_and_km_round_trip_and_read_as_people_expect() {
        assert_eq!(Units::Mi.show(5.0), "3.1 mi");
        assert_eq!(Units::Km.show(5.0), "5.0 km");
        assert!((Units::Mi.to_km(Units::Mi.from_km(7.3)) - 7.3).abs() < 1e-9);
    }

    #[test]
    fn every_top_level_key_has_its_help() {
        let value = serde_json::to_value(Config::default()).unwrap();
        let keys: Vec<&String> = value
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "coach")
            .collect();
        assert_eq!(keys.len(), KEY_HELP.len());
        for key in keys {
            assert!(KEY_HELP.iter().any(|(k, _)| k == key), "{key} has no help");
        }
    }
}
