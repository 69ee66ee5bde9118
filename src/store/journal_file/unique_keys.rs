//! A journal line whose JSON gives one key twice (`{"pain":2,"pain":9}`) is a bad line: serde
//! keeps the last silently, but which value was meant cannot be known, and a hand edit or a
//! merge tool may have made it. The line is scanned once more as bytes (it already parsed, so it
//! is valid JSON): each object's keys are kept while it is open and compared. The record reader
//! refuses a known field given twice itself, so only lines with free-form maps (red-flag answers,
//! a correction's fields) come here (`reader::parse_line`).

use std::borrow::Cow;

/// Ok when no object in `text` (valid JSON) has a key twice; else the message naming it.
pub fn check(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    // Keys of the open objects, flat; each open object or array remembers where its keys start
    // (None for an array).
    let mut keys: Vec<Cow<'_, [u8]>> = Vec::new();
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => open.push(Some(keys.len())),
            b'[' => open.push(None),
            b'}' | b']' => {
                if let Some(Some(start)) = open.pop() {
                    keys.truncate(start);
                }
            }
            b'"' => {
                let Some((end, escaped)) = string_end(bytes, i + 1) else {
                    return Ok(());
                };
                let quote = i;
                let raw = &bytes[quote + 1..end];
                i = end;
                let next = bytes[end + 1..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map(|k| bytes[end + 1 + k]);
                if let (Some(b':'), Some(Some(start))) = (next, open.last()) {
                    let key = if escaped {
                        Cow::Owned(decoded(&bytes[quote..=end]))
                    } else {
                        Cow::Borrowed(raw)
                    };
                    if keys[*start..].contains(&key) {
                        return Err(format!(
                            "the key \"{}\" is given twice in one object: keep the right one and delete the other",
                            String::from_utf8_lossy(&key)
                        ));
                    }
                    keys.push(key);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The index of the quote closing the string whose text starts at `from`, and whether the
/// string has escapes. None if it does not close (cannot happen on valid JSON).
fn string_end(bytes: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut at = from;
    let mut escaped = false;
    loop {
        let found = at + memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[found] == b'"' {
            return Some((found, escaped));
        }
        escaped = true;
        // The backslash and the character it escapes (`\uXXXX`'s digits are plain text).
        at = found + 2;
    }
}

/// A quoted JSON string with escapes, as the bytes it means.
fn decoded(quoted: &[u8]) -> Vec<u8> {
    serde_json::from_slice::<String>(quoted)
        .map(String::into_bytes)
        .unwrap_or_else(|_| quoted.to_vec())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn a_key_given_twice_at_any_depth_is_refused() {
        assert!(check(r#"{"a":1,"b":{"a":[{"a":1,"e":"a"}]},"c":"a:"}"#).is_ok());
        let err = check(r#"{"kind":"note","text":"a","text":"b"}"#).unwrap_err();
        assert!(err.contains("\"text\" is given twice"), "{err}");
        assert!(check(r#"{"a":[{"x":1,"x":2}]}"#).is_err());
        assert!(check(r#"{"a":{"x":1},"b":{"x":2}}"#).is_ok());
        // The same key escaped differently is the same key; quotes in strings are skipped.
        assert!(check(r#"{"a":1,"\u0061":2}"#).is_err());
        assert!(check(r#"{"t":"say \"a\": 1","a":1}"#).is_ok());
        assert!(check(r#"{ "a" : 1 , "a" : 2 }"#).is_err());
    }
}
