//! The archive of a category (`/categories/<slug>/`) or a tag
//! (`/tags/<slug>/`), paginated like the home page.

use super::common::{crumb, feed_link, home, meta, paginator, with_ld};
use super::cx::PageCx;
use super::home::{ListingPage, listing_inputs};
use super::{Alternates, PageKind};
use crate::diag::Diagnostic;
use crate::i18n::Key;
use crate::model::{Site, Taxonomy};
use crate::plan::inputs::{Deps, Input, Listing};
use crate::plan::{Claim, Job, KindId, Plan, page_count};
use crate::render::prerendered::CardKind;
use crate::urls;
use crate::views::Meta;

/// The archives of every category, or of every tag. Job: `item` is the term.
pub struct Archive(pub Taxonomy);

impl Archive {
    /// The site path of a term's first page (under its language's folder).
    fn first_page(&self, site: &Site, term: usize) -> String {
        site.term_path(self.0, term)
    }
}

impl PageKind for Archive {
    fn template(&self) -> Option<&'static str> {
        Some("taxonomy.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        let what = match self.0 {
            Taxonomy::Categories => "a category's archive",
            Taxonomy::Tags => "a tag's archive",
        };
        for (i, t) in site.terms(self.0).iter().enumerate() {
            let first = self.first_page(site, i);
            for n in 1..=page_count(t.posts.len(), site.config.posts_per_page) {
                let path = urls::paginated(&first, n);
                let job = Job::new(id, i, n).in_lang(t.lang);
                plan.page(path, job, Claim::Gait(what), true);
            }
        }
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        deps.add(Input::Term(self.0, job.item));
        listing_inputs(site, Listing::Term(self.0, job.item), job.page(), deps);
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let is_cat = self.0 == Taxonomy::Categories;
        let n = job.page();
        let s = cx.site();
        let text = cx.text();
        let t = cx.term(self.0, job.item());
        let first = cx.path_in_lang(&match self.0 {
            Taxonomy::Categories => urls::category(&t.slug),
            Taxonomy::Tags => urls::tag(&t.slug),
        });
        let slice = cx.listing(Listing::Term(self.0, job.item), n);
        let paginator = paginator(cx, slice.total, n, &first);
        let term = ("name", t.name.as_str());
        // A tag may share its name with a category: titles stay unique.
        let (name, about, about_page) = match is_cat {
            true => (t.name.clone(), Key::ArticlesAbout, Key::ArticlesAboutPage),
            false => (
                text.fill(Key::TagTitle, &[term]),
                Key::ArticlesTagged,
                Key::ArticlesTaggedPage,
            ),
        };
        let (title, description) = match n {
            1 => (name, text.fill(about, &[term])),
            _ => {
                let (n, total) = (n.to_string(), paginator.total_pages.to_string());
                let page = [term, ("n", &n), ("total", &total)];
                let paged = [("title", name.as_str()), ("n", &n)];
                (
                    text.fill(Key::PagedTitle, &paged),
                    text.fill(about_page, &page),
                )
            }
        };
        let breadcrumbs = vec![
            home(cx),
            crumb(text.get(Key::Topics), &s.categories_url),
            crumb(&t.name, &t.url),
        ];
        let kind = if is_cat { "category" } else { "tag" };
        let page_meta = meta(cx, kind, &title, &description, &s.categories_url);
        let feed = match is_cat {
            true => feed_link(cx, text.fill(Key::ArticlesAbout, &[term]), &first),
            false if cx.tag_feeds() => {
                feed_link(cx, text.fill(Key::ArticlesTagged, &[term]), &first)
            }
            false => None,
        };
        let page = ListingPage {
            meta: Meta {
                feed,
                ..with_ld(cx, page_meta, &breadcrumbs, Vec::new())
            },
            breadcrumbs,
            paginator,
            posts: cx.summaries(&slice.shown),
            cards: cx.cards(&slice.shown, CardKind::Listing)?,
            term: Some(t),
        };
        cx.render("taxonomy.html", &page, out)
    }

    fn alternates(&self, _: &Site, _: Job) -> Alternates {
        Alternates::Nowhere
    }
}
