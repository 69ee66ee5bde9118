//! Rendering each screen of the full-screen coach at 120×40 on TestBackend (target: < 1 ms a
//! frame). Run: `cargo bench --bench render`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rehab_coach::app::journal::{Journal, MemoryJournal};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::config::Config;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::RecordBody;
use rehab_coach::tui::app::{App, Msg};
use rehab_coach::tui::theme::Theme;
use rehab_coach::tui::view;
use std::hint::black_box;
use std::time::Instant;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// Days of journal behind the Today screen (a few months of daily use).
const JOURNAL_DAYS: u64 = 90;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn catalogue() -> Catalogue {
    let quick = parse_programme(include_str!("../tests/fixtures/quick.toml")).unwrap();
    Catalogue {
        entries: vec![CatalogueEntry {
            programme: quick,
            origin: Origin::Builtin,
        }],
        ..Default::default()
    }
}

fn journal() -> MemoryJournal {
    let mut j = MemoryJournal::default();
    let start = today()
        .checked_sub_days(chrono::Days::new(JOURNAL_DAYS))
        .unwrap();
    j.append(
        start,
        RecordBody::ProgrammeChosen {
            programme: "quick-test".into(),
            start,
        },
    )
    .unwrap();
    for back in (0..=JOURNAL_DAYS).rev() {
        let day = today().checked_sub_days(chrono::Days::new(back)).unwrap();
        let body = RecordBody::CheckIn {
            pain: Rating::new((back % 6) as i64).ok(),
            stiffness: Rating::new(2).ok(),
            load_test: None,
            red_flags: Default::default(),
        };
        j.append(day, body).unwrap();
    }
    j
}

fn app(journal: MemoryJournal) -> App {
    App::new(
        Box::new(journal),
        catalogue(),
        Config::default(),
        today(),
        Theme::from_env(rehab_coach::domain::config::ThemeChoice::Auto),
        Instant::now(),
    )
}

fn press(app: &mut App, code: KeyCode) {
    app.update(
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        Instant::now(),
    );
}

fn bench_screen(c: &mut Criterion, name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            terminal.draw(|f| view::render(black_box(app), f)).unwrap();
        })
    });
}

fn screens(c: &mut Criterion) {
    let mut first = app(MemoryJournal::default());
    bench_screen(c, "first_run_welcome", &first);
    press(&mut first, KeyCode::Enter);
    bench_screen(c, "first_run_red_flag", &first);

    let mut today = app(journal());
    bench_screen(c, "today", &today);
    press(&mut today, KeyCode::Char('?'));
    bench_screen(c, "today_help", &today);
    press(&mut today, KeyCode::Esc);
    press(&mut today, KeyCode::Char('c'));
    bench_screen(c, "checkin", &today);
    press(&mut today, KeyCode::Esc);
    press(&mut today, KeyCode::Char('p'));
    bench_screen(c, "chooser", &today);
    press(&mut today, KeyCode::Esc);
    press(&mut today, KeyCode::Char('s'));
    bench_screen(c, "session", &today);
}

criterion_group!(benches, screens);
criterion_main!(benches);
