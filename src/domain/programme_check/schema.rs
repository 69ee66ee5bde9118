//! The shape of a programme file, walked over the spanned TOML document so that every unknown
//! key, missing field, wrong type and out-of-range number is reported with its place (serde stops
//! at the first). `tests::schema_matches_the_serde_model` keeps this in step with `programme.rs`.

use super::Problem;
use super::location::{FieldPath, locate};
use super::typo::closest;
use crate::domain::pain;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Highest score on the 0–10 pain and effort scales, as the TOML integers are read.
const SCALE_MAX: i128 = pain::SCALE_MAX as i128;

/// Largest running cap multiplier (10 × last week's distance is no cap at all).
pub const FACTOR_MAX: f64 = 10.0;
/// Longest stretch of days any setting may span: a year.
const DAYS_MAX: u32 = 365;
/// Most repetitions or holds in a set.
pub const REPS_MAX: u32 = 1000;
/// Longest hold, timed set, walk, run or rest, in seconds: an hour.
pub const SECONDS_MAX: u32 = 3600;
/// Highest rung number a phase may name.
const RUNG_MAX: u32 = 100;

#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Text,
    Bool,
    /// A whole number ≥ 0 (u32).
    Count,
    /// A whole number from `min` to `max`: every count the coach or the session runner turns
    /// into days, steps or seconds has one, so a value that passes never overflows a date or
    /// fills memory (docs/programme-format.md#ranges).
    Whole(u32, u32),
    /// A whole number on the 0–10 pain or effort scale (u8).
    Scale,
    /// A number on the 0–10 scale, fractions allowed (a mean or a tolerance).
    ScaleMean,
    /// A share between 0 and 1.
    Fraction,
    /// A multiplier above 0 and at most `FACTOR_MAX` (running caps).
    Factor,
    TextList,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// `[low, high]` on the 0–10 scale.
    ScalePair,
    Table(&'static [Field]),
    TableList(&'static [Field]),
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
}

const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
    }
}

const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
    }
}

pub const KINDS: &[&str] = &["reps", "hold", "timed", "stretch", "interval"];
pub const SIDES: &[&str] = &["both", "each"];

pub const PROGRAMME: &[Field] = &[
    req("id", Ty::Text),
    req("name", Ty::Text),
    req("condition", Ty::Text),
    req("for", Ty::Text),
    req("see_clinician_first", Ty::TextList),
    req("sources", Ty::TextList),
    opt("avoid", Ty::TextList),
    opt("load_test", Ty::Table(LOAD_TEST)),
    opt("rules", Ty::Table(RULES)),
    opt("coach", Ty::Table(COACH)),
    req("phases", Ty::TableList(PHASE)),
    req("exercises", Ty::TableList(EXERCISE)),
];

const LOAD_TEST: &[Field] = &[
    req("name", Ty::Text),
    req("instructions", Ty::Text),
    req("ceiling", Ty::Scale),
];

const RULES: &[Field] = &[
    opt("osteoarthritis", Ty::Bool),
    opt("running_caps", Ty::Bool),
];

const COACH: &[Field] = &[
    opt("green_max", Ty::Scale),
    opt("amber_max", Ty::Scale),
    opt("load_test_max", Ty::Scale),
    opt("severe", Ty::Scale),
    opt("morning_tolerance", Ty::Scale),
    opt("week_rise_tolerance", Ty::ScaleMean),
    opt("mcid", Ty::ScaleMean),
    opt("progress_streak", Ty::Whole(1, 30)),
    opt("min_days_at_level", Ty::Whole(0, 90)),
    opt("deload_factor", Ty::Fraction),
    opt("deload_days", Ty::Whole(1, 90)),
    opt("plateau_weeks", Ty::Whole(1, 52)),
    opt("plateau_adherence", Ty::Fraction),
    opt("repeated_flare_count", Ty::Whole(1, 30)),
    opt("flare_window_days", Ty::Whole(1, DAYS_MAX)),
    opt("no_streak_after_regress_days", Ty::Whole(0, 30)),
    opt("run_week_step", Ty::Factor),
    opt("run_two_week_cap", Ty::Factor),
    opt("run_session_cap", Ty::Factor),
    opt("oa_extra_pain_days", Ty::Whole(0, 30)),
    opt("oa_rise_max", Ty::Scale),
    opt("red_flag_recheck_pain", Ty::Scale),
    opt("red_flag_recheck_days", Ty::Whole(1, 90)),
    opt("baseline_mornings", Ty::Whole(1, 30)),
    opt("baseline_lookback_days", Ty::Whole(1, 90)),
    opt("trend_mornings", Ty::Whole(1, 30)),
    opt("run_rest_days_after_bad_run", Ty::Whole(0, 30)),
    opt("run_easier_week_every", Ty::Whole(1, 52)),
    opt("run_easier_week_factor", Ty::Fraction),
];

