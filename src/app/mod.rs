//! The application layer between the shells (the CLI commands, the full-screen app, export) and
//! the store: one `Journal` port and one rule for the coach settings, used by all of them.

pub mod import_runs;
pub mod journal;
pub mod settings;
