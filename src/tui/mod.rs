//! The full-screen coach (owned by the TUI work).

pub mod history;
pub mod keymap;
pub mod session_view;

use crate::store::Context;
use std::process::ExitCode;

pub fn run(_ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the full-screen coach is not built yet; try `rehab --help`")
}
