//! CLI subcommands: thin shells over `store` and `domain`.

pub mod daily;
pub mod export;
pub mod journal;
pub mod json;
pub mod meta;
pub mod programmes;
pub mod settings;
