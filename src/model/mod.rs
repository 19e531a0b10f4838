//! The resolved site: every reference between files checked and turned into
//! an index, posts sorted, categories and tags collected.
//!
//! Built from [`crate::content::load::Loaded`] by [`resolve()`], which reports
//! every unknown author, unknown clinic and clash at once.

mod resolve;
mod terms;
mod translations;

pub use translations::{Older, Status as TranslationStatus, status as translation_status};

pub use resolve::resolve;

use foldhash::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::content::author::AuthorDoc;
use crate::content::clinic::ClinicDoc;
use crate::content::comments::{CommentDoc, CommentsDoc};
use crate::content::page::PageDoc;
use crate::content::post::PostDoc;
use crate::content::referrals::Referral;
use crate::content::translated::{AuthorText, ClinicText};
use crate::i18n::Lang;

/// Which posts a build includes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<Utc>,
    /// site.yaml's `timezone`: dates without an offset are its clock times.
    pub timezone: Option<chrono_tz::Tz>,
}

impl Selection {
    /// Whether a post dated `date` is still to come.
    pub fn is_future(&self, date: &crate::date::Date) -> bool {
        date.is_after_in(self.now, self.timezone)
    }
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// By language (the default first), then newest first: the posts of
    /// one language are a range ([`Site::posts_in`]).
    pub posts: Vec<Post>,
    /// Where each language's posts are in `posts`.
    pub post_ranges: Vec<std::ops::Range<usize>>,
    /// By name.
    pub authors: Vec<Author>,
    /// By name.
    pub clinics: Vec<Clinic>,
    /// By language, then slug.
    pub pages: Vec<Arc<PageDoc>>,
    /// For each page, its versions in other languages (by language).
    pub page_translations: Vec<Vec<usize>>,
    /// Each language's own (a post's terms are in its language), in order
    /// of first use (newest post first); views sort them for display.
    pub categories: Vec<Term>,
    pub tags: Vec<Term>,
    /// Therapists outside the clinic, for the finder.
    pub referrals: Vec<Referral>,
    /// Fingerprint of `data/referrals.yaml`.
    pub referrals_version: u64,
    /// Posts this build leaves out.
    pub left_out: LeftOut,
}

/// Posts a build leaves out, counted for its summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// `draft: true` (built with `--drafts`).
    pub drafts: usize,
    /// Dated in the future (built with `--future`).
    pub scheduled: usize,
}

/// Categories or tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    Categories = 0,
    Tags = 1,
}

#[derive(Debug, Clone)]
pub struct Post {
    pub doc: Arc<PostDoc>,
    pub authors: Vec<usize>,
    /// Who medically reviewed the post (its `reviewed_by`).
    pub reviewer: Option<usize>,
    pub clinic: Option<usize>,
    pub categories: Vec<usize>,
    pub tags: Vec<usize>,
    /// Imported or curated comments, in file order.
    pub comments: Option<Arc<CommentsDoc>>,
    /// The same post in other languages (same file name), by language.
    pub translations: Vec<usize>,
}

impl Site {
    /// The posts of `lang`, newest first.
    pub fn posts_in(&self, lang: Lang) -> std::ops::Range<usize> {
        self.post_ranges.get(lang.index()).cloned().unwrap_or(0..0)
    }

    /// The part of `items` (post indices in order) that is in `lang`.
    pub fn of_lang<'a>(&self, items: &'a [usize], lang: Lang) -> &'a [usize] {
        let range = self.posts_in(lang);
        let lo = items.partition_point(|&i| i < range.start);
        let hi = items.partition_point(|&i| i < range.end);
        &items[lo..hi]
    }

    /// The site path of `path` (`posts/x/`) in `lang` (`es/posts/x/`).
    pub fn path_in(&self, lang: Lang, path: &str) -> String {
        match lang {
            Lang::DEFAULT => path.to_string(),
            l => format!("{}{path}", self.config.languages.prefix(l)),
        }
    }

    /// The site path of post `i`'s page.
    pub fn post_path(&self, i: usize) -> String {
        let doc = &self.posts[i].doc;
        self.path_in(doc.lang, &crate::urls::post(&doc.slug))
    }

    /// The categories or the tags.
    pub fn terms(&self, t: Taxonomy) -> &[Term] {
        match t {
            Taxonomy::Categories => &self.categories,
            Taxonomy::Tags => &self.tags,
        }
    }

    /// The site path of term `i`'s first page, under its language's folder.
    pub fn term_path(&self, t: Taxonomy, i: usize) -> String {
        let term = &self.terms(t)[i];
        let path = match t {
            Taxonomy::Categories => crate::urls::category(&term.slug),
            Taxonomy::Tags => crate::urls::tag(&term.slug),
        };
        self.path_in(term.lang, &path)
    }

    /// Drop the entries of a cache kept by post file (between the preview
    /// server's rebuilds) whose post is gone. Each post has its own file, so
    /// a cache holding one entry per post holds nothing stale.
    pub fn forget_gone_posts<V>(&self, cache: &mut HashMap<std::path::PathBuf, V>) {
        if cache.len() != self.posts.len() {
            let current: foldhash::HashSet<&std::path::Path> =
                self.posts.iter().map(|p| p.doc.file.as_path()).collect();
            cache.retain(|file, _| current.contains(file.as_path()));
        }
    }
}

impl Post {
    pub fn comments(&self) -> &[CommentDoc] {
        self.comments
            .as_deref()
            .map(|c| c.comments.as_slice())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct Author {
    pub doc: Arc<AuthorDoc>,
    pub clinic: Option<usize>,
    /// In post order (by language, newest first).
    pub posts: Vec<usize>,
    /// The author's page in each language (`None` where it is not translated).
    pub texts: Vec<Option<Arc<AuthorText>>>,
}

#[derive(Debug, Clone)]
pub struct Clinic {
    pub doc: Arc<ClinicDoc>,
    pub authors: Vec<usize>,
    /// In post order (by language, newest first).
    pub posts: Vec<usize>,
    /// The clinic's page in each language (`None` where it is not translated).
    pub texts: Vec<Option<Arc<ClinicText>>>,
}

impl Author {
    /// The author's translation into `lang`, if any.
    pub fn text(&self, lang: Lang) -> Option<&AuthorText> {
        self.texts.get(lang.index()).and_then(|t| t.as_deref())
    }
}

impl Clinic {
    /// The clinic's translation into `lang`, if any.
    pub fn text(&self, lang: Lang) -> Option<&ClinicText> {
        self.texts.get(lang.index()).and_then(|t| t.as_deref())
    }
}

/// A category or tag.
#[derive(Debug, Clone)]
pub struct Term {
    /// The language of its posts.
    pub lang: Lang,
    pub name: String,
    pub slug: String,
    /// Newest first.
    pub posts: Vec<usize>,
}

/// Free the Markdown text of the site's posts once it is rendered and
/// checked: a single build does not need it again, and on a large site it
/// is most of the memory the loaded content takes. A post whose document
/// is still shared elsewhere keeps its text.
pub fn drop_sources(site: &mut Site) {
    for p in &mut site.posts {
        if let Some(doc) = Arc::get_mut(&mut p.doc) {
            doc.body = String::new();
        }
    }
}
