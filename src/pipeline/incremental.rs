//! What the preview server keeps between rebuilds, in one value: rendered
//! post bodies, post views, related posts, the plan, link checks, and each
//! page's fingerprint. Every key is a version from [`crate::plan::inputs`];
//! a page's fingerprint is derived from the inputs its kind declares.

use foldhash::HashMap;
use std::sync::Arc;

use super::bodies::BodyCache;
use super::structure::StructureCache;
use crate::images::PictureSet;
use crate::links::LinkCache;
use crate::model::Site;
use crate::plan::inputs::{self, Versions};
use crate::plan::{Job, Plan};
use crate::render::kinds;
use crate::views::present::ViewCache;

/// Everything that survives between the preview server's rebuilds.
#[derive(Default)]
pub struct Incremental {
    /// Rendered Markdown of posts, by file.
    pub bodies: BodyCache,
    /// Post views and cards, by file.
    pub views: ViewCache,
    /// The plan, its clashes and addresses.
    pub structure: StructureCache,
    /// Link checks of post bodies.
    pub links: LinkCache,
    /// The pictures of the last build: a picture whose file did not change
    /// is not read again.
    pub pictures: Option<Arc<PictureSet>>,
    /// The last resolved site, for a save that changed only posts' text.
    pub last_site: Option<super::resolved::LastSite>,
    /// Related posts, with the version of what they were computed from.
    related: Option<(u64, Arc<Vec<Vec<usize>>>)>,
    /// The site-wide version of the last write: fingerprints of another are never compared.
    site: Option<u64>,
    /// Each page's fingerprint in the last write, by site path.
    pages: HashMap<String, u64>,
}

impl Incremental {
    /// Related posts of every post, computed again only when the posts'
    /// categories and tags (by position in the date order) changed.
    pub fn related(&mut self, site: &Site) -> Arc<Vec<Vec<usize>>> {
        let key = Versions::terms_of_posts(site);
        match &self.related {
            Some((k, related)) if *k == key => related.clone(),
            _ => {
                let related = Arc::new(crate::render::related::related(site));
                self.related = Some((key, related.clone()));
                related
            }
        }
    }

    /// Start a write with site-wide version `site`: every page is stale if it changed.
    pub fn begin(&mut self, site: u64) {
        if self.site != Some(site) {
            self.pages.clear();
            self.site = Some(site);
        }
    }

    /// Whether the page at `path` with fingerprint `fp` is as in the last write.
    pub fn is_fresh(&self, path: &str, fp: u64) -> bool {
        self.pages.get(path) == Some(&fp)
    }

    /// Remember the pages of this write (pages that are gone are dropped).
    pub fn finish(&mut self, pages: HashMap<String, u64>) {
        self.pages = pages;
    }

    /// Forget every page: the next write renders all of them.
    pub fn forget_pages(&mut self) {
        self.pages.clear();
        self.site = None;
    }
}

/// The fingerprint of the page of `job` at `path`.
pub fn page_fingerprint(
    site: &Site,
    path: &str,
    job: Job,
    global: u64,
    related: &[Vec<usize>],
    versions: &Versions<'_>,
) -> u64 {
    let deps = kinds::inputs(site, job, related);
    inputs::fingerprint(path, global, &deps, &|input| versions.of(input))
}

/// The fingerprint of every page of `plan`, in plan order.
pub fn fingerprints(
    site: &Site,
    plan: &Plan,
    global: u64,
    related: &[Vec<usize>],
    versions: &Versions<'_>,
) -> Vec<u64> {
    use rayon::prelude::*;
    let pages: Vec<(&str, Job)> = plan.pages().collect();
    pages
        .par_iter()
        .map(|&(path, job)| page_fingerprint(site, path, job, global, related, versions))
        .collect()
}
