//! The typed contexts of the pages (what each template receives besides
//! `site` and `chrome`), and the pieces shared by several of them: listings
//! with their pagination, and the redirect page of an old address.

use serde::Serialize;

use super::pages::RenderCx;
use super::prerendered::CardKind;
use crate::diag::Diagnostic;
use crate::finder::FinderView;
use crate::plan::page_count;
use crate::search::SearchView;
use crate::urls;
use crate::views::*;

#[derive(Serialize)]
pub(super) struct FinderPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) finder: &'a FinderView,
}

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

#[derive(Serialize)]
pub(super) struct PostPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) post: &'a PostView,
    pub(super) older: Option<&'a Shared<PostSummary>>,
    pub(super) newer: Option<&'a Shared<PostSummary>>,
    pub(super) related: Vec<&'a Shared<PostSummary>>,
    /// The `post_card` (level 3, no image) of each of `related`, as safe HTML.
    pub(super) related_cards: Vec<tera::Value>,
    pub(super) comments: Vec<CommentView>,
    pub(super) comment_count: usize,
}

#[derive(Serialize)]
pub(super) struct AuthorsPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) authors: Vec<&'a AuthorRef>,
}

#[derive(Serialize)]
pub(super) struct AuthorPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) author: &'a AuthorView,
    pub(super) posts: Vec<&'a Shared<PostSummary>>,
}

#[derive(Serialize)]
pub(super) struct ClinicsPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) clinics: &'a [ClinicView],
}

#[derive(Serialize)]
pub(super) struct ClinicPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) clinic: &'a ClinicView,
    pub(super) therapists: Vec<&'a AuthorRef>,
    pub(super) posts: Vec<&'a Shared<PostSummary>>,
}

#[derive(Serialize)]
pub(super) struct CategoriesPage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) categories: Vec<&'a TermRef>,
    pub(super) tags: Vec<&'a TermRef>,
}

#[derive(Serialize)]
pub(super) struct StandalonePage<'a> {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) page: &'a PageView,
}

#[derive(Serialize)]
pub(super) struct SearchPage {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) search: SearchView,
}

#[derive(Serialize)]
pub(super) struct BarePage {
    pub(super) meta: Meta,
    pub(super) breadcrumbs: Vec<Link>,
}

impl RenderCx<'_> {
    /// The summaries and cards of the posts `shown` in a listing.
    pub(super) fn listing<'v>(
        &'v self,
        shown: &[usize],
    ) -> Result<(Vec<&'v Shared<PostSummary>>, Vec<tera::Value>), Diagnostic> {
        let posts: Vec<_> = shown.iter().map(|&i| self.views.summary(i)).collect();
        let cards = self.prerendered.cards(
            self.templates,
            shown.iter().copied().zip(posts.iter().copied()),
            CardKind::Listing,
        )?;
        Ok((posts, cards))
    }

    /// One page of a listing of `items` (post indices).
    pub(super) fn paginate<'v>(
        &'v self,
        items: &'v [usize],
        n: usize,
        first: &str,
    ) -> (Paginator, &'v [usize]) {
        let per = self.site.config.posts_per_page.max(1);
        let total_pages = page_count(items.len(), per);
        let u = &self.site.config.urls;
        let url = |k: usize| u.url(&urls::paginated(first, k));
        let start = (n - 1) * per;
        let shown = items.get(start..).unwrap_or_default();
        let shown = &shown[..shown.len().min(per)];
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
        let paginator = Paginator {
            current: n,
            total_pages,
            total_items: items.len(),
            first_url: url(1),
            last_url: url(total_pages),
            prev_url: (n > 1).then(|| url(n - 1)),
            next_url: (n < total_pages).then(|| url(n + 1)),
            pages,
        };
        (paginator, shown)
    }
}

/// A page at an old address that sends readers (and search engines) on.
pub(super) fn redirect_html(target: &PostSummary, permalink: String, lang: &str) -> String {
    let esc = |s: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        out
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{url}\">{title}</a>.</p>\n</body>\n</html>\n",
        title = esc(&target.title),
        permalink = esc(&permalink),
        url = esc(&target.url),
        lang = esc(lang),
    )
}
