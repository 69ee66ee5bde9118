//! Red flags (docs/sources.md#red-flags): questions whose "yes" stops exercise or sends the person
//! to a clinician. The wording is plain; the app never says a "no" means nothing serious is
//! present.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Book a clinician within about 1–2 weeks; the app allows only hold or regress.
    Soon,
    /// See a clinician within 24–48 h; stop running and exercising.
    Urgent,
    /// Go to emergency care now.
    Emergency,
}

impl Urgency {
    /// EMERGENCY and URGENT stop all exercise until a clinician has been seen
    /// (docs/sources.md#red-flags); SOON only refers.
    pub fn stops_exercise(self) -> bool {
        matches!(self, Urgency::Emergency | Urgency::Urgent)
    }

    pub fn instruction(self) -> &'static str {
        match self {
            Urgency::Emergency => {
                "go to emergency care now (call your local emergency number if you cannot get there safely)"
            }
            Urgency::Urgent => {
                "see a doctor or physiotherapist within 24–48 hours, and stop running and rehab exercise until then"
            }
            Urgency::Soon => {
                "book an appointment with a doctor or physiotherapist within the next 1–2 weeks"
            }
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Urgency::Emergency => "EMERGENCY",
            Urgency::Urgent => "URGENT",
            Urgency::Soon => "SOON",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedFlag {
    /// Stable id stored in check-in records.
    pub id: &'static str,
    pub urgency: Urgency,
    /// The question, answered yes or no.
    pub question: &'static str,
}

/// Every red-flag question, most urgent first.
pub const RED_FLAGS: &[RedFlag] = &[
    RedFlag {
        id: "saddle_numbness",
        urgency: Urgency::Emergency,
        question: "New numbness around the saddle area (back passage or genitals), new bladder or bowel problems, or new sexual dysfunction, with back or leg pain?",
    },
    RedFlag {
        id: "both_legs",
        urgency: Urgency::Emergency,
        question: "Sciatica in both legs, or weakness in both legs?",
    },
    RedFlag {
        id: "fever_hot_joint",
        urgency: Urgency::Emergency,
        question: "Hip pain with fever or feeling generally unwell, or a hot, red, swollen joint?",
    },
    RedFlag {
        id: "cannot_bear_weight",
        urgency: Urgency::Emergency,
        question: "Sudden inability to bear weight (especially after a fall or knock), a visible deformity, or a leg that looks shorter or turned outward?",
    },
    RedFlag {
        id: "pale_cold_leg",
        urgency: Urgency::Emergency,
        question: "A pale or cold leg with sudden pain?",
    },
    RedFlag {
        id: "bone_stress",
        urgency: Urgency::Urgent,
        question: "Deep groin, hip or thigh pain that worsens with running and then walking, pain when hopping, limping, or pain at night, after a recent sharp rise in training?",
    },
    RedFlag {
        id: "spreading_weakness",
        urgency: Urgency::Urgent,
        question: "Worsening leg weakness (such as foot drop) or numbness that is spreading?",
    },
    RedFlag {
        id: "constant_pain",
        urgency: Urgency::Urgent,
        question: "Constant, unrelenting pain, at night and at rest, that does not change with position or load?",
    },
    RedFlag {
        id: "systemic_risk",
        urgency: Urgency::Urgent,
        question: "New hip pain with a past cancer, unexplained weight loss or night sweats, long-term steroid use, immune suppression, or a recent injection or surgery in the area?",
    },
    RedFlag {
        id: "below_knee",
        urgency: Urgency::Soon,
        question: "Pain or pins-and-needles running below the knee (without worsening weakness)?",
    },
    RedFlag {
        id: "groin_clicking",
        urgency: Urgency::Soon,
        question: "Groin pain with clicking, locking or catching?",
    },
    RedFlag {
        id: "special_group",
        urgency: Urgency::Soon,
        question: "Are you under 18, pregnant or postpartum, or do you suspect hip osteoarthritis that no clinician has diagnosed yet?",
    },
];

pub fn find(id: &str) -> Option<&'static RedFlag> {
    RED_FLAGS.iter().find(|f| f.id == id)
}

/// The most urgent flag answered yes, if any.
pub fn worst<'a>(answers: impl IntoIterator<Item = (&'a str, bool)>) -> Option<&'static RedFlag> {
    answers
        .into_iter()
        .filter(|(_, yes)| *yes)
        .filter_map(|(id, _)| find(id))
        .max_by_key(|f| f.urgency)
}

/// The message shown for a stop or a referral. Never claims a "no" rules anything out.
pub const NOT_A_DIAGNOSIS: &str = "rehab coaches exercise; it does not diagnose. Answering no to these questions does not rule out a serious problem: if you are worried, see a clinician.";

/// Said with a stop or a referral, where a "yes" was given and "answering no" would read oddly.
pub const COACHES_NOT_DIAGNOSES: &str = "rehab coaches exercise; it does not diagnose.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        for (i, a) in RED_FLAGS.iter().enumerate() {
            assert!(RED_FLAGS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
    }

    #[test]
    fn worst_picks_most_urgent_yes() {
        let w = worst([
            ("below_knee", true),
            ("bone_stress", true),
            ("saddle_numbness", false),
        ]);
        assert_eq!(w.map(|f| f.urgency), Some(Urgency::Urgent));
        assert_eq!(worst([("below_knee", false)]), None);
    }
}
