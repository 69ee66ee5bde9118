//! Snapshots of every history view on the sample journal (90 days), an empty journal and a
//! single day, at 80×24 and 120×40; tiny sizes must not panic; edits come out as records.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{Days, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::history::History;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::{RecordBody, Side};
use rehab_coach::export::sample;
use rehab_coach::store::journal_line::apply_fields;
use rehab_coach::tui::history::{HistoryOutcome, HistoryScreen, View};

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

fn catalogue() -> Catalogue {
    Catalogue {
        entries: vec![CatalogueEntry {
            programme: parse_programme(include_str!("fixtures/quick.toml")).unwrap(),
            origin: Origin::Builtin,
        }],
        ..Catalogue::default()
    }
}

/// (name, history, today) for the three journals.
fn journals() -> Vec<(&'static str, History, NaiveDate)> {
    [("90_days", 90u32), ("empty", 0), ("single_day", 1)]
        .into_iter()
        .map(|(name, days)| {
            let today = start() + Days::new(u64::from(days.max(1) - 1));
            (
                name,
                History::replay(sample::journal(start(), days), apply_fields),
                today,
            )
        })
        .collect()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(screen: &mut HistoryScreen, code: KeyCode) -> HistoryOutcome {
    screen.handle_key(&key(code))
}

fn draw(screen: &HistoryScreen, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| screen.render(frame, frame.area()))
        .unwrap();
    terminal
}

#[test]
fn every_view_of_every_journal_at_both_sizes() {
    for (name, history, today) in journals() {
        let mut screen = HistoryScreen::new(&history, &catalogue(), today);
        for view in View::ALL {
            assert_eq!(screen.view(), view);
            for (w, h) in [(80, 24), (120, 40)] {
                let terminal = draw(&screen, w, h);
                insta::assert_snapshot!(
                    format!("{name}_{}_{w}x{h}", view.title().to_lowercase()),
                    terminal.backend()
                );
            }
            press(&mut screen, KeyCode::Tab);
        }
    }
}

#[test]
fn pain_chart_ranges_and_sides() {
    let (_, history, today) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    press(&mut screen, KeyCode::Char('r'));
    insta::assert_snapshot!("90_days_pain_3_months", draw(&screen, 120, 40).backend());
    press(&mut screen, KeyCode::Char('r'));
    press(&mut screen, KeyCode::Char('s'));
    insta::assert_snapshot!("90_days_pain_all_sides", draw(&screen, 120, 40).backend());
}

#[test]
fn opened_session_shows_its_sets() {
    let (_, history, today) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    press(&mut screen, KeyCode::Tab);
    press(&mut screen, KeyCode::Tab);
    press(&mut screen, KeyCode::Enter);
    insta::assert_snapshot!("90_days_session_sets", draw(&screen, 80, 24).backend());
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (_, history, today) in journals() {
        let mut screen = HistoryScreen::new(&history, &catalogue(), today);
        for _ in View::ALL {
            for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10), (41, 11)] {
                draw(&screen, w, h);
            }
            press(&mut screen, KeyCode::Tab);
        }
        press(&mut screen, KeyCode::Tab);
        press(&mut screen, KeyCode::Tab);
        press(&mut screen, KeyCode::Enter);
        for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10)] {
            draw(&screen, w, h);
        }
    }
}

