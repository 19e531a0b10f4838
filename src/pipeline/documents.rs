//! Every rendered document with where it came from (its file and the line
//! its Markdown starts at) and where it goes, for the checks that locate
//! what they find: links, lints, third parties.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::model::Site;
use crate::urls;
use crate::views::present::Bodies;

/// One rendered document with where it came from and where it goes.
pub struct Document<'a> {
    pub file: &'a Path,
    /// 1-based line of the file where the Markdown starts.
    pub first_line: usize,
    /// The page it appears on: see [`Document::page`].
    page: Page<'a>,
    /// The Markdown, for showing the offending line (empty for a post
    /// whose text was set aside: see [`Document::text`]).
    pub(super) body: &'a str,
    /// The post whose Markdown was set aside after loading, if it is one.
    aside: Option<&'a crate::content::post::PostDoc>,
    pub rendered: &'a Rendered,
    /// The same rendering, where it is shared between rebuilds (posts).
    pub shared: Option<&'a Arc<Rendered>>,
}

/// Where a document appears: a post's path is made only when asked for
/// (a preview checks most posts' links from its cache, without it).
enum Page<'a> {
    Post(&'a Site, usize),
    Path(String),
}

impl<'a> Document<'a> {
    /// A document that is not a post: its page's path is known, its text
    /// is held, and its rendering is not shared between rebuilds.
    fn other(
        file: &'a Path,
        first_line: usize,
        page: String,
        body: &'a str,
        rendered: &'a Rendered,
    ) -> Self {
        Document {
            file,
            first_line,
            page: Page::Path(page),
            body,
            aside: None,
            rendered,
            shared: None,
        }
    }

    /// The site path of the page it appears on (`posts/x/`, `es/posts/x/`).
    pub fn page(&self) -> Cow<'_, str> {
        match &self.page {
            Page::Post(site, i) => Cow::Owned(site.post_path(*i)),
            Page::Path(path) => Cow::Borrowed(path),
        }
    }

    /// The Markdown, read again for a post that a single build let go of
    /// (only to show the lines of the problems found in it; empty if the
    /// file cannot be read as it was).
    pub fn text(&self) -> Cow<'a, str> {
        match self.aside {
            Some(post) => match post.markdown() {
                Ok(text) => Cow::Owned(text.into_owned()),
                Err(_) => Cow::Borrowed(""),
            },
            None => Cow::Borrowed(self.body),
        }
    }

    /// Give the problems found in this document that lack it the line of
    /// the Markdown they are at.
    pub(super) fn add_snippets(&self, found: &mut [Diagnostic]) {
        if self.aside.is_none() || found.iter().all(|d| d.snippet.is_some()) {
            return;
        }
        let text = self.text();
        for d in found.iter_mut().filter(|d| d.snippet.is_none()) {
            if let Some(i) = d.line.and_then(|l| l.checked_sub(self.first_line)) {
                d.snippet = text.lines().nth(i).map(|l| l.trim_end().to_string());
            }
        }
    }
}

/// Every document that has a source file.
pub fn documents<'a>(site: &'a Site, bodies: &'a Bodies) -> Vec<Document<'a>> {
    let mut docs = Vec::with_capacity(
        site.posts.len() + site.pages.len() + site.authors.len() + site.clinics.len(),
    );
    for (i, (p, r)) in site.posts.iter().zip(&bodies.posts).enumerate() {
        docs.push(Document {
            file: &p.doc.file,
            first_line: p.doc.body_line,
            page: Page::Post(site, i),
            body: &p.doc.body,
            aside: p.doc.set_aside.as_ref().map(|_| &*p.doc),
            rendered: r,
            shared: Some(r),
        });
    }
    for (p, r) in site.pages.iter().zip(&bodies.pages) {
        docs.push(Document::other(
            &p.file,
            p.body_line,
            site.path_in(p.lang, &urls::page(&p.slug)),
            &p.body,
            r,
        ));
    }
    for (a, r) in site.authors.iter().zip(&bodies.authors) {
        docs.push(Document::other(
            &a.doc.file,
            a.doc.body_line,
            urls::author(&a.doc.slug),
            &a.doc.bio,
            r,
        ));
    }
    for (c, r) in site.clinics.iter().zip(&bodies.clinics) {
        docs.push(Document::other(
            &c.doc.file,
            c.doc.body_line,
            urls::clinic(&c.doc.slug),
            &c.doc.description,
            r,
        ));
    }
    translated_documents(site, bodies, &mut docs);
    docs
}

/// The translated bios and clinic descriptions, on their language's pages.
fn translated_documents<'a>(site: &'a Site, bodies: &'a Bodies, docs: &mut Vec<Document<'a>>) {
    for l in site.config.languages.all().skip(1) {
        let authors = site.authors.iter().zip(&bodies.author_texts[l.index()]);
        for (a, r) in authors {
            if let (Some(t), Some(r)) = (a.text(l), r) {
                docs.push(Document::other(
                    &t.file,
                    t.body_line,
                    site.path_in(l, &urls::author(&a.doc.slug)),
                    &t.bio,
                    r,
                ));
            }
        }
        let clinics = site.clinics.iter().zip(&bodies.clinic_texts[l.index()]);
        for (c, r) in clinics {
            if let (Some(t), Some(r)) = (c.text(l), r) {
                docs.push(Document::other(
                    &t.file,
                    t.body_line,
                    site.path_in(l, &urls::clinic(&c.doc.slug)),
                    &t.description,
                    r,
                ));
            }
        }
    }
}
