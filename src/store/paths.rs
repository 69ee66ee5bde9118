//! Where files live. Flags beat environment variables, which beat the platform defaults
//! (`directories::ProjectDirs`). The clock is read here, once, and passed inward as `today`.

use anyhow::{Context as _, bail};
use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use std::path::PathBuf;

/// How far back `--date` may go: about three years, far more than any rehab backfill, and a
/// typo'd year (0206) is refused instead of making every report walk 1,800 years.
pub const MAX_BACKFILL_DAYS: u64 = 1096;

/// Everything a command needs from the environment, decided once at start-up.
#[derive(Debug, Clone)]
pub struct Context {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    /// The day being acted on: `--date` or the local calendar date.
    pub today: NaiveDate,
    /// True when `--date` was given (backfilling).
    pub date_given: bool,
    /// The real local date (to refuse a `--date` in the future).
    pub real_today: NaiveDate,
}

pub const DATA_DIR_ENV: &str = "REHAB_DATA_DIR";
pub const CONFIG_DIR_ENV: &str = "REHAB_CONFIG_DIR";

/// What the person asked for on the command line, as plain values (no CLI parser types), so any
/// shell (the CLI, a test) can build a `Context`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub data_dir: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    /// `--date`: act on this day instead of today.
    pub date: Option<NaiveDate>,
}

impl Context {
    /// Decide where things live and which day it is: `args`, then the environment, then the
    /// platform's directories and the local clock.
    pub fn resolve(args: &Overrides) -> anyhow::Result<Context> {
        let project = directories::ProjectDirs::from("", "", "rehab-coach");
        let data_dir = match (&args.data_dir, std::env::var_os(DATA_DIR_ENV)) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) if !dir.is_empty() => PathBuf::from(dir),
            _ => project
                .as_ref()
                .map(|p| p.data_dir().to_path_buf())
                .context("cannot find a home directory for the journal: pass --data-dir DIR or set REHAB_DATA_DIR")?,
        };
        let config_dir = match (&args.config_dir, std::env::var_os(CONFIG_DIR_ENV)) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) if !dir.is_empty() => PathBuf::from(dir),
            _ => project
                .as_ref()
                .map(|p| p.config_dir().to_path_buf())
                .context("cannot find a home directory for settings: pass --config-dir DIR or set REHAB_CONFIG_DIR")?,
        };
        let real_today = Local::now().date_naive();
        let today = args.date.unwrap_or(real_today);
        if today > real_today {
            bail!(
                "--date {today} is after today ({real_today}): rehab records what happened, so pick today or an earlier day"
            );
        }
        let earliest = real_today
            .checked_sub_days(chrono::Days::new(MAX_BACKFILL_DAYS))
            .unwrap_or(NaiveDate::MIN);
        if today < earliest {
            bail!(
                "--date {today} is more than {MAX_BACKFILL_DAYS} days before today: pick a day from {earliest} on (is the year right?)"
            );
        }
        Ok(Context {
            data_dir,
            config_dir,
            today,
            date_given: args.date.is_some(),
            real_today,
        })
    }

    /// The timestamp to stamp on a new record: now, in local time with its offset.
    pub fn now_stamp(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }

    pub fn programmes_dir(&self) -> PathBuf {
        self.config_dir.join("programmes")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}
