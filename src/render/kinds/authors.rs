//! The team page (`/authors/`) and each person's bio page
//! (`/authors/<slug>/`) with their articles.

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, feed_link, home, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
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

    fn plan(&self, id: KindId, _: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the team page");
        plan.page(urls::AUTHORS.into(), Job::new(id, 0, 1), claim, true);
    }

    fn inputs(&self, site: &Site, _: Job, _: &[Vec<usize>], deps: &mut Deps) {
        for a in 0..site.authors.len() {
            deps.add(Input::Author(a as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let breadcrumbs = vec![home(cx), crumb("Our team", &s.authors_url)];
        let description = format!("Meet the physical therapists of {}", s.title);
        let page_meta = meta(cx, "authors", "Our team", &description, &s.authors_url);
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
            plan.page(urls::author(&a.doc.slug), Job::new(id, i, 1), claim, true);
        }
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        let of = Listing::Author(job.item);
        deps.add(Input::Author(job.item))
            .add(Input::Listing { of, page: 0 });
        for i in shown(site, of, 0).0 {
            deps.add(Input::PostCard(i as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let a = cx.author(job.item());
        let title = match &a.card.credentials {
            Some(c) => format!("{}, {c}", a.card.name),
            None => a.card.name.clone(),
        };
        let description = match (&a.card.role, &a.card.clinic) {
            (Some(r), Some(c)) => format!("{title}: {r} at {}", c.name),
            (Some(r), None) => format!("{title}: {r}"),
            (None, Some(c)) => format!("{title}, {}", c.name),
            (None, None) => title.clone(),
        };
        let breadcrumbs = vec![
            home(cx),
            crumb("Our team", &s.authors_url),
            crumb(&a.card.name, &a.card.url),
        ];
        let permalink = cx.urls().permalink(cx.path());
        let page_meta = meta(cx, "author", &title, &description, &s.authors_url);
        let nodes = vec![seo::person(s, a, &permalink)];
        let posts = cx.listing(Listing::Author(job.item), 0).shown;
        let newest = &posts[..posts.len().min(NEWEST_CARDS)];
        let page = AuthorPage {
            meta: Meta {
                image: a
                    .card
                    .photo
                    .as_ref()
                    .map(|i| seo::absolute_image(&permalink, i)),
                feed: feed_link(cx, format!("Articles by {}", a.card.name), cx.path()),
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
