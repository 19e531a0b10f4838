//! The archive of a category (`/categories/<slug>/`) or a tag
//! (`/tags/<slug>/`), paginated like the home page.

use super::PageKind;
use super::common::{crumb, feed_link, home, meta, paginator, with_ld};
use super::cx::PageCx;
use super::home::{ListingPage, listing_inputs};
use crate::diag::Diagnostic;
use crate::model::{Site, Taxonomy};
use crate::plan::inputs::{Deps, Input, Listing};
use crate::plan::{Claim, Job, KindId, Plan, page_count};
use crate::render::prerendered::CardKind;
use crate::urls;
use crate::views::Meta;

/// The archives of every category, or of every tag. Job: `item` is the term.
pub struct Archive(pub Taxonomy);

impl Archive {
    fn first_page(&self, slug: &str) -> String {
        match self.0 {
            Taxonomy::Categories => urls::category(slug),
            Taxonomy::Tags => urls::tag(slug),
        }
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
            let first = self.first_page(&t.slug);
            for n in 1..=page_count(t.posts.len(), site.config.posts_per_page) {
                let path = urls::paginated(&first, n);
                plan.page(path, Job::new(id, i, n), Claim::Gait(what), true);
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
        let t = cx.term(self.0, job.item());
        let first = self.first_page(&t.slug);
        let slice = cx.listing(Listing::Term(self.0, job.item), n);
        let paginator = paginator(cx, slice.total, n, &first);
        // A tag may share its name with a category: titles stay unique.
        let (name, about) = match is_cat {
            true => (t.name.clone(), "Articles about"),
            false => (format!("Tag: {}", t.name), "Articles tagged"),
        };
        let (title, description) = match n {
            1 => (name, format!("{about} {}", t.name)),
            _ => (
                format!("{name} (page {n})"),
                format!("{about} {}, page {n} of {}", t.name, paginator.total_pages),
            ),
        };
        let breadcrumbs = vec![
            home(cx),
            crumb("Topics", &s.categories_url),
            crumb(&t.name, &t.url),
        ];
        let kind = if is_cat { "category" } else { "tag" };
        let page_meta = meta(cx, kind, &title, &description, &s.categories_url);
        let feed = match is_cat {
            true => feed_link(cx, format!("Articles about {}", t.name), &first),
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
}
