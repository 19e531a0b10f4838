//! File-system helpers that name the path in every error.
//!
//! `std::fs` errors say "No such file or directory" without saying which; these
//! wrappers add the path (and the action) so a message is actionable on its own.

use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result};

pub fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("could not read {}", path.display()))
}

/// A file's size and times: as long as they are the same, so is the file
/// (the change time, which no tool can set back, catches a file rewritten
/// with its old modification time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub size: u64,
    pub modified: SystemTime,
    /// The inode's change time (seconds, nanoseconds) on Unix, which no
    /// tool can set back; (0, 0) elsewhere.
    pub changed: (i64, i64),
}

impl FileStamp {
    /// The stamp of `file` as it is now, if it can be read.
    pub fn of(file: &Path) -> Option<FileStamp> {
        FileStamp::from_metadata(&std::fs::metadata(file).ok()?)
    }

    /// The stamp a file's metadata describes.
    pub fn from_metadata(m: &fs::Metadata) -> Option<FileStamp> {
        Some(FileStamp {
            size: m.len(),
            modified: m.modified().ok()?,
            changed: changed(m),
        })
    }
}

#[cfg(unix)]
fn changed(m: &std::fs::Metadata) -> (i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (m.ctime(), m.ctime_nsec())
}

#[cfg(not(unix))]
fn changed(_: &std::fs::Metadata) -> (i64, i64) {
    (0, 0)
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, contents).with_context(|| format!("could not write {}", path.display()))
}

/// Write `contents` at `path` and return the file's stamp as it was left
/// (`None` where the system has no modification times). The stamp comes
/// from the open file, and the folder is made with one `mkdir` (most pages
/// are alone in a new folder of their own): a page costs one `mkdir` and one
/// `open`, with no other lookups of its path.
pub fn write_stamped(path: &Path, contents: &[u8]) -> Result<Option<FileStamp>> {
    use io::Write as _;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        match fs::create_dir(parent) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => create_dir_all(parent)?,
        }
    }
    let context = || format!("could not write {}", path.display());
    let mut file = fs::File::create(path).with_context(context)?;
    file.write_all(contents).with_context(context)?;
    Ok(file
        .metadata()
        .ok()
        .and_then(|m| FileStamp::from_metadata(&m)))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).with_context(|| format!("could not create folder {}", path.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("could not remove {}", path.display())),
    }
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .with_context(|| format!("could not move {} to {}", from.display(), to.display()))
}

pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .with_context(|| format!("could not copy {} to {}", from.display(), to.display()))
}

/// Put `from` at `to` as a hard link (no bytes copied), or as a copy where
/// links cannot be made (another disk); whatever was at `to` is replaced.
/// Only for files that never change once written, such as the picture
/// cache's: a link shares later changes with its source.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    // The link is tried first: into a fresh output folder (the common case)
    // it is the only call, where checking first would cost five more.
    match fs::hard_link(from, to) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if same_file(from, to) {
                return Ok(());
            }
            match fs::remove_file(to) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("could not replace {}", to.display()));
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = to.parent() {
                create_dir_all(parent)?;
            }
        }
        Err(_) => return copy(from, to),
    }
    fs::hard_link(from, to).or_else(|_| copy(from, to))
}

/// Whether two paths are one file (a hard link of it, or the same path).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Whether a folder exists and has at least one entry.
pub fn is_non_empty_dir(path: &Path) -> Result<bool> {
    match fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("could not list {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_or_copy_makes_folders_and_replaces_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("cache/480.webp");
        write(&from, b"made").unwrap();
        // Into a folder that does not exist yet.
        let to = dir.path().join("out/posts/knee/knee-480w.webp");
        link_or_copy(&from, &to).unwrap();
        assert_eq!(fs::read(&to).unwrap(), b"made");
        // Again over its own link: nothing to do.
        link_or_copy(&from, &to).unwrap();
        assert!(same_file(&from, &to) || cfg!(not(unix)));
        // Over another file: replaced by the link.
        let other = dir.path().join("out/old.webp");
        write(&other, b"old bytes").unwrap();
        link_or_copy(&from, &other).unwrap();
        assert_eq!(fs::read(&other).unwrap(), b"made");
        // A source that is gone is an error naming it.
        let gone = dir.path().join("cache/gone.webp");
        let e = link_or_copy(&gone, &dir.path().join("out/gone.webp")).unwrap_err();
        assert!(format!("{e:#}").starts_with(&format!("could not copy {}", gone.display())));
    }

    #[test]
    fn write_stamped_makes_missing_folders_and_stamps_what_it_left() {
        let dir = tempfile::tempdir().unwrap();
        for (rel, bytes) in [
            ("index.html", &b"home"[..]),
            ("posts/knee/index.html", b"one folder missing"),
            ("es/posts/rodilla/deep/index.html", b"several missing"),
            ("posts/knee/index.html", b"over itself, shorter"),
        ] {
            let path = dir.path().join(rel);
            let stamp = write_stamped(&path, bytes).unwrap();
            assert_eq!(fs::read(&path).unwrap(), bytes, "{rel}");
            assert_eq!(stamp, FileStamp::of(&path), "{rel}");
            assert_eq!(stamp.map(|s| s.size), Some(bytes.len() as u64));
        }
        // A file where a folder is needed: an error naming the page.
        let path = dir.path().join("index.html/inner.html");
        let e = write_stamped(&path, b"x").unwrap_err();
        assert!(format!("{e:#}").contains(&*dir.path().join("index.html").to_string_lossy()));
    }
}
