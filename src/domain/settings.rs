//! The coach's named constants (docs/sources.md#coach-rules). Values tagged [APP] are design
//! choices, not research findings; every one can be overridden in `config.toml` (`[coach]`) and per
//! programme (`[coach]`).

use crate::domain::config::Units;
use serde::{Deserialize, Serialize};

/// Every threshold the coach uses. `Default` gives the values from docs/sources.md#coach-rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoachSettings {
    /// R5: top of the safe (green) zone.
    pub green_max: u8,
    /// R1/R2: ceiling for pain during and just after a session.
    pub amber_max: u8,
    /// R7: ceiling for the daily load test (used when the programme has one).
    pub load_test_max: u8,
    /// [APP] pain at or above this is clearly beyond the ceiling: step down two rungs.
    pub severe: u8,
    /// [APP] NRS noise allowed when deciding whether the next morning has "settled" (R3).
    pub morning_tolerance: u8,
    /// [APP] rise in the weekly mean morning pain that counts as "rising" (R4).
    pub week_rise_tolerance: f64,
    /// R20: clinically important change on the 0–10 scale.
    pub mcid: f64,
    /// [APP] qualifying sessions in a row needed before a step up.
    pub progress_streak: u32,
    /// [APP] days at a rung before a step up.
    pub min_days_at_level: u32,
    /// [APP] share of volume kept on a deload week (0.7 removes ~30 %).
    pub deload_factor: f64,
    /// [APP] length of a deload in days.
    pub deload_days: u32,
    /// [APP] weeks of adherent training with no meaningful change before referring (plateau).
    pub plateau_weeks: u32,
    /// [APP] adherence (done / planned) that counts as "adherent" for the plateau rule.
    pub plateau_adherence: f64,
    /// [APP] times sent back to the phase floor within `flare_window_days` before referring.
    pub repeated_flare_count: u32,
    /// [APP] window for the repeated-flare rule.
    pub flare_window_days: u32,
    /// [APP] days after a regression before a new progression streak may start counting (R6: 48 h).
    pub no_streak_after_regress_days: u32,
    /// [APP] cautious weekly running increase (R14: not proven protective).
    pub run_week_step: f64,
    /// R15: cap on running distance over any 2 weeks.
    pub run_two_week_cap: f64,
    /// R16: cap on a single run against the longest run in the last 30 days.
    pub run_session_cap: f64,
    /// R8 (OA): extra pain lasting more than this many days blocks a step up.
    pub oa_extra_pain_days: u32,
    /// R9 (OA): a rise of more than this over pre-exercise pain is too much.
    pub oa_rise_max: u8,
    /// [APP] morning pain at or above this asks the red-flag questions again
    /// (docs/sources.md#red-flags).
    pub red_flag_recheck_pain: u8,
    /// [APP] days between routine red-flag re-checks (docs/sources.md#red-flags: weekly).
    pub red_flag_recheck_days: u32,
    /// §3: mornings whose median is the baseline a next morning is compared with (R3).
    pub baseline_mornings: u32,
    /// [APP] how far back (days) the baseline mornings may be; older ones are stale.
    pub baseline_lookback_days: u32,
    /// §3 rules 2–3, §4: consecutive mornings looked at for "severe" and "rising" pain.
    pub trend_mornings: u32,
    /// R6: days to leave after a red or unsettled run before the next run (48 h).
    pub run_rest_days_after_bad_run: u32,
    /// How distances are said (config.toml `units`); the numbers stay in km. Not a coach
    /// threshold, so not in `[coach]`.
    #[serde(skip)]
    pub units: Units,
    /// [PRAC] every this-many-th week of running (counted from the first run) is an easier week
    /// (docs/sources.md#running-caps: "easier week every 3rd–4th week").
    pub run_easier_week_every: u32,
    /// [APP] an easier week's km cap as a share of the week before.
    pub run_easier_week_factor: f64,
}

