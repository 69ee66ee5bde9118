//! The runner screen: insta snapshots of every runner state and dialog at 80×24 and 120×40 on
//! ratatui's TestBackend (countdowns are deterministic: time is a fixed base plus offsets), tiny
//! sizes that must not panic, and the key tables that drive dispatch and the footer.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

mod session_fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rehab_coach::domain::session::{Input, Screen};
use rehab_coach::tui::session_view;
use rehab_coach::tui::theme::Theme;
use session_fixture::{Driver, do_set, plan, rate, reach};
use std::time::Duration;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(d: &Driver, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|f| session_view::render_with(&d.session, d.now, Theme::plain(), f, f.area()))
        .expect("draws");
    terminal
}

fn snap(name: &str, d: &Driver) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(d, w, h).backend());
    }
}

#[test]
fn every_runner_screen_at_both_sizes() {
    for screen in Screen::ALL {
        let d = reach(screen);
        snap(&format!("{screen:?}").to_lowercase(), &d);
    }
}

/// Every runner screen in the body the app gives it at its one minimum size (60×17 less the
/// header and footer): the full layout, never the compact fallback, and nothing cut that matters.
#[test]
fn every_runner_screen_at_the_minimum_size() {
    use rehab_coach::tui::size::MIN_BODY;
    let (w, h) = (MIN_BODY.width, MIN_BODY.height);
    assert_eq!((w, h), (60, 12));
    for screen in Screen::ALL {
        let d = reach(screen);
        let t = draw(&d, w, h);
        insta::assert_snapshot!(
            format!("{}_min_{w}x{h}", format!("{screen:?}").to_lowercase()),
            t.backend()
        );
    }
    // A timed set at the minimum: its count-in, then its countdown.
    let mut d = Driver::new(plan(&[("quick-timed", 1)]));
    insta::assert_snapshot!("timed_get_ready_min", draw(&d, w, h).backend());
    d.wait_out();
    insta::assert_snapshot!("timed_go_min", draw(&d, w, h).backend());
    // A paced rep set part-way: the rep, its phase and the seconds left in it.
    let mut d = Driver::new(plan(&[("quick-reps", 1)]));
    d.wait(Duration::from_secs(4));
    insta::assert_snapshot!("paced_reps_min", draw(&d, w, h).backend());
}

#[test]
fn get_ready_with_cues_avoid_and_figure() {
    let mut d = Driver::quick();
    d.wait(Duration::from_millis(400));
    snap("get_ready", &d);
}

#[test]
fn hold_part_way_with_its_progress_bar() {
    let mut d = Driver::quick();
    d.wait_out();
    d.wait(Duration::from_millis(1200));
    snap("hold", &d);
}

#[test]
fn stretch_after_an_amber_rating() {
    let mut d = Driver::new(plan(&[("quick-reps", 1), ("quick-stretch", 1)]));
    d.wait_out(); // the count-in
    d.press(Input::Confirm);
    rate(&mut d, 4);
    d.wait_out();
    d.wait_out();
    // The amber notice about Quick reps stayed through the rest; the stretch starts clean.
    snap("stretch_after_amber", &d);
}

#[test]
fn jog_part_of_an_interval() {
    let mut d = Driver::new(plan(&[("quick-run", 1)]));
    d.wait_out(); // the count-in
    d.wait_out(); // the walk
    snap("interval_jog", &d);
}

#[test]
fn red_pain_dialog_with_all_three_choices() {
    let mut d = Driver::new(plan(&[("quick-reps", 2), ("quick-hold", 1)]));
    // Rung 2 has one set, so give the easier rung a reason to show: use quick-hold at rung 2.
    let mut hold = Driver::new(plan(&[("quick-hold", 2)]));
    hold.run_to_input();
    rate(&mut hold, 7);
    snap("red_pain_easier_rung", &hold);
    d.wait_out(); // the count-in
    d.press(Input::Confirm);
    d.press(Input::Rate(9));
    snap("red_pain_isometric", &d);
}

#[test]
fn summary_with_skip_red_and_amber() {
    let mut d = Driver::quick();
    do_set(&mut d, 3);
    d.press(Input::Skip);
    d.press(Input::Rate(2));
    d.wait_out(); // the reps' count-in
    d.press(Input::Confirm);
    rate(&mut d, 8);
    d.press(Input::Down); // move on rather than the isometric
    d.press(Input::Confirm);
    d.run_to_input();
    rate(&mut d, 1);
    d.press(Input::Rate(2));
    d.press(Input::Rate(5));
    for c in "left hip sore".chars() {
        d.press(Input::Char(c));
    }
    d.press(Input::Confirm);
    assert_eq!(d.session.screen(), Screen::Summary);
    d.session.set_tomorrow(vec![
        "Quick hold: hold at rung 1 (pain reached 3/10, in the acceptable zone)".into(),
        "Quick reps: step down one rung (pain reached 8/10, above the ceiling of 5)".into(),
    ]);
    snap("summary_mixed", &d);
}

