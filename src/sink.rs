//! Where a build's files go: a folder (the staging folder of a build, or the
//! preview's private folder), or nowhere (`gait check`).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::fsx::{self, FileStamp};
use crate::theme::StaticSource;

/// Where output goes.
pub trait Sink: Sync {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()>;
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()>;
    /// Put `file`, which never changes once written (a picture in the
    /// cache), at `rel`: a folder links it rather than copying its bytes.
    fn link(&self, rel: &Path, file: &Path) -> Result<()> {
        self.copy(rel, &StaticSource::File(file.to_path_buf()))
    }
}

/// Writes into a folder (the staging folder of a build).
pub struct DirSink(pub PathBuf);

/// Writes into another sink, below a folder of it (`es/` for a language's files).
pub struct Below<'a> {
    pub sink: &'a dyn Sink,
    pub folder: &'a Path,
}

impl Sink for Below<'_> {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        self.sink.write(&self.folder.join(rel), bytes)
    }
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        self.sink.copy(&self.folder.join(rel), source)
    }
}

/// Whether `path` already holds exactly `bytes` (rewriting an identical
/// file costs far more than reading it on most disks).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

impl DirSink {
    /// Write `bytes` at `rel` without looking at what is there, and return
    /// the file's stamp as it was left.
    pub fn put(&self, rel: &Path, bytes: &[u8]) -> Result<Option<FileStamp>> {
        let path = self.0.join(rel);
        // The folder is recycled from an earlier build: what stood in the way
        // then (a file where a folder is needed now) is removed, and the write tried again.
        fsx::write_stamped(&path, bytes).or_else(|e| {
            match crate::safe_path::clear_way(&self.0, rel) {
                true => fsx::write_stamped(&path, bytes),
                false => Err(e),
            }
        })
    }

    /// Write `bytes` at `rel` unless the file there holds them already, and
    /// return its stamp.
    pub fn write_stamped(&self, rel: &Path, bytes: &[u8]) -> Result<Option<FileStamp>> {
        let path = self.0.join(rel);
        if holds(&path, bytes) {
            return Ok(FileStamp::of(&path));
        }
        self.put(rel, bytes)
    }
}

impl Sink for DirSink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        self.write_stamped(rel, bytes).map(|_| ())
    }
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        let dest = self.0.join(rel);
        match source {
            StaticSource::File(src) => {
                // A copy made after the source's last change is up to date.
                let up_to_date = match (std::fs::metadata(src), std::fs::metadata(&dest)) {
                    (Ok(s), Ok(d)) => {
                        d.is_file()
                            && s.len() == d.len()
                            && matches!((s.modified(), d.modified()), (Ok(sm), Ok(dm)) if dm >= sm)
                    }
                    _ => false,
                };
                if up_to_date {
                    Ok(())
                } else {
                    fsx::copy(src, &dest).or_else(|e| {
                        match crate::safe_path::clear_way(&self.0, rel) {
                            true => fsx::copy(src, &dest),
                            false => Err(e),
                        }
                    })
                }
            }
            StaticSource::Builtin(bytes) => self.write(rel, bytes),
        }
    }
    fn link(&self, rel: &Path, file: &Path) -> Result<()> {
        let dest = self.0.join(rel);
        fsx::link_or_copy(file, &dest).or_else(|e| {
            match crate::safe_path::clear_way(&self.0, rel) {
                true => fsx::link_or_copy(file, &dest),
                false => Err(e),
            }
        })
    }
}

/// Keeps nothing: `gait check` renders every page into it.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &Path, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &Path, _: &StaticSource) -> Result<()> {
        Ok(())
    }
    fn link(&self, _: &Path, _: &Path) -> Result<()> {
        Ok(())
    }
}
