//! Rendering the session runner at 120×40 (target: under 1 ms a frame), and the timer work the
//! event loop does on every wake-up (tick + next deadline).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rehab_coach::domain::plan::{Decision, PlanSnapshot, SnapshotExercise};
use rehab_coach::domain::programme::Programme;
use rehab_coach::domain::records::RecordId;
use rehab_coach::domain::session::{Input, Session, SessionOptions};
use rehab_coach::tui::session_view;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn quick_session(now: Instant) -> Session {
    let programme: Programme = toml::from_str(include_str!("../tests/fixtures/quick.toml"))
        .expect("the quick fixture parses");
    let plan = PlanSnapshot {
        programme: programme.id.as_str().into(),
        phase: "T1".into(),
        decision: Decision::Hold,
        reasons: vec![],
        deload: false,
        exercises: programme
            .exercises
            .iter()
            .map(|e| SnapshotExercise {
                exercise: e.id.as_str().into(),
                rung: 1,
                dose: e.rungs[0].clone(),
                decision: Decision::Hold,
                reasons: vec![],
            })
            .collect(),
    };
    Session::new(
        RecordId("bench-1".into()),
        plan,
        &programme,
        SessionOptions::default(),
        now,
    )
}

fn render(c: &mut Criterion) {
    let start = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");

    let countdown = quick_session(start);
    let at = start + Duration::from_millis(1500);
    c.bench_function("runner countdown 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| session_view::render(black_box(&countdown), at, f, f.area()))
                .expect("draws");
        })
    });

    let mut rating = quick_session(start);
    let after = start + Duration::from_secs(10);
    rating.tick(after);
    c.bench_function("runner pain rating 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| session_view::render(black_box(&rating), after, f, f.area()))
                .expect("draws");
        })
    });

    let mut dialog = quick_session(start);
    dialog.apply(Input::Skip, start);
    c.bench_function("runner skip dialog 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| session_view::render(black_box(&dialog), start, f, f.area()))
                .expect("draws");
        })
    });
}

fn wake_up(c: &mut Criterion) {
    let start = Instant::now();
    let mut session = quick_session(start);
    let now = start + Duration::from_millis(500);
    c.bench_function("runner tick + next deadline", |b| {
        b.iter(|| {
            let effects = session.tick(black_box(now));
            black_box((
                effects,
                session.next_deadline(now),
                session_view::title::title(&session, now),
            ))
        })
    });
}

criterion_group!(benches, render, wake_up);
criterion_main!(benches);
