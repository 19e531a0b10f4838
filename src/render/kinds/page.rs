//! A standalone page (`content/pages/<slug>.md` at `/<slug>/`).

use serde::Serialize;

use super::common::{crumb, home, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use super::{Alternates, PageKind};
use crate::diag::Diagnostic;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::urls;
use crate::views::{Link, Meta, PageView};

/// `page.html`'s context.
#[derive(Serialize)]
struct StandalonePage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    page: &'a PageView,
}

impl HasMeta for StandalonePage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

pub struct Standalone;

impl PageKind for Standalone {
    fn template(&self) -> Option<&'static str> {
        Some("page.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        for (i, p) in site.pages.iter().enumerate() {
            let claim = Claim::Page(i as u32);
            let job = Job::new(id, i, 1).in_lang(p.lang);
            plan.page(site.path_in(p.lang, &urls::page(&p.slug)), job, claim, true);
        }
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        deps.add(Input::Page(job.item));
        if site.config.languages.is_multilingual() {
            deps.add(Input::PageTranslations(job.item));
        }
    }

    fn alternates(&self, site: &Site, job: Job) -> Alternates {
        let list = site.page_translations[job.item()]
            .iter()
            .map(|&j| {
                let p = &site.pages[j];
                (p.lang, site.path_in(p.lang, &urls::page(&p.slug)))
            })
            .collect();
        Alternates::These(Input::PageTranslations(job.item), list)
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let p = cx.page(job.item());
        let breadcrumbs = vec![home(cx), crumb(&p.title, &p.url)];
        let page_meta = meta(cx, "page", &p.title, &p.summary, &p.url);
        let page = StandalonePage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            page: p,
        };
        cx.render("page.html", &page, out)
    }
}
