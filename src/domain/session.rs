//! The session runner state machine (owned by the session-runner work).
