//! One file per screen or dialog: its key table, its state and how it draws.

pub mod checkin;
pub mod chooser;
pub mod first_run;
pub mod flag_check;
pub mod milestone_check;
pub mod overlays;
pub mod today;
pub mod today_banner;
pub mod today_running;

use ratatui::text::Line;

/// Rows `lines` take when wrapped to `width` (an estimate by display width, for layout).
pub fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// `s` with its first letter upper case: an instruction that opens a sentence.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
