//! The session state machine: order of steps, every input in every state, timers, pain rules,
//! undo, skip, quit, the end form and resume from the journal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

mod session_fixture;

use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::records::{RecordBody, RecordId};
use rehab_coach::domain::session::{Effect, Input, RedOption, Screen, Session, Stage, StepKind};
use rehab_coach::tui::session_view::title::{notification, title};
use session_fixture::{
    Driver, SESSION_ID, do_set, finish_all, options, plan, programme, rate, reach,
};
use std::time::Duration;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Time left on the running countdown, if there is one.
fn remaining(d: &Driver) -> Option<Duration> {
    d.session.countdown().map(|c| c.remaining(d.now))
}

fn appended(effects: &[Effect]) -> Vec<&RecordBody> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Append(body) => Some(body),
            _ => None,
        })
        .collect()
}

#[test]
fn steps_follow_sets_and_sides_left_then_right() {
    let mut d = Driver::quick();
    let mut labels = vec![d.label()];
    loop {
        match d.session.screen() {
            Screen::RatePain => rate(&mut d, 1),
            Screen::Reps => {
                d.press(Input::Confirm);
            }
            Screen::EndPain => break,
            _ => {
                d.wait_out();
            }
        }
        labels.push(d.label());
    }
    labels.dedup();
    let set = ["GET READY", "HOLD", "RATE"];
    let mut expected = Vec::new();
    for transition in ["SWITCH SIDES", "REST", "SWITCH SIDES", "REST"] {
        expected.extend(set);
        expected.push(transition);
    }
    expected.extend([
        "GET READY",
        "REPS",
        "RATE",
        "REST",
        "GET READY",
        "STRETCH",
        "RATE",
        "-",
    ]);
    assert_eq!(labels, expected);
    assert_eq!(
        d.sets(),
        vec![
            ("quick-hold".to_string(), "L", 1, 1),
            ("quick-hold".to_string(), "R", 1, 1),
            ("quick-hold".to_string(), "L", 2, 1),
            ("quick-hold".to_string(), "R", 2, 1),
            ("quick-reps".to_string(), "-", 1, 1),
            ("quick-stretch".to_string(), "-", 1, 1),
        ]
    );
    let log = d.log();
    assert_eq!(log.sets[0].seconds, Some(2), "hold seconds recorded");
    assert_eq!(log.sets[4].reps, Some(3), "reps recorded");
    assert_eq!(log.sets[4].seconds, None);
}

#[test]
fn countdown_shows_full_length_then_reaches_zero_at_the_deadline() {
    let mut d = Driver::quick();
    assert_eq!(d.label(), "GET READY");
    assert_eq!(d.session.display_secs(d.now), Some(3));
    assert_eq!(d.session.next_deadline(d.now), Some(d.start + secs(1)));
    assert_eq!(
        title(&d.session, d.now),
        "Quick hold L 1/2 · get ready 0:03"
    );
    // One nanosecond before the deadline it still shows 1 and is still getting ready.
    d.wait(secs(3) - Duration::from_nanos(1));
    assert_eq!(d.session.display_secs(d.now), Some(1));
    assert_eq!(d.label(), "GET READY");
    d.wait(Duration::from_nanos(1));
    assert_eq!(d.label(), "HOLD");
    assert_eq!(d.session.display_secs(d.now), Some(2));
    assert_eq!(title(&d.session, d.now), "Quick hold L 1/2 · 0:02");
}

#[test]
fn steps_chain_from_deadlines_so_a_late_tick_does_not_drift() {
    let mut d = Driver::quick();
    // Tick 300 ms late: the hold started at the get-ready deadline, not at the tick.
    d.wait(secs(3) + ms(300));
    assert_eq!(d.label(), "HOLD");
    assert_eq!(
        d.session.countdown().and_then(|c| c.deadline()),
        Some(d.start + secs(5))
    );
}

#[test]
fn after_a_long_sleep_the_next_step_starts_now_not_in_the_past() {
    let mut d = Driver::quick();
    d.wait(secs(3600));
    assert_eq!(
        d.label(),
        "HOLD",
        "the hold was not counted while nobody was there"
    );
    assert_eq!(d.session.display_secs(d.now), Some(2));
}

#[test]
fn title_says_when_paused() {
    let mut d = Driver::quick();
    d.press(Input::Pause);
    assert_eq!(
        title(&d.session, d.now),
        "Quick hold L 1/2 · get ready 0:03 (paused)"
    );
}

#[test]
fn bell_and_notification_at_the_end_of_a_hold_and_a_rest_and_go_after_a_get_ready() {
    let mut d = Driver::quick();
    let effects = d.wait_out();
    assert_eq!(
        effects,
        vec![Effect::Go],
        "get-ready ends with the go cue alone"
    );
    let effects = d.wait_out();
    assert_eq!(effects[0], Effect::Bell);
    assert!(
        matches!(&effects[1], Effect::Notify(cue) if notification(&d.session, *cue).contains("Quick hold L 1/2"))
    );
    rate(&mut d, 0);
    assert_eq!(d.label(), "SWITCH SIDES");
    assert_eq!(
        d.wait_out(),
        vec![Effect::Go],
        "the side switch ends with go"
    );
    d.run_to_input();
    rate(&mut d, 0);
    assert_eq!(d.label(), "REST");
    let effects = d.wait_out();
    assert!(effects.contains(&Effect::Bell));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Notify(cue) if notification(&d.session, *cue).starts_with("Rest over")))
    );
}

#[test]
fn bell_can_be_turned_off_but_notifications_still_come() {
    let mut d = Driver::quick();
    d.press(Input::ToggleBell);
    assert!(!d.session.bell_on());
    d.wait_out();
    let effects = d.wait_out();
    assert!(!effects.contains(&Effect::Bell));
    assert!(matches!(effects[0], Effect::Notify(_)));
}

