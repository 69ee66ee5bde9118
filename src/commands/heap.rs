//! How a command that runs once and exits asks for memory.

/// Ask glibc's malloc to grow its heaps 64 MiB at a time, for a command that reads the journal
/// and exits (not the full-screen app). By default each parser thread's heap grows 128 KiB at
/// a time, and each step takes the process's memory-map lock for writing while the other
/// threads fault pages in: `rehab today --json` on 10 years takes 8 % less time without
/// that. It also keeps freed memory instead of giving it back, which adds about 2 MiB to the
/// peak at 10 years: the app, whose memory stays low for hours, does not ask
/// (docs/performance.md).
pub fn grow_in_big_steps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// Heap growth, in bytes beyond each request.
        const HEAP_STEP: i32 = 64 << 20;
        // SAFETY: mallopt only changes a malloc setting; a value it refuses changes nothing.
        unsafe {
            libc::mallopt(libc::M_TOP_PAD, HEAP_STEP);
        }
    }
}
