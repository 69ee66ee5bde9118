//! Screens of the full-screen coach on ratatui's TestBackend (insta snapshots at 80×24 and
//! 120×40, tiny sizes must not panic), and App update tests (Msg in → state and journal out).
//! Deterministic: fixed date, in-memory journal, no colour, one Instant base.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rehab_coach::app::journal::{Journal, MemoryJournal};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::config::Config;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::plan::{Decision, ReferReason};
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::reason::Reason;
use rehab_coach::domain::records::RecordBody;
use rehab_coach::domain::red_flags::{RED_FLAGS, Urgency};
use rehab_coach::domain::session::Screen as RunnerScreen;
use rehab_coach::tui::app::{App, Msg, Output, Screen};
use rehab_coach::tui::screens::first_run::Step;
use rehab_coach::tui::screens::overlays::Overlay;
use rehab_coach::tui::size::MIN_SIZE;
use rehab_coach::tui::theme::Theme;
use rehab_coach::tui::view;
use std::time::Instant;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const TINY: [(u16, u16); 3] = [(0, 0), (1, 1), (20, 5)];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

fn day(back: u64) -> NaiveDate {
    today().checked_sub_days(chrono::Days::new(back)).unwrap()
}

fn catalogue() -> Catalogue {
    let quick = parse_programme(include_str!("fixtures/quick.toml")).unwrap();
    let mut other = quick.clone();
    other.id = "other-test".into();
    other.name = "Another test programme".into();
    other.for_whom = "people testing the chooser".into();
    other.see_clinician_first = vec!["you are under 18".into(), "you are pregnant".into()];
    other.load_test = Some(rehab_coach::domain::programme::LoadTest {
        name: "Single-leg bridge".into(),
        instructions: "3 short-lever single-leg bridges on the sore side, then rate the pain."
            .into(),
        ceiling: 3,
    });
    Catalogue {
        entries: vec![
            CatalogueEntry {
                programme: quick,
                origin: Origin::Builtin,
            },
            CatalogueEntry {
                programme: other,
                origin: Origin::Builtin,
            },
        ],
        ..Default::default()
    }
}

fn checkin(pain: i64, stiffness: i64, flags: &[(&str, bool)]) -> RecordBody {
    RecordBody::CheckIn {
        pain: Some(Rating::new(pain).unwrap()),
        stiffness: Some(Rating::new(stiffness).unwrap()),
        load_test: None,
        red_flags: flags.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

/// A journal with a programme chosen 13 days ago, mornings and a few sessions.
fn journal_with_history(today_checkin: bool, flags: &[(&str, bool)]) -> MemoryJournal {
    let mut j = MemoryJournal::default();
    j.append(
        day(13),
        RecordBody::ProgrammeChosen {
            programme: "quick-test".into(),
            start: day(13),
        },
    )
    .unwrap();
    let pains = [4, 4, 3, 5, 3, 3, 2, 3, 7, 2, 2, 3, 2];
    for (i, pain) in pains.iter().enumerate() {
        let back = 13 - i as u64;
        if back == 6 {
            continue; // a morning without a check-in shows as a gap
        }
        j.append(day(back), checkin(*pain, 2, &[])).unwrap();
        if !back.is_multiple_of(4) {
            let plan = rehab_coach::domain::plan::PlanSnapshot {
                programme: "quick-test".into(),
                phase: "T1".into(),
                decision: Decision::Hold,
                reasons: vec![],
                deload: false,
                exercises: vec![],
            };
            let started = j
                .append(
                    day(back),
                    RecordBody::SessionStarted {
                        plan: plan.into(),
                        pain_before: None,
                    },
                )
                .unwrap();
            // One set logged: a session with nothing logged is not training.
            j.append(
                day(back),
                RecordBody::SetDone {
                    session: started.id.clone(),
                    exercise: "quick-reps".into(),
                    side: None,
                    set: 1,
                    reps: Some(3),
                    seconds: None,
                    pain: Rating::new(2).unwrap(),
                    effort: None,
                    undone: false,
                },
            )
            .unwrap();
            j.append(
                day(back),
                RecordBody::SessionFinished {
                    session: started.id,
                    pain_after: Rating::new(3).unwrap(),
                    effort: None,
                    note: None,
                },
            )
            .unwrap();
        }
    }
    if today_checkin {
        j.append(today(), checkin(3, 2, flags)).unwrap();
    }
    j
}

fn app_with(journal: MemoryJournal) -> App {
    App::new(
        Box::new(journal),
        catalogue(),
        Config::default(),
        today(),
        Theme::plain(),
        Instant::now(),
    )
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

/// Snapshot at both sizes, and make sure tiny sizes don't panic.
fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h).backend());
    }
    for (w, h) in TINY {
        draw(app, w, h);
    }
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Keys arrive at the app's own clock, never the wall clock: a snapshot taken mid-countdown
/// must not depend on how fast the machine ran the test.
fn press(app: &mut App, codes: &[KeyCode]) -> Vec<Output> {
    let mut out = Vec::new();
    for c in codes {
        let now = app.now;
        out.extend(app.update(key(*c), now));
    }
    out
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

fn kinds(app: &App) -> Vec<&'static str> {
    app.journal()
        .records()
        .iter()
        .map(|r| r.body.kind())
        .collect()
}

// ---------------------------------------------------------------- first run

