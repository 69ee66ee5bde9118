//! Spoken cues, the shell side: finds the speech program and runs it as a child process that
//! never blocks the timer and never outlives the app. What to say and when is decided in
//! `domain::session::voice`; this only speaks.
//!
//! One thread ("speech") owns the children: the event loop hands it words and goes straight on,
//! so neither the countdown display nor the journal waits for a program to start. New words
//! first stop the child still speaking, by its PID (each child leads its own process group, so
//! a wrapper script's own children stop with it). Exit paths that skip `Drop` (termination
//! signals, the hang-up watcher, a panic) call `stop_for_exit`, which kills the child speaking
//! and lets no new one start; on Linux a child is also killed by the kernel when the app dies
//! of SIGKILL. Nothing is sent over the network and no audio is kept: the program speaks and
//! exits.

use crate::domain::config::{Config, VoiceMode};
use crate::domain::text::speakable;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Mutex, PoisonError, TryLockError};
use std::thread::JoinHandle;
use std::time::Duration;

/// Stands for the words in a speech command.
pub const TEXT: &str = "{text}";

/// The programs looked for, in order, when config gives no `speech_command`.
#[cfg(target_os = "macos")]
const KNOWN: &[&[&str]] = &[&["say", TEXT]];
/// `spd-say -w` waits until the words are spoken, so the child lives as long as the speech.
#[cfg(not(target_os = "macos"))]
const KNOWN: &[&[&str]] = &[&["espeak-ng", TEXT], &["spd-say", "-w", TEXT]];

/// While a child speaks, the speech thread looks this often whether it has finished, to reap
/// it; with nothing speaking it sleeps until it is given words.
const REAP_EVERY: Duration = Duration::from_millis(100);

/// A speech program and its arguments, `{text}` standing for the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechProgram {
    argv: Vec<String>,
}

