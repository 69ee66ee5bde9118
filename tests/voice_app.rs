//! The voice inside the app: words come out as `Output::Say` the moment a step starts, `v`
//! turns them off and on (header and footer say which), the end of a session hushes them, the
//! voice's deadlines wake the loop, and a missing program is said once.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rehab_coach::app::journal::{Journal, MemoryJournal};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::config::Config;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::RecordBody;
use rehab_coach::domain::red_flags::RED_FLAGS;
use rehab_coach::tui::app::{App, Msg, Output, Screen};
use rehab_coach::tui::theme::Theme;
use rehab_coach::tui::view;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

/// The quick programme chosen today, this morning's check-in done: Today offers the session.
fn app(config: Config) -> App {
    let quick = parse_programme(include_str!("fixtures/quick.toml")).unwrap();
    let catalogue = Catalogue {
        entries: vec![CatalogueEntry {
            programme: quick,
            origin: Origin::Builtin,
        }],
        ..Default::default()
    };
    let mut journal = MemoryJournal::default();
    journal
        .append(
            today(),
            RecordBody::ProgrammeChosen {
                programme: "quick-test".into(),
                start: today(),
            },
        )
        .unwrap();
    journal
        .append(
            today(),
            RecordBody::CheckIn {
                pain: Some(Rating::new(2).unwrap()),
                stiffness: Some(Rating::new(2).unwrap()),
                load_test: None,
                red_flags: RED_FLAGS
                    .iter()
                    .map(|f| (f.id.to_string(), false))
                    .collect(),
            },
        )
        .unwrap();
    App::new(
        Box::new(journal),
        catalogue,
        config,
        today(),
        Theme::plain(),
        Instant::now(),
    )
}

fn press(app: &mut App, code: KeyCode) -> Vec<Output> {
    let now = app.now;
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now)
}

fn header(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buffer = t.backend().buffer();
    (0..80).map(|x| buffer[(x, 0)].symbol()).collect()
}

fn said(out: &[Output]) -> Vec<&str> {
    out.iter()
        .filter_map(|o| match o {
            Output::Say(words) => Some(words.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn words_come_out_as_steps_start_and_v_turns_them_off_and_on() {
    let mut app = app(Config::default());
    app.set_voice(Some("espeak-ng".into()), true, None);
    assert!(!header(&app).contains("voice"), "only a session shows it");
    let out = press(&mut app, KeyCode::Char('s'));
    assert!(matches!(app.screen, Screen::Session(_)));
    assert_eq!(said(&out), ["Quick hold, left side, 2 sets of 2 seconds"]);
    assert!(
        header(&app).contains("bell on · voice on"),
        "{}",
        header(&app)
    );

    // The get-ready's end is a deadline of the runner; at it the app says "go", first.
    let deadline = app.next_deadline().unwrap();
    let get_ready_end = app.now + Duration::from_secs(3);
    let mut at = deadline;
    let mut out = Vec::new();
    while at < get_ready_end {
        out.extend(app.update(Msg::Tick, at));
        at = app.next_deadline().unwrap();
    }
    let out_at_go = app.update(Msg::Tick, at);
    assert!(
        said(&out).is_empty(),
        "the count waits for the intro: {out:?}"
    );
    assert_eq!(out_at_go.first(), Some(&Output::Say("go".into())));

    let out = press(&mut app, KeyCode::Char('v'));
    assert_eq!(out, [Output::Hush]);
    assert!(header(&app).contains("voice off"));
    assert_eq!(
        app.message.as_deref(),
        Some("Voice off: no spoken cues (v turns it on)")
    );
    // Off: the hold ends with no words, and no deadline of the voice's own.
    let end = app.next_deadline().unwrap() + Duration::from_secs(2);
    let out = app.update(Msg::Tick, end);
    assert!(said(&out).is_empty(), "{out:?}");
    let out = press(&mut app, KeyCode::Char('v'));
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(
        app.message.as_deref(),
        Some("Voice on: cues are spoken through espeak-ng (v turns it off)")
    );
    // Back on: the next moment is said.
    press(&mut app, KeyCode::Char('2'));
    let out = press(&mut app, KeyCode::Enter);
    assert_eq!(said(&out), ["switch sides, right side"]);
    // Stopping the session hushes what is being said.
    press(&mut app, KeyCode::Char('q'));
    let out = press(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.screen, Screen::Today(_)));
    assert_eq!(out, [Output::Hush]);
}

#[test]
fn without_a_program_the_footer_says_so_once_and_v_explains() {
    let mut app = app(Config::default());
    let why = "No speech program found (espeak-ng, spd-say, or speech_command in config.toml); the bell stays";
    app.set_voice(None, true, Some(why.into()));
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.message.as_deref(), Some(why));
    assert!(header(&app).contains("voice off"));
    let out = press(&mut app, KeyCode::Char('v'));
    assert!(out.is_empty(), "{out:?}");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("No speech program found")
    );
    // Once: the next session starts without it.
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('y'));
    app.message = None;
    press(&mut app, KeyCode::Char('s'));
    assert!(matches!(app.screen, Screen::Session(_)));
    assert_eq!(app.message, None);
}