#[test]
fn first_run_steps() {
    let mut app = app_with(MemoryJournal::default());
    snap("first_run_welcome", &app);
    press(&mut app, &[KeyCode::Enter]);
    snap("first_run_flag", &app);
    // Answer no to all, then the response.
    press(&mut app, &chars(&"n".repeat(RED_FLAGS.len())));
    snap("first_run_response_none", &app);
    press(&mut app, &[KeyCode::Tab]);
    snap("first_run_programme", &app);
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    snap("first_run_baseline", &app);
}

fn first_run_step(app: &App) -> Step {
    match &app.screen {
        Screen::FirstRun(f) => f.step,
        _ => panic!("left first run"),
    }
}

#[test]
fn first_run_emergency_and_soon_responses() {
    // An EMERGENCY yes says what to do at once: straight to the answers page with the stop.
    let mut app = app_with(MemoryJournal::default());
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('y')]);
    assert_eq!(first_run_step(&app), Step::Response);
    snap("first_run_response_emergency", &app);
    // Back leads to the first question not answered; the stop shows above it.
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(first_run_step(&app), Step::Flag(1));
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(screen.contains("STOP (EMERGENCY)"), "{screen}");

    // An URGENT yes too.
    let mut app = app_with(MemoryJournal::default());
    press(&mut app, &[KeyCode::Enter]);
    let first_urgent = RED_FLAGS
        .iter()
        .position(|f| f.urgency == Urgency::Urgent)
        .unwrap();
    press(&mut app, &chars(&"n".repeat(first_urgent)));
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(first_run_step(&app), Step::Response);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("STOP (URGENT)") && screen.contains("remaining 6 questions can wait"),
        "{screen}"
    );
    // Exercise is stopped, so the morning baseline asks for no load test (an exercise) even
    // for a programme that has one.
    press(&mut app, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(first_run_step(&app), Step::Baseline);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("Morning pain") && !screen.contains("Load test"),
        "{screen}"
    );

    // A SOON yes: the questions go on, each with a note that a clinician visit is advised.
    let mut app = app_with(MemoryJournal::default());
    press(&mut app, &[KeyCode::Enter]);
    for (i, flag) in RED_FLAGS.iter().enumerate() {
        press(
            &mut app,
            &[KeyCode::Char(if flag.urgency == Urgency::Soon {
                'y'
            } else {
                'n'
            })],
        );
        if flag.urgency == Urgency::Soon && i + 1 < RED_FLAGS.len() {
            assert_eq!(first_run_step(&app), Step::Flag(i + 1));
            let screen = format!("{:?}", draw(&app, 80, 24).backend());
            assert!(screen.contains("a clinician visit is advised"), "{screen}");
            if i == 0 || RED_FLAGS[i - 1].urgency != Urgency::Soon {
                snap("first_run_flag_after_soon", &app);
            }
        }
    }
    assert_eq!(first_run_step(&app), Step::Response);
    snap("first_run_response_soon", &app);
}

#[test]
fn first_run_writes_programme_and_checkin_with_flags() {
    let mut app = app_with(MemoryJournal::default());
    press(&mut app, &[KeyCode::Enter]);
    press(&mut app, &chars(&"n".repeat(RED_FLAGS.len())));
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter]); // response → programme → choose first
    press(&mut app, &chars("42"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert_eq!(kinds(&app), ["programme_chosen", "check_in"]);
    let RecordBody::CheckIn {
        pain,
        stiffness,
        red_flags,
        ..
    } = &app.journal().records()[1].body
    else {
        panic!("second record is not a check-in");
    };
    assert_eq!(
        (pain.map(Rating::value), stiffness.map(Rating::value)),
        (Some(4), Some(2))
    );
    assert_eq!(red_flags.len(), RED_FLAGS.len());
    assert!(red_flags.values().all(|yes| !yes));
}

#[test]
fn first_run_steps_go_back_and_forth_and_skip() {
    let mut app = app_with(MemoryJournal::default());
    let step = |app: &App| match &app.screen {
        Screen::FirstRun(f) => f.step,
        _ => panic!("left first run"),
    };
    press(&mut app, &[KeyCode::Tab, KeyCode::Right]);
    assert_eq!(step(&app), Step::Flag(1));
    press(&mut app, &[KeyCode::BackTab, KeyCode::Esc, KeyCode::Left]);
    assert_eq!(step(&app), Step::Welcome);
    // Skip everything: nothing answered, nothing chosen → nothing written but Today opens.
    for _ in 0..RED_FLAGS.len() + 4 {
        press(&mut app, &[KeyCode::Tab]);
    }
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert!(kinds(&app).is_empty());
}

#[test]
fn emergency_answer_locks_today() {
    let mut app = app_with(MemoryJournal::default());
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('y')]);
    // The programme with a load test (the second one).
    press(
        &mut app,
        &[
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
    assert!(matches!(app.screen, Screen::Today { .. }));
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.screen, Screen::Today { .. }),
        "a stop must not start a session"
    );
    assert_eq!(kinds(&app), ["programme_chosen", "check_in"]);
    // The check-in while stopped asks for no load test (an exercise).
    press(&mut app, &[KeyCode::Char('c')]);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        matches!(app.screen, Screen::CheckIn(_)) && !screen.contains("Load test"),
        "{screen}"
    );
    press(&mut app, &[KeyCode::Esc]);
    // Confirming a clinician has seen them unlocks.
    press(&mut app, &[KeyCode::Char('C'), KeyCode::Char('y')]);
    assert_eq!(kinds(&app).last(), Some(&"clinician_seen"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::Session(_)));
}

// ---------------------------------------------------------------- check-in and chooser

