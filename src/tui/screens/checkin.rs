//! The morning check-in: pain, stiffness and (when the programme has one) the load test, each
//! 0–10, then the pain during each recent imported run not rated yet. A digit sets the focused
//! value and moves on; + and − adjust (so 10 is reachable).

use crate::domain::pain::{Rating, SCALE_MAX, Zone};
use crate::domain::programme::LoadTest;
use crate::domain::records::{RecordBody, RecordId};
use crate::tui::keymap::{Binding, Key};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Pain,
    Stiffness,
    LoadTest,
    /// The pain during the form's n-th unrated run.
    RunPain(usize),
}

/// An imported run whose pain the check-in asks for (the watch does not know it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunQuestion {
    pub run: RecordId,
    /// e.g. "Your 6.2 km run yesterday: pain during".
    pub label: String,
    pub pain: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInForm {
    pub pain: Option<u8>,
    pub stiffness: Option<u8>,
    pub load_test: Option<u8>,
    /// The programme's load test, if it has one.
    pub load_test_info: Option<LoadTestInfo>,
    /// Recent imported runs with no pain yet, asked after the morning questions.
    pub runs: Vec<RunQuestion>,
    pub focus: usize,
}

/// What the form shows about the programme's load test, judged against its own ceiling (R7)
/// rather than the pain zones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadTestInfo {
    pub name: String,
    pub instructions: String,
    /// Highest acceptable load-test pain (0–10).
    pub ceiling: u8,
}