#[test]
fn pause_keeps_the_remaining_time_exactly() {
    let mut d = Driver::quick();
    d.wait_out();
    assert_eq!(d.label(), "HOLD");
    d.wait(ms(700));
    let left = remaining(&d);
    assert_eq!(left, Some(ms(1300)));
    d.press(Input::Pause);
    assert_eq!(d.session.screen(), Screen::Paused);
    assert_eq!(d.session.next_deadline(d.now), None);
    d.wait(secs(600));
    assert_eq!(d.label(), "HOLD", "nothing moves while paused");
    assert_eq!(remaining(&d), left);
    d.press(Input::Pause);
    assert_eq!(d.session.screen(), Screen::Countdown);
    assert_eq!(
        d.session.countdown().and_then(|c| c.deadline()),
        Some(d.now + ms(1300))
    );
    d.wait(ms(1299));
    assert_eq!(d.label(), "HOLD");
    d.wait(ms(1));
    assert_eq!(d.label(), "RATE");
}

#[test]
fn rest_can_be_extended_and_cut_short() {
    let mut d = Driver::quick();
    do_set(&mut d, 0);
    d.wait_out();
    do_set(&mut d, 0);
    assert_eq!(d.label(), "REST");
    assert_eq!(d.session.display_secs(d.now), Some(1));
    d.press(Input::Extend);
    assert_eq!(d.session.display_secs(d.now), Some(16));
    d.wait(secs(10));
    assert_eq!(d.label(), "REST");
    d.press(Input::Shorten);
    assert_eq!(
        d.session.display_secs(d.now),
        Some(1),
        "15 s off, never below 1"
    );
    d.press(Input::Extend);
    assert_eq!(d.session.display_secs(d.now), Some(16));
    d.press(Input::Shorten);
    assert_eq!(d.session.display_secs(d.now), Some(1));
    assert_eq!(d.label(), "REST", "shortening never ends the rest");
    let effects = d.press(Input::CutShort);
    assert!(
        effects.is_empty(),
        "cut short by the person: no bell ({effects:?})"
    );
    assert_eq!(d.label(), "GET READY");
    assert_eq!(d.session.current_step().map(|s| s.slot.set), Some(2));
}

#[test]
fn enter_ends_a_hold_early_and_records_the_seconds_done() {
    let mut d = Driver::quick();
    d.wait_out();
    d.wait(ms(1400));
    d.press(Input::Confirm);
    assert_eq!(d.label(), "RATE");
    rate(&mut d, 0);
    assert_eq!(d.log().sets[0].seconds, Some(1));
}

#[test]
fn red_pain_ends_the_exercise_says_why_and_offers_alternatives() {
    let mut d = Driver::new(plan(&[("quick-reps", 2), ("quick-stretch", 1)]));
    d.wait_out(); // the count-in
    d.press(Input::Confirm);
    d.press(Input::Rate(7));
    assert_eq!(d.session.screen(), Screen::RedPain);
    let notice = d.session.notice().unwrap_or_default().to_string();
    assert!(notice.contains("too high") && notice.contains("7/10") && notice.contains('5'));
    assert!(notice.contains("Quick reps ends for today"), "{notice}");
    // One set at rung 2: no set left for an easier rung, so isometric or move on.
    assert_eq!(
        d.session.red_options(),
        vec![
            RedOption::Isometric {
                exercise: "quick-hold".into(),
                name: "Quick hold".into()
            },
            RedOption::MoveOn
        ]
    );
    d.press(Input::Confirm);
    assert_eq!(d.label(), "GET READY");
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-hold")
    );
    assert_eq!(d.session.exercise_position(), Some((2, 3)), "done second");
    let summary = d.session.summary();
    assert!(summary.exercises[0].stopped_for_pain);
}

#[test]
fn an_isometric_that_hurt_too_much_today_is_not_offered_again() {
    // Quick hold (the reps' isometric) comes first and hurts too much; then the reps do too.
    let mut d = Driver::new(plan(&[("quick-hold", 1), ("quick-reps", 2)]));
    do_set(&mut d, 7);
    d.press(Input::Confirm);
    assert_eq!(d.label(), "GET READY");
    d.wait_out();
    assert_eq!(d.label(), "REPS");
    d.press(Input::Confirm);
    d.press(Input::Rate(8));
    assert_eq!(d.session.screen(), Screen::RedPain);
    assert_eq!(d.session.red_options(), vec![RedOption::MoveOn]);
}

#[test]
fn an_isometric_done_earlier_today_numbers_its_sets_on_from_there() {
    let mut d = Driver::new(plan(&[("quick-hold", 1), ("quick-reps", 2)]));
    for _ in 0..4 {
        do_set(&mut d, 1);
    }
    d.run_to_input();
    d.press(Input::Confirm);
    d.press(Input::Rate(8));
    assert!(matches!(
        d.session.red_options()[0],
        RedOption::Isometric { .. }
    ));
    d.press(Input::Confirm);
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-hold")
    );
    assert_eq!(
        d.session.current_step().map(|s| s.slot.set),
        Some(3),
        "sets 1 and 2 of quick-hold are already in the journal for this session"
    );
}

#[test]
fn red_pain_can_continue_on_the_easier_rung_for_the_sets_left() {
    let mut d = Driver::new(plan(&[("quick-hold", 2)]));
    d.run_to_input();
    d.press(Input::Rate(8));
    let options = d.session.red_options();
    assert!(matches!(options[0], RedOption::EasierRung { rung: 1, .. }));
    d.press(Input::Confirm);
    let step = d.session.current_step().copied();
    assert_eq!(step.map(|s| s.slot.set), Some(2), "continues at set 2");
    assert_eq!(d.session.current_block().map(|b| b.rung), Some(1));
    d.wait_out();
    assert_eq!(
        d.session.current_step().map(|s| s.kind),
        Some(StepKind::Hold {
            length: secs(2),
            index: 1,
            of: 1
        })
    );
}

