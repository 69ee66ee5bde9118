//! Countdown timers as deadlines on the monotonic clock (owned by the session-runner work).
