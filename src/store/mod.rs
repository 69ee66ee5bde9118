//! The shell's file side: where things live, the journal files and their line format, programme
//! files and config.

pub mod config;
pub mod journal_file;
pub mod journal_line;
pub mod paths;
pub mod programme_files;

pub use paths::{Context, Overrides};
