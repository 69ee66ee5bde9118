//! The bytes of the runner's cues: the bell, the distinct "go" cue, and desktop notifications
//! (OSC 777 and OSC 9), wrapped for tmux when the app runs inside it.

/// The end of a hold, a stretch or a rest: one bell.
pub const BELL: &str = "\x07";

/// Work starts now (the get-ready count or the side switch ran out): two bells, so it can be
/// told from the single bell at the end of work without looking.
pub const GO: &str = "\x07\x07";

/// A desktop notification: OSC 777 (rxvt, foot, WezTerm, Ghostty) and OSC 9 (iTerm2, Windows
/// Terminal, kitty). Inside tmux (`$TMUX` set) each goes through tmux's DCS passthrough, which
/// tmux forwards to the outer terminal when `allow-passthrough` is on.
pub fn notification(text: &str, in_tmux: bool) -> String {
    // A control character inside the text would end the sequence early.
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    let osc777 = format!("\x1b]777;notify;rehab;{text}\x07");
    let osc9 = format!("\x1b]9;{text}\x07");
    if in_tmux {
        format!("{}{}", tmux_passthrough(&osc777), tmux_passthrough(&osc9))
    } else {
        format!("{osc777}{osc9}")
    }
}

/// `ESC P tmux; <sequence with every ESC doubled> ESC \`.
fn tmux_passthrough(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_tmux_both_escapes_are_sent_as_they_are() {
        assert_eq!(
            notification("Rest over", false),
            "\x1b]777;notify;rehab;Rest over\x07\x1b]9;Rest over\x07"
        );
    }

    #[test]
    fn inside_tmux_each_escape_is_wrapped_with_its_esc_doubled() {
        assert_eq!(
            notification("Go", true),
            "\x1bPtmux;\x1b\x1b]777;notify;rehab;Go\x07\x1b\\\x1bPtmux;\x1b\x1b]9;Go\x07\x1b\\"
        );
    }

    #[test]
    fn control_characters_cannot_end_the_sequence() {
        assert_eq!(
            notification("a\x07b\x1b]2;x", false),
            "\x1b]777;notify;rehab;ab]2;x\x07\x1b]9;ab]2;x\x07"
        );
    }
}
