//! The JSON keys a record may hold, for the one-pass reader in `de.rs`.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// A JSON key a record may hold. `Other` is any key this build does not know: it is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    V,
    Id,
    At,
    Date,
    Kind,
    Programme,
    Start,
    Pain,
    Stiffness,
    LoadTest,
    RedFlags,
    Plan,
    PainBefore,
    Session,
    Exercise,
    Side,
    Set,
    Reps,
    Seconds,
    Effort,
    Undone,
    Reason,
    PainAfter,
    Note,
    Minutes,
    Km,
    Rpe,
    Target,
    Fields,
    Text,
    Milestone,
    Yes,
    Imported,
    Other,
}

impl Key {
    pub(super) fn from_name(name: &str) -> Key {
        match name {
            "v" => Key::V,
            "id" => Key::Id,
            "at" => Key::At,
            "date" => Key::Date,
            "kind" => Key::Kind,
            "programme" => Key::Programme,
            "start" => Key::Start,
            "pain" => Key::Pain,
            "stiffness" => Key::Stiffness,
            "load_test" => Key::LoadTest,
            "red_flags" => Key::RedFlags,
            "plan" => Key::Plan,
            "pain_before" => Key::PainBefore,
            "session" => Key::Session,
            "exercise" => Key::Exercise,
            "side" => Key::Side,
            "set" => Key::Set,
            "reps" => Key::Reps,
            "seconds" => Key::Seconds,
            "effort" => Key::Effort,
            "undone" => Key::Undone,
            "reason" => Key::Reason,
            "pain_after" => Key::PainAfter,
            "note" => Key::Note,
            "minutes" => Key::Minutes,
            "km" => Key::Km,
            "rpe" => Key::Rpe,
            "target" => Key::Target,
            "fields" => Key::Fields,
            "text" => Key::Text,
            "milestone" => Key::Milestone,
            "yes" => Key::Yes,
            "imported" => Key::Imported,
            _ => Key::Other,
        }
    }

    /// One bit per key, to spot a key given twice.
    pub(super) fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
                Ok(Key::from_name(name))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

pub(super) fn key_name(key: Key) -> &'static str {
    match key {
        Key::V => "v",
        Key::Id => "id",
        Key::At => "at",
        Key::Date => "date",
        Key::Kind => "kind",
        Key::Programme => "programme",
        Key::Start => "start",
        Key::Pain => "pain",
        Key::Stiffness => "stiffness",
        Key::LoadTest => "load_test",
        Key::RedFlags => "red_flags",
        Key::Plan => "plan",
        Key::PainBefore => "pain_before",
        Key::Session => "session",
        Key::Exercise => "exercise",
        Key::Side => "side",
        Key::Set => "set",
        Key::Reps => "reps",
        Key::Seconds => "seconds",
        Key::Effort => "effort",
        Key::Undone => "undone",
        Key::Reason => "reason",
        Key::PainAfter => "pain_after",
        Key::Note => "note",
        Key::Minutes => "minutes",
        Key::Km => "km",
        Key::Rpe => "rpe",
        Key::Target => "target",
        Key::Fields => "fields",
        Key::Text => "text",
        Key::Milestone => "milestone",
        Key::Yes => "yes",
        Key::Imported => "imported",
        Key::Other => "(other)",
    }
}