#[test]
fn red_pain_move_on_goes_to_the_next_exercise() {
    let mut d = Driver::quick();
    d.run_to_input();
    rate(&mut d, 6);
    assert_eq!(d.session.screen(), Screen::RedPain);
    assert_eq!(d.session.red_options(), vec![RedOption::MoveOn]);
    d.press(Input::Confirm);
    assert_eq!(d.label(), "GET READY");
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-reps")
    );
}

#[test]
fn a_notice_about_one_exercise_ends_with_the_rest_before_the_next() {
    let mut d = Driver::new(plan(&[("quick-hold", 1), ("quick-reps", 1)]));
    for pain in [1, 1, 1, 4] {
        do_set(&mut d, pain);
    }
    assert_eq!(d.label(), "REST");
    let amber = d.session.notice().unwrap_or_default().to_string();
    assert!(amber.contains("no step up for Quick hold"), "{amber}");
    d.wait_out();
    assert_eq!(d.label(), "GET READY", "Quick reps count in");
    assert_eq!(d.session.notice(), None, "not carried into Quick reps");
}

#[test]
fn amber_pain_finishes_the_set_and_marks_no_progress() {
    let mut d = Driver::quick();
    d.run_to_input();
    rate(&mut d, 4);
    assert_eq!(d.label(), "SWITCH SIDES", "the session carries on");
    assert_eq!(d.session.no_progress(), vec!["quick-hold".to_string()]);
    let notice = d.session.notice().unwrap_or_default();
    assert!(
        notice.contains("acceptable") && notice.contains("no step up"),
        "{notice}"
    );
    // Green stays unmarked; the boundary 2 is green, 3 amber.
    let mut g = Driver::quick();
    g.run_to_input();
    rate(&mut g, 2);
    assert!(g.session.no_progress().is_empty());
    let mut a = Driver::quick();
    a.run_to_input();
    rate(&mut a, 3);
    assert_eq!(a.session.no_progress().len(), 1);
    // 5 is still amber, 6 red.
    let mut five = Driver::quick();
    five.run_to_input();
    rate(&mut five, 5);
    assert_ne!(five.session.screen(), Screen::RedPain);
}

#[test]
fn enter_keeps_the_last_pain_and_effort_is_optional() {
    let mut d = Driver::quick();
    d.run_to_input();
    let effects = d.press(Input::Confirm);
    assert!(effects.is_empty(), "no last pain yet");
    assert!(d.session.notice().is_some());
    d.press(Input::Rate(2));
    assert_eq!(d.session.screen(), Screen::RateEffort);
    d.press(Input::Rate(4));
    d.wait_out();
    d.run_to_input();
    d.press(Input::Confirm);
    d.press(Input::Confirm);
    let log = d.log();
    assert_eq!(log.sets[0].effort, Some(Rating::new(4).unwrap()));
    assert_eq!(log.sets[1].pain, Rating::new(2).unwrap());
    assert_eq!(log.sets[1].effort, None);
}

#[test]
fn red_pain_skips_the_effort_question_and_goes_straight_to_the_dialog() {
    let mut d = Driver::quick();
    d.run_to_input();
    // An amber or green set asks for the optional effort first...
    let mut amber = Driver::quick();
    amber.run_to_input();
    amber.press(Input::Rate(3));
    assert_eq!(amber.session.screen(), Screen::RateEffort);
    // ...a red one is saved at once and the red-pain dialog opens.
    let effects = d.press(Input::Rate(6));
    assert_eq!(d.session.screen(), Screen::RedPain);
    assert!(matches!(
        appended(&effects)[..],
        [RecordBody::SetDone { effort: None, .. }]
    ));
    assert_eq!(d.log().sets[0].pain, Rating::new(6).unwrap());
}

#[test]
fn ten_is_one_keypress() {
    let mut d = Driver::new(plan(&[("quick-reps", 1)]));
    d.wait_out(); // the count-in
    d.press(Input::Confirm);
    d.press(Input::Rate(10));
    assert_eq!(d.log().sets[0].pain, Rating::new(10).unwrap());
}

#[test]
fn every_set_is_appended_the_moment_it_is_rated() {
    let mut d = Driver::quick();
    d.run_to_input();
    d.press(Input::Rate(1));
    assert!(d.log().sets.is_empty(), "waiting for the optional effort");
    let effects = d.press(Input::Confirm);
    assert!(matches!(
        appended(&effects)[..],
        [RecordBody::SetDone { set: 1, .. }]
    ));
    assert_eq!(d.log().sets.len(), 1);
}

#[test]
fn undo_writes_a_correction_and_goes_back_to_redo_the_set() {
    let mut d = Driver::quick();
    do_set(&mut d, 3);
    assert_eq!(d.label(), "SWITCH SIDES");
    let set_id = d.journal.last().map(|r| r.id.clone());
    let effects = d.press(Input::Undo);
    match appended(&effects)[..] {
        [RecordBody::Correction { target, fields, .. }] => {
            assert_eq!(Some(target.clone()), set_id);
            assert_eq!(fields.get("undone"), Some(&serde_json::Value::Bool(true)));
        }
        ref other => panic!("expected one correction, got {other:?}"),
    }
    assert_eq!(d.label(), "GET READY");
    assert_eq!(
        d.session.current_step().map(|s| (s.slot.set, s.slot.side)),
        Some((1, Some(rehab_coach::domain::records::Side::Left)))
    );
    assert!(d.session.no_progress().is_empty(), "amber mark undone too");
    assert!(d.log().sets.is_empty(), "replay ignores the undone set");
    do_set(&mut d, 1);
    assert_eq!(d.sets(), vec![("quick-hold".to_string(), "L", 1, 1)]);
    assert_eq!(
        d.log().sets[0].seconds,
        Some(2),
        "the undone attempt's seconds don't count"
    );
}

