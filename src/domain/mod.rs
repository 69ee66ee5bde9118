//! The pure core: no terminal, files, environment or clock. The shell passes `today`/`now` in.
//!
//! The modules depend on each other in one direction only (no import circle), leaves first:
//! - leaves: `pain`, `settings`, `red_flags`, `reason` (one reason behind a decision),
//!   `running_advice` (what the plan says about running, as data);
//! - `programme` (uses `settings`), then `plan` (the day's prescription and its snapshot), then
//!   `phrase` (a plan's reasons in words, from their cause and numbers);
//! - `records` (journal facts; a `session_started` carries a `PlanSnapshot`), then `history`
//!   (records replayed into logs), then `running` (advice computed from the run logs);
//! - above them `coach`, `insight`, `session`, `catalogue`, `config` and the rest.
//!
//! A type two layers need lives in the lower one: `Reason` and `RunningAdvice` are leaves so
//! `plan` needs neither `running` nor `history`, and the sets of a session logged afterwards
//! (`records::done_as_planned`) are built in `records`, so `plan` does not know records.

pub mod catalogue;
pub mod coach;
pub mod config;
pub mod days;
pub mod history;
pub mod insight;
pub mod pain;
pub mod phrase;
pub mod plan;
pub mod programme;
pub mod programme_check;
pub mod programme_exit;
pub mod reason;
pub mod records;
pub mod red_flag_recheck;
pub mod red_flags;
pub mod running;
pub mod running_advice;
pub mod running_week;
pub mod running_words;
pub mod session;
pub mod settings;
pub mod text;
pub mod timer;
