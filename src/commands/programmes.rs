//! `rehab programmes list | show ID | check FILE...`: read-only views of the catalogue and a
//! validator that reports every problem as `FILE:LINE:COL: FIELD: message`.

use crate::cli::ProgrammesCommand;
use crate::commands::json::versioned;
use crate::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use crate::domain::programme::{ExitCriteria, Frequency, Programme, Sides};
use crate::domain::programme_check::parse_programme;
use crate::store::Context;
use crate::store::programme_files::{BUILTIN_FILES, load_catalogue};
use anyhow::{Context as _, bail};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(ctx: &Context, cmd: ProgrammesCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ProgrammesCommand::List { json } => {
            let catalogue = load_catalogue(&ctx.programmes_dir());
            if json {
                crate::outln!("{}", versioned(&list_json(&catalogue))?);
            } else {
                crate::out!("{}", list_text(&catalogue));
            }
            print_warnings(&catalogue);
            Ok(ExitCode::SUCCESS)
        }
        ProgrammesCommand::Show { id, json, toml } => {
            let catalogue = load_catalogue(&ctx.programmes_dir());
            print_warnings(&catalogue);
            let Some(entry) = catalogue.entry(&id) else {
                bail!("no programme with id `{id}`: `rehab programmes list` shows the ids");
            };
            if toml {
                crate::out!("{}", source_text(entry)?);
            } else if json {
                crate::outln!("{}", versioned(&entry.programme)?);
            } else {
                crate::out!("{}", show_text(&entry.programme));
            }
            Ok(ExitCode::SUCCESS)
        }
        ProgrammesCommand::Check { files } => {
            let catalogue = load_catalogue(&ctx.programmes_dir());
            let known: Vec<String> = catalogue
                .entries
                .iter()
                .map(|e| e.programme.id.clone())
                .collect();
            let (report, ok) = check_files(&files, &known);
            crate::out!("{report}");
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

fn print_warnings(catalogue: &Catalogue) {
    for warning in &catalogue.warnings {
        crate::errln!("warning: {warning}");
    }
}

/// `programmes list --json`: the same facts as the text, one object per programme.
#[derive(Serialize)]
struct ListJson {
    programmes: Vec<ListedProgramme>,
}

#[derive(Serialize)]
struct ListedProgramme {
    id: String,
    name: String,
    for_whom: String,
    /// "built-in" or the file's path.
    origin: String,
    overrides_builtin: bool,
}

fn list_json(catalogue: &Catalogue) -> ListJson {
    let programmes = catalogue
        .entries
        .iter()
        .map(|entry| ListedProgramme {
            id: entry.programme.id.clone(),
            name: entry.programme.name.clone(),
            for_whom: entry.programme.for_whom.clone(),
            origin: match &entry.origin {
                Origin::Builtin => "built-in".to_string(),
                Origin::File(path) => path.display().to_string(),
            },
            overrides_builtin: catalogue.overrides_builtin(&entry.programme.id),
        })
        .collect();
    ListJson { programmes }
}

/// The TOML a programme was read from: the embedded text of a built-in, or the person's file.
fn source_text(entry: &CatalogueEntry) -> anyhow::Result<String> {
    match &entry.origin {
        Origin::Builtin => BUILTIN_FILES
            .iter()
            .map(|(_, text)| *text)
            .find(|text| parse_programme(text).is_ok_and(|p| p.id == entry.programme.id))
            .map(str::to_string)
            .with_context(|| {
                format!(
                    "the source of built-in `{}` is missing (please report this)",
                    entry.programme.id
                )
            }),
        Origin::File(path) => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
        }
    }
}

/// One line per programme: id, name, who it is for, where it comes from.
pub fn list_text(catalogue: &Catalogue) -> String {
    let mut out = String::new();
    for entry in &catalogue.entries {
        let p = &entry.programme;
        let origin = match &entry.origin {
            Origin::Builtin => "built-in".to_string(),
            Origin::File(path) if catalogue.overrides_builtin(&p.id) => {
                format!("{} (overrides built-in)", path.display())
            }
            Origin::File(path) => path.display().to_string(),
        };
        let _ = writeln!(out, "{}  {}", p.id, p.name);
        let _ = writeln!(out, "    for: {}", p.for_whom);
        let _ = writeln!(out, "    from: {origin}");
    }
    out
}

/// Checks each file; returns the report (in file order) and whether every file was valid.
/// Duplicate ids across the files given are problems too, since the catalogue would keep only
/// one; so is a `continue_with` naming a programme neither in `known_ids` nor among the files.
pub fn check_files(files: &[PathBuf], known_ids: &[String]) -> (String, bool) {
    // First pass: read and validate every file, so the second knows every id given.
    let results: Vec<(&PathBuf, Checked)> =
        files.iter().map(|file| (file, check_one(file))).collect();
    let mut checked: HashMap<String, PathBuf> = HashMap::new();
    for (file, result) in &results {
        if let Ok((_, p)) = result {
            checked
                .entry(p.id.clone())
                .or_insert_with(|| (*file).clone());
        }
    }
    let mut out = String::new();
    let mut ok = true;
    for (file, result) in &results {
        let shown = file.display();
        let lines = match result {
            Err(lines) => lines.clone(),
            Ok((text, p)) => {
                let mut lines = unknown_handovers(p, text, known_ids, &checked);
                if let Some(first) = checked.get(&p.id).filter(|first| first != file) {
                    let (line, column) = id_position(text);
                    lines.push(format!(
                        "{line}:{column}: id: duplicate programme id `{}`, also in {}",
                        p.id,
                        first.display()
                    ));
                }
                lines
            }
        };
        if lines.is_empty() {
            if let Ok((_, p)) = result {
                let _ = writeln!(out, "ok {shown}: {}", summary(p));
            }
        } else {
            ok = false;
            for line in lines {
                let _ = writeln!(out, "{shown}:{line}");
            }
        }
    }
    (out, ok)
}

/// A file's text and programme, or its problems as `LINE:COL: FIELD: message`.
type Checked = Result<(String, Programme), Vec<String>>;

fn check_one(file: &PathBuf) -> Checked {
    let text = std::fs::read_to_string(file)
        .map_err(|e| vec![format!("1:1: (file): cannot read: {e}")])?;
    match parse_programme(&text) {
        Ok(p) => Ok((text, p)),
        Err(problems) => Err(problems
            .into_iter()
            .map(|pr| {
                let field = if pr.field.is_empty() {
                    "(file)"
                } else {
                    &pr.field
                };
                format!("{}:{}: {field}: {}", pr.line, pr.column, pr.message)
            })
            .collect()),
    }
}

/// `LINE:COL: FIELD: message` for each phase handing over to a programme nobody has.
fn unknown_handovers(
    p: &Programme,
    text: &str,
    known_ids: &[String],
    checked: &HashMap<String, PathBuf>,
) -> Vec<String> {
    p.phases
        .iter()
        .enumerate()
        .filter_map(|(i, phase)| {
            let next = phase.continue_with.as_ref()?;
            if known_ids.contains(next) || checked.contains_key(next) {
                return None;
            }
            let needle = format!("\"{next}\"");
            let line = text
                .lines()
                .position(|l| l.contains("continue_with") && l.contains(&needle))
                .map_or(1, |n| n + 1);
            Some(format!(
                "{line}:1: phases[{}].continue_with: no programme with id `{next}`: `rehab programmes list` shows the ids",
                i + 1
            ))
        })
        .collect()
}

/// Where the top-level `id` key is (for the duplicate-id report); the file's start if not found.
fn id_position(text: &str) -> (usize, usize) {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("id")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or((1, 1), |i| (i + 1, 1))
}

/// `gluteal-tendinopathy, 4 phases, 11 exercises, 37 rungs`
pub fn summary(p: &Programme) -> String {
    let rungs: usize = p.exercises.iter().map(|e| e.rungs.len()).sum();
    format!(
        "{}, {}, {}, {}",
        p.id,
        counted(p.phases.len(), "phase"),
        counted(p.exercises.len(), "exercise"),
        counted(rungs, "rung")
    )
}

/// "1 phase", "4 phases".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The whole programme as readable text.
pub fn show_text(p: &Programme) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.name, p.id);
    let _ = writeln!(out, "\n{}", p.condition);
    let _ = writeln!(out, "For: {}", p.for_whom);
    let _ = writeln!(out, "This programme coaches; it does not diagnose.");
    section(&mut out, "See a clinician first if", &p.see_clinician_first);
    section(&mut out, "Avoid", &p.avoid);
    if let Some(t) = &p.load_test {
        let _ = writeln!(out, "\nDaily load test: {}", t.name);
        let _ = writeln!(out, "  {}", t.instructions);
        let _ = writeln!(out, "  Coping if the pain is {}/10 or less.", t.ceiling);
    }
    if p.rules.osteoarthritis {
        let _ = writeln!(
            out,
            "\nOsteoarthritis rules: no step up while extra pain lasts more than a day or rises more than 3 points."
        );
    }
    if p.rules.running_caps {
        let _ = writeln!(out, "\nRunning caps apply after the walk-run ladder.");
    }
    for (i, phase) in p.phases.iter().enumerate() {
        let _ = writeln!(
            out,
            "\nPhase {} of {}: {} {}",
            i + 1,
            p.phases.len(),
            phase.id,
            phase.name
        );
        let _ = writeln!(out, "  Goal: {}", phase.goal);
        if phase.min_days > 0 {
            let _ = writeln!(out, "  At least {} days", phase.min_days);
        }
        for pe in &phase.exercises {
            let Some(e) = p.exercise(&pe.exercise) else {
                continue;
            };
            let sides = match e.sides {
                Sides::Each => ", each side",
                Sides::Both => "",
            };
            let how_often = frequency_words(pe.frequency_for(e));
            let _ = writeln!(
                out,
                "  - {} ({}{sides}, {how_often})",
                e.name,
                e.kind.word()
            );
            let top = pe.top_for(e.top_rung());
            for n in pe.floor..=top {
                if let Some(rung) = (n as usize).checked_sub(1).and_then(|i| e.rungs.get(i)) {
                    let label = rung.label.clone().unwrap_or_else(|| format!("rung {n}"));
                    let _ = writeln!(out, "      {label}: {}", rung.describe(e.kind));
                }
            }
        }
        let exit = exit_words(&phase.exit);
        if !exit.is_empty() {
            let _ = writeln!(out, "  Move on when:");
            for line in exit {
                let _ = writeln!(out, "    - {line}");
            }
        }
        if let Some(next) = &phase.continue_with {
            let _ = writeln!(out, "  Then continue with the `{next}` programme.");
        }
        for note in &phase.notes {
            let _ = writeln!(out, "  Note: {note}");
        }
        if !phase.sources.is_empty() {
            let _ = writeln!(out, "  Sources: {}", phase.sources.join("; "));
        }
    }
    let _ = writeln!(out, "\nExercises");
    for e in &p.exercises {
        let _ = writeln!(out, "  {} [{}]", e.name, e.id);
        if let Some(tempo) = &e.tempo {
            let _ = writeln!(out, "    tempo {tempo} (seconds down-pause-up)");
        }
        if let Some(figure) = &e.figure {
            for line in figure.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        for cue in &e.cues {
            let _ = writeln!(out, "    + {cue}");
        }
        for a in &e.avoid {
            let _ = writeln!(out, "    - avoid: {a}");
        }
    }
    section(&mut out, "Sources", &p.sources);
    out
}

