//! The preview's last resolved site, reused when a save changed only the
//! text of posts: their front matter, every other document, site.yaml and
//! which posts are published are as before, so the model (authors,
//! clinics, terms, order, translations) is too, and only the changed posts'
//! documents are swapped in. Typing in a post then skips resolving 10,000
//! posts again.

use std::path::PathBuf;
use std::sync::Arc;

use foldhash::HashMap;

use crate::content::load::Loaded;
use crate::diag::Diagnostic;
use crate::model::{Selection, Site};

/// What the last resolve was made from, and what it made.
pub struct LastSite {
    config_text: String,
    /// Every loaded post, as loaded (published or not).
    posts: Vec<Arc<crate::content::post::PostDoc>>,
    /// Whether each of `posts` was published.
    chosen: Vec<bool>,
    others: Others,
    site: Site,
    /// What resolving said (warnings only: a site with errors is not kept).
    said: Vec<Diagnostic>,
    /// Where each published post is in `site.posts`, by file.
    index: HashMap<PathBuf, usize>,
}

/// The documents other than posts, by identity: the loader hands out the
/// same `Arc` for a file it did not read again.
#[derive(PartialEq)]
struct Others {
    authors: Vec<usize>,
    clinics: Vec<usize>,
    pages: Vec<usize>,
    comments: Vec<usize>,
    author_texts: Vec<usize>,
    clinic_texts: Vec<usize>,
    referrals_version: u64,
    broken: Vec<PathBuf>,
}

fn ids<T>(docs: &[Arc<T>]) -> Vec<usize> {
    docs.iter().map(|d| Arc::as_ptr(d) as usize).collect()
}

impl Others {
    fn of(loaded: &Loaded) -> Others {
        Others {
            authors: ids(&loaded.authors),
            clinics: ids(&loaded.clinics),
            pages: ids(&loaded.pages),
            comments: ids(&loaded.comments),
            author_texts: ids(&loaded.author_texts),
            clinic_texts: ids(&loaded.clinic_texts),
            referrals_version: loaded.referrals_version,
            broken: loaded.broken.clone(),
        }
    }
}

fn chosen(loaded: &Loaded, sel: &Selection) -> Vec<bool> {
    loaded
        .posts
        .iter()
        .map(|p| (sel.drafts || !p.draft) && (sel.future || !sel.is_future(&p.date)))
        .collect()
}

/// What a resolve is checked against and kept with.
pub struct Made<'a> {
    pub config_text: &'a str,
    pub loaded: &'a Loaded,
    pub selection: &'a Selection,
}

/// What a resolve is made from, noted before it consumes it.
pub struct Pending {
    config_text: String,
    posts: Vec<Arc<crate::content::post::PostDoc>>,
    chosen: Vec<bool>,
    others: Others,
}

impl Pending {
    pub fn of(made: &Made<'_>) -> Pending {
        Pending {
            config_text: made.config_text.to_string(),
            posts: made.loaded.posts.clone(),
            chosen: chosen(made.loaded, made.selection),
            others: Others::of(made.loaded),
        }
    }

    /// Keep `site`, resolved from what this notes, with what resolving `said`.
    pub fn keep(self, site: &Site, said: Vec<Diagnostic>) -> LastSite {
        let index = site
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.doc.file.clone(), i))
            .collect();
        LastSite {
            config_text: self.config_text,
            posts: self.posts,
            chosen: self.chosen,
            others: self.others,
            site: site.clone(),
            said,
            index,
        }
    }
}

impl LastSite {
    /// The site of `made`, when it differs from the last only in the text
    /// of posts, with what resolving it says; `None` when it must be
    /// resolved again.
    pub fn reuse(&self, made: &Made<'_>) -> Option<(Site, Vec<Diagnostic>)> {
        let loaded = made.loaded;
        let same_posts = self.posts.len() == loaded.posts.len()
            && self.posts.iter().zip(&loaded.posts).all(|(a, b)| {
                Arc::ptr_eq(a, b) || (a.file == b.file && a.front_version == b.front_version)
            });
        let unchanged = made.config_text == self.config_text
            && same_posts
            && self.others == Others::of(loaded)
            && self.chosen == chosen(loaded, made.selection);
        if !unchanged {
            return None;
        }
        let mut site = self.site.clone();
        for (old, new) in self.posts.iter().zip(&loaded.posts) {
            if Arc::ptr_eq(old, new) {
                continue;
            }
            if let Some(&i) = self.index.get(&new.file) {
                site.posts[i].doc = new.clone();
            }
        }
        Some((site, self.said.clone()))
    }
}
