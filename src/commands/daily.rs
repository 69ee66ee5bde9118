//! start, checkin, today, log, paths (owned by the journal-and-coach work).

use crate::cli::{CheckinArgs, LogCommand};
use crate::store::Context;
use std::process::ExitCode;

pub fn start(_ctx: &Context, _programme: &str) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn checkin(_ctx: &Context, _args: CheckinArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn today(_ctx: &Context, _json: bool) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn log(_ctx: &Context, _cmd: LogCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn paths(ctx: &Context) -> anyhow::Result<ExitCode> {
    println!("data   {}", ctx.data_dir.display());
    println!("config {}", ctx.config_file().display());
    println!("programmes {}", ctx.programmes_dir().display());
    Ok(ExitCode::SUCCESS)
}
