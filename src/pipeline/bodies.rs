//! Rendering every Markdown document of a site, and what is found in them:
//! warnings, broken links and lints, each located in its source file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::images::PictureSet;
use crate::links::{self, LinkCache};
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, LintKind, RenderOptions, Rendered};
use crate::model::Site;
use crate::plan::Known;
use crate::urls;
use crate::views::present::Bodies;

/// Rendered post bodies kept between rebuilds, by file: (fingerprint, HTML).
pub type BodyCache = foldhash::HashMap<PathBuf, (u64, Arc<Rendered>)>;

/// Render every document, in parallel; images of `pictures` become
/// `<picture>`s. With a cache, a post whose text, base URL and pictures did
/// not change is not rendered again.
pub fn render_bodies(
    site: &Site,
    highlighter: &Highlighter,
    pictures: &PictureSet,
    cache: Option<&mut BodyCache>,
) -> Bodies {
    let urls = &site.config.urls;
    let render = |text: &str, page: &str, allow_html: bool| {
        let options = RenderOptions {
            urls,
            allow_html,
            highlighter,
            pictures: Some(pictures),
            page,
        };
        markdown::render(text, &options)
    };
    let md = |text: &str, page: &str| render(text, page, true);
    let untrusted = |text: &str, page: &str| render(text, page, false);
    Bodies {
        posts: post_bodies(site, pictures, cache, &md),
        authors: site
            .authors
            .iter()
            .map(|a| md(&a.doc.bio, &urls::author(&a.doc.slug)))
            .collect(),
        clinics: site
            .clinics
            .iter()
            .map(|c| md(&c.doc.description, &urls::clinic(&c.doc.slug)))
            .collect(),
        pages: site
            .pages
            .iter()
            .map(|p| md(&p.body, &urls::page(&p.slug)))
            .collect(),
        comments: site
            .posts
            .par_iter()
            .map(|p| {
                let page = urls::post(&p.doc.slug);
                p.comments()
                    .iter()
                    .map(|c| untrusted(&c.body, &page).html)
                    .collect()
            })
            .collect(),
        callouts: site
            .config
            .callouts
            .iter()
            .map(|c| md(&c.body, "").html)
            .collect(),
        finder_intro: site
            .config
            .finder
            .as_ref()
            .map(|f| md(&f.intro, &format!("{}/", f.path)).html)
            .unwrap_or_default(),
    }
}

type Md<'a> = dyn Fn(&str, &str) -> Rendered + Sync + 'a;

fn post_bodies(
    site: &Site,
    pictures: &PictureSet,
    cache: Option<&mut BodyCache>,
    md: &Md<'_>,
) -> Vec<Arc<Rendered>> {
    let render = |p: &crate::model::Post| md(&p.doc.body, &urls::post(&p.doc.slug));
    // What a body's HTML depends on: its text, the base URL, and the
    // pictures it shows (which only its last rendering knows).
    let key = |i: usize, r: &Rendered| {
        let shown = pictures.versions(r.pictures.iter().map(String::as_str));
        crate::plan::inputs::Versions::body(site, i, shown)
    };
    let Some(cache) = cache else {
        return site.posts.par_iter().map(|p| Arc::new(render(p))).collect();
    };
    // (key, body, whether it was rendered now)
    let found: Vec<(u64, Arc<Rendered>, bool)> = site
        .posts
        .par_iter()
        .enumerate()
        .map(|(i, p)| match cache.get(&p.doc.file) {
            Some((old, r)) if *old == key(i, r) => (*old, r.clone(), false),
            _ => {
                let r = render(p);
                (key(i, &r), Arc::new(r), true)
            }
        })
        .collect();
    let mut bodies = Vec::with_capacity(found.len());
    for (p, (k, r, new)) in site.posts.iter().zip(found) {
        if new {
            cache.insert(p.doc.file.clone(), (k, r.clone()));
        }
        bodies.push(r);
    }
    site.forget_gone_posts(cache);
    bodies
}

/// One rendered document with where it came from and where it goes.
pub struct Document<'a> {
    pub file: &'a Path,
    /// 1-based line of the file where the Markdown starts.
    pub first_line: usize,
    /// The page it appears on.
    pub page: PageOf<'a>,
    /// The Markdown, for showing the offending line.
    pub body: &'a str,
    pub rendered: &'a Rendered,
    /// The same rendering, where it is shared between rebuilds (posts).
    pub shared: Option<&'a Arc<Rendered>>,
}

/// The page a document appears on, by its kind and slug.
#[derive(Debug, Clone, Copy)]
pub enum PageOf<'a> {
    Post(&'a str),
    Page(&'a str),
    Author(&'a str),
    Clinic(&'a str),
}

impl PageOf<'_> {
    /// Its site path (`posts/x/`).
    pub fn path(&self) -> String {
        match *self {
            PageOf::Post(s) => urls::post(s),
            PageOf::Page(s) => urls::page(s),
            PageOf::Author(s) => urls::author(s),
            PageOf::Clinic(s) => urls::clinic(s),
        }
    }
}

/// Every document that has a source file.
pub fn documents<'a>(site: &'a Site, bodies: &'a Bodies) -> Vec<Document<'a>> {
    let mut docs = Vec::with_capacity(
        site.posts.len() + site.pages.len() + site.authors.len() + site.clinics.len(),
    );
    for (p, r) in site.posts.iter().zip(&bodies.posts) {
        docs.push(Document {
            file: &p.doc.file,
            first_line: p.doc.body_line,
            page: PageOf::Post(&p.doc.slug),
            body: &p.doc.body,
            rendered: r,
            shared: Some(r),
        });
    }
    for (p, r) in site.pages.iter().zip(&bodies.pages) {
        docs.push(Document {
            file: &p.file,
            first_line: p.body_line,
            page: PageOf::Page(&p.slug),
            body: &p.body,
            rendered: r,
            shared: None,
        });
    }
    for (a, r) in site.authors.iter().zip(&bodies.authors) {
        docs.push(Document {
            file: &a.doc.file,
            first_line: a.doc.body_line,
            page: PageOf::Author(&a.doc.slug),
            body: &a.doc.bio,
            rendered: r,
            shared: None,
        });
    }
    for (c, r) in site.clinics.iter().zip(&bodies.clinics) {
        docs.push(Document {
            file: &c.doc.file,
            first_line: c.doc.body_line,
            page: PageOf::Clinic(&c.doc.slug),
            body: &c.doc.description,
            rendered: r,
            shared: None,
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

/// Internal links and images that point nowhere: errors. With a cache, a
/// post whose body was not rendered again is not checked again either,
/// unless the site's set of addresses changed.
pub fn check_links(
    docs: &[Document<'_>],
    known: &Known,
    mut cache: Option<&mut LinkCache>,
    diags: &mut Diagnostics,
) {
    if let Some(c) = cache.as_deref_mut() {
        c.begin(known);
    }
    for d in docs {
        if let (Some(c), Some(r)) = (cache.as_deref(), d.shared) {
            if let Some(found) = c.get(r) {
                diags.extend(found.iter().cloned());
                continue;
            }
        }
        let found = links::check(
            known,
            &d.page.path(),
            &d.rendered.links,
            d.file,
            d.first_line,
            d.body,
        );
        if let (Some(c), Some(r)) = (cache.as_deref_mut(), d.shared) {
            c.insert(r, found.clone());
        }
        diags.extend(found);
    }
    if let Some(c) = cache {
        c.retain(docs.iter().filter_map(|d| d.shared));
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
                LintKind::Html(problem) => (
                    if strict { Severity::Error } else { Severity::Warning },
                    problem.message(),
                    problem.help(),
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
