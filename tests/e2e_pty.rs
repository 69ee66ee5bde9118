//! End-to-end: the real `rehab` binary in a pseudo-terminal, keys in, screen text out (parsed
//! with vt100). Each test has fresh temp data and config dirs with the quick fixture programme.
//! Never asserts after a fixed sleep: every wait polls the parsed screen with a timeout.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

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

/// Short get-ready and side-switch pauses so a whole session runs in seconds.
const FAST_CONFIG: &str = "get_ready_seconds = 1\nside_switch_seconds = 1\n";

fn dirs() -> Dirs {
    dirs_with(FAST_CONFIG)
}

/// Fresh dirs with this config.toml and, besides the quick fixture, the one-timed-set
/// programme as `a-timed.toml` (it sorts before quick.toml: `G` still picks the quick one).
fn dirs_with(config_toml: &str) -> Dirs {
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
    std::fs::write(config.join("config.toml"), config_toml).unwrap();
    Dirs {
        _root: root,
        data,
        config,
    }
}

/// What the terminal saw besides the screen: the window title (OSC 2) and bells.
#[derive(Debug, Default)]
struct Seen {
    title: String,
    bells: usize,
    /// OSC 52 clipboard writes: text from a file must never cause one.
    clipboard_writes: usize,
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

struct Pty {
    /// Every byte the app wrote, to look for cues the screen does not show.
    raw: Vec<u8>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    parser: vt100::Parser<Seen>,
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
        Pty::spawn_env(dirs, rows, cols, &[])
    }

