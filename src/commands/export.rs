//! export and report (owned by the history-and-export work).

use crate::cli::{ExportArgs, ReportArgs};
use crate::store::Context;
use std::process::ExitCode;

pub fn export(_ctx: &Context, _args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn report(_ctx: &Context, _args: ReportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
