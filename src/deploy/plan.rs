//! What a deploy must do: compare the build with what the target holds (the
//! manifest's hashes, and the sizes of the files actually there), and list
//! the uploads (files before pages) and the deletes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::manifest::{Entry, Manifest};
use super::meta::is_page;

/// A file of the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Relative to the output folder, with `/`.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// Why a file goes up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    New,
    Changed,
    /// The manifest has it, but the target does not (or not at that size).
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub size: u64,
    pub why: Why,
}

/// The uploads (every file first, then the pages) and the deletes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub files: Vec<Upload>,
    pub pages: Vec<Upload>,
    /// Files gait published before that the build no longer has.
    pub deletes: Vec<String>,
    pub unchanged: usize,
    /// Files at the target that gait did not publish: left alone.
    pub foreign: usize,
}

impl Plan {
    pub fn uploads(&self) -> impl Iterator<Item = &Upload> {
        self.files.iter().chain(&self.pages)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.pages.is_empty() && self.deletes.is_empty()
    }

    pub fn upload_bytes(&self) -> u64 {
        self.uploads().map(|u| u.size).sum()
    }

    /// The plan as `--dry-run` prints it: a line per upload and delete.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for u in self.uploads() {
            let why = match u.why {
                Why::New => "new",
                Why::Changed => "changed",
                Why::Missing => "missing",
            };
            let _ = writeln!(out, "upload {} ({why}, {} bytes)", u.path, u.size);
        }
        for d in &self.deletes {
            let _ = writeln!(out, "delete {d}");
        }
        out
    }
}

/// Compare the build with the target's manifest and listing (path → size).
pub fn plan(local: &[LocalFile], manifest: &Manifest, listing: &BTreeMap<String, u64>) -> Plan {
    let mut plan = Plan::default();
    for f in local {
        let published = manifest.files.get(&f.path);
        let why = match (published, listing.get(&f.path)) {
            (None, _) => Some(Why::New),
            (Some(Entry { sha256, .. }), _) if *sha256 != f.sha256 => Some(Why::Changed),
            (Some(_), Some(&size)) if size == f.size => None,
            (Some(_), _) => Some(Why::Missing),
        };
        let Some(why) = why else {
            plan.unchanged += 1;
            continue;
        };
        let upload = Upload {
            path: f.path.clone(),
            size: f.size,
            why,
        };
        match is_page(&f.path) {
            true => plan.pages.push(upload),
            false => plan.files.push(upload),
        }
    }
    let built: BTreeSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    plan.deletes = manifest
        .files
        .keys()
        .filter(|p| !built.contains(p.as_str()) && listing.contains_key(p.as_str()))
        .cloned()
        .collect();
    plan.foreign = listing
        .keys()
        .filter(|p| !built.contains(p.as_str()) && !manifest.files.contains_key(p.as_str()))
        .count();
    plan
}

/// The manifest after a deploy: the build's files that went up, with their
/// new hashes; the others as `old` had them (a failed upload keeps its old
/// entry, or none, so the next deploy tries it again); and of the files the
/// build no longer has, only those whose delete failed.
pub fn updated_manifest(
    old: &Manifest,
    local: &[LocalFile],
    plan: &Plan,
    uploaded: &BTreeSet<String>,
    deleted: &BTreeSet<String>,
) -> Manifest {
    let mut m = Manifest::new();
    for f in local {
        let entry = match uploaded.contains(&f.path) {
            true => Some(Entry {
                size: f.size,
                sha256: f.sha256.clone(),
            }),
            false => old.files.get(&f.path).cloned(),
        };
        if let Some(e) = entry {
            m.files.insert(f.path.clone(), e);
        }
    }
    for d in plan.deletes.iter().filter(|d| !deleted.contains(*d)) {
        if let Some(e) = old.files.get(d) {
            m.files.insert(d.clone(), e.clone());
        }
    }
    m
}

#[cfg(test)]
mod tests;
