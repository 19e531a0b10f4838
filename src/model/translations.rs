//! Each post, page, author and clinic with its versions in the site's other
//! languages. A post and its translation share their file's name
//! (`hip-pain.md`, `hip-pain.es.md`); either may exist without the other.
//! An author's or clinic's translation needs its original.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use super::{Author, Clinic, Post};
use crate::content::page::PageDoc;
use crate::content::translated::{AuthorText, ClinicText};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frontmatter::KeyAt;
use crate::i18n::Lang;

/// Groups of items (by index) that share a name, each in a different
/// language; `lang_name` gives an item's language and name. Empty when
/// every item is in the default language.
fn groups<'a>(n: usize, lang_name: impl Fn(usize) -> (Lang, &'a str)) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); n];
    if (0..n).all(|i| lang_name(i).0 == Lang::DEFAULT) {
        return out;
    }
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let (lang, name) = lang_name(i);
        let group = by_name.entry(name).or_default();
        // One item per language: a second of the same language is no translation.
        if !group.iter().any(|&j| lang_name(j).0 == lang) {
            group.push(i);
        }
    }
    for group in by_name.values().filter(|g| g.len() > 1) {
        for &i in group {
            let mut others: Vec<usize> = group.iter().copied().filter(|&j| j != i).collect();
            others.sort_by_key(|&j| lang_name(j).0);
            out[i] = others;
        }
    }
    out
}

/// Give each post its translations.
pub(super) fn link_posts(posts: &mut [Post]) {
    let found = groups(posts.len(), |i| {
        (posts[i].doc.lang, posts[i].doc.name.as_str())
    });
    for (p, t) in posts.iter_mut().zip(found) {
        p.translations = t;
    }
}

/// Each page's translations.
pub(super) fn of_pages(pages: &[Arc<PageDoc>]) -> Vec<Vec<usize>> {
    groups(pages.len(), |i| (pages[i].lang, pages[i].slug.as_str()))
}

/// Where each of `languages` languages' posts are (posts are sorted by language).
pub(super) fn ranges(posts: &[Post], languages: usize) -> Vec<Range<usize>> {
    (0..languages)
        .map(|l| {
            let lang = Lang(l as u8);
            let start = posts.partition_point(|p| p.doc.lang < lang);
            let end = posts.partition_point(|p| p.doc.lang <= lang);
            start..end
        })
        .collect()
}

/// "There is no original": a translation of an author or clinic that does not exist.
fn no_original(file: &Path, folder: &str, slug: &str, known: &[&str], what: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("there is no content/{folder}/{slug}.md for this translation"),
    )
    .with_help(format!(
        "a translated {what} file needs the original it translates; {}",
        crate::suggest::help_for(slug, known, &format!("{what}s"))
    ))
}

/// A translated list must translate each entry of the original's, in order.
fn same_length(
    file: &Path,
    key: &str,
    ours: Option<&Vec<String>>,
    original: &[String],
    at: &Option<KeyAt>,
    original_file: &Path,
) -> Option<Diagnostic> {
    let ours = ours?;
    if ours.len() == original.len() {
        return None;
    }
    let mut d = Diagnostic::error(
        file,
        format!(
            "`{key}` has {} {}, but {} has {}",
            ours.len(),
            crate::diag::plural(ours.len(), "entry", "entries"),
            original_file.display(),
            original.len()
        ),
    )
    .at_line(at.as_ref().map(|a| a.line))
    .with_help(format!(
        "translate each entry of the original's `{key}`, in the same order (the finder filters by the original's)"
    ));
    d.snippet = at.as_ref().map(|a| a.text.clone());
    Some(d)
}

