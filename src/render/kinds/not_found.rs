//! The page a host shows for a missing address (`/404.html`).

use serde::Serialize;

use super::PageKind;
use super::common::meta;
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::inputs::Deps;
use crate::plan::{Claim, Job, KindId, Plan};
use crate::urls;
use crate::views::{Link, Meta};

/// `404.html`'s context.
#[derive(Serialize)]
struct BarePage {
    meta: Meta,
    breadcrumbs: Vec<Link>,
}

impl HasMeta for BarePage {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

pub struct NotFound;

impl PageKind for NotFound {
    fn template(&self) -> Option<&'static str> {
        Some("404.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the page for missing addresses");
        for l in site.config.languages.all() {
            let job = Job::new(id, 0, 1).in_lang(l);
            plan.page(site.path_in(l, urls::NOT_FOUND), job, claim, false);
        }
    }

    fn inputs(&self, _: &Site, _: Job, _: &[Vec<usize>], _: &mut Deps) {}

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let page = BarePage {
            meta: meta(cx, "404", cx.text().get(Key::PageNotFound), "", ""),
            breadcrumbs: Vec::new(),
        };
        cx.render("404.html", &page, out)
    }
}
