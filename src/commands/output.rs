//! Standard output and error for the CLI. Two jobs, for every line a command prints:
//!
//! - Text from files and the command line never drives the terminal: control characters are
//!   replaced (`domain::text::printable`) on the way out.
//! - A closed or full standard output never panics. Each command saves its records before it
//!   prints, so a reader that went away (`| head -1`) ends the command quietly with status 0,
//!   and any other write error (e.g. `> /dev/full`) with `EXIT_OUTPUT_FAILED` and one line on
//!   standard error. Either way whatever the command saved stays saved: a script must not
//!   run it again.

use crate::domain::text::printable;
use std::fmt;
use std::io::{self, Write};

/// Exit status when standard output could not be written (other than a closed pipe): `EX_IOERR`
/// from sysexits.h.
pub const EXIT_OUTPUT_FAILED: i32 = 74;

/// Print to standard output, control characters replaced.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::commands::output::write_out(format_args!($($arg)*)) };
}

/// Print a line to standard output, control characters replaced.
#[macro_export]
macro_rules! outln {
    () => { $crate::commands::output::write_out(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::commands::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Print a line to standard error, control characters replaced. Errors writing it are ignored
/// (there is nowhere left to report them).
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::commands::output::write_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub fn write_out(args: fmt::Arguments<'_>) {
    let text = args.to_string();
    if let Err(e) = io::stdout().lock().write_all(printable(&text).as_bytes()) {
        stdout_failed(&e);
    }
}

pub fn write_err(args: fmt::Arguments<'_>) {
    let text = args.to_string();
    let _ = io::stderr().lock().write_all(printable(&text).as_bytes());
}

/// Write raw bytes (an export: CSV, JSON, Markdown already made safe) to standard output.
pub fn write_out_bytes(bytes: &[u8]) {
    if let Err(e) = io::stdout().lock().write_all(bytes) {
        stdout_failed(&e);
    }
}

/// Flush standard output before the process exits, so a failed last write is reported too.
pub fn flush_out() {
    if let Err(e) = io::stdout().lock().flush() {
        stdout_failed(&e);
    }
}

/// End the process after standard output failed: quietly for a closed pipe, with one line on
/// standard error otherwise. Records are saved before anything is printed, so nothing is lost.
pub fn stdout_failed(err: &io::Error) -> ! {
    if err.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = writeln!(
        io::stderr(),
        "rehab: cannot write to standard output: {err} (anything this command saves was saved before it printed; do not run it again)"
    );
    std::process::exit(EXIT_OUTPUT_FAILED)
}
