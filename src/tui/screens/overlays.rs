//! Dialogs drawn over a screen: help, yes/no confirmations, the resume offer, and the notice
//! shown when the terminal is too small.

use crate::tui::keymap::{Binding, Key};
use crate::tui::screens::wrapped_height;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect, Size};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// Switch to this programme (id).
    ConfirmSwitch(String),
    /// Confirm a clinician has seen the person after a stop.
    ConfirmClinician,
    /// An unfinished session from today can be resumed.
    ResumeOffer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogAction {
    Yes,
    No,
    /// Close the dialog and decide nothing (the resume offer: Today's `s` still resumes).
    Dismiss,
}

const CONFIRM_KEYS: &[Binding<DialogAction>] = &[
    Binding {
        keys: &[Key::Char('y'), Key::Enter],
        hint: "yes",
        help: "yes",
        action: DialogAction::Yes,
    },
    Binding {
        keys: &[Key::Char('n'), Key::Esc],
        hint: "no",
        help: "no, go back",
        action: DialogAction::No,
    },
];

/// y resumes, n leaves the session for today, q/Esc only close the offer.
const RESUME_KEYS: &[Binding<DialogAction>] = &[
    Binding {
        keys: &[Key::Char('y'), Key::Enter],
        hint: "resume",
        help: "resume the session where it stopped",
        action: DialogAction::Yes,
    },
    Binding {
        keys: &[Key::Char('n')],
        hint: "leave it for today",
        help: "leave it (its sets stay saved); s then starts a fresh session",
        action: DialogAction::No,
    },
    Binding {
        keys: &[Key::Char('q'), Key::Esc],
        hint: "later",
        help: "close this; s on Today resumes it",
        action: DialogAction::Dismiss,
    },
];

const HELP_KEYS: &[Binding<DialogAction>] = &[Binding {
    keys: &[Key::Esc, Key::Char('?'), Key::Char('q'), Key::Enter],
    hint: "close",
    help: "close the help",
    action: DialogAction::No,
}];

impl Overlay {
    pub fn keys(&self) -> &'static [Binding<DialogAction>] {
        match self {
            Overlay::Help => HELP_KEYS,
            Overlay::ResumeOffer => RESUME_KEYS,
            _ => CONFIRM_KEYS,
        }
    }

    /// Title and body of a confirmation dialog.
    pub fn text(&self, programme_name: Option<&str>) -> (&'static str, Vec<String>) {
        match self {
            Overlay::Help => ("Keys", vec![]),
            Overlay::ConfirmSwitch(id) => (
                "Switch programme?",
                vec![
                    format!("Switch to {} from today?", programme_name.unwrap_or(id)),
                    "Your history is kept; the new programme starts at its first phase.".into(),
                ],
            ),
            Overlay::ConfirmClinician => (
                "Has a clinician seen you?",
                vec![
                    "Answer yes only if a doctor or physiotherapist has seen you about these symptoms and agreed you can exercise.".into(),
                ],
            ),
            // The app words the offer from the session itself (`App::resume_offer_lines`).
            Overlay::ResumeOffer => ("Resume today's session?", vec![]),
        }
    }
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Widest dialog, in columns.
const DIALOG_WIDTH: u16 = 64;
/// The border's columns (left and right) or rows (top and bottom).
const BORDERS: u16 = 2;
/// Rows a dialog adds to its wrapped body: the borders, a blank line and the footer.
const CHROME_ROWS: u16 = BORDERS + 2;

pub fn render_dialog(
    title: &str,
    body: Vec<Line<'static>>,
    footer: String,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let inner_width = DIALOG_WIDTH.min(area.width).saturating_sub(BORDERS).max(1);
    let height = wrapped_height(&body, inner_width).saturating_add(CHROME_ROWS);
    let rect = centred(area, DIALOG_WIDTH, height);
    let mut text = body;
    text.push(Line::raw(""));
    text.extend(
        crate::tui::footer::fit(&footer, inner_width, 1)
            .into_iter()
            .map(|row| Line::styled(row, theme.dim())),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::new()
                .borders(Borders::ALL)
                .title(Line::styled(format!(" {title} "), theme.title())),
        ),
        rect,
    );
}

/// The help overlay: every key of the current screen, then the global keys.
pub fn render_help(rows: &[(String, &'static str)], theme: Theme, frame: &mut Frame, area: Rect) {
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let body = rows
        .iter()
        .map(|(k, h)| Line::raw(format!("{k:<key_width$}  {h}")))
        .collect();
    render_dialog("Keys", body, "Esc close".into(), theme, frame, area);
}

/// The notice below the minimum size; `status` (the session's step and countdown) goes first,
/// then the sizes, so a 20×5 terminal still shows what it needs.
pub fn render_too_small(min: Size, status: Option<String>, frame: &mut Frame) {
    let area = frame.area();
    let mut text: Vec<Line> = status.into_iter().map(Line::raw).collect();
    text.push(Line::raw(format!(
        "Needs {}×{}, this is {}×{}: make the terminal larger. Timers keep running.",
        min.width, min.height, area.width, area.height
    )));
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
