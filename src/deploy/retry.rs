//! Trying an operation again after a passing failure (a timeout, a dropped
//! packet), waiting longer each time. Failures that will not pass (no such
//! file, permission denied) are returned at once.

use std::future::Future;
use std::time::Duration;

/// Attempts in all, and the wait after the first failure (doubled each time).
const ATTEMPTS: u32 = 4;
const FIRST_WAIT: Duration = Duration::from_millis(250);

/// Whether an error may pass if the operation is tried again.
pub trait Transient {
    fn is_transient(&self) -> bool;
}

impl Transient for russh_sftp::client::error::Error {
    fn is_transient(&self) -> bool {
        use russh_sftp::client::error::Error;
        matches!(self, Error::Timeout | Error::IO(_))
    }
}

/// Run `op` until it succeeds, fails for good, or has failed [`ATTEMPTS`] times.
pub async fn retry<T, E, F, Fut>(op: F) -> Result<T, E>
where
    E: Transient,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    retry_with(op, FIRST_WAIT).await
}

async fn retry_with<T, E, F, Fut>(mut op: F, first_wait: Duration) -> Result<T, E>
where
    E: Transient,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut wait = first_wait;
    let mut attempt = 1;
    loop {
        match op().await {
            Err(e) if e.is_transient() && attempt < ATTEMPTS => {
                tokio::time::sleep(wait).await;
                wait *= 2;
                attempt += 1;
            }
            result => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[derive(Debug, PartialEq)]
    enum Fault {
        Passing,
        Lasting,
    }

    impl Transient for Fault {
        fn is_transient(&self) -> bool {
            *self == Fault::Passing
        }
    }

    fn run<T>(f: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn passing_failures_are_retried_with_growing_waits() {
        let calls = Cell::new(0);
        let started = std::time::Instant::now();
        let result = run(retry_with(
            || {
                calls.set(calls.get() + 1);
                async {
                    if calls.get() < 3 {
                        Err(Fault::Passing)
                    } else {
                        Ok(7)
                    }
                }
            },
            Duration::from_millis(10),
        ));
        assert_eq!(result, Ok(7));
        assert_eq!(calls.get(), 3);
        // Waited 10 ms, then 20 ms.
        assert!(started.elapsed() >= Duration::from_millis(30));
    }

    #[test]
    fn lasting_failures_and_too_many_stop() {
        let calls = Cell::new(0);
        let result: Result<(), Fault> = run(retry_with(
            || {
                calls.set(calls.get() + 1);
                async { Err(Fault::Lasting) }
            },
            Duration::from_millis(1),
        ));
        assert_eq!((result, calls.get()), (Err(Fault::Lasting), 1));
        calls.set(0);
        let result: Result<(), Fault> = run(retry_with(
            || {
                calls.set(calls.get() + 1);
                async { Err(Fault::Passing) }
            },
            Duration::from_millis(1),
        ));
        assert_eq!((result, calls.get()), (Err(Fault::Passing), ATTEMPTS));
    }
}
