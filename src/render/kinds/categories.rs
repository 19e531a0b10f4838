//! The topics page (`/categories/`): every category and tag.

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, home, in_every_language, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::i18n::Key;
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

/// Every term of `t` in the page's language, by name as its language
/// sorts it ("cadera", "cáncer", "consentimiento").
fn sorted<'a>(cx: &PageCx<'a>, t: Taxonomy) -> Vec<&'a TermRef> {
    let lang = cx.text().code();
    let mut terms: Vec<&TermRef> = cx.terms_in_lang(t).map(|i| cx.term(t, i)).collect();
    terms.sort_by_cached_key(|t| (crate::i18n::collate::key(&t.name, lang), t.name.clone()));
    terms
}

impl PageKind for Categories {
    fn template(&self) -> Option<&'static str> {
        Some("categories.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the topics page");
        in_every_language(site, plan, urls::CATEGORIES, Job::new(id, 0, 1), claim);
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        for t in [Taxonomy::Categories, Taxonomy::Tags] {
            for i in super::cx::terms_in(site, t, job.lang) {
                deps.add(Input::Term(t, i as u32));
            }
        }
    }

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let text = cx.text();
        let title = text.get(Key::Topics);
        let breadcrumbs = vec![home(cx), crumb(title, &s.categories_url)];
        let description = text.fill(Key::TopicsDescription, &[("site", &s.title)]);
        let page_meta = meta(cx, "categories", title, &description, &s.categories_url);
        let page = CategoriesPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            categories: sorted(cx, Taxonomy::Categories),
            tags: sorted(cx, Taxonomy::Tags),
        };
        cx.render("categories.html", &page, out)
    }
}
