//! One file per screen or dialog: its key table, its state and how it draws.

pub mod checkin;
pub mod chooser;
pub mod first_run;
pub mod flag_check;
pub mod overlays;
pub mod today;
