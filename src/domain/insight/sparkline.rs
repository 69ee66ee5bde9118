//! The one text sparkline of 0–10 ratings, used by Today and the report.

/// Blocks for 1–10, lowest first; 0 is drawn as `ZERO` so "no pain" and "a little" differ.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// A rating of 0.
pub const ZERO: char = '_';
/// A day without a rating.
pub const NOT_RATED: char = '·';
/// The top of the pain scale.
const SCALE_MAX: usize = 10;

/// "_▁▃·█" for a series of 0–10 values, one character each.
pub fn sparkline(values: &[Option<u8>]) -> String {
    values
        .iter()
        .map(|v| match v {
            None => NOT_RATED,
            Some(0) => ZERO,
            Some(x) => {
                let step = (usize::from(*x) * BLOCKS.len()).div_ceil(SCALE_MAX);
                BLOCKS[step.clamp(1, BLOCKS.len()) - 1]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_marks_gaps_and_scales() {
        assert_eq!(sparkline(&[None, Some(0), Some(5), Some(10)]), "·_▄█");
    }

    #[test]
    fn sparkline_maps_the_scale_ends() {
        assert_eq!(sparkline(&[Some(0), None, Some(1), Some(10)]), "_·▁█");
    }

    #[test]
    fn ratings_above_the_scale_draw_as_the_top() {
        assert_eq!(sparkline(&[Some(11)]), "█");
    }
}
