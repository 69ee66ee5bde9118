//! journal check/repair/list and correct (owned by the journal work).

use crate::cli::{CorrectArgs, JournalCommand};
use crate::store::Context;
use std::process::ExitCode;

pub fn run(_ctx: &Context, _cmd: JournalCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn correct(_ctx: &Context, _args: CorrectArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