#[test]
fn checkin_opens_first_when_due_and_saves() {
    let mut app = app_with(journal_with_history(false, &[]));
    assert!(matches!(app.screen, Screen::CheckIn(_)));
    snap("checkin_empty", &app);
    press(&mut app, &chars("3"));
    press(&mut app, &[KeyCode::Char('+'), KeyCode::Char('+')]);
    snap("checkin_filled", &app);
    let before = app.journal().records().len();
    press(&mut app, &[KeyCode::Enter]);
    // Red flags were never re-asked since the start: the weekly re-check follows, saved with the values.
    assert!(matches!(app.screen, Screen::FlagCheck(_)));
    snap("flag_check", &app);
    press(&mut app, &chars(&"n".repeat(RED_FLAGS.len())));
    assert!(matches!(app.screen, Screen::Today { .. }));
    // Both answered: Today no longer asks for `c`.
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(!screen.contains("Press c"), "{screen}");
    assert_eq!(app.journal().records().len(), before + 1);
    assert_eq!(
        app.journal()
            .history()
            .morning_pain(today())
            .map(Rating::value),
        Some(3)
    );
    assert_eq!(
        app.journal()
            .history()
            .checkin(today())
            .unwrap()
            .red_flags
            .len(),
        RED_FLAGS.len()
    );
}

