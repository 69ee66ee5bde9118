use crate::cli::ProgrammesCommand;
use crate::store::Context;
use std::process::ExitCode;

pub fn run(_ctx: &Context, _cmd: ProgrammesCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
