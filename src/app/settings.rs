//! The coach settings in force: the defaults, then `config.toml`, then the programme's
//! `[coach]` values (the programme is written for its condition, so it has the last word).

use crate::domain::config::Config;
use crate::domain::programme::Programme;
use crate::domain::settings::CoachSettings;

/// The one place the order of the three layers is decided; every command and the app use it.
pub fn coach_settings(config: &Config, programme: Option<&Programme>) -> CoachSettings {
    let settings = CoachSettings {
        units: config.units,
        ..CoachSettings::default()
    }
    .with(&config.coach);
    match programme {
        Some(programme) => settings.with(&programme.coach),
        None => settings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::CoachOverrides;

    #[test]
    fn config_overrides_the_defaults_and_the_programme_overrides_config() {
        let defaults = CoachSettings::default();
        let config = Config {
            coach: CoachOverrides {
                green_max: Some(defaults.green_max + 1),
                amber_max: Some(defaults.amber_max + 1),
                ..CoachOverrides::default()
            },
            ..Config::default()
        };
        let catalogue = crate::store::programme_files::builtin_catalogue();
        let mut programme = catalogue.entries[0].programme.clone();
        programme.coach = CoachOverrides {
            green_max: Some(defaults.green_max + 2),
            ..CoachOverrides::default()
        };
        let settings = coach_settings(&config, Some(&programme));
        assert_eq!(settings.green_max, defaults.green_max + 2);
        assert_eq!(settings.amber_max, defaults.amber_max + 1);
        assert_eq!(settings.load_test_max, defaults.load_test_max);
        let without = coach_settings(&config, None);
        assert_eq!(without.green_max, defaults.green_max + 1);
    }
}
