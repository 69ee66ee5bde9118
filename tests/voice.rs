//! Spoken cues, the pure part: what the announcer says as a whole session runs on a simulated
//! clock, at each level of detail, and when its next words fall due.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

mod session_fixture;

use rehab_coach::domain::config::VoiceDetail;
use rehab_coach::domain::programme::{Exercise, ExerciseKind, Programme, Rung};
use rehab_coach::domain::records::RecordId;
use rehab_coach::domain::session::voice::{Announcer, VoiceOptions};
use rehab_coach::domain::session::{Input, Screen, Session};
use session_fixture::{Driver, options, plan, programme, quick_plan};
use std::time::{Duration, Instant};

/// A session driven like the shell drives it, with every word said and when (ms from start).
struct Voiced {
    d: Driver,
    voice: Announcer,
    said: Vec<(u128, String)>,
}

impl Voiced {
    fn new(d: Driver, detail: VoiceDetail) -> Voiced {
        let mut v = Voiced {
            d,
            voice: Announcer::new(VoiceOptions {
                detail,
                time_left_every: 30,
            }),
            said: Vec::new(),
        };
        v.look();
        v
    }

    fn look(&mut self) {
        if let Some(words) = self.voice.observe(&self.d.session, self.d.now) {
            let at = self.d.now.duration_since(self.d.start).as_millis();
            self.said.push((at, words));
        }
    }

    fn press(&mut self, input: Input) {
        self.d.press(input);
        self.look();
    }

    /// Sleep until the first deadline (the runner's or the voice's), as the event loop does.
    /// False when nothing is scheduled (the session waits for a key).
    fn sleep(&mut self) -> bool {
        let now = self.d.now;
        let runner = self.d.session.next_deadline(now);
        let voice = self.voice.next_deadline(&self.d.session, now);
        let Some(next) = runner.into_iter().chain(voice).min() else {
            return false;
        };
        self.d.wait(next.saturating_duration_since(now));
        self.look();
        true
    }

    /// Run the clock and answer every question (pain 1, no effort, Enter for reps) to the end
    /// form.
    fn run_to_end(&mut self) {
        while self.d.session.screen() != Screen::EndPain {
            if self.sleep() {
                continue;
            }
            match self.d.session.screen() {
                Screen::RatePain => self.press(Input::Rate(1)),
                Screen::RateEffort | Screen::Reps => self.press(Input::Confirm),
                other => panic!("stuck at {other:?}"),
            }
        }
    }

    fn words(&self) -> Vec<&str> {
        self.said.iter().map(|(_, w)| w.as_str()).collect()
    }

    fn at(&self, words: &str) -> Vec<u128> {
        self.said
            .iter()
            .filter(|(_, w)| w == words)
            .map(|(t, _)| *t)
            .collect()
    }
}

#[test]
fn a_whole_session_is_said_in_order_at_normal_detail() {
    let mut v = Voiced::new(Driver::quick(), VoiceDetail::Normal);
    v.run_to_end();
    assert_eq!(
        v.words(),
        [
            // Quick hold: the count after the intro would cut it off, so only "go".
            "Quick hold, left side, 2 sets of 2 seconds",
            "go",
            "done: rate your pain",
            "switch sides, right side",
            "3",
            "2",
            "1",
            "go",
            "done: rate your pain",
            "rest, 1 second",
            // The rest ends on the left side: it says so, and "2" would cut it off.
            "last set, left side",
            "1",
            "go",
            "done: rate your pain",
            "switch sides, right side",
            "3",
            "2",
            "1",
            "go",
            "done: rate your pain",
            "rest, 1 second",
            // Quick reps has the tempo 1-0-1: a paced count.
            "Quick reps, 1 set of 3 reps",
            "go",
            "up",
            "2",
            "up",
            "3",
            "up",
            "all reps done, press Enter",
            "done: rate your pain",
            "rest, 1 second",
            "Quick stretch, 1 set of 2 seconds",
            "go",
            "done: rate your pain",
            "session done: rate your pain",
        ]
    );
}

#[test]
fn go_and_switch_sides_come_at_their_moments() {
    let mut v = Voiced::new(Driver::quick(), VoiceDetail::Normal);
    v.run_to_end();
    // Get-ready 3 s, then the 2 s hold; ratings take no time on this clock.
    let go = v.at("go");
    assert_eq!(go[0], 3_000, "the first go is the get-ready's end");
    // The side switch (5 s) starts the moment the left side is rated, at the hold's end.
    assert_eq!(v.at("switch sides, right side")[0], 5_000);
    assert_eq!(go[1], 5_000 + 5_000 + 3_000);
    // The count is said on the second it shows.
    assert_eq!(v.at("3")[0], 10_000);
    assert_eq!(v.at("2")[0], 11_000);
    assert_eq!(v.at("1")[0], 12_000);
}