const PHASE: &[Field] = &[
    req("id", Ty::Text),
    req("name", Ty::Text),
    req("goal", Ty::Text),
    opt("min_days", Ty::Whole(0, DAYS_MAX)),
    req("exercises", Ty::TableList(PHASE_EXERCISE)),
    opt("exit", Ty::Table(EXIT)),
    opt("continue_with", Ty::Text),
    opt("notes", Ty::TextList),
    opt("sources", Ty::TextList),
];

const PHASE_EXERCISE: &[Field] = &[
    req("exercise", Ty::Text),
    opt("floor", Ty::Whole(0, RUNG_MAX)),
    opt("top", Ty::Whole(0, RUNG_MAX)),
    opt("frequency", Ty::Table(FREQUENCY)),
];

const EXIT: &[Field] = &[
    opt("min_sessions", Ty::Whole(0, DAYS_MAX)),
    opt("max_pain_during", Ty::Scale),
    opt("max_pain_after", Ty::Scale),
    opt("settled_mornings", Ty::Whole(0, DAYS_MAX)),
    opt("window_days", Ty::Whole(0, DAYS_MAX)),
    opt("load_test_max", Ty::Scale),
    opt("load_test_days", Ty::Whole(0, DAYS_MAX)),
    opt("weekly_morning_not_rising", Ty::Bool),
    opt("max_weekly_morning_mean", Ty::ScaleMean),
    opt("checks", Ty::TextList),
    opt("reached", Ty::TableList(RUNG_MILESTONE)),
    opt("confirm", Ty::TableList(CONFIRMATION)),
];

const RUNG_MILESTONE: &[Field] = &[
    req("exercise", Ty::Text),
    req("rung", Ty::Count),
    req("what", Ty::Text),
    opt("days", Ty::Count),
    opt("max_pain", Ty::Scale),
    opt("settled", Ty::Bool),
];

const CONFIRMATION: &[Field] = &[req("id", Ty::Text), req("question", Ty::Text)];

const EXERCISE: &[Field] = &[
    req("id", Ty::Text),
    req("name", Ty::Text),
    req("kind", Ty::Choice(KINDS)),
    opt("sides", Ty::Choice(SIDES)),
    opt("tempo", Ty::Text),
    opt("cues", Ty::TextList),
    opt("avoid", Ty::TextList),
    opt("figure", Ty::Text),
    opt("frequency", Ty::Table(FREQUENCY)),
    opt("isometric", Ty::Text),
    opt("sources", Ty::TextList),
    req("rungs", Ty::TableList(RUNG)),
];

const FREQUENCY: &[Field] = &[
    opt("per_day", Ty::Whole(0, 10)),
    opt("per_week", Ty::Whole(0, 7)),
    opt("days_apart", Ty::Whole(0, 30)),
];

const RUNG: &[Field] = &[
    opt("label", Ty::Text),
    req("sets", Ty::Count),
    opt("reps", Ty::Whole(0, REPS_MAX)),
    opt("hold", Ty::Whole(0, SECONDS_MAX)),
    opt("duration", Ty::Whole(0, SECONDS_MAX)),
    opt("walk", Ty::Whole(0, SECONDS_MAX)),
    opt("run", Ty::Whole(0, SECONDS_MAX)),
    opt("rest", Ty::Whole(0, SECONDS_MAX)),
    opt("effort", Ty::ScalePair),
    opt("load", Ty::Text),
    opt("variant", Ty::Text),
];

