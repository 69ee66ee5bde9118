//! Spoken cues end to end: the real `rehab` in a pseudo-terminal with a fake speech program
//! (a shell script that logs the time it started, on the kernel's monotonic uptime clock, its
//! PID and its words), and, when `espeak-ng` is installed, the real program writing WAV files.
//! Linux only: the fake reads /proc/uptime and the checks read /proc.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/pty.rs"]
mod pty;

use pty::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How soon after its moment a moment's words must start (the issue's promise).
const MOMENT_LATENCY: Duration = Duration::from_millis(150);

/// How long a quick person takes to type a rating once the prompt shows.
const QUICK_ANSWER: Duration = Duration::from_millis(250);

/// Logs "uptime<TAB>pid<TAB>words" to $1, then speaks for $2 seconds (sleeps, as `exec`, so the
/// PID the app knows is the one speaking).
const FAKE_SPEECH: &str = r#"#!/bin/sh
log=$1
seconds=$2
shift 2
read -r up rest < /proc/uptime
printf '%s\t%s\t%s\n' "$up" "$$" "$*" >> "$log"
exec sleep "$seconds"
"#;

/// Every word the voice says in the fixture's session at normal detail, in order.
const SESSION_WORDS: &[&str] = &[
    // The count under the exercise's intro would cut it off: only "go".
    "Voice hold, left side, 2 sets of 2 seconds",
    "go",
    "done: rate your pain",
    "switch sides, right side",
    "3",
    "2",
    "1",
    "go",
    "done: rate your pain",
    "rest, 2 seconds",
    // The rest ends on the left side: it says so, and "2" would cut it off.
    "last set, left side",
    "1",
    "go",
    "done: rate your pain",
    "switch sides, right side",
    "3",
    "2",
    "1",
    "go",
    "done: rate your pain",
    "session done: rate your pain",
];

/// Fresh dirs with the voice fixture as the only programme of one's own, and this config.
fn voice_dirs(config_toml: &str) -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let config = root.path().join("config");
    std::fs::create_dir_all(config.join("programmes")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/voice.toml"),
        config.join("programmes/voice.toml"),
    )
    .unwrap();
    std::fs::write(config.join("config.toml"), config_toml).unwrap();
    Dirs {
        _root: root,
        data,
        config,
    }
}

/// The fake program in `dir`, and the config that makes the app use it.
fn fake_speech(dir: &Path, seconds: &str) -> (PathBuf, String) {
    let script = dir.join("fake-speech");
    std::fs::write(&script, FAKE_SPEECH).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let log = dir.join("speech.log");
    let config = format!(
        "get_ready_seconds = 3\nside_switch_seconds = 2\nvoice = \"on\"\n\
         speech_command = [{:?}, {:?}, {seconds:?}, \"{{text}}\"]\n",
        script.display().to_string(),
        log.display().to_string(),
    );
    (log, config)
}

/// One call of the speech program: when it started (s of uptime), its PID, its words.
#[derive(Debug, Clone)]
struct Said {
    at: f64,
    pid: i32,
    words: String,
}

fn said(log: &Path) -> Vec<Said> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Said {
                at: parts.next()?.parse().ok()?,
                pid: parts.next()?.parse().ok()?,
                words: parts.next()?.to_string(),
            })
        })
        .collect()
}

/// Seconds since boot, the clock the fake speech program logs on.
fn uptime() -> f64 {
    let text = std::fs::read_to_string("/proc/uptime").unwrap();
    text.split_whitespace().next().unwrap().parse().unwrap()
}

/// True while `pid` runs (a zombie has finished).
fn running(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let state = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .next()?
                .to_string();
            Some(state != "Z")
        })
        .unwrap_or(false)
}

/// First run to Today with the voice fixture, then start the session.
fn start_voice_session(pty: &mut Pty) {
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
    pty.wait_text("▶ Voice test programme");
    pty.send(ENTER);
    pty.wait_text("How is it this morning?");
    pty.send("2");
    pty.send(ENTER);
    pty.wait_text("Today's exercises");
    pty.send(ENTER);
}

