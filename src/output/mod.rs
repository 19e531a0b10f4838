//! The output folder: refusing dangerous choices, building into a staging
//! folder beside it, and swapping that in only when the whole build worked.
//!
//! A failed or interrupted build leaves the previous output untouched; the
//! leftover staging folder is removed by the next run.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use crate::fsx::{self, FileStamp};
use crate::sink::{DirSink, Sink};
use crate::theme::StaticSource;

mod contents;

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
    // The nearest part of the path that exists must be a folder to build in.
    if let Some(blocker) = out
        .ancestors()
        .skip(1)
        .find(|a| a.symlink_metadata().is_ok())
        && !blocker.is_dir()
    {
        return Err(Refusal {
            message: format!(
                "the output folder {shown} cannot be made: {} is a file, not a folder",
                blocker.display()
            ),
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
///
/// Deleting thousands of files is slow on many disks, so the previous output
/// is not deleted: it is kept beside the new one as a *spare*
/// (`.public.gait-spare`) and the next build writes into it, rewriting only
/// files whose content changed and removing only files that no longer exist.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
    /// What `dir` held before this build, when it holds an earlier build
    /// whose record was found ([`contents`]); else it is walked when pruned.
    old: Option<contents::Contents>,
    /// The stamps of the files the folder held, from the same record.
    old_stamps: contents::Stamps,
    /// The stamps of what this build wrote (or found written).
    stamps: Mutex<contents::Stamps>,
    sink: DirSink,
    /// Whether `dir` holds an earlier build (else it started empty).
    recycled: bool,
}

/// `.public.gait-<what>` beside the output.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.gait-{what}"))
}

impl Staging {
    /// Take the spare (or a folder left by an interrupted run) as the staging
    /// folder, or start an empty one.
    pub fn create(output: &Path) -> Result<Staging> {
        let output = absolute(output);
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fsx::create_dir_all(&parent)?;
        let spare = sibling(&output, "spare");
        let store = sibling(&output, "files");
        let dir = sibling(&output, &format!("staging-{}", std::process::id()));
        let prefix = sibling(&output, "")
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut leftovers: Vec<PathBuf> = std::fs::read_dir(&parent)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                    .map(|e| e.path())
                    .filter(|p| *p != spare && *p != store)
                    .collect()
            })
            .unwrap_or_default();
        // Only real folders are reused: a file or a link with one of these
        // names (debris, or planted) is removed, never written through.
        let is_real_dir = contents::is_real_dir;
        leftovers.retain(|p| is_real_dir(p) || std::fs::remove_file(p).is_err());
        leftovers.sort();
        if spare.symlink_metadata().is_ok() && !is_real_dir(&spare) {
            std::fs::remove_file(&spare)
                .with_context(|| format!("could not remove {}", spare.display()))?;
        }
        let reuse = if is_real_dir(&spare) {
            Some(spare)
        } else {
            leftovers.pop()
        };
        let recycled = reuse.is_some();
        let (old, old_stamps) = match reuse.as_deref().and_then(|r| contents::recall(&store, r)) {
            Some((old, stamps)) => (Some(old), stamps),
            None => (None, contents::Stamps::default()),
        };
        match reuse {
            Some(old) if old == dir => {}
            Some(old) => fsx::rename(&old, &dir)?,
            None => fsx::create_dir_all(&dir)?,
        }
        for stale in leftovers.iter().filter(|p| **p != dir && is_real_dir(p)) {
            fsx::remove_dir_all(stale)?;
        }
        Ok(Staging {
            sink: DirSink(dir.clone()),
            dir,
            output,
            committed: false,
            old,
            old_stamps,
            stamps: Mutex::default(),
            recycled,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Remove every file of the staging folder that is not in `keep` (paths
    /// relative to it): what an earlier build wrote for pages that are gone,
    /// and the folders left empty.
    pub fn prune(&mut self, keep: &[PathBuf]) -> Result<()> {
        // A folder that started empty holds only what this build wrote.
        if !self.recycled {
            return Ok(());
        }
        let old = match self.old.take() {
            Some(old) => old,
            None => contents::walk(&self.dir),
        };
        let kept: contents::Names = keep.iter().map(|k| contents::name(k)).collect();
        let needed: contents::Names = keep
            .iter()
            .flat_map(|k| k.ancestors().skip(1))
            .map(contents::name)
            .collect();
        for rel in &old.files {
            let name = contents::name(rel);
            // A file this build replaced by a folder it needs stays.
            if kept.contains(name) || needed.contains(name) || rel == Path::new(MARKER) {
                continue;
            }
            let path = self.dir.join(rel);
            if let Err(e) = std::fs::remove_file(&path) {
                // Gone already, or below a folder this build replaced by a file.
                let still_a_file = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
                if still_a_file {
                    return Err(e).with_context(|| format!("could not remove {}", path.display()));
                }
            }
        }
        let mut gone: Vec<&PathBuf> = old
            .dirs
            .iter()
            .filter(|d| !needed.contains(contents::name(d)))
            .collect();
        // Deepest first; fails harmlessly on a folder that is not empty.
        gone.sort_unstable_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in gone {
            let _ = std::fs::remove_dir(self.dir.join(d));
        }
        Ok(())
    }

    /// Put the staged build, whose files are `kept`, in place of the output;
    /// the old output becomes the spare.
    pub fn commit(mut self, kept: &[PathBuf]) -> Result<()> {
        fsx::write(&self.dir.join(MARKER), MARKER_TEXT)?;
        let mut files = kept.to_vec();
        files.push(PathBuf::from(MARKER));
        let stamps = std::mem::take(&mut *self.stamps.lock().unwrap_or_else(|e| e.into_inner()));
        contents::remember(&sibling(&self.output, "files"), &self.dir, &files, &stamps);
        let spare = sibling(&self.output, "spare");
        let had_output = self.output.exists();
        if had_output {
            fsx::rename(&self.output, &spare)?;
        }
        if let Err(e) = fsx::rename(&self.dir, &self.output) {
            if had_output {
                let _ = std::fs::rename(&spare, &self.output);
            }
            return Err(e).context("the previous output was kept");
        }
        self.committed = true;
        contents::tidy(&sibling(&self.output, "files"), &[&self.output, &spare]);
        Ok(())
    }
}

/// Writes into the staging folder, skipping a file whose stamp from the
/// folder's record shows that it already holds the bytes, and stamping
/// what it writes for the next build.
impl Sink for Staging {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let key = contents::key(rel);
        let hash = contents::hash(bytes);
        let path = self.dir.join(rel);
        let written = |file: Option<FileStamp>| file.map(|file| contents::Stamp { file, hash });
        let stamp = match self.old_stamps.get(&key) {
            Some(old) if old.still(&path) => {
                if old.hash != hash || old.file.size != bytes.len() as u64 {
                    written(self.sink.put(rel, bytes)?)
                } else {
                    Some(*old)
                }
            }
            // Nothing can be in the way in a folder that started empty.
            _ if !self.recycled => written(self.sink.put(rel, bytes)?),
            _ => written(self.sink.write_stamped(rel, bytes)?),
        };
        if let Some(stamp) = stamp {
            let mut stamps = self.stamps.lock().unwrap_or_else(|e| e.into_inner());
            stamps.insert(key, stamp);
        }
        Ok(())
    }
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        self.sink.copy(rel, source)
    }
    fn link(&self, rel: &Path, file: &Path) -> Result<()> {
        self.sink.link(rel, file)
    }
}

impl Drop for Staging {
    /// A failed build keeps its folder as the spare for the next one.
    fn drop(&mut self) {
        if !self.committed {
            let spare = sibling(&self.output, "spare");
            if spare.exists() || std::fs::rename(&self.dir, &spare).is_err() {
                let _ = std::fs::remove_dir_all(&self.dir);
            }
        }
    }
}

#[cfg(test)]
mod tests;
