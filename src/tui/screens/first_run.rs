//! First run: welcome, the red-flag questions (docs/sources.md#red-flags) with the right response
//! to a yes, the programme, and baseline pain. Every step can be skipped forward and back.

use crate::domain::catalogue::Catalogue;
use crate::domain::records::RecordBody;
use crate::domain::red_flags::{NOT_A_DIAGNOSIS, RED_FLAGS, RedFlag, Urgency, worst};
use crate::tui::keymap::{Binding, Key};
use crate::tui::screens::capitalised;
use crate::tui::screens::checkin::{self, CheckInForm, FormAction, LoadTestInfo, ValueActions};
use crate::tui::screens::chooser::{self, Chooser};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Welcome,
    /// Red-flag question by index into `RED_FLAGS`.
    Flag(usize),
    /// What the answers mean.
    Response,
    Programme,
    Baseline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstRunAction {
    Next,
    Back,
    Yes,
    No,
    Up,
    Down,
    First,
    Last,
    Choose,
    Digit,
    More,
    Less,
    Finish,
}

const NEXT: Binding<FirstRunAction> = Binding {
    keys: &[Key::Tab, Key::Right, Key::Char('l')],
    hint: "next",
    help: "next step (skips this one)",
    action: FirstRunAction::Next,
};
const BACK: Binding<FirstRunAction> = Binding {
    keys: &[Key::BackTab, Key::Left, Key::Char('h'), Key::Esc],
    hint: "back",
    help: "previous step",
    action: FirstRunAction::Back,
};
const ENTER_NEXT: Binding<FirstRunAction> = Binding {
    keys: &[Key::Enter],
    hint: "continue",
    help: "continue",
    action: FirstRunAction::Next,
};

const WELCOME_KEYS: &[Binding<FirstRunAction>] = &[ENTER_NEXT, NEXT, BACK];

const FLAG_KEYS: &[Binding<FirstRunAction>] = &[
    Binding {
        keys: &[Key::Char('y')],
        hint: "yes",
        help: "answer yes",
        action: FirstRunAction::Yes,
    },
    Binding {
        keys: &[Key::Char('n')],
        hint: "no",
        help: "answer no",
        action: FirstRunAction::No,
    },
    NEXT,
    BACK,
];

const RESPONSE_KEYS: &[Binding<FirstRunAction>] = &[ENTER_NEXT, NEXT, BACK];

const PROGRAMME_KEYS: &[Binding<FirstRunAction>] = &[
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        hint: "",
        help: "previous programme",
        action: FirstRunAction::Up,
    },
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        hint: "",
        help: "next programme",
        action: FirstRunAction::Down,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        hint: "",
        help: "first programme",
        action: FirstRunAction::First,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        hint: "",
        help: "last programme (your own come after the built-ins)",
        action: FirstRunAction::Last,
    },
    Binding {
        keys: &[Key::Enter],
        hint: "choose",
        help: "choose the highlighted programme and continue",
        action: FirstRunAction::Choose,
    },
    NEXT,
    BACK,
];

const BASELINE_KEYS: &[Binding<FirstRunAction>] = &checkin::value_form_keys(
    "set the highlighted value (0–9)",
    ValueActions {
        digit: FirstRunAction::Digit,
        more: FirstRunAction::More,
        less: FirstRunAction::Less,
        up: FirstRunAction::Up,
        down: FirstRunAction::Down,
        first: FirstRunAction::First,
        last: FirstRunAction::Last,
    },
    Binding {
        keys: &[Key::Enter, Key::Tab, Key::Right, Key::Char('l')],
        hint: "finish",
        help: "save the answers and open Today",
        action: FirstRunAction::Finish,
    },
    BACK,
);

/// What the app must do after a first-run key.
#[derive(Debug, Clone, PartialEq)]
pub enum FirstRunOutcome {
    None,
    /// Save these and open Today.
    Finish {
        programme: Option<String>,
        checkin: Option<RecordBody>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct FirstRun {
    pub step: Step,
    /// Answer per `RED_FLAGS` entry (None = skipped).
    pub answers: Vec<Option<bool>>,
    pub chooser: Chooser,
    pub programme: Option<String>,
    pub baseline: CheckInForm,
}

impl FirstRun {
    pub fn new() -> FirstRun {
        FirstRun {
            step: Step::Welcome,
            answers: vec![None; RED_FLAGS.len()],
            chooser: Chooser::default(),
            programme: None,
            baseline: CheckInForm::new(None),
        }
    }

    pub fn keys(&self) -> &'static [Binding<FirstRunAction>] {
        match self.step {
            Step::Welcome => WELCOME_KEYS,
            Step::Flag(_) => FLAG_KEYS,
            Step::Response => RESPONSE_KEYS,
            Step::Programme => PROGRAMME_KEYS,
            Step::Baseline => BASELINE_KEYS,
        }
    }

    /// The most urgent red flag answered yes.
    fn worst_flag(&self) -> Option<&'static RedFlag> {
        worst(self.flag_answers_iter())
    }

