//! Finding and reading every content file of a site, in parallel.
//!
//! Collects each file's problems instead of stopping at the first, so one
//! build reports every broken file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

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
    /// The problems of posts and pages that failed to parse but say
    /// `draft: true`: errors when drafts are built, warnings otherwise.
    pub draft_diags: Vec<Diagnostic>,
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

type ParseResult = Result<Parsed, Broken>;

/// A file that could not be read or parsed.
#[derive(Debug, Clone)]
struct Broken {
    diags: Vec<Diagnostic>,
    /// It says `draft: true`: a normal build leaves it out with warnings.
    draft: bool,
}

/// One content file of the last load and what it held.
#[derive(Debug, Clone)]
struct Entry {
    kind: Kind,
    path: PathBuf,
    /// The post's folder, for a post that is a folder.
    bundle: Option<PathBuf>,
    stamp: Option<Stamp>,
    result: ParseResult,
}

/// Reads content files, keeping what it parsed so that the next load only
/// re-reads files whose size or modification time changed.
#[derive(Debug, Default)]
pub struct Loader {
    /// The files of the last load, in scan order.
    entries: Vec<Entry>,
    /// Where each file is in `entries`.
    index: foldhash::HashMap<PathBuf, usize>,
    /// What the last full scan reported; `None` before the first scan.
    scan_diags: Option<Diagnostics>,
}

/// A content file found by a scan: its kind, path, and post folder if any.
type Listed = (Kind, PathBuf, Option<PathBuf>);

impl Loader {
    /// Read and parse everything under `<root>/content` (and
    /// `data/referrals.yaml`), told which files changed since the last load
    /// (by a file watcher), if known. When every changed content file is one that the
    /// last scan found and it still exists, the folders are not scanned again
    /// and only those files are looked at; otherwise everything is scanned.
    pub fn load_hinted(
        &mut self,
        root: &Path,
        changed: Option<&[PathBuf]>,
    ) -> (Loaded, Diagnostics) {
        let content = root.join("content");
        let known: Option<Vec<usize>> = match (changed, &self.scan_diags) {
            (Some(paths), Some(_)) => paths
                .iter()
                .filter(|p| p.starts_with(&content))
                .map(|p| self.index.get(p).copied().filter(|_| p.is_file()))
                .collect(),
            _ => None,
        };
        match known {
            Some(positions) => {
                for i in positions {
                    self.refresh(root, i);
                }
            }
            None => {
                let (files, diags) = scan(root);
                self.rescan(root, files);
                self.scan_diags = Some(diags);
            }
        }
        let mut diags = self.scan_diags.clone().unwrap_or_default();
        let loaded = self.collect(root, &mut diags);
        (loaded, diags)
    }

    /// Read entry `i` again if its file changed.
    fn refresh(&mut self, root: &Path, i: usize) {
        let e = &self.entries[i];
        let now = stamp(&e.path);
        if now.is_some() && now == e.stamp {
            return;
        }
        let result = read_and_parse(root, e.kind, &e.path, e.bundle.clone());
        let e = &mut self.entries[i];
        e.stamp = now;
        e.result = result;
    }

    /// Take the files of a full scan: keep what is unchanged, parse what is
    /// new or changed, and forget files that are gone.
    fn rescan(&mut self, root: &Path, files: Vec<Listed>) {
        let old_entries = &self.entries;
        let old_index = &self.index;
        let entries: Vec<Entry> = files
            .into_par_iter()
            .map(|(kind, path, bundle)| {
                let now = stamp(&path);
                let old = old_index.get(&path).map(|&i| &old_entries[i]);
                match old {
                    Some(old)
                        if now.is_some()
                            && old.stamp == now
                            && old.bundle == bundle
                            && old.kind == kind =>
                    {
                        old.clone()
                    }
                    _ => {
                        let result = read_and_parse(root, kind, &path, bundle.clone());
                        Entry {
                            kind,
                            path,
                            bundle,
                            stamp: now,
                            result,
                        }
                    }
                }
            })
            .collect();
        self.index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.path.clone(), i))
            .collect();
        self.entries = entries;
    }

    /// The parsed documents, in scan order.
    fn collect(&self, root: &Path, diags: &mut Diagnostics) -> Loaded {
        let mut loaded = Loaded::default();
        for e in &self.entries {
            match &e.result {
                Ok(Parsed::Post(p)) => loaded.posts.push(p.clone()),
                Ok(Parsed::Author(a)) => loaded.authors.push(a.clone()),
                Ok(Parsed::Clinic(c)) => loaded.clinics.push(c.clone()),
                Ok(Parsed::Page(p)) => loaded.pages.push(p.clone()),
                Ok(Parsed::Comments(c)) => loaded.comments.push(c.clone()),
                Err(broken) => {
                    loaded
                        .broken
                        .push(e.path.strip_prefix(root).unwrap_or(&e.path).to_path_buf());
                    match broken.draft {
                        true => loaded.draft_diags.extend(broken.diags.iter().cloned()),
                        false => diags.extend(broken.diags.iter().cloned()),
                    }
                }
            }
        }
        loaded.referrals_version =
            crate::fingerprint::of(&std::fs::read(root.join(referrals::FILE)).unwrap_or_default());
        match referrals::load(root) {
            Ok(r) => loaded.referrals = r,
            Err(ds) => diags.extend(ds),
        }
        diags.relativize(root);
        loaded
    }
}

