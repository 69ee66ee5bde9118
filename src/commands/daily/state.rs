//! Everything a daily command reads: programmes, config, the journal replayed, today's plan.
//! Warnings (a broken programme file, an unknown config key, unreadable journal lines) go to stderr.

use crate::app::journal::{FileJournal, Journal};
use crate::app::settings::coach_settings;
use crate::commands::journal::unread_message;
use crate::domain::catalogue::Catalogue;
use crate::domain::coach::prescribe;
use crate::domain::config::Config;
use crate::domain::history::History;
use crate::domain::plan::Plan;
use crate::domain::programme::Programme;
use crate::domain::settings::CoachSettings;
use crate::store::Context;
use crate::store::config;
use crate::store::programme_files::load_catalogue;
use anyhow::bail;

pub struct DayState {
    pub catalogue: Catalogue,
    pub config: Config,
    /// The journal, replayed as of `ctx.today` (records about later days left out).
    pub journal: FileJournal,
    today: chrono::NaiveDate,
}

impl DayState {
    pub fn load(ctx: &Context) -> anyhow::Result<DayState> {
        let catalogue = load_catalogue(&ctx.programmes_dir());
        for warning in &catalogue.warnings {
            eprintln!("rehab: warning: {warning}");
        }
        let config = load_config(ctx);
        let journal = FileJournal::open(ctx, Some(ctx.today))?;
        if !journal.problems().is_empty() {
            eprintln!(
                "rehab: warning: {} journal line(s) could not be read and were skipped; `rehab journal check` lists them",
                journal.problems().len()
            );
        }
        for file in journal.unread() {
            eprintln!("rehab: warning: {}", unread_message(file));
        }
        Ok(DayState {
            catalogue,
            config,
            journal,
            today: ctx.today,
        })
    }

    /// The journal replayed as of `ctx.today`.
    pub fn history(&self) -> &History {
        self.journal.history()
    }

    /// The programme now followed, if one is chosen and installed.
    pub fn current_programme(&self) -> Option<&Programme> {
        self.history()
            .current()
            .and_then(|c| self.catalogue.get(&c.programme))
    }

    /// The coach settings in force (`app::settings::coach_settings`).
    pub fn settings(&self) -> CoachSettings {
        coach_settings(&self.config, self.current_programme())
    }

    /// The current programme, or a message saying how to choose one.
    pub fn programme(&self) -> anyhow::Result<&Programme> {
        let Some(choice) = self.history().current() else {
            if let Some(start) = self.journal.first_programme_start() {
                bail!(
                    "no programme was chosen on or before {}: your programme starts on {start}; pick a day from then on with --date, or choose again with `rehab start PROGRAMME --date DAY`",
                    self.today
                );
            }
            bail!(
                "no programme chosen yet: choose one with `rehab start PROGRAMME` (`rehab programmes list` shows them)"
            );
        };
        match self.catalogue.get(&choice.programme) {
            Some(programme) => Ok(programme),
            None => bail!(
                "the programme \"{}\" (chosen on {}) is not available any more: `rehab programmes list` shows what is, and `rehab start PROGRAMME` switches",
                choice.programme,
                choice.start
            ),
        }
    }

    /// Today's plan from the coach, with config and programme overrides applied.
    pub fn plan(&self, ctx: &Context) -> anyhow::Result<(&Programme, Plan)> {
        let programme = self.programme()?;
        let settings = coach_settings(&self.config, Some(programme));
        let plan = prescribe(programme, self.history(), ctx.today, &settings);
        Ok((programme, plan))
    }
}

/// `config.toml`, with its warnings printed to stderr.
pub fn load_config(ctx: &Context) -> Config {
    let loaded = config::load(&ctx.config_file());
    for warning in &loaded.warnings {
        eprintln!("rehab: warning: {warning}");
    }
    loaded.config
}
