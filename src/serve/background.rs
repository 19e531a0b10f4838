//! The second half of a preview rebuild, in the background: the feeds, the
//! sitemap, the finder's data and the search index are written after the
//! browsers have reloaded, on a thread of their own, so that a save made
//! meanwhile is rebuilt at once. A newer rebuild cancels the job (it stops
//! at its next step) and starts its own once the old one has stopped, so
//! two jobs never write the same files.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use super::output::PreviewSink;
use super::state::{Event, Live};
use crate::pipeline::Prepared;
use crate::pipeline::write::{self, Frame, WriteStats};

/// The running job, if any.
#[derive(Default)]
pub struct Background {
    job: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

impl Background {
    /// Stop the running job, and once it has stopped, write the files of
    /// `prepared`, then remove what the last build had and this one has not.
    /// `reloaded`: whether the browsers were told to reload already (if
    /// not, and the files changed, they are told now).
    pub fn start(
        &mut self,
        prepared: Arc<Prepared>,
        frame: Frame,
        stats: WriteStats,
        sink: Arc<PreviewSink>,
        live: Live,
        reloaded: bool,
    ) {
        let previous = self.job.take().map(|(cancel, handle)| {
            cancel.store(true, Ordering::Relaxed);
            handle
        });
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let handle = std::thread::spawn(move || {
            if let Some(previous) = previous {
                let _ = previous.join();
            }
            let cancelled = || flag.load(Ordering::Relaxed);
            if cancelled() {
                return;
            }
            let mut outputs = stats.outputs;
            match write::write_files(&prepared, &frame, sink.as_ref(), &cancelled) {
                Ok(files) => outputs.extend(files),
                Err(e) => {
                    eprintln!("{e:#}");
                    return;
                }
            }
            if cancelled() {
                return;
            }
            if let Err(e) = sink.retain(&outputs) {
                eprintln!("{e:#}");
            }
            // Files that only the feeds or the search index changed.
            if !reloaded && sink.take_changes() > 0 {
                live.built(Event::Reload);
            }
        });
        self.job = Some((cancel, handle));
    }

    /// Wait for the running job to finish (for tests and for a clean stop).
    pub fn wait(&mut self) {
        if let Some((_, handle)) = self.job.take() {
            let _ = handle.join();
        }
    }
}
