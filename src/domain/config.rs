//! The person's settings from `config.toml`, as plain data. `store::config` reads and checks the file.

use crate::domain::settings::CoachOverrides;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    /// Overrides of the coach's named constants.
    pub coach: CoachOverrides,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bell: true,
            notify: false,
            get_ready_seconds: 3,
            side_switch_seconds: 5,
            rest_extend_seconds: 15,
            coach: CoachOverrides::default(),
        }
    }
}
