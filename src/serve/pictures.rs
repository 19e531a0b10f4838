//! The preview's pictures, which never hold a save back: a build plans
//! them and writes none; they are made aside afterwards, on threads of
//! their own (a newer build's plan takes over at once), and served from the
//! site's picture cache. A picture a browser asks for before it is made is
//! made on the spot.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use crate::images::{PictureSet, Pictures};

/// The pictures of the last good build, with the engine that makes them.
#[derive(Clone)]
pub struct Current {
    pub engine: Arc<Pictures>,
    pub set: Arc<PictureSet>,
}

/// The preview's pictures: the current plan (for the HTTP side) and the
/// thread that makes them aside.
#[derive(Default)]
pub struct PreviewPictures {
    current: RwLock<Option<Current>>,
    /// To the maker thread, started with the first plan.
    maker: Mutex<Option<Sender<Current>>>,
    /// Bumped by each plan: the maker stops work on an older one.
    generation: Arc<AtomicU64>,
}

impl PreviewPictures {
    /// A build's pictures: served from now on, and made aside.
    pub fn update(&self, current: Current) {
        if let Ok(mut c) = self.current.write() {
            *c = Some(current.clone());
        }
        self.generation.fetch_add(1, Ordering::SeqCst);
        let Ok(mut maker) = self.maker.lock() else {
            return;
        };
        let sender = maker.get_or_insert_with(|| {
            let (tx, rx) = mpsc::channel();
            let generation = self.generation.clone();
            std::thread::spawn(move || make_aside(&rx, &generation));
            tx
        });
        // The thread only ends when the server does.
        let _ = sender.send(current);
    }

    /// The file for `site_path` if a picture is published there, made
    /// first when needed (blocking: call it off the async threads).
    pub fn file(&self, site_path: &str) -> Option<Result<PathBuf, String>> {
        let current = self.current.read().ok()?.clone()?;
        current.engine.file_for(&current.set, site_path).transpose()
    }

    /// Whether a picture is published at `site_path`.
    pub fn publishes(&self, site_path: &str) -> bool {
        self.current
            .read()
            .ok()
            .and_then(|c| c.as_ref().map(|c| c.set.published(site_path).is_some()))
            .unwrap_or(false)
    }
}

/// The maker thread: make each plan's pictures the cache lacks, dropping a
/// plan as soon as a newer one comes.
fn make_aside(plans: &Receiver<Current>, generation: &AtomicU64) {
    // One core stays free for the rebuilds of the pages.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get().saturating_sub(1))
        .unwrap_or(1)
        .max(1);
    while let Ok(mut current) = plans.recv() {
        while let Ok(newer) = plans.try_recv() {
            current = newer;
        }
        let mine = generation.load(Ordering::SeqCst);
        let started = Instant::now();
        let stop = || generation.load(Ordering::SeqCst) != mine;
        let (made, errors) = current
            .engine
            .make_aside(current.set.pictures(), threads, &stop);
        for e in &errors {
            eprintln!("{e}");
        }
        if made > 0 {
            crate::diag::say(format_args!(
                "Made {made} {} in {:.1} s",
                crate::diag::plural(made, "picture", "pictures"),
                started.elapsed().as_secs_f64()
            ));
        }
    }
}
