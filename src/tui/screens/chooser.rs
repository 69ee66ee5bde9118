//! Choose a programme: each with its one-line "for" and who should see a clinician first.
//! Choosing is the person's self-selection (or a clinician's label), never the app's diagnosis.

use crate::store::programme_files::Catalogue;
use crate::tui::keymap::{Binding, Key};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooserAction {
    Up,
    Down,
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

    pub fn chosen<'a>(&self, catalogue: &'a Catalogue) -> Option<&'a str> {
        catalogue
            .entries
            .get(self.selected)
            .map(|e| e.programme.id.as_str())
    }
}

pub fn lines(
    chooser: &Chooser,
    catalogue: &Catalogue,
    current: Option<&str>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if catalogue.entries.is_empty() {
        out.push(Line::raw(
            "No programmes found. Put a programme file in the programmes folder shown by `rehab paths`.",
        ));
    }
    for (i, entry) in catalogue.entries.iter().enumerate() {
        let p = &entry.programme;
        let selected = i == chooser.selected;
        let marker = if selected { "▶ " } else { "  " };
        let now = if current == Some(p.id.as_str()) {
            "  (current)"
        } else {
            ""
        };
        let name_style = if selected {
            theme.selected()
        } else {
            theme.title()
        };
        out.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(p.name.clone(), name_style),
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
    }
    for warning in &catalogue.warnings {
        out.push(Line::styled(format!("! {warning}"), theme.warn()));
    }
    out
}

pub fn render(
    chooser: &Chooser,
    catalogue: &Catalogue,
    current: Option<&str>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let mut text = vec![
        Line::styled("Choose a programme", theme.title()),
        Line::raw(
            "Pick the one that matches what you or your clinician call the problem. rehab does not diagnose.",
        ),
        Line::raw(""),
    ];
    text.extend(lines(chooser, catalogue, current, theme));
    // Keep the highlighted programme on screen: each takes about 3 lines.
    let scroll = (chooser.selected * 3).saturating_sub(usize::from(area.height) / 2) as u16;
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
