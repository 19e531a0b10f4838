//! The home page and its pagination (`/`, `/page/2/`, ...): the newest posts.
//! Also the listing context that category and tag archives share.

use serde::Serialize;

use super::common::{meta, paginator, with_ld};
use super::cx::{HasMeta, PageCx};
use super::{Alternates, PageKind};
use crate::diag::Diagnostic;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input, Listing, shown};
use crate::plan::{Claim, Job, KindId, Plan, page_count};
use crate::render::prerendered::CardKind;
use crate::views::{Link, Meta, Paginator, PostSummary, Shared, TermRef};
use crate::{seo, urls};

/// `index.html`'s context, also `taxonomy.html`'s.
#[derive(Serialize)]
pub(super) struct ListingPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) paginator: Paginator,
    pub(super) posts: Vec<&'a Shared<PostSummary>>,
    /// The `post_card` of each of `posts`, as safe HTML.
    pub(super) cards: Vec<tera::Value>,
    pub(super) term: Option<&'a TermRef>,
}

impl HasMeta for ListingPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

/// The inputs of page `page` of a listing: which posts it shows, and their cards.
pub(super) fn listing_inputs(site: &Site, of: Listing, page: usize, deps: &mut Deps) {
    deps.add(Input::Listing {
        of,
        page: page as u32,
    });
    for i in shown(site, of, page).0 {
        deps.add(Input::PostCard(i as u32));
    }
}

pub struct Home;

impl PageKind for Home {
    fn template(&self) -> Option<&'static str> {
        Some("index.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        for l in site.config.languages.all() {
            let home = site.path_in(l, "");
            for n in 1..=page_count(site.posts_in(l).len(), site.config.posts_per_page) {
                let claim = Claim::Gait("the home page");
                let job = Job::new(id, 0, n).in_lang(l);
                plan.page(urls::paginated(&home, n), job, claim, true);
            }
        }
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        listing_inputs(site, Listing::Home(job.lang), job.page(), deps);
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let n = job.page();
        let s = cx.site();
        let text = cx.text();
        let slice = cx.listing(Listing::Home(job.lang), n);
        let paginator = paginator(cx, slice.total, n, &cx.path_in_lang(""));
        let (title, description, nodes) = match n {
            1 => (s.title.clone(), String::new(), seo::website(s)),
            _ => (
                text.fill(Key::PageN, &[("n", &n.to_string())]),
                text.fill(
                    Key::HomePageDescription,
                    &[
                        ("site", &s.title),
                        ("n", &n.to_string()),
                        ("total", &paginator.total_pages.to_string()),
                    ],
                ),
                Vec::new(),
            ),
        };
        let page = ListingPage {
            meta: with_ld(
                cx,
                meta(cx, "home", &title, &description, &s.home_url),
                &[],
                nodes,
            ),
            breadcrumbs: Vec::new(),
            paginator,
            posts: cx.summaries(&slice.shown),
            cards: cx.cards(&slice.shown, CardKind::Listing)?,
            term: None,
        };
        cx.render("index.html", &page, out)
    }

    fn alternates(&self, _: &Site, job: Job) -> Alternates {
        match job.page() {
            1 => Alternates::Everywhere,
            _ => Alternates::Nowhere,
        }
    }
}