/// Why `value` cannot be the `[coach]` setting `key` (the same ranges as in a programme), or
/// None when it can. For `config.toml`, read without a schema walk.
pub fn coach_setting_problem(key: &str, value: &toml::Value) -> Option<String> {
    let field = COACH.iter().find(|f| f.name == key)?;
    let ok = match (field.ty, value) {
        (Ty::Scale, toml::Value::Integer(n)) => (0..=SCALE_MAX).contains(&i128::from(*n)),
        (Ty::Whole(min, max), toml::Value::Integer(n)) => {
            (i128::from(min)..=i128::from(max)).contains(&i128::from(*n))
        }
        (Ty::ScaleMean | Ty::Fraction | Ty::Factor, v) => {
            let x = v.as_float().or_else(|| v.as_integer().map(|n| n as f64));
            x.is_some_and(|x| match field.ty {
                Ty::ScaleMean => (0.0..=10.0).contains(&x),
                Ty::Fraction => (0.0..=1.0).contains(&x),
                _ => x > 0.0 && x <= FACTOR_MAX,
            })
        }
        _ => false,
    };
    (!ok).then(|| format!("expected {}, found {value}", expectation(field.ty)))
}

/// Walks the document against the schema, collecting every problem.
pub struct Walker<'a, 'i> {
    pub text: &'a str,
    pub root: &'a Spanned<DeTable<'i>>,
    pub problems: Vec<Problem>,
}

impl Walker<'_, '_> {
    fn report(&mut self, path: &FieldPath, message: String) {
        let span = locate(self.root, path);
        self.problems
            .push(Problem::at(self.text, span.start, path, message));
    }

    pub fn table(&mut self, table: &DeTable<'_>, fields: &[Field], path: &FieldPath) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let here = path.key(name);
            match fields.iter().find(|f| f.name == name) {
                Some(field) => self.value(value.get_ref(), field.ty, &here),
                None => {
                    let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
                    let message = match closest(name, &known) {
                        Some(guess) => format!("unknown key `{name}`; did you mean `{guess}`?"),
                        None => format!(
                            "unknown key `{name}`; expected one of: {}",
                            known.join(", ")
                        ),
                    };
                    let span = key.span();
                    self.problems
                        .push(Problem::at(self.text, span.start, &here, message));
                }
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !table
                .iter()
                .any(|(k, _)| k.get_ref().as_ref() == field.name)
            {
                self.report(
                    &path.key(field.name),
                    format!(
                        "missing required field `{}` ({})",
                        field.name,
                        expectation(field.ty)
                    ),
                );
            }
        }
    }

    fn value(&mut self, value: &DeValue<'_>, ty: Ty, path: &FieldPath) {
        let ok = match (ty, value) {
            (Ty::Text, DeValue::String(_)) | (Ty::Bool, DeValue::Boolean(_)) => true,
            (Ty::Count, DeValue::Integer(i)) => in_range(integer(i), 0, i128::from(u32::MAX)),
            (Ty::Whole(min, max), DeValue::Integer(i)) => {
                in_range(integer(i), i128::from(min), i128::from(max))
            }
            (Ty::Scale, DeValue::Integer(i)) => in_range(integer(i), 0, SCALE_MAX),
            (Ty::ScaleMean, v) => number(v).is_some_and(|x| (0.0..=10.0).contains(&x)),
            (Ty::Fraction, v) => number(v).is_some_and(|x| (0.0..=1.0).contains(&x)),
            (Ty::Factor, v) => number(v).is_some_and(|x| x > 0.0 && x <= FACTOR_MAX),
            (Ty::Choice(options), DeValue::String(s)) => options.contains(&s.as_ref()),
            (Ty::TextList, DeValue::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(item.get_ref(), Ty::Text, &path.index(i));
                }
                true
            }
            (Ty::ScalePair, DeValue::Array(items)) => {
                items.len() == 2
                    && items.iter().all(|v| match v.get_ref() {
                        DeValue::Integer(i) => in_range(integer(i), 0, SCALE_MAX),
                        _ => false,
                    })
            }
            (Ty::Table(fields), DeValue::Table(t)) => {
                self.table(t, fields, path);
                true
            }
            (Ty::TableList(fields), DeValue::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let here = path.index(i);
                    match item.get_ref() {
                        DeValue::Table(t) => self.table(t, fields, &here),
                        other => self.report(
                            &here,
                            format!("expected a table {{ ... }}, found {}", other.type_str()),
                        ),
                    }
                }
                true
            }
            _ => false,
        };
        if !ok {
            let found = match value {
                DeValue::String(s) => format!("\"{s}\""),
                DeValue::Integer(i) => i.to_string(),
                DeValue::Float(f) => f.to_string(),
                DeValue::Boolean(b) => b.to_string(),
                other => other.type_str().to_string(),
            };
            self.report(path, format!("expected {}, found {found}", expectation(ty)));
        }
    }
}

