//! The event loop: sleep in `poll` until the next deadline or an input, update, and draw only
//! after something happened. Input EOF or an I/O error on the terminal ends the loop (everything
//! finished is saved), instead of spinning.

use crate::tui::app::{App, Msg, Output};
use crate::tui::terminal::{TerminalGuard, hold_work};
use crate::tui::view;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io::Write;
use std::time::{Duration, Instant};

/// How long to sleep when nothing is scheduled: long, since input wakes the loop anyway.
const IDLE_WAIT: Duration = Duration::from_secs(3600);

pub fn run(guard: &mut TerminalGuard, app: &mut App) -> anyhow::Result<()> {
    let mut title = String::new();
    let mut dirty = true;
    // Set up crossterm's input source (and its SIGWINCH handler) before the first frame, so a
    // resize right after start-up is not lost.
    event::poll(Duration::ZERO)?;
    while !app.quit {
        if dirty {
            let _work = hold_work();
            guard.terminal.draw(|frame| view::render(app, frame))?;
            let now_title = app.title();
            if now_title != title {
                write!(guard.terminal.backend_mut(), "\x1b]2;{now_title}\x07")?;
                guard.terminal.backend_mut().flush()?;
                title = now_title;
            }
            dirty = false;
        }
        let now = Instant::now();
        let wait = app
            .next_deadline()
            .map_or(IDLE_WAIT, |d| d.saturating_duration_since(now));
        let msg = if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
                Event::Resize(_, _) => Some(Msg::Resize),
                _ => None,
            }
        } else {
            Some(Msg::Tick)
        };
        let Some(msg) = msg else { continue };
        let outputs = {
            let _work = hold_work();
            app.update(msg, Instant::now())
        };
        for output in outputs {
            let out = guard.terminal.backend_mut();
            match output {
                Output::Bell => write!(out, "\x07")?,
                // OSC 777 (rxvt, foot, WezTerm) and OSC 9 (iTerm2, Windows Terminal).
                Output::Notify(text) => {
                    write!(out, "\x1b]777;notify;rehab;{text}\x07\x1b]9;{text}\x07")?
                }
                Output::Quit => {}
            }
            out.flush()?;
        }
        dirty = true;
    }
    Ok(())
}
