//! What each page shows, as a fingerprint, so a rebuild can skip the pages
//! whose inputs did not change (the preview server's fast path).
//!
//! A page's fingerprint covers the posts it lists and their neighbours; the
//! site-wide fingerprint covers everything that can change any page (site.yaml,
//! templates, authors, clinics, pages, referrals, build flags). When the
//! site-wide one changes, every page is rendered again.

use foldhash::HashMap;
use std::sync::Arc;

use crate::fingerprint::Combiner;
use crate::model::Site;
use crate::plan::{Job, Planned, page_count};

/// Fingerprints of the pages of the last build.
#[derive(Debug, Default, Clone)]
pub struct PageCache {
    global: Option<u64>,
    pages: HashMap<String, u64>,
    /// Related posts, with the fingerprint of what they were computed from.
    related: Option<(u64, Arc<Vec<Vec<usize>>>)>,
    /// Post views of the last build.
    pub views: crate::views::present::ViewCache,
}

impl PageCache {
    /// Start a build with site-wide fingerprint `global`; forget every page if it changed.
    pub fn begin(&mut self, global: u64) {
        if self.global != Some(global) {
            self.pages.clear();
            self.global = Some(global);
        }
    }

    /// Whether page `path` with fingerprint `fp` is unchanged since the last build.
    pub fn is_fresh(&self, path: &str, fp: u64) -> bool {
        self.pages.get(path) == Some(&fp)
    }

    /// Related posts of every post, computed again only when the posts'
    /// categories and tags (by position in the date order) changed.
    pub fn related(&mut self, site: &Site) -> Arc<Vec<Vec<usize>>> {
        // They depend only on which terms each post (by position) has.
        let mut c = Combiner::new();
        c.add(&site.posts.len());
        for p in &site.posts {
            c.add(&p.categories).add(&p.tags);
        }
        let key = c.finish();
        match &self.related {
            Some((k, related)) if *k == key => related.clone(),
            _ => {
                let related = Arc::new(crate::render::related::related(site));
                self.related = Some((key, related.clone()));
                related
            }
        }
    }

    /// Remember the pages of this build (drops pages that no longer exist).
    pub fn finish(&mut self, fresh: HashMap<String, u64>) {
        self.pages = fresh;
    }
}

fn post_version(site: &Site, i: usize) -> u64 {
    let p = &site.posts[i];
    let comments = p.comments.as_ref().map(|c| c.version).unwrap_or(0);
    Combiner::new().add(&p.doc.version).add(&comments).finish()
}

/// Page `page` of a listing of `len` posts, whose k-th post is `item(k)`.
fn listing(site: &Site, c: &mut Combiner, len: usize, item: impl Fn(usize) -> usize, page: usize) {
    let per = site.config.posts_per_page.max(1);
    c.add(&page).add(&page_count(len, per)).add(&len);
    for k in ((page - 1) * per..page * per).take_while(|&k| k < len) {
        c.add(&post_version(site, item(k)));
    }
}

/// The fingerprint of one planned page.
pub fn page_fingerprint(site: &Site, planned: &Planned, related: &[Vec<usize>]) -> u64 {
    let mut c = Combiner::new();
    c.add(&planned.path);
    match &planned.job {
        Job::Home(n) => listing(site, &mut c, site.posts.len(), |k| k, *n),
        Job::Post(i) => {
            c.add(&post_version(site, *i));
            for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                if j < site.posts.len() {
                    c.add(&post_version(site, j));
                }
            }
            for &j in &related[*i] {
                c.add(&post_version(site, j));
            }
        }
        Job::Category { term, page } => {
            let posts = &site.categories[*term].posts;
            listing(site, &mut c, posts.len(), |k| posts[k], *page);
        }
        Job::Tag { term, page } => {
            let posts = &site.tags[*term].posts;
            listing(site, &mut c, posts.len(), |k| posts[k], *page);
        }
        Job::Author(a) => {
            for &i in &site.authors[*a].posts {
                c.add(&post_version(site, i));
            }
        }
        Job::Clinic(k) => {
            for &i in &site.clinics[*k].posts {
                c.add(&post_version(site, i));
            }
        }
        Job::Categories => {
            for t in site.categories.iter().chain(&site.tags) {
                c.add(&t.slug).add(&t.name).add(&t.posts.len());
            }
        }
        Job::Redirect { to } => {
            c.add(&post_version(site, *to));
        }
        Job::Authors | Job::Clinics | Job::Page(_) | Job::Finder | Job::Search | Job::NotFound => {}
    }
    c.finish()
}
