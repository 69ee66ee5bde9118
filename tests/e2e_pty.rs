//! End-to-end: the real `rehab` binary in a pseudo-terminal, keys in, screen text out (parsed
//! with vt100). Each test has fresh temp data and config dirs with the quick fixture programme.
//! Never asserts after a fixed sleep: every wait polls the parsed screen with a timeout.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/pty.rs"]
mod pty;

use pty::*;
use std::time::{Duration, Instant};

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

/// Set-done records in the quick programme: hold 2 sets × 2 sides, reps 1, stretch 1.
const QUICK_SETS: usize = 6;

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
