//! CSV / JSON export and the Markdown report, built on the derived views of `domain::insight`.
//! Everything here is pure: records or a `History` in, a `String` out.

pub mod csv;

pub mod json;
pub mod range;
pub mod report;
#[cfg(any(test, feature = "test-support"))]
pub mod sample;

pub use csv::to_csv;
pub use json::to_json;
pub use range::DayRange;
pub use report::html::report_html;
pub use report::report;
