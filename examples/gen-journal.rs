//! Write a realistic long journal to measure with (see docs/performance.md):
//! `cargo run --release --example gen-journal -- --years 10 --data-dir DIR`
//! The journal ends today (a check-in and a session), so the app opens on Today.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "../benches/support/journal_gen.rs"]
mod journal_gen;

use anyhow::Context as _;
use chrono::{Days, Local};
use clap::Parser;
use rehab_coach::store::programme_files::builtin_catalogue;
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "Write a generated journal of daily check-ins and sessions")]
struct Args {
    /// Years of daily use (365 days each).
    #[arg(long, default_value_t = 1)]
    years: u64,
    /// The data dir to write `journal-generated.jsonl` into (created if missing).
    #[arg(long)]
    data_dir: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let catalogue = builtin_catalogue();
    let programme = catalogue
        .get(journal_gen::PROGRAMME)
        .context("the built-in programme is missing")?;
    let days = args.years * journal_gen::DAYS_PER_YEAR;
    let first_day = Local::now().date_naive() - Days::new(days.saturating_sub(1));
    let path = journal_gen::write_journal(&args.data_dir, programme, first_day, days)
        .with_context(|| format!("cannot write the journal in {}", args.data_dir.display()))?;
    println!("wrote {} days to {}", days, path.display());
    Ok(())
}