#[test]
fn minimal_says_the_name_and_the_moments_only() {
    let mut v = Voiced::new(Driver::quick(), VoiceDetail::Minimal);
    v.run_to_end();
    let words = v.words();
    assert_eq!(words[0], "Quick hold, left side");
    assert!(words.contains(&"switch sides"), "{words:?}");
    assert!(words.contains(&"rest"), "{words:?}");
    assert!(words.contains(&"Quick reps"), "{words:?}");
    for gone in ["3", "2", "1", "up", "last set"] {
        assert!(!words.contains(&gone), "{gone} at minimal: {words:?}");
    }
    assert_eq!(words.iter().filter(|w| **w == "go").count(), 6);
    assert_eq!(words.last(), Some(&"session done: rate your pain"));
}

#[test]
fn chatty_adds_sets_what_comes_next_and_the_first_cue() {
    let mut v = Voiced::new(Driver::quick(), VoiceDetail::Chatty);
    v.run_to_end();
    let words = v.words();
    assert_eq!(
        words[0],
        "Quick hold, left side, 2 sets of 2 seconds, Press gently"
    );
    assert!(words.contains(&"last set, left side"), "{words:?}");
    assert!(
        words.contains(&"rest, 1 second, next: Quick reps"),
        "{words:?}"
    );
}

/// A programme of one exercise, and its session started at `start`.
fn one_exercise(exercise: Exercise, start: Instant) -> Driver {
    let mut p = programme();
    p.exercises.push(exercise.clone());
    let plan = rehab_coach::domain::plan::PlanSnapshot {
        exercises: vec![rehab_coach::domain::plan::SnapshotExercise {
            exercise: exercise.id.as_str().into(),
            rung: 1,
            dose: exercise.rungs[0].clone(),
            decision: rehab_coach::domain::plan::Decision::Hold,
            reasons: vec![],
        }],
        ..plan(&[])
    };
    driver_for(&p, plan, start)
}

fn driver_for(
    p: &Programme,
    plan: rehab_coach::domain::plan::PlanSnapshot,
    start: Instant,
) -> Driver {
    let session = Session::new(RecordId("dev-000001".into()), plan, p, options(), start);
    Driver {
        session,
        now: start,
        start,
        journal: Vec::new(),
        effects: Vec::new(),
    }
}

fn exercise(id: &str, name: &str, kind: ExerciseKind, rung: Rung) -> Exercise {
    let mut e = programme().exercises[0].clone();
    e.id = id.into();
    e.name = name.into();
    e.kind = kind;
    e.sides = Default::default();
    e.tempo = None;
    e.rungs = vec![rung];
    e
}

#[test]
fn a_long_hold_calls_the_time_left_on_its_own_deadlines() {
    let start = Instant::now();
    let hold = exercise(
        "long",
        "Long hold",
        ExerciseKind::Hold,
        Rung {
            sets: 1,
            hold: Some(65),
            rest: 0,
            ..Default::default()
        },
    );
    let mut v = Voiced::new(one_exercise(hold, start), VoiceDetail::Normal);
    assert_eq!(v.words(), ["Long hold, 1 set of 65 seconds"]);
    v.d.wait_out(); // the get-ready
    v.look();
    // The voice's own deadline: 60 s shown, 5 s into the hold.
    assert_eq!(
        v.voice.next_deadline(&v.d.session, v.d.now),
        Some(v.d.now + Duration::from_secs(5))
    );
    // Paused, nothing falls due.
    v.press(Input::Pause);
    assert_eq!(v.voice.next_deadline(&v.d.session, v.d.now), None);
    v.press(Input::Pause);
    v.run_to_end();
    assert_eq!(
        v.words(),
        [
            "Long hold, 1 set of 65 seconds",
            "go",
            "1 minute left",
            "30 seconds left",
            "done: rate your pain",
            "session done: rate your pain",
        ]
    );
    assert_eq!(v.at("1 minute left"), [8_000]);
    assert_eq!(v.at("30 seconds left"), [38_000]);
}

#[test]
fn no_time_left_calls_when_turned_off_and_a_long_rest_warns_at_ten_seconds() {
    let start = Instant::now();
    let hold = exercise(
        "long",
        "Long hold",
        ExerciseKind::Timed,
        Rung {
            sets: 2,
            duration: Some(65),
            rest: 60,
            ..Default::default()
        },
    );
    let mut v = Voiced::new(one_exercise(hold, start), VoiceDetail::Normal);
    v.voice = Announcer::new(VoiceOptions {
        detail: VoiceDetail::Normal,
        time_left_every: 0,
    });
    v.said.clear();
    v.look();
    v.run_to_end();
    let words = v.words();
    assert!(!words.iter().any(|w| w.ends_with("left")), "{words:?}");
    assert!(words.contains(&"rest, 1 minute"), "{words:?}");
    assert!(words.contains(&"10 seconds"), "{words:?}");
}

