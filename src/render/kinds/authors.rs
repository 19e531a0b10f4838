//! The team page (`/authors/`) and each person's bio page
//! (`/authors/<slug>/`) with their articles.

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, feed_link, home, in_every_language, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input, Listing, shown};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::render::prerendered::CardKind;
use crate::views::{AuthorRef, AuthorView, Link, Meta, PostSummary, Shared};
use crate::{seo, urls};

/// How many of a person's or a clinic's newest articles get a card (with
/// its picture); the others are listed by title.
pub(super) const NEWEST_CARDS: usize = 6;

/// `authors.html`'s context.
#[derive(Serialize)]
struct AuthorsPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    authors: Vec<&'a AuthorRef>,
}

/// `author.html`'s context.
#[derive(Serialize)]
struct AuthorPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    author: &'a AuthorView,
    /// Every article of the person, newest first.
    posts: Vec<&'a Shared<PostSummary>>,
    /// The `post_card` (level 3, in a row of three) of the newest
    /// [`NEWEST_CARDS`] of `posts`, as safe HTML.
    cards: Vec<tera::Value>,
    /// The rest of `posts`, for a compact list.
    more_posts: Vec<&'a Shared<PostSummary>>,
}

impl HasMeta for AuthorsPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

impl HasMeta for AuthorPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

/// The team page.
pub struct Authors;

impl PageKind for Authors {
    fn template(&self) -> Option<&'static str> {
        Some("authors.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the team page");
        in_every_language(site, plan, urls::AUTHORS, Job::new(id, 0, 1), claim);
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        for a in 0..site.authors.len() {
            deps.add(Input::Author(job.lang, a as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let text = cx.text();
        let title = text.get(Key::OurTeam);
        let breadcrumbs = vec![home(cx), crumb(title, &s.authors_url)];
        let description = text.fill(Key::TeamDescription, &[("site", &s.title)]);
        let page_meta = meta(cx, "authors", title, &description, &s.authors_url);
        let page = AuthorsPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            authors: (0..cx.author_count()).map(|a| cx.author_card(a)).collect(),
        };
        cx.render("authors.html", &page, out)
    }
}

/// One person's page.
pub struct Author;

impl PageKind for Author {
    fn template(&self) -> Option<&'static str> {
        Some("author.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        for (i, a) in site.authors.iter().enumerate() {
            let claim = Claim::Author(i as u32);
            let path = urls::author(&a.doc.slug);
            in_every_language(site, plan, &path, Job::new(id, i, 1), claim);
        }
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        let of = Listing::Author(job.lang, job.item);
        deps.add(Input::Author(job.lang, job.item))
            .add(Input::Listing { of, page: 0 });
        for i in shown(site, of, 0).0 {
            deps.add(Input::PostCard(i as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let text = cx.text();
        let a = cx.author(job.item());
        let title = match &a.card.credentials {
            Some(c) => format!("{}, {c}", a.card.name),
            None => a.card.name.clone(),
        };
        let name = ("name", title.as_str());
        let description = match (&a.card.role, &a.card.clinic) {
            (Some(r), Some(c)) => {
                text.fill(Key::AuthorRoleAt, &[name, ("role", r), ("clinic", &c.name)])
            }
            (Some(r), None) => text.fill(Key::AuthorRole, &[name, ("role", r)]),
            (None, Some(c)) => text.fill(Key::AuthorAt, &[name, ("clinic", &c.name)]),
            (None, None) => title.clone(),
        };
        let breadcrumbs = vec![
            home(cx),
            crumb(text.get(Key::OurTeam), &s.authors_url),
            crumb(&a.card.name, &a.card.url),
        ];
        let permalink = cx.urls().permalink(cx.path());
        let page_meta = meta(cx, "author", &title, &description, &s.authors_url);
        let nodes = vec![seo::person(s, a, &permalink)];
        let posts = cx.listing(Listing::Author(job.lang, job.item), 0).shown;
        let newest = &posts[..posts.len().min(NEWEST_CARDS)];
        let page = AuthorPage {
            meta: Meta {
                image: a
                    .card
                    .photo
                    .as_ref()
                    .map(|i| seo::absolute_image(&permalink, i)),
                feed: feed_link(
                    cx,
                    text.fill(Key::ArticlesBy, &[("name", &a.card.name)]),
                    cx.path(),
                ),
                ..with_ld(cx, page_meta, &breadcrumbs, nodes)
            },
            breadcrumbs,
            author: a,
            posts: cx.summaries(&posts),
            cards: cx.cards(newest, CardKind::Related)?,
            more_posts: cx.summaries(&posts[newest.len()..]),
        };
        cx.render("author.html", &page, out)
    }
}
