//! The upload progress bar on stderr (files and bytes), shown only when
//! stderr is a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

pub struct Bar {
    bar: Option<ProgressBar>,
    files: usize,
    done: AtomicUsize,
}

impl Bar {
    pub fn new(files: usize, bytes: u64) -> Bar {
        let bar = (files > 0 && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(bytes);
            if let Ok(style) =
                ProgressStyle::with_template("Uploading [{bar:30}] {msg}, {bytes}/{total_bytes}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(format!("0/{files} files"));
            bar
        });
        Bar {
            bar,
            files,
            done: AtomicUsize::new(0),
        }
    }

    /// One file is done (uploaded or failed), of `bytes`.
    pub fn done(&self, bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{done}/{} files", self.files));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
