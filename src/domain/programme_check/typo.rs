//! "Did you mean …?": the known key nearest to an unknown one, within a typo's distance.

/// Edits (insert, delete, replace one character) within which an unknown key counts as a typo.
const TYPO_DISTANCE: usize = 2;

/// The known key nearest to `name`, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, _)| *d <= TYPO_DISTANCE)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_key_gets_a_suggestion() {
        assert_eq!(edit_distance("min_dayz", "min_days"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest("min_dayz", &["name", "min_days"]), Some("min_days"));
        assert_eq!(closest("weight", &["sets", "reps", "load"]), None);
    }
}
