//! Reading a record in one pass. Each field goes straight into a typed slot as it comes (in any
//! order), and the variant is built from `kind` at the end. The derived alternative
//! (`#[serde(flatten)]` over an internally tagged enum) buffers every field as generic content and
//! deserialises it twice, which made reading a long journal several times slower.
//!
//! Semantics match that derived form: unknown fields are ignored, fields of another kind are
//! ignored, `Option` fields take `null`, and missing fields, wrong types and unknown kinds give
//! serde's usual messages ("missing field `pain`", "unknown variant `x`, expected one of ...").

use super::de_key::{Key, key_name};
use super::time_text::{Day, Stamp};
use crate::domain::pain::Rating;
use crate::domain::plan::PlanSnapshot;
use crate::domain::records::{ImportedRun, Record, RecordBody, RecordId, Side};
use chrono::{DateTime, FixedOffset, NaiveDate};
use compact_str::CompactString;
use serde::de::value::MapDeserializer;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// How a key given twice is worded (as `journal check` words a repeat inside a map too).
pub(super) const REPEATED_KEY: &str = "is given twice in one object";

/// The `kind` of a record, named as in the journal (same names as `RecordBody::kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ProgrammeChosen,
    CheckIn,
    SessionStarted,
    SetDone,
    ExerciseSkipped,
    SessionFinished,
    RunLogged,
    Correction,
    Note,
    ClinicianSeen,
    ReferralAcknowledged,
    SessionLeft,
    MilestoneAnswered,
}

/// Every kind with its name, in `RecordBody`'s order (a number as `kind` is an index into it,
/// as the derived reader allowed).
const KINDS: [(Kind, &str); 13] = [
    (Kind::ProgrammeChosen, "programme_chosen"),
    (Kind::CheckIn, "check_in"),
    (Kind::SessionStarted, "session_started"),
    (Kind::SetDone, "set_done"),
    (Kind::ExerciseSkipped, "exercise_skipped"),
    (Kind::SessionFinished, "session_finished"),
    (Kind::RunLogged, "run_logged"),
    (Kind::Correction, "correction"),
    (Kind::Note, "note"),
    (Kind::ClinicianSeen, "clinician_seen"),
    (Kind::ReferralAcknowledged, "referral_acknowledged"),
    (Kind::SessionLeft, "session_left"),
    (Kind::MilestoneAnswered, "milestone_answered"),
];

const KIND_NAMES: [&str; KINDS.len()] = {
    let mut names = [""; KINDS.len()];
    let mut i = 0;
    while i < KINDS.len() {
        names[i] = KINDS[i].1;
        i += 1;
    }
    names
};

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Kind, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("variant identifier")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Kind, E> {
                KINDS
                    .iter()
                    .find(|(_, n)| *n == name)
                    .map(|(kind, _)| *kind)
                    .ok_or_else(|| E::unknown_variant(name, &KIND_NAMES))
            }
            fn visit_u64<E: de::Error>(self, index: u64) -> Result<Kind, E> {
                usize::try_from(index)
                    .ok()
                    .and_then(|i| KINDS.get(i))
                    .map(|(kind, _)| *kind)
                    .ok_or_else(|| {
                        E::invalid_value(
                            de::Unexpected::Unsigned(index),
                            &"variant index 0 <= i < 12",
                        )
                    })
            }
        }
        // `any`, not `identifier`: a JSON value would refuse a number before the visitor sees it.
        deserializer.deserialize_any(KindVisitor)
    }
}

/// How a kind treats a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not a field of this kind: skipped.
    Unused,
    /// Must be present and not null.
    Required,
    /// An `Option`: may be missing or null.
    Optional,
    /// May be missing (then its default), but not null.
    Defaulted,
}

impl Kind {
    fn role(self, key: Key) -> Role {
        use Key as K;
        use Role::{Defaulted, Optional, Required, Unused};
        match (self, key) {
            (Kind::ProgrammeChosen, K::Programme | K::Start) => Required,
            (Kind::CheckIn, K::Pain | K::Stiffness | K::LoadTest) => Optional,
            (Kind::CheckIn, K::RedFlags) => Defaulted,
            (Kind::SessionStarted, K::Plan) => Required,
            (Kind::SessionStarted, K::PainBefore) => Optional,
            (Kind::SetDone, K::Session | K::Exercise | K::Set | K::Pain) => Required,
            (Kind::SetDone, K::Side | K::Reps | K::Seconds | K::Effort) => Optional,
            (Kind::SetDone, K::Undone) => Defaulted,
            (Kind::ExerciseSkipped, K::Session | K::Exercise | K::Reason) => Required,
            (Kind::SessionFinished, K::Session | K::PainAfter) => Required,
            (Kind::SessionFinished, K::Effort | K::Note) => Optional,
            (Kind::RunLogged, K::Minutes) => Required,
            // An imported run has no effort, and no pain until the person rates it.
            (Kind::RunLogged, K::Km | K::Rpe | K::Pain | K::Imported) => Optional,
            (Kind::Correction, K::Target | K::Fields) => Required,
            (Kind::Correction, K::Reason) => Optional,
            (Kind::Note, K::Text) => Required,
            (Kind::ClinicianSeen, K::Note) => Optional,
            (Kind::ReferralAcknowledged, K::Reason) => Required,
            (Kind::SessionLeft, K::Session) => Required,
            (Kind::MilestoneAnswered, K::Programme | K::Milestone | K::Yes) => Required,
            _ => Unused,
        }
    }
}

