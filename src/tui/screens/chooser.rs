//! Choose a programme: each with its one-line "for" and who should see a clinician first.
//! Choosing is the person's self-selection (or a clinician's label), never the app's diagnosis.

use crate::store::programme_files::Catalogue;
use crate::tui::keymap::{Binding, Key};
use crate::tui::screens::wrapped_height;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooserAction {
    Up,
    Down,
    First,
    Last,
    Choose,
    Back,
}

pub const KEYS: &[Binding<ChooserAction>] = &[
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        hint: "",
        help: "previous programme",
        action: ChooserAction::Up,
    },
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        hint: "",
        help: "next programme",
        action: ChooserAction::Down,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        hint: "",
        help: "first programme",
        action: ChooserAction::First,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        hint: "",
        help: "last programme (your own come after the built-ins)",
        action: ChooserAction::Last,
    },
    Binding {
        keys: &[Key::Enter],
        hint: "choose",
        help: "choose the highlighted programme",
        action: ChooserAction::Choose,
    },
    Binding {
        keys: &[Key::Esc],
        hint: "back",
        help: "go back without choosing",
        action: ChooserAction::Back,
    },
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chooser {
    pub selected: usize,
}

impl Chooser {
    /// Start on the programme with this id, if listed.
    pub fn at(catalogue: &Catalogue, id: Option<&str>) -> Chooser {
        let selected = id
            .and_then(|id| catalogue.entries.iter().position(|e| e.programme.id == id))
            .unwrap_or(0);
        Chooser { selected }
    }

    pub fn move_by(&mut self, catalogue: &Catalogue, down: bool) {
        let last = catalogue.entries.len().saturating_sub(1);
        self.selected = if down {
            (self.selected + 1).min(last)
        } else {
            self.selected.saturating_sub(1)
        };
    }

    /// Jump to the first or the last programme.
    pub fn jump(&mut self, catalogue: &Catalogue, last: bool) {
        self.selected = if last {
            catalogue.entries.len().saturating_sub(1)
        } else {
            0
        };
    }

    pub fn chosen<'a>(&self, catalogue: &'a Catalogue) -> Option<&'a str> {
        catalogue
            .entries
            .get(self.selected)
            .map(|e| e.programme.id.as_str())
    }
}

/// The list: every programme by name, the highlighted one with its "for" line and who should
/// see a clinician first. Returns the lines and the row range of the highlighted entry.
pub fn lines(
    chooser: &Chooser,
    catalogue: &Catalogue,
    current: Option<&str>,
    theme: Theme,
) -> (Vec<Line<'static>>, std::ops::Range<usize>) {
    let mut out = Vec::new();
    let mut selected_rows = 0..0;
    if catalogue.entries.is_empty() {
        out.push(Line::raw(
            "No programmes found. Put a programme file in the programmes folder shown by `rehab paths`.",
        ));
    }
    for (i, entry) in catalogue.entries.iter().enumerate() {
        let p = &entry.programme;
        let selected = i == chooser.selected;
        let now = if current == Some(p.id.as_str()) {
            "  (current)"
        } else {
            ""
        };
        if !selected {
            out.push(Line::raw(format!("  {}{now}", p.name)));
            continue;
        }
        let first = out.len();
        out.push(Line::from(vec![
            Span::raw("▶ "),
            Span::styled(p.name.clone(), theme.selected()),
            Span::raw(now),
        ]));
        out.push(Line::raw(format!("    For: {}", p.for_whom)));
        if !p.see_clinician_first.is_empty() {
            out.push(Line::styled(
                format!(
                    "    See a clinician first if: {}",
                    p.see_clinician_first.join("; ")
                ),
                theme.warn(),
            ));
        }
        selected_rows = first..out.len();
    }
    for warning in &catalogue.warnings {
        out.push(Line::styled(format!("! {warning}"), theme.warn()));
    }
    (out, selected_rows)
}

pub fn render(
    chooser: &Chooser,
    catalogue: &Catalogue,
    current: Option<&str>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let header = vec![
        Line::styled("Choose a programme", theme.title()),
        Line::raw(
            "Pick the one that matches what you or your clinician call the problem. rehab does not diagnose.",
        ),
        Line::raw(""),
    ];
    let (list, selected) = lines(chooser, catalogue, current, theme);
    let header_height = wrapped_height(&header, area.width);
    let [top, rest] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(header).wrap(Wrap { trim: false }), top);
    // Scroll just enough to keep the whole highlighted entry in view.
    let before = wrapped_height(&list[..selected.start], rest.width);
    let entry = wrapped_height(&list[selected.clone()], rest.width);
    let scroll = (before + entry).saturating_sub(rest.height).min(before);
    frame.render_widget(
        Paragraph::new(list)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rest,
    );
}
