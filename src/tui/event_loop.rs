//! The event loop: sleep in `poll` until the next deadline (a running timer's next second, local
//! midnight) or an input, update with the clock's instant and day, and draw only after something
//! changed. Input EOF or an I/O error on the terminal ends the loop (everything finished is
//! saved), instead of spinning.

use crate::domain::text::printable_line;
use crate::tui::app::{App, Msg, Output};
use crate::tui::clock::{self, Clock};
use crate::tui::cues;
use crate::tui::speech::Speaker;
use crate::tui::terminal::{TerminalGuard, hold_work};
use crate::tui::view;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::SetTitle;
use std::io::Write;
use std::time::Duration;

/// How long to sleep when nothing is scheduled: long, since input wakes the loop anyway.
const IDLE_WAIT: Duration = Duration::from_secs(3600);

pub fn run(
    guard: &mut TerminalGuard,
    app: &mut App,
    clock: &dyn Clock,
    speaker: Option<&Speaker>,
) -> anyhow::Result<()> {
    let mut title = String::new();
    let mut dirty = true;
    // Inside tmux, notifications need its passthrough to reach the outer terminal.
    let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    // Set up crossterm's input source (and its SIGWINCH handler) before the first frame, so a
    // resize right after start-up is not lost.
    event::poll(Duration::ZERO)?;
    while !app.quit {
        if dirty {
            let _work = hold_work();
            guard.terminal.draw(|frame| view::render(app, frame))?;
            let now_title = app.title();
            if now_title != title {
                // The title holds programme and exercise names from files: no control characters.
                execute!(
                    guard.terminal.backend_mut(),
                    SetTitle(printable_line(&now_title))
                )?;
                guard.terminal.backend_mut().flush()?;
                title = now_title;
            }
            dirty = false;
        }
        let wait = clock::wait(
            clock.instant(),
            app.next_deadline(),
            clock.until_next_day(),
            IDLE_WAIT,
        );
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
            app.update_at(msg, clock.instant(), clock.today())
        };
        for output in outputs {
            let out = guard.terminal.backend_mut();
            match output {
                // Handed to the speech thread: nothing here waits for the program.
                Output::Say(words) => {
                    if let Some(speaker) = speaker {
                        speaker.say(&words);
                    }
                }
                Output::Hush => {
                    if let Some(speaker) = speaker {
                        speaker.hush();
                    }
                }
                Output::Bell => write!(out, "{}", cues::BELL)?,
                Output::Go => write!(out, "{}", cues::GO)?,
                Output::Notify(text) => write!(
                    out,
                    "{}",
                    cues::notification(&printable_line(&text), in_tmux)
                )?,
                Output::Quit => {}
            }
            out.flush()?;
        }
        // A tick that only woke the loop (no second passed on screen, same day) draws nothing.
        dirty = app.take_changed();
    }
    Ok(())
}
