//! Phase timings for profiling a build: set `GAIT_TIMINGS=1` and each phase's
//! wall time is printed to stderr.

use std::time::Instant;

pub struct Timings {
    enabled: bool,
    last: Instant,
}

impl Timings {
    pub fn from_env() -> Timings {
        Timings {
            enabled: std::env::var_os("GAIT_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    /// Record the end of phase `name`.
    pub fn step(&mut self, name: &str) {
        if self.enabled {
            let now = Instant::now();
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "  {name:<14} {:>7.1} ms  rss {rss}",
                (now - self.last).as_secs_f64() * 1000.0
            );
            self.last = now;
        }
    }
}
