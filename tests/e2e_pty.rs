//! End-to-end: the real `rehab` binary in a pseudo-terminal, keys in, screen text out (parsed
//! with vt100). Each test has fresh temp data and config dirs with the quick fixture programme.
//! Never asserts after a fixed sleep: every wait polls the parsed screen with a timeout.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

const POLL: Duration = Duration::from_millis(20);
const TIMEOUT: Duration = Duration::from_secs(10);

struct Dirs {
    _root: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
}

fn dirs() -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let config = root.path().join("config");
    std::fs::create_dir_all(config.join("programmes")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/quick.toml"),
        config.join("programmes/quick.toml"),
    )
    .unwrap();
    Dirs {
        _root: root,
        data,
        config,
    }
}

struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    child: Box<dyn Child + Send + Sync>,
    closed: bool,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Pty {
    fn spawn(dirs: &Dirs, rows: u16, cols: u16) -> Pty {
        let pair = native_pty_system().openpty(size(rows, cols)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rehab"));
        cmd.env("REHAB_DATA_DIR", &dirs.data);
        cmd.env("REHAB_CONFIG_DIR", &dirs.config);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Pty {
            master: pair.master,
            writer,
            rx,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            child,
            closed: false,
        }
    }

    fn pump(&mut self) {
        loop {
            match self.rx.try_recv() {
                Ok(bytes) => self.parser.process(&bytes),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.closed = true;
                    break;
                }
            }
        }
    }

    fn screen(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until the screen satisfies `ok`; fail with the screen after the timeout.
    fn wait(&mut self, ok: impl Fn(&vt100::Screen) -> bool, what: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            if ok(self.parser.screen()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {what}; screen:\n{}",
                    self.parser.screen().contents()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_text(&mut self, text: &str) {
        self.wait(|s| s.contents().contains(text), &format!("\"{text}\""));
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.pump();
        self.master.resize(size(rows, cols)).unwrap();
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// Wait for the process to exit and the pty to close; returns the exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Drain what the process wrote on its way out.
                let drain = Instant::now();
                while !self.closed && drain.elapsed() < TIMEOUT {
                    self.pump();
                    std::thread::sleep(POLL);
                }
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("rehab did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(POLL);
        }
    }

    fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const RED_FLAG_COUNT: usize = rehab_coach::domain::red_flags::RED_FLAGS.len();

fn terminal_restored(s: &vt100::Screen) -> bool {
    !s.alternate_screen() && !s.hide_cursor()
}

/// Walk the first run up to baseline pain: no to every red flag, the first programme.
fn walk_to_baseline(pty: &mut Pty) {
    pty.wait_text("Welcome to rehab");
    pty.send(ENTER);
    pty.wait_text("Safety question 1 of");
    for i in 0..RED_FLAG_COUNT {
        pty.wait_text(&format!("Safety question {} of", i + 1));
        pty.send("n");
    }
    pty.wait_text("No red-flag question answered yes");
    pty.send(ENTER);
    pty.wait_text("Choose a programme");
    pty.send(ENTER);
    pty.wait_text("How is it this morning?");
}

#[test]
fn no_terminal_gives_a_one_line_error() {
    let d = dirs();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rehab"))
        .env("REHAB_DATA_DIR", &d.data)
        .env("REHAB_CONFIG_DIR", &d.config)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn first_run_steps_back_and_quit_restores_terminal() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Welcome to rehab");
    pty.wait(
        |s| s.alternate_screen() && s.hide_cursor(),
        "alternate screen",
    );
    pty.send("\t");
    pty.wait_text("Safety question 1 of");
    pty.send("\t");
    pty.wait_text("Safety question 2 of");
    pty.send(ESC);
    pty.wait_text("Safety question 1 of");
    pty.send("\x1b[Z"); // Shift-Tab
    pty.wait_text("Welcome to rehab");
    pty.send("?");
    pty.wait_text("show the keys of this screen");
    pty.send(ESC);
    pty.wait(|s| !s.contents().contains("show the keys"), "help closed");
    pty.send("\x03"); // Ctrl-C
    assert_eq!(pty.wait_exit(), 0);
    pty.wait(terminal_restored, "terminal restored");
}

#[test]
fn sigterm_restores_the_terminal() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Welcome to rehab");
    pty.wait(|s| s.alternate_screen(), "alternate screen");
    signal(&pty, "-TERM");
    let code = pty.wait_exit();
    assert_eq!(code, 128 + 15);
    pty.wait(terminal_restored, "terminal restored after SIGTERM");
}

#[test]
fn too_small_notice_and_back() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Welcome to rehab");
    pty.resize(5, 20);
    pty.wait_text("Make the");
    pty.resize(24, 80);
    pty.wait_text("Welcome to rehab");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn first_run_walks_every_step() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    walk_to_baseline(&mut pty);
    pty.send("3");
    pty.wait(
        |s| s.contents().contains("3 / 10  ▲ acceptable"),
        "pain 3 shown with its zone word",
    );
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
    pty.wait(terminal_restored, "terminal restored");
}

#[test]
fn sighup_restores_the_terminal() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Welcome to rehab");
    signal(&pty, "-HUP");
    assert_eq!(pty.wait_exit(), 128 + 1);
    pty.wait(terminal_restored, "terminal restored after SIGHUP");
}

/// std can only send SIGKILL: use the `kill` tool for the others.
fn signal(pty: &Pty, which: &str) {
    let status = std::process::Command::new("kill")
        .args([which, &pty.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill {which} failed");
}
