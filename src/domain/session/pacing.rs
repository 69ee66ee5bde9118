//! The paced count for a rep set with a tempo ("3-0-3": seconds down, pause, up): a lead-in,
//! then one tick at the start of every phase of every rep, so the set can be followed by ear.
//! It only guides: the set still ends when the person presses Enter.

use crate::domain::timer::Countdown;
use std::time::{Duration, Instant};

/// Seconds down, paused and up of one repetition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tempo {
    pub down: u32,
    pub pause: u32,
    pub up: u32,
}

impl Tempo {
    /// "3-0-3" → down 3, pause 0, up 3. None for any other shape, or a rep of no time at all.
    pub fn parse(text: &str) -> Option<Tempo> {
        let mut parts = text.split('-').map(|p| p.trim().parse::<u32>().ok());
        let (down, pause, up) = (parts.next()??, parts.next()??, parts.next()??);
        let tempo = Tempo { down, pause, up };
        (parts.next().is_none() && tempo.rep_secs() > 0).then_some(tempo)
    }

    fn rep_secs(&self) -> u32 {
        self.down.saturating_add(self.pause).saturating_add(self.up)
    }

    /// The phases of one rep that take time, in order.
    fn phases(&self) -> impl Iterator<Item = (Phase, u32)> {
        [
            (Phase::Down, self.down),
            (Phase::Pause, self.pause),
            (Phase::Up, self.up),
        ]
        .into_iter()
        .filter(|(_, secs)| *secs > 0)
    }
}

/// Which part of the paced count it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The count-in before the first rep.
    Ready,
    Down,
    Pause,
    Up,
}

impl Phase {
    pub fn word(self) -> &'static str {
        match self {
            Phase::Ready => "ready",
            Phase::Down => "down",
            Phase::Pause => "hold",
            Phase::Up => "up",
        }
    }
}

/// Where the count is: rep `rep` of `of` (0 during the lead-in), its phase, and the whole
/// seconds left in that phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Beat {
    pub rep: u32,
    pub of: u32,
    pub phase: Phase,
    pub secs_left: u32,
}

/// A running paced count. Its clock is a countdown over the whole set (lead-in plus every rep),
/// so it pauses exactly as the step timers do and every change falls on a whole second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacer {
    tempo: Tempo,
    reps: u32,
    lead_in: u32,
    clock: Countdown,
    /// Phase starts already announced (the first rep's first phase is number 1).
    announced: u32,
}

impl Pacer {
    /// A count of `reps` reps at `tempo` after `lead_in`, starting at `now`.
    pub fn start(tempo: Tempo, reps: u32, lead_in: Duration, now: Instant) -> Pacer {
        let lead_in = u32::try_from(lead_in.as_secs()).unwrap_or(u32::MAX);
        let total = u64::from(lead_in) + u64::from(reps) * u64::from(tempo.rep_secs());
        Pacer {
            tempo,
            reps,
            lead_in,
            clock: Countdown::start(now, Duration::from_secs(total)),
            announced: 0,
        }
    }

    fn elapsed_secs(&self, now: Instant) -> u64 {
        self.clock
            .total()
            .saturating_sub(self.clock.remaining(now))
            .as_secs()
    }

    /// Where the count is at `now`; None once the last rep's last phase is over.
    pub fn beat(&self, now: Instant) -> Option<Beat> {
        let elapsed = self.elapsed_secs(now);
        let lead_in = u64::from(self.lead_in);
        if elapsed < lead_in {
            return Some(Beat {
                rep: 0,
                of: self.reps,
                phase: Phase::Ready,
                secs_left: u32::try_from(lead_in - elapsed).unwrap_or(u32::MAX),
            });
        }
        let into_reps = elapsed - lead_in;
        let rep_secs = u64::from(self.tempo.rep_secs());
        let rep = into_reps / rep_secs;
        if rep >= u64::from(self.reps) {
            return None;
        }
        let mut into_rep = into_reps % rep_secs;
        for (phase, secs) in self.tempo.phases() {
            let secs = u64::from(secs);
            if into_rep < secs {
                return Some(Beat {
                    rep: u32::try_from(rep + 1).unwrap_or(u32::MAX),
                    of: self.reps,
                    phase,
                    secs_left: u32::try_from(secs - into_rep).unwrap_or(u32::MAX),
                });
            }
            into_rep -= secs;
        }
        None
    }

