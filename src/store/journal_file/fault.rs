//! Fail points on the store's file operations, for the fault-injection tests (issue 12): a test
//! arms operation N to fail (an I/O error, like a full disk) or to stop (a crash: nothing after
//! it runs, no clean-up). Only with `cfg(test)` or the `test-support` feature; a release build
//! has an empty `point` and no way to arm one.

use std::io;

/// What happens at the armed operation.
#[cfg(any(test, feature = "test-support"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The operation is not done and returns an I/O error.
    Fail,
    /// The operation is not done and the process "crashes": a panic carrying [`Crash`], which
    /// the test catches. Nothing in the store cleans up on unwinding (locks and files close, as
    /// at a real crash).
    Stop,
}

/// The panic payload of [`Fault::Stop`]: the operation the crash came before.
#[cfg(any(test, feature = "test-support"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crash(pub &'static str);

#[cfg(any(test, feature = "test-support"))]
mod armed {
    use super::{Crash, Fault};
    use std::cell::{Cell, RefCell};
    use std::io;

    thread_local! {
        /// The armed fault and the 0-based operation it is at; per thread, so tests run in parallel.
        static PLAN: Cell<Option<(usize, Fault)>> = const { Cell::new(None) };
        /// The operations passed on this thread since `arm`, in order.
        static SEEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
        /// Whether the armed fault was hit.
        static HIT: Cell<bool> = const { Cell::new(false) };
    }

    /// Make this thread's operation number `at` (0-based, counted from now) do `fault`.
    pub fn arm(at: usize, fault: Fault) {
        PLAN.set(Some((at, fault)));
        SEEN.with_borrow_mut(Vec::clear);
        HIT.set(false);
    }

    /// Disarm; returns whether the fault was hit (false: the command did fewer operations).
    pub fn disarm() -> bool {
        PLAN.set(None);
        HIT.replace(false)
    }

    /// The operations reached since `arm` (the faulted one last, if hit).
    pub fn operations() -> Vec<&'static str> {
        SEEN.with_borrow(Vec::clone)
    }

    pub(in crate::store::journal_file) fn point(op: &'static str) -> io::Result<()> {
        let n = SEEN.with_borrow_mut(|seen| {
            seen.push(op);
            seen.len() - 1
        });
        match PLAN.get() {
            Some((at, fault)) if at == n => {
                HIT.set(true);
                match fault {
                    Fault::Fail => Err(io::Error::other(format!("injected fault at {op}"))),
                    Fault::Stop => std::panic::panic_any(Crash(op)),
                }
            }
            _ => Ok(()),
        }
    }
}

#[cfg(any(test, feature = "test-support"))]
pub use armed::{arm, disarm, operations};

/// Called before each file operation the store's writes do; `op` names it.
#[cfg(any(test, feature = "test-support"))]
pub(super) fn point(op: &'static str) -> io::Result<()> {
    armed::point(op)
}

#[cfg(not(any(test, feature = "test-support")))]
#[inline(always)]
pub(super) fn point(_op: &'static str) -> io::Result<()> {
    Ok(())
}