#[test]
fn undo_with_nothing_done_says_so() {
    let mut d = Driver::quick();
    let effects = d.press(Input::Undo);
    assert!(effects.is_empty());
    assert_eq!(d.session.notice(), Some("Nothing to undo yet"));
}

#[test]
fn undo_needs_the_record_id_from_the_shell() {
    let mut s = Session::new(
        RecordId(SESSION_ID.into()),
        plan(&[("quick-reps", 1)]),
        &programme(),
        options(),
        std::time::Instant::now(),
    );
    let now = std::time::Instant::now();
    s.apply(Input::Confirm, now); // cuts the count-in short
    s.apply(Input::Confirm, now);
    s.apply(Input::Rate(1), now);
    assert!(s.apply(Input::Undo, now).is_empty());
    assert!(s.notice().is_some_and(|n| n.contains("being saved")));
}

#[test]
fn undo_of_a_red_set_removes_the_replacement_and_reopens_the_exercise() {
    let mut d = Driver::new(plan(&[("quick-reps", 1), ("quick-stretch", 1)]));
    d.wait_out(); // the count-in
    d.press(Input::Confirm);
    d.press(Input::Rate(9));
    d.press(Input::Confirm); // isometric instead
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-hold")
    );
    d.press(Input::Undo);
    assert_eq!(d.label(), "GET READY", "the set counts in again");
    assert_eq!(d.session.block_end(0), None);
    d.wait_out();
    d.press(Input::Confirm);
    rate(&mut d, 1);
    d.run_to_input();
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-stretch"),
        "the isometric was taken out"
    );
}

#[test]
fn skip_asks_a_reason_appends_it_and_moves_on() {
    let mut d = Driver::quick();
    d.wait(ms(500));
    d.press(Input::Skip);
    assert_eq!(d.session.screen(), Screen::SkipReason);
    d.press(Input::Down);
    let effects = d.press(Input::Confirm);
    assert_eq!(
        appended(&effects),
        vec![&RecordBody::ExerciseSkipped {
            session: RecordId(SESSION_ID.into()),
            exercise: "quick-hold".into(),
            reason: "no time".into()
        }]
    );
    assert_eq!(d.label(), "GET READY");
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-reps")
    );
    assert_eq!(
        d.session.summary().exercises[0].skipped.as_deref(),
        Some("no time")
    );
    // A digit picks a reason directly.
    d.press(Input::Skip);
    d.press(Input::Rate(3));
    assert_eq!(d.log().skipped[1].reason, "no equipment");
}

#[test]
fn skip_during_the_rest_after_the_last_set_skips_the_next_exercise_and_keeps_the_rest() {
    let mut d = Driver::new(plan(&[
        ("quick-reps", 1),
        ("quick-hold", 1),
        ("quick-stretch", 1),
    ]));
    do_set(&mut d, 1);
    assert_eq!(d.label(), "REST");
    assert_eq!(d.session.skip_target(), Some(1));
    d.wait(ms(400));
    d.press(Input::Skip);
    d.wait(secs(20));
    d.press(Input::Confirm);
    assert_eq!(d.log().skipped[0].exercise, "quick-hold");
    assert_eq!(d.label(), "REST", "the rest carries on");
    assert_eq!(remaining(&d), Some(ms(600)));
    d.wait_out();
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-stretch")
    );
}

#[test]
fn skip_during_a_rest_between_sets_skips_the_current_exercise() {
    let mut d = Driver::quick();
    do_set(&mut d, 1);
    assert_eq!(d.label(), "SWITCH SIDES");
    assert_eq!(d.session.skip_target(), Some(0));
}

#[test]
fn skip_dialog_cancel_resumes_the_countdown_where_it_was() {
    let mut d = Driver::quick();
    d.wait(ms(500));
    d.press(Input::Skip);
    d.wait(secs(30));
    d.press(Input::Cancel);
    assert_eq!(d.session.screen(), Screen::GetReady);
    assert_eq!(remaining(&d), Some(ms(2500)));
}

#[test]
fn quit_asks_first_and_ends_without_finishing() {
    let mut d = Driver::quick();
    d.press(Input::Quit);
    assert_eq!(d.session.screen(), Screen::QuitConfirm);
    d.press(Input::Cancel);
    assert_eq!(d.session.screen(), Screen::GetReady);
    assert!(!d.session.is_over());
    d.press(Input::Quit);
    let effects = d.press(Input::Confirm);
    assert_eq!(effects, vec![Effect::Ended]);
    assert!(d.session.is_over());
    assert!(d.log().finished.is_none());
}

#[test]
fn quit_from_the_pause_and_staying_goes_back_to_the_pause() {
    let mut d = Driver::quick();
    d.wait(ms(1200));
    d.press(Input::Pause);
    d.press(Input::Quit);
    assert_eq!(d.session.screen(), Screen::QuitConfirm);
    d.wait(secs(60));
    d.press(Input::Cancel);
    assert_eq!(d.session.screen(), Screen::Paused);
    assert_eq!(remaining(&d), Some(ms(1800)));
}

