//! Today's banner: a stop or referral said plainly at the top (never scrolled away), folded to
//! one line on a short screen so the exercises stay in view, then whether the session is done.

use crate::domain::red_flags::Urgency;
use crate::tui::screens::capitalised;
use crate::tui::screens::first_run::flag_response;
use crate::tui::screens::today::{Safety, TodayModel};
use crate::tui::theme::Theme;
use ratatui::text::Line;

/// The banner: a stop or referral first, then whether today's session is done. `folded`: the
/// referral in one line; `tight`: no blank line after each part.
pub fn banner(model: &TodayModel, theme: Theme, folded: bool, tight: bool) -> Vec<Line<'static>> {
    let mut lines = safety_banner(model, theme, folded);
    if tight {
        lines.retain(|line| line.width() > 0);
    }
    if matches!(model.safety, Safety::Stop(_)) {
        return lines;
    }
    let blank = if tight { None } else { Some(Line::raw("")) };
    if model.unfinished_today {
        lines.push(Line::styled(
            "Today's session was stopped part-way — press s to resume it",
            theme.title(),
        ));
        lines.extend(blank);
    } else if model.done_today {
        let next = if model.exercise_due() {
            "another session is due today (press s)"
        } else {
            "see you tomorrow"
        };
        lines.push(Line::styled(
            format!("Today's session is done ✓ — {next}"),
            theme.title(),
        ));
        lines.extend(blank);
    }
    lines
}

fn safety_banner(model: &TodayModel, theme: Theme, folded: bool) -> Vec<Line<'static>> {
    match &model.safety {
        Safety::Clear => vec![],
        Safety::Stop(u) => {
            let flag = crate::domain::red_flags::RED_FLAGS
                .iter()
                .find(|f| f.urgency == *u);
            let mut lines: Vec<Line> = flag_response(flag)
                .into_iter()
                .map(|l| Line::styled(format!("■ {l}"), theme.danger()))
                .collect();
            lines.push(Line::raw(
                "Press C once a clinician has seen you and agreed you can exercise.",
            ));
            lines.push(Line::raw(""));
            lines
        }
        Safety::Refer {
            words,
            acknowledged,
            ..
        } if folded => {
            let state = if *acknowledged { "acknowledged; " } else { "" };
            vec![Line::styled(
                format!("▲ See a clinician: {words} ({state}i: advice)"),
                theme.warn(),
            )]
        }
        Safety::Refer {
            words,
            acknowledged,
            ..
        } => {
            let mut lines = vec![Line::styled(
                format!(
                    "▲ See a clinician: {words}. {}.",
                    capitalised(Urgency::Soon.instruction())
                ),
                theme.warn(),
            )];
            lines.push(Line::raw(if *acknowledged {
                "Acknowledged. Until then the coach keeps the same dose or an easier one, never harder."
            } else {
                "Press a to acknowledge. You can keep training at the same dose or easier, never harder."
            }));
            lines.push(Line::raw(""));
            lines
        }
    }
}