/// The phase's milestone questions come after the check-in while not answered yes; a yes is
/// saved and not asked again.
#[test]
fn checkin_asks_the_phase_milestone_questions_until_answered_yes() {
    let mut catalogue = catalogue();
    catalogue.entries[0].programme.phases[0].exit.confirm =
        vec![rehab_coach::domain::programme::Confirmation {
            id: "stance".into(),
            question: "Can you stand on the sore leg for 30 s at 2/10 or less?".into(),
        }];
    let mut j = journal_with_history(false, &[]);
    // Flags answered yesterday: no red-flag re-check at pain 2.
    j.append(day(1), checkin(2, 2, &[("below_knee", false)]))
        .unwrap();
    let open = |j: MemoryJournal| {
        App::new(
            Box::new(j),
            catalogue.clone(),
            Config::default(),
            today(),
            Theme::plain(),
            Instant::now(),
        )
    };
    let mut app = open(j.clone());
    press(&mut app, &chars("2"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::MilestoneCheck(_)));
    snap("milestone_check", &app);
    press(&mut app, &[KeyCode::Char('n')]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    let answer = app
        .journal()
        .history()
        .milestone_answer("quick-test", "stance", today());
    assert_eq!(
        answer,
        Some((today(), false)),
        "the check-in and the no are saved"
    );
    assert!(app.journal().history().morning_pain(today()).is_some());

    // Answered yes: the next check-in goes straight to Today.
    j.append(
        day(1),
        RecordBody::MilestoneAnswered {
            programme: "quick-test".into(),
            milestone: "stance".into(),
            yes: true,
        },
    )
    .unwrap();
    let mut app = open(j);
    press(&mut app, &chars("2"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::Today { .. }));
}

#[test]
fn high_morning_pain_asks_red_flags_again_and_a_yes_stops() {
    let mut j = journal_with_history(false, &[]);
    // Flags answered yesterday: no weekly re-check is due, but pain 7 asks again.
    j.append(day(1), checkin(2, 2, &[("below_knee", false)]))
        .unwrap();
    let mut app = app_with(j.clone());
    press(&mut app, &chars("2"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.screen, Screen::Today { .. }),
        "no re-check due at pain 2"
    );

    let mut app = app_with(j);
    press(&mut app, &chars("7"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::FlagCheck(_)));
    press(&mut app, &[KeyCode::Tab; 5]);
    press(&mut app, &[KeyCode::Char('y')]); // bone_stress: urgent
    press(&mut app, &[KeyCode::Tab; 6]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert_eq!(
        app.safety(),
        rehab_coach::tui::screens::today::Safety::Stop(Urgency::Urgent)
    );
}

#[test]
fn a_second_checkin_the_same_day_starts_from_the_first_answers() {
    let mut app = app_with(journal_with_history(true, &[]));
    assert!(matches!(app.screen, Screen::Today { .. }));
    press(&mut app, &chars("c"));
    let Screen::CheckIn(form) = &app.screen else {
        panic!("c opens the check-in");
    };
    assert_eq!((form.pain, form.stiffness), (Some(3), Some(2)));
    // Change only the stiffness: pain keeps the morning's answer.
    press(&mut app, &[KeyCode::Down]);
    press(&mut app, &chars("4"));
    press(&mut app, &[KeyCode::Enter]);
    // The weekly red-flag re-check is due in this journal; the values are saved with it.
    assert!(matches!(app.screen, Screen::FlagCheck(_)));
    press(&mut app, &chars(&"n".repeat(RED_FLAGS.len())));
    let day = app.journal().history().checkin(today()).unwrap();
    assert_eq!(
        (
            day.pain.map(Rating::value),
            day.stiffness.map(Rating::value)
        ),
        (Some(3), Some(4))
    );
}

#[test]
fn checkin_can_be_skipped() {
    let mut app = app_with(journal_with_history(false, &[]));
    let before = app.journal().records().len();
    press(&mut app, &[KeyCode::Esc]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert_eq!(app.journal().records().len(), before);
}

#[test]
fn switching_programme_asks_and_keeps_history() {
    let mut app = app_with(journal_with_history(true, &[]));
    press(&mut app, &[KeyCode::Char('p')]);
    snap("chooser", &app);
    press(&mut app, &[KeyCode::Char('j'), KeyCode::Enter]);
    assert_eq!(
        app.overlay,
        Some(Overlay::ConfirmSwitch("other-test".into()))
    );
    snap("confirm_switch", &app);
    let before = app.journal().records().len();
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(app.journal().records().len(), before + 1);
    assert_eq!(
        app.journal()
            .history()
            .current()
            .map(|c| c.programme.as_str()),
        Some("other-test")
    );
    assert_eq!(app.journal().history().choices.len(), 2);
}

// ---------------------------------------------------------------- Today

fn today_app() -> App {
    app_with(journal_with_history(true, &[]))
}

#[test]
fn today_with_each_decision() {
    let cases = [
        (
            "progress",
            Decision::Progress,
            vec![Reason::new(
                "rule 11",
                "Three good sessions in a row and mornings settled: step up",
            )],
        ),
        (
            "hold",
            Decision::Hold,
            vec![Reason::new("rule 12", "Same dose as last time")],
        ),
        (
            "regress",
            Decision::Regress(1),
            vec![Reason::new(
                "rule 8",
                "Pain reached 6/10 yesterday, above the ceiling of 5",
            )],
        ),
        (
            "deload",
            Decision::Deload,
            vec![Reason::new(
                "rule 10",
                "Weekly morning pain rose by more than 1 point",
            )],
        ),
        (
            "refer",
            Decision::Refer(ReferReason::RisingTrend),
            vec![Reason::new(
                "rule 3",
                "Morning pain rose three days running",
            )],
        ),
    ];
    for (name, decision, reasons) in cases {
        let mut app = today_app();
        let plan = app.plan.as_mut().unwrap();
        plan.deload = decision == Decision::Deload;
        plan.decision = decision.clone();
        plan.reasons = reasons;
        for e in &mut plan.exercises {
            e.decision = decision.clone();
            // The decision is forced, so the coach's data (a first session, rung 1 → 1) no
            // longer matches it: show the coach's stored words, as for an older plan.
            for r in &mut e.reasons {
                r.cause = None;
            }
        }
        snap(&format!("today_{name}"), &app);
    }
}

#[test]
fn today_stop_from_red_flag_is_locked() {
    let mut app = app_with(journal_with_history(true, &[("bone_stress", true)]));
    snap("today_stop", &app);
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert!(app.message.as_deref().unwrap_or("").contains("locked"));
}

#[test]
fn refer_acknowledge_appends_record() {
    let mut app = today_app();
    app.plan.as_mut().unwrap().decision = Decision::Refer(ReferReason::Plateau);
    press(&mut app, &[KeyCode::Char('a')]);
    // The append replays the journal and asks the coach again; the record is what matters.
    assert_eq!(kinds(&app).last(), Some(&"referral_acknowledged"));
    assert_eq!(
        app.journal().history().referrals_acknowledged,
        vec![(today(), "plateau".to_string())]
    );
}

#[test]
fn soon_flag_refers_until_acknowledged() {
    let mut app = app_with(journal_with_history(true, &[("below_knee", true)]));
    assert!(matches!(
        app.safety(),
        rehab_coach::tui::screens::today::Safety::Refer {
            acknowledged: false,
            ..
        }
    ));
    press(&mut app, &[KeyCode::Char('a')]);
    // Acknowledged: the coach lifts the block but the plan keeps saying why (rule 1b).
    assert!(matches!(
        app.safety(),
        rehab_coach::tui::screens::today::Safety::Clear
    ));
    let plan = app.plan.as_ref().unwrap();
    assert!(
        plan.reasons
            .iter()
            .any(|r| r.rule == "rule 1b" && r.text.contains("You acknowledged this")),
        "{:?}",
        plan.reasons
    );
}

#[test]
fn today_without_programme() {
    let mut j = MemoryJournal::default();
    j.append(
        today(),
        RecordBody::Note {
            text: "hello".into(),
        },
    )
    .unwrap();
    let app = app_with(j);
    snap("today_no_programme", &app);
}

#[test]
fn start_writes_session_started_with_plan_snapshot() {
    let mut app = today_app();
    let snapshot = app.plan.as_ref().unwrap().snapshot();
    press(&mut app, &[KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Session(_)));
    let last = app.journal().records().last().unwrap();
    let RecordBody::SessionStarted { plan, pain_before } = &last.body else {
        panic!("last record is {}", last.body.kind());
    };
    assert_eq!(**plan, snapshot);
    assert_eq!(pain_before.map(Rating::value), Some(3));
    // q in a session: the runner asks first; n goes back; y goes back to Today (which resumes);
    // q on Today quits rehab.
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(matches!(&app.screen, Screen::Session(s) if s.screen() == RunnerScreen::QuitConfirm));
    snap("session_quit_confirm", &app);
    press(&mut app, &[KeyCode::Char('n')]);
    assert!(!app.quit);
    let out = press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(!app.quit);
    assert!(out.is_empty(), "{out:?}");
    assert!(matches!(app.screen, Screen::Today(_)));
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("s to resume"))
    );
    assert!(
        app.footer().contains("resume the session"),
        "{}",
        app.footer()
    );
    let out = press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit);
    assert_eq!(out, vec![Output::Quit]);
}

/// Drive a whole session through the App: countdowns by ticking at their deadlines (a synthetic
/// clock), ratings and reps by keys.
fn run_session(app: &mut App, start: Instant) -> Vec<Output> {
    run_session_until(app, start, None)
}