impl From<&LoadTest> for LoadTestInfo {
    fn from(test: &LoadTest) -> LoadTestInfo {
        LoadTestInfo {
            name: test.name.clone(),
            instructions: test.instructions.clone(),
            ceiling: test.ceiling,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Digit,
    Up,
    Down,
    First,
    Last,
    More,
    Less,
    Save,
    Skip,
}

/// The actions a form of 0–10 values maps its editing keys to.
pub struct ValueActions<A> {
    pub digit: A,
    pub more: A,
    pub less: A,
    pub up: A,
    pub down: A,
    pub first: A,
    pub last: A,
}

/// A key table for a form of 0–10 values: a digit sets the highlighted line, `+`/`-` adjust (so
/// 10 is reachable), up/down move, then `done` and `leave`. The check-in and the first run's
/// baseline share it so their keys cannot drift apart.
pub const fn value_form_keys<A: Copy>(
    digit_help: &'static str,
    actions: ValueActions<A>,
    done: Binding<A>,
    leave: Binding<A>,
) -> [Binding<A>; 9] {
    [
        Binding {
            keys: &[Key::Digit],
            hint: "set",
            help: digit_help,
            action: actions.digit,
        },
        Binding {
            keys: &[Key::Char('+'), Key::Char('=')],
            hint: "",
            help: "one point higher (reach 10)",
            action: actions.more,
        },
        Binding {
            keys: &[Key::Char('-')],
            hint: "",
            help: "one point lower",
            action: actions.less,
        },
        Binding {
            keys: &[Key::Up, Key::Char('k')],
            hint: "",
            help: "previous line",
            action: actions.up,
        },
        Binding {
            keys: &[Key::Down, Key::Char('j')],
            hint: "",
            help: "next line",
            action: actions.down,
        },
        Binding {
            keys: &[Key::Home, Key::Char('g')],
            hint: "",
            help: "first line",
            action: actions.first,
        },
        Binding {
            keys: &[Key::End, Key::Char('G')],
            hint: "",
            help: "last line",
            action: actions.last,
        },
        done,
        leave,
    ]
}

pub const KEYS: &[Binding<FormAction>] = &value_form_keys(
    "set the value of the highlighted line (0–9), then move to the next",
    ValueActions {
        digit: FormAction::Digit,
        more: FormAction::More,
        less: FormAction::Less,
        up: FormAction::Up,
        down: FormAction::Down,
        first: FormAction::First,
        last: FormAction::Last,
    },
    Binding {
        keys: &[Key::Enter],
        hint: "save",
        help: "save the check-in",
        action: FormAction::Save,
    },
    Binding {
        keys: &[Key::Esc],
        hint: "skip",
        help: "skip the check-in for now",
        action: FormAction::Skip,
    },
);

impl CheckInForm {
    pub fn new(load_test_info: Option<LoadTestInfo>) -> CheckInForm {
        CheckInForm {
            pain: None,
            stiffness: None,
            load_test: None,
            load_test_info,
            runs: Vec::new(),
            focus: 0,
        }
    }

    pub fn fields(&self) -> Vec<Field> {
        let mut f = vec![Field::Pain, Field::Stiffness];
        if self.load_test_info.is_some() {
            f.push(Field::LoadTest);
        }
        f.extend((0..self.runs.len()).map(Field::RunPain));
        f
    }

    fn label(&self, field: Field) -> &str {
        match field {
            Field::Pain => "Morning pain",
            Field::Stiffness => "Morning stiffness",
            Field::LoadTest => "Load test pain",
            Field::RunPain(i) => self.runs.get(i).map_or("Run pain", |r| r.label.as_str()),
        }
    }

    fn slot(&mut self, field: Field) -> &mut Option<u8> {
        match field {
            Field::Pain => &mut self.pain,
            Field::Stiffness => &mut self.stiffness,
            Field::LoadTest => &mut self.load_test,
            Field::RunPain(i) => match self.runs.get_mut(i) {
                Some(run) => &mut run.pain,
                None => &mut self.pain,
            },
        }
    }

    fn value(&self, field: Field) -> Option<u8> {
        match field {
            Field::Pain => self.pain,
            Field::Stiffness => self.stiffness,
            Field::LoadTest => self.load_test,
            Field::RunPain(i) => self.runs.get(i).and_then(|r| r.pain),
        }
    }

    fn focused(&self) -> Field {
        let fields = self.fields();
        fields[self.focus.min(fields.len() - 1)]
    }

    /// Apply an editing action (Save and Skip are the caller's).
    pub fn edit(&mut self, action: FormAction, digit: Option<u8>) {
        let last = self.fields().len() - 1;
        let field = self.focused();
        match action {
            FormAction::Digit => {
                if let Some(d) = digit {
                    *self.slot(field) = Some(d);
                    self.focus = (self.focus + 1).min(last);
                }
            }
            FormAction::More => {
                let v = self.slot(field);
                *v = Some(v.map_or(0, |x| (x + 1).min(SCALE_MAX)));
            }
            FormAction::Less => {
                let v = self.slot(field);
                *v = Some(v.map_or(0, |x| x.saturating_sub(1)));
            }
            FormAction::Up => self.focus = self.focus.saturating_sub(1),
            FormAction::Down => self.focus = (self.focus + 1).min(last),
            FormAction::First => self.focus = 0,
            FormAction::Last => self.focus = last,
            FormAction::Save | FormAction::Skip => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pain.is_none()
            && self.stiffness.is_none()
            && self.load_test.is_none()
            && self.runs.iter().all(|r| r.pain.is_none())
    }

    /// The check-in record, then one correction per run rated (it adds the run's pain).
    pub fn records(&self, red_flags: BTreeMap<String, bool>) -> Vec<RecordBody> {
        let morning_empty =
            self.pain.is_none() && self.stiffness.is_none() && self.load_test.is_none();
        let mut out = Vec::new();
        if !(morning_empty && red_flags.is_empty()) {
            out.push(self.record(red_flags));
        }
        for run in &self.runs {
            if let Some(pain) = run.pain {
                let fields = serde_json::Map::from_iter([("pain".to_string(), pain.into())]);
                out.push(RecordBody::Correction {
                    target: run.run.clone(),
                    fields,
                    reason: Some("pain during the run, rated at the check-in".into()),
                });
            }
        }
        out
    }

    /// The check-in record, with any red-flag answers given alongside.
    pub fn record(&self, red_flags: BTreeMap<String, bool>) -> RecordBody {
        let rating = |v: Option<u8>| v.and_then(|x| Rating::new(i64::from(x)).ok());
        RecordBody::CheckIn {
            pain: rating(self.pain),
            stiffness: rating(self.stiffness),
            load_test: rating(self.load_test),
            red_flags,
        }
    }
}

/// Lines of the form: one per field with its value, zone word and symbol.
pub fn lines(form: &CheckInForm, theme: Theme, green_max: u8, amber_max: u8) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, field) in form.fields().into_iter().enumerate() {
        let value = form.value(field);
        let shown = value.map_or("  –".to_string(), |v| format!("{v:>3}"));
        if field == Field::RunPain(0) {
            out.push(Line::raw(""));
            out.push(Line::raw(
                "Imported runs: the pain during each (your morning pain is the next morning's).",
            ));
        }
        let zone = match (field, value, &form.load_test_info) {
            (Field::Stiffness, _, _) | (_, None, _) => String::new(),
            (Field::LoadTest, Some(v), Some(test)) => against_ceiling(v, test.ceiling),
            (_, Some(v), _) => {
                let z = Zone::of(
                    Rating::new(i64::from(v)).unwrap_or(Rating::ZERO),
                    green_max,
                    amber_max,
                );
                format!("  {} {}", z.symbol(), z.word())
            }
        };
        let marker = if i == form.focus { "▶ " } else { "  " };
        let style = if i == form.focus {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        out.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{:<18}{shown} / 10", form.label(field)), style),
            Span::raw(zone),
        ]));
    }
    if let Some(test) = &form.load_test_info {
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!("Load test: {}", test.name),
            theme.title(),
        ));
        out.push(Line::raw(test.instructions.clone()));
    }
    out
}

