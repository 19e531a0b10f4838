//! The searchable documents of a site, borrowed from the views: posts
//! (newest first), standalone pages, authors and clinics.

use crate::i18n::{Lang, Text};
use crate::model::Site;
use crate::views::DateView;
use crate::views::present::Views;

/// One searchable document, borrowed from the views.
pub(super) struct Source<'a> {
    pub(super) kind: &'static str,
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) date: Option<&'a DateView>,
    pub(super) authors: String,
    pub(super) summary: &'a str,
    /// Categories, tags, authors: words that describe the document.
    pub(super) meta: Vec<&'a str>,
    pub(super) html: Html<'a>,
}

/// A document's HTML: a post's is read back when it is analysed (a single
/// build sets it aside on disk, see [`crate::spill`]).
pub(super) enum Html<'a> {
    Text(&'a str),
    Post(&'a crate::views::HtmlRef),
}

impl Html<'_> {
    pub(super) fn text(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        match self {
            Html::Text(t) => Ok(std::borrow::Cow::Borrowed(t)),
            Html::Post(p) => p.text(),
        }
    }
}

/// "Jane Doe, DPT and Sam Roe, PT", joined by the language's `and` ("y"),
/// as the posts' bylines are.
fn byline(authors: &[crate::views::Card<crate::views::AuthorRef>], and: &str) -> String {
    let names: Vec<String> = authors
        .iter()
        .map(|a| match &a.credentials {
            Some(c) => format!("{}, {c}", a.name),
            None => a.name.clone(),
        })
        .collect();
    names.join(&format!(" {and} "))
}

/// The documents of `lang`: its posts and pages, and the authors and
/// clinics as its pages show them; `text` is the theme's text in `lang`.
pub(super) fn sources<'a>(
    site: &Site,
    views: &'a Views,
    lang: Lang,
    text: Option<&Text>,
) -> Vec<Source<'a>> {
    let and = text.and_then(|t| t.word("and")).unwrap_or("and");
    let posts = &views.posts[site.posts_in(lang)];
    let mut docs = Vec::with_capacity(posts.len() + views.pages.len());
    for p in posts {
        let s = &p.summary;
        let mut meta: Vec<&str> = Vec::new();
        meta.extend(s.categories.iter().map(|c| c.name.as_str()));
        meta.extend(p.tags.iter().map(|t| t.name.as_str()));
        meta.extend(s.authors.iter().map(|a| a.name.as_str()));
        docs.push(Source {
            kind: "post",
            title: &s.title,
            url: &s.url,
            date: Some(&s.date),
            authors: byline(&s.authors, and),
            summary: &s.summary,
            meta,
            html: Html::Post(&p.content),
        });
    }
    let pages = site.pages.iter().zip(&views.pages);
    for p in pages.filter(|(doc, _)| doc.lang == lang).map(|(_, p)| p) {
        docs.push(Source {
            kind: "page",
            title: &p.title,
            url: &p.url,
            date: None,
            authors: String::new(),
            summary: &p.summary,
            meta: Vec::new(),
            html: Html::Text(&p.content),
        });
    }
    for a in &views.authors[lang.index()] {
        let c = &a.card;
        let mut meta: Vec<&str> = Vec::new();
        meta.extend(c.credentials.as_deref());
        meta.extend(c.role.as_deref());
        meta.extend(c.specialties.iter().map(String::as_str));
        meta.extend(c.languages.iter().map(String::as_str));
        if let Some(cl) = &c.clinic {
            meta.extend([cl.name.as_str(), cl.city.as_str()]);
        }
        docs.push(Source {
            kind: "author",
            title: &c.name,
            url: &c.url,
            date: None,
            authors: String::new(),
            summary: c.role.as_deref().unwrap_or(""),
            meta,
            html: Html::Text(&a.bio),
        });
    }
    for c in &views.clinics[lang.index()] {
        let mut meta: Vec<&str> = vec![c.card.city.as_str(), c.card.state.as_str()];
        meta.extend(c.address.as_deref());
        docs.push(Source {
            kind: "clinic",
            title: &c.card.name,
            url: &c.card.url,
            date: None,
            authors: String::new(),
            summary: "",
            meta,
            html: Html::Text(&c.description),
        });
    }
    docs
}
