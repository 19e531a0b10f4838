//! Finding and reading every content file of a site, in parallel.
//!
//! Collects each file's problems instead of stopping at the first, so one
//! build reports every broken file.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::author::{self, AuthorDoc};
use super::clinic::{self, ClinicDoc};
use super::comments::{self, CommentsDoc};
use super::page::{self, PageDoc};
use super::post::{self, PostDoc};
use super::referrals::{self, Referral};
use crate::diag::{Diagnostic, Diagnostics};

/// Every content file, parsed on its own.
#[derive(Debug, Default)]
pub struct Loaded {
    pub posts: Vec<PostDoc>,
    pub authors: Vec<AuthorDoc>,
    pub clinics: Vec<ClinicDoc>,
    pub pages: Vec<PageDoc>,
    pub comments: Vec<CommentsDoc>,
    pub referrals: Vec<Referral>,
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

enum Parsed {
    Post(PostDoc),
    Author(AuthorDoc),
    Clinic(ClinicDoc),
    Page(PageDoc),
    Comments(CommentsDoc),
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

/// Read and parse everything under `<root>/content`.
pub fn load(root: &Path) -> (Loaded, Diagnostics) {
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

    let results: Vec<Result<Parsed, (PathBuf, Vec<Diagnostic>)>> = files
        .into_par_iter()
        .map(|(kind, path, bundle)| {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let text = read_text(&path, &rel).map_err(|ds| (rel.clone(), ds))?;
            let parsed = || -> Result<Parsed, Vec<Diagnostic>> {
                Ok(match kind {
                    Kind::Post => Parsed::Post(post::parse(&rel, &text, bundle)?),
                    Kind::Author => Parsed::Author(author::parse(&rel, &text)?),
                    Kind::Clinic => Parsed::Clinic(clinic::parse(&rel, &text)?),
                    Kind::Page => Parsed::Page(page::parse(&rel, &text)?),
                    Kind::Comments => Parsed::Comments(comments::parse(&rel, &text)?),
                })
            };
            parsed().map_err(|ds| (rel, ds))
        })
        .collect();

    let mut loaded = Loaded::default();
    for r in results {
        match r {
            Ok(Parsed::Post(p)) => loaded.posts.push(p),
            Ok(Parsed::Author(a)) => loaded.authors.push(a),
            Ok(Parsed::Clinic(c)) => loaded.clinics.push(c),
            Ok(Parsed::Page(p)) => loaded.pages.push(p),
            Ok(Parsed::Comments(c)) => loaded.comments.push(c),
            Err((file, ds)) => {
                loaded.broken.push(file);
                diags.extend(ds);
            }
        }
    }
    match referrals::load(root) {
        Ok(r) => loaded.referrals = r,
        Err(ds) => diags.extend(ds),
    }
    diags.relativize(root);
    (loaded, diags)
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