#[test]
fn editing_a_morning_rating_appends_a_correction_and_refresh_shows_it() {
    let (_, history, today) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    press(&mut screen, KeyCode::Up);
    let day = today.pred_opt().unwrap();
    assert_eq!(press(&mut screen, KeyCode::Char('e')), HistoryOutcome::None);
    press(&mut screen, KeyCode::Char('7'));
    let HistoryOutcome::Append(records) = press(&mut screen, KeyCode::Enter) else {
        panic!("Enter saves")
    };
    assert_eq!(records.len(), 1);
    let (date, body) = records[0].clone();
    assert_eq!(date, day);
    let RecordBody::Correction { target, fields, .. } = &body else {
        panic!("an edit is a correction")
    };
    assert_eq!(fields["pain"], 7);
    assert_eq!(Some(target), history.checkins[&day].ids.last());

    // The shell appends it and refreshes: the chart's day line shows the new value.
    let mut records = sample::journal(start(), 90);
    let mut correction = records.last().unwrap().clone();
    correction.id = rehab_coach::domain::records::RecordId("test-fix".into());
    correction.date = date;
    correction.body = body;
    records.push(correction);
    screen.refresh(&History::replay(records, apply_fields), &catalogue());
    let text = draw(&screen, 120, 40).backend().to_string();
    assert!(text.contains("morning 7 ■"), "{text}");
}

#[test]
fn backfilling_asks_pain_during_and_after_then_hands_over_a_session() {
    let (_, history, today) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    // The sample rests one day a week: the latest such day has no session to repeat yet.
    let rest_day = (0..7)
        .map(|n| today - Days::new(n))
        .find(|d| !history.sessions.iter().any(|s| s.date == *d))
        .unwrap();
    for _ in 0..(today - rest_day).num_days() {
        press(&mut screen, KeyCode::Up);
    }
    press(&mut screen, KeyCode::Char('a'));
    press(&mut screen, KeyCode::Char('s'));
    press(&mut screen, KeyCode::Char('3'));
    assert_eq!(press(&mut screen, KeyCode::Enter), HistoryOutcome::None);
    press(&mut screen, KeyCode::Char('2'));
    let HistoryOutcome::AppendSession(backfill) = press(&mut screen, KeyCode::Enter) else {
        panic!("the second answer saves the session")
    };
    assert_eq!(backfill.date, rest_day);
    assert_eq!(backfill.started.kind(), "session_started");
    let catalogue = catalogue();
    let rest = backfill.rest(
        rehab_coach::domain::records::RecordId("x-9".into()),
        catalogue.get(backfill.programme()),
    );
    assert!(
        rest.iter()
            .any(|b| matches!(b, RecordBody::SetDone { pain, .. } if pain.value() == 3))
    );
    // The hold is done on each side, as the programme says: both sides are recorded.
    for side in [Side::Left, Side::Right] {
        assert!(
            rest.iter().any(|b| matches!(
                b,
                RecordBody::SetDone { exercise, side: Some(s), .. } if exercise == "quick-hold" && *s == side
            )),
            "{side:?}"
        );
    }
}

#[test]
fn keys_leave_and_footer_names_them() {
    let (_, history, today) = journals().remove(2);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    assert!(screen.footer().contains("r range"));
    assert!(!screen.help_rows().is_empty());
    assert_eq!(press(&mut screen, KeyCode::Esc), HistoryOutcome::Close);
}

#[test]
fn help_lists_only_the_keys_of_what_is_on_screen() {
    let (_, history, today) = journals().remove(2);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    let helps = |s: &HistoryScreen| {
        s.help_rows()
            .into_iter()
            .map(|(_, h)| h)
            .collect::<Vec<_>>()
    };
    let browsing = helps(&screen);
    assert!(browsing.contains(&"leave history"), "{browsing:?}");
    assert!(!browsing.contains(&"add nothing"), "{browsing:?}");
    press(&mut screen, KeyCode::Char('a'));
    let adding = helps(&screen);
    assert!(adding.contains(&"add nothing"), "{adding:?}");
    assert!(!adding.contains(&"leave history"), "{adding:?}");
}

