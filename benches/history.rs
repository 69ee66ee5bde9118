//! Rendering every history view for a 10-year journal (target: under 16 ms a frame), plus the
//! one-off cost of replaying the journal and deriving the views (`refresh`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rehab_coach::domain::catalogue::Catalogue;
use rehab_coach::domain::history::History;
use rehab_coach::export::sample;
use rehab_coach::store::journal_line::apply_fields;
use rehab_coach::tui::history::{HistoryScreen, View};
use std::hint::black_box;

const TEN_YEARS_DAYS: u32 = 3653;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn press(screen: &mut HistoryScreen, code: KeyCode) {
    screen.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn bench(c: &mut Criterion) {
    let start = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap_or_default();
    let records = sample::journal(start, TEN_YEARS_DAYS);
    let today = records.iter().map(|r| r.date).max().unwrap_or(start);
    let history = History::replay(records.clone(), apply_fields);
    let catalogue = Catalogue::default();

    c.bench_function("replay journal (10 years)", |b| {
        b.iter(|| black_box(History::replay(black_box(records.clone()), apply_fields)))
    });
    c.bench_function("derive history views (10 years)", |b| {
        b.iter(|| black_box(HistoryScreen::new(black_box(&history), &catalogue, today)))
    });

    let mut screen = HistoryScreen::new(&history, &catalogue, today);
    // The widest range: every day of ten years on the chart.
    press(&mut screen, KeyCode::Char('r'));
    press(&mut screen, KeyCode::Char('r'));
    let mut terminal = match Terminal::new(TestBackend::new(WIDTH, HEIGHT)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    for view in View::ALL {
        c.bench_function(&format!("render {} 120x40 (10 years)", view.title()), |b| {
            b.iter(|| {
                let drawn = terminal.draw(|frame| screen.render(frame, frame.area()));
                black_box(drawn.is_ok());
            })
        });
        press(&mut screen, KeyCode::Tab);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
