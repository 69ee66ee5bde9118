//! Choose a programme: each with its one-line "for" and who should see a clinician first.
//! Choosing is the person's self-selection (or a clinician's label), never the app's diagnosis.

use crate::domain::catalogue::Catalogue;
use crate::tui::keymap::{Binding, Key};
use crate::tui::screens::wrapped_height;
use crate::tui::session_view::wrap::{cut, hanging};
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

/// Where wrapped lines of an entry start, under the text after "For: " and the like.
const INDENT: &str = "      ";

/// The list, wrapped to `width` here (so the row count is exact for scrolling): every programme
/// by name with its "for" on one line, the highlighted one with its "for" and who should see a
/// clinician first in full. Returns the rows and the row range of the highlighted entry.
pub fn lines(
    chooser: &Chooser,
    catalogue: &Catalogue,
    current: Option<&str>,
    theme: Theme,
    width: u16,
) -> (Vec<Line<'static>>, std::ops::Range<usize>) {
    let mut out = Vec::new();
    let mut selected_rows = 0..0;
    let wrapped = |text: &str, first: &str| hanging(text, first, INDENT, width);
    if catalogue.entries.is_empty() {
        out.extend(
            wrapped(
                "No programmes found. Put a programme file in the programmes folder shown by `rehab paths`.",
                "",
            )
            .into_iter()
            .map(Line::raw),
        );
    }
    for (i, entry) in catalogue.entries.iter().enumerate() {
        let p = &entry.programme;
        let now = if current == Some(p.id.as_str()) {
            "  (current)"
        } else {
            ""
        };
        let name = format!("{}{now}", p.name);
        let for_whom = format!("For: {}", p.for_whom);
        if i != chooser.selected {
            out.push(Line::raw(cut(&format!("  {name}"), usize::from(width))));
            out.push(Line::styled(
                cut(&format!("    {for_whom}"), usize::from(width)),
                theme.dim(),
            ));
            continue;
        }
        let first = out.len();
        for row in wrapped(&p.name, "▶ ") {
            let (marker, text) = match row.strip_prefix("▶ ") {
                Some(text) => ("▶ ", text.to_string()),
                None => ("", row),
            };
            out.push(Line::from(vec![
                Span::raw(marker),
                Span::styled(text, theme.selected()),
            ]));
        }
        if let Some(last) = out.last_mut() {
            last.push_span(Span::raw(now));
        }
        out.extend(wrapped(&for_whom, "    ").into_iter().map(Line::raw));
        if !p.see_clinician_first.is_empty() {
            let see = format!(
                "See a clinician first if: {}",
                p.see_clinician_first.join("; ")
            );
            out.extend(
                wrapped(&see, "    ")
                    .into_iter()
                    .map(|row| Line::styled(row, theme.warn())),
            );
        }
        selected_rows = first..out.len();
    }
    for warning in &catalogue.warnings {
        out.extend(
            wrapped(warning, "! ")
                .into_iter()
                .map(|row| Line::styled(row, theme.warn())),
        );
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
    let header_height = wrapped_height(&header, area.width);
    let [top, rest] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(header).wrap(Wrap { trim: false }), top);
    let (list, selected) = lines(chooser, catalogue, current, theme, rest.width);
    // Scroll just enough to keep the whole highlighted entry in view (its top if it is taller
    // than the screen).
    let scroll = selected
        .end
        .saturating_sub(usize::from(rest.height))
        .min(selected.start);
    frame.render_widget(
        Paragraph::new(list).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rest,
    );
}
