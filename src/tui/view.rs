//! `render(&App, frame)`: pure drawing of the whole app: header, the current screen, footer
//! hints, and any dialog on top. Below the minimum size only a notice is drawn.

use crate::tui::app::{App, Screen};
use crate::tui::screens::overlays::{self, Overlay};
use crate::tui::size::{FOOTER_ROWS, HEADER_ROWS, MIN_SIZE, fits};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if !fits(area, MIN_SIZE) {
        // In a session the current step and its countdown stay visible (the timers keep running).
        let status = app.screen.component().too_small_status(&app.ctx());
        overlays::render_too_small(MIN_SIZE, status, frame);
        return;
    }
    let theme = app.theme;
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(HEADER_ROWS),
        Constraint::Min(1),
        Constraint::Length(FOOTER_ROWS),
    ])
    .areas(area);

    let bell = if app.bell { "bell on" } else { "bell off" };
    // `v` works in a session: there the header says whether the voice is on.
    let voice = match (&app.screen, app.voice.on) {
        (Screen::Session(_), true) => " · voice on",
        (Screen::Session(_), false) => " · voice off",
        _ => "",
    };
    let title = format!(
        "rehab · {} · {} · {bell}{voice}",
        app.screen.name(),
        app.today.format("%a %-d %b %Y")
    );
    frame.render_widget(Paragraph::new(Line::styled(title, theme.title())), header);

    app.screen.component().render(frame, body, &app.ctx());

    let mut footer_text = Vec::new();
    if let Some(m) = &app.message {
        footer_text.push(Line::styled(format!("! {m}"), theme.warn()));
    } else {
        footer_text.push(Line::raw(""));
    }
    let hint_rows = usize::from(FOOTER_ROWS.saturating_sub(1));
    footer_text.extend(
        crate::tui::footer::fit(&app.footer(), footer.width, hint_rows)
            .into_iter()
            .map(|row| Line::styled(row, theme.dim())),
    );
    frame.render_widget(
        Paragraph::new(footer_text).wrap(Wrap { trim: true }),
        footer,
    );

    match &app.overlay {
        None => {}
        Some(Overlay::Help) => overlays::render_help(&app.help_rows(), theme, frame, area),
        Some(dialog) => {
            let name = match dialog {
                Overlay::ConfirmSwitch(id) => app.catalogue.get(id).map(|p| p.name.as_str()),
                _ => None,
            };
            let (title, mut body) = dialog.text(name);
            if *dialog == Overlay::ResumeOffer {
                body = app.resume_offer_lines();
            }
            overlays::render_dialog(
                title,
                body.into_iter().map(Line::raw).collect(),
                app.footer(),
                theme,
                frame,
                area,
            );
        }
    }
}
