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
    /// The templates of the last build, compiled.
    pub templates: super::settings::CompiledTemplates,
    /// The last resolved site, for a save that changed only posts' text.
    pub last_site: Option<super::resolved::LastSite>,
    /// Related posts, with the version of what they were computed from.
    related: Option<(u64, Arc<Vec<Vec<usize>>>)>,
    /// The site-wide version of the last write: fingerprints of another are never compared.
    site: Option<u64>,
    /// The plan of the last write, with each page's fingerprint in plan order.
    pages: Option<(Arc<Plan>, Vec<u64>)>,
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
            self.pages = None;
            self.site = Some(site);
        }
    }

    /// Which pages of `plan` (by their place among its pages) differ from
    /// the last write, given their fingerprints `fps`. When the plan is the
    /// last one (most saves), pages are compared by place, without a map.
    pub fn stale(&self, plan: &Arc<Plan>, fps: &[u64]) -> Vec<usize> {
        let changed = |old: &dyn Fn(usize, &str) -> Option<u64>| -> Vec<usize> {
            plan.pages()
                .zip(fps)
                .enumerate()
                .filter(|(i, ((path, _), fp))| old(*i, path) != Some(**fp))
                .map(|(i, _)| i)
                .collect()
        };
        match &self.pages {
            None => (0..fps.len()).collect(),
            Some((last, old)) if Arc::ptr_eq(last, plan) => changed(&|i, _| old.get(i).copied()),
            Some((last, old)) => {
                let by_path: HashMap<&str, u64> = last
                    .pages()
                    .map(|(p, _)| p)
                    .zip(old.iter().copied())
                    .collect();
                changed(&|_, path| by_path.get(path).copied())
            }
        }
    }

    /// Remember the pages of this write: its plan and their fingerprints.
    pub fn finish(&mut self, plan: Arc<Plan>, fps: Vec<u64>) {
        self.pages = Some((plan, fps));
    }

    /// Forget every page: the next write renders all of them.
    pub fn forget_pages(&mut self) {
        self.pages = None;
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

/// The fingerprint of each of `pages` (a plan's, in plan order).
pub fn fingerprints(
    site: &Site,
    pages: &[(&str, Job)],
    global: u64,
    related: &[Vec<usize>],
    versions: &Versions<'_>,
) -> Vec<u64> {
    use rayon::prelude::*;
    pages
        .par_iter()
        .map(|&(path, job)| page_fingerprint(site, path, job, global, related, versions))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Claim, KindId};

    fn plan(paths: &[&str]) -> Arc<Plan> {
        let mut plan = Plan::with_capacity(paths.len());
        for (i, path) in paths.iter().enumerate() {
            let job = Job::new(KindId(0), i, 1);
            plan.page(path.to_string(), job, Claim::Post(i as u32), true);
        }
        Arc::new(plan)
    }

    #[test]
    fn stale_pages_are_those_whose_fingerprint_changed_or_that_are_new() {
        let first = plan(&["a/", "b/", "c/"]);
        let mut inc = Incremental::default();
        inc.begin(7);
        assert_eq!(
            inc.stale(&first, &[1, 2, 3]),
            [0, 1, 2],
            "nothing written yet"
        );
        inc.finish(first.clone(), vec![1, 2, 3]);

        // The same plan: compared by place.
        assert_eq!(inc.stale(&first, &[1, 9, 3]), [1]);
        assert_eq!(inc.stale(&first, &[1, 2, 3]), Vec::<usize>::new());

        // Another plan, with a page between: compared by path.
        let second = plan(&["a/", "new/", "b/", "c/"]);
        assert_eq!(inc.stale(&second, &[1, 5, 2, 4]), [1, 3]);
        inc.finish(second.clone(), vec![1, 5, 2, 4]);
        assert_eq!(inc.stale(&second, &[1, 5, 2, 4]), Vec::<usize>::new());

        // A new site-wide version: every page again.
        inc.begin(8);
        assert_eq!(inc.stale(&second, &[1, 5, 2, 4]), [0, 1, 2, 3]);
        inc.finish(second.clone(), vec![1, 5, 2, 4]);
        inc.forget_pages();
        inc.begin(8);
        assert_eq!(
            inc.stale(&second, &[1, 5, 2, 4]),
            [0, 1, 2, 3],
            "after forgetting"
        );
    }
}
