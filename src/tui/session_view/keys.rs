//! The runner's key tables: one per screen. Each drives dispatch, the footer hints and the help
//! rows, so what the footer says is exactly what the keys do.
//!
//! Ratings are one keypress: digits 0–9, and `t` (or `!`) for 10.

use crate::domain::session::{Input, Screen};
use crate::tui::keymap::{Binding, Key};

/// What a key does in the runner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Do(Input),
    /// A digit typed: a rating (or a numbered choice).
    Digit,
}

const fn bind(
    keys: &'static [Key],
    hint: &'static str,
    help: &'static str,
    input: Input,
) -> Binding<Action> {
    Binding {
        keys,
        hint,
        help,
        action: Action::Do(input),
    }
}

const PAUSE: Binding<Action> = bind(
    &[Key::Char(' '), Key::Char('p')],
    "pause",
    "pause the timer (the time left is kept exactly)",
    Input::Pause,
);
const SKIP: Binding<Action> = bind(
    &[Key::Char('s')],
    "skip",
    "leave this exercise out today (you pick a reason)",
    Input::Skip,
);
const UNDO: Binding<Action> = bind(
    &[Key::Char('u')],
    "undo",
    "undo the last rated set and do it again",
    Input::Undo,
);
const BELL: Binding<Action> = bind(
    &[Key::Char('b')],
    "",
    "turn the bell on or off",
    Input::ToggleBell,
);
const VOICE: Binding<Action> = bind(
    &[Key::Char('v')],
    "",
    "turn the voice on or off: spoken cues (config: voice)",
    Input::ToggleVoice,
);
const QUIT: Binding<Action> = bind(
    &[Key::Char('q'), Key::Ctrl('c')],
    "quit",
    "stop the session and go back to Today (asks first; sets are saved)",
    Input::Quit,
);
const RATE_DIGIT: Binding<Action> = Binding {
    keys: &[Key::Digit],
    hint: "rate",
    help: "rate 0 to 9",
    action: Action::Digit,
};
const RATE_TEN: Binding<Action> = bind(
    &[Key::Char('t'), Key::Char('!')],
    "10",
    "rate 10 (worst imaginable)",
    Input::Rate(10),
);
/// Ends a count-in, rest or side switch early.
const GO_ON_KEYS: &[Key] = &[Key::Char('n'), Key::Right, Key::Enter];
const KEEP_LAST_PAIN: Binding<Action> = bind(
    &[Key::Enter],
    "same as last",
    "keep the last pain rating",
    Input::Confirm,
);
const LEAVE_EFFORT_OUT: Binding<Action> = bind(
    &[Key::Enter],
    "skip",
    "leave effort out (it is optional)",
    Input::Confirm,
);
const UP: Binding<Action> = bind(
    &[Key::Up, Key::Char('k')],
    "",
    "move up the list",
    Input::Up,
);
const DOWN: Binding<Action> = bind(
    &[Key::Down, Key::Char('j')],
    "",
    "move down the list",
    Input::Down,
);

/// A timed screen's table: its own keys first, then the ones every timed screen shares.
macro_rules! timed {
    ($($own:expr),+ $(,)?) => {
        &[$($own,)+ PAUSE, SKIP, UNDO, BELL, VOICE, QUIT]
    };
}

const COUNTDOWN: &[Binding<Action>] = timed!(bind(
    &[Key::Enter],
    "done",
    "end this part now (the seconds done are recorded)",
    Input::Confirm,
));

const GET_READY: &[Binding<Action>] = timed!(bind(
    GO_ON_KEYS,
    "start now",
    "skip the count-in and start now",
    Input::CutShort,
));

const REPS: &[Binding<Action>] = timed!(
    bind(
        &[Key::Enter],
        "done",
        "the reps of this set are done",
        Input::Confirm,
    ),
    bind(
        &[Key::Char('m')],
        "pace",
        "paced count on or off (a tick per phase, for exercises with a tempo)",
        Input::TogglePacing,
    ),
);

const REST: &[Binding<Action>] = timed!(
    bind(
        &[Key::Char('+'), Key::Char('=')],
        "more rest",
        "add time to this rest",
        Input::Extend,
    ),
    bind(
        &[Key::Char('-')],
        "less rest",
        "take time off this rest",
        Input::Shorten,
    ),
    bind(
        GO_ON_KEYS,
        "next",
        "cut the rest short and go on",
        Input::CutShort,
    ),
);