    /// Phase starts of the reps that have come by `now`.
    fn phase_starts(&self, now: Instant) -> u32 {
        let elapsed = self.elapsed_secs(now);
        let lead_in = u64::from(self.lead_in);
        if elapsed < lead_in {
            return 0;
        }
        let into_reps = elapsed - lead_in;
        let rep_secs = u64::from(self.tempo.rep_secs());
        let per_rep = self.tempo.phases().count() as u64;
        let full_reps = (into_reps / rep_secs).min(u64::from(self.reps));
        let mut starts = full_reps * per_rep;
        if full_reps < u64::from(self.reps) {
            let mut into_rep = into_reps % rep_secs;
            for (_, secs) in self.tempo.phases() {
                starts += 1;
                if into_rep < u64::from(secs) {
                    break;
                }
                into_rep -= u64::from(secs);
            }
        }
        u32::try_from(starts).unwrap_or(u32::MAX)
    }

    /// The phase starts not yet announced: (whether one came, whether it was the first rep's
    /// first phase, i.e. "go"). Marks them announced; several after a long gap give one tick.
    pub fn take_ticks(&mut self, now: Instant) -> Option<bool> {
        let starts = self.phase_starts(now);
        if starts <= self.announced {
            return None;
        }
        let go = self.announced == 0;
        self.announced = starts;
        Some(go)
    }

    /// The next instant the count changes on screen, while it runs.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        self.clock.next_change(now)
    }

    pub fn pause(&mut self, now: Instant) {
        self.clock.pause(now);
    }

    pub fn resume(&mut self, now: Instant) {
        self.clock.resume(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn tempo_reads_down_pause_up_seconds() {
        assert_eq!(
            Tempo::parse("3-0-3"),
            Some(Tempo {
                down: 3,
                pause: 0,
                up: 3
            })
        );
        assert_eq!(Tempo::parse("0-0-0"), None);
        assert_eq!(Tempo::parse("slow"), None);
        assert_eq!(Tempo::parse("3-0"), None);
        assert_eq!(Tempo::parse("3-0-3-1"), None);
    }

    #[test]
    fn the_count_walks_lead_in_then_each_phase_of_each_rep() {
        let t0 = Instant::now();
        let tempo = Tempo::parse("2-1-2").unwrap_or(Tempo {
            down: 2,
            pause: 1,
            up: 2,
        });
        let mut p = Pacer::start(tempo, 2, secs(3), t0);
        let beat = |p: &Pacer, s: u64| p.beat(t0 + secs(s)).map(|b| (b.rep, b.phase, b.secs_left));
        assert_eq!(beat(&p, 0), Some((0, Phase::Ready, 3)));
        assert_eq!(p.take_ticks(t0 + secs(2)), None, "no tick in the lead-in");
        assert_eq!(beat(&p, 3), Some((1, Phase::Down, 2)));
        assert_eq!(
            p.take_ticks(t0 + secs(3)),
            Some(true),
            "the first rep starts: go"
        );
        assert_eq!(beat(&p, 4), Some((1, Phase::Down, 1)));
        assert_eq!(p.take_ticks(t0 + secs(4)), None, "no tick inside a phase");
        assert_eq!(beat(&p, 5), Some((1, Phase::Pause, 1)));
        assert_eq!(p.take_ticks(t0 + secs(5)), Some(false));
        assert_eq!(beat(&p, 6), Some((1, Phase::Up, 2)));
        assert_eq!(beat(&p, 8), Some((2, Phase::Down, 2)));
        // After a gap, one tick for the phases missed.
        assert_eq!(p.take_ticks(t0 + secs(9)), Some(false));
        assert_eq!(p.take_ticks(t0 + secs(9)), None);
        assert_eq!(beat(&p, 12), Some((2, Phase::Up, 1)));
        assert_eq!(
            beat(&p, 13),
            None,
            "the count ends; the set waits for Enter"
        );
        assert_eq!(p.next_change(t0 + secs(13)), None);
    }

    #[test]
    fn pausing_holds_the_count_exactly() {
        let t0 = Instant::now();
        let tempo = Tempo {
            down: 3,
            pause: 0,
            up: 3,
        };
        let mut p = Pacer::start(tempo, 1, secs(0), t0);
        p.pause(t0 + secs(2));
        assert_eq!(
            p.beat(t0 + secs(100)).map(|b| (b.phase, b.secs_left)),
            Some((Phase::Down, 1))
        );
        p.resume(t0 + secs(100));
        assert_eq!(
            p.beat(t0 + secs(101)).map(|b| (b.phase, b.secs_left)),
            Some((Phase::Up, 3))
        );
    }
}
