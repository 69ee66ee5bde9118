use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rehab_coach::cli::Cli::parse();
    let code = match rehab_coach::run(cli) {
        Ok(code) => code,
        Err(err) => {
            rehab_coach::errln!("rehab: {err}");
            for cause in err.chain().skip(1) {
                rehab_coach::errln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    };
    rehab_coach::commands::output::flush_out();
    code
}
