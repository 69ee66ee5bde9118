//! The one owner of the terminal: enters raw mode and the alternate screen, and restores them on
//! every exit path: normal return (Drop), error return (Drop), panic (chained hook), and SIGTERM /
//! SIGHUP / SIGINT / SIGQUIT (a watcher thread restores and exits; every finished step is already in the journal),
//! and a hung-up terminal (EOF/EIO on input: a second watcher exits instead of letting crossterm's
//! reader spin). Each exit path also stops any speech child (`speech::stop_for_exit`).

use crate::tui::speech;
use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
use std::io::{IsTerminal, Write};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Held while the app writes to the journal or the screen, so a signal never exits halfway
/// through an append or a frame.
static WORK: Mutex<()> = Mutex::new(());

/// Exit status after a termination signal (128 + signal number, as shells report it).
#[cfg(unix)]
const SIGNAL_EXIT_BASE: i32 = 128;

pub fn hold_work() -> MutexGuard<'static, ()> {
    WORK.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Leave the alternate screen, show the cursor, reset the title, leave raw mode. Errors are
/// ignored: this runs on the way out, when nothing better can be done.
fn restore() {
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]2;\x07");
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    /// Take over the terminal. Refuses with a one-line error when stdin or stdout is not one.
    pub fn enter() -> anyhow::Result<TerminalGuard> {
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            anyhow::bail!(
                "the full-screen coach needs a terminal (stdin and stdout are not one); use a subcommand instead, e.g. `rehab today` (see `rehab --help`)"
            );
        }
        install_panic_hook();
        #[cfg(unix)]
        {
            install_signal_watch()?;
            install_hangup_watch()?;
        }
        let mut terminal =
            ratatui::try_init().map_err(|e| anyhow::anyhow!("cannot set up the terminal: {e}"))?;
        terminal.hide_cursor()?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        speech::stop_for_exit();
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        speech::stop_for_exit_now();
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT (sent from outside: in raw mode Ctrl-C and Ctrl-\\ are
/// keys, not signals): wait for any append or draw in progress, restore, exit.
#[cfg(unix)]
fn install_signal_watch() -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .map_err(|e| anyhow::anyhow!("cannot watch for termination signals: {e}"))?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _work = hold_work();
                speech::stop_for_exit();
                restore();
                std::process::exit(SIGNAL_EXIT_BASE + signal);
            }
        })?;
    Ok(())
}

/// Exit status when the terminal went away.
#[cfg(unix)]
const HANGUP_EXIT: i32 = SIGNAL_EXIT_BASE + libc::SIGHUP;

/// Block in poll(2) on stdin for hang-up or error only (no CPU while waiting). crossterm's reader
/// loops forever on a hung-up terminal (read returns 0 or EIO), so this thread exits for it.
#[cfg(unix)]
fn install_hangup_watch() -> anyhow::Result<()> {
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(|| {
            let mut fds = libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: 0,
                revents: 0,
            };
            loop {
                // SAFETY: one valid pollfd, count 1, infinite timeout; no memory is shared.
                let ready = unsafe { libc::poll(&mut fds, 1, -1) };
                let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
                if ready > 0 && fds.revents & gone != 0 {
                    let _work = hold_work();
                    speech::stop_for_exit();
                    restore();
                    std::process::exit(HANGUP_EXIT);
                }
                if ready < 0
                    && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
                {
                    return;
                }
            }
        })?;
    Ok(())
}
