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
use super::translated::{self, AuthorText, ClinicText};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{FileLang, Lang, Languages};

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

type ParseResult = Result<Parsed, Vec<Diagnostic>>;

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
}

/// A content file found by a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    kind: Kind,
    path: PathBuf,
    /// The post's folder, for a post that is a folder.
    bundle: Option<PathBuf>,
    /// The language its name gives.
    lang: Lang,
    /// Its name without the language: `x` for `x.es.md` and `x/index.md`.
    name: String,
}

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
        langs: &Languages,
    ) -> (Loaded, Diagnostics) {
        if self.langs.as_ref() != Some(langs) {
            *self = Loader {
                langs: Some(langs.clone()),
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
        let result = read_and_parse(root, &e.file);
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
            .map(|file| {
                let now = stamp(&file.path);
                let old = old_index.get(&file.path).map(|&i| &old_entries[i]);
                match old {
                    Some(old) if now.is_some() && old.stamp == now && old.file == file => {
                        old.clone()
                    }
                    _ => {
                        let result = read_and_parse(root, &file);
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
                Err(ds) => {
                    let path = &e.file.path;
                    loaded
                        .broken
                        .push(path.strip_prefix(root).unwrap_or(path).to_path_buf());
                    diags.extend(ds.iter().cloned());
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
fn scan(root: &Path, langs: &Languages) -> (Vec<Listed>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = root.join("content");
    let mut files: Vec<Listed> = find_posts(root, &content.join("posts"), langs, &mut diags);
    for (kind, dir, ext) in [
        (Kind::Author, "authors", "md"),
        (Kind::Clinic, "clinics", "md"),
        (Kind::Page, "pages", "md"),
        (Kind::Comments, "comments", "yaml"),
    ] {
        for path in flat_files(root, &content.join(dir), ext, &mut diags) {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (lang, name) = match kind {
                Kind::Comments => (Lang::DEFAULT, stem),
                _ => match language_of(root, &path, &stem, langs, &mut diags) {
                    Some((lang, base)) => (lang, base.to_string()),
                    None => continue,
                },
            };
            files.push(Listed {
                kind,
                path,
                bundle: None,
                lang,
                name: crate::slug::slugify(&name),
            });
        }
    }
    (files, diags)
}

/// The language of the file at `path` whose stem is `stem`, and the stem
/// without it; `None` (with an error) for a language the site does not
/// have, or the default language written out.
fn language_of<'a>(
    root: &Path,
    path: &Path,
    stem: &'a str,
    langs: &Languages,
    diags: &mut Diagnostics,
) -> Option<(Lang, &'a str)> {
    let (base, lang) = langs.of_stem(stem);
    let rel = path.strip_prefix(root).unwrap_or(path);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    let error =
        |msg: String, help: String| Diagnostic::error(rel, msg).at_line(Some(1)).with_help(help);
    match lang {
        FileLang::None => Some((Lang::DEFAULT, base)),
        FileLang::Translation(l) => Some((l, base)),
        FileLang::Default(code) => {
            diags.push(error(
                format!("`{code}` in the file name is the site's default language"),
                format!("a file in the default language has no language in its name: rename it `{base}.{ext}`"),
            ));
            None
        }
        FileLang::Undeclared(code) => {
            diags.push(error(
                format!(
                    "`{code}` in the file name is not one of the site's languages ({})",
                    langs.listed()
                ),
                format!("add `{code}:` under `translations:` in site.yaml, or rename the file"),
            ));
            None
        }
    }
}

fn read_and_parse(root: &Path, file: &Listed) -> ParseResult {
    let rel = file.path.strip_prefix(root).unwrap_or(&file.path);
    read_text(&file.path, rel).and_then(|text| parse(file, rel, &text))
}

fn parse(file: &Listed, rel: &Path, text: &str) -> ParseResult {
    let (lang, name) = (file.lang, file.name.clone());
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
            Parsed::AuthorText(Arc::new(translated::parse_author(rel, text, lang, name)?))
        }
        Kind::Clinic if translation => {
            Parsed::ClinicText(Arc::new(translated::parse_clinic(rel, text, lang, name)?))
        }
        Kind::Author => Parsed::Author(Arc::new(author::parse(rel, text)?)),
        Kind::Clinic => Parsed::Clinic(Arc::new(clinic::parse(rel, text)?)),
        Kind::Page => Parsed::Page(Arc::new(page::parse_in(rel, text, lang, name)?)),
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

/// `posts/<slug>.md` and `posts/<slug>/index.md` (and their translations,
/// `<slug>.es.md` and `<slug>/index.es.md`), at any depth. Links are
/// followed only to files inside the site (see [`crate::safe_path`]).
fn find_posts(root: &Path, dir: &Path, langs: &Languages, diags: &mut Diagnostics) -> Vec<Listed> {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let found = crate::safe_path::files_under(dir, root, &is_ignored_name, &mut warnings);
    diags.extend(warnings);
    let is_index = |path: &Path| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        path.extension().is_some_and(|e| e == "md") && langs.of_stem(&stem).0 == "index"
    };
    // Folders with an index file in any language are posts.
    let bundles: foldhash::HashSet<&Path> = found
        .iter()
        .map(|(_, p)| p.as_path())
        .filter(|p| is_index(p))
        .filter_map(Path::parent)
        .filter(|p| *p != dir)
        .collect();
    for (_, path) in &found {
        let path = path.as_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let parent = path.parent().unwrap_or(dir);
        let bundle = bundles.contains(parent);
        if bundle && !is_index(path) {
            // A Markdown file inside a post's folder is one of its assets, not a post.
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((lang, base)) = language_of(root, path, &stem, langs, diags) else {
            continue;
        };
        let name = match bundle {
            true => parent
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            false => base.to_string(),
        };
        out.push(Listed {
            kind: Kind::Post,
            path: path.to_path_buf(),
            bundle: bundle.then(|| parent.to_path_buf()),
            lang,
            name: crate::slug::slugify(&name),
        });
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
