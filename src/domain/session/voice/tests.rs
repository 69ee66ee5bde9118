use super::words::duration_words;
use super::*;

#[test]
fn durations_are_said_as_people_say_them() {
    let said = |n| duration_words(Duration::from_secs(n));
    assert_eq!(said(1), "1 second");
    assert_eq!(said(45), "45 seconds");
    assert_eq!(said(60), "1 minute");
    assert_eq!(said(90), "90 seconds");
    assert_eq!(said(120), "2 minutes");
    assert_eq!(said(150), "2 minutes 30 seconds");
}

#[test]
fn speaking_time_grows_with_words_and_pauses() {
    assert_eq!(speaking_time("go"), Duration::from_millis(550));
    assert_eq!(
        speaking_time("last set, left side"),
        Duration::from_millis(1_700)
    );
}

#[test]
fn called_seconds_follow_the_detail_and_the_step() {
    let called = |kind, total, detail, every| {
        words::called_seconds(
            kind,
            total,
            VoiceOptions {
                detail,
                time_left_every: every,
            },
        )
        .collect::<Vec<u64>>()
    };
    let secs = Duration::from_secs;
    let hold = StepKind::Hold {
        length: secs(95),
        index: 1,
        of: 1,
    };
    assert_eq!(
        called(StepKind::GetReady(secs(5)), 5, VoiceDetail::Normal, 30),
        [3, 2, 1]
    );
    assert_eq!(
        called(StepKind::GetReady(secs(5)), 5, VoiceDetail::Minimal, 30),
        [0; 0]
    );
    assert_eq!(called(hold, 95, VoiceDetail::Normal, 30), [90, 60, 30]);
    assert_eq!(called(hold, 95, VoiceDetail::Normal, 0), [0; 0]);
    assert_eq!(
        called(hold, 95, VoiceDetail::Chatty, 30),
        [90, 60, 30, 3, 2, 1]
    );
    assert_eq!(
        called(hold, 95, VoiceDetail::Normal, 2),
        (5..95).rev().filter(|s| s % 2 == 0).collect::<Vec<_>>()
    );
    assert_eq!(
        called(StepKind::Rest(secs(60)), 60, VoiceDetail::Normal, 30),
        [10]
    );
    assert_eq!(
        called(StepKind::Rest(secs(12)), 12, VoiceDetail::Normal, 30),
        [0; 0]
    );
    assert_eq!(
        called(StepKind::SideSwitch(secs(5)), 5, VoiceDetail::Chatty, 30),
        [0; 0]
    );
}
