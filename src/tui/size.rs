//! The one minimum terminal size. Every screen is laid out for it; below it the app shows a
//! notice ("Needs 60×17, this is 50×14") instead of a cramped screen.

use ratatui::layout::{Rect, Size};

/// Rows above every screen: the title line and a blank line.
pub const HEADER_ROWS: u16 = 2;
/// Rows below every screen: the message line and the key hints, which may wrap once.
pub const FOOTER_ROWS: u16 = 3;

/// The smallest terminal every screen fits in. The session runner sets it: its full layout (dose,
/// the big countdown, progress bar, cues, next up) needs 12 rows of body, 60 columns for cues.
pub const MIN_SIZE: Size = Size::new(60, 12 + HEADER_ROWS + FOOTER_ROWS);

/// The screen's own area at the minimum size: what each screen's layout must fit in.
pub const MIN_BODY: Size = Size::new(MIN_SIZE.width, MIN_SIZE.height - HEADER_ROWS - FOOTER_ROWS);

/// True when `area` is at least `min` in both directions.
pub fn fits(area: Rect, min: Size) -> bool {
    area.width >= min.width && area.height >= min.height
}
