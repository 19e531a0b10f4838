//! The topics page (`/categories/`): every category and tag.

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, home, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::model::{Site, Taxonomy};
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::urls;
use crate::views::{Link, Meta, TermRef};

/// `categories.html`'s context.
#[derive(Serialize)]
struct CategoriesPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    categories: Vec<&'a TermRef>,
    tags: Vec<&'a TermRef>,
}

impl HasMeta for CategoriesPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

pub struct Categories;

/// Every term of `t`, by name.
fn sorted<'a>(cx: &PageCx<'a>, t: Taxonomy) -> Vec<&'a TermRef> {
    let mut terms: Vec<&TermRef> = (0..cx.term_count(t)).map(|i| cx.term(t, i)).collect();
    terms.sort_by_key(|t| t.name.to_lowercase());
    terms
}

impl PageKind for Categories {
    fn template(&self) -> Option<&'static str> {
        Some("categories.html")
    }

    fn plan(&self, id: KindId, _: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the topics page");
        plan.page(urls::CATEGORIES.into(), Job::new(id, 0, 1), claim, true);
    }

    fn inputs(&self, site: &Site, _: Job, _: &[Vec<usize>], deps: &mut Deps) {
        for t in [Taxonomy::Categories, Taxonomy::Tags] {
            for i in 0..site.terms(t).len() {
                deps.add(Input::Term(t, i as u32));
            }
        }
    }

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let breadcrumbs = vec![home(cx), crumb("Topics", &s.categories_url)];
        let description = format!("Every topic and tag of the articles on {}", s.title);
        let page_meta = meta(cx, "categories", "Topics", &description, &s.categories_url);
        let page = CategoriesPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            categories: sorted(cx, Taxonomy::Categories),
            tags: sorted(cx, Taxonomy::Tags),
        };
        cx.render("categories.html", &page, out)
    }
}
