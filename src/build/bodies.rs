//! Rendering every Markdown document of a site, and what is found in them:
//! warnings, broken links and lints, each located in its source file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::links::{self, Known};
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, LintKind, RenderOptions, Rendered};
use crate::model::Site;
use crate::render::present::Bodies;
use crate::urls;

/// Rendered post bodies kept between rebuilds, by file: (fingerprint, HTML).
pub type BodyCache = HashMap<PathBuf, (u64, Arc<Rendered>)>;

/// Render every document, in parallel. With a cache, a post whose text and
/// base URL did not change is not rendered again.
pub fn render_bodies(
    site: &Site,
    highlighter: &Highlighter,
    cache: Option<&mut BodyCache>,
) -> Bodies {
    let urls = &site.config.urls;
    let trusted = RenderOptions {
        urls,
        allow_html: true,
        highlighter,
    };
    let untrusted = RenderOptions {
        urls,
        allow_html: false,
        highlighter,
    };
    let md = |text: &str| markdown::render(text, &trusted);
    Bodies {
        posts: post_bodies(site, cache, &md),
        authors: site.authors.iter().map(|a| md(&a.doc.bio)).collect(),
        clinics: site
            .clinics
            .iter()
            .map(|c| md(&c.doc.description))
            .collect(),
        pages: site.pages.iter().map(|p| md(&p.body)).collect(),
        comments: site
            .posts
            .par_iter()
            .map(|p| {
                p.comments()
                    .iter()
                    .map(|c| markdown::render(&c.body, &untrusted).html)
                    .collect()
            })
            .collect(),
        callouts: site
            .config
            .callouts
            .iter()
            .map(|c| md(&c.body).html)
            .collect(),
        finder_intro: site
            .config
            .finder
            .as_ref()
            .map(|f| md(&f.intro).html)
            .unwrap_or_default(),
    }
}

fn post_bodies(
    site: &Site,
    cache: Option<&mut BodyCache>,
    md: &(dyn Fn(&str) -> Rendered + Sync),
) -> Vec<Arc<Rendered>> {
    let base = crate::fingerprint::of(site.config.urls.base_url());
    let key = |p: &crate::model::Post| {
        crate::fingerprint::Combiner::new()
            .add(&p.doc.version)
            .add(&base)
            .finish()
    };
    let Some(cache) = cache else {
        return site
            .posts
            .par_iter()
            .map(|p| Arc::new(md(&p.doc.body)))
            .collect();
    };
    let bodies: Vec<Arc<Rendered>> = site
        .posts
        .par_iter()
        .map(|p| match cache.get(&p.doc.file) {
            Some((k, r)) if *k == key(p) => r.clone(),
            _ => Arc::new(md(&p.doc.body)),
        })
        .collect();
    cache.clear();
    for (p, r) in site.posts.iter().zip(&bodies) {
        cache.insert(p.doc.file.clone(), (key(p), r.clone()));
    }
    bodies
}

/// One rendered document with where it came from and where it goes.
pub struct Document<'a> {
    pub file: &'a Path,
    /// 1-based line of the file where the Markdown starts.
    pub first_line: usize,
    /// Site path of the page it appears on.
    pub page: String,
    /// The Markdown, for showing the offending line.
    pub body: &'a str,
    pub rendered: &'a Rendered,
}

/// Every document that has a source file.
pub fn documents<'a>(site: &'a Site, bodies: &'a Bodies) -> Vec<Document<'a>> {
    let mut docs = Vec::new();
    for (p, r) in site.posts.iter().zip(&bodies.posts) {
        docs.push(Document {
            file: &p.doc.file,
            first_line: p.doc.body_line,
            page: urls::post(&p.doc.slug),
            body: &p.doc.body,
            rendered: r,
        });
    }
    for (p, r) in site.pages.iter().zip(&bodies.pages) {
        docs.push(Document {
            file: &p.file,
            first_line: p.body_line,
            page: urls::page(&p.slug),
            body: &p.body,
            rendered: r,
        });
    }
    for (a, r) in site.authors.iter().zip(&bodies.authors) {
        docs.push(Document {
            file: &a.doc.file,
            first_line: a.doc.body_line,
            page: urls::author(&a.doc.slug),
            body: &a.doc.bio,
            rendered: r,
        });
    }
    for (c, r) in site.clinics.iter().zip(&bodies.clinics) {
        docs.push(Document {
            file: &c.doc.file,
            first_line: c.doc.body_line,
            page: urls::clinic(&c.doc.slug),
            body: &c.doc.description,
            rendered: r,
        });
    }
    docs
}

/// Warnings from rendering (unknown code languages).
pub fn warnings(docs: &[Document<'_>], diags: &mut Diagnostics) {
    for d in docs {
        for (line, msg) in &d.rendered.warnings {
            diags.push(Diagnostic::warning(d.file, msg.clone()).at_line(Some(d.first_line + line)));
        }
    }
}

/// Internal links and images that point nowhere: errors.
pub fn check_links(docs: &[Document<'_>], known: &Known, diags: &mut Diagnostics) {
    for d in docs {
        diags.extend(links::check(
            known,
            &d.page,
            &d.rendered.links,
            d.file,
            d.first_line,
            d.body,
        ));
    }
}

/// Accessibility and safety lints. `strict` (gait check) makes missing alt
/// text and skipped headings errors; a build only warns.
pub fn lints(docs: &[Document<'_>], strict: bool, diags: &mut Diagnostics) {
    for d in docs {
        for lint in &d.rendered.lints {
            let (severity, message, help) = match &lint.kind {
                LintKind::MissingAlt { dest } => (
                    if strict { Severity::Error } else { Severity::Warning },
                    format!("the image `{dest}` has no alt text"),
                    "describe the picture between the brackets: ![A therapist guiding a hip stretch](photo.jpg)".to_string(),
                ),
                LintKind::SkippedHeading { from, to } => (
                    if strict { Severity::Error } else { Severity::Warning },
                    format!("this heading jumps from level {from} to level {to}"),
                    format!("use {} so screen-reader users can follow the outline", "#".repeat(usize::from(*from) + 1)),
                ),
                LintKind::RiskyHtml { what } => (
                    Severity::Warning,
                    format!("raw HTML with {what} runs code in readers' browsers"),
                    "remove it unless you are sure it is needed and safe".to_string(),
                ),
                LintKind::ScriptLink { scheme } => (
                    Severity::Warning,
                    format!("a `{scheme}` link runs code in readers' browsers"),
                    "link to a page instead, or remove the link".to_string(),
                ),
            };
            let mut diag = Diagnostic::error(d.file, message)
                .at_line(Some(d.first_line + lint.line))
                .with_help(help);
            diag.severity = severity;
            diag.snippet = d
                .body
                .lines()
                .nth(lint.line)
                .map(|l| l.trim_end().to_string());
            diags.push(diag);
        }
    }
}
