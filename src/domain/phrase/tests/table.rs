//! The table: one row or more per exercise cause, for the bridge in phase P1 (floor 1).

use super::said;
use crate::domain::plan::Decision;

/// (cause, decision, numbers, the words).
pub type Case = (
    &'static str,
    Decision,
    Vec<(&'static str, f64)>,
    &'static str,
);

/// (cause, decision, numbers, words) for the bridge in phase P1 (floor 1) on 2026-03-10.
pub fn bridge_cases() -> Vec<Case> {
    let rungs = |from: f64, to: f64| vec![("from_rung", from), ("to_rung", to)];
    let with = |mut a: Vec<(&'static str, f64)>, b: &[(&'static str, f64)]| {
        a.extend_from_slice(b);
        a
    };
    let pain = [("ceiling", 5.0), ("days_ago", 1.0)];
    vec![
        (
            "no_session_yet",
            Decision::Hold,
            rungs(1.0, 1.0),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): no session of this exercise before today, so start here",
        ),
        (
            "pain_severe",
            Decision::Regress(2),
            with(
                rungs(3.0, 1.0),
                &[
                    ("floor", 1.0),
                    ("pain", 7.0),
                    ("pain_during", 7.0),
                    ("severe", 7.0),
                ],
            )
            .into_iter()
            .chain(pain)
            .collect(),
            "Bridge steps down 2 rungs to rung 1 (1 × 10, rest 1 min), the lowest in this phase; this counts as being sent back to the floor: pain reached 7/10 during the session yesterday (■ too high zone), at or above the severe level of 7",
        ),
        (
            "pain_above_ceiling",
            Decision::Regress(1),
            with(
                rungs(3.0, 2.0),
                &[
                    ("floor", 1.0),
                    ("pain", 6.0),
                    ("pain_during", 4.0),
                    ("pain_after", 6.0),
                    ("ceiling", 5.0),
                    ("days_ago", 3.0),
                ],
            ),
            "Bridge steps down 1 rung to rung 2 (2 × 10, rest 1 min): pain reached 6/10 just after the session 3 days ago (■ too high zone), above the ceiling of 5",
        ),
        (
            // At the floor of the first phase: the step that happens is an isometric-only day.
            "pain_above_ceiling",
            Decision::IsometricOnly,
            with(
                rungs(1.0, 1.0),
                &[("floor", 1.0), ("pain", 6.0), ("pain_during", 6.0)],
            )
            .into_iter()
            .chain(pain)
            .collect(),
            "Bridge stays at rung 1 (1 × 10, rest 1 min) — already the lowest it can go, so today is an isometric-only day: do Side-lying hold instead. Why: pain reached 6/10 during the session yesterday (■ too high zone), above the ceiling of 5",
        ),
        (
            "morning_not_logged",
            Decision::Hold,
            with(rungs(2.0, 2.0), &[("days_ago", 1.0)]),
            "Bridge stays at rung 2 (2 × 10, rest 1 min): the morning after the session yesterday has no check-in yet, so the 24-hour response is unknown",
        ),
        (
            "not_settled",
            Decision::Regress(1),
            with(
                rungs(3.0, 2.0),
                &[
                    ("floor", 1.0),
                    ("morning_pain", 5.0),
                    ("baseline", 3.0),
                    ("tolerance", 1.0),
                    ("days_ago", 1.0),
                ],
            ),
            "Bridge steps down 1 rung to rung 2 (2 × 10, rest 1 min): the session yesterday did not settle: next-morning pain was 5/10, above your usual 3 plus the 1 point allowed",
        ),
        (
            "not_settled",
            Decision::Regress(1),
            with(
                rungs(3.0, 2.0),
                &[
                    ("floor", 1.0),
                    ("stiffness", 6.0),
                    ("baseline", 2.5),
                    ("tolerance", 2.0),
                    ("days_ago", 9.0),
                ],
            ),
            "Bridge steps down 1 rung to rung 2 (2 × 10, rest 1 min): the session on 2026-03-01 did not settle: next-morning stiffness was 6/10, above your usual 2.5 plus the 2 points allowed",
        ),
        (
            "not_settled",
            Decision::Regress(1),
            with(
                rungs(3.0, 2.0),
                &[
                    ("floor", 1.0),
                    ("morning_pain", 6.0),
                    ("ceiling", 5.0),
                    ("days_ago", 2.0),
                ],
            ),
            "Bridge steps down 1 rung to rung 2 (2 × 10, rest 1 min): the session 2 days ago did not settle: next-morning pain was 6/10, above the ceiling of 5",
        ),
        (
            "not_settled",
            Decision::Regress(1),
            with(
                rungs(3.0, 2.0),
                &[
                    ("floor", 1.0),
                    ("load_test_pain", 4.0),
                    ("ceiling", 3.0),
                    ("days_ago", 1.0),
                ],
            ),
            "Bridge steps down 1 rung to rung 2 (2 × 10, rest 1 min): the session yesterday did not settle: the next day's load test hurt 4/10, above its ceiling of 3",
        ),
        (
            "weekly_morning_rising",
            Decision::Hold,
            with(rungs(2.0, 2.0), &[("rise", 0.3)]),
            "Bridge stays at rung 2 (2 × 10, rest 1 min): weekly mean morning pain rose by 0.3 this week; a step up waits until it stops rising",
        ),
        (
            "streak_met",
            Decision::Progress,
            with(
                rungs(1.0, 2.0),
                &[("sessions", 3.0), ("ceiling", 5.0), ("min_days", 3.0)],
            ),
            "Bridge steps up to rung 2 (2 × 10, rest 1 min; changes sets): the last 3 sessions at this rung stayed within the ceiling of 5 and settled by the next morning, after at least 3 days at this rung",
        ),
        (
            "streak_met",
            Decision::Progress,
            with(
                rungs(1.0, 2.0),
                &[("sessions", 1.0), ("ceiling", 4.0), ("min_days", 1.0)],
            ),
            "Bridge steps up to rung 2 (2 × 10, rest 1 min; changes sets): the last session at this rung stayed within the ceiling of 4 and settled by the next morning, after at least 1 day at this rung",
        ),
        (
            "phase_top",
            Decision::Hold,
            with(
                rungs(3.0, 3.0),
                &[("sessions", 3.0), ("ceiling", 5.0), ("min_days", 3.0)],
            ),
            "Bridge stays at rung 3 (3 × 10, rest 1 min): the last 3 sessions at this rung stayed within the ceiling of 5 and settled by the next morning, after at least 3 days at this rung, but this is the top rung for phase P1",
        ),
        (
            "session_not_qualifying",
            Decision::Hold,
            with(rungs(1.0, 1.0), &[("completed", 0.0), ("days_ago", 2.0)]),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): no step up yet: the session 2 days ago was not completed",
        ),
        (
            "session_not_qualifying",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[("morning_logged", 0.0), ("days_ago", 3.0)],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): no step up yet: after the session 3 days ago, the next morning's check-in is not logged yet",
        ),
        (
            "session_not_qualifying",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[("effort", 5.0), ("target", 4.0), ("days_ago", 1.0)],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): no step up yet: effort was 5/10 yesterday, above the target of 4",
        ),
        (
            "session_not_qualifying",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[("pain", 6.0), ("ceiling", 5.0), ("days_ago", 4.0)],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): no step up yet: pain reached 6/10 4 days ago, above the ceiling of 5",
        ),
        (
            "session_not_qualifying",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("morning_pain", 5.0),
                    ("baseline", 3.0),
                    ("tolerance", 1.0),
                    ("days_ago", 2.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): no step up yet: after the session 2 days ago, next-morning pain was 5/10, above your usual 3 plus the 1 point allowed",
        ),
        (
            "streak_short",
            Decision::Hold,
            with(rungs(1.0, 1.0), &[("sessions", 1.0), ("needed", 3.0)]),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): 1 of 3 qualifying sessions in a row at this rung so far",
        ),
        (
            "streak_short",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("sessions", 0.0),
                    ("needed", 1.0),
                    ("counts_from_days_ago", -2.0),
                    ("after_step_down_days", 2.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): 0 of 1 qualifying session in a row at this rung so far (sessions count again from 2026-03-12, 48 h after a step down)",
        ),
        (
            "days_at_rung_short",
            Decision::Hold,
            with(rungs(1.0, 1.0), &[("days", 2.0), ("needed", 3.0)]),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): 2 of at least 3 days at this rung so far",
        ),
        (
            "days_at_rung_short",
            Decision::Hold,
            with(rungs(1.0, 1.0), &[("days", 0.0), ("needed", 1.0)]),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): 0 of at least 1 day at this rung so far",
        ),
        (
            "oa_unloaded_week",
            Decision::Hold,
            with(rungs(1.0, 1.0), &[("week", 1.0), ("loaded_from_week", 2.0)]),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): week 1 of a hip-OA programme is done without added weight; weight comes from week 2",
        ),
        (
            "oa_pain_rise",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("rise", 4.0),
                    ("max", 3.0),
                    ("pain_before", 1.0),
                    ("days_ago", 1.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): hip pain rose 4 points over the 1/10 before the session yesterday, more than 3",
        ),
        (
            "oa_pain_rise",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("rise", 1.0),
                    ("max", 0.0),
                    ("pain_before", 2.0),
                    ("days_ago", 2.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): hip pain rose 1 point over the 2/10 before the session 2 days ago, more than 0",
        ),
        (
            "oa_extra_pain",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("morning_pain", 4.0),
                    ("baseline", 2.0),
                    ("max_days", 1.0),
                    ("days_ago", 2.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): extra hip pain after the session 2 days ago lasted more than 1 day (morning pain 4/10, usual 2)",
        ),
        (
            "oa_extra_pain",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("morning_pain", 4.0),
                    ("baseline", 2.5),
                    ("max_days", 2.0),
                    ("days_ago", 3.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): extra hip pain after the session 3 days ago lasted more than 2 days (morning pain 4/10, usual 2.5)",
        ),
        (
            "phase_start",
            Decision::Hold,
            rungs(1.0, 1.0),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): first day of phase P1, so start at the bottom of its ladder",
        ),
        (
            "phase_start",
            Decision::Hold,
            with(rungs(2.0, 2.0), &[("last_rung", 2.0)]),
            "Bridge stays at rung 2 (2 × 10, rest 1 min): first day of phase P1, so it carries on at the rung you reached",
        ),
        (
            "phase_start",
            Decision::Hold,
            with(rungs(2.0, 2.0), &[("last_rung", 3.0)]),
            "Bridge stays at rung 2 (2 × 10, rest 1 min): first day of phase P1, whose plan keeps it at most at rung 2 while the harder work takes over",
        ),
        (
            "referral_unacknowledged",
            Decision::Hold,
            rungs(1.0, 1.0),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): it earned a step up, but steps up wait until you acknowledge the referral",
        ),
        (
            "bad_run_no_step_up",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("pain", 7.0),
                    ("ceiling", 5.0),
                    ("days_ago", 1.0),
                    ("rest_days", 2.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): it earned a step up, but the run yesterday hurt 7/10, above the ceiling of 5, so the dose stays",
        ),
        (
            "bad_run_no_step_up",
            Decision::Hold,
            with(
                rungs(1.0, 1.0),
                &[
                    ("morning_pain", 5.0),
                    ("baseline", 2.0),
                    ("tolerance", 1.0),
                    ("days_ago", 2.0),
                    ("rest_days", 2.0),
                ],
            ),
            "Bridge stays at rung 1 (1 × 10, rest 1 min): it earned a step up, but the run 2 days ago did not settle: next-morning pain was 5/10, above your usual 2 plus the 1 point allowed, so the dose stays",
        ),
        (
            "locked",
            Decision::Stop(crate::domain::red_flags::Urgency::Urgent),
            rungs(2.0, 2.0),
            "Bridge is locked until a clinician has seen you.",
        ),
    ]
}

#[test]
fn every_bridge_case_reads_as_its_table_row() {
    for (cause, decision, numbers, words) in bridge_cases() {
        assert_eq!(said("bridge", decision, cause, &numbers), words, "{cause}");
    }
}
