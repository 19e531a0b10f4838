//! The therapist finder's page (site.yaml `finder.path`, by default
//! `/find-a-therapist/`). Its data, `therapists.json`, is made by
//! [`crate::finder`].

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, home, in_every_language, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::finder::FinderView;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::views::{Link, Meta};

/// `finder.html`'s context.
#[derive(Serialize)]
struct FinderPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    finder: &'a FinderView,
}

impl HasMeta for FinderPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

pub struct Finder;

impl PageKind for Finder {
    fn template(&self) -> Option<&'static str> {
        Some("finder.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        if let Some(f) = &site.config.finder {
            let claim = Claim::Config {
                key: "finder",
                what: "the therapist finder",
            };
            let path = format!("{}/", f.path);
            in_every_language(site, plan, &path, Job::new(id, 0, 1), claim);
        }
    }

    fn inputs(&self, _: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        deps.add(Input::Finder(job.lang));
    }

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let Some(f) = cx.finder() else {
            return Err(Diagnostic::error(
                crate::config::FILE_NAME,
                "the therapist finder is turned off",
            ));
        };
        let total = f.total.to_string();
        let description = cx.text().fill(Key::FinderDescription, &[("n", &total)]);
        let breadcrumbs = vec![home(cx), crumb(&f.title, &f.url)];
        let page_meta = meta(cx, "finder", &f.title, &description, &f.url);
        let page = FinderPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            finder: f,
        };
        cx.render("finder.html", &page, out)
    }
}