#[test]
fn intervals_say_walk_and_jog_and_names_are_spoken_as_plain_words() {
    let start = Instant::now();
    let mut run = programme()
        .exercises
        .iter()
        .find(|e| e.id == "quick-hold")
        .cloned()
        .unwrap();
    run.id = "odd".into();
    run.name = "--speed=999 Walk\u{7}\u{1b}]2;x\nrun".into();
    run.kind = ExerciseKind::Interval;
    run.sides = Default::default();
    run.rungs = vec![Rung {
        sets: 1,
        walk: Some(90),
        run: Some(60),
        load: Some("light\tvest".into()),
        ..Default::default()
    }];
    let mut v = Voiced::new(one_exercise(run, start), VoiceDetail::Normal);
    v.run_to_end();
    let words = v.words();
    assert_eq!(
        words[0],
        "speed=999 Walk]2;x run, 1 set of walk 90 seconds and jog 1 minute, light vest"
    );
    assert!(words.contains(&"go, walk, 90 seconds"), "{words:?}");
    assert!(words.contains(&"1 minute left"), "{words:?}");
    assert!(words.contains(&"jog, 1 minute"), "{words:?}");
    assert!(words.contains(&"30 seconds left"), "{words:?}");
}

#[test]
fn red_pain_is_said_and_a_replacement_is_introduced() {
    let mut v = Voiced::new(
        Driver::new(plan(&[("quick-hold", 2), ("quick-stretch", 1)])),
        VoiceDetail::Normal,
    );
    while v.d.session.screen() != Screen::RatePain {
        assert!(v.sleep());
    }
    v.press(Input::Rate(8));
    assert_eq!(
        v.said.last().map(|(_, w)| w.as_str()),
        Some("pain too high: Quick hold ends for today. Choose what comes next")
    );
    // The easier rung for the sets left is a new block: introduced again.
    v.press(Input::Confirm);
    assert_eq!(
        v.said.last().map(|(_, w)| w.as_str()),
        Some("Quick hold, left side, 1 set of 2 seconds")
    );
}

#[test]
fn after_an_undo_the_count_waits_until_the_words_before_are_said() {
    let mut v = Voiced::new(Driver::quick(), VoiceDetail::Normal);
    while v.d.session.screen() != Screen::SideSwitch {
        if !v.sleep() {
            v.press(Input::Rate(1));
            v.press(Input::Confirm);
        }
    }
    let undone_at = v.d.now;
    let before = v.said.len();
    v.press(Input::Undo);
    assert_eq!(v.d.session.screen(), Screen::GetReady);
    while v.d.session.screen() == Screen::GetReady {
        assert!(v.sleep());
    }
    // "switch sides, right side" (about 1.7 s) was said at this same instant: the count's
    // "3" and "2" would cut it off, "1" and "go" do not.
    let after: Vec<(u128, &str)> = v.said[before..]
        .iter()
        .map(|(t, w)| (*t, w.as_str()))
        .collect();
    let t0 = undone_at.duration_since(v.d.start).as_millis();
    assert_eq!(after, [(t0 + 2_000, "1"), (t0 + 3_000, "go")]);
}

#[test]
fn a_resumed_session_starts_with_where_it_is() {
    let mut d = Driver::quick();
    session_fixture::do_set(&mut d, 1);
    let log = d.log();
    let later = d.now + Duration::from_secs(600);
    let session = Session::resume(&log, &programme(), options(), later);
    let mut d2 = driver_for(&programme(), quick_plan(), later);
    d2.session = session;
    let v = Voiced::new(d2, VoiceDetail::Normal);
    assert_eq!(v.words(), ["Quick hold, right side, set 1 of 2, 2 seconds"]);
}

#[test]
fn a_rest_that_ends_on_the_other_side_says_the_side() {
    let start = Instant::now();
    let mut hold = exercise(
        "three",
        "Three holds",
        ExerciseKind::Hold,
        Rung {
            sets: 3,
            hold: Some(2),
            rest: 20,
            ..Default::default()
        },
    );
    hold.sides = rehab_coach::domain::programme::Sides::Each;
    let mut v = Voiced::new(one_exercise(hold, start), VoiceDetail::Normal);
    v.run_to_end();
    let words = v.words();
    // Left, switch, right, rest; then left again: said after each rest, never after a switch.
    assert_eq!(
        words
            .iter()
            .filter(|w| w.ends_with("side"))
            .copied()
            .collect::<Vec<_>>(),
        [
            "switch sides, right side",
            "left side",
            "switch sides, right side",
            "last set, left side",
            "switch sides, right side",
        ],
        "{words:?}"
    );
}
