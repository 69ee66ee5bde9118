use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A journal at the file size limit (ulimit -f) must fail the write with EFBIG, which the
    // writer handles (cuts its partial line off, says what to do), not kill the process.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
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