impl SpeechProgram {
    /// The configured command when there is one (its program must be found), else the first
    /// known program on `path` (the `PATH` variable).
    pub fn find(configured: &[String], path: Option<&OsStr>) -> Result<SpeechProgram, String> {
        if let Some(program) = configured.first() {
            return match find_program(program, path) {
                Some(_) => Ok(SpeechProgram {
                    argv: configured.to_vec(),
                }),
                None => Err(format!(
                    "speech_command: \"{}\" was not found; the bell stays",
                    speakable(program)
                )),
            };
        }
        KNOWN
            .iter()
            .find(|argv| find_program(argv[0], path).is_some())
            .map(|argv| SpeechProgram {
                argv: argv.iter().map(|a| a.to_string()).collect(),
            })
            .ok_or_else(|| {
                format!(
                    "No speech program found ({}, or speech_command in config.toml); the bell stays",
                    KNOWN
                        .iter()
                        .map(|argv| argv[0])
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }

    /// The program's name, for messages ("espeak-ng", also when configured by its path).
    pub fn name(&self) -> String {
        let program = self.argv.first().map_or("", String::as_str);
        let name = Path::new(program)
            .file_name()
            .map_or(program.into(), |n| n.to_string_lossy());
        speakable(&name)
    }

    /// The command line that says `words`: control characters taken out and no leading `-`,
    /// put where `{text}` stands (or last, when no argument holds it). None for no words.
    pub fn argv_for(&self, words: &str) -> Option<Vec<String>> {
        let words = speakable(words);
        if words.is_empty() || self.argv.is_empty() {
            return None;
        }
        let mut argv: Vec<String> = self.argv.iter().map(|a| a.replace(TEXT, &words)).collect();
        if !self.argv.iter().skip(1).any(|a| a.contains(TEXT)) {
            argv.push(words);
        }
        Some(argv)
    }
}

/// `name` as run: a path when it has a `/`, else the first executable of that name on `path`.
fn find_program(name: &str, path: Option<&OsStr>) -> Option<PathBuf> {
    if name.contains('/') {
        return is_executable(Path::new(name)).then(|| PathBuf::from(name));
    }
    std::env::split_paths(path?)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Whether the voice starts on: `auto` when a program is found, the app is the terminal's
/// foreground job, and it is not run over SSH (the sound would play on the far machine).
pub fn starts_on(mode: VoiceMode, found: bool, foreground: bool, over_ssh: bool) -> bool {
    match mode {
        VoiceMode::Off => false,
        VoiceMode::On => found,
        VoiceMode::Auto => found && foreground && !over_ssh,
    }
}

/// What the shell found for the voice at start-up.
pub struct VoiceSetup {
    pub program: Option<SpeechProgram>,
    pub on: bool,
    /// Said once in the footer: why there is no voice.
    pub note: Option<String>,
}

impl VoiceSetup {
    pub fn detect(config: &Config) -> VoiceSetup {
        let found =
            SpeechProgram::find(&config.speech_command, std::env::var_os("PATH").as_deref());
        let over_ssh = ["SSH_CONNECTION", "SSH_TTY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
        let on = starts_on(config.voice, found.is_ok(), in_foreground(), over_ssh);
        match found {
            Ok(program) => VoiceSetup {
                program: Some(program),
                on,
                note: None,
            },
            Err(why) => VoiceSetup {
                program: None,
                on: false,
                note: (config.voice != VoiceMode::Off).then_some(why),
            },
        }
    }
}

/// True when the app is the foreground job of its terminal.
fn in_foreground() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: two queries of process state, no memory shared.
        unsafe { libc::tcgetpgrp(libc::STDIN_FILENO) == libc::getpgrp() }
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The child speaking now, shared with the exit paths.
struct Slot {
    pid: Option<u32>,
    /// The app is exiting: no new child may start.
    closed: bool,
}

static SPEAKING: Mutex<Slot> = Mutex::new(Slot {
    pid: None,
    closed: false,
});

fn slot() -> std::sync::MutexGuard<'static, Slot> {
    SPEAKING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Kill the child speaking now and let none start: for exit paths that skip `Drop`.
pub fn stop_for_exit() {
    close(&mut slot());
}

/// `stop_for_exit` from a panic hook: never waits for the lock (the panicking thread may hold
/// it; on Linux the kernel still ends the child with the app).
pub fn stop_for_exit_now() {
    match SPEAKING.try_lock() {
        Ok(mut guard) => close(&mut guard),
        Err(TryLockError::Poisoned(p)) => close(&mut p.into_inner()),
        Err(TryLockError::WouldBlock) => {}
    }
}

fn close(slot: &mut Slot) {
    slot.closed = true;
    if let Some(pid) = slot.pid.take() {
        kill_group(pid);
    }
}

/// SIGKILL to the child's process group (its PID): the child and anything it started.
fn kill_group(pid: u32) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(pid) {
        // SAFETY: a signal to a process group we created and have not reaped.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = pid;
}

enum Job {
    Say(Vec<String>),
    Hush,
}

/// The speech thread: give it words, it stops what is being said and says them.
pub struct Speaker {
    program: SpeechProgram,
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Speaker {
    pub fn start(program: SpeechProgram) -> std::io::Result<Speaker> {
        let (jobs, rx) = channel();
        let thread = std::thread::Builder::new()
            .name("speech".into())
            .spawn(move || serve(&rx))?;
        Ok(Speaker {
            program,
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    pub fn program(&self) -> &SpeechProgram {
        &self.program
    }

    /// Say `words` now, cutting short anything still being said. Never waits.
    pub fn say(&self, words: &str) {
        if let (Some(jobs), Some(argv)) = (&self.jobs, self.program.argv_for(words)) {
            let _ = jobs.send(Job::Say(argv));
        }
    }

    /// Stop speaking now.
    pub fn hush(&self) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Hush);
        }
    }
}

impl Drop for Speaker {
    /// Stop the child speaking and wait for the thread (it reaps the child first).
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(jobs: &Receiver<Job>) {
    let mut speaking: Option<Child> = None;
    loop {
        let job = match speaking.as_mut() {
            Some(child) => match jobs.recv_timeout(REAP_EVERY) {
                Ok(job) => Some(job),
                Err(RecvTimeoutError::Timeout) => {
                    if finished(child) {
                        speaking = None;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => None,
            },
            None => jobs.recv().ok(),
        };
        // Words given while this thread was busy: only the latest still fit the moment.
        let job = job.map(|first| jobs.try_iter().last().unwrap_or(first));
        if let Some(child) = speaking.take() {
            stop(child);
        }
        match job {
            Some(Job::Say(argv)) => speaking = spawn(&argv),
            Some(Job::Hush) => {}
            None => return,
        }
    }
}

/// Reap `child` if it has exited.
fn finished(child: &mut Child) -> bool {
    let mut slot = slot();
    let done = !matches!(child.try_wait(), Ok(None));
    if done && slot.pid == Some(child.id()) {
        slot.pid = None;
    }
    done
}

/// Kill `child` by its PID (its whole group), then reap it.
fn stop(mut child: Child) {
    {
        let mut slot = slot();
        if slot.pid == Some(child.id()) {
            slot.pid = None;
            kill_group(child.id());
        }
    }
    let _ = child.wait();
}

/// Start the program; None when it cannot start (the bell still rings) or the app is exiting.
fn spawn(argv: &[String]) -> Option<Child> {
    let (program, args) = argv.split_first()?;
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    #[cfg(target_os = "linux")]
    die_with_the_app(&mut command);
    let mut slot = slot();
    if slot.closed {
        return None;
    }
    let child = command.spawn().ok()?;
    slot.pid = Some(child.id());
    Some(child)
}

/// On Linux the kernel sends the child SIGKILL when the thread that started it ends, which
/// covers the app dying of SIGKILL, where no code of the app runs.
#[cfg(target_os = "linux")]
fn die_with_the_app(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: getpid before the fork; in the child only async-signal-safe calls (prctl,
    // getppid) and no allocation.
    unsafe {
        let parent = libc::getpid();
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The app ended between the fork and the prctl: nobody is listening.
            if libc::getppid() != parent {
                return Err(std::io::Error::from_raw_os_error(libc::ESRCH));
            }
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(argv: &[&str]) -> SpeechProgram {
        SpeechProgram {
            argv: argv.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn the_words_go_where_text_stands_or_last_cleaned_of_controls_and_dashes() {
        let espeak = program(&["espeak-ng", "-v", "en-gb", "{text}"]);
        assert_eq!(
            espeak.argv_for("go"),
            Some(vec![
                "espeak-ng".into(),
                "-v".into(),
                "en-gb".into(),
                "go".into()
            ])
        );
        assert_eq!(
            program(&["say"]).argv_for("--help\x1b[2J rest\n60"),
            Some(vec!["say".into(), "help[2J rest 60".into()])
        );
        assert_eq!(
            program(&["sh", "-c", "x \"$1\"", "sh", "said: {text}."]).argv_for("go"),
            Some(vec![
                "sh".into(),
                "-c".into(),
                "x \"$1\"".into(),
                "sh".into(),
                "said: go.".into()
            ])
        );
        assert_eq!(espeak.argv_for(" \x07 "), None);
    }

    /// A directory holding executables of these names, for `PATH`.
    fn bin_dir(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let path = dir.path().join(name);
            std::fs::write(&path, "#!/bin/sh\n").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
        }
        dir
    }

    #[cfg(not(target_os = "macos"))]
    #[test]
    fn espeak_ng_comes_first_then_spd_say_then_nothing() {
        let both = bin_dir(&["spd-say", "espeak-ng"]);
        let found = SpeechProgram::find(&[], Some(both.path().as_os_str()));
        assert_eq!(
            found.map(|p| p.argv),
            Ok(vec!["espeak-ng".into(), TEXT.into()])
        );
        let spd = bin_dir(&["spd-say"]);
        let found = SpeechProgram::find(&[], Some(spd.path().as_os_str()));
        assert_eq!(
            found.map(|p| p.argv),
            Ok(vec!["spd-say".into(), "-w".into(), TEXT.into()])
        );
        let none = bin_dir(&[]);
        let why = SpeechProgram::find(&[], Some(none.path().as_os_str())).unwrap_err();
        assert!(why.contains("espeak-ng, spd-say"), "{why}");
        assert!(why.contains("the bell stays"), "{why}");
    }

    #[test]
    fn a_configured_command_is_used_as_given_when_its_program_exists() {
        let dir = bin_dir(&["my-tts"]);
        let path = Some(dir.path().as_os_str());
        let argv = vec!["my-tts".to_string(), "--fast".into(), TEXT.into()];
        assert_eq!(SpeechProgram::find(&argv, path).map(|p| p.argv), Ok(argv));
        let missing = vec!["no-such-tts\x1b]2;x".to_string()];
        let why = SpeechProgram::find(&missing, path).unwrap_err();
        assert!(why.contains("\"no-such-tts]2;x\" was not found"), "{why}");
        let by_path = vec![dir.path().join("my-tts").display().to_string()];
        assert!(SpeechProgram::find(&by_path, None).is_ok());
    }

    #[test]
    fn auto_needs_a_program_the_foreground_and_no_ssh() {
        use VoiceMode::{Auto, Off, On};
        assert!(starts_on(Auto, true, true, false));
        assert!(!starts_on(Auto, false, true, false));
        assert!(!starts_on(Auto, true, false, false));
        assert!(!starts_on(Auto, true, true, true));
        assert!(starts_on(On, true, false, true));
        assert!(!starts_on(On, false, true, false));
        assert!(!starts_on(Off, true, true, false));
    }

    /// The PIDs the fake program wrote, once there are `n`.
    #[cfg(unix)]
    fn pids(file: &Path, n: usize) -> Vec<i32> {
        let start = std::time::Instant::now();
        loop {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let pids: Vec<i32> = text.lines().filter_map(|l| l.parse().ok()).collect();
            if pids.len() >= n {
                return pids;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{text:?}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[cfg(unix)]
    fn alive(pid: i32) -> bool {
        // SAFETY: signal 0 only checks that the process exists.
        unsafe { libc::kill(pid, 0) == 0 }
    }

    #[cfg(unix)]
    #[test]
    fn new_words_stop_the_old_child_and_dropping_the_speaker_stops_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pids");
        let script = format!("echo $$ >> '{}'; exec sleep 30", file.display());
        let speaker = Speaker::start(program(&["sh", "-c", &script, "sh", TEXT])).unwrap();
        speaker.say("one");
        let first = pids(&file, 1)[0];
        speaker.say("two");
        let second = pids(&file, 2)[1];
        let start = std::time::Instant::now();
        while alive(first) {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "the first child still speaks"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(alive(second));
        drop(speaker);
        assert!(!alive(second), "the last child outlived the speaker");
    }
}