    fn flag_answers_iter(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        RED_FLAGS
            .iter()
            .zip(&self.answers)
            .filter_map(|(f, a)| a.map(|yes| (f.id, yes)))
    }

    fn red_flag_answers(&self) -> BTreeMap<String, bool> {
        self.flag_answers_iter()
            .map(|(id, yes)| (id.to_string(), yes))
            .collect()
    }

    fn next_step(&self) -> Step {
        match self.step {
            Step::Welcome => Step::Flag(0),
            Step::Flag(i) if i + 1 < RED_FLAGS.len() => Step::Flag(i + 1),
            Step::Flag(_) => Step::Response,
            Step::Response => Step::Programme,
            Step::Programme | Step::Baseline => Step::Baseline,
        }
    }

    fn previous_step(&self) -> Step {
        match self.step {
            Step::Welcome | Step::Flag(0) => Step::Welcome,
            Step::Flag(i) => Step::Flag(i - 1),
            // After a stop cut the questions short, back leads to the first one not answered.
            Step::Response => Step::Flag(
                self.answers
                    .iter()
                    .position(Option::is_none)
                    .unwrap_or(RED_FLAGS.len() - 1),
            ),
            Step::Programme => Step::Response,
            Step::Baseline => Step::Programme,
        }
    }

    fn go(&mut self, step: Step, catalogue: &Catalogue) {
        if step == Step::Baseline {
            let info = self
                .programme
                .as_deref()
                .and_then(|id| catalogue.get(id))
                .and_then(|p| p.load_test.as_ref())
                .map(LoadTestInfo::from)
                // After a stop, no screen asks for exercise: the load test is one.
                .filter(|_| {
                    !self
                        .worst_flag()
                        .is_some_and(|f| f.urgency.stops_exercise())
                });
            if self.baseline.load_test_info != info {
                self.baseline.load_test_info = info;
                self.baseline.load_test = None;
                self.baseline.focus = 0;
            }
        }
        self.step = step;
    }

    pub fn handle(
        &mut self,
        action: FirstRunAction,
        digit: Option<u8>,
        catalogue: &Catalogue,
    ) -> FirstRunOutcome {
        match action {
            FirstRunAction::Next => self.go(self.next_step(), catalogue),
            FirstRunAction::Back => self.go(self.previous_step(), catalogue),
            FirstRunAction::Yes | FirstRunAction::No => {
                if let Step::Flag(i) = self.step {
                    let yes = action == FirstRunAction::Yes;
                    self.answers[i] = Some(yes);
                    // A yes that stops exercise is answered at once: what to do comes before the
                    // remaining questions (ordered most urgent first, so none can outrank it).
                    let stops = yes && RED_FLAGS[i].urgency.stops_exercise();
                    let next = if stops {
                        Step::Response
                    } else {
                        self.next_step()
                    };
                    self.go(next, catalogue);
                }
            }
            FirstRunAction::Up | FirstRunAction::Down if self.step == Step::Programme => {
                self.chooser
                    .move_by(catalogue, action == FirstRunAction::Down);
            }
            FirstRunAction::First | FirstRunAction::Last if self.step == Step::Programme => {
                self.chooser.jump(catalogue, action == FirstRunAction::Last);
            }
            FirstRunAction::First => self.baseline.edit(FormAction::First, None),
            FirstRunAction::Last => self.baseline.edit(FormAction::Last, None),
            FirstRunAction::Choose => {
                self.programme = self.chooser.chosen(catalogue).map(str::to_string);
                self.go(Step::Baseline, catalogue);
            }
            FirstRunAction::Up => self.baseline.edit(FormAction::Up, None),
            FirstRunAction::Down => self.baseline.edit(FormAction::Down, None),
            FirstRunAction::Digit => self.baseline.edit(FormAction::Digit, digit),
            FirstRunAction::More => self.baseline.edit(FormAction::More, None),
            FirstRunAction::Less => self.baseline.edit(FormAction::Less, None),
            FirstRunAction::Finish => {
                let flags = self.red_flag_answers();
                let checkin = (!flags.is_empty() || !self.baseline.is_empty())
                    .then(|| self.baseline.record(flags));
                return FirstRunOutcome::Finish {
                    programme: self.programme.clone(),
                    checkin,
                };
            }
        }
        FirstRunOutcome::None
    }
}

impl Default for FirstRun {
    fn default() -> Self {
        FirstRun::new()
    }
}