/// What to do with a body field that comes before `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Early {
    /// Read it into its slot (lines as written put `kind` before the body, so this is rare).
    Read,
    /// Skip it: the caller delivers `kind` first whenever there is one, so none is coming.
    Skip,
}

/// One slot per field, filled as the fields come.
#[derive(Default)]
struct Slots {
    v: Option<u32>,
    id: Option<RecordId>,
    at: Option<DateTime<FixedOffset>>,
    date: Option<NaiveDate>,
    kind: Option<Kind>,
    programme: Option<String>,
    start: Option<NaiveDate>,
    pain: Option<Rating>,
    stiffness: Option<Rating>,
    load_test: Option<Rating>,
    red_flags: Option<BTreeMap<String, bool>>,
    plan: Option<PlanSnapshot>,
    pain_before: Option<Rating>,
    session: Option<RecordId>,
    exercise: Option<CompactString>,
    side: Option<Side>,
    set: Option<u32>,
    reps: Option<u32>,
    seconds: Option<u32>,
    effort: Option<Rating>,
    undone: Option<bool>,
    reason: Option<String>,
    pain_after: Option<Rating>,
    note: Option<String>,
    minutes: Option<f64>,
    km: Option<f64>,
    rpe: Option<Rating>,
    target: Option<RecordId>,
    fields: Option<serde_json::Map<String, serde_json::Value>>,
    text: Option<String>,
    milestone: Option<String>,
    yes: Option<bool>,
    imported: Option<Box<ImportedRun>>,
}

