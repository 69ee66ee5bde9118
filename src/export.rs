//! CSV / JSON export and the Markdown report (owned by the history-and-export work).
