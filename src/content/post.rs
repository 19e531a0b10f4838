//! A post file: `content/posts/<slug>.md` or `content/posts/<slug>/index.md`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{
    OneOrMany, blank_is_none, empty_extra, name_from_path, null_is_empty, parse_front_matter,
};
use crate::date::{self, Date};
use crate::diag::Diagnostic;
use crate::frontmatter::{KeyAt, Split, entry_at, key_at, key_line};
use crate::i18n::Lang;
use crate::slug;

mod aside;
pub use aside::SetAside;

/// A post's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPost {
    pub title: String,
    pub date: String,
    pub author: OneOrMany,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub clinic: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub categories: Vec<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub image: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub image_alt: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub updated: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub reviewed_by: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub last_reviewed: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub aliases: Vec<String>,
    pub extra: Option<serde_yaml::Value>,
}

/// A post checked on its own; author and clinic are still slugs.
#[derive(Debug, Clone)]
pub struct PostDoc {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Its language: `hip-pain.es.md` is in `es`, `hip-pain.md` in the default.
    pub lang: Lang,
    /// The file's name without its language, as written (`hip-pain` for
    /// `hip-pain.es.md` and `hip-pain/index.md`): a post and its
    /// translations share it.
    pub name: String,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub updated: Option<Date>,
    /// The medical review: who (an author's slug) and when, always together.
    pub review: Option<Review>,
    pub authors: Vec<String>,
    pub clinic: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub draft: bool,
    /// Site paths, without leading or trailing slash.
    pub aliases: Vec<String>,
    /// Where each alias is written, for errors found later (an alias that
    /// takes another page's address).
    pub alias_at: Vec<Option<KeyAt>>,
    pub extra: serde_yaml::Value,
    /// The Markdown; empty once set aside ([`PostDoc::set_text_aside`]).
    pub body: String,
    /// Where the Markdown is read again once a single build let it go
    /// after loading; `None` while `body` holds it.
    pub set_aside: Option<SetAside>,
    /// 1-based line where the body starts.
    pub body_line: usize,
    /// Lines of the keys that refer to other files, for errors found later.
    pub author_at: Option<KeyAt>,
    pub clinic_at: Option<KeyAt>,
    /// Where `image` is written, for a picture that is not on the site.
    pub image_at: Option<KeyAt>,
    /// The folder of a post written as `<slug>/index.md`: its other files are copied beside the page.
    pub bundle: Option<PathBuf>,
    /// Fingerprint of the file's text.
    pub version: u64,
    /// Fingerprint of everything but the Markdown: the front matter, where
    /// the text starts, the bundle. Two versions with the same one differ
    /// only in their text, which changes no other post's page.
    pub front_version: u64,
}

/// A post's medical review, as written: `reviewed_by` and `last_reviewed`.
#[derive(Debug, Clone)]
pub struct Review {
    /// An author's slug.
    pub by: String,
    /// Where `reviewed_by` is written, for an unknown reviewer.
    pub by_at: Option<KeyAt>,
    pub date: Date,
    /// 1-based line of `last_reviewed`, for a review that is due.
    pub date_line: Option<usize>,
}

/// Parse a post in the default language. `file` is used in messages;
/// `bundle` is the post's own folder, if any.
pub fn parse(file: &Path, text: &str, bundle: Option<PathBuf>) -> Result<PostDoc, Vec<Diagnostic>> {
    parse_in(file, text, bundle, Lang::DEFAULT, name_from_path(file))
}

