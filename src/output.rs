//! The output folder: refusing dangerous choices, building into a staging
//! folder beside it, and swapping that in only when the whole build worked.
//!
//! A failed or interrupted build leaves the previous output untouched; the
//! leftover staging folder is removed by the next run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::fsx;

/// The file that marks a folder as gait's output.
pub const MARKER: &str = ".gait-output";
const MARKER_TEXT: &str = "This folder is written by gait. Every build replaces all of it.\n";

/// Why an output folder was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: String,
}

/// Absolute, with `.` and `..` resolved as far as the folders exist.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(c) = abs.canonicalize() {
        return c;
    }
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => abs,
    }
}

/// Check that `output` may be replaced wholesale by a build of the site at `root`.
pub fn check(root: &Path, output: &Path) -> Result<(), Refusal> {
    let root = absolute(root);
    let out = absolute(output);
    let shown = output.display();
    if root.starts_with(&out) {
        return Err(Refusal {
            message: format!("the output folder {shown} contains the site itself"),
            help: "gait replaces the whole output folder; choose a folder of its own, like public/"
                .into(),
        });
    }
    for own in [
        "content",
        "themes",
        "templates",
        "static",
        "data",
        "site.yaml",
        ".git",
    ] {
        if out.starts_with(root.join(own)) {
            return Err(Refusal {
                message: format!("the output folder {shown} is inside the site's {own}"),
                help: "choose a folder of its own, like public/".into(),
            });
        }
    }
    if out.is_file() {
        return Err(Refusal {
            message: format!("the output {shown} is a file, not a folder"),
            help: "choose a folder, like public/".into(),
        });
    }
    if out.is_dir() && !out.join(MARKER).is_file() && fsx::is_non_empty_dir(&out).unwrap_or(true) {
        return Err(Refusal {
            message: format!("the output folder {shown} holds files that gait did not write"),
            help: "gait replaces the whole output folder; choose a new or empty folder, or move those files away first".into(),
        });
    }
    Ok(())
}

/// A folder beside the output that a build writes into.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.gait-{what}-{}", std::process::id()))
}

impl Staging {
    /// Create a fresh staging folder, removing any left by an interrupted run.
    pub fn create(output: &Path) -> Result<Staging> {
        let output = absolute(output);
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fsx::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.gait-");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    fsx::remove_dir_all(&e.path())?;
                }
            }
        }
        let dir = sibling(&output, "staging");
        fsx::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            output,
            committed: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Put the staged build in place of the output.
    pub fn commit(mut self) -> Result<()> {
        fsx::write(&self.dir.join(MARKER), MARKER_TEXT)?;
        let old = sibling(&self.output, "old");
        let had_output = self.output.exists();
        if had_output {
            fsx::rename(&self.output, &old)?;
        }
        if let Err(e) = fsx::rename(&self.dir, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e).context("the previous output was kept");
        }
        self.committed = true;
        if had_output {
            fsx::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        std::fs::create_dir_all(root.join("mine")).unwrap();
        std::fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        assert!(check(&root, &root).is_err());
        assert!(check(&root, tmp.path()).is_err(), "a parent of the site");
        assert!(check(&root, &root.join("content")).is_err());
        assert!(check(&root, &root.join("content/posts/out")).is_err());
        assert!(check(&root, &root.join("themes/clinic")).is_err());
        assert!(check(&root, &root.join(".")).is_err());
        let refusal = check(&root, &root.join("mine")).unwrap_err();
        assert!(
            refusal
                .message
                .ends_with("holds files that gait did not write")
        );
        assert!(check(&root, &root.join("public")).is_ok(), "a new folder");
        std::fs::create_dir_all(root.join("empty")).unwrap();
        assert!(check(&root, &root.join("empty")).is_ok());
        std::fs::write(root.join("mine").join(MARKER), "").unwrap();
        assert!(check(&root, &root.join("mine")).is_ok(), "marked as gait's");
    }

    #[test]
    fn staging_swaps_in_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        // A failed build: dropped without commit.
        let s = Staging::create(&out).unwrap();
        std::fs::write(s.path().join("new.html"), "new").unwrap();
        drop(s);
        assert!(out.join("old.html").exists());
        let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(leftovers, 1, "staging removed");
        // A good build.
        let s = Staging::create(&out).unwrap();
        std::fs::write(s.path().join("new.html"), "new").unwrap();
        s.commit().unwrap();
        assert!(out.join("new.html").exists());
        assert!(!out.join("old.html").exists());
        assert!(out.join(MARKER).exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