#[test]
fn end_form_then_summary_then_ended() {
    let mut d = Driver::quick();
    finish_all(&mut d);
    assert_eq!(d.session.next_deadline(d.now), None);
    d.press(Input::Rate(3));
    assert_eq!(d.session.screen(), Screen::EndEffort);
    d.press(Input::Cancel);
    assert_eq!(d.session.screen(), Screen::EndPain);
    d.press(Input::Confirm); // keeps the pain typed before (3)
    d.press(Input::Rate(6));
    assert_eq!(d.session.screen(), Screen::EndNote);
    for c in "felt ok!".chars() {
        d.press(Input::Char(c));
    }
    d.press(Input::Backspace);
    d.press(Input::Char('q'));
    let effects = d.press(Input::Confirm);
    assert_eq!(
        appended(&effects),
        vec![&RecordBody::SessionFinished {
            session: RecordId(SESSION_ID.into()),
            pain_after: Rating::new(3).unwrap(),
            effort: Some(Rating::new(6).unwrap()),
            note: Some("felt okq".into()),
        }]
    );
    assert_eq!(d.session.screen(), Screen::Summary);
    let summary = d.session.summary();
    assert_eq!(summary.exercises.len(), 3);
    assert_eq!(summary.exercises[0].sets_done, 4);
    assert_eq!(summary.worst_pain, Rating::new(1).ok());
    assert!(!d.session.is_over());
    assert_eq!(d.press(Input::Confirm), vec![Effect::Ended]);
    assert!(d.session.is_over());
}

#[test]
fn intervals_alternate_walk_and_jog_with_a_bell_at_each_end() {
    let mut d = Driver::new(plan(&[("quick-run", 1)]));
    assert_eq!(
        d.label(),
        "GET READY",
        "an interval set starts with the count-in"
    );
    assert_eq!(d.wait_out(), vec![Effect::Go]);
    assert_eq!(d.label(), "WALK");
    assert_eq!(d.session.screen(), Screen::Interval);
    // The window title says which part it is: a small window shows little else.
    assert_eq!(title(&d.session, d.now), "Quick walk-run 1/2 · walk 0:02");
    assert!(d.wait_out().contains(&Effect::Bell));
    assert_eq!(d.label(), "JOG");
    assert_eq!(title(&d.session, d.now), "Quick walk-run 1/2 · jog 0:03");
    assert_eq!(d.session.display_secs(d.now), Some(3));
    assert!(d.wait_out().contains(&Effect::Bell));
    rate(&mut d, 0);
    assert_eq!(d.label(), "GET READY");
    assert_eq!(d.session.current_step().map(|s| s.slot.set), Some(2));
    d.run_to_input();
    rate(&mut d, 0);
    assert_eq!(d.session.screen(), Screen::EndPain);
    assert_eq!(d.log().sets[1].seconds, Some(5));
}

#[test]
fn resume_after_a_restart_continues_at_the_next_undone_step() {
    let mut d = Driver::quick();
    do_set(&mut d, 1);
    d.wait_out();
    do_set(&mut d, 2);
    d.wait_out();
    do_set(&mut d, 1);
    // Killed during the side switch before set 2 right.
    let log = d.log();
    let later = d.now + secs(3600);
    let s = Session::resume(&log, &programme(), options(), later);
    assert_eq!(s.screen(), Screen::GetReady);
    let step = s.current_step().copied();
    assert_eq!(step.map(|x| x.kind.label()), Some("GET READY"));
    assert_eq!(
        step.map(|x| (x.slot.set, x.slot.side.map(|s| s.letter()))),
        Some((2, Some("R")))
    );
    assert_eq!(
        s.display_secs(later),
        Some(3),
        "timer starts fresh at resume"
    );
    assert_eq!(s.done_sets().len(), 3);
    assert_eq!(s.last_pain(), Rating::new(1).ok());
}

#[test]
fn resume_honours_skips_and_red_pain_and_can_undo_a_saved_set() {
    let mut d = Driver::quick();
    do_set(&mut d, 1);
    d.press(Input::Skip);
    d.press(Input::Confirm);
    d.press(Input::Confirm); // cuts the reps' count-in short
    d.press(Input::Confirm);
    rate(&mut d, 7); // red on reps
    let log = d.log();
    let mut s = Session::resume(&log, &programme(), options(), d.now);
    assert_eq!(
        s.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-stretch")
    );
    let effects = s.apply(Input::Undo, d.now);
    assert!(matches!(
        appended(&effects)[..],
        [RecordBody::Correction { .. }]
    ));
    assert_eq!(s.screen(), Screen::GetReady, "back to redo the red set");
}

#[test]
fn resume_with_every_set_done_goes_to_the_end_form() {
    let mut d = Driver::quick();
    finish_all(&mut d);
    let s = Session::resume(&d.log(), &programme(), options(), d.now);
    assert_eq!(s.screen(), Screen::EndPain);
}

#[test]
fn plan_exercise_missing_from_the_programme_is_left_out_and_said() {
    let mut p = plan(&[("quick-reps", 1)]);
    let mut ghost = p.exercises[0].clone();
    ghost.exercise = "gone".into();
    p.exercises.insert(0, ghost);
    let s = Session::new(
        RecordId(SESSION_ID.into()),
        p,
        &programme(),
        options(),
        std::time::Instant::now(),
    );
    assert_eq!(s.missing_exercises(), ["gone".to_string()]);
    assert!(s.notice().is_some_and(|n| n.contains("gone")));
    assert_eq!(s.screen(), Screen::GetReady);
    assert_eq!(
        s.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-reps")
    );
}

// ---- every input in every state ----

const INPUTS: [Input; 17] = [
    Input::Confirm,
    Input::Rate(4),
    Input::Pause,
    Input::Skip,
    Input::Undo,
    Input::Extend,
    Input::Shorten,
    Input::CutShort,
    Input::Quit,
    Input::Up,
    Input::Down,
    Input::Cancel,
    Input::Char('x'),
    Input::Backspace,
    Input::ToggleBell,
    Input::ToggleVoice,
    Input::TogglePacing,
];

/// What one input did: the screen after, the step label, and the kinds of effects.
fn outcome(d: &mut Driver, input: Input) -> (Screen, &'static str, Vec<&'static str>) {
    let effects = d.press(input);
    let kinds = effects
        .iter()
        .map(|e| match e {
            Effect::Append(body) => body.kind(),
            Effect::Bell => "bell",
            Effect::Go => "go",
            Effect::Tick => "tick",
            Effect::BellChanged(_) => "bell changed",
            Effect::ToggleVoice => "toggle voice",
            Effect::Notify(_) => "notify",
            Effect::Ended => "ended",
        })
        .collect();
    (d.session.screen(), d.label(), kinds)
}

