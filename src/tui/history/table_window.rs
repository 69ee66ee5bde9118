//! Draw only the visible rows of a long table (a 10-year journal has thousands of sessions).

/// The first row to build so that `selected` is visible in `height` rows (header excluded).
pub fn first_visible(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_selection_on_screen() {
        assert_eq!(first_visible(0, 10), 0);
        assert_eq!(first_visible(9, 10), 0);
        assert_eq!(first_visible(10, 10), 1);
        assert_eq!(first_visible(5, 0), 5);
    }
}
