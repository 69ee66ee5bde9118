//! The pure core: no terminal, files, environment or clock. The shell passes `today`/`now` in.

pub mod coach;
pub mod days;
pub mod history;
pub mod insight;
pub mod pain;
pub mod plan;
pub mod programme;
pub mod programme_check;
pub mod records;
pub mod red_flag_recheck;
pub mod red_flags;
pub mod running;
pub mod session;
pub mod settings;
pub mod text;
pub mod timer;
