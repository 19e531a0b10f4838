//! Finding and reading every content file of a site, in parallel.
//!
//! Collects each file's problems instead of stopping at the first, so one
//! build reports every broken file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::author::{self, AuthorDoc};
use super::clinic::{self, ClinicDoc};
use super::comments::{self, CommentsDoc};
use super::page::{self, PageDoc};
use super::post::{self, PostDoc};
use super::referrals::{self, Referral};
use crate::diag::{Diagnostic, Diagnostics};

/// Every content file, parsed on its own. Documents are shared (`Arc`) so
/// that a preview server can keep them between rebuilds.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub posts: Vec<Arc<PostDoc>>,
    pub authors: Vec<Arc<AuthorDoc>>,
    pub clinics: Vec<Arc<ClinicDoc>>,
    pub pages: Vec<Arc<PageDoc>>,
    pub comments: Vec<Arc<CommentsDoc>>,
    pub referrals: Vec<Referral>,
    /// Fingerprint of data/referrals.yaml.
    pub referrals_version: u64,
    /// Files that failed to parse (relative to the root): references to them
    /// are not reported again as unknown.
    pub broken: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Post,
    Author,
    Clinic,
    Page,
    Comments,
}

#[derive(Debug, Clone)]
enum Parsed {
    Post(Arc<PostDoc>),
    Author(Arc<AuthorDoc>),
    Clinic(Arc<ClinicDoc>),
    Page(Arc<PageDoc>),
    Comments(Arc<CommentsDoc>),
}

/// Files people's editors leave behind, never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// What a file looked like when it was last parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

type ParseResult = Result<Parsed, Vec<Diagnostic>>;

/// Reads content files, keeping what it parsed so that the next load only
/// re-reads files whose size or modification time changed.
#[derive(Debug, Default)]
pub struct Loader {
    cache: HashMap<PathBuf, (Stamp, Option<PathBuf>, ParseResult)>,
}

/// Read and parse everything under `<root>/content` once.
pub fn load(root: &Path) -> (Loaded, Diagnostics) {
    Loader::default().load(root)
}

impl Loader {
    /// Read and parse everything under `<root>/content` (and `data/referrals.yaml`).
    pub fn load(&mut self, root: &Path) -> (Loaded, Diagnostics) {
        let mut diags = Diagnostics::new();
        let content = root.join("content");
        let mut files: Vec<(Kind, PathBuf, Option<PathBuf>)> = Vec::new();
        files.extend(find_posts(&content.join("posts"), &mut diags));
        for (kind, dir, ext) in [
            (Kind::Author, "authors", "md"),
            (Kind::Clinic, "clinics", "md"),
            (Kind::Page, "pages", "md"),
            (Kind::Comments, "comments", "yaml"),
        ] {
            files.extend(
                flat_files(&content.join(dir), ext, &mut diags)
                    .into_iter()
                    .map(|p| (kind, p, None)),
            );
        }

        let stamped: Vec<(Kind, PathBuf, Option<PathBuf>, Option<Stamp>)> = files
            .into_par_iter()
            .map(|(k, p, b)| {
                let s = stamp(&p);
                (k, p, b, s)
            })
            .collect();
        let fresh: Vec<(PathBuf, Stamp, Option<PathBuf>, ParseResult)> = stamped
            .par_iter()
            .filter(|(_, path, bundle, st)| {
                !matches!((self.cache.get(path), st), (Some((old, old_bundle, _)), Some(st)) if old == st && old_bundle == bundle)
            })
            .map(|(kind, path, bundle, st)| {
                let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let result = read_text(path, &rel).and_then(|text| parse(*kind, &rel, &text, bundle.clone()));
                (path.clone(), st.unwrap_or(Stamp { modified: None, len: 0 }), bundle.clone(), result)
            })
            .collect();
        let present: std::collections::HashSet<&PathBuf> =
            stamped.iter().map(|(_, p, _, _)| p).collect();
        self.cache.retain(|p, _| present.contains(p));
        for (path, st, bundle, result) in fresh {
            self.cache.insert(path, (st, bundle, result));
        }

        let mut loaded = Loaded::default();
        for (_, path, _, _) in &stamped {
            let Some((_, _, result)) = self.cache.get(path) else {
                continue;
            };
            match result {
                Ok(Parsed::Post(p)) => loaded.posts.push(p.clone()),
                Ok(Parsed::Author(a)) => loaded.authors.push(a.clone()),
                Ok(Parsed::Clinic(c)) => loaded.clinics.push(c.clone()),
                Ok(Parsed::Page(p)) => loaded.pages.push(p.clone()),
                Ok(Parsed::Comments(c)) => loaded.comments.push(c.clone()),
                Err(ds) => {
                    loaded
                        .broken
                        .push(path.strip_prefix(root).unwrap_or(path).to_path_buf());
                    diags.extend(ds.iter().cloned());
                }
            }
        }
        loaded.referrals_version = crate::fingerprint::of(&std::fs::read(root.join(referrals::FILE)).unwrap_or_default());
        match referrals::load(root) {
            Ok(r) => loaded.referrals = r,
            Err(ds) => diags.extend(ds),
        }
        diags.relativize(root);
        (loaded, diags)
    }
}

fn parse(kind: Kind, rel: &Path, text: &str, bundle: Option<PathBuf>) -> ParseResult {
    Ok(match kind {
        Kind::Post => Parsed::Post(Arc::new(post::parse(rel, text, bundle)?)),
        Kind::Author => Parsed::Author(Arc::new(author::parse(rel, text)?)),
        Kind::Clinic => Parsed::Clinic(Arc::new(clinic::parse(rel, text)?)),
        Kind::Page => Parsed::Page(Arc::new(page::parse(rel, text)?)),
        Kind::Comments => Parsed::Comments(Arc::new(comments::parse(rel, text)?)),
    })
}

fn read_text(path: &Path, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Diagnostic::error(
            rel,
            format!("could not read the file: {e}"),
        )]
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
        vec![
            Diagnostic::error(rel, "the file is not UTF-8 text")
                .at_line(Some(line))
                .with_help(
                    "save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
                ),
        ]
    })
}

/// `posts/<slug>.md` and `posts/<slug>/index.md`, at any depth.
fn find_posts(dir: &Path, diags: &mut Diagnostics) -> Vec<(Kind, PathBuf, Option<PathBuf>)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::warning(
                    e.path().unwrap_or(dir).to_path_buf(),
                    format!("skipped: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let parent = path.parent().unwrap_or(dir);
        if path.file_name().is_some_and(|n| n == "index.md") && parent != dir {
            out.push((Kind::Post, path.to_path_buf(), Some(parent.to_path_buf())));
        } else if parent != dir && parent.join("index.md").is_file() {
            // A Markdown file inside a post's folder is one of its assets, not a post.
            continue;
        } else {
            out.push((Kind::Post, path.to_path_buf(), None));
        }
    }
    out
}

fn flat_files(dir: &Path, ext: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored_name(&name) || !path.is_file() {
            continue;
        }
        if path
            .extension()
            .is_some_and(|e| e == ext || (ext == "yaml" && e == "yml"))
        {
            out.push(path);
        } else {
            diags.push(Diagnostic::warning(
                path.clone(),
                format!("ignored: only .{ext} files are read in this folder"),
            ));
        }
    }
    out.sort();
    out
}