/// Find every content file under `<root>/content`.
fn scan(root: &Path) -> (Vec<Listed>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = root.join("content");
    let mut files: Vec<(Kind, PathBuf, Option<PathBuf>)> = Vec::new();
    files.extend(find_posts(root, &content.join("posts"), &mut diags));
    for (kind, dir, ext) in [
        (Kind::Author, "authors", "md"),
        (Kind::Clinic, "clinics", "md"),
        (Kind::Page, "pages", "md"),
        (Kind::Comments, "comments", "yaml"),
    ] {
        files.extend(
            flat_files(root, &content.join(dir), ext, &mut diags)
                .into_iter()
                .map(|p| (kind, p, None)),
        );
    }

    (files, diags)
}

fn read_and_parse(root: &Path, kind: Kind, path: &Path, bundle: Option<PathBuf>) -> ParseResult {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let text = read_text(path, rel).map_err(|diags| Broken {
        diags,
        draft: false,
    })?;
    parse(kind, rel, &text, bundle).map_err(|diags| Broken {
        diags,
        draft: matches!(kind, Kind::Post | Kind::Page) && crate::frontmatter::says_draft(&text),
    })
}

fn parse(
    kind: Kind,
    rel: &Path,
    text: &str,
    bundle: Option<PathBuf>,
) -> Result<Parsed, Vec<Diagnostic>> {
    Ok(match kind {
        Kind::Post => Parsed::Post(Arc::new(post::parse(rel, text, bundle)?)),
        Kind::Author => Parsed::Author(Arc::new(author::parse(rel, text)?)),
        Kind::Clinic => Parsed::Clinic(Arc::new(clinic::parse(rel, text)?)),
        Kind::Page => Parsed::Page(Arc::new(page::parse(rel, text)?)),
        Kind::Comments => Parsed::Comments(Arc::new(comments::parse(rel, text)?)),
    })
}

/// A text file of the site (at most [`crate::safe_path::MAX_CONTENT_BYTES`]),
/// as UTF-8 with normalized line ends; `rel` names it in errors.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = crate::safe_path::read_limited(path, rel).map_err(|d| vec![d])?;
    String::from_utf8(bytes)
        .map(crate::frontmatter::normalize_line_ends)
        .map_err(|e| {
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

/// `posts/<slug>.md` and `posts/<slug>/index.md`, at any depth. Links are
/// followed only to files inside the site (see [`crate::safe_path`]).
fn find_posts(
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<(Kind, PathBuf, Option<PathBuf>)> {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let found = crate::safe_path::files_under(dir, root, &is_ignored_name, &mut warnings);
    diags.extend(warnings);
    for (_, path) in &found {
        let path = path.as_path();
        if path.extension().is_none_or(|e| e != "md") {
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

fn flat_files(root: &Path, dir: &Path, ext: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored_name(&name) {
            continue;
        }
        // A link is read only when it leads to a file inside the site.
        let is_file = match entry.file_type() {
            Ok(t) if t.is_symlink() => {
                let link = crate::safe_path::follow(&path, root);
                diags.extend(crate::safe_path::link_warning(&path, root, &link));
                link == crate::safe_path::Link::File
            }
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if !is_file {
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
