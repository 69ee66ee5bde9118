//! The pty harness of the end-to-end tests: the real `rehab` binary in a pseudo-terminal, keys
//! in, screen text out (parsed with vt100), fresh temp data and config dirs with the quick
//! fixture programmes, and the walks every test shares (first run, a whole session).
//! Never asserts after a fixed sleep: every wait polls the parsed screen with a timeout.
#![allow(dead_code)] // each test file uses its own part

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

pub const POLL: Duration = Duration::from_millis(20);
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Dirs {
    pub _root: tempfile::TempDir,
    pub data: PathBuf,
    pub config: PathBuf,
}

/// Short get-ready and side-switch pauses so a whole session runs in seconds.
pub const FAST_CONFIG: &str = "get_ready_seconds = 1\nside_switch_seconds = 1\n";

pub fn dirs() -> Dirs {
    dirs_with(FAST_CONFIG)
}

/// Fresh dirs with this config.toml and, besides the quick fixture, the one-timed-set
/// programme as `a-timed.toml` (it sorts before quick.toml: `G` still picks the quick one).
/// The voice is off unless the config sets it: tests never speak through the speakers.
pub fn dirs_with(config_toml: &str) -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let config = root.path().join("config");
    std::fs::create_dir_all(config.join("programmes")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/quick.toml"),
        config.join("programmes/quick.toml"),
    )
    .unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/quick-timed.toml"
        ),
        config.join("programmes/a-timed.toml"),
    )
    .unwrap();
    let silent = if config_toml.contains("voice") {
        ""
    } else {
        "voice = \"off\"\n"
    };
    std::fs::write(config.join("config.toml"), format!("{config_toml}{silent}")).unwrap();
    Dirs {
        _root: root,
        data,
        config,
    }
}

/// What the terminal saw besides the screen: the window title (OSC 2) and bells.
#[derive(Debug, Default)]
pub struct Seen {
    pub title: String,
    pub bells: usize,
    /// OSC 52 clipboard writes: text from a file must never cause one.
    pub clipboard_writes: usize,
}

impl vt100::Callbacks for Seen {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.title = String::from_utf8_lossy(title).into_owned();
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], _data: &[u8]) {
        self.clipboard_writes += 1;
    }
}

pub struct Pty {
    /// Every byte the app wrote, to look for cues the screen does not show.
    pub raw: Vec<u8>,
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub rx: Receiver<Vec<u8>>,
    pub parser: vt100::Parser<Seen>,
    pub child: Box<dyn Child + Send + Sync>,
    pub closed: bool,
}

pub fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Pty {
    pub fn spawn(dirs: &Dirs, rows: u16, cols: u16) -> Pty {
        Pty::spawn_env(dirs, rows, cols, &[])
    }

    pub fn spawn_env(dirs: &Dirs, rows: u16, cols: u16, env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system().openpty(size(rows, cols)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rehab"));
        cmd.env("REHAB_DATA_DIR", &dirs.data);
        cmd.env("REHAB_CONFIG_DIR", &dirs.config);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("TMUX");
        for (key, value) in env {
            cmd.env(key, value);
        }
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
            raw: Vec::new(),
            master: pair.master,
            writer,
            rx,
            parser: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, Seen::default()),
            child,
            closed: false,
        }
    }

    pub fn pump(&mut self) {
        loop {
            match self.rx.try_recv() {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.closed = true;
                    break;
                }
            }
        }
    }

    pub fn screen(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until the screen satisfies `ok`; fail with the screen after the timeout.
    pub fn wait(&mut self, ok: impl Fn(&vt100::Screen) -> bool, what: &str) {
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

    pub fn title(&mut self) -> String {
        self.pump();
        self.parser.callbacks().title.clone()
    }

    pub fn bells(&mut self) -> usize {
        self.pump();
        self.parser.callbacks().bells
    }

    /// Wait until the screen or the title differs from `before`.
    pub fn wait_change(&mut self, before: &(String, String)) {
        let start = Instant::now();
        while (self.screen(), self.title()) == *before {
            if start.elapsed() > TIMEOUT {
                panic!("the screen did not change; screen:\n{}", before.0);
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_text(&mut self, text: &str) {
        self.wait(|s| s.contents().contains(text), &format!("\"{text}\""));
    }

    /// Wait until `text` is no longer on screen (a dialog closed).
    pub fn wait_gone(&mut self, text: &str) {
        self.wait(
            |s| !s.contents().contains(text),
            &format!("\"{text}\" gone"),
        );
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.pump();
        self.master.resize(size(rows, cols)).unwrap();
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// Wait for the process to exit and the pty to close; returns the exit code.
    pub fn wait_exit(&mut self) -> u32 {
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
                let pid = self.pid();
                let state =
                    std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
                let wchan =
                    std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
                let _ = self.child.kill();
                panic!(
                    "rehab did not exit ({wchan}) {state}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn pid(&self) -> i32 {
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

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const RED_FLAG_COUNT: usize = rehab_coach::domain::red_flags::RED_FLAGS.len();

pub fn terminal_restored(s: &vt100::Screen) -> bool {
    !s.alternate_screen() && !s.hide_cursor()
}

/// Walk the first run up to baseline pain: no to every red flag, the first programme.
pub fn walk_to_baseline(pty: &mut Pty) {
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
    // Your own programmes come after the built-ins: End jumps to the fixture.
    pty.send("G");
    pty.wait_text("▶ Quick test programme");
    pty.send(ENTER);
    pty.wait_text("How is it this morning?");
}

/// std can only send SIGKILL: use the `kill` tool for the others.
pub fn signal(pty: &Pty, which: &str) {
    let status = std::process::Command::new("kill")
        .args([which, &pty.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill {which} failed");
}

pub fn read_journal_text(d: &Dirs) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(&d.data).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            text.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    text
}

pub fn count(journal: &str, kind: &str) -> usize {
    journal.matches(&format!("\"kind\":\"{kind}\"")).count()
}

/// Answer the runner until Today shows the session done: pain 2 after every set, pain after 1,
/// Enter for reps, effort, note and the summary; countdowns run out on their own.
pub fn finish_session(pty: &mut Pty) {
    let start = Instant::now();
    loop {
        let screen = pty.screen();
        let title = pty.title();
        if screen.contains("session done ✓") {
            return;
        }
        assert!(
            start.elapsed() < 6 * TIMEOUT,
            "session did not finish; screen:\n{screen}"
        );
        let key = if title.ends_with("rate pain") {
            Some("2")
        } else if screen.contains("EFFORT?") || title.ends_with("reps") {
            Some(ENTER)
        } else if title.contains("how did it go") {
            if screen.contains("Type 0–9, or t for 10.") {
                Some("1")
            } else {
                Some(ENTER)
            }
        } else if title.contains("session done") {
            Some(ENTER)
        } else {
            None // a countdown: it ends by itself
        };
        match key {
            Some(k) => {
                let before = (screen, title);
                pty.send(k);
                pty.wait_change(&before);
            }
            None => std::thread::sleep(POLL),
        }
    }
}

pub fn start_session(pty: &mut Pty) {
    walk_to_baseline(pty);
    pty.send("32");
    pty.send(ENTER);
    pty.wait_text("Today's exercises");
    pty.send(ENTER);
    pty.wait(
        |s| s.contents().contains("GET READY"),
        "the session's first get-ready",
    );
}