fn section(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

fn frequency_words(f: &Frequency) -> String {
    let mut words = match f.per_week {
        Some(n) if n < 7 => format!("{n}×/week"),
        _ => "daily".to_string(),
    };
    if let Some(n) = f.per_day.filter(|&n| n > 1) {
        words.push_str(&format!(", {n}×/day"));
    }
    if let Some(d) = f.days_apart.filter(|&d| d > 1) {
        words.push_str(&format!(", at least {} h apart", d * 24));
    }
    words
}

/// Exit criteria in words, one per line.
pub fn exit_words(x: &ExitCriteria) -> Vec<String> {
    let window = x.window_days.unwrap_or(7);
    let mut lines = Vec::new();
    if let Some(n) = x.min_sessions {
        lines.push(format!(
            "at least {} done in this phase",
            counted(n as usize, "session")
        ));
    }
    if let Some(n) = x.max_pain_during {
        lines.push(format!(
            "pain during sessions no higher than {n}/10 over the last {window} days"
        ));
    }
    if let Some(n) = x.max_pain_after {
        lines.push(format!(
            "pain after sessions no higher than {n}/10 over the last {window} days"
        ));
    }
    if let Some(n) = x.settled_mornings {
        lines.push(format!(
            "at least {n} of the last {window} mornings after a session settled"
        ));
    }
    if let Some(n) = x.load_test_max {
        let days = x.load_test_days.unwrap_or(1);
        lines.push(format!(
            "load test at {n}/10 or less on {days} days in a row"
        ));
    }
    if x.weekly_morning_not_rising {
        lines.push("morning pain not rising from one week to the next".into());
    }
    if let Some(m) = x.max_weekly_morning_mean {
        lines.push(format!(
            "mean morning pain over the last 7 days at {m}/10 or less"
        ));
    }
    lines.extend(x.reached.iter().map(|m| {
        let mut line = format!("reached: {}", m.what);
        if let Some(p) = m.max_pain {
            line.push_str(&format!(", pain {p}/10 or less"));
        }
        if m.settled {
            line.push_str(", settled the next morning");
        }
        line
    }));
    lines.extend(x.confirm.iter().map(|c| {
        format!(
            "you answer yes: {} (`rehab log milestone {} --yes`)",
            c.question, c.id
        )
    }));
    lines.extend(x.checks.iter().map(|c| format!("you check: {c}")));
    lines
}