#[test]
fn a_summary_longer_than_the_screen_scrolls_to_its_end_and_back() {
    let mut d = reach(Screen::Summary);
    d.session.set_tomorrow(
        (1..=14)
            .map(|n| {
                format!(
                    "· Exercise {n}: stays at rung 2 (3 × 10, rest 1 min): pain reached 4/10 yesterday, in the acceptable zone"
                )
            })
            .collect(),
    );
    let (w, h) = (80, 24);
    let top = draw(&d, w, h);
    insta::assert_snapshot!("summary_long_top_80x24", top.backend());
    for _ in 0..60 {
        d.press(Input::Down);
    }
    let end = draw(&d, w, h);
    insta::assert_snapshot!("summary_long_end_80x24", end.backend());
    // At its last row the summary stops: no "more" below, the closing line shown.
    let text = format!("{:?}", end.backend());
    assert!(!text.contains("↓ more") && text.contains("Everything is saved"));
    for _ in 0..60 {
        d.press(Input::Up);
    }
    assert_eq!(
        format!("{:?}", draw(&d, w, h).backend()),
        format!("{:?}", top.backend())
    );
    assert_eq!(
        d.session.screen(),
        Screen::Summary,
        "scrolling does not close it"
    );
}

#[test]
fn tiny_sizes_never_panic() {
    for screen in Screen::ALL {
        let d = reach(screen);
        for (w, h) in [(0, 0), (1, 1), (20, 5), (39, 11), (40, 12)] {
            draw(&d, w, h);
        }
    }
    let d = reach(Screen::Countdown);
    insta::assert_snapshot!("countdown_20x5", draw(&d, 20, 5).backend());
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn keys_map_through_the_screen_tables() {
    use session_view::input_for;
    assert_eq!(
        input_for(Screen::RatePain, &key(KeyCode::Char('7'))),
        Some(Input::Rate(7))
    );
    assert_eq!(
        input_for(Screen::RatePain, &key(KeyCode::Char('t'))),
        Some(Input::Rate(10))
    );
    assert_eq!(
        input_for(Screen::RateEffort, &key(KeyCode::Char('!'))),
        Some(Input::Rate(10))
    );
    assert_eq!(
        input_for(Screen::Countdown, &key(KeyCode::Char(' '))),
        Some(Input::Pause)
    );
    assert_eq!(
        input_for(Screen::Rest, &key(KeyCode::Char('+'))),
        Some(Input::Extend)
    );
    assert_eq!(
        input_for(Screen::Rest, &key(KeyCode::Right)),
        Some(Input::CutShort)
    );
    assert_eq!(
        input_for(Screen::RedPain, &key(KeyCode::Char('j'))),
        Some(Input::Down)
    );
    assert_eq!(
        input_for(Screen::SkipReason, &key(KeyCode::Up)),
        Some(Input::Up)
    );
    // q quits (with a confirm), but is a letter in the note; Ctrl-C quits everywhere.
    assert_eq!(
        input_for(Screen::Countdown, &key(KeyCode::Char('q'))),
        Some(Input::Quit)
    );
    assert_eq!(
        input_for(Screen::EndNote, &key(KeyCode::Char('q'))),
        Some(Input::Char('q'))
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(input_for(Screen::EndNote, &ctrl_c), Some(Input::Quit));
    assert_eq!(input_for(Screen::Reps, &ctrl_c), Some(Input::Quit));
    assert_eq!(
        input_for(Screen::QuitConfirm, &ctrl_c),
        Some(Input::Confirm)
    );
    // Only presses count.
    let mut release = key(KeyCode::Char('p'));
    release.kind = KeyEventKind::Release;
    assert_eq!(input_for(Screen::Countdown, &release), None);
    assert_eq!(input_for(Screen::Countdown, &key(KeyCode::Char('z'))), None);
}

#[test]
fn handle_key_applies_the_mapped_input() {
    let mut d = reach(Screen::RatePain);
    let effects = session_view::handle_key(&mut d.session, &key(KeyCode::Char('3')), d.now);
    assert!(effects.is_empty());
    assert_eq!(d.session.screen(), Screen::RateEffort);
}

#[test]
fn footer_and_help_come_from_the_same_table() {
    let d = reach(Screen::Rest);
    assert_eq!(
        session_view::footer(&d.session),
        "+/= more rest · - less rest · n/→/Enter next · Space/p pause · s skip · u undo · q/Ctrl-C quit"
    );
    // The screens of the work itself keep their footer (with the shell's "? help") on one
    // row of an 80-column terminal.
    for screen in [Screen::Countdown, Screen::Reps, Screen::GetReady] {
        let footer = format!("{} · ? help", session_view::footer(&reach(screen).session));
        assert!(footer.chars().count() <= 80, "{screen:?}: {footer}");
    }
    let help = session_view::help_rows(&d.session);
    assert!(help.iter().any(|(k, h)| k == "b" && h.contains("bell")));
    for screen in Screen::ALL {
        if screen != Screen::Ended {
            let d = reach(screen);
            assert!(
                !session_view::footer(&d.session).is_empty(),
                "{screen:?} has hints"
            );
        }
    }
    let d = reach(Screen::EndNote);
    assert!(session_view::footer(&d.session).starts_with("type a note"));
}

/// The runner's share of an 80×24 terminal (header, blank line and a two-line footer around it).
const APP_SESSION_AREA: (u16, u16) = (80, 20);

/// Every exercise of every built-in programme, at every rung, in the runner at 80×24: the set
/// number stays in the title and every avoid item is on screen (cues may be cut, never these).
#[test]
fn every_built_in_exercise_shows_its_set_and_whole_avoid_list_at_80x24() {
    use rehab_coach::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
    use rehab_coach::domain::records::RecordId;
    use rehab_coach::domain::session::{Session, SessionOptions};
    use rehab_coach::store::programme_files::builtin_catalogue;

    let (width, height) = APP_SESSION_AREA;
    for entry in builtin_catalogue().entries {
        let programme = entry.programme;
        for exercise in &programme.exercises {
            for (index, dose) in exercise.rungs.iter().enumerate() {
                let plan = PlanSnapshot {
                    programme: programme.id.as_str().into(),
                    phase: programme.phases[0].id.as_str().into(),
                    decision: Decision::Hold,
                    reasons: vec![],
                    deload: false,
                    exercises: vec![SnapshotExercise {
                        exercise: exercise.id.as_str().into(),
                        rung: index as u32 + 1,
                        dose: dose.clone(),
                        decision: Decision::Hold,
                        reasons: vec![],
                    }],
                };
                let now = std::time::Instant::now();
                let session = Session::new(
                    RecordId("dev-000001".into()),
                    plan,
                    &programme,
                    SessionOptions::default(),
                    now,
                );
                let mut terminal =
                    Terminal::new(TestBackend::new(width, height)).expect("test backend");
                terminal
                    .draw(|f| session_view::render_with(&session, now, Theme::plain(), f, f.area()))
                    .expect("draws");
                let screen = format!("{}", terminal.backend());
                let case = format!("{} rung {}:\n{screen}", exercise.id, index + 1);
                assert!(screen.contains("set 1 of "), "set number hidden in {case}");
                for item in &exercise.avoid {
                    let first_word = item.split_whitespace().next().unwrap_or_default();
                    assert!(
                        screen.contains(&format!("✗ {first_word}")),
                        "avoid item {item:?} not shown in {case}"
                    );
                }
            }
        }
    }
}

/// The foreground colours used on a runner screen drawn in `theme`.
fn colours(d: &Driver, theme: Theme) -> Vec<ratatui::style::Color> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal
        .draw(|f| session_view::render_with(&d.session, d.now, theme, f, f.area()))
        .expect("draws");
    let mut fg: Vec<_> = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.fg)
        .collect();
    fg.sort_by_key(|c| format!("{c:?}"));
    fg.dedup();
    fg
}

#[test]
fn the_session_screen_takes_the_app_theme() {
    use ratatui::style::Color;
    // The pain scale shows all three zones; the heading is in the accent colour.
    let d = reach(Screen::RatePain);
    let light = colours(
        &d,
        Theme {
            color: true,
            light: true,
        },
    );
    for wanted in [28, 130, 124, 25] {
        assert!(light.contains(&Color::Indexed(wanted)), "{light:?}");
    }
    for faint_on_white in [Color::Yellow, Color::Cyan, Color::Green, Color::Red] {
        assert!(!light.contains(&faint_on_white), "{light:?}");
    }
    let dark = colours(
        &d,
        Theme {
            color: true,
            light: false,
        },
    );
    for wanted in [Color::Green, Color::Yellow, Color::Red, Color::Cyan] {
        assert!(dark.contains(&wanted), "{dark:?}");
    }
    // NO_COLOR: no colour at all.
    assert_eq!(colours(&d, Theme::plain()), vec![Color::Reset]);
}
