//! Text from a file or the command line, made safe to show on a terminal. A programme name, a
//! note or a correction value may hold control characters (ESC, BEL, C1 codes): written raw they
//! would drive the terminal (set the clipboard through OSC 52, rewrite the title, move the
//! cursor). Every place such text reaches a terminal or a report goes through here.

use std::borrow::Cow;

/// Shown in place of each control character, so the person sees something was there.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for characters that must never reach a terminal as they are: C0 and C1 controls, DEL,
/// and the Unicode bidirectional overrides and isolates (they reorder what is shown).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character replaced by `REPLACEMENT`, except newlines and tabs
/// (multi-line output: CLI text, the Markdown report). Borrowed when nothing had to change.
pub fn printable(text: &str) -> Cow<'_, str> {
    replace_where(text, |c| is_unsafe(c) && c != '\n' && c != '\t')
}

/// `text` for one line (a window title, a desktop notification, a table cell): every unsafe
/// character replaced, newlines and tabs too.
pub fn printable_line(text: &str) -> Cow<'_, str> {
    replace_where(text, is_unsafe)
}

/// The first unsafe character in free text typed by the person (a note may hold newlines and
/// tabs), for refusing it with a message that says which.
pub fn first_unsafe(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| is_unsafe(c) && c != '\n' && c != '\t')
}

/// `text` as words for a speech program: unsafe characters dropped (line breaks and tabs become
/// spaces), runs of spaces made one, and no leading `-`, so the words can never be read as one
/// of the program's options.
pub fn speakable(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|&c| !is_unsafe(c))
        .collect();
    let words = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    words.trim_start_matches(['-', ' ']).to_string()
}

fn replace_where(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if bad(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bells_are_replaced() {
        let hostile = "Bridge\x07\x1b]52;c;ZWNobyBoaQ==\x07\u{9b}2J\u{202e}";
        let shown = printable_line(hostile);
        assert!(!shown.chars().any(is_unsafe), "{shown:?}");
        assert_eq!(shown.chars().filter(|&c| c == REPLACEMENT).count(), 5);
        assert!(shown.starts_with("Bridge"));
    }

    #[test]
    fn multi_line_text_keeps_newlines_and_tabs_only() {
        assert_eq!(printable("a\n\tb"), "a\n\tb");
        assert_eq!(printable("a\r\nb"), "a\u{FFFD}\nb");
        assert_eq!(printable_line("a\nb"), "a\u{FFFD}b");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn spoken_words_lose_controls_and_leading_dashes() {
        assert_eq!(
            speakable("Bridge\x07\x1b]2;x\u{202e} hold"),
            "Bridge]2;x hold"
        );
        assert_eq!(speakable("a\nb\t c"), "a b c");
        assert_eq!(speakable("--output=/tmp/x go"), "output=/tmp/x go");
        assert_eq!(speakable(" - -w file"), "w file");
        assert_eq!(speakable("Side-lying hold"), "Side-lying hold");
    }

    #[test]
    fn typed_text_names_the_first_unsafe_character() {
        assert_eq!(first_unsafe("slept badly\nok"), None);
        assert_eq!(first_unsafe("x\x1b[2J"), Some('\x1b'));
    }
}
