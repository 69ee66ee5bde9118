//! The shell's file side: where things live, the journal files, programme files and config.

pub mod config;
pub mod journal_file;
pub mod paths;
pub mod programme_files;

pub use paths::{Context, Overrides};
