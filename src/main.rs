use clap::Parser;
use std::process::ExitCode;

/// mimalloc: reading a long journal makes and frees a few hundred thousand small values; with
/// the system allocator that was about a third of a start (`benches/journal_read.rs`, which uses
/// the same allocator so it measures what this binary does).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = rehab_coach::cli::Cli::parse();
    match rehab_coach::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("rehab: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
