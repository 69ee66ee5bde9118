//! CLI subcommands: thin shells over `store` and `domain`.

pub mod daily;
pub mod export;
pub mod free_text;
pub mod heap;
pub mod import;
pub mod journal;
pub mod json;
pub mod meta;
pub mod output;
pub mod programmes;
pub mod settings;