/// As `run_session`, stopping on the runner screen `stop` when given.
fn run_session_until(app: &mut App, start: Instant, stop: Option<RunnerScreen>) -> Vec<Output> {
    let mut now = start;
    let mut out = Vec::new();
    for _ in 0..1000 {
        let Screen::Session(s) = &app.screen else {
            return out;
        };
        if Some(s.screen()) == stop {
            return out;
        }
        let code = match s.screen() {
            RunnerScreen::RatePain | RunnerScreen::EndPain => KeyCode::Char('2'),
            RunnerScreen::Countdown
            | RunnerScreen::GetReady
            | RunnerScreen::Interval
            | RunnerScreen::Rest
            | RunnerScreen::SideSwitch => match app.next_deadline() {
                Some(deadline) => {
                    now = deadline;
                    out.extend(app.update(Msg::Tick, now));
                    continue;
                }
                None => KeyCode::Enter,
            },
            RunnerScreen::Reps
            | RunnerScreen::RateEffort
            | RunnerScreen::EndEffort
            | RunnerScreen::EndNote
            | RunnerScreen::Summary => KeyCode::Enter,
            other => panic!("unexpected runner screen {other:?}"),
        };
        out.extend(app.update(key(code), now));
    }
    panic!("the session did not end");
}

#[test]
fn whole_session_writes_every_step_and_returns_to_today() {
    let mut app = today_app();
    let start = Instant::now();
    app.update(key(KeyCode::Char('s')), start);
    let before = app.journal().records().len();
    let out = run_session(&mut app, start);
    assert!(matches!(app.screen, Screen::Today { .. }));
    let written: Vec<&str> = kinds(&app)[before..].to_vec();
    // quick-hold: 2 sets × 2 sides; quick-reps: 1; quick-stretch: 1.
    assert_eq!(
        written.iter().filter(|k| **k == "set_done").count(),
        6,
        "{written:?}"
    );
    assert_eq!(written.last(), Some(&"session_finished"));
    assert!(
        out.contains(&Output::Bell),
        "the bell rings at the end of holds"
    );
    let log = app.journal().history().sessions.last().unwrap();
    assert!(log.finished.is_some());
    assert!(log.sets.iter().all(|s| s.pain.value() == 2));
    // Done for today: said at the top, and nothing left to start.
    let model = app.today_model(0);
    assert!(model.done_today && !model.exercise_due());
    drop(model);
    assert!(!app.footer().contains("start"), "{}", app.footer());
    press(&mut app, &[KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert_eq!(
        app.message.as_deref(),
        Some("Today's session is done: see you tomorrow.")
    );
    app.message = None;
    snap("today_after_session", &app);
}

#[test]
fn a_second_session_a_day_is_offered_when_exercises_are_due_twice_daily() {
    let mut twice = catalogue();
    for exercise in &mut twice.entries[0].programme.exercises {
        exercise.frequency.per_day = Some(2);
    }
    let mut app = App::new(
        Box::new(journal_with_history(true, &[])),
        twice,
        Config::default(),
        today(),
        Theme::plain(),
        Instant::now(),
    );
    let start = Instant::now();
    app.update(key(KeyCode::Char('s')), start);
    run_session(&mut app, start);
    let model = app.today_model(0);
    assert!(model.done_today && model.exercise_due());
    drop(model);
    assert!(
        app.footer().contains("Enter/s start another session"),
        "{}",
        app.footer()
    );
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("Today's session is done ✓ — another session is due today"),
        "{screen}"
    );
}

#[test]
fn today_on_the_first_day_of_a_programme() {
    let mut j = MemoryJournal::default();
    j.append(
        today(),
        RecordBody::ProgrammeChosen {
            programme: "quick-test".into(),
            start: today(),
        },
    )
    .unwrap();
    j.append(today(), checkin(2, 1, &[])).unwrap();
    let app = app_with(j);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(screen.contains("first day of the programme"), "{screen}");
    assert!(!screen.contains("0 of 0"), "{screen}");
    snap("today_first_day", &app);
}

#[test]
fn session_summary_says_what_tomorrow_likely_brings_and_why() {
    let mut app = today_app();
    let start = Instant::now();
    app.update(key(KeyCode::Char('s')), start);
    run_session_until(&mut app, start, Some(RunnerScreen::Summary));
    let Screen::Session(s) = &app.screen else {
        panic!("not in the session");
    };
    let tomorrow = s.summary().tomorrow;
    assert!(tomorrow[0].starts_with("Likely: "), "{tomorrow:?}");
    // The headline and the coach's reasons for tomorrow (at most three).
    assert!(tomorrow.len() > 1 && tomorrow.len() <= 4, "{tomorrow:?}");
    assert!(
        tomorrow[1..].iter().all(|l| l.starts_with("· ")),
        "{tomorrow:?}"
    );
    // Said from today: today's session is not "the session yesterday".
    assert!(
        tomorrow.iter().all(|l| !l.contains("yesterday")),
        "{tomorrow:?}"
    );
    snap("session_summary_tomorrow", &app);
}

#[test]
fn bell_off_means_no_bell_output() {
    let mut app = today_app();
    press(&mut app, &[KeyCode::Char('b')]);
    let start = Instant::now();
    app.update(key(KeyCode::Char('s')), start);
    let out = run_session(&mut app, start);
    assert!(!out.contains(&Output::Bell));
    assert!(!app.bell);
}

#[test]
fn unfinished_session_is_offered_for_resume() {
    let mut j = journal_with_history(true, &[]);
    let app = app_with(j.clone());
    let plan = app.plan.as_ref().unwrap().snapshot();
    j.append(
        today(),
        RecordBody::SessionStarted {
            plan: plan.into(),
            pain_before: None,
        },
    )
    .unwrap();
    let mut app = app_with(j.clone());
    assert_eq!(app.overlay, Some(Overlay::ResumeOffer));
    snap("resume_offer", &app);
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen, Screen::Session(_)));

    // Closed with Esc: Today says the session stopped part-way (not "done ✓") and s resumes
    // it rather than starting a second one.
    let mut app = app_with(j.clone());
    press(&mut app, &[KeyCode::Esc]);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("stopped part-way") && !screen.contains("done ✓"),
        "{screen}"
    );
    assert!(
        app.footer().contains("resume the session"),
        "{}",
        app.footer()
    );
    let started = kinds(&app).len();
    press(&mut app, &[KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Session(_)));
    assert_eq!(kinds(&app).len(), started, "no second session_started");

    // n leaves it for today: a session_left record, no resume on Today, s starts afresh, and
    // the next start does not ask again.
    let mut app = app_with(j);
    press(&mut app, &[KeyCode::Char('n')]);
    assert_eq!(kinds(&app).last(), Some(&"session_left"));
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(!screen.contains("stopped part-way"), "{screen}");
    let again = app_with(MemoryJournal::new(app.journal().records().to_vec()));
    assert_eq!(again.overlay, None, "not asked again");
    let count = |app: &App| {
        kinds(app)
            .iter()
            .filter(|k| **k == "session_started")
            .count()
    };
    let before = count(&app);
    press(&mut app, &[KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Session(_)));
    assert_eq!(count(&app), before + 1, "a fresh session started");
}