#[test]
fn fixing_a_set_keeps_the_session_open_and_targets_that_set() {
    let (_, history, today) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    press(&mut screen, KeyCode::Tab);
    press(&mut screen, KeyCode::Tab);
    press(&mut screen, KeyCode::Enter);
    press(&mut screen, KeyCode::Down);
    press(&mut screen, KeyCode::Char('e'));
    press(&mut screen, KeyCode::Char('4'));
    let HistoryOutcome::Append(records) = press(&mut screen, KeyCode::Enter) else {
        panic!("Enter saves")
    };
    let second_set = &history.sessions.last().unwrap().sets[1];
    assert!(matches!(
        &records[0].1,
        RecordBody::Correction { target, fields, .. } if *target == second_set.id && fields["pain"] == 4
    ));
    assert!(
        draw(&screen, 80, 24)
            .backend()
            .to_string()
            .contains("Sets ·")
    );
}

/// The sample's last session re-rated 7/10 during (a correction), seen the next morning before
/// any session: the calendar at 80×24 and 100×30 (reviewed), Monday first unless configured.
#[test]
fn calendar_marks_a_painful_day_and_leaves_today_open() {
    let (_, history, last_day) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), last_day);
    for _ in 0..2 {
        press(&mut screen, KeyCode::Tab);
    }
    assert_eq!(screen.view(), View::Sessions);
    press(&mut screen, KeyCode::Enter);
    press(&mut screen, KeyCode::Char('e'));
    press(&mut screen, KeyCode::Char('7'));
    let HistoryOutcome::Append(fix) = press(&mut screen, KeyCode::Enter) else {
        panic!("Enter saves the re-rating")
    };
    let mut records = sample::journal(start(), 90);
    for (i, (date, body)) in fix.into_iter().enumerate() {
        let mut record = records.last().unwrap().clone();
        record.id = rehab_coach::domain::records::RecordId(format!("fix-{i}").into());
        record.date = date;
        record.body = body;
        records.push(record);
    }
    let history = History::replay(records, apply_fields);
    let today = last_day + Days::new(1);
    let theme = rehab_coach::tui::theme::Theme::plain();
    let mut screen = HistoryScreen::new(&history, &catalogue(), today)
        .with_look(theme, rehab_coach::domain::config::WeekStart::Monday);
    press(&mut screen, KeyCode::Tab);
    assert_eq!(screen.view(), View::Calendar);
    for (w, h) in [(80, 24), (100, 30)] {
        let text = draw(&screen, w, h).backend().to_string();
        assert!(text.contains(" Mo  Tu  We  Th  Fr  Sa  Su"), "{text}");
        assert!(text.contains("today: nothing recorded yet"), "{text}");
        insta::assert_snapshot!(format!("calendar_painful_day_{w}x{h}"), text);
    }
    press(&mut screen, KeyCode::Up);
    let day_before = draw(&screen, 100, 30).backend().to_string();
    assert!(
        day_before.contains("▲ done, pain above 5 during"),
        "{day_before}"
    );
    let sunday = HistoryScreen::new(&history, &catalogue(), today)
        .with_look(theme, rehab_coach::domain::config::WeekStart::Sunday);
    let mut sunday = sunday;
    press(&mut sunday, KeyCode::Tab);
    let text = draw(&sunday, 80, 24).backend().to_string();
    assert!(text.contains(" Su  Mo  Tu  We  Th  Fr  Sa"), "{text}");
}

/// Vim keys: `l`/`h` change view as →/← do; `g`/`G` go to the top or bottom of a list and to
/// the first day or today in the calendar.
#[test]
fn vim_keys_move_between_views_and_to_either_end() {
    let (_, history, today) = journals().remove(0);
    let mut screen = HistoryScreen::new(&history, &catalogue(), today);
    press(&mut screen, KeyCode::Char('l'));
    assert_eq!(screen.view(), View::Calendar);
    press(&mut screen, KeyCode::Char('g'));
    let first = draw(&screen, 120, 40).backend().to_string();
    assert!(first.contains("Mon 05 Jan 2026"), "{first}");
    press(&mut screen, KeyCode::Char('G'));
    let last = draw(&screen, 120, 40).backend().to_string();
    assert!(
        last.contains(&today.format("%a %d %b %Y").to_string()),
        "{last}"
    );
    press(&mut screen, KeyCode::Char('l'));
    assert_eq!(screen.view(), View::Sessions);
    let top = draw(&screen, 80, 24).backend().to_string();
    press(&mut screen, KeyCode::Char('G'));
    let bottom = draw(&screen, 80, 24).backend().to_string();
    assert_ne!(top, bottom, "G moves to the last row");
    press(&mut screen, KeyCode::Char('g'));
    assert_eq!(draw(&screen, 80, 24).backend().to_string(), top);
    press(&mut screen, KeyCode::Char('h'));
    assert_eq!(screen.view(), View::Calendar);
}