#[test]
fn every_input_in_every_state() {
    use Screen as S;
    // (state, input, screen after, step label after, effects). Inputs not listed for a state
    // leave it exactly as it was, with no effects.
    #[rustfmt::skip]
    let table: &[(Screen, Input, Screen, &str, &[&str])] = &[
        (S::GetReady, Input::Confirm, S::Countdown, "HOLD", &[]),
        (S::GetReady, Input::CutShort, S::Countdown, "HOLD", &[]),
        (S::GetReady, Input::Pause, S::Paused, "GET READY", &[]),
        (S::GetReady, Input::Skip, S::SkipReason, "GET READY", &[]),
        (S::GetReady, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::GetReady, Input::Quit, S::QuitConfirm, "GET READY", &[]),
        (S::Countdown, Input::Confirm, S::RatePain, "RATE", &["bell", "notify"]),
        (S::Countdown, Input::Pause, S::Paused, "HOLD", &[]),
        (S::Countdown, Input::Skip, S::SkipReason, "HOLD", &[]),
        (S::Countdown, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::Countdown, Input::Quit, S::QuitConfirm, "HOLD", &[]),
        (S::Interval, Input::Confirm, S::Interval, "JOG", &["bell", "notify"]),
        (S::Interval, Input::Pause, S::Paused, "WALK", &[]),
        (S::Interval, Input::Skip, S::SkipReason, "WALK", &[]),
        (S::Interval, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::Interval, Input::Quit, S::QuitConfirm, "WALK", &[]),
        (S::Reps, Input::Confirm, S::RatePain, "RATE", &[]),
        (S::Reps, Input::Pause, S::Paused, "REPS", &[]),
        (S::Reps, Input::Skip, S::SkipReason, "REPS", &[]),
        (S::Reps, Input::Quit, S::QuitConfirm, "REPS", &[]),
        (S::Rest, Input::Confirm, S::GetReady, "GET READY", &[]),
        (S::Rest, Input::CutShort, S::GetReady, "GET READY", &[]),
        (S::Rest, Input::Extend, S::Rest, "REST", &[]),
        (S::Rest, Input::Shorten, S::Rest, "REST", &[]),
        (S::Rest, Input::Pause, S::Paused, "REST", &[]),
        (S::Rest, Input::Skip, S::SkipReason, "REST", &[]),
        (S::Rest, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::Rest, Input::Quit, S::QuitConfirm, "REST", &[]),
        (S::SideSwitch, Input::Confirm, S::GetReady, "GET READY", &[]),
        (S::SideSwitch, Input::CutShort, S::GetReady, "GET READY", &[]),
        (S::SideSwitch, Input::Pause, S::Paused, "SWITCH SIDES", &[]),
        (S::SideSwitch, Input::Skip, S::SkipReason, "SWITCH SIDES", &[]),
        (S::SideSwitch, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::SideSwitch, Input::Quit, S::QuitConfirm, "SWITCH SIDES", &[]),
        (S::RatePain, Input::Confirm, S::RateEffort, "RATE", &[]),
        (S::RatePain, Input::Rate(4), S::RateEffort, "RATE", &[]),
        (S::RatePain, Input::Pause, S::Paused, "RATE", &[]),
        (S::RatePain, Input::Skip, S::SkipReason, "RATE", &[]),
        (S::RatePain, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::RatePain, Input::Quit, S::QuitConfirm, "RATE", &[]),
        (S::RateEffort, Input::Confirm, S::SideSwitch, "SWITCH SIDES", &["set_done"]),
        (S::RateEffort, Input::Rate(4), S::SideSwitch, "SWITCH SIDES", &["set_done"]),
        (S::RateEffort, Input::Cancel, S::RatePain, "RATE", &[]),
        (S::RateEffort, Input::Pause, S::Paused, "RATE", &[]),
        (S::RateEffort, Input::Skip, S::SkipReason, "RATE", &[]),
        (S::RateEffort, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::RateEffort, Input::Quit, S::QuitConfirm, "RATE", &[]),
        (S::RedPain, Input::Confirm, S::EndPain, "-", &[]),
        (S::RedPain, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::RedPain, Input::Quit, S::QuitConfirm, "RATE", &[]),
        (S::EndPain, Input::Confirm, S::EndEffort, "-", &[]),
        (S::EndPain, Input::Rate(4), S::EndEffort, "-", &[]),
        (S::EndPain, Input::Undo, S::GetReady, "GET READY", &["correction"]),
        (S::EndPain, Input::Quit, S::QuitConfirm, "-", &[]),
        (S::EndEffort, Input::Confirm, S::EndNote, "-", &[]),
        (S::EndEffort, Input::Rate(4), S::EndNote, "-", &[]),
        (S::EndEffort, Input::Cancel, S::EndPain, "-", &[]),
        (S::EndEffort, Input::Quit, S::QuitConfirm, "-", &[]),
        (S::EndNote, Input::Confirm, S::Summary, "-", &["session_finished"]),
        (S::EndNote, Input::Cancel, S::EndEffort, "-", &[]),
        (S::EndNote, Input::Quit, S::QuitConfirm, "-", &[]),
        (S::EndNote, Input::Char('x'), S::EndNote, "-", &[]),
        (S::EndNote, Input::Backspace, S::EndNote, "-", &[]),
        (S::Summary, Input::Confirm, S::Ended, "-", &["ended"]),
        (S::Summary, Input::Quit, S::Ended, "-", &["ended"]),
        (S::Summary, Input::Cancel, S::Ended, "-", &["ended"]),
        (S::Paused, Input::Confirm, S::Countdown, "HOLD", &[]),
        (S::Paused, Input::Pause, S::Countdown, "HOLD", &[]),
        (S::Paused, Input::Cancel, S::Countdown, "HOLD", &[]),
        (S::Paused, Input::Quit, S::QuitConfirm, "HOLD", &[]),
        (S::SkipReason, Input::Confirm, S::EndPain, "-", &["exercise_skipped"]),
        (S::SkipReason, Input::Rate(4), S::EndPain, "-", &["exercise_skipped"]),
        (S::SkipReason, Input::Cancel, S::Countdown, "HOLD", &[]),
        (S::SkipReason, Input::Skip, S::Countdown, "HOLD", &[]),
        (S::SkipReason, Input::Quit, S::QuitConfirm, "HOLD", &[]),
        (S::QuitConfirm, Input::Confirm, S::Ended, "-", &["ended"]),
        (S::QuitConfirm, Input::Cancel, S::Countdown, "HOLD", &[]),
        (S::QuitConfirm, Input::Quit, S::Countdown, "HOLD", &[]),
    ];
    for &screen in &Screen::ALL {
        for input in INPUTS {
            let mut d = reach(screen);
            let before = (d.session.screen(), d.label());
            let bell = d.session.bell_on();
            let got = outcome(&mut d, input);
            // `b` and `v` work on every screen and say so (the shell holds the voice).
            let quiet = match input {
                Input::ToggleBell => vec!["bell changed"],
                Input::ToggleVoice => vec!["toggle voice"],
                _ => vec![],
            };
            let expected = table
                .iter()
                .find(|row| row.0 == screen && row.1 == input)
                .map(|row| (row.2, row.3, row.4.to_vec()))
                .unwrap_or((before.0, before.1, quiet));
            assert_eq!(got, expected, "{screen:?} + {input:?}");
            if input == Input::ToggleBell {
                assert_eq!(d.session.bell_on(), !bell, "{screen:?} toggles the bell");
            }
        }
    }
}