/// Parse a post in `lang` whose file's name, without its language, is
/// `name`, as written (which gives the slug when the post sets none).
pub fn parse_in(
    file: &Path,
    text: &str,
    bundle: Option<PathBuf>,
    lang: Lang,
    name: String,
) -> Result<PostDoc, Vec<Diagnostic>> {
    let (raw, split): (RawPost, Split) = parse_front_matter(file, text).map_err(|d| vec![d])?;
    let mut c = Checks {
        file,
        name: &name,
        text,
        split: &split,
        errors: Vec::new(),
    };
    let dates = c.dates(&raw);
    c.required(&raw);
    let slug = c.slug(raw.slug.clone());
    c.term_lengths(&raw);
    c.image_alt(&raw);
    let review = c.review(&raw);
    let (aliases, alias_at) = c.aliases(&raw.aliases);
    // Date errors come last, as they always have.
    let (date, updated) = match dates {
        Ok(d) if c.errors.is_empty() => d,
        Ok(_) => return Err(c.errors),
        Err(ds) => return Err(c.errors.into_iter().chain(ds).collect()),
    };
    Ok(PostDoc {
        file: file.to_path_buf(),
        lang,
        name,
        slug,
        title: raw.title,
        date,
        updated,
        review,
        authors: raw.author.into_vec(),
        clinic: raw.clinic,
        categories: clean_terms(raw.categories),
        tags: clean_terms(raw.tags),
        summary: raw.summary,
        image_alt: raw.image_alt,
        draft: raw.draft,
        aliases,
        alias_at,
        extra: raw.extra.unwrap_or_else(empty_extra),
        body: split.body.to_string(),
        set_aside: None,
        body_line: split.body_line,
        author_at: key_at(&split, "author"),
        clinic_at: key_at(&split, "clinic"),
        image_at: raw.image.as_ref().and_then(|_| key_at(&split, "image")),
        image: raw.image,
        front_version: crate::fingerprint::Combiner::new()
            .add(split.yaml)
            .add(&split.yaml_line)
            .add(&split.body_line)
            .add(&bundle)
            .finish(),
        bundle,
        version: crate::fingerprint::of(text),
    })
}

/// The checks of one post's front matter, collecting every problem.
struct Checks<'a> {
    file: &'a Path,
    /// The file's name without its language.
    name: &'a str,
    text: &'a str,
    split: &'a Split<'a>,
    errors: Vec<Diagnostic>,
}