#[test]
fn help_overlay_lists_screen_and_global_keys() {
    let mut app = today_app();
    press(&mut app, &[KeyCode::Char('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    let rows = app.help_rows();
    assert!(rows.iter().any(|(k, _)| k == "Enter/s"));
    assert!(rows.iter().any(|(k, _)| k == "Ctrl-C"));
    snap("help_today", &app);
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.overlay.is_none());
}

/// A screen keeps the global keys it needs: `b` in history is history's own key, and in the
/// runner's note field `?` is a letter of the note.
#[test]
fn screens_keep_the_global_keys_they_need() {
    let mut app = today_app();
    press(&mut app, &[KeyCode::Char('h')]);
    assert!(matches!(app.screen, Screen::History(_)));
    press(&mut app, &[KeyCode::Char('b')]);
    assert!(app.bell, "the app's bell is not toggled from history");
    press(&mut app, &[KeyCode::Esc]);
    assert!(matches!(app.screen, Screen::Today { .. }));

    let start = app.now;
    app.update(key(KeyCode::Char('s')), start);
    run_session_until(&mut app, start, Some(RunnerScreen::EndNote));
    press(&mut app, &[KeyCode::Char('?')]);
    assert!(app.overlay.is_none(), "? is typed into the note");
    let Screen::Session(s) = &app.screen else {
        panic!("still in the session");
    };
    assert_eq!(s.screen(), RunnerScreen::EndNote);
    assert!(app.help_rows().iter().any(|(k, _)| k == "letters"));
}

#[test]
fn clinician_confirm_dialog() {
    let mut app = app_with(journal_with_history(true, &[("saddle_numbness", true)]));
    press(&mut app, &[KeyCode::Char('C')]);
    assert_eq!(app.overlay, Some(Overlay::ConfirmClinician));
    snap("confirm_clinician", &app);
}

#[test]
fn keys_quit_bell_and_ctrl_c() {
    let mut app = today_app();
    assert!(app.bell);
    press(&mut app, &[KeyCode::Char('b')]);
    assert!(!app.bell);
    let out = app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Instant::now(),
    );
    assert_eq!(out, vec![Output::Quit]);
    let mut app = today_app();
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit);
}

#[test]
fn release_events_are_ignored() {
    let mut app = today_app();
    let mut ev = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    ev.kind = ratatui::crossterm::event::KeyEventKind::Release;
    app.update(Msg::Key(ev), Instant::now());
    assert!(!app.quit);
}

#[test]
fn journal_errors_show_in_the_footer() {
    let mut j = journal_with_history(true, &[]);
    j.fail_with = Some("disk full".into());
    let mut app = app_with(j);
    press(&mut app, &[KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Today { .. }));
    assert_eq!(app.message.as_deref(), Some("disk full"));
}

#[test]
fn too_small_in_a_session_keeps_the_step_and_the_size_needed() {
    let mut app = today_app();
    press(&mut app, &[KeyCode::Char('s')]);
    insta::assert_snapshot!("session_too_small_20x5", draw(&app, 20, 5).backend());
}

#[test]
fn too_small_notice() {
    let app = today_app();
    let t = draw(&app, 59, 15);
    insta::assert_snapshot!("too_small_59x15", t.backend());
}

/// One row or one column short of the one minimum: the notice names both sizes.
#[test]
fn one_short_of_the_minimum_shows_the_notice() {
    let app = today_app();
    let (w, h) = (MIN_SIZE.width, MIN_SIZE.height);
    insta::assert_snapshot!("too_small_60x16", draw(&app, w, h - 1).backend());
    let narrow = draw(&app, w - 1, h).backend().to_string();
    assert!(narrow.contains("Needs 60×17, this is 59×17"), "{narrow}");
}