/// What the window title says the session is doing.
fn step_of(title: &str) -> &'static str {
    if title.contains("get ready") {
        "get ready"
    } else if title.contains("switch sides") {
        "switch sides"
    } else if title.contains(" rest ") {
        "rest"
    } else if title.ends_with("rate pain") {
        "rate pain"
    } else if title.contains("how did it go") {
        "end form"
    } else if title.contains("session done") {
        "summary"
    } else if title.contains(" · 0:") {
        "hold"
    } else {
        "other"
    }
}

/// Answer the session to its end while watching the title closely, `think` after each step
/// before a key: returns when each step was first seen, on the uptime clock.
fn run_session_watching(pty: &mut Pty, think: Duration) -> Vec<(f64, &'static str)> {
    let mut seen: Vec<(f64, &'static str)> = Vec::new();
    let start = Instant::now();
    loop {
        assert!(
            start.elapsed() < 6 * TIMEOUT,
            "the session did not finish; screen:\n{}",
            pty.screen()
        );
        let title = pty.title();
        let step = step_of(&title);
        let now = uptime();
        if seen.last().is_none_or(|(_, last)| *last != step) {
            seen.push((now, step));
            if matches!(step, "rate pain" | "end form" | "summary") {
                std::thread::sleep(think);
            }
            match step {
                "rate pain" => pty.send("2"),
                "end form" => {
                    pty.wait_text("Type 0–9, or t for 10.");
                    pty.send("1");
                    pty.wait_text("Enter to skip.");
                    pty.send(ENTER);
                    pty.wait_text("Enter saves the session.");
                    pty.send(ENTER);
                }
                "summary" => {
                    pty.send(ENTER);
                    pty.wait_text("session done ✓");
                    return seen;
                }
                _ => {}
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// How far the speech of `words` started from the display showing `step`, pairing each time
/// the words were said with the nearest time the step appeared.
fn latencies(said: &[Said], seen: &[(f64, &str)], words: &str, step: &str) -> Vec<f64> {
    said.iter()
        .filter(|s| s.words == words)
        .map(|s| {
            seen.iter()
                .filter(|(_, shown)| *shown == step)
                .map(|(t, _)| s.at - t)
                .min_by(|a, b| a.abs().total_cmp(&b.abs()))
                .unwrap()
        })
        .collect()
}

#[test]
fn a_short_session_is_spoken_in_order_on_time_and_leaves_no_child() {
    let d = voice_dirs("");
    // Each call "speaks" for 30 s: every one is cut short by the next, or by the end.
    let (log, config) = fake_speech(d.config.parent().unwrap(), "30");
    std::fs::write(d.config.join("config.toml"), config).unwrap();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_voice_session(&mut pty);
    pty.wait_text("voice on");
    // A rating typed the instant the prompt shows would cut "done: rate your pain" before the
    // fake program could log it: answer as a quick person would.
    let seen = run_session_watching(&mut pty, QUICK_ANSWER);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let said = said(&log);
    let words: Vec<&str> = said.iter().map(|s| s.words.as_str()).collect();
    assert_eq!(words, SESSION_WORDS);
    // A moment's words start within 150 ms of the display showing it.
    let go = latencies(&said, &seen, "go", "hold");
    let switch = latencies(&said, &seen, "switch sides, right side", "switch sides");
    println!("go vs the hold on screen (s): {go:?}");
    println!("switch sides vs the switch on screen (s): {switch:?}");
    assert_eq!((go.len(), switch.len()), (4, 2));
    for latency in go.iter().chain(&switch) {
        assert!(
            latency.abs() <= MOMENT_LATENCY.as_secs_f64(),
            "{latency} s from the display: go {go:?}, switch {switch:?}"
        );
    }
    // Every call was cut short by the next or by the end: none runs after the app.
    for s in &said {
        assert!(
            !running(s.pid),
            "\"{}\" (pid {}) still speaks",
            s.words,
            s.pid
        );
    }
}

#[test]
fn new_words_stop_the_old_child_at_once() {
    let d = voice_dirs("");
    let (log, config) = fake_speech(d.config.parent().unwrap(), "30");
    std::fs::write(d.config.join("config.toml"), config).unwrap();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_voice_session(&mut pty);
    // Whenever a call is logged, every earlier one has already been stopped.
    let start = Instant::now();
    let mut checked = 0;
    while checked < 6 {
        assert!(start.elapsed() < TIMEOUT, "{:?}", said(&log));
        let calls = said(&log);
        if calls.len() > checked {
            for old in &calls[..calls.len() - 1] {
                assert!(!running(old.pid), "\"{}\" still speaks", old.words);
            }
            checked = calls.len();
        }
        if pty.title().ends_with("rate pain") {
            pty.send("2");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let last = said(&log).last().cloned().unwrap();
    assert!(running(last.pid), "the latest words are still being said");
    // Quitting the session stops it.
    pty.send("q");
    pty.wait_text("Stop the session and go back to Today?");
    pty.send("y");
    pty.wait_text("Today's exercises");
    let stopped = Instant::now();
    while said(&log).iter().any(|s| running(s.pid)) {
        assert!(
            stopped.elapsed() < TIMEOUT,
            "speech went on after the session"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_signal_mid_speech_leaves_no_child_behind() {
    for (signal_name, code) in [("-TERM", 15), ("-INT", 2), ("-HUP", 1), ("-KILL", 9)] {
        let d = voice_dirs("");
        let (log, config) = fake_speech(d.config.parent().unwrap(), "30");
        std::fs::write(d.config.join("config.toml"), config).unwrap();
        let mut pty = Pty::spawn(&d, 24, 80);
        start_voice_session(&mut pty);
        // The intro is being said during the get-ready count.
        let start = Instant::now();
        while !said(&log).first().is_some_and(|s| running(s.pid)) {
            assert!(start.elapsed() < TIMEOUT, "no speech: {:?}", said(&log));
            std::thread::sleep(Duration::from_millis(5));
        }
        signal(&pty, signal_name);
        let exit = pty.wait_exit();
        if code != 9 {
            assert_eq!(exit, 128 + code, "{signal_name}");
            pty.wait(terminal_restored, "terminal restored");
        }
        // SIGKILL runs no code of the app: the kernel ends the child (Linux), just after.
        let gone = Instant::now();
        while said(&log).iter().any(|s| running(s.pid)) {
            assert!(
                gone.elapsed() < Duration::from_secs(2),
                "{signal_name}: a speech child outlived the app: {:?}",
                said(&log)
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

#[test]
fn v_turns_the_voice_off_and_on_and_help_lists_it() {
    let d = voice_dirs("");
    let (log, config) = fake_speech(d.config.parent().unwrap(), "0");
    std::fs::write(d.config.join("config.toml"), config).unwrap();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_voice_session(&mut pty);
    pty.wait_text("voice on");
    pty.send("v");
    pty.wait_text("voice off");
    pty.wait_text("Voice off: no spoken cues");
    let before = said(&log).len();
    pty.wait(|s| s.contents().contains("PAIN NOW?"), "the first rating");
    assert_eq!(said(&log).len(), before, "nothing said while off");
    pty.send("v");
    pty.wait_text("voice on");
    pty.send("?");
    pty.wait_text("turn the voice on or off");
    pty.send(ESC);
    pty.wait_gone("turn the voice on or off");
    pty.send("2");
    pty.wait_text("SWITCH SIDES");
    let start = Instant::now();
    while !said(&log)
        .iter()
        .any(|s| s.words.starts_with("switch sides"))
    {
        assert!(start.elapsed() < TIMEOUT, "{:?}", said(&log));
        std::thread::sleep(Duration::from_millis(5));
    }
    pty.send("\x03");
    pty.send("y");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn without_a_speech_program_the_footer_says_so_once_and_the_bell_stays() {
    let d = voice_dirs(
        "get_ready_seconds = 1\nvoice = \"on\"\nspeech_command = [\"no-such-speech-program\"]\n",
    );
    let mut pty = Pty::spawn(&d, 24, 80);
    start_voice_session(&mut pty);
    pty.wait_text("\"no-such-speech-program\" was not found; the bell stays");
    pty.wait_text("voice off");
    pty.send("v");
    pty.wait_text("No speech program found");
    pty.wait(|s| s.contents().contains("PAIN NOW?"), "the first rating");
    assert!(pty.bells() > 0, "the bell rang instead");
    pty.send("\x03");
    pty.send("y");
    pty.wait_text("Today's exercises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

// ---- the real program ----

/// A WAV file's length in seconds and its loudest sample (of 32767), for 16-bit PCM.
fn wav_stats(bytes: &[u8]) -> Option<(f64, i32)> {
    let u16_at = |i: usize| Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?));
    let u32_at = |i: usize| Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    if bytes.get(0..4)? != b"RIFF" || bytes.get(8..12)? != b"WAVE" {
        return None;
    }
    let (mut channels, mut rate, mut bits) = (0, 0, 0);
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = bytes.get(at..at + 4)?;
        let size = u32_at(at + 4)? as usize;
        let body = at + 8;
        if id == b"fmt " {
            channels = u16_at(body + 2)?;
            rate = u32_at(body + 4)?;
            bits = u16_at(body + 14)?;
        } else if id == b"data" {
            if bits != 16 || channels == 0 || rate == 0 {
                return None;
            }
            // A program still writing may leave the size unset: read what is there.
            let end = (body + size).min(bytes.len());
            let samples = bytes.get(body..end)?;
            let peak = samples
                .chunks_exact(2)
                .map(|s| i32::from(i16::from_le_bytes([s[0], s[1]])).abs())
                .max()
                .unwrap_or(0);
            let frames = samples.len() / 2 / usize::from(channels);
            return Some((frames as f64 / f64::from(rate), peak));
        }
        at = body + size + size % 2;
    }
    None
}

#[test]
fn espeak_ng_says_every_cue_of_a_session() {
    let Some(espeak) = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("espeak-ng"))
        .find(|p| p.is_file())
    else {
        println!("skipped: espeak-ng is not installed (apt-get install espeak-ng runs this test)");
        return;
    };
    let d = voice_dirs("");
    let wavs = d.config.parent().unwrap().join("wavs");
    std::fs::create_dir_all(&wavs).unwrap();
    // One WAV per call, named by the call's PID, with its words beside it.
    let script = r#"printf '%s' "$2" > "$1/$$.txt"; exec "$0" -w "$1/$$.wav" "$2""#;
    let config = format!(
        "get_ready_seconds = 3\nside_switch_seconds = 2\nvoice = \"on\"\n\
         speech_command = [\"sh\", \"-c\", {script:?}, {:?}, {:?}, \"{{text}}\"]\n",
        espeak.display().to_string(),
        wavs.display().to_string(),
    );
    std::fs::write(d.config.join("config.toml"), config).unwrap();
    let mut pty = Pty::spawn(&d, 24, 80);
    start_voice_session(&mut pty);
    // Time for espeak-ng to write each WAV before the next words cut it short.
    run_session_watching(&mut pty, Duration::from_millis(500));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut heard: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&wavs).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let words = std::fs::read_to_string(&path).unwrap();
        let wav = std::fs::read(path.with_extension("wav")).unwrap_or_default();
        let (seconds, peak) =
            wav_stats(&wav).unwrap_or_else(|| panic!("no readable WAV for \"{words}\""));
        let count = words.split_whitespace().count() as f64;
        println!("{seconds:.2} s, peak {peak}: {words}");
        assert!(peak > 1_000, "\"{words}\" is silent (peak {peak})");
        assert!(
            (0.2..=1.0 + 0.6 * count).contains(&seconds),
            "\"{words}\" lasts {seconds} s"
        );
        heard.push(words);
    }
    let mut expected: Vec<String> = SESSION_WORDS.iter().map(|w| w.to_string()).collect();
    heard.sort();
    expected.sort();
    assert_eq!(heard, expected);
}