impl Default for CoachSettings {
    fn default() -> Self {
        CoachSettings {
            green_max: 2,
            amber_max: 5,
            load_test_max: 3,
            severe: 7,
            morning_tolerance: 1,
            week_rise_tolerance: 1.0,
            mcid: 2.0,
            progress_streak: 3,
            min_days_at_level: 3,
            deload_factor: 0.7,
            deload_days: 7,
            plateau_weeks: 8,
            plateau_adherence: 0.7,
            repeated_flare_count: 2,
            flare_window_days: 14,
            no_streak_after_regress_days: 2,
            run_week_step: 1.10,
            run_two_week_cap: 1.30,
            run_session_cap: 1.10,
            oa_extra_pain_days: 1,
            oa_rise_max: 3,
            red_flag_recheck_pain: 6,
            red_flag_recheck_days: 7,
            baseline_mornings: 3,
            baseline_lookback_days: 7,
            trend_mornings: 3,
            run_rest_days_after_bad_run: 2,
            units: Units::Km,
            run_easier_week_every: 4,
            run_easier_week_factor: 0.8,
        }
    }
}

/// Partial settings as written in `config.toml` or a programme's `[coach]` table.
/// Unknown keys are rejected by the programme validator and warned about in config.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachOverrides {
    pub green_max: Option<u8>,
    pub amber_max: Option<u8>,
    pub load_test_max: Option<u8>,
    pub severe: Option<u8>,
    pub morning_tolerance: Option<u8>,
    pub week_rise_tolerance: Option<f64>,
    pub mcid: Option<f64>,
    pub progress_streak: Option<u32>,
    pub min_days_at_level: Option<u32>,
    pub deload_factor: Option<f64>,
    pub deload_days: Option<u32>,
    pub plateau_weeks: Option<u32>,
    pub plateau_adherence: Option<f64>,
    pub repeated_flare_count: Option<u32>,
    pub flare_window_days: Option<u32>,
    pub no_streak_after_regress_days: Option<u32>,
    pub run_week_step: Option<f64>,
    pub run_two_week_cap: Option<f64>,
    pub run_session_cap: Option<f64>,
    pub oa_extra_pain_days: Option<u32>,
    pub oa_rise_max: Option<u8>,
    pub red_flag_recheck_pain: Option<u8>,
    pub red_flag_recheck_days: Option<u32>,
    pub baseline_mornings: Option<u32>,
    pub baseline_lookback_days: Option<u32>,
    pub trend_mornings: Option<u32>,
    pub run_rest_days_after_bad_run: Option<u32>,
    pub run_easier_week_every: Option<u32>,
    pub run_easier_week_factor: Option<f64>,
}

macro_rules! apply_overrides {
    ($settings:ident, $overrides:ident, $($field:ident),* $(,)?) => {
        $( if let Some(v) = $overrides.$field { $settings.$field = v; } )*
    };
}

impl CoachSettings {
    /// Layer overrides on top of these settings (config first, then the programme's own).
    pub fn with(mut self, overrides: &CoachOverrides) -> Self {
        apply_overrides!(
            self,
            overrides,
            green_max,
            amber_max,
            load_test_max,
            severe,
            morning_tolerance,
            week_rise_tolerance,
            mcid,
            progress_streak,
            min_days_at_level,
            deload_factor,
            deload_days,
            plateau_weeks,
            plateau_adherence,
            repeated_flare_count,
            flare_window_days,
            no_streak_after_regress_days,
            run_week_step,
            run_two_week_cap,
            run_session_cap,
            oa_extra_pain_days,
            oa_rise_max,
            red_flag_recheck_pain,
            red_flag_recheck_days,
            baseline_mornings,
            baseline_lookback_days,
            trend_mornings,
            run_rest_days_after_bad_run,
            run_easier_week_every,
            run_easier_week_factor,
        );
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_only_given_fields() {
        let o = CoachOverrides {
            amber_max: Some(4),
            progress_streak: Some(5),
            ..Default::default()
        };
        let s = CoachSettings::default().with(&o);
        assert_eq!(s.amber_max, 4);
        assert_eq!(s.progress_streak, 5);
        assert_eq!(s.green_max, 2);
    }
}
