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
use super::scan::{Kind, Listed, scan};
use super::translated::{self, AuthorText, ClinicText};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{Lang, Languages};

/// Every content file, parsed on its own. Documents are shared (`Arc`) so
/// that a preview server can keep them between rebuilds.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub posts: Vec<Arc<PostDoc>>,
    pub authors: Vec<Arc<AuthorDoc>>,
    pub clinics: Vec<Arc<ClinicDoc>>,
    pub pages: Vec<Arc<PageDoc>>,
    pub comments: Vec<Arc<CommentsDoc>>,
    /// Authors' and clinics' pages in other languages.
    pub author_texts: Vec<Arc<AuthorText>>,
    pub clinic_texts: Vec<Arc<ClinicText>>,
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

#[derive(Debug, Clone)]
enum Parsed {
    Post(Arc<PostDoc>),
    Author(Arc<AuthorDoc>),
    Clinic(Arc<ClinicDoc>),
    Page(Arc<PageDoc>),
    Comments(Arc<CommentsDoc>),
    AuthorText(Arc<AuthorText>),
    ClinicText(Arc<ClinicText>),
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
    file: Listed,
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
    /// The site's languages at the last load: files are read again when they change.
    langs: Option<Languages>,
    /// Let go of each post's Markdown once its front matter is parsed
    /// ([`PostDoc::set_text_aside`]): a single build reads it again when it
    /// renders it, so that memory does not grow with the posts' text.
    texts_aside: bool,
}

impl Loader {
    /// Let go of every document of the last load (a single build keeps
    /// none for a next one), so that they are freed with the site.
    pub fn forget(&mut self) {
        *self = Loader {
            texts_aside: self.texts_aside,
            ..Loader::default()
        };
    }

    /// A loader for a single build: it keeps no post's Markdown.
    pub fn setting_texts_aside() -> Loader {
        Loader {
            texts_aside: true,
            ..Loader::default()
        }
    }

    /// Read and parse everything under `<root>/content` (and
    /// `data/referrals.yaml`), told which files changed since the last load
    /// (by a file watcher), if known. When every changed content file is one that the
    /// last scan found and it still exists, the folders are not scanned again
    /// and only those files are looked at; otherwise everything is scanned.
    pub fn load_hinted(
        &mut self,
        root: &Path,
        changed: Option<&[PathBuf]>,
        langs: &Languages,
    ) -> (Loaded, Diagnostics) {
        if self.langs.as_ref() != Some(langs) {
            *self = Loader {
                langs: Some(langs.clone()),
                texts_aside: self.texts_aside,
                ..Loader::default()
            };
        }
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
                let (files, diags) = scan(root, langs);
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
        let now = stamp(&e.file.path);
        if now.is_some() && now == e.stamp {
            return;
        }
        let result = read_and_parse(root, &e.file, self.texts_aside);
        let e = &mut self.entries[i];
        e.stamp = now;
        e.result = result;
    }

    /// Take the files of a full scan: keep what is unchanged, parse what is
    /// new or changed, and forget files that are gone.
    fn rescan(&mut self, root: &Path, files: Vec<Listed>) {
        let old_entries = &self.entries;
        let old_index = &self.index;
        let aside = self.texts_aside;
        let entries: Vec<Entry> = files
            .into_par_iter()
            .map(|file| {
                let now = stamp(&file.path);
                let old = old_index.get(&file.path).map(|&i| &old_entries[i]);
                match old {
                    Some(old) if now.is_some() && old.stamp == now && old.file == file => {
                        old.clone()
                    }
                    _ => {
                        let result = read_and_parse(root, &file, aside);
                        Entry {
                            file,
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
            .map(|(i, e)| (e.file.path.clone(), i))
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
                Ok(Parsed::AuthorText(a)) => loaded.author_texts.push(a.clone()),
                Ok(Parsed::ClinicText(c)) => loaded.clinic_texts.push(c.clone()),
                Err(broken) => {
                    let path = &e.file.path;
                    loaded
                        .broken
                        .push(path.strip_prefix(root).unwrap_or(path).to_path_buf());
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

fn read_and_parse(root: &Path, file: &Listed, texts_aside: bool) -> ParseResult {
    let rel = file.path.strip_prefix(root).unwrap_or(&file.path);
    let text = read_text(&file.path, rel).map_err(|diags| Broken {
        diags,
        draft: false,
    })?;
    let mut parsed = parse(file, rel, &text).map_err(|diags| Broken {
        diags,
        draft: matches!(file.kind, Kind::Post | Kind::Page)
            && crate::frontmatter::says_draft(&text),
    })?;
    if let (true, Parsed::Post(post)) = (texts_aside, &mut parsed)
        && let Some(post) = Arc::get_mut(post)
    {
        post.set_text_aside(&file.path, &text);
    }
    Ok(parsed)
}

fn parse(file: &Listed, rel: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let (lang, name) = (file.lang, file.name.clone());
    let slug = || crate::slug::slugify(&file.name);
    let translation = lang != Lang::DEFAULT;
    Ok(match file.kind {
        Kind::Post => Parsed::Post(Arc::new(post::parse_in(
            rel,
            text,
            file.bundle.clone(),
            lang,
            name,
        )?)),
        Kind::Author if translation => {
            Parsed::AuthorText(Arc::new(translated::parse_author(rel, text, lang, slug())?))
        }
        Kind::Clinic if translation => {
            Parsed::ClinicText(Arc::new(translated::parse_clinic(rel, text, lang, slug())?))
        }
        Kind::Author => Parsed::Author(Arc::new(author::parse(rel, text)?)),
        Kind::Clinic => Parsed::Clinic(Arc::new(clinic::parse(rel, text)?)),
        Kind::Page => Parsed::Page(Arc::new(page::parse_in(rel, text, lang, slug())?)),
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