#[test]
fn skip_dialog_moves_with_up_and_down_within_the_list() {
    let mut d = reach(Screen::SkipReason);
    d.press(Input::Up);
    assert_eq!(
        d.session.overlay(),
        Some(rehab_coach::domain::session::Overlay::SkipReason { choice: 0 })
    );
    for _ in 0..10 {
        d.press(Input::Down);
    }
    assert_eq!(
        d.session.overlay(),
        Some(rehab_coach::domain::session::Overlay::SkipReason { choice: 3 })
    );
    d.press(Input::Confirm);
    assert_eq!(d.log().skipped[0].reason, "other");
}

#[test]
fn red_dialog_moves_with_up_and_down() {
    let mut d = Driver::new(plan(&[("quick-reps", 1), ("quick-stretch", 1)]));
    d.wait_out(); // the count-in
    d.press(Input::Confirm);
    d.press(Input::Rate(6));
    d.press(Input::Down);
    assert_eq!(d.session.stage(), &Stage::RedPain { choice: 1 });
    d.press(Input::Down);
    assert_eq!(d.session.stage(), &Stage::RedPain { choice: 1 });
    d.press(Input::Confirm);
    assert_eq!(
        d.session.current_block().map(|b| b.exercise.id.as_str()),
        Some("quick-stretch")
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const ANY_INPUT: [Input; 18] = [
        Input::Confirm,
        Input::Rate(0),
        Input::Rate(3),
        Input::Rate(6),
        Input::Rate(10),
        Input::Pause,
        Input::Skip,
        Input::Undo,
        Input::Extend,
        Input::CutShort,
        Input::Quit,
        Input::Up,
        Input::Down,
        Input::Cancel,
        Input::Char('a'),
        Input::Backspace,
        Input::ToggleBell,
        Input::Rate(2),
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is pressed, and whenever: the runner never panics, the journal's sets always
        /// match the sets the runner counts as done, and a deadline is always in the future.
        #[test]
        fn any_key_sequence_keeps_the_journal_and_the_runner_in_step(
            moves in proptest::collection::vec((0usize..ANY_INPUT.len(), 0u64..4_000), 1..120),
        ) {
            let mut d = Driver::new(plan(&[
                ("quick-hold", 2),
                ("quick-reps", 1),
                ("quick-run", 1),
                ("quick-stretch", 1),
            ]));
            for (input, wait) in moves {
                d.wait(ms(wait));
                d.press(ANY_INPUT[input]);
                prop_assert_eq!(d.log().sets.len(), d.session.done_sets().len());
                if let Some(deadline) = d.session.next_deadline(d.now) {
                    prop_assert!(deadline > d.now);
                }
                prop_assert_eq!(d.session.is_over(), d.session.screen() == Screen::Ended);
                if d.session.is_over() {
                    break;
                }
            }
        }
    }
}

#[test]
fn timed_sets_start_with_the_count_in_then_go_and_every_set_after_a_rest_too() {
    let mut d = Driver::new(plan(&[("quick-timed", 1)]));
    assert_eq!(
        d.label(),
        "GET READY",
        "no timed set starts the moment it is reached"
    );
    assert_eq!(title(&d.session, d.now), "Quick jumps 1/2 · get ready 0:03");
    assert_eq!(d.wait_out(), vec![Effect::Go]);
    assert_eq!(d.label(), "GO");
    let effects = d.wait_out();
    assert!(effects.contains(&Effect::Bell));
    let done = effects.iter().find_map(|e| match e {
        Effect::Notify(cue) => Some(notification(&d.session, *cue)),
        _ => None,
    });
    assert_eq!(done.as_deref(), Some("Quick jumps 1/2: time up"));
    rate(&mut d, 0);
    assert_eq!(d.label(), "REST");
    d.wait_out();
    assert_eq!(d.label(), "GET READY", "the set after a rest counts in too");
    assert_eq!(d.session.current_step().map(|s| s.slot.set), Some(2));
}

#[test]
fn go_stays_silent_with_the_bell_off() {
    let mut d = Driver::new(plan(&[("quick-timed", 1)]));
    assert_eq!(d.press(Input::ToggleBell), vec![Effect::BellChanged(false)]);
    assert!(d.wait_out().is_empty());
    assert_eq!(d.label(), "GO");
}

#[test]
fn the_effort_question_is_titled_as_effort_and_drops_the_pain_reminder() {
    let mut d = Driver::quick();
    d.run_to_input();
    d.press(Input::Confirm); // no last pain to keep
    assert_eq!(d.session.notice(), Some("Type your pain: 0–9, or t for 10"));
    assert!(title(&d.session, d.now).ends_with("rate pain"));
    d.press(Input::Rate(1));
    assert_eq!(d.session.screen(), Screen::RateEffort);
    assert!(title(&d.session, d.now).ends_with("rate effort"));
    assert_eq!(d.session.notice(), None);
}

#[test]
fn a_rep_set_with_a_tempo_runs_a_paced_count_that_m_turns_off() {
    use rehab_coach::domain::session::Phase;
    // Quick reps: 3 reps at tempo 1-0-1 (no pause phase), after the 3 s get-ready count.
    let mut d = Driver::new(plan(&[("quick-reps", 1)]));
    assert_eq!(d.session.screen(), Screen::GetReady);
    let beat = |d: &Driver| d.session.beat(d.now).map(|b| (b.rep, b.phase, b.secs_left));
    assert_eq!(d.session.next_deadline(d.now), Some(d.start + secs(1)));
    assert!(d.wait(secs(1)).is_empty(), "no tick in the count-in");
    assert_eq!(
        d.wait(secs(2)),
        vec![Effect::Go],
        "the first rep starts with one go, not a go from the count-in and one from the count"
    );
    assert_eq!(d.session.screen(), Screen::Reps);
    assert_eq!(beat(&d), Some((1, Phase::Down, 1)));
    assert_eq!(d.wait(secs(1)), vec![Effect::Tick], "a tick per phase");
    assert_eq!(beat(&d), Some((1, Phase::Up, 1)));
    assert_eq!(d.wait(secs(1)), vec![Effect::Tick]);
    assert_eq!(beat(&d), Some((2, Phase::Down, 1)));
    // Paused: the count holds exactly, and nothing ticks.
    d.press(Input::Pause);
    assert_eq!(d.session.next_deadline(d.now), None);
    assert!(d.wait(secs(60)).is_empty());
    d.press(Input::Pause);
    assert_eq!(beat(&d), Some((2, Phase::Down, 1)));
    d.wait(secs(4));
    assert_eq!(beat(&d), None, "the count is over; the set waits for Enter");
    assert_eq!(
        d.session.next_deadline(d.now),
        None,
        "no wake-ups after the count"
    );
    assert_eq!(d.session.screen(), Screen::Reps);
    d.press(Input::Confirm);
    assert_eq!(d.session.screen(), Screen::RatePain);
}

#[test]
fn pacing_off_leaves_the_rep_set_to_the_person_and_the_bell_off_keeps_it_silent() {
    let mut d = Driver::new(plan(&[("quick-reps", 1)]));
    d.wait_out(); // the count-in
    assert_eq!(d.session.screen(), Screen::Reps);
    assert!(
        d.session.pacing_on(),
        "on by default where the programme gives a tempo"
    );
    d.press(Input::TogglePacing);
    assert!(!d.session.pacing_on());
    assert_eq!(d.session.beat(d.now), None);
    assert_eq!(
        d.session.next_deadline(d.now),
        None,
        "no timer, no wake-ups"
    );
    assert!(
        d.session
            .notice()
            .is_some_and(|n| n.contains("m turns it on"))
    );
    d.press(Input::TogglePacing);
    assert!(
        d.session.beat(d.now).is_some(),
        "back on: the count starts now"
    );
    d.press(Input::ToggleBell);
    assert!(d.wait(secs(5)).is_empty(), "no ticks while the bell is off");
    assert!(d.session.beat(d.now).is_some());
}

#[test]
fn a_rep_set_without_a_tempo_counts_in_then_gives_the_go_cue() {
    let mut untimed = programme();
    for exercise in &mut untimed.exercises {
        exercise.tempo = None;
    }
    let t0 = std::time::Instant::now();
    let mut s = Session::new(
        RecordId(SESSION_ID.into()),
        plan(&[("quick-reps", 1)]),
        &untimed,
        options(),
        t0,
    );
    assert_eq!(s.screen(), Screen::GetReady, "no rep set starts cold");
    assert_eq!(s.display_secs(t0), Some(3));
    // The count redraws once a second, on the second, and never wakes in between.
    assert_eq!(s.next_deadline(t0), Some(t0 + secs(1)));
    assert!(s.tick(t0 + secs(1)).is_empty());
    assert_eq!(s.display_secs(t0 + secs(1)), Some(2));
    assert_eq!(s.next_deadline(t0 + ms(1500)), Some(t0 + secs(2)));
    assert!(s.tick(t0 + ms(2999)).is_empty());
    assert_eq!(s.screen(), Screen::GetReady);
    assert_eq!(
        s.tick(t0 + secs(3)),
        vec![Effect::Go],
        "go when it reaches 0"
    );
    assert_eq!(s.screen(), Screen::Reps);
    assert_eq!(s.beat(t0 + secs(3)), None, "no tempo: no paced count");
    assert_eq!(s.next_deadline(t0 + secs(3)), None, "waits for Enter");
    s.apply(Input::Confirm, t0 + secs(20));
    assert_eq!(s.screen(), Screen::RatePain);
}
