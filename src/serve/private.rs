//! The preview's private output folder: made in the system's temporary
//! folder, held by a lock for as long as the preview runs, and removed when
//! it stops. A preview that ended without stopping (killed, a crash, the
//! computer turned off) cannot remove its own folder, which holds a whole
//! built site; its lock went with it, so the next preview to start removes
//! the folder.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The start of every preview folder's name.
const PREFIX: &str = "gait-serve-";
/// The file in a preview folder that its preview keeps locked.
const LOCK: &str = ".gait-preview.lock";

/// A preview's folder, removed when dropped.
pub struct PrivateDir {
    dir: tempfile::TempDir,
    /// Held while the preview runs; the system releases it however the
    /// process ends.
    _lock: File,
}

impl PrivateDir {
    /// Remove the folders of previews that are gone, then make and lock a
    /// new folder in the system's temporary folder.
    pub fn create() -> Result<PrivateDir> {
        PrivateDir::create_in(&std::env::temp_dir())
    }

    pub fn create_in(parent: &Path) -> Result<PrivateDir> {
        sweep(parent);
        let dir = tempfile::Builder::new()
            .prefix(PREFIX)
            .tempdir_in(parent)
            .context("could not create the preview folder")?;
        // Locked under another name first, so that no other preview sees
        // the lock file before it is held.
        let pending = dir.path().join(".gait-preview.lock.new");
        let lock = File::create(&pending)
            .and_then(|f| f.lock().map(|()| f))
            .and_then(|f| std::fs::rename(&pending, dir.path().join(LOCK)).map(|()| f))
            .with_context(|| {
                format!("could not lock the preview folder {}", dir.path().display())
            })?;
        Ok(PrivateDir { dir, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// The preview folders in `parent` whose preview has ended: each has a lock
/// file that nobody holds. A folder without one (being made right now, or
/// left by a gait from before these locks) is left alone.
pub fn abandoned(parent: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREFIX))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|dir| File::open(dir.join(LOCK)).is_ok_and(|f| f.try_lock().is_ok()))
        .collect()
}

/// Remove the folders of previews that have ended. Best effort: a folder
/// that cannot be removed now is tried again by the next preview.
fn sweep(parent: &Path) {
    for dir in abandoned(parent) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_folder_is_kept_and_a_released_one_is_removed_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let first = PrivateDir::create_in(tmp.path()).unwrap();
        let first_path = first.path().to_path_buf();
        std::fs::write(first_path.join("index.html"), "page").unwrap();
        // Left by an older gait, without a lock file: never touched.
        let unlocked = tmp.path().join("gait-serve-old");
        std::fs::create_dir(&unlocked).unwrap();
        // Not a preview folder at all.
        let other = tmp.path().join("other-folder");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join(LOCK), "").unwrap();

        let second = PrivateDir::create_in(tmp.path()).unwrap();
        assert!(
            first_path.join("index.html").is_file(),
            "a live preview's folder stays"
        );
        assert!(abandoned(tmp.path()).is_empty());

        // A preview that ends without removing its folder (as when killed):
        // the lock is released with the file, the folder stays behind.
        let PrivateDir { dir, _lock } = first;
        let kept = dir.keep();
        drop(_lock);
        assert_eq!(abandoned(tmp.path()), vec![kept.clone()]);

        let third = PrivateDir::create_in(tmp.path()).unwrap();
        assert!(!kept.exists(), "the abandoned folder is removed");
        assert!(second.path().is_dir() && third.path().is_dir());
        assert!(unlocked.is_dir() && other.join(LOCK).is_file());
        let second_path = second.path().to_path_buf();
        drop(second);
        assert!(
            !second_path.exists(),
            "a preview that stops removes its folder"
        );
    }
}
