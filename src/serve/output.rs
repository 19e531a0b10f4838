//! The preview's private output folder: pages are written as they change,
//! static files are copied only when they changed, and files of pages that no
//! longer exist are removed.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::SystemTime;

use anyhow::Result;

use crate::sink::{DirSink, Sink};
use crate::theme::StaticSource;

/// A folder that keeps track of what it holds between rebuilds.
pub struct PreviewSink {
    dir: DirSink,
    /// Source stamp of each copied file, to skip unchanged copies.
    copied: Mutex<HashMap<PathBuf, (Option<SystemTime>, u64)>>,
    /// Every file written by the last complete build.
    previous: Mutex<Vec<PathBuf>>,
    /// The pages and static files among them.
    previous_pages: Mutex<Vec<PathBuf>>,
    /// Files whose content changed since `take_changes` was last called.
    changed: AtomicUsize,
    /// Set when the preview stops: nothing more is written or removed, so
    /// that a rebuild still running cannot make the folder again once it is
    /// removed. Each write holds it for reading.
    closed: RwLock<bool>,
}

impl PreviewSink {
    pub fn new(dir: &Path) -> PreviewSink {
        PreviewSink {
            dir: DirSink(dir.to_path_buf()),
            copied: Mutex::new(HashMap::new()),
            previous: Mutex::new(Vec::new()),
            previous_pages: Mutex::new(Vec::new()),
            changed: AtomicUsize::new(0),
            closed: RwLock::new(false),
        }
    }

    /// Stop writing: waits for the writes under way, after which every
    /// write, copy and removal does nothing.
    pub fn close(&self) {
        *self.closed.write().unwrap_or_else(|e| e.into_inner()) = true;
    }

    /// Run `f` unless the folder is closed (then do nothing).
    fn open_for(&self, f: impl FnOnce() -> Result<()>) -> Result<()> {
        let closed = self.closed.read().unwrap_or_else(|e| e.into_inner());
        match *closed {
            true => Ok(()),
            false => f(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir.0
    }

    /// How many files changed (written with new content, copied, or removed)
    /// since the last call.
    pub fn take_changes(&self) -> usize {
        self.changed.swap(0, Ordering::Relaxed)
    }

    /// Once the pages are written: remove the pages and static files of the
    /// last build that this one no longer has (before browsers reload).
    pub fn retain_pages(&self, pages: &[PathBuf]) -> Result<()> {
        self.keep_only(&self.previous_pages, pages)
    }

    /// Remove what `previous` lists and `current` does not; remember `current`.
    fn keep_only(&self, previous: &Mutex<Vec<PathBuf>>, current: &[PathBuf]) -> Result<()> {
        let mut previous = previous.lock().unwrap_or_else(|e| e.into_inner());
        // Most rebuilds produce the very same list: no set needed.
        if previous.as_slice() != current {
            let now: HashSet<&PathBuf> = current.iter().collect();
            for stale in previous.iter().filter(|p| !now.contains(p)) {
                self.remove(stale)?;
            }
            *previous = current.to_vec();
        }
        Ok(())
    }

    fn remove(&self, rel: &Path) -> Result<()> {
        self.open_for(|| self.remove_now(rel))
    }

    fn remove_now(&self, rel: &Path) -> Result<()> {
        let path = self.dir.0.join(rel);
        if path.is_file() {
            self.changed.fetch_add(1, Ordering::Relaxed);
            std::fs::remove_file(&path)
                .map_err(|e| anyhow::anyhow!("could not remove {}: {e}", path.display()))?;
        }
        if let Ok(mut copied) = self.copied.lock() {
            copied.remove(rel);
        }
        Ok(())
    }

    /// After a build: remove the files of the last build that this one did not produce.
    pub fn retain(&self, outputs: &[PathBuf]) -> Result<()> {
        self.keep_only(&self.previous, outputs)
    }
}

fn stamp(path: &Path) -> Option<(Option<SystemTime>, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok(), meta.len()))
}

impl Sink for PreviewSink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        self.open_for(|| self.write_now(rel, bytes))
    }

    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        self.open_for(|| self.copy_now(rel, source))
    }
}

impl PreviewSink {
    fn write_now(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.dir.0.join(rel);
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|old| old == bytes)
        {
            return Ok(());
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        self.dir.put(rel, bytes).map(|_| ())
    }

    fn copy_now(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        let key = match source {
            StaticSource::File(src) => stamp(src),
            StaticSource::Builtin(bytes) => Some((None, bytes.len() as u64)),
        };
        let dest = self.dir.0.join(rel);
        let unchanged = key.is_some()
            && self
                .copied
                .lock()
                .map(|c| c.get(rel).copied() == key)
                .unwrap_or(false)
            && dest.is_file();
        if unchanged {
            return Ok(());
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        // The folder's own copy clears a file left where a folder is needed now.
        self.dir.copy(rel, source)?;
        if let (Some(key), Ok(mut copied)) = (key, self.copied.lock()) {
            copied.insert(rel.to_path_buf(), key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_folder_is_never_written_again_nor_made_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("gait-serve-x");
        let sink = PreviewSink::new(&dir);
        sink.write(Path::new("posts/knee/index.html"), b"knee")
            .unwrap();
        sink.retain(&[PathBuf::from("posts/knee/index.html")])
            .unwrap();
        assert_eq!(
            std::fs::read(dir.join("posts/knee/index.html")).unwrap(),
            b"knee"
        );

        sink.close();
        std::fs::remove_dir_all(&dir).unwrap();
        // A rebuild still running after the stop: nothing comes back.
        sink.write(Path::new("search/index.json"), b"{}").unwrap();
        let css = StaticSource::Builtin(b"body{}");
        sink.copy(Path::new("css/style.css"), &css).unwrap();
        sink.retain(&[]).unwrap();
        assert!(!dir.exists());
    }
}
