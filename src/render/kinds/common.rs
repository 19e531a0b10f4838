//! What several page kinds share: the `meta` of a page with its JSON-LD,
//! breadcrumbs, a page's own feed link, and pagination.

use super::cx::PageCx;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::{Claim, Job, Plan};
use crate::views::{Link, Meta, PageNumber, Paginator};
use crate::{seo, urls};

/// A page's `meta`, without JSON-LD, picture or feed. An empty
/// `description` falls back to the site's.
pub fn meta(
    cx: &PageCx<'_>,
    kind: &'static str,
    title: &str,
    description: &str,
    section_url: &str,
) -> Meta {
    let s = cx.site();
    let u = cx.urls();
    let (alternates, x_default) = cx.alternates();
    Meta {
        kind,
        title: title.to_string(),
        description: if description.is_empty() {
            s.description.clone()
        } else {
            description.to_string()
        },
        url: u.url(cx.path()),
        permalink: u.permalink(cx.path()),
        section_url: section_url.to_string(),
        image: None,
        json_ld: String::new(),
        feed: None,
        alternates,
        x_default,
    }
}

/// Add a page that every language has, at `path` under each language's
/// folder (`authors/`, `es/authors/`).
pub fn in_every_language(site: &Site, plan: &mut Plan, path: &str, job: Job, claim: Claim) {
    for l in site.config.languages.all() {
        plan.page(site.path_in(l, path), job.in_lang(l), claim, true);
    }
}

/// `meta` with JSON-LD: the `nodes` and the breadcrumbs.
pub fn with_ld<'a>(
    cx: &PageCx<'_>,
    meta: Meta,
    crumbs: &'a [Link],
    nodes: Vec<seo::Node<'a>>,
) -> Meta {
    Meta {
        json_ld: seo::json_ld(cx.site(), crumbs, nodes),
        ..meta
    }
}

/// A breadcrumb.
pub fn crumb(title: &str, url: &str) -> Link {
    Link {
        title: title.to_string(),
        url: url.to_string(),
    }
}

/// The first breadcrumb of every trail.
pub fn home(cx: &PageCx<'_>) -> Link {
    crumb(cx.text().get(Key::Home), &cx.site().home_url)
}

/// A link to the Atom feed of the listing page at `page_path`.
pub fn feed_link(cx: &PageCx<'_>, title: String, page_path: &str) -> Option<Link> {
    Some(Link {
        title,
        url: cx.urls().url(&crate::feeds::feed_path(page_path)),
    })
}

/// Page `n` of a listing of `total` posts whose first page is at `first`.
pub fn paginator(cx: &PageCx<'_>, total: usize, n: usize, first: &str) -> Paginator {
    let total_pages = cx.page_count(total);
    let u = cx.urls();
    let url = |k: usize| u.url(&urls::paginated(first, k));
    let mut pages = Vec::new();
    let mut last_added = 0;
    for k in 1..=total_pages {
        if k == 1 || k == total_pages || k.abs_diff(n) <= 2 {
            pages.push(PageNumber {
                number: k,
                url: url(k),
                current: k == n,
                gap_before: last_added + 1 != k,
            });
            last_added = k;
        }
    }
    Paginator {
        current: n,
        total_pages,
        total_items: total,
        first_url: url(1),
        last_url: url(total_pages),
        prev_url: (n > 1).then(|| url(n - 1)),
        next_url: (n < total_pages).then(|| url(n + 1)),
        pages,
    }
}
