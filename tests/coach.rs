//! Table-driven coach tests: one case per rule of docs/sources.md#coach-rules and per threshold
//! boundary (at, just below, just above). Each case asserts the decision and the rule its reason
//! names.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

#[path = "support/coach_journal.rs"]
mod journal;

use journal::{Journal, exercise, programme};
use rehab_coach::domain::plan::{Decision, Plan, ReferReason};
use rehab_coach::domain::programme::{LoadTest, PhaseExercise, Programme};
use rehab_coach::domain::red_flags::Urgency;
use rehab_coach::domain::settings::CoachSettings;

/// What a case looks at: the day's headline or one exercise.
#[derive(Clone, Copy)]
enum Target {
    Day,
    Exercise(&'static str),
}

struct Case {
    name: &'static str,
    programme: fn() -> Programme,
    settings: fn() -> CoachSettings,
    build: fn(&mut Journal),
    today: u32,
    target: Target,
    decision: Decision,
    rule: &'static str,
}

const BRIDGE: Target = Target::Exercise("bridge");
const RUN: Target = Target::Exercise("walk-run");

fn defaults() -> CoachSettings {
    CoachSettings::default()
}

fn pht() -> Programme {
    let mut p = programme();
    p.load_test = Some(LoadTest {
        name: "Single-leg bridge".into(),
        instructions: "3 short-lever single-leg bridges".into(),
        ceiling: 3,
    });
    p
}

fn pht_strict() -> Programme {
    let mut p = pht();
    if let Some(t) = p.load_test.as_mut() {
        t.ceiling = 2;
    }
    p
}

fn oa() -> Programme {
    let mut p = programme();
    p.rules.osteoarthritis = true;
    p
}

fn running() -> Programme {
    let mut p = programme();
    p.rules.running_caps = true;
    p.phases[0].exercises.push(PhaseExercise {
        exercise: "walk-run".into(),
        floor: 1,
        top: None,
        frequency: None,
    });
    p
}

/// Mornings of 2/10 on days 0..=today and bridge sessions at rung 1 (3/10 during and after) on
/// days 0..today: three qualifying sessions over three days by day 3.
fn good(j: &mut Journal) {
    good_until(j, 3);
}

/// Like `good`, with the three sessions on the three days before `today` (from `first`).
fn good_from(j: &mut Journal, first: u32, today: u32) {
    for d in first..=today {
        j.morning(d, 2);
    }
    for d in today - 3..today {
        j.bridge(d, 1, 3, 3);
    }
}

fn good_until(j: &mut Journal, today: u32) {
    for d in 0..=today {
        j.morning(d, 2);
    }
    for d in 0..today {
        j.bridge(d, 1, 3, 3);
    }
}

/// Morning pains for days 0.. and one bridge session (rung 3) on day 2 with the given pains.
fn one_session(j: &mut Journal, during: u8, after: u8) {
    j.mornings(0, &[2, 2, 2, 2]);
    j.bridge(2, 3, during, after);
}

/// Bridge sessions at rung 3 on days 10–12, mornings 2 on days 0–6 and `week` on days 7–13.
fn weekly(j: &mut Journal, week: [u8; 7]) {
    j.mornings(0, &[2; 7]);
    j.mornings(7, &week);
    for d in 10..13 {
        j.bridge(d, 3, 3, 3);
    }
}

fn plateau(j: &mut Journal, last_week: [u8; 7], every: u32) {
    for d in 0..=56 {
        j.morning(
            d,
            if d >= 50 {
                last_week[(d - 50) as usize]
            } else {
                4
            },
        );
        if d % every == 0 && d < 56 {
            j.bridge(d, 1, 3, 3);
        }
    }
}

/// `plateau` with a session every other day and an easy 3 km run on each day between.
fn plateau_with_runs(j: &mut Journal) {
    plateau(j, [4; 7], 2);
    for d in (1..56).step_by(2) {
        j.run(d, 3.0, 2);
    }
}

/// Each day in `days`: the bridge is stepped down from rung 2 (the day before) to the floor.
fn floor_sends(j: &mut Journal, days: &[u32]) {
    for d in 0..=17 {
        j.morning(d, 2);
    }
    for &d in days {
        j.session_in(d - 1, "P1", &[("bridge", 2, Decision::Hold)], 3, 3);
        j.session_in(d, "P1", &[("bridge", 1, Decision::Regress(1))], 3, 3);
    }
}

/// A step-down decision on days that were already at the floor: the rung did not move.
fn stays_at_floor(j: &mut Journal, days: &[u32]) {
    for d in 0..=17 {
        j.morning(d, 2);
    }
    j.session_in(0, "P1", &[("bridge", 1, Decision::Hold)], 3, 3);
    for &d in days {
        j.session_in(d, "P1", &[("bridge", 1, Decision::Regress(1))], 3, 3);
    }
}

/// Eight weeks of adherent sessions with every morning at `B`/10 (plateau at low baselines).
fn flat_mornings<const B: u8>(j: &mut Journal) {
    for d in 0..=56 {
        j.morning(d, B);
        if d < 56 {
            j.bridge(d, 1, 3, 3);
        }
    }
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let c = |name, build: fn(&mut Journal), today, target, decision, rule| Case {
        name,
        programme,
        settings: defaults,
        build,
        today,
        target,
        decision,
        rule,
    };
    let refer = Decision::Refer;
    vec![
        // ---- rule 1: EMERGENCY / URGENT red flags stop, until a clinician has been seen ----
        c("rule 1 emergency flag stops", |j| { good(j); j.flag(2, "saddle_numbness", true); }, 3, Target::Day, Decision::Stop(Urgency::Emergency), "rule 1"),
        c("rule 1 urgent flag stops", |j| { good(j); j.flag(2, "bone_stress", true); }, 3, Target::Day, Decision::Stop(Urgency::Urgent), "rule 1"),
        c("rule 1 stop outranks a SOON flag", |j| { good(j); j.flag(2, "below_knee", true); j.flag(2, "constant_pain", true); }, 3, Target::Day, Decision::Stop(Urgency::Urgent), "rule 1"),
        c("rule 1 clinician seen unlocks", |j| { good(j); j.flag(1, "bone_stress", true); j.clinician_seen(2); }, 3, BRIDGE, Decision::Progress, "rule 11"),
        c("rule 1 a new yes after the visit stops again", |j| { good(j); j.flag(1, "bone_stress", true); j.clinician_seen(2); j.flag(3, "bone_stress", true); }, 3, Target::Day, Decision::Stop(Urgency::Urgent), "rule 1"),
        c("rule 1 a later no does not lift a stop", |j| { good(j); j.flag(1, "fever_hot_joint", true); j.flag(2, "fever_hot_joint", false); }, 3, Target::Day, Decision::Stop(Urgency::Emergency), "rule 1"),
        c("rule 1 a later no then a clinician visit unlocks", |j| { good(j); j.flag(1, "fever_hot_joint", true); j.flag(2, "fever_hot_joint", false); j.clinician_seen(2); }, 3, BRIDGE, Decision::Progress, "rule 11"),
        // ---- rule 1b: SOON flags refer; only hold/regress until acknowledged ----
        c("rule 1b SOON flag refers", |j| { good(j); j.flag(2, "below_knee", true); }, 3, Target::Day, refer(ReferReason::SymptomFlag), "rule 1b"),
        c("rule 1b earned step up is held", |j| { good(j); j.flag(2, "below_knee", true); }, 3, BRIDGE, Decision::Hold, "rule 1b"),
        c("rule 1b acknowledged allows progress", |j| { good(j); j.flag(2, "below_knee", true); j.acknowledge(3, "symptom_flag"); }, 3, BRIDGE, Decision::Progress, "rule 11"),
        c("rule 1b acknowledgement before the flag does not count", |j| { good(j); j.acknowledge(1, "symptom_flag"); j.flag(2, "below_knee", true); }, 3, Target::Day, refer(ReferReason::SymptomFlag), "rule 1b"),
        c("rule 1b acknowledging another reason does not count", |j| { good(j); j.flag(2, "below_knee", true); j.acknowledge(3, "plateau"); }, 3, BRIDGE, Decision::Hold, "rule 1b"),
        c("rule 1b a later no to a SOON flag is the one that counts", |j| { good(j); j.flag(1, "below_knee", true); j.flag(2, "below_knee", false); }, 3, BRIDGE, Decision::Progress, "rule 11"),
        c("rule 1b regress still allowed", |j| { one_session(j, 6, 3); j.flag(2, "groin_clicking", true); }, 3, BRIDGE, Decision::Regress(1), "R1"),
        // ---- rule 2: morning pain >= SEVERE three days running ----
        c("rule 2 at severe", |j| { j.mornings(0, &[2, 7, 7, 7]); }, 3, Target::Day, refer(ReferReason::SevereForDays), "rule 2"),
        c("rule 2 just below", |j| { j.mornings(0, &[2, 6, 7, 7]); }, 3, Target::Day, Decision::Hold, "rule 7"),
        c("rule 2 above", |j| { j.mornings(0, &[2, 9, 8, 8]); }, 3, Target::Day, refer(ReferReason::SevereForDays), "rule 2"),
        c("rule 2 needs consecutive days", |j| { j.mornings(0, &[7, 7]); j.morning(3, 7); }, 3, Target::Day, Decision::Hold, "rule 7"),
        c("rule 2 wins over rule 3 (first match)", |j| { j.mornings(0, &[2, 7, 8, 9]); }, 3, Target::Day, refer(ReferReason::SevereForDays), "rule 2"),
        // ---- rule 3: rising three mornings to the ceiling ----
        c("rule 3 rising to the ceiling", |j| { j.mornings(0, &[2, 3, 4, 5]); }, 3, Target::Day, refer(ReferReason::RisingTrend), "rule 3"),
        c("rule 3 rising below the ceiling", |j| { j.mornings(0, &[2, 2, 3, 4]); }, 3, Target::Day, Decision::Hold, "rule 7"),
        c("rule 3 rising above the ceiling", |j| { j.mornings(0, &[2, 4, 5, 6]); }, 3, Target::Day, refer(ReferReason::RisingTrend), "rule 3"),
        c("rule 3 flat is not rising", |j| { j.mornings(0, &[2, 5, 5, 5]); }, 3, Target::Day, Decision::Hold, "rule 7"),
        // ---- rule 4: weekly mean up >= MCID two weeks running ----
        c("rule 4 two worsening weeks at MCID", |j| { j.mornings(0, &[1; 7]); j.mornings(7, &[3; 7]); j.mornings(14, &[5; 7]); }, 20, Target::Day, refer(ReferReason::WorseningTwoWeeks), "rule 4"),
        c("rule 4 second week just below MCID", |j| { j.mornings(0, &[1; 7]); j.mornings(7, &[3; 7]); j.mornings(14, &[4; 7]); }, 20, Target::Day, Decision::Hold, "rule 7"),
        c("rule 4 above MCID", |j| { j.mornings(0, &[0; 7]); j.mornings(7, &[3; 7]); j.mornings(14, &[6; 7]); }, 20, Target::Day, refer(ReferReason::WorseningTwoWeeks), "rule 4"),
        // ---- rule 5: plateau after PLATEAU_WEEKS adherent weeks ----
        c("rule 5 plateau after 8 adherent weeks", |j| plateau(j, [4; 7], 1), 56, Target::Day, refer(ReferReason::Plateau), "rule 5"),
        c("rule 5 just below PLATEAU_WEEKS (7 weeks 6 days)", |j| plateau(j, [4; 7], 1), 55, Target::Day, Decision::Hold, "phase exit"),
        c("rule 5 improvement just below MCID", |j| plateau(j, [2, 2, 2, 2, 2, 2, 3], 1), 56, Target::Day, refer(ReferReason::Plateau), "rule 5"),
        c("rule 5 improvement at MCID is meaningful", |j| plateau(j, [2; 7], 1), 56, Target::Day, Decision::Hold, "phase exit"),
        // Not adherent: no referral; every other day also gives too few settled mornings after a session to leave P1.
        c("rule 5 not adherent (every other day)", |j| plateau(j, [4; 7], 2), 56, BRIDGE, Decision::Progress, "rule 11"),
        c("rule 5 runs on the days between do not count without running in the plan", plateau_with_runs, 56, BRIDGE, Decision::Progress, "rule 11"),
        Case { programme: running, ..c("rule 5 runs on the days between count where running is planned", plateau_with_runs, 56, Target::Day, refer(ReferReason::Plateau), "rule 5") },
        // Low baselines: a 2-point change from 0–2 cannot happen; mornings in the green zone are doing well.
        c("rule 5 never at a 0/10 baseline", flat_mornings::<0>, 56, Target::Day, Decision::Hold, "phase exit"),
        c("rule 5 never at a 1/10 baseline", flat_mornings::<1>, 56, Target::Day, Decision::Hold, "phase exit"),
        c("rule 5 never at a 2/10 baseline (top of green)", flat_mornings::<2>, 56, Target::Day, Decision::Hold, "phase exit"),
        c("rule 5 at a 3/10 baseline (just above green)", flat_mornings::<3>, 56, Target::Day, refer(ReferReason::Plateau), "rule 5"),
        c("rule 5 acknowledged keeps training", |j| { plateau(j, [4; 7], 1); j.acknowledge(56, "plateau"); }, 56, BRIDGE, Decision::Hold, "phase exit"),
        // ---- rule 6: sent back to the floor twice in 14 days ----
        c("rule 6 two floor sends", |j| floor_sends(j, &[2, 9]), 10, Target::Day, refer(ReferReason::RepeatedFlare), "rule 6"),
        c("rule 6 one floor send", |j| floor_sends(j, &[9]), 10, Target::Day, Decision::Hold, "rule 12"),
        c("rule 6 at the window edge (14 days)", |j| floor_sends(j, &[2, 9]), 16, Target::Day, refer(ReferReason::RepeatedFlare), "rule 6"),
        c("rule 6 staying at the floor is not a send", |j| stays_at_floor(j, &[2, 9]), 10, Target::Day, Decision::Hold, "rule 12"),
        c("rule 6 just outside the window", |j| floor_sends(j, &[2, 9]), 17, Target::Day, Decision::Hold, "rule 12"),
        // ---- rule 7: no session yet ----
        c("rule 7 first session holds at the floor", |j| { j.morning(0, 2); }, 0, BRIDGE, Decision::Hold, "rule 7"),
        // ---- rule 8: ceiling R1/R2 and SEVERE ----
        c("rule 8 pain during at the ceiling", |j| one_session(j, 5, 5), 3, BRIDGE, Decision::Hold, "rule 12"),
        c("rule 8 pain during above the ceiling (R1)", |j| one_session(j, 6, 3), 3, BRIDGE, Decision::Regress(1), "R1"),
        c("rule 8 pain after above the ceiling (R2)", |j| one_session(j, 3, 6), 3, BRIDGE, Decision::Regress(1), "R2"),
        c("rule 8 severe: two rungs", |j| one_session(j, 7, 3), 3, BRIDGE, Decision::Regress(2), "rule 8"),
        c("rule 8 above severe", |j| one_session(j, 3, 9), 3, BRIDGE, Decision::Regress(2), "rule 8"),
        // ---- rule 9: the 24-hour response (R3), stiffness, load test (R7) ----
        c("rule 9 next morning not logged", |j| { j.mornings(0, &[2, 2, 2]); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 9"),
        c("R3 next morning at baseline + tolerance settles", |j| { j.mornings(0, &[2, 2, 2, 3]); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 12"),
        c("R3 next morning just above baseline + tolerance", |j| { j.mornings(0, &[2, 2, 2, 4]); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Regress(1), "R3"),
        c("R3 next morning below baseline settles", |j| { j.mornings(0, &[3, 3, 3, 1]); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 12"),
        c("R3 next morning above the ceiling", |j| { j.mornings(0, &[5, 5, 5, 6]); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Regress(1), "R3"),
        c("R3 stiffness at baseline + tolerance", |j| { for d in 0..3 { j.checkin(d, Some(2), Some(1), None); } j.checkin(3, Some(2), Some(2), None); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 12"),
        c("R3 first session: stiffness unchanged from its own morning settles", |j| { j.checkin(0, Some(2), Some(2), None); j.checkin(1, Some(2), Some(2), None); j.bridge(0, 3, 3, 3); }, 1, BRIDGE, Decision::Hold, "rule 12"),
        c("R3 stiffness above baseline + tolerance", |j| { for d in 0..3 { j.checkin(d, Some(2), Some(1), None); } j.checkin(3, Some(2), Some(3), None); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Regress(1), "R3"),
        // ---- rule 10: deload on a weekly rise > WEEK_RISE_TOL ----
        c("rule 10 weekly rise just above tolerance deloads", |j| weekly(j, [3, 3, 3, 3, 3, 3, 4]), 13, BRIDGE, Decision::Deload, "R4"),
        c("rule 10 weekly rise at tolerance: no deload, no step up", |j| weekly(j, [3; 7]), 13, BRIDGE, Decision::Hold, "R4"),
        c("rule 10 weekly rise just below tolerance", |j| weekly(j, [3, 3, 3, 2, 3, 3, 3]), 13, BRIDGE, Decision::Hold, "R4"),
        c("rule 10 deload lasts DELOAD_DAYS", |j| { weekly(j, [3, 3, 3, 3, 3, 3, 4]); j.mornings(14, &[2, 2]); j.bridge(14, 3, 3, 3); }, 15, BRIDGE, Decision::Deload, "R4"),
        c("rule 10 red session outranks deload", |j| { weekly(j, [3, 3, 3, 3, 3, 3, 4]); j.bridge(12, 3, 6, 3); }, 13, BRIDGE, Decision::Regress(1), "R1"),
        // ---- rule 11/12: streak, minimum days, weekly trend ----
        c("rule 11 streak and days met", good, 3, BRIDGE, Decision::Progress, "rule 11"),
        c("rule 12 streak just below", |j| { for d in 0..=3 { j.morning(d, 2); } j.bridge(1, 1, 3, 3); j.bridge(2, 1, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 12"),
        c("rule 12 an unsettled session breaks the streak", |j| { good(j); j.bridge(3, 1, 3, 3); j.morning(4, 4); j.morning(5, 2); j.bridge(4, 1, 3, 3); j.bridge(5, 1, 3, 3); for d in 6..=6 { j.morning(d, 2); } }, 6, BRIDGE, Decision::Hold, "rule 12"),
        c("rule 12 no streak for 48 h after a step down", |j| { for d in 0..=4 { j.morning(d, 2); } j.session_in(0, "P1", &[("bridge", 1, Decision::Regress(1))], 3, 3); for d in 1..4 { j.bridge(d, 1, 3, 3); } }, 4, BRIDGE, Decision::Hold, "rule 12"),
        c("rule 11 streak counts again after 48 h", |j| { for d in 0..=5 { j.morning(d, 2); } j.session_in(0, "P1", &[("bridge", 1, Decision::Regress(1))], 3, 3); for d in 1..5 { j.bridge(d, 1, 3, 3); } }, 5, BRIDGE, Decision::Progress, "rule 11"),
        // ---- R7: PHT load test (programme ceiling overrides LOADTEST_MAX) ----
        Case { programme: pht, ..c("R7 load test at the ceiling settles", |j| { j.mornings(0, &[2, 2, 2]); j.checkin(3, Some(2), None, Some(3)); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 12") },
        Case { programme: pht, ..c("R7 load test above the ceiling", |j| { j.mornings(0, &[2, 2, 2]); j.checkin(3, Some(2), None, Some(4)); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Regress(1), "R7") },
        Case { programme: pht_strict, ..c("R7 programme ceiling of 2 overrides 3", |j| { j.mornings(0, &[2, 2, 2]); j.checkin(3, Some(2), None, Some(3)); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Regress(1), "R7") },
        c("R7 ignored without a programme load test", |j| { j.mornings(0, &[2, 2, 2]); j.checkin(3, Some(2), None, Some(9)); j.bridge(2, 3, 3, 3); }, 3, BRIDGE, Decision::Hold, "rule 12"),
        // ---- R8/R9: hip OA gates on a step up ----
        // (in week 2: week 1 of a hip-OA programme adds no weight, below)
        Case { programme: oa, ..c("R9 rise of 3 over pain before is allowed", |j| { for d in 7..=10 { j.morning(d, 1); } for d in 7..10 { j.bridge(d, 1, 4, 3); } }, 10, BRIDGE, Decision::Progress, "rule 11") },
        Case { programme: oa, ..c("R9 rise of 4 over pain before blocks", |j| { for d in 7..=10 { j.morning(d, 1); } for d in 7..10 { j.bridge(d, 1, 5, 3); } }, 10, BRIDGE, Decision::Hold, "R9") },
        Case { programme: oa, ..c("R8 extra pain lasting past the next morning blocks", |j| { j.mornings(7, &[2, 2, 2, 3]); for d in 7..10 { j.bridge(d, 1, 3, 3); } }, 10, BRIDGE, Decision::Hold, "R8") },
        // ---- §2.4: hip OA week 1 without added weight (week 1 = days 0–6) ----
        Case { programme: oa, ..c("OA week 1 (day 6): an earned step up waits", |j| good_from(j, 3, 6), 6, BRIDGE, Decision::Hold, "R8") },
        Case { programme: oa, ..c("OA week 2 begins (day 7): the step up comes", |j| good_from(j, 4, 7), 7, BRIDGE, Decision::Progress, "rule 11") },
        Case { programme: oa, ..c("OA week 2 (day 8): the step up comes", |j| good_from(j, 5, 8), 8, BRIDGE, Decision::Progress, "rule 11") },
        c("R8 does not apply without the OA rules", |j| { j.mornings(0, &[2, 2, 2, 3]); for d in 0..3 { j.bridge(d, 1, 3, 3); } }, 3, BRIDGE, Decision::Progress, "rule 11"),
        // ---- running: a red or unsettled run drops a walk-run rung (R6) ----
        Case { programme: running, ..c("R6 red run drops a walk-run rung", |j| { for d in 0..=14 { j.morning(d, 2); } j.session_in(11, "P1", &[("walk-run", 2, Decision::Hold)], 3, 3); j.run(13, 5.0, 6); }, 14, RUN, Decision::Regress(1), "R6") },
        Case { programme: running, ..c("R6 unsettled run drops a walk-run rung", |j| { j.mornings(0, &[2; 14]); j.morning(14, 4); j.session_in(11, "P1", &[("walk-run", 2, Decision::Hold)], 3, 3); j.run(13, 5.0, 3); }, 14, RUN, Decision::Regress(1), "R6") },
        Case { programme: running, ..c("R6 red run at W1 holds there (no step that cannot happen)", |j| { for d in 0..=14 { j.morning(d, 2); } j.run(13, 5.0, 6); }, 14, RUN, Decision::Hold, "R6") },
        Case { programme: running, ..c("R6 run at the ceiling that settled is fine", |j| { for d in 0..=14 { j.morning(d, 2); } j.run(13, 5.0, 5); }, 14, RUN, Decision::Hold, "rule 7") },
        // ---- a run loads the same tendon (rules 8–9 on a run), with or without running caps ----
        c("run at the ceiling: the step up stands", |j| { good(j); j.run(2, 5.0, 5); }, 3, BRIDGE, Decision::Progress, "rule 11"),
        c("run just above the ceiling: no step up", |j| { good(j); j.run(2, 5.0, 6); }, 3, BRIDGE, Decision::Hold, "R6"),
        c("run not settled by the next morning: no step up", |j| { good(j); j.run(3, 5.0, 3); j.morning(4, 4); }, 4, BRIDGE, Decision::Hold, "R6"),
        c("run settled by the next morning: the step up stands", |j| { good(j); j.run(3, 5.0, 3); j.morning(4, 3); }, 4, BRIDGE, Decision::Progress, "rule 11"),
        c("painful run 2 days ago (the 48 h): no step up", |j| { good_until(j, 4); j.run(2, 5.0, 8); }, 4, BRIDGE, Decision::Hold, "R6"),
        c("painful run 3 days ago: past the 48 h", |j| { good_until(j, 5); j.run(2, 5.0, 8); }, 5, BRIDGE, Decision::Progress, "rule 11"),
        // ---- settings come from config and the programme ----
        Case { settings: || CoachSettings { min_days_at_level: 4, ..CoachSettings::default() }, ..c("MIN_DAYS_AT_LEVEL just above days done", good, 3, BRIDGE, Decision::Hold, "rule 12") },
        Case { settings: || CoachSettings { min_days_at_level: 2, ..CoachSettings::default() }, ..c("MIN_DAYS_AT_LEVEL below days done", good, 3, BRIDGE, Decision::Progress, "rule 11") },
        Case { settings: || CoachSettings { progress_streak: 4, ..CoachSettings::default() }, ..c("PROGRESS_STREAK above sessions done", good, 3, BRIDGE, Decision::Hold, "rule 12") },
        Case { programme: || { let mut p = programme(); p.coach.amber_max = Some(6); p }, ..c("programme [coach] raises the ceiling", |j| one_session(j, 6, 3), 3, BRIDGE, Decision::Hold, "rule 12") },
    ]
}

fn judged(plan: &Plan, target: Target) -> (&Decision, Vec<&str>) {
    match target {
        Target::Day => (
            &plan.decision,
            plan.reasons.iter().map(|r| r.rule.as_str()).collect(),
        ),
        Target::Exercise(id) => {
            let e = exercise(plan, id);
            (
                &e.decision,
                e.reasons.iter().map(|r| r.rule.as_str()).collect(),
            )
        }
    }
}

#[test]
fn every_rule_and_boundary() {
    let mut failures = Vec::new();
    for case in cases() {
        let mut j = Journal::new((case.programme)());
        (case.build)(&mut j);
        let plan = j.plan_with(case.today, &(case.settings)());
        let (decision, rules) = judged(&plan, case.target);
        if *decision != case.decision || rules.first() != Some(&case.rule) {
            failures.push(format!(
                "{}: expected {:?} by {}, got {:?} by {:?}\n  reasons: {:#?}",
                case.name,
                case.decision,
                case.rule,
                decision,
                rules,
                match case.target {
                    Target::Day => &plan.reasons,
                    Target::Exercise(id) => &exercise(&plan, id).reasons,
                }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A person follows the coach for two weeks: good days, then pain rising. Every day's decision
/// and reasons are written out so a reader can check they make sense.
#[test]
fn two_weeks_following_the_coach_read_sensibly() {
    let mut j = Journal::new(programme());
    let mut diary = String::new();
    let mornings = [2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 5];
    let session = [3, 3, 3, 3, 3, 3, 3, 4, 4, 5, 6, 5, 4, 4];
    for day in 0..14u32 {
        j.morning(day, mornings[day as usize]);
        let pain = session[day as usize];
        let plan = j.follow(day, pain, pain);
        diary.push_str(&format!(
            "day {day} ({}) phase {} headline {}\n",
            plan.date, plan.phase, plan.decision
        ));
        for e in &plan.exercises {
            for r in &e.reasons {
                diary.push_str(&format!("  [{}] {}\n", r.rule, r.text));
            }
        }
        let shown: Vec<_> = plan.exercises.iter().flat_map(|e| &e.reasons).collect();
        for r in plan.reasons.iter().filter(|r| !shown.contains(r)) {
            diary.push_str(&format!("  [{}] {}\n", r.rule, r.text));
        }
    }
    insta::assert_snapshot!(diary);
}

/// Seven days of following the coach with calm pain: mornings 2, sessions 3/10.
fn calm_week(j: &mut Journal, days: u32) {
    for day in 0..days {
        j.morning(day, 2);
        j.follow(day, 3, 3);
    }
    j.morning(days, 2);
}

#[test]
fn phase_exit_moves_to_the_next_phase_at_its_floors() {
    let mut j = Journal::new(programme());
    calm_week(&mut j, 7);
    let plan = j.plan(7);
    assert_eq!((plan.phase.as_str(), plan.phase_index), ("P2", 1));
    assert_eq!(exercise(&plan, "bridge").rung, 3, "P2 floor");
    assert_eq!(exercise(&plan, "side-hold").rung, 2, "P2 floor");
    assert!(
        plan.reasons
            .iter()
            .any(|r| r.rule == "phase exit" && r.text.contains("Moving on to phase P2")),
        "{:#?}",
        plan.reasons
    );
    assert!(
        plan.prompts
            .iter()
            .any(|p| p.contains("rehab start return-to-running")),
        "{:?}",
        plan.prompts
    );
}

#[test]
fn phase_exit_boundaries() {
    // Just below the minimum days: day 6 of 7.
    let mut j = Journal::new(programme());
    calm_week(&mut j, 6);
    let plan = j.plan(6);
    assert_eq!(plan.phase, "P1");
    assert!(
        plan.reasons
            .iter()
            .any(|r| r.rule == "phase exit" && r.text.contains("6 of at least 7 days")),
        "{:#?}",
        plan.reasons
    );
    assert!(
        plan.prompts
            .iter()
            .any(|p| p.contains("Stand on the sore leg")),
        "exit checks shown: {:?}",
        plan.prompts
    );

    // Enough days but only 4 of 5 sessions.
    let mut j = Journal::new(programme());
    for day in 0..=7 {
        j.morning(day, 2);
    }
    for day in [0, 2, 4, 6] {
        j.bridge(day, 1, 3, 3);
    }
    let plan = j.plan(7);
    assert_eq!(plan.phase, "P1");
    assert!(
        plan.reasons
            .iter()
            .any(|r| r.text.contains("4 of 5 sessions")),
        "{:#?}",
        plan.reasons
    );

    // A red session in the last 7 days blocks the exit (pain 6 > 5, also above max_pain_during).
    let mut j = Journal::new(programme());
    calm_week(&mut j, 7);
    j.bridge(6, 1, 6, 3);
    assert_eq!(j.plan(7).phase, "P1");
}

#[test]
fn regress_below_the_floor_goes_to_the_previous_phase_top() {
    let mut j = Journal::new(programme());
    j.mornings(0, &[2, 2, 2, 2]);
    j.session_in(2, "P2", &[("bridge", 3, Decision::Hold)], 6, 3);
    let plan = j.plan(3);
    let bridge = exercise(&plan, "bridge");
    assert_eq!((bridge.rung, &bridge.decision), (2, &Decision::Regress(1)));
    assert!(
        bridge.reasons[0].text.contains("back to rung 2 of P1"),
        "{}",
        bridge.reasons[0].text
    );
    assert!(bridge.reasons[0].text.contains("sent back to the floor"));
}

#[test]
fn regress_at_the_first_floor_is_an_isometric_only_day() {
    let mut j = Journal::new(programme());
    j.mornings(0, &[2, 2, 2, 2]);
    j.bridge(2, 1, 6, 3);
    let plan = j.plan(3);
    let bridge = exercise(&plan, "bridge");
    assert_eq!(
        (
            bridge.rung,
            bridge.from_rung,
            &bridge.decision,
            bridge.due_today
        ),
        (1, 1, &Decision::IsometricOnly, false),
        "no step that did not happen, and not due today"
    );
    assert!(
        bridge.reasons[0]
            .text
            .contains("isometric-only day: do Side-lying hold instead"),
        "{}",
        bridge.reasons[0].text
    );
    assert_eq!(
        bridge.reasons[0].cause.as_deref(),
        Some("pain_above_ceiling")
    );
    assert_eq!(bridge.reasons[0].numbers.get("pain"), Some(&6.0));
    let hold = exercise(&plan, "side-hold");
    assert!(hold.due_today, "the isometric alternative is due");
    assert_eq!(hold.instead_of, ["bridge"]);
    assert_eq!(
        plan.decision,
        Decision::IsometricOnly,
        "the headline agrees"
    );
    let snapshot = plan.snapshot();
    let run: Vec<&str> = snapshot
        .exercises
        .iter()
        .map(|e| e.exercise.as_str())
        .collect();
    assert_eq!(run, ["side-hold"], "the session runs the holds only");
}

#[test]
fn a_step_down_from_one_above_the_floor_says_the_one_rung_it_moves() {
    // Pain 7 asks for two rungs down; from rung 2 only one is left above the floor.
    let mut j = Journal::new(programme());
    j.mornings(0, &[2, 2, 2, 2]);
    j.bridge(2, 2, 7, 3);
    let bridge = exercise(&j.plan(3), "bridge").clone();
    assert_eq!(
        (bridge.from_rung, bridge.rung, &bridge.decision),
        (2, 1, &Decision::Regress(1))
    );
    assert!(bridge.due_today);
    assert_eq!(bridge.reasons[0].rule, "rule 8");
}

#[test]
fn an_isometric_only_day_adds_an_alternative_the_phase_does_not_list() {
    let mut p = programme();
    p.phases[0].exercises.retain(|e| e.exercise == "bridge");
    let mut j = Journal::new(p);
    j.mornings(0, &[2, 2, 2, 2]);
    j.bridge(2, 1, 6, 3);
    let plan = j.plan(3);
    let hold = exercise(&plan, "side-hold");
    assert!(hold.due_today);
    assert_eq!(
        (hold.rung, hold.instead_of.as_slice()),
        (1, &["bridge".to_string()][..])
    );
    assert!(!exercise(&plan, "bridge").due_today);
    assert_eq!(plan.decision, Decision::IsometricOnly);
}

#[test]
fn deload_cuts_every_exercise_to_about_the_factor() {
    let mut j = Journal::new(programme());
    j.mornings(0, &[2; 7]);
    j.mornings(7, &[3, 3, 3, 3, 3, 3, 4]);
    for d in 10..13 {
        j.session_in(
            d,
            "P1",
            &[
                ("bridge", 3, Decision::Hold),
                ("side-hold", 1, Decision::Hold),
            ],
            3,
            3,
        );
    }
    let plan = j.plan(13);
    assert!(plan.deload);
    let bridge = exercise(&plan, "bridge");
    assert_eq!(
        (bridge.dose.sets, bridge.dose.reps),
        (2, Some(10)),
        "3 × 10 → 2 × 10 (67 %)"
    );
    assert!(
        bridge.reasons[0].text.contains("2 × 10")
            && bridge.reasons[0].text.contains("instead of 3 × 10"),
        "the reason states the dose given: {}",
        bridge.reasons[0].text
    );
    let side = exercise(&plan, "side-hold");
    assert_eq!(
        (side.dose.sets, side.dose.hold),
        (2, Some(14)),
        "2 × 20 s → 2 × 14 s, not 1 set (50 %)"
    );
    let strong = CoachSettings {
        deload_factor: 0.1,
        ..CoachSettings::default()
    };
    let bridge = exercise(&j.plan_with(13, &strong), "bridge").clone();
    assert_eq!(
        (bridge.dose.sets, bridge.dose.reps),
        (3, Some(1)),
        "never below one rep or one set"
    );
}

#[test]
fn stop_locks_every_exercise() {
    let mut j = Journal::new(programme());
    good(&mut j);
    j.flag(3, "pale_cold_leg", true);
    let plan = j.plan(3);
    assert!(plan.locked);
    assert!(
        plan.exercises
            .iter()
            .all(|e| !e.due_today && matches!(e.decision, Decision::Stop(_)))
    );
    assert!(
        plan.reasons[0].text.contains("emergency care"),
        "{}",
        plan.reasons[0].text
    );
}

#[test]
fn acknowledged_referral_is_still_said() {
    let mut j = Journal::new(programme());
    good(&mut j);
    j.flag(2, "below_knee", true);
    j.acknowledge(3, "symptom_flag");
    let plan = j.plan(3);
    assert!(
        plan.reasons
            .iter()
            .any(|r| r.rule == "rule 1b" && r.text.contains("You acknowledged this today")),
        "{:#?}",
        plan.reasons
    );
}

#[test]
fn running_caps() {
    let caps = |runs: &[(u32, f64)]| {
        let mut j = Journal::new(running());
        for d in 0..=14 {
            j.morning(d, 2);
        }
        for &(d, km) in runs {
            j.run(d, km, 2);
        }
        j.plan(14).running.expect("running advice")
    };
    // Week step: last week (days 1–7) 10 km, two weeks ago (day 0 and before) 10 km: 11 km cap.
    let a = caps(&[(0, 10.0), (7, 10.0)]);
    assert!((a.week_cap_km.unwrap() - 11.0).abs() < 1e-9, "{a:?}");
    assert_eq!(a.reasons[0].rule, "R14");
    // Two-week cap: 5 km two weeks ago, 8 km last week: 6.5 km, a small step down.
    let b = caps(&[(0, 5.0), (7, 8.0)]);
    assert!((b.week_cap_km.unwrap() - 6.5).abs() < 1e-9, "{b:?}");
    assert_eq!(b.reasons[0].rule, "R15");
    assert!(
        b.reasons[0].text.contains("step down"),
        "{}",
        b.reasons[0].text
    );
    // Single run: 110 % of the longest run in the last 30 days.
    assert!((b.run_cap_km.unwrap() - 8.8).abs() < 1e-9, "{b:?}");
    assert!(b.reasons.iter().any(|r| r.rule == "R16"));
    // No running history: no caps yet.
    let none = caps(&[]);
    assert_eq!((none.week_cap_km, none.run_cap_km), (None, None));
}

#[test]
fn a_red_run_waits_48_hours() {
    let mut j = Journal::new(running());
    for d in 0..=15 {
        j.morning(d, 2);
    }
    j.run(13, 5.0, 6);
    let plan = j.plan(14);
    let advice = plan.running.as_ref().expect("running advice");
    assert_eq!(advice.next_run_from, Some(journal::date(15)));
    assert!(!exercise(&plan, "walk-run").due_today);
    assert!(exercise(&j.plan(15), "walk-run").due_today, "48 h later");
}

#[test]
fn frequency_decides_what_is_due() {
    let mut j = Journal::new(running());
    j.mornings(0, &[2, 2, 2, 2]);
    j.session_in(1, "P1", &[("walk-run", 1, Decision::Hold)], 2, 2);
    // 3 per week = at least 2 days apart.
    assert!(!exercise(&j.plan(2), "walk-run").due_today);
    assert!(exercise(&j.plan(3), "walk-run").due_today);
    // Daily exercises are not due again once done today.
    j.bridge(3, 1, 2, 2);
    assert!(!exercise(&j.plan(3), "bridge").due_today);
}

#[test]
fn a_logged_run_is_the_walk_run_done_where_running_is_planned() {
    let mut j = Journal::new(running());
    j.mornings(0, &[2, 2, 2, 2, 2]);
    assert!(exercise(&j.plan(3), "walk-run").due_today, "no run yet");
    j.run(3, 3.0, 2);
    assert!(
        !exercise(&j.plan(3), "walk-run").due_today,
        "run logged today"
    );
    // 3 per week: a run counts for the days apart as its sets would.
    assert!(
        !exercise(&j.plan(4), "walk-run").due_today,
        "the day after a run"
    );
    assert!(exercise(&j.plan(5), "walk-run").due_today, "two days after");
    // Without running in the plan a run is not the exercise.
    let mut p = running();
    p.rules.running_caps = false;
    let mut k = Journal::new(p);
    k.mornings(0, &[2, 2, 2, 2]);
    k.run(3, 3.0, 2);
    assert!(exercise(&k.plan(3), "walk-run").due_today);
}

/// A journal with walk-run sessions (3 per week) on `days`.
fn runs_on(days: &[u32]) -> Journal {
    let mut p = running();
    p.phases[0].min_days = 100; // stay in P1, which has the walk-run
    let mut j = Journal::new(p);
    for d in 0..=14 {
        j.morning(d, 2);
    }
    for &d in days {
        j.session_in(d, "P1", &[("walk-run", 1, Decision::Hold)], 2, 2);
    }
    j
}

#[test]
fn n_per_week_is_never_more_than_n_in_any_7_days_with_rest_days_between() {
    let due = |days: &[u32], today| exercise(&runs_on(days).plan(today), "walk-run").due_today;
    // The gap: 7 / 3 = 2 days apart (a rest day between).
    assert!(!due(&[4], 5), "1 day after: not due");
    assert!(due(&[4], 6), "2 days after: due");
    // The window: days 0, 2, 4 are 3 in the 7 days 0–6, so day 6 is not due though 2 days
    // after the last; day 7 starts a window (1–7) holding 2.
    assert!(due(&[0, 2], 4), "2 in the window: due");
    assert!(
        !due(&[0, 2, 4], 6),
        "3 in the window: a 4th would make 4 in 7 days"
    );
    assert!(due(&[0, 2, 4], 7), "the window slid: 2 in days 1–7");
    // Over two weeks of always doing it when due, no 7 days ever hold more than 3.
    let mut j = runs_on(&[]);
    let mut done = Vec::new();
    for today in 0..=14 {
        if exercise(&j.plan(today), "walk-run").due_today {
            j.session_in(today, "P1", &[("walk-run", 1, Decision::Hold)], 2, 2);
            done.push(today);
        }
    }
    for start in 0..=8 {
        let in_window = done
            .iter()
            .filter(|d| (start..start + 7).contains(*d))
            .count();
        assert!(
            in_window <= 3,
            "{done:?}: {in_window} in days {start}–{}",
            start + 6
        );
    }
    assert_eq!(done, [0, 2, 4, 7, 9, 11, 14]);
}

#[test]
fn a_new_phase_never_lowers_a_carried_over_dose() {
    let mut p = programme();
    for e in &mut p.phases[1].exercises {
        e.floor = 1; // below what P1 reached
    }
    let mut j = Journal::new(p);
    calm_week(&mut j, 7);
    let before = j.plan(6);
    let plan = j.plan(7);
    assert_eq!(plan.phase, "P2");
    for id in ["bridge", "side-hold"] {
        let (was, now) = (exercise(&before, id), exercise(&plan, id));
        assert_eq!(now.rung, was.rung, "{id} carries on at the rung P1 reached");
        assert_eq!((now.from_rung, &now.decision), (was.rung, &Decision::Hold));
        assert!(
            now.reasons[0]
                .text
                .contains("carries on at the rung you reached"),
            "{}",
            now.reasons[0].text
        );
    }
    // And the day after, before any P2 session, it still carries on.
    let mut j2 = j.clone();
    j2.morning(8, 2);
    assert_eq!(
        exercise(&j2.plan(8), "bridge").rung,
        exercise(&before, "bridge").rung
    );
}

#[test]
fn prompts_for_check_in_and_red_flags() {
    let mut j = Journal::new(programme());
    let plan = j.plan(0);
    assert!(
        plan.prompts.iter().any(|p| p.contains("morning check-in")),
        "{:?}",
        plan.prompts
    );
    assert!(
        plan.prompts
            .iter()
            .any(|p| p.contains("red-flag questions")),
        "{:?}",
        plan.prompts
    );
    j.morning(0, 2).flag(0, "below_knee", false);
    let plan = j.plan(0);
    assert!(
        !plan
            .prompts
            .iter()
            .any(|p| p.contains("check-in") || p.contains("red-flag")),
        "{:?}",
        plan.prompts
    );
    // Morning pain at the recheck level asks again.
    j.morning(1, 6);
    assert!(
        j.plan(1).prompts.iter().any(|p| p.contains("again")),
        "{:?}",
        j.plan(1).prompts
    );
    // A week later the routine re-check is due.
    j.morning(7, 2);
    assert!(j.plan(7).prompts.iter().any(|p| p.contains("every 7 days")));
}

#[test]
fn same_journal_same_plan_and_past_unchanged() {
    let mut j = Journal::new(programme());
    calm_week(&mut j, 5);
    let before = j.plan(3);
    j.bridge(4, 1, 9, 9);
    assert_eq!(
        j.plan(3),
        before,
        "a later session does not rewrite an earlier day's plan"
    );
    assert_eq!(j.plan(5), j.plan(5));
}

#[test]
fn effort_above_the_rung_target_does_not_qualify() {
    use rehab_coach::domain::records::RecordBody;
    let effort_of_last_set = |effort: u8| {
        let mut j = Journal::new(programme());
        good(&mut j);
        let target = j
            .records
            .iter()
            .rev()
            .find(|r| matches!(r.body, RecordBody::SetDone { .. }))
            .map(|r| r.id.clone())
            .unwrap();
        let mut fields = serde_json::Map::new();
        fields.insert("effort".into(), serde_json::json!(effort));
        j.push(
            3,
            RecordBody::Correction {
                target,
                fields,
                reason: None,
            },
        );
        exercise(&j.plan(3), "bridge").clone()
    };
    // Rung 1's effort target is 2–4/10.
    assert_eq!(
        effort_of_last_set(4).decision,
        Decision::Progress,
        "at the target"
    );
    let above = effort_of_last_set(5);
    assert_eq!(
        (&above.decision, above.reasons[0].rule.as_str()),
        (&Decision::Hold, "rule 12")
    );
    assert!(
        above.reasons[0].text.contains("effort was 5/10"),
        "{}",
        above.reasons[0].text
    );
}

#[test]
fn a_programme_without_phases_gives_an_empty_plan() {
    let mut p = programme();
    p.phases.clear();
    let j = Journal::new(p);
    let plan = j.plan(0);
    assert!(plan.exercises.is_empty());
    assert!(plan.reasons[0].text.contains("no phases"));
}

#[test]
fn the_headline_is_the_biggest_change_among_todays_due_exercises() {
    // Bridge earns a step up; the side hold is at its P1 top and holds: not "hold".
    let mut j = Journal::new(programme());
    j.mornings(0, &[2, 2, 2, 2]);
    for d in 0..3 {
        j.session_in(
            d,
            "P1",
            &[
                ("bridge", 1, Decision::Hold),
                ("side-hold", 2, Decision::Hold),
            ],
            3,
            3,
        );
    }
    let plan = j.plan(3);
    assert_eq!(exercise(&plan, "side-hold").decision, Decision::Hold);
    assert_eq!(plan.decision, Decision::Progress, "{:#?}", plan.reasons);
    assert!(
        plan.reasons[0].text.starts_with("Bridge steps up"),
        "{:#?}",
        plan.reasons
    );

    // A step down outranks a step up.
    let mut j = Journal::new(programme());
    j.mornings(0, &[2, 2, 2, 2]);
    for d in 0..3 {
        j.session_in(
            d,
            "P1",
            &[
                ("bridge", 1, Decision::Hold),
                ("side-hold", 2, Decision::Hold),
            ],
            3,
            3,
        );
    }
    j.session_in(2, "P1", &[("side-hold", 2, Decision::Hold)], 6, 3);
    let plan = j.plan(3);
    assert_eq!(exercise(&plan, "side-hold").decision, Decision::Regress(1));
    assert_eq!(plan.decision, Decision::Regress(1));
}

#[test]
fn an_exercise_not_due_today_does_not_make_the_headline() {
    // The walk-run steps down after a red run but rests 48 h; the bridge, due, holds.
    let mut j = Journal::new(running());
    for d in 0..=14 {
        j.morning(d, 2);
    }
    j.session_in(11, "P1", &[("walk-run", 2, Decision::Hold)], 3, 3);
    j.run(13, 5.0, 6);
    let plan = j.plan(14);
    let run = exercise(&plan, "walk-run");
    assert_eq!(
        (&run.decision, run.due_today),
        (&Decision::Regress(1), false)
    );
    assert_eq!(plan.decision, Decision::Hold, "{:#?}", plan.reasons);
}

#[test]
fn nothing_due_is_a_rest_day_hold() {
    let mut p = running();
    p.phases[0].exercises.retain(|e| e.exercise == "walk-run");
    p.phases[0].min_days = 100;
    let mut j = Journal::new(p);
    j.mornings(0, &[2, 2]);
    j.session_in(0, "P1", &[("walk-run", 1, Decision::Hold)], 2, 2);
    let plan = j.plan(1);
    assert!(!exercise(&plan, "walk-run").due_today);
    assert_eq!(plan.decision, Decision::Hold);
    assert_eq!(plan.reasons[0].cause.as_deref(), Some("rest_day"));
}

/// The plateau rule and the plan's `week` field count weeks the same way: the referral comes on
/// the first day of week 9, saying "after 8 full weeks", and not on the last day of week 8.
#[test]
fn plateau_and_week_field_count_weeks_alike() {
    let mut j = Journal::new(programme());
    plateau(&mut j, [4; 7], 1);
    let last_of_week_8 = j.plan(55);
    assert_eq!(last_of_week_8.week, 8);
    assert_ne!(
        last_of_week_8.decision,
        Decision::Refer(ReferReason::Plateau)
    );
    let first_of_week_9 = j.plan(56);
    assert_eq!(first_of_week_9.week, 9);
    assert_eq!(
        first_of_week_9.decision,
        Decision::Refer(ReferReason::Plateau)
    );
    let said = &first_of_week_9.reasons[0].text;
    assert!(
        said.contains(&format!("After {} full weeks", first_of_week_9.week - 1)),
        "{said}"
    );
}
