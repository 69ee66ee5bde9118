//! One short line per record for `rehab journal list`.

use crate::domain::records::RecordBody;

pub fn summary(body: &RecordBody) -> String {
    match body {
        RecordBody::ProgrammeChosen { programme, start } => {
            format!("{programme} from {start}")
        }
        RecordBody::CheckIn {
            pain,
            stiffness,
            load_test,
            red_flags,
        } => {
            let mut parts = Vec::new();
            if let Some(p) = pain {
                parts.push(format!("pain {p}"));
            }
            if let Some(s) = stiffness {
                parts.push(format!("stiffness {s}"));
            }
            if let Some(l) = load_test {
                parts.push(format!("load test {l}"));
            }
            let yes: Vec<&str> = red_flags
                .iter()
                .filter(|(_, yes)| **yes)
                .map(|(id, _)| id.as_str())
                .collect();
            if !yes.is_empty() {
                parts.push(format!("red flags: {}", yes.join(", ")));
            } else if !red_flags.is_empty() {
                parts.push("no red flags".into());
            }
            parts.join(", ")
        }
        RecordBody::SessionStarted { plan, pain_before } => {
            let before = pain_before
                .map(|p| format!(", pain before {p}"))
                .unwrap_or_default();
            format!(
                "{} {}: {} exercise(s), {}{before}",
                plan.programme,
                plan.phase,
                plan.exercises.len(),
                plan.decision.word()
            )
        }
        RecordBody::SetDone {
            exercise,
            side,
            set,
            reps,
            seconds,
            pain,
            undone,
            ..
        } => {
            let side = side.map(|s| format!(" {}", s.letter())).unwrap_or_default();
            let amount = match (reps, seconds) {
                (Some(r), Some(s)) => format!(", {r} × {s} s"),
                (Some(r), None) => format!(", {r} reps"),
                (None, Some(s)) => format!(", {s} s"),
                (None, None) => String::new(),
            };
            let undone = if *undone { " (undone)" } else { "" };
            format!("{exercise}{side} set {set}{amount}, pain {pain}{undone}")
        }
        RecordBody::ExerciseSkipped {
            exercise, reason, ..
        } => format!("{exercise}: {reason}"),
        RecordBody::SessionFinished {
            pain_after, note, ..
        } => {
            let note = note
                .as_ref()
                .map(|n| format!(", \"{n}\""))
                .unwrap_or_default();
            format!("pain after {pain_after}{note}")
        }
        RecordBody::RunLogged {
            minutes,
            km,
            rpe,
            pain,
            imported,
        } => {
            let km = km.map(|k| format!(", {k} km")).unwrap_or_default();
            let rpe = rpe.map(|r| format!(", effort {r}")).unwrap_or_default();
            let pain = pain.map_or_else(|| "pain not rated".to_string(), |p| format!("pain {p}"));
            match imported {
                // A watch's minutes have many decimals: one is enough to find the run.
                Some(i) => format!("{minutes:.1} min{km}, {pain} (imported from {})", i.file),
                None => format!("{minutes} min{km}{rpe}, {pain}"),
            }
        }
        RecordBody::Correction {
            target,
            fields,
            reason,
        } => {
            let changes: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let reason = reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            format!("{target}: {}{reason}", changes.join(" "))
        }
        RecordBody::Note { text } => text.clone(),
        RecordBody::ClinicianSeen { note } => note.clone().unwrap_or_default(),
        RecordBody::ReferralAcknowledged { reason } => reason.clone(),
        RecordBody::SessionLeft { session } => format!("session {session} not resumed"),
        RecordBody::MilestoneAnswered {
            programme,
            milestone,
            yes,
        } => format!(
            "{programme} {milestone}: {}",
            if *yes { "yes" } else { "no" }
        ),
    }
}
