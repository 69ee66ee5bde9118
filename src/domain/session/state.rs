//! The runner's state values: where the session is, which dialog is open, what has been done.

use super::steps::Slot;
use crate::domain::pain::Rating;
use crate::domain::programme::ExerciseKind;
use crate::domain::programme::Rung;
use crate::domain::records::RecordId;

/// The main line of the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Following the step list (the current step decides what is shown).
    Steps,
    /// Pain passed the ceiling: the exercise has ended for today; choose what comes instead.
    RedPain { choice: usize },
    /// After the last step: pain after, effort, note.
    EndForm(EndForm),
    /// What was done (after `SessionFinished` is written), scrolled down `scroll` rows (it can
    /// be longer than a small terminal).
    Summary { scroll: u16 },
    /// Finished or quit; nothing more to do.
    Ended,
}

/// A dialog over the main line. The countdown is paused while one is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Paused,
    SkipReason {
        choice: usize,
    },
    /// `from_pause`: staying goes back to the pause rather than resuming the countdown.
    QuitConfirm {
        from_pause: bool,
    },
}

/// The end-of-session form, one field at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndForm {
    pub field: EndField,
    pub pain_after: Option<Rating>,
    pub effort: Option<Rating>,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EndField {
    #[default]
    PainAfter,
    Effort,
    Note,
}

/// Why an exercise was left out, as offered in the skip dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Pain,
    NoTime,
    NoEquipment,
    Other,
}

impl SkipReason {
    pub const ALL: [SkipReason; 4] = [
        SkipReason::Pain,
        SkipReason::NoTime,
        SkipReason::NoEquipment,
        SkipReason::Other,
    ];

    /// The reason as written in the journal and shown.
    pub fn word(self) -> &'static str {
        match self {
            SkipReason::Pain => "pain",
            SkipReason::NoTime => "no time",
            SkipReason::NoEquipment => "no equipment",
            SkipReason::Other => "other",
        }
    }
}

/// What the red-pain dialog offers instead of the exercise that hurt.
#[derive(Debug, Clone, PartialEq)]
pub enum RedOption {
    /// The same exercise one rung down, for the sets that are left.
    EasierRung {
        rung: u32,
        dose: Rung,
    },
    /// The exercise's isometric alternative (by programme id).
    Isometric {
        exercise: String,
        name: String,
    },
    MoveOn,
}

impl RedOption {
    pub fn label(&self, kind: ExerciseKind) -> String {
        match self {
            RedOption::EasierRung { rung, dose } => {
                format!(
                    "Easier rung {rung} for the sets left: {}",
                    dose.describe(kind)
                )
            }
            RedOption::Isometric { name, .. } => format!("Isometric instead: {name}"),
            RedOption::MoveOn => "Move on to the next exercise".to_string(),
        }
    }
}

/// Why a block stopped before its last set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockEnd {
    Skipped(String),
    /// Pain passed the ceiling.
    RedPain,
}

/// A set that was rated and appended, kept so it can be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct DoneSet {
    pub slot: Slot,
    pub exercise: String,
    pub pain: Rating,
    pub effort: Option<Rating>,
    pub reps: Option<u32>,
    pub seconds: Option<u32>,
    /// The journal id, once the shell reports it (`Session::record_written`).
    pub id: Option<RecordId>,
    /// Index of the slot's first step, where an undo goes back to.
    pub start: usize,
    /// Steps inserted after this set by the red-pain dialog (start, count), removed on undo.
    pub inserted: Option<(usize, usize)>,
}

/// Which screen the runner shows: picks the key table, the footer and the help rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    /// The 3-2-1 before a hold or stretch.
    GetReady,
    /// A hold, timed set or stretch on a countdown.
    Countdown,
    /// A walk or jog part of an interval.
    Interval,
    Reps,
    Rest,
    SideSwitch,
    RatePain,
    RateEffort,
    RedPain,
    EndPain,
    EndEffort,
    EndNote,
    Summary,
    Paused,
    SkipReason,
    QuitConfirm,
    Ended,
}

impl Screen {
    /// Every screen, for tests and help.
    pub const ALL: [Screen; 17] = [
        Screen::GetReady,
        Screen::Countdown,
        Screen::Interval,
        Screen::Reps,
        Screen::Rest,
        Screen::SideSwitch,
        Screen::RatePain,
        Screen::RateEffort,
        Screen::RedPain,
        Screen::EndPain,
        Screen::EndEffort,
        Screen::EndNote,
        Screen::Summary,
        Screen::Paused,
        Screen::SkipReason,
        Screen::QuitConfirm,
        Screen::Ended,
    ];
}