struct RecordVisitor {
    early: Early,
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a journal record (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut slots = Slots::default();
        let mut seen = 0u64;
        while let Some(key) = map.next_key::<Key>()? {
            if key == Key::Other {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if seen & key.bit() != 0 {
                return Err(de::Error::custom(format_args!(
                    "the key \"{}\" {REPEATED_KEY}: keep the right one and delete the other",
                    key_name(key)
                )));
            }
            seen |= key.bit();
            let role = match (slots.kind, key) {
                (_, Key::V | Key::Id | Key::At | Key::Date | Key::Kind) => Role::Required,
                (Some(kind), _) => kind.role(key),
                (None, _) if self.early == Early::Skip => Role::Unused,
                // `kind` is still to come: keep the field in case it belongs; `null` is judged
                // once the kind is known.
                (None, Key::RedFlags | Key::Undone) => Role::Defaulted,
                (None, _) => Role::Optional,
            };
            if role == Role::Unused {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let s = &mut slots;
            match key {
                Key::V => s.v = value(&mut map, role)?,
                Key::Id => s.id = value(&mut map, role)?,
                Key::At => s.at = value::<_, Stamp>(&mut map, role)?.map(|t| t.0),
                Key::Date => s.date = value::<_, Day>(&mut map, role)?.map(|d| d.0),
                Key::Kind => s.kind = value(&mut map, role)?,
                Key::Programme => s.programme = value(&mut map, role)?,
                Key::Start => s.start = value::<_, Day>(&mut map, role)?.map(|d| d.0),
                Key::Pain => s.pain = value(&mut map, role)?,
                Key::Stiffness => s.stiffness = value(&mut map, role)?,
                Key::LoadTest => s.load_test = value(&mut map, role)?,
                Key::RedFlags => s.red_flags = value(&mut map, role)?,
                Key::Plan => s.plan = value(&mut map, role)?,
                Key::PainBefore => s.pain_before = value(&mut map, role)?,
                Key::Session => s.session = value(&mut map, role)?,
                Key::Exercise => s.exercise = value(&mut map, role)?,
                Key::Side => s.side = value(&mut map, role)?,
                Key::Set => s.set = value(&mut map, role)?,
                Key::Reps => s.reps = value(&mut map, role)?,
                Key::Seconds => s.seconds = value(&mut map, role)?,
                Key::Effort => s.effort = value(&mut map, role)?,
                Key::Undone => s.undone = value(&mut map, role)?,
                Key::Reason => s.reason = value(&mut map, role)?,
                Key::PainAfter => s.pain_after = value(&mut map, role)?,
                Key::Note => s.note = value(&mut map, role)?,
                Key::Minutes => s.minutes = value(&mut map, role)?,
                Key::Km => s.km = value(&mut map, role)?,
                Key::Rpe => s.rpe = value(&mut map, role)?,
                Key::Target => s.target = value(&mut map, role)?,
                Key::Fields => s.fields = value(&mut map, role)?,
                Key::Text => s.text = value(&mut map, role)?,
                Key::Milestone => s.milestone = value(&mut map, role)?,
                Key::Yes => s.yes = value(&mut map, role)?,
                Key::Imported => s.imported = value(&mut map, role)?,
                Key::Other => {}
            }
        }
        slots.build()
    }
}

/// Read a field's value: `Optional` fields take `null` as missing, the others must hold a `T`.
fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    role: Role,
) -> Result<Option<T>, A::Error> {
    match role {
        Role::Optional => map.next_value::<Option<T>>(),
        _ => map.next_value::<T>().map(Some),
    }
}

/// A required field, or serde's "missing field" error.
fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

impl Slots {
    fn build<E: de::Error>(self) -> Result<Record, E> {
        let v = required(self.v, "v")?;
        let id = required(self.id, "id")?;
        let at = required(self.at, "at")?;
        let date = required(self.date, "date")?;
        let kind = required(self.kind, "kind")?;
        let body = match kind {
            Kind::ProgrammeChosen => RecordBody::ProgrammeChosen {
                programme: required(self.programme, "programme")?,
                start: required(self.start, "start")?,
            },
            Kind::CheckIn => RecordBody::CheckIn {
                pain: self.pain,
                stiffness: self.stiffness,
                load_test: self.load_test,
                red_flags: self.red_flags.unwrap_or_default(),
            },
            Kind::SessionStarted => RecordBody::SessionStarted {
                plan: Arc::new(required(self.plan, "plan")?.compacted()),
                pain_before: self.pain_before,
            },
            Kind::SetDone => RecordBody::SetDone {
                session: required(self.session, "session")?,
                exercise: required(self.exercise, "exercise")?,
                side: self.side,
                set: required(self.set, "set")?,
                reps: self.reps,
                seconds: self.seconds,
                pain: required(self.pain, "pain")?,
                effort: self.effort,
                undone: self.undone.unwrap_or_default(),
            },
            Kind::ExerciseSkipped => RecordBody::ExerciseSkipped {
                session: required(self.session, "session")?,
                exercise: required(self.exercise, "exercise")?,
                reason: required(self.reason, "reason")?,
            },
            Kind::SessionFinished => RecordBody::SessionFinished {
                session: required(self.session, "session")?,
                pain_after: required(self.pain_after, "pain_after")?,
                effort: self.effort,
                note: self.note,
            },
            Kind::RunLogged => RecordBody::RunLogged {
                minutes: required(self.minutes, "minutes")?,
                km: self.km,
                rpe: self.rpe,
                pain: self.pain,
                imported: self.imported,
            },
            Kind::Correction => RecordBody::Correction {
                target: required(self.target, "target")?,
                fields: required(self.fields, "fields")?,
                reason: self.reason,
            },
            Kind::Note => RecordBody::Note {
                text: required(self.text, "text")?,
            },
            Kind::ClinicianSeen => RecordBody::ClinicianSeen { note: self.note },
            Kind::ReferralAcknowledged => RecordBody::ReferralAcknowledged {
                reason: required(self.reason, "reason")?,
            },
            Kind::SessionLeft => RecordBody::SessionLeft {
                session: required(self.session, "session")?,
            },
            Kind::MilestoneAnswered => RecordBody::MilestoneAnswered {
                programme: required(self.programme, "programme")?,
                milestone: required(self.milestone, "milestone")?,
                yes: required(self.yes, "yes")?,
            },
        };
        Ok(Record {
            v,
            id,
            at,
            date,
            body,
        })
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_map(RecordVisitor { early: Early::Read })
    }
}

/// A record from a parsed JSON value, reading `kind` first so that fields of other kinds are
/// skipped unread (exactly like the derived form). Used on the careful path and by corrections.
pub(super) fn from_json_value(value: serde_json::Value) -> Result<Record, serde_json::Error> {
    let serde_json::Value::Object(mut object) = value else {
        return Record::deserialize(value);
    };
    let kind = object.remove("kind").map(|k| ("kind".to_string(), k));
    let pairs = kind.into_iter().chain(object);
    MapDeserializer::<_, serde_json::Error>::new(pairs)
        .deserialize_map(RecordVisitor { early: Early::Skip })
}