fn integer(i: &toml::de::DeInteger<'_>) -> Option<i128> {
    i128::from_str_radix(i.as_str(), i.radix()).ok()
}

fn in_range(value: Option<i128>, low: i128, high: i128) -> bool {
    value.is_some_and(|v| (low..=high).contains(&v))
}

fn number(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(i) => integer(i).map(|v| v as f64),
        DeValue::Float(f) => f.as_str().parse().ok(),
        _ => None,
    }
}

/// What a value of this type must look like, in words.
fn expectation(ty: Ty) -> String {
    match ty {
        Ty::Text => "text in quotes".into(),
        Ty::Bool => "true or false".into(),
        Ty::Count => "a whole number, 0 or more".into(),
        Ty::Whole(min, max) => format!("a whole number from {min} to {max}"),
        Ty::Scale => "a whole number from 0 to 10 (pain or effort score)".into(),
        Ty::ScaleMean => "a number from 0 to 10".into(),
        Ty::Fraction => "a number from 0 to 1".into(),
        Ty::Factor => format!("a number above 0 and at most {FACTOR_MAX}, e.g. 1.1"),
        Ty::TextList => "a list of text, e.g. [\"...\"]".into(),
        Ty::Choice(options) => format!("one of {}", quoted(options)),
        Ty::ScalePair => "[low, high], two whole numbers from 0 to 10".into(),
        Ty::Table(_) => "a table".into(),
        Ty::TableList(_) => "a list of tables ([[...]] or [{ ... }])".into(),
    }
}

fn quoted(options: &[&str]) -> String {
    options
        .iter()
        .map(|o| format!("\"{o}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programme::Programme;

    /// A document with every field the schema knows, filled with a valid sample value.
    fn sample(fields: &[Field]) -> toml::Table {
        fields
            .iter()
            .map(|f| {
                let v = match f.ty {
                    Ty::Text => toml::Value::from("x"),
                    Ty::Bool => toml::Value::from(true),
                    Ty::Count => toml::Value::from(1),
                    Ty::Whole(min, _) => toml::Value::from(i64::from(min.max(1))),
                    Ty::Scale => toml::Value::from(3),
                    Ty::ScaleMean => toml::Value::from(1.5),
                    Ty::Fraction => toml::Value::from(0.5),
                    Ty::Factor => toml::Value::from(1.1),
                    Ty::TextList => toml::Value::from(vec!["x"]),
                    Ty::Choice(options) => toml::Value::from(options[0]),
                    Ty::ScalePair => toml::Value::from(vec![3, 4]),
                    Ty::Table(inner) => toml::Value::Table(sample(inner)),
                    Ty::TableList(inner) => {
                        toml::Value::Array(vec![toml::Value::Table(sample(inner))])
                    }
                };
                (f.name.to_string(), v)
            })
            .collect()
    }

    fn walk(text: &str) -> Vec<Problem> {
        let root = DeTable::parse(text).expect("valid toml");
        let mut walker = Walker {
            text,
            root: &root,
            problems: Vec::new(),
        };
        walker.table(root.get_ref(), PROGRAMME, &FieldPath::default());
        walker.problems
    }

    #[test]
    fn schema_matches_the_serde_model() {
        // Every schema field is known to serde (the model denies unknown fields)...
        let text = toml::to_string(&sample(PROGRAMME)).expect("serialise sample");
        let programme: Programme = toml::from_str(&text).expect("serde accepts every schema field");
        // ...and every field serde writes back is known to the schema.
        let round_trip = toml::to_string(&programme).expect("serialise programme");
        assert_eq!(walk(&round_trip), vec![]);
    }

    #[test]
    fn every_coach_setting_can_be_overridden_in_a_programme() {
        // The sample above only holds schema fields, so a setting missing from COACH would pass it.
        let defaults = toml::Table::try_from(crate::domain::settings::CoachSettings::default())
            .expect("settings serialise");
        for key in defaults.keys() {
            assert!(
                COACH.iter().any(|f| f.name == key),
                "[coach] {key} is not in the schema"
            );
        }
        assert_eq!(defaults.len(), COACH.len());
    }

    #[test]
    fn all_problems_in_a_table_are_reported() {
        let problems = walk("id = 1\nnmae = \"x\"\n");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"id"));
        assert!(fields.contains(&"nmae"));
        assert!(fields.contains(&"phases"));
        assert!(fields.contains(&"exercises"));
    }
}
