//! The report's one-page summary for three stories a physiotherapist meets, each written by
//! following the real coach day by day: steady progress, a flare the coach refers, and a plateau.
//! Snapshots of the summary (down to the week-by-week table) plus the facts each must state.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/coach_journal.rs"]
mod coach_journal;

use coach_journal::{Journal, date, programme};
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::records::RecordBody;
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::export::{self, DayRange};

fn catalogue() -> Catalogue {
    Catalogue {
        entries: vec![CatalogueEntry {
            programme: programme(),
            origin: Origin::Builtin,
        }],
        ..Catalogue::default()
    }
}

/// The summary: everything above the week-by-week table.
fn summary(j: &Journal, last_day: u32) -> String {
    let text = export::report(
        &j.history(),
        &catalogue(),
        &CoachSettings::default(),
        date(last_day + 1),
        DayRange::new(Some(date(0)), Some(date(last_day))),
    );
    let end = text.find("## Week by week").unwrap();
    text[..end].to_string()
}

/// A morning check-in with stiffness (one below pain) and the weekly red-flag questions.
fn morning(j: &mut Journal, day: u32, pain: u8) {
    let red_flags = if day.is_multiple_of(7) {
        [("both_legs".to_string(), false)].into_iter().collect()
    } else {
        Default::default()
    };
    j.push(
        day,
        RecordBody::CheckIn {
            pain: Some(coach_journal::rating(pain)),
            stiffness: Some(coach_journal::rating(pain.saturating_sub(1))),
            load_test: None,
            red_flags,
        },
    );
}

#[test]
fn steady_progress() {
    let mut j = Journal::new(programme());
    // Six weeks: mornings 5/10 easing to 2/10, sessions within the ceiling, one rest day a week.
    for day in 0..42 {
        morning(&mut j, day, 5 - (day / 11) as u8);
        if day % 7 != 6 {
            j.follow(day, 3, 2);
        }
    }
    let text = summary(&j, 41);
    assert!(text.contains("better by 3: a meaningful change"), "{text}");
    assert!(text.contains("step up"), "{text}");
    assert!(text.contains("- **Referrals**: none."));
    insta::assert_snapshot!("summary_steady_progress", text);
}

#[test]
fn a_flare_with_a_referral() {
    let mut j = Journal::new(programme());
    for day in 0..14 {
        morning(&mut j, day, 3);
        j.follow(day, 3, 3);
    }
    // Morning pain climbs for days; the coach steps down, then refers.
    for (i, pain) in [5u8, 6, 7, 7, 7, 7].into_iter().enumerate() {
        let day = 14 + i as u32;
        morning(&mut j, day, pain);
        j.follow(day, 4, pain);
    }
    j.acknowledge(20, "severe_for_days");
    j.push(
        21,
        RecordBody::ClinicianSeen {
            note: Some("physio: irritated tendon, keep the holds, no bridges for a week".into()),
        },
    );
    for day in 21..28 {
        morning(&mut j, day, 4);
        j.follow(day, 3, 3);
    }
    let text = summary(&j, 27);
    assert!(text.contains("the coach referred"), "{text}");
    assert!(text.contains("acknowledged"), "{text}");
    assert!(text.contains("no bridges for a week"), "{text}");
    assert!(text.contains("**Flares**: 2026-03"), "{text}");
    insta::assert_snapshot!("summary_flare_with_referral", text);
}

#[test]
fn a_plateau() {
    let mut j = Journal::new(programme());
    // Nine weeks at 4/10 every morning, every session done: no meaningful change.
    for day in 0..63 {
        morning(&mut j, day, 4);
        j.follow(day, 3, 3);
    }
    let text = summary(&j, 62);
    assert!(text.contains("no meaningful change"), "{text}");
    insta::assert_snapshot!("summary_plateau", text);
}