impl Checks<'_> {
    /// An error at the line of `key`.
    fn at(&self, key: &str, msg: String, help: String) -> Diagnostic {
        Diagnostic::error(self.file, msg)
            .at_line(key_line(self.split, key))
            .with_snippet_from(self.text)
            .with_help(help)
    }

    fn push(&mut self, key: &str, msg: String, help: &str) {
        let d = self.at(key, msg, help.to_string());
        self.errors.push(d);
    }

    /// `date` and `updated`, or why not.
    fn dates(&self, raw: &RawPost) -> Result<(Date, Option<Date>), Vec<Diagnostic>> {
        let help = || "use the form 2024-05-02".to_string();
        let date = date::parse(&raw.date).map_err(|m| self.at("date", m, help()));
        let updated = raw
            .updated
            .as_deref()
            .map(date::parse)
            .transpose()
            .map_err(|m| self.at("updated", m, help()));
        match (date, updated) {
            (Ok(d), Ok(u)) => Ok((d, u)),
            (d, u) => Err(d.err().into_iter().chain(u.err()).collect()),
        }
    }

    /// A title and at least one author.
    fn required(&mut self, raw: &RawPost) {
        if raw.title.trim().is_empty() {
            self.push("title", "`title` is empty".into(), "give the post a title");
        }
        if raw.author.is_empty() {
            self.push(
                "author",
                "`author` is empty".into(),
                "name the author by the file name of their page in content/authors/, e.g. `jane-doe`",
            );
        }
    }

    /// The slug from `slug:` or the file name, checked.
    fn slug(&mut self, written: Option<String>) -> String {
        let slug = match written {
            Some(s) if slug::is_slug(&s) => s,
            Some(s) => {
                let better = slug::slugify(&s);
                let help = match better.is_empty() {
                    true => "write a slug like `hip-pain-after-running`".to_string(),
                    false => format!("write `slug: {better}`"),
                };
                let msg = format!("the slug `{s}` is not lower-case letters, digits and hyphens");
                self.push("slug", msg, &help);
                better
            }
            None => slug::slugify(self.name),
        };
        if slug.is_empty() {
            self.errors.push(
                Diagnostic::error(self.file, "this file name gives an empty URL slug").with_help(
                    "rename the file with plain letters, like `hip-pain.md`, or add a `slug:` line",
                ),
            );
        } else if let Some(why) = crate::safe_path::slug_too_long(&slug) {
            let shown = crate::safe_path::abbreviate(&slug, 40);
            let d = match key_line(self.split, "slug") {
                Some(_) => self.at(
                    "slug",
                    format!("the slug `{shown}` {why}"),
                    "write a shorter `slug:`".into(),
                ),
                None => Diagnostic::error(
                    self.file,
                    format!("the slug `{shown}` from the file name {why}"),
                )
                .with_help("rename the file, or add a shorter `slug:` line"),
            };
            self.errors.push(d);
        }
        slug
    }

    /// Category and tag names whose addresses would be too long.
    fn term_lengths(&mut self, raw: &RawPost) {
        for (key, terms) in [("categories", &raw.categories), ("tags", &raw.tags)] {
            for term in terms {
                if let Some(why) = crate::safe_path::slug_too_long(&slug::slugify(term)) {
                    let shown = crate::safe_path::abbreviate(term.trim(), 40);
                    let msg = format!("the address of `{shown}` in `{key}` {why}");
                    self.push(key, msg, "use a shorter name");
                }
            }
        }
    }

    /// A picture needs its description.
    fn image_alt(&mut self, raw: &RawPost) {
        if raw.image.is_some() && raw.image_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            self.push(
                "image",
                "`image` is set but `image_alt` is missing".into(),
                "add `image_alt:` describing the picture for people who cannot see it",
            );
        }
    }

    /// `reviewed_by` and `last_reviewed`, which go together.
    fn review(&mut self, raw: &RawPost) -> Option<Review> {
        let date = match raw.last_reviewed.as_deref().map(date::parse) {
            Some(Ok(d)) => Some(d),
            Some(Err(m)) => {
                self.push("last_reviewed", m, "use the form 2024-05-02");
                return None;
            }
            None => None,
        };
        match (&raw.reviewed_by, date) {
            (Some(by), Some(date)) => Some(Review {
                by: by.trim().to_string(),
                by_at: key_at(self.split, "reviewed_by"),
                date,
                date_line: key_line(self.split, "last_reviewed"),
            }),
            (Some(_), None) => {
                self.push(
                    "reviewed_by",
                    "`reviewed_by` is set but `last_reviewed` is missing".into(),
                    "add `last_reviewed:` with the day of the review, like 2024-05-02",
                );
                None
            }
            (None, Some(_)) => {
                self.push(
                    "last_reviewed",
                    "`last_reviewed` is set but `reviewed_by` is missing".into(),
                    "add `reviewed_by:` with the reviewer's file name in content/authors/, e.g. `jane-doe`",
                );
                None
            }
            (None, None) => None,
        }
    }

    /// The aliases as site paths, with where each is written.
    fn aliases(&mut self, written: &[String]) -> (Vec<String>, Vec<Option<KeyAt>>) {
        let mut aliases = Vec::new();
        let mut at = Vec::new();
        // A browser editor leaves an empty line for an emptied entry.
        for alias in written.iter().filter(|a| !a.trim().is_empty()) {
            match clean_site_path(alias) {
                Ok(p) => {
                    aliases.push(p);
                    at.push(entry_at(self.split, "aliases", alias.trim()));
                }
                Err(why) => self.push(
                    "aliases",
                    format!("the alias `{alias}` {why}"),
                    "write the old address as a path, like `/2019/05/old-post-name/`",
                ),
            }
        }
        (aliases, at)
    }
}

fn clean_terms(terms: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(terms.len());
    for t in terms {
        let t = t.trim().to_string();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Check a URL path written by a person (an alias) and return it as a site
/// path without leading slash: `/2019/05/x/` → `2019/05/x/`.
pub fn clean_site_path(written: &str) -> Result<String, &'static str> {
    let p = written.trim();
    if !p.starts_with('/') || p.starts_with("//") {
        return Err("must be a path starting with `/`");
    }
    if p.contains(['\\', '\0', '?', '#']) || p.chars().any(char::is_control) {
        return Err("contains a character that cannot be part of a path");
    }
    let inner = p.trim_start_matches('/');
    if inner.is_empty() {
        return Err("points at the home page");
    }
    for seg in inner.split('/') {
        let lower = seg.to_ascii_lowercase();
        if seg == "."
            || seg == ".."
            || lower.contains("%2e")
            || lower.contains("%2f")
            || lower.contains("%5c")
        {
            return Err("leaves the site folder");
        }
        if seg.len() > 200 {
            return Err("has a part longer than 200 characters");
        }
        if seg.len() == 2 && seg.ends_with(':') {
            return Err("looks like a drive letter");
        }
        // Not allowed in Windows file names (`a:b` would even write a hidden stream).
        if seg.contains([':', '*', '"', '<', '>', '|']) {
            return Err("contains a character that cannot be part of a path");
        }
    }
    Ok(inner.to_string())
}

#[cfg(test)]
mod tests;
