//! Phase timings for profiling a build: set `GAIT_TIMINGS=1` and each phase's
//! wall time, the CPU time of all threads in it (user and system, from
//! `/proc/self/stat` where there is one) and the resident memory at its end
//! are printed to stderr. CPU time near twice the wall time means both cores
//! were busy; near the wall time, the phase ran on one.

use std::time::Instant;

pub struct Timings {
    enabled: bool,
    last: Instant,
    last_cpu: Option<u64>,
}

impl Timings {
    pub fn from_env() -> Timings {
        let enabled = std::env::var_os("GAIT_TIMINGS").is_some();
        Timings {
            enabled,
            last: Instant::now(),
            last_cpu: enabled.then(cpu_ticks).flatten(),
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
            let cpu_now = cpu_ticks();
            let cpu = match (self.last_cpu, cpu_now) {
                (Some(a), Some(b)) => format!("cpu {:>7} ms", b.saturating_sub(a) * 10),
                _ => String::new(),
            };
            eprintln!(
                "  {name:<14} {:>7.1} ms  {cpu}  rss {rss}",
                (now - self.last).as_secs_f64() * 1000.0
            );
            self.last = now;
            self.last_cpu = cpu_now;
        }
    }
}

/// User plus system time of the whole process so far, in the kernel's
/// clock ticks (100 a second on Linux), or `None` off Linux.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_cpu_ticks(&stat)
}

/// Fields 14 and 15 (utime, stime) of a `/proc/PID/stat` line. The command
/// name (field 2) is in parentheses and may hold spaces, so fields are
/// counted after its closing one.
fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let after = &stat[stat.rfind(')')? + 1..];
    let mut fields = after.split_ascii_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

#[cfg(test)]
mod tests {
    use super::parse_cpu_ticks;

    #[test]
    fn cpu_ticks_are_utime_plus_stime() {
        let cases = [
            (
                "4242 (gait) R 1 4242 4242 0 -1 4194304 900 0 0 0 157 43 0 0 20 0 3 0 1",
                Some(200),
            ),
            (
                "7 (a (b) c) S 1 7 7 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1",
                Some(11),
            ),
            ("7 (gait) S 1", None),
            ("no parentheses", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_cpu_ticks(line), want, "{line}");
        }
    }
}