/// Give each author its translations (a slot per language).
pub(super) fn attach_author_texts(
    authors: &mut [Author],
    texts: Vec<Arc<AuthorText>>,
    languages: usize,
    broken: &[PathBuf],
    diags: &mut Diagnostics,
) {
    for a in authors.iter_mut() {
        a.texts = vec![None; languages];
    }
    let known: Vec<&str> = authors.iter().map(|a| a.doc.slug.as_str()).collect();
    let index: HashMap<&str, usize> = known.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut found = Vec::new();
    for t in texts {
        match index.get(t.slug.as_str()) {
            Some(&i) => {
                let doc = &authors[i].doc;
                let checks = [
                    (
                        "specialties",
                        t.specialties.as_ref(),
                        &doc.specialties,
                        &t.specialties_at,
                    ),
                    (
                        "languages",
                        t.languages.as_ref(),
                        &doc.languages,
                        &t.languages_at,
                    ),
                ];
                for (key, ours, original, at) in checks {
                    diags.extend(same_length(&t.file, key, ours, original, at, &doc.file));
                }
                found.push((i, t));
            }
            None if is_broken(broken, "authors", &t.slug) => {}
            None => diags.push(no_original(&t.file, "authors", &t.slug, &known, "author")),
        }
    }
    for (i, t) in found {
        let lang = t.lang.index();
        authors[i].texts[lang] = Some(t);
    }
}

/// Give each clinic its translations (a slot per language).
pub(super) fn attach_clinic_texts(
    clinics: &mut [Clinic],
    texts: Vec<Arc<ClinicText>>,
    languages: usize,
    broken: &[PathBuf],
    diags: &mut Diagnostics,
) {
    for c in clinics.iter_mut() {
        c.texts = vec![None; languages];
    }
    let known: Vec<&str> = clinics.iter().map(|c| c.doc.slug.as_str()).collect();
    let index: HashMap<&str, usize> = known.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut found = Vec::new();
    for t in texts {
        match index.get(t.slug.as_str()) {
            Some(&i) => found.push((i, t)),
            None if is_broken(broken, "clinics", &t.slug) => {}
            None => diags.push(no_original(&t.file, "clinics", &t.slug, &known, "clinic")),
        }
    }
    for (i, t) in found {
        let lang = t.lang.index();
        clinics[i].texts[lang] = Some(t);
    }
}

fn is_broken(broken: &[PathBuf], folder: &str, slug: &str) -> bool {
    let p = Path::new("content").join(folder).join(format!("{slug}.md"));
    broken.contains(&p)
}

/// Where a language stands: the default language's posts it lacks, and its
/// translations older than their original (by `updated`, or `date` when a
/// post has no `updated`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub lang: Lang,
    /// Files of the default language's posts without a translation.
    pub missing: Vec<PathBuf>,
    pub older: Vec<Older>,
}

/// A translation last changed before its original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Older {
    pub translation: PathBuf,
    pub translation_date: crate::date::Date,
    pub original: PathBuf,
    pub original_date: crate::date::Date,
}

/// How far each translation of `site` is (one entry per translation).
pub fn status(site: &super::Site) -> Vec<Status> {
    let last_change = |i: usize| {
        let d = &site.posts[i].doc;
        d.updated.unwrap_or(d.date)
    };
    let originals = site.posts_in(Lang::DEFAULT);
    site.config
        .languages
        .all()
        .skip(1)
        .map(|lang| {
            let has = |i: usize| {
                site.posts[i]
                    .translations
                    .iter()
                    .any(|&j| site.posts[j].doc.lang == lang)
            };
            let missing = originals
                .clone()
                .filter(|&i| !has(i))
                .map(|i| site.posts[i].doc.file.clone())
                .collect();
            let older = site
                .posts_in(lang)
                .filter_map(|i| {
                    let o = *site.posts[i]
                        .translations
                        .iter()
                        .find(|&&j| site.posts[j].doc.lang == Lang::DEFAULT)?;
                    (last_change(i) < last_change(o)).then(|| Older {
                        translation: site.posts[i].doc.file.clone(),
                        translation_date: last_change(i),
                        original: site.posts[o].doc.file.clone(),
                        original_date: last_change(o),
                    })
                })
                .collect();
            Status {
                lang,
                missing,
                older,
            }
        })
        .collect()
}
