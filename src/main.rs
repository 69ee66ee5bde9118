use clap::Parser;
use std::process::ExitCode;

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
