//! The full-screen coach (owned by the TUI work).

pub mod keymap;

use crate::store::Context;
use std::process::ExitCode;

pub fn run(_ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the full-screen coach is not built yet; try `rehab --help`")
}