/// Exactly at the minimum every screen draws its full layout: no notice, and the runner shows
/// its full step screen rather than the compact fallback.
#[test]
fn every_screen_fits_exactly_at_the_minimum() {
    let (w, h) = (MIN_SIZE.width, MIN_SIZE.height);
    assert_eq!((w, h), (60, 17));
    let mut app = today_app();
    insta::assert_snapshot!("today_60x17", draw(&app, w, h).backend());
    let mut screens = Vec::new();
    for keys in [
        &[KeyCode::Char('c')][..],
        &[KeyCode::Char('p')],
        &[KeyCode::Char('h')],
    ] {
        press(&mut app, keys);
        screens.push((app.screen.name(), draw(&app, w, h).backend().to_string()));
        press(&mut app, &[KeyCode::Esc]);
        assert!(matches!(app.screen, Screen::Today { .. }));
    }
    let first_run = app_with(MemoryJournal::default());
    screens.push(("Welcome", draw(&first_run, w, h).backend().to_string()));
    let names: Vec<_> = screens.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["Check-in", "Programmes", "History", "Welcome"]);
    for (name, shown) in &screens {
        assert!(!shown.contains("Needs"), "{name} at {w}×{h}:\n{shown}");
        assert!(
            !shown.contains("Make the terminal larger"),
            "{name}:\n{shown}"
        );
        assert!(
            shown.contains(&format!("rehab · {name}")),
            "{name}:\n{shown}"
        );
    }
    press(&mut app, &[KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Session(_)));
    let session = draw(&app, w, h);
    insta::assert_snapshot!("session_60x17", session.backend());
    let shown = session.backend().to_string();
    assert!(!shown.contains("Make the terminal larger"), "{shown}");
}

// ---------------------------------------------------------------- crossing midnight

/// An app left open overnight: the shell's clock says a new day, and the app re-plans for it.
/// The clock is injected: the instant stays put, only the day moves.
#[test]
fn an_open_app_crosses_midnight_and_shows_the_new_day() {
    let mut app = today_app();
    let tomorrow = today().succ_opt().unwrap();
    assert_eq!(app.plan.as_ref().map(|p| p.date), Some(today()));
    assert!(app.today_model(0).checkin.is_some(), "checked in today");
    assert!(app.take_changed(), "the first frame is drawn");
    let now = app.now;
    app.update_at(Msg::Tick, now, today());
    assert!(!app.take_changed(), "a tick on the same day draws nothing");

    app.update_at(Msg::Tick, now, tomorrow);
    assert!(app.take_changed(), "the new day is drawn");
    assert_eq!(app.today, tomorrow);
    assert_eq!(app.plan.as_ref().map(|p| p.date), Some(tomorrow));
    let model = app.today_model(0);
    assert!(model.checkin.is_none() && model.checkin_wanted);
    drop(model);
    let shown = draw(&app, 80, 24).backend().to_string();
    assert!(shown.contains("Tue 17 Mar 2026"), "{shown}");
    // A key after midnight acts on the new day: the check-in is tomorrow's.
    app.update_at(key(KeyCode::Char('c')), now, tomorrow);
    assert!(matches!(app.screen, Screen::CheckIn(_)));
    press(&mut app, &chars("32"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.screen, Screen::FlagCheck(_)),
        "the weekly questions are due"
    );
    press(&mut app, &chars(&"n".repeat(RED_FLAGS.len())));
    assert!(matches!(app.screen, Screen::Today { .. }));
    let last = app
        .journal()
        .records()
        .last()
        .map(|r| (r.body.kind(), r.date));
    assert_eq!(last, Some(("check_in", tomorrow)));
}

/// A session running at midnight keeps the day it started on (its records belong together);
/// the app moves to the new day as it ends.
#[test]
fn a_session_across_midnight_keeps_its_day() {
    let mut app = today_app();
    let tomorrow = today().succ_opt().unwrap();
    let start = app.now;
    app.update(key(KeyCode::Char('s')), start);
    let before = app.journal().records().len();
    app.update_at(Msg::Tick, start, tomorrow);
    assert_eq!(app.today, today(), "mid-session the day stays");
    run_session_until(&mut app, start, Some(RunnerScreen::Summary));
    let now = app.now;
    app.update_at(key(KeyCode::Enter), now, tomorrow);
    assert!(matches!(app.screen, Screen::Today { .. }));
    let dates: Vec<_> = app.journal().records()[before..]
        .iter()
        .map(|r| r.date)
        .collect();
    assert!(
        !dates.is_empty() && dates.iter().all(|d| *d == today()),
        "{dates:?}"
    );
    assert_eq!(app.today, tomorrow, "the session ended: on to the new day");
    assert!(!app.today_model(0).done_today);
}

#[test]
fn history_key_opens_history() {
    let mut app = today_app();
    press(&mut app, &[KeyCode::Char('h')]);
    assert!(matches!(app.screen, Screen::History(_)));
}

