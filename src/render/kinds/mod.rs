//! Page kinds. Each module here owns one kind of page: its addresses (it
//! adds its pages to the plan), the inputs each page reads, its typed
//! context and the code that builds it, its template, and whether its pages
//! belong in the sitemap. The renderer only dispatches through [`KINDS`].
//!
//! Adding a page kind is its module, its template, and one line in [`KINDS`].

mod alias;
mod authors;
mod categories;
mod clinics;
mod common;
pub mod cx;
mod home;
mod not_found;
mod page;
mod post;
mod search;
mod taxonomy;
mod therapists;

pub use cx::{Cx, PageCx};

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Job, KindId, Plan};

/// Where a page is in the site's other languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternates {
    /// At its own address under each language's folder (the home page,
    /// the team page, an author's page...).
    Everywhere,
    /// Nowhere else (a category's archive: categories are per language).
    Nowhere,
    /// Its translations (language, site path), which the page reads as `input`.
    These(Input, Vec<(Lang, String)>),
}

/// One kind of page.
pub trait PageKind: Sync {
    /// The template that renders it (every theme must have it); `None` for
    /// a kind written without a template.
    fn template(&self) -> Option<&'static str>;

    /// Add this kind's pages to `plan`, as `Job`s of kind `id`.
    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan);

    /// What the page of `job` shows besides the site-wide values (site.yaml,
    /// templates, build options) that every page has.
    fn inputs(&self, site: &Site, job: Job, related: &[Vec<usize>], deps: &mut Deps);

    /// Render the page of `job` into `out`.
    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic>;

    /// The date the sitemap gives for the page as its last change, if any.
    fn lastmod(&self, _site: &Site, _job: Job) -> Option<Date> {
        None
    }

    /// Where the page of `job` is in other languages (for `hreflang`, the
    /// language switcher and the sitemap).
    fn alternates(&self, _site: &Site, _job: Job) -> Alternates {
        Alternates::Everywhere
    }
}

/// Every page kind, in the order their pages are planned (which is the
/// order of the sitemap).
pub static KINDS: &[&dyn PageKind] = &[
    &home::Home,
    &search::Search,
    &post::Post,
    &alias::Alias,
    &authors::Authors,
    &authors::Author,
    &clinics::Clinics,
    &clinics::Clinic,
    &categories::Categories,
    &taxonomy::Archive(crate::model::Taxonomy::Categories),
    &taxonomy::Archive(crate::model::Taxonomy::Tags),
    &page::Standalone,
    &therapists::Finder,
    &not_found::NotFound,
];

fn kind(job: Job) -> &'static dyn PageKind {
    KINDS[usize::from(job.kind.0)]
}

/// Add every kind's pages to `plan`.
pub fn plan(site: &Site, plan: &mut Plan) {
    for (i, k) in KINDS.iter().enumerate() {
        k.plan(KindId(i as u8), site, plan);
    }
}

/// The templates every theme must provide.
pub fn required_templates() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter_map(|k| k.template())
}

/// The inputs of the page of `job`.
pub fn inputs(site: &Site, job: Job, related: &[Vec<usize>]) -> Deps {
    let mut deps = Deps::default();
    kind(job).inputs(site, job, related, &mut deps);
    deps
}

/// Render the page of `job` into `out` (appended).
pub fn render(cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
    kind(job).render(cx, job, out)
}

/// The sitemap's last-change date of the page of `job`.
pub fn lastmod(site: &Site, job: Job) -> Option<Date> {
    kind(job).lastmod(site, job)
}

/// Where the page of `job` is in other languages.
pub fn alternates(site: &Site, job: Job) -> Alternates {
    kind(job).alternates(site, job)
}

/// Every version of the page of `job` at site path `path`, itself included
/// (by language), or nothing when it has no version in another language.
pub fn versions(site: &Site, job: Job, path: &str) -> Vec<(Lang, String)> {
    let langs = &site.config.languages;
    match alternates(site, job) {
        Alternates::Nowhere => Vec::new(),
        Alternates::Everywhere if !langs.is_multilingual() => Vec::new(),
        Alternates::Everywhere => {
            let prefix = langs.prefix(job.lang);
            let own = path.strip_prefix(prefix.as_str()).unwrap_or(path);
            langs.all().map(|l| (l, site.path_in(l, own))).collect()
        }
        Alternates::These(_, list) if list.is_empty() => Vec::new(),
        Alternates::These(_, mut list) => {
            list.push((job.lang, path.to_string()));
            list.sort_by_key(|(l, _)| *l);
            list
        }
    }
}