/// "  ■ above the load-test ceiling of 3" or "  ● within the load-test ceiling of 3".
fn against_ceiling(value: u8, ceiling: u8) -> String {
    let (zone, relation) = if value > ceiling {
        (Zone::Red, "above")
    } else {
        (Zone::Green, "within")
    };
    format!(
        "  {} {relation} the load-test ceiling of {ceiling}",
        zone.symbol()
    )
}

pub fn render(
    form: &CheckInForm,
    theme: Theme,
    green_max: u8,
    amber_max: u8,
    frame: &mut Frame,
    area: Rect,
) {
    let mut text = vec![
        Line::styled("Morning check-in", theme.title()),
        Line::raw("Rate each within 30 minutes of waking: 0 = none, 10 = worst imaginable."),
        Line::raw(""),
    ];
    text.extend(lines(form, theme, green_max, amber_max));
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_and_capital_g_go_to_the_first_and_last_line() {
        let mut f = CheckInForm::new(Some(bridge_test()));
        let keys = |c: char| {
            crate::tui::keymap::lookup(
                KEYS,
                &ratatui::crossterm::event::KeyEvent::new(
                    ratatui::crossterm::event::KeyCode::Char(c),
                    ratatui::crossterm::event::KeyModifiers::NONE,
                ),
            )
        };
        f.edit(keys('G').unwrap(), None);
        assert_eq!(f.focused(), Field::LoadTest);
        f.edit(keys('g').unwrap(), None);
        assert_eq!(f.focused(), Field::Pain);
    }

    #[test]
    fn digits_fill_fields_in_order_and_plus_reaches_ten() {
        let mut f = CheckInForm::new(Some(bridge_test()));
        f.edit(FormAction::Digit, Some(3));
        f.edit(FormAction::Digit, Some(2));
        f.edit(FormAction::Digit, Some(9));
        f.edit(FormAction::More, None);
        f.edit(FormAction::More, None);
        assert_eq!(
            (f.pain, f.stiffness, f.load_test),
            (Some(3), Some(2), Some(10))
        );
        f.edit(FormAction::Up, None);
        f.edit(FormAction::Less, None);
        assert_eq!(f.stiffness, Some(1));
    }

    fn bridge_test() -> LoadTestInfo {
        LoadTestInfo {
            name: "Bridge".into(),
            instructions: "3 bridges".into(),
            ceiling: 3,
        }
    }

    fn rendered(form: &CheckInForm) -> String {
        let lines = lines(form, Theme::plain(), 2, 5);
        lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn load_test_is_judged_against_its_ceiling_not_the_pain_zones() {
        let mut f = CheckInForm::new(Some(bridge_test()));
        f.edit(FormAction::Digit, Some(1));
        f.edit(FormAction::Digit, Some(1));
        f.edit(FormAction::Digit, Some(4));
        let shown = rendered(&f);
        assert!(
            shown.contains("■ above the load-test ceiling of 3"),
            "{shown}"
        );
        f.edit(FormAction::Digit, Some(3));
        let shown = rendered(&f);
        assert!(
            shown.contains("● within the load-test ceiling of 3"),
            "{shown}"
        );
    }

    #[test]
    fn record_keeps_unanswered_fields_empty() {
        let mut f = CheckInForm::new(None);
        f.edit(FormAction::Digit, Some(4));
        let RecordBody::CheckIn {
            pain,
            stiffness,
            load_test,
            ..
        } = f.record(BTreeMap::new())
        else {
            panic!("not a check-in");
        };
        assert_eq!(pain.map(Rating::value), Some(4));
        assert_eq!((stiffness, load_test), (None, None));
    }
}