/// Plain words for what a yes means, shared with Today's banner.
pub fn flag_response(flag: Option<&RedFlag>) -> Vec<String> {
    match flag.map(|f| f.urgency) {
        Some(u @ (Urgency::Emergency | Urgency::Urgent)) => vec![
            format!("STOP ({}): {}.", u.word(), capitalised(u.instruction())),
            "The exercise screens are locked until you tell rehab a clinician has seen you.".into(),
        ],
        Some(Urgency::Soon) => vec![
            format!(
                "SEE A CLINICIAN (SOON): {}.",
                capitalised(Urgency::Soon.instruction())
            ),
            "Until then rehab keeps your exercises at the same level or easier, never harder."
                .into(),
        ],
        None => vec!["No red-flag question answered yes.".into()],
    }
}

/// Above a question once an earlier one was answered yes: the stop in full (danger), or a
/// one-line note that a clinician visit is advised (warning).
fn flag_note(worst: Option<&RedFlag>, theme: Theme) -> Vec<Line<'static>> {
    match worst.map(|f| f.urgency) {
        Some(u) if u.stops_exercise() => flag_response(worst)
            .into_iter()
            .map(|l| Line::styled(format!("■ {l}"), theme.danger()))
            .collect(),
        Some(Urgency::Soon) => vec![Line::styled(
            format!(
                "▲ Noted: a clinician visit is advised ({}).",
                Urgency::Soon.instruction()
            ),
            theme.warn(),
        )],
        _ => vec![],
    }
}

const WELCOME: &[&str] = &[
    "rehab walks you through a daily rehab routine for hip, glute and hamstring pain: timed sets and holds, pain ratings as you go, and a dose for tomorrow based on how your pain responds.",
    "",
    "What it does not do: it does not diagnose, it does not replace a physiotherapist or doctor, and no pain score proves there is no damage.",
    "",
    "See a clinician for new, severe or worrying symptoms, pain that keeps rising, or if you are unsure the programme fits you.",
    "",
    "First a few safety questions, then your programme and how your hip feels this morning. Any step can be skipped and revisited.",
];

pub fn render(
    first: &FirstRun,
    catalogue: &Catalogue,
    theme: Theme,
    green_max: u8,
    amber_max: u8,
    frame: &mut Frame,
    area: Rect,
) {
    let mut text: Vec<Line> = Vec::new();
    match first.step {
        Step::Welcome => {
            text.push(Line::styled("Welcome to rehab", theme.title()));
            text.push(Line::raw(""));
            text.extend(WELCOME.iter().map(|l| Line::raw(*l)));
        }
        Step::Flag(i) => {
            let flag = &RED_FLAGS[i];
            text.push(Line::styled(
                format!("Safety question {} of {}", i + 1, RED_FLAGS.len()),
                theme.title(),
            ));
            text.extend(flag_note(first.worst_flag(), theme));
            text.push(Line::raw(""));
            text.push(Line::raw(flag.question));
            text.push(Line::raw(""));
            let answer = match first.answers[i] {
                Some(true) => "yes",
                Some(false) => "no",
                None => "not answered",
            };
            text.push(Line::raw(format!("Your answer: {answer}")));
        }
        Step::Response => {
            text.push(Line::styled("Your answers", theme.title()));
            text.push(Line::raw(""));
            let worst = first.worst_flag();
            let style = match worst.map(|f| f.urgency) {
                Some(Urgency::Soon) => theme.warn(),
                Some(_) => theme.danger(),
                None => theme.good(),
            };
            text.extend(
                flag_response(worst)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
            let skipped = first.answers.iter().filter(|a| a.is_none()).count();
            let stopped = worst.is_some_and(|f| f.urgency.stops_exercise());
            if skipped > 0 && stopped {
                text.push(Line::raw(format!(
                    "This comes first: the remaining {} can wait (← to answer them).",
                    questions(skipped)
                )));
            } else if skipped > 0 {
                text.push(Line::raw(format!(
                    "{} skipped: go back (←) to answer them.",
                    questions(skipped)
                )));
            }
            text.push(Line::raw(""));
            text.push(Line::raw(NOT_A_DIAGNOSIS));
        }
        Step::Programme => {
            chooser::render(
                &first.chooser,
                catalogue,
                first.programme.as_deref(),
                theme,
                frame,
                area,
            );
            return;
        }
        Step::Baseline => {
            text.push(Line::styled("How is it this morning?", theme.title()));
            text.push(Line::raw(
                "Your starting point: 0 = none, 10 = worst imaginable. Skip anything you'd rather not rate.",
            ));
            text.push(Line::raw(""));
            text.extend(checkin::lines(&first.baseline, theme, green_max, amber_max));
        }
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}

/// "1 question", "6 questions".
fn questions(count: usize) -> String {
    if count == 1 {
        "1 question".into()
    } else {
        format!("{count} questions")
    }
}
