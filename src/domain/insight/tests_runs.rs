//! Runs in the day classification and adherence, at the boundaries of the rule in `day.rs`: a run
//! counts as a complete session where running is part of the plan (`rules.running_caps`), is a
//! flare above the ceiling on every programme, and counts whatever its pace.

use super::test_history::{PROGRAMME, RunStory, day, quick_programme, with_runs};
use super::*;
use crate::domain::history::History;
use crate::domain::programme::Programme;
use crate::domain::settings::CoachSettings;
use chrono::NaiveDate;

/// `PROGRAMME` at `per_week` sessions a week, with or without running in the plan.
fn programme(per_week: u32, running: bool) -> Programme {
    let mut p = quick_programme(per_week);
    p.id = PROGRAMME.into();
    p.rules.running_caps = running;
    p
}

fn with<T>(
    h: &History,
    (per_week, running): (u32, bool),
    today: NaiveDate,
    f: impl Fn(&DayClassifier) -> T,
) -> T {
    let p = programme(per_week, running);
    let lookup = |id: &str| (id == p.id).then_some(&p);
    f(&DayClassifier::new(
        h,
        &CoachSettings::default(),
        &lookup,
        today,
    ))
}

/// 5 km in 30 min at pain `pain`.
fn run(d: u32, pain: i64) -> (u32, f64, f64, i64) {
    (d, 30.0, 5.0, pain)
}

const RUNNING: (u32, bool) = (7, true);
const NO_RUNNING: (u32, bool) = (7, false);

/// What the classifier says about day 3: its kind, trained, trained partly, a session logged.
#[derive(Debug, PartialEq)]
struct Seen(DayKind, bool, bool, bool);

/// Day 3 of `story` as seen on day 5.
fn seen(story: RunStory, plan: (u32, bool)) -> Seen {
    let h = with_runs(story);
    with(&h, plan, day(5), |d| {
        Seen(
            d.kind(day(3)),
            d.trained(day(3)),
            d.trained_partly(day(3)),
            d.session_logged(day(3)),
        )
    })
}

fn runs(runs: &[(u32, f64, f64, i64)]) -> RunStory<'_> {
    RunStory {
        runs,
        ..Default::default()
    }
}

#[test]
fn each_day_with_runs_is_classified_by_the_rule() {
    use DayKind::{Done, Flare, Missed, Partial};
    let one_run = [run(3, 2)];
    let walk = [(3, 40.0, 3.0, 1)]; // 13 min per km: a walk logged as a run
    let at_ceiling = [run(3, 5)];
    let above_ceiling = [run(3, 6)];
    let cases = [
        (
            "run only, running planned",
            runs(&one_run),
            RUNNING,
            Seen(Done, true, false, false),
        ),
        (
            "run only, running not planned",
            RunStory {
                sessions: &[1, 2],
                ..runs(&one_run)
            },
            NO_RUNNING,
            Seen(Missed, false, false, false),
        ),
        (
            "run and a full session",
            RunStory {
                sessions: &[3],
                ..runs(&one_run)
            },
            RUNNING,
            Seen(Done, true, false, true),
        ),
        (
            "run and a partial session: the run is the day's complete session",
            RunStory {
                partial: &[3],
                ..runs(&one_run)
            },
            RUNNING,
            Seen(Done, true, false, true),
        ),
        (
            "partial session, no run",
            RunStory {
                partial: &[3],
                ..runs(&[])
            },
            RUNNING,
            Seen(Partial, true, true, true),
        ),
        (
            "run at the ceiling (5/10)",
            runs(&at_ceiling),
            RUNNING,
            Seen(Done, true, false, false),
        ),
        (
            "run just above the ceiling (6/10): a flare, still counted",
            runs(&above_ceiling),
            RUNNING,
            Seen(Flare, true, false, false),
        ),
        (
            "painful run where running is not planned: a flare, not training",
            runs(&above_ceiling),
            NO_RUNNING,
            Seen(Flare, false, false, false),
        ),
        (
            "a walk logged as a run counts as logged",
            runs(&walk),
            RUNNING,
            Seen(Done, true, false, false),
        ),
        (
            "no run, running planned, every day planned",
            RunStory {
                sessions: &[1, 2],
                ..runs(&[])
            },
            RUNNING,
            Seen(Missed, false, false, false),
        ),
    ];
    for (case, story, plan, expected) in cases {
        assert_eq!(seen(story, plan), expected, "{case}");
    }
}

#[test]
fn runs_count_toward_streak_and_adherence_where_running_is_planned() {
    // Three times a week (4 idle days allowed in any 7): runs Mon 2, Wed 4, Fri 6, Mon 9.
    let h = with_runs(runs(&[run(2, 2), run(4, 2), run(6, 3), run(9, 1)]));
    let today = day(10);
    assert_eq!(with(&h, (3, true), today, adherence), (4, 4));
    assert_eq!(with(&h, (3, true), today, streak), 9);
    // The same runs on a programme without running: no training at all.
    assert_eq!(with(&h, (3, false), today, adherence), (0, 4));
    assert_eq!(with(&h, (3, false), today, streak), 0);
}

#[test]
fn a_run_today_counts_today_once_logged() {
    let h = with_runs(RunStory {
        sessions: &[1, 2],
        runs: &[run(3, 2)],
        ..Default::default()
    });
    let today = day(3);
    assert_eq!(with(&h, RUNNING, today, streak), 3);
    assert_eq!(with(&h, RUNNING, today, adherence), (3, 3));
    // Not a session: Today still offers the session and does not call it done.
    assert!(!with(&h, RUNNING, today, |d| d.session_logged(today)));
}