#[test]
fn chooser_keeps_the_highlighted_builtin_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let builtins = rehab_coach::store::programme_files::load_catalogue(dir.path());
    assert!(
        builtins.entries.len() > 2,
        "built-in programmes are embedded"
    );
    let mut app = App::new(
        Box::new(MemoryJournal::default()),
        builtins,
        Config::default(),
        today(),
        Theme::plain(),
        Instant::now(),
    );
    press(&mut app, &[KeyCode::Enter]);
    press(&mut app, &chars(&"n".repeat(RED_FLAGS.len())));
    press(&mut app, &[KeyCode::Enter]);
    let entries = app.catalogue.entries.clone();
    for (i, entry) in entries.iter().enumerate() {
        for (w, h) in SIZES {
            let shown = draw(&app, w, h).backend().to_string();
            let rows: Vec<&str> = shown.lines().collect();
            // The whole highlighted entry is on screen: its name and, last, the end of who
            // should see a clinician first.
            assert!(
                shown.contains(&format!("▶ {}", entry.programme.name)),
                "entry {i} off screen at {w}×{h}:\n{shown}"
            );
            if let Some(last_word) = entry
                .programme
                .see_clinician_first
                .last()
                .and_then(|t| t.split_whitespace().last())
            {
                let first_if = rows.iter().position(|r| r.contains("first if:"));
                let end =
                    first_if.and_then(|f| rows[f..].iter().position(|r| r.contains(last_word)));
                assert!(end.is_some(), "entry {i} cut at {w}×{h}:\n{shown}");
            }
            // Only the highlighted programme lists who should see a clinician first.
            assert_eq!(shown.matches("first if:").count(), 1, "{shown}");
            // Below the header, every row is indented: wrapped lines keep theirs.
            for row in &rows[6..rows.len() - 3] {
                let text = row.trim_matches('"');
                assert!(
                    text.trim().is_empty() || text.starts_with(' ') || text.starts_with('▶'),
                    "unindented row {row:?} at {w}×{h}:\n{shown}"
                );
            }
        }
        press(&mut app, &[KeyCode::Char('j')]);
    }
    press(&mut app, &[KeyCode::End]);
    let shown = draw(&app, 80, 24).backend().to_string();
    let last = &app.catalogue.entries.last().unwrap().programme.name;
    assert!(shown.contains(&format!("▶ {last}")), "{shown}");
    snap("chooser_builtins_last", &app);
}

#[test]
fn notifications_only_when_enabled_in_config() {
    let config = Config {
        notify: true,
        ..Config::default()
    };
    let mut app = App::new(
        Box::new(journal_with_history(true, &[])),
        catalogue(),
        config,
        today(),
        Theme::plain(),
        Instant::now(),
    );
    let start = Instant::now();
    app.update(key(KeyCode::Char('s')), start);
    let out = run_session(&mut app, start);
    assert!(out.iter().any(|o| matches!(o, Output::Notify(_))));

    let mut app = today_app();
    app.update(key(KeyCode::Char('s')), start);
    let out = run_session(&mut app, start);
    assert!(!out.iter().any(|o| matches!(o, Output::Notify(_))));
}

/// At 80×24 a referral folds to one line so the exercises stay in view; `i` opens the advice in
/// full and folds it again; at 100×30 there is room for all of it. Reviewed snapshots.
#[test]
fn today_with_a_referral_at_80x24_and_100x30() {
    let mut app = today_app();
    let plan = app.plan.as_mut().unwrap();
    plan.decision = Decision::Refer(ReferReason::RisingTrend);
    plan.reasons = vec![Reason::new(
        "rule 3",
        "Morning pain rose three days running",
    )];
    let small = draw(&app, 80, 24).backend().to_string();
    assert!(small.contains("▲ See a clinician: morning pain rising day after day (i: advice)"));
    for exercise in [" 1. Quick hold", " 2. Quick reps"] {
        assert!(
            small.contains(exercise),
            "{exercise} hidden at 80×24:\n{small}"
        );
    }
    insta::assert_snapshot!("today_refer_folded_80x24", small);
    let large = draw(&app, 100, 30).backend().to_string();
    assert!(large.contains("Press a to acknowledge"), "{large}");
    assert!(large.contains(" 3. Quick stretch"), "{large}");
    insta::assert_snapshot!("today_refer_100x30", large);
    press(&mut app, &[KeyCode::Char('i')]);
    let open = draw(&app, 80, 24).backend().to_string();
    assert!(open.contains("Press a to acknowledge"), "{open}");
    insta::assert_snapshot!("today_refer_advice_open_80x24", open);
    press(&mut app, &[KeyCode::Char('i')]);
    assert_eq!(draw(&app, 80, 24).backend().to_string(), small);
}

/// `G` goes to the end of the plan and no further; `g` back to the top.
#[test]
fn today_scrolls_with_g_and_capital_g_within_the_plan() {
    let mut app = today_app();
    let top = draw(&app, 80, 24).backend().to_string();
    press(&mut app, &[KeyCode::Char('G')]);
    let bottom = draw(&app, 80, 24).backend().to_string();
    assert_ne!(top, bottom);
    press(&mut app, &[KeyCode::Char('j'), KeyCode::Char('j')]);
    assert_eq!(draw(&app, 80, 24).backend().to_string(), bottom);
    press(&mut app, &[KeyCode::Char('g')]);
    assert_eq!(draw(&app, 80, 24).backend().to_string(), top);
}

/// Footers break only between hints, and fold into "? more" when even two rows are too few.
#[test]
fn footers_never_split_a_key_from_its_hint() {
    let app = today_app();
    for (w, h) in [(60, 17), (80, 24), (100, 30)] {
        let text = draw(&app, w, h).backend().to_string();
        let rows: Vec<&str> = text.lines().collect();
        for row in &rows[rows.len() - 2..] {
            let row = row.trim_matches('"').trim();
            if row.is_empty() {
                continue;
            }
            for hint in row.split(" · ") {
                assert!(
                    hint == "? more"
                        || hint
                            .split_once(' ')
                            .is_some_and(|(k, h)| !k.is_empty() && !h.is_empty()),
                    "{w}×{h}: {hint:?} in {row:?}"
                );
            }
        }
    }
}