const SIDE_SWITCH: &[Binding<Action>] = timed!(bind(
    GO_ON_KEYS,
    "go now",
    "start the other side now",
    Input::CutShort,
));

const RATE_PAIN: &[Binding<Action>] = &[
    RATE_DIGIT,
    RATE_TEN,
    KEEP_LAST_PAIN,
    UNDO,
    SKIP,
    PAUSE,
    BELL,
    VOICE,
    QUIT,
];

const RATE_EFFORT: &[Binding<Action>] = &[
    RATE_DIGIT,
    RATE_TEN,
    LEAVE_EFFORT_OUT,
    bind(&[Key::Esc], "back", "change the pain rating", Input::Cancel),
    UNDO,
    QUIT,
];

const RED_PAIN: &[Binding<Action>] = &[
    UP,
    DOWN,
    bind(
        &[Key::Enter],
        "choose",
        "do the highlighted choice",
        Input::Confirm,
    ),
    UNDO,
    QUIT,
];

const END_PAIN: &[Binding<Action>] = &[RATE_DIGIT, RATE_TEN, KEEP_LAST_PAIN, UNDO, QUIT];

const END_EFFORT: &[Binding<Action>] = &[
    RATE_DIGIT,
    RATE_TEN,
    LEAVE_EFFORT_OUT,
    bind(&[Key::Esc], "back", "back to pain after", Input::Cancel),
    QUIT,
];

/// In the note, letters are text: only these keys are commands.
const END_NOTE: &[Binding<Action>] = &[
    bind(
        &[Key::Enter],
        "finish",
        "save the session (the note is optional)",
        Input::Confirm,
    ),
    bind(
        &[Key::Backspace],
        "",
        "delete the last character",
        Input::Backspace,
    ),
    bind(&[Key::Esc], "back", "back to effort", Input::Cancel),
    bind(
        &[Key::Ctrl('c')],
        "quit",
        "stop without saving the end form (sets are saved; asks first)",
        Input::Quit,
    ),
];

const SUMMARY: &[Binding<Action>] = &[
    bind(
        &[Key::Enter, Key::Char('q'), Key::Esc, Key::Ctrl('c')],
        "close",
        "leave the summary",
        Input::Confirm,
    ),
    bind(&[Key::Up, Key::Char('k')], "", "scroll up", Input::Up),
    bind(
        &[Key::Down, Key::Char('j')],
        "more",
        "scroll down",
        Input::Down,
    ),
];

const PAUSED: &[Binding<Action>] = &[
    bind(
        &[Key::Char(' '), Key::Char('p'), Key::Enter, Key::Esc],
        "resume",
        "carry on with the time that was left",
        Input::Pause,
    ),
    QUIT,
];

const SKIP_REASON: &[Binding<Action>] = &[
    UP,
    DOWN,
    Binding {
        keys: &[Key::Digit],
        hint: "",
        help: "pick reason 1 to 4",
        action: Action::Digit,
    },
    bind(
        &[Key::Enter],
        "skip",
        "skip with the highlighted reason",
        Input::Confirm,
    ),
    bind(
        &[Key::Esc, Key::Char('s')],
        "cancel",
        "keep the exercise",
        Input::Cancel,
    ),
    QUIT,
];

const QUIT_CONFIRM: &[Binding<Action>] = &[
    bind(
        &[Key::Char('y'), Key::Enter, Key::Ctrl('c')],
        "quit",
        "back to Today now (s there resumes this session)",
        Input::Confirm,
    ),
    bind(
        &[Key::Char('n'), Key::Esc, Key::Char('q')],
        "stay",
        "go back to the session",
        Input::Cancel,
    ),
];

const ENDED: &[Binding<Action>] = &[];

/// The table for a screen.
pub fn table(screen: Screen) -> &'static [Binding<Action>] {
    match screen {
        Screen::GetReady => GET_READY,
        Screen::Countdown | Screen::Interval => COUNTDOWN,
        Screen::Reps => REPS,
        Screen::Rest => REST,
        Screen::SideSwitch => SIDE_SWITCH,
        Screen::RatePain => RATE_PAIN,
        Screen::RateEffort => RATE_EFFORT,
        Screen::RedPain => RED_PAIN,
        Screen::EndPain => END_PAIN,
        Screen::EndEffort => END_EFFORT,
        Screen::EndNote => END_NOTE,
        Screen::Summary => SUMMARY,
        Screen::Paused => PAUSED,
        Screen::SkipReason => SKIP_REASON,
        Screen::QuitConfirm => QUIT_CONFIRM,
        Screen::Ended => ENDED,
    }
}
