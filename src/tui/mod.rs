//! The full-screen coach: first run, Today, the session runner and history, in the Elm shape
//! (`app`: state and update; `view`: pure render; `event_loop` + `terminal`: the shell).

pub mod app;
pub mod clock;
pub mod components;
pub mod cues;
pub mod event_loop;
pub mod footer;
pub mod history;
pub mod keymap;
pub mod screens;
pub mod session_view;
pub mod size;
pub mod speech;
pub mod terminal;
pub mod theme;
pub mod view;

use crate::store::Context;
use crate::store::programme_files::load_catalogue;
use std::process::ExitCode;
use std::time::Instant;

/// Open the full-screen coach on the real terminal.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let loaded = crate::store::config::load(&ctx.config_file());
    let catalogue = load_catalogue(&ctx.programmes_dir());
    let mut journal = crate::app::journal::FileJournal::open(ctx, None)?;
    let imported = crate::store::config::runs_folder(&loaded.config).and_then(|folder| {
        crate::app::import_runs::import_folder_on_open(
            &mut journal,
            &folder,
            &loaded.config.runs_folder,
            ctx.today,
            loaded.config.units,
        )
    });
    let mut guard = terminal::TerminalGuard::enter()?;
    let voice = speech::VoiceSetup::detect(&loaded.config);
    let speaker = voice
        .program
        .and_then(|program| speech::Speaker::start(program).ok());
    let theme = theme::Theme::from_env(loaded.config.theme);
    let mut app = app::App::new(
        Box::new(journal),
        catalogue,
        loaded.config,
        ctx.today,
        theme,
        Instant::now(),
    );
    if let Some(warning) = loaded.warnings.first() {
        app.message.get_or_insert_with(|| warning.clone());
    }
    if let Some(imported) = imported {
        app.message.get_or_insert(imported);
    }
    app.set_voice(
        speaker.as_ref().map(|s| s.program().name()),
        voice.on && speaker.is_some(),
        voice.note,
    );
    // A `--date` pins the day; otherwise the app follows the local calendar across midnight.
    let clock = clock::SystemClock {
        pinned: ctx.date_given.then_some(ctx.today),
    };
    let result = event_loop::run(&mut guard, &mut app, &clock, speaker.as_ref());
    // Stops the speech still going before the terminal is given back.
    drop(speaker);
    drop(guard);
    result.map_err(|e| {
        anyhow::anyhow!("the terminal stopped answering ({e}); everything finished was saved")
    })?;
    Ok(ExitCode::SUCCESS)
}