    fn spawn_env(dirs: &Dirs, rows: u16, cols: u16, env: &[(&str, &str)]) -> Pty {
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

    fn pump(&mut self) {
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

    fn title(&mut self) -> String {
        self.pump();
        self.parser.callbacks().title.clone()
    }

    fn bells(&mut self) -> usize {
        self.pump();
        self.parser.callbacks().bells
    }

    /// Wait until the screen or the title differs from `before`.
    fn wait_change(&mut self, before: &(String, String)) {
        let start = Instant::now();
        while (self.screen(), self.title()) == *before {
            if start.elapsed() > TIMEOUT {
                panic!("the screen did not change; screen:\n{}", before.0);
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_text(&mut self, text: &str) {
        self.wait(|s| s.contents().contains(text), &format!("\"{text}\""));
    }

    /// Wait until `text` is no longer on screen (a dialog closed).
    fn wait_gone(&mut self, text: &str) {
        self.wait(
            |s| !s.contents().contains(text),
            &format!("\"{text}\" gone"),
        );
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
    // Your own programmes come after the built-ins: End jumps to the fixture.
    pty.send("G");
    pty.wait_text("▶ Quick test programme");
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
    pty.wait_text("Needs 60×17");
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

#[test]
fn sigint_and_sigquit_from_outside_restore_the_terminal() {
    for (which, number) in [("-INT", 2), ("-QUIT", 3)] {
        let d = dirs();
        let mut pty = Pty::spawn(&d, 24, 80);
        pty.wait_text("Welcome to rehab");
        pty.wait(|s| s.alternate_screen(), "alternate screen");
        signal(&pty, which);
        assert_eq!(pty.wait_exit(), 128 + number, "{which}");
        pty.wait(terminal_restored, "terminal restored after the signal");
    }
}

#[test]
fn an_exercise_name_with_escapes_never_drives_the_terminal() {
    let d = dirs();
    let path = d.config.join("programmes/quick.toml");
    let programme = std::fs::read_to_string(&path).unwrap().replace(
        "name = \"Quick hold\"",
        "name = \"Quick\\u0007\\u001b]52;c;aGk=\\u0007 hold\"",
    );
    std::fs::write(&path, programme).unwrap();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    // The session's window title names the exercise; wait until it was written.
    let title_written = |raw: &[u8]| {
        String::from_utf8_lossy(raw)
            .split("\x1b]")
            .any(|osc| osc.starts_with(['0', '2']) && osc.contains("Quick"))
    };
    let deadline = Instant::now() + TIMEOUT;
    while !title_written(&pty.raw) && Instant::now() < deadline {
        std::thread::sleep(POLL);
        pty.pump();
    }
    assert!(title_written(&pty.raw), "no window title with the name");
    let raw = String::from_utf8_lossy(&pty.raw);
    assert!(!raw.contains("\x1b]52"), "an OSC 52 reached the terminal");
    assert_eq!(pty.parser.callbacks().clipboard_writes, 0);
    pty.send("\x03");
}

/// std can only send SIGKILL: use the `kill` tool for the others.
fn signal(pty: &Pty, which: &str) {
    let status = std::process::Command::new("kill")
        .args([which, &pty.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill {which} failed");
}

#[test]
fn first_run_then_today_and_journal() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    walk_to_baseline(&mut pty);
    pty.send("32");
    pty.send(ENTER);
    pty.wait_text("Today's exercises");
    pty.wait_text("Quick test programme");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let journal = read_journal_text(&d);
    assert!(journal.contains("\"programme_chosen\""), "{journal}");
    assert!(journal.contains("\"check_in\""), "{journal}");
}

#[test]
fn a_first_start_quit_at_once_writes_nothing() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Welcome to rehab");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
    // No device id, journal or lock file until there is a record to write (README).
    assert!(
        !d.data.exists(),
        "{:?}",
        std::fs::read_dir(&d.data).map(|e| e.count())
    );
}

fn read_journal_text(d: &Dirs) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(&d.data).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            text.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    text
}

fn count(journal: &str, kind: &str) -> usize {
    journal.matches(&format!("\"kind\":\"{kind}\"")).count()
}

/// Set-done records in the quick programme: hold 2 sets × 2 sides, reps 1, stretch 1.
const QUICK_SETS: usize = 6;

/// Answer the runner until Today shows the session done: pain 2 after every set, pain after 1,
/// Enter for reps, effort, note and the summary; countdowns run out on their own.
fn finish_session(pty: &mut Pty) {
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

fn start_session(pty: &mut Pty) {
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

#[test]
fn whole_session_with_pain_ratings_is_journalled() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    finish_session(&mut pty);
    assert!(pty.bells() > 0, "the bell rang at the end of holds");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.wait(terminal_restored, "terminal restored");
    let journal = read_journal_text(&d);
    assert_eq!(count(&journal, "session_started"), 1, "{journal}");
    assert_eq!(count(&journal, "set_done"), QUICK_SETS, "{journal}");
    assert_eq!(count(&journal, "session_finished"), 1, "{journal}");
    assert!(journal.contains("\"pain\":2"), "{journal}");
}

#[test]
fn kill_9_mid_session_then_resume_and_finish() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    // Rate the first set, then wait for it to reach the journal before killing.
    rate_first_set(&mut pty, &d);
    signal(&pty, "-KILL");
    pty.wait_exit();
    drop(pty);

    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Resume today's session?");
    pty.send(ENTER);
    pty.wait_text("exercise 1 of 3");
    finish_session(&mut pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let journal = read_journal_text(&d);
    assert_eq!(
        count(&journal, "session_started"),
        1,
        "resumed, not restarted: {journal}"
    );
    assert_eq!(count(&journal, "set_done"), QUICK_SETS, "{journal}");
    assert_eq!(count(&journal, "session_finished"), 1, "{journal}");
}

#[test]
fn sigterm_mid_hold_restores_terminal_and_keeps_finished_sets() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    // Finish the first set (left side), then wait for the next hold to be running.
    pty.wait(
        |s| s.contents().contains("PAIN NOW?"),
        "the first pain rating",
    );
    pty.send("2");
    pty.wait_text("EFFORT?");
    pty.send(ENTER);
    pty.wait_text("HOLD");
    signal(&pty, "-TERM");
    assert_eq!(pty.wait_exit(), 128 + 15);
    pty.wait(terminal_restored, "terminal restored after SIGTERM");
    let journal = read_journal_text(&d);
    assert_eq!(count(&journal, "set_done"), 1, "{journal}");
    assert_eq!(count(&journal, "session_finished"), 0, "{journal}");
}

#[test]
fn resize_to_tiny_and_back_mid_timer() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    pty.wait(|s| s.contents().contains("HOLD"), "the first hold");
    pty.resize(5, 20);
    pty.wait_text("Needs 60×17");
    // The timer keeps running while the terminal is too small: the rating comes up anyway.
    let start = Instant::now();
    while !pty.title().ends_with("rate pain") {
        assert!(
            start.elapsed() < TIMEOUT,
            "the hold did not end while small; title {}",
            pty.title()
        );
        std::thread::sleep(POLL);
    }
    pty.resize(24, 80);
    pty.wait_text("PAIN NOW?");
    finish_session(&mut pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(count(&read_journal_text(&d), "set_done"), QUICK_SETS);
}

// ---- issue 13: the runner's bugs and cues ----

/// The app's bytes without OSC sequences (whose BEL terminator is not a sound): what is left
/// of BEL is what the terminal rings.
fn sounds(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::new();
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("\x1b]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match after.find('\x07') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rate the first set (pain 2, no effort) and wait for it to reach the journal.
fn rate_first_set(pty: &mut Pty, d: &Dirs) {
    let start = Instant::now();
    while count(&read_journal_text(d), "set_done") == 0 {
        assert!(
            start.elapsed() < TIMEOUT,
            "no set was saved; screen:\n{}",
            pty.screen()
        );
        let screen = pty.screen();
        if pty.title().ends_with("rate pain") {
            pty.send("2");
        } else if screen.contains("EFFORT?") {
            pty.send(ENTER);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `q` in a session asks, and "yes" goes back to Today: the app keeps running.
fn stop_session_to_today(pty: &mut Pty) {
    pty.send("q");
    pty.wait_text("Stop the session and go back to Today?");
    pty.send("y");
    pty.wait_text("Today's exercises");
    pty.wait_text("Press s to resume it");
}

#[test]
fn quit_in_a_session_asks_then_goes_back_to_today_and_q_there_quits() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    rate_first_set(&mut pty, &d);
    stop_session_to_today(&mut pty);
    // One set of six is a partial day, and Today says so.
    pty.wait_text("Streak: 1 day (1 partial)");
    pty.wait_text("0 of 1 planned sessions, 1 partial");
    // Ctrl-C in a session asks too; n stays, a second Ctrl-C confirms.
    pty.send("s");
    pty.wait_text("exercise 1 of 3");
    pty.send("\x03");
    pty.wait_text("Stop the session and go back to Today?");
    pty.send("n");
    pty.wait(
        |s| !s.contents().contains("Stop the session"),
        "the dialog closed",
    );
    pty.send("\x03");
    pty.wait_text("Stop the session and go back to Today?");
    pty.send("\x03");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let journal = read_journal_text(&d);
    assert_eq!(count(&journal, "session_started"), 1, "resumed: {journal}");
    assert_eq!(count(&journal, "session_finished"), 0, "{journal}");
}

#[test]
fn the_resume_offer_says_what_resumes_esc_closes_it_and_n_leaves_it_for_good() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    rate_first_set(&mut pty, &d);
    signal(&pty, "-KILL");
    pty.wait_exit();
    drop(pty);

    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Resume today's session?");
    pty.wait_text("Resume at: Quick hold, right, set 1 of 2.");
    pty.wait_text("Kept: 1 set already saved");
    // Esc only closes the offer: Today still resumes.
    pty.send(ESC);
    pty.wait_gone("Resume today's session?");
    pty.wait_text("Today's session was stopped part-way");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    drop(pty);

    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Resume today's session?");
    pty.send("n");
    pty.wait_gone("Resume today's session?");
    pty.wait(
        |s| !s.contents().contains("stopped part-way"),
        "the session no longer holds the day",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    drop(pty);
    assert_eq!(count(&read_journal_text(&d), "session_left"), 1);

    // Not asked again; s starts a fresh session (the coach plans what is left of today).
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Today's exercises");
    assert!(!pty.screen().contains("Resume today's session?"));
    pty.send("s");
    pty.wait_text("exercise 1 of");
    let journal = read_journal_text(&d);
    assert_eq!(count(&journal, "session_started"), 2, "{journal}");
    pty.send("\x03");
    pty.send("\x03");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_programme_switch_mid_day_ends_the_old_sessions_claim() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    rate_first_set(&mut pty, &d);
    stop_session_to_today(&mut pty);
    pty.send("p");
    pty.wait_text("Choose a programme");
    pty.send("G");
    pty.send("k");
    pty.wait_text("▶ Quick timed programme");
    pty.send(ENTER);
    pty.wait_text("Switch programme?");
    pty.send("y");
    pty.wait_text("Quick jumps");
    pty.wait(
        |s| !s.contents().contains("stopped part-way"),
        "the old session no longer holds the day",
    );
    pty.send("s");
    pty.wait_text("Quick jumps");
    pty.wait_text("GET READY");
    let journal = read_journal_text(&d);
    assert_eq!(count(&journal, "session_started"), 2, "{journal}");
    assert!(
        journal
            .lines()
            .rfind(|l| l.contains("\"session_started\""))
            .is_some_and(|l| l.contains("\"programme\":\"quick-timed\"")),
        "the new session follows the new programme: {journal}"
    );
    // And no resume offer for the old one on the next start.
    pty.send("\x03");
    pty.send("\x03");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    drop(pty);
    let mut pty = Pty::spawn(&d, 24, 80);
    pty.wait_text("Resume today's session?");
    pty.wait_text("Resume at: Quick jumps, set 1 of 1.");
    pty.send("q");
    pty.wait_gone("Resume today's session?");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn b_in_a_session_shows_the_bell_state_in_the_header_and_footer() {
    let d = dirs();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_session(&mut pty);
    pty.wait_text("bell on");
    pty.send("b");
    pty.wait_text("bell off");
    pty.wait_text("Bell off: no sound");
    pty.send("b");
    pty.wait_text("bell on");
    pty.wait_text("Bell on: it rings");
    pty.send("\x03");
    pty.send("y");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// The quick-timed programme's session, reached from the first run.
fn start_timed_session(pty: &mut Pty) {
    pty.wait_text("Welcome to rehab");
    pty.send(ENTER);
    for i in 0..RED_FLAG_COUNT {
        pty.wait_text(&format!("Safety question {} of", i + 1));
        pty.send("n");
    }
    pty.wait_text("No red-flag question answered yes");
    pty.send(ENTER);
    pty.wait_text("Choose a programme");
    pty.send("G");
    pty.send("k");
    pty.wait_text("▶ Quick timed programme");
    pty.send(ENTER);
    pty.wait_text("How is it this morning?");
    pty.send("2");
    pty.send(ENTER);
    pty.wait_text("Today's exercises");
    pty.send(ENTER);
}

#[test]
fn a_timed_set_counts_in_then_gives_the_go_cue_in_the_byte_stream() {
    let d = dirs_with("get_ready_seconds = 2\nnotify = true\n");
    let mut pty = Pty::spawn_env(&d, 24, 80, &[("TMUX", "/tmp/tmux-1000/default,1,0")]);
    start_timed_session(&mut pty);
    pty.wait_text("GET READY");
    assert!(pty.screen().contains("Quick jumps"));
    let before = sounds(&pty.raw).len();
    assert!(
        !sounds(&pty.raw).contains("\x07\x07"),
        "no go cue before the count-in ends"
    );
    // The count-in runs out by itself: two bells at once, then the set's own countdown.
    pty.wait(|s| s.contents().contains("GO"), "the timed set");
    let start = Instant::now();
    while !sounds(&pty.raw)[before..].contains("\x07\x07") {
        assert!(start.elapsed() < TIMEOUT, "no go cue in the byte stream");
        pty.pump();
        std::thread::sleep(POLL);
    }
    // The end of the set rings once and notifies through tmux's passthrough.
    pty.wait(|s| s.contents().contains("PAIN NOW?"), "the rating");
    let start = Instant::now();
    let notification = "\x1bPtmux;\x1b\x1b]9;Quick jumps 1/1: time up\x07\x1b\\";
    while !String::from_utf8_lossy(&pty.raw).contains(notification) {
        assert!(start.elapsed() < TIMEOUT, "no tmux-wrapped notification");
        pty.pump();
        std::thread::sleep(POLL);
    }
    pty.send("\x03");
    pty.send("y");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
