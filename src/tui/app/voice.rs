//! The voice as the app holds it: on or off (`v` in a session), the program found by the
//! shell, the note said once when there is none, and the announcer that follows the session.

use crate::domain::config::Config;
use crate::domain::session::Session;
use crate::domain::session::voice::{Announcer, VoiceOptions};
use std::time::Instant;

pub struct Voice {
    pub on: bool,
    /// The speech program's name; None when the shell found none.
    pub program: Option<String>,
    /// Why there is no voice, shown once at the first session.
    note: Option<String>,
    announcer: Announcer,
}

impl Voice {
    /// Off with no program, until the shell says what it found (`App::set_voice`).
    pub fn new(config: &Config) -> Voice {
        Voice {
            on: false,
            program: None,
            note: None,
            announcer: Announcer::new(VoiceOptions {
                detail: config.voice_detail,
                time_left_every: config.voice_time_left_seconds,
            }),
        }
    }

    pub fn set(&mut self, program: Option<String>, on: bool, note: Option<String>) {
        self.on = on && program.is_some();
        self.program = program;
        self.note = note;
    }

    /// The note on a missing program, the first time it is asked for.
    pub fn take_note(&mut self) -> Option<String> {
        self.note.take()
    }

    /// `v`: the footer line, and whether speech must stop now.
    pub fn toggle(&mut self) -> (String, bool) {
        let Some(program) = &self.program else {
            return (
                "No speech program found (espeak-ng, spd-say or say; or speech_command in config.toml): the bell stays".to_string(),
                false,
            );
        };
        self.on = !self.on;
        if self.on {
            (
                format!("Voice on: cues are spoken through {program} (v turns it off)"),
                false,
            )
        } else {
            (
                "Voice off: no spoken cues (v turns it on)".to_string(),
                true,
            )
        }
    }

    /// Follow the session: the words to say now, while the voice is on. It follows while off
    /// too, so turning it on says only what comes next.
    pub fn follow(&mut self, session: &Session, now: Instant) -> Option<String> {
        let words = self.announcer.observe(session, now);
        words.filter(|_| self.on)
    }

    pub fn next_deadline(&self, session: &Session, now: Instant) -> Option<Instant> {
        if !self.on {
            return None;
        }
        self.announcer.next_deadline(session, now)
    }

    /// The session ended: the next one is followed from its start.
    pub fn session_ended(&mut self) {
        self.announcer.reset();
    }
}
