//! The search page (`/search/`, `/search/?q=...`). Its index is made by
//! [`crate::search`].

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, home, in_every_language, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::inputs::Deps;
use crate::plan::{Claim, Job, KindId, Plan};
use crate::search::SearchView;
use crate::urls;
use crate::views::{Link, Meta};

/// `search.html`'s context.
#[derive(Serialize)]
struct SearchPage {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    search: SearchView,
}

impl HasMeta for SearchPage {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

pub struct Search;

impl PageKind for Search {
    fn template(&self) -> Option<&'static str> {
        Some("search.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the search page");
        in_every_language(site, plan, urls::SEARCH, Job::new(id, 0, 1), claim);
    }

    fn inputs(&self, _: &Site, _: Job, _: &[Vec<usize>], _: &mut Deps) {}

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let text = cx.text();
        let title = text.get(Key::Search);
        let breadcrumbs = vec![home(cx), crumb(title, &s.search_url)];
        let description = text.fill(Key::SearchDescription, &[("site", &s.title)]);
        let page_meta = meta(cx, "search", title, &description, "");
        let page = SearchPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            search: SearchView::new(cx.urls(), &cx.path_in_lang("")),
        };
        cx.render("search.html", &page, out)
    }
}