/// With `theme = "light"` no chart or calendar cell is drawn in the colours that vanish on a
/// white background; with NO_COLOR (the plain theme) none has a colour at all.
#[test]
fn the_light_theme_keeps_every_mark_readable_on_white() {
    use ratatui::style::Color;
    use rehab_coach::tui::theme::Theme;
    let (_, history, today) = journals().remove(0);
    let light = Theme {
        color: true,
        light: true,
    };
    for (theme, allowed) in [(light, true), (Theme::plain(), false)] {
        let mut screen = HistoryScreen::new(&history, &catalogue(), today)
            .with_look(theme, rehab_coach::domain::config::WeekStart::Monday);
        for _ in 0..2 {
            let terminal = draw(&screen, 120, 40);
            let buffer = terminal.backend().buffer();
            let colours: Vec<Color> = buffer.content().iter().map(|c| c.fg).collect();
            assert!(
                !colours.iter().any(|c| matches!(
                    c,
                    Color::Yellow | Color::Cyan | Color::LightYellow | Color::White
                )),
                "{:?}",
                screen.view()
            );
            if !allowed {
                assert!(
                    colours.iter().all(|c| *c == Color::Reset),
                    "{:?}",
                    screen.view()
                );
            } else {
                assert!(
                    colours.iter().any(|c| *c != Color::Reset),
                    "{:?}",
                    screen.view()
                );
            }
            press(&mut screen, KeyCode::Tab);
        }
    }
}

/// The sample's first 15 days with the step up's plan (day 14) stored with its reason as data
/// and stale words, as a journal written by an earlier wording would hold it.
fn step_up_with_data() -> History {
    let mut records = sample::journal(start(), 15);
    let reason = rehab_coach::domain::reason::Reason::new("rule 11", "stale words").because(
        "streak_met",
        &[
            ("sessions", 3.0),
            ("ceiling", 5.0),
            ("min_days", 3.0),
            ("from_rung", 1.0),
            ("to_rung", 2.0),
        ],
    );
    let day_14 = start() + Days::new(14);
    for record in records.iter_mut().filter(|r| r.date == day_14) {
        if let RecordBody::SessionStarted { plan, .. } = &mut record.body {
            let plan = std::sync::Arc::make_mut(plan);
            plan.reasons = vec![reason.clone()];
            for exercise in plan
                .exercises
                .iter_mut()
                .filter(|e| e.exercise == "quick-hold")
            {
                exercise.reasons = vec![reason.clone()];
            }
        }
    }
    History::replay(records, rehab_coach::store::journal_line::apply_fields)
}

#[test]
fn decisions_phrase_a_stored_reason_from_its_data() {
    let history = step_up_with_data();
    let mut screen = HistoryScreen::new(&history, &catalogue(), start() + Days::new(14));
    while screen.view() != View::Decisions {
        press(&mut screen, KeyCode::Tab);
    }
    let terminal = draw(&screen, 320, 40);
    let shown: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(
        shown.contains("• Quick hold steps up to rung 2 (2 × 3 s hold, rest 1 s; changes hold): the last 3 sessions at this rung stayed within the ceiling of 5 and settled by the next morning, after at least 3 days at this rung (rule 11)"),
        "{shown}"
    );
    assert!(!shown.contains("stale words"), "{shown}");
}
